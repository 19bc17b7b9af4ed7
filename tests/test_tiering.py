"""Unit tests of casekit.tiering: hand-computed cases, definitions, bad input, the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import tiering as T


@pytest.fixture(scope="module")
def world():
    return ck.world()


@pytest.fixture(scope="module")
def values(world):
    return T.customer_values(world)


def _tx(rows):
    df = pd.DataFrame(rows, columns=["customer_id", "date", "revenue"])
    df["date"] = pd.to_datetime(df["date"])
    return df


# ---------------------------------------------------------------- Pareto, Gini, ABC

def test_pareto_table_hand_case():
    df = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5], "revenue": [10.0, 40.0, 20.0, 20.0, 10.0]})
    p = T.pareto_table(df)
    assert p["customer_id"].tolist() == [2, 3, 4, 1, 5]          # ties broken by id
    assert p["value_share"].round(6).tolist() == [0.4, 0.6, 0.8, 0.9, 1.0]
    assert p["customer_share"].tolist() == [0.2, 0.4, 0.6, 0.8, 1.0]
    assert df["customer_id"].tolist() == [1, 2, 3, 4, 5]            # input untouched


def test_top_share_counts_ceil_of_customers():
    df = pd.DataFrame({"revenue": [5.0, 4.0, 3.0, 2.0, 1.0, 0.0, 0.0]})   # 7 customers, total 15
    assert T.top_share(df, top=0.2) == pytest.approx(9 / 15)             # ceil(1.4) = 2 customers
    assert T.top_share(df, top=1.0) == pytest.approx(1.0)


def test_top_share_of_profit_can_exceed_one():
    df = pd.DataFrame({"profit": [100.0, 20.0, -50.0, -30.0, 10.0]})    # total 50
    assert T.top_share(df, value="profit", top=0.2) == pytest.approx(2.0)


def test_gini_hand_cases():
    assert T.gini(pd.DataFrame({"revenue": [1.0, 1.0, 1.0]})) == 0.0
    # ascending 1, 2, 3: 2*(1+4+9)/(3*6) - 4/3 = 28/18 - 24/18 = 2/9
    assert T.gini(pd.DataFrame({"revenue": [3.0, 1.0, 2.0]})) == pytest.approx(2 / 9)


def test_gini_rejects_negative_values():
    with pytest.raises(ValueError, match="negative"):
        T.gini(pd.DataFrame({"profit": [3.0, -1.0]}), value="profit")


def test_abc_adjustable_cutoffs():
    df = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5], "revenue": [50.0, 30.0, 10.0, 5.0, 5.0]})
    assert T.abc(df)["abc"].astype(str).tolist() == ["A", "A", "B", "B", "C"]
    assert T.abc(df, cutoffs=(0.5, 0.9))["abc"].astype(str).tolist() == ["A", "B", "B", "C", "C"]
    assert T.abc(df, cutoffs=(0.7, 1.0))["abc"].astype(str).tolist() == ["A", "A", "B", "B", "B"]


@pytest.mark.parametrize("cutoffs", [(0.95, 0.8), (0, 0.5), (0.8,), "80/95", (0.8, 1.2)])
def test_abc_bad_cutoffs(cutoffs):
    df = pd.DataFrame({"customer_id": [1, 2], "revenue": [1.0, 2.0]})
    with pytest.raises(ValueError, match="cutoffs"):
        T.abc(df, cutoffs=cutoffs)


# ---------------------------------------------------------------- pyramid and tiers

def test_pyramid_default_s3_tiers(values):
    p = T.pyramid(values, value="revenue")
    assert list(p["tier"].cat.categories) == ["platinum", "gold", "iron", "lead"]
    counts = p["tier"].value_counts().reindex(["platinum", "gold", "iron", "lead"]).tolist()
    n = len(values)
    assert counts == [round(0.05 * n), round(0.20 * n) - round(0.05 * n),
                      round(0.5 * n) - round(0.2 * n), n - round(0.5 * n)]
    assert p.groupby("tier", observed=True)["revenue"].min().is_monotonic_decreasing


def test_pyramid_three_shares_gives_s1_names():
    df = pd.DataFrame({"customer_id": range(10), "revenue": np.arange(10.0)})
    p = T.pyramid(df, shares=[0.1, 0.3, 0.6])
    assert p["tier"].astype(str).tolist() == ["key"] + ["major"] * 3 + ["ordinary"] * 6


@pytest.mark.parametrize("kwargs, match", [
    ({"shares": [0.5, 0.6]}, "sums to"),
    ({"shares": [0.5, 0.5], "labels": ["a"]}, "labels"),
    ({"shares": [0.5, 0.5], "labels": ["a", "a"]}, "repeat"),
    ({"shares": [1.5, -0.5]}, "between 0 and 1"),
    ({"value": "profit"}, "no column 'profit'"),
])
def test_pyramid_bad_input(kwargs, match):
    df = pd.DataFrame({"customer_id": [1, 2], "revenue": [1.0, 2.0]})
    with pytest.raises(ValueError, match=match):
        T.pyramid(df, **kwargs)


def test_pyramid_rejects_name_instead_of_data():
    with pytest.raises(ValueError, match="not its name"):
        T.pyramid("customers")


def test_tier_summary_shares_add_up(values):
    s = T.tier_summary(T.pyramid(values, value="profit"), values=["revenue", "profit"],
                       time="service_hours")
    assert s["customers"].sum() == len(values)
    for col in ("customer_share", "revenue_share", "profit_share", "service_hours_share"):
        assert s[col].sum() == pytest.approx(1.0)


def test_compare_tiers_and_transition(values):
    ct = T.compare_tiers(values, by=["revenue", "profit"])
    table = T.transition_table(ct, before="tier_by_revenue", after="tier_by_profit")
    assert table.shape == (4, 4)
    assert table.to_numpy().sum() == len(values)
    # each tier holds the same number of customers by either value: row and column sums agree
    assert table.sum(axis=1).tolist() == table.sum(axis=0).tolist()
    share = T.transition_table(ct, before="tier_by_revenue", after="tier_by_profit", normalize=True)
    assert np.allclose(share.sum(axis=1), 1.0)


def test_tier_moves_needs_ordered_tiers():
    df = pd.DataFrame({"a": ["x", "y"], "b": ["y", "x"]})
    with pytest.raises(ValueError, match="ordered"):
        T.tier_moves(df, before="a", after="b")


def test_tier_migration_world(world):
    m = T.tier_migration(world.transactions, year_from=2024, year_to=2025)
    bought24 = set(world.transactions.loc[world.transactions["date"].dt.year == 2024, "customer_id"])
    bought25 = set(world.transactions.loc[world.transactions["date"].dt.year == 2025, "customer_id"])
    assert set(m["customer_id"]) == bought24 | bought25
    assert (m["move"] == "out").sum() == len(bought24 - bought25)
    assert (m["move"] == "new").sum() == len(bought25 - bought24)
    table = T.transition_table(m, before="tier_from", after="tier_to")
    assert table.loc["none", "none"] == 0


def test_tier_migration_bad_year(world):
    with pytest.raises(ValueError, match="2019"):
        T.tier_migration(world.transactions, year_from=2019, year_to=2025)
    with pytest.raises(ValueError, match="both"):
        T.tier_migration(world.transactions, year_from=2025, year_to=2025)


# ---------------------------------------------------------------- RFM

RFM_TX = [
    (1, "2025-01-10", 10.0), (1, "2025-01-10", 30.0), (1, "2025-06-01", 60.0),
    (2, "2025-12-31", 5.0),
    (3, "2024-12-01", 200.0), (3, "2025-02-01", 100.0), (3, "2025-03-01", 300.0),
]


def test_rfm_definitions_hand_computed():
    r = T.rfm(_tx(RFM_TX), asof="2025-12-31").set_index("customer_id")
    # recency: days from last occasion to the as-of date
    assert r["recency"].to_dict() == {1: 213, 2: 0, 3: 305}
    # frequency: occasions, same-day orders merged, first purchase counted
    assert r["frequency"].to_dict() == {1: 2, 2: 1, 3: 3}
    # monetary: total by default
    assert r["monetary"].to_dict() == {1: 100.0, 2: 5.0, 3: 600.0}


def test_rfm_options_change_the_definitions():
    tx = _tx(RFM_TX)
    mean = T.rfm(tx, asof="2025-12-31", monetary="mean").set_index("customer_id")["monetary"]
    assert mean.to_dict() == {1: 50.0, 2: 5.0, 3: 200.0}
    rows = T.rfm(tx, asof="2025-12-31", merge_same_day=False).set_index("customer_id")
    assert rows["frequency"].to_dict() == {1: 3, 2: 1, 3: 3}
    rep = T.rfm(tx, asof="2025-12-31", repeat_only=True, monetary="mean").set_index("customer_id")
    assert rep["frequency"].to_dict() == {1: 1, 2: 0, 3: 2}
    assert rep["monetary"].to_dict() == {1: 60.0, 2: 0.0, 3: 200.0}   # first occasion left out


def test_rfm_asof_cuts_later_purchases():
    r = T.rfm(_tx(RFM_TX), asof="2025-02-15").set_index("customer_id")
    assert sorted(r.index) == [1, 3]                       # customer 2 had not bought yet
    assert r.loc[3, "frequency"] == 2 and r.loc[3, "monetary"] == 300.0
    assert r.loc[3, "recency"] == 14


def test_rfm_scores_quintiles_and_ties():
    tx = _tx([(i, f"2025-01-{i:02d}", float(i)) for i in range(1, 11)])
    r = T.rfm(tx, asof="2025-01-31")
    assert r["M"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert r["R"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]       # later purchase = higher R
    assert r["F"].nunique() == 1 and r["F"].iloc[0] == 1            # all tied: one shared score
    assert r["rfm_code"].iloc[-1] == "515"


def test_rfm_segments_follow_high_low():
    tx = _tx([(i, f"2025-01-{i:02d}", float(i)) for i in range(1, 11)]
             + [(10, "2025-01-20", 1.0), (9, "2025-01-21", 1.0)])
    r = T.rfm(tx, asof="2025-01-31").set_index("customer_id")
    assert r.loc[10, "segment"] == "important value"
    assert r.loc[1, "segment"] == "general win-back"
    assert set(r["segment"].cat.categories) == {s[0] for s in T.RFM_SEGMENTS}


def test_rfm_keyword_columns_work_on_cdnow():
    cd = ck.load("cdnow")
    r = T.rfm(cd, asof="1998-06-30", value="dollar_value")
    assert len(r) == cd["customer_id"].nunique()
    assert r["recency"].min() >= 0
    occasions = cd.drop_duplicates(["customer_id", "date"]).groupby("customer_id").size()
    assert (r.set_index("customer_id")["frequency"] == occasions).all()
    assert r["monetary"].sum() == pytest.approx(cd["dollar_value"].sum())


@pytest.mark.parametrize("kwargs, match", [
    ({"asof": "not a date"}, "not a date"),
    ({"asof": "2020-01-01"}, "no purchase"),
    ({"asof": "2025-12-31", "monetary": "median"}, "monetary"),
    ({"asof": "2025-12-31", "value": "dollar_value"}, "dollar_value"),
    ({"asof": "2025-12-31", "bins": 1}, "bins"),
])
def test_rfm_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        T.rfm(_tx(RFM_TX), **kwargs)


def test_rfm_asof_none_is_the_end_of_the_data_year():
    tx = _tx(RFM_TX)
    last = pd.Timestamp(tx["date"].max())
    end = pd.Timestamp(year=last.year, month=12, day=31)
    pd.testing.assert_frame_equal(T.rfm(tx), T.rfm(tx, asof=end))
    with pytest.raises(ValueError, match="rfm: asof=12345 is not a date"):
        T.rfm(tx, asof=12345)


def test_rfm_summary_counts(world):
    r = T.rfm(world.transactions, asof=world.asof)
    s = T.rfm_summary(r)
    assert s["customers"].sum() == len(r)
    assert len(s) == 8 and s["chinese"].str.len().gt(0).all()


# ---------------------------------------------------------------- CLV

def test_clv_hand_computed():
    # the kit's convention (timing="end"): 100*0.8/1.1 + 100*0.64/1.21 + 100*0.512/1.331
    expected = 80 / 1.1 + 64 / 1.21 + 51.2 / 1.331
    df = pd.DataFrame({"annual_profit": [100.0]})
    assert T.clv(df, retention=0.8, discount=0.1, horizon=3).iloc[0] == pytest.approx(expected)
    assert T.clv_factor(0.8, discount=0.1, horizon=1) == pytest.approx(0.8 / 1.1)  # year 1 too
    assert T.clv_factor(0.0, discount=0.1, horizon=10) == pytest.approx(0.0)


def test_clv_factor_matches_the_sum():
    r, d, horizon = 0.85, 0.12, 7
    direct = sum(r ** t / (1 + d) ** t for t in range(1, horizon + 1))
    assert T.clv_factor(r, discount=d, horizon=horizon) == pytest.approx(direct)
    arr = T.clv_factor(np.array([0.5, 1.0]), discount=0.0, horizon=4)
    assert arr.tolist() == pytest.approx([0.9375, 4.0])


def test_clv_is_the_kits_one_lifetime_value():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"annual_profit": rng.normal(1000, 3000, 500),
                       "r": np.r_[rng.uniform(0, 1, 498), 1.0, 0.0]})
    for d, horizon in [(0.1, 5), (0.0, 3), (0.25, 12)]:
        want = ck.lifetime_value(df["annual_profit"], retention=df["r"].to_numpy(), discount=d,
                                 horizon=horizon, timing="end")
        got = T.clv(df, retention="r", discount=d, horizon=horizon)
        np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), rtol=1e-12, atol=1e-9)
        one = T.clv(df, retention=0.7, discount=d, horizon=horizon)
        np.testing.assert_allclose(one.to_numpy(), ck.lifetime_value(
            df["annual_profit"], retention=0.7, discount=d, horizon=horizon, timing="end"), rtol=1e-12)
    # the textbook variant that counts this year in full is worth (1 + d) / r times more
    start = ck.lifetime_value(100.0, retention=0.8, discount=0.1, horizon=5, timing="start")
    assert start == pytest.approx(100 * T.clv_factor(0.8, discount=0.1, horizon=5) * 1.1 / 0.8)


@pytest.mark.parametrize("kwargs, match", [
    ({"retention": 1.2}, "retention"),
    ({"retention": "nope"}, "nope"),
    ({"discount": -0.1}, "discount"),
    ({"horizon": 0}, "horizon"),
    ({"horizon": 2.5}, "horizon"),
])
def test_clv_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        T.clv(pd.DataFrame({"annual_profit": [1.0]}), **kwargs)


def test_yearly_retention_hand_and_groups():
    tx = _tx([(1, "2023-01-01", 1), (2, "2023-01-01", 1), (1, "2024-01-01", 1), (3, "2024-01-01", 1),
              (3, "2025-01-01", 1)])
    assert T.yearly_retention(tx).iloc[0] == pytest.approx(2 / 4)
    by = T.yearly_retention(tx, groups=pd.Series({1: "a", 2: "b", 3: "a"}))
    # a: (1, 2023) stays, (1, 2024) leaves, (3, 2024) stays -> 2/3; b: (2, 2023) leaves -> 0
    assert by.to_dict() == pytest.approx({"a": 2 / 3, "b": 0.0})


def test_customer_values_world(world, values):
    assert len(values) == len(world.customers)
    assert (values.loc[values["churned"], "clv"] == 0).all()
    assert values["retention"].between(0, 1).all()
    assert values["revenue"].sum() == pytest.approx(world.transactions["revenue"].sum())


def test_customer_values_rejects_frames():
    with pytest.raises(ValueError, match="World"):
        T.customer_values(pd.DataFrame())


# ---------------------------------------------------------------- key accounts

def test_strategic_focus_quadrants_and_cut(world):
    f = T.strategic_focus(world.accounts)
    assert set(f["focus"].astype(str)) == {"key", "target", "maintain", "low-key"}
    hi_a, hi_r = f["attractiveness"] >= 3, f["relationship"] >= 3
    assert (f.loc[hi_a & ~hi_r, "focus"] == "target").all()
    assert (f.loc[~hi_a & hi_r, "focus"] == "maintain").all()
    m = T.strategic_focus(world.accounts, cut="median")
    assert (m["attractiveness"] >= m["attractiveness"].median()).sum() >= len(m) / 2


def test_account_scores_bad_input(world):
    with pytest.raises(ValueError, match="attr_"):
        T.account_scores(world.accounts.drop(columns=[c for c in world.accounts if c.startswith("attr_")]))
    bad = world.accounts.assign(rel_price=9)
    with pytest.raises(ValueError, match="rel_price"):
        T.account_scores(bad)
    with pytest.raises(ValueError, match="cut"):
        T.strategic_focus(world.accounts, cut="mean")


def test_time_pyramid_bottom_layer_is_the_prospects(world, values):
    open_leads = world.leads[world.leads["status"] == "open"]
    p = T.time_pyramid(values, open_leads)
    assert len(p) == len(values) + len(open_leads)
    # current customers fill only the top two layers, in S4's ratio 10 : 30
    cust = p.iloc[:len(values)]
    assert set(cust["tier"].astype(str)) == {"key", "ordinary"}
    assert (cust["tier"] == "key").sum() == -(-len(values) // 4)
    assert set(p["id"].iloc[len(values):]) == set(open_leads["lead_id"])
    assert (p["tier"].iloc[len(values):] == "would-be").all()
    # the key layer is the most valuable quarter
    key_min = cust.loc[cust["tier"] == "key", "profit"].min()
    assert key_min >= cust.loc[cust["tier"] == "ordinary", "profit"].max()


def test_time_allocation_and_reallocation(world, values):
    open_leads = world.leads[world.leads["status"] == "open"]
    ta = T.time_allocation(values, open_leads, value="profit")
    assert ta["tier"].astype(str).tolist() == ["key", "ordinary", "would-be"]
    assert ta["s4_time_share"].tolist() == [0.6, 0.3, 0.1]
    assert ta["s4_member_share"].tolist() == [0.1, 0.3, 0.6]
    assert ta["members"].tolist()[-1] == len(open_leads)
    assert ta["members"].iloc[:2].sum() == len(values)
    assert ta["profit"].iloc[:2].sum() == pytest.approx(values["profit"].sum())
    assert np.isnan(ta["profit"].iloc[-1])
    assert ta["service_hours"].sum() == pytest.approx(values["service_hours"].sum())
    plan = T.reallocate_time(T.time_pyramid(values, open_leads))
    assert plan["hours_target"].sum() == pytest.approx(values["service_hours"].sum())
    assert plan["hours_now"].sum() == pytest.approx(values["service_hours"].sum())
    assert plan["hours_target"].iloc[-1] == pytest.approx(0.1 * values["service_hours"].sum())
    tiers = T.pyramid(values, value="profit", shares=[0.1, 0.9], labels=["key", "ordinary"])
    with pytest.raises(ValueError, match="no share"):
        T.reallocate_time(tiers, target={"key": 1.0})
    with pytest.raises(ValueError, match="prospects"):
        T.time_pyramid(values, values)


def test_chinese_terms():
    assert T.chinese("lead") == "铅客户"
    with pytest.raises(ValueError, match="diamond"):
        T.chinese("diamond")


# ---------------------------------------------------------------- scale

def test_functions_are_vectorised_on_a_large_frame():
    rng = np.random.default_rng(0)
    n, m = 50_000, 400_000
    tx = pd.DataFrame({"customer_id": rng.integers(0, n, m),
                       "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 1096, m), "D"),
                       "revenue": rng.lognormal(5, 1, m)})
    per = T.customer_totals(tx)
    assert T.top_share(per) > 0.2
    assert len(T.pyramid(per)) == per.shape[0]
    assert len(T.rfm(tx, asof="2025-12-31")) == per.shape[0]
