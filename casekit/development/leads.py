"""Qualifying leads (the MAN rule), prospecting methods and channel economics, the funnel."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import Flag, require_frame, validated
from .. import terms
from ..i18n import _
from ._base import _MAN_COLS, _MAN_NAMES, _STAGES, _check_labels


# --------------------------------------------------------------------------------------------
# Qualifying leads: the MAN rule
# --------------------------------------------------------------------------------------------

def _man_frame(leads, what, extra=None):
    cols = {c: "bool" for c in _MAN_COLS}
    cols.update(extra or {})
    return require_frame(leads, cols, what=what)


@validated(frames={"leads": {"need": "bool", "ability_to_pay": "bool", "authority": "bool"}})
def qualify_leads(leads: pd.DataFrame) -> pd.DataFrame:
    """Qualify leads by the MAN rule (资格审查): need, ability to pay, authority to decide.

    Adds three columns to a copy of ``leads``:

    * ``qualified`` — all three conditions hold (a qualified prospect, 合格潜在客户);
    * ``n_missing`` — how many of the three are missing (0–3);
    * ``missing`` — the missing criteria in the order need, ability to pay, authority, joined by
      ``" + "``; ``"none"`` for a qualified lead.

    Parameters
    ----------
    leads : DataFrame
        Needs ``need`` (True/False), ``ability_to_pay`` (True/False), ``authority``
        (True/False).

    Returns
    -------
    DataFrame
        Qualify leads by the MAN rule (资格审查): need, ability to pay, authority to decide.

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
    _check_labels(leads, "status", terms.english(terms.LEAD_STATUSES), what)
    out = leads[leads["status"].astype("str") != "open"]
    if out.empty:
        raise ValueError(_("{what}: no closed leads (status won or lost) to measure conversion on").format(
                             what=what))
    return out


@validated(frames={"leads": {"need": "bool", "ability_to_pay": "bool", "authority": "bool", "converted": "bool", "status": "?text"}},
           options={"closed_only": Flag()})
def man_conversion(leads: pd.DataFrame, *, closed_only: bool = True) -> pd.DataFrame:
    """Conversion rate (成交率) of qualified and unqualified leads, and of leads lacking each
    criterion.

    Rows: ``qualified`` (all three), ``not qualified`` (any missing), then ``no need``,
    ``no ability to pay``, ``no authority`` (a lead lacking two criteria counts in both rows).
    Columns: ``leads``, ``won``, ``conversion_rate`` = won / leads.  Open leads are left out
    unless ``closed_only=False``.

    Parameters
    ----------
    leads : DataFrame
        Needs ``need`` (True/False), ``ability_to_pay`` (True/False), ``authority``
        (True/False), ``converted`` (True/False), ``status`` (text, optional).
    closed_only : bool, default True
        True or False.

    Returns
    -------
    DataFrame
        Conversion rate (成交率) of qualified and unqualified leads, and of leads lacking each
        criterion.

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


@validated(frames={"leads": {"{by}": "any", "converted": "bool", "lead_cost": "money", "days_to_close": "any", "expected_value": "money", "status": "?text"}},
           options={"closed_only": Flag()})
def conversion_by(leads: pd.DataFrame, by: str, *, closed_only: bool = True) -> pd.DataFrame:
    """Leads, wins and costs by one column (channel, contact role, prospect type, …).

    Columns: ``leads``, ``won``, ``conversion_rate`` (won / leads), ``lead_cost`` (total),
    ``cost_per_lead``, ``cost_per_won`` (total lead cost / won; NaN with no win),
    ``days_to_close`` (mean over the won leads) and ``first_year_value`` (mean expected value of
    the won leads).  Categories without leads are dropped.

    Parameters
    ----------
    leads : DataFrame
        Needs the ``by=`` column (any values), ``converted`` (True/False), ``lead_cost``
        (amounts ≥ 0), ``days_to_close`` (any values), ``expected_value`` (amounts ≥ 0),
        ``status`` (text, optional).
    by : str
        Column (or columns) to group by.
    closed_only : bool, default True
        True or False.

    Returns
    -------
    DataFrame
        Leads, wins and costs by one column (channel, contact role, prospect type, …).

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
        raise ValueError(_("{what}: by={by!r} must be a column name such as 'channel'").format(
                             what=what, by=by))
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


