"""Chapter 3: objections (types, methods, scoring), the role-play simulator, complaint analytics."""


import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import catalogue, plots, terms
from casekit import objections as ob
from casekit import roleplay as rpm

from . import lessons as L


@pytest.fixture(scope="module")
def world():
    return ck.world()


@pytest.fixture(scope="module")
def small():
    return ck.make_world(3, 500)


# ---------------------------------------------------------------------------------------------
# Vocabulary and the catalogue
# ---------------------------------------------------------------------------------------------

def test_vocabulary_tables_are_complete():
    assert len(ob.principles_table()) == 5
    assert set(ob.PRINCIPLE_NOTES) == set(terms.english(ob.PRINCIPLES))
    m = ob.methods_table()
    assert m["method"].tolist() == list(terms.english(terms.OBJECTION_METHODS))
    assert m.notna().all().all()
    assert len(ob.COMPLAINT_AIMS) == 4 and len(ob.COMPLAINT_EFFECTS) == 6
    assert len(ob.COMPLAINT_KEY_POINTS) == 6
    stages = ob.six_stage_process()
    assert stages["stage"].tolist() == list(terms.english(terms.COMPLAINT_STAGES))
    assert stages["step"].tolist() == [1, 2, 3, 4, 5, 6]


def test_objection_types_on_catalogue(world):
    t = ob.objection_types(world.objections)
    assert t["type"].tolist() == list(terms.english(terms.OBJECTION_TYPES))
    assert (t["statements"] == 4).all()
    assert t["statements"].sum() == len(world.objections)
    assert (t["example"] != "").all() and (t["example_zh"] != "").all()
    # the usual best method is indeed the most frequent best method of the type
    cat = world.objections
    for _, row in t.iterrows():
        counts = cat.loc[cat["type"] == row["type"], "best_method"].astype(str).value_counts()
        assert counts[row["usual_best"]] == counts.max()


def test_method_fit_counts(world):
    cat = world.objections
    best = ob.method_fit(cat)
    fits = ob.method_fit(cat, kind="fits")
    assert best.to_numpy().sum() == len(cat)
    n_fitting = cat["fitting_methods"].str.split("; ").str.len().sum()
    assert fits.to_numpy().sum() == n_fitting
    assert (fits >= best).all().all()
    assert list(best.columns) == list(terms.english(terms.OBJECTION_METHODS))


def test_catalogue_is_consistent():
    cat = catalogue.objections()
    assert len(cat) == 32
    for _, row in cat.iterrows():
        fitting = row["fitting_methods"].split("; ")
        assert fitting[0] == row["best_method"]
        assert set(fitting) <= set(terms.english(terms.OBJECTION_METHODS))


@pytest.mark.parametrize("bad, match", [
    ("objections", "DataFrame"),
    (pd.DataFrame({"type": ["price"]}), "no column 'statement'"),
    (pd.DataFrame({"type": ["pricing"], "statement": ["x"], "best_method": ["compensation"],
                   "fitting_methods": ["compensation"]}), "'pricing'"),
    (pd.DataFrame({"type": ["price"], "statement": ["x"], "best_method": ["shouting"],
                   "fitting_methods": ["compensation"]}), "'shouting'"),
])
def test_catalogue_functions_reject_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        ob.objection_types(bad)
    with pytest.raises(ValueError, match=match):
        ob.method_fit(bad)


def test_method_fit_rejects_bad_kind_and_bad_fitting_list(world):
    with pytest.raises(ValueError, match="kind='all'"):
        ob.method_fit(world.objections, kind="all")
    bad = pd.DataFrame({"type": ["price"], "statement": ["x"], "best_method": ["compensation"],
                        "fitting_methods": ["compensation, questioning"]})
    with pytest.raises(ValueError, match="fitting_methods"):
        ob.method_fit(bad, kind="fits")


# ---------------------------------------------------------------------------------------------
# Reading and scoring replies
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, method", [
    ("direct denial", "direct denial"), ("直接否定法", "direct denial"), ("太极法", "turning it around"),
    ("转化法（太极法）", "turning it around"), ("Yes, but", "indirect denial"), ("ASK", "questioning"),
    ("", None), (None, None), (3, None), ("shout", None),
])
def test_find_method(name, method):
    assert ob.find_method(name) == method


