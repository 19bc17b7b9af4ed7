"""Chapter 4 — Customer tiering (客户分级): Pareto, ABC, pyramid, RFM, lifetime value, key accounts.

Every function is pure: a DataFrame in (one row per customer, or one row per transaction), a new
DataFrame or Series out; column names are keyword options.  The definitions that students most
often confuse are pinned down here and in the doctests:

* **Shares of the top x%** (帕累托定律, the 80/20 rule): customers are ranked by value, highest first;
  the top x% are the first ``ceil(x · n)`` customers; their share is their sum over the sum of all.
* **ABC analysis** (ABC分类法): a customer is in A while the cumulative share *before* it is below
  the first cut-off (so the customer that crosses 80% is still an A), in B while it is below the
  second, else in C.
* **Pyramid** (客户金字塔): tiers by rank — the top ``shares[0]`` of customers form the first tier,
  the next ``shares[1]`` the second, and so on; ties are broken by customer id.
* **RFM** (RFM模型): recency = days from the last purchase to the as-of date; frequency = number of
  purchase occasions (a day with several orders is one occasion unless ``merge_same_day=False``),
  *including* the first purchase unless ``repeat_only=True``; monetary = *total* value unless
  ``monetary="mean"``.  Only purchases on or before the as-of date count.
* **Customer lifetime value** (客户终身价值, CLV)::

      CLV = Σ_{t=0}^{T-1}  m · r^t / (1 + d)^t

  with m the yearly margin (profit) of the customer, r the yearly retention rate (the chance the
  customer stays another year), d the discount rate and T the horizon in years.  Year 0 is the
  coming year, whose margin counts in full.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import _fast
from .clv.summary import per_customer
from .schema import DATE_DTYPE
from .core.checks import require_choice, require_frame, require_number, require_shares, validated
from .core.memo import per_world
from .core.profit import customer_profitability
from .core.vocab import register

__all__ = [
    "PYRAMID_TIERS", "VALUE_TIERS", "TIME_PYRAMID", "RFM_SEGMENTS", "FOCUS_LEVELS",
    "customer_totals", "pareto_table", "top_share", "gini", "abc", "pyramid", "tier_summary",
    "compare_tiers", "transition_table", "tier_moves", "yearly_values", "tier_migration",
    "rfm", "rfm_summary", "clv_factor", "clv", "yearly_retention",
    "customer_values", "account_scores", "strategic_focus", "time_allocation", "reallocate_time",
    "chinese",
]

#: The customer pyramid of S3 (客户金字塔), top first, with default shares of customers.
PYRAMID_TIERS = (("platinum", "铂金客户"), ("gold", "黄金客户"), ("iron", "铁客户"), ("lead", "铅客户"))
PYRAMID_SHARES = (0.05, 0.15, 0.30, 0.50)
#: The three value tiers of S1: key, major, ordinary customers (关键客户、主要客户、普通客户).
VALUE_TIERS = (("key", "关键客户"), ("major", "主要客户"), ("ordinary", "普通客户"))
VALUE_SHARES = (0.10, 0.30, 0.60)
#: The time-allocation pyramid of S4: (tier, 中文, share of customers, share of sales time).
TIME_PYRAMID = (
    ("key", "关键客户", 0.10, 0.60),
    ("ordinary", "普通客户", 0.30, 0.30),
    ("would-be", "有可能成为你的客户", 0.60, 0.10),
)
#: The eight RFM segments (R, F, M each high or low), with the usual action for each.
RFM_SEGMENTS = (
    ("important value", "重要价值客户", "HHH", "keep and reward: first-class service, a named contact"),
    ("important development", "重要发展客户", "HLH", "raise frequency: cross-sell, regular visits"),
    ("important retention", "重要保持客户", "LHH", "reach out now: call before they drift away"),
    ("important win-back", "重要挽留客户", "LLH", "win back: ask why they stopped, make an offer"),
    ("general value", "一般价值客户", "HHL", "raise spend: upsell bigger orders"),
    ("general development", "一般发展客户", "HLL", "nurture cheaply: welcome and remind"),
    ("general retention", "一般保持客户", "LHL", "low-cost reminders, self-service"),
    ("general win-back", "一般挽留客户", "LLL", "let go unless cheap to reach (抓大放小)"),
)
#: Strategic-focus levels (战略关注水平) of key-account candidates, S4.
FOCUS_LEVELS = (("key", "关键"), ("target", "目标"), ("maintain", "维持"), ("low-key", "低调"))

_HOURS_PER_FTE = 1600.0

for _group, _pairs, _meaning in (
        ("pyramid_tiers", PYRAMID_TIERS, "tier of the customer pyramid (客户金字塔)"),
        ("value_tiers", VALUE_TIERS, "value tier (关键/主要/普通客户)"),
        ("rfm_segments", RFM_SEGMENTS, "RFM segment"),
        ("focus_levels", FOCUS_LEVELS, "strategic-focus level (战略关注水平)")):
    register(_group, _pairs, _meaning)


def chinese(name: str) -> str:
    """The Chinese term of a tier, segment or focus level of this chapter.

    Examples
    --------
    >>> chinese("platinum"), chinese("important value"), chinese("target")
    ('铂金客户', '重要价值客户', '目标')
    """
    if not isinstance(name, str):
        raise ValueError(f"chinese: expected an English term (text), got {type(name).__name__}")
    table = {}
    for pairs in (PYRAMID_TIERS, VALUE_TIERS, FOCUS_LEVELS):
        table.update(dict(pairs))
    table.update({t[0]: t[1] for t in TIME_PYRAMID})
    table.update({s[0]: s[1] for s in RFM_SEGMENTS})
    if name not in table:
        raise ValueError(f"chinese: {name!r} is not a tier, segment or focus level of this "
                         f"chapter; expected one of {sorted(table)}")
    return table[name]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def _top_k(share: float, n: int) -> int:
    return max(1, min(n, math.ceil(share * n - 1e-9)))


def _ranked(frame: pd.DataFrame, value: str, customer: str) -> pd.DataFrame:
    """Rows sorted by value (highest first), ties by customer id; a 1-based ``rank``."""
    v = frame[value].to_numpy(dtype="float64")
    if customer in frame.columns and customer != value:
        order = np.lexsort((frame[customer].to_numpy(), -v))
    else:
        order = np.argsort(-v, kind="stable")
    out = frame.iloc[order].reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def _tiers_from_rank(rank: np.ndarray, n: int, shares, labels) -> pd.Categorical:
    bounds = np.round(np.cumsum(shares) * n).astype("int64")
    bounds[-1] = n
    code = np.searchsorted(bounds, rank, side="left")
    return pd.Categorical.from_codes(code, categories=list(labels), ordered=True)


def _labels(labels, shares, default_labels, default_shares, what):
    if shares is None and labels is None:
        return list(default_shares), list(default_labels)
    if labels is None:
        if len(shares) == len(default_labels):
            labels = default_labels
        else:
            labels = [f"tier {i + 1}" for i in range(len(shares))]
    if shares is None:
        shares = default_shares if len(labels) == len(default_shares) else [1 / len(labels)] * len(labels)
    shares = require_shares(shares, what=what, name="shares")
    labels = [str(x) for x in labels]
    if len(labels) != len(shares):
        raise ValueError(f"{what}: {len(labels)} labels {labels} for {len(shares)} shares; "
                         "expected one label per share")
    if len(set(labels)) != len(labels):
        raise ValueError(f"{what}: labels={labels} repeat a name; expected distinct tier names")
    return shares, labels


# --------------------------------------------------------------------------------------------
# Pareto (80/20) and concentration
# --------------------------------------------------------------------------------------------

def customer_totals(transactions: pd.DataFrame, *, value="revenue", customer="customer_id"
                    ) -> pd.DataFrame:
    """Sum one or more value columns of the transactions per customer.

    Parameters
    ----------
    transactions : DataFrame
        One row per order.
    value : str or list of str
        The column(s) to add up (e.g. ``"revenue"`` or ``["revenue", "margin"]``).
    customer : str
        The customer id column.

    Returns
    -------
    DataFrame
        One row per customer (sorted by id) with the id and the sums.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [2, 1, 2], "revenue": [10.0, 5.0, 30.0]})
    >>> customer_totals(tx)
       customer_id  revenue
    0            1      5.0
    1            2     40.0
    """
    values = [value] if isinstance(value, str) else list(value)
    require_frame(transactions, {customer: "any", **{v: "numeric" for v in values}},
                  what="customer_totals")
    # Integer ids and money in cents (the usual case): ids index a table directly and the cents
    # are added exactly; anything else is grouped by pandas.
    grouped = None if customer in values else _fast.group_codes(transactions[customer])
    if grouped is not None:
        codes, ids = grouped
        sums = {v: _fast.cent_sums(codes, len(ids), transactions[v]) for v in values}
        if all(s is not None for s in sums.values()):
            return pd.DataFrame({customer: ids, **sums})
    return (transactions.groupby(customer, sort=True, observed=True)[values].sum()
            .reset_index())


@validated(frames={"customers": {"{customer}": "any"}}, keys={"customers": "{customer}"})
def pareto_table(customers: pd.DataFrame, *, value="revenue", customer="customer_id"
                 ) -> pd.DataFrame:
    """The cumulative share table behind the Pareto curve (帕累托定律, 80/20 rule).

    Customers are ranked by ``value`` (highest first).  ``customer_share`` is the share of
    customers up to this one (rank / n), ``value_share`` the share of the total ``value`` they
    bring together.  With negative values (loss-making customers) the total is smaller than the
    sum of the positives, so ``value_share`` can rise above 1 and then fall back to 1: the
    "whale curve" of profit.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 3, 4], "revenue": [10.0, 60.0, 20.0, 10.0]})
    >>> pareto_table(df)
       customer_id  revenue  rank  customer_share  value_share
    0            2     60.0     1            0.25          0.6
    1            3     20.0     2            0.50          0.8
    2            1     10.0     3            0.75          0.9
    3            4     10.0     4            1.00          1.0
    """
    require_frame(customers, {customer: "any", value: "numeric"}, what="pareto_table")
    total = float(customers[value].sum())
    if total <= 0:
        raise ValueError(f"pareto_table: the total of {value!r} is {total:g}; expected a positive "
                         "total to take shares of")
    out = _ranked(customers[[customer, value]], value, customer)
    n = len(out)
    out["customer_share"] = out["rank"] / n
    out["value_share"] = out[value].cumsum() / total
    return out


def top_share(customers: pd.DataFrame, *, value="revenue", top=0.2, customer="customer_id") -> float:
    """The share of the total ``value`` that the top ``top`` share of customers bring.

    The top x% are the first ``ceil(x · n)`` customers by value.  Profit can give a share above
    1 (the top customers earn more than the whole firm; the rest lose money).

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5], "revenue": [50.0, 20.0, 10.0, 10.0, 10.0]})
    >>> top_share(df, top=0.2)     # the top customer of five brings 50 of 100
    0.5
    >>> top_share(df, top=0.4)
    0.7
    """
    require_frame(customers, {value: "numeric"}, what="top_share")
    require_number(top, what="top_share", name="top", low=0.0, high=1.0)
    if top <= 0:
        raise ValueError("top_share: top=0 picks no customers; expected a share above 0, e.g. 0.2")
    total = float(customers[value].sum())
    if total <= 0:
        raise ValueError(f"top_share: the total of {value!r} is {total:g}; expected a positive total")
    v = np.sort(customers[value].to_numpy(dtype="float64"))[::-1]
    return float(v[:_top_k(top, len(v))].sum() / total)


def gini(customers: pd.DataFrame, *, value="revenue") -> float:
    """Gini coefficient of concentration (基尼系数): 0 = everyone equal, near 1 = one customer has all.

    ``G = 2 Σ i·x_(i) / (n Σ x) − (n + 1) / n`` with the values sorted ascending (i = 1..n); it is
    twice the area between the line of equality and the Lorenz curve.  Defined for values that are
    not negative.

    Examples
    --------
    >>> gini(pd.DataFrame({"revenue": [10.0, 10.0, 10.0, 10.0]}))
    0.0
    >>> gini(pd.DataFrame({"revenue": [0.0, 0.0, 0.0, 10.0]}))
    0.75
    """
    require_frame(customers, {value: "numeric"}, what="gini")
    x = np.sort(customers[value].to_numpy(dtype="float64"))
    if x[0] < 0:
        raise ValueError(f"gini: column {value!r} holds negative values (e.g. {x[0]:g}); the Gini "
                         "coefficient needs values of 0 or more (use revenue, not profit)")
    total = x.sum()
    if total <= 0:
        raise ValueError(f"gini: the total of {value!r} is 0; expected some positive values")
    n = len(x)
    i = np.arange(1, n + 1)
    return float(round(2.0 * (i * x).sum() / (n * total) - (n + 1) / n, 12))


@validated(frames={"customers": {"{customer}": "any"}}, keys={"customers": "{customer}"})
def abc(customers: pd.DataFrame, *, value="revenue", cutoffs=(0.8, 0.95), customer="customer_id"
        ) -> pd.DataFrame:
    """ABC analysis (ABC分类法) with adjustable cut-offs on the cumulative value share.

    A customer is class A while the cumulative share of the customers ranked *before* it is below
    ``cutoffs[0]`` (so the customer who crosses the line still counts as A), B while it is below
    ``cutoffs[1]``, and C otherwise.

    Returns a copy of ``customers`` ranked by value with the :func:`pareto_table` columns
    (``rank``, ``customer_share``, ``value_share``) and ``abc`` (ordered category, A first).

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5], "revenue": [5.0, 50.0, 10.0, 30.0, 5.0]})
    >>> abc(df)[["customer_id", "revenue", "value_share", "abc"]]
       customer_id  revenue  value_share abc
    0            2     50.0         0.50   A
    1            4     30.0         0.80   A
    2            3     10.0         0.90   B
    3            1      5.0         0.95   B
    4            5      5.0         1.00   C
    """
    try:
        a, b = (float(c) for c in cutoffs)
    except (TypeError, ValueError):
        raise ValueError(f"abc: cutoffs={cutoffs!r} must be two shares such as (0.8, 0.95)") from None
    if not (0 < a < b <= 1):
        raise ValueError(f"abc: cutoffs={cutoffs!r} must satisfy 0 < A cut-off < B cut-off <= 1, "
                         "e.g. (0.8, 0.95)")
    # The input checks of pareto_table, then one ranking (highest first, ties by customer id).
    require_frame(customers, {customer: "any", value: "numeric"}, what="pareto_table")
    total = float(customers[value].sum())
    if total <= 0:
        raise ValueError(f"pareto_table: the total of {value!r} is {total:g}; expected a positive "
                         "total to take shares of")
    v = customers[value].to_numpy(dtype="float64")
    by_id = customer in customers.columns and customer != value
    order = _fast.rank_order(v, customers[customer].to_numpy() if by_id else None)
    out = customers.iloc[order].reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    out["customer_share"] = out["rank"] / len(out)
    ranked_total = out[value].sum()
    out["value_share"] = out[value].cumsum() / ranked_total
    before = (out["value_share"] - out[value] / ranked_total).to_numpy()
    code = np.where(before < a - 1e-12, 0, np.where(before < b - 1e-12, 1, 2))
    out["abc"] = pd.Categorical.from_codes(code, categories=["A", "B", "C"], ordered=True)
    return out


# --------------------------------------------------------------------------------------------
# The customer pyramid
# --------------------------------------------------------------------------------------------

@validated(frames={"customers": {"{customer}": "any"}}, keys={"customers": "{customer}"})
def pyramid(customers: pd.DataFrame, *, value="revenue", shares=None, labels=None,
            customer="customer_id", tier="tier") -> pd.DataFrame:
    """Tier customers into a pyramid (客户金字塔) by their rank on ``value``.

    The top ``shares[0]`` of customers form the first tier, the next ``shares[1]`` the second,
    and so on (tier sizes are ``round(cumulative share · n)``).  Default: the S3 pyramid
    platinum 5% / gold 15% / iron 30% / lead 50% (铂金/黄金/铁/铅客户); for three shares the S1
    tiers key / major / ordinary (关键/主要/普通客户).

    Returns a copy of ``customers`` ranked by value, with ``rank`` and ``tier`` (an ordered
    category, top tier first).

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5],
    ...                    "profit": [30.0, -5.0, 90.0, 10.0, 20.0]})
    >>> pyramid(df, value="profit", shares=[0.2, 0.4, 0.4])
       customer_id  profit  rank      tier
    0            3    90.0     1       key
    1            1    30.0     2     major
    2            5    20.0     3     major
    3            4    10.0     4  ordinary
    4            2    -5.0     5  ordinary
    """
    what = "pyramid"
    require_frame(customers, {customer: "any", value: "numeric"}, what=what)
    if shares is not None and labels is None and len(list(shares)) == 3:
        labels = [t[0] for t in VALUE_TIERS]
    shares, labels = _labels(labels, shares, [t[0] for t in PYRAMID_TIERS], PYRAMID_SHARES, what)
    out = _ranked(customers, value, customer)
    out[tier] = _tiers_from_rank(out["rank"].to_numpy(), len(out), shares, labels)
    return out


def tier_summary(customers: pd.DataFrame, *, tier="tier", values=("revenue",), time=None
                 ) -> pd.DataFrame:
    """Per tier: customers, share of customers, and the sum, share and mean of each value column.

    ``time`` (e.g. ``"service_hours"``) adds the time the tier takes, its share of all time, and
    value per hour for the first value column.

    Examples
    --------
    >>> df = pd.DataFrame({"tier": pd.Categorical(["A", "A", "B", "B", "B"], ["A", "B"]),
    ...                    "revenue": [62.0, 20.0, 12.0, 4.0, 2.0], "hours": [5.0, 5.0, 4.0, 3.0, 3.0]})
    >>> print(tier_summary(df, time="hours").to_string())
      tier  customers  customer_share  revenue  revenue_share  revenue_mean  hours  hours_share  revenue_per_hour
    0    A          2             0.4     82.0           0.82          41.0   10.0          0.5               8.2
    1    B          3             0.6     18.0           0.18           6.0   10.0          0.5               1.8
    """
    values = [values] if isinstance(values, str) else list(values)
    cols = {tier: "any", **{v: "numeric" for v in values}}
    if time is not None:
        cols[time] = "numeric"
    require_frame(customers, cols, what="tier_summary")
    g = customers.groupby(tier, observed=False, sort=True)
    out = pd.DataFrame({"customers": g.size()})
    out["customer_share"] = out["customers"] / len(customers)
    for v in values:
        s = g[v].sum()
        total = customers[v].sum()
        out[v] = s
        out[f"{v}_share"] = s / total if total != 0 else np.nan
        out[f"{v}_mean"] = s / out["customers"].where(out["customers"] > 0)
    if time is not None:
        h = g[time].sum()
        out[time] = h
        out[f"{time}_share"] = h / customers[time].sum()
        out[f"{values[0]}_per_hour"] = out[values[0]] / h.where(h > 0)
    out = out.reset_index()
    return out


@validated(frames={"customers": {"{customer}": "any"}}, keys={"customers": "{customer}"})
def compare_tiers(customers: pd.DataFrame, *, by=("revenue", "profit"), shares=None, labels=None,
                  customer="customer_id") -> pd.DataFrame:
    """Tier the same customers by several value columns, side by side.

    Returns one row per customer (sorted by id) with the value columns and a ``tier_by_<col>``
    for each, using the same ``shares`` and ``labels`` as :func:`pyramid`.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 3, 4],
    ...                    "revenue": [100.0, 50.0, 20.0, 10.0], "profit": [-5.0, 20.0, 8.0, 1.0]})
    >>> compare_tiers(df, shares=[0.25, 0.75], labels=["top", "rest"])
       customer_id  revenue  profit tier_by_revenue tier_by_profit
    0            1    100.0    -5.0             top           rest
    1            2     50.0    20.0            rest            top
    2            3     20.0     8.0            rest           rest
    3            4     10.0     1.0            rest           rest
    """
    by = [by] if isinstance(by, str) else list(by)
    require_frame(customers, {customer: "any", **{b: "numeric" for b in by}}, what="compare_tiers")
    out = customers[[customer, *by]].sort_values(customer, kind="stable").reset_index(drop=True)
    for b in by:
        t = pyramid(out[[customer, b]], value=b, shares=shares, labels=labels, customer=customer)
        out[f"tier_by_{b}"] = t.set_index(customer)["tier"].reindex(out[customer]).to_numpy()
        out[f"tier_by_{b}"] = out[f"tier_by_{b}"].astype(t["tier"].dtype)
    return out


def transition_table(frame: pd.DataFrame, *, before: str, after: str, normalize=False) -> pd.DataFrame:
    """Cross-table of two tier columns: rows = tier ``before``, columns = tier ``after``.

    Every category appears, even when empty.  ``normalize=True`` gives row shares (of the
    customers in a row tier, the share that lands in each column tier).

    Examples
    --------
    >>> cats = pd.CategoricalDtype(["top", "rest"], ordered=True)
    >>> df = pd.DataFrame({"a": pd.Series(["top", "rest", "rest"], dtype=cats),
    ...                    "b": pd.Series(["rest", "top", "rest"], dtype=cats)})
    >>> transition_table(df, before="a", after="b")
    b     top  rest
    a              
    top     0     1
    rest    1     1
    """
    require_frame(frame, {before: "any", after: "any"}, what="transition_table")
    a, b = frame[before], frame[after]
    if not isinstance(a.dtype, pd.CategoricalDtype):
        a = a.astype("category")
    if not isinstance(b.dtype, pd.CategoricalDtype):
        b = b.astype("category")
    table = pd.crosstab(a, b, dropna=False).reindex(index=a.cat.categories, columns=b.cat.categories,
                                                   fill_value=0)
    table = table.rename_axis(index=before, columns=after)
    if normalize:
        table = table.div(table.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0)
    return table


def tier_moves(frame: pd.DataFrame, *, before: str, after: str, outside="none") -> pd.Series:
    """Name each customer's move between two tier columns: up, down, same, new or out.

    Tiers are ordered top first (as :func:`pyramid` makes them).  ``outside`` is the category that
    means "not a customer in that period": from it is ``new``, to it is ``out``.

    Examples
    --------
    >>> cats = pd.CategoricalDtype(["gold", "iron", "none"], ordered=True)
    >>> df = pd.DataFrame({"y1": pd.Series(["gold", "iron", "none", "gold"], dtype=cats),
    ...                    "y2": pd.Series(["iron", "gold", "iron", "none"], dtype=cats)})
    >>> tier_moves(df, before="y1", after="y2").tolist()
    ['down', 'up', 'new', 'out']
    """
    require_frame(frame, {before: "any", after: "any"}, what="tier_moves")
    a, b = frame[before], frame[after]
    for name, s in ((before, a), (after, b)):
        if not (isinstance(s.dtype, pd.CategoricalDtype) and s.dtype.ordered):
            raise ValueError(f"tier_moves: column {name!r} has dtype {s.dtype}; expected ordered "
                             "tiers (an ordered category, top tier first), as pyramid() makes")
    for name, s in ((before, a), (after, b)):
        if outside not in list(s.cat.categories):
            raise ValueError(f"tier_moves: outside={outside!r} is not a tier of column {name!r}; "
                             f"expected one of {list(map(str, s.cat.categories))}")
    ca, cb = a.cat.codes.to_numpy(), b.cat.codes.to_numpy()
    out_a = (a == outside).to_numpy()
    out_b = (b == outside).to_numpy()
    move = np.select([out_a & out_b, out_a, out_b, ca > cb, ca < cb],
                     ["none", "new", "out", "up", "down"], "same")
    cats = ["up", "same", "down", "new", "out", "none"]
    return pd.Series(pd.Categorical(move, categories=cats), index=frame.index, name="move")


def yearly_values(transactions: pd.DataFrame, *, value="revenue", date="date", customer="customer_id"
                  ) -> pd.DataFrame:
    """Value per customer and calendar year: rows = customers, columns = years (0 = no purchase).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "revenue": [5.0, 7.0, 3.0],
    ...                    "date": pd.to_datetime(["2024-03-01", "2025-01-09", "2025-06-30"])})
    >>> yearly_values(tx)
    year         2024  2025
    customer_id            
    1             5.0   7.0
    2             0.0   3.0
    """
    require_frame(transactions, {customer: "any", value: "numeric", date: "date"}, what="yearly_values")
    codes, ids, yidx, years = _customer_year_codes(transactions, customer, date)
    n, ny = len(ids), len(years)
    grid = np.bincount(codes * ny + yidx, weights=transactions[value].to_numpy(dtype="float64"),
                       minlength=n * ny).reshape(n, ny)
    out = pd.DataFrame(grid, index=pd.Index(np.asarray(ids), name=customer),
                       columns=pd.Index(years, name="year"))
    return out.loc[:, _years_present(yidx, ny)]


def _customer_year_codes(transactions, customer, date):
    """Customer codes (sorted ids) and calendar-year offsets (every year from first to last)."""
    codes, ids = pd.factorize(transactions[customer], sort=True)
    year = transactions[date].to_numpy().astype("datetime64[Y]").astype("int64") + 1970
    y0 = int(year.min())
    yidx = year - y0
    years = list(range(y0, int(year.max()) + 1))
    return codes.astype("int64"), ids, yidx, years


def _years_present(yidx, ny):
    return np.bincount(yidx, minlength=ny) > 0


def tier_migration(transactions: pd.DataFrame, *, year_from: int, year_to: int, value="revenue",
                   shares=None, labels=None, date="date", customer="customer_id",
                   outside="none") -> pd.DataFrame:
    """Who moved between tiers from one year to the next (客户层级迁移).

    In each year, customers who bought are tiered with :func:`pyramid` on that year's ``value``;
    a customer who did not buy that year is ``outside`` ("none").  Returns one row per customer
    who bought in either year: ``value_<year_from>``, ``value_<year_to>``, ``tier_from``,
    ``tier_to`` (same ordered categories plus ``outside``) and ``move`` (:func:`tier_moves`).
    Pass the result to :func:`transition_table` for the migration matrix.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 3, 1, 2, 4],
    ...     "date": pd.to_datetime(["2024-05-01"] * 3 + ["2025-05-01"] * 3),
    ...     "revenue": [90.0, 10.0, 50.0, 5.0, 80.0, 40.0]})
    >>> m = tier_migration(tx, year_from=2024, year_to=2025, shares=[0.5, 0.5], labels=["top", "rest"])
    >>> m[["customer_id", "tier_from", "tier_to", "move"]]
       customer_id tier_from tier_to  move
    0            1       top    rest  down
    1            2      rest     top    up
    2            3       top    none   out
    3            4      none     top   new
    """
    what = "tier_migration"
    require_frame(transactions, {customer: "any", value: "numeric", date: "date"}, what=what)
    for name, y in (("year_from", year_from), ("year_to", year_to)):
        require_number(y, what=what, name=name, integer=True)
    years = set(transactions[date].dt.year.unique().tolist())
    for name, y in (("year_from", year_from), ("year_to", year_to)):
        if y not in years:
            raise ValueError(f"{what}: {name}={y} has no transactions; the data covers the years "
                             f"{sorted(years)}")
    if year_from == year_to:
        raise ValueError(f"{what}: year_from and year_to are both {year_from}; expected two years")
    if shares is not None and labels is None and len(list(shares)) == 3:
        labels = [t[0] for t in VALUE_TIERS]
    shares, labels = _labels(labels, shares, [t[0] for t in PYRAMID_TIERS], PYRAMID_SHARES, what)
    if outside in labels:
        raise ValueError(f"{what}: outside={outside!r} is also a tier label; pick another name")
    wide = yearly_values(transactions, value=value, date=date, customer=customer)
    wide = wide[[year_from, year_to]]
    wide = wide[(wide != 0).any(axis=1)]
    out = pd.DataFrame({customer: wide.index.to_numpy(),
                        f"value_{year_from}": wide[year_from].to_numpy(),
                        f"value_{year_to}": wide[year_to].to_numpy()})
    cats = pd.CategoricalDtype(labels + [outside], ordered=True)
    for col, year in (("tier_from", year_from), ("tier_to", year_to)):
        bought = out[out[f"value_{year}"] != 0][[customer, f"value_{year}"]]
        t = pyramid(bought, value=f"value_{year}", shares=shares, labels=labels, customer=customer)
        tiers = t.set_index(customer)["tier"].astype("str").reindex(out[customer]).fillna(outside)
        out[col] = pd.Categorical(tiers.to_numpy(), dtype=cats)
    out["move"] = tier_moves(out, before="tier_from", after="tier_to", outside=outside)
    return out


# --------------------------------------------------------------------------------------------
# RFM
# --------------------------------------------------------------------------------------------

def _quintile_scores(x: np.ndarray, bins: int) -> np.ndarray:
    """Score 1..bins by rank: score = 1 + floor((min-rank − 1) · bins / n); ties share a score."""
    n = len(x)
    r = pd.Series(x).rank(method="min").to_numpy()
    return (1 + np.floor((r - 1) * bins / n)).astype("int64")


def rfm(transactions: pd.DataFrame, *, asof, customer="customer_id", date="date", value="revenue",
        monetary="total", repeat_only=False, merge_same_day=True, bins=5, high=4) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer (RFM模型), scored and segmented.

    Definitions (state them, because they vary between books and tools):

    * Only purchases on or before ``asof`` count; ``asof`` must be given explicitly.
    * A purchase *occasion* is a customer-day: several orders on one day are merged into one
      occasion (their values added) unless ``merge_same_day=False``.
    * **recency** = days from the last occasion to ``asof`` (0 = bought on the as-of date).
    * **frequency** = number of occasions, the first purchase included; with
      ``repeat_only=True`` the first occasion is left out (frequency = repeat purchases, as in
      the BG/NBD "lifetimes" convention).
    * **monetary** = total value of the counted occasions (``monetary="total"``) or their mean
      value (``monetary="mean"``); with ``repeat_only=True`` and no repeat purchase it is 0.
    * **Scores** ``R``, ``F``, ``M`` run 1–5 (``bins``) by rank: ``score = 1 + floor((r − 1) ·
      bins / n)`` with r the lowest rank among ties, so the lowest value scores 1 and tied
      customers share a score (scores can then be unequal in size).  For recency, *fewer* days
      score higher.
    * **Segment**: each of R, F, M is *high* if its score is at least ``high`` (4 = the top two
      quintiles); the 8 combinations give the segments of :data:`RFM_SEGMENTS` (重要价值客户 …).

    Examples
    --------
    Customer 1 bought twice on 1 March (one occasion, 30 in all) and once on 9 March (20);
    customer 2 once on 2 March (100); customer 3 twice on 5 and 10 March.

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 2, 3, 3],
    ...     "date": pd.to_datetime(["2025-03-01", "2025-03-01", "2025-03-09", "2025-03-02",
    ...                             "2025-03-05", "2025-03-10"]),
    ...     "revenue": [10.0, 20.0, 20.0, 100.0, 5.0, 5.0]})
    >>> r = rfm(tx, asof="2025-03-10")
    >>> r[["customer_id", "recency", "frequency", "monetary", "R", "F", "M"]]
       customer_id  recency  frequency  monetary  R  F  M
    0            1        1          2      50.0  2  2  2
    1            2        8          1     100.0  1  1  4
    2            3        0          2      10.0  4  2  1
    >>> rfm(tx, asof="2025-03-10", monetary="mean")["monetary"].tolist()
    [25.0, 100.0, 5.0]
    >>> rfm(tx, asof="2025-03-10", repeat_only=True)[["frequency", "monetary"]].values.tolist()
    [[1.0, 20.0], [0.0, 0.0], [1.0, 5.0]]
    """
    what = "rfm"
    require_frame(transactions, {customer: "any", date: "date", value: "numeric"}, what=what)
    require_choice(monetary, ["total", "mean"], what=what, name="monetary")
    require_number(bins, what=what, name="bins", low=2, high=10, integer=True)
    require_number(high, what=what, name="high", low=1, high=bins, integer=True)
    if asof is None:
        raise ValueError(f"{what}: asof is missing; give the as-of date explicitly, e.g. "
                         "asof='YYYY-MM-DD'")
    try:
        asof = pd.Timestamp(asof)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: asof={asof!r} is not a date; expected a date such as 'YYYY-MM-DD'") from None
    if pd.isna(asof):
        raise ValueError(f"{what}: asof is missing; give the as-of date explicitly")
    tx = transactions[[customer, date, value]]
    tx = tx[tx[date] <= asof]
    if tx.empty:
        first = transactions[date].min()
        raise ValueError(f"{what}: no purchase on or before asof={asof.date()}; the first purchase "
                         f"in the data is on {pd.Timestamp(first).date()}")
    # One sort-based pass over the log (casekit.clv.summary.per_customer).
    codes, ids = pd.factorize(tx[customer], sort=True)
    day = tx[date].to_numpy().astype("datetime64[D]").astype("int64")
    n = len(ids)
    pc = per_customer(codes, n, day, tx[value].to_numpy(dtype="float64"),
                      merge_same_day=merge_same_day)
    first_day, last_day, n_occ = pc["first_day"], pc["last_day"], pc["occasions"]
    total, first_value = pc["total"], pc["first_value"]
    if repeat_only:
        frequency = (n_occ - 1).astype("int64")
        money_total = total - first_value
        mean = np.divide(money_total, frequency, out=np.zeros(n), where=frequency > 0)
    else:
        frequency = n_occ.astype("int64")
        money_total = total
        mean = total / n_occ
    asof_day = np.datetime64(asof.normalize().date(), "D").astype("int64")
    out = pd.DataFrame({
        customer: np.asarray(ids),
        "first_purchase": first_day.astype("datetime64[D]").astype(DATE_DTYPE),
        "last_purchase": last_day.astype("datetime64[D]").astype(DATE_DTYPE),
        "recency": (asof_day - last_day).astype("int64"),
        "frequency": frequency,
        "monetary": money_total if monetary == "total" else mean,
    })
    out["R"] = _quintile_scores(-out["recency"].to_numpy(), bins)
    out["F"] = _quintile_scores(out["frequency"].to_numpy(), bins)
    out["M"] = _quintile_scores(out["monetary"].to_numpy(), bins)
    r, f, m = (out[c].to_numpy() for c in "RFM")
    out["rfm_code"] = (r * 100 + f * 10 + m).astype("str")
    bit = lambda x: np.where(x >= high, 0, 1)  # noqa: E731 - 0 = high, 1 = low
    pattern = bit(r) * 4 + bit(f) * 2 + bit(m)
    lookup = np.empty(8, dtype="int64")
    for i, seg in enumerate(RFM_SEGMENTS):
        lookup[sum((ch == "L") << k for k, ch in zip((2, 1, 0), seg[2]))] = i
    out["segment"] = pd.Categorical.from_codes(lookup[pattern], categories=[s[0] for s in RFM_SEGMENTS])
    return out


