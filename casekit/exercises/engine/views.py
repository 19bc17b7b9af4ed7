"""The widget of an exercise: question, inputs, a Check button and a feedback area."""

from __future__ import annotations

import ipywidgets as W

from ...classroom import mode as _mode
from ...i18n import _
from .. import store as _progress
from .feedback import Feedback, _box, _text_html
from .panel import CheckPanel


class ExerciseView(W.VBox):
    """The widget of an exercise: question, inputs, a Check button and a feedback area.

    ``view.set_answer(a)`` puts an answer into the inputs (by setting their ``.value``),
    ``view.answer()`` reads it back, ``view.check()`` presses Check, and
    ``view.feedback.value`` holds the feedback HTML; ``view.last_feedback`` the Feedback.
    ``view.check_button`` and ``view.feedback`` are one :class:`~.panel.CheckPanel`, whose
    front end says so when the kernel behind it is gone.
    """

    def __init__(self, exercise: Exercise):
        self.exercise = exercise
        self.last_feedback: Feedback | None = None
        self.header = W.HTML(exercise._header_html())
        self.inputs = list(exercise._inputs())
        for w in self.inputs:
            w.add_class("casekit-input")
        # one widget is both the Check button and the feedback area (see .panel)
        self.panel = CheckPanel()
        self.check_button = self.feedback = self.panel
        self.live = False  # True once a page has drawn this view (its first "ping" arrived)
        self.on_live = None
        self.panel.on_ping(self._went_live)
        extra = list(exercise._extra(self))
        super().__init__(children=[self.header, *extra, *self.inputs, self.panel],
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

    def _went_live(self):
        if self.live:
            return
        self.live = True
        if callable(self.on_live):
            try:
                self.on_live()
            except Exception:  # noqa: BLE001 - drawing ahead is an optimisation
                pass

    def show_error(self, exc: BaseException) -> None:
        self.last_feedback = Feedback(False, 0.0, _("Something went wrong: {error}: {detail}").format(
            error=type(exc).__name__, detail=exc))
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
        self.feedback.value = _box(_text_html(_(
            "Your last answer is back from your progress file. Press Check to see its "
            "feedback again.")), "note")


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
