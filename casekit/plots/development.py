"""Charts of chapter 2, customer development: pipeline, MAN rule, channels, funnel, budgets.

Each function takes the output of a :mod:`casekit.development` function, an optional ``ax``,
draws one fully labelled chart and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import development as _d
from .. import terms
from ..i18n import NC_, _, translate
from ..validate import require_choice, require_frame
from . import _style
from ._style import COLORS, PALETTE

__all__ = ["pipeline_chart", "man_chart", "channel_bars", "channel_map", "focus_chart",
           "funnel_chart", "funnel_heatmap", "acquisition_chart", "aspect_chart",
           "allocation_chart"]

#: Twelve distinct colours for the channels (Okabe–Ito, then Tol's muted colours).
_MANY = list(PALETTE[:7]) + ["#882255", "#44AA99", "#999933", "#332288", "#AA4499", "#DDCC77",
                              "#117733", "#CC6677", "#88CCEE", "#DDDDDD", "#000000"]

#: The budget plans the chapter compares (names a notebook gives them), as the chart shows them.
_PLAN_NAMES = (NC_("chart", "even"), NC_("chart", "last year's mix"), NC_("chart", "focus"),
               NC_("chart", "focus on value"))

_CLASS_COLORS = {"key": PALETTE[3], "major": PALETTE[1], "ordinary": PALETTE[5]}


def _label(name: str) -> str:
    # A category name from the data, in the course's language when the catalog knows it.
    return translate(str(name), "chart")


def _spread(ax, xs, ys, names, *, xmax, ymax, fontsize=8):
    """Label points, nudging labels up or down so that they do not overlap (axes fractions)."""
    w_char, h = 0.0105 * fontsize / 8, 0.045 * fontsize / 8
    placed = []
    order = np.argsort(ys)
    out = {}
    for i in order:
        fx, fy = xs[i] / xmax + 0.012, ys[i] / ymax + 0.012
        width = w_char * len(str(names[i]))
        for _ in range(40):
            clash = [b for b in placed if fx < b[0] + b[2] and b[0] < fx + width
                     and fy < b[1] + h and b[1] < fy + h]
            if not clash:
                break
            fy = max(b[1] for b in clash) + h
        placed.append((fx, fy, width))
        out[i] = (fx, fy)
    for i, (fx, fy) in out.items():
        moved = abs(fy - (ys[i] / ymax + 0.012)) > 1e-9
        ax.annotate(str(names[i]), (xs[i], ys[i]), xytext=(fx, fy), textcoords="axes fraction",
                    fontsize=fontsize, va="bottom",
                    arrowprops=dict(arrowstyle="-", color="#999999", lw=0.6) if moved else None)


@_style.chart
def pipeline_chart(matrix: pd.DataFrame, *, ax=None):
    """Stacked bars: open leads per close-time class, split by value class.

    ``matrix`` is :func:`casekit.development.pipeline_matrix` (counts).

    Parameters
    ----------
    matrix : DataFrame
        The output of :func:`casekit.development.pipeline_matrix`.
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
    >>> D = ck.development
    >>> ax = ck.plots.pipeline_chart(D.pipeline_matrix(D.classify_pipeline(w.leads)))
    """
    require_frame(matrix, {c: "numeric" for c in terms.english(_d.VALUE_CLASSES)},
                  what="pipeline_chart")
    ax = _style.axes(ax)
    x = np.arange(len(matrix))
    bottom = np.zeros(len(matrix))
    for vc in terms.english(_d.VALUE_CLASSES):
        h = matrix[vc].to_numpy(dtype=float)
        ax.bar(x, h, bottom=bottom, color=_CLASS_COLORS[vc], label=_label(vc), width=0.6)
        bottom += h
    for xi, total in zip(x, bottom):
        ax.text(xi, total, f"{total:,.0f}", ha="center", va="bottom", fontsize=9)
    limits = {"mature": _("≤ 1 month"), "hopeful": _("1–2 months"), "potential": _("> 2 months")}
    ax.set_xticks(x, [f"{_label(t)}\n{limits.get(t, '')}" for t in matrix.index])
    ax.set_ylim(0, bottom.max() * 1.12 if bottom.max() > 0 else 1)
    ax.set_xlabel("Expected time to close")
    ax.set_ylabel("Open leads (count)")
    ax.set_title("The open pipeline by time to close and by value")
    ax.legend(title="Value class", loc="upper right")
    return ax


@_style.chart
def man_chart(table: pd.DataFrame, *, ax=None):
    """Horizontal bars: conversion rate of qualified leads and of leads missing each criterion.

    ``table`` is :func:`casekit.development.man_conversion`.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`casekit.development.man_conversion`.
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
    >>> ax = ck.plots.man_chart(ck.development.man_conversion(w.leads))
    """
    require_frame(table, {"conversion_rate": "numeric", "leads": "numeric"}, what="man_chart")
    ax = _style.axes(ax)
    t = table.iloc[::-1]
    colors = [COLORS["good"] if g == "qualified" else
              COLORS["bad"] if g == "not qualified" else COLORS["neutral"] for g in t.index]
    y = np.arange(len(t))
    ax.barh(y, t["conversion_rate"], color=colors, height=0.6)
    for yi, (rate, n) in enumerate(zip(t["conversion_rate"], t["leads"])):
        ax.text(rate, yi, _(" {rate:.0%} of {n:,.0f}").format(rate=rate, n=n), va="center", fontsize=9)
    ax.set_yticks(y, list(t.index))
    ax.set_xlim(0, max(float(t["conversion_rate"].max()) * 1.35, 0.05))
    _style.percent(ax, "x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Conversion rate of closed leads (won / closed, %)")
    ax.set_title("The MAN rule: need + ability to pay + authority")
    return ax


@_style.chart
def channel_bars(economics: pd.DataFrame, *, metric: str = "cost_per_won", ax=None):
    """Horizontal bars of one measure per prospecting method, sorted.

    ``economics`` is :func:`casekit.development.channel_economics`; ``metric`` one of its
    numeric columns (cost_per_lead, conversion_rate, cost_per_won, days_to_close,
    first_year_value, value_per_cost).

    Parameters
    ----------
    economics : DataFrame
        The output of :func:`casekit.development.channel_economics`.
    metric : str, default 'cost_per_won'
        The column of ``economics`` drawn.
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
    >>> ax = ck.plots.channel_bars(ck.development.channel_economics(w.leads), metric="cost_per_won")
    """
    labels = {
        "cost_per_lead": (_("Cost per lead (CNY)"), _("What one lead costs")),
        "conversion_rate": (_("Conversion rate (won / closed leads, %)"), _("How often a lead is won")),
        "cost_per_won": (_("Lead cost per won customer (CNY)"), _("What one new customer costs")),
        "days_to_close": (_("Mean days from lead to order (won leads)"), _("How long a win takes")),
        "first_year_value": (_("Mean first-year value of a won customer (CNY)"),
                             _("What a new customer brings in year one")),
        "value_per_cost": (_("First-year value per CNY of lead cost"), _("Value per CNY spent")),
    }
    require_choice(metric, list(labels), what="channel_bars", name="metric")
    require_frame(economics, {metric: "any"}, what="channel_bars")
    if not pd.api.types.is_numeric_dtype(economics[metric]):
        raise ValueError(_("channel_bars: column {metric!r} has dtype {dtype}; expected numbers "
                           "(NaN allowed for a channel without a win)").format(
                               metric=metric, dtype=economics[metric].dtype))
    ax = _style.axes(ax, figsize=(7.5, 5.0))
    t = economics[metric].astype(float).sort_values(ascending=True, na_position="first")
    y = np.arange(len(t))
    ax.barh(y, t.fillna(0), color=COLORS["main"], height=0.65)
    for yi, v in enumerate(t):
        text = (_("no win") if not np.isfinite(v) else f" {v:.0%}" if metric == "conversion_rate"
                else f" {v:,.1f}" if metric == "value_per_cost" else f" {v:,.0f}")
        ax.text(0 if not np.isfinite(v) else v, yi, text, va="center", fontsize=8)
    ax.set_yticks(y, [_label(c) for c in t.index])
    ax.set_xlim(0, np.nanmax(t.to_numpy()) * 1.18 if np.isfinite(t).any() else 1)
    if metric == "conversion_rate":
        _style.percent(ax, "x")
    elif metric in ("cost_per_lead", "cost_per_won", "first_year_value"):
        _style.money(ax, "x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(labels[metric][0])
    ax.set_title(_("Prospecting methods: {what}").format(what=labels[metric][1].lower()))
    return ax


@_style.chart
def channel_map(economics: pd.DataFrame, *, ax=None):
    """Cost per lead against conversion rate, one bubble per channel (size = leads).

    Grey curves are equal cost per won customer (= cost per lead / conversion rate): channels
    below-right of a curve win customers more cheaply.

    Parameters
    ----------
    economics : DataFrame
        The output of :func:`casekit.development.channel_economics`.
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
    >>> ax = ck.plots.channel_map(ck.development.channel_economics(w.leads))
    """
    require_frame(economics, {"cost_per_lead": "numeric", "conversion_rate": "numeric",
                              "leads": "numeric"}, what="channel_map")
    ax = _style.axes(ax, figsize=(7.5, 5.0))
    x = economics["cost_per_lead"].to_numpy(float)
    y = economics["conversion_rate"].to_numpy(float)
    xmax = x.max() * 1.15
    xs = np.linspace(0, xmax, 400)
    ymax = max(y.max() * 1.2, 0.05)
    for cpw in (250, 500, 1000, 2000, 4000):
        ys = xs / cpw
        keep = ys <= ymax
        if keep.sum() > 1:
            ax.plot(xs[keep], ys[keep], color=COLORS["neutral"], lw=0.8, ls="--", zorder=1)
            k = np.flatnonzero(keep)[int(keep.sum() * 0.85)]
            ax.text(xs[k], ys[k], _("CNY {cpw:,}/customer").format(cpw=cpw), fontsize=7,
                    color=COLORS["neutral"], ha="center", va="center",
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"), zorder=1)
    size = economics["leads"].to_numpy(float)
    ax.scatter(x, y, s=30 + 300 * size / size.max(), color=COLORS["main"], alpha=0.7,
               edgecolor="white", zorder=2, label="channel (bubble size = leads)")
    _spread(ax, x, y, [_label(n) for n in economics.index], xmax=xmax, ymax=ymax)
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    _style.percent(ax, "y")
    ax.set_xlabel("Cost per lead (CNY)")
    ax.set_ylabel("Conversion rate (won / closed leads, %)")
    ax.set_title("Channel map: cheap leads are not cheap customers")
    ax.legend(loc="lower right")
    return ax


@_style.chart
def focus_chart(focus: pd.DataFrame, *, ax=None):
    """Cumulative share of won customers against cumulative share of lead spend, channels from
    the cheapest cost per won customer to the dearest (:func:`casekit.development.focus_table`).

    Parameters
    ----------
    focus : DataFrame
        The output of :func:`casekit.development.focus_table`.
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
    >>> D = ck.development
    >>> ax = ck.plots.focus_chart(D.focus_table(D.channel_economics(w.leads)))
    """
    require_frame(focus, {"cum_spend_share": "numeric", "cum_won_share": "numeric"},
                  what="focus_chart")
    ax = _style.axes(ax, figsize=(7.5, 5.0))
    x = np.concatenate([[0.0], focus["cum_spend_share"].to_numpy(float)])
    y = np.concatenate([[0.0], focus["cum_won_share"].to_numpy(float)])
    ax.plot([0, 1], [0, 1], ls="--", color=COLORS["neutral"], lw=1, label="every channel alike")
    ax.plot(x, y, "-o", color=COLORS["main"], lw=2, ms=4, label="channels, cheapest customer first")
    for xi, yi, name in list(zip(x[1:], y[1:], focus.index))[:4]:
        ax.annotate(_label(name), (xi, yi), xytext=(6, -10), textcoords="offset points", fontsize=8)
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.05)
    _style.percent(ax, "x")
    _style.percent(ax, "y")
    ax.set_xlabel("Cumulative share of lead spend (%)")
    ax.set_ylabel("Cumulative share of won customers (%)")
    ax.set_title("Focus: a few channels bring most customers per CNY")
    ax.legend(loc="lower right")
    return ax


@_style.chart
def funnel_chart(funnel: pd.DataFrame, *, ax=None):
    """The sales funnel: one centred bar per stage, with counts and stage conversion.

    ``funnel`` is :func:`casekit.development.funnel` without ``by``.

    Parameters
    ----------
    funnel : DataFrame
        The output of :func:`casekit.development.funnel`.
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
    >>> ax = ck.plots.funnel_chart(ck.development.funnel(w.leads))
    """
    require_frame(funnel, {"stage": "any", "reached": "numeric", "stage_rate": "numeric"},
                  what="funnel_chart")
    if len(funnel) != len(terms.LEAD_STAGES):
        raise ValueError("funnel_chart: expected one row per stage (call funnel() without by=)")
    ax = _style.axes(ax)
    n = funnel["reached"].to_numpy(float)
    y = np.arange(len(n))[::-1]
    colors = [PALETTE[5], PALETTE[0], PALETTE[1], PALETTE[2]]
    ax.barh(y, n, left=(n[0] - n) / 2, color=colors, height=0.75)
    for yi, (stage, cnt, rate) in zip(y, funnel[["stage", "reached", "stage_rate"]].itertuples(
            index=False)):
        extra = "" if stage == "lead" else "\n" + _("{rate:.0%} of the stage before").format(rate=rate)
        ax.text((n[0] + cnt) / 2 + n[0] * 0.02, yi, f"{cnt:,.0f}{extra}", ha="left",
                va="center", fontsize=9, color="black")
    ax.set_yticks(y, [_label(s) for s in funnel["stage"]])
    ax.set_xticks([])
    ax.set_xlim(0, n[0] * 1.3)
    ax.grid(False)
    ax.spines["bottom"].set_visible(False)
    ax.set_xlabel("Closed leads reaching the stage (bar width = count)")
    ax.set_title("The sales funnel: closed leads by furthest stage reached")
    return ax


@_style.chart
def funnel_heatmap(funnel: pd.DataFrame, *, by: str = "channel", ax=None):
    """Stage conversion rates per group (rows) and stage (columns) as a heat map.

    ``funnel`` is :func:`casekit.development.funnel` with ``by``.

    Parameters
    ----------
    funnel : DataFrame
        The output of :func:`casekit.development.funnel` with ``by=``.
    by : str, default 'channel'
        The grouping column of the funnel.
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
    >>> ax = ck.plots.funnel_heatmap(ck.development.funnel(w.leads, by="channel"), by="channel")
    """
    require_frame(funnel, {by: "any", "stage": "any", "stage_rate": "numeric"},
                  what="funnel_heatmap")
    m = funnel.pivot_table(index=by, columns="stage", values="stage_rate", observed=True,
                           sort=False)
    m = m.drop(columns="lead", errors="ignore")
    ax = _style.axes(ax, figsize=(7.5, 5.2))
    im = ax.imshow(m.to_numpy(float), aspect="auto", cmap="Blues", vmin=0, vmax=1)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            v = m.iat[i, j]
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 else "black")
    cols = {"qualified": _("lead → qualified"), "proposal": _("qualified → proposal"),
            "won": _("proposal → won")}
    ax.set_xticks(range(m.shape[1]), [cols.get(str(c), str(c)) for c in m.columns])
    ax.set_yticks(range(m.shape[0]), [_label(i) for i in m.index])
    ax.grid(False)
    ax.figure.colorbar(im, ax=ax, label=_("Share passing the step (%)"), format="{x:.0%}")
    ax.set_xlabel("Funnel step")
    ax.set_title(_("Funnel conversion per step, by {by}").format(by=translate(by, "column")))
    return ax


@_style.chart
def acquisition_chart(table: pd.DataFrame, *, ax=None):
    """Mean acquisition cost and mean yearly retention cost per group, side by side.

    ``table`` is :func:`casekit.development.acquisition_vs_retention` (with or without ``by``).

    Parameters
    ----------
    table : DataFrame
        The output of :func:`casekit.development.acquisition_vs_retention`.
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
    >>> ax = ck.plots.acquisition_chart(ck.development.acquisition_vs_retention(w.customers, by="acquisition_channel"))
    """
    require_frame(table, {"acquisition_cost": "numeric", "retention_cost": "numeric",
                          "ratio": "numeric"}, what="acquisition_chart")
    ax = _style.axes(ax, figsize=(7.5, 5.0))
    t = table.sort_values("acquisition_cost")
    y = np.arange(len(t))
    ax.barh(y + 0.2, t["acquisition_cost"], height=0.4, color=COLORS["bad"],
            label="winning a new customer (acquisition cost)")
    ax.barh(y - 0.2, t["retention_cost"], height=0.4, color=COLORS["good"],
            label="keeping a customer one year (retention cost)")
    for yi, (a, r) in enumerate(zip(t["acquisition_cost"], t["retention_cost"])):
        ax.text(max(a, r), yi, f" {a / r:.1f}×", va="center", fontsize=8)
    ax.set_yticks(y, [_label(i) for i in t.index])
    ax.set_xlim(0, float(t[["acquisition_cost", "retention_cost"]].max().max()) * 1.15)
    _style.money(ax, "x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Mean cost per customer (CNY; retention per year)")
    ax.set_title("Winning a customer vs keeping one for a year")
    ax.legend(loc="lower right")
    return ax


@_style.chart
def aspect_chart(aspects, aspect: str, *, ax=None):
    """One of the six aspects of a customer group (:func:`casekit.development.segment_aspects`):
    the segment against all customers (motive, timing, place, choice) or the buying-centre roles
    of the segment's leads (roles).  Quantity is best read as a table.

    Parameters
    ----------
    aspects : dict of DataFrame
        The output of :func:`casekit.development.segment_aspects`.
    aspect : str
        One of ``'motive'``, ``'timing'``, ``'place'``, ``'choice'``, ``'roles'``.
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
    >>> aspects = ck.development.segment_aspects(w.transactions, w.customers, w.leads, segment="hospitality")
    >>> ax = ck.plots.aspect_chart(aspects, "motive")
    """
    require_choice(aspect, ["motive", "choice", "timing", "place", "roles"], what="aspect_chart",
                   name="aspect")
    t = aspects[aspect]
    seg = aspects.segment
    seg_name = _label(seg)
    ax = _style.axes(ax)
    if aspect == "timing":
        months = [_("Jan"), _("Feb"), _("Mar"), _("Apr"), _("May"), _("Jun"), _("Jul"), _("Aug"),
                  _("Sep"), _("Oct"), _("Nov"), _("Dec")]
        ax.plot(t.index, t["segment"], "-o", color=COLORS["main"], lw=2, label=seg_name)
        ax.plot(t.index, t["all"], "--", color=COLORS["neutral"], lw=1.5, label="all customers")
        ax.axhline(1 / 12, color=COLORS["neutral"], lw=0.8, ls=":")
        ax.set_xticks(list(t.index), months)
        ax.set_ylim(0, float(t.max().max()) * 1.2)
        _style.percent(ax, "y")
        ax.set_xlabel("Month of the order")
        ax.set_ylabel("Share of the year's revenue (%)")
        ax.set_title(_("Timing: when {seg} customers buy").format(seg=seg_name))
        ax.legend(loc="upper left")
        return ax
    if aspect == "roles":
        y = np.arange(len(t))
        ax.bar(y - 0.2, t["authority_rate"], width=0.4, color=COLORS["accent"],
               label="contact has authority to decide")
        ax.bar(y + 0.2, t["conversion_rate"], width=0.4, color=COLORS["main"],
               label="lead won")
        ax.set_xticks(y, [_label(str(r)) for r in t.index])
        ax.set_ylim(0, 1.08)
        _style.percent(ax, "y")
        ax.set_xlabel("Buying-centre role of the person we talk to")
        ax.set_ylabel(_("Share of closed {seg} leads (%)").format(seg=seg_name))
        ax.set_title(_("Internal roles: who we talk to at {seg} prospects").format(seg=seg_name))
        ax.legend(loc="upper right")
        return ax
    titles = {"motive": _("Motive: what {seg} customers buy").format(seg=seg_name),
              "place": _("Place: where {seg} customers buy").format(seg=seg_name),
              "choice": _("Choice: how {seg} customers stay or switch").format(seg=seg_name)}
    ylabels = {"motive": _("Share of revenue (%)"), "place": _("Share of revenue (%)"),
               "choice": _("Mean index or rate (0–1)")}
    x = np.arange(len(t))
    ax.bar(x - 0.2, t["segment"], width=0.4, color=COLORS["main"], label=seg_name)
    ax.bar(x + 0.2, t["all"], width=0.4, color=COLORS["neutral"], label="all customers")
    ax.set_xticks(x, [_label(str(i).replace("_", " ")) for i in t.index])
    ax.set_ylim(0, float(t.max().max()) * 1.2)
    if aspect != "choice":
        _style.percent(ax, "y")
    ax.set_ylabel(ylabels[aspect])
    ax.set_xlabel({"motive": _("Product line"), "place": _("Sales region"),
                   "choice": _("Measure")}[aspect])
    ax.set_title(titles[aspect])
    ax.legend(loc="upper right")
    return ax


@_style.chart
def allocation_chart(plans: dict, *, ax=None):
    """Expected customers won per plan, stacked by channel.

    ``plans`` maps a plan's name to :func:`casekit.development.allocate_budget` output.

    Parameters
    ----------
    plans : dict
        Name of a plan → its :func:`casekit.development.allocate_budget` table.
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
    >>> D = ck.development
    >>> econ = D.channel_economics(w.leads)
    >>> even = {c: 100_000 / len(econ) for c in econ.index}
    >>> plans = {"even": D.allocate_budget(econ, even), "focus": D.focus_budget(econ, 100_000)}
    >>> ax = ck.plots.allocation_chart(plans)
    """
    if not isinstance(plans, dict) or not plans:
        raise ValueError("allocation_chart: plans must be a non-empty dict of name → "
                         "allocate_budget(...) table")
    for name, p in plans.items():
        require_frame(p, {"customers": "numeric", "spend": "numeric"},
                      what=f"allocation_chart ({name})")
    channels = list(dict.fromkeys(c for p in plans.values() for c in p.index))
    ax = _style.axes(ax, figsize=(7.5, 5.0))
    x = np.arange(len(plans))
    bottom = np.zeros(len(plans))
    colors = _MANY
    for i, ch in enumerate(channels):
        h = np.array([float(p["customers"].get(ch, 0.0)) for p in plans.values()])
        if (h > 0).any():
            ax.bar(x, h, bottom=bottom, width=0.55, color=colors[i % len(colors)], label=_label(ch),
                   edgecolor="white", linewidth=0.5)
        bottom += h
    for xi, (total, p) in enumerate(zip(bottom, plans.values())):
        cpc = p["spend"].sum() / total if total else float("nan")
        ax.text(xi, total, _("{total:,.0f} customers\nCNY {cpc:,.0f} each").format(total=total, cpc=cpc), ha="center",
                va="bottom", fontsize=8)
    ax.set_xticks(x, [_label(p) for p in plans])
    ax.set_ylim(0, bottom.max() * 1.25 if bottom.max() > 0 else 1)
    ax.set_xlabel("Budget plan (same total budget)")
    ax.set_ylabel("Expected new customers (count)")
    ax.set_title("Where to spend the prospecting budget")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, title="Channel")
    return ax