def rfm_summary(scored: pd.DataFrame, *, value=None) -> pd.DataFrame:
    """Per RFM segment: customers, their share, mean recency / frequency / monetary, the action.

    ``value`` (a column of ``scored``, e.g. profit joined in) adds its sum and share per segment.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 2, 3], "revenue": [10.0, 50.0, 50.0, 5.0],
    ...     "date": pd.to_datetime(["2025-01-05", "2025-03-01", "2025-03-08", "2024-11-30"])})
    >>> s = rfm_summary(rfm(tx, asof="2025-03-31", bins=3, high=2))
    >>> s[s["customers"] > 0][["segment", "customers", "recency", "frequency", "monetary"]]
                     segment  customers  recency  frequency  monetary
    0        important value          1     23.0        2.0     100.0
    1  important development          1     85.0        1.0      10.0
    7       general win-back          1    121.0        1.0       5.0
    """
    cols = {"segment": "any", "recency": "numeric", "frequency": "numeric", "monetary": "numeric"}
    if value is not None:
        cols[value] = "numeric"
    require_frame(scored, cols, what="rfm_summary")
    g = scored.groupby("segment", observed=False, sort=True)
    out = pd.DataFrame({"customers": g.size()})
    out["customer_share"] = out["customers"] / len(scored)
    for c in ("recency", "frequency", "monetary"):
        out[c] = g[c].mean().round(1)
    if value is not None:
        out[value] = g[value].sum()
        out[f"{value}_share"] = out[value] / scored[value].sum()
    out = out.reset_index()
    seg = {s[0]: s for s in RFM_SEGMENTS}
    out["chinese"] = [seg[str(s)][1] for s in out["segment"]]
    out["action"] = [seg[str(s)][3] for s in out["segment"]]
    return out


