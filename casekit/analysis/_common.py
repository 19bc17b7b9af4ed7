"""What the analysis modules share: constants, vocabulary and helpers."""

from __future__ import annotations

import functools
import inspect

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..core.checks import require_choice, require_frame, require_number
from ..core.world import is_world
from ..i18n import N_, _, language


# ---------------------------------------------------------------------------------------------
# The chapter's vocabulary: (english, 中文, what it means here)
# ---------------------------------------------------------------------------------------------

#: The two objects of customer management (客户管理的对象), S2 §9.1.
MANAGEMENT_OBJECTS = (
    ("business relationships", "客户业务关系", N_("the dealings with each customer over time")),
    ("customer records", "客户资料", N_("the files kept on each customer, analysed and updated")),
)

#: The four contents of customer management (客户管理的内容), S2 §9.1; each is a section of the file.
MANAGEMENT_CONTENT = (
    ("basic records", "客户基本资料的管理",
     N_("the most basic original data, the base and starting point of customer management, "
     "gathered mainly on salespeople's visits")),
    ("transaction status", "交易状况的管理",
     N_("first sales results, the quality of the customer's management and staff and its relations "
     "with competitors; then its current sales activity, problems, advantages held, future "
     "measures, image and reputation")),
    ("relationship management", "客户关系管理",
     N_("satisfaction, loyalty and a stable, mutually beneficial partnership (相互受益的伙伴关系): "
     "closer communication and after-sales service; check that the customer really benefits "
     "and guide it where needed; handle complaints well")),
    ("risk management", "客户风险管理",
     N_("S2 gives the heading only; standard textbook content: credit limits and terms, "
     "receivables and overdue debt, credit checks")),
)

#: The three methods of customer management (客户管理的方法), S2 §9.1.
MANAGEMENT_METHODS = (
    ("patrol management", "巡视管理",
     N_("the way to meet and understand customers: on each visit listen, educate, help")),
    ("relationship management", "关系管理",
     N_("a capable, dedicated representative (大户业务代表) for each big customer, and follow-up "
     "service (追踪服务)")),
    ("screening management", "筛选管理",
     N_("chapter 1's annual screening: keep the key customers, drop those with no profit and no "
     "potential")),
)

#: What a salesperson does on patrol (巡视): S2 §9.1.
PATROL_ACTIONS = (
    ("listen", "倾听", N_("hear complaints and wishes before talking")),
    ("educate", "教育", N_("show the customer how to use and sell our products better")),
    ("help", "帮助", N_("solve the customer's business problems: stock, payment, growth")),
)

#: Follow-up service in relationship management (追踪服务), S2 §9.1.
FOLLOW_UP = (
    ("telephone follow-up", "电话追踪", N_("call after delivery and at fixed intervals")),
    ("mail follow-up", "邮件追踪", N_("letters, cards and news sent regularly")),
    ("personal-warmth follow-up", "温情追踪", N_("greetings and small attentions on special days")),
    ("horizontal follow-up", "水平追踪", N_("S2 gives the term only, without saying what it means")),
)

#: The four principles of customer management (客户管理原则), S2 §9.1 四.
MANAGEMENT_PRINCIPLES = (
    ("dynamic management", "动态管理原则",
     N_("track changes in customers: update the records, remove outdated data, add new data; "
     "screen customers, keep the big ones and drop those with no profit and no potential")),
    ("focus on the important", "突出重点原则",
     N_("manage key customers more closely; keep separate files per type of customer; use "
     "different selling strategies and management for different types")),
    ("flexible use", "灵活运用原则",
     N_("evaluate deals, learn from them, raise results (评估交易、总结经验、提高业绩)")),
    ("a designated person is responsible", "专人负责",
     N_("S2 gives the term only; standard textbook content: the customer records are kept by a "
     "named person, with rules for using and lending customer information")),
)

#: The seven analyses of a customer's dealings with the firm (客户与本公司交易情况分析), S2 §9.2.
ANALYSIS_CONTENT = (
    ("customer composition", "客户构成分析", "composition"),
    ("trading performance", "客户与本公司的交易业绩分析", "trading_performance"),
    ("sales mix by product", "不同商品的销售构成分析", "product_mix"),
    ("gross-margin rate", "不同毛利率的分析", "cross_ratios"),
    ("stock turnover", "商品周转率的分析", "cross_ratios"),
    ("cross ratio", "交叉比率的分析", "cross_ratios"),
    ("contribution ratio", "贡献比率的分析", "cross_ratios"),
)

#: The four ways of investigating a customer's credit (客户信用调查), S2 §9.2 (S2 names them only;
#: the meanings are the kit's).
CREDIT_SOURCES = (
    ("through banks", "通过金融机构（银行）", N_("the customer's account conduct, loans, overdrafts")),
    ("through credit agencies", "利用专业资信调查机构", N_("a credit report and rating, for a fee")),
    ("through customers or trade bodies", "通过客户或行业组织",
     N_("its reputation among other suppliers and in its trade association")),
    ("internal records", "内部调查",
     N_("our own file: payment days, bad debt, disputes — the one source in our data")),
)

