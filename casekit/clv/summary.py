"""From a transaction log to the per-customer summary the lifetime-value models read.

The field's conventions (Fader, Hardie & Lee 2005; the ``lifetimes`` and ``BTYD`` tools), stated
once because books and tools differ:

* a **purchase occasion** is a customer-day: several purchases on one day are merged into one
  occasion, their values added;
* **frequency** ``x`` = the number of *repeat* occasions (the first purchase is not counted);
* **recency** ``t_x`` = time from the first to the last occasion (0 for a one-time buyer) — note:
  *not* the time since the last purchase, which is what RFM calls recency;
* **T** = time from the first occasion to the end of the observation (``asof``, inclusive);
* **monetary** = mean value of the repeat occasions (0 for a one-time buyer; the first purchase
  is left out because it is often different in kind);
* time is counted in whole days and reported in ``unit`` (weeks by default: days / 7).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import DateOption, Flag, Interval, validated  # noqa: F401
from ..validate import require_choice, require_frame

UNITS = {"day": 1.0, "week": 7.0}


def unit_days(unit) -> float:
    """Days in one time unit: ``"day"`` → 1, ``"week"`` → 7, or a positive number of days."""
    if isinstance(unit, str):
        require_choice(unit, list(UNITS), what="clv", name="unit")
        return UNITS[unit]
    if isinstance(unit, (int, float, np.integer, np.floating)) and not isinstance(unit, bool) \
            and np.isfinite(unit) and unit > 0:
        return float(unit)
    raise ValueError(f"clv: unit={unit!r} is not allowed; expected 'day', 'week' or a positive "
                     "number of days")


def _asof(asof, what: str, name: str = "asof"):
    try:
        ts = pd.Timestamp(asof)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: {name}={asof!r} is not a date; expected e.g. '1997-09-30'") from None
    if pd.isna(ts):
        raise ValueError(f"{what}: {name} is missing; expected a date such as '1997-09-30'")
    return ts.normalize()


def per_customer(codes: np.ndarray, n: int, day: np.ndarray, val: np.ndarray | None, *,
                 merge_same_day: bool = True) -> dict:
    """The one pass behind :func:`summary` and :func:`casekit.tiering.rfm`.

    ``codes`` are customer numbers 0…n−1 per row, ``day`` whole day numbers, ``val`` the values
    (or None).  Returns arrays per customer: ``occasions``, ``first_day``, ``last_day``, ``total``
    (all value) and ``first_value`` (value of the first occasion).  One ``np.sort`` of a packed
    (customer, day) key finds the occasions; values are added with ``np.bincount``.
    """
    codes = np.asarray(codes, dtype="int64")
    day = np.asarray(day, dtype="int64")
    d0 = int(day.min())
    span = int(day.max()) - d0 + 1
    key = codes * span + (day - d0)
    s = np.sort(key)
    if merge_same_day:
        keep = np.empty(len(s), dtype=bool)
        keep[0] = True
        np.not_equal(s[1:], s[:-1], out=keep[1:])
        occ = s[keep]
    else:
        occ = s
    occ_code = occ // span
    occasions = np.bincount(occ_code, minlength=n)
    ends = np.cumsum(occasions)
    starts = ends - occasions
    if np.any(occasions == 0):
        raise ValueError("clv: internal error, a customer code without purchases")
    first_day = occ[starts] - occ_code[starts] * span + d0
    last_day = occ[ends - 1] - occ_code[ends - 1] * span + d0
    out = {"occasions": occasions, "first_day": first_day, "last_day": last_day}
    if val is not None:
        val = np.asarray(val, dtype="float64")
        out["total"] = np.bincount(codes, weights=val, minlength=n)
        on_first = day == first_day[codes]
        if merge_same_day:
            out["first_value"] = np.bincount(codes[on_first], weights=val[on_first], minlength=n)
        else:  # the first row (in data order) of the first day
            rows = np.flatnonzero(on_first)
            _, first_row = np.unique(codes[rows], return_index=True)
            out["first_value"] = val[rows[first_row]]
    return out


def _prepare(transactions, *, what, customer, date, value, asof, allow_after=True):
    cols = {customer: "any", date: "date"}
    if value is not None:
        cols[value] = "numeric"
    require_frame(transactions, cols, what=what)
    if transactions[customer].isna().any():
        i = int(np.flatnonzero(transactions[customer].isna().to_numpy())[0])
        raise ValueError(f"{what}: column {customer!r} has a missing customer id in row "
                         f"{transactions.index[i]!r}")
    day = transactions[date].to_numpy().astype("datetime64[D]").astype("int64")
    val = transactions[value].to_numpy(dtype="float64") if value is not None else None
    if val is not None and (val < 0).any():
        i = int(np.flatnonzero(val < 0)[0])
        raise ValueError(f"{what}: column {value!r} holds a negative amount ({val[i]:g} in row "
                         f"{transactions.index[i]!r}); expected spend of 0 or more (take returns "
                         "out before summarising)")
    last = int(day.max())
    if asof is None:
        end = last
    else:
        end = int(np.datetime64(_asof(asof, what).date(), "D").astype("int64"))
        first = int(day.min())
        if end < first:
            raise ValueError(f"{what}: asof={pd.Timestamp(asof).date()} is before the first "
                             f"purchase in the data ({np.datetime64(first, 'D')})")
    return day, val, end


@validated(
    frames={"transactions": {"{customer}": "any", "{date}": "date", "{value}": "money"}},
    options={"asof": DateOption()},
)
def summary(transactions: pd.DataFrame, *, asof=None, customer="customer_id", date="date",
            value="revenue", unit="week") -> pd.DataFrame:
    """Frequency, recency, T and monetary value per customer (the BG/NBD and Gamma-Gamma inputs).

    Only purchases on or before ``asof`` count (``None`` = the last date in the data).  See the
    module notes for the conventions: same-day purchases merged, first purchase not a repeat,
    monetary = mean of repeat occasions, time in ``unit`` ("week" = days / 7, "day", or a number
    of days).  ``value=None`` leaves out the monetary column.

    Returns one row per customer (sorted by id): ``customer``, ``first_purchase``,
    ``frequency``, ``recency``, ``T``, ``monetary``.

    Parameters
    ----------
    transactions : DataFrame
        The transaction log, one row per purchase.
    asof : date, optional
        The as-of date (default ``None``: from the data).
    customer : str, default 'customer_id'
        Column of the customer number.
    date : str, default 'date'
        Column of the purchase date.
    value : str, default 'revenue'
        Column of the value read.
    unit : str, default 'week'
        Time unit of recency and T: ``'week'`` or ``'day'``.

    Returns
    -------
    DataFrame
        Frequency, recency, T and monetary value per customer (the BG/NBD and Gamma-Gamma inputs).

    Examples
    --------
    Customer 1 buys twice on 1 Jan (one occasion), then on 8 Jan (20) and 15 Jan (40);
    customer 2 buys once.  Observed to 29 Jan, in weeks:

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 1, 2],
    ...     "date": pd.to_datetime(["1997-01-01", "1997-01-01", "1997-01-08", "1997-01-15",
    ...                             "1997-01-22"]),
    ...     "revenue": [10.0, 5.0, 20.0, 40.0, 8.0]})
    >>> summary(tx, asof="1997-01-29")
       customer_id first_purchase  frequency  recency    T  monetary
    0            1     1997-01-01          2      2.0  4.0      30.0
    1            2     1997-01-22          0      0.0  1.0       0.0
    """
    what = "clv.summary"
    days = unit_days(unit)
    tx = transactions
    day, val, end = _prepare(tx, what=what, customer=customer, date=date, value=value, asof=asof)
    if asof is not None and (day > end).any():
        keep = day <= end
        tx = tx[keep]
        day, val = day[keep], (val[keep] if val is not None else None)
    codes, ids = pd.factorize(tx[customer], sort=True)
    n = len(ids)
    pc = per_customer(codes, n, day, val)
    freq = pc["occasions"] - 1
    out = pd.DataFrame({
        customer: np.asarray(ids),
        "first_purchase": pc["first_day"].astype("datetime64[D]").astype("datetime64[us]"),
        "frequency": freq.astype("int64"),
        "recency": (pc["last_day"] - pc["first_day"]) / days,
        "T": (end - pc["first_day"]) / days,
    })
    if val is not None:
        repeat = pc["total"] - pc["first_value"]
        out["monetary"] = np.divide(repeat, freq, out=np.zeros(n), where=freq > 0)
    return out


@validated(
    frames={"transactions": {"{customer}": "any", "{date}": "date", "{value}": "money"}},
    options={"calibration_end": DateOption(optional=False), "holdout_end": DateOption()},
)
def calibration_holdout(transactions: pd.DataFrame, *, calibration_end, holdout_end=None,
                        customer="customer_id", date="date", value="revenue", unit="week"
                        ) -> pd.DataFrame:
    """Split a log in time: a :func:`summary` of the calibration period and what came after.

    Customers are those who made their first purchase on or before ``calibration_end``.  The
    columns of :func:`summary` get the suffix ``_cal``; ``frequency_holdout`` counts purchase
    occasions after ``calibration_end`` up to ``holdout_end`` (``None`` = the last date in the
    data), ``monetary_holdout`` is their mean value (0 if none) and ``duration_holdout`` the
    length of the hold-out period in ``unit``.

    Parameters
    ----------
    transactions : DataFrame
        The transaction log, one row per purchase.
    calibration_end : date
        Last day of the calibration period.
    holdout_end : date, optional
        Last day of the holdout period (default ``None``: the last date in the data).
    customer : str, default 'customer_id'
        Column of the customer number.
    date : str, default 'date'
        Column of the purchase date.
    value : str, default 'revenue'
        Column of the value read.
    unit : str, default 'week'
        Time unit of recency and T: ``'week'`` or ``'day'``.

    Returns
    -------
    DataFrame
        Split a log in time: a :func:`summary` of the calibration period and what came after.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 2, 3],
    ...     "date": pd.to_datetime(["1997-01-01", "1997-01-08", "1997-01-22", "1997-01-08",
    ...                             "1997-01-20"]),
    ...     "revenue": [10.0, 20.0, 30.0, 5.0, 9.0]})
    >>> ch = calibration_holdout(tx, calibration_end="1997-01-14", holdout_end="1997-01-28",
    ...                          unit="day")
    >>> ch[["customer_id", "frequency_cal", "T_cal", "frequency_holdout", "duration_holdout"]]
       customer_id  frequency_cal  T_cal  frequency_holdout  duration_holdout
    0            1              1   13.0                  1              14.0
    1            2              0    6.0                  0              14.0
    """
    what = "clv.calibration_holdout"
    days = unit_days(unit)
    day, val, last = _prepare(transactions, what=what, customer=customer, date=date, value=value,
                              asof=None)
    cal = int(np.datetime64(_asof(calibration_end, what, "calibration_end").date(), "D")
              .astype("int64"))
    hold = last if holdout_end is None else int(
        np.datetime64(_asof(holdout_end, what, "holdout_end").date(), "D").astype("int64"))
    if hold <= cal:
        raise ValueError(f"{what}: holdout_end must come after calibration_end "
                         f"({np.datetime64(cal, 'D')}); got {np.datetime64(hold, 'D')}")
    if cal < int(day.min()):
        raise ValueError(f"{what}: calibration_end={np.datetime64(cal, 'D')} is before the first "
                         f"purchase in the data ({np.datetime64(int(day.min()), 'D')})")
    in_cal = day <= cal
    cal_sum = summary(transactions[in_cal], asof=np.datetime64(cal, "D"), customer=customer,
                      date=date, value=value, unit=unit)
    cal_sum = cal_sum.rename(columns={c: f"{c}_cal" for c in cal_sum.columns if c != customer})
    after = ~in_cal & (day <= hold)
    ids = cal_sum[customer]
    hcodes = pd.Index(ids).get_indexer(transactions[customer][after])
    known = hcodes >= 0
    hday = day[after][known]
    hcodes = hcodes[known]
    n = len(ids)
    if len(hcodes):
        span = int(hday.max() - hday.min()) + 1
        key = np.unique(hcodes.astype("int64") * span + (hday - hday.min()))
        count = np.bincount(key // span, minlength=n)
    else:
        count = np.zeros(n, dtype="int64")
    cal_sum["frequency_holdout"] = count.astype("int64")
    if val is not None:
        total = np.bincount(hcodes, weights=val[after][known], minlength=n)
        cal_sum["monetary_holdout"] = np.divide(total, count, out=np.zeros(n), where=count > 0)
    cal_sum["duration_holdout"] = (hold - cal) / days
    return cal_sum
