"""The whole customer-base analysis of a transaction log in one call: fit, test, value."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..i18n import _
from ..core.checks import DateOption, Flag, Interval, validated  # noqa: F401
from .bgnbd import BGNBD, fit_bgnbd
from .gamma_gamma import GammaGamma, fit_gamma_gamma
from .summary import _asof, calibration_holdout, summary
from .tracking import tracking
from .value import lifetime_value


@dataclass(frozen=True)
class CustomerBase:
    """A customer-base analysis: the models tested on a hold-out, then refitted to value customers.

    ``holdout``, ``bgnbd_cal`` and ``tracked`` test the model: fitted on the calibration period,
    compared with what happened after.  ``summary``, ``bgnbd``, ``gamma_gamma`` and ``values``
    use all the data up to ``holdout_end`` (the as-of date): ``values`` is the summary with
    ``p_alive``, ``expected_purchases`` (over the horizon), ``expected_spend`` and ``clv``.
    """

    calibration_end: pd.Timestamp
    holdout_end: pd.Timestamp
    holdout: pd.DataFrame
    bgnbd_cal: BGNBD
    tracked: pd.DataFrame
    summary: pd.DataFrame
    bgnbd: BGNBD
    gamma_gamma: GammaGamma
    values: pd.DataFrame
    margin: float
    discount: float
    horizon: int

    def __repr__(self) -> str:
        return _("CustomerBase({n:,} customers, calibration to {cal}, hold-out to {end})").format(
            n=len(self.summary), cal=self.calibration_end.date(), end=self.holdout_end.date())


@validated(
    frames={"transactions": {"{customer}": "any", "{date}": "date", "{value}": "money"}},
    options={
        "calibration_end": DateOption(),
        "holdout_end": DateOption(),
        "margin": Interval(0, 1),
        "discount": Interval(0, 1),
        "horizon": Interval(1, None, integer=True),
        "periods_per_year": Interval(1, None, integer=True),
    },
)
def customer_base(transactions: pd.DataFrame, *, calibration_end=None, holdout_end=None,
                  customer="customer_id", date="date", value="revenue", margin=0.3,
                  discount=0.10, horizon=3, periods_per_year=12) -> CustomerBase:
    """Fit BG/NBD and Gamma-Gamma to a log, test them on a hold-out and value every customer.

    ``holdout_end`` = the as-of date (``None``: the last date in the data); ``calibration_end``
    (``None``: 52 weeks before it).  Time is in weeks.  The lifetime value is
    :func:`casekit.clv.lifetime_value` with ``margin`` (share of spend kept), ``discount`` (a
    year) and ``horizon`` (years), in monthly steps by default.

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
    margin : float, default 0.3
        Margin rate (0 to 1).
    discount : float, default 0.1
        Yearly discount rate (0 to 1).
    horizon : int, default 3
        Years ahead.
    periods_per_year : int, default 12
        Periods per year (1: yearly, 12: monthly).

    Returns
    -------
    CustomerBase
        Fit BG/NBD and Gamma-Gamma to a log, test them on a hold-out and value every customer.

    Examples
    --------
    >>> import casekit as ck
    >>> base = customer_base(ck.load("cdnow_sample"), calibration_end="1997-09-30",
    ...                      value="dollar_value")
    >>> base
    CustomerBase(2,357 customers, calibration to 1997-09-30, hold-out to 1998-06-30)
    >>> int(base.tracked["period"].max())
    78
    """
    what = "clv.customer_base"
    if not isinstance(transactions, pd.DataFrame) or date not in transactions:
        summary(transactions, customer=customer, date=date, value=value)  # raises the clear error
    last = pd.Timestamp(transactions[date].max()).normalize()
    hold = last if holdout_end is None else _asof(holdout_end, what, "holdout_end")
    cal = hold - pd.Timedelta(days=364) if calibration_end is None else \
        _asof(calibration_end, what, "calibration_end")
    tx = transactions[transactions[date] <= hold]
    ho = calibration_holdout(tx, calibration_end=cal, holdout_end=hold, customer=customer,
                             date=date, value=value)
    bg_cal = fit_bgnbd(ho, frequency="frequency_cal", recency="recency_cal", T="T_cal")
    tr = tracking(tx, bg_cal, calibration_end=cal, holdout_end=hold, customer=customer, date=date)
    s = summary(tx, asof=hold, customer=customer, date=date, value=value)
    bg = fit_bgnbd(s)
    gg = fit_gamma_gamma(s)
    v = lifetime_value(s, model=bg, spend=gg, margin=margin, discount=discount, horizon=horizon,
                       periods_per_year=periods_per_year)
    values = pd.concat([s, v], axis=1)
    values["clv_rank"] = values["clv"].rank(ascending=False, method="first").astype("int64")
    return CustomerBase(calibration_end=cal, holdout_end=hold, holdout=ho, bgnbd_cal=bg_cal,
                        tracked=tr, summary=s, bgnbd=bg, gamma_gamma=gg, values=values,
                        margin=float(margin), discount=float(discount), horizon=int(horizon))


@validated(
    frames={
        "values": {"{customer}": "any", "p_alive": "numeric", "clv": "numeric"},
        "tiers": {"{customer}": "any", "{tier}": "text"},
    },
    options={"top": Interval(0, 1)},
    keys={"values": "{customer}", "tiers": "{customer}"},
)
def ranking_table(values: pd.DataFrame, tiers: pd.DataFrame, *, customer="customer_id",
                  tier="tier", top=0.2) -> pd.DataFrame:
    """How a tiering by history and the ranking by model CLV agree, tier by tier.

    ``values`` is :attr:`CustomerBase.values`; ``tiers`` maps ``customer`` to a ``tier`` (e.g.
    :func:`casekit.tiering.pyramid` or the ``segment`` of :func:`casekit.tiering.rfm`).  Per
    tier: customers, mean P(alive), mean model CLV, and the share of the tier in the top ``top``
    of customers by model CLV.

    Parameters
    ----------
    values : DataFrame
        The per-customer lifetime values (one row per customer). Reads ``p_alive``, ``clv``.
    tiers : DataFrame
        The tier of each customer (one row per customer).
    customer : str, default 'customer_id'
        Column of the customer number.
    tier : str, default 'tier'
        Column of the tier.
    top : float, default 0.2
        The share of customers at the top (0 to 1).

    Returns
    -------
    DataFrame
        How a tiering by history and the ranking by model CLV agree, tier by tier.

    Examples
    --------
    >>> v = pd.DataFrame({"customer_id": [1, 2, 3, 4], "p_alive": [0.9, 0.2, 0.8, 0.5],
    ...                   "clv": [100.0, 5.0, 60.0, 20.0]})
    >>> t = pd.DataFrame({"customer_id": [1, 2, 3, 4], "tier": ["top", "top", "rest", "rest"]})
    >>> ranking_table(v, t, top=0.5)[["tier", "customers", "in_top_by_clv"]]
       tier  customers  in_top_by_clv
    0  rest          2            0.5
    1   top          2            0.5
    """
    from ..validate import require_frame

    what = "clv.ranking_table"
    require_frame(values, {customer: "any", "p_alive": "numeric", "clv": "numeric"}, what=what)
    require_frame(tiers, {customer: "any", tier: "any"}, what=what)
    v = values[[customer, "p_alive", "clv"]].merge(tiers[[customer, tier]], on=customer,
                                                   how="inner")
    if v.empty:
        raise ValueError(f"{what}: no customer of values is in tiers; expected the same "
                         f"{customer!r} values")
    k = max(int(np.ceil(top * len(v) - 1e-9)), 1)
    v["in_top"] = v["clv"].rank(ascending=False, method="first") <= k
    g = v.groupby(tier, observed=True, sort=True)
    out = pd.DataFrame({"customers": g.size(), "mean_p_alive": g["p_alive"].mean(),
                        "mean_clv": g["clv"].mean(), "in_top_by_clv": g["in_top"].mean()})
    return out.reset_index()
