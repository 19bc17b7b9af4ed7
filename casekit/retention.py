"""Chapter 6 — Keeping customers and preventing churn (保持客户关系、防范客户流失).

Keeping a customer costs far less than winning one; loyalty, not size, makes profit; big customers
are coveted by every competitor and leave easily; a key account is most often lost when our key
contact leaves; a customer about to leave orders less and less; and "if you hear no complaints, the
relationship is going downhill".  This module measures all of it on a customer base:

===================================  ==========================================================
:func:`churn_rate`                   churn rate (客户流失率) and retention rate (客户保持率) of a period
:func:`yearly_churn`                 the same, year by year
:func:`yearly_churn_by_age`          each year's churn of established and of young customers
:func:`cohort_retention`             share of each first-purchase cohort still buying at each year end
:func:`retention_curve`              retention curve (客户保持曲线) by tenure: Kaplan–Meier
:func:`churn_by_tenure`              churn per customer-year at each tenure
:func:`cost_comparison`              acquisition cost vs a year of retention cost (获客成本 / 保持成本)
:func:`clv_multiple`                 simple lifetime value: margin × r / (1 + d − r)
:func:`retention_point_value`        what one more point of retention is worth in profit
:func:`customer_signals`             one row per customer: every churn signal (流失信号)
:func:`churn_by`                     churn rate by band of any column (satisfaction, loyalty, …)
:func:`profit_margin_by`             profit margin and churn by band (loyalty vs size)
:func:`satisfaction_loyalty`         satisfaction → loyalty → churn (顾客满意 → 顾客忠诚)
:func:`loyalty_types`                the four types of loyalty (attitude × repeat buying)
:func:`loyalty_ladder`               the loyalty ladder (忠诚阶梯), standard textbook content
:func:`churn_drivers`                churn with and without each signal (流失原因)
:func:`size_and_churn`               big vs small firms: churn rate and revenue lost
:func:`handling_and_follow_up`       complaint handling and the follow-up call vs customers kept
:func:`risk_score`                   a transparent weighted-points churn-risk score (流失风险评分)
:func:`score_precision`              precision and lift of the riskiest share (e.g. top decile)
:func:`score_table`                  churn rate and capture at each score value
:func:`logistic_weights`             a logistic regression of churn on the signals (numpy only)
:func:`early_warning`                the early-warning list (流失预警) of current customers
:func:`orders_before_churn`          orders of churners in each month before they left
:func:`frequency_backtest`           does a fall in order frequency predict churn? a back-test
:func:`retention_measures`           retention measures (客户保持措施), each with the signal it treats
:func:`winback_candidates`           win-back (客户挽回) of lapsed customers, ranked
:func:`prospect_type_conversion`     leads from new, existing and lapsed customers compared
:func:`compare_call_strategies`      whom to call first with limited time (the chapter's case)
===================================  ==========================================================

Where the sources give only the heading (S1, tasks 3 and 4), the content follows the standard
textbook treatment: satisfaction → loyalty, types of loyalty and the loyalty ladder, churn warning
signals, retention measures and win-back.

Functions never change their input.  Customer-level results are indexed by ``customer_id``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import synth as _synth
from .core.checks import Interval, check_columns, require_frame, require_number, validated
from .core.profit import customer_profitability
from .core.world import asof_of, is_world, period_of, period_start
from .selection import delivered_value

__all__ = [
    "PERIOD_START", "ASOF", "SOURCE_COST_RATIO", "SIGNALS", "DEFAULT_WEIGHTS", "LOYALTY_TYPES",
    "LOYALTY_LADDER", "RETENTION_MEASURES", "WINBACK_REASONS",
    "ChurnRate", "CostComparison", "RetentionPointValue", "ScorePrecision",
    "churn_rate", "yearly_churn", "yearly_churn_by_age", "cohort_retention", "retention_curve",
    "churn_by_tenure", "cost_comparison", "clv_multiple", "retention_point_value",
    "customer_signals", "churn_by", "profit_margin_by", "satisfaction_loyalty", "loyalty_types",
    "loyalty_ladder", "churn_drivers", "size_and_churn", "handling_and_follow_up", "risk_score",
    "score_precision", "score_table", "churn_probability", "logistic_weights", "early_warning",
    "orders_before_churn", "frequency_backtest", "retention_measures", "winback_candidates", "prospect_type_conversion",
    "compare_call_strategies",
]

#: First day and as-of date of the shipped synthetic world (kept for reference; every function
#: reads the period from the World or the data it is given, never from these).
PERIOD_START, ASOF = _synth.START, _synth.ASOF
#: The sources' claim: winning a new customer costs 5–6 times as much as keeping one (S1, citing
#: the American Marketing Association; S3 says 5 times).
SOURCE_COST_RATIO = (5.0, 6.0)

_DAYS_PER_MONTH = 365.25 / 12

#: Churn signals (流失信号) of :func:`customer_signals`: name → (English, 中文).
SIGNALS = {
    "key_contact_left": ("our key contact left", "关键联系人离职"),
    "low_satisfaction": ("low satisfaction (below 3 of 5)", "满意度低"),
    "low_loyalty": ("low loyalty (below 0.4)", "忠诚度低"),
    "unresolved_complaint": ("a complaint left unresolved", "投诉未解决"),
    "slow_complaint": ("a complaint resolved slowly (over 21 days)", "投诉处理慢"),
    "silent": ("never complained (silence)", "从不投诉（沉默）"),
    "value_gap": ("sees more delivered value at the competitor", "让渡价值低于竞争对手"),
    "big": ("a big firm (top 10% by employees)", "大客户"),
    "new": ("a new customer (first purchase in the data period)", "新客户"),
    "frequency_drop": ("orders fell: last 3 months under half the pace of the year before",
                       "购买频率下降"),
    "resolved_fast": ("complained; all complaints resolved in time", "投诉均已及时解决"),
}

#: The default churn-risk points (流失风险评分): signal → points.  Negative points protect.
DEFAULT_WEIGHTS = {
    "key_contact_left": 3,
    "low_satisfaction": 2,
    "unresolved_complaint": 2,
    "low_loyalty": 2,
    "slow_complaint": 1,
    "silent": 1,
    "value_gap": 1,
    "big": 1,
    "resolved_fast": -1,
}

#: The four types of loyalty (忠诚类型), standard textbook (Dick & Basu): attitude × repeat buying.
LOYALTY_TYPES = {
    "true loyalty": ("真正忠诚", "high", "high",
                     "likes us and keeps buying: protect and reward"),
    "latent loyalty": ("潜在忠诚", "high", "low",
                       "likes us but buys little from us: remove what stops them buying"),
    "spurious loyalty": ("虚假忠诚（惰性忠诚）", "low", "high",
                         "keeps buying out of habit or lock-in, not liking: at risk when a rival calls"),
    "no loyalty": ("不忠诚", "low", "low", "neither likes us nor sticks: win them over or let go"),
}

#: The loyalty ladder (忠诚阶梯), standard textbook: each rung, its Chinese name and what it means.
LOYALTY_LADDER = (
    ("suspect", "可疑者", "might buy; we know little about them"),
    ("prospect", "潜在客户", "has a need, money and authority, and knows us"),
    ("first-time customer", "首次购买者", "has bought once"),
    ("repeat customer", "重复购买者", "buys again, but also from competitors"),
    ("client", "客户（常客）", "buys regularly and mostly from us"),
    ("advocate", "拥护者", "recommends us to others"),
    ("partner", "合作伙伴", "works with us as a partner, sharing plans and gains"),
)

#: Retention measures (客户保持措施), standard textbook, with the churn signal each one treats.
RETENTION_MEASURES = (
    ("relationship building", "建立关系",
     "contacts at several levels, regular visits, a dedicated account manager (S3, S4)",
     "key_contact_left"),
    ("service quality", "优质服务", "keep promises, be reachable, solve problems (S3's rules)",
     "low_satisfaction"),
    ("complaint handling", "投诉处理",
     "resolve every complaint fast and well, and call back after the fix (S2)",
     "unresolved_complaint"),
    ("listening", "主动倾听", "ask for criticism; a customer who never complains is a warning (S4)",
     "silent"),
    ("superior delivered value", "提高让渡价值",
     "more product, service, personnel and image value for less cost than the rival (S0)",
     "value_gap"),
    ("switching costs and loyalty programmes", "转换成本与忠诚计划",
     "shared systems, training, contracts and rewards that make leaving costly", "low_loyalty"),
)

#: Why a lapsed customer left, in the order the reason is assigned, with the default chance of
#: winning the customer back (an assumption to be set by the firm, not a measured fact).
WINBACK_REASONS = {
    "unresolved complaint": ("投诉未解决", 0.35,
                             "our own failure, which we can fix: apologise, resolve, compensate"),
    "key contact left": ("关键联系人离职", 0.30,
                         "the relationship broke with the person: build it with the successor"),
    "slow complaint": ("投诉处理慢", 0.25, "we fixed it too late: show the process is now faster"),
    "better value elsewhere": ("竞争对手让渡价值更高", 0.10,
                               "the rival's offer is better for them: hard to win back"),
    "low satisfaction": ("满意度低", 0.20, "general dissatisfaction: find out what went wrong"),
    "no reason recorded": ("原因不明", 0.15, "we never heard why: ask first"),
}

_CUSTOMER_COLS = {"customer_id": "numeric", "first_purchase": "date", "churned": "bool",
                  "churn_date": "any"}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def _is_world(data) -> bool:
    return (not isinstance(data, pd.DataFrame)
            and all(hasattr(data, a) for a in ("customers", "transactions", "complaints")))


def _require_world(world, what):
    if not _is_world(world):
        raise ValueError(f"{what}: expected a casekit World (e.g. ck.world()), got "
                         f"{type(world).__name__}")
    return world


def _date(value, what, name) -> pd.Timestamp:
    try:
        out = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: {name}={value!r} is not a date; expected a date "
                         "such as 'YYYY-MM-DD'") from None
    if pd.isna(out):
        raise ValueError(f"{what}: {name}={value!r} is not a date; expected a date such as 'YYYY-MM-DD'")
    return out


def _period(data, what, start=None, end=None):
    """``(customers, start, end)`` from a World or a customers frame (its period from the data)."""
    customers = data.customers if is_world(data) else data
    if not isinstance(customers, pd.DataFrame):
        raise ValueError(f"{what}: expected a pandas DataFrame of the customers (or a casekit "
                         f"World), got {type(data).__name__}")
    require_frame(customers, _CUSTOMER_COLS, what=what)
    start, end = period_of(data, start=start, end=end, what=what)
    return customers, start, end


def _years_of(years, start, end, what):
    if years is None:
        return list(range(start.year, end.year + 1))
    if isinstance(years, (int, np.integer)) and not isinstance(years, bool):
        years = [years]
    try:
        ys = sorted({int(y) for y in years})
    except (TypeError, ValueError):
        raise ValueError(f"{what}: years={years!r} must be a list of calendar years") from None
    if not ys or any(y < 1900 or y > 2200 for y in ys):
        raise ValueError(f"{what}: years={years!r} must hold calendar years (four-digit numbers)")
    return ys


def _lifetimes(customers, what, asof):
    """``(first_purchase, end, churned)`` as numpy datetime64[D] / bool arrays, checked.

    ``end`` is the churn date for churned customers and ``asof`` (default: the as-of date) for
    the others.
    """
    require_frame(customers, _CUSTOMER_COLS, what=what)
    churned = customers["churned"].to_numpy(dtype=bool)
    cd = customers["churn_date"]
    if not pd.api.types.is_datetime64_any_dtype(cd):
        try:
            cd = pd.to_datetime(cd)
        except (TypeError, ValueError):
            raise ValueError(f"{what}: column 'churn_date' must hold dates (empty for customers "
                             "who have not churned)") from None
    missing = churned & cd.isna().to_numpy()
    if missing.any():
        cid = customers["customer_id"].to_numpy()[np.flatnonzero(missing)[0]]
        raise ValueError(f"{what}: customer {cid} has churned=True but no churn_date; expected "
                         "the date the customer stopped buying")
    asof = _date(asof, what, "asof")
    first = customers["first_purchase"].to_numpy("datetime64[D]")
    churn = cd.to_numpy("datetime64[D]")
    end = np.where(churned, churn, np.datetime64(asof.date(), "D"))
    return first, end, churned


def _rate(k, n) -> float:
    return float(k / n) if n else float("nan")


# ---------------------------------------------------------------------------------------------
# Churn and retention rates
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChurnRate:
    """Churn over one period.  ``churn_rate = churned / opening``; ``retention_rate = 1 − churn_rate``.

    Attributes
    ----------
    start, end : Timestamp
        First and last day of the period.
    opening : int
        Customers at the start of the period (first purchase before ``start``, not churned before).
    churned : int
        Of the opening customers, those who stopped buying within the period.
    new : int
        Customers won within the period (first purchase in it).
    new_churned : int
        Of the new customers, those who already stopped buying within the period.
    closing : int
        Customers at the end of the period = opening − churned + new − new_churned.
    churn_rate, retention_rate : float
        ``churned / opening`` and ``1 − churned / opening``.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    opening: int
    churned: int
    new: int
    new_churned: int
    closing: int
    churn_rate: float
    retention_rate: float


