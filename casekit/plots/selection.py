"""Charts for chapter 1, customer selection (客户选择).

Each function takes the output of a :mod:`casekit.selection` function (and an optional ``ax``),
draws one fully labelled chart in the kit's style and returns the Axes.
"""

from __future__ import annotations

import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from ..i18n import N_, _, translate
from ..core.size import big_customers
from ..validate import require_frame
from . import _style
from ._style import COLORS, PALETTE

__all__ = [
    "profit_curve", "revenue_vs_margin", "class_margins", "swap_heatmap", "big_risk_ratios",
    "size_vs_growth", "delivered_value_bars", "capability_map", "two_way_map",
    "lookalike_drivers", "lookalike_lift", "screening_summary", "coverage_curves",
]

_CLASS_COLORS = {"good": COLORS["good"], "ordinary": COLORS["neutral"], "bad": COLORS["bad"]}
_DECISION_COLORS = {"keep": COLORS["good"], "watch": COLORS["accent"], "drop": COLORS["bad"]}
_RISK_COLORS = {"financial": PALETTE[0], "profit": PALETTE[3], "management": PALETTE[4],
                "churn": PALETTE[1]}
_RISK_NAMES = {"financial": N_("financial risk"), "profit": N_("profit risk"),
               "management": N_("management risk"), "churn": N_("churn risk")}
#: Category names the charts draw from the data (tick labels, translated at the boundary).
_CATEGORIES = (N_("good"), N_("ordinary"), N_("bad"), N_("keep"), N_("watch"), N_("drop"),
               N_("profitable"), N_("loss-making"), N_("Good and bad can swap"), N_("after"),
               N_("before"), N_("loyalty index (0–1)"),
               # the risk measures of selection.big_customer_risks and the look-alike traits
               N_("payment days"), N_("bad debt per customer"), N_("share with bad debt"),
               N_("discount rate"), N_("disputes per customer"), N_("off-core requests per customer"),
               N_("churn rate"), N_("price sensitivity"), N_("employees"), N_("credit score"),
               N_("innovation requests"), N_("cooperativeness"), N_("off core requests"),
               N_("growth rate"))


@_style.chart
def profit_curve(profit: pd.DataFrame, *, ax=None, value: str = "profit"):
    """The whale curve: cumulative profit, customers ranked from most to least profitable.

    The curve rises above 100% of total profit and then falls: the loss-making customers give
    back part of what the profitable ones earn — not every buyer brings profit.

    Parameters
    ----------
    profit : DataFrame
        Profit per customer, e.g. :func:`casekit.selection.customer_profitability`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    value : str, default 'profit'
        Name of the profit column.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.profit_curve(ck.selection.customer_profitability(w))
    """
    require_frame(profit, {value: "numeric"}, what="profit_curve")
    v = np.sort(profit[value].to_numpy())[::-1]
    total = v.sum()
    cum = np.cumsum(v) / total if total != 0 else np.cumsum(v)
    x = np.arange(1, len(v) + 1) / len(v)
    ax = _style.axes(ax)
    ax.plot(x, cum, color=COLORS["main"], lw=2, label="cumulative profit")
    peak = int(np.argmax(cum))
    ax.axhline(1.0, color=COLORS["neutral"], lw=1, ls="--", label="total profit (100%)")
    ax.scatter([x[peak]], [cum[peak]], color=COLORS["bad"], zorder=3,
               label=_("peak: {share:.0%} of total profit").format(share=cum[peak]))
    ax.fill_between(x[peak:], cum[peak:], cum[peak], color=COLORS["bad"], alpha=0.15,
                    label="profit given back by the loss-making customers")
    ax.axvline(x[peak], color=COLORS["bad"], lw=1, ls=":")
    ax.annotate(_("the {share:.0%} of customers with a profit\nearn {peak:.0%} of the total").format(
                    share=x[peak], peak=cum[peak]),
                xy=(x[peak], cum[peak]), xytext=(x[peak] * 0.45, cum[peak] * 1.04),
                ha="center", va="bottom", fontsize=9,
                arrowprops={"arrowstyle": "->", "color": COLORS["neutral"]})
    if peak < len(v) - 1:
        ax.annotate(_("the other {share:.0%} give back\n{back:.0%} of the total").format(
                        share=1 - x[peak], back=cum[peak] - cum[-1]),
                    xy=(1.0, cum[-1]), xytext=(x[peak] + (1 - x[peak]) * 0.35, cum[-1] * 0.82),
                    ha="center", va="top", fontsize=9,
                    arrowprops={"arrowstyle": "->", "color": COLORS["neutral"]})
    ax.set_xlabel("customers, most profitable first (share of customers)")
    ax.set_ylabel("cumulative profit (% of total profit)")
    ax.set_title("Not every buyer brings profit: the whale curve")
    _style.percent(ax, "x")
    _style.percent(ax, "y")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, max(cum[peak] * 1.18, 1.1))
    ax.legend(loc="lower right", fontsize=8)
    return ax


