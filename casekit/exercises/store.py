"""The progress store: every answer kept in a small JSON file beside the notebook.

Every press of an exercise's **Check** button records the attempt, so a kernel restart loses
nothing and a widget built again shows the last answer.  The file is
``casekit-progress.json`` in the current folder (a notebook's kernel runs in the notebook's
folder); the environment variable ``CASEKIT_PROGRESS`` names another file.

Nothing a student typed is lost:

* **One writer at a time.** Two notebooks open in one folder write into one file; a file lock
  (``.casekit-progress.json.lock``, from the ``filelock`` library) serialises their writes, and
  each write reads the file afresh under the lock, so no update is lost.
* **Atomic writes.** A temporary file is written, flushed to disk, then renamed over the old
  one; a kill mid-write leaves the old file whole.  Temporary files left by a killed writer are
  removed by the next reader or writer.
* **A file that cannot be read is never overwritten.**  If the file exists but cannot be read
  (permissions, a locked folder), answers are kept in memory for the session and the feedback
  says they cannot be saved and where.  A file that is not valid JSON, or not a casekit
  progress file, is renamed aside (``casekit-progress.json.corrupt-1``) with a warning, never
  deleted, and a fresh file is started.
* **Odd entries are skipped with a note**; long answers are cut to a sensible size.

Each record is one exercise answered on one world (seed and size), fit for grading: exercise
id, student id, assignment id, seed, world size, the raw answer, score, best score, correct,
misconception, attempts, first and last time (UTC, ISO 8601), casekit version.  Reopening a
notebook on another world never restores or overwrites the answer given on the previous one.
Files written by the first version of the kit (one entry per exercise, no world) still load.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.json"
>>> _ = record("intro.demo", title="A demo", answer="0.62", score=0.5, correct=False, file=path)
>>> saved = record("intro.demo", title="A demo", answer="0.58", score=1.0, correct=True, file=path)
>>> saved.ok
True
>>> entry = load(path)["intro.demo"]
>>> entry["attempts"], entry["best_score"], entry["last_answer"], entry["correct"]
(2, 1.0, '0.58', True)
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import threading
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

FILENAME = "casekit-progress.json"
ENV = "CASEKIT_PROGRESS"
FORMAT = "casekit-progress"
VERSION = 2
#: Seconds to wait for another notebook's write before keeping the answer in memory.
LOCK_TIMEOUT = 20.0
#: Stored answers: texts longer than this are cut, lists longer than MAX_ITEMS are cut.
MAX_TEXT = 2000
MAX_ITEMS = 200
MAX_DEPTH = 4
#: An answer longer than this (characters, or items of a list) is not checked at all.
MAX_ANSWER = 20_000
#: The world of the kit's shipped notebooks; first-version records (no world) belong to it.
DEFAULT_WORLD = (0, 2000)

FIELDS = ("exercise", "title", "student_id", "assignment", "seed", "n_customers", "answer",
          "score", "best_score", "correct", "misconception", "attempts", "first_time",
          "last_time", "casekit_version")

_PENDING: dict[str, dict[str, dict]] = {}   # file -> key -> record kept in memory only
_LOCKS: dict[tuple[int, str], object] = {}
_GUARD = threading.Lock()
_CACHE: dict[str, tuple] = {}               # file -> (stat signature, records) after our write


def path() -> Path:
    """The progress file: ``$CASEKIT_PROGRESS`` if set, else ``casekit-progress.json`` here."""
    env = os.environ.get(ENV, "").strip()
    return Path(env).expanduser() if env else Path.cwd() / FILENAME


def _file(file) -> Path:
    return Path(file).expanduser() if file is not None else path()


def now() -> str:
    """The time now in UTC, ISO 8601 to the millisecond (``2027-01-15T09:30:00.000+00:00``)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _version() -> str:
    try:
        from casekit import __version__
        return str(__version__)
    except Exception:  # noqa: BLE001
        return "unknown"


# --------------------------------------------------------------------------------------------
# Keys: one record per exercise and world
# --------------------------------------------------------------------------------------------

