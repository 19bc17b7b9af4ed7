"""Charts of chapter 3: objections and complaints.

Each function takes the data (and an optional ``ax``), draws one fully labelled chart with the
kit's style and returns the Axes.  The numbers come from :mod:`casekit.objections`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import objections as ob
from .. import roleplay as _rp
from ..i18n import N_, _, language, translate
from . import _style
from ._style import COLORS

__all__ = ["method_fit_heatmap", "complaint_pareto_chart", "resolution_time_chart",
           "complaint_outcome_chart", "silent_customer_chart", "claims_chart",
           "roleplay_trust_chart"]


@_style.chart
def method_fit_heatmap(objections, *, ax=None):
    """Which methods answer which objection types: a type × method grid.

    A cell's colour is the number of catalogue statements of that type the method fits; its text
    reads ``best / fits`` (statements where the method is the best answer / where it fits).

    Parameters
    ----------
    objections : DataFrame
        The objections (``world.objections``): type and fitting methods.
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
    >>> ax = ck.plots.method_fit_heatmap(w.objections)
    """
    fits = ob.method_fit(objections, kind="fits")
    best = ob.method_fit(objections, kind="best")
    ax = _style.axes(ax, figsize=(8.2, 5.0))
    im = ax.imshow(fits.to_numpy(), cmap="Blues", vmin=0, vmax=max(1, int(fits.to_numpy().max())),
                   aspect="auto")
    ax.grid(False)
    ax.set_xticks(range(fits.shape[1]), [_wrap(m) for m in fits.columns])
    ax.set_yticks(range(fits.shape[0]), _ticks(fits.index))
    top = fits.to_numpy().max()
    for i in range(fits.shape[0]):
        for j in range(fits.shape[1]):
            f, b = int(fits.iat[i, j]), int(best.iat[i, j])
            if f:
                ax.text(j, i, f"{b} / {f}", ha="center", va="center", fontsize=9,
                        color="white" if f > top / 2 else "black",
                        fontweight="bold" if b else "normal")
    ax.set_xlabel("Handling method")
    ax.set_ylabel("Objection type")
    ax.set_title("Which method answers which objection (cell: best / fits)")
    bar = ax.figure.colorbar(im, ax=ax, label=_("Statements the method fits"), shrink=0.8)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return ax


def _ticks(values) -> list[str]:
    """Category tick labels in the course's language (each a whole catalog message, or itself)."""
    return [translate(str(v), "chart") for v in values]


def _wrap(name: str) -> str:
    """A category as a tick label: its Chinese term in zh, else the English on two lines."""
    shown = _(name)
    return shown if shown != name else name.replace(" ", "\n", 1)


@_style.chart
def complaint_pareto_chart(complaints, *, value=None, cutoff=0.8, ax=None):
    """Pareto chart of complaint causes: bars by cause, cumulative share line, cut-off line.

    The vital few causes (those needed to reach ``cutoff``) are drawn in the accent colour.

    Parameters
    ----------
    complaints : DataFrame
        The complaints (``world.complaints``).
    value : str, optional
        A column to sum per cause instead of counting complaints.
    cutoff : float, default 0.8
        The cumulative share drawn as the cut-off line.
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
    >>> ax = ck.plots.complaint_pareto_chart(w.complaints)
    """
    table = ob.complaint_pareto(complaints, value=value, cutoff=cutoff)
    col = value or "complaints"
    ax = _style.axes(ax, figsize=(8.2, 4.6))
    x = np.arange(len(table))
    colours = [COLORS["bad"] if v else COLORS["neutral"] for v in table["vital_few"]]
    ax.bar(x, table[col], color=colours, width=0.7)
    ax.grid(axis="x", visible=False)
    ax.set_xticks(x, [_wrap(c) for c in table["category"]])
    ax.set_xlabel("Cause of complaint")
    if value == "claim_amount":
        ax.set_ylabel("Amount claimed (CNY)")
        _style.money(ax)
    else:
        ax.set_ylabel("Complaints" if value is None else value)
    ax2 = ax.twinx()
    ax2.plot(x, table["cumulative_share"], color=COLORS["main"], marker="o", lw=2,
             label="cumulative share")
    ax2.axhline(cutoff, color=COLORS["main"], ls=":", lw=1, label=_("{cutoff:.0%} cut-off").format(cutoff=cutoff))
    ax2.set_ylim(0, 1.05)
    ax2.set_ylabel("Cumulative share of the total")
    _style.percent(ax2)
    ax2.grid(False)
    ax2.spines["right"].set_visible(True)
    from matplotlib.patches import Patch
    handles = [Patch(color=COLORS["bad"], label=_("vital few: fix first")),
               Patch(color=COLORS["neutral"], label=_("the rest")), *ax2.get_legend_handles_labels()[0]]
    ax2.legend(handles=handles, loc="center right")
    ax.set_title(_("Pareto chart of complaint causes (complaints)") if value is None
                 else _("Pareto chart of complaint causes (amount claimed)"))
    return ax