def churn_rate(customers, *, start=None, end=None) -> ChurnRate:
    """Churn rate (客户流失率) and retention rate (客户保持率) of a period, on the right base.

    The base is the customers we had at the **start** of the period: ``churn_rate = churned /
    opening``, where ``churned`` counts only opening customers who stopped buying between
    ``start`` and ``end`` (both included).  Customers won during the period are reported apart
    (``new``, ``new_churned``): counting them in the base, or dividing by the customers at the end
    or by everyone in the file, are the usual wrong denominators.

    Parameters
    ----------
    customers : World or DataFrame
        A World, or its customers: columns ``customer_id``, ``first_purchase``, ``churned``,
        ``churn_date``.
    start, end : date, optional
        The period (default ``None``: the whole data period, read from the World or the frame).

    Returns
    -------
    ChurnRate

    Examples
    --------
    Four customers at the start of 2025, one of whom left in March; one new customer in June,
    who left in November; one customer who had already left in 2024:

    >>> c = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5, 6],
    ...     "first_purchase": pd.to_datetime(["2020-01-05", "2022-03-01", "2024-02-01",
    ...                                       "2021-07-01", "2025-06-01", "2021-01-01"]),
    ...     "churned": [False, True, False, False, True, True],
    ...     "churn_date": pd.to_datetime([None, "2025-03-10", None, None, "2025-11-20",
    ...                                   "2024-05-01"])})
    >>> r = churn_rate(c, start="2025-01-01", end="2025-12-31")
    >>> (r.opening, r.churned, r.new, r.new_churned, r.closing)
    (4, 1, 1, 1, 3)
    >>> r.churn_rate, r.retention_rate
    (0.25, 0.75)
    """
    what = "churn_rate"
    customers, start, end = _period(customers, what, start, end)
    first, stop, churned = _lifetimes(customers, what, asof=end)
    s, e = np.datetime64(start.date(), "D"), np.datetime64(end.date(), "D")
    alive_at_start = (first < s) & (~churned | (stop >= s))
    left = churned & (stop >= s) & (stop <= e)
    new = (first >= s) & (first <= e)
    opening, gone = int(alive_at_start.sum()), int((alive_at_start & left).sum())
    n_new, new_gone = int(new.sum()), int((new & left).sum())
    rate = _rate(gone, opening)
    return ChurnRate(start, end, opening, gone, n_new, new_gone,
                     opening - gone + n_new - new_gone, rate, 1.0 - rate)


def yearly_churn(customers, *, years=None) -> pd.DataFrame:
    """:func:`churn_rate` for each calendar year: one row per year.

    Columns ``opening``, ``churned``, ``new``, ``new_churned``, ``closing``, ``churn_rate``,
    ``retention_rate``, and two common wrong answers for comparison: ``churned_of_closing``
    (churned ÷ customers at the end of the year) and ``all_churned_of_all`` (everyone who left in
    the year, new ones included, ÷ everyone who was a customer at some time in the year).

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2, 3],
    ...     "first_purchase": pd.to_datetime(["2020-01-01", "2020-01-01", "2024-06-01"]),
    ...     "churned": [False, True, False],
    ...     "churn_date": pd.to_datetime([None, "2025-04-01", None])})
    >>> t = yearly_churn(c, years=[2024, 2025])
    >>> t[["opening", "churned", "new", "churn_rate"]]  # doctest: +NORMALIZE_WHITESPACE
          opening  churned  new  churn_rate
    year
    2024        2        0    1    0.000000
    2025        3        1    0    0.333333
    """
    what = "yearly_churn"
    if years is None:
        customers, start, end = _period(customers, what)
    else:
        customers = customers.customers if is_world(customers) else customers
        start = end = None
    ys = _years_of(years, start, end, what)
    rows = []
    for y in ys:
        r = churn_rate(customers, start=f"{y}-01-01", end=f"{y}-12-31")
        rows.append({"year": y, "opening": r.opening, "churned": r.churned, "new": r.new,
                     "new_churned": r.new_churned, "closing": r.closing,
                     "churn_rate": r.churn_rate, "retention_rate": r.retention_rate,
                     "churned_of_closing": _rate(r.churned, r.closing),
                     "all_churned_of_all": _rate(r.churned + r.new_churned, r.opening + r.new)})
    return pd.DataFrame(rows).set_index("year")


def yearly_churn_by_age(customers, *, years=None, start=None) -> pd.DataFrame:
    """Each year's churn rate split by the age of the relationship: why a churn rate can rise.

    The opening customers of a year are split into **established** customers (first purchase
    before ``start``) and **young** ones (won since ``start``, before the year began).  For each
    group: ``opening_*``, ``churned_*`` and ``churn_*`` (churned ÷ opening, as in
    :func:`churn_rate`); ``young_share`` is the young customers' share of the opening base and
    ``churn_rate`` the rate of all opening customers.  When the base grows, more of it is young,
    and young customers leave more often: the overall rate rises even if established customers
    leave as often as before.

    Examples
    --------
    Three customers of long standing (one leaves in 2025) and two won in 2024 (one leaves in
    2025):

    >>> c = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5],
    ...     "first_purchase": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01",
    ...                                       "2024-03-01", "2024-05-01"]),
    ...     "churned": [False, True, False, True, False],
    ...     "churn_date": pd.to_datetime([None, "2025-06-01", None, "2025-02-01", None])})
    >>> t = yearly_churn_by_age(c, years=[2025], start="2023-01-01")
    >>> t.loc[2025, ["opening_established", "opening_young"]].tolist()
    [3, 2]
    >>> t.loc[2025, ["churn_established", "churn_young", "churn_rate"]].round(3).tolist()
    [0.333, 0.5, 0.4]
    """
    what = "yearly_churn_by_age"
    if years is None or start is None:
        customers, start0, end = _period(customers, what, start)
        start = start0 if start is None else start
    else:
        customers = customers.customers if is_world(customers) else customers
        end = None
    start = _date(start, what, "start")
    ys = _years_of(years, start, end, what)
    first, stop, churned = _lifetimes(customers, what, asof=pd.Timestamp(f"{ys[-1]}-12-31"))
    established = first < np.datetime64(start.date(), "D")
    rows = []
    for y in ys:
        s, e = np.datetime64(f"{y}-01-01", "D"), np.datetime64(f"{y}-12-31", "D")
        alive = (first < s) & (~churned | (stop >= s))
        left = alive & churned & (stop <= e)
        row = {"year": y}
        for name, grp in (("established", established), ("young", ~established)):
            n, k = int((alive & grp).sum()), int((left & grp).sum())
            row[f"opening_{name}"], row[f"churned_{name}"] = n, k
            row[f"churn_{name}"] = _rate(k, n)
        row["young_share"] = _rate(row["opening_young"], int(alive.sum()))
        row["churn_rate"] = _rate(int(left.sum()), int(alive.sum()))
        rows.append(row)
    return pd.DataFrame(rows).set_index("year")


def _cohort_labels(first: np.ndarray, start: pd.Timestamp) -> np.ndarray:
    year = first.astype("datetime64[Y]").astype("int64") + 1970
    before = f"before {start.year}"
    return np.where(first < np.datetime64(start.date(), "D"), before, year.astype(str))