@_style.chart
def revenue_vs_margin(profit: pd.DataFrame, *, ax=None, top: float = 0.2):
    """Revenue (log scale) against profit margin; the big customers highlighted.

    The big customers are the kit's one definition, :func:`casekit.big_customers` (the ``top``
    share by revenue, by default S3's fifth).

    Parameters
    ----------
    profit : DataFrame
        Profit per customer (:func:`casekit.selection.customer_profitability`).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    top : float, default 0.2
        The share of the customers that count as big (by revenue).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.revenue_vs_margin(ck.selection.customer_profitability(w), top=0.2)
    """
    require_frame(profit, {"revenue": "numeric", "profit": "numeric"}, what="revenue_vs_margin")
    big_all = big_customers(profit, by="revenue", top=top).to_numpy()
    keep = (profit["revenue"] > 0).to_numpy()
    p = profit[keep]
    margin = (p["profit"] / p["revenue"]).clip(-1.0, None)
    big = pd.Series(big_all[keep], index=p.index)
    ax = _style.axes(ax)
    ax.scatter(p.loc[~big, "revenue"], margin[~big], s=8, alpha=0.35, color=COLORS["neutral"],
               label="other customers")
    loss = big & (p["profit"] < 0)
    ax.scatter(p.loc[big & ~loss, "revenue"], margin[big & ~loss], s=16, alpha=0.8,
               color=COLORS["main"], label=_("top {top:.0%} by revenue, profitable").format(top=top))
    ax.scatter(p.loc[loss, "revenue"], margin[loss], s=22, alpha=0.9, color=COLORS["bad"],
               marker="D", label=_("top {top:.0%} by revenue, losing money").format(top=top))
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xscale("log")
    _style.money(ax, "x")
    _style.percent(ax, "y")
    ax.set_xlabel("revenue over the period (CNY, log scale)")
    ax.set_ylabel("profit margin (profit / revenue, floor −100%)")
    ax.set_title("Big is not the same as good")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=3, fontsize=8)
    return ax