@_style.chart
def resolution_time_chart(complaints, *, by="severity", fast=7, max_days=60, ax=None):
    """How long resolved complaints took, one line per group (default: severity).

    Each line is the share of the group's resolved complaints closed in each 3-day bin; the
    dashed line marks ``fast`` days.  Complaints never resolved are counted in the legend.

    Parameters
    ----------
    complaints : DataFrame
        The complaints (``world.complaints``).
    by : str, default 'severity'
        The column that groups the complaints.
    fast : int, default 7
        Days within which a resolution counts as fast (drawn as a line).
    max_days : int, default 60
        The last day shown.
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
    >>> ax = ck.plots.resolution_time_chart(w.complaints)
    """
    summary = ob.resolution_summary(complaints, by=by, fast=fast)
    ax = _style.axes(ax)
    days = complaints["days_to_resolve"].to_numpy(dtype="float64", na_value=np.nan)
    res = complaints["resolved"].to_numpy()
    groups = complaints[by].astype(str).to_numpy()
    bins = np.arange(0, max_days + 4, 3)
    for k, g in enumerate(summary[by].astype(str)):
        d = days[res & (groups == g)]
        if len(d) == 0:
            continue
        counts, _edges = np.histogram(np.minimum(d, max_days + 1), bins=bins)
        row = summary[summary[by].astype(str) == g].iloc[0]
        ax.stairs(counts / len(d), bins, lw=2,
                  color=_style.PALETTE[k % len(_style.PALETTE)],
                  label=_("{group}: median {days:.0f} d, {unresolved:.0%} unresolved").format(
                      group=_(g), days=row['median_days'], unresolved=1 - row['resolved_share']))
    ax.axvline(fast, color=COLORS["neutral"], ls="--", lw=1)
    ax.text(fast + 0.5, ax.get_ylim()[1] * 0.95, _("{n} days").format(n=fast), color=COLORS["neutral"],
            va="top", fontsize=9)
    ax.set_xlabel(_("Days to resolve (3-day bins; the last holds everything over {max_days})").format(
        max_days=max_days))
    ax.set_ylabel("Share of resolved complaints")
    _style.percent(ax)
    ax.yaxis.set_major_locator(MaxNLocator(steps=[1, 2, 5, 10]))
    ax.set_title(_("Time to resolve a complaint, by {by}").format(by=_(by)))
    ax.legend(title=_(by) if language() == "zh" else by.replace("_", " ").capitalize())
    return ax


_METRICS = {"kept_share": (N_("Customer kept (share of complaints)"), True),
            "satisfaction_after": (N_("Satisfaction after handling (1–5)"), False),
            "resolved_share": (N_("Resolved (share of complaints)"), True)}


