"""Charts of chapter 6, keeping customers and preventing churn.

Each function takes the output of a :mod:`casekit.retention` function, an optional ``ax``, draws
one fully labelled chart and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from .. import retention as _r
from ..i18n import _
from ..retention._common import label
from ..validate import require_frame
from . import _style
from ._style import COLORS, PALETTE

__all__ = ["yearly_churn_chart", "churn_by_age_chart", "cohort_heatmap", "retention_curve_chart",
           "tenure_churn_chart", "cost_chart", "clv_chart", "satisfaction_loyalty_chart",
           "churn_band_chart", "loyalty_types_chart", "drivers_chart", "size_churn_chart",
           "handling_chart", "score_chart", "fading_orders_chart", "backtest_chart",
           "winback_chart", "call_strategies_chart"]


def _percent(ax, axis="y"):
    """Percent ticks at round steps (no 2.5% steps, which whole-percent labels would repeat)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 5, 10]))
    return _style.percent(ax, axis)


def _pct_label(ax, x, y, text, **kw):
    ax.annotate(text, (x, y), xytext=(0, 3), textcoords="offset points", ha="center",
                va="bottom", fontsize=8, **kw)


@_style.chart
def yearly_churn_chart(yearly: pd.DataFrame, *, ax=None):
    """Churn rate per year on the right base (opening customers), with the base written on each
    bar; output of :func:`retention.yearly_churn`.

    Parameters
    ----------
    yearly : DataFrame
        The output of :func:`casekit.retention.yearly_churn`.
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
    >>> ax = ck.plots.yearly_churn_chart(ck.retention.yearly_churn(w))
    """
    require_frame(yearly, {"churn_rate": "numeric", "opening": "numeric", "churned": "numeric"},
                  what="yearly_churn_chart")
    ax = _style.axes(ax)
    x = np.arange(len(yearly))
    ax.bar(x, yearly["churn_rate"], color=COLORS["bad"], width=0.6,
           label="churn rate = churned ÷ customers at the start of the year")
    for i, (rate, k, n) in enumerate(zip(yearly["churn_rate"], yearly["churned"],
                                         yearly["opening"])):
        _pct_label(ax, i, rate, _("{rate:.1%}\n({k:,} of {n:,})").format(rate=rate, k=int(k), n=int(n)))
    ax.set_xticks(x, [str(y) for y in yearly.index])
    ax.set_ylim(0, max(0.05, float(yearly["churn_rate"].max()) * 1.35))
    _percent(ax)
    ax.set_xlabel("Year")
    ax.set_ylabel("Churn rate (% of opening customers)")
    ax.set_title("Churn rate by year")
    ax.legend(loc="upper left")
    return ax


@_style.chart
def churn_by_age_chart(by_age: pd.DataFrame, *, ax=None):
    """Each year's churn rate of established and of young customers (bars) and of all opening
    customers (line); output of :func:`retention.yearly_churn_by_age`.

    Parameters
    ----------
    by_age : DataFrame
        The output of :func:`casekit.retention.yearly_churn_by_age`.
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
    >>> ax = ck.plots.churn_by_age_chart(ck.retention.yearly_churn_by_age(w))
    """
    require_frame(by_age, {"churn_established": "numeric", "churn_young": "any",
                           "churn_rate": "numeric", "young_share": "numeric"},
                  what="churn_by_age_chart")
    ax = _style.axes(ax)
    x = np.arange(len(by_age))
    est = by_age["churn_established"].to_numpy(dtype="float64")
    young = pd.to_numeric(by_age["churn_young"], errors="coerce").to_numpy(dtype="float64")
    ax.bar(x - 0.19, est, width=0.36, color=COLORS["main"],
           label="established customers (won before the data period)")
    ax.bar(x + 0.19, np.nan_to_num(young), width=0.36, color=COLORS["accent"],
           label="young customers (won since, already in the opening base)")
    ax.plot(x, by_age["churn_rate"], "o-", color=COLORS["bad"], lw=2,
            label="all opening customers")
    for i, (e, y) in enumerate(zip(est, young)):
        _pct_label(ax, i - 0.19, e, f"{e:.0%}")
        if np.isfinite(y):
            _pct_label(ax, i + 0.19, y, f"{y:.0%}")
    ax.set_xticks(x, [_("{year}\nyoung: {share:.0%} of the base").format(year=y, share=share)
                      for y, share in zip(by_age.index, by_age["young_share"])])
    top = np.nanmax(np.concatenate([est, young, by_age["churn_rate"].to_numpy(dtype="float64")]))
    ax.set_ylim(0, max(0.05, float(top)) * 1.45)
    _percent(ax)
    ax.set_xlabel("Year")
    ax.set_ylabel("Churn rate (% of opening customers)")
    ax.set_title("Why the churn rate rises: more of the base is young")
    ax.legend(loc="upper left", fontsize=8)
    return ax


