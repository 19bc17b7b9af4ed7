"""Delivered value, well-matched and two-way selection, and look-alike selection."""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np
import pandas as pd

from ..core.checks import Interval, kit_columns, require_frame, require_number, validated
from ._base import LOOKALIKE_TRAITS, _COSTS, _VALUES, _credit_score, _ids, _is_world
from .scoring import scorecard


# ---------------------------------------------------------------------------------------------
# Delivered value, fit and two-way selection
# ---------------------------------------------------------------------------------------------

@validated(frames={"perceptions": {"{customer}": "id", "offer": "text", "product_value": "numeric", "service_value": "numeric", "personnel_value": "numeric", "image_value": "numeric", "monetary_cost": "numeric", "time_cost": "numeric", "energy_cost": "numeric", "physical_cost": "numeric"}})
@kit_columns(frames=("perceptions",), keywords=("customer",))
def delivered_value(perceptions: pd.DataFrame) -> pd.DataFrame:
    """Customer delivered value (顾客让渡价值) per customer and offer.

    ``total_value`` = product + service + personnel + image value (总顾客价值);
    ``total_cost`` = monetary + time + energy + physical cost (总顾客成本);
    ``delivered_value`` = total_value − total_cost; ``value_ratio`` = total_value / total_cost.

    Returns one row per customer, with the columns for each offer side by side
    (``delivered_value_ours``, ``delivered_value_competitor``, …) and ``advantage`` =
    our delivered value − the competitor's (positive: the customer gets more from us).

    Parameters
    ----------
    perceptions : DataFrame
        Needs the ``customer=`` column (customer ids), ``offer`` (text), ``product_value``
        (numbers), ``service_value`` (numbers), ``personnel_value`` (numbers), ``image_value`` (numbers),
        ``monetary_cost`` (numbers), ``time_cost`` (numbers), ``energy_cost`` (numbers),
        ``physical_cost`` (numbers).
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Customer delivered value (顾客让渡价值) per customer and offer.

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": [7, 7], "offer": ["ours", "competitor"],
    ...     "product_value": [60.0, 55.0], "service_value": [58.0, 50.0],
    ...     "personnel_value": [50.0, 52.0], "image_value": [50.0, 56.0],
    ...     "monetary_cost": [45.0, 40.0], "time_cost": [35.0, 40.0],
    ...     "energy_cost": [40.0, 40.0], "physical_cost": [40.0, 40.0]})
    >>> dv = delivered_value(p)
    >>> dv[["total_value_ours", "total_cost_ours", "delivered_value_ours"]]  # doctest: +NORMALIZE_WHITESPACE
                 total_value_ours  total_cost_ours  delivered_value_ours
    customer_id
    7                       218.0            160.0                  58.0
    >>> dv[["delivered_value_competitor", "advantage"]]  # doctest: +NORMALIZE_WHITESPACE
                 delivered_value_competitor  advantage
    customer_id
    7                                  53.0        5.0
    """
    what = "delivered_value"
    require_frame(perceptions, {"customer_id": "numeric", "offer": "text",
                                **dict.fromkeys(_VALUES + _COSTS, "numeric")}, what=what)
    offers = set(perceptions["offer"].astype("str").unique())
    if not offers <= {"ours", "competitor"} or len(offers) < 2:
        raise ValueError(f"{what}: column 'offer' holds {sorted(offers)}; expected both 'ours' and "
                         "'competitor'")
    dup = perceptions.duplicated(["customer_id", "offer"])
    if dup.any():
        row = perceptions.loc[dup].iloc[0]
        raise ValueError(f"{what}: customer {row['customer_id']} rates the offer {row['offer']!r} "
                         "twice; expected one row per customer and offer")
    v = perceptions[list(_VALUES)].sum(axis=1)
    c = perceptions[list(_COSTS)].sum(axis=1)
    long = pd.DataFrame({"customer_id": perceptions["customer_id"].to_numpy(),
                         "offer": perceptions["offer"].astype("str").to_numpy(),
                         "total_value": v.to_numpy(), "total_cost": c.to_numpy()})
    long["delivered_value"] = long["total_value"] - long["total_cost"]
    long["value_ratio"] = long["total_value"] / long["total_cost"].where(long["total_cost"] > 0)
    wide = long.pivot(index="customer_id", columns="offer")
    wide = wide.dropna(subset=[("delivered_value", "ours"), ("delivered_value", "competitor")])
    cols = ["total_value", "total_cost", "delivered_value", "value_ratio"]
    wide = wide.reindex(columns=pd.MultiIndex.from_product([cols, ["ours", "competitor"]]))
    wide.columns = [f"{a}_{b}" for a, b in wide.columns]
    wide["advantage"] = wide["delivered_value_ours"] - wide["delivered_value_competitor"]
    return wide.sort_index()