# --------------------------------------------------------------------------------------------
# Customer lifetime value
# --------------------------------------------------------------------------------------------

def clv_factor(retention, *, discount=0.10, horizon=5):
    """The multiplier of a yearly margin: ``Σ_{t=0}^{T-1} r^t / (1 + d)^t``.

    With ``q = r / (1 + d)`` it equals ``(1 − q^T) / (1 − q)`` (or ``T`` when q = 1).
    ``retention`` may be a number or an array (one rate per customer).

    Examples
    --------
    >>> round(clv_factor(0.5, discount=0.0, horizon=3), 6)     # 1 + 0.5 + 0.25
    1.75
    >>> round(clv_factor(1.0, discount=0.0, horizon=4), 6)
    4.0
    """
    what = "clv_factor"
    require_number(discount, what=what, name="discount", low=0.0, high=1.0)
    require_number(horizon, what=what, name="horizon", low=1, high=100, integer=True)
    if isinstance(retention, (str, bytes, pd.DataFrame)):
        raise ValueError(f"{what}: retention must be a rate between 0 and 1 or a column of rates, "
                         f"got {type(retention).__name__}")
    try:
        r = np.asarray(retention, dtype="float64")
    except (TypeError, ValueError):
        raise ValueError(f"{what}: retention must hold rates between 0 and 1, got "
                         f"{retention!r}") from None
    if not np.all(np.isfinite(r)) or np.any((r < 0) | (r > 1)):
        raise ValueError(f"{what}: retention must hold rates between 0 and 1, got {retention!r}")
    q = r / (1.0 + discount)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(np.isclose(q, 1.0), float(horizon), (1.0 - q ** horizon) / (1.0 - q))
    return float(f) if f.ndim == 0 else f


