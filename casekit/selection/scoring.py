"""Good and bad customers (优质与劣质客户); big is not the same as good, small can be good."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.memo import per_world
from ..core.checks import Interval, kit_columns, require_frame, require_number, validated
from ..core.ltv import lifetime_value as _ltv
from ..core.size import big_customers
from ..core.profit import customer_profitability
from ._base import (
    BAD_TRAITS, GOOD_TRAITS, RISKS, _BAD_SHORT, _IDS, _check_weights, _credit_score,
    _frames, _is_world, _pct, _two_years, _years,
)


# ---------------------------------------------------------------------------------------------
# Good and bad customers
# ---------------------------------------------------------------------------------------------

_SCORE_COLS = {"customer_id": "numeric", "price_sensitivity": "numeric", "payment_days": "numeric",
               "credit_rating": "text", "loyalty": "numeric", "disputes": "numeric",
               "growth_rate": "numeric", "innovation_requests": "numeric",
               "cooperativeness": "numeric", "off_core_requests": "numeric"}


@per_world
@validated(world=_IDS, keys={"customers": "{customer}"}, empty_ok=("transactions",),
           options={"good_cut": Interval(-100, 100), "bad_cut": Interval(-100, 100),
                    "max_cost_share": Interval(0, 1),
                    "min_disputes": Interval(1, None, integer=True),
                    "min_off_core": Interval(1, None, integer=True)})
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
def scorecard(data, transactions=None, *, years=None, weights=None, penalties=None,
              good_cut: float = 60.0, bad_cut: float = 30.0, max_cost_share: float = 0.5,
              min_disputes: int = 2, min_off_core: int = 3) -> pd.DataFrame:
    """Score customers on the five good-customer traits and three bad-customer traits.

    Each **good trait** (优质客户的特征, :data:`GOOD_TRAITS`) becomes a percentile rank between 0
    and 1 among the customers scored (1 = the best):

    * ``purchasing_power``: revenue per active year;
    * ``profitability``: mean rank of low price sensitivity, few payment days, good credit rating;
    * ``low_cost_to_serve``: low cost to serve as a share of revenue;
    * ``relationship``: mean rank of loyalty, few disputes (low business risk), growth rate;
    * ``innovation_partnership``: mean rank of innovation requests and cooperativeness.

    Each **bad trait** (劣质客户的特征, :data:`BAD_TRAITS`) is a yes/no flag:

    * ``buys_little_demands_much``: revenue per year below the median and cost to serve above
      ``max_cost_share`` of revenue;
    * ``no_credit``: any bad debt, or at least ``min_disputes`` disputes and lawsuits;
    * ``off_core_demands``: at least ``min_off_core`` requests outside the firm's strengths.

    ``score`` = 100 × the ``weights``-weighted mean of the good traits, minus ``penalties``
    points for each bad trait shown.  ``class`` is ``"good"`` when the score is at least
    ``good_cut``, ``"bad"`` below ``bad_cut``, ``"ordinary"`` in between; ``reasons`` names the
    strong good traits (rank ≥ 0.8), the weak ones (rank ≤ 0.2) and the bad traits shown.

    Parameters
    ----------
    data, transactions, years
        As for :func:`customer_profitability` (the years set revenue and cost to serve).
    weights : dict, optional
        Weight of each good trait (default 1 each), e.g. ``{"purchasing_power": 2}``.
    penalties : dict, optional
        Points taken off for each bad trait (default 30 each).
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame indexed by ``customer_id``: the five trait ranks, three flags, ``good_score``,
    ``penalty``, ``score``, ``class``, ``reasons``, plus ``revenue``, ``profit`` and
    ``profit_margin`` from :func:`customer_profitability`.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3], "first_purchase": pd.to_datetime(["2020-01-01"] * 3),
    ...     "cost_to_serve": [500.0, 5000.0, 800.0], "bad_debt": [0.0, 0.0, 2000.0],
    ...     "churned": [False] * 3, "price_sensitivity": [0.2, 0.9, 0.5],
    ...     "payment_days": [30, 60, 45], "credit_rating": ["A", "C", "D"],
    ...     "loyalty": [0.9, 0.2, 0.5], "disputes": [0, 1, 3], "growth_rate": [0.1, -0.05, 0.0],
    ...     "innovation_requests": [3, 0, 1], "cooperativeness": [5, 1, 3],
    ...     "off_core_requests": [0, 4, 1]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 2, 3], "date": pd.to_datetime(["2025-03-01"] * 3),
    ...     "list_value": [20000.0, 9000.0, 15000.0], "discount": [0.0, 900.0, 1000.0],
    ...     "revenue": [20000.0, 8100.0, 14000.0], "margin": [8000.0, 2000.0, 5000.0]})
    >>> s = scorecard(customers, tx, years=2025)
    >>> s[["good_score", "penalty", "score", "class"]].round(1)  # doctest: +NORMALIZE_WHITESPACE
                 good_score  penalty  score class
    customer_id
    1                 100.0      0.0  100.0  good
    2                  37.8     60.0  -22.2   bad
    3                  62.2     30.0   32.2  ordinary
    >>> s.loc[2, "reasons"]
    'bad: buys little, demands much; off-core demands'
    """
    what = "scorecard"
    customers, tx, _ = _frames(data, transactions, what)
    require_frame(customers, _SCORE_COLS, what=what)
    w = _check_weights(weights, GOOD_TRAITS, what, "weights", defaults=dict.fromkeys(GOOD_TRAITS, 1.0))
    if sum(w.values()) <= 0:
        raise ValueError(f"{what}: weights={weights!r} are all zero; give at least one good trait "
                         "a positive weight")
    pen = _check_weights(penalties, BAD_TRAITS, what, "penalties",
                         defaults=dict.fromkeys(BAD_TRAITS, 30.0))
    require_number(good_cut, what=what, name="good_cut", low=-100, high=100)
    require_number(bad_cut, what=what, name="bad_cut", low=-100, high=good_cut)
    require_number(max_cost_share, what=what, name="max_cost_share", low=0, high=1)
    require_number(min_disputes, what=what, name="min_disputes", low=1, integer=True)
    require_number(min_off_core, what=what, name="min_off_core", low=1, integer=True)

    profit = customer_profitability(customers, tx, years=years)
    c = customers.set_index("customer_id").loc[profit.index]
    cost_share = np.divide(profit["cost_to_serve"].to_numpy(), profit["revenue"].to_numpy(),
                           out=np.full(len(profit), np.inf), where=profit["revenue"].to_numpy() > 0)
    out = pd.DataFrame(index=profit.index)
    out["purchasing_power"] = _pct(profit["annual_revenue"])
    out["profitability"] = (_pct(-c["price_sensitivity"]) + _pct(-c["payment_days"])
                            + _pct(_credit_score(c["credit_rating"]))) / 3
    out["low_cost_to_serve"] = _pct(pd.Series(-cost_share, index=profit.index))
    out["relationship"] = (_pct(c["loyalty"]) + _pct(-c["disputes"]) + _pct(c["growth_rate"])) / 3
    out["innovation_partnership"] = (_pct(c["innovation_requests"]) + _pct(c["cooperativeness"])) / 2
    small = profit["annual_revenue"] < profit["annual_revenue"].median()
    out["buys_little_demands_much"] = small.to_numpy() & (cost_share > max_cost_share)
    out["no_credit"] = (c["bad_debt"] > 0) | (c["disputes"] >= min_disputes)
    out["off_core_demands"] = c["off_core_requests"] >= min_off_core

    wv = np.array([w[k] for k in GOOD_TRAITS])
    out["good_score"] = 100 * out[list(GOOD_TRAITS)].to_numpy() @ wv / wv.sum()
    out["penalty"] = out[list(BAD_TRAITS)].to_numpy().astype("float64") @ np.array(
        [pen[k] for k in BAD_TRAITS])
    out["score"] = out["good_score"] - out["penalty"]
    out["class"] = np.select([out["score"] >= good_cut, out["score"] < bad_cut],
                             ["good", "bad"], "ordinary")
    out["reasons"] = _reasons(out, w, pen)
    for col in ("revenue", "profit", "profit_margin"):
        out[col] = profit[col]
    return out


def _reasons(out: pd.DataFrame, w, pen) -> pd.Series:
    """'strong: …; weak: …; bad: …' per customer.

    Each customer's combination of strong, weak and bad traits is coded as bits; the text is
    built once per distinct combination (a few hundred at most) and looked up, so a million
    customers cost no more than a thousand.
    """
    good, bad = list(GOOD_TRAITS), list(BAD_TRAITS)
    flags = [((out[k] >= 0.8) & (w[k] > 0)).to_numpy() for k in good]
    flags += [((out[k] <= 0.2) & (w[k] > 0)).to_numpy() for k in good]
    flags += [(out[k] & (pen[k] > 0)).to_numpy() for k in bad]
    code = np.zeros(len(out), dtype="int64")
    for bit, f in enumerate(flags):
        code |= f.astype("int64") << bit
    uniq, inverse = np.unique(code, return_inverse=True)
    texts = []
    for c in uniq.tolist():
        has = [bool(c >> b & 1) for b in range(len(flags))]
        strong = [k.replace("_", " ") for k, h in zip(good, has[:5]) if h]
        weak = [k.replace("_", " ") for k, h in zip(good, has[5:10]) if h]
        shown = [_BAD_SHORT[k] for k, h in zip(bad, has[10:]) if h]
        parts = ([f"strong: {', '.join(strong)}"] if strong else []) + \
                ([f"weak: {', '.join(weak)}"] if weak else []) + \
                ([f"bad: {'; '.join(shown)}"] if shown else [])
        texts.append("; ".join(parts) or "no strong or bad trait")
    return pd.Series(np.asarray(texts, dtype=object)[inverse.ravel()], index=out.index, dtype="str")


@validated(world=_IDS, keys={"customers": "{customer}"}, empty_ok=("transactions",),
           options={"before": Interval(1900, 2200, integer=True, optional=True),
                    "after": Interval(1900, 2200, integer=True, optional=True)})
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
def profit_swaps(data, transactions=None, *, before: int | None = None,
                 after: int | None = None) -> pd.DataFrame:
    """Good and bad can swap (优劣有可能会互换): profit in two years, and who changed side.

    For customers who ordered in both years, profit per year as :func:`customer_profitability`
    defines it (cost to serve for the active part of each year, bad debt spread by revenue).
    ``class_before`` / ``class_after`` are ``"profitable"`` (profit > 0) or ``"loss-making"``;
    ``swapped`` says the class changed.

    Parameters
    ----------
    data : World or DataFrame
        A casekit World (or its customers frame). Needs customers: the ``customer=``
        column (customer ids); transactions: the ``customer=``, ``date=`` and ``value=`` columns.
    transactions : DataFrame, optional
        Needs the ``customer=`` (customer ids), ``date=`` and ``value=`` columns.
    before : int, default None
        Column of the earlier tier. Whole number in [1900, 2200].
    after : int, default None
        Column of the later tier. Whole number in [1900, 2200].
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Good and bad can swap (优劣有可能会互换): profit in two years, and who changed side.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2], "first_purchase": pd.to_datetime(["2020-01-01"] * 2),
    ...     "cost_to_serve": [1000.0, 1000.0], "bad_debt": [0.0, 0.0], "churned": [False] * 2})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 1, 2, 2],
    ...     "date": pd.to_datetime(["2024-05-01", "2025-05-01"] * 2),
    ...     "list_value": [5000.0, 2000.0, 3000.0, 3000.0], "discount": [0.0] * 4,
    ...     "revenue": [5000.0, 2000.0, 3000.0, 3000.0], "margin": [2000.0, 800.0, 1500.0, 1500.0]})
    >>> profit_swaps(customers, tx)[["profit_before", "profit_after", "swapped"]]  # doctest: +NORMALIZE_WHITESPACE
                 profit_before  profit_after  swapped
    customer_id
    1                   1000.0        -200.0     True
    2                    500.0         500.0    False
    """
    what = "profit_swaps"
    customers, tx, asof = _frames(data, transactions, what)
    before, after = _two_years(tx, before, after, what)
    if before == after:
        raise ValueError(f"{what}: before and after are both {before}; expected two different years")
    a = customer_profitability(customers, tx, years=before, asof=asof)
    b = customer_profitability(customers, tx, years=after, asof=asof)
    both = a.index[a["orders"] > 0].intersection(b.index[b["orders"] > 0])
    out = pd.DataFrame({"revenue_before": a.loc[both, "revenue"],
                        "revenue_after": b.loc[both, "revenue"],
                        "profit_before": a.loc[both, "profit"], "profit_after": b.loc[both, "profit"]})
    cls = np.array(["loss-making", "profitable"])
    out["class_before"] = cls[(out["profit_before"] > 0).astype(int)]
    out["class_after"] = cls[(out["profit_after"] > 0).astype(int)]
    out["swapped"] = out["class_before"] != out["class_after"]
    return out


# ---------------------------------------------------------------------------------------------
# Big is not the same as good; small can be good
# ---------------------------------------------------------------------------------------------

@validated(world=_IDS, keys={"customers": "{customer}"}, empty_ok=("transactions",), options={"top": Interval(0.01, 0.5)})
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
def big_customer_risks(data, transactions=None, *, top: float = 0.2) -> pd.DataFrame:
    """The four risks of big customers (大客户的风险), measured: the biggest vs the rest.

    The big customers are the kit's one definition, :func:`casekit.big_customers`: the ``top``
    share of the customers active in the data period (exactly ``ceil(top × customers)`` of them;
    by default S3's fifth), by two of its yardsticks, named in the ``big_by`` column:

    * ``"revenue"`` — revenue over the data period (the default yardstick), for the financial,
      profit and management rows;
    * ``"employees"`` — firm size (ties broken by revenue per active year, then by customer id),
      for the churn rows.  Ranking by period revenue would hide big churners: a customer who
      leaves stops buying, so its revenue is cut short by the very churn we measure.

    For each measure the table shows the mean among the big (``big``), among the rest (``rest``)
    and ``ratio`` = big / rest; for every measure a ratio above 1 means more risk among the big.

    * financial risk (财务风险): payment days; bad debt per customer; share with any bad debt;
    * profit risk (利润风险): discount rate (discount and rebates / list value);
    * management risk (管理风险): disputes and lawsuits per customer; requests outside the firm's
      strengths per customer (pressure that comes from market power) — proxies, as the data hold
      no direct measure of market disorder;
    * churn risk (流失风险): churn rate, the share of customers who churned (``churned``); and
      price sensitivity, a second, indirect measure (rivals court them on price, and they listen).

    Parameters
    ----------
    data : World or DataFrame
        A casekit World (or its customers frame). Needs customers: the ``customer=``
        column (customer ids); transactions: the ``customer=``, ``date=`` and ``value=`` columns.
    transactions : DataFrame, optional
        Needs the ``customer=`` (customer ids), ``date=`` and ``value=`` columns.
    top : float, default 0.2
        Share of the customers that count as big, in [0.01, 0.5] (S3: 20%).
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        The four risks of big customers (大客户的风险), measured: the biggest vs the rest.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4], "first_purchase": pd.to_datetime(["2020-01-01"] * 4),
    ...     "cost_to_serve": [100.0, 100.0, 100.0, 900.0], "bad_debt": [0.0, 0.0, 0.0, 500.0],
    ...     "churned": [False, True, False, True], "payment_days": [30, 30, 40, 70],
    ...     "disputes": [0, 0, 1, 2], "off_core_requests": [0, 1, 0, 3],
    ...     "price_sensitivity": [0.2, 0.4, 0.3, 0.9], "employees": [50, 900, 40, 60],
    ...     "churn_date": pd.to_datetime([None, "2025-06-30", None, "2025-06-30"])})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4], "date": pd.to_datetime(["2025-01-10"] * 4),
    ...     "list_value": [1000.0, 1000.0, 1000.0, 10000.0], "discount": [0.0, 0.0, 0.0, 2000.0],
    ...     "revenue": [1000.0, 1000.0, 1000.0, 8000.0], "margin": [400.0, 400.0, 400.0, 1000.0]})
    >>> r = big_customer_risks(customers, tx, top=0.25).set_index("measure")
    >>> r.loc[["payment days", "churn rate"], ["big_by", "big", "rest"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
                     big_by   big   rest
    measure
    payment days    revenue  70.0  33.33
    churn rate    employees   1.0   0.33
    """
    what = "big_customer_risks"
    customers, tx, asof = _frames(data, transactions, what)
    require_number(top, what=what, name="top", low=0.01, high=0.5)
    require_frame(customers, {"payment_days": "numeric", "disputes": "numeric",
                              "off_core_requests": "numeric", "price_sensitivity": "numeric",
                              "employees": "numeric", "churned": "bool"}, what=what)
    p = customer_profitability(customers, tx, asof=asof)
    c = customers.set_index("customer_id").loc[p.index]
    k = max(1, int(np.ceil(top * len(p) - 1e-9)))
    if k >= len(p):
        raise ValueError(f"{what}: top={top} leaves no 'rest' to compare with; use more customers")
    # the kit's one definition of big customers, by revenue and by firm size (ties: revenue/year)
    big = big_customers(p, by="revenue", top=top).to_numpy()
    biggest = big_customers(p.assign(employees=c["employees"].to_numpy(dtype=float)),
                            by="employees", top=top).to_numpy()

    def mean(values, mask):
        return float(np.mean(values[mask]))

    def ratio_sum(num, den, mask):
        return float(num[mask].sum() / den[mask].sum()) if den[mask].sum() > 0 else np.nan

    measures = [
        ("financial", "payment days", "days", c["payment_days"].to_numpy(dtype=float), None),
        ("financial", "bad debt per customer", "CNY", c["bad_debt"].to_numpy(dtype=float), None),
        ("financial", "share with bad debt", "share", (c["bad_debt"] > 0).to_numpy(dtype=float), None),
        ("profit", "discount rate", "share", p["discount"].to_numpy(), p["list_value"].to_numpy()),
        ("management", "disputes per customer", "count", c["disputes"].to_numpy(dtype=float), None),
        ("management", "off-core requests per customer", "count",
         c["off_core_requests"].to_numpy(dtype=float), None),
        ("churn", "churn rate", "share", c["churned"].to_numpy(dtype=float), None),
        ("churn", "price sensitivity", "0–1", c["price_sensitivity"].to_numpy(dtype=float), None),
    ]
    rows = []
    for risk, name, unit, num, den in measures:
        by, b = ("employees", biggest) if risk == "churn" else ("revenue", big)
        bv = mean(num, b) if den is None else ratio_sum(num, den, b)
        rv = mean(num, ~b) if den is None else ratio_sum(num, den, ~b)
        rows.append({"risk": risk, "chinese": RISKS[risk][1], "measure": name, "unit": unit,
                     "big_by": by, "big": bv, "rest": rv, "ratio": bv / rv if rv else np.nan})
    return pd.DataFrame(rows)


@validated(world=_IDS, keys={"customers": "{customer}"}, empty_ok=("transactions",), options={"bands": Interval(2, 20, integer=True)})
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
def margin_by_band(data, column: str, transactions=None, *, bands: int = 3) -> pd.DataFrame:
    """Profit margin by bands of a customer trait: are the loyal, long-tenure customers the profitable ones?

    Customers with revenue are cut into ``bands`` equal-sized groups of ``column`` (e.g.
    ``"loyalty"`` or ``"tenure_years"``; 1 = lowest); per band the table shows the range of the
    trait, the customers, their revenue, profit and ``profit_margin`` = total profit / total revenue.

    Parameters
    ----------
    data : World or DataFrame
        A casekit World (or its customers frame). Needs customers: the ``customer=``
        column (customer ids); transactions: the ``customer=``, ``date=`` and ``value=`` columns.
    column : str
        Customer column to band by.
    transactions : DataFrame, optional
        Needs the ``customer=`` (customer ids), ``date=`` and ``value=`` columns.
    bands : int, default 3
        Whole number in [2, 20].
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Profit margin by bands of a customer trait: are the loyal, long-tenure customers the
        profitable ones?

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4], "first_purchase": pd.to_datetime(["2020-01-01"] * 4),
    ...     "cost_to_serve": [300.0, 300.0, 100.0, 100.0], "bad_debt": [0.0] * 4,
    ...     "churned": [False] * 4, "loyalty": [0.1, 0.2, 0.8, 0.9]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 2, 3, 4], "date": pd.to_datetime(["2025-05-01"] * 4),
    ...     "list_value": [1000.0] * 4, "discount": [0.0] * 4, "revenue": [1000.0] * 4,
    ...     "margin": [400.0] * 4})
    >>> margin_by_band(customers, "loyalty", tx, bands=2)["profit_margin"].tolist()
    [0.1, 0.3]
    """
    what = "margin_by_band"
    if _is_world(data):
        customers = data.customers
        p = customer_profitability(data, transactions)
    else:
        customers = data
        p = customer_profitability(data, transactions)
    require_frame(customers, {column: "numeric"}, what=what)
    require_number(bands, what=what, name="bands", low=2, high=20, integer=True)
    p = p[p["revenue"] > 0]
    x = customers.set_index("customer_id").loc[p.index, column]
    band = pd.qcut(x.rank(method="first"), bands, labels=False) + 1
    g = p.assign(_x=x, band=band).groupby("band")
    out = pd.DataFrame({"low": g["_x"].min(), "high": g["_x"].max(), "customers": g.size(),
                        "revenue": g["revenue"].sum(), "profit": g["profit"].sum()})
    out["profit_margin"] = out["profit"] / out["revenue"]
    return out


@validated(options={"horizon": Interval(1, 50, integer=True), "discount_rate": Interval(0, 1)})
def lifetime_value(annual_margin, annual_cost, growth, *, horizon: int = 5,
                   discount_rate: float = 0.1):
    """Chapter 1's customer lifetime value (客户终身价值): the kit's one definition, one variant.

    A thin name for :func:`casekit.lifetime_value` (``casekit/core/ltv.py``) with the options
    chapter 1 uses: margin growth ``growth``, a yearly cost to serve ``annual_cost``,
    ``retention=1`` (the customer is assumed to stay: the question is what a small customer
    could become, not whether it leaves) and ``timing="end"`` (each year's margin arrives at the
    end of the year, the first one discounted too)::

        LTV = Σ_{t=1..horizon} (annual_margin × (1 + growth)^t − annual_cost) / (1 + discount_rate)^t

    Gross margin grows with the customer; the cost to serve stays as it is today.  Works on
    numbers, numpy arrays or pandas Series alike.

    Parameters
    ----------
    annual_margin : float, array or Series
        Gross margin per year today.
    annual_cost : float, array or Series
        Cost to serve per year.
    growth : float, array or Series
        Yearly growth of the margin (0.1 = 10%).
    horizon : int, default 5
        Years counted.
    discount_rate : float, default 0.1
        Yearly discount rate.

    Returns
    -------
    float, array or Series
        The lifetime value (a Series named ``lifetime_value`` when ``annual_margin`` is one).

    Examples
    --------
    >>> round(lifetime_value(1000.0, 200.0, 0.0, horizon=2, discount_rate=0.0), 2)
    1600.0
    >>> round(lifetime_value(1000.0, 200.0, 0.5, horizon=2, discount_rate=0.0), 2)
    3350.0
    """
    what = "lifetime_value"
    require_number(horizon, what=what, name="horizon", low=1, high=50, integer=True)
    require_number(discount_rate, what=what, name="discount_rate", low=0, high=1)
    m, c, g = (np.asarray(x, dtype="float64") for x in (annual_margin, annual_cost, growth))
    if not (np.isfinite(m).all() and np.isfinite(c).all() and np.isfinite(g).all()):
        raise ValueError(f"{what}: margin, cost and growth must be finite numbers")
    if (g <= -1).any():
        raise ValueError(f"{what}: growth must be above -1 (−100% a year)")
    shape = np.broadcast(m, c, g).shape
    total = _ltv(np.broadcast_to(m, shape), retention=1.0, discount=discount_rate,
                 horizon=horizon, growth=np.broadcast_to(g, shape),
                 cost=np.broadcast_to(c, shape), timing="end")
    total = np.asarray(total, dtype="float64")
    if isinstance(annual_margin, pd.Series):
        return pd.Series(np.broadcast_to(total, annual_margin.shape), index=annual_margin.index,
                         name="lifetime_value")
    return float(total) if total.ndim == 0 else total


@validated(world=_IDS, keys={"customers": "{customer}"}, empty_ok=("transactions",),
           options={"small": Interval(0.05, 0.95), "fast": Interval(-0.5, 5),
                    "horizon": Interval(1, 50, integer=True), "discount_rate": Interval(0, 1)})
@kit_columns(frames=("data", "transactions"), keywords=("customer", "date", "value"))
def small_customer_potential(data, transactions=None, *, small: float = 0.5, fast: float = 0.2,
                             horizon: int = 5, discount_rate: float = 0.1) -> pd.DataFrame:
    """Small can be good (小客户也有可能是优质客户): size, growth and lifetime value.

    Per customer: revenue in the last two years of the data, ``annual_revenue``, profit per
    active year, ``growth_rate``, ``small`` (annual revenue at or below the ``small`` quantile),
    ``fast_grower`` (growth above ``fast``) and ``lifetime_value`` (:func:`lifetime_value` of the
    gross margin and cost to serve per active year), with ``ltv_rank`` (1 = highest).

    Parameters
    ----------
    data : World or DataFrame
        A casekit World (or its customers frame). Needs customers: the ``customer=``
        column (customer ids); transactions: the ``customer=``, ``date=`` and ``value=`` columns.
    transactions : DataFrame, optional
        Needs the ``customer=`` (customer ids), ``date=`` and ``value=`` columns.
    small : float, default 0.5
        Number in [0.05, 0.95].
    fast : float, default 0.2
        Number in [-0.5, 5].
    horizon : int, default 5
        Whole number in [1, 50].
    discount_rate : float, default 0.1
        Number in [0, 1].
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.
    value : str, default 'revenue'
        Name of the value (revenue) column.

    Returns
    -------
    DataFrame
        Small can be good (小客户也有可能是优质客户): size, growth and lifetime value.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2, 3], "first_purchase": pd.to_datetime(["2020-01-01"] * 3),
    ...     "cost_to_serve": [100.0, 100.0, 2000.0], "bad_debt": [0.0] * 3,
    ...     "churned": [False] * 3, "growth_rate": [0.4, 0.0, 0.0]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 1, 2, 2, 3, 3],
    ...     "date": pd.to_datetime(["2024-06-01", "2025-06-01"] * 3),
    ...     "list_value": [1000.0, 1400.0, 1000.0, 1000.0, 5000.0, 5000.0],
    ...     "discount": [0.0] * 6,
    ...     "revenue": [1000.0, 1400.0, 1000.0, 1000.0, 5000.0, 5000.0],
    ...     "margin": [500.0, 700.0, 500.0, 500.0, 2000.0, 2000.0]})
    >>> s = small_customer_potential(customers, tx, small=0.67, horizon=3)
    >>> s[["small", "fast_grower", "ltv_rank"]]  # doctest: +NORMALIZE_WHITESPACE
                 small  fast_grower  ltv_rank
    customer_id
    1             True         True         1
    2             True        False         2
    3            False        False         3
    """
    what = "small_customer_potential"
    customers, tx, asof = _frames(data, transactions, what)
    require_frame(customers, {"growth_rate": "numeric"}, what=what)
    require_number(small, what=what, name="small", low=0.05, high=0.95)
    require_number(fast, what=what, name="fast", low=-0.5, high=5)
    p = customer_profitability(customers, tx, asof=asof)
    ys = _years(None, tx, what)
    g = customers.set_index("customer_id").loc[p.index, "growth_rate"]
    out = pd.DataFrame(index=p.index)
    for y in ys[-2:]:
        py = customer_profitability(customers, tx, years=y, asof=asof, active_only=False)
        out[f"revenue_{y}"] = py["revenue"].reindex(p.index, fill_value=0.0)
    out["annual_revenue"] = p["annual_revenue"]
    yrs = p["active_years"].where(p["active_years"] > 0)
    out["annual_profit"] = (p["profit"] / yrs).fillna(0.0)
    out["growth_rate"] = g
    out["small"] = out["annual_revenue"] <= out["annual_revenue"].quantile(small)
    out["fast_grower"] = g > fast
    margin = (p["gross_margin"] / yrs).fillna(0.0)
    cost = ((p["cost_to_serve"] + p["bad_debt"]) / yrs).fillna(0.0)
    out["lifetime_value"] = lifetime_value(margin, cost, g.clip(lower=-0.9), horizon=horizon,
                                           discount_rate=discount_rate)
    out["ltv_rank"] = out["lifetime_value"].rank(ascending=False, method="first").astype("int64")
    return out
