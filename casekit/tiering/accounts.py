"""Key accounts: strategic focus and time allocation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (
    Interval, require_choice, require_frame, require_number, require_shares, validated,
)
from ._base import FOCUS_LEVELS, TIME_PYRAMID, _HOURS_PER_FTE
from .tiers import pyramid, tier_summary


# --------------------------------------------------------------------------------------------
# Key accounts: strategic focus and time allocation
# --------------------------------------------------------------------------------------------

_CRITERIA = (("attractiveness", "attr_"), ("potential", "pot_"), ("relationship", "rel_"))


@validated(frames={"accounts": {"{customer}": "key"}}, keys={"accounts": "{customer}"})
def account_scores(accounts: pd.DataFrame, *, customer="customer_id") -> pd.DataFrame:
    """The three key-account criteria of S4, each the mean of its 1–5 item scores.

    * attractiveness (吸引力) = mean of the ``attr_*`` columns (growth, size, competition,
      profitability, need, strategic importance);
    * potential (潜力) = mean of the ``pot_*`` columns;
    * relationship (关系定位) = mean of the ``rel_*`` columns (frequency, knowledge, contacts,
      range, price, reputation, financial strength, service).

    Parameters
    ----------
    accounts : DataFrame
        Needs the ``customer=`` column (customer ids).
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        The three key-account criteria of S4, each the mean of its 1–5 item scores.

    Examples
    --------
    >>> acc = pd.DataFrame({"customer_id": [7, 8], "attr_growth": [5, 1], "attr_size": [4, 2],
    ...                     "pot_volume": [3, 3], "rel_frequency": [2, 5], "rel_service": [1, 4]})
    >>> account_scores(acc)
       customer_id  attractiveness  potential  relationship
    0            7             4.5        3.0           1.5
    1            8             1.5        3.0           4.5
    """
    what = "account_scores"
    require_frame(accounts, {customer: "any"}, what=what)
    out = pd.DataFrame({customer: accounts[customer].to_numpy()})
    for name, prefix in _CRITERIA:
        cols = [c for c in accounts.columns if str(c).startswith(prefix)]
        if not cols:
            raise ValueError(f"{what}: no {name} items found; expected columns starting with "
                             f"{prefix!r} (e.g. {prefix}growth) scored 1–5")
        require_frame(accounts, {c: "numeric" for c in cols}, what=what)
        block = accounts[cols].to_numpy(dtype="float64")
        if ((block < 1) | (block > 5)).any():
            bad = cols[int(np.argwhere((block < 1) | (block > 5))[0][1])]
            raise ValueError(f"{what}: column {bad!r} holds a score outside 1–5; expected scores "
                             "from 1 (worst) to 5 (best)")
        out[name] = block.mean(axis=1).round(3)
    return out


@validated(frames={"accounts": {"{customer}": "key"}}, keys={"accounts": "{customer}"})
def strategic_focus(accounts: pd.DataFrame, *, cut=3.0, customer="customer_id") -> pd.DataFrame:
    """Place key-account candidates in the strategic-focus matrix (战略关注水平), S4.

    Attractiveness (吸引力) high or low × relationship (关系定位) strong or weak, each *high/strong*
    when its score (:func:`account_scores`) is at least ``cut`` (default 3, the middle of the
    1–5 scale; ``cut="median"`` splits at each criterion's median):

    ============== ===================== =====================
    attractiveness weak relationship     strong relationship
    ============== ===================== =====================
    high           target (目标): invest  key (关键): protect
    low            low-key (低调): serve  maintain (维持): keep
                   cheaply               efficiently
    ============== ===================== =====================

    Returns :func:`account_scores` plus ``focus`` (ordered: key, target, maintain, low-key).

    Parameters
    ----------
    accounts : DataFrame
        Needs the ``customer=`` column (customer ids).
    cut : float or 'median', default 3.0
        Score (1 to 5) splitting high from low, or ``'median'``.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Place key-account candidates in the strategic-focus matrix (战略关注水平), S4.

    Examples
    --------
    >>> acc = pd.DataFrame({"customer_id": [1, 2, 3, 4], "attr_x": [5, 4, 2, 1],
    ...                     "pot_x": [3, 3, 3, 3], "rel_x": [4, 2, 5, 1]})
    >>> strategic_focus(acc)[["customer_id", "attractiveness", "relationship", "focus"]]
       customer_id  attractiveness  relationship     focus
    0            1             5.0           4.0       key
    1            2             4.0           2.0    target
    2            3             2.0           5.0  maintain
    3            4             1.0           1.0   low-key
    """
    out = account_scores(accounts, customer=customer)
    if isinstance(cut, str):
        require_choice(cut, ["median"], what="strategic_focus", name="cut")
        ca, cr = out["attractiveness"].median(), out["relationship"].median()
    else:
        require_number(cut, what="strategic_focus", name="cut", low=1.0, high=5.0)
        ca = cr = float(cut)
    hi_a = out["attractiveness"].to_numpy() >= ca
    hi_r = out["relationship"].to_numpy() >= cr
    code = np.select([hi_a & hi_r, hi_a, hi_r], [0, 1, 2], 3)
    out["focus"] = pd.Categorical.from_codes(code, categories=[f[0] for f in FOCUS_LEVELS],
                                             ordered=True)
    return out


@validated(frames={"customers": {"{customer}": "key", "{value}": "numeric", "{time}": "money"}}, keys={"customers": "{customer}"})
def time_allocation(customers: pd.DataFrame, *, value="profit", time="service_hours",
                    customer="customer_id") -> pd.DataFrame:
    """The S4 time pyramid against the data: per value tier, share of customers, time and value.

    Customers are tiered by ``value`` into key 10% / ordinary 30% / would-be 60% (关键客户 /
    普通客户 / 有可能成为你的客户).  Columns: ``tier``, ``customers``, ``customer_share``, the
    value's sum / share / mean, the ``time`` sum and share, value per hour, and ``s4_time_share``
    — the share of time S4 says the tier should get (60% / 30% / 10%).

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids), the ``value=`` column (numbers), the
        ``time=`` column (amounts ≥ 0).
    value : str, default 'profit'
        Name of the value column.
    time : str, default 'service_hours'
        Name of the column of hours spent.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        The S4 time pyramid against the data: per value tier, share of customers, time and
        value.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": range(1, 11), "profit": [100.0] + [10.0] * 3 + [1.0] * 6,
    ...                    "service_hours": [2.0] + [2.0] * 3 + [2.0] * 6})
    >>> t = time_allocation(df)
    >>> t[["tier", "customers", "profit_share", "service_hours_share", "s4_time_share"]]
           tier  customers  profit_share  service_hours_share  s4_time_share
    0       key          1      0.735294                  0.1            0.6
    1  ordinary          3      0.220588                  0.3            0.3
    2  would-be          6      0.044118                  0.6            0.1
    """
    require_frame(customers, {customer: "any", value: "numeric", time: "numeric"},
                  what="time_allocation")
    t = pyramid(customers, value=value, shares=[p[2] for p in TIME_PYRAMID],
                labels=[p[0] for p in TIME_PYRAMID], customer=customer)
    out = tier_summary(t, values=[value], time=time)
    out["s4_time_share"] = [p[3] for p in TIME_PYRAMID]
    return out


@validated(frames={"customers": {"{tier}": "any", "{time}": "money"}}, options={"hours_per_fte": Interval(1, None)})
def reallocate_time(customers: pd.DataFrame, *, tier="tier", time="service_hours", target=None,
                    hours_per_fte=_HOURS_PER_FTE) -> pd.DataFrame:
    """Hours per tier now and under a target split of the same total time; staff needed per tier.

    ``target`` maps tier → share of all hours (default: the S4 split 60/30/10 for the tiers
    key / ordinary / would-be).  ``fte`` = hours / ``hours_per_fte`` (1,600 hours a year per
    full-time account manager).

    Parameters
    ----------
    customers : DataFrame
        Needs the ``tier=`` column (any values), the ``time=`` column (amounts ≥ 0).
    tier : str, default 'tier'
        Name of the tier column.
    time : str, default 'service_hours'
        Name of the column of hours spent.
    target : object, default None
        Target split (see above).
    hours_per_fte : float, default 1600.0
        Number in [1, None].

    Returns
    -------
    DataFrame
        Hours per tier now and under a target split of the same total time; staff needed per
        tier.

    Examples
    --------
    >>> df = pd.DataFrame({"tier": ["key", "ordinary", "ordinary", "would-be"],
    ...                    "service_hours": [400.0, 600.0, 600.0, 1600.0]})
    >>> print(reallocate_time(df).to_string())
           tier  customers  hours_now  hours_target  hours_per_customer_now  hours_per_customer_target  fte_now  fte_target
    0       key          1      400.0        1920.0                   400.0                     1920.0     0.25         1.2
    1  ordinary          2     1200.0         960.0                   600.0                      480.0     0.75         0.6
    2  would-be          1     1600.0         320.0                  1600.0                      320.0     1.00         0.2
    """
    what = "reallocate_time"
    require_frame(customers, {tier: "any", time: "numeric"}, what=what)
    require_number(hours_per_fte, what=what, name="hours_per_fte", low=1.0)
    if target is None:
        target = {p[0]: p[3] for p in TIME_PYRAMID}
    if not isinstance(target, dict):
        raise ValueError(f"{what}: target must map each tier to its share of time, got {target!r}")
    require_shares(list(target.values()), what=what, name="target")
    tiers = customers[tier]
    present = [str(x) for x in (tiers.cat.categories if isinstance(tiers.dtype, pd.CategoricalDtype)
                                else pd.unique(tiers))]
    missing = [t for t in present if t not in target]
    if missing:
        raise ValueError(f"{what}: target has no share for the tier(s) {missing}; it has "
                         f"{list(target)}")
    g = customers.groupby(tiers.astype("str"), sort=False)
    now = g[time].sum()
    n = g.size()
    total = float(customers[time].sum())
    order = [t for t in target if t in now.index]
    out = pd.DataFrame({tier: order, "customers": n.reindex(order).to_numpy(),
                        "hours_now": now.reindex(order).to_numpy()})
    out["hours_target"] = [target[t] * total for t in order]
    out["hours_per_customer_now"] = out["hours_now"] / out["customers"]
    out["hours_per_customer_target"] = out["hours_target"] / out["customers"]
    out["fte_now"] = out["hours_now"] / hours_per_fte
    out["fte_target"] = out["hours_target"] / hours_per_fte
    return out
