"""Customer lifetime value (客户终身价值): the kit's one definition, with its named variants.

Every chapter that prices a customer's future uses :func:`lifetime_value`:

``LTV = Σ_t (m·(1+g)^t − c) · r^t / (1+d)^t``

over the years ``t`` of the horizon. The kit's convention, used in every chapter, is
``timing="end"``: each margin arrives at the end of its year, so the first year is discounted and
weighted by retention like every other (``t = 1 … T``). Its variants are named by the options:

- ``horizon`` — a number of years (chapters 1 and 4 count five) or ``None`` for no end, which
  gives the textbook multiple ``m · r / (1 + d − r)`` of chapter 6;
- ``growth`` and ``cost`` — chapter 1 lets a small customer's margin grow and keeps its cost to
  serve, to price its potential;
- ``retention`` — 1 assumes the customer stays (chapter 1, a prospect's potential); chapters 4
  and 6 weight each year by the chance that the customer is still there;
- ``timing="start"`` — the variant some textbooks use, which counts this year's margin in full
  (``t = 0 … T−1``); it is worth ``(1 + d) / r`` times more, and mixing the two is a common slip.

``m`` is the yearly margin, ``g`` its yearly growth, ``c`` the yearly cost to serve (constant),
``r`` the yearly retention rate (the chance of staying another year; 1 = the customer is
assumed to stay), ``d`` the discount rate and ``T`` the horizon (``None`` = for ever, which
needs ``r·(1+g) < 1+d``).

Examples
--------
>>> round(lifetime_value(100.0, retention=0.8, discount=0.1, horizon=3), 2)   # 72.73 + 52.89 + 38.47
164.09
>>> round(lifetime_value(100.0, retention=0.8, discount=0.1, horizon=None), 4)   # 100 · 0.8 / 0.3
266.6667
>>> round(lifetime_value(100.0, retention=0.8, discount=0.1, horizon=3, timing="start"), 2)
225.62
>>> round(lifetime_value(1000.0, cost=200.0, growth=0.5, discount=0.0, horizon=2), 2)
3350.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["TIMINGS", "lifetime_value", "ltv_multiplier"]

#: The two ways of counting the first year (see the module's docstring).
TIMINGS = ("end", "start")


def _rates(x, what: str, name: str, *, low: float, high: float | None) -> np.ndarray:
    if isinstance(x, (str, bytes, pd.DataFrame)) or x is None:
        raise ValueError(f"{what}: {name} must be a number or a column of numbers, "
                         f"got {type(x).__name__}")
    try:
        a = np.asarray(x, dtype="float64")
    except (TypeError, ValueError):
        raise ValueError(f"{what}: {name} must hold numbers, got {x!r}") from None
    bad = ~np.isfinite(a) | (a < low) | ((a > high) if high is not None else False)
    if bad.any():
        first = a.ravel()[np.flatnonzero(bad.ravel())[0]]
        rng = f"between {low:g} and {high:g}" if high is not None else f"above {low:g}"
        raise ValueError(f"{what}: {name} must be {rng}, got {first!r}")
    return a


def _sum_of_powers(q: np.ndarray, horizon, timing: str) -> np.ndarray:
    """``Σ q^t`` over the years the variant counts."""
    q = np.asarray(q, dtype="float64")
    start = 0 if timing == "start" else 1
    if horizon is None:
        with np.errstate(divide="ignore"):
            return np.where(q < 1, q ** start / (1.0 - np.minimum(q, 1.0 - 1e-15)), np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(np.isclose(q, 1.0), float(horizon),
                     (1.0 - q ** horizon) / np.where(np.isclose(q, 1.0), 1.0, 1.0 - q))
    return s * q ** start


def ltv_multiplier(*, retention=1.0, discount: float = 0.10, horizon: int | None = 5,
                   growth=0.0, timing: str = "end"):
    """What one unit of today's yearly margin is worth over the customer's life.

    ``Σ_t (1+g)^t · r^t / (1+d)^t`` over the years of the variant (see the module).

    Parameters
    ----------
    retention : float or array, default 1.0
        Yearly retention rate(s), 0 to 1.
    discount : float, default 0.1
        Yearly discount rate, 0 to 1.
    horizon : int or None, default 5
        Years counted (1 to 100), or ``None`` for no end.
    growth : float or array, default 0.0
        Yearly growth of the margin (above −1).
    timing : {"end", "start"}, default "end"
        Whether the first margin arrives at the end of year 1 (the kit's convention) or counts in
        full now (``"start"``).

    Returns
    -------
    float or ndarray
        The multiplier.

    Examples
    --------
    >>> round(ltv_multiplier(retention=0.5, discount=0.0, horizon=3, timing="start"), 6)  # 1+.5+.25
    1.75
    >>> round(ltv_multiplier(retention=0.8, horizon=None), 4)   # r / (1 + d − r)
    2.6667
    """
    what = "lifetime_value"
    if timing not in TIMINGS:
        raise ValueError(f"{what}: timing must be 'start' or 'end', got {timing!r}")
    d = float(_rates(discount, what, "discount", low=0.0, high=1.0))
    if horizon is not None:
        if isinstance(horizon, bool) or not float(_rates(horizon, what, "horizon", low=1,
                                                        high=100)).is_integer():
            raise ValueError(f"{what}: horizon must be a whole number of years from 1 to 100 "
                             f"(or None for no end), got {horizon!r}")
        horizon = int(horizon)
    r = _rates(retention, what, "retention", low=0.0, high=1.0)
    g = _rates(growth, what, "growth", low=-1.0 + 1e-12, high=None)
    q = r * (1.0 + g) / (1.0 + d)
    if horizon is None and np.any(q >= 1):
        raise ValueError(f"{what}: with no horizon the value is infinite unless "
                         "retention × (1 + growth) < 1 + discount; give a horizon")
    out = _sum_of_powers(q, horizon, timing)
    return float(out) if np.ndim(out) == 0 else out


def lifetime_value(margin, *, retention=1.0, discount: float = 0.10, horizon: int | None = 5,
                   growth=0.0, cost=0.0, timing: str = "end"):
    """Customer lifetime value (客户终身价值): discounted future profit of a customer.

    ``LTV = Σ_t (m·(1+g)^t − c) · r^t / (1+d)^t`` over ``t = 0 … T−1`` (``timing="start"``) or
    ``t = 1 … T`` (``timing="end"``); see the module for when each variant is used.

    Parameters
    ----------
    margin : float, array or Series
        Yearly margin ``m`` today (CNY).
    retention : float, array or Series, default 1.0
        Yearly retention rate(s) ``r``, 0 to 1 (1 = the customer is assumed to stay).
    discount : float, default 0.1
        Yearly discount rate ``d``, 0 to 1.
    horizon : int or None, default 5
        Years counted ``T`` (1 to 100), or ``None`` for no end.
    growth : float, array or Series, default 0.0
        Yearly growth ``g`` of the margin (0.1 = 10%).
    cost : float, array or Series, default 0.0
        Yearly cost to serve ``c``, which does not grow.
    timing : {"end", "start"}, default "end"
        ``"end"`` (the kit's convention): each margin arrives at the end of its year, the first
        one discounted and retention-weighted too; ``"start"``: this year's margin counts in full.

    Returns
    -------
    float, ndarray or Series
        Lifetime value per customer (a Series named ``lifetime_value`` when ``margin`` is one).

    Examples
    --------
    >>> round(lifetime_value(1000.0, cost=200.0, discount=0.0, horizon=2), 2)
    1600.0
    >>> s = pd.Series([100.0, -20.0], index=["a", "b"])
    >>> lifetime_value(s, retention=0.8, horizon=3).round(2).tolist()
    [164.09, -32.82]
    """
    what = "lifetime_value"
    m = _rates(margin, what, "margin", low=-np.inf, high=np.inf)
    c = _rates(cost, what, "cost", low=-np.inf, high=np.inf)
    grow = ltv_multiplier(retention=retention, discount=discount, horizon=horizon, growth=growth,
                          timing=timing)
    out = m * grow
    if np.any(c != 0):
        out = out - c * ltv_multiplier(retention=retention, discount=discount, horizon=horizon,
                                       timing=timing)
    if isinstance(margin, pd.Series):
        return pd.Series(np.broadcast_to(out, margin.shape).astype("float64"), index=margin.index,
                         name="lifetime_value")
    return float(out) if np.ndim(out) == 0 else out