def _int_or_none(value):
    if type(value) is int:
        return value
    if value is None or isinstance(value, bool):
        return None
    try:
        as_float = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return int(as_float) if math.isfinite(as_float) and as_float == int(as_float) else None


def world_of(world) -> tuple[int | None, int | None]:
    """``(seed, n_customers)`` of a world; ``(None, None)`` for data not made by a seed."""
    seed = _int_or_none(getattr(world, "seed", None))
    n = _int_or_none(getattr(world, "n_customers", None)) if seed is not None else None
    return seed, n


def key(exercise_id: str, seed=None, n_customers=None) -> str:
    """The record key: ``"tiering.clv_by_hand@seed=7,n=2000"`` (just the id without a world)."""
    seed, n = _int_or_none(seed), _int_or_none(n_customers)
    return str(exercise_id) if seed is None else f"{exercise_id}@seed={seed},n={n}"


# --------------------------------------------------------------------------------------------
# Answers: plain JSON, cut to size
# --------------------------------------------------------------------------------------------

def shorten(text, limit: int = 120) -> str:
    """A text cut to ``limit`` characters with a note of its full length.

    >>> shorten("x" * 500, 10)
    'xxxxxxxxxx… (500 characters)'
    """
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _size(value) -> int:
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return len(value)
    return int(getattr(value, "size", 0) or 0) if hasattr(value, "shape") else 0


def screen(answer) -> str | None:
    """Why an answer is refused before it is checked (too long), or ``None`` if it can be.

    >>> screen("62%") is None
    True
    >>> screen("9" * 100_000)[:36]
    'This answer is 100,000 characters lo'
    """
    try:
        size = _size(answer)
    except Exception:  # noqa: BLE001 - an object that cannot say its size is still checked
        return None
    if size > MAX_ANSWER:
        from casekit.i18n import _

        start = shorten(answer if isinstance(answer, str) else repr(answer)[:200], 60)
        text = (_("This answer is {size:,} characters long, far more than any answer here needs; "
                  "it begins {start!r}. Type the answer itself (a number, an option, or a short "
                  "list).") if isinstance(answer, (str, bytes)) else
                _("This answer is {size:,} items long, far more than any answer here needs; "
                  "it begins {start!r}. Type the answer itself (a number, an option, or a short "
                  "list)."))
        return text.format(size=size, start=start)
    return None