def cohort_retention(customers, *, years=None, start=None) -> pd.DataFrame:
    """Cohort retention table (客户群组保持率): share of each cohort still a customer at each year end.

    A cohort is the customers whose first purchase fell in the same year; customers won before
    ``start`` form one cohort ("before 2023") counted from the customers we still had on
    ``start``.  Each cell = cohort members still buying at the end of that year ÷ cohort size;
    years before the cohort began are empty.

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2, 3, 4],
    ...     "first_purchase": pd.to_datetime(["2019-01-01", "2020-01-01", "2024-03-01", "2024-05-01"]),
    ...     "churned": [False, True, True, False],
    ...     "churn_date": pd.to_datetime([None, "2025-02-01", "2024-09-01", None])})
    >>> cohort_retention(c, years=[2024, 2025], start="2024-01-01")  # doctest: +NORMALIZE_WHITESPACE
                 customers  2024  2025
    cohort
    before 2024          2   1.0   0.5
    2024                 2   0.5   0.5
    """
    what = "cohort_retention"
    if years is None or start is None:
        customers, start0, end = _period(customers, what, start)
        start = start0 if start is None else start
    else:
        customers = customers.customers if is_world(customers) else customers
        end = None
    start = _date(start, what, "start")
    ys = _years_of(years, start, end, what)
    first, stop, churned = _lifetimes(customers, what, asof=pd.Timestamp(f"{ys[-1]}-12-31"))
    s = np.datetime64(start.date(), "D")
    keep = (first >= s) | ~churned | (stop >= s)
    first, stop, churned = first[keep], stop[keep], churned[keep]
    label = _cohort_labels(first, start)
    order = [f"before {start.year}"] + [str(y) for y in ys if y >= start.year]
    rows = []
    for lab in order:
        m = label == lab
        if not m.any():
            continue
        row = {"cohort": lab, "customers": int(m.sum())}
        for y in ys:
            e = np.datetime64(f"{y}-12-31", "D")
            if lab != order[0] and int(lab) > y:
                row[str(y)] = np.nan
                continue
            alive = ~churned[m] | (stop[m] > e)
            row[str(y)] = float(alive.mean())
        rows.append(row)
    return pd.DataFrame(rows).set_index("cohort")


def retention_curve(customers, *, by=None, start=None, asof=None, months=None) -> pd.DataFrame:
    """Retention curve (客户保持曲线): share of customers still buying after each month of tenure.

    A Kaplan–Meier estimate on tenure (months since the first purchase).  Each customer is at
    risk from the tenure it had on ``start`` (0 for customers won later: the data cannot see
    the customers who left before it begins) until it churns or the data ends (``asof``).  At
    each churn the curve falls by the share of the customers then at risk who left:
    ``S(t) = Π (1 − d_j / n_j)``.

    Parameters
    ----------
    customers : DataFrame
        Columns ``customer_id``, ``first_purchase``, ``churned``, ``churn_date`` (and ``by``).
    by : None, "cohort" or a column name
        One curve for everyone, one per first-purchase year, or one per value of a column.
    months : int, optional
        Last month of the grid (default: the longest observed tenure, at most 240).

    Returns
    -------
    DataFrame with columns ``group``, ``month``, ``at_risk`` (customers at risk in that month)
    and ``retention`` (share still a customer at the end of that month).

    Examples
    --------
    Four customers won at the start of the data; one leaves in month 2, one in month 4:

    >>> c = pd.DataFrame({"customer_id": [1, 2, 3, 4],
    ...     "first_purchase": pd.to_datetime(["2025-01-01"] * 4),
    ...     "churned": [True, True, False, False],
    ...     "churn_date": pd.to_datetime(["2025-02-15", "2025-04-15", None, None])})
    >>> curve = retention_curve(c, start="2025-01-01", asof="2025-12-31", months=5)
    >>> curve["retention"].round(2).tolist()
    [1.0, 1.0, 0.75, 0.75, 0.5, 0.5]
    """
    what = "retention_curve"
    customers, start, asof = _period(customers, what, start, asof)
    first, stop, churned = _lifetimes(customers, what, asof=asof)
    s = np.datetime64(start.date(), "D")
    entry = np.maximum((s - first).astype("int64"), 0) / _DAYS_PER_MONTH
    exit_ = (stop - first).astype("int64") / _DAYS_PER_MONTH
    keep = exit_ > entry
    if by is None:
        groups = np.full(len(customers), "all", dtype=object)
    elif by == "cohort":
        groups = _cohort_labels(first, start).astype(object)
    else:
        require_frame(customers, {by: "any"}, what=what)
        groups = customers[by].astype("str").to_numpy(dtype=object)
    if months is None:
        months = int(min(240, np.ceil(exit_[keep].max()))) if keep.any() else 1
    require_number(months, what=what, name="months", low=1, high=1200, integer=True)
    grid = np.arange(0, months + 1, dtype="float64")
    frames = []
    labels = sorted(pd.unique(groups[keep]), key=lambda g: (not str(g).startswith("before"), str(g)))
    for g in labels:
        m = keep & (groups == g)
        en, ex, ev = entry[m], exit_[m], churned[m]
        times, deaths = np.unique(ex[ev], return_counts=True)
        es, xs = np.sort(en), np.sort(ex)
        at_risk = np.searchsorted(es, times, "left") - np.searchsorted(xs, times, "left")
        surv = np.cumprod(1.0 - deaths / np.maximum(at_risk, 1))
        k = np.searchsorted(times, grid, "right")
        ret = np.where(k > 0, surv[np.maximum(k - 1, 0)], 1.0)
        risk = np.searchsorted(es, grid, "right") - np.searchsorted(xs, grid, "right")
        frames.append(pd.DataFrame({"group": str(g), "month": grid.astype("int64"),
                                    "at_risk": risk.astype("int64"), "retention": ret}))
    if not frames:
        raise ValueError(f"{what}: no customer has any time at risk between {start.date()} and "
                         f"{asof.date()}")
    return pd.concat(frames, ignore_index=True)


def churn_by_tenure(customers, *, bands=(0, 1, 2, 3, 5, 10, np.inf), start=None,
                    asof=None) -> pd.DataFrame:
    """Churn per customer-year at each tenure (years since the first purchase).

    For each tenure band, ``exposure`` sums the years customers spent in that band within the
    data period, ``churned`` counts churns in it, and ``churn_per_year = churned / exposure``
    (the yearly churn rate at that tenure).

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2],
    ...     "first_purchase": pd.to_datetime(["2024-01-01", "2024-01-01"]),
    ...     "churned": [True, False], "churn_date": pd.to_datetime(["2024-07-01", None])})
    >>> t = churn_by_tenure(c, bands=(0, 1, 2), start="2024-01-01", asof="2025-12-31")
    >>> t[["exposure", "churned"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
            exposure  churned
    tenure
    0–1 yr       1.5        1
    1–2 yr       1.0        0
    """
    what = "churn_by_tenure"
    customers, start, asof = _period(customers, what, start, asof)
    try:
        b = [float(x) for x in bands]
    except (TypeError, ValueError):
        raise ValueError(f"{what}: bands={bands!r} must be a list of tenures in years") from None
    if len(b) < 2 or any(np.isnan(x) for x in b) or any(x >= y for x, y in zip(b, b[1:])) or b[0] < 0:
        raise ValueError(f"{what}: bands={bands!r} must be at least two increasing tenures in "
                         "years, starting at 0 or more")
    first, stop, churned = _lifetimes(customers, what, asof=asof)
    s = np.datetime64(start.date(), "D")
    entry = np.maximum((s - first).astype("int64"), 0) / 365.25
    exit_ = (stop - first).astype("int64") / 365.25
    rows = []
    for lo, hi in zip(b, b[1:]):
        exposure = np.clip(np.minimum(exit_, hi) - np.maximum(entry, lo), 0, None).sum()
        events = int((churned & (exit_ >= lo) & (exit_ < hi) & (exit_ > entry)).sum())
        label = f"{lo:g}–{hi:g} yr" if np.isfinite(hi) else f"{lo:g}+ yr"
        rows.append({"tenure": label, "exposure": float(exposure), "churned": events,
                     "churn_per_year": _rate(events, exposure)})
    return pd.DataFrame(rows).set_index("tenure")


# ---------------------------------------------------------------------------------------------
# The cost argument
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CostComparison:
    """Acquisition cost vs a year of retention cost, per customer (means)."""

    acquisition: float  #: mean acquisition cost per customer (CNY)
    retention: float  #: mean retention cost per customer per year (CNY)
    ratio: float  #: acquisition / retention: how many years of keeping one customer a win costs
    median_ratio: float  #: the median of each customer's own ratio
    source_low: float = SOURCE_COST_RATIO[0]
    source_high: float = SOURCE_COST_RATIO[1]


def cost_comparison(customers: pd.DataFrame) -> CostComparison:
    """What winning a customer costs (获客成本) against a year of keeping one (客户保持成本).

    ``ratio = mean(acquisition_cost) / mean(retention_cost)``: how many years of retention
    spending one new customer costs.  The sources say 5–6 (S1: "争取一个新客户的成本是维持一个老客户
    的5~6倍").

    Examples
    --------
    >>> c = pd.DataFrame({"acquisition_cost": [1000.0, 2000.0], "retention_cost": [200.0, 400.0]})
    >>> r = cost_comparison(c)
    >>> r.acquisition, r.retention, r.ratio
    (1500.0, 300.0, 5.0)
    """
    what = "cost_comparison"
    require_frame(customers, {"acquisition_cost": "numeric", "retention_cost": "numeric"},
                  what=what)
    acq = customers["acquisition_cost"].to_numpy(dtype="float64")
    ret = customers["retention_cost"].to_numpy(dtype="float64")
    if (ret <= 0).any() or (acq < 0).any():
        raise ValueError(f"{what}: retention_cost must be positive and acquisition_cost not "
                         "negative")
    return CostComparison(float(acq.mean()), float(ret.mean()), float(acq.mean() / ret.mean()),
                          float(np.median(acq / ret)))


def clv_multiple(retention, *, discount: float = 0.10):
    """The lifetime-value multiple of a yearly margin: ``r / (1 + d − r)``.

    A customer kept each year with probability ``r`` (the retention rate) and earning margin
    ``m`` at the end of each year it stays is worth ``CLV = m · r / (1 + d − r)`` today, with
    discount rate ``d`` (the simple infinite-horizon customer lifetime value, 客户终身价值).
    ``retention`` may be a number or an array.

    Examples
    --------
    >>> round(clv_multiple(0.8, discount=0.10), 4)      # 0.8 / 0.3
    2.6667
    >>> round(clv_multiple(0.9, discount=0.10), 4)      # 0.9 / 0.2: ten points more, 69% more value
    4.5
    """
    what = "clv_multiple"
    require_number(discount, what=what, name="discount", low=0.0, high=1.0)
    r = np.asarray(retention, dtype="float64")
    if not np.all(np.isfinite(r)) or np.any((r < 0) | (r > 1)):
        raise ValueError(f"{what}: retention must be rates between 0 and 1, got {retention!r}")
    out = r / (1.0 + discount - r) if discount > 0 else np.where(r < 1, r / np.maximum(1 - r, 1e-12),
                                                                  np.inf)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class RetentionPointValue:
    """What ``points`` more points of retention are worth (see :func:`retention_point_value`)."""

    customers: int
    annual_margin: float  #: mean yearly profit per customer (CNY)
    retention: float
    points: float
    discount: float
    clv_now: float  #: CLV per customer at today's retention
    clv_up: float  #: CLV per customer with the higher retention
    gain_per_customer: float
    gain_total: float  #: gain over all customers (CNY)
    gain_share: float  #: relative increase of CLV


