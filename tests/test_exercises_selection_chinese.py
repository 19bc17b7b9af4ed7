"""Chapter 1's exercises in Chinese: options, prompts and feedback in Chinese, answered in Chinese.

The options a student sees in the Chinese course are the ones it answers with; the right one
passes and a wrong one gets Chinese feedback, and an answer typed from the English course gets
feedback, never an exception.
"""

from __future__ import annotations

import re

import pytest

import casekit as ck
import casekit.exercises as ex

IDS = ["selection.why_select", "selection.bad_trait", "selection.scorecard_weights",
       "selection.delivered_value_by_hand", "selection.screening_decision",
       "selection.big_customer_risks", "selection.segment_fit_order"]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def world():
    return ck.world(seed=1, n_customers=700)


@pytest.fixture
def chinese():
    ck.set_language("zh")
    yield
    ck.set_language("en")


@pytest.mark.parametrize("eid", IDS)
def test_answered_in_chinese(world, chinese, eid):
    e = ex.make(eid, world)
    assert CJK.search(ck.words(e.title)) and CJK.search(e.prompt)
    right = e.solution()
    fb = e.check(right)
    assert fb.correct, fb
    assert CJK.search(fb.message)
    if hasattr(e, "options"):
        shown = e.options()
        assert all(CJK.search(o) for o in shown), shown
        picks = right if isinstance(right, list) else [right]
        assert set(picks) <= set(shown)
        wrong = [o for o in shown if o not in picks]
        if wrong:
            bad = e.check([wrong[0]] if isinstance(right, list) else wrong[0])
            assert not bad.correct and CJK.search(bad.message)
    typed = e.check("keep (保留)")  # the English course's text, typed into the Chinese one
    assert not typed.correct or eid == "selection.screening_decision"


def test_english_unchanged(world):
    ck.set_language("en")
    e = ex.make("selection.screening_decision", world)
    assert e.options() == ["keep (保留)", "watch (观察)", "drop (淘汰)"]
    assert e.prompt.startswith("It is the end of 2025. Customer **")
