"""Tests of casekit.retention (chapter 6) and its charts."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import plots
from casekit import retention as R


@pytest.fixture(scope="module")
def world():
    return ck.world(seed=3, n_customers=800)


@pytest.fixture(scope="module")
def signals(world):
    return R.customer_signals(world)


def _customers(**kw):
    base = {"customer_id": [1, 2, 3, 4, 5, 6],
            "first_purchase": pd.to_datetime(["2020-01-05", "2022-03-01", "2024-02-01",
                                              "2021-07-01", "2025-06-01", "2021-01-01"]),
            "churned": [False, True, False, False, True, True],
            "churn_date": pd.to_datetime([None, "2025-03-10", None, None, "2025-11-20",
                                          "2024-05-01"])}
    base.update(kw)
    df = pd.DataFrame(base)
    df.attrs.update(start=pd.Timestamp("2023-01-01"), asof=pd.Timestamp("2025-12-31"))  # its period
    return df


# --- churn and retention rates ---------------------------------------------------------------

def test_churn_rate_uses_opening_base():
    r = R.churn_rate(_customers(), start="2025-01-01", end="2025-12-31")
    assert (r.opening, r.churned, r.new, r.new_churned, r.closing) == (4, 1, 1, 1, 3)
    assert r.churn_rate == pytest.approx(0.25)
    assert r.retention_rate == pytest.approx(0.75)


def test_churn_rate_balances_on_the_world(world):
    c = world.customers
    for y in (2023, 2024, 2025):
        r = R.churn_rate(c, start=f"{y}-01-01", end=f"{y}-12-31")
        # closing = opening − churned + new − new_churned, counted independently
        e = pd.Timestamp(f"{y}-12-31")
        alive = (c["first_purchase"] <= e) & (~c["churned"] | (c["churn_date"] > e))
        assert r.closing == int(alive.sum())
        assert 0 <= r.churn_rate <= 1


def test_yearly_churn_wrong_denominators_differ(world):
    y = R.yearly_churn(world.customers)
    assert list(y.index) == [2023, 2024, 2025]
    assert np.allclose(y["churn_rate"], y["churned"] / y["opening"])
    assert np.allclose(y["churn_rate"] + y["retention_rate"], 1)
    assert (y["churned_of_closing"] != y["churn_rate"]).any()


def test_cohort_retention_is_share_still_active(world):
    t = R.cohort_retention(world.customers)
    assert list(t.index) == ["before 2023", "2023", "2024", "2025"]
    assert np.isnan(t.loc["2025", "2023"]) and np.isnan(t.loc["2024", "2023"])
    vals = t[["2023", "2024", "2025"]].to_numpy()
    ok = np.isfinite(vals)
    assert ((vals[ok] >= 0) & (vals[ok] <= 1)).all()
    # retention can only fall as years pass, within a cohort
    for _, row in t[["2023", "2024", "2025"]].iterrows():
        v = row.dropna().to_numpy()
        assert (np.diff(v) <= 1e-12).all()


def test_retention_curve_matches_hand_kaplan_meier():
    c = pd.DataFrame({"customer_id": [1, 2, 3, 4],
                      "first_purchase": pd.to_datetime(["2025-01-01"] * 4),
                      "churned": [True, True, False, False],
                      "churn_date": pd.to_datetime(["2025-02-15", "2025-04-15", None, None])})
    curve = R.retention_curve(c, start="2025-01-01", asof="2025-12-31", months=5)
    assert curve["retention"].round(4).tolist() == [1.0, 1.0, 0.75, 0.75, 0.5, 0.5]
    assert curve["at_risk"].tolist()[0] == 4


def test_retention_curve_by_cohort_is_monotone(world):
    curve = R.retention_curve(world.customers, by="cohort", months=36)
    assert set(curve["group"]) == {"before 2023", "2023", "2024", "2025"}
    for _, g in curve.groupby("group"):
        assert (np.diff(g["retention"].to_numpy()) <= 1e-12).all()


def test_churn_by_tenure_exposure_adds_up(world):
    c = world.customers
    t = R.churn_by_tenure(c)
    assert t["churned"].sum() == R.churn_rate(c).churned + R.churn_rate(c).new_churned
    assert t.loc["0–1 yr", "churn_per_year"] > t.loc["5–10 yr", "churn_per_year"]


# --- cost and value --------------------------------------------------------------------------

def test_cost_comparison_on_data(world):
    r = R.cost_comparison(world.customers)
    c = world.customers
    assert r.ratio == pytest.approx(c["acquisition_cost"].mean() / c["retention_cost"].mean())
    assert r.ratio > 2.5
    assert (r.source_low, r.source_high) == (5.0, 6.0)


def test_clv_multiple_and_point_value():
    assert R.clv_multiple(0.8, discount=0.1) == pytest.approx(0.8 / 0.3)
    arr = R.clv_multiple(np.array([0.5, 0.9]), discount=0.1)
    assert arr == pytest.approx([0.5 / 0.6, 0.9 / 0.2])
    v = R.retention_point_value(100.0, 10, 0.8, points=1, discount=0.1)
    assert v.gain_per_customer == pytest.approx(100 * (0.81 / 0.29 - 0.8 / 0.3))
    assert v.gain_total == pytest.approx(10 * v.gain_per_customer)
    # a point is worth more at a higher retention rate
    hi = R.retention_point_value(100.0, 10, 0.9, points=1, discount=0.1)
    assert hi.gain_per_customer > v.gain_per_customer


# --- signals, drivers, score -----------------------------------------------------------------

def test_signals_are_consistent(world, signals):
    s = signals
    assert len(s) == len(world.customers)
    assert (s["complaints"] == s["silent"].map({True: 0, False: 1}) * s["complaints"]).all()
    assert (s.loc[s["silent"], "complaints"] == 0).all()
    assert not (s["resolved_fast"] & (s["unresolved_complaint"] | s["slow_complaint"])).any()
    assert s["complaints"].sum() == len(world.complaints)
    assert s["big"].mean() == pytest.approx(0.1, abs=0.02)
    assert s.loc[s["big"], "employees"].min() >= s.loc[~s["big"], "employees"].max()
    assert (s.loc[~s["surveyed"], "value_gap"] == False).all()  # noqa: E712
    assert np.allclose(s["profit"].sum(), ck.selection.customer_profitability(
        world, active_only=False)["profit"].sum())


def test_drivers_show_the_built_in_lessons(signals):
    d = R.churn_drivers(signals)
    assert "frequency_drop" not in d.index
    for sig in ("key_contact_left", "low_satisfaction", "low_loyalty", "unresolved_complaint",
                "value_gap"):
        assert d.loc[sig, "churn_with"] > d.loc[sig, "churn_without"], sig
    assert d.loc["resolved_fast", "churn_with"] < d.loc["resolved_fast", "churn_without"]


def test_risk_score_and_precision(signals):
    sc = R.risk_score(signals)
    manual = sum(w * signals[k].astype(float) for k, w in R.DEFAULT_WEIGHTS.items())
    assert np.allclose(sc, manual)
    p = R.score_precision(signals, sc, top=0.1)
    assert p.flagged == int(np.ceil(0.1 * len(signals)))
    assert p.lift == pytest.approx(p.precision / p.base_rate)
    assert p.lift > 1.8
    # a random score is no better than the base rate on average; a constant one equals it
    flat = R.score_precision(signals, np.zeros(len(signals)), top=0.1)
    assert flat.precision == pytest.approx(flat.base_rate)


def test_score_precision_ignores_row_order(signals):
    sc = R.risk_score(signals)
    shuffled = signals.sample(frac=1.0, random_state=1)
    a = R.score_precision(signals, sc)
    b = R.score_precision(shuffled, sc.loc[shuffled.index])
    assert a.precision == pytest.approx(b.precision)


def test_score_table_and_probability(signals):
    sc = R.risk_score(signals)
    t = R.score_table(signals, sc)
    assert t["customers"].sum() == len(signals)
    assert t["share_of_churners_cum"].iloc[-1] == pytest.approx(1.0)
    p = R.churn_probability(signals, sc, prior=0)
    assert np.allclose(p.groupby(sc).first().sort_index(ascending=False), t["share_left"])


def test_logistic_weights_recover_odds():
    s = pd.DataFrame({"churned": [True, True, True, False, False, False, True, False],
                      "key_contact_left": [True, True, True, False, False, False, False, True]})
    w = R.logistic_weights(s, features=["key_contact_left"], l2=0.0)
    assert w.loc["key_contact_left", "odds_ratio"] == pytest.approx(9.0, rel=1e-6)


def test_loyalty_types_and_satisfaction(signals):
    t = R.loyalty_types(signals)
    assert t["customers"].sum() == len(signals)
    assert t.loc["true loyalty", "share_left"] < t.loc["no loyalty", "share_left"]
    sl = R.satisfaction_loyalty(signals)
    assert sl["customers"].sum() == len(signals)
    assert sl["mean_loyalty"].is_monotonic_increasing
    assert list(R.loyalty_ladder()["rung"])[0] == "suspect"


def test_size_and_churn(signals):
    t = R.size_and_churn(signals)
    assert t["customers"].sum() == len(signals)
    assert t.loc["big", "revenue_per_churner"] > t.loc["small", "revenue_per_churner"]


def test_early_warning_only_current_customers(signals):
    ew = R.early_warning(signals)
    assert not signals.loc[ew.index, "churned"].any()
    assert len(ew) == int((~signals["churned"]).sum())
    assert ew["expected_loss"].is_monotonic_decreasing
    row = ew[ew["risk_points"] >= 3].iloc[0]
    assert row["warnings"]


def test_compare_call_strategies_best_rule_wins(signals):
    ew = R.early_warning(signals)
    cmp = R.compare_call_strategies(ew, calls=15)
    best = cmp["expected_loss_covered"].idxmax()
    assert cmp.loc["largest expected loss first", "expected_loss_covered"] == \
        cmp.loc[best, "expected_loss_covered"]
    assert (cmp["calls"] == 15).all()


def test_frequency_backtest(world):
    t = R.frequency_backtest(world)
    assert list(t.index) == [True, False]
    assert (t["churned_next"] <= t["checks"]).all()
    assert t["share_of_churners"].sum() == pytest.approx(1.0)
    # every month end from April 2024 (a year and three months of history) to November 2025
    assert t.attrs["dates"] == 20 and t.attrs["months"] == 1
    # one date, counted by hand: customers seen long enough and still buying on that date
    one = R.frequency_backtest(world, at="2025-06-30", months=1)
    c = world.customers
    at = pd.Timestamp("2025-06-30")
    active = ((c["first_purchase"] <= at - pd.Timedelta(days=91 + 365))
              & (~c["churned"] | (c["churn_date"] > at)))
    assert one["checks"].sum() == int(active.sum())
    left = active & c["churned"] & (c["churn_date"] <= pd.Timestamp("2025-07-30"))
    assert one["churned_next"].sum() == int(left.sum())
    pooled = R.frequency_backtest(world, at=["2025-05-31", "2025-06-30"])
    assert pooled.attrs["dates"] == 2


def test_frequency_backtest_finds_the_fading_customers(world):
    t = R.frequency_backtest(world)
    assert t.loc[True, "churn_rate_next"] > t.loc[False, "churn_rate_next"]


def test_orders_before_churn_counts_by_hand(world):
    t = R.orders_before_churn(world, months=12)
    assert list(t.index) == list(range(12, 0, -1))
    c = world.customers
    seen = np.maximum(c["first_purchase"], pd.Timestamp("2023-01-01"))
    ch = c[c["churned"] & ((c["churn_date"] - seen).dt.days >= 12 * 365.25 / 12)]
    assert t.attrs["churners"] == len(ch)
    tx = world.transactions.merge(ch[["customer_id", "churn_date"]], on="customer_id")
    back = (tx["churn_date"] - tx["date"]).dt.days
    assert t["orders"].sum() == int(((back >= 0) & (back < 365.25)).sum())
    assert t.loc[[7, 8, 9, 10, 11, 12], "vs_earlier_pace"].mean() == pytest.approx(1.0)


def test_yearly_churn_by_age_adds_up(world):
    c = world.customers
    a = R.yearly_churn_by_age(c)
    y = R.yearly_churn(c)
    assert np.allclose(a["churn_rate"], y["churn_rate"])
    assert (a["opening_established"] + a["opening_young"]).tolist() == y["opening"].tolist()
    assert (a["churned_established"] + a["churned_young"]).tolist() == y["churned"].tolist()
    assert a.loc[2023, "opening_young"] == 0 and np.isnan(a.loc[2023, "churn_young"])


def test_handling_and_follow_up(world):
    cp = world.complaints
    h = R.handling_and_follow_up(cp)
    assert h["complaints"].sum() == len(cp)
    good = (cp["handling_score"] >= 4) & cp["followed_up"]
    assert h.loc["good handling + follow-up call", "kept"] == pytest.approx(
        cp.loc[good, "customer_kept"].mean())
    assert h.loc["good handling + follow-up call", "complaints"] == int(good.sum())


def test_winback(signals):
    wb = R.winback_candidates(signals)
    assert len(wb) == int(signals["churned"].sum())
    assert set(wb["reason"]) <= set(R.WINBACK_REASONS)
    assert (wb.loc[~wb["worth"], "expected_value"] == 0).all()
    worth = wb[wb["worth"]]
    assert worth["expected_value"].is_monotonic_decreasing
    assert wb["rank"].tolist() == list(range(1, len(wb) + 1))
    custom = R.winback_candidates(signals, chances={"key contact left": 0.9})
    assert (custom.loc[custom["reason"] == "key contact left", "chance"] == 0.9).all()


def test_prospect_type_conversion(world):
    t = R.prospect_type_conversion(world.leads)
    assert list(t.index) == ["new", "existing", "lapsed"]
    assert ((t["conversion"] >= 0) & (t["conversion"] <= 1)).all()


def test_retention_measures_table(signals):
    m = R.retention_measures(signals)
    assert len(m) == len(R.RETENTION_MEASURES)
    assert {"churn_with", "churn_without"} <= set(m.columns)


# --- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: R.churn_rate("customers"), "expected a pandas DataFrame"),
    (lambda: R.churn_rate(pd.DataFrame({"customer_id": [1]})), "no column 'first_purchase'"),
    (lambda: R.churn_rate(_customers(), start="2025-12-31", end="2025-01-01"), "before start"),
    (lambda: R.churn_rate(_customers(), start="not a date"), "is not a date"),
    (lambda: R.churn_rate(_customers(churn_date=pd.to_datetime([None] * 6))), "no churn_date"),
    (lambda: R.yearly_churn(_customers(), years=["x"]), "calendar years"),
    (lambda: R.retention_curve(_customers(), months=0), "months=0"),
    (lambda: R.churn_by_tenure(_customers(), bands=(3, 1)), "increasing"),
    (lambda: R.cost_comparison(pd.DataFrame({"acquisition_cost": [1.0],
                                             "retention_cost": [0.0]})), "positive"),
    (lambda: R.clv_multiple(1.5), "between 0 and 1"),
    (lambda: R.retention_point_value(100.0, 10, 1.2), "retention=1.2"),
    (lambda: R.customer_signals(pd.DataFrame()), "expected a casekit World"),
    (lambda: R.risk_score(pd.DataFrame({"churned": [True]}), weights={"bogus": 1}),
     "unknown signal 'bogus'"),
    (lambda: R.risk_score(pd.DataFrame({"churned": [True]}), weights={"silent": "a lot"}),
     "not a finite number"),
    (lambda: R.risk_score(pd.DataFrame({"x": [1]})), "customer_signals"),
    (lambda: R.score_precision(pd.DataFrame({"churned": [True, False]}), [1.0]),
     "one finite number per customer"),
    (lambda: R.score_precision(pd.DataFrame({"churned": [True]}), [1.0], top=2), "top=2"),
    (lambda: R.churn_by(pd.DataFrame({"churned": [True], "x": ["a"]}), "x", bins=[0, 1]),
     "numeric"),
    (lambda: R.churn_drivers(pd.DataFrame({"churned": [True], "x": [True]}), drivers=["x"]),
     "unknown signal"),
    (lambda: R.winback_candidates(pd.DataFrame({"churned": [True]})), "no column"),
    (lambda: R.compare_call_strategies(pd.DataFrame({"annual_revenue": [1.0]})), "no column"),
    (lambda: R.prospect_type_conversion(pd.DataFrame({"prospect_type": ["new"]})), "no column"),
    (lambda: R.yearly_churn_by_age(_customers(), years=["x"]), "calendar years"),
    (lambda: R.handling_and_follow_up(pd.DataFrame({"handling_score": [4]})), "no column"),
    (lambda: R.handling_and_follow_up(pd.DataFrame({"handling_score": [4], "followed_up": [True],
                                                    "customer_kept": [True],
                                                    "satisfaction_after": [4.0]}),
                                      good_score=9), "good_score"),
    (lambda: R.frequency_backtest(pd.DataFrame()), "expected a casekit World"),
    (lambda: R.orders_before_churn("world"), "expected a casekit World"),
])
def test_bad_input_gives_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("kw, message", [
    ({"at": "not a date"}, "is not a date"), ({"at": []}, "empty"), ({"months": 0}, "months=0"),
    ({"recent_days": 5}, "recent_days=5")])
def test_frequency_backtest_bad_options(world, kw, message):
    with pytest.raises(ValueError, match=message):
        R.frequency_backtest(world, **kw)


def test_orders_before_churn_bad_months(world):
    with pytest.raises(ValueError, match="months=1"):
        R.orders_before_churn(world, months=1)


def test_inputs_are_not_changed(world):
    c = world.customers.copy()
    R.churn_rate(world.customers)
    R.cohort_retention(world.customers)
    R.retention_curve(world.customers, by="cohort")
    pd.testing.assert_frame_equal(c, world.customers)


# --- charts ------------------------------------------------------------------------------------

def test_every_chart_draws_and_is_labelled(world, signals):
    c = world.customers
    ew = R.early_warning(signals)
    axes = [
        plots.yearly_churn_chart(R.yearly_churn(c)),
        plots.cohort_heatmap(R.cohort_retention(c)),
        plots.retention_curve_chart(R.retention_curve(c, by="cohort", months=36)),
        plots.tenure_churn_chart(R.churn_by_tenure(c)),
        plots.cost_chart(R.cost_comparison(c)),
        plots.clv_chart(retention=0.8),
        plots.satisfaction_loyalty_chart(R.satisfaction_loyalty(signals)),
        plots.churn_band_chart(R.churn_by(signals, "loyalty", q=3), base_rate=0.2),
        plots.loyalty_types_chart(R.loyalty_types(signals)),
        plots.drivers_chart(R.churn_drivers(signals)),
        plots.score_chart(R.score_table(signals, R.risk_score(signals)), base_rate=0.2),
        plots.winback_chart(R.winback_candidates(signals)),
        plots.call_strategies_chart(R.compare_call_strategies(ew, calls=10)),
        plots.churn_by_age_chart(R.yearly_churn_by_age(c)),
        plots.size_churn_chart(R.size_and_churn(signals)),
        plots.handling_chart(R.handling_and_follow_up(world.complaints)),
        plots.fading_orders_chart(R.orders_before_churn(world)),
        plots.backtest_chart(R.frequency_backtest(world)),
    ]
    for ax in axes:
        assert ax.get_title(), ax
        assert ax.get_xlabel() or ax.get_ylabel(), ax.get_title()
        plt.close(ax.figure)


def test_chart_bad_input():
    with pytest.raises(ValueError, match="cost_comparison"):
        plots.cost_chart({"ratio": 3})
    with pytest.raises(ValueError, match="no column"):
        plots.drivers_chart(pd.DataFrame({"churn_with": [0.1]}))
    with pytest.raises(ValueError, match="no column"):
        plots.backtest_chart(pd.DataFrame({"checks": [1]}))
    with pytest.raises(ValueError, match="no column"):
        plots.handling_chart(pd.DataFrame({"kept": [0.5]}))


@pytest.mark.parametrize("func", [R.churn_drivers, R.risk_score, R.size_and_churn, R.early_warning,
                                  R.winback_candidates, R.loyalty_types])
def test_a_duplicated_customer_in_the_signals_is_refused(signals, func):
    doubled = pd.concat([signals, signals.iloc[:1]])
    first = signals.index[0]
    with pytest.raises(ValueError, match=rf"{func.__name__}: customer_id {first} appears twice"):
        func(doubled)


def test_text_true_false_signals_are_refused_not_counted(signals):
    text = signals.assign(key_contact_left=signals["key_contact_left"].map({True: "True", False: "False"})
                          .astype(object))
    with pytest.raises(ValueError, match="churn_drivers: column 'key_contact_left' holds text"):
        R.churn_drivers(text)
    with pytest.raises(ValueError, match="churn_rate: start=12345 is not a date"):
        R.churn_rate(signals.reset_index(), start=12345)


# --- real purchases (CDNOW): cohorts, recency, big vs small buyers ---------------------------

def _tx():
    return pd.DataFrame({"customer_id": [1, 1, 2, 3, 3, 4],
                         "date": pd.to_datetime(["2024-01-05", "2024-04-02", "2024-01-20",
                                                 "2024-02-01", "2024-07-03", "2024-02-10"]),
                         "revenue": [10.0, 5.0, 80.0, 3.0, 4.0, 1.0]})


def test_purchase_cohorts_counts_each_customer_once_per_quarter():
    t = R.purchase_cohorts(_tx())
    assert t["customers"].tolist() == [2, 2]
    assert t.loc["2024-01", "2024Q1"] == 1.0 and t.loc["2024-01", "2024Q2"] == 0.5
    assert t.loc["2024-02", "2024Q3"] == 0.5


def test_recency_and_return_sees_only_the_past():
    t = R.recency_and_return(_tx(), asof="2024-03-31", ahead_days=94, bands=(0, 60))
    # silent under 60 days at 31 March: customers 3 and 4; 3 buys on 3 July (day 94)
    assert t.loc["0–59", "customers"] == 2 and t.loc["0–59", "share_returned"] == 0.5
    assert t.loc["60+", "customers"] == 2 and t.loc["60+", "share_returned"] == 0.5


def test_spend_and_return_splits_by_past_spend():
    t = R.spend_and_return(_tx(), asof="2024-03-31", ahead_days=94, top=0.25)
    assert t.loc["big", "customers"] == 1 and t.loc["big", "mean_spend"] == 80.0
    assert t.loc["big", "share_returned"] == 0.0
    assert t.loc["small", "share_returned"] == pytest.approx(2 / 3)


def test_cdnow_big_buyers_return_more_often():
    # the real data, whichever way: recorded so that a change in the loader is noticed
    t = R.spend_and_return(ck.load_cdnow_world().transactions, asof="1997-03-31", ahead_days=365)
    assert t["customers"].sum() == 23570
    assert t.loc["big", "share_returned"] > t.loc["small", "share_returned"]


@pytest.mark.parametrize("call, message", [
    (lambda: R.purchase_cohorts(pd.DataFrame({"customer_id": [1]})), "date"),
    (lambda: R.recency_and_return(_tx(), asof="2024-12-31", ahead_days=30), "runs past the data"),
    (lambda: R.recency_and_return(_tx(), asof="2024-03-31", ahead_days=30, bands=(5, 1)),
     "bands must be increasing"),
    (lambda: R.recency_and_return(_tx(), asof="soon", ahead_days=30), "not a date"),
    (lambda: R.spend_and_return(_tx(), asof="2024-03-31", ahead_days=30, top=2), "top"),
    (lambda: R.spend_and_return(_tx(), asof="2024-03-31", ahead_days=30, top=0),
     "spend_and_return: top=0 picks no customers"),
])
def test_real_data_helpers_refuse_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
