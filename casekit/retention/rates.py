"""Chapter 6, retention and churn — churn and retention rates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, kit_columns, require_frame, require_number, validated,
)
from ..core.world import is_world
from ._common import (  # noqa: F401
    CUSTOMER_COLUMNS, SIGNAL_COLUMNS, _DAYS_PER_MONTH, _date, _lifetimes, _period, _rate, _years_of,
)

#: The customers' columns the rates read; the id column is named by ``customer=``.
_CUSTOMERS = {"{customer}": "key", **{c: k for c, k in CUSTOMER_COLUMNS.items() if c != "customer_id"}}


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


@validated(
    world={"customers": _CUSTOMERS},
    keys={"customers": "{customer}"},
    options={"start": DateOption(), "end": DateOption()},
)
@kit_columns(frames=("customers",), keywords=("customer",))
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
        A World, or its customers: the ``customer=`` column, ``first_purchase``, ``churned``,
        ``churn_date``.
    start, end : date, optional
        The period (default ``None``: the whole data period, read from the World or the frame).
    customer : str, default 'customer_id'
        Name of the customer-id column.

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


@validated(world={"customers": _CUSTOMERS}, keys={"customers": "{customer}"})
@kit_columns(frames=("customers",), keywords=("customer",))
def yearly_churn(customers, *, years=None) -> pd.DataFrame:
    """:func:`churn_rate` for each calendar year: one row per year.

    Columns ``opening``, ``churned``, ``new``, ``new_churned``, ``closing``, ``churn_rate``,
    ``retention_rate``, and two common wrong answers for comparison: ``churned_of_closing``
    (churned ÷ customers at the end of the year) and ``all_churned_of_all`` (everyone who left in
    the year, new ones included, ÷ everyone who was a customer at some time in the year).

    Parameters
    ----------
    customers : World or DataFrame
        A World, or its customers (one row per customer). Reads the ``customer=`` column,
        ``first_purchase``, ``churned``, ``churn_date`` (optional).
    years : list of int, optional
        Calendar years (default ``None``: every year of the data).
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        :func:`churn_rate` for each calendar year: one row per year.

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


@validated(
    world={"customers": _CUSTOMERS},
    keys={"customers": "{customer}"},
    options={"start": DateOption()},
)
@kit_columns(frames=("customers",), keywords=("customer",))
def yearly_churn_by_age(customers, *, years=None, start=None) -> pd.DataFrame:
    """Each year's churn rate split by the age of the relationship: why a churn rate can rise.

    The opening customers of a year are split into **established** customers (first purchase
    before ``start``) and **young** ones (won since ``start``, before the year began).  For each
    group: ``opening_*``, ``churned_*`` and ``churn_*`` (churned ÷ opening, as in
    :func:`churn_rate`); ``young_share`` is the young customers' share of the opening base and
    ``churn_rate`` the rate of all opening customers.  When the base grows, more of it is young,
    and young customers leave more often: the overall rate rises even if established customers
    leave as often as before.

    Parameters
    ----------
    customers : World or DataFrame
        A World, or its customers (one row per customer). Reads the ``customer=`` column,
        ``first_purchase``, ``churned``, ``churn_date`` (optional).
    years : list of int, optional
        Calendar years (default ``None``: every year of the data).
    start : date, optional
        First day of the period (default ``None``: from the data).
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Each year's churn rate split by the age of the relationship: why a churn rate can rise.

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


@validated(
    world={"customers": _CUSTOMERS},
    keys={"customers": "{customer}"},
    options={"start": DateOption()},
)
@kit_columns(frames=("customers",), keywords=("customer",))
def cohort_retention(customers, *, years=None, start=None) -> pd.DataFrame:
    """Cohort retention table (同期群保持率): share of each cohort still a customer at each year end.

    A cohort is the customers whose first purchase fell in the same year; customers won before
    ``start`` form one cohort ("before 2023") counted from the customers we still had on
    ``start``.  Each cell = cohort members still buying at the end of that year ÷ cohort size;
    years before the cohort began are empty.

    Parameters
    ----------
    customers : World or DataFrame
        A World, or its customers (one row per customer). Reads the ``customer=`` column,
        ``first_purchase``, ``churned``, ``churn_date`` (optional).
    years : list of int, optional
        Calendar years (default ``None``: every year of the data).
    start : date, optional
        First day of the period (default ``None``: from the data).
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Cohort retention table (同期群保持率): share of each cohort still a customer at each year end.

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


@validated(
    world={"customers": _CUSTOMERS},
    keys={"customers": "{customer}"},
    options={
        "start": DateOption(),
        "asof": DateOption(),
        "months": Interval(1, None, integer=True, optional=True),
    },
)
@kit_columns(frames=("customers",), keywords=("customer",))
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
        The ``customer=`` column, ``first_purchase``, ``churned``, ``churn_date`` (and ``by``).
    by : None, "cohort" or a column name
        One curve for everyone, one per first-purchase year, or one per value of a column.
    months : int, optional
        Last month of the grid (default: the longest observed tenure, at most 240).
    customer : str, default 'customer_id'
        Name of the customer-id column.

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


@validated(
    world={"customers": _CUSTOMERS},
    keys={"customers": "{customer}"},
    options={"start": DateOption(), "asof": DateOption()},
)
@kit_columns(frames=("customers",), keywords=("customer",))
def churn_by_tenure(customers, *, bands=(0, 1, 2, 3, 5, 10, np.inf), start=None,
                    asof=None) -> pd.DataFrame:
    """Churn per customer-year at each tenure (years since the first purchase).

    For each tenure band, ``exposure`` sums the years customers spent in that band within the
    data period, ``churned`` counts churns in it, and ``churn_per_year = churned / exposure``
    (the yearly churn rate at that tenure).

    Parameters
    ----------
    customers : World or DataFrame
        A World, or its customers (one row per customer). Reads the ``customer=`` column,
        ``first_purchase``, ``churned``, ``churn_date`` (optional).
    bands : sequence of float, default (0, 1, 2, 3, 5, 10, inf)
        Tenure band edges, in years.
    start : date, optional
        First day of the period (default ``None``: from the data).
    asof : date, optional
        The as-of date (default ``None``: from the data).
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Churn per customer-year at each tenure (years since the first purchase).

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


