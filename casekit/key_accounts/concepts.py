"""The vocabulary of chapter 7 in the sources' words: every list of S3 and S4, Chinese and English.

Each list is a tuple of ``(key, 中文, English)`` rows (a few carry a fourth field), in the order of
the source.  The notebook shows them in full; the exercises and the account plan draw on them, and
a test checks that every Chinese term here appears in the chapter.
"""

from __future__ import annotations

__all__ = [
    "KEY_ACCOUNT_DEFINITION", "BASIC_PREMISE", "SIX_POINTS", "CRITERIA", "ATTRACTIVENESS_FACTORS",
    "QUESTION_SETS", "POTENTIAL_QUESTIONS", "RELATIONSHIP_FACTORS", "FOCUS_QUADRANTS",
    "RELATIONSHIP_POSITIONS", "CHECKLIST", "INVESTMENT_ITEMS", "FAILURE_REASONS", "PLAN_PURPOSES",
    "PLAN_STRUCTURE", "PLAN_ELEMENTS", "DUTIES_TO_CUSTOMER", "DUTIES_TO_FIRM", "KAM_PRINCIPLES",
    "WARRIOR_STAGES", "BIG_CUSTOMER_BENEFITS", "SERVICE_TOOLS", "GOLDEN_RULES", "zh", "en",
]

#: 关键客户的定义 (S4): the two sentences of the definition.
KEY_ACCOUNT_DEFINITION = (
    ("loss", "如果我们失去了客户，这将对我们在年终的业务造成严重影响",
     "losing it would seriously hurt our business by year-end"),
    ("strategic", "他们是B2B市场上的卖方眼中最具有战略意义的客户",
     "in the seller's eyes, the most strategic customers in a B2B market"),
)

#: 基本前提 (S4).
BASIC_PREMISE = (
    ("revenue", "你们的大部分收益来自关键客户，而关键客户在你们的客户总数中所占比重是很少的",
     "most of your revenue comes from key accounts, yet they are a small share of all customers"),
    ("assets", "关键客户是你们的主要资产：因此要如同管理资产一样对他们进行管理从而获得最佳成效",
     "key accounts are your main assets, so manage them like assets for the best result"),
)

#: 确定你的关键客户 (S4): the six points.
SIX_POINTS = (
    ("goals", "对于你们公司目标的实现是至关重要的", "critical to reaching your firm's goals"),
    ("sales_share", "在你们当前的销售收入中占了很大比重", "a large share of current sales"),
    ("harm", "如果他们失败，这会对你们的业务造成长期的严重影响",
     "if they fail, your business suffers serious long-term harm"),
    ("relationship", "通常与他们之间的关系是很确定的，并且在将来的业务潜力很大",
     "the relationship is usually well established, with large future potential"),
    ("ten_sixty", "他们可能仅占你们的客户总数的10%，但却占用你们60%的时间",
     "perhaps 10% of customers but 60% of your time"),
    ("best_people", "关键客户经理要由那些最能干的人员来担任",
     "the most capable people should be the key-account managers"),
)

#: 3个关键标准 (S4).
CRITERIA = (
    ("attractiveness", "吸引力", "attractiveness"),
    ("potential", "潜力", "potential"),
    ("relationship", "关系定位", "relationship position"),
)

#: 分析你的客户：客户的吸引力 (S4), six factors; the fourth field is the ``accounts`` column.
ATTRACTIVENESS_FACTORS = (
    ("growth", "增长率", "growth rate", "attr_growth"),
    ("size", "规模（潜力）", "size (potential)", "attr_size"),
    ("competition", "竞争程度", "intensity of competition", "attr_competition"),
    ("profitability", "赢利性", "profitability", "attr_profitability"),
    ("need", "对你产品/服务的需求", "need for your products and services", "attr_need"),
    ("strategic", "战略重要性", "strategic importance", "attr_strategic"),
)

