"""Tracking a cohort's cumulative repeat purchases, actual against the model (FHL 2005, fig. 2)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import DateOption, Flag, Interval, validated  # noqa: F401
from .bgnbd import BGNBD
from .summary import _asof, _prepare, per_customer, unit_days


@validated(
    frames={"transactions": {"{customer}": "any", "{date}": "date"}},
    options={"calibration_end": DateOption(optional=False), "holdout_end": DateOption()},
)
def tracking(transactions: pd.DataFrame, model: BGNBD, *, calibration_end, holdout_end=None,
             customer="customer_id", date="date", unit="week") -> pd.DataFrame:
    """Cumulative repeat purchases of the cohort, period by period: actual and expected.

    The cohort is every customer whose first purchase is on or before ``calibration_end``.
    Periods of ``unit`` run from the cohort's first purchase date to ``holdout_end`` (``None`` =
    the last date in the data).  A customer who first bought at day s is expected to have made
    E[X(t − s)] repeat purchases by day t (:meth:`BGNBD.expected_new`); the expected curve is
    the sum over the cohort.  Repeat purchases are purchase occasions after the first
    (same-day purchases merged), as in the model.

    Returns ``period`` (1, 2, …), ``end`` (last day of the period), ``actual`` and ``expected``
    (cumulative), ``actual_in_period``, ``expected_in_period`` and ``calibration`` (True for
    periods inside the calibration).

    Parameters
    ----------
    transactions : DataFrame
        The transaction log, one row per purchase.
    model : BGNBD
        A fitted BG/NBD model (:func:`fit_bgnbd`).
    calibration_end : date
        Last day of the calibration period.
    holdout_end : date, optional
        Last day of the holdout period (default ``None``: the last date in the data).
    customer : str, default 'customer_id'
        Column of the customer number.
    date : str, default 'date'
        Column of the purchase date.
    unit : str, default 'week'
        Time unit of recency and T: ``'week'`` or ``'day'``.

    Returns
    -------
    DataFrame
        Cumulative repeat purchases of the cohort, period by period: actual and expected.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 2],
    ...     "date": pd.to_datetime(["1997-01-01", "1997-01-09", "1997-01-03", "1997-01-20"])})
    >>> m = BGNBD(r=1.0, alpha=7.0, a=1.0, b=1e12, se=(0,) * 4, loglik=0.0, n_customers=2,
    ...           converged=True, iterations=0)
    >>> tr = tracking(tx, m, calibration_end="1997-01-14", holdout_end="1997-01-28")
    >>> tr[["period", "actual", "calibration"]].values.tolist()
    [[1, 0, True], [2, 1, True], [3, 2, False], [4, 2, False]]
    """
    what = "clv.tracking"
    if not isinstance(model, BGNBD):
        raise ValueError(f"{what}: model must be a fitted BG/NBD model (clv.fit_bgnbd), got "
                         f"{type(model).__name__}")
    days = unit_days(unit)
    if days != int(days):
        raise ValueError(f"{what}: unit must be a whole number of days here, got {days:g}")
    days = int(days)
    day, _, last = _prepare(transactions, what=what, customer=customer, date=date, value=None,
                            asof=None)
    cal = int(np.datetime64(_asof(calibration_end, what, "calibration_end").date(), "D")
              .astype("int64"))
    hold = last if holdout_end is None else int(
        np.datetime64(_asof(holdout_end, what, "holdout_end").date(), "D").astype("int64"))
    codes, ids = pd.factorize(transactions[customer])
    keep = day <= hold
    pc = per_customer(codes[keep], len(ids), day[keep], None)
    first = pc["first_day"]
    cohort = first <= cal
    if not cohort.any():
        raise ValueError(f"{what}: no customer made a first purchase by calibration_end")
    origin = int(first[cohort].min())
    n_periods = int(np.ceil((hold - origin + 1) / days))
    ends = origin + np.arange(1, n_periods + 1) * days - 1
    # actual: repeat occasions of the cohort (distinct customer-days after the first)
    in_cohort = cohort[codes] & keep
    span = hold - origin + 1
    occ = np.unique(codes[in_cohort].astype("int64") * span + (day[in_cohort] - origin))
    occ_day = occ % span + origin
    repeat = occ_day != first[occ // span]
    per_period = np.bincount((occ_day[repeat] - origin) // days, minlength=n_periods)[:n_periods]
    # expected: one E[X(t)] curve per distinct first-purchase day
    fdays, counts = np.unique(first[cohort], return_counts=True)
    age = (ends[None, :] - fdays[:, None]) / days
    e = np.where(age > 0, model.expected_new(np.maximum(age, 0.0)), 0.0)
    expected = counts @ e
    out = pd.DataFrame({
        "period": np.arange(1, n_periods + 1),
        "end": ends.astype("datetime64[D]").astype("datetime64[us]"),
        "actual": np.cumsum(per_period).astype("int64"),
        "expected": expected,
        "actual_in_period": per_period.astype("int64"),
        "expected_in_period": np.diff(expected, prepend=0.0),
        "calibration": ends <= cal,
    })
    return out
