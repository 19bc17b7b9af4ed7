"""The answer kinds: choose one, choose many, a number, an order."""

from __future__ import annotations

import html
import itertools
import math
import random
import re

import ipywidgets as W
import pandas as pd

from ...i18n import _, ngettext, translate
from .base import Exercise
from .feedback import Feedback, Misconception, _norm
from .parsing import BadAnswer, _fmt, parse_number
from .views import _wide


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
            raise BadAnswer(_("No answer yet: pick one of the options."))
        if isinstance(answer, (list, tuple)) and len(answer) == 1:
            answer = answer[0]
        if not isinstance(answer, str):
            raise BadAnswer(_("Pick exactly one option by its text; got {answer!r}. The options "
                              "are: {options}.").format(answer=answer, options=_join(options)))
        by_norm = {_norm(o): o for o in options}
        found = by_norm.get(_norm(answer))
        if found is None:
            raise BadAnswer(_("{answer!r} is not one of the options: {options}.").format(
                answer=answer, options=_join(options)))
        return found

    def _check(self, answer) -> Feedback:
        options = [str(o) for o in self.options()]
        picked = self._match(answer, options)
        right = self.solution()
        why = self.explanations()
        if picked == right:
            return Feedback(True, 1.0, why.get(right, "") or _("“{right}” is right.").format(right=right))
        parts = [_("Not this one."), why.get(picked, ""), translate(self.hint)]
        return Feedback(False, 0.0, " ".join(p for p in parts if p))

    def _static_inputs(self, saved) -> str:
        options = [str(o) for o in self.options()]
        try:
            picked = self._match(saved, options) if saved is not None else None
        except BadAnswer:
            picked = None
        return _static_list([("◉ " if o == picked else "○ ") + o for o in options])

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
                items = [a for a in re.split(r"[;\n,；，]", answer) if a.strip()]
        elif isinstance(answer, (list, tuple, set, frozenset, pd.Series)):
            items = list(answer)
        else:
            raise BadAnswer(_("Pick the options that apply, as a list of their texts; got "
                              "{answer!r}.").format(answer=answer))
        picked, unknown = [], []
        for item in items:
            if not isinstance(item, str):
                unknown.append(repr(item))
                continue
            found = by_norm.get(_norm(item))
            (picked if found else unknown).append(found or repr(item))
        if unknown:
            raise BadAnswer(ngettext("{unknown} is not among the options: {options}.",
                                     "{unknown} are not among the options: {options}.",
                                     len(unknown)).format(unknown=_join(unknown), options=_join(options)))
        return [o for o in options if o in set(picked)]  # option order, no repeats

    def _check(self, answer) -> Feedback:
        options = [str(o) for o in self.options()]
        picked = set(self._picks(answer, options))
        if not picked:
            return Feedback(False, 0.0, _("No option picked yet: tick every option that applies."))
        right = set(self.solution())
        hits, false = picked & right, picked - right
        missed = right - picked
        score = max(0.0, (len(hits) - len(false)) / len(right)) if right else 0.0
        why = self.explanations()
        if not false and not missed:
            reasons = [why[o] for o in options if o in right and why.get(o)]
            return Feedback(True, 1.0, " ".join([_("All of them and nothing else."), *reasons]))
        if false:
            found = ngettext("You found {hits} of the {right} that apply and picked {false} that "
                             "does not.", "You found {hits} of the {right} that apply and picked "
                             "{false} that do not.", len(false))
        else:
            found = _("You found {hits} of the {right} that apply.")
        parts = [found.format(hits=len(hits), right=len(right), false=len(false))]
        for o in options:
            if o in false:
                parts.append(_("Not “{option}”: {why}").format(
                    option=o, why=why.get(o) or _("it does not apply here.")))
        if missed:
            parts.append(ngettext("{n} more applies.", "{n} more apply.", len(missed)).format(
                n=len(missed)))
        if translate(self.hint):
            parts.append(translate(self.hint))
        return Feedback(False, score, "\n".join(parts))

    def _static_inputs(self, saved) -> str:
        options = [str(o) for o in self.options()]
        try:
            picked = set(self._picks(saved, options))
        except BadAnswer:
            picked = set()
        return _static_list([("☑ " if o in picked else "☐ ") + o for o in options])

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
            raise BadAnswer((_("{answer!r} is a percentage, but this answer is an amount in {unit}.")
                             if self.unit else
                             _("{answer!r} is a percentage, but this answer is a plain number."))
                            .format(answer=answer, unit=_(self.unit) if self.unit else ""))
        readings = [(value, "")]
        if self.unit == "share" and not percent and 1 < abs(value) <= 100:
            readings.append((value / 100.0, _("(Read {value:g} as {value:g}%.) ").format(value=value)))
        return readings

    def _check(self, answer) -> Feedback:
        readings = self._readings(answer)
        solution = float(self.solution())
        tol = self.tolerance()
        for value, note in readings:
            if abs(value - solution) <= tol + 1e-12:
                return Feedback(True, 1.0, " ".join(p for p in [
                    note + _("{value} is right.").format(value=self.format(solution)),
                    self.explanation()] if p))
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
                return Feedback(False, 0.0, note + _("{value} is what you get with a known "
                                                     "mistake: {name}. {why}").format(
                                    value=self.format(value), name=m.name, why=m.why),
                                misconception=m.name)
        value, note = readings[-1]
        shown = self.format(value)
        low, high = self._bounds()
        if (low is not None and value < low) or (high is not None and value > high):
            if self.unit == "share":
                rng = _("between 0% and 100%")
            elif low is not None and high is not None:
                rng = _("between {low} and {high}").format(low=self.format(low), high=self.format(high))
            elif low is not None:
                rng = _("at least {low}").format(low=self.format(low))
            else:
                rng = _("at most {high}").format(high=self.format(high))
            return Feedback(False, 0.0, note + _("{value} cannot be right: the answer lies {range}.")
                            .format(value=shown, range=rng))
        high = value > solution
        if abs(value - solution) <= 3 * tol:
            close = note + (_("{value} is close but a little too high; check your rounding and "
                              "the exact definition.") if high else
                            _("{value} is close but a little too low; check your rounding and "
                              "the exact definition.")).format(value=shown)
            return Feedback(False, 0.5, " ".join(p for p in [close, translate(self.hint)] if p))
        return Feedback(False, 0.0, " ".join(p for p in [
            note + (_("{value} is too high.") if high else _("{value} is too low.")).format(value=shown),
            translate(self.hint)] if p))

    def _static_inputs(self, saved) -> str:
        unit = "" if self.unit in ("share", "") else f" {html.escape(_(self.unit))}"
        shown = ("&#x2007;" * 12 if saved in (None, "") else html.escape(str(saved)))
        return (f'<div style="margin:0.4em 0">{html.escape(_("Your answer:"))} <span style="border:1px solid #aaa;'
                f'padding:1px 8px;display:inline-block;min-width:8em">{shown}</span>{unit}</div>')

    def _inputs(self):
        placeholder = self.placeholder or (_("e.g. 62% or 0.62") if self.unit == "share"
                                           else _("a number, e.g. 1,234.5"))
        unit = "" if self.unit in ("share", "") else _(self.unit)
        return [W.HBox([W.Text(value="", placeholder=placeholder, description=_("Your answer:"),
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
        for _round in range(100):
            rng.shuffle(shown)
            if shown != items or len(items) < 2:
                break
        return shown

    def _order(self, answer, items) -> list[str]:
        n = len(items)
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            raise BadAnswer(_("No answer yet: put all {n} items in order.").format(n=n))
        if isinstance(answer, str):
            answer = [a for a in re.split(r"\s*(?:>|→|->|\n|;|；)\s*", answer.strip())]
            if len(answer) == 1:
                answer = [a for a in re.split(r"\s*[,，]\s*", answer[0])]
        if not isinstance(answer, (list, tuple, pd.Series)):
            raise BadAnswer(_("Give the items as a list in order, first to last; got {answer!r}.")
                            .format(answer=answer))
        by_norm = {_norm(i): i for i in items}
        order, unknown, empty = [], [], 0
        for a in answer:
            if a is None or (isinstance(a, str) and not a.strip()):
                empty += 1
                continue
            found = by_norm.get(_norm(a)) if isinstance(a, str) else None
            (order.append(found) if found else unknown.append(repr(a)))
        if unknown:
            raise BadAnswer(ngettext("{unknown} is not among the items: {items}.",
                                     "{unknown} are not among the items: {items}.",
                                     len(unknown)).format(unknown=_join(unknown), items=_join(items)))
        twice = [i for i in items if order.count(i) > 1]
        if twice:
            raise BadAnswer(_("“{item}” is placed more than once; use each item once.").format(
                item=twice[0]))
        if empty or len(order) < n:
            left = n - len(order)
            raise BadAnswer(ngettext("{left} of the {n} positions is still empty: place every item once.",
                                     "{left} of the {n} positions are still empty: place every "
                                     "item once.", left).format(left=left, n=n))
        if len(order) > n:
            raise BadAnswer(_("There are only {n} items to place.").format(n=n))
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
                _("The order is {order}.").format(order=" → ".join(items)), why.get("", "")] if p))
        first_wrong = next(k for k, (a, b) in enumerate(zip(order, items)) if a != b)
        item = items[first_wrong]
        parts = [_("{in_place} of {n} in the right place; {score:.0%} of the pairs are in the "
                   "right order.").format(in_place=in_place, n=len(items), score=score),
                 _("Look again at position {position}: which step must come there?").format(
                     position=first_wrong + 1)]
        if why.get(item):
            parts.append(_("Hint: {hint}").format(hint=why[item]))
        elif translate(self.hint):
            parts.append(translate(self.hint))
        return Feedback(False, score if score < 1 else 0.99, "\n".join(parts))

    def _items_html(self) -> str:
        return ('<div style="margin:0.4em 0">'
                + html.escape(_("Items to put in order (pick one for each position below):"))
                + '</div>' + _static_list(self.shuffled(), marker="disc"))

    def _extra(self, view) -> list:
        return [*super()._extra(view), W.HTML(self._items_html())]

    def _static_inputs(self, saved) -> str:
        items = self.shuffled()
        try:
            order = self._order(saved, items) if saved is not None else None
        except BadAnswer:
            order = None
        slots = order or ["—"] * len(items)
        return (self._items_html() + '<div style="margin:0.4em 0">'
                + html.escape(_("Your order:")) + '</div>'
                + _static_list([f"{k + 1}. {s}" for k, s in enumerate(slots)]))

    def _inputs(self):
        shown = self.shuffled()
        options = [(_("— choose —"), "")] + [(s, s) for s in shown]
        rows = [W.Dropdown(options=options, value="", description=f"{k + 1}.",
                           style={"description_width": "2.5em"},
                           layout=W.Layout(width="95%", min_width="340px", max_width="860px"))
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


def _join(items) -> str:
    """Items listed in a sentence: ``a, b, c`` (``a、b、c`` in Chinese)."""
    return _(", ").join(items)


def _static_list(lines, marker: str = "none") -> str:
    items = "".join(f"<li>{html.escape(str(line))}</li>" for line in lines)
    return (f'<ul style="list-style:{marker};padding-left:{"1.4em" if marker != "none" else "0.5em"};'
            f'margin:0.3em 0">{items}</ul>')
