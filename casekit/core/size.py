"""Big customers (大客户): the kit's one definition, with its named variants.

S3 (李践) says what a big customer is: 20%的客户给你带来80%的收入 — the fifth of the customers that
brings most of the revenue; S0 calls them 购买量大的客户, the customers who buy the most.  So a big
customer is one whose purchases from the firm are large: by default, :func:`big_customers` takes
the top ``top = 0.20`` of the customers by ``revenue`` over the data period.  The variants are
named by the options, and every chapter says which one it uses and why:

- ``by="revenue"`` (default) — revenue over the data period: what the customer bought from us
  (chapter 1's big customers and the financial, profit and management risks; chapter 7's
  big-customer service; chapter 4's Pareto fifth);
- ``by="annual_revenue"`` — revenue per active year: fair to customers who joined or left within
  the period, whose period revenue is cut short;
- ``by="revenue_12m"`` — revenue in the last 12 months: current sales, as S4's key-account
  point "a large share of current sales" reads (chapter 7's key tier ranks a frame's
  ``revenue_last``, last year's revenue);
- ``by="employees"`` — **firm size**, a different yardstick: how big the customer's firm is,
  not what it buys from us.  Chapter 1 ranks churn risk by it, and chapter 6 its churn signal,
  because a customer who leaves stops buying and so sinks in any ranking by revenue; chapter 5
  compares big firms' share of the customers with their share of the business;
- a frame's own column — e.g. the spend up to a date on real purchases (CDNOW, chapters 1
  and 6), where the data hold no firm size;
- ``top`` — the share of customers that count as big: S3's fifth by default; S4's key accounts
  are "perhaps 10%" of customers (``top=0.10``, chapter 7), and chapter 6 flags the top tenth
  by firm size, the very biggest firms that every rival courts.

The count is exact: ``ceil(top × customers)`` of them (at least one), the largest first.  Ties at
the cut are broken by ``then`` (largest first; by default revenue per active year for
``by="employees"``, so of two equally large firms the one that buys more from us counts), then
by the lower customer number, so the answer never depends on the order of the rows.

Examples
--------
>>> df = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5],
...                    "revenue": [900.0, 50.0, 400.0, 50.0, 10.0]})
>>> big_customers(df).tolist()                     # the top fifth of five: one customer
[True, False, False, False, False]
>>> big_customers(df, top=0.5).tolist()            # ceil(2.5) = 3; the tie at 50 goes to id 2
[True, True, True, False, False]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .checks import Interval, validated

__all__ = ["BIG_BY", "big_customers"]

#: The named yardsticks of "big" for a World: name → what it measures.
BIG_BY = {
    "revenue": "revenue over the data period: what the customer bought from us (the default)",
    "annual_revenue": "revenue per active year: fair to customers who joined or left in the period",
    "revenue_12m": "revenue in the last 12 months: current sales",
    "employees": "firm size (employees): the customer's own size, not what it buys from us",
}


def _world_frame(world) -> pd.DataFrame:
    from .customers import customer_table  # the one per-customer table (imports the World)

    t = customer_table(world)
    return t[t["active_years"] > 0]           # customers who were customers in the data period


@validated(frames={"data": {"{by}": "numeric", "{then}": "numeric"}},
           options={"top": Interval(0, 1)})
def big_customers(data, *, by: str = "revenue", top: float = 0.20, customer: str = "customer_id",
                  then: str | None = None) -> pd.Series:
    """Which customers are big customers (大客户): the top ``top`` share by the yardstick ``by``.

    The kit's one definition (see the module for its variants): exactly ``ceil(top × n)`` of the
    ``n`` customers (at least one), largest ``by`` first; ties broken by ``then`` (largest first),
    then by the lower customer number.

    Parameters
    ----------
    data : World or DataFrame
        A casekit World — then every customer active in the data period, measured by the one
        per-customer table (:func:`casekit.customer_table`) — or a frame with one row per
        customer and a numeric column ``by`` (customer numbers in ``customer``, or as the index).
    by : str, default 'revenue'
        The yardstick.  For a World one of ``"revenue"``, ``"annual_revenue"``,
        ``"revenue_12m"`` or ``"employees"`` (:data:`BIG_BY`); for a frame any numeric column.
    top : float, default 0.2
        The share of customers that count as big, above 0 and at most 1 (S3: 20%).
    customer : str, default 'customer_id'
        Column of the customer number (when absent, the frame's index is taken).
    then : str, optional
        A numeric column that breaks ties (largest first).  By default ``annual_revenue`` for
        ``by="employees"`` when the data has it, else none.

    Returns
    -------
    Series of bool
        ``big``, one value per customer (indexed by customer number, in the data's row order),
        with ``attrs``: ``by``, ``top``, ``count`` (the big customers) and ``cut`` (the smallest
        ``by`` value among them).

    Examples
    --------
    >>> firms = pd.DataFrame({"employees": [500, 500, 20, 80], "annual_revenue": [10.0, 90.0, 5.0, 7.0]},
    ...                      index=pd.Index([11, 12, 13, 14], name="customer_id"))
    >>> big_customers(firms, by="employees", top=0.25)   # two firms of 500: the bigger buyer counts
    customer_id
    11    False
    12     True
    13    False
    14    False
    Name: big, dtype: bool
    >>> import casekit as ck
    >>> big = big_customers(ck.world(n_customers=500, seed=1))
    >>> int(big.sum()) == int(np.ceil(0.2 * len(big)))
    True
    >>> big_customers(firms, by="staff")
    Traceback (most recent call last):
    ...
    ValueError: big_customers: data has no column 'staff' (expected a numeric column 'staff'); its columns are ['employees', 'annual_revenue']
    """
    what = "big_customers"
    if not isinstance(by, str):
        raise ValueError(f"{what}: by={by!r} must be the name of a column, e.g. 'revenue' or "
                         "'employees'")
    if top <= 0:
        raise ValueError(f"{what}: top={top!r} picks no customers; expected a share above 0 and "
                         "at most 1, e.g. 0.2 (S3: the 20% who bring 80% of revenue)")
    if then is not None and not isinstance(then, str):
        raise ValueError(f"{what}: then={then!r} must be the name of a numeric column or None")
    from .world import is_world  # imports the generator, which imports the checks

    if isinstance(data, pd.DataFrame):
        frame = data
    elif is_world(data):
        if by not in BIG_BY:
            raise ValueError(f"{what}: by={by!r} is not a yardstick of a world; expected one of "
                             f"{list(BIG_BY)} (or pass a frame with that column)")
        frame = _world_frame(data)
    else:
        raise ValueError(f"{what}: expected a casekit World (ck.world()) or a DataFrame with one "
                         f"row per customer, got {type(data).__name__}")
    if by not in frame.columns:   # a World's table always has the named yardsticks
        raise ValueError(f"{what}: the customers have no column {by!r}; expected a numeric "
                         f"column {by!r}")
    if then is None and by == "employees" and "annual_revenue" in frame.columns:
        then = "annual_revenue"
    if then is not None and then not in frame.columns:
        raise ValueError(f"{what}: the customers have no column {then!r} to break ties (then=)")
    if len(frame) == 0:
        raise ValueError(f"{what}: the data is empty; expected at least one customer")
    ids = (frame[customer] if customer in frame.columns else frame.index.to_series()).to_numpy()
    dup = pd.Index(ids).duplicated()
    if dup.any():
        raise ValueError(f"{what}: customer {ids[np.flatnonzero(dup)[0]]!r} appears twice; "
                         "expected one row per customer")
    n = len(frame)
    k = max(1, int(np.ceil(top * n - 1e-9)))
    keys = [pd.factorize(ids, sort=True)[0]]         # last resort: the lower customer number
    if then is not None:
        keys.append(-frame[then].to_numpy(dtype="float64"))
    value = frame[by].to_numpy(dtype="float64")
    keys.append(-value)                               # lexsort sorts by its last key first
    order = np.lexsort(tuple(keys))
    big = np.zeros(n, dtype=bool)
    big[order[:k]] = True
    out = pd.Series(big, index=pd.Index(ids, name=customer), name="big")
    out.attrs.update(by=by, top=float(top), count=int(k), cut=float(value[big].min()))
    return out