@pytest.mark.parametrize("text, method", [
    ("Actually, the delivery log shows 98% on time.", "direct denial"),
    ("You're right that online is cheaper, but it has no warranty.", "indirect denial"),
    ("Yes, it costs more; over five years the lower running cost more than pays for it.",
     "compensation"),
    ("That is exactly why you need it — how many hours do staff spend washing?",
     "turning it around"),
    ("May I ask who decides on suppliers?", "questioning"),
    ("(smile) Let me show you the part you asked about.", "ignoring"),
    ("事实上，数据显示我们的故障率很低。", "direct denial"),
    ("请问您的预算是怎么定的？", "questioning"),
    ("正因为你们店小，才更需要省人工。", "turning it around"),
])
def test_classify_approach_reads_methods(text, method):
    assert ob.classify_approach(text).method == method


def test_classify_approach_principles_and_acknowledgement():
    a = ob.classify_approach("Nonsense, you don't understand our machines. Sign today.")
    assert set(a.broken) == {"never argue", "leave the customer face", "pick the right moment"}
    assert ob.classify_approach("I understand. What is the budget based on?").acknowledges
    empty = ob.classify_approach("   ")
    assert empty.method is None and empty.broken == () and not empty.acknowledges
    assert ob.classify_approach(None).method is None


def _row(best="compensation", fitting="compensation; indirect denial", typ="price"):
    return {"type": typ, "best_method": best, "fitting_methods": fitting, "why": "Because."}


def test_score_response_by_fit():
    best = ob.score_response(_row(), "compensation")
    fits = ob.score_response(_row(), "indirect denial")
    poor = ob.score_response(_row(), "questioning")
    assert (best.fit, best.points, best.trust_change) == ("best", 3, ob.TRUST_POINTS["best"])
    assert (fits.fit, fits.points, fits.trust_change) == ("fits", 2, ob.TRUST_POINTS["fits"])
    assert (poor.fit, poor.points, poor.trust_change) == ("poor", 0, ob.TRUST_POINTS["poor"])
    assert "Because." in best.explanation and "compensation" in poor.explanation


def test_score_response_principles():
    argue = ob.score_response(_row(), "direct denial")
    assert argue.broken == ("never argue",)
    assert argue.trust_change == ob.TRUST_POINTS["poor"] + ob.TRUST_POINTS["broken"]
    brush = ob.score_response(_row(), "ignoring")
    assert brush.broken == ("treat objections as buying signals",)
    # a fitting method said rudely still costs trust
    rude = ob.score_response(_row(), "You're wrong to worry, but the running cost more than "
                                     "pays for it.")
    assert rude.method == "compensation" and "never argue" in rude.broken
    assert rude.trust_change < ob.TRUST_POINTS["best"]
    polite = ob.score_response(_row(), "I understand. Yes, we cost more; the longer life "
                                       "more than pays for it.")
    assert polite.acknowledges and polite.trust_change == ob.TRUST_POINTS["best"] + \
        ob.TRUST_POINTS["acknowledge"]
    push = ob.score_response(_row(), "Sign today, last chance.")
    assert push.fit == "poor" and push.method is None and push.broken == ("pick the right moment",)
    unclear = ob.score_response(_row(), "hello there")
    assert unclear.fit == "unclear" and unclear.trust_change == 0


def test_score_response_on_every_catalogue_row():
    cat = catalogue.objections()
    for _, row in cat.iterrows():
        assert ob.score_response(row, row["best_method"]).fit == "best"
        for m in row["fitting_methods"].split("; ")[1:]:
            assert ob.score_response(row, m).fit == "fits"


def test_score_response_rejects_bad_objection():
    with pytest.raises(ValueError, match="catalogue row"):
        ob.score_response("price", "compensation")
    with pytest.raises(ValueError, match="'fitting_methods'"):
        ob.score_response({"type": "price", "best_method": "compensation"}, "compensation")
    with pytest.raises(ValueError, match="best_method"):
        ob.score_response(_row(best="haggling"), "compensation")


# ---------------------------------------------------------------------------------------------
# Role-play
# ---------------------------------------------------------------------------------------------

def test_roleplay_is_deterministic_and_seed_matters():
    a = rpm.RolePlay("factory", seed=5)
    b = rpm.RolePlay("factory", seed=5)
    assert a.objections == b.objections
    ids = {tuple(o["objection_id"] for o in rpm.RolePlay("factory", seed=s).objections)
           for s in range(10)}
    assert len(ids) > 1
    ta = a.play(["questioning"] * 4)
    tb = b.play(["questioning"] * 4)
    assert str(ta) == str(tb) and a.transcript().equals(b.transcript())