@_style.chart
def cohort_heatmap(cohorts: pd.DataFrame, *, ax=None):
    """Share of each first-purchase cohort still a customer at each year end (a heat map);
    output of :func:`retention.cohort_retention`.

    Parameters
    ----------
    cohorts : DataFrame
        The output of :func:`casekit.retention.cohort_retention`.
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
    >>> ax = ck.plots.cohort_heatmap(ck.retention.cohort_retention(w))
    """
    require_frame(cohorts, {"customers": "numeric"}, what="cohort_heatmap")
    years = [c for c in cohorts.columns if c != "customers"]
    data = cohorts[years].to_numpy(dtype="float64")
    ax = _style.axes(ax, figsize=(6.5, 3.8))
    im = ax.imshow(np.ma.masked_invalid(data), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            if np.isfinite(data[i, j]):
                ax.text(j, i, f"{data[i, j]:.0%}", ha="center", va="center", fontsize=9,
                        color="white" if data[i, j] > 0.6 else "black")
    ax.set_xticks(range(len(years)), [_("end of {year}").format(year=y) for y in years])
    ax.set_yticks(range(len(cohorts)),
                  [f"{label(c)} (n={int(n):,})" for c, n in zip(cohorts.index, cohorts["customers"])])
    ax.grid(False)
    ax.set_xlabel("Year end")
    ax.set_ylabel("Cohort: year of first purchase")
    ax.set_title("Cohort retention: share still buying")
    cb = ax.figure.colorbar(im, ax=ax, fraction=0.05, pad=0.02)
    cb.set_label("Share of the cohort still a customer")
    cb.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    return ax


@_style.chart
def retention_curve_chart(curve: pd.DataFrame, *, min_at_risk: int = 20, ax=None, title=None):
    """Retention curves by tenure, one line per group; output of
    :func:`retention.retention_curve`.  Months with fewer than ``min_at_risk`` customers at risk
    are not drawn (too few to trust).

    Parameters
    ----------
    curve : DataFrame
        The output of :func:`casekit.retention.retention_curve`.
    min_at_risk : int, default 20
        Months with fewer customers at risk are not drawn.
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
    >>> ax = ck.plots.retention_curve_chart(ck.retention.retention_curve(w.customers, by="cohort", months=36))
    """
    require_frame(curve, {"group": "any", "month": "numeric", "at_risk": "numeric",
                          "retention": "numeric"}, what="retention_curve_chart")
    ax = _style.axes(ax)
    for i, (g, d) in enumerate(curve.groupby("group", sort=False)):
        d = d[d["at_risk"] >= min_at_risk]
        if d.empty:
            continue
        label_ = (label(g) if g == "all" else _("first purchase {cohort}").format(cohort=g)
                  if g[:1].isdigit() else label(g))
        ax.step(d["month"], d["retention"], where="post", lw=2, color=PALETTE[i % len(PALETTE)],
                label=label_)
    ax.set_ylim(0, 1.02)
    _percent(ax)
    ax.set_xlabel("Tenure: months since the first purchase")
    ax.set_ylabel("Share still a customer (%)")
    ax.set_title(title or "Retention curve")
    ax.legend(loc="lower left")
    return ax


@_style.chart
def tenure_churn_chart(tenure: pd.DataFrame, *, ax=None):
    """Churn per customer-year at each tenure band; output of :func:`retention.churn_by_tenure`.

    Parameters
    ----------
    tenure : DataFrame
        The output of :func:`casekit.retention.churn_by_tenure`.
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
    >>> ax = ck.plots.tenure_churn_chart(ck.retention.churn_by_tenure(w))
    """
    require_frame(tenure, {"churn_per_year": "numeric", "exposure": "numeric"},
                  what="tenure_churn_chart")
    ax = _style.axes(ax)
    x = np.arange(len(tenure))
    ax.bar(x, tenure["churn_per_year"], color=COLORS["bad"], width=0.6,
           label="churned ÷ customer-years at that tenure")
    for i, r in enumerate(tenure["churn_per_year"]):
        _pct_label(ax, i, r, f"{r:.0%}")
    ax.set_xticks(x, [label(t) for t in tenure.index])
    ax.set_ylim(0, float(tenure["churn_per_year"].max()) * 1.25 + 1e-9)
    _percent(ax)
    ax.set_xlabel("Tenure (years since the first purchase)")
    ax.set_ylabel("Churn per year (%)")
    ax.set_title("New customers leave most: churn by tenure")
    ax.legend(loc="upper right")
    return ax


@_style.chart
def cost_chart(costs: _r.CostComparison, *, ax=None):
    """Acquisition cost vs a year of retention cost per customer, with the sources' 5–6× band;
    ``costs`` is :func:`retention.cost_comparison`'s result.

    Parameters
    ----------
    costs : CostComparison
        The output of :func:`casekit.retention.cost_comparison`.
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
    >>> ax = ck.plots.cost_chart(ck.retention.cost_comparison(w.customers))
    """
    if not isinstance(costs, _r.CostComparison):
        raise ValueError(f"cost_chart: expected the result of retention.cost_comparison(...), got "
                         f"{type(costs).__name__}")
    ax = _style.axes(ax, figsize=(6.5, 4.2))
    labels = ["win one new customer\n(acquisition cost)", "keep one customer a year\n(retention cost)"]
    vals = [costs.acquisition, costs.retention]
    ax.bar([0, 1], vals, color=[COLORS["accent"], COLORS["good"]], width=0.55)
    for i, v in enumerate(vals):
        _pct_label(ax, i, v, _("CNY {amount:,.0f}").format(amount=v))
    lo, hi = costs.retention * costs.source_low, costs.retention * costs.source_high
    ax.axhspan(lo, hi, color=COLORS["neutral"], alpha=0.15,
               label=_("what the sources claim: {low:g}–{high:g}× a year of retention").format(
                   low=costs.source_low, high=costs.source_high))
    ax.set_xticks([0, 1], labels)
    ax.set_ylim(0, max(hi, costs.acquisition) * 1.2)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.set_ylabel("Mean cost per customer (CNY)")
    ax.set_title(_("Winning costs {ratio:.1f}× a year of keeping").format(ratio=costs.ratio))
    ax.legend(loc="upper right")
    return ax


@_style.chart
def clv_chart(*, retention: float, discount: float = 0.10, points: float = 1.0, ax=None):
    """The lifetime-value multiple ``r / (1 + d − r)`` against the retention rate, marking today's
    rate and the rate ``points`` higher (:func:`retention.clv_multiple`).

    Parameters
    ----------
    retention : float
        Today's retention rate, marked on the curve.
    discount : float, default 0.1
        The yearly discount rate.
    points : float, default 1.0
        Retention points gained, marked as a step on the curve.
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
    >>> r = float(ck.retention.yearly_churn(w)["retention_rate"].iloc[-1])
    >>> ax = ck.plots.clv_chart(retention=r, discount=0.10)
    """
    now = _r.retention_point_value(1.0, 1, retention, points=points, discount=discount)
    ax = _style.axes(ax)
    r = np.linspace(0.5, 0.97, 200)
    ax.plot(r, _r.clv_multiple(r, discount=discount), color=COLORS["main"], lw=2,
            label=_("CLV ÷ yearly margin = r / (1 + {discount:g} − r)").format(discount=discount))
    up = min(1.0, retention + points / 100)
    ax.plot([retention], [now.clv_now], "o", color=COLORS["bad"], ms=7,
            label=_("today: r = {r:.1%} → {multiple:.2f}× the yearly margin").format(r=retention, multiple=now.clv_now))
    ax.plot([up], [now.clv_up], "o", color=COLORS["good"], ms=7,
            label=(_("{points:g} point more: r = {r:.1%} → {multiple:.2f}×") if points == 1 else
                   _("{points:g} points more: r = {r:.1%} → {multiple:.2f}×")).format(
                points=points, r=up, multiple=now.clv_up))
    ax.set_xlim(0.5, 0.97)
    _percent(ax, "x")
    ax.set_xlabel("Retention rate r (% per year)")
    ax.set_ylabel("Lifetime value as a multiple of the yearly margin")
    ax.set_title("Each point of retention is worth more the higher it is")
    ax.legend(loc="upper left")
    return ax


@_style.chart
def satisfaction_loyalty_chart(table: pd.DataFrame, *, ax=None):
    """By satisfaction band: churn rate (bars) and mean loyalty index (line), both on a 0–1
    scale; output of :func:`retention.satisfaction_loyalty`.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`casekit.retention.satisfaction_loyalty`.
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
    >>> R = ck.retention
    >>> ax = ck.plots.satisfaction_loyalty_chart(R.satisfaction_loyalty(R.customer_signals(w)))
    """
    require_frame(table, {"mean_loyalty": "numeric", "share_left": "numeric",
                          "customers": "numeric"}, what="satisfaction_loyalty_chart")
    ax = _style.axes(ax)
    x = np.arange(len(table))
    ax.bar(x, table["share_left"], width=0.55, color=COLORS["bad"], alpha=0.85,
           label="share who left by the end of the data")
    ax.plot(x, table["mean_loyalty"], "o-", color=COLORS["main"], lw=2,
            label="mean loyalty index (0–1)")
    for i, (c, n) in enumerate(zip(table["share_left"], table["customers"])):
        _pct_label(ax, i, c, f"{c:.0%}\nn={int(n):,}")
    ax.set_xticks(x, [str(label(b)) for b in table.index])
    ax.set_ylim(0, 1.1)
    ax.set_xlabel("Satisfaction band (survey score 1–5)")
    ax.set_ylabel("Share who left / loyalty index (0–1)")
    ax.set_title("Satisfaction → loyalty → staying")
    ax.legend(loc="upper center", ncols=2)
    return ax


@_style.chart
def churn_band_chart(table: pd.DataFrame, *, base_rate: float | None = None, title=None,
                     xlabel=None, ax=None):
    """Churn rate per band, with the overall rate as a line; output of :func:`retention.churn_by`.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`casekit.retention.churn_by`.
    base_rate : float, optional
        The overall churn rate, drawn as a line.
    title : str, optional
        The chart's title (the kit's own when omitted).
    xlabel : str, optional
        The label of the bands' axis.
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
    >>> signals = ck.retention.customer_signals(w)
    >>> ax = ck.plots.churn_band_chart(ck.retention.churn_by(signals, "loyalty", q=3), base_rate=signals["churned"].mean())
    """
    require_frame(table, {"share_left": "numeric", "customers": "numeric"},
                  what="churn_band_chart")
    ax = _style.axes(ax)
    x = np.arange(len(table))
    ax.bar(x, table["share_left"], width=0.6, color=COLORS["bad"])
    for i, (c, n) in enumerate(zip(table["share_left"], table["customers"])):
        _pct_label(ax, i, c, f"{c:.0%}\nn={int(n):,}")
    if base_rate is not None:
        ax.axhline(base_rate, color=COLORS["neutral"], ls="--", lw=1,
                   label=_("all customers: {rate:.0%}").format(rate=base_rate))
        ax.legend(loc="upper right")
    ax.set_xticks(x, [str(label(i)) for i in table.index])
    ax.set_ylim(0, float(table["share_left"].max()) * 1.3 + 1e-9)
    _percent(ax)
    ax.set_xlabel(xlabel or str(table.index.name or ""))
    ax.set_ylabel("Share who left (%)")
    ax.set_title(title or _("Who left, by {name}").format(name=table.index.name))
    return ax


@_style.chart
def loyalty_types_chart(types: pd.DataFrame, *, ax=None):
    """The four types of loyalty as a 2 × 2 grid with each type's churn rate and size; output of
    :func:`retention.loyalty_types`.

    Parameters
    ----------
    types : DataFrame
        The output of :func:`casekit.retention.loyalty_types`.
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
    >>> R = ck.retention
    >>> ax = ck.plots.loyalty_types_chart(R.loyalty_types(R.customer_signals(w)))
    """
    require_frame(types, {"share_left": "numeric", "customers": "numeric",
                          "attitude": "any", "repeat_buying": "any"}, what="loyalty_types_chart")
    ax = _style.axes(ax, figsize=(6.4, 4.8))
    vmax = max(float(types["share_left"].max()), 1e-9)
    for name, row in types.iterrows():
        x = 1 if row["repeat_buying"] == label("high") else 0
        y = 1 if row["attitude"] == label("high") else 0
        shade = row["share_left"] / vmax
        ax.add_patch(Rectangle((x - 0.48, y - 0.48), 0.96, 0.96, color=COLORS["bad"],
                               alpha=0.15 + 0.6 * shade))
        ax.text(x, y + 0.12, label(name), ha="center", va="center", fontsize=10, fontweight="bold")
        ax.text(x, y - 0.2, _("churn {rate:.0%}\n{n:,} customers").format(rate=row["share_left"], n=int(row["customers"])),
                ha="center", va="center", fontsize=9)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_xticks([0, 1], [label("low"), label("high")])
    ax.set_yticks([0, 1], [label("low"), label("high")])
    ax.grid(False)
    ax.set_xlabel("Repeat buying (loyalty index, split at the median)")
    ax.set_ylabel("Attitude (satisfaction, split at the median)")
    ax.set_title("Four types of loyalty: darker = more churn")
    return ax


@_style.chart
def drivers_chart(drivers: pd.DataFrame, *, ax=None):
    """Churn rate with and without each signal (a dumbbell per signal), largest gap first;
    output of :func:`retention.churn_drivers`.

    Parameters
    ----------
    drivers : DataFrame
        The output of :func:`casekit.retention.churn_drivers`.
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
    >>> R = ck.retention
    >>> ax = ck.plots.drivers_chart(R.churn_drivers(R.customer_signals(w)))
    """
    require_frame(drivers, {"churn_with": "numeric", "churn_without": "numeric", "meaning": "any"},
                  what="drivers_chart")
    d = drivers.assign(gap=drivers["churn_with"] - drivers["churn_without"]).sort_values("gap")
    ax = _style.axes(ax, figsize=(9, 0.42 * len(d) + 1.6))
    y = np.arange(len(d))
    ax.hlines(y, d["churn_without"], d["churn_with"], color=COLORS["neutral"], lw=2)
    ax.plot(d["churn_without"], y, "o", color=COLORS["good"], ms=7, label="without the signal")
    ax.plot(d["churn_with"], y, "o", color=COLORS["bad"], ms=7, label="with the signal")
    ax.set_yticks(y, list(d["meaning"]))
    ax.set_xlim(0, min(1.0, float(d[["churn_with", "churn_without"]].max().max()) * 1.15))
    _percent(ax, "x")
    ax.set_xlabel("Share who left (%)")
    ax.set_title("Churn drivers: churn with and without each signal")
    ax.legend(loc="lower right")
    return ax


@_style.chart
def size_churn_chart(size: pd.DataFrame, *, ax=None):
    """Churn rate of big and small firms, with the yearly revenue each lost customer took with
    it written on the bars; output of :func:`retention.size_and_churn`.

    Parameters
    ----------
    size : DataFrame
        The output of :func:`casekit.retention.size_and_churn`.
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
    >>> R = ck.retention
    >>> ax = ck.plots.size_churn_chart(R.size_and_churn(R.customer_signals(w)))
    """
    require_frame(size, {"share_left": "numeric", "customers": "numeric",
                         "revenue_per_churner": "numeric"}, what="size_churn_chart")
    ax = _style.axes(ax, figsize=(6.5, 4.2))
    x = np.arange(len(size))
    colours = [COLORS["bad"] if str(i) == "big" else COLORS["neutral"] for i in size.index]
    ax.bar(x, size["share_left"], color=colours, width=0.55)
    for i, (r, n, rev) in enumerate(zip(size["share_left"], size["customers"],
                                        size["revenue_per_churner"])):
        _pct_label(ax, i, r, _("{rate:.0%} of {n:,} left\neach took CNY {revenue:,.0f} a year").format(
            rate=r, n=int(n), revenue=rev))
    names = {"big": "big firms\n(top 10% by employees)", "small": "all other firms"}
    ax.set_xticks(x, [names.get(str(i), str(i)) for i in size.index])
    ax.set_ylim(0, float(size["share_left"].max()) * 1.35 + 1e-9)
    _percent(ax)
    ax.set_ylabel("Share who left (%)")
    ax.set_title("Big customers leave more often — and take more with them")
    return ax


@_style.chart
def handling_chart(handling: pd.DataFrame, *, ax=None):
    """Share of complaints after which the customer stayed, by handling quality and follow-up
    call; output of :func:`retention.handling_and_follow_up`.

    Parameters
    ----------
    handling : DataFrame
        The output of :func:`casekit.retention.handling_and_follow_up`.
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
    >>> ax = ck.plots.handling_chart(ck.retention.handling_and_follow_up(w.complaints))
    """
    require_frame(handling, {"kept": "numeric", "complaints": "numeric", "good_handling": "bool",
                             "followed_up": "bool"}, what="handling_chart")
    d = handling.iloc[::-1]
    ax = _style.axes(ax, figsize=(8, 3.8))
    y = np.arange(len(d))
    best = d["good_handling"].to_numpy(dtype=bool) & d["followed_up"].to_numpy(dtype=bool)
    ax.barh(y, d["kept"], color=[COLORS["good"] if b else COLORS["neutral"] for b in best],
            height=0.6)
    for i, (k, n) in enumerate(zip(d["kept"], d["complaints"])):
        ax.annotate(f"{k:.0%}  (n={int(n):,})", (k, i), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=9)
    ax.set_yticks(y, list(d.index))
    ax.set_xlim(0, 1.18)
    _percent(ax, "x")
    ax.set_xlabel("Customer kept after the complaint (% of complaints)")
    ax.set_title("Good handling and a follow-up call keep customers")
    return ax


@_style.chart
def score_chart(table: pd.DataFrame, *, base_rate: float, ax=None):
    """Churn rate at each risk-score value (bars) with the overall rate; output of
    :func:`retention.score_table`.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`casekit.retention.score_table`.
    base_rate : float
        The overall churn rate, drawn as a line.
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
    >>> R = ck.retention
    >>> signals = R.customer_signals(w)
    >>> table = R.score_table(signals, R.risk_score(signals))
    >>> ax = ck.plots.score_chart(table, base_rate=signals["churned"].mean())
    """
    require_frame(table, {"share_left": "numeric", "customers": "numeric"}, what="score_chart")
    t = table.sort_index()
    ax = _style.axes(ax)
    x = np.arange(len(t))
    colours = [COLORS["bad"] if r > base_rate else COLORS["good"] for r in t["share_left"]]
    ax.bar(x, t["share_left"], color=colours, width=0.65)
    for i, n in enumerate(t["customers"]):
        _pct_label(ax, i, t["share_left"].iloc[i], f"n={int(n):,}")
    ax.axhline(base_rate, color=COLORS["neutral"], ls="--", lw=1,
               label=_("all customers: {rate:.0%}").format(rate=base_rate))
    ax.set_xticks(x, [f"{v:g}" for v in t.index])
    ax.set_ylim(0, 1.1)
    _percent(ax)
    ax.set_xlabel("Churn-risk points")
    ax.set_ylabel("Share who left (%)")
    ax.set_title("More risk points, more churn")
    ax.legend(loc="upper left")
    return ax


@_style.chart
def fading_orders_chart(orders: pd.DataFrame, *, ax=None):
    """Orders per churner in each month before it left, with the pace of the earlier half of
    the window as a line; output of :func:`retention.orders_before_churn`.

    Parameters
    ----------
    orders : DataFrame
        The output of :func:`casekit.retention.orders_before_churn`.
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
    >>> ax = ck.plots.fading_orders_chart(ck.retention.orders_before_churn(w, months=12))
    """
    require_frame(orders, {"orders_per_churner": "numeric"}, what="fading_orders_chart")
    d = orders.sort_index(ascending=False)
    months = d.index.to_numpy(dtype="int64")
    half = len(d) // 2
    ax = _style.axes(ax)
    x = np.arange(len(d))
    recent = months <= half
    ax.bar(x, d["orders_per_churner"], width=0.7,
           color=[COLORS["bad"] if r else COLORS["main"] for r in recent])
    pace = float(d.loc[~recent, "orders_per_churner"].mean())
    ax.bar([np.nan], [np.nan], color=COLORS["main"], label=_("{start}–{end} months before").format(start=half + 1, end=len(d)))
    ax.bar([np.nan], [np.nan], color=COLORS["bad"], label=_("the last {n} months").format(n=half))
    ax.axhline(pace, color=COLORS["neutral"], ls="--", lw=1.2,
               label=_("their pace {start}–{end} months before").format(start=half + 1, end=len(d)))
    ax.set_xticks(x, [str(m) for m in months])
    ax.set_ylim(0, float(d["orders_per_churner"].max()) * 1.35 + 1e-9)
    ax.set_xlabel("Months before the customer left (1 = the last month)")
    ax.set_ylabel("Orders per churner per month")
    n = orders.attrs.get("churners")
    ax.set_title(_("Churn gives warning: orders of {n:,} customers who left").format(n=n) if n
                 else _("Churn gives warning: orders of customers who left"))
    ax.legend(loc="upper right", ncols=3, fontsize=8)
    return ax


@_style.chart
def backtest_chart(backtest: pd.DataFrame, *, ax=None):
    """Back-test of the falling-order-frequency warning: the churn rate that followed for the
    flagged and the other customers; output of :func:`retention.frequency_backtest`.

    Parameters
    ----------
    backtest : DataFrame
        The output of :func:`casekit.retention.frequency_backtest`.
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
    >>> ax = ck.plots.backtest_chart(ck.retention.frequency_backtest(w))
    """
    require_frame(backtest, {"churn_rate_next": "numeric", "checks": "numeric",
                             "churned_next": "numeric"}, what="backtest_chart")
    ax = _style.axes(ax, figsize=(6.5, 4.2))
    flags = [bool(i) for i in backtest.index]
    x = np.arange(len(backtest))
    ax.bar(x, backtest["churn_rate_next"], width=0.55,
           color=[COLORS["bad"] if f else COLORS["neutral"] for f in flags])
    for i, (r, k, n) in enumerate(zip(backtest["churn_rate_next"], backtest["churned_next"],
                                      backtest["checks"])):
        _pct_label(ax, i, r, _("{rate:.1%}\n({k:,} of {n:,})").format(rate=r, k=int(k), n=int(n)))
    ax.set_xticks(x, ["orders fell\n(flagged)" if f else "orders held\n(not flagged)"
                      for f in flags])
    ax.set_ylim(0, float(backtest["churn_rate_next"].max()) * 1.35 + 1e-9)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=1))
    months = backtest.attrs.get("months")
    ax.set_ylabel(_("Churned in the next month (% of checks)") if months == 1 else
                  _("Churned in the next {months} months (% of checks)").format(months=months) if months
                  else _("Churned in the period after (% of checks)"))
    dates = backtest.attrs.get("dates")
    ax.set_title(_("Back-test: falling orders warn of churn ({n} month ends)").format(n=dates)
                 if dates and dates > 1 else _("Back-test: falling orders warn of churn"))
    return ax


