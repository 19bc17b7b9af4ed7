"""Charts of chapter 7, key accounts: investment against return, why accounts are lost, loss
rates, the service standard per tier and an account's checklist.

Each function takes the output of a :mod:`casekit.key_accounts` function, an optional ``ax``,
draws one fully labelled chart and returns the Axes.  The strategic-focus matrix itself is
:func:`casekit.plots.strategic_focus_matrix` (chapter 4's chart, one definition).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import i18n
from ..i18n import _
from ..validate import require_frame
from . import _style
from ._style import COLORS

__all__ = ["investment_return_chart", "loss_reasons_chart", "loss_rate_chart",
           "service_standard_chart", "checklist_chart", "coverage_chart"]


@_style.chart
def investment_return_chart(table: pd.DataFrame, *, value="annual_profit", ax=None, title=None):
    """Investment per account and the year's profit per account, per focus cell.

    ``table`` is :func:`key_accounts.investment_vs_return`; each pair of bars is labelled with
    the profit earned per yuan invested.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`casekit.key_accounts.investment_vs_return`.
    value : str, default 'annual_profit'
        The profit column.
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
    >>> K = ck.key_accounts
    >>> ax = ck.plots.investment_return_chart(K.investment_vs_return(K.candidates(w)))
    """
    col = f"{value}_per_account"
    require_frame(table, {"focus": "any", "investment_per_account": "numeric", col: "numeric",
                          "return_per_cny": "numeric"}, what="investment_return_chart")
    ax = _style.axes(ax)
    x = np.arange(len(table))
    w = 0.38
    inv = table["investment_per_account"].fillna(0).to_numpy()
    ret = table[col].fillna(0).to_numpy()
    ax.bar(x - w / 2, inv, w, color=COLORS["accent"], label="investment per account (CNY a year)")
    ax.bar(x + w / 2, ret, w, color=COLORS["main"], label="profit per account last year (CNY)")
    top = max(float(np.nanmax(np.r_[inv, ret, 1.0])), 1.0)
    for xi, r, h in zip(x, table["return_per_cny"], np.maximum(inv, ret)):
        if pd.notna(r):
            ax.text(xi, h + 0.03 * top, _("{r:.2f} per CNY").format(r=r), ha="center", fontsize=9)
    ax.set_xticks(x, [i18n.translate(str(f), "value") for f in table["focus"]])
    ax.axhline(0, color="black", lw=0.8)
    ax.set_ylim(min(0.0, float(np.nanmin(ret)) * 1.2), top * 1.18)
    _style.money(ax)
    ax.set_xlabel("Cell of the strategic-focus matrix")
    ax.set_ylabel("CNY per account")
    ax.set_title(title or "What the seller invests per account, and what it returns")
    ax.legend(loc="upper left")
    return ax


@_style.chart
def loss_reasons_chart(reasons: pd.DataFrame, *, ax=None, title=None):
    """Why key accounts were lost: share of lost accounts per cause, most common on top.

    ``reasons`` is :func:`key_accounts.loss_reasons`.

    Parameters
    ----------
    reasons : DataFrame
        The output of :func:`casekit.key_accounts.loss_reasons`.
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
    >>> K = ck.key_accounts
    >>> ax = ck.plots.loss_reasons_chart(K.loss_reasons(K.account_history(w)))
    """
    require_frame(reasons, {"reason": "any", "share": "numeric", "accounts": "numeric"},
                  what="loss_reasons_chart")
    ax = _style.axes(ax, figsize=(7.5, 4.6))
    d = reasons.iloc[::-1]
    y = np.arange(len(d))
    colours = [COLORS["bad"] if r == "key people change" else COLORS["accent"] if r == "price"
               else COLORS["main"] for r in d["reason"]]
    ax.barh(y, d["share"], color=colours)
    for yi, s, n in zip(y, d["share"], d["accounts"]):
        ax.text(s + 0.005, yi, "{s:.0%} ({n})".format(s=s, n=int(n)), va="center", fontsize=8)
    ax.set_yticks(y, [i18n.translate(str(r), "value") for r in d["reason"]])
    ax.set_xlim(0, float(d["share"].max()) * 1.25 + 0.01)
    _style.percent(ax, "x")
    ax.set_xlabel("Share of lost key accounts (number of accounts)")
    ax.set_title(title or "Why key accounts were lost (main cause, key-account file)")
    ax.grid(axis="y", visible=False)
    return ax


@_style.chart
def loss_rate_chart(rates: pd.DataFrame, *, ax=None, title=None):
    """Share of key accounts lost per group (output of :func:`key_accounts.loss_rates`).

    Parameters
    ----------
    rates : DataFrame
        The output of :func:`casekit.key_accounts.loss_rates`.
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
    >>> K = ck.key_accounts
    >>> ax = ck.plots.loss_rate_chart(K.loss_rates(K.account_history(w), by="contact_levels"))
    """
    require_frame(rates, {"group": "any", "loss_rate": "numeric", "accounts": "numeric"},
                  what="loss_rate_chart")
    ax = _style.axes(ax, figsize=(6.5, 3.6))
    x = np.arange(len(rates))
    ax.bar(x, rates["loss_rate"].fillna(0), color=[COLORS["bad"], COLORS["good"], COLORS["accent"],
                                                   COLORS["main"]][:len(rates)])
    for xi, r, n in zip(x, rates["loss_rate"], rates["accounts"]):
        if pd.notna(r):
            ax.text(xi, r + 0.02, _("{r:.0%} of {n}").format(r=r, n=int(n)), ha="center", fontsize=9)
    ax.set_xticks(x, [i18n.translate(str(g), "value").replace(", ", ",\n").replace("，", "，\n")
                       for g in rates["group"]])
    ax.set_ylim(0, 1.08)
    _style.percent(ax)
    ax.set_ylabel("Share of accounts lost")
    ax.set_title(title or "Key accounts lost, by group")
    return ax


_ROLE_COLOURS = {"general_manager": COLORS["bad"], "account_manager": COLORS["main"],
                 "technical": COLORS["good"], "service_desk": COLORS["neutral"]}


@_style.chart
def service_standard_chart(plan: pd.DataFrame, *, levels=None, ax=None, title=None):
    """Hours a year per account under the service standard, by role, against the hours today.

    ``plan`` is :func:`key_accounts.service_plan`; ``levels`` the standard it used (default the
    kit's :data:`key_accounts.SERVICE_LEVELS`).  The black marks are today's hours per account.

    Parameters
    ----------
    plan : DataFrame
        The output of :func:`casekit.key_accounts.service_plan`.
    levels : dict, optional
        The service standard the plan used (default the kit's ``SERVICE_LEVELS``).
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
    >>> plan = ck.key_accounts.service_plan(ck.tiering.customer_values(w), value="profit")
    >>> ax = ck.plots.service_standard_chart(plan)
    """
    from ..key_accounts import SERVICE_LEVELS
    levels = SERVICE_LEVELS if levels is None else levels
    require_frame(plan, {"tier": "any", "accounts": "numeric", "hours_now": "numeric"},
                  what="service_standard_chart")
    ax = _style.axes(ax)
    x = np.arange(len(plan))
    bottom = np.zeros(len(plan))
    for role, colour in _ROLE_COLOURS.items():
        h = np.array([levels[t][role] for t in plan["tier"]], dtype="float64")
        ax.bar(x, h, 0.6, bottom=bottom, color=colour, label=i18n.translate(role.replace("_", " "), "value"))
        bottom += h
    now = plan["hours_now"].to_numpy() / plan["accounts"].replace(0, np.nan).to_numpy()
    ax.scatter(x, now, marker="_", s=900, color="black", lw=2.5, zorder=3,
               label="hours per account today")
    for xi, b in zip(x, bottom):
        ax.text(xi, b * 1.02 + 2, _("{b:,.0f} h").format(b=b), ha="center", fontsize=9)
    ax.set_xticks(x, [f"{i18n.translate(t, 'tier')}\n{i18n.translate(levels[t]['lead'].split(' (')[0], 'value')}"
                     for t in plan["tier"]])
    ax.set_ylim(0, max(float(np.nanmax(np.r_[bottom, now])) * 1.15, 1.0))
    ax.set_xlabel("Tier (who leads the account)")
    ax.set_ylabel("Hours a year per account")
    ax.set_title(title or "Service standard per tier: hours per account by role")
    ax.legend(loc="upper right")
    return ax


@_style.chart
def checklist_chart(sheet: pd.DataFrame, *, ax=None, title=None):
    """One account's fifteen key questions scored 1–5 (output of :func:`key_accounts.checklist`).

    Parameters
    ----------
    sheet : DataFrame
        The output of :func:`casekit.key_accounts.checklist` (one account).
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
    >>> K = ck.key_accounts
    >>> cands = K.candidates(w)
    >>> sheet = K.checklist(cands, int(cands["customer_id"].iloc[0]), scores=K.checklist_scores(cands))
    >>> ax = ck.plots.checklist_chart(sheet)
    """
    require_frame(sheet, {"no": "numeric", "question": "any", "score": "numeric"},
                  what="checklist_chart")
    ax = _style.axes(ax, figsize=(7.0, 5.0))
    d = sheet.iloc[::-1]
    y = np.arange(len(d))
    colours = [COLORS["bad"] if s <= 2 else COLORS["good"] if s >= 4 else COLORS["accent"]
               for s in d["score"]]
    ax.barh(y, d["score"], color=colours)
    names = d["item"] if "item" in d else d["question"]
    short = [f"Q{int(n)} {i18n.translate(str(q).replace('_', ' '), 'value')}" for n, q in zip(d["no"], names)]
    ax.set_yticks(y, short, fontsize=8)
    ax.set_xlim(0, 5)
    ax.set_xticks(range(0, 6))
    ax.set_xlabel("Score (1 = worst for us, 5 = best; red = 2 or less, green = 4 or more)")
    ax.set_title(title or _("Checklist of key questions: {total} of {most} points").format(
        total=int(sheet["score"].sum()), most=5 * len(sheet)))
    ax.grid(axis="y", visible=False)
    return ax


@_style.chart
def coverage_chart(allocation: pd.DataFrame, *, ax=None, title=None):
    """Hours per account given to each tier against its standard (output of
    :func:`key_accounts.allocate_hours`); bars at 100% or more meet the standard.

    Parameters
    ----------
    allocation : DataFrame
        The output of :func:`casekit.key_accounts.allocate_hours`.
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
    >>> plan = pd.DataFrame({"tier": ["platinum", "gold", "iron", "lead"], "accounts": [1, 3, 6, 10],
    ...                      "hours_per_account": [260.0, 92.0, 24.0, 4.0], "hours_now": [50.0] * 4})
    >>> alloc = ck.key_accounts.allocate_hours(plan, shares={"platinum": 0.4, "gold": 0.3, "iron": 0.2, "lead": 0.1})
    >>> ax = ck.plots.coverage_chart(alloc)
    """
    require_frame(allocation, {"tier": "any", "coverage": "numeric", "hours_per_account": "numeric"},
                  what="coverage_chart")
    ax = _style.axes(ax)
    x = np.arange(len(allocation))
    cov = allocation["coverage"].fillna(0).to_numpy()
    ax.bar(x, cov, color=[COLORS["good"] if c >= 1 - 1e-9 else COLORS["bad"] for c in cov])
    ax.axhline(1.0, color="black", lw=1, ls="--", label="the standard (100%)")
    for xi, c, h in zip(x, cov, allocation["hours_per_account"]):
        ax.text(xi, c + 0.03, _("{c:.0%}\n{h:,.0f} h/account").format(c=c, h=h if pd.notna(h) else 0),
                ha="center", fontsize=8)
    ax.set_xticks(x, [i18n.translate(str(t), "tier") for t in allocation["tier"]])
    ax.set_ylim(0, max(float(cov.max()) * 1.25, 1.3))
    _style.percent(ax)
    ax.set_xlabel("Tier")
    ax.set_ylabel("Hours given ÷ hours the standard needs")
    ax.set_title(title or "Account-team hours against the service standard")
    ax.legend(loc="upper right")
    return ax
