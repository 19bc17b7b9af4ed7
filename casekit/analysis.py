"""Chapter 5 — Customer analysis and the customer database (客户分析、客户数据库).

Customer management (客户管理) manages two things: the business relationship with each customer
and the customer records (客户资料).  This module turns the synthetic world into those records and
walks the chapter's analysis flow on them:

=====================================  ============================================================
:func:`customer_file`                  the customer file (客户档案): one row per customer, in four
                                       sections — basic records, transaction status, relationship,
                                       risk
:func:`customer_card`                  one customer's card (客户资料卡), section by section
:func:`type_files`                     separate files for resellers (经销商) and end users
:func:`composition`                    customer composition (客户构成分析) by segment, region, …
:func:`trading_performance`            trading performance (交易业绩) per customer or group
:func:`product_mix`                    product sales mix (产品销售构成)
:func:`cross_ratios`                   gross-margin rate (毛利率), stock turnover (周转率), cross
                                       ratio (交叉比率) and contribution ratio (贡献比率)
:func:`credit_review`                  credit investigation (信用调查) → credit limit, stop trade
:func:`grade_customers`                grade customers (划分客户等级) A / B / C
:func:`customer_register`              the customer register (客户名册) with a dedicated rep per
                                       big customer
:func:`customer_locations`             a stand-in address (position) per customer
:func:`route_classification`           route classification (路序分类): visit routes per region
:func:`route_table`                    the routes with their bearing ranges
:func:`visit_plan`                     the visit plan (客户访问计划): visits and hours per month
:func:`analysis_flow`                  the whole flow in one call, step by step
:func:`patrol_agenda`                  patrol management (巡视管理): listen, educate, help
:func:`make_dirty`, :func:`quality_report`, :func:`clean_file`
                                       data quality of the customer database (客户数据库)
=====================================  ============================================================

Two assumptions are the module's own, because the synthetic data has no stock and no addresses:

* **Inventory.**  Stock turnover needs an average inventory.  We assume each product line holds a
  fixed number of days of cover (库存天数) of its cost of goods: average inventory (at cost) =
  yearly cost of goods × days of cover / 365.  The defaults are in :data:`DAYS_OF_COVER`; every
  function that uses them takes ``days_of_cover=`` to change them.
* **Addresses.**  A customer's position in its region is computed from its customer number
  (:func:`customer_locations`): a fixed, evenly spread stand-in for a real address.

Functions are pure: frames in, new frames out, inputs never changed.  Customer-level results are
indexed by ``customer_id``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import terms
from ._format import cny
from .core.checks import DateOption, require_choice, require_frame, require_number, validated
from .core.profit import customer_profitability
from .core.world import asof_of, is_world, last_years
from .tiering import abc

__all__ = [
    "MANAGEMENT_OBJECTS", "MANAGEMENT_CONTENT", "MANAGEMENT_METHODS", "PATROL_ACTIONS",
    "FOLLOW_UP", "MANAGEMENT_PRINCIPLES", "FILE_SECTIONS", "FILE_LABELS", "SIZE_BANDS",
    "ANALYSIS_CONTENT", "CREDIT_SOURCES", "TRADE_DECISIONS", "ANALYSIS_FLOW", "DAYS_OF_COVER",
    "RATING_FACTOR", "VISITS_PER_MONTH", "MINUTES_PER_VISIT", "DATABASE_PARTS",
    "DATABASE_STAGES", "CRM_FEATURES", "CRM_CORE", "CRM_CONTENTS", "CRM_IMPLEMENTATION",
    "QUALITY_RANGES", "QUALITY_CHOICES", "concepts",
    "customer_file", "customer_card", "type_files", "composition", "trading_performance",
    "product_mix", "cross_ratios", "credit_review", "grade_customers", "customer_register",
    "customer_locations", "route_classification", "route_table", "visit_plan", "AnalysisFlow",
    "analysis_flow", "patrol_agenda", "make_dirty", "quality_report", "clean_file",
]


# ---------------------------------------------------------------------------------------------
# The chapter's vocabulary: (english, 中文, what it means here)
# ---------------------------------------------------------------------------------------------

#: The two objects of customer management (客户管理的对象), S2 §9.1.
MANAGEMENT_OBJECTS = (
    ("business relationships", "客户业务关系", "the dealings with each customer over time"),
    ("customer records", "客户资料", "the files kept on each customer, analysed and updated"),
)

#: The four contents of customer management (客户管理的内容), S2 §9.1; each is a section of the file.
MANAGEMENT_CONTENT = (
    ("basic records", "客户基本资料", "who the customer is: type, segment, region, size, since when"),
    ("transaction status", "交易状况", "what and how much it buys: orders, revenue, margin, mix"),
    ("relationship", "客户关系", "how the relationship stands: loyalty, satisfaction, complaints"),
    ("risk", "客户风险", "what it may cost us: credit rating, payment days, bad debt, disputes"),
)

#: The three methods of customer management (客户管理的方法), S2 §9.1.
MANAGEMENT_METHODS = (
    ("patrol", "巡视管理", "visit customers to know them: listen, educate, help"),
    ("relationship management", "关系管理",
     "a dedicated, capable rep for each big customer, plus follow-up service"),
    ("screening", "筛选管理",
     "at year-end keep the key customers and drop those with no profit and no potential"),
)

#: What a salesperson does on patrol (巡视): S2 §9.1.
PATROL_ACTIONS = (
    ("listen", "倾听", "hear complaints and wishes before talking"),
    ("educate", "教育", "show the customer how to use and sell our products better"),
    ("help", "帮助", "solve the customer's business problems: stock, payment, growth"),
)

#: Follow-up service in relationship management (追踪服务), S2 §9.1.
FOLLOW_UP = (
    ("telephone follow-up", "电话追踪", "call after delivery and at fixed intervals"),
    ("mail follow-up", "邮件追踪", "letters, cards and news sent regularly"),
    ("personal-touch follow-up", "温情追踪", "greetings and small attentions on special days"),
    ("peer-level follow-up", "水平追踪", "our managers meet theirs at the same level"),
)

#: The principles of customer management (客户管理原则), S2 §9.1.
MANAGEMENT_PRINCIPLES = (
    ("dynamic management", "动态管理原则",
     "track changes, drop outdated records, add new ones, re-screen customers"),
    ("focus on the important", "突出重点原则",
     "manage key customers most closely; separate files and strategies per type"),
    ("flexible use", "灵活运用原则",
     "evaluate deals, learn from them, raise results; a named person is responsible"),
)

#: The seven analyses of a customer's dealings with the firm (客户与本公司交易情况分析), S2 §9.2.
ANALYSIS_CONTENT = (
    ("customer composition", "客户构成分析", "composition"),
    ("trading performance", "交易业绩分析", "trading_performance"),
    ("product sales mix", "不同商品的销售构成分析", "product_mix"),
    ("gross-margin rate", "毛利率分析", "cross_ratios"),
    ("stock turnover", "商品周转率分析", "cross_ratios"),
    ("cross ratio", "交叉比率分析", "cross_ratios"),
    ("contribution ratio", "贡献比率分析", "cross_ratios"),
)

#: The four ways of investigating a customer's credit (客户信用调查), S2 §9.2.
CREDIT_SOURCES = (
    ("banks", "通过金融机构（银行）调查", "account conduct, loans, overdrafts"),
    ("credit agencies", "利用专业资信调查机构调查", "a credit report and rating for a fee"),
    ("customers and trade bodies", "通过客户或行业组织调查",
     "reputation among other suppliers and the trade association"),
    ("internal records", "内部调查",
     "our own file: payment days, bad debt, disputes — the one source in our data"),
)

#: The decisions of :func:`credit_review` (交易开始与中止).
TRADE_DECISIONS = (
    ("continue", "继续交易", "no warning sign: trade within the credit limit"),
    ("restrict", "限制交易", "one warning sign: half the limit, collect what is overdue"),
    ("stop", "中止交易", "two or more warning signs: stop delivering on credit"),
)

#: The customer-analysis flow (客户分析的流程), S2 §9.2, with the function for each step.
ANALYSIS_FLOW = (
    ("organise the data", "整理资料", "customer_file"),
    ("analyse the composition", "客户构成分析", "composition"),
    ("grade the customers", "划分客户等级", "grade_customers"),
    ("register the customers", "客户名册登记", "customer_register"),
    ("classify into routes", "对客户进行路序分类", "route_classification"),
    ("plan the visits", "确定客户访问计划", "visit_plan"),
)

#: Three parts of a customer database (客户数据库的构成), S2 §9.4.
DATABASE_PARTS = (
    ("sources", "资料来源",
     ("internal records (orders, invoices, complaints), sales visits, surveys, trade directories, "
      "the web")),
    ("customer categories", "客户类别",
     "resellers vs end users; grade A / B / C; active, lost or prospective"),
    ("contents", "资料内容",
     "basic records, transaction status, relationship and risk — the four sections of the file"),
)

#: The six stages of building a customer database (建立客户数据库的六个阶段), S2 §9.4, in order.
DATABASE_STAGES = (
    ("decide to build a customer database", "做出建立客户数据库的决定"),
    ("collect customer data", "客户资料的搜集"),
    ("fill in a card for each customer", "填写个别客户资料卡内容"),
    ("sort and screen the data", "资料的整理与筛选"),
    ("turn the data into insight", "智慧型信息的完成"),
    ("use the database's information", "灵活使用客户数据库中的信息"),
)

#: The five features of CRM (客户关系管理的特征), S2 §9.4.
CRM_FEATURES = (
    ("analyse customer information", "分析客户信息", "profit, composition, credit, grades"),
    ("integrate the interaction channels", "集成客户互动渠道",
     "visits, phone, mail, web and service desk feed one record"),
    ("support the web", "支持网络运用", "customers and reps reach the data online"),
    ("build a data warehouse", "建设信息仓库", "history of every order, complaint and visit"),
    ("integrate the workflow", "集成工作流程", "sales, service and finance act on the same case"),
)

#: The core of a CRM system (CRM系统的核心), S2 §9.4.
CRM_CORE = ("sales management", "销售管理",
            "extend the firm's systems to the front line, in direct contact with the customer")

#: The main contents of a CRM system (CRM的主要内容), S2 §9.4.
CRM_CONTENTS = (
    ("marketing automation", "营销自动化", "campaigns, segments, leads"),
    ("sales-force automation", "销售过程自动化", "accounts, visits, quotes, orders, pipeline"),
    ("customer service system", "客户服务系统", "complaints, service calls, follow-up"),
)

#: What makes a CRM project work (CRM的实施要点), S2 §9.4.
CRM_IMPLEMENTATION = (
    ("set clear goals", "设定明确的目标", "what the CRM plan must achieve, measurably"),
    ("provide the resources", "提供必需的时间、财力和其他资源", "time, money and people"),
    ("bring the staff along", "使企业员工适应CRM系统", "training and daily use"),
)

_CONCEPTS = {
    "management_objects": MANAGEMENT_OBJECTS, "management_content": MANAGEMENT_CONTENT,
    "management_methods": MANAGEMENT_METHODS, "patrol_actions": PATROL_ACTIONS,
    "follow_up": FOLLOW_UP, "management_principles": MANAGEMENT_PRINCIPLES,
    "analysis_content": ANALYSIS_CONTENT, "credit_sources": CREDIT_SOURCES,
    "trade_decisions": TRADE_DECISIONS, "analysis_flow": ANALYSIS_FLOW,
    "database_parts": DATABASE_PARTS, "database_stages": DATABASE_STAGES,
    "crm_features": CRM_FEATURES, "crm_contents": CRM_CONTENTS,
    "crm_implementation": CRM_IMPLEMENTATION,
}


def concepts(name: str) -> pd.DataFrame:
    """One of the chapter's lists as a table: ``english``, ``chinese`` and ``meaning``.

    ``name`` is one of ``"management_objects"``, ``"management_content"``,
    ``"management_methods"``, ``"patrol_actions"``, ``"follow_up"``, ``"management_principles"``,
    ``"analysis_content"``, ``"credit_sources"``, ``"trade_decisions"``, ``"analysis_flow"``,
    ``"database_parts"``, ``"database_stages"``, ``"crm_features"``, ``"crm_contents"``,
    ``"crm_implementation"``.  Ordered lists (the flow, the six stages) get a ``step`` number.

    Examples
    --------
    >>> concepts("patrol_actions")["chinese"].tolist()
    ['倾听', '教育', '帮助']
    >>> concepts("database_stages")["step"].tolist()
    [1, 2, 3, 4, 5, 6]
    """
    require_choice(name, _CONCEPTS, what="concepts", name="name")
    rows = _CONCEPTS[name]
    cols = ["english", "chinese", "meaning"] if len(rows[0]) == 3 else ["english", "chinese"]
    out = pd.DataFrame(list(rows), columns=cols)
    if name in ("analysis_flow", "analysis_content"):
        out = out.rename(columns={"meaning": "function"})
    if name in ("analysis_flow", "database_stages"):
        out.insert(0, "step", np.arange(1, len(out) + 1))
    return out


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def _is_world(data) -> bool:
    return (not isinstance(data, pd.DataFrame)
            and all(hasattr(data, a) for a in ("customers", "transactions", "complaints")))


def _check_ids(frame: pd.DataFrame, what: str, name: str = "the customers") -> None:
    dup = frame["customer_id"].duplicated()
    if dup.any():
        raise ValueError(f"{what}: customer_id {frame.loc[dup, 'customer_id'].iloc[0]!r} appears "
                         f"twice in {name}; expected one row per customer")


def _mapping(value, defaults: Mapping, *, what: str, name: str, low=0.0, high=None) -> dict:
    """Defaults updated by a user's dict, each value checked as a number in [low, high]."""
    out = dict(defaults)
    if value is None:
        return out
    if not isinstance(value, Mapping):
        raise ValueError(f"{what}: {name} must be a dict such as "
                         f"{{{next(iter(defaults))!r}: {next(iter(defaults.values()))!r}}}; got "
                         f"{type(value).__name__}")
    for k, v in value.items():
        if k not in defaults:
            raise ValueError(f"{what}: {name} has an unknown key {k!r}; expected some of "
                             f"{list(defaults)}")
        require_number(v, what=what, name=f"{name}[{k!r}]", low=low, high=high)
        out[k] = float(v)
    return out