def jsonable(value, depth: int = 0):
    """An answer as plain JSON (numpy scalars, tuples and sets included), cut to size.

    >>> jsonable((1, 2.5, float("nan"), {"b", "a"}))
    [1, 2.5, 'nan', ['a', 'b']]
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else shorten(value, MAX_TEXT)
    if isinstance(value, int):
        return int(value) if abs(value) < 10**18 else shorten(repr(value), 60)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if depth >= MAX_DEPTH:
        return shorten(repr(value), 200)
    try:
        if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 1) == 0:
            return jsonable(value.item(), depth + 1)
        if hasattr(value, "tolist") and callable(value.tolist) and not isinstance(value, dict):
            value = value.tolist()  # numpy arrays, pandas Series
            if not isinstance(value, list):
                return jsonable(value, depth + 1)
        if isinstance(value, dict):
            items = list(value.items())[:MAX_ITEMS]
            return {shorten(k, 200): jsonable(v, depth + 1) for k, v in items}
        if isinstance(value, (list, tuple, set, frozenset)):
            items = list(value)
            if isinstance(value, (set, frozenset)):
                items = sorted(items, key=str)
            out = [jsonable(v, depth + 1) for v in items[:MAX_ITEMS]]
            if len(items) > MAX_ITEMS:
                out.append(f"… ({len(items):,} items in all)")
            return out
        return shorten(str(value), MAX_TEXT)
    except Exception:  # noqa: BLE001 - an odd object is stored as its type name
        return f"<{type(value).__name__}>"


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

class Unreadable(OSError):
    """The progress file exists but cannot be read (it is never overwritten)."""


class Corrupt(ValueError):
    """The progress file is not a casekit progress file (not JSON, cut short, foreign)."""


def _float01(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{what} is {value!r}, not a number")
    if not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{what} is {value!r}, outside 0 to 1")
    return float(value)


_FIELDSET = frozenset(FIELDS)
_OPTIONAL_TEXT = ("title", "student_id", "assignment", "misconception", "first_time",
                  "last_time", "casekit_version")


def _well_formed(rec) -> bool:
    """A quick test that a record is exactly as this version writes it."""
    if type(rec) is not dict or rec.keys() != _FIELDSET:
        return False
    a, s, b = rec["attempts"], rec["score"], rec["best_score"]
    seed, n = rec["seed"], rec["n_customers"]
    return (type(rec["exercise"]) is str and bool(rec["exercise"]) and type(a) is int and a >= 0
            and type(s) is float and 0.0 <= s <= 1.0 and type(b) is float and s <= b <= 1.0
            and type(rec["correct"]) is bool and (seed is None or type(seed) is int)
            and (n is None or type(n) is int) and type(rec["title"]) is str
            and all(rec[f] is None or type(rec[f]) is str for f in _OPTIONAL_TEXT))


def _clean(rec: dict, fallback_id: str | None = None) -> dict:
    """One record with every field present and of its type; raises ValueError if odd."""
    if _well_formed(rec):
        return rec
    if not isinstance(rec, dict):
        raise ValueError(f"it is a {type(rec).__name__}, not a record")
    exercise = rec.get("exercise", fallback_id)
    if not isinstance(exercise, str) or not exercise.strip():
        raise ValueError(f"exercise is {exercise!r}")
    attempts = rec.get("attempts", 1)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 0:
        raise ValueError(f"attempts is {attempts!r}, not a whole number")
    if "score" in rec and rec["score"] is None and rec.get("correct") is None:
        score = best = correct = None   # assess mode: the verdict is not kept on the student's side
    else:
        score = _float01(rec.get("score", rec.get("last_score", 0.0)), "score")
        best = max(_float01(rec.get("best_score", score), "best_score"), score)
        correct = rec.get("correct", False)
        if not isinstance(correct, bool):
            raise ValueError(f"correct is {correct!r}, not true/false")
    out = {f: rec.get(f) for f in FIELDS}
    out.update(exercise=exercise, attempts=attempts, score=score, best_score=best,
               correct=correct, seed=_int_or_none(rec.get("seed")),
               n_customers=_int_or_none(rec.get("n_customers")))
    if "answer" not in rec and "last_answer" in rec:
        out["answer"] = rec["last_answer"]
    for f in _OPTIONAL_TEXT:
        if out[f] is not None and not isinstance(out[f], str):
            out[f] = str(out[f])
    out["title"] = out["title"] or ""
    return out


def parse(text: str) -> tuple[dict[str, dict], list[str]]:
    """The records of a progress file's text and notes on entries skipped.

    Returns ``({key: record}, notes)``; raises :class:`Corrupt` if the text is not a casekit
    progress file.  Version-1 files (one entry per exercise, no world) load as records
    without a seed.
    """
    try:
        data = json.loads(text)
    except ValueError:
        raise Corrupt("is not valid JSON (it may have been edited or cut short)") from None
    if not (isinstance(data, dict) and data.get("format") == FORMAT):
        raise Corrupt("is not a casekit progress file")
    records, notes = {}, []
    if isinstance(data.get("records"), dict):
        items = [(k, v, None) for k, v in data["records"].items()]
    elif isinstance(data.get("exercises"), dict):       # version 1: id -> entry
        items = [(k, v, k) for k, v in data["exercises"].items()]
    else:
        raise Corrupt("is not a casekit progress file (it has no records)")
    for k, v, fallback in items:
        try:
            rec = _clean(v, fallback)
        except ValueError as exc:
            notes.append(f"entry {shorten(k, 80)!r} skipped: {exc}")
            continue
        records[key(rec["exercise"], rec["seed"], rec["n_customers"])] = rec
    return records, notes


def _read(file: Path) -> dict[str, dict] | None:
    """The records of a file (``None`` if it does not exist); raises Unreadable or Corrupt."""
    cached = _CACHE.get(str(file))
    if cached is not None and cached[0] is not None and cached[0] == _signature(file):
        return dict(cached[1])  # the file is as this process last wrote it
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Corrupt("is not a text file") from None
    records, notes = parse(text)
    for note in notes:
        warnings.warn(f"casekit: in the progress file {file}, {note}.", stacklevel=4)
    return records


def _set_aside(file: Path, why: str) -> bool:
    """Rename a bad progress file to ``<name>.corrupt-N`` and warn; never raise."""
    n = 1
    while file.with_name(f"{file.name}.corrupt-{n}").exists():
        n += 1
    target = file.with_name(f"{file.name}.corrupt-{n}")
    try:
        os.replace(file, target)
    except FileNotFoundError:
        return True
    except OSError as exc:
        warnings.warn(f"casekit: the progress file {file} {why} and could not be set aside "
                      f"({exc}); it is left as it is.", stacklevel=4)
        return False
    warnings.warn(f"casekit: the progress file {file} {why}; it was renamed to {target.name} "
                  "and a fresh one is started.", stacklevel=4)
    return True


def _temp_files(file: Path) -> list[Path]:
    try:
        return [p for p in file.parent.glob(f".{file.name}.*.tmp")]
    except OSError:
        return []


def _clean_temp(file: Path) -> None:
    """Remove temporary files left by killed writers (call with the lock held)."""
    for p in _temp_files(file):
        try:
            p.unlink()
        except OSError:
            pass


def _lock(file: Path):
    from filelock import FileLock

    name = str(file.with_name(f".{file.name}.lock"))
    with _GUARD:  # one lock object per file and process (a forked child makes its own)
        lock = _LOCKS.get((os.getpid(), name))
        if lock is None:
            lock = _LOCKS[(os.getpid(), name)] = FileLock(name, timeout=LOCK_TIMEOUT)
    return lock


def records(file: str | os.PathLike | None = None) -> dict[str, dict]:
    """Every record (saved, and kept in memory when saving failed): ``{key: record}``.

    A missing file means no answers yet; a corrupt or foreign one is set aside with a
    warning; one that cannot be read is left alone (with a warning).
    """
    file = _file(file)
    if _temp_files(file):  # a writer was killed: tidy up if nobody is writing now
        try:
            with _lock(file).acquire(timeout=0):
                _clean_temp(file)
        except Exception:  # noqa: BLE001 - tidying is optional
            pass
    try:
        saved = _read(file) or {}
    except Unreadable as exc:
        warnings.warn(f"casekit: the progress file {file} {exc}; answers given now are kept "
                      "for this session only.", stacklevel=2)
        saved = {}
    except Corrupt as exc:
        _set_aside(file, str(exc))
        saved = {}
    return _merge(saved, _PENDING.get(str(file), {}))


def _later(a: dict | None, b: dict) -> dict:
    if a is None:
        return b
    return b if (b.get("last_time") or "") >= (a.get("last_time") or "") else a


def _merge(saved: dict, pending: dict) -> dict:
    out = dict(saved)
    for k, rec in pending.items():
        out[k] = _later(out.get(k), rec)
    return out


def _summary(recs: dict[str, dict]) -> dict[str, dict]:
    """Per exercise, its most recent record, in the first version's shape."""
    latest: dict[str, dict] = {}
    for rec in recs.values():
        latest[rec["exercise"]] = _later(latest.get(rec["exercise"]), rec)
    return {ex: {"title": r["title"], "attempts": r["attempts"], "best_score": r["best_score"],
                 "last_score": r["score"], "last_answer": r["answer"], "correct": r["correct"],
                 "seed": r["seed"], "n_customers": r["n_customers"]}
            for ex, r in sorted(latest.items())}


