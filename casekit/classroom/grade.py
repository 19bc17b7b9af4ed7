"""``casekit grade``: re-check every recorded answer on the student's own world.

SUBMISSIONS is a folder or a zip of what students handed in — their ``casekit-progress.json``
and/or their exercise notebooks — in the shapes LMSs export: a folder per student (named by
the id, or by the name as Moodle does), files prefixed with the student id
(``2024001_casekit-progress.json``), or one zip per student inside.  For every student of the
manifest, their world is rebuilt from the manifest's seed and size (never from what the
student's file claims) and every recorded answer is checked again with the exercise's own
check.  No student code is run: answers are data.

Two CSV files are written, each atomically:

* the gradebook: one row per student — id, name, one score (0 to 1) per exercise, total,
  late;
* the grading report: one row per student × exercise — answer, score, correct, misconception,
  the stored score, and flags: ``missing``, ``late``, ``wrong seed`` (answered on another
  world), ``tampered`` (the stored score differs from the re-check), ``other assignment``,
  ``unreadable`` — plus one row per problem file (corrupt, empty, foreign, duplicate, unknown
  student), with the reason.  A bad submission never stops the run.
"""

from __future__ import annotations

import ast
import io
import json
import math
import os
import re
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from casekit.exercises import store

from . import _files, assign as _assign, mode

REPORT_COLUMNS = ["student_id", "name", "exercise", "answer", "score", "correct",
                  "misconception", "stored_score", "answered_seed", "flags", "file", "note"]
MAX_FILE = 50_000_000  # bytes: a bigger "progress file" is not one


@dataclass
class Submission:
    """What one student handed in: records from progress files, notebooks, notes."""

    records: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    progress_files: list[str] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Reading submissions
# --------------------------------------------------------------------------------------------

def _entries(source: Path, problems: list[dict]):
    """``(relative path, bytes or exception)`` for every file of a folder or zip, zips opened."""
    if source.is_dir():
        for p in sorted(source.rglob("*")):
            if p.is_file():
                rel = p.relative_to(source).as_posix()
                try:
                    data = p.read_bytes() if p.stat().st_size <= MAX_FILE else ValueError(
                        f"is {p.stat().st_size:,} bytes, too big for a submission file")
                except OSError as exc:
                    data = exc
                yield from _expand(rel, data, problems)
    elif source.is_file():
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise ValueError(f"grade: cannot read {source} ({exc.strerror or exc})") from None
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ValueError(f"grade: {source} is neither a folder nor a zip file (it may be "
                             "truncated: download it again)")
        yield from _expand("", data, problems, top=source)
    else:
        raise ValueError(f"grade: the submissions {source} do not exist")


