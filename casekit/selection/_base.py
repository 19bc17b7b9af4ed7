"""Chapter 1's vocabulary (good and bad traits, screening criteria, risks) and shared helpers."""

from __future__ import annotations

from collections.abc import Mapping
import numpy as np
import pandas as pd

from ..core.checks import require_number
from ..core.profit import _years as profit_years
from ..core.profit import frames, positions
from ..core.world import is_world, last_years
from ..i18n import N_, NC_


#: Why a firm selects its customers (企业进行客户选择的必要性), S0: the four reasons, then the
#: further point that selection lets the firm market differently: name → (English, 中文).
WHY_SELECT = {
    "not_all_targets": ("not every buyer is the firm's target customer",
                        "不是所有的购买者都是企业的目标客户"),
    "not_all_profit": ("not every buyer brings the firm profit",
                       "不是所有的购买者都能给企业带来收益"),
    "precondition": ("choosing the right customers is the precondition of developing them well",
                     "正确选择客户是成功开发客户的前提"),
    "positioning": ("choosing target customers helps the firm position itself accurately",
                    "目标客户的选择有助于企业的准确定位"),
    "market_differently": ("after selection the firm can market differently to different customers",
                           "对客户进行选择后可进行不同的营销"),
}

#: The five traits of a good customer (优质客户), S0: name → (English, 中文).
GOOD_TRAITS = {
    "purchasing_power": ("strong purchase desire and purchasing power", "购买欲望强烈、购买力大"),
    "profitability": ("low price sensitivity, pays on time, good credit",
                      "价格敏感度低、付款及时、信誉良好"),
    "low_cost_to_serve": ("low cost to serve relative to what it buys", "服务成本低"),
    "relationship": ("loyal, low business risk, good prospects",
                     "忠诚度高、经营风险小、发展前景好"),
    "innovation_partnership": ("asks for new things and seeks a long-term partnership",
                               "提出新要求促进创新、寻求长期合作"),
}

#: The three traits of a bad customer (劣质客户), S0: name → (English, 中文).
BAD_TRAITS = {
    "buys_little_demands_much": ("buys little but demands much", "购买量小、要求多、服务成本高"),
    "no_credit": ("no credit-worthiness: bad debt, disputes, lawsuits", "信誉差：呆帐、坏帐、死帐、诉讼"),
    "off_core_demands": ("pulls the firm into work it is not good at", "让企业做不擅长的事"),
}

_BAD_SHORT = {"buys_little_demands_much": "buys little, demands much",
              "no_credit": "no credit-worthiness", "off_core_demands": "off-core demands"}

#: The five annual-screening criteria (筛选管理), S2: name → (English, 中文).
SCREENING_CRITERIA = {
    "purchases": ("annual purchase amount", "全年购买额"),
    "profitability": ("profitability", "收益性"),
    "safety": ("safety: credit, bad debt, payment", "安全性"),
    "future": ("future potential: growth", "未来性"),
    "cooperativeness": ("cooperativeness", "合作性"),
}

#: Traits used by :func:`lookalike`: what a salesperson can observe about a new customer or prospect.
LOOKALIKE_TRAITS = ("employees", "price_sensitivity", "payment_days", "credit_score",
                    "innovation_requests", "cooperativeness", "off_core_requests", "growth_rate")

#: The four risks of big customers (大客户的风险), S0: name → (English, 中文).
RISKS = {
    "financial": ("financial risk", "财务风险"),
    "profit": ("profit risk", "利润风险"),
    "management": ("management risk", "管理风险"),
    "churn": ("churn risk", "流失风险"),
}

#: Values the chapter's tables show, marked for the catalog (a notebook shows them through
#: ``ck.words``): units of the risk measures, the two offers, a trait's direction, the look-alike traits.
_LABELS = (N_("days"), N_("share"), N_("count"), N_("ours"), N_("competitor"), N_("higher"),
           N_("lower"), N_("employees"), N_("price_sensitivity"), N_("payment_days"),
           N_("credit_score"), N_("innovation_requests"), N_("cooperativeness"),
           N_("off_core_requests"), N_("growth_rate"),
           # column headers said differently elsewhere: a band's range, the screening criterion
           NC_("column", "low"), NC_("column", "high"), NC_("column", "purchases"))

