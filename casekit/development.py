"""Chapter 2 — Customer development (客户开发): prospecting, lead qualification, channel economics.

Every function is pure: a DataFrame in (one row per lead, per customer or per order), a new
DataFrame out; column names follow :mod:`casekit.schema`.  The definitions are pinned down here
and in the doctests:

* **Customer types by time to close** (S1): a prospect expected to close within a month
  (≤ ``mature_days`` = 30 days) is a *mature* customer (成熟客户), within two months (≤ 60 days) a
  *hopeful* customer (有望客户), later than that a *potential* customer (潜在客户).
* **Customer types by value** (S1): *key* (关键客户), *major* (主要客户) and *ordinary* (普通客户)
  customers, cut on first-year value.  The cut-offs are options: given in CNY, or by default
  the values above which the top 10% (key) and the next 30% (major) of the prospects lie.
* **The MAN rule** (S1): a lead (线索/引子) is a *qualified prospect* (合格潜在客户) only if it has a
  need (需要), the ability to pay (购买能力) and the authority to decide (购买决定权); qualifying
  leads is 资格审查.
* **Conversion rate** (成交率) = won leads / closed leads.  Open leads are left out by default
  (``closed_only=True``) because their outcome is not known yet.
* **Cost per won customer** (每获得一个客户的成本) = lead cost of the closed leads / won leads, i.e.
  cost per lead / conversion rate.
* **The funnel** (销售漏斗): a lead *reached* a stage if its furthest stage is that stage or a
  later one (lead < qualified < proposal < won).
* **New vs kept** (开发新客户 vs 保持老客户): mean acquisition cost per customer over mean retention
  cost per customer and year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import terms
from .validate import require_choice, require_frame, require_number, require_numbers

__all__ = [
    "TIME_CLASSES", "VALUE_CLASSES", "MAN_CRITERIA", "FINDING_STEPS", "SIX_ASPECTS",
    "PRINCIPLES", "BIG_CUSTOMER_WAYS", "chinese",
    "close_time_class", "value_cutoffs", "value_class", "classify_pipeline", "pipeline_matrix",
    "qualify_leads", "man_conversion", "conversion_by", "proposals_by_qualification",
    "prospecting_methods", "channel_economics", "focus_table",
    "funnel", "acquisition_vs_retention",
    "SegmentAspects", "segment_aspects",
    "channel_capacity", "allocate_budget", "plan_totals", "focus_budget",
]

#: Customer types by time to close (S1), soonest first.
TIME_CLASSES = (("mature", "成熟客户"), ("hopeful", "有望客户"), ("potential", "潜在客户"))
#: Customer types by value (S1), most valuable first.
VALUE_CLASSES = (("key", "关键客户"), ("major", "主要客户"), ("ordinary", "普通客户"))
#: The three conditions of the MAN rule (S1): column name, English, Chinese.
MAN_CRITERIA = (
    ("need", "need", "需要"),
    ("ability_to_pay", "ability to pay", "购买能力"),
    ("authority", "authority", "购买决定权"),
)
#: The four steps of finding customers (寻找客户的步骤), S1.
FINDING_STEPS = (
    ("collect information", "收集信息"),
    ("analyse the customer groups", "分析资料"),
    ("make a plan", "制定方案"),
    ("feedback and adjust", "反馈调整"),
)
#: The six aspects of analysing a customer group (S1), in the order of the source.
SIX_ASPECTS = (
    ("motive", "消费动机"),
    ("choice", "消费选择"),
    ("timing", "消费时机"),
    ("place", "消费地点"),
    ("quantity", "消费数量"),
    ("roles", "客户内部角色"),
)
#: The three principles of prospecting (挖掘潜在客户的原则), S1.
PRINCIPLES = (
    ("tailor to the firm", "量身定制"),
    ("focus on the few that matter (80/20)", "重点关注"),
    ("step by step", "循序渐进"),
)
#: The four ways to develop big customers (开发大客户的四大方法), S3.
BIG_CUSTOMER_WAYS = (
    ("customers are found, not waited for", "客户是找来的，而非等来的"),
    ("collect target-customer data", "收集目标客户资料"),
    ("probe the customer's needs", "探寻客户需求"),
    ("build product value", "营造产品价值"),
)

for _group, _pairs, _meaning in (
        ("time_classes", TIME_CLASSES, "customer type by time to close"),
        ("value_classes", VALUE_CLASSES, "customer type by value"),
        ("man_criteria", tuple((n, z) for _, n, z in MAN_CRITERIA), "condition of the MAN rule"),
        ("finding_steps", FINDING_STEPS, "step of finding customers (寻找客户的步骤)"),
        ("six_aspects", SIX_ASPECTS, "aspect of analysing a customer group"),
        ("prospecting_principles", PRINCIPLES, "principle of prospecting (挖掘潜在客户的原则)"),
        ("big_customer_ways", BIG_CUSTOMER_WAYS, "way to develop big customers (开发大客户的四大方法)")):
    terms.register(_group, _pairs, _meaning)

_STAGES = terms.english(terms.LEAD_STAGES)
_MAN_COLS = tuple(c for c, _, _ in MAN_CRITERIA)
_MAN_NAMES = tuple(n for _, n, _ in MAN_CRITERIA)


def chinese(name: str) -> str:
    """The Chinese term of a class, criterion, step, aspect or principle of this chapter.

    Also knows the shared vocabularies of the chapter: prospecting methods, lead stages,
    buying-centre roles and prospect types.

    Examples
    --------
    >>> chinese("hopeful"), chinese("key"), chinese("authority"), chinese("timing")
    ('有望客户', '关键客户', '购买决定权', '消费时机')
    >>> chinese("chain referral")
    '连锁介绍'
    """
    if not isinstance(name, str):
        raise ValueError(f"chinese: expected an English term (text), got {type(name).__name__}")
    pairs = (TIME_CLASSES + VALUE_CLASSES + tuple((n, z) for _, n, z in MAN_CRITERIA)
             + FINDING_STEPS + SIX_ASPECTS + PRINCIPLES + BIG_CUSTOMER_WAYS
             + terms.PROSPECTING_METHODS + terms.LEAD_STAGES + terms.BUYING_ROLES
             + terms.PROSPECT_TYPES)
    for en, zh in pairs:
        if en == name:
            return zh
    raise ValueError(f"chinese: {name!r} is not a term of the development chapter; expected one "
                     f"of {[en for en, _ in pairs]}")


# --------------------------------------------------------------------------------------------
# Customer types by time to close and by value
# --------------------------------------------------------------------------------------------

def _index_of(values):
    return values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(values))


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
        raise ValueError(f"{what}: days holds a negative value ({d[d < 0][0]:g}); expected "
                         "days to close of 0 or more")
    code = np.where(d <= mature_days, 0, np.where(d <= hopeful_days, 1, 2))
    names = terms.english(TIME_CLASSES)
    return pd.Series(pd.Categorical.from_codes(code, categories=list(names), ordered=True),
                     index=_index_of(days), name="time_class")


def value_cutoffs(values, *, key_share: float = 0.10, major_share: float = 0.30) -> tuple[float, float]:
    """Cut-offs ``(key_min, major_min)`` so that the top ``key_share`` of values are key and the
    next ``major_share`` major.

    ``key_min`` is the ``1 − key_share`` quantile of ``values`` and ``major_min`` the
    ``1 − key_share − major_share`` quantile (linear interpolation).

    Examples
    --------
    >>> value_cutoffs([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], key_share=0.2, major_share=0.3)
    (82.0, 55.0)
    """
    what = "value_cutoffs"
    v = require_numbers(values, what=what, name="values")
    if len(v) == 0:
        raise ValueError(f"{what}: values is empty; expected at least one value")
    require_number(key_share, what=what, name="key_share", low=0, high=1)
    require_number(major_share, what=what, name="major_share", low=0, high=1 - key_share)
    key_min = float(np.quantile(v, 1 - key_share))
    major_min = float(np.quantile(v, 1 - key_share - major_share))
    return key_min, major_min


def value_class(values, *, key_min: float, major_min: float) -> pd.Series:
    """Customer type by value (S1): key (关键客户), major (主要客户) or ordinary (普通客户).

    ``value ≥ key_min`` → key; ``major_min ≤ value < key_min`` → major; else ordinary.

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


