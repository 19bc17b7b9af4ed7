"""Chapter 6, retention and churn — the churn-risk score."""

from __future__ import annotations

import math

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, require_frame, require_number, validated,
)
from ..core.world import asof_of, period_start
from ..i18n import _
from ._common import (
    SIGNAL_COLUMNS, CUSTOMER_COLUMNS,  # noqa: F401
    DEFAULT_WEIGHTS, RETENTION_MEASURES, SIGNALS, _DAYS_PER_MONTH, _date, _lifetimes, _rate,
    _require_world,
)
from .signals import _require_signals  # noqa: F401
from .drivers import churn_drivers  # noqa: F401


# ---------------------------------------------------------------------------------------------
# The churn-risk score
# ---------------------------------------------------------------------------------------------

def _weights(weights, what):
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    if not isinstance(weights, Mapping):
        raise ValueError(f"{what}: weights must be a dict such as {{'key_contact_left': 3}}; got "
                         f"{type(weights).__name__}")
    out = {}
    for k, v in weights.items():
        if k not in SIGNALS:
            raise ValueError(f"{what}: weights has an unknown signal {k!r}; expected some of "
                             f"{list(SIGNALS)}")
        require_number(v, what=what, name=f"weights[{k!r}]", low=-10, high=10)
        out[k] = float(v)
    return out


@validated(frames={"signals": SIGNAL_COLUMNS})
def risk_score(signals: pd.DataFrame, *, weights=None) -> pd.Series:
    """A transparent churn-risk score (流失风险评分): the sum of points of the signals a customer shows.

    ``score = Σ weight[signal] × flag[signal]`` with :data:`DEFAULT_WEIGHTS` unless ``weights``
    (signal → points) is given.  Anyone can see why a customer scores high.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 11 declared columns (see ``risk_score.spec``).
    weights : dict, optional
        Signal → points (default ``None``: :data:`DEFAULT_WEIGHTS`).

    Returns
    -------
    Series
        A transparent churn-risk score (流失风险评分): the sum of points of the signals a customer shows.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False], "key_contact_left": [True, False],
    ...                   "silent": [True, True]})
    >>> risk_score(s, weights={"key_contact_left": 3, "silent": 1}).tolist()
    [4.0, 1.0]
    """
    what = "risk_score"
    w = _weights(weights, what)
    _require_signals(signals, what, [k for k, v in w.items() if v != 0])
    score = np.zeros(len(signals))
    for k, v in w.items():
        if v:
            score += v * signals[k].to_numpy(dtype=bool)
    return pd.Series(score, index=signals.index, name="risk_points")


@dataclass(frozen=True)
class ScorePrecision:
    """How well the riskiest ``top`` share of customers by a score picks out churners."""

    top: float  #: share of customers flagged (0.1 = the top decile)
    flagged: int  #: customers flagged
    precision: float  #: share of the flagged who churned
    base_rate: float  #: share of all customers who churned
    lift: float  #: precision / base_rate
    recall: float  #: share of all churners among the flagged


def _ranked_counts(score, y, k):
    """Churners among the top ``k`` by score; ties at the cut count at their average rate."""
    score = np.asarray(score, dtype="float64")
    order = np.argsort(-score, kind="stable")
    s_sorted = score[order]
    cutoff = s_sorted[k - 1]
    above = score > cutoff
    tied = score == cutoff
    n_above = int(above.sum())
    hits = float(y[above].sum()) + (k - n_above) * float(y[tied].mean())
    return hits


