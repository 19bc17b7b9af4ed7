"""The class-mode subcommands of ``casekit``: assign, grade, report, release."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LOOP = """The whole loop, in five commands:
  casekit assign roster.csv --exercises 01,04 --out assignments/ --mode assess --due 2027-01-15
  (hand each student their folder assignments/<id>/; they answer and hand it back)
  casekit grade submissions.zip --manifest assignments/manifest.csv --out gradebook.csv
  casekit report gradebook.csv grading-report.csv
  casekit release assignments/      (after the due date: feedback and solutions visible)"""

ASSIGN = """Write one folder per student with the chosen exercise notebooks. Each notebook's
parameters carry the student's own seed, n_customers, student_id and assignment id (injected
as papermill does; nothing is executed). Seeds come from the roster and a course secret
(--secret, or one kept in OUT.casekit-secret beside the output folder): re-running gives the
same seeds, and no student can work out another's. manifest.csv records student -> seed ->
files; keep it for grading. The roster is a UTF-8 CSV with a student id column (student_id,
id, 学号, ... or --id-column); name and email are optional.

""" + LOOP

GRADE = """Re-check every answer students handed in, on each student's own world rebuilt from
the manifest, with the exercise's own check. SUBMISSIONS is a folder or a zip of progress
files (casekit-progress.json) and/or notebooks, as an LMS exports them: a folder per student,
files prefixed with the student id, or a zip per student. No student code is run. Writes the
gradebook (one row per student) and grading-report.csv beside it (one row per student and
exercise, with flags missing, late, wrong seed, tampered, other assignment, unreadable, and
one row per problem file). Bad submissions are reported, never fatal.

""" + LOOP

REPORT = """How the class did: per exercise the score distribution, share correct and the
most common known mistakes with their counts, and who has not handed anything in. Prints
the tables and writes them (CSV) with the charts (PNG) into --out.

""" + LOOP

RELEASE = """Release the feedback of an assess-mode assignment: writes casekit-release.json
into the assignments folder and each student's folder in it. Hand that file to the students
(they drop it beside their notebooks): verdicts then show and ex.solution() answers. The
file holds a token only the course secret makes, so students cannot forge it.

""" + LOOP


def _assign(args) -> int:
    from .assign import assign

    manifest, notes = assign(
        args.roster, args.exercises, args.out, mode_=args.mode, due=args.due,
        release_after=args.release_after, n_customers=args.n_customers, secret=args.secret,
        assignment=args.assignment, id_column=args.id_column, name_column=args.name_column,
        email_column=args.email_column, force=args.force, zip_folders=args.zip)
    for note in notes:
        print(f"skipped: {note}", file=sys.stderr)
    print(f"{len(manifest)} students assigned in {args.out} "
          f"(assignment {manifest['assignment'].iloc[0] if len(manifest) else '?'}, "
          f"{args.mode} mode); manifest: {Path(args.out) / 'manifest.csv'}")
    return 1 if notes else 0


def _grade(args) -> int:
    from .grade import default_jobs, grade

    book, rep = grade(args.submissions, args.manifest, args.out, args.report,
                      jobs=args.jobs or default_jobs())
    flagged = rep[rep["flags"].astype(str) != ""]
    print(f"graded {len(book)} students: {args.out}; report: "
          f"{args.report or Path(args.out).with_name('grading-report.csv')} "
          f"({len(flagged)} rows flagged)")
    return 0


def _report(args) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from .report import report

    r = report(args.gradebook, args.grading_report)
    out = Path(args.out) if args.out else Path(args.gradebook).resolve().parent / "class-report"
    for name, table in r.tables.items():
        print(f"\n== {name} ==")
        print(table.to_string(index=False) if len(table) else "(none)")
    paths = r.save(out)
    print(f"\n{len(paths)} files written to {out}")
    return 0


def _release(args) -> int:
    from .release import release

    written = release(args.folder, secret=args.secret, assignment=args.assignment)
    print(f"released: {written[0]} (and {len(written) - 1} student folders); hand "
          "casekit-release.json to the students")
    return 0


def add(sub) -> None:
    """Add the class-mode subcommands to the ``casekit`` parser."""
    fmt = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("assign", help="give each student their own world: notebooks + manifest",
                       description=ASSIGN, formatter_class=fmt)
    p.add_argument("roster", help="roster CSV (UTF-8) with a student id column")
    p.add_argument("--exercises", required=True,
                   help="exercise notebooks by number, comma-separated, e.g. 01,04")
    p.add_argument("--out", required=True, help="output folder (refused if it exists, see --force)")
    p.add_argument("--mode", choices=["practice", "assess"], default="practice",
                   help="practice: feedback at once (default); assess: answers recorded, "
                        "verdicts hidden until released")
    p.add_argument("--due", help="due date, YYYY-MM-DD (answers after its end, UTC, are late)")
    p.add_argument("--release-after", help="assess mode: show feedback from this date on")
    p.add_argument("--n-customers", type=int, default=2000,
                   help="customers in each student's world (default 2000)")
    p.add_argument("--secret", help="course secret (default: kept in OUT.casekit-secret)")
    p.add_argument("--assignment", help="assignment id (default: the output folder's name)")
    p.add_argument("--id-column", help="roster column with the student id")
    p.add_argument("--name-column", help="roster column with the name")
    p.add_argument("--email-column", help="roster column with the email")
    p.add_argument("--force", action="store_true", help="replace an existing output folder")
    p.add_argument("--zip", action="store_true", help="also zip each student's folder")
    p.set_defaults(func=_assign)

    p = sub.add_parser("grade", help="re-check submissions on each student's world: gradebook",
                       description=GRADE, formatter_class=fmt)
    p.add_argument("submissions", help="folder or zip of what students handed in")
    p.add_argument("--manifest", required=True, help="manifest.csv written by casekit assign")
    p.add_argument("--out", default="gradebook.csv", help="gradebook CSV (default gradebook.csv)")
    p.add_argument("--report", help="grading report CSV (default grading-report.csv beside --out)")
    p.add_argument("--jobs", type=int, default=0,
                   help="parallel processes (default: up to 4, one per CPU)")
    p.set_defaults(func=_grade)

    p = sub.add_parser("report", help="class report: scores, mistakes, missing students",
                       description=REPORT, formatter_class=fmt)
    p.add_argument("gradebook", help="gradebook.csv from casekit grade")
    p.add_argument("grading_report", help="grading-report.csv from casekit grade")
    p.add_argument("--out", help="folder for tables and charts (default class-report/ beside "
                                 "the gradebook)")
    p.set_defaults(func=_report)

    p = sub.add_parser("release", help="release the feedback of an assess-mode assignment",
                       description=RELEASE, formatter_class=fmt)
    p.add_argument("folder", help="the assignments folder written by casekit assign")
    p.add_argument("--secret", help="course secret (default: the one kept beside the folder)")
    p.add_argument("--assignment", help="assignment id, if the manifest holds several")
    p.set_defaults(func=_release)
