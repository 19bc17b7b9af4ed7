"""Charts of chapter 4, customer tiering: Pareto curve, ABC, pyramid, tier moves, RFM, key accounts.

Each function takes the output of a :mod:`casekit.tiering` function (or the data it needs), an
optional ``ax``, draws one fully labelled chart and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.patches import Polygon
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from .. import i18n
from .. import tiering as _t
from ..i18n import _
from . import _style
from ._style import COLORS, PALETTE

__all__ = ["pareto_curve", "abc_chart", "pyramid_chart", "tier_shares", "transition_heatmap",
           "rfm_heatmap", "rfm_segments", "clv_by_tier", "strategic_focus_matrix",
           "time_vs_value"]


def _said(label) -> str:
    """A tier, segment or layer name as a tick label, in the course's language ("lead" = 铅)."""
    return i18n.translate(str(label), "tier")


def _need(frame, cols, what):
    from ..validate import require_frame
    require_frame(frame, cols, what=what)


@_style.chart
def pareto_curve(customers: pd.DataFrame, *, values=("revenue", "profit"), top=0.2,
                 customer="customer_id", title=None, ax=None):
    """Cumulative share of each value against the share of customers, highest first.

    The dashed diagonal is equal shares; the dotted lines mark the top ``top`` of customers and
    the 80% of the 80/20 rule.  Profit curves can rise above 100% (the "whale curve").

    Parameters
    ----------
    customers : DataFrame
        One row per customer with the ``values`` columns (e.g. :func:`casekit.tiering.customer_values`).
    values : sequence of str, default ('revenue', 'profit')
        The value columns, one curve each.
    top : float, default 0.2
        The share of customers marked.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    title : str, optional
        The chart's title (the kit's own when omitted).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.pareto_curve(ck.tiering.customer_values(w), values=["revenue"])
    """
    values = [values] if isinstance(values, str) else list(values)
    _need(customers, {v: "numeric" for v in values}, "pareto_curve")
    ax = _style.axes(ax)
    ax.plot([0, 1], [0, 1], ls="--", color=COLORS["neutral"], lw=1, label="equal shares")
    for i, v in enumerate(values):
        data = customers if customer in customers else customers.assign(
            **{customer: np.arange(len(customers))})
        p = _t.pareto_table(data, value=v, customer=customer)
        x = np.concatenate([[0.0], p["customer_share"].to_numpy()])
        y = np.concatenate([[0.0], p["value_share"].to_numpy()])
        share = _t.top_share(customers, value=v, top=top)
        ax.plot(x, y, color=PALETTE[i], lw=2,
                label=_("{value}: top {top:.0%} bring {share:.0%}").format(
                    value=i18n.translate(v, "column"), top=top, share=share))
        ax.plot([top], [share], "o", color=PALETTE[i], ms=6)
    ax.axvline(top, color=COLORS["neutral"], ls=":", lw=1)
    ax.axhline(0.8, color=COLORS["neutral"], ls=":", lw=1)
    ax.text(1.0, 0.8, "80%", ha="right", va="bottom", fontsize=8, color=COLORS["neutral"])
    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, ax.get_ylim()[0]), max(1.05, ax.get_ylim()[1]))
    _style.percent(ax, "x")
    _style.percent(ax, "y")
    ax.set_xlabel("Share of customers, biggest first (%)")
    ax.set_ylabel("Cumulative share of the total (%)")
    ax.set_title(title or "Pareto curve: how concentrated is value?")
    ax.legend(loc="lower right")
    return ax


@_style.chart
def abc_chart(classified: pd.DataFrame, *, value="revenue", ax=None):
    """Share of customers and share of ``value`` of each ABC class (output of :func:`tiering.abc`).

    Parameters
    ----------
    classified : DataFrame
        The output of :func:`casekit.tiering.abc`.
    value : str, default 'revenue'
        The value column the classes were formed on.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.abc_chart(ck.tiering.abc(ck.tiering.customer_values(w), value="revenue"))
    """
    _need(classified, {"abc": "any", value: "numeric"}, "abc_chart")
    s = _t.tier_summary(classified, tier="abc", values=[value])
    ax = tier_shares(s, tier="abc", value=value, ax=ax, title=_("ABC analysis: customers vs {value}").format(
        value=i18n.translate(value, "column")))
    ax.set_xlabel("ABC class")
    return ax