def classify_pipeline(leads: pd.DataFrame, *, mature_days: float = 30, hopeful_days: float = 60,
                      key_min: float | None = None, major_min: float | None = None,
                      key_share: float = 0.10, major_share: float = 0.30) -> pd.DataFrame:
    """The open pipeline (跟进中的潜在客户), each lead typed by time to close and by value.

    Keeps the leads with ``status == "open"`` and adds ``time_class`` (:func:`close_time_class`
    on ``days_to_close``, the sales rep's estimate) and ``value_class`` (:func:`value_class` on
    ``expected_value``, the estimated first-year value).  Without ``key_min``/``major_min`` the
    value cut-offs come from :func:`value_cutoffs` on the open leads (top 10% key, next 30% major).

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
    open_ = leads[leads["status"].astype("str") == "open"]
    if open_.empty:
        raise ValueError(f"{what}: there are no open leads (status 'open'); the pipeline is empty")
    days = open_["days_to_close"]
    if days.isna().any():
        raise ValueError(f"{what}: column 'days_to_close' is missing for an open lead (row "
                         f"{days.index[days.isna().to_numpy()][0]!r}); expected the estimated days")
    if (key_min is None) != (major_min is None):
        raise ValueError(f"{what}: give both key_min and major_min, or neither (then the top "
                         f"{key_share:.0%} are key and the next {major_share:.0%} major)")
    if key_min is None:
        key_min, major_min = value_cutoffs(open_["expected_value"], key_share=key_share,
                                           major_share=major_share)
    out = open_.copy()
    out["time_class"] = close_time_class(days.astype("float64"), mature_days=mature_days,
                                         hopeful_days=hopeful_days)
    out["value_class"] = value_class(open_["expected_value"], key_min=key_min, major_min=major_min)
    return out


def pipeline_matrix(pipeline: pd.DataFrame, *, values: str = "count") -> pd.DataFrame:
    """Open leads by time class (rows) and value class (columns), from :func:`classify_pipeline`.

    ``values="count"`` counts leads; ``values="value"`` sums their expected first-year value.
    Every class appears, with 0 where empty.

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


# --------------------------------------------------------------------------------------------
# Qualifying leads: the MAN rule
# --------------------------------------------------------------------------------------------

def _man_frame(leads, what, extra=None):
    cols = {c: "bool" for c in _MAN_COLS}
    cols.update(extra or {})
    return require_frame(leads, cols, what=what)