def load(file: str | os.PathLike | None = None) -> dict[str, dict]:
    """The saved answers per exercise: ``{id: {title, attempts, best_score, last_score,
    last_answer, correct, seed, n_customers}}`` from each exercise's most recent world."""
    summary = _summary(records(file))
    for entry in summary.values():  # a withheld verdict reads as unknown, never as wrong
        if entry["best_score"] is None:
            entry.update(best_score=math.nan, last_score=math.nan)
    return summary


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Saved:
    """What became of an attempt: ``ok`` (on disk), else ``message`` says why and where."""

    ok: bool
    file: Path
    message: str | None = None


def _dumps(recs: dict[str, dict]) -> str:
    """The file's text (one JSON encoder call: writing stays fast for big files)."""
    payload = {"format": FORMAT, "version": VERSION, "casekit_version": _version(),
               "records": dict(sorted(recs.items())), "exercises": _summary(recs)}
    return _ENCODER.encode(payload) + "\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _signature(file: Path):
    try:
        st = file.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)


def _write(file: Path, recs: dict[str, dict]) -> None:
    text = _dumps(recs)
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, file)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _CACHE[str(file)] = (_signature(file), dict(recs))


def _update(old: dict | None, new: dict) -> dict:
    if old is None:
        return new
    out = dict(new)
    out["attempts"] = old["attempts"] + new["attempts"]
    scores = [b for b in (old["best_score"], new["best_score"]) if b is not None]
    out["best_score"] = max(scores) if scores else None
    out["first_time"] = old.get("first_time") or new["first_time"]
    for f in ("student_id", "assignment"):
        out[f] = new[f] if new[f] is not None else old.get(f)
    return out