@_style.chart
def complaint_outcome_chart(complaints, *, by="speed", metric="kept_share", fast=7, slow=21,
                            good=4, ax=None):
    """One outcome of complaint handling (customers kept, satisfaction after, resolved) by how
    the complaints were handled (``by``: ``"speed"``, ``"handling"`` (score ≥ ``good`` plus a
    follow-up call, or not), ``"handling_score"``, ``"followed_up"``…).

    Parameters
    ----------
    complaints : DataFrame
        The complaints (``world.complaints``).
    by : str, default 'speed'
        How complaints are grouped (``'speed'`` of resolution, or a column).
    metric : str, default 'kept_share'
        The outcome drawn.
    fast : int, default 7
        Days within which a resolution counts as fast.
    slow : int, default 21
        Days after which a resolution counts as slow.
    good : int, default 4
        Handling score from which handling counts as good.
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
    >>> ax = ck.plots.complaint_outcome_chart(w.complaints, by="speed", metric="kept_share")
    """
    from ..validate import require_choice
    require_choice(metric, list(_METRICS), what="complaint_outcome_chart", name="metric")
    table = ob.complaint_outcomes(complaints, by=by, fast=fast, slow=slow, good=good)
    table = table[table["complaints"] > 0]
    label, is_share = _METRICS[metric]
    ax = _style.axes(ax)
    x = np.arange(len(table))
    vals = table[metric].to_numpy(dtype="float64")
    if by == "speed":
        band = [COLORS["good"], COLORS["main"], COLORS["accent"], COLORS["bad"]]
        colours = [band[c] for c in table["speed"].cat.codes]
    elif by == "handling":
        colours = [(COLORS["good"], COLORS["main"])[c] for c in table["handling"].cat.codes]
    else:
        colours = [COLORS["main"]] * len(x)
    ax.bar(x, vals, color=colours, width=0.65)
    ax.grid(axis="x", visible=False)
    names = [("yes" if v else "no") if isinstance(v, (bool, np.bool_)) else str(v)
             for v in table[by]]
    ax.set_xticks(x, _ticks(names))
    for xi, v, n in zip(x, vals, table["complaints"]):
        ax.text(xi, v, (f"{v:.0%}" if is_share else f"{v:.2f}") + f"\nn={n}", ha="center",
                va="bottom", fontsize=9)
    if is_share:
        ax.set_ylim(0, 1.12)
        _style.percent(ax)
    else:
        ax.set_ylim(1, 5.4)
    ax.set_ylabel(label)
    ax.set_xlabel({"speed": "How fast the complaint was resolved",
                   "handling_score": "Quality of the handling (audit score, 5 = exemplary)",
                   "followed_up": "We called back after the fix",
                   "handling": _("How the complaint was handled (audit score ≥ {good} and a call back, "
                                 "or not)").format(good=good)
                   }.get(by, str(by)))
    how = {"speed": N_("speed of resolution"), "handling_score": N_("quality of handling"),
           "followed_up": N_("follow-up call"),
           "handling": N_("careful handling and follow-up")}.get(by, str(by).replace("_", " "))
    ax.set_title(_("{what} by {how}").format(what=_(label).split(" (")[0].split("（")[0], how=_(how)))
    return ax


@_style.chart
def silent_customer_chart(customers, complaints, *, ax=None):
    """Churn rate of customers who never complained, whose complaints were all resolved, and
    with some unresolved complaint, with 95% confidence intervals.

    Parameters
    ----------
    customers : DataFrame
        The customers (``world.customers``).
    complaints : DataFrame
        The complaints (``world.complaints``).
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
    >>> ax = ck.plots.silent_customer_chart(w.customers, w.complaints)
    """
    t = ob.silent_customer_test(customers, complaints)
    ax = _style.axes(ax)
    x = np.arange(len(t))
    rate = t["churn_rate"].to_numpy(dtype="float64")
    err = np.vstack([rate - t["ci_low"].to_numpy(), t["ci_high"].to_numpy() - rate])
    ax.grid(axis="x", visible=False)
    ax.bar(x, rate, yerr=err, capsize=6, width=0.6,
           color=[COLORS["accent"], COLORS["good"], COLORS["bad"]], ecolor="#333333")
    for xi, r, n in zip(x, rate, t["customers"]):
        if np.isfinite(r):
            ax.text(xi + 0.32, r, _("{rate:.0%}\n{n} customers").format(rate=r, n=n), va="center", ha="left", fontsize=9)
    ax.set_xticks(x, _ticks(t["group"]))
    ax.set_xlim(-0.5, len(t) - 0.1)
    ax.set_ylim(0, max(0.05, float(np.nanmax(t["ci_high"].to_numpy()))) * 1.15)
    _style.percent(ax)
    ax.set_xlabel("Customer's complaint record over the period")
    ax.set_ylabel("Churned by the as-of date (share, 95% CI)")
    ax.set_title("Silent customers churn: no complaints is a warning sign")
    return ax