@_style.chart
def tier_shares(summary: pd.DataFrame, *, tier="tier", value="revenue", time=None, ax=None,
                title=None):
    """Grouped bars per tier: share of customers, share of ``value`` (and of ``time`` if given).

    ``summary`` is the output of :func:`tiering.tier_summary`.

    Parameters
    ----------
    summary : DataFrame
        The output of :func:`casekit.tiering.tier_summary`.
    tier : str, default 'tier'
        Name of the tier column.
    value : str, default 'revenue'
        The value whose share is drawn.
    time : str, optional
        A time column whose share is drawn too.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> T = ck.tiering
    >>> pyr = T.pyramid(T.customer_values(w), value="revenue")
    >>> ax = ck.plots.tier_shares(T.tier_summary(pyr, values=["revenue", "profit"]), value="profit")
    """
    cols = ["customer_share", f"{value}_share"] + ([f"{time}_share"] if time else [])
    _need(summary, {tier: "any", **{c: "numeric" for c in cols}}, "tier_shares")
    ax = _style.axes(ax)
    names = {"customer_share": "customers", f"{value}_share": value}
    if time:
        names[f"{time}_share"] = i18n.translate(time, "column")
    x = np.arange(len(summary))
    w = 0.8 / len(cols)
    colours = [COLORS["neutral"], COLORS["main"], COLORS["accent"]]
    for i, c in enumerate(cols):
        vals = summary[c].to_numpy(dtype="float64")
        bars = ax.bar(x + (i - (len(cols) - 1) / 2) * w, vals, w, color=colours[i], label=names[c])
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in vals], fontsize=7, padding=1)
    ax.set_xticks(x, [_said(t) for t in summary[tier]])
    ax.axhline(0, color="black", lw=0.6)
    _style.percent(ax, "y")
    ax.set_xlabel(_("Tier") if tier == "tier" else tier.replace("_", " ").capitalize())
    ax.set_ylabel("Share of all (%)")
    ax.set_title(title or _("Share of customers and of {value} by tier").format(
        value=i18n.translate(value, "column")))
    ax.legend(loc="upper right")
    ax.margins(y=0.12)
    return ax


@_style.chart
def pyramid_chart(summary: pd.DataFrame, *, tier="tier", value="revenue", ax=None, title=None):
    """The customer pyramid drawn as stacked trapezoids, top tier at the apex.

    Each layer is labelled with its tier, its share of customers and its share of ``value``
    (from :func:`tiering.tier_summary`).

    Parameters
    ----------
    summary : DataFrame
        The output of :func:`casekit.tiering.tier_summary`.
    tier : str, default 'tier'
        Name of the tier column.
    value : str, default 'revenue'
        The value whose share each tier is drawn with.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> T = ck.tiering
    >>> pyr = T.pyramid(T.customer_values(w), value="revenue")
    >>> ax = ck.plots.pyramid_chart(T.tier_summary(pyr, values=["revenue", "profit"]))
    """
    _need(summary, {tier: "any", "customer_share": "numeric", f"{value}_share": "numeric"},
          "pyramid_chart")
    ax = _style.axes(ax, figsize=(7.5, 4.8))
    k = len(summary)
    shares = summary["customer_share"].to_numpy(dtype="float64")
    # Layer heights follow the customer share (at least a readable minimum), apex at the top.
    h = np.maximum(shares, 0.08)
    h = h / h.sum()
    top = 1.0
    colours = [PALETTE[i % len(PALETTE)] for i in (4, 1, 5, 0, 2, 3)][:k]
    for i, row in enumerate(summary.itertuples(index=False)):
        bottom = top - h[i]
        wt, wb = (1 - top) * 0.5, (1 - bottom) * 0.5  # half-widths: 0 at apex, 0.5 at base
        ax.add_patch(Polygon([(-wb, bottom), (wb, bottom), (wt, top), (-wt, top)], closed=True,
                             facecolor=colours[i], edgecolor="white", lw=2, alpha=0.9))
        name = str(getattr(row, tier))
        cs, vs = getattr(row, "customer_share"), getattr(row, f"{value}_share")
        ax.text(0.55, (top + bottom) / 2, _("{tier}: {cs:.0%} of customers, {vs:.0%} of {value}").format(
                    tier=i18n.translate(name, "tier"), cs=cs, vs=vs, value=i18n.translate(value, "column")),
                va="center", ha="left", fontsize=9)
        top = bottom
    ax.set_xlim(-0.55, 1.6)
    ax.set_ylim(0, 1.02)
    ax.set_axis_off()
    ax.set_title(title or _("Customer pyramid by {value}").format(value=i18n.translate(value, "column")))
    return ax


