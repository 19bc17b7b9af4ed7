"""What the analysis modules share: constants, vocabulary and helpers."""

from __future__ import annotations

import functools
import inspect

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..core.checks import require_choice, require_frame, require_number
from ..core.world import is_world


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

    Parameters
    ----------
    name : str
        Name of the list.

    Returns
    -------
    DataFrame
        One of the chapter's lists as a table: ``english``, ``chinese`` and ``meaning``.

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
    return is_world(data, needs=("complaints",))  # the chapter reads the complaints too



def _one_row_per_customer(arg: str):
    """Refuse a frame indexed by ``customer_id`` (the customer file and its views) that holds a
    customer twice: each row would be counted twice in every total."""
    def decorate(func):
        sig = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            frame = sig.bind_partial(*args, **kwargs).arguments.get(arg)
            if isinstance(frame, pd.DataFrame) and frame.index.name == "customer_id":
                dup = frame.index.duplicated()
                if dup.any():
                    first = frame.index[dup][0]
                    first = first.item() if hasattr(first, "item") else first
                    raise ValueError(f"{func.__name__}: customer_id {first!r} appears twice in {arg}; "
                                     "expected one row per customer (drop the duplicated rows)")
            return func(*args, **kwargs)

        return wrapper

    return decorate


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


