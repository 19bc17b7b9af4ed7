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


@validated(frames={"customers": {"{customer}": "key", "{value}": "numeric", "{time}": "money"},
                   "prospects": {"{prospect}": "key"}},
           keys={"customers": "{customer}", "prospects": "{prospect}"}, empty_ok=("prospects",))
def time_pyramid(customers: pd.DataFrame, prospects: pd.DataFrame, *, value="profit",
                 time="service_hours", customer="customer_id", prospect="lead_id") -> pd.DataFrame:
    """S4's pyramid of time (金字塔形的客户结构), one row per member: current customers and prospects.

    The top two layers are **current customers**, tiered by ``value``: 关键客户 (key) and 普通客户
    (ordinary) in S4's ratio of counts 10 : 30, i.e. the top quarter of customers and the other
    three quarters.  The bottom layer, 有可能成为你的客户 (would-be), is the **prospects**: every
    row of ``prospects`` (e.g. the open leads of ``world.leads``, not yet won and not lost).
    Columns: ``id``, ``tier`` (key / ordinary / would-be), ``value`` (NaN for a prospect, who has
    no profit yet) and ``time``: the customer's hours; a prospect's hours are not recorded in the
    customer file and count as 0.

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids), the ``value=`` column (numbers), the
        ``time=`` column (amounts ≥ 0).
    prospects : DataFrame
        Needs the ``prospect=`` column (ids); one row per prospect.
    value : str, default 'profit'
        Name of the value column.
    time : str, default 'service_hours'
        Name of the column of hours spent.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    prospect : str, default 'lead_id'
        Name of the prospect-id column.

    Returns
    -------
    DataFrame
        One row per customer and per prospect, with its layer of the time pyramid.

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2, 3, 4], "profit": [50.0, 10.0, 5.0, -1.0],
    ...                   "service_hours": [3.0, 2.0, 2.0, 1.0]})
    >>> p = pd.DataFrame({"lead_id": [7, 8, 9]})
    >>> time_pyramid(c, p)["tier"].astype(str).tolist()
    ['key', 'ordinary', 'ordinary', 'ordinary', 'would-be', 'would-be', 'would-be']
    """
    what = "time_pyramid"
    require_frame(customers, {customer: "any", value: "numeric", time: "numeric"}, what=what)
    if not isinstance(prospects, pd.DataFrame) or prospect not in prospects.columns:
        raise ValueError(f"{what}: prospects must be a table with a {prospect!r} column (e.g. the "
                         f"open leads of world.leads), got {type(prospects).__name__}")
    (k, kz, k_share, _), (o, oz, o_share, _), (w, wz, _, _) = TIME_PYRAMID
    t = pyramid(customers, value=value, shares=[k_share / (k_share + o_share),
                                                o_share / (k_share + o_share)],
                labels=[k, o], customer=customer)
    labels = [p[0] for p in TIME_PYRAMID]
    top = pd.DataFrame({"id": t[customer].to_numpy(), "tier": t["tier"].astype("str").to_numpy(),
                        value: t[value].to_numpy(dtype="float64"),
                        time: t[time].to_numpy(dtype="float64")})
    bottom = pd.DataFrame({"id": prospects[prospect].to_numpy(), "tier": w,
                           value: np.nan, time: 0.0})
    out = pd.concat([top, bottom], ignore_index=True) if len(bottom) else top
    out["tier"] = pd.Categorical(out["tier"], categories=labels, ordered=True)
    return out


@validated(frames={"customers": {"{customer}": "key", "{value}": "numeric", "{time}": "money"},
                   "prospects": {"{prospect}": "key"}},
           keys={"customers": "{customer}", "prospects": "{prospect}"}, empty_ok=("prospects",))
def time_allocation(customers: pd.DataFrame, prospects: pd.DataFrame, *, value="profit",
                    time="service_hours", customer="customer_id", prospect="lead_id"
                    ) -> pd.DataFrame:
    """S4's pyramid of time against the data: per layer, its count, time and value.

    The layers are those of :func:`time_pyramid`: key and ordinary current customers (top
    quarter and other three quarters by ``value``) and the prospects.  Columns: ``tier``,
    ``members`` and ``member_share`` (of everyone in the pyramid) beside ``s4_member_share``
    (10% / 30% / 60%); the value's sum and share (of all current customers; NaN for the
    prospects); the ``time`` sum and share, value per hour, and ``s4_time_share`` — the share of
    time S4 says the layer should get (60% / 30% / 10%).

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids), the ``value=`` column (numbers), the
        ``time=`` column (amounts ≥ 0).
    prospects : DataFrame
        Needs the ``prospect=`` column (ids); one row per prospect.
    value : str, default 'profit'
        Name of the value column.
    time : str, default 'service_hours'
        Name of the column of hours spent.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    prospect : str, default 'lead_id'
        Name of the prospect-id column.

    Returns
    -------
    DataFrame
        One row per layer of the time pyramid.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": range(1, 9), "profit": [70.0, 50.0] + [5.0] * 6,
    ...                    "service_hours": [2.0] * 8})
    >>> t = time_allocation(df, pd.DataFrame({"lead_id": range(12)}))
    >>> t[["tier", "members", "member_share", "profit_share", "service_hours_share"]]
           tier  members  member_share  profit_share  service_hours_share
    0       key        2           0.1           0.8                 0.25
    1  ordinary        6           0.3           0.2                 0.75
    2  would-be       12           0.6           NaN                 0.00
    """
    p = time_pyramid(customers, prospects, value=value, time=time, customer=customer,
                     prospect=prospect)
    g = p.groupby("tier", observed=False)
    out = pd.DataFrame({"members": g.size()})
    out["member_share"] = out["members"] / out["members"].sum()
    out["s4_member_share"] = [x[2] for x in TIME_PYRAMID]
    vsum = g[value].sum(min_count=1)
    out[value] = vsum
    total = float(customers[value].sum())
    out[f"{value}_share"] = vsum / total if total else np.nan
    out[time] = g[time].sum()
    all_time = float(out[time].sum())
    out[f"{time}_share"] = out[time] / all_time if all_time else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        out[f"{value}_per_hour"] = (vsum / out[time].where(out[time] > 0)).to_numpy()
    out["s4_time_share"] = [x[3] for x in TIME_PYRAMID]
    out = out.reset_index()
    out["tier"] = out["tier"].astype("str")
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
