"""Identify key accounts, score and place them, cost what they take and learn why they are lost.

All functions are pure.  :func:`candidates` builds the one table of key-account candidates from a
world; the other functions take that table (or any frame with the same columns) and return a new
frame.  Options are keyword-only; column names are keywords with defaults.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import DateOption, Flag, Interval, validated  # noqa: F401
from ..core.size import big_customers
from .. import tiering as _tiering
from ..validate import require_choice, require_frame, require_number
from .concepts import FAILURE_REASONS, FOCUS_QUADRANTS, RELATIONSHIP_POSITIONS
from .data import LOSS_REASONS

__all__ = [
    "INVESTMENT_RATES", "SERVICE_LEVELS", "SERVICE_RATES", "candidates", "identify", "ten_sixty",
    "focus_summary", "investment_vs_return", "position_summary", "loss_reasons", "loss_rates",
    "service_plan", "allocate_hours",
]

#: What one unit of each recorded investment costs (CNY): an hour of account time (the world's
#: service rate), one sales call's expenses, one proposal, one day of a senior manager.  They price
#: four of S4's eleven investment items (你们在客户身上的投入); samples, demonstrations, materials,
#: opportunity cost and reputation are not in the data.
INVESTMENT_RATES = {"account_hours": 85.0, "visits": 300.0, "proposals": 2_000.0,
                    "senior_staff_days": 4_000.0}

#: The service standard per tier of the pyramid (服务是有标准的, S3): who leads the account and the
#: hours a year one account gets from each role.  Platinum accounts are led by the general manager
#: (铂金客户由总经理负责).  The hours are the kit's example standard, a policy to be set by the firm.
SERVICE_LEVELS = {
    "platinum": {"lead": "general manager (总经理)", "general_manager": 24.0,
                 "account_manager": 160.0, "technical": 60.0, "service_desk": 16.0},
    "gold": {"lead": "key-account manager (关键客户经理)", "general_manager": 0.0,
             "account_manager": 60.0, "technical": 20.0, "service_desk": 12.0},
    "iron": {"lead": "sales representative", "general_manager": 0.0,
             "account_manager": 12.0, "technical": 4.0, "service_desk": 8.0},
    "lead": {"lead": "service desk", "general_manager": 0.0,
             "account_manager": 0.0, "technical": 0.0, "service_desk": 4.0},
}
#: Cost of one hour of each role (CNY), for costing the service standard.
SERVICE_RATES = {"general_manager": 600.0, "account_manager": 120.0, "technical": 150.0,
                 "service_desk": 60.0}
_ROLES = tuple(SERVICE_RATES)

_FOCUS_ZH = {q[0]: q[1] for q in FOCUS_QUADRANTS}
_POSITION_ZH = {p[0]: p[1] for p in RELATIONSHIP_POSITIONS}


def _world_check(world, what):
    for name in ("customers", "transactions", "accounts"):
        if not hasattr(world, name):
            raise ValueError(f"{what}: expected a casekit World (ck.world()), got "
                             f"{type(world).__name__}")


def _asof(world, asof, what):
    end = pd.Timestamp(world.asof)
    if asof is None:
        return end
    try:
        ts = pd.Timestamp(asof)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: asof={asof!r} is not a date; expected a date such as 'YYYY-MM-DD' or "
                         "None (the end of the data)") from None
    start = world.transactions["date"].min()
    if not (start + pd.Timedelta(days=364) <= ts <= end):
        raise ValueError(f"{what}: asof={ts.date()} must lie between a year after the first order "
                         f"({(start + pd.Timedelta(days=364)).date()}) and the end of the data "
                         f"({end.date()})")
    return ts


@validated(options={"asof": DateOption(), "cut": Interval(1, 5)})
def candidates(world, *, asof=None, cut=3.0) -> pd.DataFrame:
    """The key-account candidates of a world, one row each, with everything chapter 7 uses.

    Columns: the ``accounts`` table (item scores, relationship position, contacts, investment);
    ``attractiveness``, ``potential``, ``relationship`` and ``focus`` from
    :func:`casekit.tiering.strategic_focus` (``cut`` splits high/low); ``focus_zh`` and
    ``position_zh`` in the source's Chinese; from ``customers``: segment, loyalty, price
    sensitivity, payment days, credit rating, disputes, cooperativeness, satisfaction, growth,
    key contact left, churned; from :func:`casekit.tiering.customer_values`: ``profit`` (the
    kit's one customer profit over the data), ``annual_profit``, ``clv`` and ``service_hours``;
    and, over the 365 days to ``asof``:

    * ``revenue_year`` and ``sales_share`` (its share of all customers' revenue);
    * ``segment_sales_share``: its segment's share of all revenue; ``segment_margin``: the
      segment's profit per unit of revenue over the data;
    * ``revenue_rank_share``: its rank by that revenue among *all* customers, as a share
      (0.03 = in the top 3%); ``clv_rank_share`` the same for lifetime value.

    ``asof=None`` is the end of the data.

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)`` for your own data).
    asof : date, optional
        The as-of date (default ``None``: from the data).
    cut : float, default 3.0
        Score (on the 1–5 scale) that splits high from low.

    Returns
    -------
    DataFrame
        The key-account candidates of a world, one row each, with everything chapter 7 uses.

    Examples
    --------
    >>> import casekit as ck
    >>> c = candidates(ck.world())
    >>> len(c) == len(ck.world().accounts), set(c["focus"].astype(str)) <= {"key", "target", "maintain", "low-key"}
    (True, True)
    """
    what = "candidates"
    _world_check(world, what)
    end = _asof(world, asof, what)
    acc, cust, tx = world.accounts, world.customers, world.transactions
    require_frame(acc, {"customer_id": "any", "relationship_position": "any",
                        "contact_levels": "numeric", "account_hours": "numeric"}, what=what)
    focus = _tiering.strategic_focus(acc, cut=cut)
    values = _tiering.customer_values(world)
    window = tx[(tx["date"] > end - pd.Timedelta(days=365)) & (tx["date"] <= end)]
    rev = (window.groupby("customer_id")["revenue"].sum()
           .reindex(cust["customer_id"]).fillna(0.0))
    rev_rank = rev.rank(ascending=False, method="first") / len(rev)
    clv = values.set_index("customer_id")["clv"].reindex(cust["customer_id"]).fillna(0.0)
    clv_rank = clv.rank(ascending=False, method="first") / len(clv)
    out = acc.merge(focus[["customer_id", "attractiveness", "potential", "relationship", "focus"]],
                    on="customer_id")
    keep = ["customer_id", "segment", "loyalty", "price_sensitivity", "payment_days",
            "credit_rating", "disputes", "bad_debt", "cooperativeness", "satisfaction",
            "growth_rate", "tenure_years", "key_contact_left", "churned"]
    out = out.merge(cust[keep], on="customer_id", how="left")
    out = out.merge(values[["customer_id", "profit", "annual_profit", "clv", "retention",
                            "service_hours"]],
                    on="customer_id", how="left")
    ids = out["customer_id"]
    out["revenue_year"] = rev.reindex(ids).to_numpy()
    out["sales_share"] = out["revenue_year"] / max(float(rev.sum()), 1e-9)
    out["revenue_rank_share"] = rev_rank.reindex(ids).to_numpy()
    out["clv_rank_share"] = clv_rank.reindex(ids).to_numpy()
    seg = cust.set_index("customer_id")["segment"].astype(str)
    seg_rev = rev.groupby(seg.reindex(rev.index).to_numpy()).sum()
    prof = values.set_index("customer_id")
    seg_prof = prof["profit"].groupby(seg.reindex(prof.index).to_numpy()).sum()
    seg_all = prof["revenue"].groupby(seg.reindex(prof.index).to_numpy()).sum()
    s = out["segment"].astype(str)
    out["segment_sales_share"] = s.map(seg_rev / max(float(rev.sum()), 1e-9)).to_numpy(dtype="float64")
    out["segment_margin"] = s.map(seg_prof / seg_all.where(seg_all > 0, 1.0)).to_numpy(dtype="float64")
    out["focus_zh"] = out["focus"].astype(str).map(_FOCUS_ZH)
    out["position_zh"] = out["relationship_position"].astype(str).map(_POSITION_ZH)
    return out


@validated(
    frames={
        "cands": {
            "{customer}": "id",
            "attr_strategic": "numeric",
            "potential": "numeric",
            "relationship": "numeric",
            "sales_share": "?numeric",
            "revenue_rank_share": "?numeric",
            "clv_rank_share": "numeric",
        },
    },
    options={
        "strategic": Interval(1, 5),
        "top": Interval(0, 1),
        "cut": Interval(1, 5),
        "min_points": Interval(0, 6, integer=True),
    },
    keys={"cands": "{customer}"},
)
def identify(cands: pd.DataFrame, *, strategic=4, top=0.10, cut=3.0, min_points=4,
             customer="customer_id") -> pd.DataFrame:
    """Check each candidate against the six points of S4 (确定你的关键客户) that data can show.

    * ``goals`` (point 1, critical to the firm's goals): strategic importance ``attr_strategic``
      at least ``strategic``;
    * ``sales_share`` (point 2, a large share of current sales): in the top ``top`` of all
      customers by the year's revenue;
    * ``harm`` (point 3, its failure would harm us long-term): in the top ``top`` of all
      customers by lifetime value;
    * ``relationship`` (point 4, an established relationship with large potential): relationship
      and potential scores both at least ``cut``.

    Point 5 (10% of customers, 60% of the time) is a rule for the whole portfolio, see
    :func:`ten_sixty`; point 6 (the most capable people as managers) is a staffing decision.
    Adds the four columns, ``points_met`` (0–4) and ``key_account`` (``points_met >=
    min_points``).

    Parameters
    ----------
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads
        ``attr_strategic``, ``potential``, ``relationship``, ``sales_share`` (optional),
        ``revenue_rank_share`` (optional), ``clv_rank_share``.
    strategic : int, default 4
        Strategic-importance score (1–5) from which a customer is strategic.
    top : float, default 0.1
        The share of customers at the top (0 to 1).
    cut : float, default 3.0
        Score (on the 1–5 scale) that splits high from low.
    min_points : int, default 4
        Points of the six that a key account must meet.
    customer : str, default 'customer_id'
        Column of the customer number.

    Returns
    -------
    DataFrame
        Check each candidate against the six points of S4 (确定你的关键客户) that data can show.

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2], "attr_strategic": [5, 2],
    ...                   "revenue_rank_share": [0.01, 0.3], "clv_rank_share": [0.05, 0.02],
    ...                   "relationship": [3.5, 2.0], "potential": [4.0, 3.0]})
    >>> identify(c)[["customer_id", "goals", "sales_share", "harm", "relationship_ok", "points_met"]]
       customer_id  goals  sales_share  harm  relationship_ok  points_met
    0            1   True         True  True             True           4
    1            2  False        False  True            False           1
    """
    what = "identify"
    require_frame(cands, {customer: "any", "attr_strategic": "numeric",
                          "revenue_rank_share": "numeric", "clv_rank_share": "numeric",
                          "relationship": "numeric", "potential": "numeric"}, what=what)
    require_number(strategic, what=what, name="strategic", low=1, high=5)
    require_number(top, what=what, name="top", low=0.001, high=1.0)
    require_number(cut, what=what, name="cut", low=1, high=5)
    require_number(min_points, what=what, name="min_points", low=0, high=4, integer=True)
    out = cands.copy()
    out["goals"] = out["attr_strategic"] >= strategic
    out["sales_share"] = out["revenue_rank_share"] <= top
    out["harm"] = out["clv_rank_share"] <= top
    out["relationship_ok"] = (out["relationship"] >= cut) & (out["potential"] >= cut)
    pts = out[["goals", "sales_share", "harm", "relationship_ok"]].sum(axis=1).astype("int64")
    out["points_met"] = pts
    out["key_account"] = pts >= min_points
    return out


@validated(
    frames={"customers": {"{value}": "money", "{time}": "money", "{customer}": "id"}},
    options={"top": Interval(0, 1), "time_share": Interval(0, 1)},
    keys={"customers": "{customer}"},
)
def ten_sixty(customers: pd.DataFrame, *, value="revenue_last", time="service_hours", top=0.10,
              time_share=0.60, customer="customer_id") -> pd.DataFrame:
    """S4's rule of thumb on the data: the top 10% of customers and the share of time they get.

    The key tier is :func:`casekit.big_customers` by ``value`` with S4's share ``top``: exactly
    ``ceil(top × customers)`` (at least one), largest first, ties to the lower customer number.  One row
    per tier (``key`` and ``rest``): customers, share of customers, share of ``value``, share of
    ``time`` today, the share S4 advises (``time_share`` for the key tier), hours today and hours
    at the advised share.

    Parameters
    ----------
    customers : DataFrame
        The customers, one row per customer.
    value : str, default 'revenue_last'
        Column of the value read.
    time : str, default 'service_hours'
        Column of the service hours.
    top : float, default 0.1
        The share of customers at the top (0 to 1).
    time_share : float, default 0.6
        Share of the service time the top customers are expected to take (0 to 1).
    customer : str, default 'customer_id'
        Column of the customer number.

    Returns
    -------
    DataFrame
        S4's rule of thumb on the data: the top 10% of customers and the share of time they get.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": range(1, 11), "revenue_last": [50.0] + [5.0] * 9,
    ...                    "service_hours": [10.0] * 10})
    >>> ten_sixty(df)[["tier", "customers", "value_share", "time_share", "s4_time_share"]]
       tier  customers  value_share  time_share  s4_time_share
    0   key          1     0.526316         0.1            0.6
    1  rest          9     0.473684         0.9            0.4
    """
    what = "ten_sixty"
    require_frame(customers, {customer: "any", value: "numeric", time: "numeric"}, what=what)
    require_number(top, what=what, name="top", low=0.001, high=0.999)
    require_number(time_share, what=what, name="time_share", low=0.0, high=1.0)
    # the key tier: the big customers by ``value`` (the kit's one definition), S4's top tenth
    is_key = big_customers(customers, by=value, top=top, customer=customer).to_numpy()
    v = customers[value].to_numpy(dtype="float64")
    t = customers[time].to_numpy(dtype="float64")
    vt, tt = max(float(v.sum()), 1e-9), max(float(t.sum()), 1e-9)
    rows = []
    for name, mask, advised in (("key", is_key, time_share), ("rest", ~is_key, 1 - time_share)):
        rows.append({"tier": name, "customers": int(mask.sum()), "customer_share": mask.mean(),
                     "value_share": v[mask].sum() / vt, "time_share": t[mask].sum() / tt,
                     "s4_time_share": advised, "hours_now": t[mask].sum(),
                     "hours_at_s4": advised * tt})
    return pd.DataFrame(rows)


@validated(
    frames={
        "cands": {
            "{value}": "numeric",
            "attractiveness": "numeric",
            "potential": "numeric",
            "relationship": "numeric",
            "focus": "text",
            "focus_zh": "?text",
        },
    },
    keys={"cands": "customer_id"},
)
def focus_summary(cands: pd.DataFrame, *, value="annual_profit") -> pd.DataFrame:
    """Candidates per cell of the strategic-focus matrix (战略关注水平), with the cell's action.

    One row per cell in the order key, target, maintain, low-key: ``focus``, ``focus_zh``,
    ``meaning``, ``action`` (standard textbook content; S4 names the cells only), ``accounts``,
    mean ``attractiveness``, ``relationship`` and ``potential``, and the sum of ``value``.

    Parameters
    ----------
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads
        ``attractiveness``, ``potential``, ``relationship``, ``focus``, ``focus_zh``.
    value : str, default 'annual_profit'
        Column of the value read.

    Returns
    -------
    DataFrame
        Candidates per cell of the strategic-focus matrix (战略关注水平), with the cell's action.

    Examples
    --------
    >>> c = pd.DataFrame({"focus": pd.Categorical(["key", "target", "key"]),
    ...                   "attractiveness": [4.0, 4.0, 5.0], "relationship": [4.0, 2.0, 3.0],
    ...                   "potential": [3.0, 3.0, 4.0], "annual_profit": [10.0, 5.0, 1.0]})
    >>> focus_summary(c)[["focus", "focus_zh", "accounts", "annual_profit"]]
          focus focus_zh  accounts  annual_profit
    0       key       关键         2           11.0
    1    target       目标         1            5.0
    2  maintain       维持         0            0.0
    3   low-key       低调         0            0.0
    """
    what = "focus_summary"
    require_frame(cands, {"focus": "any", "attractiveness": "numeric", "relationship": "numeric",
                          "potential": "numeric", value: "numeric"}, what=what, allow_empty=True)
    f = cands["focus"].astype(str)
    rows = []
    for key, zh, meaning, action in FOCUS_QUADRANTS:
        d = cands[f == key]
        rows.append({"focus": key, "focus_zh": zh, "meaning": meaning.split(": ", 1)[1],
                     "action": action, "accounts": len(d),
                     "attractiveness": d["attractiveness"].mean() if len(d) else np.nan,
                     "relationship": d["relationship"].mean() if len(d) else np.nan,
                     "potential": d["potential"].mean() if len(d) else np.nan,
                     value: float(d[value].sum())})
    return pd.DataFrame(rows)


@validated(
    frames={
        "cands": {
            "{value}": "numeric",
            "{future}": "numeric",
            "account_hours": "numeric",
            "visits": "numeric",
            "proposals": "numeric",
            "senior_staff_days": "numeric",
            "focus": "text",
            "focus_zh": "?text",
        },
    },
    keys={"cands": "customer_id"},
)
def investment_vs_return(cands: pd.DataFrame, *, rates=None, value="annual_profit",
                         future="clv") -> pd.DataFrame:
    """The seller's investment per focus cell set against what the accounts return.

    Investment per account (CNY a year) = Σ item × its rate over the items of ``rates`` (default
    :data:`INVESTMENT_RATES`: account hours, sales calls, proposals, senior staff's days).  Per
    cell: ``accounts``, ``investment_per_account``, ``value`` per account (the return of the
    year: profit after cost to serve), ``future`` per account (lifetime value), and
    ``return_per_cny`` and ``future_per_cny`` = sum of value (future) ÷ sum of investment.

    Parameters
    ----------
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads
        ``account_hours``, ``visits``, ``proposals``, ``senior_staff_days``, ``focus``,
        ``focus_zh``.
    rates : dict, optional
        Hourly rates or investment rates per tier (default ``None``: the module's defaults).
    value : str, default 'annual_profit'
        Column of the value read.
    future : str, default 'clv'
        Column of the future value.

    Returns
    -------
    DataFrame
        The seller's investment per focus cell set against what the accounts return.

    Examples
    --------
    >>> c = pd.DataFrame({"focus": ["key", "low-key"], "account_hours": [100.0, 100.0],
    ...                   "visits": [10, 10], "proposals": [1, 1], "senior_staff_days": [1.0, 0.0],
    ...                   "annual_profit": [30_000.0, 2_000.0], "clv": [90_000.0, 5_000.0]})
    >>> investment_vs_return(c)[["focus", "investment_per_account", "return_per_cny"]]
          focus  investment_per_account  return_per_cny
    0       key                 17500.0        1.714286
    1    target                     NaN             NaN
    2  maintain                     NaN             NaN
    3   low-key                 13500.0        0.148148
    """
    what = "investment_vs_return"
    rates = dict(INVESTMENT_RATES if rates is None else rates)
    if not rates or not all(isinstance(v, (int, float)) and v >= 0 for v in rates.values()):
        raise ValueError(f"{what}: rates must map investment columns to a cost per unit (CNY, "
                         f"not negative), e.g. {INVESTMENT_RATES}; got {rates!r}")
    require_frame(cands, {"focus": "any", value: "numeric", future: "numeric",
                          **{c: "numeric" for c in rates}}, what=what)
    cost = sum(cands[c].to_numpy(dtype="float64") * r for c, r in rates.items())
    frame = pd.DataFrame({"focus": cands["focus"].astype(str).to_numpy(), "investment": cost,
                          value: cands[value].to_numpy(dtype="float64"),
                          future: cands[future].to_numpy(dtype="float64")})
    g = frame.groupby("focus")
    order = [q[0] for q in FOCUS_QUADRANTS]
    n = g.size().reindex(order)
    inv, val, fut = (g[c].sum().reindex(order) for c in ("investment", value, future))
    out = pd.DataFrame({"focus": order, "focus_zh": [_FOCUS_ZH[o] for o in order],
                        "accounts": n.fillna(0).astype("int64").to_numpy(),
                        "investment_per_account": (inv / n).to_numpy(),
                        f"{value}_per_account": (val / n).to_numpy(),
                        f"{future}_per_account": (fut / n).to_numpy(),
                        "return_per_cny": (val / inv).to_numpy(),
                        "future_per_cny": (fut / inv).to_numpy()})
    return out


@validated(
    frames={
        "cands": {
            "{position}": "text",
            "attractiveness": "numeric",
            "potential": "?numeric",
            "relationship": "numeric",
            "focus": "text",
            "growth_rate": "numeric",
            "position_zh": "?text",
        },
    },
    keys={"cands": "customer_id"},
)
def position_summary(cands: pd.DataFrame, *, position="relationship_position") -> pd.DataFrame:
    """The seven relationship positions (关系定位) of S4 on the data, in the source's order.

    Columns: ``position``, ``position_zh`` (the source's Chinese; the seventh has no name),
    ``meaning``, ``accounts``, mean ``attractiveness``, ``relationship``, ``growth_rate``, and
    ``key_share`` (share of the position's accounts in the *key* cell of the focus matrix).

    Parameters
    ----------
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads
        ``attractiveness``, ``potential``, ``relationship``, ``focus``, ``growth_rate``,
        ``position_zh``.
    position : str, default 'relationship_position'
        Column of the relationship position.

    Returns
    -------
    DataFrame
        The seven relationship positions (关系定位) of S4 on the data, in the source's order.

    Examples
    --------
    >>> c = pd.DataFrame({"relationship_position": ["solid current", "potential"],
    ...                   "attractiveness": [4.0, 2.0], "relationship": [4.5, 1.5],
    ...                   "growth_rate": [0.05, 0.1], "focus": ["key", "low-key"]})
    >>> position_summary(c)[["position", "position_zh", "accounts"]].head(4)
            position position_zh  accounts
    0      potential       潜在的关系         1
    1     developing       发展的关系         0
    2   good current     良好的当前关系         0
    3  solid current     牢固的当前关系         1
    """
    what = "position_summary"
    require_frame(cands, {position: "any", "attractiveness": "numeric", "relationship": "numeric",
                          "growth_rate": "numeric", "focus": "any"}, what=what)
    known = [p[0] for p in RELATIONSHIP_POSITIONS]
    found = set(cands[position].astype(str))
    unknown = sorted(found - set(known))
    if unknown:
        raise ValueError(f"{what}: column {position!r} holds {unknown}; expected the positions "
                         f"{known}")
    pos = cands[position].astype(str)
    rows = []
    for key, zh, en_name, meaning in RELATIONSHIP_POSITIONS:
        d = cands[pos == key]
        rows.append({"position": key, "position_zh": zh, "meaning": meaning, "accounts": len(d),
                     "attractiveness": d["attractiveness"].mean() if len(d) else np.nan,
                     "relationship": d["relationship"].mean() if len(d) else np.nan,
                     "growth_rate": d["growth_rate"].mean() if len(d) else np.nan,
                     "key_share": (d["focus"].astype(str) == "key").mean() if len(d) else np.nan})
    return pd.DataFrame(rows)


@validated(frames={"history": {"{reason}": "text"}})
def loss_reasons(history: pd.DataFrame, *, reason="loss_reason") -> pd.DataFrame:
    """Why key accounts were lost: causes ranked by count, with S4's words (关键客户：为什么会失败?).

    Lost accounts only (``reason`` not empty).  Columns ``reason``, ``reason_zh`` (S4's
    sentence), ``accounts``, ``share``, ``cumulative_share``; most common first, ties in S4's order.

    Parameters
    ----------
    history : DataFrame
        The key-account file of :func:`account_history`, one row per account.
    reason : str, default 'loss_reason'
        Column of the loss reason.

    Returns
    -------
    DataFrame
        Why key accounts were lost: causes ranked by count, with S4's words (关键客户：为什么会失败?).

    Examples
    --------
    >>> h = pd.DataFrame({"loss_reason": ["price", "key people change", "key people change", None]})
    >>> loss_reasons(h)[["reason", "accounts", "share"]].head(2)
                  reason  accounts     share
    0  key people change         2  0.666667
    1              price         1  0.333333
    """
    what = "loss_reasons"
    require_frame(history, {reason: "any"}, what=what)
    r = history[reason].dropna().astype(str)
    unknown = sorted(set(r) - set(LOSS_REASONS))
    if unknown:
        raise ValueError(f"{what}: column {reason!r} holds {unknown}; expected causes among "
                         f"{list(LOSS_REASONS)}")
    if r.empty:
        raise ValueError(f"{what}: no lost accounts (column {reason!r} is empty everywhere)")
    counts = r.value_counts().reindex(list(LOSS_REASONS)).fillna(0).astype("int64")
    zh = {f[0]: f[1] for f in FAILURE_REASONS if f[0]}
    out = pd.DataFrame({"reason": counts.index, "reason_zh": [zh[k] for k in counts.index],
                        "accounts": counts.to_numpy(), "order": np.arange(len(counts))})
    out = out.sort_values(["accounts", "order"], ascending=[False, True], kind="stable")
    out = out.drop(columns="order").reset_index(drop=True)
    out["share"] = out["accounts"] / out["accounts"].sum()
    out["cumulative_share"] = out["share"].cumsum()
    return out


@validated(
    frames={"history": {"{status}": "text", "key_contact_left": "?bool", "trust_broken": "bool"}},
)
def loss_rates(history: pd.DataFrame, *, by="contact_levels", status="status") -> pd.DataFrame:
    """Share of key accounts lost, per group of the file.

    ``by`` is ``"contact_levels"`` (grouped as *one level* vs *several levels*), ``"trust_broken"``,
    ``"key_contact_left"`` or ``"key_contact_left × levels"`` (both at once).  Columns: the group,
    ``accounts``, ``lost``, ``loss_rate``.

    Parameters
    ----------
    history : DataFrame
        The key-account file of :func:`account_history`, one row per account. Reads
        ``key_contact_left``, ``trust_broken``.
    by : str, default 'contact_levels'
        Column to group by.
    status : str, default 'status'
        Column of the account status.

    Returns
    -------
    DataFrame
        Share of key accounts lost, per group of the file.

    Examples
    --------
    >>> h = pd.DataFrame({"status": ["lost", "kept", "kept", "lost"], "contact_levels": [1, 1, 3, 1],
    ...                   "trust_broken": [True, False, False, False]})
    >>> loss_rates(h)
                group  accounts  lost  loss_rate
    0       one level         3     2   0.666667
    1  several levels         1     0   0.000000
    """
    what = "loss_rates"
    choices = ["contact_levels", "trust_broken", "key_contact_left", "key_contact_left × levels"]
    require_choice(by, choices, what=what, name="by")
    need = {status: "any"}
    if by in ("contact_levels", "key_contact_left × levels"):
        need["contact_levels"] = "numeric"
    if by in ("trust_broken", "key_contact_left", "key_contact_left × levels"):
        need[by.split(" ")[0]] = "bool"
    require_frame(history, need, what=what)
    lost = history[status].astype(str).eq("lost").to_numpy()
    if by == "contact_levels":
        one = history["contact_levels"].to_numpy() <= 1
        groups = [("one level", one), ("several levels", ~one)]
    elif by == "key_contact_left × levels":
        one = history["contact_levels"].to_numpy() <= 1
        left = history["key_contact_left"].to_numpy(dtype=bool)
        groups = [("contact left, one level", left & one), ("contact left, several levels", left & ~one),
                  ("contact stayed, one level", ~left & one),
                  ("contact stayed, several levels", ~left & ~one)]
    else:
        flag = history[by].to_numpy(dtype=bool)
        names = (("trust broken", "trust intact") if by == "trust_broken"
                 else ("key contact left", "key contact stayed"))
        groups = [(names[0], flag), (names[1], ~flag)]
    rows = [{"group": name, "accounts": int(m.sum()), "lost": int((lost & m).sum()),
             "loss_rate": (lost & m).sum() / m.sum() if m.any() else np.nan} for name, m in groups]
    return pd.DataFrame(rows)


@validated(
    frames={"customers": {"{value}": "numeric", "{time}": "money", "{customer}": "id"}},
    keys={"customers": "{customer}"},
)
def service_plan(customers: pd.DataFrame, *, value="profit", time="service_hours", levels=None,
                 rates=None, customer="customer_id") -> pd.DataFrame:
    """Service level per tier of the pyramid, costed in hours and money (S3: 服务是有标准的).

    Customers are tiered by ``value`` into platinum 5% / gold 15% / iron 30% / lead 50%
    (:func:`casekit.tiering.pyramid`).  ``levels`` (default :data:`SERVICE_LEVELS`) gives per
    tier who leads the account and the hours a year per account from each role; ``rates`` (default
    :data:`SERVICE_RATES`) the cost of an hour of each role.  One row per tier: ``accounts``,
    ``lead`` (who is in charge: the general manager for platinum), ``hours_per_account`` and
    its ``general_manager_hours``, ``standard_hours`` (all accounts), ``standard_cost``,
    ``hours_now`` (the ``time`` the tier takes today), ``value`` of the tier and
    ``value_per_standard_hour``.

    Parameters
    ----------
    customers : DataFrame
        The customers, one row per customer.
    value : str, default 'profit'
        Column of the value read.
    time : str, default 'service_hours'
        Column of the service hours.
    levels : dict, optional
        Service level per tier (default ``None``: :data:`SERVICE_LEVELS`).
    rates : dict, optional
        Hourly rates or investment rates per tier (default ``None``: the module's defaults).
    customer : str, default 'customer_id'
        Column of the customer number.

    Returns
    -------
    DataFrame
        Service level per tier of the pyramid, costed in hours and money (S3: 服务是有标准的).

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": range(1, 21), "profit": list(range(20, 0, -1)),
    ...                    "service_hours": [10.0] * 20})
    >>> s = service_plan(df)
    >>> s[["tier", "accounts", "hours_per_account", "standard_hours"]]
           tier  accounts  hours_per_account  standard_hours
    0  platinum         1              260.0           260.0
    1      gold         3               92.0           276.0
    2      iron         6               24.0           144.0
    3      lead        10                4.0            40.0
    >>> s.loc[0, "lead"]
    'general manager (总经理)'
    """
    what = "service_plan"
    require_frame(customers, {customer: "any", value: "numeric", time: "numeric"}, what=what)
    levels = SERVICE_LEVELS if levels is None else levels
    rates = SERVICE_RATES if rates is None else rates
    tiers = [t for t, _ in _tiering.PYRAMID_TIERS]
    if not isinstance(levels, dict) or set(levels) != set(tiers):
        raise ValueError(f"{what}: levels must give a service standard for each tier {tiers}; "
                         f"got {list(levels) if isinstance(levels, dict) else levels!r}")
    if not isinstance(rates, dict) or set(rates) != set(_ROLES):
        raise ValueError(f"{what}: rates must give the cost of an hour for each role "
                         f"{list(_ROLES)}; got {rates!r}")
    for t in tiers:
        for role in _ROLES:
            h = levels[t].get(role)
            if not isinstance(h, (int, float)) or h < 0:
                raise ValueError(f"{what}: levels[{t!r}][{role!r}] must be hours (a number ≥ 0), "
                                 f"got {h!r}")
    pyr = _tiering.pyramid(customers, value=value, customer=customer)
    g = pyr.groupby(pyr["tier"].astype(str))
    rows = []
    for t in tiers:
        n = int(g.size().get(t, 0))
        per = sum(levels[t][r] for r in _ROLES)
        cost = sum(levels[t][r] * rates[r] for r in _ROLES)
        v = float(g[value].sum().get(t, 0.0))
        rows.append({"tier": t, "accounts": n, "lead": levels[t]["lead"],
                     "hours_per_account": per, "general_manager_hours": levels[t]["general_manager"],
                     "standard_hours": per * n, "standard_cost": cost * n,
                     "hours_now": float(g[time].sum().get(t, 0.0)), value: v,
                     f"{value}_per_standard_hour": v / (per * n) if per * n else np.nan})
    return pd.DataFrame(rows)


@validated(
    frames={"plan": {"tier": "text", "accounts": "count", "hours_per_account": "money",
                     "hours_now": "money"}},
    options={"total": Interval(0, None, optional=True)},
)
def allocate_hours(plan: pd.DataFrame, *, shares, total=None) -> pd.DataFrame:
    """Split a budget of account-team hours across the tiers and compare with the standard.

    ``plan`` is the output of :func:`service_plan`; ``shares`` maps each tier to its share of the
    hours (summing to 1); ``total`` is the budget (default: the hours the tiers take today).
    Columns: ``tier``, ``accounts``, ``share``, ``hours``, ``hours_per_account``,
    ``standard_per_account``, ``coverage`` (hours ÷ standard hours) and ``meets_standard``.

    Parameters
    ----------
    plan : DataFrame
        The service plan of :func:`service_plan`.
    shares : dict
        Tier → its share of the hours (the shares sum to 1).
    total : float, optional
        The budget of hours (default ``None``: the hours the tiers take today).

    Returns
    -------
    pd.DataFrame
        Split a budget of account-team hours across the tiers and compare with the standard.

    Examples
    --------
    >>> plan = pd.DataFrame({"tier": ["platinum", "gold", "iron", "lead"], "accounts": [1, 3, 6, 10],
    ...                      "hours_per_account": [260.0, 92.0, 24.0, 4.0], "hours_now": [50.0] * 4})
    >>> a = allocate_hours(plan, shares={"platinum": 0.4, "gold": 0.3, "iron": 0.2, "lead": 0.1})
    >>> a[["tier", "hours", "coverage", "meets_standard"]]
           tier  hours  coverage  meets_standard
    0  platinum   80.0  0.307692           False
    1      gold   60.0  0.217391           False
    2      iron   40.0  0.277778           False
    3      lead   20.0  0.500000           False
    """
    what = "allocate_hours"
    require_frame(plan, {"tier": "any", "accounts": "numeric", "hours_per_account": "numeric",
                         "hours_now": "numeric"}, what=what)
    tiers = list(plan["tier"].astype(str))
    if not isinstance(shares, dict) or set(shares) != set(tiers):
        raise ValueError(f"{what}: shares must map each tier {tiers} to its share of hours; got "
                         f"{shares!r}")
    vals = [shares[t] for t in tiers]
    try:
        ok = all(float(v) >= 0 for v in vals) and abs(sum(float(v) for v in vals) - 1) < 1e-6
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(f"{what}: shares must be numbers ≥ 0 that add up to 1; got {shares!r}")
    budget = float(plan["hours_now"].sum()) if total is None else total
    require_number(budget, what=what, name="total", low=0.0)
    out = pd.DataFrame({"tier": tiers, "accounts": plan["accounts"].to_numpy(),
                        "share": np.array(vals, dtype="float64")})
    out["hours"] = out["share"] * budget
    n = out["accounts"].replace(0, np.nan)
    out["hours_per_account"] = out["hours"] / n
    out["standard_per_account"] = plan["hours_per_account"].to_numpy(dtype="float64")
    need = out["standard_per_account"] * out["accounts"]
    out["coverage"] = np.where(need > 0, out["hours"] / need.where(need > 0, 1), np.nan)
    out["meets_standard"] = out["coverage"] >= 1 - 1e-9
    return out