#: The decisions of :func:`credit_review` (交易开始与中止).
TRADE_DECISIONS = (
    ("continue", "继续交易", N_("no warning sign: trade within the credit limit")),
    ("restrict", "限制交易", N_("one warning sign: half the limit, collect what is overdue")),
    ("stop", "中止交易", N_("two or more warning signs: stop delivering on credit")),
)

#: The customer-analysis flow (客户分析的流程), S2 §9.2, with the function for each step.
ANALYSIS_FLOW = (
    ("organise the data", "整理资料", "customer_file"),
    ("analyse the composition", "客户构成分析", "composition"),
    ("grade the customers", "划分客户等级", "grade_customers"),
    ("register the customers", "客户名册登记", "customer_register"),
    ("classify by visiting route", "对客户进行路序分类", "route_classification"),
    ("set the visit plan", "确定客户访问计划", "visit_plan"),
)

#: Three parts of a customer database (客户数据库资料的形成), S2 §9.4 (S2 names them only; the
#: meanings are how this chapter fills them).
DATABASE_PARTS = (
    ("sources", "资料来源",
     (N_("internal records (orders, invoices, complaints), sales visits, surveys, trade directories, "
      "the web"))),
    ("customer categories", "客户类别",
     N_("resellers vs end users; grade A / B / C; active, lost or prospective")),
    ("contents", "资料内容",
     N_("basic records, transaction status, relationship and risk — the four sections of the file")),
)

#: The six stages of building a customer database (建立客户数据库的六个阶段), S2 §9.4, in order.
DATABASE_STAGES = (
    ("decide to build a customer database", "做出建立客户数据库的决定"),
    ("collect customer data", "客户资料的搜集"),
    ("fill in a card for each customer", "填写个别客户资料卡内容"),
    ("sort and screen the data", "资料的整理与筛选"),
    ("turn the data into intelligence", "智慧型信息的完成"),
    ("use the database's information flexibly", "灵活使用客户数据库中的信息"),
)

#: The five features of CRM (客户关系管理的特征), S2 §9.4 (S2 names them only).
CRM_FEATURES = (
    ("analyse customer information", "分析客户信息", N_("profit, composition, credit, grades")),
    ("integrate the interaction channels", "集成客户互动渠道",
     N_("visits, phone, mail, web and service desk feed one record")),
    ("support web use", "支持网络运用", N_("customers and reps reach the data online")),
    ("build a data warehouse", "建设信息仓库", N_("the history of every order, complaint and visit")),
    ("integrate the workflows", "集成工作流程", N_("sales, service and finance act on the same case")),
)

#: The core of a CRM system (CRM系统的核心), S2 §9.4.
CRM_CORE = ("sales management", "销售管理",
            N_("it extends the front end of the firm's management system to deal with customers "
            "directly, raise their loyalty and so attract more prospects"))

#: The main contents of a CRM system (CRM的主要内容), S2 §9.4.
CRM_CONTENTS = (
    ("marketing automation", "营销自动化", N_("campaigns, segments, leads")),
    ("sales-process automation", "销售过程自动化", N_("accounts, visits, quotes, orders, pipeline")),
    ("a customer service system", "客户服务系统",
     N_("complaints, service calls, follow-up (S2 says a system, not service automation)")),
)

#: The three implementation points of CRM (CRM的实施要点), S2 §9.4.
CRM_IMPLEMENTATION = (
    ("set clear goals for the CRM plan", "应为CRM计划设定明确的目标",
     N_("what the plan must achieve, measurably")),
    ("provide the time, money and other resources the solution needs",
     "应提供CRM解决方案所必需的时间、财力和其他资源", N_("people and budget before go-live")),
    ("help staff adapt to the CRM system", "应使企业员工适应CRM系统", N_("training and daily use")),
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


def concept_list(name: str):
    """One of the chapter's lists as Markdown bullets, each entry in full: English, the Chinese
    term as the source writes it, and what it means (never a cut-off table).

    ``name`` is one of the names :func:`concepts` takes.  Ordered lists (the analysis flow, the
    six stages) are numbered from 1.

    Parameters
    ----------
    name : str
        Name of the list.

    Returns
    -------
    casekit.core.fmt.Bullets
        Shown as Markdown in a notebook.

    Examples
    --------
    >>> print(concept_list("patrol_actions"))  # doctest: +NORMALIZE_WHITESPACE
    - **listen** (倾听): hear complaints and wishes before talking
    - **educate** (教育): show the customer how to use and sell our products better
    - **help** (帮助): solve the customer's business problems: stock, payment, growth
    """
    from ..core.fmt import bullets

    require_choice(name, _CONCEPTS, what="concept_list", name="name")
    rows = _CONCEPTS[name]
    items = []
    for row in rows:
        en, zh = row[0], row[1]
        rest = row[2] if len(row) > 2 else ""
        if name in ("analysis_flow", "analysis_content"):
            rest = f"`A.{rest}`"
        if language() == "zh":  # the source's Chinese term (the English stays in the English edition)
            rest = rest if rest.startswith("`") else _(rest)
            items.append(f"**{zh}**" + (f"：{rest}" if rest else ""))
        else:
            items.append(f"**{en}** ({zh})" + (f": {rest}" if rest else ""))
    return bullets(items, numbered=name in ("analysis_flow", "database_stages"))


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


