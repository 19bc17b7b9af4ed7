"""The one per-customer table: each customer's attributes and what its orders add up to.

Built from the transactions and whatever else a World holds (the customers' attributes, the
complaints), with the kit's one profit definition.  The chapters' customer views — chapter 5's
customer file, chapter 6's churn signals, chapter 4's tier values — take their money columns from
this table under the same names: ``orders``, ``revenue``, ``gross_margin``, ``profit``,
``active_years``, ``annual_revenue``, ``annual_profit``, ``revenue_12m``, ``last_order``,
``days_since_order``.

Examples
--------
>>> import casekit as ck
>>> t = customer_table(ck.world())
>>> len(t) == len(ck.world().customers), t.index.name
(True, 'customer_id')
>>> bool((t["profit"] == t["gross_margin"] - t["cost_to_serve_period"] - t["bad_debt_period"]).all())
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .memo import per_world
from .profit import customer_profitability, positions
from .world import asof_of, require_world

__all__ = ["customer_table", "MONEY_COLUMNS"]

#: The columns every customer view shares, with their meaning.
MONEY_COLUMNS = {
    "orders": "orders over the data period",
    "revenue": "net revenue over the data period",
    "gross_margin": "revenue − cost of goods",
    "profit": "gross margin − cost to serve − bad debt (the kit's one definition)",
    "active_years": "years the customer was a customer within the data period",
    "annual_revenue": "revenue per active year",
    "annual_profit": "profit per active year",
    "revenue_12m": "revenue in the 365 days to the as-of date",
    "first_order": "date of the first order in the data",
    "last_order": "date of the last order in the data",
    "days_since_order": "days from the last order to the as-of date",
}


@per_world
def customer_table(world, *, asof=None) -> pd.DataFrame:
    """One row per customer: its attributes (all the world's customer columns) and its money columns.

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)``).
    asof : date, optional
        The as-of date (default ``None``: the world's).

    Returns
    -------
    DataFrame indexed by ``customer_id``: the customers' own columns, then :data:`MONEY_COLUMNS`
    and ``cost_to_serve_period`` / ``bad_debt_period`` (the costs over the data period).

    Examples
    --------
    >>> import casekit as ck
    >>> t = customer_table(ck.world())
    >>> bool((t["revenue_12m"] <= t["revenue"] + 1e-9).all())
    True
    """
    what = "customer_table"
    require_world(world, what)
    asof = asof_of(world) if asof is None else pd.Timestamp(asof)
    c = world.customers.set_index("customer_id").sort_index()
    tx = world.transactions
    prof = customer_profitability(world, active_only=False, asof=asof).reindex(c.index)
    out = c.copy()
    out["orders"] = prof["orders"].fillna(0).astype("int64")
    for col in ("revenue", "gross_margin", "profit", "active_years", "annual_revenue"):
        out[col] = prof[col].fillna(0.0).to_numpy()
    out["cost_to_serve_period"] = prof["cost_to_serve"].fillna(0.0).to_numpy()
    out["bad_debt_period"] = prof["bad_debt"].fillna(0.0).to_numpy()
    act = out["active_years"].to_numpy()
    out["annual_profit"] = np.divide(out["profit"].to_numpy(), act, out=np.zeros(len(out)),
                                     where=act > 0)
    ids = c.index.to_numpy()
    n = len(ids)
    pos = positions(ids, tx["customer_id"].to_numpy(), what)
    d = tx["date"].to_numpy("datetime64[ns]")
    recent = (d > np.datetime64(asof - pd.Timedelta(days=365), "ns")) & (d <= np.datetime64(asof, "ns"))
    out["revenue_12m"] = np.bincount(pos[recent], weights=tx["revenue"].to_numpy(dtype="float64")[recent],
                                     minlength=n)
    lo, hi = np.iinfo("int64").min, np.iinfo("int64").max
    first = np.full(n, hi, dtype="int64")
    last = np.full(n, lo, dtype="int64")
    np.minimum.at(first, pos, d.astype("int64"))
    np.maximum.at(last, pos, d.astype("int64"))
    nat = np.datetime64("NaT", "ns")
    out["first_order"] = np.where(first == hi, nat, first.astype("datetime64[ns]"))
    out["last_order"] = np.where(last == lo, nat, last.astype("datetime64[ns]"))
    out["days_since_order"] = (asof - out["last_order"]).dt.days.astype("float64")
    out.attrs["asof"] = asof
    return out
