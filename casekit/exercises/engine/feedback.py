"""Feedback: the verdict on one answer, and how it is shown."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...i18n import _
from .markdown import markdown_html

_COLOURS = {  # (border, background) for correct, partly right, not yet, neutral note
    "correct": ("#2e7d32", "#edf7ee"),
    "partial": ("#b26a00", "#fff5e0"),
    "wrong": ("#c62828", "#fdecea"),
    "note": ("#607d8b", "#f3f5f7"),
}


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
        return {"correct": _("Correct"), "partial": _("Partly right"),
                "wrong": _("Not yet")}[self.status]

    def __str__(self) -> str:
        return _("{headline} (score {score:.0%}): {message}").format(
            headline=self._headline(), score=self.score, message=self.message)

    def _repr_html_(self) -> str:
        icon = {"correct": "✔", "partial": "◐", "wrong": "✘"}[self.status]
        return _box(f"<b>{icon} {self._headline()}</b> · "
                    + _("score {score:.0%}").format(score=self.score) + "<br>"
                    f"{_text_html(self.message)}", self.status)


@dataclass(frozen=True)
class Misconception:
    """A known wrong answer: its name, its value on the data, and why it is wrong."""

    name: str
    value: object
    why: str


def _text_html(text: str) -> str:
    """Text for HTML: Markdown (italics, bold, code, lists, links); raw HTML is escaped."""
    return markdown_html(str(text))


def _box(inner: str, status: str) -> str:
    border, background = _COLOURS[status]
    return (f'<div class="casekit-feedback" style="border-left:4px solid {border};'
            f"background:{background};color:#1a1a1a;padding:6px 10px;margin:4px 0;"
            f'line-height:1.45">{inner}</div>')


def _norm(text) -> str:
    return " ".join(str(text).split()).casefold()
