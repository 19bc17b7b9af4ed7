"""Complaints: Pareto, resolution speed and handling, outcomes, the silent customer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Interval, require_frame, require_number, validated
from .. import terms
from ..i18n import _
from ._base import STAGE_GUIDE


# --------------------------------------------------------------------------------------------
# Complaints
# --------------------------------------------------------------------------------------------

_VOCABS = (terms.SEVERITIES, terms.COMPLAINT_CATEGORIES)


def _course_rank(values: pd.Series) -> np.ndarray:
    """Position of each value in the course vocabulary it belongs to (others last)."""
    rank = {}
    for vocab in _VOCABS:
        rank.update({en: i for i, (en, _zh) in enumerate(vocab)})
    return values.astype(str).map(rank).fillna(len(rank)).to_numpy()


def _in_course_order(values: pd.Series) -> pd.Series:
    """A text column whose values all come from one course vocabulary, as ordered categories."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values
    text = values.astype(str)
    for vocab in _VOCABS:
        names = terms.english(vocab)
        if text.isin(names).all():
            return pd.Series(pd.Categorical(text, categories=names), index=values.index)
    return values


def _chinese_label(pairs, values) -> list[str]:
    lookup = dict(pairs)
    return [lookup.get(str(v), "") for v in values]


@validated(frames={"complaints": {"{by}": "text", "{value}": "numeric"}}, options={"cutoff": Interval(0.01, 1.0)})
def complaint_pareto(complaints: pd.DataFrame, *, by: str = "category", value: str | None = None,
                     cutoff: float = 0.8) -> pd.DataFrame:
    """Complaint causes in Pareto order (帕累托分析): count (or sum), share and cumulative share.

    Sorted from the largest cause down.  ``vital_few`` marks the causes needed to reach
    ``cutoff`` of the total (the first cause that crosses it included): fix these first.
    ``value`` sums a column (e.g. ``"claim_amount"``) instead of counting complaints.

    Parameters
    ----------
    complaints : DataFrame
        Needs the ``by=`` column (text), the ``value=`` column (numbers).
    by : str, default 'category'
        Column (or columns) to group by.
    value : str | None, default None
        Name of the value column.
    cutoff : float, default 0.8
        Number in [0.01, 1.0].

    Returns
    -------
    DataFrame
        Complaint causes in Pareto order (帕累托分析): count (or sum), share and cumulative share.

    Examples
    --------
    >>> cp = pd.DataFrame({"category": ["late delivery", "product quality", "product quality",
    ...                                 "billing error", "product quality"]})
    >>> complaint_pareto(cp, cutoff=0.7)
              category chinese  complaints  share  cumulative_share  vital_few
    0  product quality    产品质量           3    0.6               0.6       True
    1    late delivery    交货延迟           1    0.2               0.8       True
    2    billing error    账单错误           1    0.2               1.0      False
    """
    cols = {by: "text"}
    if value is not None:
        cols[value] = "numeric"
    require_frame(complaints, cols, what="complaint_pareto")
    require_number(cutoff, what="complaint_pareto", name="cutoff", low=0.01, high=1.0)
    keys = complaints[by].astype(str)
    if value is None:
        totals = keys.value_counts()
        name = "complaints"
    else:
        totals = complaints[value].groupby(keys).sum()
        name = value
    order = pd.DataFrame({by: totals.index.astype(str), name: totals.to_numpy()})
    order["_rank"] = _course_rank(order[by])
    order = order.sort_values([name, "_rank", by], ascending=[False, True, True],
                              kind="stable").drop(columns="_rank")
    total = order[name].sum()
    if total <= 0:
        raise ValueError(f"complaint_pareto: the total of {name!r} is {total}; expected a "
                         "positive total")
    order["share"] = order[name] / total
    order["cumulative_share"] = order["share"].cumsum()
    before = order["cumulative_share"] - order["share"]
    order["vital_few"] = before < cutoff - 1e-12
    order.insert(1, "chinese", _chinese_label(terms.COMPLAINT_CATEGORIES, order[by]))
    return order.reset_index(drop=True)


def _days(complaints) -> np.ndarray:
    return complaints["days_to_resolve"].to_numpy(dtype="float64", na_value=np.nan)