@_style.chart
def transition_heatmap(table: pd.DataFrame, *, ax=None, title=None, xlabel=None, ylabel=None,
                       cmap="Blues"):
    """A tier transition table (:func:`tiering.transition_table`) as an annotated heat map.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`casekit.tiering.transition_table`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).
    xlabel : str, optional
        The label of the x axis.
    ylabel : str, optional
        The label of the y axis.
    cmap : str, default 'Blues'
        The matplotlib colour map.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> T = ck.tiering
    >>> tiers = T.compare_tiers(T.customer_values(w), by=["revenue", "profit"])
    >>> ax = ck.plots.transition_heatmap(T.transition_table(tiers, before="tier_by_revenue", after="tier_by_profit"))
    """
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise ValueError("transition_heatmap: expected a non-empty transition table (DataFrame)")
    ax = _style.axes(ax, figsize=(6.5, 5.0))
    data = table.to_numpy(dtype="float64")
    ax.imshow(data, cmap=cmap, aspect="auto")
    ax.grid(False)
    is_share = np.nanmax(data) <= 1.0 and not np.issubdtype(table.to_numpy().dtype, np.integer)
    hi = np.nanmax(data) if data.size else 1
    for (i, j), v in np.ndenumerate(data):
        ax.text(j, i, f"{v:.0%}" if is_share else f"{int(v):,}", ha="center", va="center",
                fontsize=9, color="white" if v > 0.6 * hi else "black")
    ax.set_xticks(range(table.shape[1]), [_said(c) for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [_said(i) for i in table.index])
    ax.set_xlabel(xlabel or str(table.columns.name or "after").replace("_", " ").capitalize())
    ax.set_ylabel(ylabel or str(table.index.name or "before").replace("_", " ").capitalize())
    ax.set_title(title or ("Who moves between tiers (share of each row)" if is_share
                           else "Who moves between tiers (customers)"))
    ax.spines[:].set_visible(False)
    return ax


@_style.chart
def rfm_heatmap(scored: pd.DataFrame, *, ax=None, title=None, unit="CNY"):
    """R score × F score grid: mean monetary value in colour, number of customers written in.

    Parameters
    ----------
    scored : DataFrame
        The output of :func:`casekit.tiering.rfm`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).
    unit : str, default 'CNY'
        The currency of the monetary value.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.rfm_heatmap(ck.tiering.rfm(w.transactions, asof=w.asof))
    """
    _need(scored, {"R": "numeric", "F": "numeric", "monetary": "numeric"}, "rfm_heatmap")
    ax = _style.axes(ax, figsize=(6.5, 5.0))
    bins = int(max(scored["R"].max(), scored["F"].max()))
    idx = range(1, bins + 1)
    mean = scored.pivot_table(index="F", columns="R", values="monetary", aggfunc="mean",
                              observed=False).reindex(index=idx, columns=idx)
    count = scored.pivot_table(index="F", columns="R", values="monetary", aggfunc="size",
                               observed=False).reindex(index=idx, columns=idx).fillna(0)
    grid = mean.to_numpy(dtype="float64")
    positive = np.isfinite(grid) & (grid > 0)
    norm = LogNorm(vmin=grid[positive].min(), vmax=grid[positive].max()) \
        if positive.sum() > 1 and grid[positive].min() < grid[positive].max() else None
    im = ax.imshow(np.where(positive, grid, np.nan), cmap="YlGnBu", origin="lower", aspect="auto",
                   norm=norm)
    ax.grid(False)
    shade = np.asarray(im.norm(np.where(positive, grid, np.nan)), dtype="float64")
    for (i, j), n in np.ndenumerate(count.to_numpy()):
        if n:
            dark = np.isfinite(shade[i, j]) and shade[i, j] > 0.65
            ax.text(j, i, f"{int(n):,}", ha="center", va="center", fontsize=8,
                    color="white" if dark else "black")
    ax.set_xticks(range(bins), [str(i) for i in idx])
    ax.set_yticks(range(bins), [str(i) for i in idx])
    ax.set_xlabel("R score (5 = bought most recently)")
    ax.set_ylabel("F score (5 = buys most often)")
    cb = ax.figure.colorbar(im, ax=ax, shrink=0.85)
    if norm is not None:
        cb.ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        cb.ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _p: _style.short_money(x)))
        cb.ax.yaxis.set_minor_formatter(NullFormatter())
    cb.set_label((_("Mean monetary value ({unit}, log scale)") if norm else _("Mean monetary value ({unit})"))
                 .format(unit=i18n.translate(unit)))
    ax.set_title(title or "RFM grid: customers per cell, colour = spend")
    ax.spines[:].set_visible(False)
    return ax