_VALUES = ("product_value", "service_value", "personnel_value", "image_value")
_COSTS = ("monetary_cost", "time_cost", "energy_cost", "physical_cost")
_CREDIT_SCORE = {"A": 4.0, "B": 3.0, "C": 2.0, "D": 1.0}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

#: What every customer-level function of the chapter checks first: whole-number ids, one row each,
#: and the orders' dates and values (the columns named by ``customer=``, ``date=``, ``value=``).
_IDS = {"customers": {"{customer}": "id"},
        "transactions": {"{customer}": "id", "{date}": "date", "{value}": "numeric"}}


def _two_years(tx, before, after, what):
    """``before`` and ``after`` (default: the last two calendar years of the data), checked."""
    if before is None or after is None:
        last2 = last_years(tx, 2)
        before = last2[0] if before is None else before
        after = last2[1] if after is None else after
    require_number(before, what=what, name="before", low=1900, high=2200, integer=True)
    require_number(after, what=what, name="after", low=1900, high=2200, integer=True)
    return before, after


_is_world = is_world
_frames = frames
_years = profit_years
_positions = positions


def _check_weights(weights, allowed, what, name, *, defaults):
    out = dict(defaults)
    if weights is None:
        return out
    if not isinstance(weights, Mapping):
        raise ValueError(f"{what}: {name} must be a dict such as {{{next(iter(allowed))!r}: 2}}; "
                         f"got {type(weights).__name__}")
    for k, v in weights.items():
        if k not in allowed:
            raise ValueError(f"{what}: {name} has an unknown key {k!r}; expected some of "
                             f"{list(allowed)}")
        require_number(v, what=what, name=f"{name}[{k!r}]", low=0)
        out[k] = float(v)
    return out


def _pct(s: pd.Series) -> pd.Series:
    """Percentile rank in (0, 1]; ties share their average rank."""
    return s.rank(pct=True, method="average")


def _credit_score(s: pd.Series) -> pd.Series:
    """Credit rating as a number: A = 4 (best) … D = 1 (worst)."""
    if isinstance(s.dtype, pd.CategoricalDtype):  # map the few categories, not a million rows
        table = np.array([_CREDIT_SCORE.get(str(c), np.nan) for c in s.cat.categories] + [np.nan])
        out = pd.Series(table[s.cat.codes.to_numpy()], index=s.index)
    else:
        out = s.astype("str").map(_CREDIT_SCORE)
    if out.isna().any():
        bad = s[out.isna()].iloc[0]
        raise ValueError(f"column 'credit_rating' holds {bad!r}; expected one of "
                         f"{list(_CREDIT_SCORE)}")
    return out.astype("float64")


def _ids(selector, customers, what, name) -> pd.Index:
    """Customer ids from a boolean mask (aligned on customers) or a list of ids."""
    if isinstance(selector, pd.Series) and pd.api.types.is_bool_dtype(selector):
        if len(selector) != len(customers):
            raise ValueError(f"{what}: {name} is a true/false mask of {len(selector)} rows; "
                             f"expected one per customer ({len(customers)})")
        return pd.Index(customers["customer_id"].to_numpy()[selector.to_numpy()])
    try:
        ids = pd.Index(np.asarray(list(selector), dtype="int64"))
    except (TypeError, ValueError):
        raise ValueError(f"{what}: {name} must be a true/false mask over the customers or a list "
                         "of customer ids") from None
    unknown = ids.difference(pd.Index(customers["customer_id"]))
    if len(unknown):
        raise ValueError(f"{what}: {name} holds customer id {int(unknown[0])} that is not in the "
                         "customers")
    return ids