def _check_complaints(complaints, what, extra=()):
    cols = {"resolved": "bool", "days_to_resolve": "any"}
    cols.update({c: "any" for c in extra})
    require_frame(complaints, cols, what=what)
    days = complaints["days_to_resolve"]
    if not (pd.api.types.is_numeric_dtype(days) and not pd.api.types.is_bool_dtype(days)):
        raise ValueError(f"{what}: column 'days_to_resolve' has dtype {days.dtype}; expected "
                         "numbers of days (empty when unresolved)")
    d = _days(complaints)
    bad = complaints["resolved"].to_numpy() & ~np.isfinite(d)
    if bad.any():
        raise ValueError(f"{what}: a resolved complaint has no days_to_resolve (row "
                         f"{complaints.index[np.flatnonzero(bad)[0]]!r}); expected a number of days")
    if (d[np.isfinite(d)] < 0).any():
        raise ValueError(f"{what}: column 'days_to_resolve' holds a negative value; expected "
                         "days >= 0")
    return complaints


@validated(frames={"complaints": {"resolved": "bool", "days_to_resolve": "any", "{by}": "any"}}, options={"fast": Interval(0, None, integer=True)})
def resolution_summary(complaints: pd.DataFrame, *, by: str | None = "severity",
                       fast: int = 7) -> pd.DataFrame:
    """How long complaints take to resolve (处理天数), overall or by a group.

    Columns: ``complaints``, ``resolved_share``, ``median_days`` and ``p90_days`` (of resolved
    complaints), ``within_fast_share`` (share of *all* complaints resolved within ``fast`` days:
    unresolved ones count as not fast).

    Parameters
    ----------
    complaints : DataFrame
        Needs ``resolved`` (True/False), ``days_to_resolve`` (any values), the ``by=`` column
        (any values).
    by : str, default 'severity'
        Column (or columns) to group by.
    fast : int, default 7
        Whole number in [0, None].

    Returns
    -------
    DataFrame
        How long complaints take to resolve (处理天数), overall or by a group.

    Examples
    --------
    >>> cp = pd.DataFrame({"severity": ["low", "low", "high", "high"],
    ...                    "resolved": [True, True, True, False],
    ...                    "days_to_resolve": pd.array([2, 10, 30, None], dtype="Int64")})
    >>> resolution_summary(cp)[["severity", "resolved_share", "median_days", "within_fast_share"]]
      severity  resolved_share  median_days  within_fast_share
    0      low             1.0          6.0                0.5
    1     high             0.5         30.0                0.0
    """
    _check_complaints(complaints, "resolution_summary", extra=(by,) if by else ())
    require_number(fast, what="resolution_summary", name="fast", low=0, integer=True)
    d = _days(complaints)
    res = complaints["resolved"].to_numpy()
    frame = pd.DataFrame({"g": _in_course_order(complaints[by]) if by else "all",
                          "resolved": res, "days": np.where(res, d, np.nan),
                          "fast": res & (d <= fast)}, index=complaints.index)
    g = frame.groupby("g", observed=True, sort=True)
    out = pd.DataFrame({
        "complaints": g.size(),
        "resolved_share": g["resolved"].mean(),
        "median_days": g["days"].median(),
        "p90_days": g["days"].quantile(0.9),
        "within_fast_share": g["fast"].mean(),
    })
    out.index.name = by or "all"
    return out.reset_index()


@validated(frames={"complaints": {"resolved": "bool", "days_to_resolve": "any"}}, options={"fast": Interval(0, None, integer=True), "slow": Interval(1, None, integer=True)})
def speed_band(complaints: pd.DataFrame, *, fast: int = 7, slow: int = 21) -> pd.Series:
    """Label each complaint by how fast it was resolved: an ordered category.

    ``"within {fast} days"``, ``"{fast+1}–{slow} days"``, ``"over {slow} days"`` or
    ``"unresolved"``.

    Parameters
    ----------
    complaints : DataFrame
        Needs ``resolved`` (True/False), ``days_to_resolve`` (any values).
    fast : int, default 7
        Whole number in [0, None].
    slow : int, default 21
        Whole number in [1, None].

    Returns
    -------
    Series
        Label each complaint by how fast it was resolved: an ordered category.

    Examples
    --------
    >>> cp = pd.DataFrame({"resolved": [True, True, True, False],
    ...                    "days_to_resolve": pd.array([3, 12, 40, None], dtype="Int64")})
    >>> speed_band(cp).tolist()
    ['within 7 days', '8–21 days', 'over 21 days', 'unresolved']
    """
    _check_complaints(complaints, "speed_band")
    require_number(fast, what="speed_band", name="fast", low=0, integer=True)
    require_number(slow, what="speed_band", name="slow", low=fast + 1, integer=True)
    labels = [f"within {fast} days", f"{fast + 1}–{slow} days", f"over {slow} days", "unresolved"]
    d = _days(complaints)
    res = complaints["resolved"].to_numpy()
    code = np.where(~res, 3, np.where(d <= fast, 0, np.where(d <= slow, 1, 2)))
    return pd.Series(pd.Categorical.from_codes(code, categories=labels, ordered=True),
                     index=complaints.index, name="speed")