@_style.chart
def class_margins(scores: pd.DataFrame, *, ax=None):
    """Profit margin (total profit / total revenue) of each scorecard class, with its size.

    Parameters
    ----------
    scores : DataFrame
        The scorecard (:func:`casekit.selection.scorecard`).
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
    >>> ax = ck.plots.class_margins(ck.selection.scorecard(w))
    """
    require_frame(scores, {"class": "text", "profit": "numeric", "revenue": "numeric"},
                  what="class_margins")
    order = [c for c in ("good", "ordinary", "bad") if (scores["class"] == c).any()]
    g = scores.groupby("class", observed=True)
    margin = (g["profit"].sum() / g["revenue"].sum()).reindex(order)
    n = g.size().reindex(order)
    ax = _style.axes(ax)
    bars = ax.bar(order, margin.to_numpy(), color=[_CLASS_COLORS[c] for c in order])
    for b, m, k in zip(bars, margin, n):
        y = b.get_height()
        ax.annotate(_("{margin:.0%}\n{n:,} customers").format(margin=m, n=k), (b.get_x() + b.get_width() / 2, y),
                    xytext=(0, 4 if y >= 0 else -26), textcoords="offset points", ha="center",
                    fontsize=9)
    ax.axhline(0, color="black", lw=0.8)
    _style.percent(ax, "y")
    lo, hi = min(0.0, margin.min()), max(0.0, margin.max())
    span = hi - lo
    ax.set_ylim(lo - (0.35 * span if lo < 0 else 0.02), hi + 0.25 * span)
    ax.set_xlabel("scorecard class")
    ax.set_ylabel("profit margin (profit / revenue)")
    ax.set_title("Profit margin by scorecard class")
    return ax


@_style.chart
def swap_heatmap(table: pd.DataFrame, *, ax=None, title: str = N_("Good and bad can swap"),
                 xlabel: str = N_("after"), ylabel: str = N_("before")):
    """A transition table (rows: class before, columns: class after) as an annotated heatmap.

    ``table`` is a crosstab of counts, e.g. ``pd.crosstab(s["class_before"], s["class_after"])``.

    Parameters
    ----------
    table : DataFrame
        A crosstab of counts: rows the class before, columns the class after.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, default 'Good and bad can swap'
        The chart's title.
    xlabel : str, default 'after'
        The label of the columns (the later period).
    ylabel : str, default 'before'
        The label of the rows (the earlier period).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> swaps = ck.selection.profit_swaps(w)
    >>> ax = ck.plots.swap_heatmap(pd.crosstab(swaps["class_before"], swaps["class_after"]))
    """
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise ValueError("swap_heatmap: expected a non-empty crosstab DataFrame of counts")
    values = table.to_numpy(dtype="float64")
    ax = _style.axes(ax, figsize=(6.0, 4.2))
    ax.imshow(values, cmap="Blues", aspect="auto")
    ax.grid(False)
    top = values.max() if values.size else 1
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            share = values[i, j] / values.sum()
            ax.text(j, i, f"{values[i, j]:,.0f}\n({share:.0%})", ha="center", va="center",
                    color="white" if values[i, j] > 0.6 * top else "black", fontsize=10)
    ax.set_xticks(range(values.shape[1]), [translate(str(c)) for c in table.columns])
    ax.set_yticks(range(values.shape[0]), [translate(str(r)) for r in table.index])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return ax


@_style.chart
def big_risk_ratios(risks: pd.DataFrame, *, ax=None):
    """How much riskier the biggest customers are: big / rest for each risk measure.

    When ``risks`` has a ``big_by`` column (as from ``selection.big_customer_risks``), each bar
    says which yardstick picked the big customers: revenue or firm size (employees).

    Parameters
    ----------
    risks : DataFrame
        The risk measures of :func:`casekit.selection.big_customer_risks`.
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
    >>> ax = ck.plots.big_risk_ratios(ck.selection.big_customer_risks(w))
    """
    require_frame(risks, {"risk": "text", "measure": "text", "ratio": "numeric"},
                  what="big_risk_ratios")
    r = risks.iloc[::-1]
    labels = pd.Series([translate(m) for m in r["measure"].astype(str)], index=r.index)
    if "big_by" in r:
        names = {"revenue": _("top by revenue"), "employees": _("top by firm size")}
        by = r["big_by"].astype(str).map(names).fillna(r["big_by"])
        labels = pd.Series([_("{measure}\n({by})").format(measure=m, by=b)
                            for m, b in zip(labels, by)], index=r.index)
    ax = _style.axes(ax, figsize=(7.5, 5.6 if "big_by" in r else 4.2))
    colors = [_RISK_COLORS.get(k, COLORS["neutral"]) for k in r["risk"]]
    ax.barh(labels.to_numpy(), r["ratio"], color=colors)
    ax.axvline(1.0, color="black", lw=1, ls="--")
    ax.set_xscale("log")
    ax.set_xlabel("big customers ÷ the rest (log scale; 1 = no difference)")
    ax.set_ylabel("")
    for y, v in enumerate(r["ratio"]):
        ax.annotate(f"×{v:.1f}", (v, y), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize=9)
    handles = [ax.bar(0, 0, color=c, label=_(_RISK_NAMES[k])) for k, c in _RISK_COLORS.items()
               if k in set(r["risk"])]
    ax.legend(handles=handles, loc="lower right")
    ax.set_title("The four risks of big customers")
    hi = max(2.0, float(r["ratio"].max()) * 3)
    ax.set_xlim(0.5, hi)
    ticks = [t for t in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if t <= hi]
    ax.set_xticks(ticks, [f"×{t:g}" for t in ticks])
    ax.xaxis.set_minor_locator(mticker.NullLocator())
    return ax