@validated(frames={"perceptions": {"{customer}": "id", "offer": "text", "product_value": "numeric", "service_value": "numeric", "personnel_value": "numeric", "image_value": "numeric", "monetary_cost": "numeric", "time_cost": "numeric", "energy_cost": "numeric", "physical_cost": "numeric"},
                   "customers": {"{customer}": "id", "{segment}": "text"}}, keys={"customers": "{customer}"})
@kit_columns(frames=("perceptions", "customers"), keywords=("customer",))
def segment_fit(perceptions: pd.DataFrame, customers: pd.DataFrame, *,
                segment: str = "segment") -> pd.DataFrame:
    """Well-matched selection (门当户对): where our offer fits, segment by segment.

    Per segment: surveyed customers, mean delivered value of our offer and of the competitor's,
    mean ``advantage`` (ours − competitor), the share of customers who get more from us, and the
    mean value of each of the four values and four costs for our offer minus the competitor's
    (where our capability is strong or weak).  Sorted by advantage, best fit first.

    Parameters
    ----------
    perceptions : DataFrame
        Needs the ``customer=`` column (customer ids), ``offer`` (text), ``product_value``
        (numbers), ``service_value`` (numbers), ``personnel_value`` (numbers), ``image_value`` (numbers),
        ``monetary_cost`` (numbers), ``time_cost`` (numbers), ``energy_cost`` (numbers),
        ``physical_cost`` (numbers).
    customers : DataFrame
        Needs the ``customer=`` column (customer ids), the ``segment=`` column (text).
    segment : str, default 'segment'
        Segment (or the segment column) to analyse.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    DataFrame
        Well-matched selection (门当户对): where our offer fits, segment by segment.

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": [1, 1, 2, 2], "offer": ["ours", "competitor"] * 2,
    ...     "product_value": [60.0, 50.0, 40.0, 50.0], "service_value": [50.0] * 4,
    ...     "personnel_value": [50.0] * 4, "image_value": [50.0] * 4,
    ...     "monetary_cost": [40.0] * 4, "time_cost": [40.0] * 4,
    ...     "energy_cost": [40.0] * 4, "physical_cost": [40.0] * 4})
    >>> c = pd.DataFrame({"customer_id": [1, 2], "segment": ["manufacturing", "hospitality"]})
    >>> segment_fit(p, c)[["customers", "advantage", "share_prefer_ours", "product_value"]]  # doctest: +NORMALIZE_WHITESPACE
                   customers  advantage  share_prefer_ours  product_value
    segment
    manufacturing          1       10.0                1.0           10.0
    hospitality            1      -10.0                0.0          -10.0
    """
    what = "segment_fit"
    require_frame(customers, {"customer_id": "numeric", segment: "text"}, what=what)
    dv = delivered_value(perceptions)
    seg = customers.set_index("customer_id")[segment].astype("str")
    missing = dv.index.difference(seg.index)
    if len(missing):
        raise ValueError(f"{what}: surveyed customer {int(missing[0])} is not in the customers")
    p = perceptions.assign(offer=perceptions["offer"].astype("str"))
    comp = (p[p["offer"] == "ours"].set_index("customer_id")[list(_VALUES + _COSTS)]
            - p[p["offer"] == "competitor"].set_index("customer_id")[list(_VALUES + _COSTS)])
    frame = dv.assign(segment=seg.loc[dv.index].to_numpy(), prefer=dv["advantage"] > 0)
    frame = frame.join(comp)
    g = frame.groupby("segment", sort=False)
    out = pd.DataFrame({
        "customers": g.size(),
        "delivered_value_ours": g["delivered_value_ours"].mean(),
        "delivered_value_competitor": g["delivered_value_competitor"].mean(),
        "advantage": g["advantage"].mean(),
        "share_prefer_ours": g["prefer"].mean(),
    })
    out = out.join(g[list(_VALUES + _COSTS)].mean())
    out.index.name = segment
    return out.sort_values("advantage", ascending=False, kind="stable")