@validated(frames={"complaints": {"handling_score": "numeric", "followed_up": "bool"}}, options={"good": Interval(1, 5, integer=True)})
def handling_band(complaints: pd.DataFrame, *, good: int = 4) -> pd.Series:
    """Label each complaint by the care it got: good handling *and* a follow-up call, or not.

    ``"score ≥ {good} + follow-up"`` when the handling audit score (``handling_score``, 1–5) is at
    least ``good`` and we called the customer back after the fix (``followed_up``, 后续动作的实施);
    ``"all others"`` otherwise.  An ordered category, like :func:`speed_band`.

    Parameters
    ----------
    complaints : DataFrame
        Needs ``handling_score`` (numbers), ``followed_up`` (True/False).
    good : int, default 4
        Whole number in [1, 5].

    Returns
    -------
    Series
        Label each complaint by the care it got: good handling *and* a follow-up call, or not.

    Examples
    --------
    >>> cp = pd.DataFrame({"handling_score": [5, 4, 2, 5], "followed_up": [True, False, True, True]})
    >>> handling_band(cp).tolist()
    ['score ≥ 4 + follow-up', 'all others', 'all others', 'score ≥ 4 + follow-up']
    """
    require_frame(complaints, {"handling_score": "numeric", "followed_up": "bool"},
                  what="handling_band")
    require_number(good, what="handling_band", name="good", low=1, high=5, integer=True)
    labels = [f"score ≥ {good} + follow-up", "all others"]
    score = complaints["handling_score"].to_numpy(dtype="float64", na_value=np.nan)
    cared = (score >= good) & complaints["followed_up"].to_numpy(dtype=bool)
    return pd.Series(pd.Categorical.from_codes(np.where(cared, 0, 1), categories=labels,
                                               ordered=True),
                     index=complaints.index, name="handling")


@validated(frames={"complaints": {"resolved": "bool", "days_to_resolve": "any", "satisfaction_after": "numeric", "customer_kept": "bool"}},
           options={"fast": Interval(0, None, integer=True), "slow": Interval(1, None, integer=True), "good": Interval(1, 5, integer=True)})