@pytest.mark.parametrize("key", list(rpm.SCENARIOS))
def test_best_play_sells_and_poor_play_loses(key):
    for seed in range(5):
        rp = rpm.RolePlay(key, seed=seed)
        types = [o["type"] for o in rp.objections]
        assert tuple(types) == rp.scenario.objection_types
        last = rp.play(rp.best_responses())
        assert last.status == "sale" and rp.status == "sale"
        assert "Sale" in rp.outcome()
        rp.reset()
        assert rp.status == "open" and rp.trust == rpm.START_TRUST and rp.turns == []
        # always the worst: a method that does not fit
        worst = []
        for o in rp.objections:
            fitting = o["fitting_methods"].split("; ")
            worst.append(next(m for m in ("direct denial", "ignoring", "questioning",
                                          "compensation") if m not in fitting))
        last = rp.play(worst)
        assert last.status == "loss" and rp.trust <= rpm.WALK_OUT_AT
        assert "Loss" in rp.outcome() and "best answer" in rp.outcome()


def test_roleplay_fitting_only_can_still_sell_or_lose_by_the_rules():
    rp = rpm.RolePlay("retail", seed=0)
    seconds = [o["fitting_methods"].split("; ")[-1] for o in rp.objections]
    last = rp.play(seconds)
    expected = rpm.START_TRUST
    for t in rp.turns:
        expected = min(100, max(0, expected + ob.score_response(
            rp.objections[t.turn - 1], t.response).trust_change))
        assert t.trust_after == expected
    assert last.status == ("sale" if expected >= rpm.SALE_AT else "loss")


def test_roleplay_unclear_reply_does_not_use_a_turn():
    rp = rpm.RolePlay("restaurant", seed=0)
    t = rp.respond("hmm well")
    assert t.status == "unclear" and rp.position == 0 and rp.turns == []
    t = rp.respond("May I ask what you use now and what it costs you?")
    assert t.method == "questioning" and rp.position == 1


def test_roleplay_bad_input():
    with pytest.raises(ValueError, match="scenario='moon'"):
        rpm.RolePlay("moon")
    with pytest.raises(ValueError, match="seed"):
        rpm.RolePlay("office", seed=-1)
    with pytest.raises(ValueError, match="no statement of type"):
        rpm.RolePlay("office", objections=catalogue.objections().query("type == 'price'"))
    rp = rpm.RolePlay("office", seed=1)
    with pytest.raises(ValueError, match="response"):
        rp.respond("")
    with pytest.raises(ValueError, match="responses"):
        rp.play("questioning")
    rp.play(rp.best_responses())
    with pytest.raises(ValueError, match="over"):
        rp.respond("questioning")


def test_roleplay_widget_plays_a_game():
    rp = rpm.RolePlay("distributor", seed=2)
    view = rp.widget()
    assert "Customer:" in view.log.value and view.trust.value == rpm.START_TRUST
    view.respond_button.click()
    assert "Pick a method" in view.log.value and rp.turns == []
    for method in rp.best_responses()[:-1]:
        view.method.value = method
        view.respond_button.click()
        assert view.method.value == ""
    view.text.value = "I understand; " + {
        "questioning": "may I ask who decides?",
        "turning it around": "that is exactly why you need it.",
        "compensation": "it costs more but the longer life more than pays for it.",
        "indirect denial": "you're right, but consider the warranty.",
        "direct denial": "actually the records show otherwise.",
        "ignoring": "(smile) let me show you the part.",
    }[rp.best_responses()[-1]]
    view.respond_button.click()
    assert rp.status == "sale" and "Sale" in view.log.value
    assert view.trust.value == rp.trust
    view.restart_button.click()
    assert rp.status == "open" and rp.turns == [] and "Sale" not in view.log.value
    assert "text/plain" in view._repr_mimebundle_()


def test_scenarios_table():
    t = rpm.scenarios()
    assert t["key"].tolist() == list(rpm.SCENARIOS) and len(t) >= 4


# ---------------------------------------------------------------------------------------------
# Complaints
# ---------------------------------------------------------------------------------------------

