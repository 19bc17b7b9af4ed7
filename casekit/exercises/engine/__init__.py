"""The exercise engine: one protocol for every exercise in the kit.

An exercise is built from data (a :class:`casekit` world), shows a widget when it is the last
thing in a notebook cell, checks an answer and computes its own solution::

    ex = casekit.exercises.make("intro.top_customers_share")
    ex                      # in a notebook: the question, inputs, a Check button, feedback
    ex.check("62%")         # Feedback(correct=..., score=..., message=...)
    ex.solution()           # the right answer, computed from the data

:meth:`Exercise.check` never raises: an empty, malformed or out-of-range answer gets a
:class:`Feedback` that says what was expected.  Wrong answers that match a known misconception
(revenue taken for profit, a share on the wrong base, the first purchase counted as a repeat)
are named in the feedback.

Five kinds cover the course:

=========================  ===================================================================
:class:`ChoiceExercise`    choose one option; each wrong option explains its misconception
:class:`MultiChoiceExercise` choose all that apply; partial credit = (hits − false picks) / n
:class:`NumericExercise`   a number within a tolerance; accepts ``"62%"``, ``"0.62"``, ``"1,234.5"``
:class:`OrderingExercise`  put items in order; partial credit = share of pairs in the right order
:class:`ExploreExercise`   controls that redraw a chart and a table, then a question about them
=========================  ===================================================================

A chapter module defines a subclass and registers it with :func:`register`; the catalog
(:func:`catalog`, :func:`make`) then finds it.

Examples
--------
>>> class Capital(ChoiceExercise):
...     prompt = "Which city is the capital of France?"
...     def options(self):
...         return ["Lyon", "Paris"]
...     def solution(self):
...         return "Paris"
...     def explanations(self):
...         return {"Lyon": "Lyon is the second city.", "Paris": "Paris is the capital."}
>>> ex = Capital(world=object())
>>> ex.check("paris")
Feedback(correct=True, score=1.0, message='Paris is the capital.', misconception=None)
>>> ex.check(42).correct
False
"""

from __future__ import annotations

from .base import KIND_LABELS, Exercise
from .explore import ExploreExercise
from .feedback import Feedback, Misconception
from .kinds import ChoiceExercise, MultiChoiceExercise, NumericExercise, OrderingExercise
from .parsing import BadAnswer, parse_number
from .registry import CHAPTERS, catalog, make, progress, register
from .views import ExerciseView
from .words import article, plural, with_article

__all__ = [
    "CHAPTERS",
    "ChoiceExercise",
    "Exercise",
    "ExerciseView",
    "ExploreExercise",
    "Feedback",
    "Misconception",
    "MultiChoiceExercise",
    "NumericExercise",
    "OrderingExercise",
    "catalog",
    "make",
    "parse_number",
    "progress",
    "register",
    "article",
    "plural",
    "with_article",
]