def complaint_outcomes(complaints: pd.DataFrame, *, by="speed", fast: int = 7,
                       slow: int = 21, good: int = 4) -> pd.DataFrame:
    """Satisfaction after handling and customers kept, by how complaints were handled.

    ``by`` is ``"speed"`` (the bands of :func:`speed_band`), ``"handling"`` (good handling plus
    a follow-up call, or not: :func:`handling_band` with ``good``) or any column of the
    complaints (``"handling_score"``, ``"followed_up"``, ``"severity"``, ``"is_claim"``…), or a
    list of them.  Columns: ``complaints``, ``share`` (of all complaints), ``resolved_share``,
    ``satisfaction_after`` (mean, 1–5) and ``kept_share`` (share of complaints whose customer
    was still buying at the as-of date).

    Parameters
    ----------
    complaints : DataFrame
        Needs ``resolved`` (True/False), ``days_to_resolve`` (any values),
        ``satisfaction_after`` (numbers), ``customer_kept`` (True/False).
    by : str, default 'speed'
        Column (or columns) to group by.
    fast : int, default 7
        Whole number in [0, None].
    slow : int, default 21
        Whole number in [1, None].
    good : int, default 4
        Whole number in [1, 5].

    Returns
    -------
    DataFrame
        Satisfaction after handling and customers kept, by how complaints were handled.

    Examples
    --------
    >>> cp = pd.DataFrame({"resolved": [True, True, False, True],
    ...                    "days_to_resolve": pd.array([2, 30, None, 5], dtype="Int64"),
    ...                    "satisfaction_after": [4.5, 3.5, 2.0, 4.1],
    ...                    "customer_kept": [True, True, False, True]})
    >>> complaint_outcomes(cp)[["speed", "complaints", "satisfaction_after", "kept_share"]]
               speed  complaints  satisfaction_after  kept_share
    0  within 7 days           2                 4.3         1.0
    1      8–21 days           0                 NaN         NaN
    2   over 21 days           1                 3.5         1.0
    3     unresolved           1                 2.0         0.0
    """
    keys = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else None
    if not keys:
        raise ValueError(f"complaint_outcomes: by={by!r} must be 'speed', a column name or a "
                         "list of them")
    _check_complaints(complaints, "complaint_outcomes",
                      extra=[k for k in keys if k not in ("speed", "handling")])
    require_frame(complaints, {"satisfaction_after": "numeric", "customer_kept": "bool"},
                  what="complaint_outcomes")
    frame = pd.DataFrame({
        "resolved": complaints["resolved"].to_numpy(),
        "satisfaction_after": complaints["satisfaction_after"].to_numpy(dtype="float64"),
        "kept": complaints["customer_kept"].to_numpy(),
    }, index=complaints.index)
    for k in keys:
        frame[k] = (speed_band(complaints, fast=fast, slow=slow) if k == "speed"
                    else handling_band(complaints, good=good) if k == "handling"
                    else _in_course_order(complaints[k]))
    g = frame.groupby(keys, observed=False, sort=True)
    out = pd.DataFrame({
        "complaints": g.size(),
        "share": g.size() / len(frame),
        "resolved_share": g["resolved"].mean(),
        "satisfaction_after": g["satisfaction_after"].mean(),
        "kept_share": g["kept"].mean(),
    })
    out["resolved_share"] = out["resolved_share"].astype("float64")
    out["kept_share"] = out["kept_share"].astype("float64")
    return out.reset_index()