def record(exercise_id: str, *, title: str, answer, score: float, correct: bool,
           misconception: str | None = None, seed=None, n_customers=None,
           student_id: str | None = None, assignment: str | None = None,
           withhold: bool = False, file: str | os.PathLike | None = None) -> Saved:
    """Add one attempt at an exercise (on the world ``seed``, ``n_customers``) to the file.

    ``withhold=True`` (assess mode) keeps the answer but not its score, verdict or
    misconception, so the file does not tell the student either; grading re-checks anyway.

    Never raises for a file problem: the attempt is then kept in memory and the returned
    :class:`Saved` says why it could not be saved, and where.
    """
    file = _file(file)
    stamp = now()
    score = float(score) if isinstance(score, (int, float)) and math.isfinite(score) else 0.0
    new = {"exercise": str(exercise_id), "title": str(title or ""), "student_id": student_id,
           "assignment": assignment, "seed": _int_or_none(seed),
           "n_customers": _int_or_none(n_customers) if _int_or_none(seed) is not None else None,
           "answer": jsonable(answer), "score": min(1.0, max(0.0, score)),
           "best_score": min(1.0, max(0.0, score)), "correct": bool(correct),
           "misconception": None if misconception is None else str(misconception),
           "attempts": 1, "first_time": stamp, "last_time": stamp, "casekit_version": _version()}
    if withhold:
        new.update(score=None, best_score=None, correct=None, misconception=None)
    k = key(new["exercise"], new["seed"], new["n_customers"])
    pending = _PENDING.setdefault(str(file), {})
    pending[k] = _update(pending.get(k), new)  # in memory first: never lost this session
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with _lock(file).acquire(poll_interval=0.002):
            _clean_temp(file)
            try:
                saved = _read(file) or {}
            except Corrupt as exc:
                if not _set_aside(file, str(exc)):
                    raise Unreadable(f"{exc} and could not be set aside") from None
                saved = {}
            for pk, prec in pending.items():
                saved[pk] = _update(saved.get(pk), prec)
            _write(file, saved)
    except Exception as exc:  # noqa: BLE001 - the answer stays in memory
        from casekit.i18n import _

        if type(exc).__name__ == "Timeout":
            why = _("another notebook kept the file locked")
        elif isinstance(exc, Unreadable):
            why = _("the file {problem}").format(problem=exc)
        else:
            why = f"{type(exc).__name__}: {getattr(exc, 'strerror', None) or exc}"
        return Saved(False, file, _("your answer could not be saved to {file} ({why}); it is "
                                    "kept in memory until this kernel stops — fix the file and "
                                    "press Check again to save it").format(file=file, why=why))
    pending.clear()
    return Saved(True, file)


