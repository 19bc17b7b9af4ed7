"""The kit's one definition of customer profit (客户利润), shared by every chapter.

:func:`customer_profitability` turns the orders and the customers' cost to serve and bad debt
into revenue, gross margin and profit per customer; chapter 1 teaches it, and chapters 4, 5 and 6
build their customer views on it (through :func:`casekit.core.customers.customer_table`).

Examples
--------
>>> import casekit as ck
>>> p = customer_profitability(ck.world())
>>> bool((p["profit"] == p["gross_margin"] - p["cost_to_serve"] - p["bad_debt"]).all())
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .checks import DateOption, Flag, kit_columns, validated
from .memo import per_world
from .world import asof_of, is_world

__all__ = ["customer_profitability", "frames", "positions", "PROFIT_COLS", "TX_COLS"]

#: Columns of the customers that profit needs (kinds as in :func:`casekit.core.checks.check_columns`).
PROFIT_COLS = {"customer_id": "id", "first_purchase": "date", "cost_to_serve": "numeric",
               "bad_debt": "numeric", "churned": "bool", "churn_date": "?date"}
#: Columns of the orders that profit needs.
TX_COLS = {"customer_id": "id", "date": "date", "list_value": "numeric",
           "discount": "numeric", "revenue": "numeric", "margin": "numeric"}


def frames(data, transactions, what):
    """``(customers, transactions, asof)`` from a World or from the two frames.

    The as-of date is the World's, or the last order's date when frames are given.

    Parameters
    ----------
    data : World or DataFrame
        A World, or the customers frame.
    transactions : DataFrame or None
        The orders, when ``data`` is the customers frame.
    what : str
        The calling function, named in the message.

    Returns
    -------
    tuple
        ``(customers, transactions, asof)``.

    Examples
    --------
    >>> import casekit as ck
    >>> c, t, asof = frames(ck.world(), None, "f")
    >>> len(c), asof.year == t["date"].max().year
    (2000, True)
    """
    if is_world(data):
        if transactions is not None:
            raise ValueError(f"{what}: pass either a world or (customers, transactions), not both")
        return data.customers, data.transactions, asof_of(data)
    if transactions is None:
        kind = type(data).__name__
        raise ValueError(f"{what}: expected a casekit World (e.g. ck.world()) or the customers and "
                         f"transactions frames; got {kind} without transactions")
    if not isinstance(transactions, pd.DataFrame):
        raise ValueError(f"{what}: transactions must be a DataFrame, got {type(transactions).__name__}")
    asof = asof_of(transactions) if len(transactions) and "date" in transactions else None
    return data, transactions, asof


def _years(years, tx, what) -> list[int]:
    if years is None:
        return list(range(int(tx["date"].min().year), int(tx["date"].max().year) + 1))
    if isinstance(years, (int, np.integer)) and not isinstance(years, bool):
        years = [years]
    try:
        out = sorted({int(y) for y in years})
    except (TypeError, ValueError):
        raise ValueError(f"{what}: years={years!r} must be a calendar year or a list of "
                         "years") from None
    if not out or any(y < 1900 or y > 2200 for y in out):
        raise ValueError(f"{what}: years={years!r} must hold calendar years (four-digit numbers)")
    return out


def positions(ids: np.ndarray, tx_ids: np.ndarray, what: str) -> np.ndarray:
    """Row position in the customers of each transaction's customer (fast for sorted ids).

    Parameters
    ----------
    ids : ndarray
        The customers' ids, in their row order.
    tx_ids : ndarray
        The customer id of each order.
    what : str
        The calling function, named in the message.

    Returns
    -------
    ndarray
        For each order, the row position of its customer.

    Examples
    --------
    >>> positions(np.array([10, 20, 30]), np.array([30, 10, 10]), "f").tolist()
    [2, 0, 0]
    """
    lo = int(ids.min()) if len(ids) else 0
    span = int(ids.max()) - lo + 1 if len(ids) else 0
    if 0 < span <= max(4 * len(ids), 1_000_000):
        # integer ids in a compact range: a lookup table, one pass over the orders
        lookup = np.full(span + 1, -1, dtype="int64")  # the extra last slot catches ids out of range
        lookup[ids - lo] = np.arange(len(ids))
        rel = tx_ids.astype("int64") - lo
        rel = np.where((rel < 0) | (rel >= span), span, rel)
        pos = lookup[rel]
        bad = pos < 0
    else:
        pos = pd.Index(ids).get_indexer(tx_ids)
        bad = pos < 0
    if bad.any():
        raise ValueError(f"{what}: the transactions hold customer_id {int(tx_ids[bad][0])}, which is "
                         "not in the customers; pass the customers of all the orders")
    return pos


@per_world
@validated(world={"customers": {"{customer}": "id", **{c: k for c, k in PROFIT_COLS.items()
                                                         if c != "customer_id"}},
                  "transactions": {"{customer}": "id", "{date}": "date", "{value}": "numeric",
                                   **{c: k for c, k in TX_COLS.items()
                                      if c not in ("customer_id", "date", "revenue")}}},
           options={"active_only": Flag(), "asof": DateOption()},
           keys={"customers": "{customer}"}, empty_ok=("transactions",))
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
def customer_profitability(data, transactions=None, *, years=None, active_only: bool = True,
                           asof=None) -> pd.DataFrame:
    """Profit per customer: revenue, discount, gross margin, cost to serve and bad debt.

    The kit's one definition of customer profit (客户利润), used by every chapter.  For the
    calendar ``years`` chosen (default: every year in the transactions):

    * ``list_value``, ``discount``, ``revenue`` (net = list − discount), ``gross_margin``
      (revenue − cost of goods) and ``orders``: sums over the customer's orders in those years;
    * ``active_years``: the years the customer was a customer within those years — for each
      year, the share of its days between the first purchase and the churn date (or the as-of
      date), summed; a customer active the whole of 2023–2025 has 3.0;
    * ``cost_to_serve``: the customer's yearly cost to serve × ``active_years``;
    * ``bad_debt``: the customer's bad debt over the data period × the share of its revenue that
      falls in the chosen years (all of it when all years are chosen);
    * ``profit`` = gross_margin − cost_to_serve − bad_debt;
    * ``discount_rate`` = discount / list_value; ``profit_margin`` = profit / revenue
      (missing when there is no revenue); ``annual_revenue`` = revenue / active_years.

    Acquisition and retention spending are not deducted (they are decisions about the customer,
    not costs the customer causes).

    Parameters
    ----------
    data : World or DataFrame
        A casekit World, or the ``customers`` frame (then pass ``transactions`` too), its ids in
        the ``customer=`` column.
    transactions : DataFrame, optional
        The orders, when ``data`` is the customers frame: the ``customer=``, ``date=`` and
        ``value=`` (net revenue) columns, ``list_value``, ``discount`` and ``margin``.
    years : int or list of int, optional
        Calendar years to count, e.g. ``2025`` or ``[2024, 2025]``.
    active_only : bool
        Keep only customers active at some time in those years (default); otherwise every
        customer, with zeros.
    asof : date, optional
        End of the data for customers who have not churned (default ``None``: the world's as-of
        date, or the last order's date when given frames).
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame indexed by ``customer_id``.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3], "first_purchase": pd.to_datetime(["2020-05-01"] * 3),
    ...     "cost_to_serve": [100.0, 500.0, 100.0], "bad_debt": [0.0, 0.0, 300.0],
    ...     "churned": [False, False, False]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 1, 2, 3], "date": pd.to_datetime(["2025-02-01", "2025-06-01",
    ...                                                          "2025-03-01", "2025-04-01"]),
    ...     "list_value": [1000.0, 1000.0, 3000.0, 1000.0], "discount": [0.0, 100.0, 600.0, 0.0],
    ...     "revenue": [1000.0, 900.0, 2400.0, 1000.0], "margin": [400.0, 300.0, 600.0, 400.0]})
    >>> p = customer_profitability(customers, tx, years=2025)
    >>> p[["revenue", "gross_margin", "cost_to_serve", "bad_debt", "profit"]]  # doctest: +NORMALIZE_WHITESPACE
                 revenue  gross_margin  cost_to_serve  bad_debt  profit
    customer_id
    1             1900.0         700.0          100.0       0.0   600.0
    2             2400.0         600.0          500.0       0.0   100.0
    3             1000.0         400.0          100.0     300.0     0.0
    >>> p["profit_margin"].round(3).tolist()
    [0.316, 0.042, 0.0]
    """
    what = "customer_profitability"
    customers, tx, default_asof = frames(data, transactions, what)
    if len(tx) == 0 and years is None:
        raise ValueError(f"{what}: the transactions are empty; pass years=... or some orders")
    churned_flag = customers["churned"].to_numpy(dtype=bool)
    if churned_flag.any():
        if "churn_date" not in customers:
            raise ValueError(f"{what}: the customers mark {int(churned_flag.sum())} as churned but "
                             "have no 'churn_date' column; expected the day each churned customer "
                             "left (cost to serve stops then)")
        gap = churned_flag & customers["churn_date"].isna().to_numpy()
        if gap.any():
            i = int(np.flatnonzero(gap)[0])
            raise ValueError(f"{what}: customer {customers['customer_id'].iloc[i]!r} (row "
                             f"{customers.index[i]!r}) has churned=True but no churn_date; expected "
                             "the day it left")
    ys = _years(years, tx, what)
    asof = pd.Timestamp(default_asof if asof is None else asof)

    # Active share of each chosen year, vectorised over customers (a loop over a few years only).
    first = customers["first_purchase"].to_numpy("datetime64[D]")
    churn = (customers["churn_date"] if "churn_date" in customers else
             pd.Series(pd.NaT, index=customers.index)).to_numpy("datetime64[D]")
    end = np.where(customers["churned"].to_numpy() & ~np.isnat(churn), churn,
                   np.datetime64(asof.date(), "D"))
    active = np.zeros(len(customers))
    for y in ys:
        y0, y1 = np.datetime64(f"{y}-01-01", "D"), np.datetime64(f"{y}-12-31", "D")
        days = (np.minimum(end, y1) - np.maximum(first, y0)).astype("int64") + 1
        active += np.clip(days, 0, None) / ((y1 - y0).astype("int64") + 1)

    ids = customers["customer_id"].to_numpy()
    pos = positions(ids, tx["customer_id"].to_numpy(), what)
    dates = tx["date"].to_numpy("datetime64[D]")
    in_years = np.zeros(len(tx), bool)
    for y in ys:  # a few years: vectorised comparisons, no .dt accessor over millions of rows
        in_years |= (dates >= np.datetime64(f"{y}-01-01", "D")) & (dates <= np.datetime64(f"{y}-12-31", "D"))
    n = len(ids)
    every = bool(in_years.all())
    p_in = pos if every else pos[in_years]

    def total(col, rows=None):
        w = tx[col].to_numpy(dtype="float64")
        if rows is None or every:
            return np.bincount(pos, weights=w, minlength=n)
        return np.bincount(p_in, weights=w[rows], minlength=n)

    agg = {c: total(c, in_years) for c in ("list_value", "discount", "revenue", "margin")}
    agg["orders"] = np.bincount(p_in, minlength=n)
    total_rev = total("revenue")

    out = pd.DataFrame(index=pd.Index(ids, name="customer_id"))
    out["active_years"] = active
    out["orders"] = agg["orders"].astype("int64")
    out["list_value"] = agg["list_value"]
    out["discount"] = agg["discount"]
    out["revenue"] = agg["revenue"]
    out["gross_margin"] = agg["margin"]
    out["cost_to_serve"] = customers["cost_to_serve"].to_numpy() * active
    share = np.divide(agg["revenue"], total_rev, out=np.zeros(n), where=total_rev > 0)
    out["bad_debt"] = customers["bad_debt"].to_numpy() * np.clip(share, 0, 1)
    out["profit"] = out["gross_margin"] - out["cost_to_serve"] - out["bad_debt"]
    lv, rev = out["list_value"].to_numpy(), out["revenue"].to_numpy()
    out["discount_rate"] = np.divide(out["discount"].to_numpy(), lv, out=np.full(len(out), np.nan),
                                     where=lv > 0)
    out["profit_margin"] = np.divide(out["profit"].to_numpy(), rev, out=np.full(len(out), np.nan),
                                     where=rev > 0)
    out["annual_revenue"] = np.divide(rev, active, out=np.zeros(len(out)), where=active > 0)
    if active_only:
        out = out[(out["active_years"] > 0) | (out["orders"] > 0)]
    return out.sort_index()