def _wilson(k, n, z=1.96):
    k = np.asarray(k, dtype="float64")
    n = np.asarray(n, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return centre - half, centre + half


@validated(frames={"customers": {"customer_id": "id", "churned": "bool"}, "complaints": {"customer_id": "id", "resolved": "bool"}},
           keys={"customers": "customer_id"}, empty_ok=("complaints",))
def silent_customer_test(customers: pd.DataFrame, complaints: pd.DataFrame) -> pd.DataFrame:
    """Test the warning “if you hear no complaints, the relationship is going downhill” (S4).

    Splits customers into those who **never complained**, those whose complaints were **all
    resolved**, and those with **some unresolved** complaint, and gives each group's churn rate
    (流失率) with a 95% Wilson confidence interval.

    Parameters
    ----------
    customers : DataFrame
        Needs ``customer_id`` (customer ids), ``churned`` (True/False).
    complaints : DataFrame
        Needs ``customer_id`` (customer ids), ``resolved`` (True/False).

    Returns
    -------
    DataFrame
        Test the warning “if you hear no complaints, the relationship is going downhill” (S4).

    Examples
    --------
    >>> cu = pd.DataFrame({"customer_id": [1, 2, 3, 4],
    ...                    "churned": [True, False, False, True]})
    >>> cp = pd.DataFrame({"customer_id": [2, 3, 4], "resolved": [True, True, False]})
    >>> silent_customer_test(cu, cp)[["group", "customers", "churned", "churn_rate"]]
                  group  customers  churned  churn_rate
    0  never complained          1        1         1.0
    1      all resolved          2        0         0.0
    2   some unresolved          1        1         1.0
    """
    require_frame(customers, {"customer_id": "any", "churned": "bool"},
                  what="silent_customer_test")
    require_frame(complaints, {"customer_id": "any", "resolved": "bool"},
                  what="silent_customer_test", allow_empty=True)
    if customers["customer_id"].duplicated().any():
        raise ValueError("silent_customer_test: customers has duplicate customer_id values; "
                         "expected one row per customer")
    unknown = ~complaints["customer_id"].isin(customers["customer_id"])
    if unknown.any():
        raise ValueError(f"silent_customer_test: complaint of customer "
                         f"{complaints.loc[unknown, 'customer_id'].iloc[0]!r} is not in customers")
    n = complaints.groupby("customer_id").size()
    unresolved = (~complaints["resolved"]).groupby(complaints["customer_id"]).sum()
    ids = customers["customer_id"]
    n_c = ids.map(n).fillna(0).to_numpy()
    u_c = ids.map(unresolved).fillna(0).to_numpy()
    code = np.where(n_c == 0, 0, np.where(u_c == 0, 1, 2))
    labels = ["never complained", "all resolved", "some unresolved"]
    churned = customers["churned"].to_numpy()
    count = np.bincount(code, minlength=3)
    lost = np.bincount(code, weights=churned, minlength=3)
    lo, hi = _wilson(lost, count)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = lost / count
    return pd.DataFrame({"group": labels, "customers": count.astype("int64"),
                         "churned": lost.astype("int64"), "churn_rate": rate,
                         "ci_low": lo, "ci_high": hi})


@validated(frames={"complaints": {"{by}": "text", "is_claim": "bool", "claim_amount": "money"}})
def claims_summary(complaints: pd.DataFrame, *, by: str = "category") -> pd.DataFrame:
    """Claims (索赔) by cause: how many complaints come with a claim, and how much is claimed.

    Columns: ``complaints``, ``claims``, ``claim_rate`` (claims / complaints), ``claimed`` (sum
    of claim amounts), ``mean_claim`` (per claim) and ``share_of_claimed``; sorted by ``claimed``.

    Parameters
    ----------
    complaints : DataFrame
        Needs the ``by=`` column (text), ``is_claim`` (True/False), ``claim_amount`` (amounts ≥
        0).
    by : str, default 'category'
        Column (or columns) to group by.

    Returns
    -------
    DataFrame
        Claims (索赔) by cause: how many complaints come with a claim, and how much is claimed.

    Examples
    --------
    >>> cp = pd.DataFrame({"category": ["wrong item", "wrong item", "billing error"],
    ...                    "is_claim": [True, False, True],
    ...                    "claim_amount": [300.0, 0.0, 100.0]})
    >>> claims_summary(cp)[["category", "claim_rate", "claimed", "share_of_claimed"]]
            category  claim_rate  claimed  share_of_claimed
    0     wrong item         0.5    300.0              0.75
    1  billing error         1.0    100.0              0.25
    """
    require_frame(complaints, {by: "text", "is_claim": "bool", "claim_amount": "numeric"},
                  what="claims_summary")
    if (complaints["claim_amount"] < 0).any():
        raise ValueError("claims_summary: column 'claim_amount' holds a negative amount; "
                         "expected amounts >= 0")
    keys = complaints[by].astype(str)
    frame = pd.DataFrame({"k": keys.to_numpy(), "claim": complaints["is_claim"].to_numpy(),
                          "amount": complaints["claim_amount"].to_numpy(dtype="float64")})
    g = frame.groupby("k", sort=True)
    out = pd.DataFrame({"complaints": g.size(), "claims": g["claim"].sum().astype("int64"),
                        "claimed": g["amount"].sum()})
    out["claim_rate"] = out["claims"] / out["complaints"]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["mean_claim"] = np.where(out["claims"] > 0,
                                     out["claimed"] / out["claims"].clip(lower=1), np.nan)
    total = out["claimed"].sum()
    out["share_of_claimed"] = out["claimed"] / total if total > 0 else 0.0
    out.index.name = by
    out = out.reset_index().sort_values(["claimed", by], ascending=[False, True], kind="stable")
    return out[[by, "complaints", "claims", "claim_rate", "claimed", "mean_claim",
                "share_of_claimed"]].reset_index(drop=True)


def six_stage_process() -> pd.DataFrame:
    """The six-stage complaint process (投诉处理六阶段, S2, from a car maker), in order.

    Parameters
    ----------

    Returns
    -------
    DataFrame
        The six-stage complaint process (投诉处理六阶段, S2, from a car maker), in order.

    Examples
    --------
    >>> six_stage_process()[["stage", "chinese"]].head(2)
                         stage chinese
    0  listen to the complaint   听客户投诉
    1        analyse the cause    分析原因
    """
    return pd.DataFrame([{"step": i, "stage": en, "chinese": zh, "what to do": _(STAGE_GUIDE[en][0]),
                          "in the data": STAGE_GUIDE[en][1]}
                         for i, (en, zh) in enumerate(terms.COMPLAINT_STAGES, start=1)])