def qualify_leads(leads: pd.DataFrame) -> pd.DataFrame:
    """Qualify leads by the MAN rule (资格审查): need, ability to pay, authority to decide.

    Adds three columns to a copy of ``leads``:

    * ``qualified`` — all three conditions hold (a qualified prospect, 合格潜在客户);
    * ``n_missing`` — how many of the three are missing (0–3);
    * ``missing`` — the missing criteria in the order need, ability to pay, authority, joined by
      ``" + "``; ``"none"`` for a qualified lead.

    Examples
    --------
    >>> leads = pd.DataFrame({"need": [True, True, False, True],
    ...                       "ability_to_pay": [True, False, False, True],
    ...                       "authority": [True, True, True, False]})
    >>> qualify_leads(leads)[["qualified", "n_missing", "missing"]]
       qualified  n_missing                missing
    0       True          0                   none
    1      False          1         ability to pay
    2      False          2  need + ability to pay
    3      False          1              authority
    """
    _man_frame(leads, "qualify_leads")
    flags = np.column_stack([leads[c].to_numpy(dtype=bool) for c in _MAN_COLS])
    code = (~flags[:, 0]) * 1 + (~flags[:, 1]) * 2 + (~flags[:, 2]) * 4
    labels = []
    for k in range(8):
        parts = [_MAN_NAMES[j] for j in range(3) if k & (1 << j)]
        labels.append(" + ".join(parts) if parts else "none")
    out = leads.copy()
    out["qualified"] = code == 0
    out["n_missing"] = (~flags).sum(axis=1).astype("int64")
    out["missing"] = pd.Series(np.array(labels, dtype=object)[code], index=leads.index,
                               dtype="str")
    return out


def _closed(leads, closed_only, what):
    if not closed_only:
        return leads
    require_frame(leads, {"status": "text"}, what=what)
    out = leads[leads["status"].astype("str") != "open"]
    if out.empty:
        raise ValueError(f"{what}: no closed leads (status won or lost) to measure conversion on")
    return out


def man_conversion(leads: pd.DataFrame, *, closed_only: bool = True) -> pd.DataFrame:
    """Conversion rate (成交率) of qualified and unqualified leads, and of leads lacking each
    criterion.

    Rows: ``qualified`` (all three), ``not qualified`` (any missing), then ``no need``,
    ``no ability to pay``, ``no authority`` (a lead lacking two criteria counts in both rows).
    Columns: ``leads``, ``won``, ``conversion_rate`` = won / leads.  Open leads are left out
    unless ``closed_only=False``.

    Examples
    --------
    >>> leads = pd.DataFrame({"need": [True, True, False, True, True],
    ...                       "ability_to_pay": [True, True, True, True, False],
    ...                       "authority": [True, True, True, False, True],
    ...                       "converted": [True, False, False, True, False],
    ...                       "status": ["won", "lost", "lost", "won", "lost"]})
    >>> man_conversion(leads)
                       leads  won  conversion_rate
    group                                         
    qualified              2    1         0.500000
    not qualified          3    1         0.333333
    no need                1    0         0.000000
    no ability to pay      1    0         0.000000
    no authority           1    1         1.000000
    """
    what = "man_conversion"
    _man_frame(leads, what, {"converted": "bool"})
    d = _closed(leads, closed_only, what)
    won = d["converted"].to_numpy(dtype=bool)
    flags = {c: d[c].to_numpy(dtype=bool) for c in _MAN_COLS}
    q = flags["need"] & flags["ability_to_pay"] & flags["authority"]
    masks = {"qualified": q, "not qualified": ~q}
    masks.update({f"no {n}": ~flags[c] for c, n in zip(_MAN_COLS, _MAN_NAMES)})
    rows = []
    for name, m in masks.items():
        n = int(m.sum())
        w = int(won[m].sum())
        rows.append({"group": name, "leads": n, "won": w,
                     "conversion_rate": w / n if n else np.nan})
    return pd.DataFrame(rows).set_index("group")


def conversion_by(leads: pd.DataFrame, by: str, *, closed_only: bool = True) -> pd.DataFrame:
    """Leads, wins and costs by one column (channel, contact role, prospect type, …).

    Columns: ``leads``, ``won``, ``conversion_rate`` (won / leads), ``lead_cost`` (total),
    ``cost_per_lead``, ``cost_per_won`` (total lead cost / won; NaN with no win),
    ``days_to_close`` (mean over the won leads) and ``first_year_value`` (mean expected value of
    the won leads).  Categories without leads are dropped.

    Examples
    --------
    >>> leads = pd.DataFrame({"channel": ["a", "a", "b", "b", "b"],
    ...                       "converted": [True, False, True, False, False],
    ...                       "status": ["won", "lost", "won", "lost", "lost"],
    ...                       "lead_cost": [100.0, 100.0, 30.0, 30.0, 30.0],
    ...                       "days_to_close": pd.array([20, None, 40, None, None], dtype="Int64"),
    ...                       "expected_value": [9000.0, 1.0, 6000.0, 1.0, 1.0]})
    >>> conversion_by(leads, "channel")[["leads", "conversion_rate", "cost_per_won"]]
             leads  conversion_rate  cost_per_won
    channel                                      
    a            2         0.500000         200.0
    b            3         0.333333          90.0
    """
    what = "conversion_by"
    if not isinstance(by, str):
        raise ValueError(f"{what}: by={by!r} must be a column name such as 'channel'")
    require_frame(leads, {by: "any", "converted": "bool", "lead_cost": "numeric",
                          "days_to_close": "any", "expected_value": "numeric"}, what=what)
    d = _closed(leads, closed_only, what)
    won = d["converted"].to_numpy(dtype=bool)
    days = d["days_to_close"].astype("float64").where(won)
    value = d["expected_value"].where(won)
    g = pd.DataFrame({"key": d[by], "won": won, "cost": d["lead_cost"], "days": days,
                      "value": value}).groupby("key", observed=True, sort=True)
    out = pd.DataFrame({
        "leads": g.size().astype("int64"),
        "won": g["won"].sum().astype("int64"),
    })
    out["conversion_rate"] = out["won"] / out["leads"]
    out["lead_cost"] = g["cost"].sum()
    out["cost_per_lead"] = out["lead_cost"] / out["leads"]
    out["cost_per_won"] = out["lead_cost"] / out["won"].where(out["won"] > 0)
    out["days_to_close"] = g["days"].mean()
    out["first_year_value"] = g["value"].mean()
    out.index.name = by
    return out


