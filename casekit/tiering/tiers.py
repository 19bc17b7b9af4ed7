"""The customer pyramid: tiers, their summary, and moves between years."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Flag, Interval, require_frame, require_number, validated
from ._base import PYRAMID_SHARES, PYRAMID_TIERS, VALUE_TIERS, _labels, _ranked, _tiers_from_rank


# --------------------------------------------------------------------------------------------
# The customer pyramid
# --------------------------------------------------------------------------------------------

@validated(frames={"customers": {"{customer}": "key", "{value}": "numeric"}}, keys={"customers": "{customer}"})
def pyramid(customers: pd.DataFrame, *, value="revenue", shares=None, labels=None,
            customer="customer_id", tier="tier") -> pd.DataFrame:
    """Tier customers into a pyramid (客户金字塔) by their rank on ``value``.

    The top ``shares[0]`` of customers form the first tier, the next ``shares[1]`` the second,
    and so on (tier sizes are ``round(cumulative share · n)``).  Default: the S3 pyramid
    platinum 5% / gold 15% / iron 30% / lead 50% (铂金/黄金/铁/铅客户); for three shares the S1
    tiers key / major / ordinary (关键/主要/普通客户).

    Returns a copy of ``customers`` ranked by value, with ``rank`` and ``tier`` (an ordered
    category, top tier first).

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids), the ``value=`` column (numbers).
    value : str, default 'revenue'
        Name of the value column.
    shares : object, default None
        Share of customers per tier, top first.
    labels : object, default None
        Tier names, top first.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    tier : str, default 'tier'
        Name of the tier column.

    Returns
    -------
    DataFrame
        Tier customers into a pyramid (客户金字塔) by their rank on ``value``.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5],
    ...                    "profit": [30.0, -5.0, 90.0, 10.0, 20.0]})
    >>> pyramid(df, value="profit", shares=[0.2, 0.4, 0.4])
       customer_id  profit  rank      tier
    0            3    90.0     1       key
    1            1    30.0     2     major
    2            5    20.0     3     major
    3            4    10.0     4  ordinary
    4            2    -5.0     5  ordinary
    """
    what = "pyramid"
    require_frame(customers, {customer: "any", value: "numeric"}, what=what)
    if shares is not None and labels is None and len(list(shares)) == 3:
        labels = [t[0] for t in VALUE_TIERS]
    shares, labels = _labels(labels, shares, [t[0] for t in PYRAMID_TIERS], PYRAMID_SHARES, what)
    out = _ranked(customers, value, customer)
    out[tier] = _tiers_from_rank(out["rank"].to_numpy(), len(out), shares, labels)
    return out


@validated(frames={"customers": {"{tier}": "any", "{values}": "numeric", "{time}": "numeric"}})
def tier_summary(customers: pd.DataFrame, *, tier="tier", values=("revenue",), time=None
                 ) -> pd.DataFrame:
    """Per tier: customers, share of customers, and the sum, share and mean of each value column.

    ``time`` (e.g. ``"service_hours"``) adds the time the tier takes, its share of all time, and
    value per hour for the first value column.

    Parameters
    ----------
    customers : DataFrame
        Needs the ``tier=`` column (any values), the ``values=`` column (numbers), the ``time=``
        column (numbers).
    tier : str, default 'tier'
        Name of the tier column.
    values : tuple, default ('revenue',)
        Value column(s) to sum per tier.
    time : object, default None
        Name of the column of hours spent.

    Returns
    -------
    DataFrame
        Per tier: customers, share of customers, and the sum, share and mean of each value
        column.

    Examples
    --------
    >>> df = pd.DataFrame({"tier": pd.Categorical(["A", "A", "B", "B", "B"], ["A", "B"]),
    ...                    "revenue": [62.0, 20.0, 12.0, 4.0, 2.0], "hours": [5.0, 5.0, 4.0, 3.0, 3.0]})
    >>> print(tier_summary(df, time="hours").to_string())
      tier  customers  customer_share  revenue  revenue_share  revenue_mean  hours  hours_share  revenue_per_hour
    0    A          2             0.4     82.0           0.82          41.0   10.0          0.5               8.2
    1    B          3             0.6     18.0           0.18           6.0   10.0          0.5               1.8
    """
    values = [values] if isinstance(values, str) else list(values)
    cols = {tier: "any", **{v: "numeric" for v in values}}
    if time is not None:
        cols[time] = "numeric"
    require_frame(customers, cols, what="tier_summary")
    g = customers.groupby(tier, observed=False, sort=True)
    out = pd.DataFrame({"customers": g.size()})
    out["customer_share"] = out["customers"] / len(customers)
    for v in values:
        s = g[v].sum()
        total = customers[v].sum()
        out[v] = s
        out[f"{v}_share"] = s / total if total != 0 else np.nan
        out[f"{v}_mean"] = s / out["customers"].where(out["customers"] > 0)
    if time is not None:
        h = g[time].sum()
        out[time] = h
        out[f"{time}_share"] = h / customers[time].sum()
        out[f"{values[0]}_per_hour"] = out[values[0]] / h.where(h > 0)
    out = out.reset_index()
    return out


@validated(frames={"customers": {"{customer}": "key"}}, keys={"customers": "{customer}"})
def compare_tiers(customers: pd.DataFrame, *, by=("revenue", "profit"), shares=None, labels=None,
                  customer="customer_id") -> pd.DataFrame:
    """Tier the same customers by several value columns, side by side.

    Returns one row per customer (sorted by id) with the value columns and a ``tier_by_<col>``
    for each, using the same ``shares`` and ``labels`` as :func:`pyramid`.

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids).
    by : tuple, default ('revenue', 'profit')
        Column (or columns) to group by.
    shares : object, default None
        Share of customers per tier, top first.
    labels : object, default None
        Tier names, top first.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Tier the same customers by several value columns, side by side.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 3, 4],
    ...                    "revenue": [100.0, 50.0, 20.0, 10.0], "profit": [-5.0, 20.0, 8.0, 1.0]})
    >>> compare_tiers(df, shares=[0.25, 0.75], labels=["top", "rest"])
       customer_id  revenue  profit tier_by_revenue tier_by_profit
    0            1    100.0    -5.0             top           rest
    1            2     50.0    20.0            rest            top
    2            3     20.0     8.0            rest           rest
    3            4     10.0     1.0            rest           rest
    """
    by = [by] if isinstance(by, str) else list(by)
    require_frame(customers, {customer: "any", **{b: "numeric" for b in by}}, what="compare_tiers")
    out = customers[[customer, *by]].sort_values(customer, kind="stable").reset_index(drop=True)
    for b in by:
        t = pyramid(out[[customer, b]], value=b, shares=shares, labels=labels, customer=customer)
        out[f"tier_by_{b}"] = t.set_index(customer)["tier"].reindex(out[customer]).to_numpy()
        out[f"tier_by_{b}"] = out[f"tier_by_{b}"].astype(t["tier"].dtype)
    return out


@validated(frames={"frame": {"{before}": "any", "{after}": "any"}}, options={"normalize": Flag()})
def transition_table(frame: pd.DataFrame, *, before: str, after: str, normalize=False) -> pd.DataFrame:
    """Cross-table of two tier columns: rows = tier ``before``, columns = tier ``after``.

    Every category appears, even when empty.  ``normalize=True`` gives row shares (of the
    customers in a row tier, the share that lands in each column tier).

    Parameters
    ----------
    frame : DataFrame
        Needs the ``before=`` column (any values), the ``after=`` column (any values).
    before : str
        Column of the earlier tier.
    after : str
        Column of the later tier.
    normalize : bool, default False
        True or False.

    Returns
    -------
    DataFrame
        Cross-table of two tier columns: rows = tier ``before``, columns = tier ``after``.

    Examples
    --------
    >>> cats = pd.CategoricalDtype(["top", "rest"], ordered=True)
    >>> df = pd.DataFrame({"a": pd.Series(["top", "rest", "rest"], dtype=cats),
    ...                    "b": pd.Series(["rest", "top", "rest"], dtype=cats)})
    >>> transition_table(df, before="a", after="b")
    b     top  rest
    a              
    top     0     1
    rest    1     1
    """
    require_frame(frame, {before: "any", after: "any"}, what="transition_table")
    a, b = frame[before], frame[after]
    if not isinstance(a.dtype, pd.CategoricalDtype):
        a = a.astype("category")
    if not isinstance(b.dtype, pd.CategoricalDtype):
        b = b.astype("category")
    table = pd.crosstab(a, b, dropna=False).reindex(index=a.cat.categories, columns=b.cat.categories,
                                                   fill_value=0)
    table = table.rename_axis(index=before, columns=after)
    if normalize:
        table = table.div(table.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0)
    return table


@validated(frames={"frame": {"{before}": "any", "{after}": "any"}})
def tier_moves(frame: pd.DataFrame, *, before: str, after: str, outside="none") -> pd.Series:
    """Name each customer's move between two tier columns: up, down, same, new or out.

    Tiers are ordered top first (as :func:`pyramid` makes them).  ``outside`` is the category that
    means "not a customer in that period": from it is ``new``, to it is ``out``.

    Parameters
    ----------
    frame : DataFrame
        Needs the ``before=`` column (any values), the ``after=`` column (any values).
    before : str
        Column of the earlier tier.
    after : str
        Column of the later tier.
    outside : str, default 'none'
        The category meaning 'not a customer that year'.

    Returns
    -------
    Series
        Name each customer's move between two tier columns: up, down, same, new or out.

    Examples
    --------
    >>> cats = pd.CategoricalDtype(["gold", "iron", "none"], ordered=True)
    >>> df = pd.DataFrame({"y1": pd.Series(["gold", "iron", "none", "gold"], dtype=cats),
    ...                    "y2": pd.Series(["iron", "gold", "iron", "none"], dtype=cats)})
    >>> tier_moves(df, before="y1", after="y2").tolist()
    ['down', 'up', 'new', 'out']
    """
    require_frame(frame, {before: "any", after: "any"}, what="tier_moves")
    a, b = frame[before], frame[after]
    for name, s in ((before, a), (after, b)):
        if not (isinstance(s.dtype, pd.CategoricalDtype) and s.dtype.ordered):
            raise ValueError(f"tier_moves: column {name!r} has dtype {s.dtype}; expected ordered "
                             "tiers (an ordered category, top tier first), as pyramid() makes")
    for name, s in ((before, a), (after, b)):
        if outside not in list(s.cat.categories):
            raise ValueError(f"tier_moves: outside={outside!r} is not a tier of column {name!r}; "
                             f"expected one of {list(map(str, s.cat.categories))}")
    ca, cb = a.cat.codes.to_numpy(), b.cat.codes.to_numpy()
    out_a = (a == outside).to_numpy()
    out_b = (b == outside).to_numpy()
    move = np.select([out_a & out_b, out_a, out_b, ca > cb, ca < cb],
                     ["none", "new", "out", "up", "down"], "same")
    cats = ["up", "same", "down", "new", "out", "none"]
    return pd.Series(pd.Categorical(move, categories=cats), index=frame.index, name="move")


@validated(frames={"transactions": {"{customer}": "key", "{date}": "date", "{value}": "numeric"}})
def yearly_values(transactions: pd.DataFrame, *, value="revenue", date="date", customer="customer_id"
                  ) -> pd.DataFrame:
    """Value per customer and calendar year: rows = customers, columns = years (0 = no purchase).

    Parameters
    ----------
    transactions : DataFrame
        Needs the ``customer=`` column (customer ids), the ``date=`` column (dates), the
        ``value=`` column (numbers).
    value : str, default 'revenue'
        Name of the value column.
    date : str, default 'date'
        Name of the date column.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Value per customer and calendar year: rows = customers, columns = years (0 = no
        purchase).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "revenue": [5.0, 7.0, 3.0],
    ...                    "date": pd.to_datetime(["2024-03-01", "2025-01-09", "2025-06-30"])})
    >>> yearly_values(tx)
    year         2024  2025
    customer_id            
    1             5.0   7.0
    2             0.0   3.0
    """
    require_frame(transactions, {customer: "any", value: "numeric", date: "date"}, what="yearly_values")
    codes, ids, yidx, years = _customer_year_codes(transactions, customer, date)
    n, ny = len(ids), len(years)
    grid = np.bincount(codes * ny + yidx, weights=transactions[value].to_numpy(dtype="float64"),
                       minlength=n * ny).reshape(n, ny)
    out = pd.DataFrame(grid, index=pd.Index(np.asarray(ids), name=customer),
                       columns=pd.Index(years, name="year"))
    return out.loc[:, _years_present(yidx, ny)]


def _customer_year_codes(transactions, customer, date):
    """Customer codes (sorted ids) and calendar-year offsets (every year from first to last)."""
    codes, ids = pd.factorize(transactions[customer], sort=True)
    year = transactions[date].to_numpy().astype("datetime64[Y]").astype("int64") + 1970
    y0 = int(year.min())
    yidx = year - y0
    years = list(range(y0, int(year.max()) + 1))
    return codes.astype("int64"), ids, yidx, years


def _years_present(yidx, ny):
    return np.bincount(yidx, minlength=ny) > 0


@validated(frames={"transactions": {"{customer}": "key", "{date}": "date", "{value}": "numeric"}},
           options={"year_from": Interval(1900, 2200, integer=True), "year_to": Interval(1900, 2200, integer=True)})
def tier_migration(transactions: pd.DataFrame, *, year_from: int, year_to: int, value="revenue",
                   shares=None, labels=None, date="date", customer="customer_id",
                   outside="none") -> pd.DataFrame:
    """Who moved between tiers from one year to the next (客户层级迁移).

    In each year, customers who bought are tiered with :func:`pyramid` on that year's ``value``;
    a customer who did not buy that year is ``outside`` ("none").  Returns one row per customer
    who bought in either year: ``value_<year_from>``, ``value_<year_to>``, ``tier_from``,
    ``tier_to`` (same ordered categories plus ``outside``) and ``move`` (:func:`tier_moves`).
    Pass the result to :func:`transition_table` for the migration matrix.

    Parameters
    ----------
    transactions : DataFrame
        Needs the ``customer=`` column (customer ids), the ``date=`` column (dates), the
        ``value=`` column (numbers).
    year_from : int
        Whole number in [1900, 2200].
    year_to : int
        Whole number in [1900, 2200].
    value : str, default 'revenue'
        Name of the value column.
    shares : object, default None
        Share of customers per tier, top first.
    labels : object, default None
        Tier names, top first.
    date : str, default 'date'
        Name of the date column.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    outside : str, default 'none'
        The category meaning 'not a customer that year'.

    Returns
    -------
    DataFrame
        Who moved between tiers from one year to the next (客户层级迁移).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2, 3, 1, 2, 4],
    ...     "date": pd.to_datetime(["2024-05-01"] * 3 + ["2025-05-01"] * 3),
    ...     "revenue": [90.0, 10.0, 50.0, 5.0, 80.0, 40.0]})
    >>> m = tier_migration(tx, year_from=2024, year_to=2025, shares=[0.5, 0.5], labels=["top", "rest"])
    >>> m[["customer_id", "tier_from", "tier_to", "move"]]
       customer_id tier_from tier_to  move
    0            1       top    rest  down
    1            2      rest     top    up
    2            3       top    none   out
    3            4      none     top   new
    """
    what = "tier_migration"
    require_frame(transactions, {customer: "any", value: "numeric", date: "date"}, what=what)
    for name, y in (("year_from", year_from), ("year_to", year_to)):
        require_number(y, what=what, name=name, integer=True)
    years = set(transactions[date].dt.year.unique().tolist())
    for name, y in (("year_from", year_from), ("year_to", year_to)):
        if y not in years:
            raise ValueError(f"{what}: {name}={y} has no transactions; the data covers the years "
                             f"{sorted(years)}")
    if year_from == year_to:
        raise ValueError(f"{what}: year_from and year_to are both {year_from}; expected two years")
    if shares is not None and labels is None and len(list(shares)) == 3:
        labels = [t[0] for t in VALUE_TIERS]
    shares, labels = _labels(labels, shares, [t[0] for t in PYRAMID_TIERS], PYRAMID_SHARES, what)
    if outside in labels:
        raise ValueError(f"{what}: outside={outside!r} is also a tier label; pick another name")
    wide = yearly_values(transactions, value=value, date=date, customer=customer)
    wide = wide[[year_from, year_to]]
    wide = wide[(wide != 0).any(axis=1)]
    out = pd.DataFrame({customer: wide.index.to_numpy(),
                        f"value_{year_from}": wide[year_from].to_numpy(),
                        f"value_{year_to}": wide[year_to].to_numpy()})
    cats = pd.CategoricalDtype(labels + [outside], ordered=True)
    for col, year in (("tier_from", year_from), ("tier_to", year_to)):
        bought = out[out[f"value_{year}"] != 0][[customer, f"value_{year}"]]
        t = pyramid(bought, value=f"value_{year}", shares=shares, labels=labels, customer=customer)
        tiers = t.set_index(customer)["tier"].astype("str").reindex(out[customer]).fillna(outside)
        out[col] = pd.Categorical(tiers.to_numpy(), dtype=cats)
    out["move"] = tier_moves(out, before="tier_from", after="tier_to", outside=outside)
    return out