def test_complaint_pareto_matches_counts(world):
    cp = world.complaints
    t = ob.complaint_pareto(cp)
    assert t["complaints"].sum() == len(cp)
    assert t["complaints"].is_monotonic_decreasing
    assert np.isclose(t["cumulative_share"].iloc[-1], 1.0)
    k = int(np.ceil(len(t) / 4))
    assert np.isclose(t["share"].iloc[:k].sum(), L.complaint_pareto(world))
    # vital few: the causes before the cumulative share reaches 80%, plus the one crossing it
    n_vital = int(t["vital_few"].sum())
    assert t["cumulative_share"].iloc[n_vital - 1] >= 0.8 - 1e-12
    if n_vital > 1:
        assert t["cumulative_share"].iloc[n_vital - 2] < 0.8
    claimed = ob.complaint_pareto(cp, value="claim_amount")
    assert np.isclose(claimed["claim_amount"].sum(), cp["claim_amount"].sum())
    assert set(t["chinese"]) <= {zh for _, zh in terms.COMPLAINT_CATEGORIES}


def test_complaint_pareto_bad_input(world):
    with pytest.raises(ValueError, match="no column 'cause'"):
        ob.complaint_pareto(world.complaints, by="cause")
    with pytest.raises(ValueError, match="cutoff"):
        ob.complaint_pareto(world.complaints, cutoff=1.5)
    zero = pd.DataFrame({"category": ["a", "b"], "claim_amount": [0.0, 0.0]})
    with pytest.raises(ValueError, match="positive total"):
        ob.complaint_pareto(zero, value="claim_amount")
    with pytest.raises(ValueError, match="empty"):
        ob.complaint_pareto(world.complaints.iloc[:0])


def test_resolution_summary_and_speed_band(world):
    cp = world.complaints
    s = ob.resolution_summary(cp)
    assert s["severity"].astype(str).tolist() == list(terms.english(terms.SEVERITIES))
    assert s["complaints"].sum() == len(cp)
    d = cp["days_to_resolve"].astype("float64")
    overall = ob.resolution_summary(cp, by=None).iloc[0]
    assert overall["median_days"] == d[cp["resolved"]].median()
    assert np.isclose(overall["within_fast_share"], (cp["resolved"] & (d <= 7)).mean())
    band = ob.speed_band(cp)
    assert band.isna().sum() == 0
    assert (band == "unresolved").sum() == (~cp["resolved"]).sum()
    assert (band == "within 7 days").sum() == (cp["resolved"] & (d <= 7)).sum()
    b2 = ob.speed_band(cp, fast=3, slow=10)
    assert list(b2.cat.categories) == ["within 3 days", "4–10 days", "over 10 days", "unresolved"]


def test_complaint_functions_reject_bad_days():
    bad = pd.DataFrame({"resolved": [True], "days_to_resolve": pd.array([None], dtype="Int64")})
    with pytest.raises(ValueError, match="resolved complaint has no days_to_resolve"):
        ob.speed_band(bad)
    neg = pd.DataFrame({"resolved": [True], "days_to_resolve": [-3]})
    with pytest.raises(ValueError, match="negative"):
        ob.speed_band(neg)
    text = pd.DataFrame({"resolved": [True], "days_to_resolve": ["3"]})
    with pytest.raises(ValueError, match="days_to_resolve"):
        ob.resolution_summary(text, by=None)
    with pytest.raises(ValueError, match="slow"):
        ob.speed_band(pd.DataFrame({"resolved": [True], "days_to_resolve": [3]}), fast=7, slow=7)
    with pytest.raises(ValueError, match="resolved"):
        ob.speed_band(pd.DataFrame({"resolved": ["yes"], "days_to_resolve": [3]}))


def test_complaint_outcomes_match_plain_pandas(world):
    cp = world.complaints
    t = ob.complaint_outcomes(cp)
    assert t["complaints"].sum() == len(cp) and np.isclose(t["share"].sum(), 1.0)
    kept_fast, _, sat_fast, _ = L.fast_resolution(world)
    first = t.iloc[0]
    assert first["speed"] == "within 7 days"
    assert np.isclose(first["kept_share"], kept_fast)
    assert np.isclose(first["satisfaction_after"], sat_fast)
    hs = ob.complaint_outcomes(cp, by="handling_score")
    direct = cp.groupby("handling_score")["satisfaction_after"].mean()
    assert np.allclose(hs.set_index("handling_score")["satisfaction_after"], direct)
    two = ob.complaint_outcomes(cp, by=["speed", "followed_up"])
    assert len(two) == 8 and two["complaints"].sum() == len(cp)
    sev = ob.complaint_outcomes(cp, by="severity")
    assert sev["severity"].astype(str).tolist() == ["low", "medium", "high"]


