"""Practice or assess: what a student's kernel shows after Check.

``casekit assign`` writes ``casekit-assignment.json`` into each student's folder, beside the
notebooks.  A kernel started there (a notebook's kernel runs in its folder) reads it: the
student id and assignment id go into every progress record, and in **assess** mode the widget
says the answer was recorded but shows no verdict, no worked solution and no misconception,
and ``ex.solution()`` declines — until the instructor releases feedback: ``casekit release``
writes ``casekit-release.json`` (to be handed to the students, who drop it into the same
folder), or the date given by ``--release-after`` has passed.  The release file carries a
token only the course secret produces, so a student cannot write one.

A determined student can still compute every answer with casekit's functions — that is the
point of the course.  What assess mode guarantees is that the kit itself does not hand out
the answer.  Practice mode (no assignment file, or ``mode: practice``) is the kit as always.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import html
import json
import os
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

ASSIGNMENT_FILE = "casekit-assignment.json"
RELEASE_FILE = "casekit-release.json"
ENV = "CASEKIT_ASSIGNMENT"
MODES = ("practice", "assess")

_OVERRIDE: contextvars.ContextVar[str | None] = contextvars.ContextVar("casekit_mode", default=None)


@dataclass(frozen=True)
class Context:
    """Who is answering, for which assignment, in which mode (all ``None``/practice outside)."""

    student_id: str | None = None
    assignment: str | None = None
    mode: str = "practice"
    released: bool = True
    due: str | None = None
    source: Path | None = None


def assignment_file() -> Path:
    """``$CASEKIT_ASSIGNMENT`` if set, else ``casekit-assignment.json`` in this folder."""
    env = os.environ.get(ENV, "").strip()
    return Path(env).expanduser() if env else Path.cwd() / ASSIGNMENT_FILE


def release_token(secret: str, assignment: str) -> str:
    """The release token of an assignment (only the course secret makes it)."""
    return hashlib.sha256(f"casekit-release\0{secret}\0{assignment}".encode()).hexdigest()


def release_check(token: str) -> str:
    """What an assignment file keeps to recognise its release token (not the token itself)."""
    return hashlib.sha256(f"casekit-release-check\0{token}".encode()).hexdigest()


def _parse_day(text) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _released(spec: dict, folder: Path) -> bool:
    after = _parse_day(spec.get("release_after"))
    if after is not None and datetime.now(timezone.utc).date() >= after:
        return True
    check = spec.get("release_check")
    for candidate in (folder / RELEASE_FILE, Path.cwd() / RELEASE_FILE):
        try:
            rel = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (isinstance(rel, dict) and rel.get("assignment") == spec.get("assignment")
                and isinstance(rel.get("token"), str) and check
                and release_check(rel["token"]) == check):
            return True
    return False


def _user_ns() -> dict:
    try:
        from IPython import get_ipython
        shell = get_ipython()
        return shell.user_ns if shell is not None else {}
    except Exception:  # noqa: BLE001
        return {}


def context() -> Context:
    """The class context of this kernel (never raises; practice mode when in doubt)."""
    forced = _OVERRIDE.get()
    if forced == "practice":
        return Context()
    file = assignment_file()
    try:
        spec = json.loads(file.read_text(encoding="utf-8"))
        if not (isinstance(spec, dict) and spec.get("format") == "casekit-assignment"):
            spec = None
    except (OSError, ValueError):
        spec = None
    if spec is None:  # ids given as notebook parameters, no assignment file
        ns = _user_ns()
        sid, aid = ns.get("student_id"), ns.get("assignment")
        return Context(student_id=str(sid) if isinstance(sid, (str, int)) and sid != "" else None,
                       assignment=str(aid) if isinstance(aid, str) and aid else None)
    mode = spec.get("mode") if spec.get("mode") in MODES else "practice"
    released = mode == "practice" or _released(spec, file.parent)
    return Context(student_id=None if spec.get("student_id") is None else str(spec["student_id"]),
                   assignment=None if spec.get("assignment") is None else str(spec["assignment"]),
                   mode=mode, released=released, due=spec.get("due"), source=file)


def feedback_visible() -> bool:
    """Whether verdicts, solutions and misconceptions may be shown in this kernel."""
    ctx = context()
    return ctx.mode != "assess" or ctx.released


class practice:
    """Context manager: verdicts visible whatever the folder says (used when grading)."""

    def __enter__(self):
        self._token = _OVERRIDE.set("practice")
        return self

    def __exit__(self, *exc):
        _OVERRIDE.reset(self._token)
        return False


# --------------------------------------------------------------------------------------------
# What the student sees
# --------------------------------------------------------------------------------------------

WITHHELD = ("Your answer was recorded. This is an assessed assignment: whether it is right is "
            "shown once your instructor releases feedback. You may change it and press Check "
            "again; the last answer counts.")


def shown(feedback):
    """The Feedback a student may see: the verdict itself, or a neutral "recorded" note."""
    if feedback_visible():
        return feedback
    return recorded()


def _recorded_class():
    from casekit.exercises.engine import Feedback

    class Recorded(Feedback):
        """An answer recorded in assess mode: no verdict, no score, no misconception."""

        @classmethod
        def make(cls):
            return cls(False, 0.0, WITHHELD, None)

        @property
        def status(self) -> str:
            return "recorded"

        def __str__(self) -> str:
            return f"Recorded: {self.message}"

        def __repr__(self) -> str:
            return "Recorded(answer recorded; feedback withheld until released)"

        def _repr_html_(self) -> str:
            return _note_html(f"<b>✔ Answer recorded</b><br>{html.escape(self.message)}")

    return Recorded


_RECORDED = []


def recorded():
    """A :class:`Feedback` that says the answer was recorded, with no verdict."""
    if not _RECORDED:
        _RECORDED.append(_recorded_class())
    return _RECORDED[0].make()


def _note_html(inner: str) -> str:
    return ('<div class="casekit-feedback casekit-recorded" style="border-left:4px solid #607d8b;'
            'background:#f3f5f7;color:#1a1a1a;padding:6px 10px;margin:4px 0;line-height:1.45">'
            f"{inner}</div>")


def feedback_html(feedback, problem: str | None = None) -> str:
    """The feedback area after Check: the verdict (practice) or "recorded" (assess)."""
    if feedback_visible():
        text = feedback._repr_html_()
    else:
        text = recorded()._repr_html_() if problem is None else ""
    if problem:
        text += _note_html(html.escape(f"Note: {problem}."))
    return text


# --------------------------------------------------------------------------------------------
# Methods that would hand out the answer
# --------------------------------------------------------------------------------------------

class SolutionWithheld(RuntimeError):
    """``solution()`` called by a student in assess mode before feedback is released."""


GUARDED = ("solution", "explanations", "explanation", "misconceptions")


def guard(method):
    """Wrap an exercise method so a student's call declines in assess mode.

    Calls from inside casekit (checking an answer, building the widget) go through; a call
    from the notebook raises :class:`SolutionWithheld` with a clear message.
    """
    if getattr(method, "_casekit_guarded", False):
        return method

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if not caller.startswith("casekit") and not feedback_visible():
            ctx = context()
            raise SolutionWithheld(
                f"{type(self).__name__}.{method.__name__}() is withheld: assignment "
                f"{ctx.assignment!r} is assessed and its feedback is not released yet. Work the "
                "answer out from the data, type it into the exercise and press Check; your "
                "instructor releases the solutions after the due date.")
        return method(self, *args, **kwargs)

    wrapper._casekit_guarded = True
    return wrapper


def guard_class(cls) -> None:
    """Guard the answer-giving methods a class defines itself (for ``__init_subclass__``)."""
    for name in GUARDED:
        if name in cls.__dict__ and callable(cls.__dict__[name]):
            setattr(cls, name, guard(cls.__dict__[name]))