@_style.chart
def claims_chart(complaints, *, ax=None):
    """Claims (索赔) by cause: amount claimed (bars) with the share of complaints that claim.

    Parameters
    ----------
    complaints : DataFrame
        The complaints (``world.complaints``).
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
    >>> ax = ck.plots.claims_chart(w.complaints)
    """
    t = ob.claims_summary(complaints).iloc[::-1]
    ax = _style.axes(ax, figsize=(8.2, 4.6))
    y = np.arange(len(t))
    ax.barh(y, t["claimed"], color=COLORS["accent"], height=0.65)
    ax.grid(axis="y", visible=False)
    ax.set_yticks(y, _ticks(t["category"]))
    xmax = float(t["claimed"].max()) or 1.0
    for yi, amount, rate, n in zip(y, t["claimed"], t["claim_rate"], t["claims"]):
        ax.text(amount + xmax * 0.01, yi, _("{n} claims, {rate:.0%} of complaints").format(n=n, rate=rate), va="center",
                fontsize=9)
    ax.set_xlim(0, xmax * 1.45)
    _style.money(ax, axis="x")
    ax.set_xlabel("Amount claimed over the period (CNY)")
    ax.set_ylabel("Cause of complaint")
    ax.set_title("Claims for compensation by cause")
    return ax


@_style.chart
def roleplay_trust_chart(roleplay, *, ax=None):
    """The customer's trust over a role-play conversation, each reply coloured by its fit.

    Parameters
    ----------
    roleplay : RolePlay
        A played :class:`casekit.roleplay.RolePlay`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> rp = ck.roleplay.RolePlay("retail", seed=1)
    >>> _ = rp.play(rp.best_responses())
    >>> ax = ck.plots.roleplay_trust_chart(rp)
    """
    if not isinstance(roleplay, _rp.RolePlay):
        raise ValueError(f"roleplay_trust_chart: expected a RolePlay, got {type(roleplay).__name__}")
    turns = roleplay.turns
    ax = _style.axes(ax, figsize=(8.2, 4.0))
    xs = [0] + [t.turn for t in turns]
    ys = [_rp.START_TRUST] + [t.trust_after for t in turns]
    ax.plot(xs, ys, color=COLORS["neutral"], lw=1.5, zorder=1)
    colour = {"best": COLORS["good"], "fits": COLORS["accent"], "poor": COLORS["bad"]}
    ax.scatter([0], [_rp.START_TRUST], color=COLORS["neutral"], zorder=2, label="start")
    for fit in ("best", "fits", "poor"):
        pts = [(t.turn, t.trust_after) for t in turns if t.fit == fit]
        if pts:
            ax.scatter(*zip(*pts), color=colour[fit], s=60, zorder=3, label={"best": _("best method"), "fits": _("fits method"),
                                                                 "poor": _("poor method")}[fit])
    ax.axhline(_rp.SALE_AT, color=COLORS["good"], ls="--", lw=1, label=_("sale needs {n}").format(n=_rp.SALE_AT))
    ax.axhline(_rp.WALK_OUT_AT, color=COLORS["bad"], ls=":", lw=1,
               label=_("customer leaves at {n}").format(n=_rp.WALK_OUT_AT))
    n = len(roleplay.objections)
    ax.set_xticks(range(n + 1), [_("start")] + [f"{i}\n{_rp._type(o['type'])}" for i, o in
                                               enumerate(roleplay.objections, start=1)])
    ax.set_xlim(-0.3, n + 0.3)
    ax.set_ylim(-4, 105)
    ax.set_xlabel("Objection answered (turn and type)")
    ax.set_ylabel("Customer's trust (0–100)")
    ax.set_title(_("Role-play “{key}” (seed {seed}): {status}").format(
        key=roleplay.scenario.key, seed=roleplay.seed, status=_(_rp._STATUS[roleplay.status])))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


#: Group labels the chapter's tables give the charts (translated where a chart shows them).
_GROUP_LABELS = (N_("within 7 days"), N_("8–21 days"), N_("over 21 days"), N_("unresolved"),
                 N_("never complained"), N_("all resolved"), N_("some unresolved"),
                 N_("score ≥ 4 + follow-up"), N_("all others"))
