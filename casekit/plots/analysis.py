"""Charts of chapter 5 — customer analysis and the customer database (客户分析、客户数据库).

The charts are labelled in English only, so they render with any font; the Chinese terms are in the
notebooks and the docstrings.

Each function takes a table made by :mod:`casekit.analysis` (and an optional ``ax``), draws one
fully labelled chart and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import NullFormatter

from . import _style
from ._style import COLORS, PALETTE
from ..i18n import NC_, N_, _, translate

__all__ = ["composition_chart", "product_mix_chart", "cross_ratio_chart", "cross_ratio_bars",
           "credit_chart", "route_map", "visit_plan_chart", "quality_chart"]

_DECISION_COLORS = {"continue": COLORS["good"], "restrict": COLORS["accent"],
                    "stop": COLORS["bad"]}
_GRADE_SIZE = {"A": 60, "B": 28, "C": 12}


def _need(table, cols, what):
    if not isinstance(table, pd.DataFrame):
        raise ValueError(f"{what}: expected a DataFrame from casekit.analysis, got "
                         f"{type(table).__name__}")
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise ValueError(f"{what}: the table has no column {missing[0]!r}; its columns are "
                         f"{list(map(str, table.columns))}")


def _group(name) -> str:
    """A grouping column's name as a label: ``size_band`` → ``size band``."""
    return str(name).replace("_", " ")


N_("size band")  # the label of the size bands, translated where the chart shows it
# the product lines as product lines ("services" is also a segment, 服务业)
NC_("product line", "equipment"), NC_("product line", "consumables")
NC_("product line", "spare parts"), NC_("product line", "services")
# the trade decisions of the credit review and the checks of the quality report, as charts show them
NC_("decision", "continue"), NC_("decision", "restrict"), NC_("decision", "stop")
N_("duplicate customer"), N_("missing"), N_("out of range"), N_("not an allowed value"), N_("customer type")


def _line(name) -> str:
    """A product line's name in the course's language."""
    return translate(str(name), "product line")