def test_handling_band_and_outcomes_match_lesson(world, small):
    for w in (world, small):
        cp = w.complaints
        band = ob.handling_band(cp)
        cared = (cp["handling_score"] >= 4) & cp["followed_up"]
        assert (band.cat.codes == np.where(cared, 0, 1)).all()
        t = ob.complaint_outcomes(cp, by="handling").set_index("handling")
        good, other = L.handling_keeps(w)
        assert t.index.astype(str).tolist() == ["score ≥ 4 + follow-up", "all others"]
        assert np.isclose(t["kept_share"].iloc[0], good)
        assert np.isclose(t["kept_share"].iloc[1], other)
        assert t["complaints"].sum() == len(cp)
    strict = ob.complaint_outcomes(world.complaints, by="handling", good=5)
    assert strict["handling"].iloc[0] == "score ≥ 5 + follow-up"
    assert strict["complaints"].iloc[0] == ((world.complaints["handling_score"] == 5)
                                            & world.complaints["followed_up"]).sum()


def test_handling_band_bad_input(world):
    with pytest.raises(ValueError, match="followed_up"):
        ob.handling_band(world.complaints.drop(columns="followed_up"))
    with pytest.raises(ValueError, match="good"):
        ob.handling_band(world.complaints, good=6)
    with pytest.raises(ValueError, match="handling_score"):
        ob.complaint_outcomes(world.complaints.drop(columns="handling_score"), by="handling")


def test_complaint_outcomes_bad_input(world):
    with pytest.raises(ValueError, match="by=3"):
        ob.complaint_outcomes(world.complaints, by=3)
    with pytest.raises(ValueError, match="no column 'speedy'"):
        ob.complaint_outcomes(world.complaints, by="speedy")
    with pytest.raises(ValueError, match="customer_kept"):
        ob.complaint_outcomes(world.complaints.drop(columns="customer_kept"))


def test_silent_customer_test_matches_lesson(world, small):
    for w in (world, small):
        t = ob.silent_customer_test(w.customers, w.complaints).set_index("group")
        silent, resolved = L.silent_churn(w)
        assert np.isclose(t.loc["never complained", "churn_rate"], silent)
        assert np.isclose(t.loc["all resolved", "churn_rate"], resolved)
        assert t["customers"].sum() == len(w.customers)
        assert t["churned"].sum() == w.customers["churned"].sum()
        assert (t["ci_low"] <= t["churn_rate"]).all() and (t["churn_rate"] <= t["ci_high"]).all()


def test_silent_customer_test_bad_input(world):
    cu = world.customers
    with pytest.raises(ValueError, match="customer_id 1 appears twice"):
        ob.silent_customer_test(pd.concat([cu, cu.iloc[:1]]), world.complaints)
    with pytest.raises(ValueError, match="not in customers"):
        ob.silent_customer_test(cu.iloc[:10], world.complaints)
    with pytest.raises(ValueError, match="churned"):
        ob.silent_customer_test(cu.drop(columns="churned"), world.complaints)
    # no complaints at all: everyone is silent
    t = ob.silent_customer_test(cu, world.complaints.iloc[:0])
    assert t.loc[0, "customers"] == len(cu) and t.loc[1, "customers"] == 0
    assert np.isnan(t.loc[1, "churn_rate"])


def test_claims_summary(world):
    cp = world.complaints
    t = ob.claims_summary(cp)
    assert t["claims"].sum() == cp["is_claim"].sum()
    assert np.isclose(t["claimed"].sum(), cp["claim_amount"].sum())
    assert t["claimed"].is_monotonic_decreasing and np.isclose(t["share_of_claimed"].sum(), 1)
    with pytest.raises(ValueError, match="claim_amount.* holds -.*amounts ≥ 0"):
        ob.claims_summary(cp.assign(claim_amount=-cp["claim_amount"]))
    with pytest.raises(ValueError, match="is_claim"):
        ob.claims_summary(cp.drop(columns="is_claim"))


