"""The base class every exercise derives from."""

from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

from ...classroom import mode as _mode
from ...core.world import asof_of, period_start
from ...i18n import N_, _, translate
from .. import store as _progress
from .feedback import Feedback, _text_html
from .parsing import BadAnswer
from .tables import _table_html
from .views import ExerciseView

KIND_LABELS = {
    "choice": N_("choose one"),
    "multichoice": N_("choose all that apply"),
    "numeric": N_("type a number"),
    "ordering": N_("put in order"),
    "explore": N_("explore, then choose one"),
}


#: The line under a static exercise (translated where shown).
STATIC_NOTE = N_("This is a saved view. Run this cell (Shift+Enter) in Jupyter to answer it here; "
                 "your last checked answer comes back.")


def _answer_text(answer) -> str:
    if isinstance(answer, (list, tuple)):
        return " → ".join("—" if a is None else str(a) for a in answer)
    return str(answer)


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

    @property
    def period(self) -> str:
        """The world's data period as calendar years, for a prompt's "over {period}": the year of
        its first day to the year of its as-of date (``"2023–2025"``; one year alone: ``"2025"``)."""
        first, last = period_start(self.world).year, asof_of(self.world).year
        return f"{first}–{last}" if first != last else str(first)

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
        label = _(KIND_LABELS.get(self.kind, self.kind))
        title = translate(self.title).rstrip()
        end = "" if title.endswith(("?", ".", "!", "？", "。", "！")) else _(".")
        return _("Exercise {id} ({label}): {title}{end} Run this cell to answer it here.").format(
            id=self.id or type(self).__name__, label=label, title=title, end=end)

    def _header_html(self) -> str:
        label = _(KIND_LABELS.get(self.kind, self.kind))
        return (f'<div class="casekit-question" style="line-height:1.45">'
                f'<div style="font-size:1.1em"><b>{html.escape(translate(self.title))}</b> '
                f'<span style="color:#666;font-size:0.85em">· {html.escape(label)} · '
                f'<code>{html.escape(self.id)}</code></span></div>'
                f'<div style="margin:0.5em 0">{_text_html(translate(self.prompt))}</div></div>')

    def widget(self) -> ExerciseView:
        """A fresh ipywidgets view of the exercise, with the student's last answer restored."""
        return ExerciseView(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget()._repr_mimebundle_()
        bundle["text/plain"] = self._plain_text()
        bundle["text/html"] = self.static_html()
        return bundle

    def static_html(self) -> str:
        """The exercise as plain HTML: question, inputs and the last saved answer.

        Stored beside the live widget in a notebook's output, it is what a page without a
        kernel shows (nbconvert, GitHub, a website, an untrusted notebook).  Never raises.
        """
        try:
            saved = _progress.restore(self) if self.id else None  # the answer given on this world
        except Exception:  # noqa: BLE001 - a missing or odd file just means no answer
            saved = None
        parts = [self._header_html()]
        for part in (self._static_extra, lambda: self._static_inputs(saved)):
            try:
                parts.append(part())
            except Exception as exc:  # noqa: BLE001 - the static view is a courtesy
                parts.append("<p><i>" + html.escape(_("(Could not show this part here: {error}.)").format(
                    error=type(exc).__name__)) + "</i></p>")
        if saved is not None:
            parts.append('<div style="margin:0.4em 0">' + html.escape(_("Your last checked answer:"))
                         + f" <b>{html.escape(_answer_text(saved))}</b></div>")
        parts.append(f'<div class="casekit-static-note" style="color:#555;margin:0.4em 0">'
                     f"<i>{html.escape(_(STATIC_NOTE))}</i></div>")
        return ('<div class="casekit-exercise-static" style="border:1px solid #d0d7de;'
                'padding:6px 12px;margin:6px 0;max-width:900px">' + "".join(parts) + "</div>")

    def _static_extra(self) -> str:
        """What :meth:`_extra` shows, as HTML (a table)."""
        table = self.data()
        return "" if table is None else _table_html(table)

    def _static_inputs(self, saved) -> str:
        """The inputs as HTML, with the saved answer filled in where there is one."""
        return ""

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
