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

import base64
import html
import importlib
import io
import itertools
import math
import random
import re
from dataclasses import dataclass

import ipywidgets as W
import pandas as pd

from casekit.classroom import mode as _mode

from . import store as _progress

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
]

#: Chapter exercise modules, in course order; :func:`catalog` imports those that exist.
CHAPTERS = ("intro", "selection", "development", "objections", "tiering", "analysis", "retention")

KIND_LABELS = {
    "choice": "choose one",
    "multichoice": "choose all that apply",
    "numeric": "type a number",
    "ordering": "put in order",
    "explore": "explore, then choose one",
}

_COLOURS = {  # (border, background) for correct, partly right, not yet, neutral note
    "correct": ("#2e7d32", "#edf7ee"),
    "partial": ("#b26a00", "#fff5e0"),
    "wrong": ("#c62828", "#fdecea"),
    "note": ("#607d8b", "#f3f5f7"),
}


# --------------------------------------------------------------------------------------------
# Feedback
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    Attributes
    ----------
    correct : bool
        The answer is right.
    score : float
        Credit between 0 and 1 (partial credit for partly right answers).
    message : str
        Why, in the course's terms.
    misconception : str or None
        The name of the known mistake the answer matches, if any.

    Examples
    --------
    >>> print(Feedback(False, 0.5, "Two of four right."))
    Partly right (score 50%): Two of four right.
    """

    correct: bool
    score: float
    message: str
    misconception: str | None = None

    def __post_init__(self):
        try:
            score = float(self.score)
        except (TypeError, ValueError):
            score = 0.0
        if not math.isfinite(score):
            score = 0.0
        object.__setattr__(self, "score", min(1.0, max(0.0, score)))
        object.__setattr__(self, "correct", bool(self.correct))
        object.__setattr__(self, "message", str(self.message))

    @property
    def status(self) -> str:
        """``"correct"``, ``"partial"`` or ``"wrong"``."""
        if self.correct:
            return "correct"
        return "partial" if self.score > 0 else "wrong"

    def _headline(self) -> str:
        return {"correct": "Correct", "partial": "Partly right", "wrong": "Not yet"}[self.status]

    def __str__(self) -> str:
        return f"{self._headline()} (score {self.score:.0%}): {self.message}"

    def _repr_html_(self) -> str:
        icon = {"correct": "✔", "partial": "◐", "wrong": "✘"}[self.status]
        return _box(f"<b>{icon} {self._headline()}</b> · score {self.score:.0%}<br>"
                    f"{_text_html(self.message)}", self.status)


@dataclass(frozen=True)
class Misconception:
    """A known wrong answer: its name, its value on the data, and why it is wrong."""

    name: str
    value: object
    why: str


def _text_html(text: str) -> str:
    """Escape text for HTML; blank lines become paragraphs, newlines line breaks, `x` code."""
    out = html.escape(str(text))
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", out)
    return out.replace("\n\n", "<br><br>").replace("\n", "<br>")


def _box(inner: str, status: str) -> str:
    border, background = _COLOURS[status]
    return (f'<div class="casekit-feedback" style="border-left:4px solid {border};'
            f"background:{background};color:#1a1a1a;padding:6px 10px;margin:4px 0;"
            f'line-height:1.45">{inner}</div>')


def _norm(text) -> str:
    return " ".join(str(text).split()).casefold()


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

class BadAnswer(ValueError):
    """An answer that cannot be read; its message tells the student what was expected."""


_CURRENCY = re.compile(r"^(cny|rmb|usd|eur|[¥$€£])\s*|\s*(cny|rmb|yuan|元|usd|eur|[¥$€£])$", re.IGNORECASE)


def parse_number(answer) -> tuple[float, bool]:
    """Read a typed number: returns ``(value, was_percent)``.

    Accepts numbers and strings such as ``"0.62"``, ``"62%"``, ``"1,234.5"``, ``"CNY 1,234"``,
    ``"-3"`` and ``"1e6"``.  Raises :class:`BadAnswer` with a helpful message otherwise.

    Examples
    --------
    >>> parse_number("62%")
    (0.62, True)
    >>> parse_number(" 1,234.5 ")
    (1234.5, False)
    >>> parse_number("about half")
    Traceback (most recent call last):
    ...
    casekit.exercises.engine.BadAnswer: 'about half' is not a number; type digits such as 0.62, 62% or 1,234.5.
    """
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        raise BadAnswer("No answer yet: type a number.")
    if isinstance(answer, bool):
        raise BadAnswer(f"{answer!r} is a yes/no value, not a number.")
    if isinstance(answer, (int, float)) or (hasattr(answer, "dtype") and getattr(answer, "ndim", 1) == 0):
        try:
            value = float(answer)
        except (TypeError, ValueError):
            raise BadAnswer(f"{answer!r} is not a number.") from None
        if not math.isfinite(value):
            raise BadAnswer(f"{answer!r} is not a finite number.")
        return value, False
    if not isinstance(answer, str):
        raise BadAnswer(f"Expected a single number, got {type(answer).__name__} {answer!r}.")
    text = answer.strip().replace("\u2212", "-").replace("％", "%")
    text = re.sub(r"[\s\u00a0\u2009\u202f_']", "", text)
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    text = _CURRENCY.sub("", text)
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", text):
        text = text.replace(",", "")
    elif "," in text:
        raise BadAnswer(f"{answer!r}: write decimals with a point (0.62), not a comma, and "
                        "thousands as 1,234.")
    try:
        value = float(text)
    except ValueError:
        raise BadAnswer(f"{answer!r} is not a number; type digits such as 0.62, 62% or "
                        "1,234.5.") from None
    if not math.isfinite(value):
        raise BadAnswer(f"{answer!r} is not a finite number.")
    return (value / 100.0 if percent else value), percent


def _fmt(value: float, unit: str, decimals: int | None = None) -> str:
    """A value for a sentence: 62.3%, CNY 1,234, 3.5 days."""
    if unit == "share":
        d = 1 if decimals is None else decimals
        return f"{value * 100:,.{d}f}%"
    d = (0 if abs(value) >= 100 else 2) if decimals is None else decimals
    number = f"{value:,.{d}f}"
    if unit in ("CNY", "money"):
        return f"CNY {number}"
    return f"{number} {unit}".strip()


# --------------------------------------------------------------------------------------------
# Base class and its widget view
# --------------------------------------------------------------------------------------------

class Exercise:
    """Base of every exercise.

    Subclasses set :attr:`prompt` (plain text; `code` and **bold** allowed) and implement
    :meth:`solution` and ``_check(answer) -> Feedback``; the kind classes below do the checking,
    so a chapter exercise only says what the options or the right value are, computed from
    ``self.world``.

    Parameters
    ----------
    world : casekit World, optional
        The data to build the exercise from; ``None`` means the default world ``casekit.world()``.
    """

    id: str = ""
    chapter: int = -1
    title: str = ""
    kind: str = "exercise"
    prompt: str = ""
    #: A nudge shown after a wrong answer.
    hint: str = ""

    def __init__(self, world=None):
        self._world = world

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _mode.guard_class(cls)  # solution() declines for students in assess mode

    @property
    def world(self):
        """The data the exercise is built from (the default world unless one was given)."""
        if self._world is None:
            import casekit
            self._world = casekit.world()
        return self._world

    # -- the protocol -----------------------------------------------------------------------
    def solution(self):
        """The right answer, computed from the data."""
        raise NotImplementedError

    def _check(self, answer) -> Feedback:
        raise NotImplementedError

    def check(self, answer, *, record: bool = False) -> Feedback:
        """Check an answer; never raises.

        ``record=True`` also saves the attempt to the progress file (the widget's Check button
        does this; plain calls in code do not).  In assess mode the verdict is withheld.
        """
        feedback = self._verdict(answer)
        if record:
            self._record(answer, feedback)
        return _mode.shown(feedback)

    def _verdict(self, answer) -> Feedback:
        """The true verdict on an answer (what is recorded and graded); never raises."""
        refused = _progress.screen(answer)
        if refused:
            return Feedback(False, 0.0, refused)
        try:
            feedback = self._check(answer)
            if not isinstance(feedback, Feedback):
                raise TypeError(f"the checker returned {type(feedback).__name__}, not Feedback")
        except BadAnswer as exc:
            feedback = Feedback(False, 0.0, str(exc))
        except Exception as exc:  # noqa: BLE001 - a student never sees a traceback
            feedback = _progress.unreadable_answer(answer, exc)
        return _progress.clip(feedback)

    def _record(self, answer, feedback: Feedback) -> str | None:
        """Save an attempt; returns an error message instead of raising."""
        return _progress.record_attempt(self, answer, feedback)

    # -- display ----------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id or '(unregistered)'}: {self.title}>"

    def _plain_text(self) -> str:
        label = KIND_LABELS.get(self.kind, self.kind)
        title = self.title.rstrip()
        end = "" if title.endswith(("?", ".", "!")) else "."
        return (f"Exercise {self.id or type(self).__name__} ({label}): {title}{end} "
                "Run this cell to answer it here.")

    def _header_html(self) -> str:
        label = KIND_LABELS.get(self.kind, self.kind)
        return (f'<div class="casekit-question" style="line-height:1.45">'
                f'<div style="font-size:1.1em"><b>{html.escape(self.title)}</b> '
                f'<span style="color:#666;font-size:0.85em">· {html.escape(label)} · '
                f'<code>{html.escape(self.id)}</code></span></div>'
                f"<p>{_text_html(self.prompt)}</p></div>")

    def widget(self) -> ExerciseView:
        """A fresh ipywidgets view of the exercise, with the student's last answer restored."""
        return ExerciseView(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget()._repr_mimebundle_()
        bundle["text/plain"] = self._plain_text()
        return bundle

    # -- widget parts (overridden by each kind) ---------------------------------------------
    def _inputs(self):
        """The input widgets (a list)."""
        raise NotImplementedError

    def _read(self, inputs):
        """The answer currently in the inputs."""
        raise NotImplementedError

    def _write(self, inputs, answer) -> None:
        """Put an answer into the inputs (raises if it does not fit)."""
        raise NotImplementedError

    def data(self) -> pd.DataFrame | None:
        """A small table the question is about, shown under it (``None``: no table)."""
        return None

    def _extra(self, view) -> list:
        """Widgets shown between the question and the inputs (a table, charts, controls)."""
        table = self.data()
        return [] if table is None else [W.HTML(_table_html(table))]


class ExerciseView(W.VBox):
    """The widget of an exercise: question, inputs, a Check button and a feedback area.

    ``view.set_answer(a)`` puts an answer into the inputs (by setting their ``.value``),
    ``view.answer()`` reads it back, ``view.check()`` presses Check, and
    ``view.feedback.value`` holds the feedback HTML; ``view.last_feedback`` the Feedback.
    """

    def __init__(self, exercise: Exercise):
        self.exercise = exercise
        self.last_feedback: Feedback | None = None
        self.header = W.HTML(exercise._header_html())
        self.feedback = W.HTML("")
        self.inputs = list(exercise._inputs())
        self.check_button = W.Button(description="Check", button_style="primary",
                                     icon="check", tooltip="Check your answer")
        extra = list(exercise._extra(self))
        super().__init__(children=[self.header, *extra, *self.inputs,
                                   self.check_button, self.feedback],
                         layout=W.Layout(border="1px solid #d0d7de", padding="6px 12px",
                                         margin="6px 0", max_width="900px"))
        self.add_class("casekit-exercise")
        self._restore()
        for w in self.inputs:
            for leaf in _leaves(w):
                if "value" in leaf.trait_names() and not isinstance(leaf, (W.HTML, W.Label)):
                    leaf.observe(self._on_change, names="value")
        self.check_button.on_click(self._on_check)

    # reading and writing answers
    def answer(self):
        return self.exercise._read(self.inputs)

    def set_answer(self, answer) -> None:
        self.exercise._write(self.inputs, answer)

    def check(self) -> Feedback | None:
        self.check_button.click()
        return self.last_feedback

    # callbacks: never raise, show every problem in the feedback area
    def _on_check(self, _button=None):
        try:
            answer = self.answer()
            feedback = self.exercise._verdict(answer)
            problem = self.exercise._record(answer, feedback)
            self.last_feedback = _mode.shown(feedback)
            self.feedback.value = _mode.feedback_html(feedback, problem)
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)

    def _on_change(self, _change=None):
        try:
            if self.feedback.value:
                self.feedback.value = ""
        except Exception:  # noqa: BLE001 - clearing is cosmetic
            pass

    def show_error(self, exc: BaseException) -> None:
        self.last_feedback = Feedback(False, 0.0, f"Something went wrong: "
                                                   f"{type(exc).__name__}: {exc}")
        try:
            self.feedback.value = self.last_feedback._repr_html_()
        except Exception:  # noqa: BLE001
            pass

    def _restore(self):
        try:
            last = _progress.restore(self.exercise)  # the answer given on this world only
        except Exception:  # noqa: BLE001 - a missing or odd file just means no answer
            return
        if last is None:
            return
        try:
            self.set_answer(last)
        except Exception:  # noqa: BLE001 - an answer that no longer fits is dropped
            return
        self.feedback.value = _box(_text_html(
            "Your last answer is back from your progress file. Press Check to see its "
            "feedback again."), "note")


