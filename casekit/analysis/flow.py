"""Chapter 5, customer analysis — the analysis flow: grade → register → routes → visit plan."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import terms
from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, require_choice, require_frame, require_number, validated,
)
from ..tiering import abc
from ._common import _mapping, _one_row_per_customer  # noqa: F401
from .file import customer_file  # noqa: F401
from .trading import composition  # noqa: F401


# ---------------------------------------------------------------------------------------------
# 5. The analysis flow: grade → register → routes → visit plan
# ---------------------------------------------------------------------------------------------

@validated(
    frames={"file": {"{value}": "money", "status": "?text"}},
    options={"active_only": Flag()},
)
@_one_row_per_customer("file")
def grade_customers(file: pd.DataFrame, *, value="revenue_12m", cutoffs=(0.7, 0.9),
                    active_only: bool = True) -> pd.DataFrame:
    """Grade customers (划分客户等级) A, B, C by their share of ``value``.

    The ABC rule of chapter 4 (:func:`casekit.tiering.abc`): customers ranked by ``value``
    (default: revenue of the last 12 months); a customer is A while the cumulative share of those
    ranked before it is below ``cutoffs[0]``, B while below ``cutoffs[1]``, else C.  Returns the
    file's rows (active customers only by default), largest first, with ``grade`` (ordered
    category A < B < C) and ``value_share`` (cumulative).

    Parameters
    ----------
    file : DataFrame
        The customer file of :func:`customer_file`, one row per customer (indexed by
        ``customer_id``). Reads ``status`` (optional).
    value : str, default 'revenue_12m'
        Column of the value read.
    cutoffs : tuple of float, default (0.7, 0.9)
        Cumulative value shares that end grades A and B.
    active_only : bool, default True
        Only customers whose ``status`` is active.

    Returns
    -------
    DataFrame
        Grade customers (划分客户等级) A, B, C by their share of ``value``.

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


@validated(
    frames={
        "graded": {
            "{value}": "money",
            "customer_type": "text",
            "segment": "text",
            "region": "text",
            "grade": "text",
        },
    },
    options={"key_accounts_per_rep": Interval(1, None, integer=True)},
)
@_one_row_per_customer("graded")
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

    Parameters
    ----------
    graded : DataFrame
        The graded customer file of :func:`grade_customers`. Reads ``customer_type``, ``segment``,
        ``region``, ``grade``.
    value : str, default 'revenue_12m'
        Column of the value read.
    key_accounts_per_rep : int, default 15
        Key accounts one dedicated rep looks after.

    Returns
    -------
    DataFrame
        The customer register (客户名册): every graded customer with a register number and a rep.

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


@validated(frames={"customers": {}}, options={"radius_km": Interval(0, None)})
@_one_row_per_customer("customers")
def customer_locations(customers, *, radius_km: float = 60.0) -> pd.DataFrame:
    """A stand-in address for each customer: its position around its region's sales office.

    The synthetic data has no addresses, so this is **an assumption** made to teach route
    planning: customer number ``i`` sits at bearing 360° · frac(0.7549 · i) (clockwise from north)
    and distance ``radius_km`` · √frac(0.5698 · i) from the office (the R2 low-discrepancy
    sequence: positions spread evenly over a disc and never change).  Accepts a frame indexed by
    ``customer_id`` (or with that column) and returns ``bearing_deg``, ``distance_km``, ``x_km``
    (east) and ``y_km`` (north).

    Parameters
    ----------
    customers : DataFrame
        The customers, one row per customer.
    radius_km : float, default 60.0
        Radius of a region in km.

    Returns
    -------
    DataFrame
        A stand-in address for each customer: its position around its region's sales office.

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


@validated(
    frames={"register": {"region": "text"}},
    options={"customers_per_route": Interval(1, None, integer=True), "radius_km": Interval(0, None)},
)
@_one_row_per_customer("register")
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

    Parameters
    ----------
    register : DataFrame
        The customer register of :func:`customer_register`. Reads ``region``.
    customers_per_route : int, default 40
        Customers on one route.
    radius_km : float, default 60.0
        Radius of a region in km.

    Returns
    -------
    DataFrame
        Route classification (路序分类): group each region's customers into visit routes.

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


@validated(
    frames={
        "routes": {
            "region": "text",
            "grade": "text",
            "bearing_deg": "numeric",
            "distance_km": "numeric",
            "route": "text",
        },
    },
)
def route_table(routes: pd.DataFrame) -> pd.DataFrame:
    """The routes of :func:`route_classification`: customers, grades and the bearing range each
    route covers (``from_deg`` to ``to_deg``, clockwise from north).

    Parameters
    ----------
    routes : DataFrame
        The routes of :func:`route_classification`, one row per customer. Reads ``region``,
        ``grade``, ``bearing_deg``, ``distance_km``, ``route``.

    Returns
    -------
    DataFrame
        The routes of :func:`route_classification`: customers, grades and the bearing range each
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


@validated(
    frames={"routes": {"grade": "text", "route": "text"}},
    options={
        "travel_minutes_per_stop": Interval(0, None),
        "hours_per_day": Interval(0, None),
        "working_days": Interval(0, None),
    },
)
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

    Parameters
    ----------
    routes : DataFrame
        The routes of :func:`route_classification`, one row per customer. Reads ``grade``,
        ``route``.
    visits_per_month : dict, optional
        Visits per month per grade (default ``None``: :data:`VISITS_PER_MONTH`).
    minutes_per_visit : dict, optional
        Minutes per visit per grade (default ``None``: :data:`MINUTES_PER_VISIT`).
    travel_minutes_per_stop : float, default 30.0
        Travel minutes between two stops.
    hours_per_day : float, default 7.0
        Working hours per day.
    working_days : float, default 21.0
        Working days per month.
    by : str, default 'route'
        Column to group by.

    Returns
    -------
    DataFrame
        The visit plan (客户访问计划): visits and working time per month, per route or region.

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

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)`` for your own data).
    cutoffs : tuple of float, default (0.7, 0.9)
        Cumulative value shares that end grades A and B.
    key_accounts_per_rep : int, default 15
        Key accounts one dedicated rep looks after.
    customers_per_route : int, default 40
        Customers on one route.
    visits_per_month : dict, optional
        Visits per month per grade (default ``None``: :data:`VISITS_PER_MONTH`).
    minutes_per_visit : dict, optional
        Minutes per visit per grade (default ``None``: :data:`MINUTES_PER_VISIT`).

    Returns
    -------
    AnalysisFlow
        Run the customer-analysis flow (客户分析的流程) on a world, step by step.

    Examples
    --------
    >>> import casekit as ck
    >>> flow = analysis_flow(ck.world(n_customers=300, seed=1))
    >>> type(flow).__name__, len(flow.file)
    ('AnalysisFlow', 300)
    """
    file = customer_file(world)
    comp = composition(file, ["segment", "customer_type"], active_only=True)
    graded = grade_customers(file, cutoffs=cutoffs)
    register = customer_register(graded, key_accounts_per_rep=key_accounts_per_rep)
    routes = route_classification(register, customers_per_route=customers_per_route)
    plan = visit_plan(routes, visits_per_month=visits_per_month,
                      minutes_per_visit=minutes_per_visit)
    return AnalysisFlow(file, comp, graded, register, routes, plan)