def proposals_by_qualification(leads: pd.DataFrame, *, closed_only: bool = True) -> pd.DataFrame:
    """Leads that reached the proposal stage, split by whether they met the MAN rule.

    Sales reps sometimes write proposals for leads that were never qualified.  This table shows
    what happens to them: rows ``qualified`` and ``not qualified``; columns ``proposals`` (leads
    whose furthest stage is proposal or won), ``won``, ``conversion_rate`` (won / proposals),
    ``lead_cost`` and ``cost_per_won``.

    Examples
    --------
    >>> leads = pd.DataFrame({"need": [True, True, False, False],
    ...                       "ability_to_pay": [True, True, True, True],
    ...                       "authority": [True, True, True, True],
    ...                       "stage": ["won", "proposal", "proposal", "lead"],
    ...                       "converted": [True, False, False, False],
    ...                       "lead_cost": [100.0, 100.0, 100.0, 50.0],
    ...                       "status": ["won", "lost", "lost", "lost"]})
    >>> proposals_by_qualification(leads)[["proposals", "won", "conversion_rate"]]
                   proposals  won  conversion_rate
    qualified              2    1              0.5
    not qualified          1    0              0.0
    """
    what = "proposals_by_qualification"
    _man_frame(leads, what, {"stage": "text", "converted": "bool", "lead_cost": "numeric"})
    d = _closed(leads, closed_only, what)
    code = _stage_codes(d["stage"], what)
    at = code >= _STAGES.index("proposal")
    q = (d["need"] & d["ability_to_pay"] & d["authority"]).to_numpy(dtype=bool)
    won = d["converted"].to_numpy(dtype=bool)
    cost = d["lead_cost"].to_numpy(dtype="float64")
    rows = []
    for name, m in (("qualified", at & q), ("not qualified", at & ~q)):
        n, w, c = int(m.sum()), int(won[m].sum()), float(cost[m].sum())
        rows.append({"group": name, "proposals": n, "won": w,
                     "conversion_rate": w / n if n else np.nan, "lead_cost": c,
                     "cost_per_won": c / w if w else np.nan})
    out = pd.DataFrame(rows).set_index("group")
    out.index.name = None
    return out


# --------------------------------------------------------------------------------------------
# Prospecting methods and channel economics
# --------------------------------------------------------------------------------------------

