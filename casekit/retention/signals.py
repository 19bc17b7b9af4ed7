"""Chapter 6, retention and churn — signals per customer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, check_columns, require_frame, require_number, validated,
)
from ..core.customers import customer_table
from ..core.size import big_customers
from ..core.world import asof_of, period_start
from ..selection import delivered_value
from ..i18n import _
from ._common import label
from ._common import (  # noqa: F401
    SIGNALS_FRAME,
    LOYALTY_LADDER, LOYALTY_TYPES, SIGNALS, _CUSTOMER_COLS, _lifetimes, _require_world,
)


# ---------------------------------------------------------------------------------------------
# Signals per customer
# ---------------------------------------------------------------------------------------------

@validated(
    world={
        "customers": {"customer_id": "id", "churned": "bool", "key_contact_left": "bool"},
        "transactions": {"customer_id": "id"},
    },
    keys={"customers": "customer_id"},
    empty_ok=('transactions',),
    options={
        "low_satisfaction": Interval(1, 5),
        "low_loyalty": Interval(0, 1),
        "slow_days": Interval(1, 365, integer=True),
        "big_share": Interval(0.01, 0.99),
        "recent_days": Interval(30, 365, integer=True),
    },
)
def customer_signals(world, *, low_satisfaction: float = 3.0, low_loyalty: float = 0.4,
                     slow_days: int = 21, big_share: float = 0.1, recent_days: int = 91
                     ) -> pd.DataFrame:
    """One row per customer with every churn signal (流失信号) and the customer's value.

    Columns (all measured at the customer's end: the churn date, or the as-of date for customers
    still buying):

    * ``churned``, ``churn_date``, ``first_purchase``, ``tenure_years``, ``segment``;
    * ``satisfaction``, ``loyalty`` and the flags ``low_satisfaction`` (below
      ``low_satisfaction``) and ``low_loyalty`` (below ``low_loyalty``);
    * ``key_contact_left``;
    * ``complaints``, ``unresolved``, ``slow`` (resolved after more than ``slow_days``) and the
      flags ``unresolved_complaint``, ``slow_complaint``, ``silent`` (no complaint at all) and
      ``resolved_fast`` (complained, every complaint resolved within ``slow_days``);
    * ``surveyed``, ``dv_advantage`` (our delivered value − the competitor's, empty when not
      surveyed) and ``value_gap`` (surveyed and the competitor's is higher);
    * ``revenue``, ``profit`` (the kit's definition, :func:`casekit.selection.customer_profitability`,
      taken from the one per-customer table :func:`casekit.customer_table`),
      ``bad_debt``, ``active_years``, ``annual_revenue`` and ``annual_profit`` (per active year),
      ``new`` (first purchase in the data period);
    * ``employees`` and ``big``: a big firm — :func:`casekit.big_customers` with
      ``by="employees"``, the top ``big_share`` by firm size (ties broken by revenue per active
      year), not by revenue: a customer who leaves buys less before it goes, which would hide it
      among the small;
    * ``orders_recent`` (orders in the last ``recent_days`` before the end), ``orders_before``
      (orders per ``recent_days`` over the year before that), ``frequency_drop`` (seen for that
      long, at least one order per period before, and under half that pace recently: the rule
      :func:`frequency_backtest` tests), ``days_since_order``.

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)`` for your own data).
    low_satisfaction : float, default 3.0
        Satisfaction (1–5) below which a customer counts as dissatisfied.
    low_loyalty : float, default 0.4
        Loyalty (0–1) below which a customer counts as disloyal.
    slow_days : int, default 21
        Days to resolve beyond which a complaint counts as slow.
    big_share : float, default 0.1
        Share of customers, by employees, that count as big firms (0 to 1): the ``top`` of
        :func:`casekit.big_customers` (the top tenth, where the churn risk of big firms shows).
    recent_days : int, default 91
        Days that count as recent.

    Returns
    -------
    DataFrame
        One row per customer with every churn signal (流失信号) and the customer's value.

    Examples
    --------
    >>> import casekit as ck
    >>> s = customer_signals(ck.world(n_customers=300, seed=1))
    >>> len(s), s.index.name, s["churned"].dtype
    (300, 'customer_id', dtype('bool'))
    """
    what = "customer_signals"
    _require_world(world, what)
    require_number(low_satisfaction, what=what, name="low_satisfaction", low=1, high=5)
    require_number(low_loyalty, what=what, name="low_loyalty", low=0, high=1)
    require_number(slow_days, what=what, name="slow_days", low=1, high=365, integer=True)
    require_number(big_share, what=what, name="big_share", low=0.01, high=0.99)
    require_number(recent_days, what=what, name="recent_days", low=30, high=365, integer=True)
    c = world.customers
    require_frame(c, {**_CUSTOMER_COLS, "satisfaction": "numeric", "loyalty": "numeric",
                      "key_contact_left": "bool", "tenure_years": "numeric",
                      "employees": "numeric"}, what=what)
    cp = world.complaints
    require_frame(cp, {"customer_id": "numeric", "resolved": "bool", "days_to_resolve": "any"},
                  what=what, allow_empty=True)
    tx = world.transactions
    require_frame(tx, {"customer_id": "numeric", "date": "date"}, what=what)
    asof = asof_of(world)
    first, end, churned = _lifetimes(c, what, asof=asof)
    ids = c["customer_id"].to_numpy()
    pos = pd.Index(ids)

    out = pd.DataFrame(index=pd.Index(ids, name="customer_id"))
    out["churned"] = churned
    out["churn_date"] = c["churn_date"].to_numpy()
    out["first_purchase"] = c["first_purchase"].to_numpy()
    out["tenure_years"] = c["tenure_years"].to_numpy(dtype="float64")
    if "segment" in c:
        out["segment"] = c["segment"].to_numpy()
    out["satisfaction"] = c["satisfaction"].to_numpy(dtype="float64")
    out["loyalty"] = c["loyalty"].to_numpy(dtype="float64")
    out["low_satisfaction"] = out["satisfaction"] < low_satisfaction
    out["low_loyalty"] = out["loyalty"] < low_loyalty
    out["key_contact_left"] = c["key_contact_left"].to_numpy(dtype=bool)

    # Complaints, vectorised with bincount over the customers' positions.
    n = len(out)
    at = pos.get_indexer(cp["customer_id"].to_numpy())
    if (at < 0).any():
        raise ValueError(f"{what}: complaint for customer "
                         f"{cp['customer_id'].to_numpy()[np.flatnonzero(at < 0)[0]]} who is not "
                         "in the customers")
    resolved = cp["resolved"].to_numpy(dtype=bool)
    days = pd.to_numeric(cp["days_to_resolve"], errors="coerce").to_numpy(dtype="float64",
                                                                           na_value=np.nan)
    out["complaints"] = np.bincount(at, minlength=n)
    out["unresolved"] = np.bincount(at, weights=~resolved, minlength=n).astype("int64")
    out["slow"] = np.bincount(at, weights=resolved & (np.nan_to_num(days, nan=0) > slow_days),
                              minlength=n).astype("int64")
    out["unresolved_complaint"] = out["unresolved"] > 0
    out["slow_complaint"] = out["slow"] > 0
    out["silent"] = out["complaints"] == 0
    out["resolved_fast"] = (out["complaints"] > 0) & (out["unresolved"] == 0) & (out["slow"] == 0)

    # Delivered value (顾客让渡价值): ours − the competitor's, for surveyed customers.
    p = getattr(world, "perceptions", None)
    adv = pd.Series(np.nan, index=out.index)
    if p is not None and len(p):
        dv = delivered_value(p)["advantage"]
        adv = dv.reindex(out.index)
    out["surveyed"] = adv.notna().to_numpy()
    out["dv_advantage"] = adv.to_numpy()
    out["value_gap"] = (adv < 0).to_numpy()

    # Value, with the kit's one definition of customer profit.
    table = customer_table(world).reindex(out.index)  # the one per-customer table
    for col in ("revenue", "profit"):
        out[col] = table[col].to_numpy()
    out["bad_debt"] = c["bad_debt"].to_numpy(dtype="float64") if "bad_debt" in c else 0.0
    for col in ("active_years", "annual_revenue", "annual_profit"):
        out[col] = table[col].to_numpy()
    out["employees"] = c["employees"].to_numpy(dtype="int64")
    # the kit's one definition of big customers, its firm-size variant (ties: revenue per year)
    out["big"] = big_customers(out, by="employees", top=big_share).to_numpy()
    out["new"] = first >= np.datetime64(period_start(world).date(), "D")

    # Order frequency before the customer's end: the last `recent_days` vs the year before.
    t_at = pos.get_indexer(tx["customer_id"].to_numpy())
    if (t_at < 0).any():
        raise ValueError(f"{what}: an order belongs to a customer who is not in the customers")
    tdays = tx["date"].to_numpy("datetime64[D]")
    back = (end[t_at] - tdays).astype("int64")  # days before the customer's end
    recent = (back >= 0) & (back < recent_days)
    before = (back >= recent_days) & (back < recent_days + 365)
    out["orders_recent"] = np.bincount(t_at[recent], minlength=n)
    out["orders_before"] = np.bincount(t_at[before], minlength=n) * (recent_days / 365.0)
    seen_long = (end - first).astype("int64") >= recent_days + 365
    out["frequency_drop"] = (seen_long & (out["orders_before"].to_numpy() >= 1)
                             & (out["orders_recent"].to_numpy() < 0.5 * out["orders_before"].to_numpy()))
    last = np.full(n, np.iinfo("int64").min)
    np.maximum.at(last, t_at[back >= 0], tdays[back >= 0].astype("int64"))
    since = end.astype("int64") - last
    out["days_since_order"] = np.where(last > np.iinfo("int64").min, since, -1)
    out.attrs["start"], out.attrs["asof"] = period_start(world), asof
    return out


def _require_signals(signals, what, cols=()):
    if not isinstance(signals, pd.DataFrame) or "churned" not in signals:
        raise ValueError(f"{what}: expected the table of customer_signals(world), got "
                         f"{type(signals).__name__}" + ("" if not isinstance(signals, pd.DataFrame)
                                                        else " without a 'churned' column"))
    kinds = {c: ("bool" if c in SIGNALS else "any") for c in cols}
    check_columns(signals, {"churned": "bool", **kinds}, what=what, frame="the signals")
    dup = signals.index.duplicated()
    if signals.index.name == "customer_id" and dup.any():
        first = signals.index[dup][0]
        first = first.item() if hasattr(first, "item") else first
        raise ValueError(f"{what}: customer_id {first!r} appears twice in the signals; "
                         "expected one row per customer (drop the duplicated rows)")
    return signals


@validated(
    frames={
        "signals": {
            "churned": "bool",
            "satisfaction": "?numeric",
            "key_contact_left": "?bool",
            "low_satisfaction": "?bool",
            "low_loyalty": "?bool",
            "unresolved_complaint": "?bool",
            "slow_complaint": "?bool",
            "silent": "?bool",
            "value_gap": "?bool",
            "big": "?bool",
            "new": "?bool",
            "frequency_drop": "?bool",
            "resolved_fast": "?bool",
        },
    },
)
def churn_by(signals: pd.DataFrame, column: str, *, bins=None, q=None, labels=None) -> pd.DataFrame:
    """Who left, by band (or value) of one column: customers, churned, share who left and lift.

    ``bins`` cuts a numeric column at the given edges (left-closed: ``[2, 3)``), ``q`` into that
    many equal-sized bands; with neither, each value is its own group.  ``share_left`` is the
    share of the band's customers who left by the end of the data (:data:`SHARE_LEFT`): every
    customer in the file is watched over the same window, so bands compare fairly, but it is not
    the churn rate of a period (:func:`churn_rate`, whose base is the customers at its start).
    ``lift`` = the band's share who left ÷ everyone's.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 13 declared columns (see ``churn_by.spec``).
    column : str
        The column to band.
    bins : sequence of float, optional
        Band edges (left-closed).
    q : int, optional
        Number of equal-sized bands.
    labels : list of str, optional
        Names of the bands.

    Returns
    -------
    DataFrame
        Churn rate by band (or value) of one column: customers, churned, churn rate and lift.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, False, False, False, True],
    ...                   "satisfaction": [1.5, 2.5, 3.5, 4.5, 4.0, 3.2]})
    >>> t = churn_by(s, "satisfaction", bins=[1, 3, 5.01])
    >>> t[["customers", "churned", "share_left"]]  # doctest: +NORMALIZE_WHITESPACE
                  customers  churned  share_left
    satisfaction
    [1, 3)                2        2        1.00
    [3, 5.01)             4        1        0.25
    """
    what = "churn_by"
    _require_signals(signals, what, [column])
    x = signals[column]
    if bins is not None or q is not None:
        require_frame(signals, {column: "numeric"}, what=what)
    if bins is not None:
        edges = [float(b) for b in bins]
        if len(edges) < 2 or any(a >= b for a, b in zip(edges, edges[1:])):
            raise ValueError(f"{what}: bins={bins!r} must be at least two increasing edges")
        names = labels or [f"[{a:g}, {b:g})" for a, b in zip(edges, edges[1:])]
        key = pd.cut(x, edges, right=False, labels=names)
    elif q is not None:
        require_number(q, what=what, name="q", low=2, high=100, integer=True)
        names = labels or [f"Q{k + 1}" for k in range(q)]
        key = pd.qcut(x.rank(method="first"), q, labels=names)
    else:
        key = x
    y = signals["churned"].astype("float64")
    g = y.groupby(key, observed=True)
    out = pd.DataFrame({"customers": g.size(), "churned": g.sum().astype("int64"),
                        "share_left": g.mean()})
    out["lift"] = out["share_left"] / float(y.mean()) if y.mean() > 0 else np.nan
    out.index.name = column
    return out


@validated(
    frames={
        "signals": {
            "churned": "bool",
            "loyalty": "?share",
            "revenue": "?money",
            "profit": "?numeric",
            "annual_revenue": "?money",
            "key_contact_left": "?bool",
            "low_satisfaction": "?bool",
            "low_loyalty": "?bool",
            "unresolved_complaint": "?bool",
            "slow_complaint": "?bool",
            "silent": "?bool",
            "value_gap": "?bool",
            "big": "?bool",
            "new": "?bool",
            "frequency_drop": "?bool",
            "resolved_fast": "?bool",
        },
    },
    options={"q": Interval(1, None, integer=True)},
)
def profit_margin_by(signals: pd.DataFrame, column: str, *, q: int = 3, labels=None) -> pd.DataFrame:
    """Profit margin (profit ÷ revenue) and share who left (``share_left``) by equal-sized bands of ``column``.

    The sources' claim "loyalty, not size, makes profit" (为企业带来丰厚利润的通常不是购买量大的客户,
    而是忠诚客户) is checked with ``column="loyalty"`` against ``column="annual_revenue"``.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 16 declared columns (see ``profit_margin_by.spec``).
    column : str
        The column to band.
    q : int, optional
        Number of equal-sized bands.
    labels : list of str, optional
        Names of the bands.

    Returns
    -------
    DataFrame
        Profit margin (profit ÷ revenue) and churn rate by equal-sized bands of ``column``.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, False, False],
    ...     "loyalty": [0.1, 0.2, 0.8, 0.9], "revenue": [100.0, 100.0, 100.0, 300.0],
    ...     "profit": [0.0, 10.0, 20.0, 90.0]})
    >>> profit_margin_by(s, "loyalty", q=2)["profit_margin"].tolist()
    [0.05, 0.275]
    """
    what = "profit_margin_by"
    _require_signals(signals, what, [column])
    require_frame(signals, {column: "numeric", "revenue": "numeric", "profit": "numeric"},
                  what=what)
    require_number(q, what=what, name="q", low=2, high=100, integer=True)
    names = labels or [f"Q{k + 1}" for k in range(q)]
    key = pd.qcut(signals[column].rank(method="first"), q, labels=names)
    g = signals.groupby(key, observed=True)
    out = pd.DataFrame({"customers": g.size(), "revenue": g["revenue"].sum(),
                        "profit": g["profit"].sum(), "share_left": g["churned"].mean()})
    out["profit_margin"] = out["profit"] / out["revenue"].where(out["revenue"] != 0)
    out.index.name = column
    return out


@validated(
    frames={
        "signals": SIGNALS_FRAME,
    },
)
def satisfaction_loyalty(signals: pd.DataFrame, *, bins=(1, 2, 3, 4, 5.01)) -> pd.DataFrame:
    """Satisfaction → loyalty → churn (顾客满意 → 顾客忠诚): by satisfaction band, the customers'
    mean loyalty and their churn rate.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 14 declared columns (see ``satisfaction_loyalty.spec``).
    bins : sequence of float, optional
        Band edges (left-closed).

    Returns
    -------
    DataFrame
        Satisfaction → loyalty → churn (顾客满意 → 顾客忠诚): by satisfaction band, the customers' mean
        loyalty and their churn rate.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, False, False],
    ...                   "satisfaction": [2.0, 3.0, 4.5, 4.8], "loyalty": [0.2, 0.5, 0.8, 0.9]})
    >>> satisfaction_loyalty(s, bins=(1, 3, 5.01))  # doctest: +NORMALIZE_WHITESPACE
                  customers  mean_loyalty  share_left
    satisfaction
    [1, 3)                1      0.200000         1.0
    [3, 5.01)             3      0.733333         0.0
    """
    what = "satisfaction_loyalty"
    _require_signals(signals, what)
    require_frame(signals, {"satisfaction": "numeric", "loyalty": "numeric"}, what=what)
    t = churn_by(signals, "satisfaction", bins=bins)
    edges = [float(b) for b in bins]
    key = pd.cut(signals["satisfaction"], edges, right=False, labels=list(t.index) if len(t) == len(
        edges) - 1 else None)
    loy = signals["loyalty"].groupby(key, observed=True).mean()
    loy.index = loy.index.astype(str)
    t.index = t.index.astype(str)
    out = pd.DataFrame({"customers": t["customers"], "mean_loyalty": loy.reindex(t.index),
                        "share_left": t["share_left"]})
    out.index.name = "satisfaction"
    return out


def _loyalty_kind(signals, satisfaction_cut, loyalty_cut):
    att = signals["satisfaction"] >= satisfaction_cut
    rep = signals["loyalty"] >= loyalty_cut
    return np.select([att & rep, att & ~rep, ~att & rep], list(LOYALTY_TYPES)[:3], "no loyalty")


@validated(
    frames={
        "signals": SIGNALS_FRAME,
    },
)
def loyalty_types(signals: pd.DataFrame, *, satisfaction_cut=None, loyalty_cut=None) -> pd.DataFrame:
    """The four types of loyalty (忠诚类型): attitude (satisfaction) × behaviour (repeat loyalty).

    Standard textbook (Dick & Basu): *true loyalty* (真正忠诚) likes us and keeps buying; *latent
    loyalty* (潜在忠诚) likes us but buys little; *spurious loyalty* (虚假忠诚) keeps buying without
    liking us (habit, lock-in); *no loyalty* (不忠诚) neither.  Attitude is high when satisfaction
    ≥ ``satisfaction_cut``, repeat buying when the loyalty index ≥ ``loyalty_cut`` (defaults: the
    medians).

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 14 declared columns (see ``loyalty_types.spec``).
    satisfaction_cut : float, optional
        Satisfaction that splits high from low attitude (default ``None``: the median).
    loyalty_cut : float, optional
        Loyalty that splits high from low repeat buying (default ``None``: the median).

    Returns
    -------
    DataFrame
        The four types of loyalty (忠诚类型): attitude (satisfaction) × behaviour (repeat loyalty).

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [False, True, True, True],
    ...     "satisfaction": [4.5, 4.0, 2.0, 2.5], "loyalty": [0.9, 0.2, 0.8, 0.1]})
    >>> t = loyalty_types(s, satisfaction_cut=3, loyalty_cut=0.5)
    >>> t[["customers", "share_left"]]  # doctest: +NORMALIZE_WHITESPACE
                      customers  share_left
    type
    true loyalty              1         0.0
    latent loyalty            1         1.0
    spurious loyalty          1         1.0
    no loyalty                1         1.0
    """
    what = "loyalty_types"
    _require_signals(signals, what)
    require_frame(signals, {"satisfaction": "numeric", "loyalty": "numeric"}, what=what)
    sc = float(signals["satisfaction"].median()) if satisfaction_cut is None else satisfaction_cut
    lc = float(signals["loyalty"].median()) if loyalty_cut is None else loyalty_cut
    require_number(sc, what=what, name="satisfaction_cut", low=1, high=5)
    require_number(lc, what=what, name="loyalty_cut", low=0, high=1)
    kind = pd.Series(_loyalty_kind(signals, sc, lc), index=signals.index)
    y = signals["churned"].astype("float64")
    rows = []
    for name, (zh, attitude, repeat, action) in LOYALTY_TYPES.items():
        m = (kind == name).to_numpy()
        rows.append({"type": name, "chinese": zh, "attitude": label(attitude), "repeat_buying": label(repeat),
                     "customers": int(m.sum()), "share": float(m.mean()),
                     "share_left": float(y[m].mean()) if m.any() else np.nan,
                     "what_to_do": _(action)})
    return pd.DataFrame(rows).set_index("type")


def loyalty_ladder() -> pd.DataFrame:
    """The loyalty ladder (忠诚阶梯), standard textbook: each rung with its Chinese name.

    Returns
    -------
    DataFrame
        The loyalty ladder (忠诚阶梯), standard textbook: each rung with its Chinese name.

    Examples
    --------
    >>> list(loyalty_ladder()["rung"])[:3]
    ['suspect', 'prospect', 'first-time customer']
    """
    return pd.DataFrame([{"step": k + 1, "rung": en, "chinese": zh, "meaning": _(m)}
                         for k, (en, zh, m) in enumerate(LOYALTY_LADDER)]).set_index("step")


