"""Chapter 5 on real purchases: repeat buying and recency (重复购买、最近购买与流失).

Two questions a customer file must answer, put to any transaction log (the CDNOW purchases in the
chapter): how many customers buy again at all, and whether a customer who has been silent for a
while still comes back — the question behind the file's ``status`` (active or lapsed) and behind
dynamic management (动态管理), which keeps the records up to date as customers change.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import DateOption, Interval, kit_columns, validated
from ..i18n import _

__all__ = ["repeat_buying", "recency_lapse"]


@validated(
    frames={"transactions": {"{customer}": "key", "{date}": "date", "{value}": "money"}},
    options={"cap": Interval(2, 50, integer=True)},
)
@kit_columns(frames=("transactions",), keywords=("customer", "date", "value"))
def repeat_buying(transactions: pd.DataFrame, *, cap: int = 5) -> pd.DataFrame:
    """How often customers buy: customers by their number of purchase days (重复购买).

    A customer's purchase days are the distinct dates it bought on (several orders on one day
    count once).  The last row gathers ``cap`` or more days.

    Parameters
    ----------
    transactions : DataFrame
        The transaction log, one row per purchase. Reads the ``customer=``, ``date=`` and
        ``value=`` columns.
    cap : int, default 5
        Purchase days from which customers are counted together (``"5+"``).
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Indexed by ``purchase_days`` (``"1"``, ``"2"``, … ``"5+"``): ``customers``,
        ``customer_share`` and ``revenue_share``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 2, 3, 3, 3],
    ...                    "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-03-01",
    ...                                            "2024-01-01", "2024-01-01", "2024-02-01"]),
    ...                    "revenue": [10.0, 20.0, 20.0, 5.0, 5.0, 40.0]})
    >>> print(repeat_buying(tx, cap=3).round(2).to_string())  # doctest: +NORMALIZE_WHITESPACE
                   customers  customer_share  revenue_share
    purchase_days
    1                      1            0.33            0.1
    2                      2            0.67            0.9
    3+                     0            0.00            0.0
    """
    ids = transactions["customer_id"].to_numpy()
    days = transactions["date"].to_numpy().astype("datetime64[D]")
    pairs = pd.DataFrame({"c": ids, "d": days}).drop_duplicates()
    n_days = pairs.groupby("c").size()
    revenue = transactions.groupby("customer_id")["revenue"].sum().reindex(n_days.index)
    band = np.minimum(n_days.to_numpy(), cap)
    labels = [str(k) for k in range(1, cap)] + [f"{cap}+"]
    customers = np.bincount(band - 1, minlength=cap)[:cap]
    rev = np.bincount(band - 1, weights=revenue.to_numpy(dtype="float64"), minlength=cap)[:cap]
    total_c, total_r = customers.sum(), rev.sum()
    out = pd.DataFrame({
        "customers": customers,
        "customer_share": customers / total_c if total_c else np.zeros(cap),
        "revenue_share": rev / total_r if total_r else np.zeros(cap),
    }, index=pd.Index(labels, name="purchase_days"))
    return out


@validated(
    frames={"transactions": {"{customer}": "key", "{date}": "date"}},
    options={"split": DateOption(optional=False)},
)
@kit_columns(frames=("transactions",), keywords=("customer", "date"))
def recency_lapse(transactions: pd.DataFrame, *, split, bands=(30, 90, 180, 270)) -> pd.DataFrame:
    """Do silent customers come back?  Repurchase after ``split`` by recency at ``split``.

    Every customer who bought before ``split`` is put in a band by its recency (最近购买): the
    days from its last purchase before ``split`` to ``split``.  For each band: how many
    customers, and the share who bought again on or after ``split`` (up to the end of the log).
    Nothing after ``split`` is used to form the bands.

    Parameters
    ----------
    transactions : DataFrame
        The transaction log, one row per purchase. Reads the ``customer=`` and ``date=`` columns.
    split : date
        The day the file is read: recency is measured up to it, repurchase after it.
    bands : sequence of int, default (30, 90, 180, 270)
        Upper bounds of the recency bands in days, increasing; a last band takes the rest.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.

    Returns
    -------
    DataFrame
        Indexed by ``recency`` (e.g. ``"1–30 days"`` … ``"over 270 days"``): ``customers``,
        ``bought_again`` (share of the band who bought again after ``split``).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3],
    ...                    "date": pd.to_datetime(["2024-12-20", "2025-01-10", "2024-12-25",
    ...                                            "2024-03-01", "2025-02-01"])})
    >>> print(recency_lapse(tx, split="2025-01-01", bands=(30,)).round(2).to_string())
    ...  # doctest: +NORMALIZE_WHITESPACE
                    customers  bought_again
    recency
    1–30 days               2           0.5
    over 30 days            1           1.0
    """
    what = "recency_lapse"
    try:
        edges = [int(b) for b in bands]
    except (TypeError, ValueError):
        raise ValueError(f"{what}: bands must be whole numbers of days such as (30, 90, 180); "
                         f"got {bands!r}") from None
    if not edges or any(b <= 0 for b in edges) or any(b >= c for b, c in zip(edges, edges[1:])):
        raise ValueError(f"{what}: bands must be positive and increasing, such as (30, 90, 180); "
                         f"got {bands!r}")
    split = pd.Timestamp(split)
    date = transactions["date"]
    before = date < split
    if not before.any():
        raise ValueError(f"{what}: no purchase before split={split.date()}; expected a split "
                         "inside the log")
    ids = transactions["customer_id"]
    last = date[before].groupby(ids[before]).max()
    recency = (split - last).dt.days.to_numpy()
    again = last.index.isin(ids[~before].unique())
    band = np.searchsorted(np.asarray(edges), recency, side="left")
    labels = ([_("{a}–{b} days").format(a=1, b=edges[0])]
              + [_("{a}–{b} days").format(a=a + 1, b=b) for a, b in zip(edges, edges[1:])]
              + [_("over {n} days").format(n=edges[-1])])
    k = len(labels)
    n = np.bincount(band, minlength=k)
    hit = np.bincount(band, weights=again.astype("float64"), minlength=k)
    return pd.DataFrame({"customers": n,
                         "bought_again": np.divide(hit, n, out=np.full(k, np.nan), where=n > 0)},
                        index=pd.Index(labels, name="recency"))