@_style.chart
def rfm_segments(summary: pd.DataFrame, *, value=None, ax=None, title=None):
    """Horizontal bars per RFM segment: share of customers (and of ``value`` if summarised).

    Parameters
    ----------
    summary : DataFrame
        The output of :func:`casekit.tiering.rfm_summary`.
    value : str, optional
        The value whose share is drawn (when summarised with it).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.rfm_segments(ck.tiering.rfm_summary(ck.tiering.rfm(w.transactions, asof=w.asof)))
    """
    _need(summary, {"segment": "any", "customer_share": "numeric"}, "rfm_segments")
    ax = _style.axes(ax, figsize=(7.5, 4.8))
    y = np.arange(len(summary))[::-1]
    cols = [("customer_share", _("customers"), COLORS["neutral"])]
    if value:
        cols.append((f"{value}_share", i18n.translate(value, "column"), COLORS["main"]))
    h = 0.8 / len(cols)
    for i, (c, label, colour) in enumerate(cols):
        vals = summary[c].to_numpy(dtype="float64")
        bars = ax.barh(y - (i - (len(cols) - 1) / 2) * h, vals, h, color=colour, label=label)
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in vals], fontsize=7, padding=2)
    ax.set_yticks(y, [_said(s) for s in summary["segment"]])
    _style.percent(ax, "x")
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel("Share of all (%)")
    ax.set_title(title or "RFM segments")
    ax.legend(loc="lower right")
    ax.margins(x=0.15)
    return ax


@_style.chart
def clv_by_tier(customers: pd.DataFrame, *, tier="tier", clv="clv", ax=None, title=None, unit="CNY"):
    """Mean customer lifetime value per tier, with the tier's total written on each bar.

    Parameters
    ----------
    customers : DataFrame
        One row per customer with its tier and lifetime value (e.g. :func:`casekit.tiering.pyramid` of :func:`casekit.tiering.customer_values`).
    tier : str, default 'tier'
        Name of the tier column.
    clv : str, default 'clv'
        Name of the lifetime-value column.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).
    unit : str, default 'CNY'
        The currency of the lifetime value.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> T = ck.tiering
    >>> ax = ck.plots.clv_by_tier(T.pyramid(T.customer_values(w), value="revenue"))
    """
    _need(customers, {tier: "any", clv: "numeric"}, "clv_by_tier")
    ax = _style.axes(ax)
    g = customers.groupby(tier, observed=False)[clv]
    mean, total = g.mean().fillna(0.0), g.sum()
    colours = [COLORS["good"] if v >= 0 else COLORS["bad"] for v in mean]
    bars = ax.bar([str(t) for t in mean.index], mean.to_numpy(), color=colours)
    ax.bar_label(bars, labels=[_("total {unit} {amount}").format(unit=i18n.translate(unit),
                                                                   amount=_style.short_money(v))
                               for v in total], fontsize=8,
                 padding=2)
    ax.axhline(0, color="black", lw=0.6)
    _style.money(ax, "y")
    ax.set_xlabel(_("Tier") if tier == "tier" else tier.replace("_", " ").capitalize())
    ax.set_ylabel(_("Mean lifetime value per customer ({unit})").format(unit=i18n.translate(unit)))
    ax.set_title(title or "Customer lifetime value by tier")
    ax.margins(y=0.15)
    return ax


