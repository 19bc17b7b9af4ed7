"""Tests of chapter 1, customer selection (casekit.selection and its charts)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import casekit as ck  # noqa: E402
from casekit import plots  # noqa: E402
from casekit import selection as S  # noqa: E402


@pytest.fixture(scope="module")
def world():
    return ck.world()


@pytest.fixture(scope="module")
def small_world():
    return ck.make_world(seed=5, n_customers=400)


def _frames():
    customers = pd.DataFrame({
        "customer_id": [1, 2, 3],
        "first_purchase": pd.to_datetime(["2020-01-01", "2024-07-02", "2019-03-01"]),
        "cost_to_serve": [366.0, 100.0, 200.0], "bad_debt": [0.0, 0.0, 900.0],
        "churned": [False, False, True],
        "churn_date": pd.to_datetime([None, None, "2023-12-31"])})
    tx = pd.DataFrame({
        "customer_id": [1, 1, 2, 3, 3],
        "date": pd.to_datetime(["2023-05-01", "2024-05-01", "2024-09-01", "2023-02-01", "2023-11-01"]),
        "list_value": [1000.0, 1000.0, 500.0, 800.0, 400.0],
        "discount": [0.0, 100.0, 0.0, 0.0, 0.0],
        "revenue": [1000.0, 900.0, 500.0, 800.0, 400.0],
        "margin": [400.0, 300.0, 200.0, 300.0, 100.0]})
    return customers, tx


# --- customer_profitability -------------------------------------------------------------------

def test_profitability_by_hand():
    customers, tx = _frames()
    p = S.customer_profitability(customers, tx, years=[2023, 2024], asof="2024-12-31")
    assert p.loc[1, "active_years"] == pytest.approx(2.0)
    assert p.loc[2, "active_years"] == pytest.approx(183 / 366)  # 2 Jul .. 31 Dec of a leap year
    assert p.loc[3, "active_years"] == pytest.approx(1.0)  # churned on the last day of 2023
    assert p.loc[1, "profit"] == pytest.approx(700.0 - 2 * 366.0)
    assert p.loc[3, "profit"] == pytest.approx(400.0 - 200.0 - 900.0)
    assert p.loc[1, "discount_rate"] == pytest.approx(100 / 2000)


def test_profitability_years_add_up(world):
    total = S.customer_profitability(world)
    parts = [S.customer_profitability(world, years=y, active_only=False) for y in (2023, 2024, 2025)]
    summed = sum(p[["revenue", "gross_margin", "cost_to_serve", "bad_debt", "profit"]] for p in parts)
    summed = summed.loc[total.index]
    for col in ("revenue", "gross_margin", "cost_to_serve", "bad_debt", "profit"):
        np.testing.assert_allclose(summed[col], total[col], rtol=1e-9, atol=1e-6)


def test_profitability_matches_the_data(world):
    p = S.customer_profitability(world)
    assert p["revenue"].sum() == pytest.approx(world.transactions["revenue"].sum())
    assert p["bad_debt"].sum() == pytest.approx(world.customers["bad_debt"].sum())
    assert p["active_years"].between(0, 3 + 1e-9).all()
    never_left = world.customers.set_index("customer_id")
    full = never_left.index[(never_left["first_purchase"] <= "2023-01-01") & ~never_left["churned"]]
    np.testing.assert_allclose(p.loc[full, "active_years"], 3.0)
    np.testing.assert_allclose(p["profit"], p["gross_margin"] - p["cost_to_serve"] - p["bad_debt"])


def test_profitability_active_only_drops_inactive():
    customers, tx = _frames()
    p = S.customer_profitability(customers, tx, years=2024, asof="2024-12-31")
    assert 3 not in p.index  # churned in 2023
    q = S.customer_profitability(customers, tx, years=2024, asof="2024-12-31", active_only=False)
    assert q.loc[3, "profit"] == 0.0 and np.isnan(q.loc[3, "profit_margin"])


@pytest.mark.parametrize("call, match", [
    (lambda c, t: S.customer_profitability("customers", t), "DataFrame"),
    (lambda c, t: S.customer_profitability(c), "World"),
    (lambda c, t: S.customer_profitability(c.drop(columns="cost_to_serve"), t), "cost_to_serve"),
    (lambda c, t: S.customer_profitability(c, t.drop(columns="margin")), "margin"),
    (lambda c, t: S.customer_profitability(c, t, years="last"), "years"),
    (lambda c, t: S.customer_profitability(c, t, years=[]), "years"),
    (lambda c, t: S.customer_profitability(pd.concat([c, c]), t), "twice"),
    (lambda c, t: S.customer_profitability(c, t.assign(revenue=np.nan)), "revenue"),
])
def test_profitability_bad_input(call, match):
    customers, tx = _frames()
    with pytest.raises(ValueError, match=match):
        call(customers, tx)


def test_profitability_world_and_frames_not_both(world):
    with pytest.raises(ValueError, match="either"):
        S.customer_profitability(world, world.transactions)


def test_profitability_does_not_change_input(world):
    before = world.customers.copy()
    S.customer_profitability(world, years=2025)
    pd.testing.assert_frame_equal(before, world.customers)


# --- scorecard and swaps ----------------------------------------------------------------------

def test_scorecard_classes_and_margins(world):
    s = S.scorecard(world)
    assert set(s["class"]) == {"good", "ordinary", "bad"}
    g = s.groupby("class")
    margin = g["profit"].sum() / g["revenue"].sum()
    assert margin["good"] > margin["ordinary"] > margin["bad"]
    assert s[list(S.GOOD_TRAITS)].stack().between(0, 1).all()
    assert (s["score"] == s["good_score"] - s["penalty"]).all()
    flagged = s["buys_little_demands_much"] | s["no_credit"] | s["off_core_demands"]
    assert s.loc[flagged, "reasons"].str.contains("bad:").all()
    assert not s.loc[~flagged, "reasons"].str.contains("bad:").any()


def test_scorecard_weights_matter(world):
    base = S.scorecard(world)
    size = S.scorecard(world, weights={"purchasing_power": 5})
    assert (base["class"] != size["class"]).any()
    # weighting size up raises the scores of the biggest customers
    big = base["revenue"] >= base["revenue"].quantile(0.9)
    assert size.loc[big, "score"].mean() > base.loc[big, "score"].mean()
    no_pen = S.scorecard(world, penalties=dict.fromkeys(S.BAD_TRAITS, 0))
    assert (no_pen["penalty"] == 0).all()


@pytest.mark.parametrize("kwargs, match", [
    ({"weights": {"size": 1}}, "unknown key 'size'"),
    ({"weights": dict.fromkeys(S.GOOD_TRAITS, 0)}, "all zero"),
    ({"weights": [1, 2]}, "dict"),
    ({"penalties": {"no_credit": -5}}, "out of range"),
    ({"good_cut": 20, "bad_cut": 30}, "bad_cut"),
    ({"min_disputes": 0}, "min_disputes"),
])
def test_scorecard_bad_options(world, kwargs, match):
    with pytest.raises(ValueError, match=match):
        S.scorecard(world, **kwargs)


def test_scorecard_bad_credit_rating(small_world):
    c = small_world.customers.copy()
    c["credit_rating"] = c["credit_rating"].astype("str")
    c.loc[0, "credit_rating"] = "AAA"
    with pytest.raises(ValueError, match="credit_rating"):
        S.scorecard(c, small_world.transactions)


def test_profit_swaps(world):
    sw = S.profit_swaps(world)
    assert 0.05 < sw["swapped"].mean() < 0.6
    assert ((sw["profit_before"] > 0) == (sw["class_before"] == "profitable")).all()
    with pytest.raises(ValueError, match="two different years"):
        S.profit_swaps(world, before=2025, after=2025)


# --- big and small ----------------------------------------------------------------------------

def test_big_customer_risks(world):
    r = S.big_customer_risks(world)
    assert set(r["risk"]) == set(S.RISKS)
    lesson = r.set_index("measure").loc[["payment days", "discount rate", "bad debt per customer",
                                         "churn rate"]]
    assert (lesson["ratio"] > 1).all()
    # churn is judged among the biggest firms by employees, everything else by period revenue
    assert (r.loc[r["risk"] == "churn", "big_by"] == "employees").all()
    assert (r.loc[r["risk"] != "churn", "big_by"] == "revenue").all()
    with pytest.raises(ValueError, match="top"):
        S.big_customer_risks(world, top=0.9)


def test_big_customer_risks_churn_is_the_churn_rate_of_the_biggest_firms(world):
    r = S.big_customer_risks(world, top=0.1).set_index("measure")
    c = world.customers.set_index("customer_id")
    p = S.customer_profitability(world)
    c = c.loc[p.index]
    k = int(np.ceil(0.1 * len(c)))
    # the k biggest by employees, ties by revenue per active year then id: computed independently
    order = pd.DataFrame({"e": c["employees"], "a": p["annual_revenue"], "id": c.index})
    big = order.sort_values(["e", "a", "id"], ascending=[False, False, True]).index[:k]
    is_big = c.index.isin(big)
    assert r.loc["churn rate", "big"] == pytest.approx(c.loc[is_big, "churned"].mean())
    assert r.loc["churn rate", "rest"] == pytest.approx(c.loc[~is_big, "churned"].mean())
    assert r.loc["price sensitivity", "big"] == pytest.approx(
        c.loc[is_big, "price_sensitivity"].mean())


def test_big_customer_risks_size_ties_and_bad_input():
    customers = pd.DataFrame({
        "customer_id": [1, 2, 3, 4], "first_purchase": pd.to_datetime(["2020-01-01"] * 4),
        "cost_to_serve": [100.0] * 4, "bad_debt": [0.0] * 4,
        "churned": [False, True, False, False], "payment_days": [30, 30, 30, 30],
        "disputes": [0, 0, 0, 0], "off_core_requests": [0, 0, 0, 0],
        "price_sensitivity": [0.5] * 4, "employees": [100, 100, 10, 10],
        "churn_date": pd.to_datetime([None, "2025-06-30", None, None])})
    tx = pd.DataFrame({
        "customer_id": [1, 2, 3, 4], "date": pd.to_datetime(["2025-01-10"] * 4),
        "list_value": [1000.0, 3000.0, 9000.0, 1000.0], "discount": [0.0] * 4,
        "revenue": [1000.0, 3000.0, 9000.0, 1000.0], "margin": [400.0] * 4})
    r = S.big_customer_risks(customers, tx, top=0.25).set_index("measure")
    # two firms tie at 100 employees: the one with more revenue per year (customer 2, churned) wins;
    # customer 3, the biggest by revenue, is small by size and does not count for churn
    assert r.loc["churn rate", "big"] == 1.0 and r.loc["churn rate", "rest"] == 0.0
    with pytest.raises(ValueError, match="employees"):
        S.big_customer_risks(customers.drop(columns="employees"), tx)


def test_lifetime_value():
    assert S.lifetime_value(100.0, 0.0, 0.0, horizon=3, discount_rate=0.0) == pytest.approx(300.0)
    # chapter 1 uses the kit's one lifetime value: growth and cost, retention 1, timing "end"
    assert S.lifetime_value(900.0, 100.0, 0.2, horizon=4) == pytest.approx(
        ck.lifetime_value(900.0, cost=100.0, growth=0.2, horizon=4, retention=1.0, timing="end"))
    s = S.lifetime_value(pd.Series([100.0, 200.0], index=[7, 8]), 50.0, 0.1)
    assert list(s.index) == [7, 8] and s.iloc[1] > s.iloc[0]
    with pytest.raises(ValueError, match="growth"):
        S.lifetime_value(100.0, 0.0, -1.5)
    with pytest.raises(ValueError, match="horizon"):
        S.lifetime_value(100.0, 0.0, 0.1, horizon=0)


def test_small_customer_potential(world):
    sp = S.small_customer_potential(world)
    small = sp[sp["small"]]
    assert 0 < small["fast_grower"].mean() < 0.5
    assert sorted(sp["ltv_rank"]) == list(range(1, len(sp) + 1))
    with pytest.raises(ValueError, match="small"):
        S.small_customer_potential(world, small=1.5)


# --- delivered value and fit ------------------------------------------------------------------

def test_delivered_value(world):
    dv = S.delivered_value(world.perceptions)
    assert len(dv) == world.perceptions["customer_id"].nunique()
    np.testing.assert_allclose(dv["advantage"],
                               dv["delivered_value_ours"] - dv["delivered_value_competitor"])
    np.testing.assert_allclose(dv["delivered_value_ours"],
                               dv["total_value_ours"] - dv["total_cost_ours"])


def test_delivered_value_bad_input(world):
    p = world.perceptions
    with pytest.raises(ValueError, match="offer"):
        S.delivered_value(p[p["offer"] == "ours"])
    with pytest.raises(ValueError, match="twice"):
        S.delivered_value(pd.concat([p, p.head(1)]))
    with pytest.raises(ValueError, match="time_cost"):
        S.delivered_value(p.drop(columns="time_cost"))


def test_segment_fit(world):
    fit = S.segment_fit(world.perceptions, world.customers)
    assert fit["advantage"].is_monotonic_decreasing
    assert fit.loc["manufacturing", "advantage"] > fit.loc["hospitality", "advantage"]
    assert fit["customers"].sum() == world.perceptions["customer_id"].nunique()
    with pytest.raises(ValueError, match="not in the customers"):
        S.segment_fit(world.perceptions, world.customers.iloc[:10])


def test_two_way_selection(world):
    tw = S.two_way_selection(world)
    assert set(tw["quadrant"]) <= {"match", "improve our offer", "serve efficiently", "no match"}
    assert ((tw["quadrant"] == "match") == ((tw["score"] >= 60) & (tw["advantage"] > 0))).all()
    with pytest.raises(ValueError, match="World"):
        S.two_way_selection(world.customers)


# --- look-alikes ------------------------------------------------------------------------------

def test_lookalike(world):
    c = world.customers
    la = S.lookalike(c, reference=S.loyal_customers(c), candidates=S.new_customers(c))
    assert la.drivers["weight"].sum() == pytest.approx(1.0)
    assert la.ranking["distance"].is_monotonic_increasing
    assert list(la.ranking["rank"]) == list(range(1, len(la.ranking) + 1))
    gaps = la.ranking.filter(like="gap_")
    np.testing.assert_allclose(gaps.sum(axis=1), 1.0)
    assert la.drivers.loc["price_sensitivity", "direction"] == "lower"
    r = la.ranking.join(c.set_index("customer_id")["loyalty"])
    top, bottom = r.head(len(r) // 4), r.tail(len(r) // 4)
    assert top["loyalty"].mean() > bottom["loyalty"].mean()


def test_lookalike_exact_match_has_similarity_one():
    c = pd.DataFrame({"customer_id": [1, 2, 3, 4], "x": [1.0, 3.0, 2.0, 10.0]})
    la = S.lookalike(c, reference=[1, 2], candidates=[3, 4], traits=["x"])
    assert la.ranking.loc[3, "similarity"] == pytest.approx(1.0)
    assert la.ranking.loc[4, "similarity"] < 1.0


@pytest.mark.parametrize("kwargs, match", [
    ({"reference": [1], "candidates": [3]}, "at least 2"),
    ({"reference": [1, 2], "candidates": []}, "candidates is empty"),
    ({"reference": [1, 99], "candidates": [3]}, "99"),
    ({"reference": pd.Series([True, False]), "candidates": [3]}, "mask"),
    ({"reference": [1, 2], "candidates": [3], "traits": ["height"]}, "height"),
    ({"reference": [1, 2], "candidates": [3], "traits": []}, "traits is empty"),
])
def test_lookalike_bad_input(kwargs, match):
    c = pd.DataFrame({"customer_id": [1, 2, 3, 4], "x": [1.0, 3.0, 2.0, 10.0]})
    kwargs.setdefault("traits", ["x"])
    with pytest.raises(ValueError, match=match):
        S.lookalike(c, **kwargs)


# --- screening and coverage -------------------------------------------------------------------

def test_annual_screening(world):
    s = S.annual_screening(world)
    assert set(s["decision"]) == {"keep", "watch", "drop"}
    assert (s.loc[s["decision"] == "drop", "profit"] <= 0).all()
    assert (s.loc[s["decision"] == "drop", "future"] <= 2).all()
    crit = s[list(S.SCREENING_CRITERIA)]
    assert crit.stack().between(1, 5).all()
    assert s.loc[s["decision"] == "keep", "profit"].sum() > s["profit"].clip(lower=0).sum() / 2


def test_annual_screening_flexible(world):
    base = S.annual_screening(world)
    strict = S.annual_screening(world, drop_future=5)
    assert (strict["decision"] == "drop").sum() >= (base["decision"] == "drop").sum()
    with pytest.raises(ValueError, match="no orders in year=2019"):
        S.annual_screening(world, year=2019)
    with pytest.raises(ValueError, match="unknown key"):
        S.annual_screening(world, weights={"size": 2})


def test_next_year_value_and_plan(world):
    t = S.next_year_value(world)
    assert not world.customers.set_index("customer_id").loc[t.index, "churned"].any()
    budget = 0.4 * t["service_hours"].sum()
    best = S.plan_coverage(t, value="expected_profit", hours="service_hours", budget=budget)
    big = S.plan_coverage(t, value="expected_profit", hours="service_hours", budget=budget,
                          order="revenue")
    for plan in (best, big):
        assert plan.loc[plan["chosen"], "service_hours"].sum() <= budget + 1e-6
    assert (best.loc[best["chosen"], "expected_profit"].sum()
            > big.loc[big["chosen"], "expected_profit"].sum())
    assert (best.loc[best["chosen"], "expected_profit"] > 0).all()


def test_plan_coverage_bad_input():
    t = pd.DataFrame({"v": [1.0, 2.0], "h": [1.0, 0.0]})
    with pytest.raises(ValueError, match="hours above 0"):
        S.plan_coverage(t, value="v", hours="h", budget=5)
    t = pd.DataFrame({"v": [1.0, 2.0], "h": [1.0, 2.0]})
    with pytest.raises(ValueError, match="order="):
        S.plan_coverage(t, value="v", hours="h", budget=5, order="size")
    with pytest.raises(ValueError, match="budget"):
        S.plan_coverage(t, value="v", hours="h", budget=-1)


# --- charts -----------------------------------------------------------------------------------

def test_charts_draw_and_label(world):
    p = S.customer_profitability(world)
    sw = S.profit_swaps(world)
    fit = S.segment_fit(world.perceptions, world.customers)
    la = S.lookalike(world.customers, reference=S.loyal_customers(world.customers),
                     candidates=S.new_customers(world.customers))
    t = S.next_year_value(world)
    axes = [
        plots.profit_curve(p), plots.revenue_vs_margin(p), plots.class_margins(S.scorecard(world)),
        plots.swap_heatmap(pd.crosstab(sw["class_before"], sw["class_after"])),
        plots.big_risk_ratios(S.big_customer_risks(world)),
        plots.size_vs_growth(S.small_customer_potential(world)),
        plots.delivered_value_bars(fit), plots.capability_map(fit),
        plots.two_way_map(S.two_way_selection(world)), plots.lookalike_drivers(la.drivers),
        plots.lookalike_lift(la.ranking.join(world.customers.set_index("customer_id")["loyalty"])),
        plots.screening_summary(S.annual_screening(world)),
        plots.coverage_curves({"a": S.plan_coverage(t, value="expected_profit",
                                                    hours="service_hours", budget=1000)},
                              value="expected_profit", hours="service_hours", budget=1000),
    ]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel()
        plt.close(ax.figure)


def test_chart_bad_input():
    with pytest.raises(ValueError, match="profit"):
        plots.profit_curve(pd.DataFrame({"revenue": [1.0]}))
    with pytest.raises(ValueError, match="crosstab"):
        plots.swap_heatmap(pd.DataFrame())


def test_profitability_orders_of_unknown_customers():
    customers, tx = _frames()
    with pytest.raises(ValueError, match="customer_id 99"):
        S.customer_profitability(customers, tx.assign(customer_id=[1, 1, 2, 3, 99]))
    # ids that are not a compact range take the general path and give the same result
    wide = customers.assign(customer_id=customers["customer_id"] * 10_000_000)
    p = S.customer_profitability(wide, tx.assign(customer_id=tx["customer_id"] * 10_000_000),
                                 years=2023, asof="2024-12-31")
    q = S.customer_profitability(customers, tx, years=2023, asof="2024-12-31")
    np.testing.assert_allclose(p["profit"].to_numpy(), q["profit"].to_numpy())
