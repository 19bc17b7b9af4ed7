"""Tests of casekit.analysis (chapter 5: customer analysis and the customer database)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import analysis as ca
from casekit import terms
from casekit.selection import customer_profitability


@pytest.fixture(scope="module")
def world():
    return ck.make_world(seed=4, n_customers=600)


@pytest.fixture(scope="module")
def file(world):
    return ca.customer_file(world)


# ------------------------------------------------------------------------------------------------
# Vocabulary
# ------------------------------------------------------------------------------------------------

def test_concept_lists_follow_the_source():
    assert len(ca.MANAGEMENT_CONTENT) == 4
    assert [p[1] for p in ca.PATROL_ACTIONS] == ["倾听", "教育", "帮助"]
    assert len(ca.DATABASE_STAGES) == 6 and ca.DATABASE_STAGES[0][1].startswith("做出")
    assert len(ca.CRM_FEATURES) == 5 and len(ca.CRM_CONTENTS) == 3
    assert [s[2] for s in ca.ANALYSIS_FLOW] == ["customer_file", "composition", "grade_customers",
                                                "customer_register", "route_classification",
                                                "visit_plan"]
    for _en, _zh, fn in ca.ANALYSIS_FLOW:
        assert callable(getattr(ca, fn))
    for name in ("crm_features", "credit_sources", "database_parts", "follow_up"):
        t = ca.concepts(name)
        assert list(t.columns)[:2] == ["english", "chinese"] and len(t) > 0


def test_concepts_bad_name():
    with pytest.raises(ValueError, match="name='crm'"):
        ca.concepts("crm")


# ------------------------------------------------------------------------------------------------
# The customer file
# ------------------------------------------------------------------------------------------------

def test_file_one_row_per_customer_with_all_sections(world, file):
    assert len(file) == len(world.customers)
    assert file.index.is_monotonic_increasing and file.index.is_unique
    for _en, _zh, cols in ca.FILE_SECTIONS.values():
        for c in cols:
            assert c in file.columns
            assert c in ca.FILE_LABELS


def test_file_sums_match_the_transactions(world, file):
    tx = world.transactions
    assert file["orders"].sum() == len(tx)
    assert np.isclose(file["revenue"].sum(), tx["revenue"].sum())
    assert np.isclose(file["gross_margin"].sum(), tx["margin"].sum())
    recent = tx["date"] > world.asof - pd.Timedelta(days=365)
    assert np.isclose(file["revenue_12m"].sum(), tx.loc[recent, "revenue"].sum())
    by = tx.groupby("customer_id")["date"].max()
    assert (file.loc[by.index, "last_order"] == by).all()
    lines = tx.groupby("customer_id")["product_line"].nunique()
    assert (file.loc[lines.index, "product_lines"] == lines).all()
    main = tx.groupby(["customer_id", "product_line"], observed=True)["revenue"].sum()
    main = main.reset_index().sort_values("revenue").drop_duplicates("customer_id", keep="last")
    main = main.set_index("customer_id")["product_line"].astype("str")
    assert (file.loc[main.index, "main_line"].astype("str") == main).all()


def test_file_complaints_and_profit(world, file):
    comp = world.complaints
    assert file["complaints"].sum() == len(comp)
    assert file["open_complaints"].sum() == int((~comp["resolved"]).sum())
    p = customer_profitability(world, active_only=False)["profit"]
    assert np.allclose(file["profit"].to_numpy(), p.reindex(file.index).to_numpy())


def test_file_from_frames_equals_file_from_world(world, file):
    other = ca.customer_file(world.customers, world.transactions, world.complaints)
    pd.testing.assert_frame_equal(file, other)


def test_file_does_not_change_its_input(world):
    c, t = world.customers.copy(), world.transactions.copy()
    ca.customer_file(world.customers, world.transactions)
    pd.testing.assert_frame_equal(c, world.customers)
    pd.testing.assert_frame_equal(t, world.transactions)


def test_file_customer_without_orders():
    c = ck.make_world(seed=1, n_customers=200).customers
    tx = ck.make_world(seed=1, n_customers=200).transactions
    some = tx[tx["customer_id"] != c["customer_id"].iloc[0]]
    f = ca.customer_file(c, some)
    row = f.loc[c["customer_id"].iloc[0]]
    assert row["orders"] == 0 and row["revenue"] == 0 and pd.isna(row["last_order"])
    assert pd.isna(row["main_line"]) and row["product_lines"] == 0


def test_file_bad_input(world):
    with pytest.raises(ValueError, match="World"):
        ca.customer_file(world.customers)
    with pytest.raises(ValueError, match="'payment_days'"):
        ca.customer_file(world.customers.drop(columns="payment_days"), world.transactions)
    twice = pd.concat([world.customers, world.customers.iloc[:1]])
    with pytest.raises(ValueError, match="appears twice"):
        ca.customer_file(twice, world.transactions)
    with pytest.raises(ValueError, match="both"):
        ca.customer_file(world, world.transactions)
    with pytest.raises(ValueError, match="DataFrame"):
        ca.customer_file("customers", world.transactions)


def test_customer_card(file):
    cid = int(file.index[3])
    card = ca.customer_card(file, cid)
    assert list(card.columns) == ["section", "item", "chinese", "value"]
    assert list(dict.fromkeys(card["section"])) == [s[0] for s in ca.FILE_SECTIONS.values()]
    assert card["value"].map(type).eq(str).all()
    with pytest.raises(ValueError, match="not in the file"):
        ca.customer_card(file, 10**9)
    with pytest.raises(ValueError, match="not a customer number"):
        ca.customer_card(file, "abc")
    with pytest.raises(ValueError, match="expected a pandas DataFrame"):
        ca.customer_card([1, 2], 1)


def test_type_files_partition(file):
    parts = ca.type_files(file)
    assert set(parts) == set(terms.english(terms.CUSTOMER_TYPES))
    assert sum(len(p) for p in parts.values()) == len(file)
    for p in parts.values():
        assert p["revenue"].is_monotonic_decreasing


# ------------------------------------------------------------------------------------------------
# Composition, performance, mix
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("by", ["segment", "region", "customer_type", "size_band",
                                ["segment", "customer_type"]])
def test_composition_shares_add_up(file, by):
    comp = ca.composition(file, by)
    assert comp["customers"].sum() == len(file)
    assert np.isclose(comp["customer_share"].sum(), 1)
    assert np.isclose(comp["revenue_share"].sum(), 1)
    assert np.isclose(comp["revenue"].sum(), file["revenue"].sum())


def test_composition_active_only_and_bad_input(file):
    comp = ca.composition(file, "segment", active_only=True)
    assert comp["customers"].sum() == int((file["status"] == "active").sum())
    with pytest.raises(ValueError, match="no column 'colour'"):
        ca.composition(file, "colour")
    with pytest.raises(ValueError, match="by=3"):
        ca.composition(file, 3)
    with pytest.raises(ValueError, match="active_only"):
        ca.composition(file, "segment", active_only="yes")


def test_trading_performance_per_customer(world):
    tx = world.transactions
    perf = ca.trading_performance(tx)
    r25 = tx[tx["date"].dt.year == 2025].groupby("customer_id")["revenue"].sum()
    assert np.allclose(perf.loc[r25.index, "revenue_2025"], r25)
    assert np.isclose(perf["share"].sum(), 1)
    ok = perf["revenue_2024"] > 0
    assert np.allclose(perf.loc[ok, "growth"],
                       perf.loc[ok, "revenue_2025"] / perf.loc[ok, "revenue_2024"] - 1)


def test_trading_performance_by_segment(world, file):
    perf = ca.trading_performance(world.transactions, customers=file, by="segment")
    assert set(perf.index) == set(terms.english(terms.SEGMENTS))
    same = ca.trading_performance(world.transactions, customers=world.customers, by="segment")
    pd.testing.assert_frame_equal(perf, same)
    with pytest.raises(ValueError, match="needs customers"):
        ca.trading_performance(world.transactions, by="segment")
    with pytest.raises(ValueError, match="earlier year"):
        ca.trading_performance(world.transactions, before=2025, after=2024)
    few = world.customers.iloc[:10]
    with pytest.raises(ValueError, match="not in the customers"):
        ca.trading_performance(world.transactions, customers=few, by="segment")


def test_product_mix(world):
    mix = ca.product_mix(world.transactions)
    assert list(mix.index) == list(terms.english(terms.PRODUCT_LINES))
    assert np.isclose(mix["share"].sum(), 1) and np.isclose(mix["margin_share"].sum(), 1)
    by = ca.product_mix(world.transactions, customers=world.customers, by="customer_type")
    assert np.allclose(by.sum(axis=1), 1)
    with pytest.raises(ValueError, match="needs customers"):
        ca.product_mix(world.transactions, by="segment")


# ------------------------------------------------------------------------------------------------
# Cross ratios
# ------------------------------------------------------------------------------------------------

def test_cross_ratio_definitions(world):
    r = ca.cross_ratios(world.transactions)
    assert np.allclose(r["cross_ratio"], r["gross_margin"] / r["avg_inventory"])
    assert np.allclose(r["cross_ratio"], r["margin_rate"] * r["turnover"])
    assert np.allclose(r["contribution"], r["cross_ratio"] * r["sales_share"])
    assert np.allclose(r["days_of_cover"], [ca.DAYS_OF_COVER[x] for x in r.index])
    tx = world.transactions
    years = tx["date"].dt.year.nunique()
    eq = tx[tx["product_line"] == "equipment"]
    assert np.isclose(r.loc["equipment", "revenue"], eq["revenue"].sum() / years)
    assert np.isclose(r.loc["equipment", "avg_inventory"],
                      eq["cost"].sum() / years * ca.DAYS_OF_COVER["equipment"] / 365)


def test_more_days_of_cover_means_lower_turnover(world):
    base = ca.cross_ratios(world.transactions)
    double = ca.cross_ratios(world.transactions,
                             days_of_cover={k: 2 * v for k, v in ca.DAYS_OF_COVER.items()})
    assert np.allclose(double["turnover"], base["turnover"] / 2)
    assert np.allclose(double["margin_rate"], base["margin_rate"])


def test_cross_ratios_by_segment_and_year(world):
    seg = ca.cross_ratios(world.transactions, customers=world.customers, by="segment")
    assert np.isclose(seg["sales_share"].sum(), 1)
    line = ca.cross_ratios(world.transactions)
    assert np.isclose(seg["avg_inventory"].sum(), line["avg_inventory"].sum())
    y = ca.cross_ratios(world.transactions, years=2025)
    tx = world.transactions
    assert np.isclose(y["revenue"].sum(), tx.loc[tx["date"].dt.year == 2025, "revenue"].sum())


def test_cross_ratios_bad_input(world):
    with pytest.raises(ValueError, match="unknown key 'tools'"):
        ca.cross_ratios(world.transactions, days_of_cover={"tools": 30})
    with pytest.raises(ValueError, match="out of range"):
        ca.cross_ratios(world.transactions, days_of_cover={"equipment": 0})
    with pytest.raises(ValueError, match="no orders"):
        ca.cross_ratios(world.transactions, years=1999)
    with pytest.raises(ValueError, match="'cost'"):
        ca.cross_ratios(world.transactions.drop(columns="cost"))
    with pytest.raises(ValueError, match="must be a dict"):
        ca.cross_ratios(world.transactions, days_of_cover=30)


# ------------------------------------------------------------------------------------------------
# Credit
# ------------------------------------------------------------------------------------------------

def test_credit_review_rule(file):
    cr = ca.credit_review(file)
    active = file[file["status"] == "active"]
    assert len(cr) == len(active)
    flags = cr[[c for c in cr.columns if c.startswith("flag_")]].sum(axis=1)
    assert (flags == cr["signs"]).all()
    assert ((cr["signs"] >= 2) == (cr["decision"] == "stop")).all()
    assert ((cr["signs"] == 0) == (cr["decision"] == "continue")).all()
    assert (cr.loc[cr["decision"] == "stop", "credit_limit"] == 0).all()
    assert (cr.loc[cr["flag_rating"], "credit_rating"].astype("str") == "D").all()
    assert (cr["flag_late"] == (cr["payment_days"] > 75)).all()
    ok = cr[(cr["decision"] == "continue") & (active.loc[cr.index, "tenure_years"] >= 1)]
    factor = ok["credit_rating"].astype("str").map(ca.RATING_FACTOR).astype(float)
    assert np.allclose(ok["credit_limit"], (2 * ok["revenue_12m"] / 12 * factor).round(0))


def test_credit_review_thresholds_and_bad_input(file):
    strict = ca.credit_review(file, max_payment_days=45)
    loose = ca.credit_review(file, max_payment_days=120)
    assert (strict["decision"] == "stop").sum() >= (loose["decision"] == "stop").sum()
    with pytest.raises(ValueError, match="max_disputes"):
        ca.credit_review(file, max_disputes=0)
    with pytest.raises(ValueError, match="rating_factor"):
        ca.credit_review(file, rating_factor={"E": 0.1})
    bad = file.assign(credit_rating=file["credit_rating"].astype("str").replace("A", "AAA"))
    with pytest.raises(ValueError, match="'AAA'"):
        ca.credit_review(bad)


# ------------------------------------------------------------------------------------------------
# The flow
# ------------------------------------------------------------------------------------------------

def test_grades(file):
    g = ca.grade_customers(file)
    assert (g["status"] == "active").all()
    assert g["revenue_12m"].is_monotonic_decreasing
    assert list(g["grade"].cat.categories) == ["A", "B", "C"]
    a = g["grade"] == "A"
    assert g.loc[a, "revenue_12m"].sum() / g["revenue_12m"].sum() >= 0.7
    before_last_a = g["value_share"][a].iloc[-1] - g["revenue_12m"][a].iloc[-1] / g["revenue_12m"].sum()
    assert before_last_a < 0.7
    with pytest.raises(ValueError, match="cutoffs"):
        ca.grade_customers(file, cutoffs=(0.9, 0.7))
    churned = file[file["status"] == "churned"]
    with pytest.raises(ValueError, match="no active"):
        ca.grade_customers(churned)


def test_register(file):
    g = ca.grade_customers(file)
    reg = ca.customer_register(g, key_accounts_per_rep=5)
    assert len(reg) == len(g) and reg["register_no"].is_unique
    ka = reg["account_rep"].str.contains("key-account")
    assert (reg.loc[ka, "grade"] == "A").all() and ka.sum() == (reg["grade"] == "A").sum()
    assert reg.loc[ka].groupby("account_rep").size().max() <= 5
    first = reg.iloc[0]
    assert first["register_no"].startswith(first["region"][0] + "-")
    with pytest.raises(ValueError, match="key_accounts_per_rep"):
        ca.customer_register(g, key_accounts_per_rep=0)
    with pytest.raises(ValueError, match="'Mars'"):
        ca.customer_register(g.assign(region="Mars"))


def test_locations_are_fixed_and_inside_the_radius():
    ids = pd.DataFrame({"customer_id": np.arange(1, 5001)})
    loc = ca.customer_locations(ids, radius_km=50)
    assert (loc["distance_km"] <= 50).all() and (loc["bearing_deg"] >= 0).all()
    assert (loc["bearing_deg"] < 360).all()
    assert np.allclose(np.hypot(loc["x_km"], loc["y_km"]), loc["distance_km"])
    again = ca.customer_locations(ids.iloc[::-1], radius_km=50).sort_index()
    pd.testing.assert_frame_equal(loc, again)
    # spread evenly: each quarter of the circle holds about a quarter of the customers
    quarters = np.bincount((loc["bearing_deg"] // 90).astype(int), minlength=4) / len(loc)
    assert np.allclose(quarters, 0.25, atol=0.01)
    with pytest.raises(ValueError, match="customer_id"):
        ca.customer_locations(pd.DataFrame({"x": [1]}))


def test_routes_balanced_and_contiguous(file):
    reg = ca.customer_register(ca.grade_customers(file))
    routes = ca.route_classification(reg, customers_per_route=25)
    assert len(routes) == len(reg) and routes.index.is_unique
    sizes = routes.groupby(["region", "route"], observed=True).size()
    for region, s in sizes.groupby(level=0):
        assert s.max() - s.min() <= 1
        assert s.max() <= 25
    table = ca.route_table(routes)
    for region, t in table.groupby("region"):
        t = t.sort_values("from_deg")
        assert (t["from_deg"].to_numpy()[1:] >= t["to_deg"].to_numpy()[:-1]).all()
    assert table["customers"].sum() == len(routes)
    assert (table[["A", "B", "C"]].sum(axis=1) == table["customers"]).all()
    with pytest.raises(ValueError, match="customers_per_route"):
        ca.route_classification(reg, customers_per_route=0)


def test_visit_plan_arithmetic(file):
    flow_routes = ca.route_classification(ca.customer_register(ca.grade_customers(file)))
    plan = ca.visit_plan(flow_routes)
    grades = flow_routes["grade"].astype("str")
    visits = grades.map(ca.VISITS_PER_MONTH)
    minutes = visits * (grades.map(ca.MINUTES_PER_VISIT) + 30)
    assert np.isclose(plan["visits"].sum(), visits.sum())
    assert np.isclose(plan["hours"].sum(), minutes.sum() / 60, atol=0.01 * len(plan))
    region = ca.visit_plan(flow_routes, by="region")
    assert region["customers"].sum() == len(flow_routes)
    assert np.isclose(region["visits"].sum(), plan["visits"].sum())
    more = ca.visit_plan(flow_routes, visits_per_month={"C": 2})
    assert more["visits"].sum() > plan["visits"].sum()
    with pytest.raises(ValueError, match="by='month'"):
        ca.visit_plan(flow_routes, by="month")
    with pytest.raises(ValueError, match="'Z'"):
        ca.visit_plan(flow_routes.assign(grade="Z"))
    with pytest.raises(ValueError, match="hours_per_day"):
        ca.visit_plan(flow_routes, hours_per_day=0)


def test_analysis_flow(world):
    flow = ca.analysis_flow(world, customers_per_route=30)
    assert len(flow.register) == len(flow.graded) == len(flow.routes)
    assert flow.plan["customers"].sum() == len(flow.routes)
    assert flow.composition["customers"].sum() == len(flow.graded)


def test_patrol_agenda(file):
    pa = ca.patrol_agenda(file)
    act = file.loc[pa.index]
    assert (pa["listen"].str.startswith("hear out") == (act["open_complaints"] > 0)).all()
    assert ((pa["educate"] != "") == (act["product_lines"] == 1)).all()
    assert (pa["help"].str.startswith("pays after") == (act["payment_days"] > 60)).all()
    assert pa["points"].between(0, 3).all()


# ------------------------------------------------------------------------------------------------
# Data quality
# ------------------------------------------------------------------------------------------------

def test_make_dirty_is_seeded(file):
    a = ca.make_dirty(file, seed=3)
    b = ca.make_dirty(file, seed=3)
    c = ca.make_dirty(file, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    assert len(a) > len(file)
    report = ca.quality_report(a).set_index(["check", "column"])["rows"]
    assert report[("duplicate customer", "customer_id")] > 0
    assert report[("out of range", "payment_days")] > 0
    assert report[("not an allowed value", "region")] > 0
    assert report[("missing", "satisfaction")] > 0
    assert (ca.quality_report(file)["rows"] == 0).all()
    with pytest.raises(ValueError, match="share"):
        ca.make_dirty(file, share=0.9)


def test_clean_file_fixes_without_inventing(file):
    dirty = ca.make_dirty(file, seed=0)
    clean = ca.clean_file(dirty)
    assert clean.index.equals(file.index)
    report = ca.quality_report(dirty, clean)
    fixed = report[report["check"] != "missing"]
    assert (fixed["after_cleaning"] == 0).all()
    for col in ("region", "segment", "employees", "payment_days", "satisfaction", "loyalty"):
        ok = clean[col].notna()
        left = clean.loc[ok, col]
        right = file.loc[ok[ok].index, col]
        if isinstance(left.dtype, pd.CategoricalDtype):
            left, right = left.astype("str"), right.astype("str")
        assert (left.to_numpy() == right.to_numpy()).all(), col
    checked = [c for c in list(ca.QUALITY_CHOICES) + list(ca.QUALITY_RANGES) if c in clean]
    assert (clean["needs_review"] == clean[checked].isna().any(axis=1)).all()
    assert clean["needs_review"].any()


def test_quality_bad_input():
    with pytest.raises(ValueError, match="customer_id"):
        ca.quality_report(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="DataFrame"):
        ca.clean_file("file")


def test_visit_plan_by_grade(file):
    routes = ca.route_classification(ca.customer_register(ca.grade_customers(file)))
    g = ca.visit_plan(routes, by="grade")
    assert list(g.index) == ["A", "B", "C"]
    assert np.isclose(g["customer_share"].sum(), 1) and np.isclose(g["hours_share"].sum(), 1)
    assert np.isclose(g["hours"].sum(), ca.visit_plan(routes)["hours"].sum(), atol=0.1)


# ------------------------------------------------------------------------------------------------
# Charts
# ------------------------------------------------------------------------------------------------

def test_every_chart_is_labelled(world, file):
    import matplotlib.pyplot as plt

    import casekit.plots as P

    flow = ca.analysis_flow(world)
    dirty = ca.make_dirty(file, seed=1)
    charts = [
        P.composition_chart(ca.composition(file, "size_band")),
        P.product_mix_chart(ca.product_mix(world.transactions, customers=file, by="segment")),
        P.cross_ratio_chart(ca.cross_ratios(world.transactions)),
        P.cross_ratio_bars(ca.cross_ratios(world.transactions), highlight="spare parts"),
        P.credit_chart(ca.credit_review(file)),
        P.route_map(flow.routes, "East"),
        P.visit_plan_chart(ca.visit_plan(flow.routes, by="region")),
        P.quality_chart(ca.quality_report(dirty, ca.clean_file(dirty))),
    ]
    for ax in charts:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close("all")


def test_charts_bad_input(file):
    import casekit.plots as P

    with pytest.raises(ValueError, match="no column 'cross_ratio'"):
        P.cross_ratio_chart(pd.DataFrame({"margin_rate": [0.1], "turnover": [2.0]}))
    with pytest.raises(ValueError, match="DataFrame"):
        P.credit_chart("review")
    routes = ca.route_classification(ca.customer_register(ca.grade_customers(file)))
    with pytest.raises(ValueError, match="region='Mars'"):
        P.route_map(routes, "Mars")


@pytest.mark.parametrize("name", ["credit_review", "type_files", "composition", "grade_customers",
                                  "patrol_agenda"])
def test_a_customer_twice_in_the_file_is_refused(file, name):
    doubled = pd.concat([file, file.iloc[:1]])
    with pytest.raises(ValueError, match=rf"{name}: customer_id {file.index[0]} appears twice in file"):
        getattr(ca, name)(doubled)


# --- repeat buying and recency on a transaction log ------------------------------------------

def _log():
    return pd.DataFrame({"customer_id": [1, 1, 2, 3, 3, 4],
                         "date": pd.to_datetime(["2024-12-20", "2025-01-10", "2024-12-25",
                                                 "2024-03-01", "2025-02-01", "2024-01-05"]),
                         "revenue": [10.0, 30.0, 20.0, 5.0, 35.0, 0.0]})


def test_repeat_buying_counts_purchase_days_by_hand():
    t = ca.repeat_buying(_log(), cap=3)
    assert t["customers"].tolist() == [2, 2, 0]           # customers 2, 4 once; 1, 3 twice
    assert t["revenue_share"].tolist() == pytest.approx([0.2, 0.8, 0.0])
    assert t["customer_share"].sum() == pytest.approx(1.0)


def test_recency_lapse_uses_nothing_after_the_split():
    t = ca.recency_lapse(_log(), split="2025-01-01", bands=(30, 300))
    # recency on 2025-01-01: 1 → 12 days, 2 → 7, 3 → 306, 4 → 362
    assert t["customers"].tolist() == [2, 0, 2]
    assert t["bought_again"].iloc[0] == pytest.approx(0.5)   # 1 came back, 2 did not
    assert t["bought_again"].iloc[2] == pytest.approx(0.5)   # 3 came back, 4 did not
    assert np.isnan(t["bought_again"].iloc[1])


@pytest.mark.parametrize("bands", [(), (90, 30), (0, 30), ("a",)])
def test_recency_lapse_refuses_bad_bands(bands):
    with pytest.raises(ValueError, match="recency_lapse: bands"):
        ca.recency_lapse(_log(), split="2025-01-01", bands=bands)


def test_recency_lapse_refuses_a_split_before_the_log():
    with pytest.raises(ValueError, match="no purchase before split"):
        ca.recency_lapse(_log(), split="2020-01-01")


def test_concept_list_shows_every_entry_in_full():
    text = ca.concept_list("management_principles")._repr_markdown_()
    assert text.count("\n") == 3 and "专人负责" in text and "…" not in text
    assert ca.concept_list("database_stages")._repr_markdown_().startswith("1. ")
    with pytest.raises(ValueError):
        ca.concept_list("nope")
