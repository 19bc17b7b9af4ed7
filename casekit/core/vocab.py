"""The syllabus's vocabulary, in English with the Chinese term.

One place for the names that the data, the analysis modules, the plots and the exercises share,
so that a category in a dataset, a label on a chart and an option in an exercise are spelled the
same way everywhere.  Each constant is a tuple of ``(english, chinese)`` pairs in the order the
course teaches them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "SEGMENTS", "REGIONS", "CUSTOMER_TYPES", "PRODUCT_LINES", "CREDIT_RATINGS", "PROSPECTING_METHODS",
    "LEAD_STAGES", "LEAD_STATUSES", "BUYING_ROLES", "PROSPECT_TYPES", "OBJECTION_TYPES",
    "OBJECTION_METHODS", "COMPLAINT_CATEGORIES", "SEVERITIES", "COMPLAINT_STAGES",
    "RELATIONSHIP_POSITIONS", "OFFERS", "Term", "register", "terms_table", "english", "chinese",
]


@dataclass(frozen=True)
class Term:
    """One term of the course: its English name, the Chinese term and what it means (its group)."""

    en: str
    zh: str
    meaning: str

#: Industry segments of the synthetic customers (行业细分).
SEGMENTS = (
    ("manufacturing", "制造业"),
    ("wholesale", "批发业"),
    ("retail", "零售业"),
    ("hospitality", "酒店餐饮业"),
    ("services", "服务业"),
)

#: Sales regions (销售区域).
REGIONS = (
    ("North", "华北"),
    ("East", "华东"),
    ("South", "华南"),
    ("Central", "华中"),
    ("West", "西部"),
)

#: Kinds of customer in the customer file (客户档案): resellers vs end users (经销商 / 终端用户).
CUSTOMER_TYPES = (
    ("reseller", "经销商"),
    ("end user", "终端用户"),
)

#: Product lines sold by the synthetic firm (产品线).
PRODUCT_LINES = (
    ("equipment", "设备"),
    ("consumables", "耗材"),
    ("spare parts", "备件"),
    ("services", "服务"),
)

#: Credit ratings, best first (信用等级).
CREDIT_RATINGS = ("A", "B", "C", "D")

#: The 18 methods of finding customers (寻找客户的方法), in the order of the sources (S1, S0 §3.2.1).
PROSPECTING_METHODS = (
    ("door-to-door visits", "逐户访问"),
    ("advertising search", "广告搜寻"),
    ("chain referral", "连锁介绍"),
    ("records lookup", "资料查询"),
    ("notable-person introduction", "名人介绍"),
    ("meetings", "会议寻找"),
    ("telephone", "电话寻找"),
    ("direct mail", "直接邮寄"),
    ("market consulting", "市场咨询"),
    ("personal observation", "个人观察"),
    ("agents", "代理寻找"),
    ("competitors' customers", "从竞争对手手中抢客户"),
    ("assistants", "委托助手"),
    ("trade-association canvassing", "行会突击"),
    ("setting up agencies", "设立代理店"),
    ("partner referral", "合作企业之间互相推荐"),
    ("clubs", "俱乐部寻找"),
    ("corporate relationships", "企业关系"),
)

#: Pipeline stages of a lead, in order (销售漏斗).
LEAD_STAGES = (
    ("lead", "线索"),
    ("qualified", "合格潜在客户"),
    ("proposal", "方案/报价"),
    ("won", "成交"),
)

#: Status of a lead at the as-of date.
LEAD_STATUSES = (("open", "跟进中"), ("won", "成交"), ("lost", "流失"))

#: Buying-centre roles (客户内部角色), S1.
BUYING_ROLES = (
    ("initiator", "发起者"),
    ("influencer", "影响者"),
    ("decider", "决策者"),
    ("buyer", "购买者"),
    ("user", "使用者"),
)

#: Prospect types (S1): newly developed, existing customers, lapsed former customers.
PROSPECT_TYPES = (
    ("new", "新开发的客户"),
    ("existing", "现有客户"),
    ("lapsed", "中止往来的老客户"),
)

#: Objection types (客户异议的类型), standard textbook treatment.
OBJECTION_TYPES = (
    ("need", "需求异议"),
    ("price", "价格异议"),
    ("product", "产品异议"),
    ("source", "货源异议"),
    ("salesperson", "人员异议"),
    ("timing", "购买时间异议"),
    ("financial", "财力异议"),
    ("authority", "权力异议"),
)

#: Methods of handling objections (处理客户异议的方法).
OBJECTION_METHODS = (
    ("direct denial", "直接否定法"),
    ("indirect denial", "间接否定法"),
    ("compensation", "补偿法"),
    ("turning it around", "转化法（太极法）"),
    ("questioning", "询问法"),
    ("ignoring", "忽视法"),
)

#: Complaint categories of the synthetic firm (投诉原因).
COMPLAINT_CATEGORIES = (
    ("product quality", "产品质量"),
    ("late delivery", "交货延迟"),
    ("billing error", "账单错误"),
    ("service attitude", "服务态度"),
    ("wrong item", "发错货"),
    ("installation", "安装调试"),
    ("price dispute", "价格争议"),
    ("documentation", "单证资料"),
)

#: Severity of a complaint, mildest first.
SEVERITIES = (("low", "轻微"), ("medium", "一般"), ("high", "严重"))

#: The six-stage complaint process (投诉处理六阶段), S2.
COMPLAINT_STAGES = (
    ("listen to the complaint", "听客户投诉"),
    ("analyse the cause", "分析原因"),
    ("find a solution", "找出解决方案"),
    ("tell the customer", "把解决方案传达给顾客"),
    ("handle it", "处理"),
    ("review the result", "检讨结果"),
)

#: Relationship positions of a key account (关系定位), S4.
RELATIONSHIP_POSITIONS = (
    ("potential", "潜在的关系"),
    ("developing", "发展的关系"),
    ("good current", "良好的当前关系"),
    ("solid current", "牢固的当前关系"),
    ("limited share", "有限的当前市场份额"),
    ("defensive", "防御性或萎缩的关系"),
    ("declining", "（原文无名称：你的地位如日落西山）"),
)

#: The two offers compared in the delivered-value survey (顾客让渡价值).
OFFERS = (("ours", "本企业"), ("competitor", "竞争对手"))


_GROUPS: dict[str, tuple[str, tuple]] = {}


def register(group: str, pairs, meaning: str) -> tuple:
    """Add a vocabulary to the one table of terms (chapters call this at import); returns ``pairs``.

    ``pairs`` holds ``(english, chinese)`` pairs (longer tuples are allowed: the first two count).

    Parameters
    ----------
    group : str
        A name for the vocabulary.
    pairs : tuple
        ``(english, chinese, ...)`` tuples.
    meaning : str
        What the terms name.

    Returns
    -------
    tuple
        ``pairs`` itself.

    Examples
    --------
    >>> register("demo", (("good", "好"),), "a demonstration")
    (('good', '好'),)
    >>> chinese("good")
    '好'
    >>> _ = _GROUPS.pop("demo")
    """
    _GROUPS[group] = (meaning, tuple(pairs))
    return pairs


for _name, _meaning in (
        ("SEGMENTS", "industry segment (行业细分)"), ("REGIONS", "sales region (销售区域)"),
        ("CUSTOMER_TYPES", "kind of customer"), ("PRODUCT_LINES", "product line (产品线)"),
        ("PROSPECTING_METHODS", "method of finding customers (寻找客户的方法)"),
        ("LEAD_STAGES", "pipeline stage (销售漏斗)"), ("LEAD_STATUSES", "status of a lead"),
        ("BUYING_ROLES", "buying-centre role (客户内部角色)"), ("PROSPECT_TYPES", "prospect type"),
        ("OBJECTION_TYPES", "objection type (客户异议的类型)"),
        ("OBJECTION_METHODS", "method of handling objections (处理客户异议的方法)"),
        ("COMPLAINT_CATEGORIES", "complaint category (投诉原因)"),
        ("SEVERITIES", "complaint severity"), ("COMPLAINT_STAGES", "complaint-process stage"),
        ("RELATIONSHIP_POSITIONS", "relationship position (关系定位)"),
        ("OFFERS", "offer compared in the delivered-value survey")):
    register(_name.lower(), globals()[_name], _meaning)


def terms_table():
    """Every registered term as :class:`Term` rows: a DataFrame with ``en``, ``zh``, ``meaning``, ``group``.

    Returns
    -------
    DataFrame
        One row per term: ``en``, ``zh``, ``meaning``, ``group``.

    Examples
    --------
    >>> t = terms_table()
    >>> t.loc[t["en"] == "compensation", "zh"].item()
    '补偿法'
    """
    import pandas as pd

    rows = [{**Term(p[0], p[1], meaning).__dict__, "group": g}
            for g, (meaning, pairs) in _GROUPS.items() for p in pairs if len(p) >= 2]
    return pd.DataFrame(rows, columns=["en", "zh", "meaning", "group"])


def english(pairs) -> tuple[str, ...]:
    """The English names of a vocabulary, in order.

    Parameters
    ----------
    pairs : tuple
        A vocabulary of ``(english, chinese)`` pairs (or plain names).

    Returns
    -------
    tuple of str
        The English names, in order.

    Examples
    --------
    >>> english(SEVERITIES)
    ('low', 'medium', 'high')
    """
    return tuple(p[0] if isinstance(p, tuple) else p for p in pairs)


def chinese(pairs, name: str | None = None) -> str:
    """The Chinese term for an English name: of one vocabulary, or of every registered one.

    Parameters
    ----------
    pairs : tuple of (english, chinese) pairs, or str
        The vocabulary to look in; or the English name itself, looked up in every vocabulary.
    name : str, optional
        The English name, when ``pairs`` is a vocabulary.

    Returns
    -------
    str

    Examples
    --------
    >>> chinese(OBJECTION_METHODS, "compensation")
    '补偿法'
    >>> chinese("late delivery")
    '交货延迟'
    """
    if name is None:
        name = pairs
        for _, (_, group) in _GROUPS.items():
            for p in group:
                if len(p) >= 2 and p[0] == name:
                    return p[1]
        raise ValueError(f"chinese: {name!r} is not a term of the course; see terms_table()")
    for p in pairs:
        if p[0] == name:
            return p[1]
    raise ValueError(f"{name!r} is not one of {list(english(pairs))}")