#: The attractiveness question sets of S4, grouped by content: (key, 中文, English, questions),
#: each question a (中文, English) pair.  The information-sharing set has no heading in the source.
QUESTION_SETS = (
    ("difference", "差异", "difference", (
        ("你和竞争对手有哪些不同?", "How do you differ from competitors?"),
        ("你的强项符合客户的要求?", "Do your strengths match the customer's requirements?"),
        ("那些是你的弱项？与客户的需要相关或不相关?",
         "What are your weaknesses, and do they matter to the customer's needs?"),
        ("与竞争对手相比，你的产品和服务有哪些优势?",
         "What advantages do your products and services have over competitors'?"),
        ("你的客户是否认为你和竞争对手有很大的不同?",
         "Does the customer see you as very different from competitors?"))),
    ("value_price", "价值和价格", "value and price", (
        ("你的客户是怎样进行采购决策的？价格、价值还是二者的综合?",
         "How does the customer decide: on price, on value, or both?"),
        ("注重价值的客户会进行更多的投入以获得增值，你的客户是这样吗?",
         "Value-minded customers invest more to gain added value. Is yours one?"),
        ("他们讨价还价厉害吗?", "Do they bargain hard?"),
        ("他们是否只对以最低的价格买到符合规格的产品感兴趣?",
         "Do they care only about buying to specification at the lowest price?"))),
    ("preference", "偏好", "preference", (
        ("他们是支持还是反对购买你的产品和服务或者持中立的态度?",
         "Are they for or against buying from you, or neutral?"),
        ("他们喜欢你吗？是否希望与你合作?", "Do they like you, and do they want to work with you?"),
        ("他们是否更喜欢你的产品和服务?", "Do they prefer your products and services?"),
        ("他们的个人偏好是什么?", "What are their personal preferences?"),
        ("他们是否不是很了解你?", "Do they not know you well?"),
        ("他们对你、你的产品、你们公司或员工是否有过负面的印象?",
         "Have they had a bad impression of you, your products, your firm or your staff?"))),
    ("access", "接近关键人员", "access to key people", (
        ("你有多少机会去接近关键人员?", "How much access do you have to key people?"),
        ("你有多少机会去接近关键决策者和影响者?", "How much access to key deciders and influencers?"),
        ("你是否可以接近高层管理人员和总监等?", "Can you reach top managers and directors?"))),
    ("buying_rules", "采购规则", "buying rules", (
        ("他们的制度是否灵活?", "Are their rules flexible?"),
        ("他们的体制是否没有条条框框的规定和官僚主义?",
         "Is their system free of rigid rules and bureaucracy?"),
        ("他们的制度是否不灵活以至于很难与他们合作?",
         "Are the rules so rigid that they are hard to work with?"),
        ("他们的规则目的是否要阻碍你接近关键人员?", "Are the rules meant to keep you from key people?"),
        ("你们的公司能适应他们的制度吗?", "Can your firm adapt to their rules?"))),
    ("information", "（信息共享，原文无标题）", "information sharing (no heading in the source)", (
        ("你的联系人是否与你分享他们的观点、优先事项和顾虑?",
         "Do your contacts share their views, priorities and concerns with you?"),
        ("你是否能获得足够的信息以制定专门的、有侧重点的解决方案?",
         "Can you get enough information to design a dedicated, focused solution?"))),
)

#: 潜力 (S4): the volume (数量) and profitability (赢利性) questions.
POTENTIAL_QUESTIONS = (
    ("volume", "数量", "volume", (
        ("将来与他们进行的工作占多大比例?", "What share of future work will be with them?"),
        ("潜在销售量是多少?", "What is the potential sales volume?"),
        ("数量是很多、一般、还是很少?", "Is the volume large, medium or small?"),
        ("你对该估算有多大把握?", "How sure are you of the estimate?"),
        ("他们对你的产品/服务有预算吗?", "Do they have a budget for your products and services?"),
        ("竞争对手的地位有多牢固?", "How strong is the competitor's position?"),
        ("你实际有把握获得的该客户的潜在购买量是多少?",
         "How much of their potential purchases can you realistically win?"))),
    ("profitability", "赢利性", "profitability", (
        ("向该客户进行销售的盈利性如何?", "How profitable are sales to this customer?"),
        ("你希望获得的利润率是多少?", "What margin do you hope for?"),
        ("行业标准/平均标准是什么?", "What is the industry standard or average?"),
        ("这些相关的产品/服务的标准和平均标准是什么?",
         "What are the standard and average for these products and services?"))),
)

