"""Chapter 2's vocabulary: customer classes, the MAN rule, finding steps, principles."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import terms
from ..i18n import NC_, _


#: Customer types by time to close (S1), soonest first.
TIME_CLASSES = (("mature", "成熟客户"), ("hopeful", "有望客户"), ("potential", "潜在客户"))
#: Customer types by value (S1), most valuable first.
VALUE_CLASSES = (("key", "关键客户"), ("major", "主要客户"), ("ordinary", "普通客户"))
#: "key" as the chapter's tables and charts show it (elsewhere "key" names other things).
_KEY_SHOWN = (NC_("column", "key"), NC_("chart", "key"), NC_("chart", "mature"), NC_("chart", "hopeful"),
              NC_("chart", "potential"))
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

    Parameters
    ----------
    name : str
        A name (see above).

    Returns
    -------
    str
        The Chinese term of a class, criterion, step, aspect or principle of this chapter.

    Examples
    --------
    >>> chinese("hopeful"), chinese("key"), chinese("authority"), chinese("timing")
    ('有望客户', '关键客户', '购买决定权', '消费时机')
    >>> chinese("chain referral")
    '连锁介绍'
    """
    if not isinstance(name, str):
        raise ValueError(_("chinese: expected an English term (text), got {kind}").format(
                             kind=type(name).__name__))
    pairs = (TIME_CLASSES + VALUE_CLASSES + tuple((n, z) for _, n, z in MAN_CRITERIA)
             + FINDING_STEPS + SIX_ASPECTS + PRINCIPLES + BIG_CUSTOMER_WAYS
             + terms.PROSPECTING_METHODS + terms.LEAD_STAGES + terms.BUYING_ROLES
             + terms.PROSPECT_TYPES)
    for en, zh in pairs:
        if en == name:
            return zh
    raise ValueError(_("chinese: {name!r} is not a term of the development chapter; expected one of "
                        "{v2}").format(
                         name=name, v2=[en for en, _ in pairs]))


def _check_labels(frame, column, allowed, what):
    """Refuse a label outside the kit's vocabulary (e.g. a status 'Open' or 'closed')."""
    s = frame[column].astype("str")
    bad = ~s.isin(list(allowed)).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(_("{what}: column {column!r} holds {v3!r} in row {v4!r}; expected one of {v5}").format(
                             what=what, column=column, v3=s.iloc[i], v4=frame.index[i], v5=list(allowed)))
    return frame