def _leaves(widget):
    children = getattr(widget, "children", None)
    if children:
        for child in children:
            yield from _leaves(child)
    else:
        yield widget


def _wide():
    return {"layout": W.Layout(width="auto", max_width="860px"),
            "style": {"description_width": "initial"}}


# --------------------------------------------------------------------------------------------
# Choose one
# --------------------------------------------------------------------------------------------

class ChoiceExercise(Exercise):
    """Choose one option.

    Implement :meth:`options`, :meth:`solution` (one of the options) and :meth:`explanations`
    (option → why it is right or wrong; for a wrong option, name the misconception).
    """

    kind = "choice"

    def options(self) -> list[str]:
        raise NotImplementedError

    def explanations(self) -> dict[str, str]:
        return {}

    def _match(self, answer, options):
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            raise BadAnswer("No answer yet: pick one of the options.")
        if isinstance(answer, (list, tuple)) and len(answer) == 1:
            answer = answer[0]
        if not isinstance(answer, str):
            raise BadAnswer(f"Pick exactly one option by its text; got {answer!r}. The options "
                            f"are: {', '.join(options)}.")
        by_norm = {_norm(o): o for o in options}
        found = by_norm.get(_norm(answer))
        if found is None:
            raise BadAnswer(f"{answer!r} is not one of the options: {', '.join(options)}.")
        return found

    def _check(self, answer) -> Feedback:
        options = [str(o) for o in self.options()]
        picked = self._match(answer, options)
        right = self.solution()
        why = self.explanations()
        if picked == right:
            return Feedback(True, 1.0, why.get(right, "") or f"“{right}” is right.")
        parts = ["Not this one.", why.get(picked, ""), self.hint]
        return Feedback(False, 0.0, " ".join(p for p in parts if p))

    def _inputs(self):
        return [W.RadioButtons(options=[str(o) for o in self.options()], index=None, **_wide())]

    def _read(self, inputs):
        return inputs[-1].value

    def _write(self, inputs, answer):
        inputs[-1].value = self._match(answer, list(inputs[-1].options))