def retention_point_value(annual_margin: float, customers: int, retention: float, *,
                          points: float = 1.0, discount: float = 0.10) -> RetentionPointValue:
    """What a point of retention (客户保持率) is worth in profit.

    ``CLV = m · r / (1 + d − r)`` per customer (:func:`clv_multiple`); raising ``r`` by
    ``points`` percentage points adds ``m · (multiple(r + p) − multiple(r))`` per customer, over
    ``customers`` customers.

    Examples
    --------
    >>> v = retention_point_value(1000.0, 100, 0.80, points=10, discount=0.10)
    >>> round(v.clv_now, 2), round(v.clv_up, 2), round(v.gain_total, 0), round(v.gain_share, 2)
    (2666.67, 4500.0, 183333.0, 0.69)
    """
    what = "retention_point_value"
    require_number(annual_margin, what=what, name="annual_margin")
    require_number(customers, what=what, name="customers", low=0, integer=True)
    require_number(retention, what=what, name="retention", low=0.0, high=1.0)
    require_number(points, what=what, name="points", low=0.0, high=100.0)
    up = min(1.0, retention + points / 100.0)
    now_m, up_m = clv_multiple(retention, discount=discount), clv_multiple(up, discount=discount)
    gain = annual_margin * (up_m - now_m)
    share = (up_m - now_m) / now_m if now_m > 0 else float("nan")
    return RetentionPointValue(int(customers), float(annual_margin), float(retention),
                               float(points), float(discount), annual_margin * now_m,
                               annual_margin * up_m, gain, gain * customers, float(share))


# ---------------------------------------------------------------------------------------------
# Signals per customer
# ---------------------------------------------------------------------------------------------

@validated(world={"customers": {"customer_id": "id", "churned": "bool", "key_contact_left": "bool"},
                  "transactions": {"customer_id": "id"}},
           keys={"customers": "customer_id"}, empty_ok=("transactions",),
           options={"low_satisfaction": Interval(1, 5), "low_loyalty": Interval(0, 1),
                    "slow_days": Interval(1, 365, integer=True), "big_share": Interval(0.01, 0.99),
                    "recent_days": Interval(30, 365, integer=True)})
def customer_signals(world, *, low_satisfaction: float = 3.0, low_loyalty: float = 0.4,
                     slow_days: int = 21, big_share: float = 0.1, recent_days: int = 91
                     ) -> pd.DataFrame:
    """One row per customer with every churn signal (流失信号) and the customer's value.

    Columns (all measured at the customer's end: the churn date, or the as-of date for customers
    still buying):

    * ``churned``, ``churn_date``, ``first_purchase``, ``tenure_years``, ``segment``;
    * ``satisfaction``, ``loyalty`` and the flags ``low_satisfaction`` (below
      ``low_satisfaction``) and ``low_loyalty`` (below ``low_loyalty``);
    * ``key_contact_left``;
    * ``complaints``, ``unresolved``, ``slow`` (resolved after more than ``slow_days``) and the
      flags ``unresolved_complaint``, ``slow_complaint``, ``silent`` (no complaint at all) and
      ``resolved_fast`` (complained, every complaint resolved within ``slow_days``);
    * ``surveyed``, ``dv_advantage`` (our delivered value − the competitor's, empty when not
      surveyed) and ``value_gap`` (surveyed and the competitor's is higher);
    * ``revenue``, ``profit`` (the kit's definition, :func:`casekit.selection.customer_profitability`),
      ``bad_debt``, ``active_years``, ``annual_revenue`` and ``annual_profit`` (per active year),
      ``new`` (first purchase in the data period);
    * ``employees`` and ``big``: a big firm, the top ``big_share`` by employees (firm size, not
      revenue: a customer who leaves buys less before it goes, which would hide it among the
      small);
    * ``orders_recent`` (orders in the last ``recent_days`` before the end), ``orders_before``
      (orders per ``recent_days`` over the year before that), ``frequency_drop`` (seen for that
      long, at least one order per period before, and under half that pace recently: the rule
      :func:`frequency_backtest` tests), ``days_since_order``.
    """
    what = "customer_signals"
    _require_world(world, what)
    require_number(low_satisfaction, what=what, name="low_satisfaction", low=1, high=5)
    require_number(low_loyalty, what=what, name="low_loyalty", low=0, high=1)
    require_number(slow_days, what=what, name="slow_days", low=1, high=365, integer=True)
    require_number(big_share, what=what, name="big_share", low=0.01, high=0.99)
    require_number(recent_days, what=what, name="recent_days", low=30, high=365, integer=True)
    c = world.customers
    require_frame(c, {**_CUSTOMER_COLS, "satisfaction": "numeric", "loyalty": "numeric",
                      "key_contact_left": "bool", "tenure_years": "numeric",
                      "employees": "numeric"}, what=what)
    cp = world.complaints
    require_frame(cp, {"customer_id": "numeric", "resolved": "bool", "days_to_resolve": "any"},
                  what=what, allow_empty=True)
    tx = world.transactions
    require_frame(tx, {"customer_id": "numeric", "date": "date"}, what=what)
    asof = asof_of(world)
    first, end, churned = _lifetimes(c, what, asof=asof)
    ids = c["customer_id"].to_numpy()
    pos = pd.Index(ids)

    out = pd.DataFrame(index=pd.Index(ids, name="customer_id"))
    out["churned"] = churned
    out["churn_date"] = c["churn_date"].to_numpy()
    out["first_purchase"] = c["first_purchase"].to_numpy()
    out["tenure_years"] = c["tenure_years"].to_numpy(dtype="float64")
    if "segment" in c:
        out["segment"] = c["segment"].to_numpy()
    out["satisfaction"] = c["satisfaction"].to_numpy(dtype="float64")
    out["loyalty"] = c["loyalty"].to_numpy(dtype="float64")
    out["low_satisfaction"] = out["satisfaction"] < low_satisfaction
    out["low_loyalty"] = out["loyalty"] < low_loyalty
    out["key_contact_left"] = c["key_contact_left"].to_numpy(dtype=bool)

    # Complaints, vectorised with bincount over the customers' positions.
    n = len(out)
    at = pos.get_indexer(cp["customer_id"].to_numpy())
    if (at < 0).any():
        raise ValueError(f"{what}: complaint for customer "
                         f"{cp['customer_id'].to_numpy()[np.flatnonzero(at < 0)[0]]} who is not "
                         "in the customers")
    resolved = cp["resolved"].to_numpy(dtype=bool)
    days = pd.to_numeric(cp["days_to_resolve"], errors="coerce").to_numpy(dtype="float64",
                                                                           na_value=np.nan)
    out["complaints"] = np.bincount(at, minlength=n)
    out["unresolved"] = np.bincount(at, weights=~resolved, minlength=n).astype("int64")
    out["slow"] = np.bincount(at, weights=resolved & (np.nan_to_num(days, nan=0) > slow_days),
                              minlength=n).astype("int64")
    out["unresolved_complaint"] = out["unresolved"] > 0
    out["slow_complaint"] = out["slow"] > 0
    out["silent"] = out["complaints"] == 0
    out["resolved_fast"] = (out["complaints"] > 0) & (out["unresolved"] == 0) & (out["slow"] == 0)

    # Delivered value (顾客让渡价值): ours − the competitor's, for surveyed customers.
    p = getattr(world, "perceptions", None)
    adv = pd.Series(np.nan, index=out.index)
    if p is not None and len(p):
        dv = delivered_value(p)["advantage"]
        adv = dv.reindex(out.index)
    out["surveyed"] = adv.notna().to_numpy()
    out["dv_advantage"] = adv.to_numpy()
    out["value_gap"] = (adv < 0).to_numpy()

    # Value, with the kit's one definition of customer profit.
    prof = customer_profitability(world, active_only=False).reindex(out.index)
    out["revenue"] = prof["revenue"].to_numpy()
    out["profit"] = prof["profit"].to_numpy()
    out["bad_debt"] = c["bad_debt"].to_numpy(dtype="float64") if "bad_debt" in c else 0.0
    out["active_years"] = prof["active_years"].to_numpy()
    act = out["active_years"].to_numpy()
    out["annual_revenue"] = np.divide(out["revenue"].to_numpy(), act, out=np.zeros(n),
                                      where=act > 0)
    out["annual_profit"] = np.divide(out["profit"].to_numpy(), act, out=np.zeros(n), where=act > 0)
    out["employees"] = c["employees"].to_numpy(dtype="int64")
    cut = np.quantile(out["employees"].to_numpy(), 1.0 - big_share)
    out["big"] = out["employees"].to_numpy() >= cut
    out["new"] = first >= np.datetime64(period_start(world).date(), "D")

    # Order frequency before the customer's end: the last `recent_days` vs the year before.
    t_at = pos.get_indexer(tx["customer_id"].to_numpy())
    if (t_at < 0).any():
        raise ValueError(f"{what}: an order belongs to a customer who is not in the customers")
    tdays = tx["date"].to_numpy("datetime64[D]")
    back = (end[t_at] - tdays).astype("int64")  # days before the customer's end
    recent = (back >= 0) & (back < recent_days)
    before = (back >= recent_days) & (back < recent_days + 365)
    out["orders_recent"] = np.bincount(t_at[recent], minlength=n)
    out["orders_before"] = np.bincount(t_at[before], minlength=n) * (recent_days / 365.0)
    seen_long = (end - first).astype("int64") >= recent_days + 365
    out["frequency_drop"] = (seen_long & (out["orders_before"].to_numpy() >= 1)
                             & (out["orders_recent"].to_numpy() < 0.5 * out["orders_before"].to_numpy()))
    last = np.full(n, np.iinfo("int64").min)
    np.maximum.at(last, t_at[back >= 0], tdays[back >= 0].astype("int64"))
    since = end.astype("int64") - last
    out["days_since_order"] = np.where(last > np.iinfo("int64").min, since, -1)
    out.attrs["start"], out.attrs["asof"] = period_start(world), asof
    return out


def _require_signals(signals, what, cols=()):
    if not isinstance(signals, pd.DataFrame) or "churned" not in signals:
        raise ValueError(f"{what}: expected the table of customer_signals(world), got "
                         f"{type(signals).__name__}" + ("" if not isinstance(signals, pd.DataFrame)
                                                        else " without a 'churned' column"))
    kinds = {c: ("bool" if c in SIGNALS else "any") for c in cols}
    check_columns(signals, {"churned": "bool", **kinds}, what=what, frame="the signals")
    return signals


