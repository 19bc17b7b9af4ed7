"""The catalog of exercises: register, catalog, make, progress."""

from __future__ import annotations

import importlib
import re

import pandas as pd

from .. import store as _progress
from .base import Exercise
from ...i18n import translate
from ...chapters import CHAPTERS as _CHAPTERS

#: Chapter exercise modules, in course order (from the one chapter registry,
#: :mod:`casekit.chapters`); :func:`catalog` imports those that exist.
CHAPTERS = ("intro", *(c.module for c in _CHAPTERS))


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
    Titles are in the course's language.
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
            "title": translate(titles.get(i, entry.get("title", ""))),
            "attempts": int(entry.get("attempts", 0) or 0),
            "best_score": float(entry.get("best_score", 0.0) or 0.0),
            "last_answer": entry.get("last_answer"),
            "correct": bool(entry.get("correct", False)),
        })
    columns = ["id", "title", "attempts", "best_score", "last_answer", "correct"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["last_answer"] = frame["last_answer"].astype(object)
    return frame.astype({"attempts": "int64", "best_score": "float64", "correct": "bool"})
