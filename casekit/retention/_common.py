"""What the retention modules share: constants, vocabulary and helpers."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import i18n
from .. import synth as _synth
from ..i18n import N_, NC_
from ..core.checks import check_columns, require_frame, validated
from ..core.world import is_world, period_of


#: First day and as-of date of the shipped synthetic world (kept for reference; every function
#: reads the period from the World or the data it is given, never from these).
PERIOD_START, ASOF = _synth.START, _synth.ASOF
#: The sources' claim: winning a new customer costs 5–6 times as much as keeping one (S1, citing
#: the American Marketing Association; S3 says 5 times).
SOURCE_COST_RATIO = (5.0, 6.0)

_DAYS_PER_MONTH = 365.25 / 12

#: The chapter's two rates, each defined once.  The churn rate (客户流失率) of a period is
#: :func:`casekit.retention.churn_rate`: customers at the start who left in it ÷ customers at the
#: start.  Tables that compare groups of customers (by loyalty, size, warning sign, score) show
#: instead ``share_left``: the share of the group's customers who left by the end of the data.
SHARE_LEFT = ("share_left", "share of the group's customers who left by the end of the data")

#: Churn signals (流失信号) of :func:`customer_signals`: name → (English, 中文).
SIGNALS = {
    "key_contact_left": (N_("our key contact left"), "关键联系人离职"),
    "low_satisfaction": (N_("low satisfaction (below 3 of 5)"), "满意度低"),
    "low_loyalty": (N_("low loyalty (below 0.4)"), "忠诚度低"),
    "unresolved_complaint": (N_("a complaint left unresolved"), "投诉未解决"),
    "slow_complaint": (N_("a complaint resolved slowly (over 21 days)"), "投诉处理慢"),
    "silent": (N_("never complained (silence)"), "从不投诉（沉默）"),
    "value_gap": (N_("sees more delivered value at the competitor"), "让渡价值低于竞争对手"),
    "big": (N_("a big firm (top 10% by employees)"), "大客户"),
    "new": (N_("a new customer (first purchase in the data period)"), "新客户"),
    "frequency_drop": (N_("orders fell: last 3 months under half the pace of the year before"),
                       "购买频率下降"),
    "resolved_fast": (N_("complained; all complaints resolved in time"), "投诉均已及时解决"),
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
                     N_("likes us and keeps buying: protect and reward")),
    "latent loyalty": ("潜在忠诚", "high", "low",
                       N_("likes us but buys little from us: remove what stops them buying")),
    "spurious loyalty": ("虚假忠诚（惰性忠诚）", "low", "high",
                         N_("keeps buying out of habit or lock-in, not liking: at risk when a rival calls")),
    "no loyalty": ("不忠诚", "low", "low", N_("neither likes us nor sticks: win them over or let go")),
}

#: The loyalty ladder (忠诚阶梯), standard textbook: each rung, its Chinese name and what it means.
LOYALTY_LADDER = (
    ("suspect", "疑似客户", N_("might buy; we know little about them")),
    ("prospect", "潜在客户", N_("has a need, money and authority, and knows us")),
    ("first-time customer", "首次购买者", N_("has bought once")),
    ("repeat customer", "重复购买者", N_("buys again, but also from competitors")),
    ("client", "客户（常客）", N_("buys regularly and mostly from us")),
    ("advocate", "拥护者", N_("recommends us to others")),
    ("partner", "合作伙伴", N_("works with us as a partner, sharing plans and gains")),
)

#: Retention measures (客户保持措施), standard textbook, with the churn signal each one treats.
RETENTION_MEASURES = (
    ("relationship building", "建立关系",
     N_("contacts at several levels, regular visits, a dedicated account manager (S3, S4)"),
     "key_contact_left"),
    ("service quality", "优质服务", N_("keep promises, be reachable, solve problems (S3's rules)"),
     "low_satisfaction"),
    ("complaint handling", "投诉处理",
     N_("resolve every complaint fast and well, and call back after the fix (S2)"),
     "unresolved_complaint"),
    ("listening", "主动倾听", N_("ask for criticism; a customer who never complains is a warning (S4)"),
     "silent"),
    ("superior delivered value", "提高让渡价值",
     N_("more product, service, personnel and image value for less cost than the rival (S0)"),
     "value_gap"),
    ("switching costs and loyalty programmes", "转换成本与忠诚计划",
     N_("shared systems, training, contracts and rewards that make leaving costly"), "low_loyalty"),
)

#: Why a lapsed customer left, in the order the reason is assigned, with the default chance of
#: winning the customer back (an assumption to be set by the firm, not a measured fact).
WINBACK_REASONS = {
    N_("unresolved complaint"): ("投诉未解决", 0.35,
                             N_("our own failure, which we can fix: apologise, resolve, compensate")),
    N_("key contact left"): ("关键联系人离职", 0.30,
                         N_("the relationship broke with the person: build it with the successor")),
    N_("slow complaint"): ("投诉处理慢", 0.25, N_("we fixed it too late: show the process is now faster")),
    N_("better value elsewhere"): ("竞争对手让渡价值更高", 0.10,
                               N_("the rival's offer is better for them: hard to win back")),
    N_("low satisfaction"): ("满意度低", 0.20, N_("general dissatisfaction: find out what went wrong")),
    N_("no reason recorded"): ("原因不明", 0.15, N_("we never heard why: ask first")),
}

#: The churn signals as declared columns: each one, where present, must be a true/false column.
SIGNAL_COLUMNS = {name: "?bool" for name in SIGNALS}
#: A whole signals table as the churn-signal functions read it: the outcome, the two scores, the flags.
SIGNALS_FRAME = {"churned": "bool", "satisfaction": "?numeric", "loyalty": "?share", **SIGNAL_COLUMNS}
#: The customers' columns that the churn-rate functions read (see :func:`casekit.core.checks.check_columns`).
CUSTOMER_COLUMNS = {"customer_id": "id", "first_purchase": "date", "churned": "bool",
                    "churn_date": "?date"}

_CUSTOMER_COLS = {"customer_id": "numeric", "first_purchase": "date", "churned": "bool",
                  "churn_date": "any"}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def _check_customers(customers, what):
    """The customers' lifetime columns, and one row per customer (one check, for both helpers)."""
    require_frame(customers, _CUSTOMER_COLS, what=what)
    check_columns(customers, {"customer_id": "id"}, what=what, key="customer_id",
                  frame="the customers")


