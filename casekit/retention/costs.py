"""Chapter 6, retention and churn — the cost argument."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, require_frame, require_number, validated,
)
from ..core.ltv import lifetime_value
from ._common import SOURCE_COST_RATIO  # noqa: F401


# ---------------------------------------------------------------------------------------------
# The cost argument
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CostComparison:
    """Acquisition cost vs a year of retention cost, per customer (means)."""

    acquisition: float  #: mean acquisition cost per customer (CNY)
    retention: float  #: mean retention cost per customer per year (CNY)
    ratio: float  #: acquisition / retention: how many years of keeping one customer a win costs
    median_ratio: float  #: the median of each customer's own ratio
    source_low: float = SOURCE_COST_RATIO[0]
    source_high: float = SOURCE_COST_RATIO[1]


@validated(
    frames={"customers": {"acquisition_cost": "money", "retention_cost": "money"}},
    keys={"customers": "customer_id"},
)
def cost_comparison(customers: pd.DataFrame) -> CostComparison:
    """What winning a customer costs (获客成本) against a year of keeping one (客户保持成本).

    ``ratio = mean(acquisition_cost) / mean(retention_cost)``: how many years of retention
    spending one new customer costs.  The sources say 5–6 (S1: "争取一个新客户的成本是维持一个老客户
    的5~6倍").

    Parameters
    ----------
    customers : DataFrame
        The customers, one row per customer. Reads ``acquisition_cost``, ``retention_cost``.

    Returns
    -------
    CostComparison
        What winning a customer costs (获客成本) against a year of keeping one (客户保持成本).

    Examples
    --------
    >>> c = pd.DataFrame({"acquisition_cost": [1000.0, 2000.0], "retention_cost": [200.0, 400.0]})
    >>> r = cost_comparison(c)
    >>> r.acquisition, r.retention, r.ratio
    (1500.0, 300.0, 5.0)
    """
    what = "cost_comparison"
    require_frame(customers, {"acquisition_cost": "numeric", "retention_cost": "numeric"},
                  what=what)
    acq = customers["acquisition_cost"].to_numpy(dtype="float64")
    ret = customers["retention_cost"].to_numpy(dtype="float64")
    if (ret <= 0).any() or (acq < 0).any():
        raise ValueError(f"{what}: retention_cost must be positive and acquisition_cost not "
                         "negative")
    return CostComparison(float(acq.mean()), float(ret.mean()), float(acq.mean() / ret.mean()),
                          float(np.median(acq / ret)))


@validated(options={"discount": Interval(0, 1)})
def clv_multiple(retention, *, discount: float = 0.10):
    """The textbook lifetime-value multiple of a yearly margin: ``r / (1 + d − r)``.

    The kit's one customer lifetime value (客户终身价值, :func:`casekit.core.ltv.lifetime_value`)
    of a margin of 1, in the variant ``horizon=None`` (no end) and ``timing="end"`` (the kit's
    convention: each margin arrives at the end of its year, so year 1 is discounted and
    retention-weighted): ``Σ_{t≥1} r^t / (1+d)^t = r / (1 + d − r)``.  A customer kept each year
    with probability ``r`` and earning margin ``m`` is worth ``m · clv_multiple(r)`` today.
    ``retention`` may be a number or an array.

    Parameters
    ----------
    retention : float or array
        Yearly retention rate (0 to 1).
    discount : float, default 0.1
        Yearly discount rate (0 to 1); with ``discount=0`` a retention of 1 has no finite value.

    Returns
    -------
    float or ndarray
        The multiple ``r / (1 + d − r)``.

    Examples
    --------
    >>> round(clv_multiple(0.8, discount=0.10), 4)      # 0.8 / 0.3
    2.6667
    >>> round(clv_multiple(0.9, discount=0.10), 4)      # 0.9 / 0.2: ten points more, 69% more value
    4.5
    """
    what = "clv_multiple"
    require_number(discount, what=what, name="discount", low=0.0, high=1.0)
    if isinstance(retention, (str, bytes, pd.DataFrame)):
        raise ValueError(f"{what}: retention must be a rate between 0 and 1 or a column of rates, "
                         f"got {type(retention).__name__}")
    try:
        r = np.asarray(retention, dtype="float64")
    except (TypeError, ValueError):
        raise ValueError(f"{what}: retention must hold rates between 0 and 1, got "
                         f"{retention!r}") from None
    if not np.all(np.isfinite(r)) or np.any((r < 0) | (r > 1)):
        raise ValueError(f"{what}: retention must be rates between 0 and 1, got {retention!r}")
    if discount == 0 and np.any(r >= 1):
        raise ValueError(f"{what}: with discount=0 a retention of 1 has no finite lifetime value; "
                         "give a discount above 0 or a retention below 1")
    out = lifetime_value(1.0, retention=r, discount=discount, horizon=None, timing="end")
    out = np.asarray(out, dtype="float64")
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class RetentionPointValue:
    """What ``points`` more points of retention are worth (see :func:`retention_point_value`)."""

    customers: int
    annual_margin: float  #: mean yearly profit per customer (CNY)
    retention: float
    points: float
    discount: float
    clv_now: float  #: CLV per customer at today's retention
    clv_up: float  #: CLV per customer with the higher retention
    gain_per_customer: float
    gain_total: float  #: gain over all customers (CNY)
    gain_share: float  #: relative increase of CLV


@validated(options={"points": Interval(0, 100), "discount": Interval(0, 1)})
def retention_point_value(annual_margin: float, customers: int, retention: float, *,
                          points: float = 1.0, discount: float = 0.10) -> RetentionPointValue:
    """What a point of retention (客户保持率) is worth in profit.

    ``CLV = m · r / (1 + d − r)`` per customer (:func:`clv_multiple`, i.e. the kit's
    :func:`~casekit.core.ltv.lifetime_value` with ``horizon=None, timing="end"``); raising ``r`` by
    ``points`` percentage points adds ``m · (multiple(r + p) − multiple(r))`` per customer, over
    ``customers`` customers.

    Parameters
    ----------
    annual_margin : float
        Yearly margin of one customer.
    customers : int
        Number of customers.
    retention : float or array
        Yearly retention rate (0 to 1).
    points : float, default 1.0
        Points of retention gained.
    discount : float, default 0.1
        Yearly discount rate (0 to 1).

    Returns
    -------
    RetentionPointValue
        What a point of retention (客户保持率) is worth in profit.

    Examples
    --------
    >>> v = retention_point_value(1000.0, 100, 0.80, points=10, discount=0.10)
    >>> round(v.clv_now, 2), round(v.clv_up, 2), round(v.gain_total, 0), round(v.gain_share, 2)
    (2666.67, 4500.0, 183333.0, 0.69)
    """
    what = "retention_point_value"
    require_number(annual_margin, what=what, name="annual_margin")
    require_number(customers, what=what, name="customers", low=0, integer=True)
    require_number(retention, what=what, name="retention", low=0.0, high=1.0)
    require_number(points, what=what, name="points", low=0.0, high=100.0)
    up = min(1.0, retention + points / 100.0)
    if discount == 0 and up >= 1:
        raise ValueError(f"{what}: with discount=0 a retention of 1 has no finite lifetime value; "
                         "give a discount above 0 or fewer points")
    now_v, up_v = (float(lifetime_value(float(annual_margin), retention=x, discount=discount,
                                        horizon=None, timing="end")) for x in (retention, up))
    gain = up_v - now_v
    now_m = clv_multiple(retention, discount=discount)
    share = (clv_multiple(up, discount=discount) - now_m) / now_m if now_m > 0 else float("nan")
    return RetentionPointValue(int(customers), float(annual_margin), float(retention),
                               float(points), float(discount), now_v, up_v, gain,
                               gain * customers, float(share))