# --------------------------------------------------------------------------------------------
# Choose many
# --------------------------------------------------------------------------------------------

class MultiChoiceExercise(Exercise):
    """Choose all options that apply.

    Implement :meth:`options`, :meth:`solution` (the list of right options) and
    :meth:`explanations`.  Score = (right picks − wrong picks) / number of right options,
    never below 0.
    """

    kind = "multichoice"

    def options(self) -> list[str]:
        raise NotImplementedError

    def explanations(self) -> dict[str, str]:
        return {}

    def _picks(self, answer, options) -> list[str]:
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return []
        by_norm = {_norm(o): o for o in options}
        if isinstance(answer, str):
            if _norm(answer) in by_norm:
                items = [answer]
            else:
                items = [a for a in re.split(r"[;\n,]", answer) if a.strip()]
        elif isinstance(answer, (list, tuple, set, frozenset, pd.Series)):
            items = list(answer)
        else:
            raise BadAnswer(f"Pick the options that apply, as a list of their texts; got "
                            f"{answer!r}.")
        picked, unknown = [], []
        for item in items:
            if not isinstance(item, str):
                unknown.append(repr(item))
                continue
            found = by_norm.get(_norm(item))
            (picked if found else unknown).append(found or repr(item))
        if unknown:
            raise BadAnswer(f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not "
                            f"among the options: {', '.join(options)}.")
        return [o for o in options if o in set(picked)]  # option order, no repeats

    def _check(self, answer) -> Feedback:
        options = [str(o) for o in self.options()]
        picked = set(self._picks(answer, options))
        if not picked:
            return Feedback(False, 0.0, "No option picked yet: tick every option that applies.")
        right = set(self.solution())
        hits, false = picked & right, picked - right
        missed = right - picked
        score = max(0.0, (len(hits) - len(false)) / len(right)) if right else 0.0
        why = self.explanations()
        if not false and not missed:
            reasons = [why[o] for o in options if o in right and why.get(o)]
            return Feedback(True, 1.0, " ".join(["All of them and nothing else.", *reasons]))
        parts = [f"You found {len(hits)} of the {len(right)} that apply"
                 + (f" and picked {len(false)} that {'does' if len(false) == 1 else 'do'} not."
                    if false else ".")]
        for o in options:
            if o in false:
                parts.append(f"Not “{o}”: {why.get(o, 'it does not apply here.')}")
        if missed:
            parts.append(f"{len(missed)} more {'applies' if len(missed) == 1 else 'apply'}.")
        if self.hint:
            parts.append(self.hint)
        return Feedback(False, score, "\n".join(parts))

    def _inputs(self):
        boxes = [W.Checkbox(value=False, description=str(o), indent=False, **_wide())
                 for o in self.options()]
        return [W.VBox(boxes)]

    def _read(self, inputs):
        return [cb.description for cb in inputs[-1].children if cb.value]

    def _write(self, inputs, answer):
        boxes = inputs[-1].children
        picks = set(self._picks(answer, [cb.description for cb in boxes]))
        for cb in boxes:
            cb.value = cb.description in picks