#: 分析你的客户：关系定位 (S4), nine factors; the fourth field is the ``accounts`` column.
RELATIONSHIP_FACTORS = (
    ("frequency", "采购频率", "purchase frequency", "rel_frequency"),
    ("knowledge", "对客户的了解", "knowledge of the customer", "rel_knowledge"),
    ("relationship", "与客户之间的关系", "relationship with the customer", "rel_contacts"),
    ("contacts", "与客户公司之间的联系", "contacts in the customer's organisation", "contact_levels"),
    ("range", "产品/服务的范围", "range of products and services", "rel_range"),
    ("price", "产品/服务的价格", "price", "rel_price"),
    ("reputation", "总体声誉", "overall reputation", "rel_reputation"),
    ("financial", "财务实力", "financial strength", "rel_financial"),
    ("service", "服务质量", "service quality", "rel_service"),
)

#: 战略关注水平 (S4): the four cells, with the action (standard textbook content; the source has
#: the cell names only).  Key = the label used by :func:`casekit.tiering.strategic_focus`.
FOCUS_QUADRANTS = (
    ("key", "关键", "key: high attractiveness, strong relationship",
     "protect it with the best resources"),
    ("target", "目标", "target: high attractiveness, weak relationship",
     "invest to build the relationship"),
    ("maintain", "维持", "maintain: low attractiveness, strong relationship",
     "keep the account efficiently"),
    ("low-key", "低调", "low-key: low attractiveness, weak relationship",
     "minimal, low-cost coverage"),
)

#: 关系定位 (S4): the seven relationship positions, with the source's Chinese.  The seventh has no
#: name in the source ("你的地位如日落西山"); "declining" is the kit's label.  The key is the
#: value of ``accounts.relationship_position``.
RELATIONSHIP_POSITIONS = (
    ("potential", "潜在的关系", "potential relationship",
     "you do not serve them yet; potential volume depends on their size and range of needs"),
    ("developing", "发展的关系", "developing relationship",
     "you have become a supplier and may win more business"),
    ("good current", "良好的当前关系", "good current relationship",
     "very good; extend it by cross-selling (交叉销售) or into other departments"),
    ("solid current", "牢固的当前关系", "solid current relationship",
     "you draw the most value from the customer and give it the most value"),
    ("limited share", "有限的当前市场份额", "limited current market share",
     "a stable relationship, but a competitor holds most of the business"),
    ("defensive", "防御性或萎缩的关系", "defensive or shrinking relationship",
     "once solid, now precarious; defence may mean price cuts"),
    ("declining", "（原文无名称：你的地位如日落西山）", "declining (the source: a setting sun)",
     "they no longer need you, or serving them no longer pays: go on, by phone, or stop?"),
)