@_style.chart
def size_vs_growth(potential: pd.DataFrame, *, ax=None, fast: float = 0.2):
    """Annual revenue (log) against growth rate; small fast growers highlighted.

    Parameters
    ----------
    potential : DataFrame
        The output of :func:`casekit.selection.small_customer_potential`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    fast : float, default 0.2
        Growth rate from which a customer counts as a fast grower.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.size_vs_growth(ck.selection.small_customer_potential(w))
    """
    require_frame(potential, {"annual_revenue": "numeric", "growth_rate": "numeric",
                              "small": "bool"}, what="size_vs_growth")
    p = potential[potential["annual_revenue"] > 0]
    star = p["small"] & (p["growth_rate"] > fast)
    ax = _style.axes(ax)
    ax.scatter(p.loc[~star, "annual_revenue"], p.loc[~star, "growth_rate"], s=8, alpha=0.35,
               color=COLORS["neutral"], label="other customers")
    ax.scatter(p.loc[star, "annual_revenue"], p.loc[star, "growth_rate"], s=16, alpha=0.85,
               color=COLORS["good"], label=_("small and growing > {fast:.0%} a year").format(fast=fast))
    ax.axhline(fast, color=COLORS["good"], lw=1, ls="--")
    cut = p.loc[p["small"], "annual_revenue"].max()
    ax.axvline(cut, color=COLORS["neutral"], lw=1, ls=":", label="upper edge of the small customers")
    ax.set_xscale("log")
    _style.money(ax, "x")
    _style.percent(ax, "y")
    ax.set_xlabel("revenue per active year (CNY, log scale)")
    ax.set_ylabel("growth rate (per year)")
    ax.set_title("Small can be good: fast growers among the small")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=3, fontsize=8)
    return ax


@_style.chart
def delivered_value_bars(fit: pd.DataFrame, *, ax=None):
    """Delivered value of our offer and the competitor's, segment by segment.

    Parameters
    ----------
    fit : DataFrame
        The output of :func:`casekit.selection.segment_fit`.
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
    >>> ax = ck.plots.delivered_value_bars(ck.selection.segment_fit(w.perceptions, w.customers))
    """
    require_frame(fit, {"delivered_value_ours": "numeric", "delivered_value_competitor": "numeric",
                        "advantage": "numeric"}, what="delivered_value_bars")
    x = np.arange(len(fit))
    ax = _style.axes(ax)
    ax.bar(x - 0.2, fit["delivered_value_ours"], 0.4, color=COLORS["ours"], label="our offer")
    ax.bar(x + 0.2, fit["delivered_value_competitor"], 0.4, color=COLORS["competitor"],
           label="competitor's offer")
    top = float(np.maximum(fit["delivered_value_ours"], fit["delivered_value_competitor"]).max())
    for xi, adv, h in zip(x, fit["advantage"], np.maximum(fit["delivered_value_ours"],
                                                          fit["delivered_value_competitor"])):
        ax.annotate(f"{adv:+.0f}", (xi, h), xytext=(0, 4), textcoords="offset points",
                    ha="center", fontsize=9, color=COLORS["good"] if adv > 0 else COLORS["bad"])
    ax.set_xticks(x, [translate(str(s)) for s in fit.index])
    ax.set_ylim(0, top * 1.18)
    ax.set_xlabel("segment (number above the bars: our advantage, points)")
    ax.set_ylabel("delivered value (total value − total cost, points)")
    ax.set_title("Customer delivered value by segment")
    ax.legend(loc="upper right")
    return ax


