"""Customer types by time to close and by value (成熟/有望/潜在; 关键/主要/普通)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (
    Interval, OneOf, require_choice, require_frame, require_number, require_numbers,
    validated,
)
from .. import terms
from ..i18n import _
from ._base import TIME_CLASSES, VALUE_CLASSES, _check_labels


# --------------------------------------------------------------------------------------------
# Customer types by time to close and by value
# --------------------------------------------------------------------------------------------

def _index_of(values):
    return values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(values))


@validated(options={"mature_days": Interval(0, None), "hopeful_days": Interval(0, None)})
def close_time_class(days, *, mature_days: float = 30, hopeful_days: float = 60) -> pd.Series:
    """Customer type by expected time to close (S1): mature, hopeful or potential.

    ``days ≤ mature_days`` → mature (成熟客户, closes within a month);
    ``mature_days < days ≤ hopeful_days`` → hopeful (有望客户, within two months);
    ``days > hopeful_days`` → potential (潜在客户, interested, later than two months).

    Parameters
    ----------
    days : Series or list of numbers
        Expected days to close (for open leads, ``leads["days_to_close"]``).
    mature_days, hopeful_days : float
        The two cut-offs in days (default one and two months: 30 and 60).

    Returns
    -------
    Series
        Ordered category mature < hopeful < potential, same index as ``days``.

    Examples
    --------
    >>> close_time_class([12, 30, 31, 60, 95]).tolist()
    ['mature', 'mature', 'hopeful', 'hopeful', 'potential']
    """
    what = "close_time_class"
    d = require_numbers(days, what=what, name="days")
    require_number(mature_days, what=what, name="mature_days", low=0)
    require_number(hopeful_days, what=what, name="hopeful_days", low=mature_days)
    if (d < 0).any():
        raise ValueError(_("{what}: days holds a negative value ({v2:g}); expected days to close of 0 or "
                            "more").format(
                             what=what, v2=d[d < 0][0]))
    code = np.where(d <= mature_days, 0, np.where(d <= hopeful_days, 1, 2))
    names = terms.english(TIME_CLASSES)
    return pd.Series(pd.Categorical.from_codes(code, categories=list(names), ordered=True),
                     index=_index_of(days), name="time_class")


@validated(options={"key_share": Interval(0, 1), "major_share": Interval(0, 1)})
def value_cutoffs(values, *, key_share: float = 0.10, major_share: float = 0.30) -> tuple[float, float]:
    """Cut-offs ``(key_min, major_min)`` so that the top ``key_share`` of values are key and the
    next ``major_share`` major.

    ``key_min`` is the ``1 − key_share`` quantile of ``values`` and ``major_min`` the
    ``1 − key_share − major_share`` quantile (linear interpolation).

    Parameters
    ----------
    values : object
        Value column(s) to sum per tier.
    key_share : float, default 0.1
        Number in [0, 1].
    major_share : float, default 0.3
        Number in [0, 1].

    Returns
    -------
    tuple[float, float]
        Cut-offs ``(key_min, major_min)`` so that the top ``key_share`` of values are key and
        the next ``major_share`` major.

    Examples
    --------
    >>> value_cutoffs([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], key_share=0.2, major_share=0.3)
    (82.0, 55.0)
    """
    what = "value_cutoffs"
    v = require_numbers(values, what=what, name="values")
    if len(v) == 0:
        raise ValueError(_("{what}: values is empty; expected at least one value").format(
                             what=what))
    require_number(key_share, what=what, name="key_share", low=0, high=1)
    require_number(major_share, what=what, name="major_share", low=0, high=1 - key_share)
    key_min = float(np.quantile(v, 1 - key_share))
    major_min = float(np.quantile(v, 1 - key_share - major_share))
    return key_min, major_min


@validated(options={"key_min": Interval(), "major_min": Interval()})
def value_class(values, *, key_min: float, major_min: float) -> pd.Series:
    """Customer type by value (S1): key (关键客户), major (主要客户) or ordinary (普通客户).

    ``value ≥ key_min`` → key; ``major_min ≤ value < key_min`` → major; else ordinary.

    Parameters
    ----------
    values : object
        Value column(s) to sum per tier.
    key_min : float
        Number in [None, None].
    major_min : float
        Number in [None, None].

    Returns
    -------
    Series
        Customer type by value (S1): key (关键客户), major (主要客户) or ordinary (普通客户).

    Examples
    --------
    >>> value_class([5_000, 12_000, 40_000], key_min=30_000, major_min=10_000).tolist()
    ['ordinary', 'major', 'key']
    """
    what = "value_class"
    v = require_numbers(values, what=what, name="values")
    require_number(major_min, what=what, name="major_min")
    require_number(key_min, what=what, name="key_min", low=major_min)
    code = np.where(v >= key_min, 0, np.where(v >= major_min, 1, 2))
    names = terms.english(VALUE_CLASSES)
    return pd.Series(pd.Categorical.from_codes(code, categories=list(names), ordered=True),
                     index=_index_of(values), name="value_class")


@validated(frames={"leads": {"status": "text", "days_to_close": "any", "expected_value": "money"}},
           options={"mature_days": Interval(0, None), "hopeful_days": Interval(0, None),
                    "key_min": Interval(optional=True), "major_min": Interval(optional=True),
                    "key_share": Interval(0, 1), "major_share": Interval(0, 1)})
def classify_pipeline(leads: pd.DataFrame, *, mature_days: float = 30, hopeful_days: float = 60,
                      key_min: float | None = None, major_min: float | None = None,
                      key_share: float = 0.10, major_share: float = 0.30) -> pd.DataFrame:
    """The open pipeline (跟进中的潜在客户), each lead typed by time to close and by value.

    Keeps the leads with ``status == "open"`` and adds ``time_class`` (:func:`close_time_class`
    on ``days_to_close``, the sales rep's estimate) and ``value_class`` (:func:`value_class` on
    ``expected_value``, the estimated first-year value).  Without ``key_min``/``major_min`` the
    value cut-offs come from :func:`value_cutoffs` on the open leads (top 10% key, next 30% major).

    Parameters
    ----------
    leads : DataFrame
        Needs ``status`` (text), ``days_to_close`` (any values), ``expected_value`` (amounts ≥
        0).
    mature_days : float, default 30
        Number in [0, None].
    hopeful_days : float, default 60
        Number in [0, None].
    key_min : float, default None
        Number in [None, None].
    major_min : float, default None
        Number in [None, None].
    key_share : float, default 0.1
        Number in [0, 1].
    major_share : float, default 0.3
        Number in [0, 1].

    Returns
    -------
    DataFrame
        The open pipeline (跟进中的潜在客户), each lead typed by time to close and by value.

    Examples
    --------
    >>> leads = pd.DataFrame({"status": ["open", "open", "won", "open", "open"],
    ...                       "days_to_close": pd.array([20, 45, 30, 90, 10], dtype="Int64"),
    ...                       "expected_value": [50_000.0, 8_000.0, 9_000.0, 20_000.0, 3_000.0]})
    >>> classify_pipeline(leads, key_min=40_000, major_min=10_000)[["time_class", "value_class"]]
      time_class value_class
    0     mature         key
    1    hopeful    ordinary
    3  potential       major
    4     mature    ordinary
    """
    what = "classify_pipeline"
    require_frame(leads, {"status": "text", "days_to_close": "any", "expected_value": "numeric"},
                  what=what)
    _check_labels(leads, "status", terms.english(terms.LEAD_STATUSES), what)
    open_ = leads[leads["status"].astype("str") == "open"]
    if open_.empty:
        raise ValueError(_("{what}: there are no open leads (status 'open'); the pipeline is empty").format(
                             what=what))
    days = open_["days_to_close"]
    if days.isna().any():
        raise ValueError(_("{what}: column 'days_to_close' is missing for an open lead (row {v2!r}); "
                            "expected the estimated days").format(
                             what=what, v2=days.index[days.isna().to_numpy()][0]))
    if (key_min is None) != (major_min is None):
        raise ValueError(_("{what}: give both key_min and major_min, or neither (then the top "
                            "{key_share:.0%} are key and the next {major_share:.0%} major)").format(
                             what=what, key_share=key_share, major_share=major_share))
    if key_min is None:
        key_min, major_min = value_cutoffs(open_["expected_value"], key_share=key_share,
                                           major_share=major_share)
    out = open_.copy()
    out["time_class"] = close_time_class(days.astype("float64"), mature_days=mature_days,
                                         hopeful_days=hopeful_days)
    out["value_class"] = value_class(open_["expected_value"], key_min=key_min, major_min=major_min)
    return out


@validated(frames={"pipeline": {"time_class": "text", "value_class": "text", "expected_value": "?money"}},
           options={"values": OneOf(("count", "value"))}, empty_ok=("pipeline",))
def pipeline_matrix(pipeline: pd.DataFrame, *, values: str = "count") -> pd.DataFrame:
    """Open leads by time class (rows) and value class (columns), from :func:`classify_pipeline`.

    ``values="count"`` counts leads; ``values="value"`` sums their expected first-year value.
    Every class appears, with 0 where empty.

    Parameters
    ----------
    pipeline : DataFrame
        Needs ``time_class`` (text), ``value_class`` (text), ``expected_value`` (amounts ≥ 0,
        optional).
    values : str, default 'count'
        Value column(s) to sum per tier. One of ['count', 'value'].

    Returns
    -------
    DataFrame
        Open leads by time class (rows) and value class (columns), from
        :func:`classify_pipeline`.

    Examples
    --------
    >>> p = pd.DataFrame({"time_class": ["mature", "potential", "mature"],
    ...                   "value_class": ["key", "ordinary", "ordinary"],
    ...                   "expected_value": [9.0, 1.0, 2.0]})
    >>> pipeline_matrix(p)
    value_class  key  major  ordinary
    time_class                       
    mature         1      0         1
    hopeful        0      0         0
    potential      0      0         1
    """
    what = "pipeline_matrix"
    require_choice(values, ["count", "value"], what=what, name="values")
    cols = {"time_class": "text", "value_class": "text"}
    if values == "value":
        cols["expected_value"] = "numeric"
    require_frame(pipeline, cols, what=what, allow_empty=True)
    _check_labels(pipeline, "time_class", terms.english(TIME_CLASSES), what)
    _check_labels(pipeline, "value_class", terms.english(VALUE_CLASSES), what)
    t = pd.Categorical(pipeline["time_class"].astype("str"),
                       categories=list(terms.english(TIME_CLASSES)))
    v = pd.Categorical(pipeline["value_class"].astype("str"),
                       categories=list(terms.english(VALUE_CLASSES)))
    if values == "count":
        m = pd.crosstab(t, v, dropna=False)
    else:
        m = pd.crosstab(t, v, values=pipeline["expected_value"].to_numpy(), aggfunc="sum",
                        dropna=False).fillna(0.0)
    m = m.reindex(index=t.categories, columns=v.categories, fill_value=0)
    m.index.name, m.columns.name = "time_class", "value_class"
    return m