#: 用来确定你们客户的问题示例—关键问题 (S4): the fifteen questions.
CHECKLIST = (
    ("difference", "从客户的角度来看，我们和其它供应商（潜在的/现有的）有何区别?",
     "From the customer's view, how do we differ from other potential or current suppliers?"),
    ("strengths", "我们提供的与客户的需求相关的产品/服务具有哪些总体优势?",
     "What are the overall strengths of our offer for the customer's needs?"),
    ("weaknesses", "我们提供的与客户的需求有关的产品/服务具有哪些总体缺点?",
     "What are the overall weaknesses of our offer for the customer's needs?"),
    ("value_buyer", "该客户是否根据价值而不是价格进行采购?",
     "Does the customer buy on value rather than price?"),
    ("preference", "该客户是否偏好我们公司?", "Does it prefer our firm?"),
    ("access", "我们在哪个层面上能够接触该客户的关键人员?", "At what level can we reach its key people?"),
    ("buying_rules", "他们的采购规则是怎样的：复杂和官僚的，还是灵活和简便的?",
     "Are its buying rules complex and bureaucratic, or flexible and simple?"),
    ("type_share", "向该类客户销售的金额是否占了我们收入的大部分?",
     "Do sales to this type of customer make up most of our revenue?"),
    ("potential", "该客户的销售潜力如何?", "What is its sales potential?"),
    ("profitability", "对该客户销售收入的赢利性如何?", "How profitable are sales to it?"),
    ("relationship", "我们与该客户的关系如何?", "What is our relationship with it?"),
    ("importance", "该客户对我们的业务具有什么样的重要性?", "How important is it to our business?"),
    ("target_sector", "该客户是否代表了一个目标行业、部门或位置?",
     "Does it represent a target industry, sector or location?"),
    ("volume_now", "我们目前与该客户有多少业务量?", "How much business do we do with it now?"),
    ("risk", "我们向该客户提供服务具有什么样的风险?", "What are the risks of serving it?"),
)

#: 你们在客户身上的投入 (S4): eleven items.
INVESTMENT_ITEMS = (
    ("time", "时间和精力", "time and effort"),
    ("calls", "销售拜访支出", "sales-call expenses"),
    ("marketing", "市场营销和销售管理成本", "marketing and sales-management costs"),
    ("proposals", "提出建议所涉及的时间/成本", "time and cost of proposals"),
    ("technical", "技术人员（以及其他人员）在建议、拜访和谈判过程中所花费的时间",
     "time of technical (and other) staff in proposals, visits and negotiations"),
    ("senior", "高级人员的参与", "involvement of senior staff"),
    ("materials", "市场营销和销售资料成本", "marketing and sales materials"),
    ("samples", "样本——启动和直接成本", "samples (set-up and direct costs)"),
    ("demonstrations", "演示——启动和直接成本", "demonstrations (set-up and direct costs)"),
    ("opportunity", "可以花在其他客户身上的时间和资源（机会成本）",
     "time and resources that could go to other customers (opportunity cost)"),
    ("reputation", "你们的声誉和风险因素", "your reputation and risk factors"),
)

#: 关键客户：为什么会失败? (S4): eleven statements.  The key names the cause as recorded in
#: :func:`casekit.key_accounts.account_history`; the fifth statement is a remark about all causes
#: (key ``None``), not a cause of its own.
FAILURE_REASONS = (
    ("price", "很少是由于价格问题引起的", "rarely because of price"),
    ("product or quality", "产品或质量问题是重要原因", "product or quality problems are an important cause"),
    ("key people change", "关键人员的人事变动是最常见的失败原因",
     "a change of key people is the most common cause"),
    ("manager's method or skill", "关键客户经理的方法错误或缺乏技能，是一个常见的原因",
     "the key-account manager's wrong method or lack of skill is a common cause"),
    (None, "这些问题通常是双向的", "these problems are usually two-way"),
    ("no multi-level links", "没有在多个层次上建立业务和个性化的联系",
     "no business and personal links at several levels"),
    ("broken trust", "破坏了信任，滥用已取得的优势地位",
     "broken trust, or abuse of a position of advantage"),
    ("staff unaware", "客户希望供应商的每个员工都知道他是一个关键客户",
     "the customer expects every one of the supplier's staff to know it is a key account"),
    ("market position", "不断改变的市场地位（指买卖双方）",
     "the changing market positions of buyer and seller"),
    ("burnout or complacency", "精力耗尽或自满", "burnout or complacency"),
    ("finances", "财务状况", "financial condition"),
)