@_style.chart
def winback_chart(candidates: pd.DataFrame, *, top: int = 12, ax=None):
    """The first ``top`` lapsed customers to win back: expected value (bars), coloured by the
    reason they left; output of :func:`retention.winback_candidates`.

    Parameters
    ----------
    candidates : DataFrame
        The output of :func:`casekit.retention.winback_candidates`.
    top : int, default 12
        How many candidates are drawn.
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
    >>> R = ck.retention
    >>> ax = ck.plots.winback_chart(R.winback_candidates(R.customer_signals(w)), top=12)
    """
    require_frame(candidates, {"expected_value": "numeric", "reason": "any"},
                  what="winback_chart")
    d = candidates.head(top).iloc[::-1]
    ax = _style.axes(ax, figsize=(8, 0.38 * len(d) + 1.8))
    reasons = list(_r.WINBACK_REASONS)
    colours = {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(reasons)}
    y = np.arange(len(d))
    ax.barh(y, d["expected_value"], color=[colours[r] for r in d["reason"]])
    ax.set_yticks(y, [_("customer {id}").format(id=i) for i in d.index])
    for r in reasons:
        if (d["reason"] == r).any():
            ax.barh([np.nan], [np.nan], color=colours[r], label=_(r))
    _style.money(ax, "x")
    ax.set_xlabel("Expected value of a win-back: chance × yearly profit (CNY)")
    ax.set_title("Whom to win back first")
    ax.legend(loc="lower right", title="why they left")
    return ax


