"""Customer lifetime value, yearly retention and the per-customer value of a world."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.memo import per_world
from ..core.checks import Interval, require_frame, require_number, validated
from ..core.ltv import ltv_multiplier
from ..core.profit import customer_profitability
from .tiers import _customer_year_codes


# --------------------------------------------------------------------------------------------
# Customer lifetime value
# --------------------------------------------------------------------------------------------

#: The kit's convention for a lifetime value (see :mod:`casekit.core.ltv`): each year's margin
#: arrives at the end of the year, so the first year is discounted and retention-weighted too.
TIMING = "end"


@validated(options={"discount": Interval(0, 1), "horizon": Interval(1, 100, integer=True)})
def clv_factor(retention, *, discount=0.10, horizon=5):
    """The multiplier of a yearly margin: ``Σ_{t=1}^{T} r^t / (1 + d)^t``.

    The kit's one lifetime value, :func:`casekit.core.ltv.ltv_multiplier`, with its convention
    ``timing="end"`` (the first year is discounted and weighted by retention like every other).
    With ``q = r / (1 + d)`` it equals ``q · (1 − q^T) / (1 − q)`` (or ``T`` when q = 1).
    ``retention`` may be a number or an array (one rate per customer).

    Parameters
    ----------
    retention : float or array
        Yearly retention rate(s), 0 to 1.
    discount : float, default 0.1
        Number in [0, 1].
    horizon : int, default 5
        Whole number in [1, 100].

    Returns
    -------
    float or ndarray
        The multiplier of a yearly margin: ``Σ_{t=1}^{T} r^t / (1 + d)^t``.

    Examples
    --------
    >>> round(clv_factor(0.5, discount=0.0, horizon=3), 6)     # 0.5 + 0.25 + 0.125
    0.875
    >>> round(clv_factor(1.0, discount=0.0, horizon=4), 6)
    4.0
    """
    what = "clv_factor"
    require_number(discount, what=what, name="discount", low=0.0, high=1.0)
    require_number(horizon, what=what, name="horizon", low=1, high=100, integer=True)
    if isinstance(retention, (str, bytes, pd.DataFrame)):
        raise ValueError(f"{what}: retention must be a rate between 0 and 1 or a column of rates, "
                         f"got {type(retention).__name__}")
    try:
        r = np.asarray(retention, dtype="float64")
    except (TypeError, ValueError):
        raise ValueError(f"{what}: retention must hold rates between 0 and 1, got "
                         f"{retention!r}") from None
    if not np.all(np.isfinite(r)) or np.any((r < 0) | (r > 1)):
        raise ValueError(f"{what}: retention must hold rates between 0 and 1, got {retention!r}")
    f = ltv_multiplier(retention=r, discount=discount, horizon=int(horizon), timing=TIMING)
    return float(f) if np.ndim(f) == 0 else np.asarray(f, dtype="float64")


@validated(frames={"customers": {"{margin}": "numeric", "{retention}": "share"}},
           options={"discount": Interval(0, 1), "horizon": Interval(1, 100, integer=True)})
def clv(customers: pd.DataFrame, *, margin="annual_profit", retention=0.8, discount=0.10, horizon=5
        ) -> pd.Series:
    """Simple customer lifetime value (客户终身价值) per customer: the kit's one lifetime value.

    ``CLV = Σ_{t=1}^{T} m · r^t / (1 + d)^t`` — :func:`casekit.core.ltv.lifetime_value` with
    ``timing="end"``: the yearly margin ``m`` (column ``margin``) arrives at the end of each year,
    the first one included, kept with probability ``r`` per year (``retention``: a rate, or the
    name of a column of rates per customer) and discounted at ``d`` per year, over
    ``T = horizon`` years.

    Parameters
    ----------
    customers : DataFrame
        Needs the ``margin=`` column (numbers), the ``retention=`` column (shares 0–1).
    margin : str, default 'annual_profit'
        Name of the yearly margin column.
    retention : float, default 0.8
        Retention rate, or the name of a column of rates.
    discount : float, default 0.1
        Number in [0, 1].
    horizon : int, default 5
        Whole number in [1, 100].

    Returns
    -------
    Series
        Simple customer lifetime value (客户终身价值) per customer.

    Examples
    --------
    A customer earning 100 a year, staying with probability 0.8, discount rate 10%, 3 years:
    100·0.8/1.1 + 100·0.8²/1.1² + 100·0.8³/1.1³ = 72.73 + 52.89 + 38.47 = 164.09.

    >>> df = pd.DataFrame({"annual_profit": [100.0, 100.0, -20.0], "r": [0.8, 0.5, 0.8]})
    >>> clv(df, retention=0.8, discount=0.10, horizon=3).round(2).tolist()
    [164.09, 164.09, -32.82]
    >>> clv(df, retention="r", discount=0.0, horizon=3).round(2).tolist()
    [195.2, 87.5, -39.04]
    """
    what = "clv"
    # @validated checked the margin (finite numbers), a retention column (rates 0 to 1), the
    # discount and the horizon.
    m = customers[margin].to_numpy(dtype="float64")
    if not isinstance(retention, str):
        require_number(retention, what=what, name="retention", low=0.0, high=1.0)
        f = clv_factor(retention, discount=discount, horizon=horizon)
        return pd.Series(m * f, index=customers.index, name="clv")
    # One rate per customer: ltv_multiplier's closed form q·(1 − q^T)/(1 − q), computed in
    # place (the same numbers, tested against ck.lifetime_value, in a fraction of the time).
    r = customers[retention].to_numpy(dtype="float64")
    q = r / (1.0 + discount)
    f = np.power(q, float(horizon))  # the same numbers as q ** horizon
    np.subtract(1.0, f, out=f)
    tol = 1e-08 + 1e-05  # np.isclose(q, 1.0), where 1 - q would be ~0: T years in full
    # q <= 1 / (1 + d) since r <= 1: a rate near 1 only with a discount near 0
    near_one = (np.abs(q - 1.0) <= tol
                if 1.0 / (1.0 + discount) > 1.0 - 2 * tol and q.max() > 1.0 - 2 * tol else None)
    np.multiply(f, m, out=f)          # m · (1 − q^T)
    np.multiply(f, q, out=f)          # · q: the first year discounted and retention-weighted
    np.subtract(1.0, q, out=q)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(f, q, out=f)
    if near_one is not None:
        f[near_one] = m[near_one] * float(horizon)
    return pd.Series(f, index=customers.index, name="clv", copy=False)


@validated(frames={"transactions": {"{customer}": "key", "{date}": "date"}})
def yearly_retention(transactions: pd.DataFrame, *, groups=None, date="date", customer="customer_id"
                     ) -> pd.Series:
    """Observed yearly retention rate (客户保持率): of the customers who bought in a year, the share
    who bought again the next year, pooled over all pairs of consecutive years in the data.

    ``groups`` (a Series mapping customer id → group) gives one rate per group.

    Parameters
    ----------
    transactions : DataFrame
        Needs the ``customer=`` column (customer ids), the ``date=`` column (dates).
    groups : object, default None
        Group of each customer (a Series).
    date : str, default 'date'
        Name of the date column.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    Series
        Observed yearly retention rate (客户保持率): of the customers who bought in a year, the share
        who bought again the next year, pooled over all pairs of consecutive years in the data.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 3, 1, 2, 1],
    ...     "date": pd.to_datetime(["2023-05-01"] * 3 + ["2024-05-01"] * 2 + ["2025-05-01"])})
    >>> float(yearly_retention(tx).iloc[0])     # 2023→24: 2 of 3 stay; 2024→25: 1 of 2 → 3 of 5
    0.6
    """
    require_frame(transactions, {customer: "any", date: "date"}, what="yearly_retention")
    codes, ids, yidx, years = _customer_year_codes(transactions, customer, date)
    n, ny = len(ids), len(years)
    if ny < 2:
        raise ValueError("yearly_retention: the data covers a single year; expected at least two")
    present = (np.bincount(codes * ny + yidx, minlength=n * ny) > 0).reshape(n, ny)
    base = present[:, :-1].sum(axis=1)                       # years a customer could stay on from
    stayed = (present[:, :-1] & present[:, 1:]).sum(axis=1)  # ... and did buy the next year
    if groups is None:
        rate = stayed.sum() / base.sum() if base.sum() else float("nan")
        return pd.Series([float(rate)], index=pd.Index(["all"], name="group"), name="retention")
    if not isinstance(groups, pd.Series):
        raise ValueError(f"yearly_retention: groups must be a Series mapping {customer} to a group, "
                         f"got {type(groups).__name__}")
    gid = pd.Series(np.asarray(ids)).map(groups).to_numpy()
    frame = pd.DataFrame({"group": gid, "base": base, "stayed": stayed})
    sums = frame.groupby("group", observed=True)[["base", "stayed"]].sum()
    sums = sums[sums["base"] > 0]
    rate = (sums["stayed"] / sums["base"]).rename("retention")
    rate.index.name = "group"
    return rate


# --------------------------------------------------------------------------------------------
# Per-customer value of the synthetic world
# --------------------------------------------------------------------------------------------

@per_world
@validated(world={"customers": {"customer_id": "id", "service_hours": "money", "loyalty": "share", "churned": "bool"},
                  "transactions": {"customer_id": "id", "date": "date", "revenue": "numeric"}},
           keys={"customers": "customer_id"},
           options={"discount": Interval(0, 1), "horizon": Interval(1, 100, integer=True),
                    "retention_bands": Interval(1, 20, integer=True)})
def customer_values(world, *, discount=0.10, horizon=5, retention_bands=5) -> pd.DataFrame:
    """One row per customer of a synthetic world with every value a tier can be built on.

    Profit follows the kit's one definition, :func:`casekit.selection.customer_profitability`
    (gross margin − cost to serve for the time active − bad debt).  Columns:

    * ``customer_id``; ``revenue``, ``margin`` (gross margin) and ``profit`` over the whole period;
    * ``revenue_last`` and ``annual_profit``: the same for the last data year (the margin ``m`` of
      the lifetime value);
    * ``service_hours`` (a year's service time) and ``loyalty``;
    * ``retention``: the observed :func:`yearly_retention` of the customer's loyalty band
      (``retention_bands`` equal-sized bands, least loyal first);
    * ``churned`` and ``clv``: :func:`clv` of ``annual_profit`` at that retention, ``discount``
      and ``horizon``; 0 for a churned customer, who has no future with us.

    Parameters
    ----------
    world : World
        A casekit World (or its customers frame). Needs customers: ``customer_id`` (customer
        ids), ``service_hours`` (amounts ≥ 0), ``loyalty`` (shares 0–1), ``churned``
        (True/False); transactions: ``customer_id`` (customer ids), ``date`` (dates),
        ``revenue`` (numbers).
    discount : float, default 0.1
        Number in [0, 1].
    horizon : int, default 5
        Whole number in [1, 100].
    retention_bands : int, default 5
        Whole number in [1, 20].

    Returns
    -------
    DataFrame
        One row per customer of a synthetic world with every value a tier can be built on.

    Examples
    --------
    >>> import casekit as ck
    >>> w = ck.world()
    >>> v = customer_values(w)
    >>> len(v) == len(w.customers), list(v.columns[-3:])
    (True, ['retention', 'churned', 'clv'])
    """
    what = "customer_values"
    if not hasattr(world, "customers") or not hasattr(world, "transactions"):
        raise ValueError(f"{what}: expected a casekit World (ck.world()), got {type(world).__name__}")
    require_number(retention_bands, what=what, name="retention_bands", low=1, high=20, integer=True)
    c, tx = world.customers, world.transactions
    require_frame(c, {"customer_id": "any", "service_hours": "numeric", "loyalty": "numeric",
                      "churned": "bool"}, what=what)
    require_frame(tx, {"customer_id": "any", "date": "date", "revenue": "numeric"}, what=what)
    whole = customer_profitability(world, active_only=False)
    last_year = int(tx["date"].dt.year.max())
    last = customer_profitability(world, years=last_year, active_only=False).reindex(whole.index)
    cc = c.set_index("customer_id").reindex(whole.index)
    out = pd.DataFrame({
        "customer_id": whole.index.to_numpy(),
        "revenue": whole["revenue"].to_numpy(),
        "margin": whole["gross_margin"].to_numpy(),
        "profit": whole["profit"].to_numpy(),
        "revenue_last": last["revenue"].to_numpy(),
        "annual_profit": last["profit"].to_numpy(),
        "service_hours": cc["service_hours"].to_numpy(),
        "loyalty": cc["loyalty"].to_numpy(),
    })
    band = pd.Series(pd.qcut(cc["loyalty"].rank(method="first"), retention_bands, labels=False)
                     .to_numpy(), index=out["customer_id"].to_numpy())
    rates = yearly_retention(tx, groups=band)
    out["retention"] = band.map(rates).fillna(float(rates.mean())).to_numpy()
    churned = cc["churned"].to_numpy(dtype=bool)
    out["churned"] = churned
    out["clv"] = np.where(churned, 0.0,
                          clv(out, margin="annual_profit", retention="retention", discount=discount,
                              horizon=horizon).to_numpy())
    return out
