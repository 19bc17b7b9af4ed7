"""The progress store: answers and scores kept in a small JSON file beside the notebook.

Every press of an exercise's **Check** button records the attempt, so a kernel restart loses
nothing and a widget built again shows the last answer.  The file is
``casekit-progress.json`` in the current folder (a notebook's kernel runs in the notebook's
folder); the environment variable ``CASEKIT_PROGRESS`` names another file.

The file is written atomically (a temporary file, then a rename), so a crash mid-write never
leaves half a file.  A file that is not valid JSON, or not a casekit progress file, is renamed
aside (``casekit-progress.json.corrupt-1``) with a warning and a fresh file is started.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.json"
>>> record("intro.demo", title="A demo", answer="0.62", score=0.5, correct=False, file=path)
>>> record("intro.demo", title="A demo", answer="0.58", score=1.0, correct=True, file=path)
>>> entry = load(path)["intro.demo"]
>>> entry["attempts"], entry["best_score"], entry["last_answer"], entry["correct"]
(2, 1.0, '0.58', True)
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import warnings
from pathlib import Path

FILENAME = "casekit-progress.json"
ENV = "CASEKIT_PROGRESS"
FORMAT = "casekit-progress"
VERSION = 1


def path() -> Path:
    """The progress file: ``$CASEKIT_PROGRESS`` if set, else ``casekit-progress.json`` here."""
    env = os.environ.get(ENV, "").strip()
    return Path(env).expanduser() if env else Path.cwd() / FILENAME


def _set_aside(file: Path, why: str) -> Path | None:
    """Rename a bad progress file to ``<name>.corrupt-N`` and warn; never raise."""
    n = 1
    while True:
        target = file.with_name(f"{file.name}.corrupt-{n}")
        if not target.exists():
            break
        n += 1
    try:
        os.replace(file, target)
    except OSError as exc:  # e.g. a read-only folder: keep going without the old answers
        warnings.warn(f"casekit: the progress file {file} {why} and could not be set aside "
                      f"({exc}); starting with no saved answers.", stacklevel=3)
        return None
    warnings.warn(f"casekit: the progress file {file} {why}; it was renamed to {target.name} "
                  "and a fresh one is started.", stacklevel=3)
    return target


def load(file: str | os.PathLike | None = None) -> dict[str, dict]:
    """Read the saved answers: a dict from exercise id to its record.

    A missing file means no answers yet.  A corrupt or foreign file is set aside with a warning.
    """
    file = Path(file) if file is not None else path()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, UnicodeDecodeError):
            _set_aside(file, "is not a text file")
        else:
            warnings.warn(f"casekit: cannot read the progress file {file} ({exc}); "
                          "starting with no saved answers.", stacklevel=2)
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        _set_aside(file, "is not valid JSON (it may have been edited or cut short)")
        return {}
    if not (isinstance(data, dict) and data.get("format") == FORMAT
            and isinstance(data.get("exercises"), dict)):
        _set_aside(file, "is not a casekit progress file")
        return {}
    return {str(k): v for k, v in data["exercises"].items() if isinstance(v, dict)}


def _jsonable(value):
    """An answer as plain JSON (numpy scalars, tuples and sets included)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 1) == 0:
        return _jsonable(value.item())
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        if isinstance(value, (set, frozenset)):
            items = sorted(items, key=str)
        return [_jsonable(v) for v in items]
    return str(value)


def _write(file: Path, exercises: dict) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT, "version": VERSION, "exercises": exercises}
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, file)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def record(exercise_id: str, *, title: str, answer, score: float, correct: bool,
           file: str | os.PathLike | None = None) -> None:
    """Add one attempt at an exercise to the progress file."""
    file = Path(file) if file is not None else path()
    exercises = load(file)
    entry = exercises.get(exercise_id, {})
    attempts = entry.get("attempts", 0)
    best = entry.get("best_score", 0.0)
    exercises[exercise_id] = {
        "title": title,
        "attempts": (attempts if isinstance(attempts, int) else 0) + 1,
        "best_score": max(float(best) if isinstance(best, (int, float)) else 0.0, float(score)),
        "last_score": float(score),
        "last_answer": _jsonable(answer),
        "correct": bool(correct),
    }
    _write(file, exercises)


def last_answer(exercise_id: str, file: str | os.PathLike | None = None):
    """The last answer recorded for an exercise, or ``None``."""
    entry = load(file).get(exercise_id)
    return None if entry is None else entry.get("last_answer")