def _positions(ids: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Position of each key in ``ids`` (unique) and whether it is there at all."""
    ids, keys = np.asarray(ids), np.asarray(keys)
    if (len(ids) and ids.dtype.kind in "iu" and keys.dtype.kind in "iu" and ids.min() >= 0
            and ids.max() <= 4 * len(ids) + 1_000_000):
        lut = np.full(int(ids.max()) + 2, -1, dtype="int64")  # a direct look-up table
        lut[ids] = np.arange(len(ids))
        inside = (keys >= 0) & (keys <= ids.max())
        pos = np.full(len(keys), -1, dtype="int64")
        pos[inside] = lut[keys[inside]]
    else:
        pos = pd.Index(ids).get_indexer(keys)
    ok = pos >= 0
    return np.where(ok, pos, 0), ok


def _codes(s: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes and labels of a text or category column (category order kept)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = np.asarray(s.cat.codes)
        used = np.unique(codes[codes >= 0])
        cats = [str(c) for c in s.cat.categories]
        if (codes < 0).any():
            raise ValueError(f"column {s.name!r} has a missing value in row "
                             f"{s.index[int(np.flatnonzero(codes < 0)[0])]!r}")
        remap = np.full(len(cats), -1)
        remap[used] = np.arange(len(used))
        return remap[codes], [cats[i] for i in used]
    if s.isna().any():
        raise ValueError(f"column {s.name!r} has a missing value in row "
                         f"{s.index[int(np.flatnonzero(s.isna().to_numpy())[0])]!r}")
    if pd.api.types.is_numeric_dtype(s):
        codes, uniques = pd.factorize(s.to_numpy(), sort=True)
        return codes, list(uniques)
    codes, uniques = pd.factorize(s.astype("str"), sort=True)
    return codes, [str(u) for u in uniques]


def _group_codes(tx: pd.DataFrame, customers, by: str, what: str) -> tuple[np.ndarray, list[str]]:
    """For each order, the code of its customer's group ``customers[by]``, and the labels."""
    if customers is None:
        raise ValueError(f"{what}: by={by!r} needs customers=... (the customers or the customer "
                         "file) to find each customer's group")
    if not isinstance(customers, pd.DataFrame):
        raise ValueError(f"{what}: customers must be a DataFrame, got {type(customers).__name__}")
    lookup = customers.reset_index() if "customer_id" not in customers.columns else customers
    require_frame(lookup, {"customer_id": "numeric", by: "any"}, what=what)
    _check_ids(lookup, what)
    order = np.argsort(lookup["customer_id"].to_numpy(), kind="stable")
    ids = lookup["customer_id"].to_numpy()[order]
    gcode, names = _codes(lookup[by].iloc[order])
    pos, ok = _positions(ids, tx["customer_id"].to_numpy())
    if not ok.all():
        raise ValueError(f"{what}: customer_id {tx['customer_id'].iloc[int(np.argmin(ok))]!r} "
                         "of the transactions is not in the customers")
    return gcode[pos], names


# ---------------------------------------------------------------------------------------------
# 1. The customer file (客户档案)
# ---------------------------------------------------------------------------------------------

#: Employee size bands of the file: (label, 中文, lowest, highest employees).
SIZE_BANDS = (
    ("micro (1–9)", "微型", 1, 9),
    ("small (10–49)", "小型", 10, 49),
    ("medium (50–249)", "中型", 50, 249),
    ("large (250+)", "大型", 250, None),
)

#: The four sections of the customer file: key → (English, 中文, columns).
FILE_SECTIONS = {
    "basic": ("basic records", "客户基本资料",
              ("customer_type", "segment", "region", "employees", "size_band", "first_purchase",
               "tenure_years", "acquisition_channel")),
    "transactions": ("transaction status", "交易状况",
                     ("orders", "revenue", "gross_margin", "margin_rate", "discount_rate",
                      "revenue_12m", "growth_rate", "last_order", "days_since_order",
                      "product_lines", "main_line")),
    "relationship": ("relationship", "客户关系",
                     ("status", "loyalty", "satisfaction", "cooperativeness", "complaints",
                      "open_complaints", "key_contact_left")),
    "risk": ("risk", "客户风险",
             ("credit_rating", "payment_days", "bad_debt", "disputes", "profit")),
}

#: Label and Chinese term of each column of the customer file.
FILE_LABELS = {
    "customer_type": ("customer type", "客户类型（经销商/终端用户）"),
    "segment": ("industry segment", "行业细分"),
    "region": ("sales region", "销售区域"),
    "employees": ("employees", "员工人数"),
    "size_band": ("size band", "规模"),
    "first_purchase": ("first purchase", "首次购买日期"),
    "tenure_years": ("years as a customer", "合作年限"),
    "acquisition_channel": ("won through", "获客渠道"),
    "orders": ("orders over the data period", "订单数"),
    "revenue": ("net revenue over the data period", "销售收入"),
    "gross_margin": ("gross margin over the data period", "毛利"),
    "margin_rate": ("gross-margin rate", "毛利率"),
    "discount_rate": ("discount rate", "折扣率"),
    "revenue_12m": ("net revenue, last 12 months", "近12个月销售收入"),
    "growth_rate": ("growth per year", "年增长率"),
    "last_order": ("last order", "最近订单日期"),
    "days_since_order": ("days since last order", "距最近订单天数"),
    "product_lines": ("product lines bought", "购买的产品线数"),
    "main_line": ("main product line", "主要产品线"),
    "status": ("status", "状态（在用/流失）"),
    "loyalty": ("loyalty index", "忠诚度"),
    "satisfaction": ("satisfaction (1–5)", "满意度"),
    "cooperativeness": ("cooperativeness (1–5)", "合作性"),
    "complaints": ("complaints over the data period", "投诉次数"),
    "open_complaints": ("unresolved complaints", "未解决投诉"),
    "key_contact_left": ("key contact left", "关键联系人离职"),
    "credit_rating": ("credit rating", "信用等级"),
    "payment_days": ("average payment days", "平均付款天数"),
    "bad_debt": ("bad debt over the data period", "坏账损失"),
    "disputes": ("payment disputes", "纠纷与诉讼次数"),
    "profit": ("profit over the data period", "客户利润"),
}

_FILE_CUSTOMER_COLS = {
    "customer_id": "numeric", "customer_type": "text", "segment": "text", "region": "text",
    "employees": "numeric", "first_purchase": "date", "tenure_years": "numeric",
    "acquisition_channel": "text", "payment_days": "numeric", "credit_rating": "text",
    "cost_to_serve": "numeric", "bad_debt": "numeric", "disputes": "numeric",
    "growth_rate": "numeric", "loyalty": "numeric", "satisfaction": "numeric",
    "cooperativeness": "numeric", "key_contact_left": "bool", "churned": "bool",
}
_FILE_TX_COLS = {"customer_id": "numeric", "date": "date", "product_line": "text",
                 "list_value": "numeric", "discount": "numeric", "revenue": "numeric",
                 "margin": "numeric"}


def _size_band(employees: pd.Series) -> pd.Categorical:
    edges = [-np.inf] + [b[3] for b in SIZE_BANDS[:-1]] + [np.inf]
    return pd.cut(employees.astype("float64"), edges, labels=[b[0] for b in SIZE_BANDS],
                  right=True, ordered=True)


@validated(world={"customers": {"customer_id": "id"}, "transactions": {"customer_id": "id"},
                  "complaints": {"customer_id": "id"}},
           keys={"customers": "customer_id"}, empty_ok=("transactions", "complaints"),
           options={"asof": DateOption()})
def customer_file(data, transactions=None, complaints=None, *, asof=None) -> pd.DataFrame:
    """The customer file (客户档案): one row per customer, in the four sections of customer
    management (客户管理的内容, :data:`MANAGEMENT_CONTENT`).

    * **basic records** (客户基本资料): type (reseller 经销商 / end user), segment, region,
      employees and ``size_band`` (:data:`SIZE_BANDS`), first purchase, tenure, channel;
    * **transaction status** (交易状况): ``orders``, ``revenue``, ``gross_margin`` over all the
      orders; ``margin_rate`` = gross_margin / revenue; ``discount_rate`` = discount / list
      value; ``revenue_12m`` = revenue in the 365 days to ``asof``; ``growth_rate``;
      ``last_order``, ``days_since_order``; ``product_lines`` bought and the ``main_line``
      (the line with the most revenue);
    * **relationship** (客户关系): ``status`` ("active" / "churned"), loyalty, satisfaction,
      cooperativeness, ``complaints`` and ``open_complaints`` (unresolved), key contact left;
    * **risk** (客户风险): credit rating, payment days, bad debt, disputes and ``profit`` as the
      kit defines it (:func:`casekit.selection.customer_profitability`: gross margin − cost to
      serve − bad debt).

    :data:`FILE_SECTIONS` lists the columns of each section, :data:`FILE_LABELS` their labels.
    Customers without orders have zeros and missing dates/rates; orders and complaints of customer
    numbers that are not in the customers are ignored.

    Parameters
    ----------
    data : World or DataFrame
        A casekit World, or the ``customers`` frame (then pass ``transactions``; ``complaints``
        is optional).
    transactions, complaints : DataFrame, optional
        The orders and complaints, when ``data`` is the customers frame.
    asof : date, optional
        The as-of date (default ``None``: the world's, or the end of the orders' last year).

    Returns
    -------
    DataFrame indexed by ``customer_id`` (sorted), columns in section order.

    Examples
    --------
    >>> customers = pd.DataFrame({
    ...     "customer_id": [1, 2], "customer_type": ["reseller", "end user"],
    ...     "segment": ["retail", "services"], "region": ["East", "West"],
    ...     "employees": [8, 120], "first_purchase": pd.to_datetime(["2020-01-01", "2024-07-01"]),
    ...     "tenure_years": [6.0, 1.5], "acquisition_channel": ["telephone", "meetings"],
    ...     "payment_days": [40, 70], "credit_rating": ["A", "C"],
    ...     "cost_to_serve": [100.0, 300.0], "bad_debt": [0.0, 500.0], "disputes": [0, 2],
    ...     "growth_rate": [0.05, 0.2], "loyalty": [0.8, 0.3], "satisfaction": [4.5, 2.5],
    ...     "cooperativeness": [5, 2], "key_contact_left": [False, True],
    ...     "churned": [False, False]})
    >>> tx = pd.DataFrame({
    ...     "customer_id": [1, 1, 2], "date": pd.to_datetime(["2024-03-01", "2025-06-01",
    ...                                                        "2025-02-01"]),
    ...     "product_line": ["consumables", "spare parts", "equipment"],
    ...     "list_value": [1000.0, 500.0, 4000.0], "discount": [0.0, 0.0, 400.0],
    ...     "revenue": [1000.0, 500.0, 3600.0], "margin": [400.0, 250.0, 800.0]})
    >>> f = customer_file(customers, tx)
    >>> print(f[["size_band", "orders", "revenue", "margin_rate", "revenue_12m", "main_line"]]
    ...       .round(3).to_string())  # doctest: +NORMALIZE_WHITESPACE
                       size_band  orders  revenue  margin_rate  revenue_12m    main_line
    customer_id
    1                micro (1–9)       2   1500.0        0.433        500.0  consumables
    2            medium (50–249)       1   3600.0        0.222       3600.0    equipment
    """
    what = "customer_file"
    if _is_world(data):
        if transactions is not None or complaints is not None:
            raise ValueError(f"{what}: pass either a world or the frames, not both")
        customers, tx, comp = data.customers, data.transactions, data.complaints
        asof = asof_of(data) if asof is None else asof
    else:
        if transactions is None:
            raise ValueError(f"{what}: expected a casekit World (e.g. ck.world()) or the customers "
                             f"and transactions frames; got {type(data).__name__} without "
                             "transactions")
        customers, tx, comp = data, transactions, complaints
    asof = pd.Timestamp(asof_of(tx) if asof is None else asof)
    require_frame(customers, _FILE_CUSTOMER_COLS, what=what)
    require_frame(tx, _FILE_TX_COLS, what=what, allow_empty=True)
    if comp is not None:
        require_frame(comp, {"customer_id": "numeric", "resolved": "bool"}, what=what,
                      allow_empty=True)
    _check_ids(customers, what)
    c = customers.set_index("customer_id").sort_index()
    ids = c.index
    out = pd.DataFrame(index=ids)
    for col in FILE_SECTIONS["basic"][2]:
        if col == "size_band":
            out[col] = _size_band(c["employees"])
        else:
            out[col] = c[col]

    n = len(ids)
    pos, ok = _positions(ids.to_numpy(), tx["customer_id"].to_numpy())
    pos = pos[ok]

    def total(col, mask=None):
        w = tx[col].to_numpy(dtype="float64")[ok]
        p = pos
        if mask is not None:
            w, p = w[mask], pos[mask]
        return np.bincount(p, weights=w, minlength=n)

    rev, lv, disc, mar = (total(col) for col in ("revenue", "list_value", "discount", "margin"))
    out["orders"] = np.bincount(pos, minlength=n).astype("int64")
    out["revenue"] = rev
    out["gross_margin"] = mar
    out["margin_rate"] = np.divide(mar, rev, out=np.full(n, np.nan), where=rev > 0)
    out["discount_rate"] = np.divide(disc, lv, out=np.full(n, np.nan), where=lv > 0)
    dates = tx["date"].to_numpy(dtype="datetime64[ns]")[ok]
    recent = ((dates > np.datetime64(asof - pd.Timedelta(days=365), "ns"))
              & (dates <= np.datetime64(asof, "ns")))
    out["revenue_12m"] = total("revenue", recent)
    out["growth_rate"] = c["growth_rate"]
    last = np.full(n, np.iinfo("int64").min, dtype="int64")
    np.maximum.at(last, pos, dates.astype("int64"))
    last_order = pd.Series(np.where(last == np.iinfo("int64").min, np.datetime64("NaT", "ns"),
                                    last.astype("datetime64[ns]")), index=ids)
    out["last_order"] = last_order.astype(tx["date"].dtype)
    out["days_since_order"] = (asof - out["last_order"]).dt.days.astype("float64")
    lcode, lnames = _codes(tx["product_line"]) if len(tx) else (np.zeros(0, "int64"), [])
    lines = list(terms.english(terms.PRODUCT_LINES))
    lines += [x for x in lnames if x not in lines]
    code = np.array([lines.index(x) for x in lnames], dtype="int64")[lcode][ok]
    k = len(lines)
    mix = np.bincount(pos * k + code, weights=tx["revenue"].to_numpy(dtype="float64")[ok],
                      minlength=n * k).reshape(n, k)
    out["product_lines"] = (mix > 0).sum(axis=1).astype("int64")
    main = np.where((mix > 0).any(axis=1), mix.argmax(axis=1), -1)
    out["main_line"] = pd.Categorical.from_codes(main, categories=lines)

    out["status"] = pd.Categorical(np.where(c["churned"].to_numpy(), "churned", "active"),
                                   categories=["active", "churned"])
    for col in ("loyalty", "satisfaction", "cooperativeness"):
        out[col] = c[col]
    if comp is not None and len(comp):
        cpos, cok = _positions(ids.to_numpy(), comp["customer_id"].to_numpy())
        out["complaints"] = np.bincount(cpos[cok], minlength=n).astype("int64")
        unresolved = ~comp["resolved"].to_numpy(dtype=bool)[cok]
        out["open_complaints"] = np.bincount(cpos[cok][unresolved], minlength=n).astype("int64")
    else:
        out["complaints"] = 0
        out["open_complaints"] = 0
    out["key_contact_left"] = c["key_contact_left"]

    for col in ("credit_rating", "payment_days", "bad_debt", "disputes"):
        out[col] = c[col]
    if len(tx):
        profit = customer_profitability(customers, tx, active_only=False, asof=asof)["profit"]
        out["profit"] = profit.reindex(ids).to_numpy()
    else:
        out["profit"] = -(c["bad_debt"]).to_numpy()
    return out


def customer_card(file: pd.DataFrame, customer_id) -> pd.DataFrame:
    """One customer's card (客户资料卡): the file's row laid out section by section.

    Returns a table with columns ``section``, ``item``, ``chinese`` and ``value`` (values
    formatted as text: money in CNY, rates in %, dates as YYYY-MM-DD).

    Examples
    --------
    >>> file = pd.DataFrame({"customer_type": ["reseller"], "revenue": [12345.6],
    ...                      "margin_rate": [0.25], "credit_rating": ["B"]},
    ...                     index=pd.Index([7], name="customer_id"))
    >>> print(customer_card(file, 7).to_string())  # doctest: +NORMALIZE_WHITESPACE
                  section                              item         chinese       value
    0       basic records                     customer type  客户类型（经销商/终端用户）    reseller
    1  transaction status  net revenue over the data period            销售收入  CNY 12,346
    2  transaction status                 gross-margin rate             毛利率       25.0%
    3                risk                     credit rating            信用等级           B
    """
    what = "customer_card"
    if not isinstance(file, pd.DataFrame):
        raise ValueError(f"{what}: expected the customer file (a DataFrame from customer_file), "
                         f"got {type(file).__name__}")
    try:
        key = int(customer_id)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: customer_id={customer_id!r} is not a customer number") from None
    if isinstance(customer_id, bool) or key not in file.index:
        raise ValueError(f"{what}: customer_id={customer_id!r} is not in the file (its customer "
                         f"numbers run from {file.index.min()} to {file.index.max()})")
    row = file.loc[key]
    money = {"revenue", "gross_margin", "revenue_12m", "bad_debt", "profit"}
    rates = {"margin_rate", "discount_rate", "growth_rate"}
    rows = []
    for section, _zh, cols in FILE_SECTIONS.values():
        for col in cols:
            if col not in file.columns:
                continue
            v = row[col]
            if pd.isna(v):
                text = "—"
            elif col in money:
                text = cny(float(v))
            elif col in rates:
                text = f"{float(v):.1%}"
            elif isinstance(v, pd.Timestamp):
                text = v.strftime("%Y-%m-%d")
            elif isinstance(v, (bool, np.bool_)):
                text = "yes" if v else "no"
            elif isinstance(v, (float, np.floating)):
                text = f"{float(v):,.2f}".rstrip("0").rstrip(".") if float(v) % 1 else f"{v:,.0f}"
            else:
                text = str(v)
            label, zh = FILE_LABELS.get(col, (col, ""))
            rows.append((section, label, zh, text))
    return pd.DataFrame(rows, columns=["section", "item", "chinese", "value"])


def type_files(file: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Separate files for resellers (经销商: firms that resell our products) and end users
    (终端用户: firms that use them), each sorted by revenue, largest first.

    Examples
    --------
    >>> file = pd.DataFrame({"customer_type": ["reseller", "end user", "reseller"],
    ...                      "revenue": [10.0, 30.0, 20.0]},
    ...                     index=pd.Index([1, 2, 3], name="customer_id"))
    >>> {k: v.index.tolist() for k, v in type_files(file).items()}
    {'reseller': [3, 1], 'end user': [2]}
    """
    require_frame(file, {"customer_type": "text", "revenue": "numeric"}, what="type_files")
    return {t: file[file["customer_type"].astype("str") == t]
            .sort_values("revenue", ascending=False, kind="stable")
            for t in terms.english(terms.CUSTOMER_TYPES)}


# ---------------------------------------------------------------------------------------------
# 2. Composition, performance, product mix (客户构成、交易业绩、销售构成)
# ---------------------------------------------------------------------------------------------

def _by_list(by, frame, what) -> list[str]:
    cols = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else None
    if not cols:
        raise ValueError(f"{what}: by={by!r} must be a column name such as 'segment' or a list "
                         "of names")
    require_frame(frame, {c: "any" for c in cols}, what=what)
    return cols


def composition(file: pd.DataFrame, by="segment", *, value="revenue", margin="gross_margin",
                active_only: bool = False) -> pd.DataFrame:
    """Customer composition (客户构成分析): how customers and their business split by a trait.

    For each group of ``by`` (one column or a list, e.g. ``"segment"``, ``"region"``,
    ``"customer_type"``, ``"size_band"``): ``customers``, ``customer_share``, ``value`` and
    ``value_share`` (named after ``value``), ``margin`` and ``margin_rate`` = margin / value, and
    ``per_customer`` = value / customers.  Groups of a category that have no customers show
    zeros.  Shares compare the group's weight in numbers with its weight in business.

    Examples
    --------
    >>> file = pd.DataFrame({"customer_type": ["reseller", "end user", "end user", "end user"],
    ...                      "revenue": [600.0, 200.0, 100.0, 100.0],
    ...                      "gross_margin": [120.0, 80.0, 40.0, 40.0]})
    >>> print(composition(file, "customer_type").to_string())  # doctest: +NORMALIZE_WHITESPACE
                   customers  customer_share  revenue  revenue_share  gross_margin  margin_rate  per_customer
    customer_type
    end user               3            0.75    400.0            0.4         160.0          0.4    133.333333
    reseller               1            0.25    600.0            0.6         120.0          0.2    600.000000
    """
    what = "composition"
    cols = _by_list(by, file, what)
    require_frame(file, {value: "numeric", margin: "numeric"}, what=what)
    require_choice(active_only, (True, False), what=what, name="active_only")
    f = file
    if active_only:
        require_frame(file, {"status": "text"}, what=what)
        f = file[file["status"].astype("str") == "active"]
    g = f.groupby(cols, observed=False, sort=True)
    out = pd.DataFrame({"customers": g.size()})
    out[value] = g[value].sum()
    out[margin] = g[margin].sum()
    out = out.fillna(0.0)
    out["customers"] = out["customers"].astype("int64")
    n, total = out["customers"].sum(), out[value].sum()
    out.insert(1, "customer_share", out["customers"] / n if n else 0.0)
    out.insert(3, f"{value}_share", out[value] / total if total else 0.0)
    v, m, k = out[value].to_numpy(), out[margin].to_numpy(), out["customers"].to_numpy()
    out["margin_rate"] = np.divide(m, v, out=np.full(len(out), np.nan), where=v > 0)
    out["per_customer"] = np.divide(v, k, out=np.zeros(len(out)), where=k > 0)
    return out


def trading_performance(transactions: pd.DataFrame, *, customers=None, by="customer_id",
                        before: int | None = None, after: int | None = None) -> pd.DataFrame:
    """Trading performance (交易业绩分析) per customer or per group, year on year.

    For each customer (``by="customer_id"``) or group of ``customers[by]`` (e.g. ``"segment"``):
    revenue in ``before`` and in ``after``, ``growth`` = after / before − 1 (missing when there
    was no revenue before), ``orders`` and ``average_order`` (revenue per order) in ``after``,
    ``margin_rate`` in ``after`` and ``share`` of all revenue in ``after``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 2, 2],
    ...                    "date": pd.to_datetime(["2024-05-01", "2025-05-01", "2024-01-01",
    ...                                            "2025-01-01", "2025-02-01"]),
    ...                    "revenue": [100.0, 150.0, 200.0, 100.0, 100.0],
    ...                    "margin": [40.0, 60.0, 50.0, 20.0, 30.0]})
    >>> print(trading_performance(tx).round(2).to_string())  # doctest: +NORMALIZE_WHITESPACE
                 revenue_2024  revenue_2025  growth  orders_2025  average_order  margin_rate  share
    customer_id
    1                   100.0         150.0     0.5            1          150.0         0.40   0.43
    2                   200.0         200.0     0.0            2          100.0         0.25   0.57
    """
    what = "trading_performance"
    require_frame(transactions, {"customer_id": "numeric", "date": "date", "revenue": "numeric",
                                 "margin": "numeric"}, what=what)
    if (before is None or after is None) and len(transactions):
        last2 = last_years(transactions, 2)
        before = last2[0] if before is None else before
        after = last2[1] if after is None else after
    for name, y in (("before", before), ("after", after)):
        require_number(y, what=what, name=name, low=1900, high=2200, integer=True)
    if before >= after:
        raise ValueError(f"{what}: before={before} must be an earlier year than after={after}")
    tx = transactions
    if by == "customer_id":
        key, names = _codes(tx["customer_id"])
    else:
        key, names = _group_codes(tx, customers, by, what)
    k = len(names)
    year = tx["date"].dt.year.to_numpy()
    rev = tx["revenue"].to_numpy(dtype="float64")
    mar = tx["margin"].to_numpy(dtype="float64")
    mb, ma = year == before, year == after
    b = np.bincount(key[mb], weights=rev[mb], minlength=k)
    a = np.bincount(key[ma], weights=rev[ma], minlength=k)
    m = np.bincount(key[ma], weights=mar[ma], minlength=k)
    o = np.bincount(key[ma], minlength=k)
    keep = np.bincount(key[mb | ma], minlength=k) > 0
    out = pd.DataFrame({f"revenue_{before}": b, f"revenue_{after}": a},
                       index=pd.Index(names, name=by))
    out["growth"] = np.divide(a, b, out=np.full(k, np.nan), where=b > 0) - 1
    out[f"orders_{after}"] = o.astype("int64")
    out["average_order"] = np.divide(a, o, out=np.zeros(k), where=o > 0)
    out["margin_rate"] = np.divide(m, a, out=np.full(k, np.nan), where=a > 0)
    out["share"] = a / a.sum() if a.sum() > 0 else 0.0
    return out[keep]


def product_mix(transactions: pd.DataFrame, *, customers=None, by=None, value="revenue"
                ) -> pd.DataFrame:
    """Product sales mix (不同商品的销售构成): what each product line (产品线) adds to the sales.

    Without ``by``: one row per product line with ``value``, its ``share``, ``gross_margin``,
    ``margin_share`` and ``margin_rate``.  With ``by`` (a column of ``customers``, e.g.
    ``"customer_type"``): a table of shares — one row per group, one column per product line,
    each row summing to 1.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                    "product_line": ["equipment", "services", "services"],
    ...                    "revenue": [600.0, 100.0, 300.0], "margin": [120.0, 50.0, 150.0]})
    >>> product_mix(tx)  # doctest: +NORMALIZE_WHITESPACE
                  revenue  share  gross_margin  margin_share  margin_rate
    product_line
    equipment       600.0    0.6         120.0         0.375          0.2
    services        400.0    0.4         200.0         0.625          0.5
    >>> cust = pd.DataFrame({"customer_id": [1, 2], "customer_type": ["reseller", "end user"]})
    >>> product_mix(tx, customers=cust, by="customer_type")  # doctest: +NORMALIZE_WHITESPACE
    product_line   equipment  services
    customer_type
    end user        0.000000  1.000000
    reseller        0.857143  0.142857
    """
    what = "product_mix"
    require_frame(transactions, {"customer_id": "numeric", "product_line": "text",
                                 value: "numeric", "margin": "numeric"}, what=what)
    tx = transactions
    if by is None:
        g = tx.groupby("product_line", observed=True, sort=True)
        out = pd.DataFrame({value: g[value].sum()})
        out["share"] = out[value] / out[value].sum()
        out["gross_margin"] = g["margin"].sum()
        out["margin_share"] = out["gross_margin"] / out["gross_margin"].sum()
        v = out[value].to_numpy()
        out["margin_rate"] = np.divide(out["gross_margin"].to_numpy(), v,
                                       out=np.full(len(out), np.nan), where=v != 0)
        return out
    key, names = _group_codes(tx, customers, by, what)
    lcode, lnames = _codes(tx["product_line"])
    k, m = len(names), len(lnames)
    cube = np.bincount(key * m + lcode, weights=tx[value].to_numpy(dtype="float64"),
                       minlength=k * m).reshape(k, m)
    table = pd.DataFrame(cube, index=pd.Index(names, name=by),
                         columns=pd.Index(lnames, name="product_line"))
    table = table[table.sum(axis=1) != 0]
    return table.div(table.sum(axis=1), axis=0)


# ---------------------------------------------------------------------------------------------
# 3. Gross-margin rate, turnover, cross ratio, contribution ratio
# ---------------------------------------------------------------------------------------------

#: The inventory assumption (an assumption, not data): days of cover (库存天数) each product line
#: holds, as days of its cost of goods.  Equipment is stocked for display and quick delivery,
#: consumables are replenished often, spare parts must cover many slow-moving items, and
#: services hold only the parts and materials used on jobs.
DAYS_OF_COVER = {"equipment": 60.0, "consumables": 45.0, "spare parts": 120.0, "services": 15.0}


def cross_ratios(transactions: pd.DataFrame, *, customers=None, by="product_line",
                 days_of_cover=None, years=None) -> pd.DataFrame:
    """Gross-margin rate, stock turnover, cross ratio and contribution ratio per product line or
    per customer group.

    With yearly figures (the period's sums divided by its number of calendar years):

    * gross-margin rate (毛利率) = gross margin / revenue;
    * average inventory (平均库存, at cost) = Σ over product lines of yearly cost of goods ×
      days of cover / 365 — **an assumption** (:data:`DAYS_OF_COVER`; change it with
      ``days_of_cover={"spare parts": 90}``), since the data holds no stock;
    * stock turnover (商品周转率) = yearly revenue / average inventory (times a year);
    * cross ratio (交叉比率) = gross-margin rate × turnover = yearly gross margin / average
      inventory: the margin earned per yuan of stock, so a low-margin line that turns fast can
      beat a high-margin line that sits on the shelf;
    * contribution ratio (贡献比率) = cross ratio × sales share (销售构成比): how much the group
      adds to the whole, weighing its cross ratio by its weight in sales.

    ``by="product_line"`` gives one row per line; any other ``by`` (a column of ``customers``,
    e.g. ``"segment"``) gives one row per customer group, whose inventory is the stock its
    purchases tie up, line by line.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 2], "date": pd.to_datetime(["2025-03-01"] * 2),
    ...                    "product_line": ["equipment", "consumables"],
    ...                    "revenue": [1000.0, 1000.0], "cost": [800.0, 600.0],
    ...                    "margin": [200.0, 400.0]})
    >>> r = cross_ratios(tx, days_of_cover={"equipment": 73, "consumables": 36.5})
    >>> print(r[["margin_rate", "avg_inventory", "turnover", "cross_ratio", "sales_share",
    ...          "contribution"]].round(4).to_string())  # doctest: +NORMALIZE_WHITESPACE
                  margin_rate  avg_inventory  turnover  cross_ratio  sales_share  contribution
    product_line
    consumables           0.4           60.0   16.6667       6.6667          0.5        3.3333
    equipment             0.2          160.0    6.2500       1.2500          0.5        0.6250
    """
    what = "cross_ratios"
    require_frame(transactions, {"customer_id": "numeric", "date": "date", "product_line": "text",
                                 "revenue": "numeric", "cost": "numeric", "margin": "numeric"},
                  what=what)
    days = _mapping(days_of_cover, DAYS_OF_COVER, what=what, name="days_of_cover", low=0.5,
                    high=730)
    tx = transactions
    if years is not None:
        ys = [years] if isinstance(years, (int, np.integer)) and not isinstance(years, bool) \
            else years
        try:
            ys = sorted({int(y) for y in ys})
        except (TypeError, ValueError):
            raise ValueError(f"{what}: years={years!r} must be a calendar year or a list of "
                             "years") from None
        tx = tx[tx["date"].dt.year.isin(ys)]
        if not len(tx):
            raise ValueError(f"{what}: no orders in years={years!r}")
    n_years = tx["date"].dt.year.nunique()
    lcode, lnames = _codes(tx["product_line"])
    unknown = [x for x in lnames if x not in days]
    if unknown:
        raise ValueError(f"{what}: product line {unknown[0]!r} has no days of cover; expected "
                         f"lines {list(days)}")
    cost = tx["cost"].to_numpy(dtype="float64")
    stock = cost * np.array([days[x] for x in lnames])[lcode] / 365.0
    if by == "product_line":
        key, names = lcode, lnames
    else:
        key, names = _group_codes(tx, customers, by, what)
    k = len(names)
    sums = {name: np.bincount(key, weights=w, minlength=k) / n_years for name, w in (
        ("revenue", tx["revenue"].to_numpy(dtype="float64")), ("cost", cost),
        ("gross_margin", tx["margin"].to_numpy(dtype="float64")), ("stock", stock))}
    out = pd.DataFrame(sums, index=pd.Index(names, name=by))
    out = out[np.bincount(key, minlength=k) > 0]
    out = out.rename(columns={"stock": "avg_inventory"})
    out.insert(3, "margin_rate", out["gross_margin"] / out["revenue"])
    out.insert(4, "days_of_cover", out["avg_inventory"] / out["cost"] * 365.0)
    out["turnover"] = out["revenue"] / out["avg_inventory"]
    out["cross_ratio"] = out["margin_rate"] * out["turnover"]
    out["sales_share"] = out["revenue"] / out["revenue"].sum()
    out["contribution"] = out["cross_ratio"] * out["sales_share"]
    return out


# ---------------------------------------------------------------------------------------------
# 4. Credit investigation, opening and stopping trade (信用调查、交易开始与中止)
# ---------------------------------------------------------------------------------------------

#: Share of the base credit limit granted per credit rating (信用等级).
RATING_FACTOR = {"A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25}


def credit_review(file: pd.DataFrame, *, max_payment_days: float = 75, max_disputes: int = 2,
                  months_of_sales: float = 2.0, rating_factor=None, trial_factor: float = 0.5,
                  active_only: bool = True) -> pd.DataFrame:
    """Credit review from internal records (内部调查): credit limit, and whether to stop trade.

    Four warning signs, each a column ``flag_*``:

    * ``rating`` — credit rating D (the agencies' and banks' verdict, 信用等级);
    * ``late`` — average payment days above ``max_payment_days``;
    * ``bad_debt`` — any bad debt written off;
    * ``disputes`` — at least ``max_disputes`` payment disputes or lawsuits.

    ``decision`` (:data:`TRADE_DECISIONS`): "continue" with no sign, "restrict" with one, "stop"
    (中止交易) with two or more; ``signs`` counts them and ``reasons`` names them.
    ``credit_limit`` = ``months_of_sales`` × monthly revenue (revenue of the last 12 months over
    the months the customer was with us in them, at least 1) × the rating's factor
    (:data:`RATING_FACTOR`) — halved for "restrict", zero for "stop", and × ``trial_factor`` for a
    customer in its first year (opening trade, 交易开始: a new customer starts on a trial limit).

    Examples
    --------
    >>> file = pd.DataFrame({
    ...     "credit_rating": ["A", "C", "D"], "payment_days": [40, 80, 95],
    ...     "bad_debt": [0.0, 0.0, 900.0], "disputes": [0, 1, 3],
    ...     "revenue_12m": [12000.0, 6000.0, 24000.0], "tenure_years": [5.0, 0.5, 3.0],
    ...     "status": ["active"] * 3}, index=pd.Index([1, 2, 3], name="customer_id"))
    >>> print(credit_review(file)[["signs", "decision", "reasons", "credit_limit"]].to_string())
    ... # doctest: +NORMALIZE_WHITESPACE
                 signs  decision                             reasons  credit_limit
    customer_id
    1                0  continue                                               2000.0
    2                1  restrict                          pays late         250.0
    3                4      stop  rating D, pays late, bad debt, disputes           0.0
    """
    what = "credit_review"
    require_frame(file, {"credit_rating": "text", "payment_days": "numeric", "bad_debt": "numeric",
                         "disputes": "numeric", "revenue_12m": "numeric",
                         "tenure_years": "numeric"}, what=what)
    require_number(max_payment_days, what=what, name="max_payment_days", low=0, high=365)
    require_number(max_disputes, what=what, name="max_disputes", low=1, high=100, integer=True)
    require_number(months_of_sales, what=what, name="months_of_sales", low=0, high=24)
    require_number(trial_factor, what=what, name="trial_factor", low=0, high=1)
    require_choice(active_only, (True, False), what=what, name="active_only")
    factors = _mapping(rating_factor, RATING_FACTOR, what=what, name="rating_factor", low=0,
                       high=1)
    f = file
    if active_only and "status" not in f.columns:
        raise ValueError(f"{what}: active_only=True needs a 'status' column ('active' / 'churned'), "
                         "as customer_file makes; pass active_only=False to grade every customer")
    if active_only:
        f = f[f["status"].astype("str") == "active"]
    rating = f["credit_rating"].astype("str")
    bad = ~rating.isin(list(factors))
    if bad.any():
        raise ValueError(f"{what}: column 'credit_rating' holds {rating[bad].iloc[0]!r}; expected "
                         f"one of {list(factors)}")
    out = pd.DataFrame(index=f.index)
    for col in ("credit_rating", "payment_days", "bad_debt", "disputes", "revenue_12m"):
        out[col] = f[col]
    flags = {
        "rating": (rating == "D").to_numpy(),
        "late": (f["payment_days"] > max_payment_days).to_numpy(),
        "bad_debt": (f["bad_debt"] > 0).to_numpy(),
        "disputes": (f["disputes"] >= max_disputes).to_numpy(),
    }
    labels = {"rating": "rating D", "late": "pays late", "bad_debt": "bad debt",
              "disputes": "disputes"}
    for k, v in flags.items():
        out[f"flag_{k}"] = v
    count = np.sum(list(flags.values()), axis=0)
    out["signs"] = count.astype("int64")
    text = pd.Series("", index=out.index, dtype="str")
    for k, v in flags.items():
        sep = np.where(text.str.len().to_numpy() > 0, ", ", "")
        text = text.where(~v, text + sep + labels[k])
    out["reasons"] = text
    out["decision"] = pd.Categorical(np.select([count >= 2, count == 1], ["stop", "restrict"],
                                               "continue"),
                                     categories=[d[0] for d in TRADE_DECISIONS], ordered=True)
    months = np.clip(f["tenure_years"].to_numpy(dtype="float64") * 12.0, 1.0, 12.0)
    limit = (months_of_sales * f["revenue_12m"].to_numpy() / months
             * rating.map(factors).to_numpy(dtype="float64"))
    limit = np.where(count >= 2, 0.0, np.where(count == 1, 0.5 * limit, limit))
    limit = np.where(f["tenure_years"].to_numpy() < 1.0, trial_factor * limit, limit)
    out["credit_limit"] = np.round(limit, 0)
    return out


# ---------------------------------------------------------------------------------------------
# 5. The analysis flow: grade → register → routes → visit plan
# ---------------------------------------------------------------------------------------------

def grade_customers(file: pd.DataFrame, *, value="revenue_12m", cutoffs=(0.7, 0.9),
                    active_only: bool = True) -> pd.DataFrame:
    """Grade customers (划分客户等级) A, B, C by their share of ``value``.

    The ABC rule of chapter 4 (:func:`casekit.tiering.abc`): customers ranked by ``value``
    (default: revenue of the last 12 months); a customer is A while the cumulative share of those
    ranked before it is below ``cutoffs[0]``, B while below ``cutoffs[1]``, else C.  Returns the
    file's rows (active customers only by default), largest first, with ``grade`` (ordered
    category A < B < C) and ``value_share`` (cumulative).

    Examples
    --------
    >>> file = pd.DataFrame({"revenue_12m": [500.0, 100.0, 300.0, 60.0, 40.0],
    ...                      "status": ["active"] * 5},
    ...                     index=pd.Index([1, 2, 3, 4, 5], name="customer_id"))
    >>> grade_customers(file)[["revenue_12m", "value_share", "grade"]]  # doctest: +NORMALIZE_WHITESPACE
                 revenue_12m  value_share grade
    customer_id
    1                  500.0         0.50     A
    3                  300.0         0.80     A
    2                  100.0         0.90     B
    4                   60.0         0.96     C
    5                   40.0         1.00     C
    """
    what = "grade_customers"
    require_frame(file, {value: "numeric"}, what=what)
    require_choice(active_only, (True, False), what=what, name="active_only")

    f = file
    if active_only and "status" not in f.columns:
        raise ValueError(f"{what}: active_only=True needs a 'status' column ('active' / 'churned'), "
                         "as customer_file makes; pass active_only=False to grade every customer")
    if active_only and "status" in f.columns:
        f = f[f["status"].astype("str") == "active"]
        if not len(f):
            raise ValueError(f"{what}: no active customers in the file")
    ids = f.index.to_numpy()
    table = abc(pd.DataFrame({"customer_id": ids, value: f[value].to_numpy()}), value=value,
                cutoffs=cutoffs)
    out = f.loc[table["customer_id"].to_numpy()].copy()
    out["value_share"] = table["value_share"].to_numpy()
    out["grade"] = pd.Categorical(table["abc"].astype("str").to_numpy(),
                                  categories=["A", "B", "C"], ordered=True)
    return out


_REGION_CODE = {"North": "N", "East": "E", "South": "S", "Central": "C", "West": "W"}


def customer_register(graded: pd.DataFrame, *, value="revenue_12m", key_accounts_per_rep: int = 15
                      ) -> pd.DataFrame:
    """The customer register (客户名册): every graded customer with a register number and a rep.

    Sorted by region, grade and ``value`` (largest first).  ``register_no`` reads
    region · type · grade · number, e.g. ``E-R-A-0001`` = East, reseller, grade A, first.
    ``account_rep``: relationship management (关系管理) gives each big customer a dedicated rep —
    every grade-A customer gets a key-account rep of its region, each rep looking after at most
    ``key_accounts_per_rep`` of them (the default 15: weekly visits of 90 minutes plus travel take
    about 120 hours a month, leaving time for account work); grades B and C are served by the
    region's territory team.

    Examples
    --------
    >>> graded = pd.DataFrame({"region": ["East", "East", "West"],
    ...                        "customer_type": ["reseller", "end user", "end user"],
    ...                        "segment": ["retail"] * 3, "grade": ["A", "C", "A"],
    ...                        "revenue_12m": [900.0, 50.0, 700.0]},
    ...                       index=pd.Index([11, 12, 13], name="customer_id"))
    >>> customer_register(graded)[["register_no", "account_rep"]]  # doctest: +NORMALIZE_WHITESPACE
                register_no           account_rep
    customer_id
    11           E-R-A-0001  East key-account rep 1
    12           E-E-C-0001   East territory team
    13           W-E-A-0001  West key-account rep 1
    """
    what = "customer_register"
    require_frame(graded, {"region": "text", "customer_type": "text", "segment": "text",
                           "grade": "text", value: "numeric"}, what=what)
    require_number(key_accounts_per_rep, what=what, name="key_accounts_per_rep", low=1,
                   high=1000, integer=True)
    region = graded["region"].astype("str")
    unknown = ~region.isin(list(_REGION_CODE))
    if unknown.any():
        raise ValueError(f"{what}: column 'region' holds {region[unknown].iloc[0]!r}; expected one "
                         f"of {list(_REGION_CODE)}")
    cols = ["customer_type", "segment", "region", "grade", value]
    out = graded[cols].copy()
    out["_region"] = region.to_numpy()
    out["_grade"] = graded["grade"].astype("str").to_numpy()
    out = out.sort_values(["_region", "_grade", value], ascending=[True, True, False],
                          kind="stable")
    seq = out.groupby(["_region", "_grade"], sort=False).cumcount() + 1
    ctype = out["customer_type"].astype("str").str[0].str.upper()
    out.insert(0, "register_no", out["_region"].map(_REGION_CODE) + "-" + ctype + "-"
               + out["_grade"] + "-" + seq.astype("str").str.zfill(4))
    rep_no = (seq - 1) // key_accounts_per_rep + 1
    out["account_rep"] = np.where(out["_grade"] == "A",
                                  out["_region"] + " key-account rep " + rep_no.astype("str"),
                                  out["_region"] + " territory team")
    order = {r: i for i, r in enumerate(terms.english(terms.REGIONS))}
    out = out.assign(_o=out["_region"].map(order)).sort_values(
        ["_o", "_grade", value], ascending=[True, True, False], kind="stable")
    return out.drop(columns=["_region", "_grade", "_o"])


_R2 = (0.7548776662466927, 0.5698402909980532)  # the R2 low-discrepancy sequence (plastic number)


def customer_locations(customers, *, radius_km: float = 60.0) -> pd.DataFrame:
    """A stand-in address for each customer: its position around its region's sales office.

    The synthetic data has no addresses, so this is **an assumption** made to teach route
    planning: customer number ``i`` sits at bearing 360° · frac(0.7549 · i) (clockwise from north)
    and distance ``radius_km`` · √frac(0.5698 · i) from the office (the R2 low-discrepancy
    sequence: positions spread evenly over a disc and never change).  Accepts a frame indexed by
    ``customer_id`` (or with that column) and returns ``bearing_deg``, ``distance_km``, ``x_km``
    (east) and ``y_km`` (north).

    Examples
    --------
    >>> customer_locations(pd.DataFrame({"customer_id": [1, 2]})).round(1)  # doctest: +NORMALIZE_WHITESPACE
                 bearing_deg  distance_km  x_km  y_km
    customer_id
    1                  271.8         45.3 -45.3   1.4
    2                  183.5         22.4  -1.4 -22.4
    """
    what = "customer_locations"
    require_number(radius_km, what=what, name="radius_km", low=0.1, high=10_000)
    if not isinstance(customers, pd.DataFrame):
        raise ValueError(f"{what}: expected a DataFrame of customers, got "
                         f"{type(customers).__name__}")
    if "customer_id" in customers.columns:
        require_frame(customers, {"customer_id": "numeric"}, what=what)
        ids = pd.Index(customers["customer_id"].to_numpy(), name="customer_id")
    elif customers.index.name == "customer_id":
        ids = customers.index
    else:
        raise ValueError(f"{what}: the data has no column 'customer_id' and is not indexed by it")
    i = ids.to_numpy(dtype="float64")
    bearing = np.mod(i * _R2[0], 1.0) * 360.0
    dist = radius_km * np.sqrt(np.mod(i * _R2[1], 1.0))
    rad = np.deg2rad(bearing)
    return pd.DataFrame({"bearing_deg": bearing, "distance_km": dist,
                         "x_km": dist * np.sin(rad), "y_km": dist * np.cos(rad)}, index=ids)


def route_classification(register: pd.DataFrame, *, customers_per_route: int = 40,
                         radius_km: float = 60.0) -> pd.DataFrame:
    """Route classification (路序分类): group each region's customers into visit routes.

    A sweep around the region's sales office: customers are sorted by bearing
    (:func:`customer_locations`), and the circle is cut into
    ``ceil(customers in region / customers_per_route)`` routes of (nearly) equal numbers of
    customers, so each route is one slice of the region.  Within a route, ``stop`` numbers the
    customers in bearing order.  Route names read region-number, e.g. ``East-3``.

    Returns the register with ``bearing_deg``, ``distance_km``, ``x_km``, ``y_km``, ``route`` and
    ``stop``, sorted by region, route and stop.

    Examples
    --------
    >>> reg = pd.DataFrame({"region": ["East"] * 4},
    ...                    index=pd.Index([1, 2, 3, 4], name="customer_id"))
    >>> route_classification(reg, customers_per_route=2)[["bearing_deg", "route", "stop"]].round(0)  # doctest: +NORMALIZE_WHITESPACE
                 bearing_deg   route  stop
    customer_id
    4                    7.0  East-1     1
    3                   95.0  East-1     2
    2                  184.0  East-2     1
    1                  272.0  East-2     2
    """
    what = "route_classification"
    require_frame(register, {"region": "text"}, what=what)
    require_number(customers_per_route, what=what, name="customers_per_route", low=1,
                   high=1_000_000, integer=True)
    loc = customer_locations(register if "customer_id" in register.columns else
                             register.rename_axis("customer_id"), radius_km=radius_km)
    out = register.copy()
    for col in loc.columns:
        out[col] = loc[col].to_numpy()
    region = out["region"].astype("str")
    out["_region"] = region.to_numpy()
    out = out.sort_values(["_region", "bearing_deg"], kind="stable")
    rank = out.groupby("_region", sort=False).cumcount().to_numpy()
    n = out.groupby("_region", sort=False)["_region"].transform("size").to_numpy()
    n_routes = np.ceil(n / customers_per_route).astype("int64")
    k = rank * n_routes // n + 1
    out["route"] = out["_region"] + "-" + pd.Series(k, index=out.index).astype("str")
    out["_k"] = k
    out["stop"] = out.groupby(["_region", "_k"], sort=False).cumcount().to_numpy() + 1
    order = {r: i for i, r in enumerate(terms.english(terms.REGIONS))}
    out["_o"] = out["_region"].map(order).fillna(len(order))
    out = out.sort_values(["_o", "_region", "_k", "stop"], kind="stable")
    return out.drop(columns=["_region", "_k", "_o"])


def route_table(routes: pd.DataFrame) -> pd.DataFrame:
    """The routes of :func:`route_classification`: customers, grades and the bearing range each
    route covers (``from_deg`` to ``to_deg``, clockwise from north).

    Examples
    --------
    >>> reg = pd.DataFrame({"region": ["East"] * 4, "grade": ["A", "B", "C", "C"]},
    ...                    index=pd.Index([1, 2, 3, 4], name="customer_id"))
    >>> route_table(route_classification(reg, customers_per_route=2)).round(0)  # doctest: +NORMALIZE_WHITESPACE
           region  customers  A  B  C  from_deg  to_deg  mean_distance_km
    route
    East-1   East          2  0  0  2       7.0    95.0              41.0
    East-2   East          2  1  1  0     184.0   272.0              34.0
    """
    what = "route_table"
    require_frame(routes, {"region": "text", "route": "text", "grade": "text",
                           "bearing_deg": "numeric", "distance_km": "numeric"}, what=what)
    g = routes.groupby("route", sort=False)
    out = pd.DataFrame({"region": g["region"].first().astype("str"), "customers": g.size()})
    grades = pd.crosstab(routes["route"], routes["grade"].astype("str"))
    for gr in ("A", "B", "C"):
        out[gr] = (grades[gr] if gr in grades else pd.Series(0, index=grades.index)).reindex(
            out.index, fill_value=0).astype("int64")
    out["from_deg"] = g["bearing_deg"].min()
    out["to_deg"] = g["bearing_deg"].max()
    out["mean_distance_km"] = g["distance_km"].mean()
    return out


#: Default visits per month by grade (客户访问计划): A weekly, B every other week, C monthly.
VISITS_PER_MONTH = {"A": 4.0, "B": 2.0, "C": 1.0}
#: Default minutes per visit by grade.
MINUTES_PER_VISIT = {"A": 90.0, "B": 60.0, "C": 40.0}


def visit_plan(routes: pd.DataFrame, *, visits_per_month=None, minutes_per_visit=None,
               travel_minutes_per_stop: float = 30.0, hours_per_day: float = 7.0,
               working_days: float = 21.0, by: str = "route") -> pd.DataFrame:
    """The visit plan (客户访问计划): visits and working time per month, per route or region.

    Each customer is visited ``visits_per_month[grade]`` times a month (:data:`VISITS_PER_MONTH`)
    for ``minutes_per_visit[grade]`` minutes (:data:`MINUTES_PER_VISIT`), plus
    ``travel_minutes_per_stop`` of driving per visit.  Per route (``by="route"``) or region
    (``by="region"``): ``customers``, ``A``/``B``/``C`` counts, ``visits`` per month, ``hours``
    per month (visits and travel), ``days`` = hours / ``hours_per_day`` and ``reps`` = days /
    ``working_days`` (the field staff the plan needs).  ``by="grade"`` gives one row per grade
    with its ``customer_share`` and ``hours_share`` instead of the grade counts.

    Examples
    --------
    >>> routes = pd.DataFrame({"region": ["East"] * 3, "route": ["East-1"] * 3,
    ...                        "grade": ["A", "B", "C"]})
    >>> visit_plan(routes)  # doctest: +NORMALIZE_WHITESPACE
           region  customers  A  B  C  visits  hours  days  reps
    route
    East-1   East          3  1  1  1     7.0  12.17  1.74  0.08
    """
    what = "visit_plan"
    require_frame(routes, {"region": "text", "route": "text", "grade": "text"}, what=what)
    require_choice(by, ("route", "region", "grade"), what=what, name="by")
    vpm = _mapping(visits_per_month, VISITS_PER_MONTH, what=what, name="visits_per_month",
                   low=0, high=31)
    mpv = _mapping(minutes_per_visit, MINUTES_PER_VISIT, what=what, name="minutes_per_visit",
                   low=0, high=24 * 60)
    require_number(travel_minutes_per_stop, what=what, name="travel_minutes_per_stop", low=0,
                   high=24 * 60)
    require_number(hours_per_day, what=what, name="hours_per_day", low=0.5, high=24)
    require_number(working_days, what=what, name="working_days", low=1, high=31)
    grade = routes["grade"].astype("str")
    bad = ~grade.isin(list(vpm))
    if bad.any():
        raise ValueError(f"{what}: column 'grade' holds {grade[bad].iloc[0]!r}; expected one of "
                         f"{list(vpm)}")
    visits = grade.map(vpm).to_numpy(dtype="float64")
    minutes = visits * (grade.map(mpv).to_numpy(dtype="float64") + travel_minutes_per_stop)
    frame = pd.DataFrame({"key": grade.to_numpy() if by == "grade" else
                          routes[by].astype("str").to_numpy(),
                          "region": routes["region"].astype("str").to_numpy(),
                          "grade": grade.to_numpy(), "visits": visits, "minutes": minutes})
    g = frame.groupby("key", sort=False)
    out = pd.DataFrame({"region": g["region"].first(), "customers": g.size()})
    counts = pd.crosstab(frame["key"], frame["grade"])
    for gr in vpm:
        out[gr] = (counts[gr] if gr in counts else pd.Series(0, index=counts.index)).reindex(
            out.index, fill_value=0).astype("int64")
    out["visits"] = g["visits"].sum()
    out["hours"] = (g["minutes"].sum() / 60.0).round(2)
    out["days"] = (out["hours"] / hours_per_day).round(2)
    out["reps"] = (out["days"] / working_days).round(2)
    out.index.name = by
    if by != "route":
        out = out.drop(columns="region")
    if by == "grade":
        out = out.drop(columns=list(vpm)).sort_index()
        out.insert(1, "customer_share", out["customers"] / out["customers"].sum())
        out["hours_share"] = out["hours"] / out["hours"].sum()
    return out


@dataclass(frozen=True)
class AnalysisFlow:
    """The six steps of the customer-analysis flow (:data:`ANALYSIS_FLOW`), each a table."""

    file: pd.DataFrame          #: 1. organise the data (整理资料)
    composition: pd.DataFrame   #: 2. composition analysis (客户构成分析), by segment and type
    graded: pd.DataFrame        #: 3. grade the customers (划分客户等级)
    register: pd.DataFrame      #: 4. the register (客户名册登记)
    routes: pd.DataFrame        #: 5. route classification (路序分类)
    plan: pd.DataFrame          #: 6. visit plan per route (客户访问计划)


def analysis_flow(world, *, cutoffs=(0.7, 0.9), key_accounts_per_rep: int = 15,
                  customers_per_route: int = 40, visits_per_month=None,
                  minutes_per_visit=None) -> AnalysisFlow:
    """Run the customer-analysis flow (客户分析的流程) on a world, step by step.

    organise data (:func:`customer_file`) → composition (:func:`composition` by segment and
    customer type) → grade (:func:`grade_customers`) → register (:func:`customer_register`) →
    routes (:func:`route_classification`) → visit plan (:func:`visit_plan`).
    """
    file = customer_file(world)
    comp = composition(file, ["segment", "customer_type"], active_only=True)
    graded = grade_customers(file, cutoffs=cutoffs)
    register = customer_register(graded, key_accounts_per_rep=key_accounts_per_rep)
    routes = route_classification(register, customers_per_route=customers_per_route)
    plan = visit_plan(routes, visits_per_month=visits_per_month,
                      minutes_per_visit=minutes_per_visit)
    return AnalysisFlow(file, comp, graded, register, routes, plan)


# ---------------------------------------------------------------------------------------------
# 6. Patrol management (巡视管理): listen, educate, help
# ---------------------------------------------------------------------------------------------

def patrol_agenda(file: pd.DataFrame, *, late_days: float = 60, low_satisfaction: float = 3.0,
                  fast_growth: float = 0.2, active_only: bool = True) -> pd.DataFrame:
    """What to do on the next patrol visit (巡视) to each customer: listen, educate, help.

    * ``listen`` (倾听): unresolved complaints to hear out, or a satisfaction score below
      ``low_satisfaction``;
    * ``educate`` (教育): a customer buying only one product line is shown the others;
    * ``help`` (帮助): a customer paying after more than ``late_days`` days gets a payment plan;
      one growing faster than ``fast_growth`` a year gets help planning stock for its growth.

    Empty text means nothing special to do on that point.  ``points`` counts the non-empty ones.

    Examples
    --------
    >>> file = pd.DataFrame({"open_complaints": [2, 0], "satisfaction": [3.5, 2.5],
    ...                      "product_lines": [1, 3], "main_line": ["consumables", "equipment"],
    ...                      "payment_days": [45, 70], "growth_rate": [0.3, 0.0]},
    ...                     index=pd.Index([1, 2], name="customer_id"))
    >>> print(patrol_agenda(file).T.to_string())  # doctest: +NORMALIZE_WHITESPACE
    customer_id                                            1                                         2
    listen                hear out 2 unresolved complaint(s)     satisfaction 2.5: ask what to improve
    educate      buys only consumables: show the other lines
    help            growing fast: help plan stock for growth  pays after 70 days: agree a payment plan
    points                                                 3                                         2
    """
    what = "patrol_agenda"
    require_frame(file, {"open_complaints": "numeric", "satisfaction": "numeric",
                         "product_lines": "numeric", "main_line": "any",
                         "payment_days": "numeric", "growth_rate": "numeric"}, what=what)
    require_choice(active_only, (True, False), what=what, name="active_only")
    f = file
    if active_only and "status" in f.columns:
        f = f[f["status"].astype("str") == "active"]
    oc = f["open_complaints"].to_numpy()
    sat = f["satisfaction"].to_numpy(dtype="float64")
    listen = np.where(oc > 0, "hear out " + pd.Series(oc).astype("str").to_numpy()
                      + " unresolved complaint(s)",
                      np.where(sat < low_satisfaction,
                               "satisfaction " + pd.Series(sat).round(1).astype("str").to_numpy()
                               + ": ask what to improve", ""))
    educate = np.where(f["product_lines"].to_numpy() == 1,
                       "buys only " + f["main_line"].astype("str").to_numpy()
                       + ": show the other lines", "")
    pdays = f["payment_days"].to_numpy()
    help_ = np.where(pdays > late_days,
                     "pays after " + pd.Series(pdays).astype("int64").astype("str").to_numpy()
                     + " days: agree a payment plan",
                     np.where(f["growth_rate"].to_numpy() > fast_growth,
                              "growing fast: help plan stock for growth", ""))
    out = pd.DataFrame({"listen": listen, "educate": educate, "help": help_}, index=f.index)
    out["points"] = (out[["listen", "educate", "help"]] != "").sum(axis=1).astype("int64")
    return out


# ---------------------------------------------------------------------------------------------
# 7. Data quality of the customer database (客户数据库)
# ---------------------------------------------------------------------------------------------

#: Allowed range of the numeric fields checked (low, high; None = open).
QUALITY_RANGES = {"employees": (1, None), "payment_days": (0, 365), "satisfaction": (1, 5),
                  "loyalty": (0, 1), "revenue": (0, None), "tenure_years": (0, None)}
#: Allowed values of the text fields checked.
QUALITY_CHOICES = {"customer_type": terms.english(terms.CUSTOMER_TYPES),
                   "segment": terms.english(terms.SEGMENTS),
                   "region": terms.english(terms.REGIONS),
                   "credit_rating": terms.CREDIT_RATINGS}


def make_dirty(file: pd.DataFrame, *, seed: int = 0, share: float = 0.03) -> pd.DataFrame:
    """A deliberately dirty copy of the customer file, to practise data cleaning (资料的整理).

    Real customer databases collect errors as reps type records in.  From a ``seed``, about
    ``share`` of the customers each get one of these faults:

    * **duplicates** — the customer entered twice (a second row with the same ``customer_id``,
      sometimes with its region typed differently);
    * **missing** — region, employees or satisfaction left empty;
    * **out of range** — employees typed negative, payment days 999, satisfaction on a 0–10
      scale (e.g. 7), loyalty typed as a percentage (e.g. 65 instead of 0.65);
    * **inconsistent text** — region in lower case with spaces (``" east "``), segment in
      capitals.

    The copy has the checked text fields as plain text and the checked numbers as floats (so they
    can hold gaps), ``customer_id`` as a column, rows sorted by ``customer_id``.  The same seed
    always gives the same faults.

    Examples
    --------
    >>> file = pd.DataFrame({"region": ["East"] * 200, "segment": ["retail"] * 200,
    ...                      "employees": [10] * 200, "satisfaction": [4.0] * 200},
    ...                     index=pd.Index(range(1, 201), name="customer_id"))
    >>> dirty = make_dirty(file, seed=1, share=0.05)
    >>> len(dirty) > len(file), dirty["customer_id"].duplicated().any()
    (True, np.True_)
    """
    what = "make_dirty"
    if not isinstance(file, pd.DataFrame):
        raise ValueError(f"{what}: expected the customer file (a DataFrame), got "
                         f"{type(file).__name__}")
    require_number(seed, what=what, name="seed", low=0, integer=True)
    require_number(share, what=what, name="share", low=0, high=0.2)
    f = file.reset_index() if "customer_id" not in file.columns else file.copy()
    require_frame(f, {"customer_id": "numeric"}, what=what)
    rng = np.random.default_rng(seed)
    n = len(f)
    for col in QUALITY_CHOICES:
        if col in f.columns:
            f[col] = f[col].astype("str")
    for col in QUALITY_RANGES:
        if col in f.columns:
            f[col] = f[col].astype("float64")
    k = max(1, round(share * n))
    idx = np.arange(n)

    def pick():
        return rng.choice(idx, size=min(k, n), replace=False)

    if "region" in f.columns:
        rows = pick()
        f.loc[f.index[rows], "region"] = np.nan
    for col in ("employees", "satisfaction"):
        if col in f.columns:
            f.loc[f.index[pick()], col] = np.nan
    if "employees" in f.columns:
        rows = f.index[pick()]
        f.loc[rows, "employees"] = -f.loc[rows, "employees"].abs().fillna(1)
    if "payment_days" in f.columns:
        f.loc[f.index[pick()], "payment_days"] = 999.0
    if "satisfaction" in f.columns:
        f.loc[f.index[pick()], "satisfaction"] = rng.choice([0.0, 6.0, 7.0, 8.0, 9.0], size=min(k, n))
    if "loyalty" in f.columns:
        rows = f.index[pick()]
        f.loc[rows, "loyalty"] = np.round(f.loc[rows, "loyalty"] * 100, 1)
        f.loc[rows[f.loc[rows, "loyalty"] <= 1], "loyalty"] = 55.0
    if "region" in f.columns:
        rows = f.index[pick()]
        ok = f.loc[rows, "region"].notna()
        f.loc[rows[ok], "region"] = " " + f.loc[rows[ok], "region"].str.lower() + " "
    if "segment" in f.columns:
        rows = f.index[pick()]
        f.loc[rows, "segment"] = f.loc[rows, "segment"].str.upper()
    dup = f.iloc[np.sort(pick())].copy()
    if "region" in dup.columns:
        half = rng.uniform(size=len(dup)) < 0.5
        ok = dup["region"].notna().to_numpy() & half
        dup.loc[dup.index[ok], "region"] = dup.loc[dup.index[ok], "region"].str.upper()
    out = pd.concat([f, dup], ignore_index=True)
    return out.sort_values("customer_id", kind="stable").reset_index(drop=True)


def _frame_with_id(frame, what) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what}: expected a DataFrame, got {type(frame).__name__}")
    if "customer_id" not in frame.columns:
        if frame.index.name == "customer_id":
            return frame.reset_index()
        raise ValueError(f"{what}: the data has no column 'customer_id' and is not indexed by it")
    return frame


def _quality_counts(frame: pd.DataFrame) -> list[tuple[str, str, int]]:
    rows = [("duplicate customer", "customer_id", int(frame["customer_id"].duplicated().sum()))]
    for col in list(QUALITY_CHOICES) + list(QUALITY_RANGES):
        if col in frame.columns:
            rows.append(("missing", col, int(frame[col].isna().sum())))
    for col, (lo, hi) in QUALITY_RANGES.items():
        if col in frame.columns:
            v = pd.to_numeric(frame[col], errors="coerce")
            bad = v.notna() & (((v < lo) if lo is not None else False)
                               | ((v > hi) if hi is not None else False))
            rows.append(("out of range", col, int(bad.sum())))
    for col, allowed in QUALITY_CHOICES.items():
        if col in frame.columns:
            s = frame[col]
            bad = s.notna() & ~s.astype("str").isin(list(allowed))
            rows.append(("not an allowed value", col, int(bad.sum())))
    return rows


def quality_report(frame: pd.DataFrame, after: pd.DataFrame | None = None) -> pd.DataFrame:
    """Data-quality check of a customer file: duplicates, missing values, out-of-range numbers and
    text that is not one of the allowed values (:data:`QUALITY_RANGES`, :data:`QUALITY_CHOICES`).

    One row per check and column with the number of ``rows`` affected; pass the cleaned file as
    ``after`` to add a column ``after_cleaning``.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 2], "region": ["East", " east", "West"],
    ...                    "satisfaction": [4.0, 7.0, None]})
    >>> quality_report(df)
                      check        column  rows
    0    duplicate customer   customer_id     1
    1               missing        region     0
    2               missing  satisfaction     1
    3          out of range  satisfaction     1
    4  not an allowed value        region     1
    """
    what = "quality_report"
    f = _frame_with_id(frame, what)
    out = pd.DataFrame(_quality_counts(f), columns=["check", "column", "rows"])
    if after is not None:
        a = pd.DataFrame(_quality_counts(_frame_with_id(after, what)),
                         columns=["check", "column", "after_cleaning"])
        out = out.merge(a, on=["check", "column"], how="left")
        out["after_cleaning"] = out["after_cleaning"].fillna(0).astype("int64")
    return out


def clean_file(dirty: pd.DataFrame) -> pd.DataFrame:
    """Clean a dirty customer file (资料的整理与筛选), without inventing any value.

    1. **Text**: trim spaces and match the allowed values ignoring case (``" east "`` → ``East``);
       text that still matches nothing becomes missing.
    2. **Ranges**: numbers outside :data:`QUALITY_RANGES` become missing (a typo is not
       guessed at).
    3. **Duplicates**: of the rows of one ``customer_id``, keep the most complete (fewest
       missing checked fields; the first on a tie).
    4. **Flag**: ``needs_review`` marks rows still missing a checked field — to be collected
       again on the next visit (dynamic management, 动态管理).

    Returns one row per customer, indexed by ``customer_id`` (sorted), with the checked text
    fields as categories.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 2], "region": ["East", " east", None],
    ...                    "satisfaction": [4.0, 7.0, 3.0]})
    >>> clean_file(df)  # doctest: +NORMALIZE_WHITESPACE
                region  satisfaction  needs_review
    customer_id
    1             East           4.0         False
    2             East           NaN          True
    """
    what = "clean_file"
    f = _frame_with_id(dirty, what).copy()
    require_frame(f, {"customer_id": "numeric"}, what=what)
    checked = []
    for col, allowed in QUALITY_CHOICES.items():
        if col not in f.columns:
            continue
        checked.append(col)
        lookup = {a.casefold(): a for a in allowed}
        s = f[col].astype("str").where(f[col].notna())
        fixed = s.str.strip().str.casefold().map(lookup)
        f[col] = pd.Categorical(fixed, categories=list(allowed),
                                ordered=col == "credit_rating")
    for col, (lo, hi) in QUALITY_RANGES.items():
        if col not in f.columns:
            continue
        checked.append(col)
        v = pd.to_numeric(f[col], errors="coerce").astype("float64")
        bad = ((v < lo) if lo is not None else False) | ((v > hi) if hi is not None else False)
        f[col] = v.mask(bad)
    missing = f[checked].isna().sum(axis=1) if checked else pd.Series(0, index=f.index)
    f["_missing"] = missing.to_numpy()
    f["_row"] = np.arange(len(f))
    f = f.sort_values(["customer_id", "_missing", "_row"], kind="stable")
    f = f.drop_duplicates("customer_id", keep="first")
    f["needs_review"] = f["_missing"].to_numpy() > 0
    return f.drop(columns=["_missing", "_row"]).set_index("customer_id").sort_index()