def prospecting_methods(leads: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 18 methods of finding customers (寻找客户的方法, S1) with their Chinese names.

    With ``leads``, adds ``leads`` (how many leads each method found) and ``in_data`` (whether the
    method appears in the data).

    Examples
    --------
    >>> m = prospecting_methods()
    >>> len(m), m.loc[3, "method"], m.loc[3, "chinese"]
    (18, 'chain referral', '连锁介绍')
    """
    out = pd.DataFrame(terms.PROSPECTING_METHODS, columns=["method", "chinese"])
    out.index = pd.RangeIndex(1, len(out) + 1, name="no")
    if leads is not None:
        require_frame(leads, {"channel": "text"}, what="prospecting_methods", allow_empty=True)
        counts = leads["channel"].astype("str").value_counts()
        unknown = sorted(set(counts.index) - set(out["method"]))
        if unknown:
            raise ValueError(f"prospecting_methods: channel {unknown[0]!r} is not one of the 18 "
                             f"methods; expected one of {list(out['method'])}")
        out["leads"] = out["method"].map(counts).fillna(0).astype("int64")
        out["in_data"] = out["leads"] > 0
    return out


def channel_economics(leads: pd.DataFrame, *, closed_only: bool = True) -> pd.DataFrame:
    """What each prospecting method present in the data costs and brings.

    One row per channel (in the order of the 18 methods), from :func:`conversion_by`:
    ``chinese``, ``leads``, ``cost_per_lead``, ``conversion_rate``, ``won``, ``cost_per_won``,
    ``days_to_close`` (mean over won leads), ``first_year_value`` (mean over won leads),
    ``lead_cost`` (total) and ``value_per_cost`` = first-year value of the wins / total lead cost.

    Examples
    --------
    >>> leads = pd.DataFrame({"channel": ["telephone", "telephone", "chain referral"],
    ...                       "converted": [False, True, True],
    ...                       "status": ["lost", "won", "won"],
    ...                       "lead_cost": [50.0, 50.0, 90.0],
    ...                       "days_to_close": pd.array([None, 40, 30], dtype="Int64"),
    ...                       "expected_value": [1.0, 10_000.0, 20_000.0]})
    >>> channel_economics(leads)[["chinese", "cost_per_won", "value_per_cost"]]
                   chinese  cost_per_won  value_per_cost
    channel                                             
    chain referral    连锁介绍          90.0      222.222222
    telephone         电话寻找         100.0      100.000000
    """
    what = "channel_economics"
    require_frame(leads, {"channel": "text"}, what=what)
    t = conversion_by(leads, "channel", closed_only=closed_only)
    order = [m for m in terms.english(terms.PROSPECTING_METHODS) if m in t.index]
    unknown = [str(c) for c in t.index if c not in order]
    if unknown:
        raise ValueError(f"{what}: channel {unknown[0]!r} is not one of the 18 prospecting "
                         f"methods; expected one of {list(terms.english(terms.PROSPECTING_METHODS))}")
    t = t.loc[order]
    t.index = pd.Index(order, name="channel")
    t.insert(0, "chinese", [terms.chinese(terms.PROSPECTING_METHODS, m) for m in order])
    t["value_per_cost"] = (t["first_year_value"].fillna(0.0) * t["won"]) / t["lead_cost"]
    cols = ["chinese", "leads", "cost_per_lead", "conversion_rate", "won", "cost_per_won",
            "days_to_close", "first_year_value", "lead_cost", "value_per_cost"]
    return t[cols]


def focus_table(economics: pd.DataFrame) -> pd.DataFrame:
    """The 80/20 focus principle (重点关注) on channels: where the money goes and what it brings.

    Channels sorted by cost per won customer, cheapest first, with ``spend_share`` (share of all
    lead cost), ``won_share`` (share of all won customers) and their running totals
    ``cum_spend_share`` and ``cum_won_share``.  Channels with no win come last.

    Examples
    --------
    >>> econ = pd.DataFrame({"lead_cost": [100.0, 300.0, 600.0], "won": [6, 3, 1]},
    ...                     index=pd.Index(["a", "b", "c"], name="channel"))
    >>> econ["cost_per_won"] = econ["lead_cost"] / econ["won"]
    >>> focus_table(econ)[["cost_per_won", "cum_spend_share", "cum_won_share"]]
             cost_per_won  cum_spend_share  cum_won_share
    channel                                              
    a           16.666667              0.1            0.6
    b          100.000000              0.4            0.9
    c          600.000000              1.0            1.0
    """
    what = "focus_table"
    require_frame(economics, {"lead_cost": "numeric", "won": "numeric"}, what=what)
    if "cost_per_won" not in economics.columns:
        raise ValueError(f"{what}: the data has no column 'cost_per_won'; pass the table of "
                         "channel_economics(leads)")
    if economics["won"].sum() <= 0 or economics["lead_cost"].sum() <= 0:
        raise ValueError(f"{what}: the channels have no wins or no cost; nothing to focus on")
    t = economics.copy()
    t["_key"] = t["cost_per_won"].astype("float64").fillna(np.inf)
    t = t.sort_values("_key", kind="stable").drop(columns="_key")
    t["spend_share"] = t["lead_cost"] / t["lead_cost"].sum()
    t["won_share"] = t["won"] / t["won"].sum()
    t["cum_spend_share"] = t["spend_share"].cumsum()
    t["cum_won_share"] = t["won_share"].cumsum()
    return t


# --------------------------------------------------------------------------------------------
# The funnel
# --------------------------------------------------------------------------------------------

def _stage_codes(stage: pd.Series, what: str) -> np.ndarray:
    s = stage.astype("str")
    bad = ~s.isin(_STAGES)
    if bad.any():
        raise ValueError(f"{what}: column 'stage' holds {s[bad].iloc[0]!r}; expected one of "
                         f"{list(_STAGES)}")
    return pd.Categorical(s, categories=list(_STAGES)).codes.astype("int64")


def funnel(leads: pd.DataFrame, *, by: str | None = None, closed_only: bool = True) -> pd.DataFrame:
    """The sales funnel (销售漏斗): how many leads reached each stage, and the conversion per stage.

    A lead reached a stage if its furthest stage (``stage``) is that stage or a later one.
    Columns: ``stage``, ``reached``, ``stage_rate`` (reached / reached at the stage before; 1 for
    the first stage) and ``overall_rate`` (reached / leads); with ``by`` (e.g. ``"channel"``) one
    block of four rows per group.  Open leads are left out unless ``closed_only=False``.

    Examples
    --------
    >>> leads = pd.DataFrame({"stage": ["lead", "qualified", "proposal", "won", "won"],
    ...                       "status": ["lost", "lost", "lost", "won", "won"]})
    >>> funnel(leads)
           stage  reached  stage_rate  overall_rate
    0       lead        5    1.000000           1.0
    1  qualified        4    0.800000           0.8
    2   proposal        3    0.750000           0.6
    3        won        2    0.666667           0.4
    """
    what = "funnel"
    cols = {"stage": "text"}
    if by is not None:
        if not isinstance(by, str):
            raise ValueError(f"{what}: by={by!r} must be a column name such as 'channel'")
        cols[by] = "any"
    require_frame(leads, cols, what=what)
    d = _closed(leads, closed_only, what)
    code = _stage_codes(d["stage"], what)
    k = len(_STAGES)
    if by is None:
        keys = np.zeros(len(d), dtype="int64")
        groups = [None]
    else:
        cat = pd.Categorical(d[by])
        used = np.unique(cat.codes)
        groups = list(cat.categories[used])
        keys = np.searchsorted(used, cat.codes)
    counts = np.bincount(keys * k + code, minlength=len(groups) * k).reshape(len(groups), k)
    reached = counts[:, ::-1].cumsum(axis=1)[:, ::-1]
    prev = np.concatenate([reached[:, :1], reached[:, :-1]], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        stage_rate = np.where(prev > 0, reached / np.maximum(prev, 1), np.nan)
        overall = reached / reached[:, :1]
    out = pd.DataFrame({
        "stage": np.tile(np.array(_STAGES, dtype=object), len(groups)),
        "reached": reached.ravel().astype("int64"),
        "stage_rate": stage_rate.ravel(),
        "overall_rate": overall.ravel(),
    })
    out["stage"] = pd.Categorical(out["stage"], categories=list(_STAGES), ordered=True)
    if by is not None:
        out.insert(0, by, np.repeat(np.array(groups, dtype=object), k))
        out[by] = out[by].astype("str")
    return out


# --------------------------------------------------------------------------------------------
# New vs kept customers
# --------------------------------------------------------------------------------------------

def acquisition_vs_retention(customers: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """What winning a customer costs against what keeping one costs per year.

    Columns: ``customers``, ``acquisition_cost`` (mean, CNY), ``retention_cost`` (mean, CNY per
    year) and ``ratio`` = mean acquisition cost / mean retention cost — how many years of keeping
    a customer one acquisition pays for (S1 quotes 5–6× from the AMA).  One row ``all`` or, with
    ``by`` (e.g. ``"acquisition_channel"``), one row per group.

    Examples
    --------
    >>> c = pd.DataFrame({"acquisition_cost": [1200.0, 1800.0, 600.0],
    ...                   "retention_cost": [300.0, 200.0, 100.0],
    ...                   "acquisition_channel": ["telephone", "telephone", "clubs"]})
    >>> acquisition_vs_retention(c)
         customers  acquisition_cost  retention_cost  ratio
    all          3            1200.0           200.0    6.0
    >>> acquisition_vs_retention(c, by="acquisition_channel")["ratio"].tolist()
    [6.0, 6.0]
    """
    what = "acquisition_vs_retention"
    cols = {"acquisition_cost": "numeric", "retention_cost": "numeric"}
    if by is not None:
        if not isinstance(by, str):
            raise ValueError(f"{what}: by={by!r} must be a column name")
        cols[by] = "any"
    require_frame(customers, cols, what=what)
    if (customers["retention_cost"] <= 0).any():
        raise ValueError(f"{what}: column 'retention_cost' holds a value of 0 or less; expected "
                         "positive yearly costs")
    if by is None:
        g = customers.assign(_all="all").groupby("_all")
    else:
        g = customers.groupby(by, observed=True, sort=True)
    out = pd.DataFrame({"customers": g.size().astype("int64"),
                        "acquisition_cost": g["acquisition_cost"].mean(),
                        "retention_cost": g["retention_cost"].mean()})
    out["ratio"] = out["acquisition_cost"] / out["retention_cost"]
    out.index.name = by
    return out


# --------------------------------------------------------------------------------------------
# The six aspects of analysing a customer group
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SegmentAspects:
    """The six aspects (S1) of one customer group, each as a table: the segment next to all
    customers (columns ``segment`` and ``all``; for roles the segment's own leads).

    Attributes
    ----------
    segment : str
        The group analysed.
    motive : DataFrame
        消费动机 — share of revenue by product line: what they buy tells why they buy.
    choice : DataFrame
        消费选择 — loyalty, churn (lost to substitutes or rivals), price sensitivity, discount rate.
    timing : DataFrame
        消费时机 — share of revenue by calendar month (1–12).
    place : DataFrame
        消费地点 — share of revenue by sales region.
    quantity : DataFrame
        消费数量 — size of the group: customers, revenue, their shares, order value, orders per
        customer and year, revenue per customer and year.
    roles : DataFrame
        客户内部角色 — the segment's closed leads by the buying-centre role of the contact:
        ``leads``, ``share``, ``authority_rate``, ``conversion_rate``.
    """

    segment: str
    motive: pd.DataFrame
    choice: pd.DataFrame
    timing: pd.DataFrame
    place: pd.DataFrame
    quantity: pd.DataFrame
    roles: pd.DataFrame

    def __getitem__(self, aspect: str) -> pd.DataFrame:
        names = terms.english(SIX_ASPECTS)
        require_choice(aspect, names, what="SegmentAspects", name="aspect")
        return getattr(self, aspect)


def _codes(keys, categories) -> np.ndarray:
    """Position of each key in ``categories`` (-1 if absent), fast for categorical columns."""
    if isinstance(keys, pd.Series) and isinstance(keys.dtype, pd.CategoricalDtype):
        lookup = pd.Index(categories).get_indexer(keys.cat.categories.astype("str"))
        codes = keys.cat.codes.to_numpy()
        return np.where(codes >= 0, lookup[codes], -1)
    return pd.Categorical(keys, categories=categories).codes


def _shares(keys, values, in_seg, categories) -> pd.DataFrame:
    """Share of values by key, for the segment and for all."""
    codes = _codes(keys, categories)
    k = len(categories)
    ok = codes >= 0
    seg = np.bincount(codes[ok & in_seg], weights=values[ok & in_seg], minlength=k)
    tot = np.bincount(codes[ok], weights=values[ok], minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame({"segment": seg / seg.sum() if seg.sum() else np.zeros(k),
                             "all": tot / tot.sum() if tot.sum() else np.zeros(k)},
                            index=pd.Index(categories))


def segment_aspects(transactions: pd.DataFrame, customers: pd.DataFrame, leads: pd.DataFrame, *,
                    segment: str) -> SegmentAspects:
    """Analyse one customer group on the six aspects of S1 (分析客户群体的六个方面).

    Motive (消费动机), choice (消费选择), timing (消费时机), place (消费地点), quantity (消费数量) and
    internal roles (客户内部角色); see :class:`SegmentAspects` for what each table holds.  Orders are
    linked to their customer's segment by ``customer_id``; churn, loyalty and price sensitivity come
    from ``customers``; roles from the segment's closed ``leads``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 3],
    ...                    "date": pd.to_datetime(["2024-01-05", "2024-11-20", "2024-11-02",
    ...                                            "2025-06-01"]),
    ...                    "product_line": ["equipment", "consumables", "equipment", "services"],
    ...                    "revenue": [600.0, 200.0, 500.0, 700.0],
    ...                    "list_value": [600.0, 200.0, 500.0, 700.0]})
    >>> cu = pd.DataFrame({"customer_id": [1, 2, 3],
    ...                    "segment": ["retail", "retail", "services"],
    ...                    "region": ["East", "North", "East"],
    ...                    "loyalty": [0.8, 0.4, 0.5], "churned": [False, True, False],
    ...                    "price_sensitivity": [0.2, 0.6, 0.5], "tenure_years": [3.0, 3.0, 1.0]})
    >>> le = pd.DataFrame({"segment": ["retail", "retail"], "contact_role": ["decider", "user"],
    ...                    "authority": [True, False], "converted": [True, False],
    ...                    "status": ["won", "lost"]})
    >>> a = segment_aspects(tx, cu, le, segment="retail")
    >>> a.motive.loc["equipment", "segment"], a.place.loc["East", "segment"]
    (np.float64(0.846...), np.float64(0.6153846153846154))
    >>> int(a.quantity.loc["customers", "segment"]), a.roles.loc["decider", "conversion_rate"]
    (2, np.float64(1.0))
    """
    what = "segment_aspects"
    require_frame(transactions, {"customer_id": "numeric", "date": "date", "product_line": "text",
                                 "revenue": "numeric", "list_value": "numeric"}, what=what)
    require_frame(customers, {"customer_id": "numeric", "segment": "text", "region": "text",
                              "loyalty": "numeric", "churned": "bool",
                              "price_sensitivity": "numeric", "tenure_years": "numeric"}, what=what)
    require_frame(leads, {"segment": "text", "contact_role": "text", "authority": "bool",
                          "converted": "bool", "status": "text"}, what=what, allow_empty=True)
    segments = sorted(set(customers["segment"].astype("str")))
    require_choice(segment, segments, what=what, name="segment")
    cid = customers["customer_id"].to_numpy()
    if pd.Index(cid).has_duplicates:
        raise ValueError(f"{what}: customers has duplicate customer_id values; expected one row "
                         "per customer")
    c_in = (customers["segment"].astype("str") == segment).to_numpy()
    # link orders to customers by position (vectorised; works for any ids)
    order = np.argsort(cid, kind="stable")
    tx_cid = transactions["customer_id"].to_numpy()
    pos = np.searchsorted(cid[order], tx_cid)
    pos = np.clip(pos, 0, len(cid) - 1)
    found = cid[order][pos] == tx_cid
    if not found.all():
        bad = tx_cid[~found][0]
        raise ValueError(f"{what}: transactions has customer_id {bad!r}, which is not in "
                         "customers")
    row = order[pos]
    t_in = c_in[row]
    rev = transactions["revenue"].to_numpy(dtype="float64")

    lines = list(terms.english(terms.PRODUCT_LINES))
    pl = transactions["product_line"]
    present = pl.cat.categories if isinstance(pl.dtype, pd.CategoricalDtype) else pl.unique()
    extra = sorted(set(map(str, present)) - set(lines))
    motive = _shares(pl, rev, t_in, lines + extra)
    motive.index.name = "product_line"

    months = transactions["date"].dt.month.to_numpy()
    timing = _shares(months, rev, t_in, list(range(1, 13)))
    timing.index.name = "month"

    regions = list(terms.english(terms.REGIONS))
    extra = sorted(set(customers["region"].astype("str")) - set(regions))
    region_code = _codes(customers["region"], regions + extra)
    place = _shares(region_code[row], rev, t_in, list(range(len(regions + extra))))
    place.index = pd.Index(regions + extra)
    place.index.name = "region"

    lv = transactions["list_value"].to_numpy(dtype="float64")
    disc_seg = 1 - rev[t_in].sum() / lv[t_in].sum() if lv[t_in].sum() else np.nan
    disc_all = 1 - rev.sum() / lv.sum() if lv.sum() else np.nan
    cs, ca = customers[c_in], customers
    choice = pd.DataFrame({
        "segment": [cs["loyalty"].mean(), cs["churned"].mean(), cs["price_sensitivity"].mean(),
                    disc_seg],
        "all": [ca["loyalty"].mean(), ca["churned"].mean(), ca["price_sensitivity"].mean(),
                disc_all],
    }, index=pd.Index(["loyalty", "churn_rate", "price_sensitivity", "discount_rate"],
                      name="measure"))

    years = np.minimum(customers["tenure_years"].to_numpy(dtype="float64"), 3.0)
    n_seg, n_all = int(c_in.sum()), len(customers)
    quantity = pd.DataFrame({
        "segment": [n_seg, n_seg / n_all, rev[t_in].sum(), rev[t_in].sum() / rev.sum(),
                    rev[t_in].mean() if t_in.any() else np.nan,
                    t_in.sum() / years[c_in].sum() if n_seg else np.nan,
                    rev[t_in].sum() / years[c_in].sum() if n_seg else np.nan],
        "all": [n_all, 1.0, rev.sum(), 1.0, rev.mean(), len(rev) / years.sum(),
                rev.sum() / years.sum()],
    }, index=pd.Index(["customers", "customer_share", "revenue", "revenue_share",
                       "order_value", "orders_per_customer_year", "revenue_per_customer_year"],
                      name="measure"))

    ls = leads[(leads["segment"].astype("str") == segment)
               & (leads["status"].astype("str") != "open")]
    roles_names = list(terms.english(terms.BUYING_ROLES))
    g = pd.DataFrame({"role": pd.Categorical(ls["contact_role"].astype("str"),
                                             categories=roles_names),
                      "authority": ls["authority"].to_numpy(dtype=bool),
                      "won": ls["converted"].to_numpy(dtype=bool)}).groupby("role", observed=False)
    roles = pd.DataFrame({"leads": g.size().astype("int64"),
                          "authority_rate": g["authority"].mean(),
                          "conversion_rate": g["won"].mean()})
    roles.insert(1, "share", roles["leads"] / max(int(roles["leads"].sum()), 1))
    roles.index = pd.Index(roles_names, name="contact_role")
    return SegmentAspects(segment, motive, choice, timing, place, quantity, roles)


# --------------------------------------------------------------------------------------------
# Planning a prospecting budget
# --------------------------------------------------------------------------------------------

def channel_capacity(leads: pd.DataFrame, *, years: float = 3.0, growth: float = 1.5) -> pd.Series:
    """How many leads a channel can find in a year: leads found per year in the data × ``growth``.

    Money cannot buy unlimited leads from one channel (referrals depend on how many customers
    and partners there are), so a plan must respect a capacity.

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
        raise ValueError(f"{what}: spend must map channels to CNY (a dict or a Series), got "
                         f"{type(spend).__name__}")
    unknown = [str(k) for k in s.index if k not in economics.index]
    if unknown:
        raise ValueError(f"{what}: spend names channel {unknown[0]!r}, which is not in the "
                         f"channel table; expected some of {list(economics.index)}")
    s = pd.to_numeric(s, errors="coerce").astype("float64")
    if not np.isfinite(s.to_numpy()).all() or (s < 0).any():  # non-numbers became NaN
        raise ValueError(f"{what}: spend must hold amounts of 0 CNY or more; got {s.to_dict()}")
    return s.reindex(economics.index, fill_value=0.0)