def churn_by(signals: pd.DataFrame, column: str, *, bins=None, q=None, labels=None) -> pd.DataFrame:
    """Churn rate by band (or value) of one column: customers, churned, churn rate and lift.

    ``bins`` cuts a numeric column at the given edges (left-closed: ``[2, 3)``), ``q`` into that
    many equal-sized bands; with neither, each value is its own group.  ``lift`` = the band's
    churn rate ÷ everyone's.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, False, False, False, True],
    ...                   "satisfaction": [1.5, 2.5, 3.5, 4.5, 4.0, 3.2]})
    >>> t = churn_by(s, "satisfaction", bins=[1, 3, 5.01])
    >>> t[["customers", "churned", "churn_rate"]]  # doctest: +NORMALIZE_WHITESPACE
                  customers  churned  churn_rate
    satisfaction
    [1, 3)                2        2        1.00
    [3, 5.01)             4        1        0.25
    """
    what = "churn_by"
    _require_signals(signals, what, [column])
    x = signals[column]
    if bins is not None or q is not None:
        require_frame(signals, {column: "numeric"}, what=what)
    if bins is not None:
        edges = [float(b) for b in bins]
        if len(edges) < 2 or any(a >= b for a, b in zip(edges, edges[1:])):
            raise ValueError(f"{what}: bins={bins!r} must be at least two increasing edges")
        names = labels or [f"[{a:g}, {b:g})" for a, b in zip(edges, edges[1:])]
        key = pd.cut(x, edges, right=False, labels=names)
    elif q is not None:
        require_number(q, what=what, name="q", low=2, high=100, integer=True)
        names = labels or [f"Q{k + 1}" for k in range(q)]
        key = pd.qcut(x.rank(method="first"), q, labels=names)
    else:
        key = x
    y = signals["churned"].astype("float64")
    g = y.groupby(key, observed=True)
    out = pd.DataFrame({"customers": g.size(), "churned": g.sum().astype("int64"),
                        "churn_rate": g.mean()})
    out["lift"] = out["churn_rate"] / float(y.mean()) if y.mean() > 0 else np.nan
    out.index.name = column
    return out


def profit_margin_by(signals: pd.DataFrame, column: str, *, q: int = 3, labels=None) -> pd.DataFrame:
    """Profit margin (profit ÷ revenue) and churn rate by equal-sized bands of ``column``.

    The sources' claim "loyalty, not size, makes profit" (为企业带来丰厚利润的通常不是购买量大的客户,
    而是忠诚客户) is checked with ``column="loyalty"`` against ``column="annual_revenue"``.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, False, False],
    ...     "loyalty": [0.1, 0.2, 0.8, 0.9], "revenue": [100.0, 100.0, 100.0, 300.0],
    ...     "profit": [0.0, 10.0, 20.0, 90.0]})
    >>> profit_margin_by(s, "loyalty", q=2)["profit_margin"].tolist()
    [0.05, 0.275]
    """
    what = "profit_margin_by"
    _require_signals(signals, what, [column])
    require_frame(signals, {column: "numeric", "revenue": "numeric", "profit": "numeric"},
                  what=what)
    require_number(q, what=what, name="q", low=2, high=100, integer=True)
    names = labels or [f"Q{k + 1}" for k in range(q)]
    key = pd.qcut(signals[column].rank(method="first"), q, labels=names)
    g = signals.groupby(key, observed=True)
    out = pd.DataFrame({"customers": g.size(), "revenue": g["revenue"].sum(),
                        "profit": g["profit"].sum(), "churn_rate": g["churned"].mean()})
    out["profit_margin"] = out["profit"] / out["revenue"].where(out["revenue"] != 0)
    out.index.name = column
    return out


def satisfaction_loyalty(signals: pd.DataFrame, *, bins=(1, 2, 3, 4, 5.01)) -> pd.DataFrame:
    """Satisfaction → loyalty → churn (顾客满意 → 顾客忠诚): by satisfaction band, the customers'
    mean loyalty and their churn rate.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, False, False],
    ...                   "satisfaction": [2.0, 3.0, 4.5, 4.8], "loyalty": [0.2, 0.5, 0.8, 0.9]})
    >>> satisfaction_loyalty(s, bins=(1, 3, 5.01))  # doctest: +NORMALIZE_WHITESPACE
                  customers  mean_loyalty  churn_rate
    satisfaction
    [1, 3)                1      0.200000         1.0
    [3, 5.01)             3      0.733333         0.0
    """
    what = "satisfaction_loyalty"
    _require_signals(signals, what)
    require_frame(signals, {"satisfaction": "numeric", "loyalty": "numeric"}, what=what)
    t = churn_by(signals, "satisfaction", bins=bins)
    edges = [float(b) for b in bins]
    key = pd.cut(signals["satisfaction"], edges, right=False, labels=list(t.index) if len(t) == len(
        edges) - 1 else None)
    loy = signals["loyalty"].groupby(key, observed=True).mean()
    loy.index = loy.index.astype(str)
    t.index = t.index.astype(str)
    out = pd.DataFrame({"customers": t["customers"], "mean_loyalty": loy.reindex(t.index),
                        "churn_rate": t["churn_rate"]})
    out.index.name = "satisfaction"
    return out


def _loyalty_kind(signals, satisfaction_cut, loyalty_cut):
    att = signals["satisfaction"] >= satisfaction_cut
    rep = signals["loyalty"] >= loyalty_cut
    return np.select([att & rep, att & ~rep, ~att & rep], list(LOYALTY_TYPES)[:3], "no loyalty")


def loyalty_types(signals: pd.DataFrame, *, satisfaction_cut=None, loyalty_cut=None) -> pd.DataFrame:
    """The four types of loyalty (忠诚类型): attitude (satisfaction) × behaviour (repeat loyalty).

    Standard textbook (Dick & Basu): *true loyalty* (真正忠诚) likes us and keeps buying; *latent
    loyalty* (潜在忠诚) likes us but buys little; *spurious loyalty* (虚假忠诚) keeps buying without
    liking us (habit, lock-in); *no loyalty* (不忠诚) neither.  Attitude is high when satisfaction
    ≥ ``satisfaction_cut``, repeat buying when the loyalty index ≥ ``loyalty_cut`` (defaults: the
    medians).

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [False, True, True, True],
    ...     "satisfaction": [4.5, 4.0, 2.0, 2.5], "loyalty": [0.9, 0.2, 0.8, 0.1]})
    >>> t = loyalty_types(s, satisfaction_cut=3, loyalty_cut=0.5)
    >>> t[["customers", "churn_rate"]]  # doctest: +NORMALIZE_WHITESPACE
                      customers  churn_rate
    type
    true loyalty              1         0.0
    latent loyalty            1         1.0
    spurious loyalty          1         1.0
    no loyalty                1         1.0
    """
    what = "loyalty_types"
    _require_signals(signals, what)
    require_frame(signals, {"satisfaction": "numeric", "loyalty": "numeric"}, what=what)
    sc = float(signals["satisfaction"].median()) if satisfaction_cut is None else satisfaction_cut
    lc = float(signals["loyalty"].median()) if loyalty_cut is None else loyalty_cut
    require_number(sc, what=what, name="satisfaction_cut", low=1, high=5)
    require_number(lc, what=what, name="loyalty_cut", low=0, high=1)
    kind = pd.Series(_loyalty_kind(signals, sc, lc), index=signals.index)
    y = signals["churned"].astype("float64")
    rows = []
    for name, (zh, attitude, repeat, action) in LOYALTY_TYPES.items():
        m = (kind == name).to_numpy()
        rows.append({"type": name, "chinese": zh, "attitude": attitude, "repeat_buying": repeat,
                     "customers": int(m.sum()), "share": float(m.mean()),
                     "churn_rate": float(y[m].mean()) if m.any() else np.nan,
                     "what_to_do": action})
    return pd.DataFrame(rows).set_index("type")


def loyalty_ladder() -> pd.DataFrame:
    """The loyalty ladder (忠诚阶梯), standard textbook: each rung with its Chinese name.

    >>> list(loyalty_ladder()["rung"])[:3]
    ['suspect', 'prospect', 'first-time customer']
    """
    return pd.DataFrame([{"step": k + 1, "rung": en, "chinese": zh, "meaning": m}
                         for k, (en, zh, m) in enumerate(LOYALTY_LADDER)]).set_index("step")


# ---------------------------------------------------------------------------------------------
# Churn drivers
# ---------------------------------------------------------------------------------------------

def churn_drivers(signals: pd.DataFrame, *, drivers=None) -> pd.DataFrame:
    """Churn with and without each signal (流失原因): how strongly each one goes with leaving.

    For each signal: ``customers`` with it, ``share`` of all, ``churn_with``, ``churn_without``,
    ``difference`` (percentage points) and ``ratio`` (with ÷ without).  ``value_gap`` is compared
    among surveyed customers only.  By default every signal of :data:`SIGNALS` in the table except
    ``frequency_drop``, which needs a back-test (:func:`frequency_backtest`) rather than a look
    back from the end.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, False, False],
    ...                   "key_contact_left": [True, False, False, False]})
    >>> t = churn_drivers(s, drivers=["key_contact_left"])
    >>> t[["customers", "churn_with", "churn_without"]]  # doctest: +NORMALIZE_WHITESPACE
                      customers  churn_with  churn_without
    signal
    key_contact_left          1         1.0        0.333333
    """
    what = "churn_drivers"
    default = [d for d in SIGNALS if d != "frequency_drop"]
    names = [d for d in default if d in signals] if drivers is None else list(drivers)
    _require_signals(signals, what, names)
    rows = []
    y = signals["churned"].to_numpy(dtype=bool)
    for d in names:
        if d not in SIGNALS:
            raise ValueError(f"{what}: unknown signal {d!r}; expected some of {list(SIGNALS)}")
        flag = signals[d].to_numpy(dtype=bool)
        base = (signals["surveyed"].to_numpy(dtype=bool) if d == "value_gap" and "surveyed" in signals
                else np.ones(len(signals), dtype=bool))
        w, wo = flag & base, ~flag & base
        cw, cwo = _rate(y[w].sum(), w.sum()), _rate(y[wo].sum(), wo.sum())
        en, zh = SIGNALS[d]
        rows.append({"signal": d, "meaning": en, "chinese": zh, "customers": int(w.sum()),
                     "share": _rate(w.sum(), base.sum()), "churn_with": cw, "churn_without": cwo,
                     "difference": cw - cwo, "ratio": cw / cwo if cwo else np.nan})
    return pd.DataFrame(rows).set_index("signal")