@_style.chart
def composition_chart(comp: pd.DataFrame, *, value: str = "revenue", title: str | None = None,
                      ax=None):
    """Customer composition (客户构成): share of customers next to share of ``value`` per group.

    ``comp`` is a table from :func:`casekit.analysis.composition`.

    Parameters
    ----------
    comp : DataFrame
        The output of :func:`casekit.analysis.composition`.
    value : str, default 'revenue'
        The value whose share is drawn.
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
    >>> comp = ck.analysis.composition(ck.analysis.customer_file(w), "size_band")
    >>> ax = ck.plots.composition_chart(comp)
    """
    what = "composition_chart"
    _need(comp, ["customer_share", f"{value}_share"], what)
    ax = _style.axes(ax)
    labels = [" / ".join(translate(str(j)) for j in i) if isinstance(i, tuple) else translate(str(i))
              for i in comp.index]
    y = np.arange(len(comp))
    h = 0.38
    ax.barh(y - h / 2, comp["customer_share"] * 100, height=h, color=COLORS["neutral"],
            label="share of customers")
    ax.barh(y + h / 2, comp[f"{value}_share"] * 100, height=h, color=COLORS["main"],
            label=_("share of {value}").format(value=translate(value.replace('_', ' '))))
    for yi, (c, v) in enumerate(zip(comp["customer_share"], comp[f"{value}_share"])):
        ax.text(c * 100 + 0.5, yi - h / 2, f"{c:.0%}", va="center", fontsize=8)
        ax.text(v * 100 + 0.5, yi + h / 2, f"{v:.0%}", va="center", fontsize=8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    name = comp.index.name or " / ".join(n for n in comp.index.names if n) or "group"
    ax.set_xlabel("share of the total (%)")
    ax.set_ylabel(_group(name))
    ax.set_xlim(0, max(comp["customer_share"].max(), comp[f"{value}_share"].max()) * 100 + 8)
    ax.set_title(title or _("Customer composition by {group}").format(group=translate(_group(name))))
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    return ax


@_style.chart
def product_mix_chart(mix: pd.DataFrame, *, title: str | None = None, ax=None):
    """Product sales mix (产品销售构成): 100% bars, one per group, split by product line.

    ``mix`` is :func:`casekit.analysis.product_mix` with ``by=...`` (rows = groups, columns =
    product lines, shares).

    Parameters
    ----------
    mix : DataFrame
        The output of :func:`casekit.analysis.product_mix`.
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
    >>> file = ck.analysis.customer_file(w)
    >>> mix = ck.analysis.product_mix(w.transactions, customers=file, by="customer_type")
    >>> ax = ck.plots.product_mix_chart(mix)
    """
    what = "product_mix_chart"
    if not isinstance(mix, pd.DataFrame) or mix.empty:
        raise ValueError(f"{what}: expected the shares table of product_mix(..., by=...)")
    ax = _style.axes(ax)
    y = np.arange(len(mix))
    left = np.zeros(len(mix))
    for k, line in enumerate(mix.columns):
        share = mix[line].to_numpy(dtype=float)
        ax.barh(y, share * 100, left=left * 100, color=PALETTE[k % len(PALETTE)], label=_line(line),
                height=0.6)
        for yi, (l0, s) in enumerate(zip(left, share)):
            if s >= 0.06:
                ax.text((l0 + s / 2) * 100, yi, f"{s:.0%}", ha="center", va="center",
                        fontsize=8, color="white")
        left += share
    ax.set_yticks(y, [translate(str(i)) for i in mix.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the group's revenue (%)")
    ax.set_ylabel(translate(_group(mix.index.name or "group")))
    ax.set_title(title or "Product sales mix")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(mix.columns))
    ax.grid(visible=False)
    return ax


@_style.chart
def cross_ratio_chart(ratios: pd.DataFrame, *, title: str | None = None, ax=None):
    """Gross-margin rate against stock turnover, with lines of equal cross ratio (交叉比率).

    ``ratios`` is a table from :func:`casekit.analysis.cross_ratios`.  Each point is a product
    line (or customer group), its area the share of sales; the dashed curves join the points of
    equal cross ratio (margin rate × turnover), so a point further up *or* further right earns
    more margin per yuan of stock.

    Parameters
    ----------
    ratios : DataFrame
        The output of :func:`casekit.analysis.cross_ratios`.
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
    >>> ax = ck.plots.cross_ratio_chart(ck.analysis.cross_ratios(w.transactions))
    """
    what = "cross_ratio_chart"
    _need(ratios, ["margin_rate", "turnover", "cross_ratio", "sales_share"], what)
    ax = _style.axes(ax)
    x = ratios["turnover"].to_numpy(dtype=float)
    y = ratios["margin_rate"].to_numpy(dtype=float)
    lo, hi = x.min() / 1.6, x.max() * 1.6
    grid = np.geomspace(lo, hi, 200)
    levels = np.unique(np.round(np.geomspace(ratios["cross_ratio"].min(),
                                             ratios["cross_ratio"].max(), 4), 1))
    ymax = max(0.7, y.max() * 1.25)
    for c in levels:
        ax.plot(grid, c / grid * 100, ls="--", lw=0.8, color=COLORS["neutral"], zorder=1)
        xr = hi / 1.04
        if c / xr < ymax * 0.95:  # label where the curve leaves the right edge
            ax.text(xr, c / xr * 100, f"{c:g}", fontsize=7, color=COLORS["neutral"],
                    ha="right", va="bottom")
        else:  # or where it leaves the top
            ax.text(c / (ymax * 0.97), ymax * 97, f"{c:g}", fontsize=7,
                    color=COLORS["neutral"], ha="left", va="top")
    sizes = 2500 * ratios["sales_share"].to_numpy(dtype=float)
    for k, (name, xi, yi, s) in enumerate(zip(ratios.index, x, y, sizes)):
        ax.scatter([xi], [yi * 100], s=max(s, 30), color=PALETTE[k % len(PALETTE)], alpha=0.8,
                   edgecolor="white", zorder=3)
        ax.annotate(f"{_line(name)}\n{ratios['cross_ratio'].iloc[k]:.1f}", (xi, yi * 100),
                    xytext=(0, np.sqrt(max(s, 30)) / 2 + 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, zorder=4)
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(0, ymax * 100)
    ticks = [t for t in (1, 2, 5, 10, 20, 50, 100, 200) if lo <= t <= hi]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("stock turnover, times a year (log scale)\n"
                  "dashed: lines of equal cross ratio · bubble area: share of sales", fontsize=9)
    ax.set_ylabel("gross-margin rate (%)")
    ax.set_title(title or "Cross ratio = gross-margin rate × turnover")
    return ax


@_style.chart
def cross_ratio_bars(ratios: pd.DataFrame, *, highlight: str | None = None,
                     title: str | None = None, ax=None):
    """Cross ratio (交叉比率) per product line as bars, with margin rate and turnover labelled.

    ``highlight`` names one row to draw in the accent colour (e.g. the line whose days of cover
    a slider changes).

    Parameters
    ----------
    ratios : DataFrame
        The output of :func:`casekit.analysis.cross_ratios`.
    highlight : str, optional
        One row drawn in the accent colour.
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
    >>> ratios = ck.analysis.cross_ratios(w.transactions)
    >>> ax = ck.plots.cross_ratio_bars(ratios, highlight=ratios.index[0])
    """
    what = "cross_ratio_bars"
    _need(ratios, ["margin_rate", "turnover", "cross_ratio"], what)
    ax = _style.axes(ax)
    names = [str(i) for i in ratios.index]
    colors = [COLORS["accent"] if n == highlight else COLORS["main"] for n in names]
    y = np.arange(len(ratios))
    ax.barh(y, ratios["cross_ratio"], color=colors, height=0.6)
    top = float(ratios["cross_ratio"].max())
    for yi, (c, m, t) in enumerate(zip(ratios["cross_ratio"], ratios["margin_rate"],
                                       ratios["turnover"])):
        ax.text(c + top * 0.01, yi, f"{c:.1f} = {m:.0%} × {t:.1f}", va="center", fontsize=8)
    ax.set_yticks(y, [_line(n) if ratios.index.name == "product_line" else translate(n) for n in names])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.45)
    ax.set_xlabel("cross ratio (yuan of margin a year per yuan of stock)")
    ax.set_ylabel(str(ratios.index.name or "").replace("_", " "))
    name = str(ratios.index.name or "group").replace("_", " ")
    ax.set_title(title or _("Cross ratio per {group}").format(group=translate(str(name))))
    ax.grid(axis="y", visible=False)
    return ax


@_style.chart
def credit_chart(review: pd.DataFrame, *, title: str | None = None, ax=None):
    """Credit review (信用调查): customers per credit rating, split by the trade decision.

    ``review`` is a table from :func:`casekit.analysis.credit_review`.

    Parameters
    ----------
    review : DataFrame
        The output of :func:`casekit.analysis.credit_review`.
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
    >>> ax = ck.plots.credit_chart(ck.analysis.credit_review(ck.analysis.customer_file(w)))
    """
    what = "credit_chart"
    _need(review, ["credit_rating", "decision"], what)
    ax = _style.axes(ax)
    table = pd.crosstab(review["credit_rating"].astype("str"), review["decision"].astype("str"))
    ratings = sorted(table.index)
    table = table.reindex(ratings).fillna(0)
    x = np.arange(len(ratings))
    bottom = np.zeros(len(ratings))
    for d in ("continue", "restrict", "stop"):
        v = table[d].to_numpy(dtype=float) if d in table else np.zeros(len(ratings))
        ax.bar(x, v, bottom=bottom, color=_DECISION_COLORS[d], label=translate(d, "decision"), width=0.6)
        for xi, (b, vi) in enumerate(zip(bottom, v)):
            if vi > table.to_numpy().sum() * 0.01:
                ax.text(xi, b + vi / 2, f"{vi:.0f}", ha="center", va="center", fontsize=8,
                        color="white")
        bottom += v
    ax.set_xticks(x, [_("rating {rating}").format(rating=r) for r in ratings])
    ax.set_xlabel("credit rating, A best")
    ax.set_ylabel("active customers")
    ax.set_title(title or "Credit review: continue, restrict or stop trade")
    ax.legend(title="decision")
    ax.grid(axis="x", visible=False)
    return ax


@_style.chart
def route_map(routes: pd.DataFrame, region: str, *, title: str | None = None, ax=None):
    """Route classification (路序分类) of one region: customers around the sales office, coloured
    by route, larger for higher grades.

    ``routes`` is a table from :func:`casekit.analysis.route_classification`.

    Parameters
    ----------
    routes : DataFrame
        The output of :func:`casekit.analysis.route_classification`.
    region : str
        The region drawn.
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
    >>> A = ck.analysis
    >>> register = A.customer_register(A.grade_customers(A.customer_file(w)))
    >>> routes = A.route_classification(register)
    >>> ax = ck.plots.route_map(routes, routes["region"].astype(str).iloc[0])
    """
    what = "route_map"
    _need(routes, ["region", "route", "x_km", "y_km", "grade"], what)
    r = routes[routes["region"].astype("str") == region]
    if r.empty:
        raise ValueError(f"{what}: region={region!r} has no customers; regions are "
                         f"{sorted(routes['region'].astype('str').unique())}")
    ax = _style.axes(ax, figsize=(6.8, 6.0))
    names = list(dict.fromkeys(r["route"].astype("str")))
    size = r["grade"].astype("str").map(_GRADE_SIZE).fillna(12).to_numpy()
    for k, name in enumerate(names):
        m = (r["route"].astype("str") == name).to_numpy()
        ax.scatter(r["x_km"].to_numpy()[m], r["y_km"].to_numpy()[m], s=size[m],
                   color=PALETTE[k % 7], alpha=0.85, edgecolor="white", linewidth=0.4)
        angle = np.deg2rad(r["bearing_deg"].to_numpy()[m].mean()) if "bearing_deg" in r else 0
        reach = r["distance_km"].max() * 1.12 if "distance_km" in r else 60
        ax.text(reach * np.sin(angle), reach * np.cos(angle), name.split("-")[-1],
                ha="center", va="center", fontsize=9, fontweight="bold",
                color=PALETTE[k % 7])
    if "bearing_deg" in r and len(names) > 1:  # the borders between neighbouring routes
        b = r.groupby(r["route"].astype("str"), sort=False)["bearing_deg"].agg(["min", "max"])
        b = b.loc[names].sort_values("min")
        reach = r["distance_km"].max() if "distance_km" in r else 60
        edges = (b["max"].to_numpy()[:-1] + b["min"].to_numpy()[1:]) / 2
        edges = np.append(edges, ((b["max"].iloc[-1] + b["min"].iloc[0] + 360) / 2) % 360)
        for e in np.deg2rad(edges):
            ax.plot([0, reach * np.sin(e)], [0, reach * np.cos(e)], color=COLORS["neutral"],
                    lw=0.6, ls=":", zorder=1)
    ax.scatter([0], [0], marker="*", s=250, color="black", zorder=4)
    ax.annotate("sales office", (0, 0), xytext=(6, -12), textcoords="offset points", fontsize=8)
    for g, s in _GRADE_SIZE.items():
        ax.scatter([], [], s=s, color=COLORS["neutral"], label=_("grade {grade}").format(grade=g))
    lim = (r["distance_km"].max() if "distance_km" in r else 60) * 1.25
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("km east of the office")
    ax.set_ylabel("km north of the office")
    ax.set_title(title or _("Visit routes in the {region} region: {n} routes, numbered clockwise")
                 .format(region=translate(str(region)), n=len(names)))
    ax.legend(loc="lower left", fontsize=8, borderaxespad=0.2, handletextpad=0.2)
    return ax


@_style.chart
def visit_plan_chart(plan: pd.DataFrame, *, title: str | None = None, ax=None):
    """Visit plan (客户访问计划): field reps needed per region (or route), split by grade.

    ``plan`` is :func:`casekit.analysis.visit_plan` (``by="region"`` reads best).  Each bar is
    the plan's ``reps``, split in proportion to each grade's share of the visit hours as the
    default plan counts them.

    Parameters
    ----------
    plan : DataFrame
        The output of :func:`casekit.analysis.visit_plan`.
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
    >>> A = ck.analysis
    >>> register = A.customer_register(A.grade_customers(A.customer_file(w)))
    >>> ax = ck.plots.visit_plan_chart(A.visit_plan(A.route_classification(register), by="region"))
    """
    what = "visit_plan_chart"
    _need(plan, ["A", "B", "C", "reps"], what)
    from ..analysis import MINUTES_PER_VISIT, VISITS_PER_MONTH

    ax = _style.axes(ax)
    weights = {g: VISITS_PER_MONTH[g] * (MINUTES_PER_VISIT[g] + 30.0) for g in ("A", "B", "C")}
    load = pd.DataFrame({g: plan[g] * w for g, w in weights.items()})
    share = load.div(load.sum(axis=1).replace(0, np.nan), axis=0).fillna(0)
    x = np.arange(len(plan))
    bottom = np.zeros(len(plan))
    for k, g in enumerate(("A", "B", "C")):
        v = (share[g] * plan["reps"]).to_numpy(dtype=float)
        ax.bar(x, v, bottom=bottom, color=(COLORS["main"], COLORS["accent"],
                                           COLORS["neutral"])[k], label=_("grade {grade}").format(grade=g), width=0.6)
        bottom += v
    for xi, (r, c) in enumerate(zip(plan["reps"], plan["customers"] if "customers" in plan
                                    else [None] * len(plan))):
        label = f"{r:.1f}" + ("\n" + _("({n} cust.)").format(n=c) if c is not None else "")
        ax.text(xi, r, label, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [translate(str(i)) for i in plan.index])
    ax.set_ylim(0, float(plan["reps"].max()) * 1.25)
    ax.set_xlabel(str(plan.index.name or "").replace("_", " "))
    ax.set_ylabel("field reps needed (full-time)")
    ax.set_title(title or "Visit plan: field reps the monthly visits need")
    ax.legend(title="time spent on")
    ax.grid(axis="x", visible=False)
    return ax


@_style.chart
def quality_chart(report: pd.DataFrame, *, title: str | None = None, ax=None):
    """Data quality (数据质量) before and after cleaning: rows with each kind of problem.

    ``report`` is :func:`casekit.analysis.quality_report` of the dirty file with the cleaned one
    passed as ``after``.

    Parameters
    ----------
    report : DataFrame
        The output of :func:`casekit.analysis.quality_report` (before and after cleaning).
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
    >>> A = ck.analysis
    >>> dirty = A.make_dirty(A.customer_file(w), seed=1)
    >>> ax = ck.plots.quality_chart(A.quality_report(dirty, A.clean_file(dirty)))
    """
    what = "quality_chart"
    _need(report, ["check", "rows", "after_cleaning"], what)
    ax = _style.axes(ax)
    g = report.groupby("check", sort=False)[["rows", "after_cleaning"]].sum()
    y = np.arange(len(g))
    h = 0.38
    ax.barh(y - h / 2, g["rows"], height=h, color=COLORS["bad"], label="dirty file")
    ax.barh(y + h / 2, g["after_cleaning"], height=h, color=COLORS["main"],
            label="after cleaning")
    top = float(max(g["rows"].max(), g["after_cleaning"].max(), 1))
    for yi, (a, b) in enumerate(zip(g["rows"], g["after_cleaning"])):
        ax.text(a + top * 0.01, yi - h / 2, f"{a}", va="center", fontsize=8)
        ax.text(b + top * 0.01, yi + h / 2, f"{b}", va="center", fontsize=8)
    ax.set_yticks(y, [translate(str(i)) for i in g.index])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("rows (field values) with the problem")
    ax.set_ylabel("check")
    ax.set_title(title or "Data-quality check of the customer file")
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    return ax
