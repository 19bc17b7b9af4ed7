"""Chapter 1 — Customer selection (客户选择): which customers should the firm serve?

Not every buyer is a target customer (不是所有的购买者都是企业的目标客户), and not every buyer brings
profit.  This module measures, on a customer base, everything the chapter needs to choose well:

=================================  ===============================================================
:func:`customer_profitability`     revenue, discount, gross margin, cost to serve, bad debt → profit
:func:`scorecard`                  good-customer (优质客户) and bad-customer (劣质客户) traits → class
:func:`profit_swaps`               good and bad can swap (优劣有可能会互换): profit sign, year by year
:func:`big_customer_risks`         big is not the same as good: four risks of big customers
:func:`small_customer_potential`   small can be good: growth and a simple lifetime value (终身价值)
:func:`delivered_value`            customer delivered value (顾客让渡价值) per customer and offer
:func:`segment_fit`                well-matched selection (门当户对): our advantage by segment
:func:`two_way_selection`          two-way selection (双向选择): do we want them, do they want us?
:func:`lookalike`                  look-alike selection from today's loyal customers
:func:`annual_screening`           annual screening (筛选管理) on five criteria: keep / watch / drop
:func:`plan_coverage`              spend a limited sales capacity where it earns the most
=================================  ===============================================================

Functions take a :class:`casekit.World` (or the frames they need) and return new DataFrames; they
never change their input.  Customer-level results are indexed by ``customer_id``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .core.checks import Interval, require_frame, require_number, validated
from .core.memo import per_world
from .core.profit import _years as profit_years
from .core.profit import customer_profitability, frames, positions
from .core.world import data_years, is_world, last_years

__all__ = [
    "GOOD_TRAITS", "BAD_TRAITS", "SCREENING_CRITERIA", "LOOKALIKE_TRAITS", "RISKS",
    "customer_profitability", "scorecard", "profit_swaps", "big_customer_risks",
    "small_customer_potential", "lifetime_value", "margin_by_band", "delivered_value", "segment_fit",
    "two_way_selection", "loyal_customers", "new_customers", "lookalike", "LookAlike",
    "annual_screening", "screening_changes", "next_year_value", "plan_coverage",
]

#: The five traits of a good customer (优质客户), S0: name → (English, 中文).
GOOD_TRAITS = {
    "purchasing_power": ("strong purchase desire and purchasing power", "购买欲望强烈、购买力大"),
    "profitability": ("low price sensitivity, pays on time, good credit",
                      "价格敏感度低、付款及时、信誉良好"),
    "low_cost_to_serve": ("low cost to serve relative to what it buys", "服务成本低"),
    "relationship": ("loyal, low business risk, good prospects",
                     "忠诚度高、经营风险小、发展前景好"),
    "innovation_partnership": ("asks for new things and seeks a long-term partnership",
                               "提出新要求促进创新、寻求长期合作"),
}

#: The three traits of a bad customer (劣质客户), S0: name → (English, 中文).
BAD_TRAITS = {
    "buys_little_demands_much": ("buys little but demands much", "购买量小、要求多、服务成本高"),
    "no_credit": ("no credit-worthiness: bad debt, disputes, lawsuits", "信誉差：呆帐、坏帐、死帐、诉讼"),
    "off_core_demands": ("pulls the firm into work it is not good at", "让企业做不擅长的事"),
}

_BAD_SHORT = {"buys_little_demands_much": "buys little, demands much",
              "no_credit": "no credit-worthiness", "off_core_demands": "off-core demands"}

#: The five annual-screening criteria (筛选管理), S2: name → (English, 中文).
SCREENING_CRITERIA = {
    "purchases": ("annual purchase amount", "全年购买额"),
    "profitability": ("profitability", "收益性"),
    "safety": ("safety: credit, bad debt, payment", "安全性"),
    "future": ("future potential: growth", "未来性"),
    "cooperativeness": ("cooperativeness", "合作性"),
}

#: Traits used by :func:`lookalike`: what a salesperson can observe about a new customer or prospect.
LOOKALIKE_TRAITS = ("employees", "price_sensitivity", "payment_days", "credit_score",
                    "innovation_requests", "cooperativeness", "off_core_requests", "growth_rate")

#: The four risks of big customers (大客户的风险), S0: name → (English, 中文).
RISKS = {
    "financial": ("financial risk", "财务风险"),
    "profit": ("profit risk", "利润风险"),
    "management": ("management risk", "管理风险"),
    "churn": ("churn risk", "流失风险"),
}

_VALUES = ("product_value", "service_value", "personnel_value", "image_value")
_COSTS = ("monetary_cost", "time_cost", "energy_cost", "physical_cost")
_CREDIT_SCORE = {"A": 4.0, "B": 3.0, "C": 2.0, "D": 1.0}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

#: What every customer-level function of the chapter checks first: whole-number ids, one row each.
_IDS = {"customers": {"customer_id": "id"}, "transactions": {"customer_id": "id"}}


def _two_years(tx, before, after, what):
    """``before`` and ``after`` (default: the last two calendar years of the data), checked."""
    if before is None or after is None:
        last2 = last_years(tx, 2)
        before = last2[0] if before is None else before
        after = last2[1] if after is None else after
    require_number(before, what=what, name="before", low=1900, high=2200, integer=True)
    require_number(after, what=what, name="after", low=1900, high=2200, integer=True)
    return before, after


_is_world = is_world
_frames = frames
_years = profit_years
_positions = positions


def _check_weights(weights, allowed, what, name, *, defaults):
    out = dict(defaults)
    if weights is None:
        return out
    if not isinstance(weights, Mapping):
        raise ValueError(f"{what}: {name} must be a dict such as {{{next(iter(allowed))!r}: 2}}; "
                         f"got {type(weights).__name__}")
    for k, v in weights.items():
        if k not in allowed:
            raise ValueError(f"{what}: {name} has an unknown key {k!r}; expected some of "
                             f"{list(allowed)}")
        require_number(v, what=what, name=f"{name}[{k!r}]", low=0)
        out[k] = float(v)
    return out


def _pct(s: pd.Series) -> pd.Series:
    """Percentile rank in (0, 1]; ties share their average rank."""
    return s.rank(pct=True, method="average")


def _credit_score(s: pd.Series) -> pd.Series:
    """Credit rating as a number: A = 4 (best) … D = 1 (worst)."""
    if isinstance(s.dtype, pd.CategoricalDtype):  # map the few categories, not a million rows
        table = np.array([_CREDIT_SCORE.get(str(c), np.nan) for c in s.cat.categories] + [np.nan])
        out = pd.Series(table[s.cat.codes.to_numpy()], index=s.index)
    else:
        out = s.astype("str").map(_CREDIT_SCORE)
    if out.isna().any():
        bad = s[out.isna()].iloc[0]
        raise ValueError(f"column 'credit_rating' holds {bad!r}; expected one of "
                         f"{list(_CREDIT_SCORE)}")
    return out.astype("float64")


def _ids(selector, customers, what, name) -> pd.Index:
    """Customer ids from a boolean mask (aligned on customers) or a list of ids."""
    if isinstance(selector, pd.Series) and pd.api.types.is_bool_dtype(selector):
        if len(selector) != len(customers):
            raise ValueError(f"{what}: {name} is a true/false mask of {len(selector)} rows; "
                             f"expected one per customer ({len(customers)})")
        return pd.Index(customers["customer_id"].to_numpy()[selector.to_numpy()])
    try:
        ids = pd.Index(np.asarray(list(selector), dtype="int64"))
    except (TypeError, ValueError):
        raise ValueError(f"{what}: {name} must be a true/false mask over the customers or a list "
                         "of customer ids") from None
    unknown = ids.difference(pd.Index(customers["customer_id"]))
    if len(unknown):
        raise ValueError(f"{what}: {name} holds customer id {int(unknown[0])} that is not in the "
                         "customers")
    return ids


# ---------------------------------------------------------------------------------------------
# Profitability
# ---------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# Good and bad customers
# ---------------------------------------------------------------------------------------------

_SCORE_COLS = {"customer_id": "numeric", "price_sensitivity": "numeric", "payment_days": "numeric",
               "credit_rating": "text", "loyalty": "numeric", "disputes": "numeric",
               "growth_rate": "numeric", "innovation_requests": "numeric",
               "cooperativeness": "numeric", "off_core_requests": "numeric"}


@per_world
@validated(world=_IDS, keys={"customers": "customer_id"}, empty_ok=("transactions",),
           options={"good_cut": Interval(-100, 100), "max_cost_share": Interval(0, 1),
                    "min_disputes": Interval(1, None, integer=True),
                    "min_off_core": Interval(1, None, integer=True)})
def scorecard(data, transactions=None, *, years=None, weights=None, penalties=None,
              good_cut: float = 60.0, bad_cut: float = 30.0, max_cost_share: float = 0.5,
              min_disputes: int = 2, min_off_core: int = 3) -> pd.DataFrame:
    """Score customers on the five good-customer traits and three bad-customer traits.

    Each **good trait** (优质客户的特征, :data:`GOOD_TRAITS`) becomes a percentile rank between 0
    and 1 among the customers scored (1 = the best):

    * ``purchasing_power``: revenue per active year;
    * ``profitability``: mean rank of low price sensitivity, few payment days, good credit rating;
    * ``low_cost_to_serve``: low cost to serve as a share of revenue;
    * ``relationship``: mean rank of loyalty, few disputes (low business risk), growth rate;
    * ``innovation_partnership``: mean rank of innovation requests and cooperativeness.

    Each **bad trait** (劣质客户的特征, :data:`BAD_TRAITS`) is a yes/no flag:

    * ``buys_little_demands_much``: revenue per year below the median and cost to serve above
      ``max_cost_share`` of revenue;
    * ``no_credit``: any bad debt, or at least ``min_disputes`` disputes and lawsuits;
    * ``off_core_demands``: at least ``min_off_core`` requests outside the firm's strengths.

    ``score`` = 100 × the ``weights``-weighted mean of the good traits, minus ``penalties``
    points for each bad trait shown.  ``class`` is ``"good"`` when the score is at least
    ``good_cut``, ``"bad"`` below ``bad_cut``, ``"ordinary"`` in between; ``reasons`` names the
    strong good traits (rank ≥ 0.8), the weak ones (rank ≤ 0.2) and the bad traits shown.

    Parameters
    ----------
    data, transactions, years
        As for :func:`customer_profitability` (the years set revenue and cost to serve).
    weights : dict, optional
        Weight of each good trait (default 1 each), e.g. ``{"purchasing_power": 2}``.
    penalties : dict, optional
        Points taken off for each bad trait (default 30 each).

    Returns
    -------
    DataFrame indexed by ``customer_id``: the five trait ranks, three flags, ``good_score``,
    ``penalty``, ``score``, ``class``, ``reasons``, plus ``revenue``, ``profit`` and
    ``profit_margin`` from :func:`customer_profitability`.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3], "first_purchase": pd.to_datetime(["2020-01-01"] * 3),
    ...     "cost_to_serve": [500.0, 5000.0, 800.0], "bad_debt": [0.0, 0.0, 2000.0],
    ...     "churned": [False] * 3, "price_sensitivity": [0.2, 0.9, 0.5],
    ...     "payment_days": [30, 60, 45], "credit_rating": ["A", "C", "D"],
    ...     "loyalty": [0.9, 0.2, 0.5], "disputes": [0, 1, 3], "growth_rate": [0.1, -0.05, 0.0],
    ...     "innovation_requests": [3, 0, 1], "cooperativeness": [5, 1, 3],
    ...     "off_core_requests": [0, 4, 1]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 2, 3], "date": pd.to_datetime(["2025-03-01"] * 3),
    ...     "list_value": [20000.0, 9000.0, 15000.0], "discount": [0.0, 900.0, 1000.0],
    ...     "revenue": [20000.0, 8100.0, 14000.0], "margin": [8000.0, 2000.0, 5000.0]})
    >>> s = scorecard(customers, tx, years=2025)
    >>> s[["good_score", "penalty", "score", "class"]].round(1)  # doctest: +NORMALIZE_WHITESPACE
                 good_score  penalty  score class
    customer_id
    1                 100.0      0.0  100.0  good
    2                  37.8     60.0  -22.2   bad
    3                  62.2     30.0   32.2  ordinary
    >>> s.loc[2, "reasons"]
    'bad: buys little, demands much; off-core demands'
    """
    what = "scorecard"
    customers, tx, _ = _frames(data, transactions, what)
    require_frame(customers, _SCORE_COLS, what=what)
    w = _check_weights(weights, GOOD_TRAITS, what, "weights", defaults=dict.fromkeys(GOOD_TRAITS, 1.0))
    if sum(w.values()) <= 0:
        raise ValueError(f"{what}: weights={weights!r} are all zero; give at least one good trait "
                         "a positive weight")
    pen = _check_weights(penalties, BAD_TRAITS, what, "penalties",
                         defaults=dict.fromkeys(BAD_TRAITS, 30.0))
    require_number(good_cut, what=what, name="good_cut", low=-100, high=100)
    require_number(bad_cut, what=what, name="bad_cut", low=-100, high=good_cut)
    require_number(max_cost_share, what=what, name="max_cost_share", low=0, high=1)
    require_number(min_disputes, what=what, name="min_disputes", low=1, integer=True)
    require_number(min_off_core, what=what, name="min_off_core", low=1, integer=True)

    profit = customer_profitability(customers, tx, years=years)
    c = customers.set_index("customer_id").loc[profit.index]
    cost_share = np.divide(profit["cost_to_serve"].to_numpy(), profit["revenue"].to_numpy(),
                           out=np.full(len(profit), np.inf), where=profit["revenue"].to_numpy() > 0)
    out = pd.DataFrame(index=profit.index)
    out["purchasing_power"] = _pct(profit["annual_revenue"])
    out["profitability"] = (_pct(-c["price_sensitivity"]) + _pct(-c["payment_days"])
                            + _pct(_credit_score(c["credit_rating"]))) / 3
    out["low_cost_to_serve"] = _pct(pd.Series(-cost_share, index=profit.index))
    out["relationship"] = (_pct(c["loyalty"]) + _pct(-c["disputes"]) + _pct(c["growth_rate"])) / 3
    out["innovation_partnership"] = (_pct(c["innovation_requests"]) + _pct(c["cooperativeness"])) / 2
    small = profit["annual_revenue"] < profit["annual_revenue"].median()
    out["buys_little_demands_much"] = small.to_numpy() & (cost_share > max_cost_share)
    out["no_credit"] = (c["bad_debt"] > 0) | (c["disputes"] >= min_disputes)
    out["off_core_demands"] = c["off_core_requests"] >= min_off_core

    wv = np.array([w[k] for k in GOOD_TRAITS])
    out["good_score"] = 100 * out[list(GOOD_TRAITS)].to_numpy() @ wv / wv.sum()
    out["penalty"] = out[list(BAD_TRAITS)].to_numpy().astype("float64") @ np.array(
        [pen[k] for k in BAD_TRAITS])
    out["score"] = out["good_score"] - out["penalty"]
    out["class"] = np.select([out["score"] >= good_cut, out["score"] < bad_cut],
                             ["good", "bad"], "ordinary")
    out["reasons"] = _reasons(out, w, pen)
    for col in ("revenue", "profit", "profit_margin"):
        out[col] = profit[col]
    return out


def _reasons(out: pd.DataFrame, w, pen) -> pd.Series:
    """'strong: …; weak: …; bad: …' per customer.

    Each customer's combination of strong, weak and bad traits is coded as bits; the text is
    built once per distinct combination (a few hundred at most) and looked up, so a million
    customers cost no more than a thousand.
    """
    good, bad = list(GOOD_TRAITS), list(BAD_TRAITS)
    flags = [((out[k] >= 0.8) & (w[k] > 0)).to_numpy() for k in good]
    flags += [((out[k] <= 0.2) & (w[k] > 0)).to_numpy() for k in good]
    flags += [(out[k] & (pen[k] > 0)).to_numpy() for k in bad]
    code = np.zeros(len(out), dtype="int64")
    for bit, f in enumerate(flags):
        code |= f.astype("int64") << bit
    uniq, inverse = np.unique(code, return_inverse=True)
    texts = []
    for c in uniq.tolist():
        has = [bool(c >> b & 1) for b in range(len(flags))]
        strong = [k.replace("_", " ") for k, h in zip(good, has[:5]) if h]
        weak = [k.replace("_", " ") for k, h in zip(good, has[5:10]) if h]
        shown = [_BAD_SHORT[k] for k, h in zip(bad, has[10:]) if h]
        parts = ([f"strong: {', '.join(strong)}"] if strong else []) + \
                ([f"weak: {', '.join(weak)}"] if weak else []) + \
                ([f"bad: {'; '.join(shown)}"] if shown else [])
        texts.append("; ".join(parts) or "no strong or bad trait")
    return pd.Series(np.asarray(texts, dtype=object)[inverse.ravel()], index=out.index, dtype="str")


@validated(world=_IDS, keys={"customers": "customer_id"}, empty_ok=("transactions",),
           options={"before": Interval(1900, 2200, integer=True, optional=True),
                    "after": Interval(1900, 2200, integer=True, optional=True)})
def profit_swaps(data, transactions=None, *, before: int | None = None,
                 after: int | None = None) -> pd.DataFrame:
    """Good and bad can swap (优劣有可能会互换): profit in two years, and who changed side.

    For customers who ordered in both years, profit per year as :func:`customer_profitability`
    defines it (cost to serve for the active part of each year, bad debt spread by revenue).
    ``class_before`` / ``class_after`` are ``"profitable"`` (profit > 0) or ``"loss-making"``;
    ``swapped`` says the class changed.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2], "first_purchase": pd.to_datetime(["2020-01-01"] * 2),
    ...     "cost_to_serve": [1000.0, 1000.0], "bad_debt": [0.0, 0.0], "churned": [False] * 2})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 1, 2, 2],
    ...     "date": pd.to_datetime(["2024-05-01", "2025-05-01"] * 2),
    ...     "list_value": [5000.0, 2000.0, 3000.0, 3000.0], "discount": [0.0] * 4,
    ...     "revenue": [5000.0, 2000.0, 3000.0, 3000.0], "margin": [2000.0, 800.0, 1500.0, 1500.0]})
    >>> profit_swaps(customers, tx)[["profit_before", "profit_after", "swapped"]]  # doctest: +NORMALIZE_WHITESPACE
                 profit_before  profit_after  swapped
    customer_id
    1                   1000.0        -200.0     True
    2                    500.0         500.0    False
    """
    what = "profit_swaps"
    customers, tx, asof = _frames(data, transactions, what)
    before, after = _two_years(tx, before, after, what)
    if before == after:
        raise ValueError(f"{what}: before and after are both {before}; expected two different years")
    a = customer_profitability(customers, tx, years=before, asof=asof)
    b = customer_profitability(customers, tx, years=after, asof=asof)
    both = a.index[a["orders"] > 0].intersection(b.index[b["orders"] > 0])
    out = pd.DataFrame({"revenue_before": a.loc[both, "revenue"],
                        "revenue_after": b.loc[both, "revenue"],
                        "profit_before": a.loc[both, "profit"], "profit_after": b.loc[both, "profit"]})
    cls = np.array(["loss-making", "profitable"])
    out["class_before"] = cls[(out["profit_before"] > 0).astype(int)]
    out["class_after"] = cls[(out["profit_after"] > 0).astype(int)]
    out["swapped"] = out["class_before"] != out["class_after"]
    return out


# ---------------------------------------------------------------------------------------------
# Big is not the same as good; small can be good
# ---------------------------------------------------------------------------------------------

@validated(world=_IDS, keys={"customers": "customer_id"}, empty_ok=("transactions",), options={"top": Interval(0.01, 0.5)})
def big_customer_risks(data, transactions=None, *, top: float = 0.1) -> pd.DataFrame:
    """The four risks of big customers (大客户的风险), measured: the biggest vs the rest.

    Two yardsticks of "big", each the ``top`` share of the customers active in the data period
    (exactly ``ceil(top × customers)`` of them), named in the ``big_by`` column:

    * ``"revenue"`` — revenue over the data period, for the financial, profit and management rows;
    * ``"employees"`` — firm size (employees; ties broken by revenue per active year, then by
      customer id), for the churn rows.  Ranking by period revenue would hide big churners: a
      customer who leaves stops buying, so its revenue is cut short by the very churn we measure.

    For each measure the table shows the mean among the big (``big``), among the rest (``rest``)
    and ``ratio`` = big / rest; for every measure a ratio above 1 means more risk among the big.

    * financial risk (财务风险): payment days; bad debt per customer; share with any bad debt;
    * profit risk (利润风险): discount rate (discount and rebates / list value);
    * management risk (管理风险): disputes and lawsuits per customer; requests outside the firm's
      strengths per customer (pressure that comes from market power) — proxies, as the data hold
      no direct measure of market disorder;
    * churn risk (流失风险): churn rate, the share of customers who churned (``churned``); and
      price sensitivity, a second, indirect measure (rivals court them on price, and they listen).

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4], "first_purchase": pd.to_datetime(["2020-01-01"] * 4),
    ...     "cost_to_serve": [100.0, 100.0, 100.0, 900.0], "bad_debt": [0.0, 0.0, 0.0, 500.0],
    ...     "churned": [False, True, False, True], "payment_days": [30, 30, 40, 70],
    ...     "disputes": [0, 0, 1, 2], "off_core_requests": [0, 1, 0, 3],
    ...     "price_sensitivity": [0.2, 0.4, 0.3, 0.9], "employees": [50, 900, 40, 60],
    ...     "churn_date": pd.to_datetime([None, "2025-06-30", None, "2025-06-30"])})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4], "date": pd.to_datetime(["2025-01-10"] * 4),
    ...     "list_value": [1000.0, 1000.0, 1000.0, 10000.0], "discount": [0.0, 0.0, 0.0, 2000.0],
    ...     "revenue": [1000.0, 1000.0, 1000.0, 8000.0], "margin": [400.0, 400.0, 400.0, 1000.0]})
    >>> r = big_customer_risks(customers, tx, top=0.25).set_index("measure")
    >>> r.loc[["payment days", "churn rate"], ["big_by", "big", "rest"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
                     big_by   big   rest
    measure
    payment days    revenue  70.0  33.33
    churn rate    employees   1.0   0.33
    """
    what = "big_customer_risks"
    customers, tx, asof = _frames(data, transactions, what)
    require_number(top, what=what, name="top", low=0.01, high=0.5)
    require_frame(customers, {"payment_days": "numeric", "disputes": "numeric",
                              "off_core_requests": "numeric", "price_sensitivity": "numeric",
                              "employees": "numeric", "churned": "bool"}, what=what)
    p = customer_profitability(customers, tx, asof=asof)
    c = customers.set_index("customer_id").loc[p.index]
    k = max(1, int(np.ceil(top * len(p))))
    if k >= len(p):
        raise ValueError(f"{what}: top={top} leaves no 'rest' to compare with; use more customers")
    big = np.zeros(len(p), bool)
    big[np.argsort(-p["revenue"].to_numpy(), kind="stable")[:k]] = True
    biggest = np.zeros(len(p), bool)  # by firm size; lexsort sorts by its last key first
    biggest[np.lexsort((p.index.to_numpy(), -p["annual_revenue"].to_numpy(),
                        -c["employees"].to_numpy(dtype=float)))[:k]] = True

    def mean(values, mask):
        return float(np.mean(values[mask]))

    def ratio_sum(num, den, mask):
        return float(num[mask].sum() / den[mask].sum()) if den[mask].sum() > 0 else np.nan

    measures = [
        ("financial", "payment days", "days", c["payment_days"].to_numpy(dtype=float), None),
        ("financial", "bad debt per customer", "CNY", c["bad_debt"].to_numpy(dtype=float), None),
        ("financial", "share with bad debt", "share", (c["bad_debt"] > 0).to_numpy(dtype=float), None),
        ("profit", "discount rate", "share", p["discount"].to_numpy(), p["list_value"].to_numpy()),
        ("management", "disputes per customer", "count", c["disputes"].to_numpy(dtype=float), None),
        ("management", "off-core requests per customer", "count",
         c["off_core_requests"].to_numpy(dtype=float), None),
        ("churn", "churn rate", "share", c["churned"].to_numpy(dtype=float), None),
        ("churn", "price sensitivity", "0–1", c["price_sensitivity"].to_numpy(dtype=float), None),
    ]
    rows = []
    for risk, name, unit, num, den in measures:
        by, b = ("employees", biggest) if risk == "churn" else ("revenue", big)
        bv = mean(num, b) if den is None else ratio_sum(num, den, b)
        rv = mean(num, ~b) if den is None else ratio_sum(num, den, ~b)
        rows.append({"risk": risk, "chinese": RISKS[risk][1], "measure": name, "unit": unit,
                     "big_by": by, "big": bv, "rest": rv, "ratio": bv / rv if rv else np.nan})
    return pd.DataFrame(rows)


@validated(world=_IDS, keys={"customers": "customer_id"}, empty_ok=("transactions",), options={"bands": Interval(2, 20, integer=True)})
def margin_by_band(data, column: str, transactions=None, *, bands: int = 3) -> pd.DataFrame:
    """Profit margin by bands of a customer trait: are the loyal, long-tenure customers the profitable ones?

    Customers with revenue are cut into ``bands`` equal-sized groups of ``column`` (e.g.
    ``"loyalty"`` or ``"tenure_years"``; 1 = lowest); per band the table shows the range of the
    trait, the customers, their revenue, profit and ``profit_margin`` = total profit / total revenue.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4], "first_purchase": pd.to_datetime(["2020-01-01"] * 4),
    ...     "cost_to_serve": [300.0, 300.0, 100.0, 100.0], "bad_debt": [0.0] * 4,
    ...     "churned": [False] * 4, "loyalty": [0.1, 0.2, 0.8, 0.9]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4], "date": pd.to_datetime(["2025-05-01"] * 4),
    ...     "list_value": [1000.0] * 4, "discount": [0.0] * 4, "revenue": [1000.0] * 4,
    ...     "margin": [400.0] * 4})
    >>> margin_by_band(customers, "loyalty", tx, bands=2)["profit_margin"].tolist()
    [0.1, 0.3]
    """
    what = "margin_by_band"
    if _is_world(data):
        customers = data.customers
        p = customer_profitability(data, transactions)
    else:
        customers = data
        p = customer_profitability(data, transactions)
    require_frame(customers, {column: "numeric"}, what=what)
    require_number(bands, what=what, name="bands", low=2, high=20, integer=True)
    p = p[p["revenue"] > 0]
    x = customers.set_index("customer_id").loc[p.index, column]
    band = pd.qcut(x.rank(method="first"), bands, labels=False) + 1
    g = p.assign(_x=x, band=band).groupby("band")
    out = pd.DataFrame({"low": g["_x"].min(), "high": g["_x"].max(), "customers": g.size(),
                        "revenue": g["revenue"].sum(), "profit": g["profit"].sum()})
    out["profit_margin"] = out["profit"] / out["revenue"]
    return out


def lifetime_value(annual_margin, annual_cost, growth, *, horizon: int = 5,
                   discount_rate: float = 0.1):
    """A simple customer lifetime value (客户终身价值): discounted future profit.

    ``LTV = Σ_{t=1..horizon} (annual_margin × (1 + growth)^t − annual_cost) / (1 + discount_rate)^t``

    Gross margin grows with the customer; the cost to serve stays as it is today.  Works on
    numbers, numpy arrays or pandas Series alike.

    Examples
    --------
    >>> round(lifetime_value(1000.0, 200.0, 0.0, horizon=2, discount_rate=0.0), 2)
    1600.0
    >>> round(lifetime_value(1000.0, 200.0, 0.5, horizon=2, discount_rate=0.0), 2)
    3350.0
    """
    what = "lifetime_value"
    require_number(horizon, what=what, name="horizon", low=1, high=50, integer=True)
    require_number(discount_rate, what=what, name="discount_rate", low=0, high=1)
    m, c, g = (np.asarray(x, dtype="float64") for x in (annual_margin, annual_cost, growth))
    if not (np.isfinite(m).all() and np.isfinite(c).all() and np.isfinite(g).all()):
        raise ValueError(f"{what}: margin, cost and growth must be finite numbers")
    if (g <= -1).any():
        raise ValueError(f"{what}: growth must be above -1 (−100% a year)")
    total = np.zeros(np.broadcast(m, c, g).shape)
    for t in range(1, horizon + 1):
        total = total + (m * (1 + g) ** t - c) / (1 + discount_rate) ** t
    if isinstance(annual_margin, pd.Series):
        return pd.Series(total, index=annual_margin.index, name="lifetime_value")
    return float(total) if total.ndim == 0 else total


@validated(world=_IDS, keys={"customers": "customer_id"}, empty_ok=("transactions",),
           options={"small": Interval(0.05, 0.95), "fast": Interval(-0.5, 5),
                    "horizon": Interval(1, 50, integer=True), "discount_rate": Interval(0, 1)})
def small_customer_potential(data, transactions=None, *, small: float = 0.5, fast: float = 0.2,
                             horizon: int = 5, discount_rate: float = 0.1) -> pd.DataFrame:
    """Small can be good (小客户也有可能是优质客户): size, growth and lifetime value.

    Per customer: revenue in the last two years of the data, ``annual_revenue``, profit per
    active year, ``growth_rate``, ``small`` (annual revenue at or below the ``small`` quantile),
    ``fast_grower`` (growth above ``fast``) and ``lifetime_value`` (:func:`lifetime_value` of the
    gross margin and cost to serve per active year), with ``ltv_rank`` (1 = highest).

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3], "first_purchase": pd.to_datetime(["2020-01-01"] * 3),
    ...     "cost_to_serve": [100.0, 100.0, 2000.0], "bad_debt": [0.0] * 3,
    ...     "churned": [False] * 3, "growth_rate": [0.4, 0.0, 0.0]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 1, 2, 2, 3, 3],
    ...     "date": pd.to_datetime(["2024-06-01", "2025-06-01"] * 3),
    ...     "list_value": [1000.0, 1400.0, 1000.0, 1000.0, 5000.0, 5000.0],
    ...     "discount": [0.0] * 6,
    ...     "revenue": [1000.0, 1400.0, 1000.0, 1000.0, 5000.0, 5000.0],
    ...     "margin": [500.0, 700.0, 500.0, 500.0, 2000.0, 2000.0]})
    >>> s = small_customer_potential(customers, tx, small=0.67, horizon=3)
    >>> s[["small", "fast_grower", "ltv_rank"]]  # doctest: +NORMALIZE_WHITESPACE
                 small  fast_grower  ltv_rank
    customer_id
    1             True         True         1
    2             True        False         2
    3            False        False         3
    """
    what = "small_customer_potential"
    customers, tx, asof = _frames(data, transactions, what)
    require_frame(customers, {"growth_rate": "numeric"}, what=what)
    require_number(small, what=what, name="small", low=0.05, high=0.95)
    require_number(fast, what=what, name="fast", low=-0.5, high=5)
    p = customer_profitability(customers, tx, asof=asof)
    ys = _years(None, tx, what)
    g = customers.set_index("customer_id").loc[p.index, "growth_rate"]
    out = pd.DataFrame(index=p.index)
    for y in ys[-2:]:
        py = customer_profitability(customers, tx, years=y, asof=asof, active_only=False)
        out[f"revenue_{y}"] = py["revenue"].reindex(p.index, fill_value=0.0)
    out["annual_revenue"] = p["annual_revenue"]
    yrs = p["active_years"].where(p["active_years"] > 0)
    out["annual_profit"] = (p["profit"] / yrs).fillna(0.0)
    out["growth_rate"] = g
    out["small"] = out["annual_revenue"] <= out["annual_revenue"].quantile(small)
    out["fast_grower"] = g > fast
    margin = (p["gross_margin"] / yrs).fillna(0.0)
    cost = ((p["cost_to_serve"] + p["bad_debt"]) / yrs).fillna(0.0)
    out["lifetime_value"] = lifetime_value(margin, cost, g.clip(lower=-0.9), horizon=horizon,
                                           discount_rate=discount_rate)
    out["ltv_rank"] = out["lifetime_value"].rank(ascending=False, method="first").astype("int64")
    return out


# ---------------------------------------------------------------------------------------------
# Delivered value, fit and two-way selection
# ---------------------------------------------------------------------------------------------

def delivered_value(perceptions: pd.DataFrame) -> pd.DataFrame:
    """Customer delivered value (顾客让渡价值) per customer and offer.

    ``total_value`` = product + service + personnel + image value (总顾客价值);
    ``total_cost`` = monetary + time + energy + physical cost (总顾客成本);
    ``delivered_value`` = total_value − total_cost; ``value_ratio`` = total_value / total_cost.

    Returns one row per customer, with the columns for each offer side by side
    (``delivered_value_ours``, ``delivered_value_competitor``, …) and ``advantage`` =
    our delivered value − the competitor's (positive: the customer gets more from us).

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": [7, 7], "offer": ["ours", "competitor"],
    ...     "product_value": [60.0, 55.0], "service_value": [58.0, 50.0],
    ...     "personnel_value": [50.0, 52.0], "image_value": [50.0, 56.0],
    ...     "monetary_cost": [45.0, 40.0], "time_cost": [35.0, 40.0],
    ...     "energy_cost": [40.0, 40.0], "physical_cost": [40.0, 40.0]})
    >>> dv = delivered_value(p)
    >>> dv[["total_value_ours", "total_cost_ours", "delivered_value_ours"]]  # doctest: +NORMALIZE_WHITESPACE
                 total_value_ours  total_cost_ours  delivered_value_ours
    customer_id
    7                       218.0            160.0                  58.0
    >>> dv[["delivered_value_competitor", "advantage"]]  # doctest: +NORMALIZE_WHITESPACE
                 delivered_value_competitor  advantage
    customer_id
    7                                  53.0        5.0
    """
    what = "delivered_value"
    require_frame(perceptions, {"customer_id": "numeric", "offer": "text",
                                **dict.fromkeys(_VALUES + _COSTS, "numeric")}, what=what)
    offers = set(perceptions["offer"].astype("str").unique())
    if not offers <= {"ours", "competitor"} or len(offers) < 2:
        raise ValueError(f"{what}: column 'offer' holds {sorted(offers)}; expected both 'ours' and "
                         "'competitor'")
    dup = perceptions.duplicated(["customer_id", "offer"])
    if dup.any():
        row = perceptions.loc[dup].iloc[0]
        raise ValueError(f"{what}: customer {row['customer_id']} rates the offer {row['offer']!r} "
                         "twice; expected one row per customer and offer")
    v = perceptions[list(_VALUES)].sum(axis=1)
    c = perceptions[list(_COSTS)].sum(axis=1)
    long = pd.DataFrame({"customer_id": perceptions["customer_id"].to_numpy(),
                         "offer": perceptions["offer"].astype("str").to_numpy(),
                         "total_value": v.to_numpy(), "total_cost": c.to_numpy()})
    long["delivered_value"] = long["total_value"] - long["total_cost"]
    long["value_ratio"] = long["total_value"] / long["total_cost"].where(long["total_cost"] > 0)
    wide = long.pivot(index="customer_id", columns="offer")
    wide = wide.dropna(subset=[("delivered_value", "ours"), ("delivered_value", "competitor")])
    cols = ["total_value", "total_cost", "delivered_value", "value_ratio"]
    wide = wide.reindex(columns=pd.MultiIndex.from_product([cols, ["ours", "competitor"]]))
    wide.columns = [f"{a}_{b}" for a, b in wide.columns]
    wide["advantage"] = wide["delivered_value_ours"] - wide["delivered_value_competitor"]
    return wide.sort_index()


def segment_fit(perceptions: pd.DataFrame, customers: pd.DataFrame, *,
                segment: str = "segment") -> pd.DataFrame:
    """Well-matched selection (门当户对): where our offer fits, segment by segment.

    Per segment: surveyed customers, mean delivered value of our offer and of the competitor's,
    mean ``advantage`` (ours − competitor), the share of customers who get more from us, and the
    mean value of each of the four values and four costs for our offer minus the competitor's
    (where our capability is strong or weak).  Sorted by advantage, best fit first.

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": [1, 1, 2, 2], "offer": ["ours", "competitor"] * 2,
    ...     "product_value": [60.0, 50.0, 40.0, 50.0], "service_value": [50.0] * 4,
    ...     "personnel_value": [50.0] * 4, "image_value": [50.0] * 4,
    ...     "monetary_cost": [40.0] * 4, "time_cost": [40.0] * 4,
    ...     "energy_cost": [40.0] * 4, "physical_cost": [40.0] * 4})
    >>> c = pd.DataFrame({"customer_id": [1, 2], "segment": ["manufacturing", "hospitality"]})
    >>> segment_fit(p, c)[["customers", "advantage", "share_prefer_ours", "product_value"]]  # doctest: +NORMALIZE_WHITESPACE
                   customers  advantage  share_prefer_ours  product_value
    segment
    manufacturing          1       10.0                1.0           10.0
    hospitality            1      -10.0                0.0          -10.0
    """
    what = "segment_fit"
    require_frame(customers, {"customer_id": "numeric", segment: "text"}, what=what)
    dv = delivered_value(perceptions)
    seg = customers.set_index("customer_id")[segment].astype("str")
    missing = dv.index.difference(seg.index)
    if len(missing):
        raise ValueError(f"{what}: surveyed customer {int(missing[0])} is not in the customers")
    p = perceptions.assign(offer=perceptions["offer"].astype("str"))
    comp = (p[p["offer"] == "ours"].set_index("customer_id")[list(_VALUES + _COSTS)]
            - p[p["offer"] == "competitor"].set_index("customer_id")[list(_VALUES + _COSTS)])
    frame = dv.assign(segment=seg.loc[dv.index].to_numpy(), prefer=dv["advantage"] > 0)
    frame = frame.join(comp)
    g = frame.groupby("segment", sort=False)
    out = pd.DataFrame({
        "customers": g.size(),
        "delivered_value_ours": g["delivered_value_ours"].mean(),
        "delivered_value_competitor": g["delivered_value_competitor"].mean(),
        "advantage": g["advantage"].mean(),
        "share_prefer_ours": g["prefer"].mean(),
    })
    out = out.join(g[list(_VALUES + _COSTS)].mean())
    out.index.name = segment
    return out.sort_values("advantage", ascending=False, kind="stable")


def two_way_selection(world, *, attractive: float = 60.0, **scorecard_options) -> pd.DataFrame:
    """Two-way selection (双向选择): do we want the customer, and does the customer want us?

    For every surveyed customer: our scorecard ``score`` (:func:`scorecard`; do we want them?)
    and the delivered-value ``advantage`` of our offer (:func:`delivered_value`; do they want
    us?).  ``quadrant``:

    * ``"match"`` — attractive (score ≥ ``attractive``) and gets more value from us: pursue, keep;
    * ``"improve our offer"`` — attractive but gets more from the competitor;
    * ``"serve efficiently"`` — gets more from us but is not attractive to us;
    * ``"no match"`` — neither.

    ``world`` is a casekit World (it needs customers, transactions and perceptions).
    """
    what = "two_way_selection"
    if not (_is_world(world) and hasattr(world, "perceptions")):
        raise ValueError(f"{what}: expected a casekit World (e.g. ck.world()); got "
                         f"{type(world).__name__}")
    require_number(attractive, what=what, name="attractive", low=-100, high=100)
    dv = delivered_value(world.perceptions)
    sc = scorecard(world, **scorecard_options)
    ids = dv.index.intersection(sc.index)
    c = world.customers.set_index("customer_id").loc[ids]
    out = pd.DataFrame({"segment": c["segment"].astype("str"), "score": sc.loc[ids, "score"],
                        "advantage": dv.loc[ids, "advantage"], "churned": c["churned"],
                        "profit": sc.loc[ids, "profit"]})
    want, wanted = out["score"] >= attractive, out["advantage"] > 0
    out["quadrant"] = np.select([want & wanted, want & ~wanted, ~want & wanted],
                                ["match", "improve our offer", "serve efficiently"], "no match")
    return out


# ---------------------------------------------------------------------------------------------
# Look-alike selection
# ---------------------------------------------------------------------------------------------

@validated(frames={"customers": {"customer_id": "?id", "loyalty": "numeric", "tenure_years": "numeric",
                                  "churned": "bool"}}, keys={"customers": "customer_id"})
def loyal_customers(customers: pd.DataFrame, *, min_loyalty: float = 0.7,
                    min_tenure: float = 3.0) -> pd.Series:
    """Today's loyal customers (现有忠诚客户): a true/false mask over the customers.

    Loyal = loyalty index at least ``min_loyalty``, a customer for at least ``min_tenure``
    years, and still buying (not churned).

    Examples
    --------
    >>> c = pd.DataFrame({"loyalty": [0.9, 0.9, 0.4], "tenure_years": [5.0, 1.0, 8.0],
    ...                   "churned": [False, False, False]})
    >>> loyal_customers(c).tolist()
    [True, False, False]
    """
    what = "loyal_customers"
    require_frame(customers, {"loyalty": "numeric", "tenure_years": "numeric", "churned": "bool"},
                  what=what)
    require_number(min_loyalty, what=what, name="min_loyalty", low=0, high=1)
    require_number(min_tenure, what=what, name="min_tenure", low=0)
    return ((customers["loyalty"] >= min_loyalty) & (customers["tenure_years"] >= min_tenure)
            & ~customers["churned"]).rename("loyal")


@validated(frames={"customers": {"customer_id": "?id", "tenure_years": "numeric", "churned": "bool"}},
           keys={"customers": "customer_id"}, options={"max_tenure": Interval(0, 100)})
def new_customers(customers: pd.DataFrame, *, max_tenure: float = 1.0) -> pd.Series:
    """Recently won customers still buying (tenure below ``max_tenure`` years): a mask.

    Examples
    --------
    >>> c = pd.DataFrame({"tenure_years": [0.5, 2.0, 0.3], "churned": [False, False, True]})
    >>> new_customers(c).tolist()
    [True, False, False]
    """
    what = "new_customers"
    require_frame(customers, {"tenure_years": "numeric", "churned": "bool"}, what=what)
    require_number(max_tenure, what=what, name="max_tenure", low=0)
    return ((customers["tenure_years"] < max_tenure) & ~customers["churned"]).rename("new")


@dataclass(frozen=True)
class LookAlike:
    """Result of :func:`lookalike`.

    Attributes
    ----------
    ranking : DataFrame
        One row per candidate (indexed by ``customer_id``), best match first: ``similarity``
        (0–1, 1 = exactly like the average loyal customer), ``distance``, ``rank``, and per trait
        ``gap_<trait>``: its weighted share of the distance (what holds the candidate back).
    drivers : DataFrame
        One row per trait: mean among loyal customers and among the others, the standardised
        difference (in standard deviations) and the ``weight`` it gets, largest first.
    """

    ranking: pd.DataFrame
    drivers: pd.DataFrame


def _trait_frame(customers: pd.DataFrame, traits, what) -> pd.DataFrame:
    c = customers.set_index("customer_id")
    cols = {}
    for t in traits:
        if t == "credit_score":
            require_frame(customers, {"credit_rating": "text"}, what=what)
            cols[t] = _credit_score(c["credit_rating"])
        elif t == "employees":
            require_frame(customers, {"employees": "numeric"}, what=what)
            cols[t] = np.log1p(c["employees"].clip(lower=0).astype("float64"))
        else:
            require_frame(customers, {t: "numeric"}, what=what)
            cols[t] = c[t].astype("float64")
    return pd.DataFrame(cols)


def lookalike(customers: pd.DataFrame, *, reference, candidates,
              traits=LOOKALIKE_TRAITS) -> LookAlike:
    """Look-alike selection: rank candidates by similarity to today's loyal customers.

    Select target customers by the traits of today's loyal customers
    (依据现有忠诚客户的特征来选择目标客户):

    1. standardise each trait over all customers: ``z = (x − mean) / sd`` (employees on a log
       scale; credit rating as A = 4 … D = 1);
    2. **drivers**: the standardised difference ``d`` = (mean among the reference customers −
       mean among all others) / sd, per trait; weight ``w = |d| / Σ|d|`` — traits that set loyal
       customers apart count most;
    3. **distance** of a candidate to the loyal profile: ``sqrt(Σ w · (z − z̄_loyal)²)``;
       ``similarity = 1 / (1 + distance)``.

    Parameters
    ----------
    customers : DataFrame
        The customers (with ``customer_id`` and the ``traits``).
    reference, candidates : mask or list of ids
        The loyal customers to copy, and the customers or prospects to rank (e.g.
        :func:`loyal_customers` and :func:`new_customers`).
    traits : sequence of str
        Columns to compare (``"credit_score"`` is derived from ``credit_rating``).

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5],
    ...                   "price_sensitivity": [0.1, 0.2, 0.9, 0.15, 0.8],
    ...                   "cooperativeness": [5, 5, 1, 4, 2]})
    >>> la = lookalike(c, reference=[1, 2], candidates=[4, 5],
    ...                traits=["price_sensitivity", "cooperativeness"])
    >>> la.ranking.index.tolist()
    [4, 5]
    >>> la.drivers["direction"].tolist()
    ['higher', 'lower']
    """
    what = "lookalike"
    require_frame(customers, {"customer_id": "numeric"}, what=what)
    traits = list(traits) if not isinstance(traits, str) else [traits]
    if not traits:
        raise ValueError(f"{what}: traits is empty; name at least one trait")
    x = _trait_frame(customers, traits, what)
    ref = _ids(reference, customers, what, "reference")
    cand = _ids(candidates, customers, what, "candidates")
    if len(ref) < 2:
        raise ValueError(f"{what}: reference holds {len(ref)} customer(s); expected at least 2 loyal "
                         "customers to learn from")
    if len(cand) == 0:
        raise ValueError(f"{what}: candidates is empty; expected at least one customer to rank")
    sd = x.std(ddof=0).replace(0.0, np.nan)
    z = (x - x.mean()) / sd
    z = z.fillna(0.0)
    is_ref = x.index.isin(ref)
    centre = z[is_ref].mean()
    d = centre - z[~is_ref].mean() if (~is_ref).any() else centre
    weight = d.abs() / d.abs().sum() if d.abs().sum() > 0 else pd.Series(1 / len(d), index=d.index)
    gaps = (z.loc[cand] - centre) ** 2 * weight
    dist = np.sqrt(gaps.sum(axis=1))
    share = gaps.div(gaps.sum(axis=1).where(gaps.sum(axis=1) > 0), axis=0).fillna(0.0)
    ranking = pd.DataFrame({"similarity": 1 / (1 + dist), "distance": dist})
    ranking = ranking.join(share.add_prefix("gap_"))
    ranking = ranking.sort_values(["distance"], kind="stable")
    ranking.insert(2, "rank", np.arange(1, len(ranking) + 1, dtype="int64"))
    ranking.index.name = "customer_id"
    drivers = pd.DataFrame({
        "loyal_mean": x[is_ref].mean(), "others_mean": x[~is_ref].mean() if (~is_ref).any() else np.nan,
        "std_difference": d, "weight": weight,
        "direction": np.where(d >= 0, "higher", "lower")})
    drivers.index.name = "trait"
    drivers = drivers.sort_values("weight", ascending=False, kind="stable")
    return LookAlike(ranking=ranking, drivers=drivers)


# ---------------------------------------------------------------------------------------------
# Annual screening
# ---------------------------------------------------------------------------------------------

def _quintile(s: pd.Series) -> pd.Series:
    """1–5 score by percentile rank (5 = the top fifth)."""
    return np.ceil(_pct(s) * 5).clip(1, 5).astype("int64")


@validated(world=_IDS, keys={"customers": "customer_id"}, empty_ok=("transactions",),
           options={"year": Interval(1900, 2200, integer=True, optional=True)})
def annual_screening(data, transactions=None, *, year: int | None = None, weights=None,
                     key_share: float = 0.2, keep_score: float = 3.5,
                     drop_future: int = 2) -> pd.DataFrame:
    """Annual screening (筛选管理): keep, watch or drop each customer at year-end.

    Each customer active in ``year`` gets a 1–5 score (by fifths of the customer base; 5 = best)
    on the five criteria of the source (:data:`SCREENING_CRITERIA`):

    * ``purchases`` (全年购买额): revenue in the year;
    * ``profitability`` (收益性): profit margin in the year (:func:`customer_profitability`);
    * ``safety`` (安全性): mean rank of credit rating, no bad debt, few payment days;
    * ``future`` (未来性): growth rate;
    * ``cooperativeness`` (合作性): the 1–5 cooperativeness score as it is.

    ``total`` is their ``weights``-weighted mean (default equal).  Decision:

    * ``"drop"`` (淘汰): no profit in the year and no potential (future ≤ ``drop_future``);
    * ``"keep"`` (保留): otherwise, a key customer — the top ``key_share`` by purchases with a
      profit — or a ``total`` of at least ``keep_score``;
    * ``"watch"`` (观察): everyone else; re-screened next year (dynamic management, 动态管理).

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4, 5], "first_purchase": pd.to_datetime(["2020-01-01"] * 5),
    ...     "cost_to_serve": [1000.0, 500.0, 3000.0, 300.0, 400.0], "bad_debt": [0.0] * 5,
    ...     "churned": [False] * 5, "credit_rating": ["A", "B", "D", "B", "C"],
    ...     "payment_days": [30, 40, 80, 45, 50], "growth_rate": [0.05, 0.3, -0.1, 0.0, 0.02],
    ...     "cooperativeness": [4, 5, 1, 3, 2]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4, 5], "date": pd.to_datetime(["2025-06-01"] * 5),
    ...     "list_value": [50000.0, 8000.0, 20000.0, 4000.0, 3000.0], "discount": [0.0] * 5,
    ...     "revenue": [50000.0, 8000.0, 20000.0, 4000.0, 3000.0],
    ...     "margin": [15000.0, 3000.0, 2000.0, 1200.0, 900.0]})
    >>> annual_screening(customers, tx, year=2025)["decision"].tolist()
    ['keep', 'keep', 'drop', 'watch', 'watch']
    """
    what = "annual_screening"
    customers, tx, asof = _frames(data, transactions, what)
    require_frame(customers, {"credit_rating": "text", "payment_days": "numeric",
                              "growth_rate": "numeric", "cooperativeness": "numeric"}, what=what)
    year = data_years(tx)[-1] if year is None else year
    require_number(year, what=what, name="year", low=1900, high=2200, integer=True)
    w = _check_weights(weights, SCREENING_CRITERIA, what, "weights",
                       defaults=dict.fromkeys(SCREENING_CRITERIA, 1.0))
    if sum(w.values()) <= 0:
        raise ValueError(f"{what}: weights={weights!r} are all zero; give one criterion a weight")
    require_number(key_share, what=what, name="key_share", low=0, high=1)
    require_number(keep_score, what=what, name="keep_score", low=1, high=5)
    require_number(drop_future, what=what, name="drop_future", low=0, high=5, integer=True)
    d = tx["date"].to_numpy("datetime64[D]")
    if not ((d >= np.datetime64(f"{year}-01-01")) & (d <= np.datetime64(f"{year}-12-31"))).any():
        raise ValueError(f"{what}: no orders in year={year}; the data covers "
                         f"{tx['date'].min().year}–{tx['date'].max().year}")
    p = customer_profitability(customers, tx, years=year, asof=asof)
    c = customers.set_index("customer_id").loc[p.index]
    out = pd.DataFrame(index=p.index)
    out["revenue"] = p["revenue"]
    out["profit"] = p["profit"]
    out["purchases"] = _quintile(p["revenue"])
    out["profitability"] = _quintile(p["profit_margin"].fillna(-np.inf))
    safety = (_pct(_credit_score(c["credit_rating"])) + _pct(-(c["bad_debt"] > 0).astype(float))
              + _pct(-c["payment_days"])) / 3
    out["safety"] = _quintile(safety)
    out["future"] = _quintile(c["growth_rate"])
    out["cooperativeness"] = c["cooperativeness"].clip(1, 5).round().astype("int64")
    wv = np.array([w[k] for k in SCREENING_CRITERIA])
    out["total"] = out[list(SCREENING_CRITERIA)].to_numpy() @ wv / wv.sum()
    k = int(np.floor(key_share * len(out)))
    key = pd.Series(False, index=out.index)
    if k:
        key.iloc[np.argsort(-out["revenue"].to_numpy(), kind="stable")[:k]] = True
    out["key_customer"] = key & (out["profit"] > 0)
    drop = (out["profit"] <= 0) & (out["future"] <= drop_future)
    keep = ~drop & (out["key_customer"] | (out["total"] >= keep_score))
    out["decision"] = np.select([drop, keep], ["drop", "keep"], "watch")
    out["reason"] = np.select(
        [drop, keep & out["key_customer"], keep],
        ["no profit and little potential",
         "key customer: among the biggest buyers, and profitable",
         "strong on the five criteria"],
        np.where(out["profit"] <= 0, "no profit this year, but potential to grow",
                 "profitable, middling on the criteria"))
    return out


@validated(world=_IDS, keys={"customers": "customer_id"}, empty_ok=("transactions",))
def screening_changes(data, transactions=None, *, before: int | None = None,
                      after: int | None = None,
                      **options) -> pd.DataFrame:
    """Dynamic management (动态管理): how screening decisions move from one year-end to the next.

    A table of counts: rows are the decisions at the end of ``before``, columns the decisions
    at the end of ``after`` (``"gone"``: no longer active in ``after``).  ``options`` go to
    :func:`annual_screening` for both years.
    """
    what = "screening_changes"
    _, tx, _ = _frames(data, transactions, what)
    before, after = _two_years(tx, before, after, what)
    if before >= after:
        raise ValueError(f"{what}: before={before} must be earlier than after={after}")
    a = annual_screening(data, transactions, year=before, **options)["decision"]
    b = annual_screening(data, transactions, year=after, **options)["decision"]
    b = b.reindex(a.index).fillna("gone")
    order = ["keep", "watch", "drop"]
    table = pd.crosstab(a.rename(f"end of {before}"), b.rename(f"end of {after}"))
    return table.reindex(index=order, columns=order + ["gone"], fill_value=0)


@validated(world=_IDS, keys={"customers": "customer_id"}, empty_ok=("transactions",),
           options={"year": Interval(1900, 2200, integer=True, optional=True)})
def next_year_value(data, transactions=None, *, year: int | None = None,
                    min_years: float = 0.25) -> pd.DataFrame:
    """What each customer still buying is expected to earn next year, and the time it takes.

    For customers active in ``year`` and not churned, from :func:`customer_profitability` of
    that year, annualised by the active share of the year (at least ``min_years``, so a
    customer won in December is not blown up):

    ``expected_profit`` = gross margin per year × (1 + growth_rate) − cost to serve per year −
    bad debt per year.  ``service_hours`` is the customer's yearly service and sales time.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2], "first_purchase": pd.to_datetime(["2020-01-01", "2024-07-02"]),
    ...     "cost_to_serve": [1000.0, 400.0], "bad_debt": [0.0, 0.0], "churned": [False, False],
    ...     "growth_rate": [0.1, 0.5], "service_hours": [10.0, 4.0]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 2], "date": pd.to_datetime(["2024-03-01", "2024-09-01"]),
    ...     "list_value": [10000.0, 2000.0], "discount": [0.0, 0.0],
    ...     "revenue": [10000.0, 2000.0], "margin": [4000.0, 800.0]})
    >>> # customer 2 joined half-way through 2024: its half-year is doubled to a full year
    >>> next_year_value(customers, tx, year=2024)[["expected_profit", "service_hours"]].round(1)  # doctest: +NORMALIZE_WHITESPACE
                 expected_profit  service_hours
    customer_id
    1                     3400.0           10.0
    2                     2000.0            4.0
    """
    what = "next_year_value"
    customers, tx, asof = _frames(data, transactions, what)
    require_frame(customers, {"growth_rate": "numeric", "service_hours": "numeric",
                              "churned": "bool"}, what=what)
    year = data_years(tx)[-1] if year is None else year
    require_number(year, what=what, name="year", low=1900, high=2200, integer=True)
    require_number(min_years, what=what, name="min_years", low=0.01, high=1)
    p = customer_profitability(customers, tx, years=year, asof=asof)
    c = customers.set_index("customer_id").loc[p.index]
    keep = (~c["churned"]).to_numpy() & (p["orders"] > 0).to_numpy()
    p, c = p[keep], c[keep]
    yrs = p["active_years"].clip(lower=min_years)
    out = pd.DataFrame(index=p.index)
    out["revenue"] = p["revenue"] / yrs
    out["gross_margin"] = p["gross_margin"] / yrs
    out["cost_to_serve"] = p["cost_to_serve"] / p["active_years"].where(p["active_years"] > 0, 1)
    out["bad_debt"] = p["bad_debt"] / yrs
    out["growth_rate"] = c["growth_rate"]
    out["expected_profit"] = (out["gross_margin"] * (1 + out["growth_rate"]) - out["cost_to_serve"]
                              - out["bad_debt"])
    out["service_hours"] = c["service_hours"].astype("float64")
    return out


# ---------------------------------------------------------------------------------------------
# Limited capacity
# ---------------------------------------------------------------------------------------------

def plan_coverage(table: pd.DataFrame, *, value: str, hours: str, budget: float,
                  order: str = "value_per_hour") -> pd.DataFrame:
    """Choose customers for a limited sales capacity: the most value per hour first.

    Customers are taken in ``order`` until the next one no longer fits in the ``budget`` of
    hours:

    * ``"value_per_hour"``: highest ``value / hours`` first (customers with no positive value
      are never chosen) — the plan that spends scarce time where it earns most;
    * ``"value"``: highest ``value`` first;
    * any other column of ``table``: highest first (e.g. ``"revenue"`` for "biggest first").

    Returns ``table`` with ``value_per_hour``, ``chosen`` and ``cumulative_hours`` added, in the
    order considered.

    Examples
    --------
    >>> t = pd.DataFrame({"profit": [900.0, 500.0, -50.0, 300.0], "hours": [30.0, 10.0, 5.0, 20.0],
    ...                   "revenue": [9000.0, 2000.0, 20000.0, 1500.0]}, index=[1, 2, 3, 4])
    >>> plan_coverage(t, value="profit", hours="hours", budget=40)["chosen"].tolist()
    [True, True, False, False]
    >>> plan_coverage(t, value="profit", hours="hours", budget=40, order="revenue")["chosen"].tolist()
    [True, True, False, False]
    """
    what = "plan_coverage"
    require_frame(table, {value: "numeric", hours: "numeric"}, what=what)
    require_number(budget, what=what, name="budget", low=0)
    if (table[hours] <= 0).any():
        bad = table.loc[table[hours] <= 0, hours].iloc[0]
        raise ValueError(f"{what}: column {hours!r} holds {bad!r}; expected hours above 0")
    out = table.copy()
    out["value_per_hour"] = out[value] / out[hours]
    if order == "value_per_hour":
        key = out["value_per_hour"]
    elif order in out.columns and order not in ("chosen", "cumulative_hours"):
        require_frame(out, {order: "numeric"}, what=what)
        key = out[order]
    else:
        raise ValueError(f"{what}: order={order!r} is not 'value_per_hour', 'value' or a numeric "
                         f"column of the table ({list(map(str, table.columns))})")
    out = out.iloc[np.argsort(-key.to_numpy(), kind="stable")]
    h = out[hours].to_numpy(dtype="float64")
    eligible = out[value].to_numpy() > 0 if order == "value_per_hour" else np.ones(len(out), bool)
    cum = np.cumsum(np.where(eligible, h, 0.0))
    chosen = eligible & (cum <= budget + 1e-9)
    out["chosen"] = chosen
    out["cumulative_hours"] = np.cumsum(np.where(chosen, h, 0.0))
    return out
