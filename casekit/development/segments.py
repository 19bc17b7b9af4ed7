"""New vs kept customers, and the six aspects of analysing a customer group."""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np
import pandas as pd

from ..core.checks import require_choice, require_frame, validated
from .. import terms
from ..i18n import _
from ._base import SIX_ASPECTS


# --------------------------------------------------------------------------------------------
# New vs kept customers
# --------------------------------------------------------------------------------------------

@validated(frames={"customers": {"acquisition_cost": "money", "retention_cost": "money", "{by}": "any"}})
def acquisition_vs_retention(customers: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """What winning a customer costs against what keeping one costs per year.

    Columns: ``customers``, ``acquisition_cost`` (mean, CNY), ``retention_cost`` (mean, CNY per
    year) and ``ratio`` = mean acquisition cost / mean retention cost — how many years of keeping
    a customer one acquisition pays for (S1 quotes 5–6× from the AMA).  One row ``all`` or, with
    ``by`` (e.g. ``"acquisition_channel"``), one row per group.

    Parameters
    ----------
    customers : DataFrame
        Needs ``acquisition_cost`` (amounts ≥ 0), ``retention_cost`` (amounts ≥ 0), the ``by=``
        column (any values).
    by : str | None, default None
        Column (or columns) to group by.

    Returns
    -------
    DataFrame
        What winning a customer costs against what keeping one costs per year.

    Examples
    --------
    >>> c = pd.DataFrame({"acquisition_cost": [1200.0, 1800.0, 600.0],
    ...                   "retention_cost": [300.0, 200.0, 100.0],
    ...                   "acquisition_channel": ["telephone", "telephone", "clubs"]})
    >>> acquisition_vs_retention(c)
         customers  acquisition_cost  retention_cost  ratio
    all          3            1200.0           200.0    6.0
    >>> acquisition_vs_retention(c, by="acquisition_channel")["ratio"].tolist()
    [6.0, 6.0]
    """
    what = "acquisition_vs_retention"
    cols = {"acquisition_cost": "numeric", "retention_cost": "numeric"}
    if by is not None:
        if not isinstance(by, str):
            raise ValueError(_("{what}: by={by!r} must be a column name").format(
                                 what=what, by=by))
        cols[by] = "any"
    require_frame(customers, cols, what=what)
    if (customers["retention_cost"] <= 0).any():
        raise ValueError(_("{what}: column 'retention_cost' holds a value of 0 or less; expected positive "
                            "yearly costs").format(
                             what=what))
    if by is None:
        g = customers.assign(_all="all").groupby("_all")
    else:
        g = customers.groupby(by, observed=True, sort=True)
    out = pd.DataFrame({"customers": g.size().astype("int64"),
                        "acquisition_cost": g["acquisition_cost"].mean(),
                        "retention_cost": g["retention_cost"].mean()})
    out["ratio"] = out["acquisition_cost"] / out["retention_cost"]
    out.index.name = by
    return out


# --------------------------------------------------------------------------------------------
# The six aspects of analysing a customer group
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SegmentAspects:
    """The six aspects (S1) of one customer group, each as a table: the segment next to all
    customers (columns ``segment`` and ``all``; for roles the segment's own leads).

    Attributes
    ----------
    segment : str
        The group analysed.
    motive : DataFrame
        消费动机 — share of revenue by product line: what they buy tells why they buy.
    choice : DataFrame
        消费选择 — loyalty, churn (lost to substitutes or rivals), price sensitivity, discount rate.
    timing : DataFrame
        消费时机 — share of revenue by calendar month (1–12).
    place : DataFrame
        消费地点 — share of revenue by sales region.
    quantity : DataFrame
        消费数量 — size of the group: customers, revenue, their shares, order value, orders per
        customer and year, revenue per customer and year.
    roles : DataFrame
        客户内部角色 — the segment's closed leads by the buying-centre role of the contact:
        ``leads``, ``share``, ``authority_rate``, ``conversion_rate``.
    """

    segment: str
    motive: pd.DataFrame
    choice: pd.DataFrame
    timing: pd.DataFrame
    place: pd.DataFrame
    quantity: pd.DataFrame
    roles: pd.DataFrame

    def __getitem__(self, aspect: str) -> pd.DataFrame:
        names = terms.english(SIX_ASPECTS)
        require_choice(aspect, names, what="SegmentAspects", name="aspect")
        return getattr(self, aspect)


def _codes(keys, categories) -> np.ndarray:
    """Position of each key in ``categories`` (-1 if absent), fast for categorical columns."""
    if isinstance(keys, pd.Series) and isinstance(keys.dtype, pd.CategoricalDtype):
        lookup = pd.Index(categories).get_indexer(keys.cat.categories.astype("str"))
        codes = keys.cat.codes.to_numpy()
        return np.where(codes >= 0, lookup[codes], -1)
    return pd.Categorical(keys, categories=categories).codes


def _shares(keys, values, in_seg, categories) -> pd.DataFrame:
    """Share of values by key, for the segment and for all."""
    codes = _codes(keys, categories)
    k = len(categories)
    ok = codes >= 0
    seg = np.bincount(codes[ok & in_seg], weights=values[ok & in_seg], minlength=k)
    tot = np.bincount(codes[ok], weights=values[ok], minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame({"segment": seg / seg.sum() if seg.sum() else np.zeros(k),
                             "all": tot / tot.sum() if tot.sum() else np.zeros(k)},
                            index=pd.Index(categories))


@validated(frames={"transactions": {"customer_id": "id", "date": "date", "product_line": "text", "revenue": "money", "list_value": "money"},
                   "customers": {"customer_id": "id", "segment": "text", "region": "text", "loyalty": "share", "churned": "bool", "price_sensitivity": "share", "tenure_years": "money"},
                   "leads": {"segment": "text", "contact_role": "text", "authority": "bool", "converted": "bool", "status": "text"}},
           keys={"customers": "customer_id"}, empty_ok=("leads",))
def segment_aspects(transactions: pd.DataFrame, customers: pd.DataFrame, leads: pd.DataFrame, *,
                    segment: str) -> SegmentAspects:
    """Analyse one customer group on the six aspects of S1 (分析客户群体的六个方面).

    Motive (消费动机), choice (消费选择), timing (消费时机), place (消费地点), quantity (消费数量) and
    internal roles (客户内部角色); see :class:`SegmentAspects` for what each table holds.  Orders are
    linked to their customer's segment by ``customer_id``; churn, loyalty and price sensitivity come
    from ``customers``; roles from the segment's closed ``leads``.

    Parameters
    ----------
    transactions : DataFrame
        Needs ``customer_id`` (customer ids), ``date`` (dates), ``product_line`` (text),
        ``revenue`` (amounts ≥ 0), ``list_value`` (amounts ≥ 0).
    customers : DataFrame
        Needs ``customer_id`` (customer ids), ``segment`` (text), ``region`` (text), ``loyalty``
        (shares 0–1), ``churned`` (True/False), ``price_sensitivity`` (shares 0–1),
        ``tenure_years`` (amounts ≥ 0).
    leads : DataFrame
        Needs ``segment`` (text), ``contact_role`` (text), ``authority`` (True/False),
        ``converted`` (True/False), ``status`` (text).
    segment : str
        Segment (or the segment column) to analyse.

    Returns
    -------
    SegmentAspects
        Analyse one customer group on the six aspects of S1 (分析客户群体的六个方面).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 3],
    ...                    "date": pd.to_datetime(["2024-01-05", "2024-11-20", "2024-11-02",
    ...                                            "2025-06-01"]),
    ...                    "product_line": ["equipment", "consumables", "equipment", "services"],
    ...                    "revenue": [600.0, 200.0, 500.0, 700.0],
    ...                    "list_value": [600.0, 200.0, 500.0, 700.0]})
    >>> cu = pd.DataFrame({"customer_id": [1, 2, 3],
    ...                    "segment": ["retail", "retail", "services"],
    ...                    "region": ["East", "North", "East"],
    ...                    "loyalty": [0.8, 0.4, 0.5], "churned": [False, True, False],
    ...                    "price_sensitivity": [0.2, 0.6, 0.5], "tenure_years": [3.0, 3.0, 1.0]})
    >>> le = pd.DataFrame({"segment": ["retail", "retail"], "contact_role": ["decider", "user"],
    ...                    "authority": [True, False], "converted": [True, False],
    ...                    "status": ["won", "lost"]})
    >>> a = segment_aspects(tx, cu, le, segment="retail")
    >>> a.motive.loc["equipment", "segment"], a.place.loc["East", "segment"]
    (np.float64(0.846...), np.float64(0.6153846153846154))
    >>> int(a.quantity.loc["customers", "segment"]), a.roles.loc["decider", "conversion_rate"]
    (2, np.float64(1.0))
    """
    what = "segment_aspects"
    require_frame(transactions, {"customer_id": "numeric", "date": "date", "product_line": "text",
                                 "revenue": "numeric", "list_value": "numeric"}, what=what)
    require_frame(customers, {"customer_id": "numeric", "segment": "text", "region": "text",
                              "loyalty": "numeric", "churned": "bool",
                              "price_sensitivity": "numeric", "tenure_years": "numeric"}, what=what)
    require_frame(leads, {"segment": "text", "contact_role": "text", "authority": "bool",
                          "converted": "bool", "status": "text"}, what=what, allow_empty=True)
    segments = sorted(set(customers["segment"].astype("str")))
    require_choice(segment, segments, what=what, name="segment")
    cid = customers["customer_id"].to_numpy()
    if pd.Index(cid).has_duplicates:
        raise ValueError(_("{what}: customers has duplicate customer_id values; expected one row per "
                            "customer").format(
                             what=what))
    c_in = (customers["segment"].astype("str") == segment).to_numpy()
    # link orders to customers by position (vectorised; works for any ids)
    order = np.argsort(cid, kind="stable")
    tx_cid = transactions["customer_id"].to_numpy()
    pos = np.searchsorted(cid[order], tx_cid)
    pos = np.clip(pos, 0, len(cid) - 1)
    found = cid[order][pos] == tx_cid
    if not found.all():
        bad = tx_cid[~found][0]
        raise ValueError(_("{what}: transactions has customer_id {bad!r}, which is not in customers").format(
                             what=what, bad=bad))
    row = order[pos]
    t_in = c_in[row]
    rev = transactions["revenue"].to_numpy(dtype="float64")

    lines = list(terms.english(terms.PRODUCT_LINES))
    pl = transactions["product_line"]
    present = pl.cat.categories if isinstance(pl.dtype, pd.CategoricalDtype) else pl.unique()
    extra = sorted(set(map(str, present)) - set(lines))
    motive = _shares(pl, rev, t_in, lines + extra)
    motive.index.name = "product_line"

    months = transactions["date"].dt.month.to_numpy()
    timing = _shares(months, rev, t_in, list(range(1, 13)))
    timing.index.name = "month"

    regions = list(terms.english(terms.REGIONS))
    extra = sorted(set(customers["region"].astype("str")) - set(regions))
    region_code = _codes(customers["region"], regions + extra)
    place = _shares(region_code[row], rev, t_in, list(range(len(regions + extra))))
    place.index = pd.Index(regions + extra)
    place.index.name = "region"

    lv = transactions["list_value"].to_numpy(dtype="float64")
    disc_seg = 1 - rev[t_in].sum() / lv[t_in].sum() if lv[t_in].sum() else np.nan
    disc_all = 1 - rev.sum() / lv.sum() if lv.sum() else np.nan
    cs, ca = customers[c_in], customers
    choice = pd.DataFrame({
        "segment": [cs["loyalty"].mean(), cs["churned"].mean(), cs["price_sensitivity"].mean(),
                    disc_seg],
        "all": [ca["loyalty"].mean(), ca["churned"].mean(), ca["price_sensitivity"].mean(),
                disc_all],
    }, index=pd.Index(["loyalty", "churn_rate", "price_sensitivity", "discount_rate"],
                      name="measure"))

    years = np.minimum(customers["tenure_years"].to_numpy(dtype="float64"), 3.0)
    n_seg, n_all = int(c_in.sum()), len(customers)
    quantity = pd.DataFrame({
        "segment": [n_seg, n_seg / n_all, rev[t_in].sum(), rev[t_in].sum() / rev.sum(),
                    rev[t_in].mean() if t_in.any() else np.nan,
                    t_in.sum() / years[c_in].sum() if n_seg else np.nan,
                    rev[t_in].sum() / years[c_in].sum() if n_seg else np.nan],
        "all": [n_all, 1.0, rev.sum(), 1.0, rev.mean(), len(rev) / years.sum(),
                rev.sum() / years.sum()],
    }, index=pd.Index(["customers", "customer_share", "revenue", "revenue_share",
                       "order_value", "orders_per_customer_year", "revenue_per_customer_year"],
                      name="measure"))

    ls = leads[(leads["segment"].astype("str") == segment)
               & (leads["status"].astype("str") != "open")]
    roles_names = list(terms.english(terms.BUYING_ROLES))
    g = pd.DataFrame({"role": pd.Categorical(ls["contact_role"].astype("str"),
                                             categories=roles_names),
                      "authority": ls["authority"].to_numpy(dtype=bool),
                      "won": ls["converted"].to_numpy(dtype=bool)}).groupby("role", observed=False)
    roles = pd.DataFrame({"leads": g.size().astype("int64"),
                          "authority_rate": g["authority"].mean(),
                          "conversion_rate": g["won"].mean()})
    roles.insert(1, "share", roles["leads"] / max(int(roles["leads"].sum()), 1))
    roles.index = pd.Index(roles_names, name="contact_role")
    return SegmentAspects(segment, motive, choice, timing, place, quantity, roles)
