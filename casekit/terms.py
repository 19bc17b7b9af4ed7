"""The syllabus's vocabulary, in English with the Chinese term.

One place for the names that the data, the analysis modules, the plots and the exercises share,
so that a category in a dataset, a label on a chart and an option in an exercise are spelled the
same way everywhere.  Each constant is a tuple of ``(english, chinese)`` pairs in the order the
course teaches them.
"""

from __future__ import annotations

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
    ("tell the customer", "传达给顾客"),
    ("handle it", "处理"),
    ("review the result", "检讨结果"),
)

#: Relationship positions of a key account (关系定位), S4.
RELATIONSHIP_POSITIONS = (
    ("potential", "潜在"),
    ("developing", "发展中"),
    ("good current", "良好的现有关系"),
    ("solid current", "稳固的现有关系"),
    ("limited share", "份额有限"),
    ("defensive", "防御/萎缩"),
    ("declining", "衰退"),
)

#: The two offers compared in the delivered-value survey (顾客让渡价值).
OFFERS = (("ours", "本企业"), ("competitor", "竞争对手"))


def english(pairs) -> tuple[str, ...]:
    """The English names of a vocabulary, in order.

    Examples
    --------
    >>> english(SEVERITIES)
    ('low', 'medium', 'high')
    """
    return tuple(p[0] if isinstance(p, tuple) else p for p in pairs)


def chinese(pairs, name: str) -> str:
    """The Chinese term for an English name of a vocabulary.

    Examples
    --------
    >>> chinese(OBJECTION_METHODS, "compensation")
    '补偿法'
    """
    for en, zh in pairs:
        if en == name:
            return zh
    raise ValueError(f"{name!r} is not one of {list(english(pairs))}")