@validated(world={"customers": {"customer_id": "id"}, "transactions": {"customer_id": "id"},
                  "perceptions": {"customer_id": "id", "offer": "text", "product_value": "numeric", "service_value": "numeric", "personnel_value": "numeric", "image_value": "numeric", "monetary_cost": "numeric", "time_cost": "numeric", "energy_cost": "numeric", "physical_cost": "numeric"}},
           keys={"customers": "customer_id"}, empty_ok=("transactions",),
           options={"attractive": Interval(-100, 100)})
def two_way_selection(world, *, attractive: float = 60.0, **scorecard_options) -> pd.DataFrame:
    """Two-way selection (双向选择): do we want the customer, and does the customer want us?

    For every surveyed customer: our scorecard ``score`` (:func:`scorecard`; do we want them?)
    and the delivered-value ``advantage`` of our offer (:func:`delivered_value`; do they want
    us?).  ``quadrant``:

    * ``"match"`` — attractive (score ≥ ``attractive``) and gets more value from us: pursue, keep;
    * ``"improve our offer"`` — attractive but gets more from the competitor;
    * ``"serve efficiently"`` — gets more from us but is not attractive to us;
    * ``"no match"`` — neither.

    ``world`` is a casekit World (it needs customers, transactions and perceptions).

    Parameters
    ----------
    world : World
        A casekit World (or its customers frame). Needs customers: ``customer_id`` (customer
        ids); transactions: ``customer_id`` (customer ids); perceptions: ``customer_id``
        (customer ids), ``offer`` (text), ``product_value`` (numbers), ``service_value``
        (numbers), ``personnel_value`` (numbers), ``image_value`` (numbers), ``monetary_cost``
        (numbers), ``time_cost`` (numbers), ``energy_cost`` (numbers), ``physical_cost``
        (numbers).
    attractive : float, default 60.0
        Number in [-100, 100].
    **scorecard_options
        Passed on to :func:`scorecard`.

    Returns
    -------
    DataFrame
        Two-way selection (双向选择): do we want the customer, and does the customer want us?

    Examples
    --------
    >>> import casekit as ck
    >>> sorted(two_way_selection(ck.world())["quadrant"].unique())
    ['improve our offer', 'match', 'no match', 'serve efficiently']
    """
    what = "two_way_selection"
    if not (_is_world(world) and hasattr(world, "perceptions")):
        raise ValueError(f"{what}: expected a casekit World (e.g. ck.world()); got "
                         f"{type(world).__name__}")
    require_number(attractive, what=what, name="attractive", low=-100, high=100)
    dv = delivered_value(world.perceptions)
    sc = scorecard(world, **scorecard_options)
    ids = dv.index.intersection(sc.index)
    c = world.customers.set_index("customer_id").loc[ids]
    out = pd.DataFrame({"segment": c["segment"].astype("str"), "score": sc.loc[ids, "score"],
                        "advantage": dv.loc[ids, "advantage"], "churned": c["churned"],
                        "profit": sc.loc[ids, "profit"]})
    want, wanted = out["score"] >= attractive, out["advantage"] > 0
    out["quadrant"] = np.select([want & wanted, want & ~wanted, ~want & wanted],
                                ["match", "improve our offer", "serve efficiently"], "no match")
    return out


# ---------------------------------------------------------------------------------------------
# Look-alike selection
# ---------------------------------------------------------------------------------------------

@validated(frames={"customers": {"{customer}": "?id", "loyalty": "numeric", "tenure_years": "numeric",
                                  "churned": "bool"}}, keys={"customers": "{customer}"},
           options={"min_loyalty": Interval(0, 1), "min_tenure": Interval(0, None)})
