"""Annual screening (筛选管理) and spending a limited sales capacity."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Interval, kit_columns, require_frame, require_number, validated
from ..core.profit import customer_profitability
from ..core.size import big_customers
from ..core.world import data_years
from ._base import (
    SCREENING_CRITERIA, _IDS, _check_weights, _credit_score, _frames, _pct, _two_years,
)


# ---------------------------------------------------------------------------------------------
# Annual screening
# ---------------------------------------------------------------------------------------------

def _quintile(s: pd.Series) -> pd.Series:
    """1–5 score by percentile rank (5 = the top fifth)."""
    return np.ceil(_pct(s) * 5).clip(1, 5).astype("int64")


@validated(world=_IDS, keys={"customers": "{customer}"}, empty_ok=("transactions",),
           options={"year": Interval(1900, 2200, integer=True, optional=True),
                    "key_share": Interval(0, 1), "keep_score": Interval(1, 5),
                    "drop_future": Interval(0, 5, integer=True)})
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
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

    The **screening score** (``screening_score``, 1 to 5) is the ``weights``-weighted *mean* of
    the five criterion scores (default: equal weights, so the plain average).  Decision:

    * ``"drop"`` (淘汰): no profit in the year and no potential (future ≤ ``drop_future``);
    * ``"keep"`` (保留): otherwise, a key customer (重点客户（大客户）) — a big customer of the year
      (:func:`casekit.big_customers`, the top ``key_share`` by the year's revenue) with a
      profit — or a ``screening_score`` of at least ``keep_score``;
    * ``"watch"`` (观察): everyone else; re-screened next year (dynamic management, 动态管理).

    Parameters
    ----------
    data : World or DataFrame
        A casekit World (or its customers frame). Needs customers: the ``customer=``
        column (customer ids); transactions: the ``customer=``, ``date=`` and ``value=`` columns.
    transactions : DataFrame, optional
        Needs the ``customer=`` (customer ids), ``date=`` and ``value=`` columns.
    year : int, default None
        Whole number in [1900, 2200].
    weights : object, default None
        Weights of the criteria (see above).
    key_share : float, default 0.2
        Share of customers, top by purchases with a profit, that are key (0 to 1).
    keep_score : float, default 3.5
        Least screening score (the mean of the five criteria, 1 to 5) that keeps a customer.
    drop_future : int, default 2
        Future score (0 to 5) at or below which a customer without profit is dropped.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Annual screening (筛选管理): keep, watch or drop each customer at year-end.

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
    out["screening_score"] = out[list(SCREENING_CRITERIA)].to_numpy() @ wv / wv.sum()
    key = pd.Series(False, index=out.index)
    if key_share > 0:   # the big customers of the year (the kit's one definition), by its revenue
        key = big_customers(out, by="revenue", top=key_share)
    out["key_customer"] = key & (out["profit"] > 0)
    drop = (out["profit"] <= 0) & (out["future"] <= drop_future)
    keep = ~drop & (out["key_customer"] | (out["screening_score"] >= keep_score))
    out["decision"] = np.select([drop, keep], ["drop", "keep"], "watch")
    out["reason"] = np.select(
        [drop, keep & out["key_customer"], keep],
        ["no profit and little potential",
         "key customer: among the biggest buyers, and profitable",
         "strong on the five criteria"],
        np.where(out["profit"] <= 0, "no profit this year, but potential to grow",
                 "profitable, middling on the criteria"))
    return out


@validated(world=_IDS, keys={"customers": "{customer}"}, empty_ok=("transactions",))
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
def screening_changes(data, transactions=None, *, before: int | None = None,
                      after: int | None = None,
                      **options) -> pd.DataFrame:
    """Dynamic management (动态管理): how screening decisions move from one year-end to the next.

    A table of counts: rows are the decisions at the end of ``before``, columns the decisions
    at the end of ``after`` (``"gone"``: no longer active in ``after``).  ``options`` go to
    :func:`annual_screening` for both years.

    Parameters
    ----------
    data : World or DataFrame
        A casekit World (or its customers frame). Needs customers: the ``customer=``
        column (customer ids); transactions: the ``customer=``, ``date=`` and ``value=`` columns.
    transactions : DataFrame, optional
        Needs the ``customer=`` (customer ids), ``date=`` and ``value=`` columns.
    before : int | None, default None
        Column of the earlier tier.
    after : int | None, default None
        Column of the later tier.
    **options
        Further options.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Dynamic management (动态管理): how screening decisions move from one year-end to the next.

    Examples
    --------
    >>> import casekit as ck
    >>> t = screening_changes(ck.world())
    >>> list(t.index), list(t.columns)
    (['keep', 'watch', 'drop'], ['keep', 'watch', 'drop', 'gone'])
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


@validated(world=_IDS, keys={"customers": "{customer}"}, empty_ok=("transactions",),
           options={"year": Interval(1900, 2200, integer=True, optional=True),
                    "min_years": Interval(0.01, 1)})
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
def next_year_value(data, transactions=None, *, year: int | None = None,
                    min_years: float = 0.25) -> pd.DataFrame:
    """What each customer still buying is expected to earn next year, and the time it takes.

    For customers active in ``year`` and not churned, from :func:`customer_profitability` of
    that year, annualised by the active share of the year (at least ``min_years``, so a
    customer won in December is not blown up):

    ``expected_profit`` = gross margin per year × (1 + growth_rate) − cost to serve per year −
    bad debt per year.  ``service_hours`` is the customer's yearly service and sales time.

    Parameters
    ----------
    data : World or DataFrame
        A casekit World (or its customers frame). Needs customers: the ``customer=``
        column (customer ids); transactions: the ``customer=``, ``date=`` and ``value=`` columns.
    transactions : DataFrame, optional
        Needs the ``customer=`` (customer ids), ``date=`` and ``value=`` columns.
    year : int, default None
        Whole number in [1900, 2200].
    min_years : float, default 0.25
        Least part of a year a customer must have been active (0.01 to 1).
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        What each customer still buying is expected to earn next year, and the time it takes.

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

@validated(frames={"table": {"{value}": "numeric", "{hours}": "money"}}, options={"budget": Interval(0, None)})
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

    Parameters
    ----------
    table : DataFrame
        Needs the ``value=`` column (numbers), the ``hours=`` column (amounts ≥ 0).
    value : str
        Name of the value column.
    hours : str
        Name of the column of hours each customer needs.
    budget : float
        Number in [0, None].
    order : str, default 'value_per_hour'
        Order in which customers are taken (see above).

    Returns
    -------
    DataFrame
        Choose customers for a limited sales capacity: the most value per hour first.

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