def size_and_churn(signals: pd.DataFrame) -> pd.DataFrame:
    """Big vs small firms (大客户 / 小客户): how often each leaves, and what leaving takes with it.

    ``big`` is the signal of :func:`customer_signals` (by default the top 10% of firms by
    employees).  ``churn_rate`` is the share who left; ``lost_annual_revenue`` /
    ``lost_annual_profit`` sum the churned customers' yearly revenue and profit while they bought;
    ``revenue_per_churner`` is the revenue a year one lost customer took with them.  The sources
    warn of the churn risk of big customers (大客户的流失风险): every competitor courts them.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, True, False], "big": [True, True, False, False],
    ...     "annual_revenue": [900.0, 800.0, 100.0, 50.0], "annual_profit": [90.0, 80.0, 10.0, 5.0]})
    >>> t = size_and_churn(s)
    >>> t[["customers", "churn_rate", "revenue_per_churner"]]  # doctest: +NORMALIZE_WHITESPACE
           customers  churn_rate  revenue_per_churner
    size
    big            2         0.5                900.0
    small          2         0.5                100.0
    """
    what = "size_and_churn"
    _require_signals(signals, what, ["big"])
    require_frame(signals, {"annual_revenue": "numeric", "annual_profit": "numeric"}, what=what)
    rows = []
    for name, m in (("big", signals["big"].to_numpy(dtype=bool)),
                    ("small", ~signals["big"].to_numpy(dtype=bool))):
        s = signals[m]
        gone = s[s["churned"]]
        rows.append({"size": name, "customers": int(m.sum()), "churned": int(len(gone)),
                     "churn_rate": _rate(len(gone), len(s)),
                     "lost_annual_revenue": float(gone["annual_revenue"].sum()),
                     "lost_annual_profit": float(gone["annual_profit"].sum()),
                     "revenue_per_churner": _rate(gone["annual_revenue"].sum(), len(gone))})
    return pd.DataFrame(rows).set_index("size")


_HANDLING_GROUPS = (("good handling + follow-up call", True, True),
                    ("good handling, no call", True, False),
                    ("poor handling + follow-up call", False, True),
                    ("poor handling, no call", False, False))


def handling_and_follow_up(complaints: pd.DataFrame, *, good_score: int = 4) -> pd.DataFrame:
    """Does the way we handle a complaint (投诉处理) and the follow-up call (回访) keep the customer?

    Complaints split by the audited ``handling_score`` (good: ``good_score`` or more of 5) and by
    ``followed_up`` (we called back after the fix).  For each of the four groups: ``complaints``,
    ``kept`` (share after which the customer stayed, ``customer_kept``) and
    ``satisfaction_after`` (mean, 1–5).

    Examples
    --------
    >>> cp = pd.DataFrame({"handling_score": [5, 4, 2, 1, 5], "followed_up": [True, True, False,
    ...     True, False], "customer_kept": [True, True, False, True, True],
    ...     "satisfaction_after": [4.5, 4.0, 2.0, 3.0, 4.0]})
    >>> handling_and_follow_up(cp)[["complaints", "kept"]]  # doctest: +NORMALIZE_WHITESPACE
                                    complaints  kept
    handling
    good handling + follow-up call           2   1.0
    good handling, no call                   1   1.0
    poor handling + follow-up call           1   1.0
    poor handling, no call                   1   0.0
    """
    what = "handling_and_follow_up"
    require_frame(complaints, {"handling_score": "numeric", "followed_up": "bool",
                               "customer_kept": "bool", "satisfaction_after": "numeric"},
                  what=what)
    require_number(good_score, what=what, name="good_score", low=1, high=5)
    good = complaints["handling_score"].to_numpy(dtype="float64") >= good_score
    called = complaints["followed_up"].to_numpy(dtype=bool)
    kept = complaints["customer_kept"].to_numpy(dtype="float64")
    sat = complaints["satisfaction_after"].to_numpy(dtype="float64")
    rows = []
    for name, g, f in _HANDLING_GROUPS:
        m = (good == g) & (called == f)
        rows.append({"handling": name, "good_handling": g, "followed_up": f,
                     "complaints": int(m.sum()), "kept": _rate(kept[m].sum(), m.sum()),
                     "satisfaction_after": _rate(sat[m].sum(), m.sum())})
    return pd.DataFrame(rows).set_index("handling")


# ---------------------------------------------------------------------------------------------
# The churn-risk score
# ---------------------------------------------------------------------------------------------

def _weights(weights, what):
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    if not isinstance(weights, Mapping):
        raise ValueError(f"{what}: weights must be a dict such as {{'key_contact_left': 3}}; got "
                         f"{type(weights).__name__}")
    out = {}
    for k, v in weights.items():
        if k not in SIGNALS:
            raise ValueError(f"{what}: weights has an unknown signal {k!r}; expected some of "
                             f"{list(SIGNALS)}")
        require_number(v, what=what, name=f"weights[{k!r}]", low=-10, high=10)
        out[k] = float(v)
    return out


def risk_score(signals: pd.DataFrame, *, weights=None) -> pd.Series:
    """A transparent churn-risk score (流失风险评分): the sum of points of the signals a customer shows.

    ``score = Σ weight[signal] × flag[signal]`` with :data:`DEFAULT_WEIGHTS` unless ``weights``
    (signal → points) is given.  Anyone can see why a customer scores high.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False], "key_contact_left": [True, False],
    ...                   "silent": [True, True]})
    >>> risk_score(s, weights={"key_contact_left": 3, "silent": 1}).tolist()
    [4.0, 1.0]
    """
    what = "risk_score"
    w = _weights(weights, what)
    _require_signals(signals, what, [k for k, v in w.items() if v != 0])
    score = np.zeros(len(signals))
    for k, v in w.items():
        if v:
            score += v * signals[k].to_numpy(dtype=bool)
    return pd.Series(score, index=signals.index, name="risk_points")


@dataclass(frozen=True)
class ScorePrecision:
    """How well the riskiest ``top`` share of customers by a score picks out churners."""

    top: float  #: share of customers flagged (0.1 = the top decile)
    flagged: int  #: customers flagged
    precision: float  #: share of the flagged who churned
    base_rate: float  #: share of all customers who churned
    lift: float  #: precision / base_rate
    recall: float  #: share of all churners among the flagged


def _ranked_counts(score, y, k):
    """Churners among the top ``k`` by score; ties at the cut count at their average rate."""
    score = np.asarray(score, dtype="float64")
    order = np.argsort(-score, kind="stable")
    s_sorted = score[order]
    cutoff = s_sorted[k - 1]
    above = score > cutoff
    tied = score == cutoff
    n_above = int(above.sum())
    hits = float(y[above].sum()) + (k - n_above) * float(y[tied].mean())
    return hits


def score_precision(signals: pd.DataFrame, score, *, top: float = 0.1) -> ScorePrecision:
    """Precision and lift of the riskiest ``top`` share of customers (e.g. the top decile).

    The ``k = ⌈top · n⌉`` highest scores are flagged; customers tied at the cut count at the
    churn rate of their tie group (as if ties were broken at random), so the result does not
    depend on row order.  ``precision`` = churners flagged ÷ k; ``lift`` = precision ÷ the churn
    rate of all customers; ``recall`` = churners flagged ÷ all churners.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, False, False, False, False, False, False,
    ...                               False, True]})
    >>> r = score_precision(s, [9, 8, 1, 1, 1, 1, 1, 1, 1, 2], top=0.2)
    >>> r.precision, round(r.lift, 3), round(r.recall, 3)
    (1.0, 3.333, 0.667)
    """
    what = "score_precision"
    _require_signals(signals, what)
    require_number(top, what=what, name="top", low=0.001, high=1.0)
    sc = np.asarray(score, dtype="float64")
    if sc.shape != (len(signals),) or not np.all(np.isfinite(sc)):
        raise ValueError(f"{what}: score must hold one finite number per customer "
                         f"({len(signals)}); got shape {sc.shape}")
    y = signals["churned"].to_numpy(dtype="float64")
    k = max(1, int(np.ceil(top * len(y) - 1e-9)))
    hits = _ranked_counts(sc, y, k)
    base = float(y.mean())
    prec = hits / k
    return ScorePrecision(float(top), k, prec, base, prec / base if base else np.nan,
                          float(hits / y.sum()) if y.sum() else np.nan)


def score_table(signals: pd.DataFrame, score) -> pd.DataFrame:
    """Churn rate at each score value, riskiest first, with the cumulative share of customers
    and of churners (the lift table of a points score).

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, True, False]})
    >>> t = score_table(s, [3, 3, 1, 0])
    >>> t[["customers", "churn_rate", "share_of_churners_cum"]]  # doctest: +NORMALIZE_WHITESPACE
            customers  churn_rate  share_of_churners_cum
    points
    3.0             2         0.5                    0.5
    1.0             1         1.0                    1.0
    0.0             1         0.0                    1.0
    """
    what = "score_table"
    _require_signals(signals, what)
    sc = pd.Series(np.asarray(score, dtype="float64"), index=signals.index)
    if len(sc) != len(signals) or not np.all(np.isfinite(sc)):
        raise ValueError(f"{what}: score must hold one finite number per customer")
    y = signals["churned"].astype("float64")
    g = y.groupby(sc.to_numpy())
    out = pd.DataFrame({"customers": g.size(), "churned": g.sum().astype("int64"),
                        "churn_rate": g.mean()}).sort_index(ascending=False)
    out["lift"] = out["churn_rate"] / y.mean() if y.mean() else np.nan
    out["share_of_customers_cum"] = out["customers"].cumsum() / len(y)
    out["share_of_churners_cum"] = out["churned"].cumsum() / max(y.sum(), 1)
    out.index.name = "points"
    return out


def churn_probability(signals: pd.DataFrame, score, *, prior: float = 20.0) -> pd.Series:
    """The churn rate observed at each customer's score value, shrunk toward the overall rate.

    ``p = (churned at this score + prior · base rate) / (customers at this score + prior)``: a
    score value held by few customers gets a rate close to everyone's.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, False, False]})
    >>> churn_probability(s, [2, 2, 0, 0], prior=0).tolist()
    [1.0, 1.0, 0.0, 0.0]
    """
    what = "churn_probability"
    _require_signals(signals, what)
    require_number(prior, what=what, name="prior", low=0)
    sc = np.asarray(score, dtype="float64")
    if sc.shape != (len(signals),):
        raise ValueError(f"{what}: score must hold one number per customer ({len(signals)})")
    y = signals["churned"].to_numpy(dtype="float64")
    values, inv = np.unique(sc, return_inverse=True)
    n = np.bincount(inv, minlength=len(values))
    k = np.bincount(inv, weights=y, minlength=len(values))
    p = (k + prior * y.mean()) / (n + prior)
    return pd.Series(p[inv], index=signals.index, name="churn_probability")