@_style.chart
def capability_map(fit: pd.DataFrame, *, ax=None):
    """Heatmap: where our offer beats the competitor's, per segment and value/cost component.

    Values are shown as our advantage in points: ours − competitor for the four values, and
    competitor − ours for the four costs (a lower cost is an advantage).

    Parameters
    ----------
    fit : DataFrame
        The output of :func:`casekit.selection.segment_fit`.
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
    >>> ax = ck.plots.capability_map(ck.selection.segment_fit(w.perceptions, w.customers))
    """
    values = ["product_value", "service_value", "personnel_value", "image_value"]
    costs = ["monetary_cost", "time_cost", "energy_cost", "physical_cost"]
    require_frame(fit, dict.fromkeys(values + costs, "numeric"), what="capability_map")
    m = pd.concat([fit[values], -fit[costs]], axis=1)
    ax = _style.axes(ax, figsize=(8.5, 4.0))
    lim = float(np.abs(m.to_numpy()).max()) or 1.0
    im = ax.imshow(m.to_numpy(), cmap="RdBu", vmin=-lim, vmax=lim, aspect="auto")
    ax.grid(False)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            v = m.iat[i, j]
            ax.text(j, i, f"{round(v, 1) + 0.0:+.1f}", ha="center", va="center", fontsize=9,
                    color="white" if abs(v) > 0.6 * lim else "black")
    names = {"product_value": N_("product\nvalue"), "service_value": N_("service\nvalue"),
             "personnel_value": N_("personnel\nvalue"), "image_value": N_("image\nvalue"),
             "monetary_cost": N_("monetary\ncost"), "time_cost": N_("time\ncost"),
             "energy_cost": N_("energy\ncost"), "physical_cost": N_("physical\ncost")}
    labels = [_(names[c]) for c in values + costs]
    ax.set_xticks(range(m.shape[1]), labels, fontsize=8)
    ax.set_yticks(range(m.shape[0]), [translate(str(s)) for s in m.index])
    ax.axvline(3.5, color="black", lw=1)
    ax.figure.colorbar(im, ax=ax, label=_("our advantage (points)"))
    ax.set_xlabel("the four values  |  the four costs (shown as competitor − ours)")
    ax.set_ylabel("segment")
    ax.set_title("Where our capability meets the customer's value")
    return ax


@_style.chart
def two_way_map(two_way: pd.DataFrame, *, ax=None, attractive: float = 60.0):
    """Scorecard score (do we want them?) against delivered-value advantage (do they want us?).

    Parameters
    ----------
    two_way : DataFrame
        The output of :func:`casekit.selection.two_way_selection`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    attractive : float, default 60.0
        The scorecard score from which a customer is attractive to us.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> ax = ck.plots.two_way_map(ck.selection.two_way_selection(w))
    """
    require_frame(two_way, {"score": "numeric", "advantage": "numeric", "quadrant": "text"},
                  what="two_way_map")
    colors = {N_("match"): COLORS["good"], N_("improve our offer"): COLORS["accent"],
              N_("serve efficiently"): COLORS["main"], N_("no match"): COLORS["neutral"]}
    ax = _style.axes(ax)
    for q, col in colors.items():
        d = two_way[two_way["quadrant"] == q]
        ax.scatter(d["advantage"], d["score"], s=12, alpha=0.7, color=col,
                   label=_("{quadrant} ({n:,})").format(quadrant=_(q), n=len(d)))
    ax.axhline(attractive, color="black", lw=0.8, ls="--")
    ax.axvline(0, color="black", lw=0.8, ls="--")
    ax.set_xlabel("our delivered-value advantage (ours − competitor, points): do they want us?")
    ax.set_ylabel("scorecard score (points): do we want them?")
    ax.set_title("Two-way selection")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=4, fontsize=8)
    return ax