def clv(customers: pd.DataFrame, *, margin="annual_profit", retention=0.8, discount=0.10, horizon=5
        ) -> pd.Series:
    """Simple customer lifetime value (客户终身价值) per customer.

    ``CLV = Σ_{t=0}^{T-1} m · r^t / (1 + d)^t`` — the yearly margin ``m`` (column ``margin``),
    kept with probability ``r`` each further year (``retention``: a rate, or the name of a column
    of rates per customer) and discounted at ``d`` per year, over ``T = horizon`` years; year 0
    counts in full.

    Examples
    --------
    A customer earning 100 a year, staying with probability 0.8, discount rate 10%, 3 years:
    100 + 100·0.8/1.1 + 100·0.8²/1.1² = 100 + 72.73 + 52.89 = 225.62.

    >>> df = pd.DataFrame({"annual_profit": [100.0, 100.0, -20.0], "r": [0.8, 0.5, 0.8]})
    >>> clv(df, retention=0.8, discount=0.10, horizon=3).round(2).tolist()
    [225.62, 225.62, -45.12]
    >>> clv(df, retention="r", discount=0.0, horizon=3).round(2).tolist()
    [244.0, 175.0, -48.8]
    """
    what = "clv"
    cols = {margin: "numeric"}
    if isinstance(retention, str):
        cols[retention] = "numeric"
    require_frame(customers, cols, what=what)
    r = customers[retention].to_numpy(dtype="float64") if isinstance(retention, str) else retention
    if not isinstance(retention, str):
        require_number(retention, what=what, name="retention", low=0.0, high=1.0)
        f = clv_factor(r, discount=discount, horizon=horizon)
    else:  # clv_factor's closed form, in place, for one rate per customer (same numbers)
        require_number(discount, what="clv_factor", name="discount", low=0.0, high=1.0)
        require_number(horizon, what="clv_factor", name="horizon", low=1, high=100, integer=True)
        if not (r.min() >= 0 and r.max() <= 1):
            clv_factor(r, discount=discount, horizon=horizon)  # raises, naming the bad rates
        q = r / (1.0 + discount)
        f = np.power(q, float(horizon))  # the same numbers as q ** horizon, in half the time
        np.subtract(1.0, f, out=f)
        tol = 1e-08 + 1e-05  # np.isclose(q, 1.0), where 1 - q would be ~0: T years in full
        near_one = np.abs(q - 1.0) <= tol if q.max() > 1.0 - 2 * tol else None
        np.subtract(1.0, q, out=q)
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(f, q, out=f)
        if near_one is not None:
            f[near_one] = float(horizon)
        np.multiply(customers[margin].to_numpy(dtype="float64"), f, out=f)
        return pd.Series(f, index=customers.index, name="clv", copy=False)
    return pd.Series(customers[margin].to_numpy(dtype="float64") * f, index=customers.index,
                     name="clv")


