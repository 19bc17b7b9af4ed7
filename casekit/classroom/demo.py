"""A small made-up class, to try the grading loop before a real one hands anything in.

:func:`demo_class` assigns exercises to a dozen students with Chinese names, lets each answer
on their own world as the widget's Check button would (some right, some wrong or partly
right, some exercises skipped, one student handing in nothing), then makes the usual trouble:
one score edited by hand, one student answering on a neighbour's seed, one corrupt file.  The
submissions land in one folder, a folder per student, as an LMS exports them.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

NAMES = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "黄丽", "赵强", "吴芳", "周杰", "徐娟", "孙涛",
         "马超", "朱霞", "胡明", "郭平"]


def _wrong(ex, right, k: int):
    """A wrong answer as students give them: a known mistake where there is one, else partly right."""
    if ex.kind == "numeric":
        known = [m.value for m in ex.misconceptions()]
        if not known:
            return str(float(right) * 1.7)
        pick = known[0] if k % 3 else known[k % len(known)]  # one mistake is the common one
        return str(round(float(pick), 6)) if known else str(float(right) * 1.7)
    if ex.kind in ("choice", "explore"):
        wrong = [o for o in ex.options() if o != right]
        return wrong[k % len(wrong)]
    if ex.kind == "multichoice":
        return [right[0]] if k % 2 and len(right) > 1 else (
            [right[0]] + [o for o in ex.options() if o not in right][:1])
    return [right[1], right[0], *right[2:]] if k % 2 else list(reversed(right))


def _plain(answer):
    return round(float(answer), 6) if isinstance(answer, float) else answer


def demo_class(folder, *, exercises="00,04", n_students: int = 12, n_customers: int = 500,
               secret: str = "demo-course") -> dict:
    """Build a demo class in ``folder``; returns the paths of roster, assignments, submissions."""
    from casekit import synth
    from casekit.exercises import make, store

    from . import assign as _assign, mode

    folder = Path(folder)
    if not 2 <= n_students <= len(NAMES):
        raise ValueError(f"demo_class: n_students={n_students} must be between 2 and {len(NAMES)}")
    roster = folder / "roster.csv"
    folder.mkdir(parents=True, exist_ok=True)
    with open(roster, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["student_id", "name"])
        for k in range(n_students):
            w.writerow([f"S{k + 1:04d}", NAMES[k]])  # made-up student numbers
    out = folder / "assignments"
    manifest, _ = _assign.assign(roster, exercises, out, n_customers=n_customers,
                                 secret=secret, force=True, assignment="demo")
    submissions = folder / "submissions"
    shutil.rmtree(submissions, ignore_errors=True)
    rows = manifest.to_dict("records")
    for k, row in enumerate(rows):
        if k == n_students - 1:      # hands in nothing
            continue
        seed = int(rows[k + 1]["seed"]) if k == 4 else int(row["seed"])  # k=4: neighbour's seed
        world = synth.make_world(seed, n_customers)
        file = submissions / row["student_id"] / store.FILENAME
        for j, ex_id in enumerate(row["exercises"].split(";")):
            if (k + j) % 5 == 4:     # skipped
                continue
            ex = make(ex_id, world)
            with mode.practice():
                right = _plain(ex.solution())
                answer = right if (k + j) % 3 else _wrong(ex, right, k)
                fb = ex.check(answer)
            saved = store.record(ex_id, title=ex.title, answer=answer, score=fb.score,
                                 correct=fb.correct, misconception=fb.misconception, seed=seed,
                                 n_customers=n_customers, student_id=row["student_id"],
                                 assignment=row["assignment"], file=file)
            if not saved.ok:
                raise OSError(saved.message)
        lock = file.with_name(f".{file.name}.lock")
        if lock.exists():
            os.unlink(lock)
    # a score edited by hand (student 2) and a file cut short (student 3)
    edited = submissions / rows[2]["student_id"] / store.FILENAME
    data = json.loads(edited.read_text(encoding="utf-8"))
    key = min(k for k, r in data["records"].items() if r["score"] < 1)
    data["records"][key].update(score=1.0, best_score=1.0, correct=True)
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cut = submissions / rows[3]["student_id"] / store.FILENAME
    cut.write_bytes(cut.read_bytes()[:300])
    return {"roster": roster, "assignments": out, "manifest": out / "manifest.csv",
            "submissions": submissions}
