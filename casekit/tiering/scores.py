"""RFM scoring (recency, frequency, monetary value)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (
    DateOption, Flag, Interval, OneOf, require_choice, require_frame, require_number,
    validated,
)
from ..core.world import asof_of
from ..clv.summary import per_customer
from ..schema import DATE_DTYPE
from ._base import RFM_SEGMENTS


# --------------------------------------------------------------------------------------------
# RFM
# --------------------------------------------------------------------------------------------

def _quintile_scores(x: np.ndarray, bins: int) -> np.ndarray:
    """Score 1..bins by rank: score = 1 + floor((min-rank − 1) · bins / n); ties share a score."""
    n = len(x)
    r = pd.Series(x).rank(method="min").to_numpy()
    return (1 + np.floor((r - 1) * bins / n)).astype("int64")


@validated(frames={"transactions": {"{customer}": "key", "{date}": "date", "{value}": "numeric"}},
           options={"asof": DateOption(), "monetary": OneOf(("total", "mean")), "repeat_only": Flag(),
                    "merge_same_day": Flag(), "bins": Interval(2, 10, integer=True), "high": Interval(1, 10, integer=True)})
def rfm(transactions: pd.DataFrame, *, asof=None, customer="customer_id", date="date", value="revenue",
        monetary="total", repeat_only=False, merge_same_day=True, bins=5, high=4) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer (RFM模型), scored and segmented.

    Definitions (state them, because they vary between books and tools):

    * Only purchases on or before ``asof`` count; ``asof=None`` takes it from the data (the end of
      the last calendar year with a purchase, as everywhere in the kit).
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

    Parameters
    ----------
    transactions : DataFrame
        Needs the ``customer=`` column (customer ids), the ``date=`` column (dates), the
        ``value=`` column (numbers).
    asof : date or None, default None
        The as-of date; ``None``: from the data.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value column.
    monetary : str, default 'total'
        One of ['total', 'mean'].
    repeat_only : bool, default False
        True or False.
    merge_same_day : bool, default True
        True or False.
    bins : int, default 5
        Whole number in [2, 10].
    high : int, default 4
        Whole number in [1, 10].

    Returns
    -------
    DataFrame
        Recency, frequency and monetary value per customer (RFM模型), scored and segmented.

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
        asof = asof_of(transactions, date=date)
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


@validated(frames={"scored": {"segment": "any", "recency": "numeric", "frequency": "numeric", "monetary": "numeric", "{value}": "numeric"}})
def rfm_summary(scored: pd.DataFrame, *, value=None) -> pd.DataFrame:
    """Per RFM segment: customers, their share, mean recency / frequency / monetary, the action.

    ``value`` (a column of ``scored``, e.g. profit joined in) adds its sum and share per segment.

    Parameters
    ----------
    scored : DataFrame
        Needs ``segment`` (any values), ``recency`` (numbers), ``frequency`` (numbers),
        ``monetary`` (numbers), the ``value=`` column (numbers).
    value : object, default None
        Name of the value column.

    Returns
    -------
    DataFrame
        Per RFM segment: customers, their share, mean recency / frequency / monetary, the
        action.

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