# --------------------------------------------------------------------------------------------
# A number
# --------------------------------------------------------------------------------------------

class NumericExercise(Exercise):
    """Type a number; right within a tolerance.

    Implement :meth:`solution` (a float) and, where they help, :meth:`misconceptions` (named
    wrong values computed from the data) and :meth:`explanation` (why the right value is right).

    Attributes
    ----------
    unit : str
        ``"share"`` (a fraction: 0.62, "62%" and 62 all mean 62%), ``"CNY"``, or any unit name.
    rel_tol, abs_tol : float
        The answer is right when ``|answer − solution| <= max(abs_tol, rel_tol · |solution|)``.
        For shares ``abs_tol`` defaults to half a percentage point.
    bounds : (low, high)
        The sensible range; answers outside get feedback about the range instead of a verdict.
    """

    kind = "numeric"
    unit: str = ""
    rel_tol: float = 0.01
    abs_tol: float | None = None
    bounds: tuple[float | None, float | None] = (None, None)
    decimals: int | None = None
    placeholder: str = ""

    def misconceptions(self) -> list[Misconception]:
        return []

    def explanation(self) -> str:
        return ""

    def tolerance(self) -> float:
        solution = float(self.solution())
        abs_tol = self.abs_tol if self.abs_tol is not None else (0.005 if self.unit == "share" else 0.0)
        return max(abs_tol, self.rel_tol * abs(solution))

    def format(self, value: float) -> str:
        return _fmt(float(value), self.unit, self.decimals)

    def _bounds(self):
        low, high = self.bounds
        if self.unit == "share":
            low = 0.0 if low is None else low
            high = 1.0 if high is None else high
        return low, high

    def _readings(self, answer) -> list[tuple[float, str]]:
        """The ways to read an answer: ``[(value, note)]``; for shares 62 may mean 62%."""
        value, percent = parse_number(answer)
        if percent and self.unit != "share":
            raise BadAnswer(f"{answer!r} is a percentage, but this answer is "
                            f"{'an amount in ' + self.unit if self.unit else 'a plain number'}.")
        readings = [(value, "")]
        if self.unit == "share" and not percent and 1 < abs(value) <= 100:
            readings.append((value / 100.0, f"(Read {value:g} as {value:g}%.) "))
        return readings

    def _check(self, answer) -> Feedback:
        readings = self._readings(answer)
        solution = float(self.solution())
        tol = self.tolerance()
        for value, note in readings:
            if abs(value - solution) <= tol + 1e-12:
                return Feedback(True, 1.0, " ".join(p for p in [
                    f"{note}{self.format(solution)} is right.", self.explanation()] if p))
        misconceptions = self.misconceptions()
        for value, note in readings:
            matches = []  # (distance, order, misconception): the closest known mistake wins
            for k, m in enumerate(misconceptions):
                try:
                    mv = float(m.value)
                except (TypeError, ValueError):
                    continue
                if (math.isfinite(mv) and abs(value - mv) <= max(tol, 1e-12)
                        and abs(mv - solution) > tol):
                    matches.append((abs(value - mv), k, m))
            if matches:
                m = min(matches, key=lambda t: t[:2])[2]
                return Feedback(False, 0.0, f"{note}{self.format(value)} is what you get "
                                            f"with a known mistake: {m.name}. {m.why}",
                                misconception=m.name)
        value, note = readings[-1]
        shown = self.format(value)
        low, high = self._bounds()
        if (low is not None and value < low) or (high is not None and value > high):
            if self.unit == "share":
                rng = "between 0% and 100%"
            else:
                rng = ("between " + self.format(low) + " and " + self.format(high)
                       if low is not None and high is not None else
                       f"at least {self.format(low)}" if low is not None
                       else f"at most {self.format(high)}")
            return Feedback(False, 0.0, f"{note}{shown} cannot be right: the answer lies {rng}.")
        direction = "too high" if value > solution else "too low"
        if abs(value - solution) <= 3 * tol:
            close = (f"{note}{shown} is close but a little {direction}; check your rounding "
                     "and the exact definition.")
            return Feedback(False, 0.5, " ".join(p for p in [close, self.hint] if p))
        return Feedback(False, 0.0, " ".join(p for p in [
            f"{note}{shown} is {direction}.", self.hint] if p))

    def _inputs(self):
        placeholder = self.placeholder or ("e.g. 62% or 0.62" if self.unit == "share"
                                           else "a number, e.g. 1,234.5")
        unit = "" if self.unit in ("share", "") else self.unit
        return [W.HBox([W.Text(value="", placeholder=placeholder, description="Your answer:",
                               style={"description_width": "initial"},
                               layout=W.Layout(width="320px")),
                        W.HTML(html.escape(unit))])]

    def _read(self, inputs):
        return inputs[-1].children[0].value

    def _write(self, inputs, answer):
        inputs[-1].children[0].value = "" if answer is None else str(answer)


