"""Chapter 5, customer analysis — the customer file (客户档案)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import terms
from .._format import cny
from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, kit_columns, require_frame, validated,
)
from ..core.profit import customer_profitability
from ..core.world import asof_of
from ..i18n import N_
from ._common import _check_ids, _codes, _is_world, _positions, _one_row_per_customer  # noqa: F401


# ---------------------------------------------------------------------------------------------
# 1. The customer file (客户档案)
# ---------------------------------------------------------------------------------------------

#: Employee size bands of the file: (label, 中文, lowest, highest employees).
SIZE_BANDS = (
    (N_("micro (1–9)"), "微型", 1, 9),
    (N_("small (10–49)"), "小型", 10, 49),
    (N_("medium (50–249)"), "中型", 50, 249),
    (N_("large (250+)"), "大型", 250, None),
)

#: The four sections of the customer file: key → (English, 中文, columns).
FILE_SECTIONS = {
    "basic": (N_("basic records"), "客户基本资料",
              ("customer_type", "segment", "region", "employees", "size_band", "first_purchase",
               "tenure_years", "acquisition_channel")),
    "transactions": (N_("transaction status"), "交易状况",
                     ("orders", "revenue", "gross_margin", "margin_rate", "discount_rate",
                      "revenue_12m", "growth_rate", "last_order", "days_since_order",
                      "product_lines", "main_line")),
    "relationship": (N_("relationship"), "客户关系",
                     ("status", "loyalty", "satisfaction", "cooperativeness", "complaints",
                      "open_complaints", "key_contact_left")),
    "risk": (N_("risk"), "客户风险",
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


@validated(
    world={
        "customers": {"{customer}": "id"},
        "transactions": {"{customer}": "id", "{date}": "date", "{value}": "numeric"},
        "complaints": {"{customer}": "id"},
    },
    keys={"customers": "{customer}"},
    empty_ok=('transactions', 'complaints'),
    options={"asof": DateOption()},
)
@kit_columns(frames=("data", "transactions", "complaints"))
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
    customer : str, default 'customer_id'
        Name of the customer-id column of the frames.
    date : str, default 'date'
        Name of the orders' date column.
    value : str, default 'revenue'
        Name of the orders' value (revenue) column.

    Returns
    -------
    DataFrame indexed by the ``customer=`` column (sorted), columns in section order.

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


@validated(
    frames={
        "file": {
            "customer_type": "text",
            "revenue": "money",
            "gross_margin": "?numeric",
            "revenue_12m": "?money",
            "growth_rate": "?numeric",
            "credit_rating": "text",
            "bad_debt": "?numeric",
            "profit": "?numeric",
        },
    },
)
@_one_row_per_customer("file")
def customer_card(file: pd.DataFrame, customer_id) -> pd.DataFrame:
    """One customer's card (客户资料卡): the file's row laid out section by section.

    Returns a table with columns ``section``, ``item``, ``chinese`` and ``value`` (values
    formatted as text: money in CNY, rates in %, dates as YYYY-MM-DD).

    Parameters
    ----------
    file : DataFrame
        The customer file of :func:`customer_file`, one row per customer (indexed by
        ``customer_id``). Reads ``customer_type``, ``revenue``, ``gross_margin``, ``revenue_12m``,
        ``growth_rate``, ``credit_rating``, ``bad_debt``, ``profit``.
    customer_id : int
        The customer number.

    Returns
    -------
    DataFrame
        One customer's card (客户资料卡): the file's row laid out section by section.

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


@validated(frames={"file": {"customer_type": "text", "revenue": "money"}})
@_one_row_per_customer("file")
def type_files(file: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Separate files for resellers (经销商: firms that resell our products) and end users
    (终端用户: firms that use them), each sorted by revenue, largest first.

    Parameters
    ----------
    file : DataFrame
        The customer file of :func:`customer_file`, one row per customer (indexed by
        ``customer_id``). Reads ``customer_type``, ``revenue``.

    Returns
    -------
    dict
        Separate files for resellers (经销商: firms that resell our products) and end users (终端用户:
        firms that use them), each sorted by revenue, largest first.

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