def record_attempt(exercise, answer, feedback) -> str | None:
    """Save an exercise's attempt with its world and class context; the problem, or ``None``."""
    try:
        from casekit.classroom import mode
        ctx = mode.context()
        seed, n = world_of(exercise._world if getattr(exercise, "_world", None) is not None
                           else exercise.world)
        saved = record(exercise.id or type(exercise).__name__, title=exercise.title,
                       answer=answer, score=feedback.score, correct=feedback.correct,
                       misconception=feedback.misconception, seed=seed, n_customers=n,
                       student_id=ctx.student_id, assignment=ctx.assignment,
                       withhold=ctx.mode == "assess" and not ctx.released)
        if not saved.ok:
            warnings.warn(f"casekit: {saved.message}", stacklevel=3)
        return saved.message
    except Exception as exc:  # noqa: BLE001
        message = f"your answer could not be saved ({type(exc).__name__}: {exc})"
        warnings.warn(f"casekit: {message}", stacklevel=3)
        return message


def last_answer(exercise_id: str, file: str | os.PathLike | None = None, *, seed=None,
                n_customers=None):
    """The last answer recorded for an exercise on a world, or ``None``.

    Without a seed: the record made without a world.  A first-version record (no world)
    belongs to the default world of the shipped notebooks.
    """
    recs = records(file)
    rec = recs.get(key(exercise_id, seed, n_customers))
    if rec is None and (_int_or_none(seed), _int_or_none(n_customers)) == DEFAULT_WORLD:
        legacy = recs.get(key(exercise_id))
        rec = legacy if legacy is not None and legacy.get("casekit_version") is None else None
    return None if rec is None else rec.get("answer")


def restore(exercise):
    """The answer to put back into an exercise's widget (its own world only), or ``None``."""
    seed, n = world_of(exercise._world if getattr(exercise, "_world", None) is not None
                       else exercise.world)
    return last_answer(exercise.id, seed=seed, n_customers=n)


# --------------------------------------------------------------------------------------------
# Feedback on answers that cannot be read
# --------------------------------------------------------------------------------------------

#: Feedback messages longer than this are cut in the middle (an echoed answer, mostly).
MAX_MESSAGE = 1500


def clip(feedback):
    """The same feedback with a message of sensible length (a huge echoed answer is cut)."""
    message = feedback.message
    if len(message) <= MAX_MESSAGE:
        return feedback
    cut = (f"{message[:MAX_MESSAGE - 300]} … [{len(message) - MAX_MESSAGE + 100:,} characters "
           f"left out] … {message[-200:]}")
    return type(feedback)(feedback.correct, feedback.score, cut, feedback.misconception)


def unreadable_answer(answer, exc: BaseException):
    """Feedback for an answer whose checking raised: what was wrong with the answer."""
    from casekit.exercises.engine import Feedback

    from casekit.i18n import _

    shown = shorten(_safe_repr(answer), 80)
    if isinstance(exc, OverflowError):
        text = _("{answer} holds a number too large to work with; type the answer as an "
                 "ordinary number (such as 0.62, 62% or 1,234.5).").format(answer=shown)
    elif isinstance(exc, (RecursionError, MemoryError)):
        text = _("{answer} is nested too deeply or is too big to read; type the answer itself."
                 ).format(answer=shown)
    else:
        text = _("Could not check this answer: {error}: {detail}").format(
            error=type(exc).__name__, detail=shorten(exc, 200))
    return Feedback(False, 0.0, text)


def _safe_repr(value) -> str:
    try:
        text = repr(value) if not isinstance(value, int) or abs(value) < 10**50 else (
            f"a {len(str(abs(value))):,}-digit number")
    except Exception:  # noqa: BLE001
        text = f"<{type(value).__name__}>"
    return text