# --------------------------------------------------------------------------------------------
# Ordering
# --------------------------------------------------------------------------------------------

class OrderingExercise(Exercise):
    """Put items in the right order.

    Implement :meth:`solution` (the items in the right order) and optionally
    :meth:`explanations` (item → why it comes where it does).  The items are shown in a fixed
    shuffled order (:meth:`shuffled`).  Score = share of item pairs in the right relative order
    (a Kendall-style measure), so one swap of neighbours costs little.
    """

    kind = "ordering"

    def explanations(self) -> dict[str, str]:
        return {}

    def shuffled(self) -> list[str]:
        """The items in the order shown to the student (fixed per exercise, never the answer)."""
        items = [str(i) for i in self.solution()]
        rng = random.Random(f"casekit:{self.id}:{len(items)}")
        shown = items[:]
        for _ in range(100):
            rng.shuffle(shown)
            if shown != items or len(items) < 2:
                break
        return shown

    def _order(self, answer, items) -> list[str]:
        n = len(items)
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            raise BadAnswer(f"No answer yet: put all {n} items in order.")
        if isinstance(answer, str):
            answer = [a for a in re.split(r"\s*(?:>|→|->|\n|;)\s*", answer.strip())]
            if len(answer) == 1:
                answer = [a for a in re.split(r"\s*,\s*", answer[0])]
        if not isinstance(answer, (list, tuple, pd.Series)):
            raise BadAnswer(f"Give the items as a list in order, first to last; got {answer!r}.")
        by_norm = {_norm(i): i for i in items}
        order, unknown, empty = [], [], 0
        for a in answer:
            if a is None or (isinstance(a, str) and not a.strip()):
                empty += 1
                continue
            found = by_norm.get(_norm(a)) if isinstance(a, str) else None
            (order.append(found) if found else unknown.append(repr(a)))
        if unknown:
            raise BadAnswer(f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not "
                            f"among the items: {', '.join(items)}.")
        twice = [i for i in items if order.count(i) > 1]
        if twice:
            raise BadAnswer(f"“{twice[0]}” is placed more than once; use each item once.")
        if empty or len(order) < n:
            left = n - len(order)
            raise BadAnswer(f"{left} of the {n} positions {'is' if left == 1 else 'are'} still "
                            "empty: place every item once.")
        if len(order) > n:
            raise BadAnswer(f"There are only {n} items to place.")
        return order

    def _check(self, answer) -> Feedback:
        items = [str(i) for i in self.solution()]
        order = self._order(answer, items)
        rank = {item: k for k, item in enumerate(items)}
        pairs = list(itertools.combinations(order, 2))
        good = sum(rank[a] < rank[b] for a, b in pairs)
        score = good / len(pairs) if pairs else 1.0
        in_place = sum(a == b for a, b in zip(order, items))
        why = self.explanations()
        if order == items:
            return Feedback(True, 1.0, " ".join(p for p in [
                "The order is " + " → ".join(items) + ".", why.get("", "")] if p))
        first_wrong = next(k for k, (a, b) in enumerate(zip(order, items)) if a != b)
        item = items[first_wrong]
        parts = [(f"{in_place} of {len(items)} in the right place; {score:.0%} of the pairs are "
                  "in the right order."),
                 f"Look again at position {first_wrong + 1}: which step must come there?"]
        if why.get(item):
            parts.append(f"Hint: {why[item]}")
        elif self.hint:
            parts.append(self.hint)
        return Feedback(False, score if score < 1 else 0.99, "\n".join(parts))

    def _inputs(self):
        shown = self.shuffled()
        options = [("— choose —", "")] + [(s, s) for s in shown]
        rows = [W.Dropdown(options=options, value="", description=f"{k + 1}.",
                           style={"description_width": "2.5em"},
                           layout=W.Layout(width="auto", min_width="340px", max_width="640px"))
                for k in range(len(shown))]
        return [W.VBox(rows)]

    def _read(self, inputs):
        return [d.value or None for d in inputs[-1].children]

    def _write(self, inputs, answer):
        rows = inputs[-1].children
        values = list(answer) if isinstance(answer, (list, tuple)) else []
        if len(values) != len(rows):
            raise ValueError("the saved order does not fit this exercise")
        for d, v in zip(rows, values):
            d.value = "" if v is None else v