@_style.chart
def lookalike_drivers(drivers: pd.DataFrame, *, ax=None):
    """Which traits set today's loyal customers apart (standardised difference, loyal − others).

    Parameters
    ----------
    drivers : DataFrame
        The ``drivers`` of :func:`casekit.selection.lookalike`.
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
    >>> la = ck.selection.lookalike(w.customers, reference=ck.selection.loyal_customers(w.customers),
    ...                                candidates=ck.selection.new_customers(w.customers))
    >>> ax = ck.plots.lookalike_drivers(la.drivers)
    """
    require_frame(drivers, {"std_difference": "numeric", "weight": "numeric"},
                  what="lookalike_drivers")
    d = drivers.iloc[::-1]
    ax = _style.axes(ax, figsize=(7.5, 4.0))
    colors = [COLORS["good"] if v >= 0 else COLORS["bad"] for v in d["std_difference"]]
    ax.barh([translate(str(i).replace("_", " ")) for i in d.index], d["std_difference"], color=colors)
    ax.axvline(0, color="black", lw=0.8)
    for y, (v, wt) in enumerate(zip(d["std_difference"], d["weight"])):
        ax.annotate(_("weight {weight:.0%}").format(weight=wt), (v, y), xytext=(4 if v >= 0 else -4, 0),
                    textcoords="offset points", va="center", ha="left" if v >= 0 else "right",
                    fontsize=8)
    lim = float(np.abs(d["std_difference"]).max()) * 1.6 or 1.0
    ax.set_xlim(-lim, lim)
    ax.set_xlabel("loyal customers minus the others (standard deviations)")
    ax.set_title("What today's loyal customers look like")
    return ax


@_style.chart
def lookalike_lift(ranking: pd.DataFrame, *, outcome: str = "loyalty", ax=None, groups: int = 4,
                   label: str = N_("loyalty index (0–1)")):
    """Mean ``outcome`` by similarity group of the ranked candidates (1 = most similar).

    Parameters
    ----------
    ranking : DataFrame
        The ``ranking`` of :func:`casekit.selection.lookalike`, with the ``outcome`` column joined.
    outcome : str, default 'loyalty'
        The column whose mean is drawn per group.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    groups : int, default 4
        Number of similarity groups.
    label : str, default 'loyalty index (0–1)'
        The label of the outcome axis.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> la = ck.selection.lookalike(w.customers, reference=ck.selection.loyal_customers(w.customers),
    ...                                candidates=ck.selection.new_customers(w.customers))
    >>> ranked = la.ranking.join(w.customers.set_index("customer_id")["loyalty"])
    >>> ax = ck.plots.lookalike_lift(ranked)
    """
    require_frame(ranking, {"rank": "numeric", outcome: "numeric"}, what="lookalike_lift")
    q = pd.qcut(ranking["rank"], groups, labels=False) + 1
    m = ranking.groupby(q)[outcome].mean()
    ax = _style.axes(ax)
    ax.bar([f"{k}" for k in m.index], m.to_numpy(),
           color=[COLORS["good"]] + [COLORS["neutral"]] * (len(m) - 2) + [COLORS["bad"]])
    for i, v in enumerate(m):
        ax.annotate(f"{v:.2f}", (i, v), xytext=(0, 3), textcoords="offset points", ha="center",
                    fontsize=9)
    ax.set_ylim(0, float(m.max()) * 1.2)
    ax.set_xlabel(_("similarity group (1 = the most similar {share:.0%} of candidates)").format(
        share=1 / groups))
    ax.set_ylabel(_("mean {label}").format(label=translate(label)))
    ax.set_title("Look-alikes of loyal customers are more loyal themselves")
    return ax