#: 客户计划包括两个目的 (S4).
PLAN_PURPOSES = (
    ("analyse", "和你们的关键客户一同对你们的竞争态势进行分析",
     "analyse your competitive position together with the key account"),
    ("strategy", "制定出能够最大限度地提高你们业务潜力的客户战略",
     "develop the account strategy that makes the most of your business potential"),
)

#: 客户计划：结构 (S4): five headings with their gloss.
PLAN_STRUCTURE = (
    ("executive", "执行概述：宗旨和方向", "executive summary: purpose and direction"),
    ("customer", "客户概述：客户资料", "customer overview: customer data"),
    ("competitors", "竞争对手比较：主要竞争对手", "competitor comparison: the main competitors"),
    ("strategy", "战略概述：总体战略、目标", "strategy overview: overall strategy and goals"),
    ("tactics", "战术概述：实施中的计划", "tactics overview: the plans being carried out"),
)

#: The ten elements of the account plan (S4), in the source's order.
PLAN_ELEMENTS = (
    ("situation", "情况概述", "situation overview"),
    ("business_value", "客户商业价值书", "statement of business value for the customer"),
    ("objectives", "客户目标", "account objectives"),
    ("resources", "资源决策", "resource decisions"),
    ("revenue_forecast", "收入预测", "revenue forecast"),
    ("product_forecast", "产品/服务预测", "product and service forecast"),
    ("strategy_actions", "客户策略预测表和行动计划", "account-strategy forecast sheet and action plan"),
    ("strategic_issues", "关键策略事项计划表", "schedule of key strategic issues"),
    ("competition", "竞争手段和反制战术", "competitive means and counter-tactics"),
    ("partnership", "评估合作伙伴关系", "assessing the partnership"),
)

#: 对你的客户承担的职责 (S4): five duties to the customer.
DUTIES_TO_CUSTOMER = (
    ("champion", "在你们公司内部支持你们的客户", "champion the customer inside your own firm"),
    ("expert", "成为专家", "be an expert"),
    ("resource", "成为资源提供者或问题解决者", "be a resource provider or problem solver"),
    ("ambassador", "成为开启关系和推动关系的大使", "be an ambassador who opens and drives relationships"),
    ("analyst", "成为业务分析员和咨询顾问", "be a business analyst and consultant"),
)

#: 对你的公司承担的职责 (S4): ten duties to the own firm.
DUTIES_TO_FIRM = (
    ("expansion_strategy", "设计客户拓展战略，最大限度地发掘你的公司与你的客户之间的业务合作潜力",
     "design the account-expansion strategy, to realise the full business potential between "
     "your firm and the customer"),
    ("account_plan", "制定、维持并且实施包括战略和行动计划在内的客户计划，最大限度地提高客户的价值",
     "write, maintain and carry out the account plan, with its strategy and action plans, to "
     "maximise the account's value"),
    ("information", "收集、分析、保存并且发布关于你的客户、竞争对手和市场方面的信息，充分了解客户面临的问题和目标",
     "gather, analyse, keep and share information on the customer, competitors and market, and "
     "understand the customer's problems and goals"),
    ("relationships", "系统地和你的客户以及你公司的权力机构成员建立关系",
     "build relationships systematically with the customer and with your own firm's "
     "decision-makers"),
    ("present", "在潜在客户进行采购之前，向他们介绍你的公司的实力和解决方案，将你的公司和竞争对手区别开来，为你的公司发掘最佳机会",
     "before prospects buy, present your firm's strengths and solutions, set it apart from "
     "competitors, and find the best opportunities"),
    ("proposals", "监控建议的进展情况，指出客户的关键问题、需求和优先事项",
     "track the progress of proposals, and point out the customer's key issues, needs and "
     "priorities"),
    ("negotiation", "推动合同的磋商以及双赢结果的达成", "drive contract negotiation to a win-win result"),
    ("satisfaction", "监控客户的满意度", "monitor customer satisfaction"),
    ("future_business", "确保将来与客户之间的业务往来", "secure future business with the customer"),
    ("coordinate", "对你公司的工作进行协调，以确保协同一致",
     "coordinate your firm's work so that it acts as one"),
)

