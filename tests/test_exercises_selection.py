"""Every chapter-1 exercise: its own solution passes, known-wrong answers fail and are named."""

from __future__ import annotations

import pytest

import casekit as ck
import casekit.exercises as ex
from casekit import selection as S
from casekit.exercises import selection as X

IDS = ["selection.bad_trait", "selection.scorecard_weights", "selection.delivered_value_by_hand",
       "selection.screening_decision", "selection.big_customer_risks",
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


def test_big_customer_risks_lesson_measures_are_right(world):
    e = X.BigCustomerRisks(world)
    sol = e.solution()
    # the lessons the data is built to show: the big pay later, get deeper discounts, more bad debt
    for o in ("payment days (财务风险)", "discount rate (利润风险)", "bad debt per customer (财务风险)"):
        assert o in sol
    fb = e.check(sol[:2])
    assert not fb.correct and 0 < fb.score < 1


def test_big_customer_risks_churn_explanation_points_to_firm_size(world):
    e = X.BigCustomerRisks(world)
    o = "share of customers who churned"
    size = S.big_customer_risks(world).set_index("measure").loc["churn rate"]
    assert size["big"] > size["rest"]  # the lesson: the biggest firms churn more
    text = e.explanations()[o]
    if o in e.solution():
        assert text.startswith("Higher")
    else:  # ranked by revenue the churners sink; the feedback must say so and show the size view
        assert "firm size" in text and f"{size['big']:.1%}" in text and f"{size['rest']:.1%}" in text
        fb = e.check(e.solution() + [o])
        assert not fb.correct


def test_segment_fit_order(world):
    e = X.SegmentFitOrder(world)
    fit = S.segment_fit(world.perceptions, world.customers)
    assert e.solution() == list(fit.index)
    fb = e.check(list(reversed(e.solution())))
    assert not fb.correct and fb.score == 0
