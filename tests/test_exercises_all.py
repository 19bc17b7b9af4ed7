"""Every exercise in the catalog, headless: its own solution passes, wrong and malformed answers
get incorrect Feedback without raising, known mistakes are named, and the widget driven through
its ``.value`` and Check button agrees with ``check``.

New exercises are picked up from ``casekit.exercises.catalog()`` automatically.
"""

from __future__ import annotations

import functools
import math

import pytest

import casekit as ck
from casekit.exercises import (
    ChoiceExercise,
    ExploreExercise,
    Feedback,
    MultiChoiceExercise,
    NumericExercise,
    OrderingExercise,
    catalog,
    make,
)

CATALOG = catalog()
IDS = list(CATALOG["id"])
#: The shipped world and two small ones on other seeds.
WORLDS = [(0, 2000), (1, 500), (3, 500)]

MALFORMED = [None, "", "   ", "I don't know", "¯\\_(ツ)_/¯", -1, 12345.678, True, [], [None, None],
             {"answer": 1}, object(), float("nan"), float("inf"), b"\x00", ("a", "b", "c")]


@functools.cache
def _world(seed, n):
    return ck.world(seed=seed, n_customers=n)


@functools.cache
def _exercise(ex_id, seed, n):
    return make(ex_id, world=_world(seed, n))


def _same(answer, solution) -> bool:
    try:
        return answer == solution or (isinstance(solution, float) and math.isclose(answer, solution))
    except TypeError:
        return False


def test_every_chapter_has_four_exercises_of_three_kinds():
    chapters = CATALOG[CATALOG["chapter"] > 0].groupby("chapter")
    assert (chapters.size() >= 4).all(), chapters.size()
    assert (chapters["kind"].nunique() >= 3).all(), chapters["kind"].nunique()


def test_catalog_is_well_formed():
    assert list(CATALOG.columns) == ["id", "chapter", "title", "kind"]
    assert CATALOG["id"].is_unique and len(CATALOG) >= 5
    assert set(CATALOG["kind"]) >= {"choice", "multichoice", "numeric", "ordering", "explore"}
    assert CATALOG.equals(CATALOG.sort_values(["chapter", "id"]).reset_index(drop=True))


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
@pytest.mark.parametrize("ex_id", IDS)
def test_solution_is_correct(ex_id, world):
    ex = _exercise(ex_id, *world)
    assert ex.id == ex_id and ex.title and ex.prompt.strip()
    solution = ex.solution()
    fb = ex.check(solution)
    assert isinstance(fb, Feedback) and fb.correct and fb.score == 1.0, fb
    assert fb.message.strip()


@pytest.mark.parametrize("ex_id", IDS)
def test_malformed_answers_get_feedback(ex_id):
    ex = _exercise(ex_id, *WORLDS[0])
    solution = ex.solution()
    for answer in MALFORMED:
        if _same(answer, solution):
            continue
        fb = ex.check(answer)
        assert isinstance(fb, Feedback), answer
        assert not fb.correct and fb.score < 1, (answer, fb)
        assert fb.message.strip() and "Could not check" not in fb.message, (answer, fb)


def _wrong_answers(ex):
    """Known-wrong answers for each kind, with the score range they must get."""
    solution = ex.solution()
    if isinstance(ex, NumericExercise):
        tol = ex.tolerance()
        far = solution + 10 * tol + (0.1 if ex.unit == "share" else abs(solution) * 0.5 + 1)
        yield far, (0, 0.5)
        for m in ex.misconceptions():
            if abs(float(m.value) - solution) > tol:
                yield m.value, (0, 0)
    elif isinstance(ex, (ChoiceExercise, ExploreExercise)):
        for option in ex.options():
            if option != solution:
                yield option, (0, 0)
    elif isinstance(ex, MultiChoiceExercise):
        wrong = [o for o in ex.options() if o not in solution]
        if len(solution) > 1:
            yield solution[:-1], (0.01, 0.99)
        for o in wrong:
            yield [*solution, o], (0.0, 0.99)
            yield [o], (0, 0)
    elif isinstance(ex, OrderingExercise):
        yield list(reversed(solution)), (0, 0)
        yield [solution[1], solution[0], *solution[2:]], (0.5, 0.99)
    elif ex.kind == "sql":  # casekit.exercises.sql: each known mistake is a wrong query
        for m in ex.mistakes():
            yield m.value, (0, 0.5)


@pytest.mark.parametrize("ex_id", IDS)
def test_wrong_answers_fail_and_say_why(ex_id):
    ex = _exercise(ex_id, *WORLDS[0])
    wrong = list(_wrong_answers(ex))
    assert wrong, "no wrong answer to try"
    for answer, (low, high) in wrong:
        fb = ex.check(answer)
        assert not fb.correct and low <= fb.score <= high, (answer, fb)
        assert len(fb.message) > 20, (answer, fb)


@pytest.mark.parametrize("ex_id", IDS)
def test_feedback_teaches(ex_id):
    """Every wrong option is explained; numeric mistakes are named."""
    ex = _exercise(ex_id, *WORLDS[0])
    if isinstance(ex, (ChoiceExercise, MultiChoiceExercise)):
        why = ex.explanations()
        missing = [o for o in ex.options() if not str(why.get(o, "")).strip()]
        assert not missing, f"options without an explanation: {missing}"
    if isinstance(ex, NumericExercise):
        named = [m for m in ex.misconceptions()
                 if abs(float(m.value) - ex.solution()) > ex.tolerance()]
        assert named, "a numeric exercise should name at least one misconception"
        for m in named:
            fb = ex.check(m.value)
            same = {o.name for o in named if float(o.value) == float(m.value)}
            assert fb.misconception in same and fb.misconception in fb.message, (m, fb)


@pytest.mark.parametrize("ex_id", IDS)
def test_widget_agrees_with_check(ex_id, progress_file):
    ex = _exercise(ex_id, *WORLDS[0])
    view = ex.widget()
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and ex_id in bundle["text/plain"]
    answers = [ex.solution()] + [a for a, _ in _wrong_answers(ex)][:3]
    for answer in answers:
        view.set_answer(answer)
        view.check_button.click()
        expected = ex.check(view.answer())  # what the widget holds, e.g. a number as text
        assert view.last_feedback == expected, answer
        assert view.feedback.value == expected._repr_html_()
        assert expected.correct == ex.check(answer).correct == _same(answer, ex.solution())
    # an empty widget gets feedback too
    empty = make(ex_id, world=_world(*WORLDS[0])).widget()
    empty.check_button.click()
    assert empty.last_feedback is not None and not empty.last_feedback.correct
    # the answers were recorded, and a new widget brings the last one back
    assert ex.widget().answer() == view.answer()


@pytest.mark.parametrize("ex_id", [i for i, k in zip(IDS, CATALOG["kind"]) if k == "explore"])
def test_explore_controls_redraw(ex_id, progress_file):
    ex = _exercise(ex_id, *WORLDS[0])
    view = ex.widget()
    for name, control in view.controls.items():
        values = getattr(control, "options", None)
        if values:
            values = [v[1] if isinstance(v, tuple) else v for v in values]
        else:
            values = [control.min, control.max, control.value]
        for v in values:
            control.value = v
            kinds = [set(o.get("data", {})) for o in view.output.outputs]
            assert any("image/png" in k for k in kinds), (name, v, view.output.outputs)
            assert not any(o.get("output_type") == "stream" for o in view.output.outputs), \
                view.output.outputs
        assert view.feedback.value == ""