def yearly_retention(transactions: pd.DataFrame, *, groups=None, date="date", customer="customer_id"
                     ) -> pd.Series:
    """Observed yearly retention rate (客户保持率): of the customers who bought in a year, the share
    who bought again the next year, pooled over all pairs of consecutive years in the data.

    ``groups`` (a Series mapping customer id → group) gives one rate per group.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 3, 1, 2, 1],
    ...     "date": pd.to_datetime(["2023-05-01"] * 3 + ["2024-05-01"] * 2 + ["2025-05-01"])})
    >>> float(yearly_retention(tx).iloc[0])     # 2023→24: 2 of 3 stay; 2024→25: 1 of 2 → 3 of 5
    0.6
    """
    require_frame(transactions, {customer: "any", date: "date"}, what="yearly_retention")
    codes, ids, yidx, years = _customer_year_codes(transactions, customer, date)
    n, ny = len(ids), len(years)
    if ny < 2:
        raise ValueError("yearly_retention: the data covers a single year; expected at least two")
    present = (np.bincount(codes * ny + yidx, minlength=n * ny) > 0).reshape(n, ny)
    base = present[:, :-1].sum(axis=1)                       # years a customer could stay on from
    stayed = (present[:, :-1] & present[:, 1:]).sum(axis=1)  # ... and did buy the next year
    if groups is None:
        rate = stayed.sum() / base.sum() if base.sum() else float("nan")
        return pd.Series([float(rate)], index=pd.Index(["all"], name="group"), name="retention")
    if not isinstance(groups, pd.Series):
        raise ValueError(f"yearly_retention: groups must be a Series mapping {customer} to a group, "
                         f"got {type(groups).__name__}")
    gid = pd.Series(np.asarray(ids)).map(groups).to_numpy()
    frame = pd.DataFrame({"group": gid, "base": base, "stayed": stayed})
    sums = frame.groupby("group", observed=True)[["base", "stayed"]].sum()
    sums = sums[sums["base"] > 0]
    rate = (sums["stayed"] / sums["base"]).rename("retention")
    rate.index.name = "group"
    return rate


