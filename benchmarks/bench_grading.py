"""Time ``casekit grade`` for a class: 200 students × 10 exercises on 2,000-customer worlds.

Run: ``python benchmarks/bench_grading.py [--students 200] [--jobs 1 2 4]``.  A class is
assigned (chapters 1 and 4, ten exercises), every student answers on their own world (a mix
of right and wrong answers, made in parallel and not timed), the submissions are zipped, and
grading is timed for each number of parallel processes.  Prints a table to stdout.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _answer(args):
    """One student answers every exercise of the manifest row into their progress file."""
    row, folder = args
    from casekit import synth
    from casekit.classroom import mode
    from casekit.exercises import make, store

    world = synth.make_world(int(row["seed"]), int(row["n_customers"]))
    file = Path(folder) / store.FILENAME
    for k, ex_id in enumerate(row["exercises"].split(";")):
        ex = make(ex_id, world)
        with mode.practice():
            right = ex.solution()
            answer = right if (k + int(row["seed"])) % 3 else "0.123"
            fb = ex.check(answer)
        store.record(ex_id, title=ex.title, answer=store.jsonable(answer), score=fb.score,
                     correct=fb.correct, misconception=fb.misconception, seed=world.seed,
                     n_customers=world.n_customers, student_id=row["student_id"],
                     assignment=row["assignment"], file=file)
    return row["student_id"]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, os.cpu_count() or 1])
    args = parser.parse_args(argv)
    import pandas as pd

    from casekit.classroom import assign, grade

    tmp = Path(tempfile.mkdtemp(prefix="casekit-bench-grading-"))
    roster = tmp / "roster.csv"
    roster.write_text("student_id,name\n" + "".join(
        f"s{k:04d},学生{k}\n" for k in range(args.students)), encoding="utf-8")
    manifest, _ = assign.assign(roster, "01,04", tmp / "class", n_customers=args.customers,
                                secret="bench")
    exercises = manifest["exercises"].iloc[0].split(";")
    keep = ";".join(exercises[:10])
    manifest["exercises"] = keep
    manifest.to_csv(tmp / "class" / "manifest.csv", index=False)
    t0 = time.perf_counter()
    tasks = [(row, tmp / "class" / row["folder"]) for row in manifest.to_dict("records")]
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(pool.map(_answer, tasks, chunksize=4))
    made = time.perf_counter() - t0
    zpath = tmp / "submissions.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        for row in manifest.to_dict("records"):
            z.write(tmp / "class" / row["folder"] / "casekit-progress.json",
                    f"{row['student_id']}_casekit-progress.json")
    rows = []
    for jobs in args.jobs:
        t0 = time.perf_counter()
        book, rep = grade.grade(zpath, tmp / "class" / "manifest.csv", tmp / f"gb{jobs}.csv",
                                jobs=jobs)
        seconds = time.perf_counter() - t0
        rows.append({"students": len(book), "exercises": len(keep.split(";")),
                     "answers": int((rep["exercise"] != "").sum()), "jobs": jobs,
                     "seconds": round(seconds, 1),
                     "per_student_ms": round(1000 * seconds * jobs / max(len(book), 1))})
    print(f"(answers made in {made:.0f} s, not timed; {os.cpu_count()} CPUs, load "
          f"{os.getloadavg()[0]:.1f})")
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