@kit_columns(frames=("customers",), keywords=("customer",))
def loyal_customers(customers: pd.DataFrame, *, min_loyalty: float = 0.7,
                    min_tenure: float = 3.0) -> pd.Series:
    """Today's loyal customers (现有忠诚客户): a true/false mask over the customers.

    Loyal = loyalty index at least ``min_loyalty``, a customer for at least ``min_tenure``
    years, and still buying (not churned).

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids, optional), ``loyalty`` (numbers),
        ``tenure_years`` (numbers), ``churned`` (True/False).
    min_loyalty : float, default 0.7
        Least loyalty (0 to 1) of a loyal customer.
    min_tenure : float, default 3.0
        Least years as a customer.
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    Series
        Today's loyal customers (现有忠诚客户): a true/false mask over the customers.

    Examples
    --------
    >>> c = pd.DataFrame({"loyalty": [0.9, 0.9, 0.4], "tenure_years": [5.0, 1.0, 8.0],
    ...                   "churned": [False, False, False]})
    >>> loyal_customers(c).tolist()
    [True, False, False]
    """
    what = "loyal_customers"
    require_frame(customers, {"loyalty": "numeric", "tenure_years": "numeric", "churned": "bool"},
                  what=what)
    require_number(min_loyalty, what=what, name="min_loyalty", low=0, high=1)
    require_number(min_tenure, what=what, name="min_tenure", low=0)
    return ((customers["loyalty"] >= min_loyalty) & (customers["tenure_years"] >= min_tenure)
            & ~customers["churned"]).rename("loyal")


@validated(frames={"customers": {"{customer}": "?id", "tenure_years": "numeric", "churned": "bool"}},
           keys={"customers": "{customer}"}, options={"max_tenure": Interval(0, 100)})
@kit_columns(frames=("customers",), keywords=("customer",))
def new_customers(customers: pd.DataFrame, *, max_tenure: float = 1.0) -> pd.Series:
    """Recently won customers still buying (tenure below ``max_tenure`` years): a mask.

    Parameters
    ----------
    customers : DataFrame
        Needs the ``customer=`` column (customer ids, optional), ``tenure_years`` (numbers),
        ``churned`` (True/False).
    max_tenure : float, default 1.0
        Number in [0, 100].
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    Series
        Recently won customers still buying (tenure below ``max_tenure`` years): a mask.

    Examples
    --------
    >>> c = pd.DataFrame({"tenure_years": [0.5, 2.0, 0.3], "churned": [False, False, True]})
    >>> new_customers(c).tolist()
    [True, False, False]
    """
    what = "new_customers"
    require_frame(customers, {"tenure_years": "numeric", "churned": "bool"}, what=what)
    require_number(max_tenure, what=what, name="max_tenure", low=0)
    return ((customers["tenure_years"] < max_tenure) & ~customers["churned"]).rename("new")


@dataclass(frozen=True)
class LookAlike:
    """Result of :func:`lookalike`.

    Attributes
    ----------
    ranking : DataFrame
        One row per candidate (indexed by ``customer_id``), best match first: ``similarity``
        (0–1, 1 = exactly like the average loyal customer), ``distance``, ``rank``, and per trait
        ``gap_<trait>``: its weighted share of the distance (what holds the candidate back).
    drivers : DataFrame
        One row per trait: mean among loyal customers and among the others, the standardised
        difference (in standard deviations) and the ``weight`` it gets, largest first.
    """

    ranking: pd.DataFrame
    drivers: pd.DataFrame


def _trait_frame(customers: pd.DataFrame, traits, what) -> pd.DataFrame:
    c = customers.set_index("customer_id")
    cols = {}
    for t in traits:
        if t == "credit_score":
            require_frame(customers, {"credit_rating": "text"}, what=what)
            cols[t] = _credit_score(c["credit_rating"])
        elif t == "employees":
            require_frame(customers, {"employees": "numeric"}, what=what)
            cols[t] = np.log1p(c["employees"].clip(lower=0).astype("float64"))
        else:
            require_frame(customers, {t: "numeric"}, what=what)
            cols[t] = c[t].astype("float64")
    return pd.DataFrame(cols)