# --------------------------------------------------------------------------------------------
# Per-customer value of the synthetic world
# --------------------------------------------------------------------------------------------

@per_world
def customer_values(world, *, discount=0.10, horizon=5, retention_bands=5) -> pd.DataFrame:
    """One row per customer of a synthetic world with every value a tier can be built on.

    Profit follows the kit's one definition, :func:`casekit.selection.customer_profitability`
    (gross margin − cost to serve for the time active − bad debt).  Columns:

    * ``customer_id``; ``revenue``, ``margin`` (gross margin) and ``profit`` over the whole period;
    * ``revenue_last`` and ``annual_profit``: the same for the last data year (the margin ``m`` of
      the lifetime value);
    * ``service_hours`` (a year's service time) and ``loyalty``;
    * ``retention``: the observed :func:`yearly_retention` of the customer's loyalty band
      (``retention_bands`` equal-sized bands, least loyal first);
    * ``churned`` and ``clv``: :func:`clv` of ``annual_profit`` at that retention, ``discount``
      and ``horizon``; 0 for a churned customer, who has no future with us.
    """
    what = "customer_values"
    if not hasattr(world, "customers") or not hasattr(world, "transactions"):
        raise ValueError(f"{what}: expected a casekit World (ck.world()), got {type(world).__name__}")
    require_number(retention_bands, what=what, name="retention_bands", low=1, high=20, integer=True)
    c, tx = world.customers, world.transactions
    require_frame(c, {"customer_id": "any", "service_hours": "numeric", "loyalty": "numeric",
                      "churned": "bool"}, what=what)
    require_frame(tx, {"customer_id": "any", "date": "date", "revenue": "numeric"}, what=what)
    whole = customer_profitability(world, active_only=False)
    last_year = int(tx["date"].dt.year.max())
    last = customer_profitability(world, years=last_year, active_only=False).reindex(whole.index)
    cc = c.set_index("customer_id").reindex(whole.index)
    out = pd.DataFrame({
        "customer_id": whole.index.to_numpy(),
        "revenue": whole["revenue"].to_numpy(),
        "margin": whole["gross_margin"].to_numpy(),
        "profit": whole["profit"].to_numpy(),
        "revenue_last": last["revenue"].to_numpy(),
        "annual_profit": last["profit"].to_numpy(),
        "service_hours": cc["service_hours"].to_numpy(),
        "loyalty": cc["loyalty"].to_numpy(),
    })
    band = pd.Series(pd.qcut(cc["loyalty"].rank(method="first"), retention_bands, labels=False)
                     .to_numpy(), index=out["customer_id"].to_numpy())
    rates = yearly_retention(tx, groups=band)
    out["retention"] = band.map(rates).fillna(float(rates.mean())).to_numpy()
    churned = cc["churned"].to_numpy(dtype=bool)
    out["churned"] = churned
    out["clv"] = np.where(churned, 0.0,
                          clv(out, margin="annual_profit", retention="retention", discount=discount,
                              horizon=horizon).to_numpy())
    return out


