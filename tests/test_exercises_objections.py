"""Chapter 3 exercises: each one's own solution is right (on several worlds), and known-wrong
answers fail with the misconception named in the feedback."""

from __future__ import annotations

import functools
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import catalogue, terms
from casekit import objections as ob
from casekit import roleplay as rpm
from casekit.exercises import catalog, make
from casekit.exercises import objections as X

from . import lessons as L

WORLDS = [(0, 2000), (1, 500), (2, 300), (5, 500)]
IDS = [i for i, ch in zip(catalog()["id"], catalog()["chapter"]) if ch == 3]


@functools.cache
def _world(seed, n):
    return ck.world(seed=seed, n_customers=n)


def _one_statement_world(statement: str, seed: int = 0):
    cat = catalogue.objections()
    return SimpleNamespace(seed=seed, objections=cat[cat["statement"] == statement])


def test_chapter_has_enough_exercises_of_enough_kinds():
    cat = catalog()
    mine = cat[cat["chapter"] == 3]
    assert len(mine) >= 4 and mine["kind"].nunique() >= 3
    for ex_id in mine["id"]:
        assert make(ex_id).id == ex_id


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
@pytest.mark.parametrize("ex_id", IDS)
def test_own_solution_is_correct(ex_id, world):
    ex = make(ex_id, world=_world(*world))
    fb = ex.check(ex.solution())
    assert fb.correct and fb.score == 1.0, fb


def test_classify_statement_answer_is_the_catalogue_type():
    for seed, n in WORLDS:
        ex = make("objections.classify_statement", world=_world(seed, n))
        row = ex._row()
        assert ex.solution() == f"{row['type']} ({terms.chinese(terms.OBJECTION_TYPES, row['type'])})"
        assert row["statement"] in ex.prompt


def test_classify_statement_names_the_price_financial_mixup():
    ex = X.ClassifyStatement(world=_one_statement_world("Our cash is tight at the moment."))
    assert ex.solution() == "financial (财力异议)"
    fb = ex.check("price (价格异议)")
    assert not fb.correct and "price vs financial" in fb.message
    fb = ex.check("authority")
    assert not fb.correct and "Not this one" in fb.message


def test_best_method_explains_fitting_and_poor_choices():
    ex = X.BestMethod(world=_one_statement_world("Your machine breaks down too often."))
    assert ex.solution() == "direct denial (直接否定法)"
    fits = ex.check("questioning (询问法)")
    assert not fits.correct and "would work, but it is not the best" in fits.message
    brush = ex.check("ignoring (忽视法)")
    assert not brush.correct and "treat objections as buying signals" in brush.message
    assert ex.check("direct denial (直接否定法)").correct


def test_best_method_on_every_world_matches_catalogue():
    for seed, n in WORLDS:
        ex = make("objections.best_method", world=_world(seed, n))
        assert ex.solution().startswith(str(ex._row()["best_method"]))


@pytest.mark.parametrize("k", range(len(X._REPLIES)))
def test_principles_broken_every_reply_breaks_something(k):
    oid, reply = X._REPLIES[k]
    row = catalogue.objections().set_index("objection_id").loc[oid]
    broken = ob.score_response(row, reply).broken
    assert broken, reply
    assert "prepare in advance" not in broken


def test_principles_broken_wrong_pick_is_explained():
    ex = make("objections.principles_broken", world=_world(0, 2000))
    solution = ex.solution()
    fb = ex.check([*solution, "prepare in advance (事前做好准备)"])
    assert not fb.correct and "Preparation happens before the visit" in fb.message
    if len(solution) > 1:
        partial = ex.check(solution[:1])
        assert 0 < partial.score < 1 and "more appl" in partial.message


def test_complaint_steps_follow_the_six_stages():
    ex = make("objections.complaint_steps", world=_world(0, 2000))
    stages = [stage for _, stage in ex._actions()]
    assert stages == list(terms.english(terms.COMPLAINT_STAGES))
    solution = ex.solution()
    swapped = [solution[3], *solution[:3], *solution[4:]]  # tell the customer before listening
    fb = ex.check(swapped)
    assert not fb.correct and "listen to the complaint" in fb.message
    assert ex.check(list(reversed(solution))).score == 0


def test_first_cause_to_fix_counts_complaints_not_money():
    for seed, n in WORLDS:
        w = _world(seed, n)
        ex = make("objections.first_cause_to_fix", world=w)
        top = w.complaints["category"].astype(str).value_counts().index[0]
        assert ex.solution().startswith(top)
    # a world where the most frequent cause is not the one with the most money claimed
    cp = pd.DataFrame({"category": ["billing error"] * 5 + ["wrong item"] * 2,
                       "is_claim": [False] * 5 + [True] * 2,
                       "claim_amount": [0.0] * 5 + [900.0, 700.0]})
    ex = X.FirstCauseToFix(world=SimpleNamespace(seed=0, complaints=cp))
    assert ex.solution() == "billing error (账单错误)"
    fb = ex.check("wrong item (发错货)")
    assert not fb.correct and "amount claimed" in fb.message
    _, table = ex.explore(measure="claim_amount", cutoff=0.5)
    assert table["cause"].iloc[0] == "wrong item"


def test_silent_churn_solution_and_named_mistakes():
    for seed, n in WORLDS:
        w = _world(seed, n)
        ex = make("objections.silent_churn", world=w)
        assert np.isclose(ex.solution(), L.silent_churn(w)[0])
    ex = make("objections.silent_churn", world=_world(0, 2000))
    overall = float(_world(0, 2000).customers["churned"].mean())
    fb = ex.check(overall)
    assert not fb.correct and fb.misconception == "the churn rate of all customers"
    resolved = L.silent_churn(_world(0, 2000))[1]
    fb = ex.check(resolved)
    assert fb.misconception == "the wrong group: complaints all resolved"
    assert ex.check(f"{ex.solution() * 100:.1f}%").correct


def test_roleplay_plan_only_the_solution_sells():
    for seed, n in WORLDS:
        ex = make("objections.roleplay_plan", world=_world(seed, n))
        options = ex.options()
        assert ex.solution() in options and len(options) >= 3
        for option in options:
            rp = ex.roleplay()
            last = rp.play(option.split(" → "))
            assert (last.status == "sale") == (option == ex.solution()), (seed, option)
        wrong = next(o for o in options if o != ex.solution())
        fb = ex.check(wrong)
        assert not fb.correct and "Loss" in fb.message and "This plan is" in fb.message


def test_roleplay_plan_scenario_follows_the_seed():
    keys = [make("objections.roleplay_plan", world=_world(s, 300)).roleplay().scenario.key
            for s in range(len(rpm.SCENARIOS))]
    assert sorted(keys) == sorted(rpm.SCENARIOS)