@validated(
    frames={"signals": {"churned": "bool", **SIGNAL_COLUMNS}},
    options={"top": Interval(0, 1)},
)
def score_precision(signals: pd.DataFrame, score, *, top: float = 0.1) -> ScorePrecision:
    """Precision and lift of the riskiest ``top`` share of customers (e.g. the top decile).

    The ``k = ⌈top · n⌉`` highest scores are flagged; customers tied at the cut count at the
    churn rate of their tie group (as if ties were broken at random), so the result does not
    depend on row order.  ``precision`` = churners flagged ÷ k; ``lift`` = precision ÷ the churn
    rate of all customers; ``recall`` = churners flagged ÷ all churners.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 12 declared columns (see ``score_precision.spec``).
    score : Series
        A risk score per customer (e.g. :func:`risk_score`), aligned with ``signals``.
    top : float, default 0.1
        The share of customers at the top (0 to 1).

    Returns
    -------
    ScorePrecision
        Precision and lift of the riskiest ``top`` share of customers (e.g. the top decile).

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, False, False, False, False, False, False,
    ...                               False, True]})
    >>> r = score_precision(s, [9, 8, 1, 1, 1, 1, 1, 1, 1, 2], top=0.2)
    >>> r.precision, round(r.lift, 3), round(r.recall, 3)
    (1.0, 3.333, 0.667)
    """
    what = "score_precision"
    _require_signals(signals, what)
    require_number(top, what=what, name="top", low=0.001, high=1.0)
    sc = np.asarray(score, dtype="float64")
    if sc.shape != (len(signals),) or not np.all(np.isfinite(sc)):
        raise ValueError(f"{what}: score must hold one finite number per customer "
                         f"({len(signals)}); got shape {sc.shape}")
    y = signals["churned"].to_numpy(dtype="float64")
    k = max(1, int(np.ceil(top * len(y) - 1e-9)))
    hits = _ranked_counts(sc, y, k)
    base = float(y.mean())
    prec = hits / k
    return ScorePrecision(float(top), k, prec, base, prec / base if base else np.nan,
                          float(hits / y.sum()) if y.sum() else np.nan)


@validated(frames={"signals": {"churned": "bool", **SIGNAL_COLUMNS}})
def score_table(signals: pd.DataFrame, score) -> pd.DataFrame:
    """Churn rate at each score value, riskiest first, with the cumulative share of customers
    and of churners (the lift table of a points score).

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 12 declared columns (see ``score_table.spec``).
    score : Series
        A risk score per customer (e.g. :func:`risk_score`), aligned with ``signals``.

    Returns
    -------
    DataFrame
        Churn rate at each score value, riskiest first, with the cumulative share of customers and
        of churners (the lift table of a points score).

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, True, False]})
    >>> t = score_table(s, [3, 3, 1, 0])
    >>> t[["customers", "share_left", "share_of_churners_cum"]]  # doctest: +NORMALIZE_WHITESPACE
            customers  share_left  share_of_churners_cum
    points
    3               2         0.5                    0.5
    1               1         1.0                    1.0
    0               1         0.0                    1.0
    """
    what = "score_table"
    _require_signals(signals, what)
    sc = pd.Series(np.asarray(score, dtype="float64"), index=signals.index)
    if len(sc) != len(signals) or not np.all(np.isfinite(sc)):
        raise ValueError(f"{what}: score must hold one finite number per customer")
    y = signals["churned"].astype("float64")
    g = y.groupby(sc.to_numpy())
    out = pd.DataFrame({"customers": g.size(), "churned": g.sum().astype("int64"),
                        "share_left": g.mean()}).sort_index(ascending=False)
    out["lift"] = out["share_left"] / y.mean() if y.mean() else np.nan
    out["share_of_customers_cum"] = out["customers"].cumsum() / len(y)
    out["share_of_churners_cum"] = out["churned"].cumsum() / max(y.sum(), 1)
    if np.all(out.index.to_numpy() == np.round(out.index.to_numpy())):
        out.index = out.index.astype("int64")   # whole points read as whole numbers
    out.index.name = "points"
    return out


