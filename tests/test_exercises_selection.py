"""Every chapter-1 exercise: its own solution passes, known-wrong answers fail and are named."""

from __future__ import annotations

import numpy as np
import pytest

import casekit as ck
import casekit.exercises as ex
from casekit import selection as S
from casekit.exercises import selection as X

IDS = ["selection.bad_trait", "selection.scorecard_weights", "selection.delivered_value_by_hand",
       "selection.screening_decision", "selection.big_customer_risks", "selection.why_select",
       "selection.segment_fit_order"]
WORLDS = [(0, 2000), (3, 500), (1, 500)]


@pytest.fixture(scope="module", params=WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def world(request):
    seed, n = request.param
    return ck.world(seed=seed, n_customers=n)


def test_registered_with_three_kinds_or_more():
    cat = ex.catalog()
    mine = cat[cat["chapter"] == 1]
    assert set(IDS) == set(mine["id"])
    assert mine["kind"].nunique() >= 3


def test_bad_trait_matches_the_scorecard(world):
    e = X.BadTrait(world)
    cid = e._customer()
    s = S.scorecard(world).loc[cid]
    shown = [k for k in S.BAD_TRAITS if s[k]]
    assert shown, "the exercise should pick a customer with a bad trait"
    assert e.solution() == X._BAD_OPTIONS[shown[0]]
    fb = e.check(X._NONE)
    assert not fb.correct and "big means good" in fb.message


def test_scorecard_weights_solution_follows_the_data(world):
    e = X.ScorecardWeights(world)
    def good_margin(**w):
        s = S.scorecard(world, weights=w or None)
        g = s[s["class"] == "good"]
        return g["profit"].sum() / g["revenue"].sum()
    base, sized = good_margin(), good_margin(purchasing_power=5)
    expected = X._SAME if abs(sized - base) <= 0.01 else (X._RISES if sized > base else X._FALLS)
    assert e.solution() == expected
    if expected == X._FALLS:
        fb = e.check(X._RISES)
        assert not fb.correct and "Misconception" in fb.message


def test_scorecard_weights_all_zero_still_draws(world):
    e = X.ScorecardWeights(world)
    fig, table = e.explore(**dict.fromkeys(X._TRAIT_LABELS, 0))
    assert len(table) >= 2 and fig.axes


def test_delivered_value_by_hand(world):
    e = X.DeliveredValueByHand(world)
    cid = e._rows()[0]
    dv = S.delivered_value(world.perceptions)
    assert e.solution() == pytest.approx(dv.loc[cid, "advantage"])
    names = {m.name for m in e.misconceptions()}
    assert {"costs left out", "the sign reversed"} <= names
    for m in e.misconceptions():
        fb = e.check(round(m.value, 1))
        assert not fb.correct and fb.misconception == m.name, (m, fb)
    assert e.check(f"{e.solution():.1f}").correct


def test_screening_decision_matches_the_screening(world):
    e = X.ScreeningDecision(world)
    decision = S.annual_screening(world, year=2025).loc[e._customer(), "decision"]
    assert e.solution() == X._DECISIONS[decision]
    for o in e.options():
        if o != e.solution():
            fb = e.check(o)
            assert not fb.correct and len(fb.message) > 40


def test_big_customer_risks_answer_is_the_sources_four_risks(world):
    e = X.BigCustomerRisks(world)
    sol = e.solution()
    assert len(sol) == len(S.RISKS) == 4
    assert all(any(f"较大的{zh}" in o for o in sol) for _, zh in S.RISKS.values())
    assert e._LOYAL not in sol  # "big customers are more loyal" is a misconception, not a risk
    assert e.check(sol).correct
    fb = e.check(sol[:2])
    assert not fb.correct and 0 < fb.score < 1
    assert not e.check(sol + [e._LOYAL]).correct


def test_big_customer_risks_feedback_is_computed_from_the_world(world):
    e = X.BigCustomerRisks(world)
    r = S.big_customer_risks(world).set_index("measure")
    text = e.explanations()
    churn = r.loc["churn rate"]
    assert f"{churn['big']:.1%}" in text[e._LOYAL] and f"{churn['rest']:.1%}" in text[e._LOYAL]
    assert "忠诚客户" in text[e._LOYAL]
    p = S.customer_profitability(world)
    top = ck.big_customers(p)   # the kit's one definition, as the chapter's
    assert top.sum() == np.ceil(0.2 * len(p))
    assert f"{(p.loc[top, 'profit'] < 0).mean():.0%}" in text[e._PROFIT]
    assert f"{r.loc['discount rate', 'big']:.1%}" in text[e.solution()[1]]


def test_why_select_is_the_sources_list(world):
    e = X.WhySelect(world)
    sol = e.solution()
    assert [o.split("(")[-1].rstrip(")") for o in sol] == [zh for _, zh in S.WHY_SELECT.values()]
    assert any("准确定位" in o for o in sol) and not any("市场定位" in o for o in e.options())
    assert e.check(sol).correct and not e.check([]).correct
    p = S.customer_profitability(world)
    assert f"{(p['profit'] < 0).mean():.0%}" in e.explanations()[e._WRONG_ALL]


def test_segment_fit_order(world):
    e = X.SegmentFitOrder(world)
    fit = S.segment_fit(world.perceptions, world.customers)
    assert e.solution() == list(fit.index)
    fb = e.check(list(reversed(e.solution())))
    assert not fb.correct and fb.score == 0