@_style.chart
def call_strategies_chart(compare: pd.DataFrame, *, ax=None):
    """Share of the expected profit at risk that each calling rule reaches; output of
    :func:`retention.compare_call_strategies`.

    Parameters
    ----------
    compare : DataFrame
        The output of :func:`casekit.retention.compare_call_strategies`.
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
    >>> R = ck.retention
    >>> warning = R.early_warning(R.customer_signals(w))
    >>> ax = ck.plots.call_strategies_chart(R.compare_call_strategies(warning, calls=20))
    """
    require_frame(compare, {"share_of_expected_loss": "numeric", "calls": "numeric"},
                  what="call_strategies_chart")
    ax = _style.axes(ax, figsize=(7.5, 3.6))
    y = np.arange(len(compare))
    best = compare["share_of_expected_loss"].idxmax()
    ax.barh(y, compare["share_of_expected_loss"],
            color=[COLORS["good"] if s == best else COLORS["neutral"] for s in compare.index])
    for i, v in enumerate(compare["share_of_expected_loss"]):
        ax.annotate(f"{v:.0%}", (v, i), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=9)
    ax.set_yticks(y, [label(s) for s in compare.index])
    ax.set_xlim(0, float(compare["share_of_expected_loss"].max()) * 1.2 + 1e-9)
    _percent(ax, "x")
    n = int(compare["calls"].iloc[0])
    ax.set_xlabel(_("Share of the expected yearly profit at risk reached with {n} calls (%)").format(n=n))
    ax.set_title("Whom to call first?")
    return ax