# --------------------------------------------------------------------------------------------
# Explore, then choose
# --------------------------------------------------------------------------------------------

class ExploreExercise(ChoiceExercise):
    """Move controls that redraw a chart and a table, then answer a question about them.

    Implement :meth:`controls` (name → an ipywidgets control, e.g. an ``IntSlider``),
    :meth:`table` and :meth:`draw` (both take the control values as keyword arguments), and the
    question as for :class:`ChoiceExercise` (``options``, ``solution``, ``explanations``).
    """

    kind = "explore"
    figsize = (6.4, 3.4)

    def controls(self) -> dict:
        raise NotImplementedError

    def table(self, **params) -> pd.DataFrame:
        raise NotImplementedError

    def draw(self, ax, **params) -> None:
        raise NotImplementedError

    def explore(self, **params):
        """The figure and table for one setting of the controls: ``(Figure, DataFrame)``."""
        import matplotlib as mpl
        from matplotlib.figure import Figure
        try:
            from casekit.plots import _style
            style = dict(_style.STYLE)
        except Exception:  # noqa: BLE001 - the kit's style is optional here
            style = {}
        with mpl.rc_context(style):
            fig = Figure(figsize=self.figsize, dpi=100, layout="constrained")
            self.draw(fig.add_subplot(), **params)
        return fig, self.table(**params)

    def _extra(self, view):
        controls = self.controls()
        view.controls = dict(controls)
        view.output = W.Output(layout=W.Layout(min_height="120px"))

        def redraw(_change=None):
            try:
                params = {name: c.value for name, c in view.controls.items()}
                fig, table = self.explore(**params)
                buf = io.BytesIO()
                fig.savefig(buf, format="png", metadata={"Software": None})
                png = base64.b64encode(buf.getvalue()).decode("ascii")
                view.output.outputs = (
                    {"output_type": "display_data", "metadata": {},
                     "data": {"image/png": png, "text/plain": "<chart>"}},
                    {"output_type": "display_data", "metadata": {},
                     "data": {"text/html": _table_html(table), "text/plain": table.to_string()}},
                )
            except Exception as exc:  # noqa: BLE001
                view.output.outputs = ({"output_type": "stream", "name": "stdout",
                                        "text": f"Could not redraw: {type(exc).__name__}: {exc}\n"},)
                view.show_error(exc)

        for c in controls.values():
            c.observe(redraw, names="value")
        view.redraw = redraw
        redraw()
        question = W.HTML(f"<p>{_text_html(self.question)}</p>") if self.question else None
        return [W.HBox(list(controls.values()), layout=W.Layout(flex_flow="row wrap")),
                view.output] + ([question] if question else [])

    #: The question asked about the chart (shown under it, above the options).
    question: str = ""