# --------------------------------------------------------------------------------------------
# Key accounts: strategic focus and time allocation
# --------------------------------------------------------------------------------------------

_CRITERIA = (("attractiveness", "attr_"), ("potential", "pot_"), ("relationship", "rel_"))


def account_scores(accounts: pd.DataFrame, *, customer="customer_id") -> pd.DataFrame:
    """The three key-account criteria of S4, each the mean of its 1–5 item scores.

    * attractiveness (吸引力) = mean of the ``attr_*`` columns (growth, size, competition,
      profitability, need, strategic importance);
    * potential (潜力) = mean of the ``pot_*`` columns;
    * relationship (关系定位) = mean of the ``rel_*`` columns (frequency, knowledge, contacts,
      range, price, reputation, financial strength, service).

    Examples
    --------
    >>> acc = pd.DataFrame({"customer_id": [7, 8], "attr_growth": [5, 1], "attr_size": [4, 2],
    ...                     "pot_volume": [3, 3], "rel_frequency": [2, 5], "rel_service": [1, 4]})
    >>> account_scores(acc)
       customer_id  attractiveness  potential  relationship
    0            7             4.5        3.0           1.5
    1            8             1.5        3.0           4.5
    """
    what = "account_scores"
    require_frame(accounts, {customer: "any"}, what=what)
    out = pd.DataFrame({customer: accounts[customer].to_numpy()})
    for name, prefix in _CRITERIA:
        cols = [c for c in accounts.columns if str(c).startswith(prefix)]
        if not cols:
            raise ValueError(f"{what}: no {name} items found; expected columns starting with "
                             f"{prefix!r} (e.g. {prefix}growth) scored 1–5")
        require_frame(accounts, {c: "numeric" for c in cols}, what=what)
        block = accounts[cols].to_numpy(dtype="float64")
        if ((block < 1) | (block > 5)).any():
            bad = cols[int(np.argwhere((block < 1) | (block > 5))[0][1])]
            raise ValueError(f"{what}: column {bad!r} holds a score outside 1–5; expected scores "
                             "from 1 (worst) to 5 (best)")
        out[name] = block.mean(axis=1).round(3)
    return out