@pytest.mark.parametrize("seed, n", [(0, 2000)] + [(s, 500) for s in range(6)])
def test_claim_case_follows_its_stated_rule(seed, n):
    w = ck.make_world(seed, n)
    case = ob.claim_case(w.complaints, w.accounts)
    cp = w.complaints.set_index("complaint_id")
    focal = cp.loc[case.complaint_id]
    assert case.customer_id == focal["customer_id"] in set(w.accounts["customer_id"])
    assert focal["is_claim"] and focal["resolved"] and focal["followed_up"]
    assert focal["date"] >= w.complaints["date"].min() + pd.Timedelta(days=180)
    mine = cp[cp["customer_id"] == case.customer_id]
    assert case.earlier_complaints == int((mine.index.map(lambda i: (mine.loc[i, "date"], i))
                                           < (focal["date"], case.complaint_id)).sum())
    # no other qualifying claim has a customer with more earlier complaints
    ok = cp[cp["customer_id"].isin(w.accounts["customer_id"]) & cp["is_claim"] & cp["resolved"]
            & cp["followed_up"]
            & (cp["date"] >= w.complaints["date"].min() + pd.Timedelta(days=180))]
    order = w.complaints.sort_values(["customer_id", "date", "complaint_id"])
    earlier = order.groupby("customer_id").cumcount().set_axis(order["complaint_id"])
    assert earlier.loc[ok.index].max() == case.earlier_complaints
    hist = ob.complaint_history(w.complaints, case.customer_id)
    assert hist["date"].is_monotonic_increasing and case.complaint_id in set(hist["complaint_id"])


@pytest.mark.parametrize("seed", [0, 1])
def test_claim_decision_uses_only_data_up_to_its_date(seed):
    w = ck.make_world(seed, 2000)
    case = ob.claim_case(w.complaints, w.accounts)
    when = w.complaints.set_index("complaint_id").loc[case.complaint_id, "date"]
    d = ob.claim_decision(w.complaints, w.transactions, case.complaint_id)
    assert d.date == when and d.data_until <= when
    # the future cannot change the decision: cut every table at the claim's date
    past = ob.claim_decision(w.complaints[w.complaints["date"] <= when],
                             w.transactions[w.transactions["date"] <= when], case.complaint_id)
    assert past == d
    tx = w.transactions
    mine = tx[(tx["customer_id"] == case.customer_id) & (tx["date"] <= when)
              & (tx["date"] > when - pd.Timedelta(days=365))]
    assert np.isclose(d.margin_12m, mine["margin"].sum())
    assert d.record == d.n_fast + d.n_other == int((w.complaints["date"] <= when - pd.Timedelta(days=180)).sum())
    assert d.at_stake == pytest.approx(max(d.margin_12m * (d.kept_fast - d.kept_other), 0.0))
    assert d.settle == (d.claim_amount <= d.at_stake)


def test_case_helpers_bad_input(world):
    with pytest.raises(ValueError, match="no complaints"):
        ob.complaint_history(world.complaints, -1)
    with pytest.raises(ValueError, match="not in the complaints"):
        ob.claim_decision(world.complaints, world.transactions, -1)
    with pytest.raises(ValueError, match="no column 'customer_id'"):
        ob.claim_case(world.complaints, pd.DataFrame({"id": [1]}))
    with pytest.raises(ValueError, match="claim_case: no key account"):
        ob.claim_case(world.complaints, pd.DataFrame({"customer_id": [-5]}))
    with pytest.raises(ValueError, match="margin"):
        ob.claim_decision(world.complaints, world.transactions.drop(columns="margin"), 1)


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------

def test_charts_draw_and_label(world):
    import matplotlib.pyplot as plt
    rp = rpm.RolePlay("retail", seed=0)
    rp.play(rp.best_responses())
    axes = [
        plots.method_fit_heatmap(world.objections),
        plots.complaint_pareto_chart(world.complaints),
        plots.complaint_pareto_chart(world.complaints, value="claim_amount"),
        plots.resolution_time_chart(world.complaints),
        plots.complaint_outcome_chart(world.complaints),
        plots.complaint_outcome_chart(world.complaints, by="handling_score",
                                      metric="satisfaction_after"),
        plots.complaint_outcome_chart(world.complaints, by="followed_up"),
        plots.complaint_outcome_chart(world.complaints, by="handling"),
        plots.silent_customer_chart(world.customers, world.complaints),
        plots.claims_chart(world.complaints),
        plots.roleplay_trust_chart(rp),
    ]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    _, ax = plt.subplots()
    assert plots.complaint_pareto_chart(world.complaints, ax=ax) is ax
    plt.close("all")


def test_charts_reject_bad_input(world):
    with pytest.raises(ValueError, match="metric"):
        plots.complaint_outcome_chart(world.complaints, metric="profit")
    with pytest.raises(ValueError, match="RolePlay"):
        plots.roleplay_trust_chart("retail")
    with pytest.raises(ValueError, match="DataFrame"):
        plots.complaint_pareto_chart("complaints")