def _number(v) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}"


def _table_html(table: pd.DataFrame) -> str:
    """A small table as HTML: no index, thousands separators, money without cents."""
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])
               and not pd.api.types.is_bool_dtype(table[c])]
    body = table.to_html(index=False, border=0, classes="casekit-table",
                         formatters={c: ("{:,}".format if pd.api.types.is_integer_dtype(table[c])
                                         else _number) for c in numeric})
    return _TABLE_CSS + body


_TABLE_CSS = (
    "<style>.casekit-table{border-collapse:collapse;margin:4px 0 10px;font-size:0.95em}"
    ".casekit-table th,.casekit-table td{padding:3px 14px;text-align:right;border:none}"
    ".casekit-table th{border-bottom:1px solid #8a8a8a}"
    ".casekit-table th:first-child,.casekit-table td:first-child{text-align:left}"
    ".casekit-table tbody tr:nth-child(odd){background:#f5f7f9}</style>")


# --------------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------------

_REGISTRY: dict[str, type[Exercise]] = {}
_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


def register(id: str, chapter: int, title: str, kind: str | None = None):
    """Class decorator: add an exercise to the catalog under ``id`` (``"chapter.name"``)."""
    if not isinstance(id, str) or not _ID.match(id):
        raise ValueError(f"register: id={id!r} must look like 'tiering.pyramid_cutoffs' "
                         "(lower case, one dot)")
    if isinstance(chapter, bool) or not isinstance(chapter, int) or chapter < 0:
        raise ValueError(f"register: chapter={chapter!r} must be a chapter number (0, 1, 2, …)")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"register: title={title!r} must be a short non-empty text")

    def decorate(cls):
        if not (isinstance(cls, type) and issubclass(cls, Exercise)):
            raise ValueError(f"register({id!r}): expected an Exercise subclass, got {cls!r}")
        old = _REGISTRY.get(id)
        if old is not None and (old.__module__, old.__qualname__) != (cls.__module__, cls.__qualname__):
            raise ValueError(f"register: the id {id!r} is already used by "
                             f"{old.__module__}.{old.__qualname__}")
        cls.id, cls.chapter, cls.title = id, chapter, title
        if kind is not None:
            cls.kind = kind
        _REGISTRY[id] = cls
        return cls

    return decorate