#: 关键客户：管理原则 (S4): seven principles.
KAM_PRINCIPLES = (
    ("always_matters", "客户永远是重要的", "the customer always matters"),
    ("customer_view", "从客户的角度出发，对业务进行管理", "manage the business from the customer's point of view"),
    ("quality", "高质量实施", "high-quality execution"),
    ("vital", "使双方之间的关系充满活力", "keep the relationship between the two sides vital"),
    ("solve", "解决问题", "solve problems"),
    ("satisfaction_profit", "把客户满意度与利润挂钩", "link customer satisfaction to profit"),
    ("measure", "对重要事项进行衡量", "measure what matters"),
)

#: "勇士"销售策略系统 (S4): the two stages the extract keeps, with their items.
WARRIOR_STAGES = (
    ("research", "研究", "research", (
        ("遗漏的信息", "missing information"), ("客户背景", "customer background"),
        ("客户的看法", "the customer's views"), ("客户资料", "customer data"),
        ("你的知识", "your own knowledge"), ("市场信息和行业刊物", "market information and trade press"))),
    ("analysis", "分析", "analysis", (
        ("客户定位", "customer positioning"), ("强项", "strengths"), ("弱项", "weaknesses"),
        ("机会", "opportunities"), ("威胁", "threats"), ("趋势和外部影响", "trends and outside influences"),
        ("关键联系人", "key contacts"), ("权威", "authority"), ("个性", "personalities"),
        ("优先事项", "priorities"), ("定位", "position"), ("竞争", "competition"))),
)

#: 实施大客户服务的好处 (S3).
BIG_CUSTOMER_BENEFITS = (
    ("profit", "实现企业利润最大化", "maximise the firm's profit"),
    ("growth", "保持企业持续性发展", "keep the firm developing"),
)

#: 大客户服务两大工具 (S3).
SERVICE_TOOLS = (
    ("relationship", "客户关系的建立", "building relationships"),
    ("strength", "公司的专业和实力", "the firm's expertise and strength"),
)

#: 客户服务的十二条黄金法则 (S3): named only; their bodies are not in the extract.
GOLDEN_RULES = (
    ("nothing_impossible", "世上无事不可为", "nothing in the world is impossible"),
    ("sell_yourself", "销售就是销售你自己", "selling is selling yourself"),
    ("clear_goals", "设定明确的目标", "set clear goals"),
    ("passion", "充满激情，永不懈怠", "be full of passion, and never slacken"),
    ("smile_listen", "微笑、倾听、专注", "smile, listen, focus"),
    ("back_to_zero", "归零的心态——打开心灵的木桶", "a back-to-zero mindset, open the bucket of your mind"),
    ("keep_learning", "持续的学习", "keep learning"),
    ("responsibility", "100%承担责任", "take 100% responsibility"),
    ("reachable", "让客户随时随地都能找到你", "let customers reach you any time, anywhere"),
    ("customer_files", "建立所有的客户档案（特别是大客户）",
     "keep a file on every customer, especially big customers"),
    ("ask", "客户是要求出来的", "customers come from asking"),
    ("expert", "要成为专家", "become an expert"),
)

_ALL = {name: globals()[name] for name in __all__ if name.isupper()}


def _find(name, key):
    for table in _ALL.values():
        for row in table:
            if row[0] == key and (name is None or table is _ALL[name]):
                return row
    raise ValueError(f"no term {key!r} in {name or 'the chapter-7 vocabulary'}; expected one of "
                     f"{[r[0] for r in (_ALL[name] if name else ()) if r[0]]}")


