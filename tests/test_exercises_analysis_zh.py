"""Chapter 5's exercises in Chinese: options, prompts and feedback in Chinese, and answering by
the options as shown still works (the SQL checker's feedback too)."""

from __future__ import annotations

import re

import pytest

import casekit as ck
import casekit.exercises  # noqa: F401  (registers the exercises)

CHOICES = ["analysis.card_sections", "analysis.stop_trade", "analysis.pick_route",
           "analysis.cover_explorer", "analysis.management_principles", "analysis.crm_statements"]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def world():
    return ck.world(seed=0, n_customers=2000)


@pytest.fixture()
def zh():
    ck.set_language("zh")
    yield
    ck.set_language("en")


@pytest.mark.parametrize("eid", CHOICES)
def test_choice_exercises_answer_in_chinese(world, zh, eid):
    ex = ck.exercises.make(eid, world)
    options = ex.options()
    assert all(HAN.search(o) or re.fullmatch(r"[A-Za-z]+-\d+", o) for o in options), options
    right = ex.check(ex.solution())
    assert right.correct and HAN.search(right.message), right.message
    wrong = next(o for o in options if o not in (ex.solution() if isinstance(ex.solution(), list)
                                                 else [ex.solution()]))
    fb = ex.check([wrong] if isinstance(ex.solution(), list) else wrong)
    assert not fb.correct and HAN.search(fb.message), fb.message


def test_ordering_and_numeric_feedback_in_chinese(world, zh):
    stages = ck.exercises.make("analysis.database_stages", world)
    assert stages.check(stages.solution()).correct
    assert all(HAN.search(s) for s in stages.solution())
    cross = ck.exercises.make("analysis.cross_ratio", world)
    turnover_alone = next(m for m in cross.misconceptions() if m.value != cross.solution())
    fb = cross.check(f"{turnover_alone.value:.2f}")
    assert not fb.correct and HAN.search(fb.message), fb.message


def test_sql_feedback_in_chinese(world, zh):
    ex = ck.exercises.make("analysis.sql_top_margin", world)
    assert HAN.search(ck.words(ex.prompt))
    assert ex.check(ex.solution()).correct
    for answer in ("", "DELETE FROM customers", "SELECT nothing FROM customers"):
        fb = ex.check(answer)
        assert not fb.correct and HAN.search(fb.message), fb.message


def test_english_is_unchanged(world):
    ck.set_language("en")
    ex = ck.exercises.make("analysis.stop_trade", world)
    assert all(o.startswith("customer ") for o in ex.options())
    assert not HAN.search(ex.check([]).message)