def _expand(rel: str, data, problems, top: Path | None = None):
    if isinstance(data, bytes) and (top is not None or rel.lower().endswith(".zip")):
        where = str(top) if top is not None else rel
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = [i for i in archive.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            if top is not None:
                raise ValueError(f"grade: {where} is not a readable zip ({exc}); it may be "
                                 "truncated: download it again") from None
            problems.append({"file": where, "flags": "unreadable",
                             "note": f"not a readable zip ({exc}); it may be truncated"})
            return
        prefix = rel[:-4] + "/" if rel else ""
        for info in names:
            name = prefix + info.filename
            if info.file_size > MAX_FILE:
                yield name, ValueError(f"is {info.file_size:,} bytes, too big for a submission file")
                continue
            try:
                inner = archive.read(info)
            except Exception as exc:  # noqa: BLE001 - CRC errors, truncated members
                inner = exc
            yield from _expand(name, inner, problems)
        return
    yield rel, data


def _ignored(rel: str) -> bool:
    parts = rel.split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


_TOKEN = re.compile(r"[\s_\-.@()\[\]]+")


def _owner(rel: str, manifest: pd.DataFrame, by_folder: dict, by_name: dict) -> set[str]:
    """The students a path names: a folder equal to an id, tokens equal to an id, a name."""
    parts = rel.split("/")
    found = set()
    for part in parts:
        if part in by_folder:
            found.add(by_folder[part])
    if found:
        return found
    for part in parts:
        tokens = set(_TOKEN.split(part))
        found |= {by_folder[t] for t in tokens if t in by_folder}
    if found:
        return found
    for part in parts:
        for name, sid in by_name.items():
            if part.startswith(name):
                found.add(sid)
    return found


def _notebook_parameters(data: bytes) -> dict:
    """``seed``, ``n_customers``, ``student_id``, ``assignment`` as a notebook states them."""
    nb = json.loads(data.decode("utf-8"))
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError("is not a Jupyter notebook")
    params = {}
    for tag in ("parameters", "injected-parameters"):  # the injected cell wins
        for cell in nb["cells"]:
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            if tag not in (cell.get("metadata", {}) or {}).get("tags", []):
                continue
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else str(src)
            for line in src.splitlines():
                m = re.match(r"^\s*(seed|n_customers|student_id|assignment)\s*=\s*(.+?)\s*$", line)
                if m:
                    try:
                        params[m.group(1)] = ast.literal_eval(m.group(2))
                    except (ValueError, SyntaxError):
                        params[m.group(1)] = m.group(2)
    return params


def collect(source, manifest: pd.DataFrame) -> tuple[dict[str, Submission], list[dict]]:
    """Read every submission file and give it to its student; problems as report rows."""
    source = Path(source)
    problems: list[dict] = []
    by_folder = {}
    for sid, folder in zip(manifest["student_id"], manifest["folder"]):
        by_folder[sid] = sid
        if folder:
            by_folder.setdefault(folder, sid)
        by_folder.setdefault(_files.safe_name(sid), sid)
    names = manifest.loc[manifest["name"].str.len() >= 2, ["name", "student_id"]]
    counts = names["name"].value_counts()
    by_name = {n: s for n, s in zip(names["name"], names["student_id"]) if counts[n] == 1}
    subs = {sid: Submission() for sid in manifest["student_id"]}
    for rel, data in _entries(source, problems):
        if _ignored(rel) or rel.rsplit("/", 1)[-1] in (mode.ASSIGNMENT_FILE, mode.RELEASE_FILE):
            continue  # hidden files, and the kit's own files handed back with the folder
        low = rel.lower()
        is_nb, is_json = low.endswith(".ipynb"), low.endswith(".json")
        if not (is_nb or is_json):
            continue
        where = f"{source.name}/{rel}" if rel else source.name
        owners = _owner(rel, manifest, by_folder, by_name)
        if isinstance(data, Exception):
            row = {"file": where, "flags": "unreadable", "note": f"cannot be read: {data}"}
            if len(owners) == 1:
                sid = next(iter(owners))
                subs[sid].notes.append(row)
            else:
                problems.append(row)
            continue
        claimed, parsed, kind = None, None, None
        try:
            if not data.strip():
                raise ValueError("is empty")
            if is_nb:
                parsed, kind = _notebook_parameters(data), "notebook"
                claimed = parsed.get("student_id")
            else:
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    raise ValueError("is not a text file") from None
                try:
                    recs, notes = store.parse(text)
                except store.Corrupt as exc:
                    raise ValueError(str(exc)) from None
                parsed, kind = (recs, notes), "progress"
                ids = {r["student_id"] for r in recs.values() if r.get("student_id")}
                claimed = next(iter(ids)) if len(ids) == 1 else None
        except ValueError as exc:
            row = {"file": where, "flags": "unreadable", "note": f"{exc}"}
            (subs[next(iter(owners))].notes if len(owners) == 1 else problems).append(row)
            continue
        if not owners and claimed is not None and str(claimed) in subs:
            owners = {str(claimed)}
        if len(owners) != 1:
            why = ("names no student of the manifest" if not owners else
                   f"could belong to {len(owners)} students ({', '.join(sorted(owners))})")
            problems.append({"student_id": "" if claimed is None else str(claimed),
                             "file": where, "flags": "unknown student",
                             "note": f"{kind} file {why}; not graded"})
            continue
        sid = next(iter(owners))
        sub = subs[sid]
        sub.files.append(where)
        if claimed is not None and str(claimed) != sid:
            sub.notes.append({"file": where, "flags": "other student",
                              "note": f"the file says it is student {claimed!r}'s"})
        if kind == "notebook":
            sub.notebooks.append(where)
            row = manifest.loc[manifest["student_id"] == sid].iloc[0]
            seed = parsed.get("seed")
            if seed is not None and seed != int(row["seed"]):
                sub.notes.append({"file": where, "flags": "wrong seed",
                                  "note": f"the notebook's parameters say seed {seed!r}, the "
                                          f"manifest {int(row['seed'])}"})
            continue
        recs, notes = parsed
        sub.progress_files.append(where)
        for note in notes:
            sub.notes.append({"file": where, "flags": "unreadable", "note": note})
        for k, rec in recs.items():
            rec = dict(rec, _file=where)
            old = sub.records.get(k)
            sub.records[k] = rec if old is None else store._later(old, rec)
    for sid, sub in subs.items():
        if len(sub.progress_files) > 1:
            sub.notes.append({"file": "; ".join(sub.progress_files), "flags": "duplicate",
                              "note": f"{len(sub.progress_files)} progress files for one "
                                      "student; the latest answer to each exercise is graded"})
    return subs, problems


# --------------------------------------------------------------------------------------------
# Grading one student
# --------------------------------------------------------------------------------------------

def _due_end(due: str):
    if not due:
        return None
    return datetime.fromisoformat(f"{due}T23:59:59.999+00:00")


def _late(rec, due_end) -> bool:
    if due_end is None or not rec.get("last_time"):
        return False
    try:
        t = datetime.fromisoformat(str(rec["last_time"]).replace("Z", "+00:00"))
    except ValueError:
        return False
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t > due_end


def _answer_text(answer) -> str:
    if isinstance(answer, str):
        return store.shorten(answer, 300)
    return store.shorten(json.dumps(answer, ensure_ascii=False), 300)


def grade_student(row: dict, records: list[dict]) -> list[dict]:
    """The report rows of one student: every exercise of the manifest, re-checked."""
    from casekit import synth
    from casekit.exercises import make

    sid, seed, size = row["student_id"], int(row["seed"]), int(row["n_customers"])
    due_end = _due_end(row.get("due", ""))
    exercises = [e for e in str(row["exercises"]).split(";") if e]
    base = {"student_id": sid, "name": row.get("name", "")}
    out = []
    world, worlds = None, {}
    try:
        if records:
            world = synth.make_world(seed, size)
    except Exception as exc:  # noqa: BLE001
        return [dict(base, exercise=e, score=0.0, correct=False, flags="unreadable",
                     note=f"the world seed {seed} could not be built: {exc}") for e in exercises]
    for ex_id in exercises:
        mine = [r for r in records if r.get("exercise") == ex_id]
        other = [r for r in mine if r.get("assignment") not in (None, "", row["assignment"])]
        mine = [r for r in mine if r not in other]
        own = [r for r in mine if r.get("seed") == seed and r.get("n_customers") == size]
        flags, note = [], ""
        if own:
            rec = max(own, key=lambda r: r.get("last_time") or "")
        elif mine:
            rec = max(mine, key=lambda r: r.get("last_time") or "")
            flags.append("wrong seed")
            note = (f"answered on seed {rec.get('seed')} with {rec.get('n_customers')} customers, "
                    f"not the student's seed {seed} with {size}; re-checked on the student's world")
        else:
            rec = None
        if rec is None:
            flags.append("missing")
            if other:
                flags.append("other assignment")
                note = (f"only answers for assignment {other[0].get('assignment')!r}, not "
                        f"{row['assignment']!r}")
            out.append(dict(base, exercise=ex_id, answer="", score=0.0, correct=False,
                            misconception="", stored_score="", answered_seed="",
                            flags="; ".join(flags), file="", note=note))
            continue
        try:
            with mode.practice():
                fb = make(ex_id, world).check(rec.get("answer"))
            score, correct, misconception = float(fb.score), bool(fb.correct), fb.misconception
        except Exception as exc:  # noqa: BLE001 - never crash on one answer
            score, correct, misconception = 0.0, False, None
            flags.append("unreadable")
            note = f"could not be re-checked: {type(exc).__name__}: {store.shorten(exc, 200)}"
        stored = rec.get("score")
        claimed = (score, correct)
        if "wrong seed" in flags:  # the stored score belongs to the world it was given on
            claimed = _claimed_check(ex_id, rec, worlds)
        if stored is None and rec.get("correct") is None:
            claimed = None  # assess mode: no score kept on the student's side, nothing to compare
        if claimed is not None and (
                not isinstance(stored, (int, float)) or isinstance(stored, bool)
                or not math.isclose(float(stored), claimed[0], abs_tol=1e-6)
                or bool(rec.get("correct")) != claimed[1]):
            flags.append("tampered")
            note = (note + "; " if note else "") + (
                f"the file says score {stored!r}, correct {rec.get('correct')!r}; the re-check "
                f"gives {claimed[0]:g}")
        if _late(rec, due_end):
            flags.append("late")
        out.append(dict(base, exercise=ex_id, answer=_answer_text(rec.get("answer")),
                        score=round(score, 6), correct=correct, misconception=misconception or "",
                        stored_score="" if stored is None else stored, answered_seed=rec.get("seed"),
                        flags="; ".join(flags), file=rec.get("_file", ""), note=note))
    return out


def _claimed_check(ex_id: str, rec: dict, worlds: dict):
    """``(score, correct)`` of a record on the world it says it was given on (or None)."""
    from casekit import synth
    from casekit.exercises import make

    seed, size = rec.get("seed"), rec.get("n_customers")
    if not (isinstance(seed, int) and isinstance(size, int) and 100 <= size <= 200_000):
        return None
    try:
        if (seed, size) not in worlds:
            worlds[(seed, size)] = synth.make_world(seed, size)
        with mode.practice():
            fb = make(ex_id, worlds[(seed, size)]).check(rec.get("answer"))
        return float(fb.score), bool(fb.correct)
    except Exception:  # noqa: BLE001
        return None


def _grade_job(args):
    row, records = args
    try:
        return grade_student(row, records)
    except Exception as exc:  # noqa: BLE001 - one student's trouble never stops the others
        return [{"student_id": row["student_id"], "name": row.get("name", ""), "exercise": "",
                 "flags": "unreadable", "note": f"grading failed: {type(exc).__name__}: {exc}"}]


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------

def grade(submissions, manifest, out="gradebook.csv", report=None, *, jobs: int = 1):
    """Grade a folder or zip of submissions; write the gradebook and the grading report.

    Returns ``(gradebook, report)`` as DataFrames.  ``jobs`` > 1 grades students in parallel
    processes.
    """
    frame = manifest if isinstance(manifest, pd.DataFrame) else _assign.read_manifest(manifest)
    out = Path(out)
    report = Path(report) if report is not None else out.with_name("grading-report.csv")
    subs, problems = collect(submissions, frame)
    tasks = []
    for row in frame.to_dict("records"):
        recs = list(subs[row["student_id"]].records.values())
        tasks.append((row, recs))
    if jobs and jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_grade_job, tasks, chunksize=max(1, len(tasks) // (4 * jobs))))
    else:
        results = [_grade_job(t) for t in tasks]
    rows = []
    for (row, _recs), result in zip(tasks, results):
        sub = subs[row["student_id"]]
        base = {"student_id": row["student_id"], "name": row["name"], "exercise": ""}
        if not sub.files and not sub.notes:
            rows.append(dict(base, flags="missing", note="no submission"))
        elif not sub.progress_files:
            rows.append(dict(base, flags="missing", file="; ".join(sub.files),
                             note="no casekit-progress.json handed in (the answers are in that "
                                  "file, beside the notebook)"))
        rows += [dict(base, **n) for n in sub.notes]
        rows += result
    rows += [dict({"student_id": "", "name": "", "exercise": ""}, **p) for p in problems]
    rep = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    rep = rep.astype({c: object for c in REPORT_COLUMNS})
    rep = rep.where(rep.notna(), "")
    book = gradebook(frame, rep)
    _files.write_atomic(out, _files.csv_text(book))
    _files.write_atomic(report, _files.csv_text(rep))
    return book, rep


def gradebook(manifest: pd.DataFrame, report: pd.DataFrame) -> pd.DataFrame:
    """One row per student: id, name, a score per exercise, total, late."""
    exercises = list(dict.fromkeys(e for s in manifest["exercises"] for e in str(s).split(";") if e))
    graded = report[report["exercise"].isin(exercises)]
    scores = (graded.assign(score=pd.to_numeric(graded["score"], errors="coerce").fillna(0.0))
              .pivot_table(index="student_id", columns="exercise", values="score", aggfunc="max"))
    book = manifest[["student_id", "name"]].set_index("student_id")
    book = book.join(scores.reindex(columns=exercises)).fillna({e: 0.0 for e in exercises})
    book["total"] = book[exercises].sum(axis=1).round(6)
    late = graded["flags"].str.contains("late", regex=False)
    late_ids = set(graded.loc[late, "student_id"])
    book["late"] = [sid in late_ids for sid in book.index]
    return book.reset_index()[["student_id", "name", *exercises, "total", "late"]]


def default_jobs() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