def logistic_weights(signals: pd.DataFrame, *, features=None, l2: float = 1.0,
                     iterations: int = 50) -> pd.DataFrame:
    """A logistic regression of churn on the signals, fitted with Newton's method in numpy.

    ``P(churn) = 1 / (1 + exp(−(b0 + Σ b_j x_j)))``, with a small ridge penalty ``l2`` on the
    ``b_j``.  Returns one row per feature (and ``intercept``) with the coefficient ``b`` and the
    odds ratio ``exp(b)``; comparing them with the points of :func:`risk_score` shows whether the
    points are sensible.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, True, False, False, False, True, False],
    ...                   "key_contact_left": [True, True, True, False, False, False, False, True]})
    >>> w = logistic_weights(s, features=["key_contact_left"], l2=0.0)
    >>> round(float(w.loc["key_contact_left", "odds_ratio"]), 2)    # (3/1) / (1/3)
    9.0
    """
    what = "logistic_weights"
    feats = [f for f in DEFAULT_WEIGHTS if f in signals] if features is None else list(features)
    _require_signals(signals, what, feats)
    require_number(l2, what=what, name="l2", low=0)
    require_number(iterations, what=what, name="iterations", low=1, high=1000, integer=True)
    X = np.column_stack([np.ones(len(signals))]
                        + [signals[f].to_numpy(dtype="float64") for f in feats])
    y = signals["churned"].to_numpy(dtype="float64")
    b = np.zeros(X.shape[1])
    pen = np.full(X.shape[1], float(l2))
    pen[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ b, -30, 30)))
        grad = X.T @ (y - p) - pen * b
        h = (X * (p * (1 - p))[:, None]).T @ X + np.diag(pen) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(h, grad)
        b = b + step
        if np.max(np.abs(step)) < 1e-10:
            break
    names = ["intercept"] + feats
    return pd.DataFrame({"coefficient": b, "odds_ratio": np.exp(b)},
                        index=pd.Index(names, name="feature"))


def _reasons(signals, names):
    """The signals that fire for each customer, as text, in the order of ``names``."""
    code = np.zeros(len(signals), dtype="int64")
    for k, n in enumerate(names):
        code |= signals[n].to_numpy(dtype=bool).astype("int64") << k
    uniq, inv = np.unique(code, return_inverse=True)
    text = np.array(["; ".join(SIGNALS[n][0] for k, n in enumerate(names) if u >> k & 1)
                     for u in uniq.tolist()], dtype=object)
    return pd.Series(text[inv] if len(uniq) else np.array([], dtype=object), index=signals.index)


def early_warning(signals: pd.DataFrame, *, weights=None, prior: float = 20.0) -> pd.DataFrame:
    """The early-warning list (流失预警): current customers ranked by the profit at risk.

    For customers still buying: ``risk_points`` (:func:`risk_score`), ``churn_probability``
    (:func:`churn_probability`, learned on all customers), ``annual_profit``, ``expected_loss`` =
    churn probability × the yearly profit (only profitable customers can lose us profit),
    ``warnings`` (the risk signals that fire, in words, followed by a fall in order frequency
    when the signals hold ``frequency_drop``: a warning without points, whose strength the
    back-test :func:`frequency_backtest` measures) and ``frequency_drop``.  Sorted by expected
    loss, largest first.
    """
    what = "early_warning"
    w = _weights(weights, what)
    _require_signals(signals, what, ["annual_profit", "annual_revenue"])
    score = risk_score(signals, weights=w)
    prob = churn_probability(signals, score, prior=prior)
    cur = ~signals["churned"].to_numpy(dtype=bool)
    out = pd.DataFrame(index=signals.index[cur])
    out["risk_points"] = score[cur]
    out["churn_probability"] = prob[cur]
    out["annual_revenue"] = signals.loc[cur, "annual_revenue"]
    out["annual_profit"] = signals.loc[cur, "annual_profit"]
    out["expected_loss"] = out["churn_probability"] * out["annual_profit"].clip(lower=0)
    fired = [k for k, v in w.items() if v > 0 and k in signals]
    if "frequency_drop" in signals and "frequency_drop" not in fired:
        fired.append("frequency_drop")
    out["warnings"] = _reasons(signals.loc[cur], fired)
    if "frequency_drop" in signals:
        out["frequency_drop"] = signals.loc[cur, "frequency_drop"]
    return out.sort_values(["expected_loss", "risk_points"], ascending=False, kind="stable")


