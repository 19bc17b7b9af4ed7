"""Planning a prospecting budget across channels."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Interval, OneOf, require_choice, require_frame, require_number, validated
from .. import terms
from ..i18n import _


# --------------------------------------------------------------------------------------------
# Planning a prospecting budget
# --------------------------------------------------------------------------------------------

@validated(frames={"leads": {"channel": "text"}}, options={"years": Interval(1e-9, None), "growth": Interval(0, None)})
def channel_capacity(leads: pd.DataFrame, *, years: float = 3.0, growth: float = 1.5) -> pd.Series:
    """How many leads a channel can find in a year: leads found per year in the data × ``growth``.

    Money cannot buy unlimited leads from one channel (referrals depend on how many customers
    and partners there are), so a plan must respect a capacity.

    Parameters
    ----------
    leads : DataFrame
        Needs ``channel`` (text).
    years : float, default 3.0
        The years to use (see above). Number in [1e-09, None].
    growth : float, default 1.5
        Number in [0, None].

    Returns
    -------
    Series
        How many leads a channel can find in a year: leads found per year in the data ×
        ``growth``.

    Examples
    --------
    >>> leads = pd.DataFrame({"channel": ["clubs"] * 6 + ["telephone"] * 30})
    >>> channel_capacity(leads, years=3, growth=1.5).to_dict()
    {'telephone': 15.0, 'clubs': 3.0}
    """
    what = "channel_capacity"
    require_frame(leads, {"channel": "text"}, what=what)
    require_number(years, what=what, name="years", low=1e-9)
    require_number(growth, what=what, name="growth", low=0)
    counts = leads["channel"].astype("str").value_counts()
    order = [m for m in terms.english(terms.PROSPECTING_METHODS) if m in counts.index]
    order += sorted(set(counts.index) - set(order))
    out = counts.reindex(order) / years * growth
    out.index.name = "channel"
    return out.rename("capacity").astype("float64")


def _spend_series(spend, economics, what) -> pd.Series:
    if isinstance(spend, pd.Series):
        s = spend
    elif isinstance(spend, dict):
        s = pd.Series(spend, dtype=object)
    else:
        raise ValueError(_("{what}: spend must map channels to CNY (a dict or a Series), got {kind}").format(
                             what=what, kind=type(spend).__name__))
    unknown = [str(k) for k in s.index if k not in economics.index]
    if unknown:
        raise ValueError(_("{what}: spend names channel {v2!r}, which is not in the channel table; "
                            "expected some of {v3}").format(
                             what=what, v2=unknown[0], v3=list(economics.index)))
    s = pd.to_numeric(s, errors="coerce").astype("float64")
    if not np.isfinite(s.to_numpy()).all() or (s < 0).any():  # non-numbers became NaN
        raise ValueError(_("{what}: spend must hold amounts of 0 CNY or more; got {v2}").format(
                             what=what, v2=s.to_dict()))
    return s.reindex(economics.index, fill_value=0.0)


@validated(frames={"economics": {"cost_per_lead": "money", "conversion_rate": "share", "first_year_value": "any"}})
def allocate_budget(economics: pd.DataFrame, spend, *, capacity: pd.Series | None = None) -> pd.DataFrame:
    """What a spend per channel is expected to bring, at the channels' past rates.

    For each channel: ``spend`` (CNY), ``leads`` = spend / cost per lead (at most ``capacity``
    leads, if given: money beyond a channel's capacity finds no more leads), ``customers`` = leads
    × conversion rate, ``cost_per_customer`` = spend / customers, and ``first_year_value`` =
    customers × mean first-year value of a won customer.  Within capacity the rates stay constant:
    double the money, double the customers.

    Parameters
    ----------
    economics : DataFrame
        Needs ``cost_per_lead`` (amounts ≥ 0), ``conversion_rate`` (shares 0–1),
        ``first_year_value`` (any values).
    spend : object
        Spend per channel (see above).
    capacity : pd.Series | None, default None
        Most leads each channel can give (see above).

    Returns
    -------
    DataFrame
        What a spend per channel is expected to bring, at the channels' past rates.

    Examples
    --------
    >>> econ = pd.DataFrame({"cost_per_lead": [50.0, 100.0], "conversion_rate": [0.05, 0.25],
    ...                      "first_year_value": [10_000.0, 20_000.0]},
    ...                     index=pd.Index(["telephone", "chain referral"], name="channel"))
    >>> allocate_budget(econ, {"telephone": 10_000, "chain referral": 10_000})
                      spend  leads  customers  cost_per_customer  first_year_value
    channel                                                                       
    telephone       10000.0  200.0       10.0             1000.0          100000.0
    chain referral  10000.0  100.0       25.0              400.0          500000.0
    >>> cap = pd.Series({"telephone": 1000.0, "chain referral": 50.0})
    >>> allocate_budget(econ, {"chain referral": 10_000}, capacity=cap)["customers"].tolist()
    [0.0, 12.5]
    """
    what = "allocate_budget"
    require_frame(economics, {"cost_per_lead": "numeric", "conversion_rate": "numeric",
                              "first_year_value": "any"}, what=what)
    s = _spend_series(spend, economics, what)
    out = pd.DataFrame({"spend": s})
    out["leads"] = s / economics["cost_per_lead"]
    if capacity is not None:
        out["leads"] = np.minimum(out["leads"], _capacity_series(capacity, economics, what))
    out["customers"] = out["leads"] * economics["conversion_rate"]
    out["cost_per_customer"] = out["spend"] / out["customers"].where(out["customers"] > 0)
    out["first_year_value"] = out["customers"] * economics["first_year_value"].astype(
        "float64").fillna(0.0)
    return out


def _capacity_series(capacity, economics, what) -> pd.Series:
    if not isinstance(capacity, pd.Series):
        raise ValueError(_("{what}: capacity must be a Series of leads per channel, e.g. "
                            "channel_capacity(leads)").format(
                             what=what))
    cap = pd.to_numeric(capacity, errors="coerce").reindex(economics.index).fillna(0.0)
    if (cap < 0).any():
        raise ValueError(_("{what}: capacity holds a negative number of leads").format(
                             what=what))
    return cap.astype("float64")


@validated(frames={"plan": {"spend": "money", "leads": "numeric", "customers": "numeric", "first_year_value": "numeric"}})
def plan_totals(plan: pd.DataFrame) -> pd.Series:
    """Totals of a plan from :func:`allocate_budget`: spend, leads, customers, cost per customer,
    first-year value and value per CNY spent.

    Parameters
    ----------
    plan : DataFrame
        Needs ``spend`` (amounts ≥ 0), ``leads`` (numbers), ``customers`` (numbers),
        ``first_year_value`` (numbers).

    Returns
    -------
    Series
        Totals of a plan from :func:`allocate_budget`: spend, leads, customers, cost per
        customer, first-year value and value per CNY spent.

    Examples
    --------
    >>> plan = pd.DataFrame({"spend": [100.0, 300.0], "leads": [4.0, 6.0],
    ...                      "customers": [1.0, 3.0], "first_year_value": [900.0, 2700.0]})
    >>> plan_totals(plan).to_dict()
    {'spend': 400.0, 'leads': 10.0, 'customers': 4.0, 'cost_per_customer': 100.0, 'first_year_value': 3600.0, 'value_per_cost': 9.0}
    """
    what = "plan_totals"
    require_frame(plan, {"spend": "numeric", "leads": "numeric", "customers": "numeric",
                         "first_year_value": "numeric"}, what=what)
    spend, customers = float(plan["spend"].sum()), float(plan["customers"].sum())
    value = float(plan["first_year_value"].sum())
    return pd.Series({"spend": spend, "leads": float(plan["leads"].sum()), "customers": customers,
                      "cost_per_customer": spend / customers if customers else np.nan,
                      "first_year_value": value,
                      "value_per_cost": value / spend if spend else np.nan})


@validated(frames={"economics": {"cost_per_lead": "money", "{rank_by}": "any"}},
           options={"budget": Interval(0, None), "rank_by": OneOf(("cost_per_won", "value_per_cost"))})
def focus_budget(economics: pd.DataFrame, budget: float, *, capacity: pd.Series | None = None,
                 rank_by: str = "cost_per_won") -> pd.DataFrame:
    """Spend a budget the 80/20 way: best channel first, each up to its capacity.

    Channels are ranked by ``rank_by`` — ``"cost_per_won"`` (cheapest customer first, the
    default) or ``"value_per_cost"`` (most first-year value per CNY first) — and filled in turn up
    to ``capacity`` leads (CNY = capacity × cost per lead) until the budget is spent.  Without a
    capacity the whole budget goes to the best channel.  Returns :func:`allocate_budget` of the
    resulting spend.

    Parameters
    ----------
    economics : DataFrame
        Needs ``cost_per_lead`` (amounts ≥ 0), the ``rank_by=`` column (any values).
    budget : float
        Number in [0, None].
    capacity : pd.Series | None, default None
        Most leads each channel can give (see above).
    rank_by : str, default 'cost_per_won'
        One of ['cost_per_won', 'value_per_cost'].

    Returns
    -------
    DataFrame
        Spend a budget the 80/20 way: best channel first, each up to its capacity.

    Examples
    --------
    >>> econ = pd.DataFrame({"cost_per_lead": [50.0, 100.0], "conversion_rate": [0.05, 0.25],
    ...                      "first_year_value": [10_000.0, 20_000.0]},
    ...                     index=pd.Index(["telephone", "chain referral"], name="channel"))
    >>> econ["cost_per_won"] = econ["cost_per_lead"] / econ["conversion_rate"]
    >>> cap = pd.Series({"telephone": 1000.0, "chain referral": 150.0})
    >>> focus_budget(econ, 20_000, capacity=cap)["spend"].to_dict()
    {'telephone': 5000.0, 'chain referral': 15000.0}
    """
    what = "focus_budget"
    require_choice(rank_by, ["cost_per_won", "value_per_cost"], what=what, name="rank_by")
    require_frame(economics, {"cost_per_lead": "numeric", rank_by: "any"}, what=what)
    require_number(budget, what=what, name="budget", low=0)
    key = economics[rank_by].astype("float64")
    key = key.fillna(np.inf) if rank_by == "cost_per_won" else -key.fillna(0.0)
    order = key.sort_values(kind="stable").index
    if capacity is None:
        room = pd.Series(np.inf, index=economics.index)
    else:
        room = _capacity_series(capacity, economics, what) * economics["cost_per_lead"]
    ordered_room = room.reindex(order).to_numpy(dtype="float64")
    before = np.concatenate([[0.0], np.cumsum(ordered_room)[:-1]])
    spend = np.clip(budget - before, 0.0, ordered_room)
    return allocate_budget(economics, pd.Series(spend, index=order), capacity=capacity)