@validated(frames={"customers": {"{customer}": "id"}}, keys={"customers": "{customer}"})
@kit_columns(frames=("customers",), keywords=("customer",))
def lookalike(customers: pd.DataFrame, *, reference, candidates,
              traits=LOOKALIKE_TRAITS) -> LookAlike:
    """Look-alike selection: rank candidates by similarity to today's loyal customers.

    Select target customers by the traits of today's loyal customers
    (依据现有忠诚客户的特征来选择目标客户):

    1. standardise each trait over all customers: ``z = (x − mean) / sd`` (employees on a log
       scale; credit rating as A = 4 … D = 1);
    2. **drivers**: the standardised difference ``d`` = (mean among the reference customers −
       mean among all others) / sd, per trait; weight ``w = |d| / Σ|d|`` — traits that set loyal
       customers apart count most;
    3. **distance** of a candidate to the loyal profile: ``sqrt(Σ w · (z − z̄_loyal)²)``;
       ``similarity = 1 / (1 + distance)``.

    Parameters
    ----------
    customers : DataFrame
        The customers (with the ``customer=`` column and the ``traits``).
    reference, candidates : mask or list of ids
        The loyal customers to copy, and the customers or prospects to rank (e.g.
        :func:`loyal_customers` and :func:`new_customers`).
    traits : sequence of str
        Columns to compare (``"credit_score"`` is derived from ``credit_rating``).
    customer : str, default 'customer_id'
        Name of the customer-id column.

    Returns
    -------
    LookAlike
        ``ranking`` (one row per candidate, best match first: ``similarity``, ``distance``,
        ``rank`` and the gap per trait) and ``drivers`` (one row per trait: the means, the
        standardised difference and its ``weight``).

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5],
    ...                   "price_sensitivity": [0.1, 0.2, 0.9, 0.15, 0.8],
    ...                   "cooperativeness": [5, 5, 1, 4, 2]})
    >>> la = lookalike(c, reference=[1, 2], candidates=[4, 5],
    ...                traits=["price_sensitivity", "cooperativeness"])
    >>> la.ranking.index.tolist()
    [4, 5]
    >>> la.drivers["direction"].tolist()
    ['higher', 'lower']
    """
    what = "lookalike"
    require_frame(customers, {"customer_id": "numeric"}, what=what)
    traits = list(traits) if not isinstance(traits, str) else [traits]
    if not traits:
        raise ValueError(f"{what}: traits is empty; name at least one trait")
    x = _trait_frame(customers, traits, what)
    ref = _ids(reference, customers, what, "reference")
    cand = _ids(candidates, customers, what, "candidates")
    if len(ref) < 2:
        raise ValueError(f"{what}: reference holds {len(ref)} customer(s); expected at least 2 loyal "
                         "customers to learn from")
    if len(cand) == 0:
        raise ValueError(f"{what}: candidates is empty; expected at least one customer to rank")
    sd = x.std(ddof=0).replace(0.0, np.nan)
    z = (x - x.mean()) / sd
    z = z.fillna(0.0)
    is_ref = x.index.isin(ref)
    centre = z[is_ref].mean()
    d = centre - z[~is_ref].mean() if (~is_ref).any() else centre
    weight = d.abs() / d.abs().sum() if d.abs().sum() > 0 else pd.Series(1 / len(d), index=d.index)
    gaps = (z.loc[cand] - centre) ** 2 * weight
    dist = np.sqrt(gaps.sum(axis=1))
    share = gaps.div(gaps.sum(axis=1).where(gaps.sum(axis=1) > 0), axis=0).fillna(0.0)
    ranking = pd.DataFrame({"similarity": 1 / (1 + dist), "distance": dist})
    ranking = ranking.join(share.add_prefix("gap_"))
    ranking = ranking.sort_values(["distance"], kind="stable")
    ranking.insert(2, "rank", np.arange(1, len(ranking) + 1, dtype="int64"))
    ranking.index.name = "customer_id"
    drivers = pd.DataFrame({
        "loyal_mean": x[is_ref].mean(), "others_mean": x[~is_ref].mean() if (~is_ref).any() else np.nan,
        "std_difference": d, "weight": weight,
        "direction": np.where(d >= 0, "higher", "lower")})
    drivers.index.name = "trait"
    drivers = drivers.sort_values("weight", ascending=False, kind="stable")
    return LookAlike(ranking=ranking, drivers=drivers)