@_style.chart
def strategic_focus_matrix(focused: pd.DataFrame, *, size="potential", cut=3.0, label=None, ax=None,
                           title=None):
    """Key-account candidates in the strategic-focus matrix: attractiveness × relationship.

    ``focused`` is the output of :func:`tiering.strategic_focus`; bubble size shows ``size``
    (potential by default); ``label`` (a list of customer ids) writes those ids next to their dots.

    Parameters
    ----------
    focused : DataFrame
        The output of :func:`casekit.tiering.strategic_focus`.
    size : str, default 'potential'
        The column that sizes the bubbles.
    cut : float, default 3.0
        The score that splits high from low on both axes.
    label : str, optional
        A column whose values label the bubbles.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.strategic_focus_matrix(ck.tiering.strategic_focus(w.accounts))
    """
    _need(focused, {"attractiveness": "numeric", "relationship": "numeric", "focus": "any",
                    size: "numeric"}, "strategic_focus_matrix")
    ax = _style.axes(ax, figsize=(7.0, 5.5))
    levels = [f[0] for f in _t.FOCUS_LEVELS]
    colours = dict(zip(levels, [COLORS["good"], COLORS["main"], COLORS["accent"], COLORS["neutral"]]))
    for lev in levels:
        d = focused[focused["focus"].astype(str) == lev]
        ax.scatter(d["relationship"], d["attractiveness"], s=20 + 30 * (d[size] - 1), alpha=0.7,
                   color=colours[lev], edgecolor="white", lw=0.5, label=f"{i18n.translate(lev, 'value')} ({len(d)})")
    if label is not None:
        d = focused[focused["customer_id"].isin(list(label))]
        for r in d.itertuples(index=False):
            ax.annotate(f"#{r.customer_id}", (r.relationship, r.attractiveness), fontsize=8,
                        xytext=(4, 4), textcoords="offset points")
    ax.axvline(cut, color="black", lw=0.8)
    ax.axhline(cut, color="black", lw=0.8)
    corners = {"target": (1.05, 4.95, "left", "top"), "key": (4.95, 4.95, "right", "top"),
               "low-key": (1.05, 1.05, "left", "bottom"), "maintain": (4.95, 1.05, "right", "bottom")}
    for lev, (x, y, ha, va) in corners.items():
        ax.text(x, y, i18n.translate(lev, "value").upper(), ha=ha, va=va, fontsize=10, fontweight="bold", color=colours[lev],
                alpha=0.8)
    ax.set_xlim(1, 5)
    ax.set_ylim(1, 5)
    ax.set_xlabel("Relationship position (score 1–5, weak → strong)")
    ax.set_ylabel("Attractiveness (score 1–5)")
    ax.set_title(title or i18n._("Strategic-focus matrix (bubble size = {size})").format(
        size=i18n.translate(size, "column")))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="Focus (accounts)")
    return ax


@_style.chart
def time_vs_value(allocation: pd.DataFrame, *, value="profit", time="service_hours", ax=None,
                  title=None):
    """S4's pyramid of time against the data (output of :func:`tiering.time_allocation`).

    Bars per layer (key and ordinary customers, would-be = prospects): its share of the members
    and S4's, its share of time today and S4's, and its share of ``value`` (prospects have none).

    Parameters
    ----------
    allocation : DataFrame
        The output of :func:`casekit.tiering.time_allocation`.
    value : str, default 'profit'
        The value column.
    time : str, default 'service_hours'
        The time column.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> T = ck.tiering
    >>> open_leads = w.leads[w.leads["status"] == "open"]
    >>> alloc = T.time_allocation(T.customer_values(w), open_leads, value="profit", time="service_hours")
    >>> ax = ck.plots.time_vs_value(alloc, value="profit")
    """
    cols = ["member_share", "s4_member_share", f"{time}_share", "s4_time_share", f"{value}_share"]
    _need(allocation, {"tier": "any", **{c: "numeric" for c in cols[:-1]}}, "time_vs_value")
    if cols[-1] not in allocation.columns:
        raise ValueError(f"time_vs_value: no column {cols[-1]!r}; expected the output of "
                         "tiering.time_allocation with that value")
    ax = _style.axes(ax)
    labels = [_("members"), _("members in S4"), _("time today"), _("time S4 advises"),
              i18n.translate(value, "column")]
    colours = [COLORS["neutral"], "#D9D9D9", COLORS["accent"], "#F5D08A", COLORS["main"]]
    x = np.arange(len(allocation))
    w = 0.16
    for i, c in enumerate(cols):
        vals = allocation[c].to_numpy(dtype="float64")
        bars = ax.bar(x + (i - 2) * w, np.nan_to_num(vals), w, color=colours[i], label=labels[i],
                      hatch="//" if c.startswith("s4_") else None, edgecolor="white")
        ax.bar_label(bars, labels=["n/a" if np.isnan(v) else f"{v:.0%}" for v in vals],
                     fontsize=7, padding=1)
    names = {"would-be": _("would-be\n(prospects)")}
    ax.set_xticks(x, [names.get(str(t), _said(t)) for t in allocation["tier"]])
    ax.axhline(0, color="black", lw=0.6)
    _style.percent(ax, "y")
    ax.set_xlabel(_("Layer (customers by {value}; prospects = open leads)").format(
        value=i18n.translate(value, "column")))
    ax.set_ylabel("Share of all (%)")
    ax.set_title(title or "Where the time goes, and where the value comes from")
    ax.legend(loc="upper right", ncols=2, fontsize=8)
    ax.margins(y=0.15)
    return ax