def strategic_focus(accounts: pd.DataFrame, *, cut=3.0, customer="customer_id") -> pd.DataFrame:
    """Place key-account candidates in the strategic-focus matrix (战略关注水平), S4.

    Attractiveness (吸引力) high or low × relationship (关系定位) strong or weak, each *high/strong*
    when its score (:func:`account_scores`) is at least ``cut`` (default 3, the middle of the
    1–5 scale; ``cut="median"`` splits at each criterion's median):

    ============== ===================== =====================
    attractiveness weak relationship     strong relationship
    ============== ===================== =====================
    high           target (目标): invest  key (关键): protect
    low            low-key (低调): serve  maintain (维持): keep
                   cheaply               efficiently
    ============== ===================== =====================

    Returns :func:`account_scores` plus ``focus`` (ordered: key, target, maintain, low-key).

    Examples
    --------
    >>> acc = pd.DataFrame({"customer_id": [1, 2, 3, 4], "attr_x": [5, 4, 2, 1],
    ...                     "pot_x": [3, 3, 3, 3], "rel_x": [4, 2, 5, 1]})
    >>> strategic_focus(acc)[["customer_id", "attractiveness", "relationship", "focus"]]
       customer_id  attractiveness  relationship     focus
    0            1             5.0           4.0       key
    1            2             4.0           2.0    target
    2            3             2.0           5.0  maintain
    3            4             1.0           1.0   low-key
    """
    out = account_scores(accounts, customer=customer)
    if isinstance(cut, str):
        require_choice(cut, ["median"], what="strategic_focus", name="cut")
        ca, cr = out["attractiveness"].median(), out["relationship"].median()
    else:
        require_number(cut, what="strategic_focus", name="cut", low=1.0, high=5.0)
        ca = cr = float(cut)
    hi_a = out["attractiveness"].to_numpy() >= ca
    hi_r = out["relationship"].to_numpy() >= cr
    code = np.select([hi_a & hi_r, hi_a, hi_r], [0, 1, 2], 3)
    out["focus"] = pd.Categorical.from_codes(code, categories=[f[0] for f in FOCUS_LEVELS],
                                             ordered=True)
    return out


@validated(frames={"customers": {"{customer}": "any"}}, keys={"customers": "{customer}"})
def time_allocation(customers: pd.DataFrame, *, value="profit", time="service_hours",
                    customer="customer_id") -> pd.DataFrame:
    """The S4 time pyramid against the data: per value tier, share of customers, time and value.

    Customers are tiered by ``value`` into key 10% / ordinary 30% / would-be 60% (关键客户 /
    普通客户 / 有可能成为你的客户).  Columns: ``tier``, ``customers``, ``customer_share``, the
    value's sum / share / mean, the ``time`` sum and share, value per hour, and ``s4_time_share``
    — the share of time S4 says the tier should get (60% / 30% / 10%).

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": range(1, 11), "profit": [100.0] + [10.0] * 3 + [1.0] * 6,
    ...                    "service_hours": [2.0] + [2.0] * 3 + [2.0] * 6})
    >>> t = time_allocation(df)
    >>> t[["tier", "customers", "profit_share", "service_hours_share", "s4_time_share"]]
           tier  customers  profit_share  service_hours_share  s4_time_share
    0       key          1      0.735294                  0.1            0.6
    1  ordinary          3      0.220588                  0.3            0.3
    2  would-be          6      0.044118                  0.6            0.1
    """
    require_frame(customers, {customer: "any", value: "numeric", time: "numeric"},
                  what="time_allocation")
    t = pyramid(customers, value=value, shares=[p[2] for p in TIME_PYRAMID],
                labels=[p[0] for p in TIME_PYRAMID], customer=customer)
    out = tier_summary(t, values=[value], time=time)
    out["s4_time_share"] = [p[3] for p in TIME_PYRAMID]
    return out


def reallocate_time(customers: pd.DataFrame, *, tier="tier", time="service_hours", target=None,
                    hours_per_fte=_HOURS_PER_FTE) -> pd.DataFrame:
    """Hours per tier now and under a target split of the same total time; staff needed per tier.

    ``target`` maps tier → share of all hours (default: the S4 split 60/30/10 for the tiers
    key / ordinary / would-be).  ``fte`` = hours / ``hours_per_fte`` (1,600 hours a year per
    full-time account manager).

    Examples
    --------
    >>> df = pd.DataFrame({"tier": ["key", "ordinary", "ordinary", "would-be"],
    ...                    "service_hours": [400.0, 600.0, 600.0, 1600.0]})
    >>> print(reallocate_time(df).to_string())
           tier  customers  hours_now  hours_target  hours_per_customer_now  hours_per_customer_target  fte_now  fte_target
    0       key          1      400.0        1920.0                   400.0                     1920.0     0.25         1.2
    1  ordinary          2     1200.0         960.0                   600.0                      480.0     0.75         0.6
    2  would-be          1     1600.0         320.0                  1600.0                      320.0     1.00         0.2
    """
    what = "reallocate_time"
    require_frame(customers, {tier: "any", time: "numeric"}, what=what)
    require_number(hours_per_fte, what=what, name="hours_per_fte", low=1.0)
    if target is None:
        target = {p[0]: p[3] for p in TIME_PYRAMID}
    if not isinstance(target, dict):
        raise ValueError(f"{what}: target must map each tier to its share of time, got {target!r}")
    require_shares(list(target.values()), what=what, name="target")
    tiers = customers[tier]
    present = [str(x) for x in (tiers.cat.categories if isinstance(tiers.dtype, pd.CategoricalDtype)
                                else pd.unique(tiers))]
    missing = [t for t in present if t not in target]
    if missing:
        raise ValueError(f"{what}: target has no share for the tier(s) {missing}; it has "
                         f"{list(target)}")
    g = customers.groupby(tiers.astype("str"), sort=False)
    now = g[time].sum()
    n = g.size()
    total = float(customers[time].sum())
    order = [t for t in target if t in now.index]
    out = pd.DataFrame({tier: order, "customers": n.reindex(order).to_numpy(),
                        "hours_now": now.reindex(order).to_numpy()})
    out["hours_target"] = [target[t] * total for t in order]
    out["hours_per_customer_now"] = out["hours_now"] / out["customers"]
    out["hours_per_customer_target"] = out["hours_target"] / out["customers"]
    out["fte_now"] = out["hours_now"] / hours_per_fte
    out["fte_target"] = out["hours_target"] / hours_per_fte
    return out