@validated(frames={"leads": {"need": "bool", "ability_to_pay": "bool", "authority": "bool", "stage": "text", "converted": "bool", "lead_cost": "money", "status": "?text"}},
           options={"closed_only": Flag()})
def proposals_by_qualification(leads: pd.DataFrame, *, closed_only: bool = True) -> pd.DataFrame:
    """Leads that reached the proposal stage, split by whether they met the MAN rule.

    Sales reps sometimes write proposals for leads that were never qualified.  This table shows
    what happens to them: rows ``qualified`` and ``not qualified``; columns ``proposals`` (leads
    whose furthest stage is proposal or won), ``won``, ``conversion_rate`` (won / proposals),
    ``lead_cost`` and ``cost_per_won``.

    Parameters
    ----------
    leads : DataFrame
        Needs ``need`` (True/False), ``ability_to_pay`` (True/False), ``authority``
        (True/False), ``stage`` (text), ``converted`` (True/False), ``lead_cost`` (amounts ≥ 0),
        ``status`` (text, optional).
    closed_only : bool, default True
        True or False.

    Returns
    -------
    DataFrame
        Leads that reached the proposal stage, split by whether they met the MAN rule.

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

@validated(frames={"leads": {"channel": "text"}}, empty_ok=("leads",))
def prospecting_methods(leads: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 18 methods of finding customers (寻找客户的方法, S1) with their Chinese names.

    With ``leads``, adds ``leads`` (how many leads each method found) and ``in_data`` (whether the
    method appears in the data).

    Parameters
    ----------
    leads : DataFrame
        Needs ``channel`` (text).

    Returns
    -------
    DataFrame
        The 18 methods of finding customers (寻找客户的方法, S1) with their Chinese names.

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
            raise ValueError(_("prospecting_methods: channel {v1!r} is not one of the 18 methods; expected "
                                "one of {v2}").format(
                                 v1=unknown[0], v2=list(out['method'])))
        out["leads"] = out["method"].map(counts).fillna(0).astype("int64")
        out["in_data"] = out["leads"] > 0
    return out


@validated(frames={"leads": {"channel": "text", "converted": "bool", "lead_cost": "money", "days_to_close": "any", "expected_value": "money", "status": "?text"}},
           options={"closed_only": Flag()})
def channel_economics(leads: pd.DataFrame, *, closed_only: bool = True) -> pd.DataFrame:
    """What each prospecting method present in the data costs and brings.

    One row per channel (in the order of the 18 methods), from :func:`conversion_by`:
    ``chinese``, ``leads``, ``cost_per_lead``, ``conversion_rate``, ``won``, ``cost_per_won``,
    ``days_to_close`` (mean over won leads), ``first_year_value`` (mean over won leads),
    ``lead_cost`` (total) and ``value_per_cost`` = first-year value of the wins / total lead cost.

    Parameters
    ----------
    leads : DataFrame
        Needs ``channel`` (text), ``converted`` (True/False), ``lead_cost`` (amounts ≥ 0),
        ``days_to_close`` (any values), ``expected_value`` (amounts ≥ 0), ``status`` (text,
        optional).
    closed_only : bool, default True
        True or False.

    Returns
    -------
    DataFrame
        What each prospecting method present in the data costs and brings.

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
        raise ValueError(_("{what}: channel {v2!r} is not one of the 18 prospecting methods; expected one "
                            "of {v3}").format(
                             what=what, v2=unknown[0], v3=list(terms.english(terms.PROSPECTING_METHODS))))
    t = t.loc[order]
    t.index = pd.Index(order, name="channel")
    t.insert(0, "chinese", [terms.chinese(terms.PROSPECTING_METHODS, m) for m in order])
    t["value_per_cost"] = (t["first_year_value"].fillna(0.0) * t["won"]) / t["lead_cost"]
    cols = ["chinese", "leads", "cost_per_lead", "conversion_rate", "won", "cost_per_won",
            "days_to_close", "first_year_value", "lead_cost", "value_per_cost"]
    return t[cols]


