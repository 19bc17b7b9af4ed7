"""Unit tests of casekit.development (chapter 2): results checked against plain pandas, and bad
input rejected with a clear ValueError."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import development as dev
from casekit import terms


@pytest.fixture(scope="module")
def w():
    return ck.world()


@pytest.fixture(scope="module")
def small():
    return ck.make_world(seed=3, n_customers=400)


# -- customer types ---------------------------------------------------------------------------

def test_close_time_class_cut_offs():
    got = dev.close_time_class(pd.Series([0, 30, 30.5, 60, 61], index=list("abcde")))
    assert got.tolist() == ["mature", "mature", "hopeful", "hopeful", "potential"]
    assert list(got.index) == list("abcde")
    assert got.cat.ordered and list(got.cat.categories) == ["mature", "hopeful", "potential"]
    assert dev.close_time_class([10], mature_days=5, hopeful_days=10).tolist() == ["hopeful"]


@pytest.mark.parametrize("days, kw, match", [
    ([1, np.nan], {}, "missing or infinite"),
    ([-1], {}, "negative"),
    (["soon"], {}, "must hold numbers"),
    ("30", {}, "column of numbers"),
    ([10], {"mature_days": 60, "hopeful_days": 30}, "hopeful_days"),
    ([10], {"mature_days": "30"}, "mature_days"),
])
def test_close_time_class_rejects_bad_input(days, kw, match):
    with pytest.raises(ValueError, match=match):
        dev.close_time_class(days, **kw)


def test_value_cutoffs_and_classes():
    v = pd.Series(np.arange(1, 1001, dtype=float))
    key_min, major_min = dev.value_cutoffs(v)
    classes = dev.value_class(v, key_min=key_min, major_min=major_min).value_counts()
    assert abs(classes["key"] - 100) <= 1 and abs(classes["major"] - 300) <= 1
    with pytest.raises(ValueError, match="major_share"):
        dev.value_cutoffs(v, key_share=0.6, major_share=0.6)
    with pytest.raises(ValueError, match="empty"):
        dev.value_cutoffs([])
    with pytest.raises(ValueError, match="key_min"):
        dev.value_class(v, key_min=10, major_min=20)


def test_classify_pipeline_keeps_open_leads_only(w):
    p = dev.classify_pipeline(w.leads)
    assert (p["status"] == "open").all()
    assert len(p) == int((w.leads["status"] == "open").sum())
    d = p["days_to_close"].astype(float)
    assert ((p["time_class"] == "mature") == (d <= 30)).all()
    assert ((p["time_class"] == "potential") == (d > 60)).all()
    share_key = (p["value_class"] == "key").mean()
    assert 0.08 <= share_key <= 0.12
    fixed = dev.classify_pipeline(w.leads, key_min=50_000, major_min=20_000)
    assert ((fixed["value_class"] == "key") == (fixed["expected_value"] >= 50_000)).all()
    assert w.leads.equals(ck.world().leads)  # input untouched


def test_pipeline_matrix_counts_and_values(w):
    p = dev.classify_pipeline(w.leads)
    m = dev.pipeline_matrix(p)
    assert m.to_numpy().sum() == len(p)
    assert list(m.index) == ["mature", "hopeful", "potential"]
    assert list(m.columns) == ["key", "major", "ordinary"]
    v = dev.pipeline_matrix(p, values="value")
    assert v.to_numpy().sum() == pytest.approx(p["expected_value"].sum())
    assert v.loc["mature", "key"] == pytest.approx(
        p.loc[(p["time_class"] == "mature") & (p["value_class"] == "key"), "expected_value"].sum())


def test_pipeline_bad_input(w):
    with pytest.raises(ValueError, match="no open leads"):
        dev.classify_pipeline(w.leads[w.leads["status"] != "open"])
    with pytest.raises(ValueError, match="both key_min and major_min"):
        dev.classify_pipeline(w.leads, key_min=1000)
    with pytest.raises(ValueError, match="days_to_close"):
        dev.classify_pipeline(w.leads.drop(columns="days_to_close"))
    with pytest.raises(ValueError, match="DataFrame"):
        dev.classify_pipeline("leads")
    with pytest.raises(ValueError, match="values="):
        dev.pipeline_matrix(dev.classify_pipeline(w.leads), values="sum")


# -- MAN rule ---------------------------------------------------------------------------------

def test_qualify_leads_names_every_missing_criterion(w):
    q = dev.qualify_leads(w.leads)
    expect = w.leads["need"] & w.leads["ability_to_pay"] & w.leads["authority"]
    assert (q["qualified"] == expect).all()
    assert (q["missing"] == "none").sum() == expect.sum()
    no_need = q["missing"].str.contains("need")
    assert (no_need == ~w.leads["need"]).all()
    assert (q["missing"].str.contains("authority") == ~w.leads["authority"]).all()
    assert (q["n_missing"] == (~w.leads[["need", "ability_to_pay", "authority"]]).sum(axis=1)).all()
    assert "qualified" not in w.leads.columns


def test_man_conversion_matches_pandas(w):
    t = dev.man_conversion(w.leads)
    closed = w.leads[w.leads["status"] != "open"]
    q = closed["need"] & closed["ability_to_pay"] & closed["authority"]
    assert t.loc["qualified", "leads"] == q.sum()
    assert t.loc["qualified", "conversion_rate"] == pytest.approx(closed.loc[q, "converted"].mean())
    assert t.loc["no authority", "won"] == closed.loc[~closed["authority"], "converted"].sum()
    assert t.loc["qualified", "leads"] + t.loc["not qualified", "leads"] == len(closed)
    everything = dev.man_conversion(w.leads, closed_only=False)
    assert everything["leads"].iloc[:2].sum() == len(w.leads)


def test_man_rule_lesson_holds(w, small):
    for world in (w, small):
        t = dev.man_conversion(world.leads)
        assert t.loc["qualified", "conversion_rate"] >= 2 * t.loc["not qualified", "conversion_rate"]


def test_proposals_by_qualification(w):
    t = dev.proposals_by_qualification(w.leads)
    closed = w.leads[w.leads["status"] != "open"]
    at = closed["stage"].isin(["proposal", "won"])
    q = closed["need"] & closed["ability_to_pay"] & closed["authority"]
    assert t.loc["not qualified", "proposals"] == (at & ~q).sum()
    assert t.loc["qualified", "won"] == (at & q & closed["converted"]).sum()
    assert t.loc["qualified", "conversion_rate"] > 2 * t.loc["not qualified", "conversion_rate"]


def test_man_bad_input(w):
    with pytest.raises(ValueError, match="'authority'"):
        dev.qualify_leads(w.leads.drop(columns="authority"))
    with pytest.raises(ValueError, match="true/false"):
        dev.qualify_leads(w.leads.assign(need=w.leads["need"].astype(int)))
    with pytest.raises(ValueError, match="no closed leads"):
        dev.man_conversion(w.leads[w.leads["status"] == "open"])
    with pytest.raises(ValueError, match="stage"):
        dev.proposals_by_qualification(w.leads.assign(stage="signed"))


# -- channels ---------------------------------------------------------------------------------

def test_prospecting_methods_lists_all_18(w):
    m = dev.prospecting_methods(w.leads)
    assert len(m) == 18 and m["chinese"].str.len().min() >= 2
    assert m["leads"].sum() == len(w.leads)
    assert m["in_data"].sum() == w.leads["channel"].nunique()
    with pytest.raises(ValueError, match="not one of the 18"):
        dev.prospecting_methods(w.leads.assign(channel="fax"))


def test_channel_economics_definitions(w):
    e = dev.channel_economics(w.leads)
    closed = w.leads[w.leads["status"] != "open"]
    ch = "telephone"
    sub = closed[closed["channel"] == ch]
    assert e.loc[ch, "leads"] == len(sub)
    assert e.loc[ch, "cost_per_won"] == pytest.approx(sub["lead_cost"].sum() / sub["converted"].sum())
    assert e.loc[ch, "cost_per_won"] == pytest.approx(e.loc[ch, "cost_per_lead"]
                                                      / e.loc[ch, "conversion_rate"])
    won = sub[sub["converted"]]
    assert e.loc[ch, "days_to_close"] == pytest.approx(won["days_to_close"].astype(float).mean())
    assert e.loc[ch, "first_year_value"] == pytest.approx(won["expected_value"].mean())
    assert e.loc[ch, "chinese"] == "电话寻找"
    order = [m for m in terms.english(terms.PROSPECTING_METHODS) if m in e.index]
    assert list(e.index) == order
    assert e["cost_per_won"].max() >= 3 * e["cost_per_won"].min()


def test_channel_without_a_win_has_no_cost_per_won():
    leads = pd.DataFrame({"channel": ["clubs", "telephone"], "converted": [False, True],
                          "status": ["lost", "won"], "lead_cost": [10.0, 20.0],
                          "days_to_close": pd.array([None, 5], dtype="Int64"),
                          "expected_value": [1.0, 2.0]})
    e = dev.channel_economics(leads)
    assert np.isnan(e.loc["clubs", "cost_per_won"])
    f = dev.focus_table(e)
    assert list(f.index) == ["telephone", "clubs"]


def test_channel_ranks_match_pandas_ranks(w):
    e = dev.channel_economics(w.leads)
    r = dev.channel_ranks(e)
    assert list(r.index) == list(e["cost_per_lead"].sort_values(kind="stable").index)
    assert r["lead_cost_rank"].tolist() == list(range(1, len(e) + 1))
    expected = e["cost_per_won"].rank(method="min").astype("int64")
    assert (r["won_cost_rank"] == expected.reindex(r.index)).all()
    assert "chinese" in r.columns


def test_channel_ranks_put_a_channel_without_a_win_last():
    e = pd.DataFrame({"cost_per_lead": [10.0, 50.0, 20.0], "cost_per_won": [float("nan"), 100.0, 80.0]},
                     index=pd.Index(["a", "b", "c"], name="channel"))
    r = dev.channel_ranks(e)
    assert r.loc["a", "won_cost_rank"] == 3 and r.loc["c", "won_cost_rank"] == 1
    assert "chinese" not in r.columns


@pytest.mark.parametrize("bad, match", [
    (pd.DataFrame({"cost_per_won": [1.0]}), "cost_per_lead"),
    (pd.DataFrame({"cost_per_lead": [1.0]}), "cost_per_won"),
    (pd.DataFrame({"cost_per_lead": ["x"], "cost_per_won": [1.0]}), "cost_per_lead"),
])
def test_channel_ranks_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        dev.channel_ranks(bad)


def test_focus_table_orders_by_cost_per_won(w):
    f = dev.focus_table(dev.channel_economics(w.leads))
    assert f["cost_per_won"].is_monotonic_increasing
    assert f["cum_won_share"].iloc[-1] == pytest.approx(1.0)
    assert (f["cum_won_share"] >= f["cum_spend_share"] - 1e-12).all()
    with pytest.raises(ValueError, match="cost_per_won"):
        dev.focus_table(pd.DataFrame({"lead_cost": [1.0], "won": [1]}))


def test_conversion_by_any_column(w):
    t = dev.conversion_by(w.leads, "contact_role")
    assert t["leads"].sum() == (w.leads["status"] != "open").sum()
    assert t.loc["decider", "conversion_rate"] > t.loc["user", "conversion_rate"]
    with pytest.raises(ValueError, match="no column 'colour'"):
        dev.conversion_by(w.leads, "colour")
    with pytest.raises(ValueError, match="column name"):
        dev.conversion_by(w.leads, ["channel"])


# -- funnel -----------------------------------------------------------------------------------

def test_funnel_counts_furthest_stage(w):
    f = dev.funnel(w.leads)
    closed = w.leads[w.leads["status"] != "open"]
    assert f["reached"].tolist() == [
        len(closed), int(closed["stage"].isin(["qualified", "proposal", "won"]).sum()),
        int(closed["stage"].isin(["proposal", "won"]).sum()), int((closed["stage"] == "won").sum())]
    assert f["reached"].is_monotonic_decreasing
    assert f["overall_rate"].iloc[-1] == pytest.approx(closed["converted"].mean())


def test_funnel_by_channel_adds_up(w):
    f = dev.funnel(w.leads, by="channel")
    total = dev.funnel(w.leads)
    summed = f.groupby("stage", observed=True)["reached"].sum()
    assert summed.tolist() == total["reached"].tolist()
    assert len(f) == 4 * w.leads["channel"].nunique()
    with pytest.raises(ValueError, match="stage"):
        dev.funnel(w.leads.drop(columns="stage"))


# -- new vs kept ------------------------------------------------------------------------------

def test_acquisition_vs_retention(w):
    t = dev.acquisition_vs_retention(w.customers)
    c = w.customers
    assert t.loc["all", "ratio"] == pytest.approx(c["acquisition_cost"].mean()
                                                  / c["retention_cost"].mean())
    assert t.loc["all", "ratio"] >= 2.5
    by = dev.acquisition_vs_retention(c, by="acquisition_channel")
    assert by["customers"].sum() == len(c)
    with pytest.raises(ValueError, match="0 or less"):
        dev.acquisition_vs_retention(c.assign(retention_cost=0.0))
    with pytest.raises(ValueError, match="acquisition_cost"):
        dev.acquisition_vs_retention(c.drop(columns="acquisition_cost"))


# -- six aspects ------------------------------------------------------------------------------

def test_segment_aspects(w):
    a = dev.segment_aspects(w.transactions, w.customers, w.leads, segment="hospitality")
    for name in ("motive", "timing", "place"):
        assert a[name]["segment"].sum() == pytest.approx(1.0)
        assert a[name]["all"].sum() == pytest.approx(1.0)
    seg_ids = w.customers.loc[w.customers["segment"] == "hospitality", "customer_id"]
    tx = w.transactions[w.transactions["customer_id"].isin(seg_ids)]
    assert a.quantity.loc["customers", "segment"] == len(seg_ids)
    assert a.quantity.loc["revenue", "segment"] == pytest.approx(tx["revenue"].sum())
    eq = tx.loc[tx["product_line"] == "equipment", "revenue"].sum() / tx["revenue"].sum()
    assert a.motive.loc["equipment", "segment"] == pytest.approx(eq)
    nov = tx.loc[tx["date"].dt.month == 11, "revenue"].sum() / tx["revenue"].sum()
    assert a.timing.loc[11, "segment"] == pytest.approx(nov)
    churn = w.customers.loc[w.customers["segment"] == "hospitality", "churned"].mean()
    assert a.choice.loc["churn_rate", "segment"] == pytest.approx(churn)
    assert a.roles["leads"].sum() == ((w.leads["segment"] == "hospitality")
                                      & (w.leads["status"] != "open")).sum()
    with pytest.raises(ValueError, match="aspect"):
        a["price"]


def test_segment_aspects_bad_input(w):
    with pytest.raises(ValueError, match="segment='hotels'"):
        dev.segment_aspects(w.transactions, w.customers, w.leads, segment="hotels")
    orphan = w.transactions.assign(customer_id=w.transactions["customer_id"] + 10**7)
    with pytest.raises(ValueError, match="not in customers"):
        dev.segment_aspects(orphan, w.customers, w.leads, segment="retail")
    with pytest.raises(ValueError, match="'date'"):
        dev.segment_aspects(w.transactions.drop(columns="date"), w.customers, w.leads,
                            segment="retail")


# -- budgets ----------------------------------------------------------------------------------

def test_allocate_budget_is_linear_within_capacity(w):
    e = dev.channel_economics(w.leads)
    one = dev.allocate_budget(e, {"chain referral": 1000.0})
    two = dev.allocate_budget(e, {"chain referral": 2000.0})
    assert two.loc["chain referral", "customers"] == pytest.approx(
        2 * one.loc["chain referral", "customers"])
    assert one.loc["chain referral", "cost_per_customer"] == pytest.approx(
        e.loc["chain referral", "cost_per_won"])
    cap = dev.channel_capacity(w.leads)
    huge = dev.allocate_budget(e, {"chain referral": 1e9}, capacity=cap)
    assert huge.loc["chain referral", "leads"] == pytest.approx(cap["chain referral"])


def test_focus_budget_beats_even_spread(w, small):
    for world in (w, small):
        e = dev.channel_economics(world.leads)
        cap = dev.channel_capacity(world.leads)
        budget = float(e["lead_cost"].sum() / 3)
        focus = dev.focus_budget(e, budget, capacity=cap)
        even = dev.allocate_budget(e, {c: budget / len(e) for c in e.index}, capacity=cap)
        assert focus["spend"].sum() == pytest.approx(budget)
        assert dev.plan_totals(focus)["customers"] >= dev.plan_totals(even)["customers"]
        assert (focus["leads"] <= cap.reindex(focus.index) + 1e-9).all()
    e = dev.channel_economics(w.leads)
    all_in = dev.focus_budget(e, 10_000)
    assert all_in["spend"].idxmax() == e["cost_per_won"].idxmin()
    by_value = dev.focus_budget(e, 10_000, rank_by="value_per_cost")
    assert by_value["spend"].idxmax() == e["value_per_cost"].idxmax()


@pytest.mark.parametrize("spend, match", [
    ({"fax": 100.0}, "fax"),
    ({"telephone": -5.0}, "0 CNY or more"),
    ([100.0], "dict or a Series"),
    ({"telephone": "lots"}, "0 CNY or more"),
])
def test_allocate_budget_bad_spend(w, spend, match):
    e = dev.channel_economics(w.leads)
    with pytest.raises(ValueError, match=match):
        dev.allocate_budget(e, spend)


def test_budget_bad_options(w):
    e = dev.channel_economics(w.leads)
    with pytest.raises(ValueError, match="budget"):
        dev.focus_budget(e, -1)
    with pytest.raises(ValueError, match="rank_by"):
        dev.focus_budget(e, 100, rank_by="leads")
    with pytest.raises(ValueError, match="capacity must be a Series"):
        dev.focus_budget(e, 100, capacity={"telephone": 3})
    with pytest.raises(ValueError, match="growth"):
        dev.channel_capacity(w.leads, growth=-1)


def test_chinese_terms():
    assert dev.chinese("potential") == "潜在客户"
    assert dev.chinese("roles") == "客户内部角色"
    assert dev.chinese("decider") == "决策者"
    with pytest.raises(ValueError, match="not a term"):
        dev.chinese("platinum")


# -- charts -----------------------------------------------------------------------------------

def test_every_chart_draws_and_is_labelled(w):
    import matplotlib.pyplot as plt

    from casekit import plots as P

    e = dev.channel_economics(w.leads)
    cap = dev.channel_capacity(w.leads)
    a = dev.segment_aspects(w.transactions, w.customers, w.leads, segment="retail")
    calls = [
        lambda: P.pipeline_chart(dev.pipeline_matrix(dev.classify_pipeline(w.leads))),
        lambda: P.man_chart(dev.man_conversion(w.leads)),
        lambda: P.channel_bars(e, metric="conversion_rate"),
        lambda: P.channel_map(e),
        lambda: P.focus_chart(dev.focus_table(e)),
        lambda: P.funnel_chart(dev.funnel(w.leads)),
        lambda: P.funnel_heatmap(dev.funnel(w.leads, by="channel")),
        lambda: P.acquisition_chart(dev.acquisition_vs_retention(w.customers,
                                                                 by="acquisition_channel")),
        lambda: P.allocation_chart({"focus": dev.focus_budget(e, 50_000, capacity=cap)}),
    ] + [lambda k=k: P.aspect_chart(a, k) for k in ("motive", "choice", "timing", "place", "roles")]
    for draw in calls:
        ax = draw()
        assert ax.get_title() and ax.get_xlabel()
        plt.close(ax.figure)


def test_chart_input_checks(w):
    import matplotlib.pyplot as plt

    from casekit import plots as P

    e = dev.channel_economics(w.leads)
    e.loc[e.index[0], "cost_per_won"] = np.nan          # a channel without a win still draws
    ax = P.channel_bars(e)
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="metric"):
        P.channel_bars(e, metric="colour")
    with pytest.raises(ValueError, match="one row per stage"):
        P.funnel_chart(dev.funnel(w.leads, by="channel"))
    with pytest.raises(ValueError, match="aspect"):
        P.aspect_chart(dev.segment_aspects(w.transactions, w.customers, w.leads,
                                           segment="retail"), "quantity")
    with pytest.raises(ValueError, match="non-empty dict"):
        P.allocation_chart({})


def test_table_shows_missing_nullable_integers_as_blank():
    """``ck.table`` on a nullable integer column holding <NA> (e.g. days to close of lost leads)."""
    import pandas as pd
    import casekit as ck

    df = pd.DataFrame({"days": pd.array([3, None, 12_000], dtype="Int64")})
    shown = ck.table(df).text_frame()
    assert shown["days"].tolist() == ["3", "", "12,000"]