@_style.chart
def screening_summary(screen: pd.DataFrame, *, ax=None):
    """Customers and profit by screening decision (keep / watch / drop).

    Parameters
    ----------
    screen : DataFrame
        The output of :func:`casekit.selection.annual_screening`.
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
    >>> ax = ck.plots.screening_summary(ck.selection.annual_screening(w))
    """
    require_frame(screen, {"decision": "text", "profit": "numeric"}, what="screening_summary")
    order = [d for d in ("keep", "watch", "drop") if (screen["decision"] == d).any()]
    g = screen.groupby("decision", observed=True)
    profit = g["profit"].sum().reindex(order)
    n = g.size().reindex(order)
    ax = _style.axes(ax)
    bars = ax.bar(order, profit.to_numpy(), color=[_DECISION_COLORS[d] for d in order])
    for b, k, v in zip(bars, n, profit):
        ax.annotate(_("{n:,} customers").format(n=k), (b.get_x() + b.get_width() / 2, v),
                    xytext=(0, 4 if v >= 0 else -14), textcoords="offset points", ha="center",
                    fontsize=9)
    ax.axhline(0, color="black", lw=0.8)
    lo, hi = min(0.0, profit.min()), max(0.0, profit.max())
    ax.set_ylim(lo - 0.12 * (hi - lo), hi * 1.12)
    _style.money(ax, "y")
    ax.set_xlabel("screening decision")
    ax.set_ylabel("profit in the year (CNY)")
    ax.set_title("Annual screening: keep, watch, drop")
    return ax


@_style.chart
def coverage_curves(plans: dict, *, value: str, hours: str, ax=None, budget: float | None = None):
    """Cumulative value against cumulative hours, for several orderings of the same customers.

    ``plans`` maps a label to the output of :func:`casekit.selection.plan_coverage` (or any frame
    already in the order considered).

    Parameters
    ----------
    plans : dict
        Name of an ordering → its :func:`casekit.selection.plan_coverage` table.
    value : str
        Name of the value column of the tables.
    hours : str
        Name of the hours column of the tables.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    budget : float, optional
        The hours available, drawn as a line.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> c = ck.selection.next_year_value(w)
    >>> hours = 0.5 * c["service_hours"].sum()
    >>> kw = dict(value="expected_profit", hours="service_hours", budget=hours)
    >>> plans = {"by value": ck.selection.plan_coverage(c, **kw),
    ...          "by size": ck.selection.plan_coverage(c, order="revenue", **kw)}
    >>> ax = ck.plots.coverage_curves(plans, value="expected_profit", hours="service_hours", budget=hours)
    """
    if not isinstance(plans, dict) or not plans:
        raise ValueError("coverage_curves: plans must be a dict of label -> ordered DataFrame")
    ax = _style.axes(ax)
    for (label, t), col in zip(plans.items(), PALETTE):
        require_frame(t, {value: "numeric", hours: "numeric"}, what="coverage_curves")
        ax.plot(np.concatenate([[0], np.cumsum(t[hours].to_numpy())]),
                np.concatenate([[0], np.cumsum(t[value].to_numpy())]), color=col, lw=2,
                label=label)
    if budget is not None:
        ax.axvline(budget, color="black", lw=1, ls="--", label="sales hours available")
    _style.money(ax, "y")
    ax.set_xlabel("sales and service hours, cumulative (hours / year)")
    ax.set_ylabel(_("{value}, cumulative (CNY / year)").format(value=translate(value.replace("_", " "))))
    ax.set_title("Where to spend a limited sales team")
    ax.legend(loc="lower right")
    return ax
