"""Pareto (80/20), concentration (top share, Gini) and ABC classes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import _fast
from ..core.checks import Interval, require_frame, require_number, validated
from ..i18n import _
from ._base import _top_k


# --------------------------------------------------------------------------------------------
# Pareto (80/20) and concentration
# --------------------------------------------------------------------------------------------

@validated(frames={"transactions": {"{customer}": "key", "{value}": "numeric"}})
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


@validated(frames={"customers": {"{customer}": "key", "{value}": "numeric"}}, keys={"customers": "{customer}"})
def pareto_table(customers: pd.DataFrame, *, value="revenue", customer="customer_id"
                 ) -> pd.DataFrame:
    """The cumulative share table behind the Pareto curve (帕累托定律, 80/20 rule).

    Customers are ranked by ``value`` (highest first).  ``customer_share`` is the share of
    customers up to this one (rank / n), ``value_share`` the share of the total ``value`` they
    bring together.  With negative values (loss-making customers) the total is smaller than the
    sum of the positives, so ``value_share`` can rise above 1 and then fall back to 1: the
    "whale curve" of profit.

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids), the ``value=`` column (numbers).
    value : str, default 'revenue'
        Name of the value column.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        The cumulative share table behind the Pareto curve (帕累托定律, 80/20 rule).

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
    # The columns were checked by @validated (numbers, unique ids, not empty): one ranking.
    total = float(customers[value].sum())
    if total <= 0:
        raise ValueError(_("pareto_table: the total of {value!r} is {total:g}; expected a positive "
                           "total to take shares of").format(value=value, total=total))
    out, v = _ranked_fast(customers[[customer, value]], value, customer)
    out["customer_share"] = out["rank"].to_numpy() / len(out)
    out["value_share"] = np.cumsum(v) / total
    return out


def _ranked_fast(frame: pd.DataFrame, value: str, customer: str):
    """:func:`._base._ranked` (highest value first, ties by id; a 1-based ``rank``) from
    :func:`casekit._fast.rank_order`; also the ranked values as an array."""
    v = frame[value].to_numpy(dtype="float64")
    by_id = customer in frame.columns and customer != value
    order = _fast.rank_order(v, frame[customer].to_numpy() if by_id else None)
    out = frame.take(order).reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out, v[order]


@validated(frames={"customers": {"{value}": "numeric"}}, options={"top": Interval(0, 1)})
def top_share(customers: pd.DataFrame, *, value="revenue", top=0.2, customer="customer_id") -> float:
    """The share of the total ``value`` that the top ``top`` share of customers bring.

    The top x% are the first ``ceil(x · n)`` customers by value.  Profit can give a share above
    1 (the top customers earn more than the whole firm; the rest lose money).

    Parameters
    ----------
    customers : DataFrame
        Needs the ``value=`` column (numbers).
    value : str, default 'revenue'
        Name of the value column.
    top : float, default 0.2
        Number in [0, 1].
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    float
        The share of the total ``value`` that the top ``top`` share of customers bring.

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
        raise ValueError(_("top_share: top=0 picks no customers; expected a share above 0, e.g. 0.2"))
    total = float(customers[value].sum())
    if total <= 0:
        raise ValueError(_("top_share: the total of {value!r} is {total:g}; expected a positive total").format(
            value=value, total=total))
    v = np.sort(customers[value].to_numpy(dtype="float64"))[::-1]
    return float(v[:_top_k(top, len(v))].sum() / total)


@validated(frames={"customers": {"{value}": "numeric"}})
def gini(customers: pd.DataFrame, *, value="revenue") -> float:
    """Gini coefficient of concentration (基尼系数): 0 = everyone equal, near 1 = one customer has all.

    ``G = 2 Σ i·x_(i) / (n Σ x) − (n + 1) / n`` with the values sorted ascending (i = 1..n); it is
    twice the area between the line of equality and the Lorenz curve.  Defined for values that are
    not negative.

    Parameters
    ----------
    customers : DataFrame
        Needs the ``value=`` column (numbers).
    value : str, default 'revenue'
        Name of the value column.

    Returns
    -------
    float
        Gini coefficient of concentration (基尼系数): 0 = everyone equal, near 1 = one customer has
        all.

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
        raise ValueError(_("gini: column {value!r} holds negative values (e.g. {x:g}); the Gini "
                           "coefficient needs values of 0 or more (use revenue, not profit)").format(
            value=value, x=x[0]))
    total = x.sum()
    if total <= 0:
        raise ValueError(_("gini: the total of {value!r} is 0; expected some positive values").format(value=value))
    n = len(x)
    i = np.arange(1, n + 1)
    return float(round(2.0 * (i * x).sum() / (n * total) - (n + 1) / n, 12))


@validated(frames={"customers": {"{customer}": "key", "{value}": "numeric"}}, keys={"customers": "{customer}"})
def abc(customers: pd.DataFrame, *, value="revenue", cutoffs=(0.8, 0.95), customer="customer_id"
        ) -> pd.DataFrame:
    """ABC analysis (ABC分类法) with adjustable cut-offs on the cumulative value share.

    A customer is class A while the cumulative share of the customers ranked *before* it is below
    ``cutoffs[0]`` (so the customer who crosses the line still counts as A), B while it is below
    ``cutoffs[1]``, and C otherwise.

    Returns a copy of ``customers`` ranked by value with the :func:`pareto_table` columns
    (``rank``, ``customer_share``, ``value_share``) and ``abc`` (ordered category, A first).

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids), the ``value=`` column (numbers).
    value : str, default 'revenue'
        Name of the value column.
    cutoffs : tuple, default (0.8, 0.95)
        Cumulative shares ending classes A and B.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        ABC analysis (ABC分类法) with adjustable cut-offs on the cumulative value share.

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
        raise ValueError(_("abc: cutoffs={cutoffs!r} must be two shares such as (0.8, 0.95)").format(
            cutoffs=cutoffs)) from None
    if not (0 < a < b <= 1):
        raise ValueError(_("abc: cutoffs={cutoffs!r} must satisfy 0 < A cut-off < B cut-off <= 1, "
                           "e.g. (0.8, 0.95)").format(cutoffs=cutoffs))
    # The columns were checked by @validated (numbers, unique ids, not empty); pareto_table's
    # check of the total, then one ranking (highest first, ties by customer id).
    total = float(customers[value].sum())
    if total <= 0:
        raise ValueError(_("pareto_table: the total of {value!r} is {total:g}; expected a positive "
                           "total to take shares of").format(value=value, total=total))
    out, v = _ranked_fast(customers, value, customer)
    out["customer_share"] = out["rank"].to_numpy() / len(out)
    ranked_total = out[value].sum()
    share = np.cumsum(v)
    share /= ranked_total
    out["value_share"] = share
    # the share before each customer: below the A cut-off → A (0), below B's → B (1), else C (2)
    before = share - v / ranked_total
    code = np.searchsorted(np.array([a - 1e-12, b - 1e-12]), before, side="right").astype(np.int8)
    out["abc"] = pd.Categorical.from_codes(code, categories=["A", "B", "C"], ordered=True)
    return out