def _is_world(data) -> bool:
    return is_world(data, needs=("complaints",))  # the chapter reads the complaints too


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
    _check_customers(customers, what)
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
    _check_customers(customers, what)
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
# Row labels in the course's language
# ---------------------------------------------------------------------------------------------

#: The row labels the chapter's tables and charts show (groups, bands, strategies): English in
#: the data, so code looks rows up the same way in every language; :func:`shown` writes them in
#: the course's language.  Marked here for the catalog (context ``"label"``).
LABELS = (
    NC_("label", "low"), NC_("label", "middle"), NC_("label", "high"),
    NC_("label", "small"), NC_("label", "big"),
    NC_("label", "low third"), NC_("label", "middle third"), NC_("label", "high third"),
    NC_("label", "biggest revenue first"), NC_("label", "highest risk first"),
    NC_("label", "largest expected loss first"), NC_("label", "all"),
    NC_("label", "true loyalty"), NC_("label", "latent loyalty"), NC_("label", "spurious loyalty"),
    NC_("label", "no loyalty"),
)
_BEFORE = re.compile(r"^before (\d{4})$")
_BAND = re.compile(r"^(\d+(?:\.\d+)?)–(\d+(?:\.\d+)?) yr$")
_OPEN_BAND = re.compile(r"^(\d+(?:\.\d+)?)\+ yr$")


def label(value):
    """One row label of the chapter's tables in the course's language (itself in English).

    Cohorts ``"before 2023"``, tenure bands ``"0–1 yr"``/``"10+ yr"`` and the named groups of
    :data:`LABELS`; anything else (years, numbers, ids) unchanged.

    Examples
    --------
    >>> label("before 2023"), label("0–1 yr"), label(2024)
    ('before 2023', '0–1 yr', 2024)
    """
    if not isinstance(value, str) or i18n.language() == "en":
        return value
    m = _BEFORE.match(value)
    if m:
        return i18n._("before {year}").format(year=m.group(1))
    m = _BAND.match(value)
    if m:
        return i18n._("{low}–{high} yr").format(low=m.group(1), high=m.group(2))
    m = _OPEN_BAND.match(value)
    if m:
        return i18n._("{low}+ yr").format(low=m.group(1))
    return i18n.translate(value, "label")


@validated(frames={"frame": {}}, empty_ok=("frame",))
def shown(frame):
    """``frame`` with its row labels in the course's language, for showing (``ck.table``).

    The data keep their English labels (look rows up with those: ``size.loc["big"]``); only the
    copy shown to the student reads in the notebook's language.

    Parameters
    ----------
    frame : DataFrame
        A table of this chapter (its index: groups, bands, cohorts or strategies); any columns.

    Returns
    -------
    DataFrame
        The same table, row labels translated.

    Examples
    --------
    >>> shown(pd.DataFrame({"customers": [3, 1]}, index=["big", "small"])).index.tolist()
    ['big', 'small']
    """
    if i18n.language() == "en":
        return frame
    return frame.rename(index=label)
