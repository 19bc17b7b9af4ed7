"""Chapter 5, customer analysis — composition, performance, product mix (客户构成、交易业绩、销售构成)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, kit_columns, require_choice, require_frame, require_number,
    validated,
)
from ..core.world import last_years
from ._common import _codes, _group_codes, _mapping, _one_row_per_customer  # noqa: F401


# ---------------------------------------------------------------------------------------------
# 2. Composition, performance, product mix (客户构成、交易业绩、销售构成)
# ---------------------------------------------------------------------------------------------

def _by_list(by, frame, what) -> list[str]:
    cols = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else None
    if not cols:
        raise ValueError(f"{what}: by={by!r} must be a column name such as 'segment' or a list "
                         "of names")
    require_frame(frame, {c: "any" for c in cols}, what=what)
    return cols


@validated(
    frames={
        "file": {
            "{value}": "money",
            "{margin}": "numeric",
            "customer_type": "text",
            "segment": "?text",
            "region": "?text",
            "size_band": "?text",
            "status": "?text",
        },
    },
    options={"active_only": Flag()},
)
@_one_row_per_customer("file")
def composition(file: pd.DataFrame, by="segment", *, value="revenue", margin="gross_margin",
                active_only: bool = False) -> pd.DataFrame:
    """Customer composition (客户构成分析): how customers and their business split by a trait.

    For each group of ``by`` (one column or a list, e.g. ``"segment"``, ``"region"``,
    ``"customer_type"``, ``"size_band"``): ``customers``, ``customer_share``, ``value`` and
    ``value_share`` (named after ``value``), ``margin`` and ``margin_rate`` = margin / value, and
    ``per_customer`` = value / customers.  Groups of a category that have no customers show
    zeros.  Shares compare the group's weight in numbers with its weight in business.

    Parameters
    ----------
    file : DataFrame
        The customer file of :func:`customer_file`, one row per customer (indexed by
        ``customer_id``). Reads ``customer_type``, ``segment``, ``region``, ``size_band``,
        ``status`` (optional).
    by : str, default 'segment'
        Column to group by.
    value : str, default 'revenue'
        Column of the value read.
    margin : str, default 'gross_margin'
        Column of the margin.
    active_only : bool, default False
        Only customers whose ``status`` is active.

    Returns
    -------
    DataFrame
        Customer composition (客户构成分析): how customers and their business split by a trait.

    Examples
    --------
    >>> file = pd.DataFrame({"customer_type": ["reseller", "end user", "end user", "end user"],
    ...                      "revenue": [600.0, 200.0, 100.0, 100.0],
    ...                      "gross_margin": [120.0, 80.0, 40.0, 40.0]})
    >>> print(composition(file, "customer_type").to_string())  # doctest: +NORMALIZE_WHITESPACE
                   customers  customer_share  revenue  revenue_share  gross_margin  margin_rate  per_customer
    customer_type
    end user               3            0.75    400.0            0.4         160.0          0.4    133.333333
    reseller               1            0.25    600.0            0.6         120.0          0.2    600.000000
    """
    what = "composition"
    cols = _by_list(by, file, what)
    require_frame(file, {value: "numeric", margin: "numeric"}, what=what)
    require_choice(active_only, (True, False), what=what, name="active_only")
    f = file
    if active_only:
        require_frame(file, {"status": "text"}, what=what)
        f = file[file["status"].astype("str") == "active"]
    g = f.groupby(cols, observed=False, sort=True)
    out = pd.DataFrame({"customers": g.size()})
    out[value] = g[value].sum()
    out[margin] = g[margin].sum()
    out = out.fillna(0.0)
    out["customers"] = out["customers"].astype("int64")
    n, total = out["customers"].sum(), out[value].sum()
    out.insert(1, "customer_share", out["customers"] / n if n else 0.0)
    out.insert(3, f"{value}_share", out[value] / total if total else 0.0)
    v, m, k = out[value].to_numpy(), out[margin].to_numpy(), out["customers"].to_numpy()
    out["margin_rate"] = np.divide(m, v, out=np.full(len(out), np.nan), where=v > 0)
    out["per_customer"] = np.divide(v, k, out=np.zeros(len(out)), where=k > 0)
    return out


@validated(
    frames={
        "transactions": {"{customer}": "key", "{date}": "date", "{value}": "money", "margin": "numeric"},
    },
)
@kit_columns(frames=("transactions",), keywords=("customer", "date", "value"))
def trading_performance(transactions: pd.DataFrame, *, customers=None, by="customer_id",
                        before: int | None = None, after: int | None = None) -> pd.DataFrame:
    """Trading performance (交易业绩分析) per customer or per group, year on year.

    For each customer (``by="customer_id"``) or group of ``customers[by]`` (e.g. ``"segment"``):
    revenue in ``before`` and in ``after``, ``growth`` = after / before − 1 (missing when there
    was no revenue before), ``orders`` and ``average_order`` (revenue per order) in ``after``,
    ``margin_rate`` in ``after`` and ``share`` of all revenue in ``after``.

    Parameters
    ----------
    transactions : DataFrame
        The transaction log, one row per purchase. Reads the ``customer=``, ``date=`` and
        ``value=`` columns,
        ``margin``.
    customers : DataFrame, optional
        The customers (default ``None``).
    by : str, default 'customer_id'
        Column to group by.
    before : int, optional
        Year of the period before (default ``None``: the one before ``after``).
    after : DataFrame or int, optional
        The same file after cleaning, to compare (``quality_report``), or the year of the period
        after (``trading_performance``).
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Trading performance (交易业绩分析) per customer or per group, year on year.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 2, 2],
    ...                    "date": pd.to_datetime(["2024-05-01", "2025-05-01", "2024-01-01",
    ...                                            "2025-01-01", "2025-02-01"]),
    ...                    "revenue": [100.0, 150.0, 200.0, 100.0, 100.0],
    ...                    "margin": [40.0, 60.0, 50.0, 20.0, 30.0]})
    >>> print(trading_performance(tx).round(2).to_string())  # doctest: +NORMALIZE_WHITESPACE
                 revenue_2024  revenue_2025  growth  orders_2025  average_order  margin_rate  share
    customer_id
    1                   100.0         150.0     0.5            1          150.0         0.40   0.43
    2                   200.0         200.0     0.0            2          100.0         0.25   0.57
    """
    what = "trading_performance"
    require_frame(transactions, {"customer_id": "any", "date": "date", "revenue": "numeric",
                                 "margin": "numeric"}, what=what)
    if (before is None or after is None) and len(transactions):
        last2 = last_years(transactions, 2)
        before = last2[0] if before is None else before
        after = last2[1] if after is None else after
    for name, y in (("before", before), ("after", after)):
        require_number(y, what=what, name=name, low=1900, high=2200, integer=True)
    if before >= after:
        raise ValueError(f"{what}: before={before} must be an earlier year than after={after}")
    tx = transactions
    if by == "customer_id":
        key, names = _codes(tx["customer_id"])
    else:
        key, names = _group_codes(tx, customers, by, what)
    k = len(names)
    year = tx["date"].dt.year.to_numpy()
    rev = tx["revenue"].to_numpy(dtype="float64")
    mar = tx["margin"].to_numpy(dtype="float64")
    mb, ma = year == before, year == after
    b = np.bincount(key[mb], weights=rev[mb], minlength=k)
    a = np.bincount(key[ma], weights=rev[ma], minlength=k)
    m = np.bincount(key[ma], weights=mar[ma], minlength=k)
    o = np.bincount(key[ma], minlength=k)
    keep = np.bincount(key[mb | ma], minlength=k) > 0
    out = pd.DataFrame({f"revenue_{before}": b, f"revenue_{after}": a},
                       index=pd.Index(names, name=by))
    out["growth"] = np.divide(a, b, out=np.full(k, np.nan), where=b > 0) - 1
    out[f"orders_{after}"] = o.astype("int64")
    out["average_order"] = np.divide(a, o, out=np.zeros(k), where=o > 0)
    out["margin_rate"] = np.divide(m, a, out=np.full(k, np.nan), where=a > 0)
    out["share"] = a / a.sum() if a.sum() > 0 else 0.0
    return out[keep]


@validated(
    frames={
        "transactions": {"{value}": "money", "{customer}": "key", "product_line": "text", "margin": "numeric"},
    },
)
@kit_columns(frames=("transactions",), keywords=("customer",))
def product_mix(transactions: pd.DataFrame, *, customers=None, by=None, value="revenue"
                ) -> pd.DataFrame:
    """Product sales mix (不同商品的销售构成): what each product line (产品线) adds to the sales.

    Without ``by``: one row per product line with ``value``, its ``share``, ``gross_margin``,
    ``margin_share`` and ``margin_rate``.  With ``by`` (a column of ``customers``, e.g.
    ``"customer_type"``): a table of shares — one row per group, one column per product line,
    each row summing to 1.

    Parameters
    ----------
    transactions : DataFrame
        The transaction log, one row per purchase. Reads the ``customer=`` column, ``product_line``,
        ``margin``.
    customers : DataFrame, optional
        The customers (default ``None``).
    by : str
        Column to group by.
    value : str, default 'revenue'
        Column of the value read.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Product sales mix (不同商品的销售构成): what each product line (产品线) adds to the sales.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                    "product_line": ["equipment", "services", "services"],
    ...                    "revenue": [600.0, 100.0, 300.0], "margin": [120.0, 50.0, 150.0]})
    >>> product_mix(tx)  # doctest: +NORMALIZE_WHITESPACE
                  revenue  share  gross_margin  margin_share  margin_rate
    product_line
    equipment       600.0    0.6         120.0         0.375          0.2
    services        400.0    0.4         200.0         0.625          0.5
    >>> cust = pd.DataFrame({"customer_id": [1, 2], "customer_type": ["reseller", "end user"]})
    >>> product_mix(tx, customers=cust, by="customer_type")  # doctest: +NORMALIZE_WHITESPACE
    product_line   equipment  services
    customer_type
    end user        0.000000  1.000000
    reseller        0.857143  0.142857
    """
    what = "product_mix"
    require_frame(transactions, {"customer_id": "any", "product_line": "text",
                                 value: "numeric", "margin": "numeric"}, what=what)
    tx = transactions
    if by is None:
        g = tx.groupby("product_line", observed=True, sort=True)
        out = pd.DataFrame({value: g[value].sum()})
        out["share"] = out[value] / out[value].sum()
        out["gross_margin"] = g["margin"].sum()
        out["margin_share"] = out["gross_margin"] / out["gross_margin"].sum()
        v = out[value].to_numpy()
        out["margin_rate"] = np.divide(out["gross_margin"].to_numpy(), v,
                                       out=np.full(len(out), np.nan), where=v != 0)
        return out
    key, names = _group_codes(tx, customers, by, what)
    lcode, lnames = _codes(tx["product_line"])
    k, m = len(names), len(lnames)
    cube = np.bincount(key * m + lcode, weights=tx[value].to_numpy(dtype="float64"),
                       minlength=k * m).reshape(k, m)
    table = pd.DataFrame(cube, index=pd.Index(names, name=by),
                         columns=pd.Index(lnames, name="product_line"))
    table = table[table.sum(axis=1) != 0]
    return table.div(table.sum(axis=1), axis=0)


# ---------------------------------------------------------------------------------------------
# 3. Gross-margin rate, turnover, cross ratio, contribution ratio
# ---------------------------------------------------------------------------------------------

#: The inventory assumption (an assumption, not data): days of cover (库存天数) each product line
#: holds, as days of its cost of goods.  Equipment is stocked for display and quick delivery,
#: consumables are replenished often, spare parts must cover many slow-moving items, and
#: services hold only the parts and materials used on jobs.
DAYS_OF_COVER = {"equipment": 60.0, "consumables": 45.0, "spare parts": 120.0, "services": 15.0}


@validated(
    frames={
        "transactions": {
            "{customer}": "key",
            "{date}": "date",
            "{value}": "money",
            "cost": "numeric",
            "margin": "numeric",
        },
    },
)
@kit_columns(frames=("transactions",), keywords=("customer", "date", "value"))
def cross_ratios(transactions: pd.DataFrame, *, customers=None, by="product_line",
                 days_of_cover=None, years=None) -> pd.DataFrame:
    """Gross-margin rate, stock turnover, cross ratio and contribution ratio per product line or
    per customer group.

    With yearly figures (the period's sums divided by its number of calendar years):

    * gross-margin rate (毛利率) = gross margin / revenue;
    * average inventory (平均库存, at cost) = Σ over product lines of yearly cost of goods ×
      days of cover / 365 — **an assumption** (:data:`DAYS_OF_COVER`; change it with
      ``days_of_cover={"spare parts": 90}``), since the data holds no stock;
    * stock turnover (商品周转率) = yearly revenue / average inventory (times a year);
    * cross ratio (交叉比率) = gross-margin rate × turnover = yearly gross margin / average
      inventory: the margin earned per yuan of stock, so a low-margin line that turns fast can
      beat a high-margin line that sits on the shelf;
    * contribution ratio (贡献比率) = cross ratio × sales share (销售构成比): how much the group
      adds to the whole, weighing its cross ratio by its weight in sales.

    ``by="product_line"`` gives one row per line; any other ``by`` (a column of ``customers``,
    e.g. ``"segment"``) gives one row per customer group, whose inventory is the stock its
    purchases tie up, line by line.

    Parameters
    ----------
    transactions : DataFrame
        The transaction log, one row per purchase. Reads the ``customer=``, ``date=`` and
        ``value=`` columns,
        ``cost``, ``margin``.
    customers : DataFrame, optional
        The customers (default ``None``).
    by : str, default 'product_line'
        Column to group by.
    days_of_cover : dict, optional
        Days of stock cover per product line (default ``None``: :data:`DAYS_OF_COVER`).
    years : list of int, optional
        Calendar years (default ``None``: every year of the data).
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Gross-margin rate, stock turnover, cross ratio and contribution ratio per product line or
        per customer group.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2], "date": pd.to_datetime(["2025-03-01"] * 2),
    ...                    "product_line": ["equipment", "consumables"],
    ...                    "revenue": [1000.0, 1000.0], "cost": [800.0, 600.0],
    ...                    "margin": [200.0, 400.0]})
    >>> r = cross_ratios(tx, days_of_cover={"equipment": 73, "consumables": 36.5})
    >>> print(r[["margin_rate", "avg_inventory", "turnover", "cross_ratio", "sales_share",
    ...          "contribution"]].round(4).to_string())  # doctest: +NORMALIZE_WHITESPACE
                  margin_rate  avg_inventory  turnover  cross_ratio  sales_share  contribution
    product_line
    consumables           0.4           60.0   16.6667       6.6667          0.5        3.3333
    equipment             0.2          160.0    6.2500       1.2500          0.5        0.6250
    """
    what = "cross_ratios"
    require_frame(transactions, {"customer_id": "any", "date": "date", "product_line": "text",
                                 "revenue": "numeric", "cost": "numeric", "margin": "numeric"},
                  what=what)
    days = _mapping(days_of_cover, DAYS_OF_COVER, what=what, name="days_of_cover", low=0.5,
                    high=730)
    tx = transactions
    if years is not None:
        ys = [years] if isinstance(years, (int, np.integer)) and not isinstance(years, bool) \
            else years
        try:
            ys = sorted({int(y) for y in ys})
        except (TypeError, ValueError):
            raise ValueError(f"{what}: years={years!r} must be a calendar year or a list of "
                             "years") from None
        tx = tx[tx["date"].dt.year.isin(ys)]
        if not len(tx):
            raise ValueError(f"{what}: no orders in years={years!r}")
    n_years = tx["date"].dt.year.nunique()
    lcode, lnames = _codes(tx["product_line"])
    unknown = [x for x in lnames if x not in days]
    if unknown:
        raise ValueError(f"{what}: product line {unknown[0]!r} has no days of cover; expected "
                         f"lines {list(days)}")
    cost = tx["cost"].to_numpy(dtype="float64")
    stock = cost * np.array([days[x] for x in lnames])[lcode] / 365.0
    if by == "product_line":
        key, names = lcode, lnames
    else:
        key, names = _group_codes(tx, customers, by, what)
    k = len(names)
    sums = {name: np.bincount(key, weights=w, minlength=k) / n_years for name, w in (
        ("revenue", tx["revenue"].to_numpy(dtype="float64")), ("cost", cost),
        ("gross_margin", tx["margin"].to_numpy(dtype="float64")), ("stock", stock))}
    out = pd.DataFrame(sums, index=pd.Index(names, name=by))
    out = out[np.bincount(key, minlength=k) > 0]
    out = out.rename(columns={"stock": "avg_inventory"})
    out.insert(3, "margin_rate", out["gross_margin"] / out["revenue"])
    out.insert(4, "days_of_cover", out["avg_inventory"] / out["cost"] * 365.0)
    out["turnover"] = out["revenue"] / out["avg_inventory"]
    out["cross_ratio"] = out["margin_rate"] * out["turnover"]
    out["sales_share"] = out["revenue"] / out["revenue"].sum()
    out["contribution"] = out["cross_ratio"] * out["sales_share"]
    return out