def _load_chapters() -> None:
    for name in CHAPTERS:
        module = f"casekit.exercises.{name}"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def catalog() -> pd.DataFrame:
    """Every registered exercise: columns ``id``, ``chapter``, ``title``, ``kind``.

    Sorted by chapter, then id.
    """
    _load_chapters()
    rows = [(cls.id, cls.chapter, cls.title, cls.kind) for cls in _REGISTRY.values()]
    frame = pd.DataFrame(rows, columns=["id", "chapter", "title", "kind"])
    frame["chapter"] = frame["chapter"].astype("int64")
    return frame.sort_values(["chapter", "id"], kind="stable").reset_index(drop=True)


def make(id: str, world=None) -> Exercise:
    """Build the exercise ``id`` on the default data or on ``world``."""
    _load_chapters()
    cls = _REGISTRY.get(id) if isinstance(id, str) else None
    if cls is None:
        valid = ", ".join(catalog()["id"])
        raise ValueError(f"make: unknown exercise id {id!r}; valid ids are: {valid}")
    return cls(world=world)


def progress(*, chapter: int | None = None) -> pd.DataFrame:
    """Where you stand: one row per exercise with your attempts, best score and last answer.

    Columns ``id``, ``title``, ``attempts``, ``best_score``, ``last_answer``, ``correct``
    (whether the last answer checked was right).  Exercises not tried yet show 0 attempts.
    ``chapter`` keeps one chapter's exercises.
    """
    saved = _progress.load()
    cat = catalog()
    if chapter is not None:
        cat = cat[cat["chapter"] == chapter]
    ids = list(cat["id"])
    titles = dict(zip(cat["id"], cat["title"]))
    if chapter is None:
        ids += sorted(i for i in saved if i not in titles)
    rows = []
    for i in ids:
        entry = saved.get(i, {})
        rows.append({
            "id": i,
            "title": titles.get(i, entry.get("title", "")),
            "attempts": int(entry.get("attempts", 0) or 0),
            "best_score": float(entry.get("best_score", 0.0) or 0.0),
            "last_answer": entry.get("last_answer"),
            "correct": bool(entry.get("correct", False)),
        })
    columns = ["id", "title", "attempts", "best_score", "last_answer", "correct"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["last_answer"] = frame["last_answer"].astype(object)
    return frame.astype({"attempts": "int64", "best_score": "float64", "correct": "bool"})