def zh(list_name: str, key: str) -> str:
    """The Chinese of one entry of a list, e.g. ``zh("FOCUS_QUADRANTS", "target")``.

    Parameters
    ----------
    list_name : str
        Name of the list.
    key : str
        The entry's key.

    Returns
    -------
    str
        The Chinese of one entry of a list, e.g. ``zh("FOCUS_QUADRANTS", "target")``.

    Examples
    --------
    >>> zh("FOCUS_QUADRANTS", "target"), zh("PLAN_ELEMENTS", "objectives")
    ('目标', '客户目标')
    """
    if list_name not in _ALL:
        raise ValueError(f"zh: unknown list {list_name!r}; expected one of {sorted(_ALL)}")
    return _find(list_name, key)[1]


def en(list_name: str, key: str) -> str:
    """The English of one entry of a list, e.g. ``en("GOLDEN_RULES", "ask")``.

    Parameters
    ----------
    list_name : str
        Name of the list.
    key : str
        The entry's key.

    Returns
    -------
    str
        The English of one entry of a list, e.g. ``en("GOLDEN_RULES", "ask")``.

    Examples
    --------
    >>> en("KAM_PRINCIPLES", "measure")
    'measure what matters'
    """
    if list_name not in _ALL:
        raise ValueError(f"en: unknown list {list_name!r}; expected one of {sorted(_ALL)}")
    return _find(list_name, key)[2]


# The labels the chapter's data and tables carry (focus cells, relationship positions, causes of
# loss, loss-rate groups, who leads an account, roles), marked for the catalog: a table or a
# chart says them in the course's language where it shows them (``translate(label, "value")``).
from ..i18n import N_, NC_  # noqa: E402

DATA_LABELS = (
    NC_("value", "key"), NC_("value", "target"), NC_("value", "maintain"), NC_("value", "low-key"),
    N_("KEY"), N_("TARGET"), N_("MAINTAIN"), N_("LOW-KEY"),
    NC_("value", "potential"), NC_("value", "developing"), N_("good current"),
    N_("solid current"), N_("limited share"), NC_("value", "defensive"),
    NC_("value", "declining"),
    NC_("value", "price"), N_("product or quality"), N_("key people change"),
    N_("manager's method or skill"), N_("no multi-level links"),
    N_("broken trust"), N_("staff unaware"), N_("market position"),
    N_("burnout or complacency"), N_("finances"),
    N_("one level"), N_("several levels"), N_("trust broken"),
    N_("trust intact"), N_("key contact left"), N_("key contact stayed"),
    N_("contact left, one level"), N_("contact left, several levels"),
    N_("contact stayed, one level"), N_("contact stayed, several levels"),
    N_("general manager (总经理)"), N_("key-account manager (关键客户经理)"),
    N_("sales representative"), N_("service desk"),
    N_("general manager"), N_("key-account manager"),
    N_("account manager"), NC_("value", "technical"),
    # the relationship positions and focus cells as the plan names them, and their actions
    N_("potential relationship"), N_("developing relationship"), N_("good current relationship"),
    N_("solid current relationship"), N_("limited current market share"),
    N_("defensive or shrinking relationship"), N_("declining (the source: a setting sun)"),
    N_("protect it with the best resources"), N_("invest to build the relationship"),
    N_("keep the account efficiently"), N_("minimal, low-cost coverage"),
    N_("high attractiveness, strong relationship"), N_("high attractiveness, weak relationship"),
    N_("low attractiveness, strong relationship"), N_("low attractiveness, weak relationship"),
    # the relationship items (strongest, weakest)
    N_("purchase frequency"), N_("knowledge of the customer"), N_("relationship with the customer"),
    N_("range of products and services"), N_("overall reputation"), N_("financial strength"),
    N_("service quality"),
    # the 10% / 60% split of the customers, and the candidates counted by points met
    NC_("value", "rest"), N_("candidates"),
    # the product lines as a plan names them ("services" the line, not the industry)
    NC_("product", "equipment"), NC_("product", "consumables"), NC_("product", "spare parts"),
    NC_("product", "services"),
)