def allocate_budget(economics: pd.DataFrame, spend, *, capacity: pd.Series | None = None) -> pd.DataFrame:
    """What a spend per channel is expected to bring, at the channels' past rates.

    For each channel: ``spend`` (CNY), ``leads`` = spend / cost per lead (at most ``capacity``
    leads, if given: money beyond a channel's capacity finds no more leads), ``customers`` = leads
    × conversion rate, ``cost_per_customer`` = spend / customers, and ``first_year_value`` =
    customers × mean first-year value of a won customer.  Within capacity the rates stay constant:
    double the money, double the customers.

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
        raise ValueError(f"{what}: capacity must be a Series of leads per channel, e.g. "
                         "channel_capacity(leads)")
    cap = pd.to_numeric(capacity, errors="coerce").reindex(economics.index).fillna(0.0)
    if (cap < 0).any():
        raise ValueError(f"{what}: capacity holds a negative number of leads")
    return cap.astype("float64")


def plan_totals(plan: pd.DataFrame) -> pd.Series:
    """Totals of a plan from :func:`allocate_budget`: spend, leads, customers, cost per customer,
    first-year value and value per CNY spent.

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


def focus_budget(economics: pd.DataFrame, budget: float, *, capacity: pd.Series | None = None,
                 rank_by: str = "cost_per_won") -> pd.DataFrame:
    """Spend a budget the 80/20 way: best channel first, each up to its capacity.

    Channels are ranked by ``rank_by`` — ``"cost_per_won"`` (cheapest customer first, the
    default) or ``"value_per_cost"`` (most first-year value per CNY first) — and filled in turn up
    to ``capacity`` leads (CNY = capacity × cost per lead) until the budget is spent.  Without a
    capacity the whole budget goes to the best channel.  Returns :func:`allocate_budget` of the
    resulting spend.

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
