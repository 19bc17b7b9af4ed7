"""Customer lifetime value (客户终身价值) from the models: discounted expected margin over a horizon.

The kit has one definition of lifetime value: the margin a customer is expected to bring in each
future period, discounted to today and added up over a horizon,

    CLV = Σ_{k=0}^{K−1} m_k / (1 + d)^(k / P)

with m_k the expected margin of period k (period 0 counts in full, as in the simple formula), d
the yearly discount rate and P periods per year.  The simple formula of
:func:`casekit.tiering.clv` is the special case of yearly periods with m_k = m · r^k: a customer
worth m a year who stays each further year with probability r.  The models replace m · r^k by
what the customer's own history predicts:

    m_k = margin share · E[spend per purchase] · E[purchases in period k | x, t_x, T]

with the purchases from the BG/NBD model (which already weighs in the chance that the customer
is gone, P(alive)) and the spend from the Gamma-Gamma model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import DateOption, Flag, Interval, OneOf, validated  # noqa: F401
from ..validate import require_frame, require_number
from .bgnbd import BGNBD, _arrays
from .gamma_gamma import GammaGamma


@validated(
    options={"discount": Interval(0, 1), "periods_per_year": Interval(1, None, integer=True)},
)
def discounted_value(margins, *, discount=0.10, periods_per_year=1):
    """``Σ_k m_k / (1+d)^(k/P)`` over the last axis of ``margins`` (period 0 undiscounted).

    Parameters
    ----------
    margins : sequence of float
        Margin of each period.
    discount : float, default 0.1
        Yearly discount rate (0 to 1).
    periods_per_year : int, default 1
        Periods per year (1: yearly, 12: monthly).

    Returns
    -------
    float
        ``Σ_k m_k / (1+d)^(k/P)`` over the last axis of ``margins`` (period 0 undiscounted).

    Examples
    --------
    The simple formula as a special case: m = 100 a year, r = 0.8, d = 10%, 3 years gives
    100 + 100·0.8/1.1 + 100·0.8²/1.1² = 225.62, as ``casekit.tiering.clv`` does.

    >>> round(discounted_value([100.0, 80.0, 64.0], discount=0.10), 2)
    225.62
    """
    what = "clv.discounted_value"
    require_number(discount, what=what, name="discount", low=0.0, high=1.0)
    require_number(periods_per_year, what=what, name="periods_per_year", low=1, high=366,
                   integer=True)
    m = np.asarray(margins, dtype="float64")
    if m.ndim == 0 or m.shape[-1] == 0 or not np.all(np.isfinite(m)):
        raise ValueError(f"{what}: margins must be finite numbers, one per period; got {margins!r}")
    k = np.arange(m.shape[-1])
    v = m @ (1.0 + discount) ** (-k / periods_per_year)
    return float(v) if np.ndim(v) == 0 else v


@validated(
    frames={"frame": {"{frequency}": "numeric", "{recency}": "numeric", "{T}": "numeric"}},
    options={"periods": Interval(1, None, integer=True), "length": Interval(0, None)},
    keys={"frame": "customer_id"},
)
def expected_by_period(frame, model: BGNBD, *, periods, length, frequency="frequency",
                       recency="recency", T="T") -> np.ndarray:
    """Expected purchases of each customer in each of ``periods`` future periods of ``length``.

    Row i, column k: E[Y((k+1)·length)] − E[Y(k·length)] for customer i (BG/NBD eq. 10).
    Customers with the same (x, t_x, T) are computed once.

    Parameters
    ----------
    frame : DataFrame
        The per-customer frame to read.
    model : BGNBD
        A fitted BG/NBD model (:func:`fit_bgnbd`).
    periods : int
        Number of periods.
    length : float
        Length of one period in the model's time unit.
    frequency : str, default 'frequency'
        Column of the number of repeat purchases.
    recency : str, default 'recency'
        Column of the time of the last purchase since the first.
    T : str, default 'T'
        Column of the time since the first purchase.

    Returns
    -------
    ndarray
        Expected purchases of each customer in each of ``periods`` future periods of ``length``.

    Examples
    --------
    >>> f = pd.DataFrame({"frequency": [0, 2, 5], "recency": [0.0, 20.0, 50.0],
    ...                   "T": [52.0, 52.0, 52.0]})
    >>> m = BGNBD(r=0.25, alpha=4.4, a=0.8, b=2.4, se=(0, 0, 0, 0), loglik=0.0, n_customers=3,
    ...           converged=True, iterations=1)
    >>> expected_by_period(f, m, periods=4, length=13.0).round(3)
    array([[0.056, 0.052, 0.049, 0.047],
           [0.193, 0.174, 0.16 , 0.148],
           [0.985, 0.874, 0.788, 0.72 ]])
    """
    x, tx, tt = _arrays(frame, what="clv.expected_by_period", frequency=frequency,
                        recency=recency, T=T)
    key = pd.MultiIndex.from_arrays([x, tx, tt])
    codes, uniq = pd.factorize(key)
    ux, utx, utt = (np.asarray(uniq.get_level_values(i), dtype="float64") for i in range(3))
    edges = np.arange(periods + 1) * float(length)
    cum = np.column_stack([np.zeros_like(ux)] + [model._conditional(ux, utx, utt, e)
                                                  for e in edges[1:]])
    return np.diff(cum, axis=1)[codes]


@validated(
    frames={"frame": {"{frequency}": "numeric", "{recency}": "numeric", "{T}": "numeric",
                      "{monetary}": "?numeric"}},
    options={"margin": Interval(0, 1), "discount": Interval(0, 1),
             "horizon": Interval(1, None, integer=True),
             "periods_per_year": Interval(1, None, integer=True), "unit": OneOf(("week", "day"))},
)
def lifetime_value(frame: pd.DataFrame, *, model: BGNBD, spend, margin=0.3, discount=0.10,
                   horizon=5, periods_per_year=12, unit="week", frequency="frequency",
                   recency="recency", T="T", monetary="monetary") -> pd.DataFrame:
    """Model lifetime value per customer: discounted expected margin over ``horizon`` years.

    ``model`` is a fitted :class:`~casekit.clv.bgnbd.BGNBD` (its time unit ``unit``: "week" or
    "day", as in the summary); ``spend`` is a fitted :class:`~casekit.clv.gamma_gamma.GammaGamma`
    or a number (the same spend per purchase for everyone).  ``margin`` is the share of spend kept
    as margin; ``discount`` the yearly rate.  Returns ``p_alive``, ``expected_purchases`` (over
    the horizon), ``expected_spend`` and ``clv`` on the index of ``frame``.

    Parameters
    ----------
    frame : DataFrame
        The per-customer frame to read.
    model : BGNBD
        A fitted BG/NBD model (:func:`fit_bgnbd`).
    spend : Series
        Spend per customer.
    margin : float, default 0.3
        Margin rate (0 to 1).
    discount : float, default 0.1
        Yearly discount rate (0 to 1).
    horizon : int, default 5
        Years ahead.
    periods_per_year : int, default 12
        Periods per year (1: yearly, 12: monthly).
    unit : str, default 'week'
        Time unit of recency and T: ``'week'`` or ``'day'``.
    frequency : str, default 'frequency'
        Column of the number of repeat purchases.
    recency : str, default 'recency'
        Column of the time of the last purchase since the first.
    T : str, default 'T'
        Column of the time since the first purchase.
    monetary : str, default 'monetary'
        Column of the mean spend per repeat purchase.

    Returns
    -------
    pd.DataFrame
        Model lifetime value per customer: discounted expected margin over ``horizon`` years.

    Examples
    --------
    With no discounting, value = margin · spend · expected purchases; a customer just acquired
    (T = 0) is expected to buy what a new customer buys in a year:

    >>> m = BGNBD(r=1.0, alpha=20.0, a=2.0, b=3.0, se=(0,) * 4, loglik=0.0, n_customers=1,
    ...           converged=True, iterations=0)
    >>> f = pd.DataFrame({"frequency": [0], "recency": [0.0], "T": [0.0], "monetary": [0.0]})
    >>> v = lifetime_value(f, model=m, spend=50.0, margin=0.2, discount=0.0, horizon=1,
    ...                    periods_per_year=1, unit="day")
    >>> bool(np.isclose(v["expected_purchases"].iloc[0], m.expected_new(365.25)))
    True
    >>> bool(np.isclose(v["clv"].iloc[0], 0.2 * 50.0 * v["expected_purchases"].iloc[0]))
    True
    """
    from .summary import unit_days

    what = "clv.lifetime_value"
    if not isinstance(model, BGNBD):
        raise ValueError(f"{what}: model must be a fitted BG/NBD model (clv.fit_bgnbd), got "
                         f"{type(model).__name__}")
    require_number(margin, what=what, name="margin", low=0.0, high=1.0)
    require_number(horizon, what=what, name="horizon", low=1, high=50, integer=True)
    require_number(periods_per_year, what=what, name="periods_per_year", low=1, high=366,
                   integer=True)
    require_number(discount, what=what, name="discount", low=0.0, high=1.0)
    length = 365.25 / periods_per_year / unit_days(unit)
    per = expected_by_period(frame, model, periods=horizon * periods_per_year, length=length,
                             frequency=frequency, recency=recency, T=T)
    if isinstance(spend, GammaGamma):
        require_frame(frame, {monetary: "numeric"}, what=what)
        e_spend = spend.expected_spend(frame, frequency=frequency, monetary=monetary).to_numpy()
    else:
        require_number(spend, what=what, name="spend", low=0.0)
        e_spend = np.full(len(frame), float(spend))
    value = discounted_value(per, discount=discount, periods_per_year=periods_per_year)
    return pd.DataFrame({
        "p_alive": model.p_alive(frame, frequency=frequency, recency=recency, T=T).to_numpy(),
        "expected_purchases": per.sum(axis=1),
        "expected_spend": e_spend,
        "clv": margin * e_spend * np.atleast_1d(value),
    }, index=frame.index)


# The RFM segments as the chapter's ranking tables show them (said in the course's language).
from ..i18n import N_  # noqa: E402

_SEGMENT_LABELS = (N_("important value"), N_("important development"), N_("important retention"),
                   N_("important win-back"), N_("general value"), N_("general development"),
                   N_("general retention"), N_("general win-back"))
# … and the usual action for each (the RFM summary's ``action``)
_ACTION_LABELS = (N_("keep and reward: first-class service, a named contact"),
                  N_("raise frequency: cross-sell, regular visits"),
                  N_("reach out now: call before they drift away"),
                  N_("win back: ask why they stopped, make an offer"),
                  N_("raise spend: upsell bigger orders"), N_("nurture cheaply: welcome and remind"),
                  N_("low-cost reminders, self-service"), N_("let go unless cheap to reach (抓大放小)"))