@validated(
    frames={"signals": {"churned": "bool", **SIGNAL_COLUMNS}},
    options={"prior": Interval(0, None)},
)
def churn_probability(signals: pd.DataFrame, score, *, prior: float = 20.0) -> pd.Series:
    """The churn rate observed at each customer's score value, shrunk toward the overall rate.

    ``p = (churned at this score + prior · base rate) / (customers at this score + prior)``: a
    score value held by few customers gets a rate close to everyone's.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 12 declared columns (see ``churn_probability.spec``).
    score : Series
        A risk score per customer (e.g. :func:`risk_score`), aligned with ``signals``.
    prior : float, default 20.0
        Weight of the overall churn rate when smoothing each score's rate (≥ 0).

    Returns
    -------
    Series
        The churn rate observed at each customer's score value, shrunk toward the overall rate.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, False, False]})
    >>> churn_probability(s, [2, 2, 0, 0], prior=0).tolist()
    [1.0, 1.0, 0.0, 0.0]
    """
    what = "churn_probability"
    _require_signals(signals, what)
    require_number(prior, what=what, name="prior", low=0)
    sc = np.asarray(score, dtype="float64")
    if sc.shape != (len(signals),):
        raise ValueError(f"{what}: score must hold one number per customer ({len(signals)})")
    y = signals["churned"].to_numpy(dtype="float64")
    values, inv = np.unique(sc, return_inverse=True)
    n = np.bincount(inv, minlength=len(values))
    k = np.bincount(inv, weights=y, minlength=len(values))
    p = (k + prior * y.mean()) / (n + prior)
    return pd.Series(p[inv], index=signals.index, name="churn_probability")