@validated(frames={"economics": {"cost_per_lead": "money", "cost_per_won": "any"}})
def channel_ranks(economics: pd.DataFrame) -> pd.DataFrame:
    """Each channel's rank by cost per lead and by cost per won customer (1 = cheapest).

    Sorted by cost per lead, cheapest first: does a cheap lead mean a cheap customer?  Columns
    ``chinese`` (when the table has it), ``cost_per_lead``, ``lead_cost_rank``, ``cost_per_won``
    and ``won_cost_rank``.  A channel without a win (no cost per won customer) ranks last; ties
    share the lower rank.

    Parameters
    ----------
    economics : DataFrame
        Needs ``cost_per_lead`` (amounts ≥ 0) and ``cost_per_won`` (amounts ≥ 0; NaN for a
        channel without a win), e.g. :func:`channel_economics`.

    Returns
    -------
    DataFrame
        One row per channel, cheapest lead first.

    Examples
    --------
    >>> econ = pd.DataFrame({"cost_per_lead": [40.0, 90.0, 300.0],
    ...                      "cost_per_won": [1000.0, 330.0, float("nan")]},
    ...                     index=pd.Index(["records lookup", "chain referral", "clubs"], name="channel"))
    >>> channel_ranks(econ)[["lead_cost_rank", "won_cost_rank"]]
                    lead_cost_rank  won_cost_rank
    channel                                      
    records lookup               1              2
    chain referral               2              1
    clubs                        3              3
    """
    what = "channel_ranks"
    require_frame(economics, {"cost_per_lead": "numeric", "cost_per_won": "any"}, what=what)
    won = pd.to_numeric(economics["cost_per_won"], errors="coerce").astype("float64")
    out = pd.DataFrame(index=economics.index)
    if "chinese" in economics.columns:
        out["chinese"] = economics["chinese"]
    out["cost_per_lead"] = economics["cost_per_lead"].astype("float64")
    out["lead_cost_rank"] = out["cost_per_lead"].rank(method="min").astype("int64")
    out["cost_per_won"] = won
    out["won_cost_rank"] = won.rank(method="min", na_option="bottom").astype("int64")
    return out.sort_values(["cost_per_lead"], kind="stable")


@validated(frames={"economics": {"lead_cost": "money", "won": "count"}})
def focus_table(economics: pd.DataFrame) -> pd.DataFrame:
    """The 80/20 focus principle (重点关注) on channels: where the money goes and what it brings.

    Channels sorted by cost per won customer, cheapest first, with ``spend_share`` (share of all
    lead cost), ``won_share`` (share of all won customers) and their running totals
    ``cum_spend_share`` and ``cum_won_share``.  Channels with no win come last.

    Parameters
    ----------
    economics : DataFrame
        Needs ``lead_cost`` (amounts ≥ 0), ``won`` (whole numbers ≥ 0).

    Returns
    -------
    DataFrame
        The 80/20 focus principle (重点关注) on channels: where the money goes and what it brings.

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
        raise ValueError(_("{what}: the data has no column 'cost_per_won'; pass the table of "
                            "channel_economics(leads)").format(
                             what=what))
    if economics["won"].sum() <= 0 or economics["lead_cost"].sum() <= 0:
        raise ValueError(_("{what}: the channels have no wins or no cost; nothing to focus on").format(
                             what=what))
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
        raise ValueError(_("{what}: column 'stage' holds {v2!r}; expected one of {v3}").format(
                             what=what, v2=s[bad].iloc[0], v3=list(_STAGES)))
    return pd.Categorical(s, categories=list(_STAGES)).codes.astype("int64")


@validated(frames={"leads": {"stage": "text", "{by}": "any", "status": "?text"}}, options={"closed_only": Flag()})
def funnel(leads: pd.DataFrame, *, by: str | None = None, closed_only: bool = True) -> pd.DataFrame:
    """The sales funnel (销售漏斗): how many leads reached each stage, and the conversion per stage.

    A lead reached a stage if its furthest stage (``stage``) is that stage or a later one.
    Columns: ``stage``, ``reached``, ``stage_rate`` (reached / reached at the stage before; 1 for
    the first stage) and ``overall_rate`` (reached / leads); with ``by`` (e.g. ``"channel"``) one
    block of four rows per group.  Open leads are left out unless ``closed_only=False``.

    Parameters
    ----------
    leads : DataFrame
        Needs ``stage`` (text), the ``by=`` column (any values), ``status`` (text, optional).
    by : str | None, default None
        Column (or columns) to group by.
    closed_only : bool, default True
        True or False.

    Returns
    -------
    DataFrame
        The sales funnel (销售漏斗): how many leads reached each stage, and the conversion per
        stage.

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
            raise ValueError(_("{what}: by={by!r} must be a column name such as 'channel'").format(
                                 what=what, by=by))
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
