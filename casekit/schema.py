"""One table of every dataset's columns: dtype, unit, meaning and the Chinese term.

The generator (:mod:`casekit.synth`), the loader (:mod:`casekit.data`), the input checks of the
analysis functions and the data dictionary ``datasets/README.md`` all read this table, so a column
is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import terms

CURRENCY = "CNY"


@dataclass(frozen=True)
class Column:
    """One column of a dataset."""

    name: str
    dtype: str  #: "int64", "float64", "str", "bool", "date", "Int64" (nullable) or "category"
    unit: str
    meaning: str
    zh: str
    categories: tuple[str, ...] | None = None  #: allowed values, for "category" and checked "str"
    ordered: bool = False
    decimals: int | None = None  #: floats are rounded to this many decimals when generated


def _c(name, dtype, unit, meaning, zh, categories=None, ordered=False, decimals=None):
    cats = terms.english(categories) if categories is not None else None
    return Column(name, dtype, unit, meaning, zh, cats, ordered, decimals)


_SCORE = "score 1–5"

SCHEMA: dict[str, tuple[Column, ...]] = {
    "customers": (
        _c("customer_id", "int64", "id", "Customer number, unique", "客户编号"),
        _c("segment", "category", "", "Industry segment", "行业细分", terms.SEGMENTS),
        _c("customer_type", "category", "", "Reseller or end user", "客户类型（经销商/终端用户）",
           terms.CUSTOMER_TYPES),
        _c("region", "category", "", "Sales region", "销售区域", terms.REGIONS),
        _c("employees", "int64", "people", "Number of employees", "员工人数"),
        _c("first_purchase", "date", "date", "Date of the first order ever", "首次购买日期"),
        _c("tenure_years", "float64", "years", "Years from the first purchase to the as-of date "
           "(or to churn)", "合作年限", decimals=2),
        _c("acquisition_channel", "category", "", "Prospecting method that won the customer",
           "获客渠道（寻找客户的方法）", terms.PROSPECTING_METHODS),
        _c("acquisition_cost", "float64", CURRENCY, "What it cost to win the customer", "获客成本",
           decimals=2),
        _c("price_sensitivity", "float64", "0–1", "How strongly the customer pushes on price "
           "(1 = extremely)", "价格敏感度", decimals=3),
        _c("payment_days", "int64", "days", "Average days from invoice to payment", "平均付款天数"),
        _c("credit_rating", "category", "A best … D worst", "Credit rating", "信用等级",
           terms.CREDIT_RATINGS, ordered=True),
        _c("service_hours", "float64", "hours / year", "Service and sales time the customer takes "
           "per year", "年服务时间", decimals=1),
        _c("cost_to_serve", "float64", f"{CURRENCY} / year", "Cost of serving the customer per "
           "year (visits, support, logistics, admin)", "年服务成本", decimals=2),
        _c("retention_cost", "float64", f"{CURRENCY} / year", "Spend per year on keeping the "
           "customer (loyalty programme, account care)", "年客户保持成本", decimals=2),
        _c("bad_debt", "float64", CURRENCY, "Invoices written off as bad debt over the data period",
           "坏账损失", decimals=2),
        _c("disputes", "int64", "count", "Payment disputes and lawsuits over the data period",
           "纠纷与诉讼次数"),
        _c("off_core_requests", "int64", "count", "Requests for work outside the firm's strengths "
           "over the data period", "非核心业务要求次数"),
        _c("innovation_requests", "int64", "count", "Requests for new products or features that "
           "push the firm to innovate", "新需求（促进创新）次数"),
        _c("growth_rate", "float64", "share / year", "Underlying growth of the customer's "
           "purchases per year (0.10 = +10%)", "年增长率", decimals=3),
        _c("loyalty", "float64", "0–1", "Loyalty index from repeat-purchase surveys "
           "(1 = fully loyal)", "忠诚度", decimals=3),
        _c("satisfaction", "float64", "1–5", "Latest satisfaction survey score", "满意度",
           decimals=1),
        _c("cooperativeness", "int64", _SCORE, "How cooperative the customer is (5 = very)",
           "合作性"),
        _c("key_contact_left", "bool", "", "Our key contact at the customer changed job during the "
           "period", "关键联系人离职"),
        _c("churned", "bool", "", "The customer stopped buying before the as-of date", "是否流失"),
        _c("churn_date", "date", "date", "Date the customer stopped buying (empty if not churned)",
           "流失日期"),
    ),
    "transactions": (
        _c("order_id", "int64", "id", "Order number, unique", "订单编号"),
        _c("customer_id", "int64", "id", "Customer who ordered", "客户编号"),
        _c("date", "date", "date", "Order date", "订单日期"),
        _c("product_line", "category", "", "Product line", "产品线", terms.PRODUCT_LINES),
        _c("quantity", "int64", "units", "Units ordered", "数量"),
        _c("list_value", "float64", CURRENCY, "Value at list price", "标价金额", decimals=2),
        _c("discount", "float64", CURRENCY, "Discounts and rebates granted", "折扣与返利",
           decimals=2),
        _c("revenue", "float64", CURRENCY, "Net revenue = list_value − discount", "销售收入（净额）",
           decimals=2),
        _c("cost", "float64", CURRENCY, "Cost of the goods sold", "销售成本", decimals=2),
        _c("margin", "float64", CURRENCY, "Gross margin = revenue − cost (before cost to serve "
           "and bad debt)", "毛利", decimals=2),
    ),
    "leads": (
        _c("lead_id", "int64", "id", "Lead number, unique", "线索编号"),
        _c("created", "date", "date", "Date the lead was found", "线索获取日期"),
        _c("channel", "category", "", "Prospecting method that found the lead", "寻找客户的方法",
           terms.PROSPECTING_METHODS),
        _c("segment", "category", "", "Industry segment of the prospect", "行业细分",
           terms.SEGMENTS),
        _c("region", "category", "", "Sales region", "销售区域", terms.REGIONS),
        _c("prospect_type", "category", "", "New prospect, existing customer or lapsed former "
           "customer", "潜在客户类型", terms.PROSPECT_TYPES),
        _c("contact_role", "category", "", "Buying-centre role of the person we talk to",
           "联系人的角色", terms.BUYING_ROLES),
        _c("need", "bool", "", "M of MAN: the prospect has a need for the product", "需要（Need）"),
        _c("ability_to_pay", "bool", "", "M of MAN: the prospect has the money", "购买能力（Money）"),
        _c("authority", "bool", "", "A of MAN: our contact can decide or reach who decides",
           "购买决定权（Authority）"),
        _c("lead_cost", "float64", CURRENCY, "Cost of finding and working the lead", "线索成本",
           decimals=2),
        _c("stage", "category", "", "Furthest pipeline stage reached", "销售阶段",
           terms.LEAD_STAGES, ordered=True),
        _c("status", "category", "", "Open, won or lost at the as-of date", "状态",
           terms.LEAD_STATUSES),
        _c("converted", "bool", "", "The lead became a customer (status won)", "是否成交"),
        _c("days_to_close", "Int64", "days", "Won: days from lead to order. Open: the sales rep's "
           "estimate of days still to close. Lost: empty", "成交（预计）天数"),
        _c("expected_value", "float64", CURRENCY, "First-year value: won = actual first-year "
           "revenue, otherwise the estimate", "首年价值", decimals=2),
    ),
    "complaints": (
        _c("complaint_id", "int64", "id", "Complaint number, unique", "投诉编号"),
        _c("customer_id", "int64", "id", "Customer who complained", "客户编号"),
        _c("date", "date", "date", "Date the complaint was received", "投诉日期"),
        _c("category", "category", "", "Cause of the complaint", "投诉原因",
           terms.COMPLAINT_CATEGORIES),
        _c("severity", "category", "", "Severity", "严重程度", terms.SEVERITIES, ordered=True),
        _c("is_claim", "bool", "", "The customer claims compensation", "是否索赔"),
        _c("claim_amount", "float64", CURRENCY, "Compensation claimed (0 if no claim)", "索赔金额",
           decimals=2),
        _c("resolved", "bool", "", "Resolved to the customer's acceptance", "是否解决"),
        _c("days_to_resolve", "Int64", "days", "Days from complaint to resolution (empty if "
           "unresolved)", "处理天数"),
        _c("handling_score", "int64", _SCORE, "Quality of the handling as audited (5 = "
           "exemplary)", "处理质量"),
        _c("followed_up", "bool", "", "We called back after the fix", "是否回访"),
        _c("satisfaction_after", "float64", "1–5", "Satisfaction after handling", "处理后满意度",
           decimals=1),
        _c("customer_kept", "bool", "", "The customer was still buying at the as-of date",
           "客户是否保留"),
    ),
    "accounts": (
        _c("customer_id", "int64", "id", "Key-account candidate (a customer)", "客户编号"),
        _c("attr_growth", "int64", _SCORE, "Attractiveness: growth rate", "吸引力：增长率"),
        _c("attr_size", "int64", _SCORE, "Attractiveness: size / potential", "吸引力：规模/潜力"),
        _c("attr_competition", "int64", _SCORE, "Attractiveness: mildness of competition at the "
           "account (5 = little)", "吸引力：竞争程度"),
        _c("attr_profitability", "int64", _SCORE, "Attractiveness: profitability", "吸引力：盈利性"),
        _c("attr_need", "int64", _SCORE, "Attractiveness: need for our products", "吸引力：对我方产品的需求"),
        _c("attr_strategic", "int64", _SCORE, "Attractiveness: strategic importance",
           "吸引力：战略重要性"),
        _c("pot_share_of_work", "int64", _SCORE, "Potential: share of future work we can win",
           "潜力：未来业务份额"),
        _c("pot_volume", "int64", _SCORE, "Potential: potential volume", "潜力：潜在业务量"),
        _c("pot_budget", "int64", _SCORE, "Potential: budget available", "潜力：预算"),
        _c("pot_competitor_weakness", "int64", _SCORE, "Potential: weakness of competitors at "
           "the account (5 = weak rivals)", "潜力：竞争对手实力"),
        _c("pot_certainty", "int64", _SCORE, "Potential: how sure we are", "潜力：把握程度"),
        _c("rel_frequency", "int64", _SCORE, "Relationship: purchase frequency", "关系：购买频率"),
        _c("rel_knowledge", "int64", _SCORE, "Relationship: our knowledge of the customer",
           "关系：对客户的了解"),
        _c("rel_contacts", "int64", _SCORE, "Relationship: relationships and contacts at several "
           "levels", "关系：人际关系与联系人"),
        _c("rel_range", "int64", _SCORE, "Relationship: breadth of our product range used",
           "关系：产品范围"),
        _c("rel_price", "int64", _SCORE, "Relationship: our price position", "关系：价格"),
        _c("rel_reputation", "int64", _SCORE, "Relationship: our reputation with them", "关系：声誉"),
        _c("rel_financial", "int64", _SCORE, "Relationship: our financial strength as they see it",
           "关系：财务实力"),
        _c("rel_service", "int64", _SCORE, "Relationship: service quality as they see it",
           "关系：服务质量"),
        _c("relationship_position", "category", "", "Account manager's view of the relationship",
           "关系定位", terms.RELATIONSHIP_POSITIONS),
        _c("contacts", "int64", "people", "People we know at the account", "联系人数"),
        _c("contact_levels", "int64", "levels", "Management levels we have contacts at (1–4)",
           "联系层级数"),
        _c("account_hours", "float64", "hours / year", "Sales time invested in the account per "
           "year", "年投入时间", decimals=1),
        _c("visits", "int64", "visits / year", "Visits per year", "年拜访次数"),
        _c("proposals", "int64", "count / year", "Proposals written per year", "年方案数"),
        _c("senior_staff_days", "float64", "days / year", "Days of senior managers' time per year",
           "高层投入天数", decimals=1),
    ),
    "perceptions": (
        _c("customer_id", "int64", "id", "Customer surveyed", "客户编号"),
        _c("offer", "category", "", "Offer rated: ours or the main competitor's", "被评价的供应方",
           terms.OFFERS),
        _c("product_value", "float64", "points", "Product value as the customer sees it",
           "产品价值", decimals=1),
        _c("service_value", "float64", "points", "Service value", "服务价值", decimals=1),
        _c("personnel_value", "float64", "points", "Personnel value (our people)", "人员价值",
           decimals=1),
        _c("image_value", "float64", "points", "Image value (brand, reputation)", "形象价值",
           decimals=1),
        _c("monetary_cost", "float64", "points", "Monetary cost: price paid", "货币成本",
           decimals=1),
        _c("time_cost", "float64", "points", "Time cost: waiting, ordering, delivery", "时间成本",
           decimals=1),
        _c("energy_cost", "float64", "points", "Energy cost: mental effort, worry", "精力成本",
           decimals=1),
        _c("physical_cost", "float64", "points", "Physical cost: effort of getting and using it",
           "体力成本", decimals=1),
    ),
    "objections": (
        _c("objection_id", "int64", "id", "Statement number", "异议编号"),
        _c("type", "category", "", "Objection type", "异议类型", terms.OBJECTION_TYPES),
        _c("statement", "str", "text", "What the customer says", "客户说的话（英文）"),
        _c("statement_zh", "str", "text", "What the customer says, in Chinese", "客户说的话（中文）"),
        _c("best_method", "category", "", "The handling method that fits best",
           "最合适的处理方法", terms.OBJECTION_METHODS),
        _c("fitting_methods", "str", "list", "All methods that fit, separated by '; '",
           "适用的处理方法"),
        _c("why", "str", "text", "Why the best method fits", "理由"),
    ),
}

DESCRIPTIONS = {
    "customers": "One row per customer: firmographics, behaviour, risk and churn (synthetic).",
    "transactions": "One row per order: list value, discount, revenue, cost and margin (synthetic).",
    "leads": "One row per sales lead: channel, MAN qualification, stage and outcome (synthetic).",
    "complaints": "One row per complaint: cause, severity, handling and outcome (synthetic).",
    "accounts": "Key-account candidates scored on attractiveness, potential and relationship "
                "(synthetic).",
    "perceptions": "Delivered-value survey: each surveyed customer rates our offer and the main "
                   "competitor's on four values and four costs (synthetic).",
    "objections": "Catalogue of customer objections with their type and fitting handling methods.",
    "cdnow": "Real CD purchases at CDNOW, 1997-01 to 1998-06, 23,570 customers (Fader & Hardie).",
    "cdnow_sample": "The 1/10 sample of CDNOW (2,357 customers) on which the BG/NBD and "
                    "Gamma-Gamma models were published (Fader, Hardie & Lee 2005).",
}

REAL_SCHEMA: dict[str, tuple[Column, ...]] = {
    "cdnow": (
        _c("customer_id", "int64", "id", "Customer number", "客户编号"),
        _c("date", "date", "date", "Purchase date", "购买日期"),
        _c("number_of_cds", "int64", "units", "CDs bought", "购买CD数量"),
        _c("dollar_value", "float64", "USD", "Amount paid", "购买金额（美元）", decimals=2),
    ),
    "cdnow_sample": (
        _c("customer_id", "int64", "id", "Customer number in the sample (1–2,357)", "客户编号"),
        _c("master_id", "int64", "id", "The same customer's number in cdnow", "总表客户编号"),
        _c("date", "date", "date", "Purchase date", "购买日期"),
        _c("number_of_cds", "int64", "units", "CDs bought", "购买CD数量"),
        _c("dollar_value", "float64", "USD", "Amount paid", "购买金额（美元）", decimals=2),
    ),
}

#: the folder under ``datasets/real/`` of each real dataset
REAL_FOLDER = {"cdnow": "cdnow", "cdnow_sample": "cdnow"}

DATE_DTYPE = "datetime64[us]"


def columns(name: str) -> tuple[Column, ...]:
    """The declared columns of a dataset, by name (synthetic or real)."""
    if name in SCHEMA:
        return SCHEMA[name]
    if name in REAL_SCHEMA:
        return REAL_SCHEMA[name]
    raise ValueError(f"unknown dataset {name!r}; expected one of {sorted(SCHEMA) + sorted(REAL_SCHEMA)}")


def pandas_dtype(col: Column):
    """The pandas dtype a column is stored with once loaded."""
    if col.dtype == "date":
        return DATE_DTYPE
    if col.dtype == "category":
        return pd.CategoricalDtype(list(col.categories), ordered=col.ordered)
    return col.dtype


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Put a frame's columns in schema order with the schema's dtypes and rounding."""
    out = {}
    for col in columns(name):
        s = df[col.name]
        if col.decimals is not None:
            s = s.astype("float64").round(col.decimals)
        if col.dtype == "date":
            s = pd.to_datetime(s).astype(DATE_DTYPE)
        else:
            s = s.astype(pandas_dtype(col))
        out[col.name] = s
    return pd.DataFrame(out).reset_index(drop=True)


def dictionary(name: str) -> pd.DataFrame:
    """The data dictionary of one dataset as a DataFrame (column, dtype, unit, meaning, 中文)."""
    rows = []
    for c in columns(name):
        dtype = c.dtype
        if c.categories:
            kind = "ordered category" if c.ordered else "category"
            dtype = f"{kind}: " + (" < " if c.ordered else ", ").join(c.categories)
        rows.append({"column": c.name, "dtype": dtype, "unit": c.unit, "meaning": c.meaning,
                     "chinese": c.zh})
    return pd.DataFrame(rows)