def orders_before_churn(world, *, months: int = 12, start=None) -> pd.DataFrame:
    """Churn gives warning: the orders of customers who left, month by month before they left.

    Takes the churners we saw buying for at least ``months`` months before their churn date
    (counted from their first purchase or from ``start``, whichever is later) and counts their
    orders in each month before leaving (month 1 = the last 30.4 days).  Columns: ``orders``,
    ``orders_per_churner`` and ``vs_earlier_pace`` (orders ÷ the mean of the earlier half of the
    window, e.g. months 7–12: 1.0 = the pace they used to buy at).  Rows run from the earliest
    month to the last, so a chart reads towards the day they left.

    Examples
    --------
    One churner, seen from 2024, ordering monthly until mid-2025 and then only twice more:

    >>> from types import SimpleNamespace
    >>> c = pd.DataFrame({"customer_id": [1, 2], "first_purchase": pd.to_datetime(["2024-01-01",
    ...     "2024-01-01"]), "churned": [True, False],
    ...     "churn_date": pd.to_datetime(["2025-12-01", None])})
    >>> days = pd.to_datetime(["2024-12-20", "2025-01-20", "2025-02-20", "2025-03-20",
    ...     "2025-04-20", "2025-05-20", "2025-07-20", "2025-10-20"])
    >>> tx = pd.DataFrame({"customer_id": 1, "date": days})
    >>> t = orders_before_churn(SimpleNamespace(customers=c, transactions=tx, complaints=None),
    ...                         start="2024-01-01")
    >>> t["orders"].tolist()        # months 12, 11, …, 1 before it left
    [1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0]
    """
    what = "orders_before_churn"
    _require_world(world, what)
    require_number(months, what=what, name="months", low=2, high=36, integer=True)
    start = period_start(world) if start is None else _date(start, what, "start")
    c, tx = world.customers, world.transactions
    require_frame(tx, {"customer_id": "numeric", "date": "date"}, what=what)
    first, end, churned = _lifetimes(c, what, asof=asof_of(world))
    seen_from = np.maximum(first, np.datetime64(start.date(), "D"))
    window = months * _DAYS_PER_MONTH
    keep = churned & ((end - seen_from).astype("int64") >= window - 1e-9)
    pos = pd.Index(c["customer_id"].to_numpy())
    t_at = pos.get_indexer(tx["customer_id"].to_numpy())
    ok = t_at >= 0
    t_at, tdays = t_at[ok], tx["date"].to_numpy("datetime64[D]")[ok]
    sel = keep[t_at]
    back = (end[t_at[sel]] - tdays[sel]).astype("int64")
    inside = (back >= 0) & (back < window)
    month = np.floor(back[inside] / _DAYS_PER_MONTH).astype("int64") + 1
    orders = np.bincount(month, minlength=months + 1)[1:months + 1]
    n = int(keep.sum())
    earlier = orders[months // 2:].mean()
    out = pd.DataFrame({"orders": orders, "orders_per_churner": orders / n if n else np.nan,
                        "vs_earlier_pace": orders / earlier if earlier else np.nan},
                       index=pd.Index(np.arange(1, months + 1), name="months_before_leaving"))
    out.attrs["churners"] = n
    return out.iloc[::-1]


def _month_ends(first, last):
    return list(pd.date_range(first, last, freq="ME"))


def frequency_backtest(world, *, at=None, months: int = 1, recent_days: int = 91
                       ) -> pd.DataFrame:
    """Back-test of an early-warning signal (流失预警): does a fall in order frequency predict churn?

    Stand on a past date ``at``: among the customers buying then (and seen for at least
    ``recent_days`` + 365 days), flag those whose orders in the last ``recent_days`` fell under
    half their pace of the year before (at least one order per ``recent_days`` then), as
    :func:`customer_signals` does today; then look ``months`` ahead and count who churned.
    With ``at=None`` the test is repeated at every month end from the first with a full year of
    history before it to the last whose look-ahead ends by the as-of date, and the checks are
    pooled (a customer counts once per date).  A signal is only worth watching if the flagged
    churn clearly more often than the others.

    Returns one row per flag value with ``checks`` (customers × dates), ``churned_next``,
    ``churn_rate_next`` and ``share_of_churners`` (the share of all who churned next that the
    flag caught).

    Examples
    --------
    Two customers; one orders monthly, the other stops ordering after March and leaves in
    August; stand on 30 June 2025 and look two months ahead:

    >>> from types import SimpleNamespace
    >>> c = pd.DataFrame({"customer_id": [1, 2], "first_purchase": pd.to_datetime(["2023-01-01",
    ...     "2023-01-01"]), "churned": [False, True],
    ...     "churn_date": pd.to_datetime([None, "2025-08-15"])})
    >>> monthly = pd.date_range("2023-01-15", "2025-12-15", freq="MS") + pd.Timedelta(days=14)
    >>> tx = pd.concat([pd.DataFrame({"customer_id": 1, "date": monthly}),
    ...                 pd.DataFrame({"customer_id": 2, "date": monthly[monthly < "2025-04-01"]})])
    >>> t = frequency_backtest(SimpleNamespace(customers=c, transactions=tx, complaints=None),
    ...                        at="2025-06-30", months=2)
    >>> t[["checks", "churned_next", "churn_rate_next"]]  # doctest: +NORMALIZE_WHITESPACE
                    checks  churned_next  churn_rate_next
    frequency_drop
    True                 1             1              1.0
    False                1             0              0.0
    """
    what = "frequency_backtest"
    _require_world(world, what)
    require_number(months, what=what, name="months", low=1, high=24, integer=True)
    require_number(recent_days, what=what, name="recent_days", low=30, high=365, integer=True)
    asof = asof_of(world)
    if at is None:
        earliest = period_start(world) + pd.Timedelta(days=recent_days + 365)
        dates = _month_ends(earliest, asof - pd.DateOffset(months=months))
        if not dates:
            raise ValueError(f"{what}: the data period is too short for a back-test of "
                             f"{recent_days} + 365 days of history and {months} months ahead")
    elif isinstance(at, (list, tuple, pd.DatetimeIndex, np.ndarray, pd.Series)):
        dates = [_date(d, what, "at") for d in at]
        if not dates:
            raise ValueError(f"{what}: at is an empty list; expected one or more dates")
    else:
        dates = [_date(at, what, "at")]
    c, tx = world.customers, world.transactions
    require_frame(tx, {"customer_id": "numeric", "date": "date"}, what=what)
    first, end, churned = _lifetimes(c, what, asof=asof)
    pos = pd.Index(c["customer_id"].to_numpy())
    t_at = pos.get_indexer(tx["customer_id"].to_numpy())
    if (t_at < 0).any():
        raise ValueError(f"{what}: an order belongs to a customer who is not in the customers")
    tdays = tx["date"].to_numpy("datetime64[D]")
    n = len(c)
    counts = np.zeros((2, 2), dtype="int64")  # [flag True/False, churned next no/yes]
    for d in dates:
        a = np.datetime64(d.date(), "D")
        horizon = np.datetime64((d + pd.DateOffset(months=months)).date(), "D")
        active = (first <= a - (recent_days + 365)) & (~churned | (end > a))
        back = (a - tdays).astype("int64")
        recent = np.bincount(t_at[(back >= 0) & (back < recent_days)], minlength=n)
        before = np.bincount(t_at[(back >= recent_days) & (back < recent_days + 365)],
                             minlength=n) * (recent_days / 365.0)
        drop = (before >= 1) & (recent < 0.5 * before)
        left = churned & (end > a) & (end <= horizon)
        for i, flag in enumerate((drop, ~drop)):
            m = active & flag
            counts[i, 0] += int(m.sum())
            counts[i, 1] += int((m & left).sum())
    total_left = counts[:, 1].sum()
    rows = [{"frequency_drop": flag, "checks": int(counts[i, 0]),
             "churned_next": int(counts[i, 1]),
             "churn_rate_next": _rate(counts[i, 1], counts[i, 0]),
             "share_of_churners": _rate(counts[i, 1], total_left)}
            for i, flag in enumerate((True, False))]
    out = pd.DataFrame(rows).set_index("frequency_drop")
    out.attrs["dates"] = len(dates)
    out.attrs["months"] = int(months)
    return out


def retention_measures(signals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Retention measures (客户保持措施), standard textbook, each with the churn signal it treats
    and, given the signals table, the churn rate with and without that signal on the data.

    >>> list(retention_measures()["measure"])[:2]
    ['relationship building', 'service quality']
    """
    rows = [{"measure": m, "chinese": zh, "how": how, "treats": SIGNALS[sig][0], "signal": sig}
            for m, zh, how, sig in RETENTION_MEASURES]
    out = pd.DataFrame(rows)
    if signals is not None:
        d = churn_drivers(signals, drivers=list(out["signal"]))
        out["churn_with"] = d["churn_with"].to_numpy()
        out["churn_without"] = d["churn_without"].to_numpy()
    return out.drop(columns="signal")


# ---------------------------------------------------------------------------------------------
# Win-back
# ---------------------------------------------------------------------------------------------

def _leave_reason(signals) -> np.ndarray:
    conds = [signals["unresolved_complaint"].to_numpy(dtype=bool),
             signals["key_contact_left"].to_numpy(dtype=bool),
             signals["slow_complaint"].to_numpy(dtype=bool),
             signals["value_gap"].to_numpy(dtype=bool),
             signals["low_satisfaction"].to_numpy(dtype=bool)]
    return np.select(conds, list(WINBACK_REASONS)[:5], "no reason recorded")  # same order


def winback_candidates(signals: pd.DataFrame, *, chances=None, asof=None) -> pd.DataFrame:
    """Win-back (客户挽回) of lapsed customers (中止往来的老客户): who is worth winning back first.

    For every churned customer: the ``reason`` it left (the first that applies of
    :data:`WINBACK_REASONS`: an unresolved complaint, the key contact leaving, a slow complaint,
    a better delivered value at the competitor, low satisfaction; else no reason recorded), the
    ``chance`` of winning it back for that reason (defaults in :data:`WINBACK_REASONS`, an
    assumption the firm sets; override with ``chances``), its ``annual_profit`` while it bought,
    ``months_since`` it left, ``worth`` (it was profitable and left no bad debt: a bad customer is
    not worth winning back) and ``expected_value`` = chance × annual profit.  Sorted: worth first,
    then expected value; ``rank`` numbers them.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, True, False],
    ...     "churn_date": pd.to_datetime(["2025-06-30", "2025-09-30", "2025-03-31", None]),
    ...     "unresolved_complaint": [True, False, False, False],
    ...     "key_contact_left": [False, True, False, False],
    ...     "slow_complaint": [False] * 4, "value_gap": [False, False, True, False],
    ...     "low_satisfaction": [False] * 4, "annual_profit": [1000.0, 2000.0, 5000.0, 100.0],
    ...     "annual_revenue": [9000.0, 9000.0, 30000.0, 1000.0], "bad_debt": [0.0] * 4},
    ...     index=pd.Index([1, 2, 3, 4], name="customer_id"))
    >>> t = winback_candidates(s, asof="2025-12-31")
    >>> t[["reason", "chance", "expected_value", "rank"]]  # doctest: +NORMALIZE_WHITESPACE
                               reason  chance  expected_value  rank
    customer_id
    2                key contact left    0.30           600.0     1
    3          better value elsewhere    0.10           500.0     2
    1            unresolved complaint    0.35           350.0     3
    """
    what = "winback_candidates"
    _require_signals(signals, what, ["unresolved_complaint", "key_contact_left", "slow_complaint",
                                     "value_gap", "low_satisfaction", "churn_date"])
    require_frame(signals, {"annual_profit": "numeric", "annual_revenue": "numeric"}, what=what)
    if asof is None and isinstance(signals, pd.DataFrame):
        asof = signals.attrs.get("asof")
    if asof is not None:
        asof = _date(asof, what, "asof")
    else:
        raise ValueError(f"{what}: these signals do not say their as-of date; pass asof='YYYY-MM-DD' "
                         "or the table of customer_signals(world)")
    table = {k: v[1] for k, v in WINBACK_REASONS.items()}
    if chances is not None:
        if not isinstance(chances, Mapping):
            raise ValueError(f"{what}: chances must be a dict reason → chance, e.g. "
                             "{'key contact left': 0.3}")
        for k, v in chances.items():
            if k not in table:
                raise ValueError(f"{what}: chances has an unknown reason {k!r}; expected some of "
                                 f"{list(table)}")
            require_number(v, what=what, name=f"chances[{k!r}]", low=0, high=1)
            table[k] = float(v)
    lapsed = signals[signals["churned"].to_numpy(dtype=bool)]
    out = pd.DataFrame(index=lapsed.index)
    out["reason"] = _leave_reason(lapsed)
    out["chinese"] = out["reason"].map({k: v[0] for k, v in WINBACK_REASONS.items()})
    out["chance"] = out["reason"].map(table).astype("float64")
    out["annual_revenue"] = lapsed["annual_revenue"]
    out["annual_profit"] = lapsed["annual_profit"]
    when = pd.to_datetime(lapsed["churn_date"])
    out["months_since"] = ((asof - when).dt.days / _DAYS_PER_MONTH).round(1)
    bad = lapsed["bad_debt"].to_numpy(dtype="float64") > 0 if "bad_debt" in lapsed else False
    out["worth"] = (out["annual_profit"].to_numpy() > 0) & ~bad
    out["expected_value"] = np.where(out["worth"], out["chance"] * out["annual_profit"], 0.0)
    out = out.sort_values(["worth", "expected_value", "annual_profit"],
                          ascending=[False, False, False], kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def prospect_type_conversion(leads: pd.DataFrame) -> pd.DataFrame:
    """Leads by prospect type (潜在客户类型, S1): new prospects, existing customers and lapsed former
    customers (中止往来的老客户) — how many, how many closed, conversion and lead cost per win.

    Only closed leads (won or lost) count toward conversion.

    Examples
    --------
    >>> l = pd.DataFrame({"prospect_type": ["new", "new", "lapsed", "lapsed"],
    ...     "status": ["won", "lost", "won", "open"], "converted": [True, False, True, False],
    ...     "lead_cost": [100.0, 100.0, 50.0, 50.0]})
    >>> t = prospect_type_conversion(l)
    >>> t[["closed", "won", "conversion"]]  # doctest: +NORMALIZE_WHITESPACE
                   closed  won  conversion
    prospect_type
    new                 2    1         0.5
    lapsed              1    1         1.0
    """
    what = "prospect_type_conversion"
    require_frame(leads, {"prospect_type": "text", "status": "text", "converted": "bool",
                          "lead_cost": "numeric"}, what=what)
    closed = leads[leads["status"].astype("str") != "open"]
    kind = closed["prospect_type"].astype("str")
    g = closed.groupby(kind, sort=False)
    out = pd.DataFrame({"closed": g.size(), "won": g["converted"].sum().astype("int64"),
                        "lead_cost": g["lead_cost"].sum()})
    out["conversion"] = out["won"] / out["closed"]
    out["cost_per_win"] = out["lead_cost"] / out["won"].where(out["won"] > 0)
    order = [k for k in ("new", "existing", "lapsed") if k in out.index]
    order += [k for k in out.index if k not in order]
    out = out.reindex(order)
    out.index.name = "prospect_type"
    return out.drop(columns="lead_cost")


# ---------------------------------------------------------------------------------------------
# The case: whom to call first
# ---------------------------------------------------------------------------------------------

_STRATEGIES = {
    "biggest revenue first": "annual_revenue",
    "highest risk first": "churn_probability",
    "largest expected loss first": "expected_loss",
}


def compare_call_strategies(warning: pd.DataFrame, *, calls: int = 20) -> pd.DataFrame:
    """With time for ``calls`` calls, whom to call first?  Three rules compared.

    Each rule ranks the early-warning list (:func:`early_warning`) — by annual revenue, by churn
    probability, or by expected loss (probability × yearly profit) — and calls the first
    ``calls`` customers.  For each rule: the expected yearly profit at risk among those called
    (``expected_loss_covered``), its share of the whole list's, the called customers' average
    churn probability and the yearly profit they bring.

    Examples
    --------
    >>> w = pd.DataFrame({"annual_revenue": [900.0, 100.0, 500.0],
    ...     "annual_profit": [-50.0, 200.0, 300.0], "churn_probability": [0.5, 0.6, 0.3],
    ...     "expected_loss": [0.0, 120.0, 90.0]})
    >>> compare_call_strategies(w, calls=1)["expected_loss_covered"].tolist()
    [0.0, 120.0, 120.0]
    """
    what = "compare_call_strategies"
    require_frame(warning, {"annual_revenue": "numeric", "annual_profit": "numeric",
                            "churn_probability": "numeric", "expected_loss": "numeric"}, what=what)
    require_number(calls, what=what, name="calls", low=1, integer=True)
    total = float(warning["expected_loss"].sum())
    rows = []
    for name, col in _STRATEGIES.items():
        top = warning.sort_values([col, "expected_loss"], ascending=False, kind="stable").head(calls)
        covered = float(top["expected_loss"].sum())
        rows.append({"strategy": name, "calls": int(len(top)), "expected_loss_covered": covered,
                     "share_of_expected_loss": covered / total if total else np.nan,
                     "mean_churn_probability": float(top["churn_probability"].mean()),
                     "annual_profit_called": float(top["annual_profit"].sum())})
    return pd.DataFrame(rows).set_index("strategy")