@validated(
    frames={"signals": {"churned": "bool", **SIGNAL_COLUMNS}},
    options={"l2": Interval(0, None), "iterations": Interval(1, None, integer=True)},
)
def logistic_weights(signals: pd.DataFrame, *, features=None, l2: float = 1.0,
                     iterations: int = 50) -> pd.DataFrame:
    """A logistic regression of churn on the signals, fitted with Newton's method in numpy.

    ``P(churn) = 1 / (1 + exp(−(b0 + Σ b_j x_j)))``, with a small ridge penalty ``l2`` on the
    ``b_j``.  Returns one row per feature (and ``intercept``) with the coefficient ``b``, the
    odds ratio ``exp(b)``, its standard error (from the inverse of the Hessian of the
    log-likelihood at the fit: the textbook Wald standard error when ``l2=0``, slightly smaller
    with the penalty) and the two-sided p-value of ``b = 0``; comparing them with the points of
    :func:`risk_score` shows whether the points are sensible, and which signals the data cannot
    tell from chance.  With ``l2=0`` the fit and the standard errors equal statsmodels'
    ``Logit`` (a test checks it); the Newton steps are written out here because they are short
    and teach what a logistic regression does.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 12 declared columns (see ``logistic_weights.spec``).
    features : list of str, optional
        Signals used as features (default ``None``: the default signals).
    l2 : float, default 1.0
        Ridge penalty (≥ 0).
    iterations : int, default 50
        Newton iterations.

    Returns
    -------
    DataFrame
        Indexed by ``feature`` (``intercept`` first): ``coefficient``, ``odds_ratio``,
        ``std_error`` (of the coefficient) and ``p_value``.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, True, False, False, False, True, False],
    ...                   "key_contact_left": [True, True, True, False, False, False, False, True]})
    >>> w = logistic_weights(s, features=["key_contact_left"], l2=0.0)
    >>> round(float(w.loc["key_contact_left", "odds_ratio"]), 2)    # (3/1) / (1/3)
    9.0
    """
    what = "logistic_weights"
    feats = [f for f in DEFAULT_WEIGHTS if f in signals] if features is None else list(features)
    _require_signals(signals, what, feats)
    require_number(l2, what=what, name="l2", low=0)
    require_number(iterations, what=what, name="iterations", low=1, high=1000, integer=True)
    X = np.column_stack([np.ones(len(signals))]
                        + [signals[f].to_numpy(dtype="float64") for f in feats])
    y = signals["churned"].to_numpy(dtype="float64")
    b = np.zeros(X.shape[1])
    pen = np.full(X.shape[1], float(l2))
    pen[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ b, -30, 30)))
        grad = X.T @ (y - p) - pen * b
        h = (X * (p * (1 - p))[:, None]).T @ X + np.diag(pen) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(h, grad)
        b = b + step
        if np.max(np.abs(step)) < 1e-10:
            break
    # Standard errors from the curvature of the (penalised) log-likelihood at its maximum:
    # cov = H⁻¹, the textbook Wald standard errors when l2 = 0.
    p = 1.0 / (1.0 + np.exp(-np.clip(X @ b, -30, 30)))
    h = (X * (p * (1 - p))[:, None]).T @ X + np.diag(pen)
    cov = np.linalg.pinv(h)
    se = np.sqrt(np.clip(np.diag(cov), 0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, b / se, 0.0)
    p_value = np.array([math.erfc(abs(v) / math.sqrt(2)) for v in z.tolist()])
    names = ["intercept"] + feats
    return pd.DataFrame({"coefficient": b, "odds_ratio": np.exp(b), "std_error": se,
                         "p_value": p_value},
                        index=pd.Index(names, name="feature"))


def _reasons(signals, names):
    """The signals that fire for each customer, as text, in the order of ``names``."""
    code = np.zeros(len(signals), dtype="int64")
    for k, n in enumerate(names):
        code |= signals[n].to_numpy(dtype=bool).astype("int64") << k
    uniq, inv = np.unique(code, return_inverse=True)
    text = np.array([_("; ").join(_(SIGNALS[n][0]) for k, n in enumerate(names) if u >> k & 1)
                     for u in uniq.tolist()], dtype=object)
    return pd.Series(text[inv] if len(uniq) else np.array([], dtype=object), index=signals.index)


@validated(
    frames={
        "signals": {
            "churned": "bool",
            "annual_revenue": "?money",
            "annual_profit": "?numeric",
            **SIGNAL_COLUMNS,
        },
    },
    options={"prior": Interval(0, None)},
)
def early_warning(signals: pd.DataFrame, *, weights=None, prior: float = 20.0) -> pd.DataFrame:
    """The early-warning list (流失预警): current customers ranked by the profit at risk.

    For customers still buying: ``risk_points`` (:func:`risk_score`), ``churn_probability``
    (:func:`churn_probability`, learned on all customers), ``annual_profit``, ``expected_loss`` =
    churn probability × the yearly profit (only profitable customers can lose us profit),
    ``warnings`` (the risk signals that fire, in words, followed by a fall in order frequency
    when the signals hold ``frequency_drop``: a warning without points, whose strength the
    back-test :func:`frequency_backtest` measures) and ``frequency_drop``.  Sorted by expected
    loss, largest first.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 14 declared columns (see ``early_warning.spec``).
    weights : dict, optional
        Signal → points (default ``None``: :data:`DEFAULT_WEIGHTS`).
    prior : float, default 20.0
        Weight of the overall churn rate when smoothing each score's rate (≥ 0).

    Returns
    -------
    DataFrame
        The early-warning list (流失预警): current customers ranked by the profit at risk.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, False, False],
    ...                   "key_contact_left": [True, True, False, False],
    ...                   "silent": [False, True, True, False],
    ...                   "annual_revenue": [900.0, 1200.0, 500.0, 800.0],
    ...                   "annual_profit": [90.0, 150.0, -20.0, 60.0]},
    ...                  index=pd.Index([1, 2, 3, 4], name="customer_id"))
    >>> w = early_warning(s, weights={"key_contact_left": 3, "silent": 1})
    >>> w.index.tolist(), w["risk_points"].tolist()
    ([2, 4, 3], [4.0, 0.0, 1.0])
    >>> w.loc[2, "warnings"]
    'our key contact left; never complained (silence)'
    """
    what = "early_warning"
    w = _weights(weights, what)
    _require_signals(signals, what, ["annual_profit", "annual_revenue"])
    score = risk_score(signals, weights=w)
    prob = churn_probability(signals, score, prior=prior)
    cur = ~signals["churned"].to_numpy(dtype=bool)
    out = pd.DataFrame(index=signals.index[cur])
    out["risk_points"] = score[cur]
    out["churn_probability"] = prob[cur]
    out["annual_revenue"] = signals.loc[cur, "annual_revenue"]
    out["annual_profit"] = signals.loc[cur, "annual_profit"]
    out["expected_loss"] = out["churn_probability"] * out["annual_profit"].clip(lower=0)
    fired = [k for k, v in w.items() if v > 0 and k in signals]
    if "frequency_drop" in signals and "frequency_drop" not in fired:
        fired.append("frequency_drop")
    out["warnings"] = _reasons(signals.loc[cur], fired)
    if "frequency_drop" in signals:
        out["frequency_drop"] = signals.loc[cur, "frequency_drop"]
    return out.sort_values(["expected_loss", "risk_points"], ascending=False, kind="stable")


@validated(options={"months": Interval(1, None, integer=True), "start": DateOption()})
def orders_before_churn(world, *, months: int = 12, start=None) -> pd.DataFrame:
    """Churn gives warning: the orders of customers who left, month by month before they left.

    Takes the churners we saw buying for at least ``months`` months before their churn date
    (counted from their first purchase or from ``start``, whichever is later) and counts their
    orders in each month before leaving (month 1 = the last 30.4 days).  Columns: ``orders``,
    ``orders_per_churner`` and ``vs_earlier_pace`` (orders ÷ the mean of the earlier half of the
    window, e.g. months 7–12: 1.0 = the pace they used to buy at).  Rows run from the earliest
    month to the last, so a chart reads towards the day they left.

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)`` for your own data).
    months : int, default 12
        Months.
    start : date, optional
        First day of the period (default ``None``: from the data).

    Returns
    -------
    DataFrame
        Churn gives warning: the orders of customers who left, month by month before they left.

    Examples
    --------
    One churner, seen from 2024, ordering monthly until mid-2025 and then only twice more:

    >>> from types import SimpleNamespace
    >>> c = pd.DataFrame({"customer_id": [1, 2], "first_purchase": pd.to_datetime(["2024-01-01",
    ...     "2024-01-01"]), "churned": [True, False],
    ...     "churn_date": pd.to_datetime(["2025-12-01", None])})
    >>> days = pd.to_datetime(["2024-12-20", "2025-01-20", "2025-02-20", "2025-03-20",
    ...     "2025-04-20", "2025-05-20", "2025-07-20", "2025-10-20"])
    >>> tx = pd.DataFrame({"customer_id": 1, "date": days})
    >>> t = orders_before_churn(SimpleNamespace(customers=c, transactions=tx, complaints=None),
    ...                         start="2024-01-01")
    >>> t["orders"].tolist()        # months 12, 11, …, 1 before it left
    [1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0]
    """
    what = "orders_before_churn"
    _require_world(world, what)
    require_number(months, what=what, name="months", low=2, high=36, integer=True)
    start = period_start(world) if start is None else _date(start, what, "start")
    c, tx = world.customers, world.transactions
    require_frame(tx, {"customer_id": "numeric", "date": "date"}, what=what)
    first, end, churned = _lifetimes(c, what, asof=asof_of(world))
    seen_from = np.maximum(first, np.datetime64(start.date(), "D"))
    window = months * _DAYS_PER_MONTH
    keep = churned & ((end - seen_from).astype("int64") >= window - 1e-9)
    pos = pd.Index(c["customer_id"].to_numpy())
    t_at = pos.get_indexer(tx["customer_id"].to_numpy())
    ok = t_at >= 0
    t_at, tdays = t_at[ok], tx["date"].to_numpy("datetime64[D]")[ok]
    sel = keep[t_at]
    back = (end[t_at[sel]] - tdays[sel]).astype("int64")
    inside = (back >= 0) & (back < window)
    month = np.floor(back[inside] / _DAYS_PER_MONTH).astype("int64") + 1
    orders = np.bincount(month, minlength=months + 1)[1:months + 1]
    n = int(keep.sum())
    earlier = orders[months // 2:].mean()
    out = pd.DataFrame({"orders": orders, "orders_per_churner": orders / n if n else np.nan,
                        "vs_earlier_pace": orders / earlier if earlier else np.nan},
                       index=pd.Index(np.arange(1, months + 1), name="months_before_leaving"))
    out.attrs["churners"] = n
    return out.iloc[::-1]


def _month_ends(first, last):
    return list(pd.date_range(first, last, freq="ME"))


@validated(
    options={"months": Interval(1, None, integer=True), "recent_days": Interval(1, None, integer=True)},
)
def frequency_backtest(world, *, at=None, months: int = 1, recent_days: int = 91
                       ) -> pd.DataFrame:
    """Back-test of an early-warning signal (流失预警): does a fall in order frequency predict churn?

    Stand on a past date ``at``: among the customers buying then (and seen for at least
    ``recent_days`` + 365 days), flag those whose orders in the last ``recent_days`` fell under
    half their pace of the year before (at least one order per ``recent_days`` then), as
    :func:`customer_signals` does today; then look ``months`` ahead and count who churned.
    With ``at=None`` the test is repeated at every month end from the first with a full year of
    history before it to the last whose look-ahead ends by the as-of date, and the checks are
    pooled (a customer counts once per date).  A signal is only worth watching if the flagged
    churn clearly more often than the others.

    Returns one row per flag value with ``checks`` (customers × dates), ``churned_next``,
    ``churn_rate_next`` and ``share_of_churners`` (the share of all who churned next that the
    flag caught).

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)`` for your own data).
    at : date or list of dates, optional
        The date(s) the signal is read at (default ``None``: from the data).
    months : int, default 1
        Months.
    recent_days : int, default 91
        Days that count as recent.

    Returns
    -------
    DataFrame
        Back-test of an early-warning signal (流失预警): does a fall in order frequency predict churn?.

    Examples
    --------
    Two customers; one orders monthly, the other stops ordering after March and leaves in
    August; stand on 30 June 2025 and look two months ahead:

    >>> from types import SimpleNamespace
    >>> c = pd.DataFrame({"customer_id": [1, 2], "first_purchase": pd.to_datetime(["2023-01-01",
    ...     "2023-01-01"]), "churned": [False, True],
    ...     "churn_date": pd.to_datetime([None, "2025-08-15"])})
    >>> monthly = pd.date_range("2023-01-15", "2025-12-15", freq="MS") + pd.Timedelta(days=14)
    >>> tx = pd.concat([pd.DataFrame({"customer_id": 1, "date": monthly}),
    ...                 pd.DataFrame({"customer_id": 2, "date": monthly[monthly < "2025-04-01"]})])
    >>> t = frequency_backtest(SimpleNamespace(customers=c, transactions=tx, complaints=None),
    ...                        at="2025-06-30", months=2)
    >>> t[["checks", "churned_next", "churn_rate_next"]]  # doctest: +NORMALIZE_WHITESPACE
                    checks  churned_next  churn_rate_next
    frequency_drop
    True                 1             1              1.0
    False                1             0              0.0
    """
    what = "frequency_backtest"
    _require_world(world, what)
    require_number(months, what=what, name="months", low=1, high=24, integer=True)
    require_number(recent_days, what=what, name="recent_days", low=30, high=365, integer=True)
    asof = asof_of(world)
    if at is None:
        earliest = period_start(world) + pd.Timedelta(days=recent_days + 365)
        dates = _month_ends(earliest, asof - pd.DateOffset(months=months))
        if not dates:
            raise ValueError(f"{what}: the data period is too short for a back-test of "
                             f"{recent_days} + 365 days of history and {months} months ahead")
    elif isinstance(at, (list, tuple, pd.DatetimeIndex, np.ndarray, pd.Series)):
        dates = [_date(d, what, "at") for d in at]
        if not dates:
            raise ValueError(f"{what}: at is an empty list; expected one or more dates")
    else:
        dates = [_date(at, what, "at")]
    c, tx = world.customers, world.transactions
    require_frame(tx, {"customer_id": "numeric", "date": "date"}, what=what)
    first, end, churned = _lifetimes(c, what, asof=asof)
    pos = pd.Index(c["customer_id"].to_numpy())
    t_at = pos.get_indexer(tx["customer_id"].to_numpy())
    if (t_at < 0).any():
        raise ValueError(f"{what}: an order belongs to a customer who is not in the customers")
    tdays = tx["date"].to_numpy("datetime64[D]")
    n = len(c)
    counts = np.zeros((2, 2), dtype="int64")  # [flag True/False, churned next no/yes]
    for d in dates:
        a = np.datetime64(d.date(), "D")
        horizon = np.datetime64((d + pd.DateOffset(months=months)).date(), "D")
        active = (first <= a - (recent_days + 365)) & (~churned | (end > a))
        back = (a - tdays).astype("int64")
        recent = np.bincount(t_at[(back >= 0) & (back < recent_days)], minlength=n)
        before = np.bincount(t_at[(back >= recent_days) & (back < recent_days + 365)],
                             minlength=n) * (recent_days / 365.0)
        drop = (before >= 1) & (recent < 0.5 * before)
        left = churned & (end > a) & (end <= horizon)
        for i, flag in enumerate((drop, ~drop)):
            m = active & flag
            counts[i, 0] += int(m.sum())
            counts[i, 1] += int((m & left).sum())
    total_left = counts[:, 1].sum()
    rows = [{"frequency_drop": flag, "checks": int(counts[i, 0]),
             "churned_next": int(counts[i, 1]),
             "churn_rate_next": _rate(counts[i, 1], counts[i, 0]),
             "share_of_churners": _rate(counts[i, 1], total_left)}
            for i, flag in enumerate((True, False))]
    out = pd.DataFrame(rows).set_index("frequency_drop")
    out.attrs["dates"] = len(dates)
    out.attrs["months"] = int(months)
    return out


@validated(frames={"signals": SIGNAL_COLUMNS})
def retention_measures(signals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Retention measures (客户保持措施), standard textbook, each with the churn signal it treats
    and, given the signals table, the churn rate with and without that signal on the data.

    >>> list(retention_measures()["measure"])[:2]
    ['relationship building', 'service quality']

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 11 declared columns (see ``retention_measures.spec``).

    Returns
    -------
    DataFrame
        Retention measures (客户保持措施), standard textbook, each with the churn signal it treats and,
        given the signals table, the churn rate with and without that signal on the data.

    Examples
    --------
    >>> retention_measures()[["measure", "treats"]].head(2)
                     measure                           treats
    0  relationship building             our key contact left
    1        service quality  low satisfaction (below 3 of 5)
    """
    rows = [{"measure": m, "chinese": zh, "how": _(how), "treats": _(SIGNALS[sig][0]), "signal": sig}
            for m, zh, how, sig in RETENTION_MEASURES]
    out = pd.DataFrame(rows)
    if signals is not None:
        d = churn_drivers(signals, drivers=list(out["signal"]))
        out["churn_with"] = d["churn_with"].to_numpy()
        out["churn_without"] = d["churn_without"].to_numpy()
    return out.drop(columns="signal")


