"""Chapter 6, retention and churn — what purchases alone can test (run on real data such as CDNOW).

A transaction log does not say when a customer leaves; it shows who buys again.  Three of the
chapter's claims can be put to it: cohorts (同期群) keep buying or not, a customer silent for long
is less likely to come back (recency and lapse), and big buyers are — or are not — more loyal than
small ones.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (DateOption, Interval, kit_columns, require_frame, require_number,
                           validated)
from ..core.size import big_customers
from ._common import _date

_TX = {"{customer}": "key", "{date}": "date", "{value}": "money"}


def _tx(transactions, what: str) -> pd.DataFrame:
    require_frame(transactions, {"customer_id": "any", "date": "date", "revenue": "numeric"},
                  what=what)
    if transactions.empty:
        raise ValueError(f"{what}: the transactions frame is empty; expected one row per purchase")
    return transactions[["customer_id", "date", "revenue"]]


def _window(tx: pd.DataFrame, asof, ahead_days: int, what: str):
    require_number(ahead_days, what=what, name="ahead_days", low=1, high=3650, integer=True)
    first, last = tx["date"].min(), tx["date"].max()
    if asof is None:            # from the data: the last day that leaves ahead_days after it
        asof = (last - pd.Timedelta(days=int(ahead_days))).normalize()
    asof = _date(asof, what, "asof")
    end = asof + pd.Timedelta(days=int(ahead_days))
    if asof < first or end > last + pd.Timedelta(days=1):
        raise ValueError(f"{what}: asof={asof.date()} + ahead_days={ahead_days} runs past the data "
                         f"({first.date()} to {last.date()}); expected a window inside the data")
    return asof, end


@validated(frames={"transactions": _TX})
@kit_columns(frames=("transactions",), keywords=("customer", "date", "value"))
def purchase_cohorts(transactions: pd.DataFrame) -> pd.DataFrame:
    """Cohort retention (同期群): the share of each month's new customers buying in each quarter.

    A cohort is the customers whose first purchase fell in the same calendar month.  For each
    cohort: ``customers``, then one column per calendar quarter with the share of the cohort who
    bought at least once in it (the quarter of the first purchase is 100% by definition).

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase. Reads the ``customer=``, ``date=`` and ``value=`` columns.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Indexed by cohort month (``"1997-01"``, …).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3],
    ...     "date": pd.to_datetime(["2024-01-05", "2024-04-02", "2024-01-20", "2024-02-01",
    ...                             "2024-02-03"]), "revenue": [10.0, 5.0, 8.0, 3.0, 4.0]})
    >>> purchase_cohorts(tx)   # doctest: +NORMALIZE_WHITESPACE
             customers  2024Q1  2024Q2
    cohort
    2024-01          2     1.0     0.5
    2024-02          1     1.0     0.0
    """
    tx = _tx(transactions, "purchase_cohorts")
    first = tx.groupby("customer_id")["date"].min()
    cohort = first.dt.to_period("M").astype(str).rename("cohort")
    size = cohort.value_counts().sort_index()
    active = pd.DataFrame({"cohort": cohort.reindex(tx["customer_id"]).to_numpy(),
                           "quarter": tx["date"].dt.to_period("Q").astype(str).to_numpy(),
                           "customer_id": tx["customer_id"].to_numpy()})
    counts = active.drop_duplicates().pivot_table(index="cohort", columns="quarter",
                                                   values="customer_id", aggfunc="count",
                                                   fill_value=0)
    shares = counts.div(size, axis=0)
    shares.columns.name = None
    out = pd.concat([size.rename("customers"), shares], axis=1)
    out.index.name = "cohort"
    return out


@validated(frames={"transactions": _TX},
           options={"asof": DateOption(), "ahead_days": Interval(1, 3650, integer=True)})
@kit_columns(frames=("transactions",), keywords=("customer", "date", "value"))
def recency_and_return(transactions: pd.DataFrame, *, asof=None, ahead_days: int = 180,
                       bands=(0, 30, 91, 182, 365)) -> pd.DataFrame:
    """Recency and lapse: the longer a customer has been silent, the less it comes back?

    Standing on ``asof`` (seeing only purchases up to it), each customer's days since its last
    purchase are cut into ``bands``; for each band: ``customers`` and ``share_returned``, the share
    who bought again within the next ``ahead_days`` days.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase. Reads the ``customer=``, ``date=`` and ``value=`` columns.
    asof : date, optional
        The day we stand on; by default read from the data: the last day that leaves
        ``ahead_days`` of purchases after it.
    ahead_days : int, default 180
        How far ahead to look for a new purchase.
    bands : sequence of int
        Increasing edges in days of silence; the last band is open-ended.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Indexed by band of days since the last purchase.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3],
    ...     "date": pd.to_datetime(["2024-06-20", "2024-07-10", "2024-01-05", "2024-06-25",
    ...                             "2024-12-01"]), "revenue": 1.0})
    >>> recency_and_return(tx, asof="2024-06-30", ahead_days=120, bands=(0, 30, 91))
    ...  # doctest: +NORMALIZE_WHITESPACE
                 customers  share_returned
    days_silent
    0–29                 2             0.5
    30–90                0             NaN
    91+                  1             0.0
    """
    what = "recency_and_return"
    tx = _tx(transactions, what)
    asof, end = _window(tx, asof, ahead_days, what)
    edges = [float(b) for b in bands]
    if len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:])) or edges[0] != 0:
        raise ValueError(f"{what}: bands must be increasing whole days starting at 0, got {bands!r}")
    before = tx[tx["date"] <= asof]
    silent = (asof - before.groupby("customer_id")["date"].max()).dt.days
    after = tx[(tx["date"] > asof) & (tx["date"] <= end)]["customer_id"].unique()
    back = silent.index.isin(after)
    labels = [f"{int(a)}–{int(b) - 1}" for a, b in zip(edges, edges[1:])] + [f"{int(edges[-1])}+"]
    band = pd.cut(silent, edges + [np.inf], right=False, labels=labels)
    g = pd.Series(back, index=silent.index).groupby(band, observed=False)
    out = pd.DataFrame({"customers": g.size().astype("int64"),
                        "share_returned": g.mean()})
    out.index = pd.Index(labels, name="days_silent")
    return out


@validated(frames={"transactions": _TX},
           options={"asof": DateOption(), "ahead_days": Interval(1, 3650, integer=True),
                    "top": Interval(0, 1)})
@kit_columns(frames=("transactions",), keywords=("customer", "date", "value"))
def spend_and_return(transactions: pd.DataFrame, *, asof=None, ahead_days: int = 365,
                     top: float = 0.2) -> pd.DataFrame:
    """Big vs small buyers: which are more loyal?

    Standing on ``asof``, the customers who bought by then are split into the ``top`` share by
    what they spent up to ``asof`` (``big``) and the rest (``small``); for each: ``customers``,
    ``mean_spend`` up to ``asof``, ``share_returned`` (bought again within ``ahead_days``) and
    ``spend_after`` per customer in that window.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase. Reads the ``customer=``, ``date=`` and ``value=`` columns.
    asof : date, optional
        The day we stand on; by default read from the data: the last day that leaves
        ``ahead_days`` of purchases after it.
    ahead_days : int, default 365
        How far ahead to look.
    top : float, default 0.2
        Share of customers counted as big (:func:`casekit.big_customers` by spend up to ``asof``:
        ``ceil(top × customers)``, ties broken by customer id).
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Indexed by ``size``: ``big``, ``small``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5, 1, 3],
    ...     "date": pd.to_datetime(["2024-01-05"] * 5 + ["2024-03-01", "2024-03-02"]),
    ...     "revenue": [90.0, 10.0, 20.0, 30.0, 40.0, 5.0, 5.0]})
    >>> spend_and_return(tx, asof="2024-01-31", ahead_days=31, top=0.2)
    ...  # doctest: +NORMALIZE_WHITESPACE
           customers  mean_spend  share_returned  spend_after
    size
    big            1        90.0            1.00         5.00
    small          4        25.0            0.25         1.25
    """
    what = "spend_and_return"
    tx = _tx(transactions, what)
    asof, end = _window(tx, asof, ahead_days, what)
    require_number(top, what=what, name="top", low=0.0, high=1.0)
    if top <= 0:
        raise ValueError(f"{what}: top={top!r} picks no customers; expected a share above 0, "
                         "e.g. 0.2")
    spend = tx[tx["date"] <= asof].groupby("customer_id")["revenue"].sum()
    later = tx[(tx["date"] > asof) & (tx["date"] <= end)].groupby("customer_id")["revenue"].sum()
    later = later.reindex(spend.index, fill_value=0.0)
    # the kit's one definition of big customers, on the spend up to ``asof``
    big = big_customers(spend.to_frame("spend"), by="spend", top=top).to_numpy()
    size = pd.Series(np.where(big, "big", "small"), index=spend.index, name="size")
    g = pd.DataFrame({"spend": spend, "later": later, "back": later > 0}).groupby(size)
    out = pd.DataFrame({"customers": g.size().astype("int64"), "mean_spend": g["spend"].mean(),
                        "share_returned": g["back"].mean(), "spend_after": g["later"].mean()})
    return out.reindex(["big", "small"])
