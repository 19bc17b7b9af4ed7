"""``casekit assign``: each student their own world, in their own folder.

From a roster (a CSV with a student id column; name and email optional, Chinese names fine)
and the chosen exercise notebooks, write one folder per student::

    assignments/
        manifest.csv                  # student → seed → files (keep it; grading needs it)
        2024001/
            01_customer_selection.ipynb   # parameters: seed, n_customers, student_id, assignment
            casekit-assignment.json       # who, which assignment, practice or assess
            README.txt                    # what to do and what to hand back
    assignments.casekit-secret        # the course secret, beside the folder (never hand it out)

Seeds are a keyed hash of the assignment id and the student id under the course secret, so
re-running ``assign`` gives the same seeds and no student can work out another's.  The
parameters are injected with nbformat as papermill does (a cell tagged
``injected-parameters`` after the ``parameters`` cell); no notebook is executed, and the
stored outputs (which belong to the shipped world) are cleared.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from . import _files, mode

ID_COLUMNS = ("student_id", "id", "student", "学号", "sid", "username", "login")
NAME_COLUMNS = ("name", "姓名", "full_name", "student_name", "fullname")
EMAIL_COLUMNS = ("email", "e-mail", "mail", "邮箱")
MANIFEST_COLUMNS = ["student_id", "name", "email", "folder", "assignment", "seed", "n_customers",
                    "mode", "due", "release_after", "exercises", "files"]


@dataclass
class Roster:
    """Students read from a roster CSV, and the rows that could not be used."""

    students: pd.DataFrame
    problems: list[str] = field(default_factory=list)


def _pick(header, given, candidates, what, path, required):
    if given:
        if given not in header:
            raise ValueError(f"assign: the roster {path} has no column {given!r} for {what}; "
                             f"its columns are {', '.join(header) or '(none)'}")
        return given
    lower = {h.casefold(): h for h in header}
    for c in candidates:
        if c.casefold() in lower:
            return lower[c.casefold()]
    if required:
        raise ValueError(f"assign: the roster {path} has no student id column (looked for "
                         f"{', '.join(candidates)}); its columns are {', '.join(header) or '(none)'}. "
                         "Name the column with --id-column")
    return None


def read_roster(path, *, id_column=None, name_column=None, email_column=None) -> Roster:
    """Read a roster CSV: ``student_id``, ``name``, ``email`` (UTF-8; ids kept as text).

    A blank or repeated id is reported (file and row) and left out; the others go on.
    """
    path = Path(path)
    header, rows = _files.read_csv_rows(path, "assign: roster")
    idc = _pick(header, id_column, ID_COLUMNS, "the student id", path, True)
    namec = _pick(header, name_column, NAME_COLUMNS, "the name", path, False)
    emailc = _pick(header, email_column, EMAIL_COLUMNS, "the email", path, False)
    if not rows:
        raise ValueError(f"assign: the roster {path} has no students (only a header row)")
    problems, seen, out = [], {}, []
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        sid = row.get(idc, "")
        if not sid:
            if any(row.values()):
                problems.append(f"{path}, row {n}: no student id in column {idc!r}; row left out")
            continue
        if sid in seen:
            problems.append(f"{path}, row {n}: student id {sid!r} repeats row {seen[sid]}; "
                            "row left out")
            continue
        seen[sid] = n
        out.append({"student_id": sid, "name": row.get(namec, "") if namec else "",
                    "email": row.get(emailc, "") if emailc else "", "row": n})
    if not out:
        raise ValueError(f"assign: the roster {path} has no usable student ids in column {idc!r}")
    frame = pd.DataFrame(out, columns=["student_id", "name", "email", "row"])
    return Roster(frame, problems)


def notebooks_folder() -> Path:
    """The kit's exercise notebooks (``exercises/`` of the project)."""
    import casekit
    return Path(casekit.__file__).resolve().parents[1] / "exercises"


def resolve_exercises(spec, folder: Path | None = None) -> list[tuple[Path, list[str]]]:
    """``"01,04"`` → the exercise notebooks and the exercise ids each holds (by chapter)."""
    from casekit.exercises import catalog

    folder = Path(folder) if folder is not None else notebooks_folder()
    items = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if str(s).strip()]
    if not items:
        raise ValueError("assign: --exercises is empty; give notebook numbers such as 01,04")
    books = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    by_number = {p.name[:2]: p for p in books}
    cat = catalog()
    out, unknown = [], []
    for item in items:
        number = item.zfill(2) if item.isdigit() else item[:2]
        book = by_number.get(number)
        if book is None or not (item.isdigit() or item == book.stem or item == book.name):
            unknown.append(item)
            continue
        ids = list(cat.loc[cat["chapter"] == int(number), "id"])
        if not ids:
            unknown.append(item)
            continue
        if book not in [b for b, _ in out]:
            out.append((book, ids))
    if unknown:
        valid = ", ".join(p.name[:2] for p in books)
        raise ValueError(f"assign: unknown exercise notebook(s) {', '.join(map(repr, unknown))}; "
                         f"valid numbers in {folder} are {valid}")
    return out


def _parse_date(text, what):
    if text in (None, ""):
        return None
    try:
        return date.fromisoformat(str(text)).isoformat()
    except ValueError:
        raise ValueError(f"assign: {what}={text!r} is not a date like YYYY-MM-DD") from None


def inject(nb, parameters: dict):
    """Put parameters into a notebook as papermill does, without running it (in place)."""
    import nbformat

    lines = ["# Parameters"] + [f"{k} = {v!r}" for k, v in parameters.items()]
    new = nbformat.v4.new_code_cell("\n".join(lines) + "\n")
    new.metadata["tags"] = ["injected-parameters"]
    cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    at = next((i + 1 for i, c in enumerate(cells)
               if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    new["id"] = "injected-parameters"
    cells.insert(at, new)
    nb.cells = cells
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
    nb.metadata.pop("widgets", None)
    nb.metadata["papermill"] = {"parameters": parameters}
    return nb


README = """{title}

Student: {student_id} {name}
Assignment: {assignment}{due_line}
Mode: {mode}

1. Open the notebook(s) in this folder with JupyterLab (keep them in this folder).
2. Run all cells, answer each exercise in its widget and press Check.
   {mode_line}
3. Every Check is saved in casekit-progress.json in this folder.
4. Hand back this whole folder (or at least casekit-progress.json) as your instructor asks.

Do not change the parameters cell: your data (seed {seed}) is yours alone, and answers given on
other data are marked "wrong seed" when graded.
"""


def assign(roster, exercises, out, *, mode_: str = "practice", due=None, release_after=None,
           n_customers: int = 2000, secret: str | None = None, assignment: str | None = None,
           id_column=None, name_column=None, email_column=None, force: bool = False,
           zip_folders: bool = False, notebooks: Path | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Write each student's assignment folder and ``manifest.csv``; returns (manifest, notes).

    Raises ValueError for what stops the whole run (no id column, unknown exercises, an
    existing output folder without ``force``); rows that cannot be used are in the notes.
    """
    import nbformat

    if mode_ not in mode.MODES:
        raise ValueError(f"assign: --mode {mode_!r} must be one of {', '.join(mode.MODES)}")
    if isinstance(n_customers, bool) or not isinstance(n_customers, int) or n_customers < 100:
        raise ValueError(f"assign: --n-customers {n_customers!r} must be a whole number of at "
                         "least 100")
    due, release_after = _parse_date(due, "--due"), _parse_date(release_after, "--release-after")
    out = Path(out)
    books = resolve_exercises(exercises, notebooks)
    table = read_roster(roster, id_column=id_column, name_column=name_column,
                        email_column=email_column)
    if out.exists() and any(out.iterdir()):
        if not force:
            raise ValueError(f"assign: the output folder {out} exists and is not empty; choose "
                             "another or pass --force to replace it")
        shutil.rmtree(out)
    assignment = assignment or _files.safe_name(out.resolve().name)
    if not re.fullmatch(r"[\w.-]+", assignment):
        raise ValueError(f"assign: --assignment {assignment!r} must be letters, digits, . _ -")
    key = _files.course_secret(out, secret)
    token = mode.release_token(key, assignment)
    notes = list(table.problems)
    rows, folders, seeds = [], {}, {}
    sources = {b: nbformat.read(b, as_version=4) for b, _ in books}
    for s in table.students.itertuples(index=False):
        folder = _files.safe_name(s.student_id)
        if folder in folders:
            notes.append(f"{roster}, row {s.row}: student id {s.student_id!r} gives the same folder "
                         f"name as {folders[folder]!r}; row left out")
            continue
        seed = _files.derive_seed(key, assignment, s.student_id)
        k = 0
        while seed in seeds:  # never two students on one world
            k += 1
            seed = _files.derive_seed(key, assignment, f"{s.student_id}\0{k}")
        folders[folder], seeds[seed] = s.student_id, s.student_id
        target = out / folder
        target.mkdir(parents=True)
        params = {"seed": seed, "n_customers": n_customers, "student_id": s.student_id,
                  "assignment": assignment}
        files = []
        for book, _ids in books:
            nb = inject(nbformat.from_dict(json.loads(json.dumps(sources[book]))), params)
            nbformat.write(nb, target / book.name)
            files.append(book.name)
        spec = {"format": "casekit-assignment", "assignment": assignment,
                "student_id": s.student_id, "name": s.name, "seed": seed,
                "n_customers": n_customers, "mode": mode_, "due": due,
                "release_after": release_after, "release_check": mode.release_check(token),
                "exercises": [i for _, ids in books for i in ids], "files": files}
        _files.write_atomic(target / mode.ASSIGNMENT_FILE,
                            json.dumps(spec, ensure_ascii=False, indent=1) + "\n")
        _files.write_atomic(target / "README.txt", README.format(
            title=f"casekit assignment {assignment}", student_id=s.student_id, name=s.name,
            assignment=assignment, due_line=f"\nDue: {due} (end of day, UTC)" if due else "",
            mode=mode_, seed=seed,
            mode_line=("Assessed: the widget says your answer was recorded; whether it is right "
                       "is shown once your instructor releases feedback."
                       if mode_ == "assess" else "Practice: the feedback is shown at once.")))
        if zip_folders:
            shutil.make_archive(str(target), "zip", root_dir=out, base_dir=folder)
        rows.append({"student_id": s.student_id, "name": s.name, "email": s.email,
                     "folder": folder, "assignment": assignment, "seed": seed,
                     "n_customers": n_customers, "mode": mode_, "due": due or "",
                     "release_after": release_after or "",
                     "exercises": ";".join(i for _, ids in books for i in ids),
                     "files": ";".join(files)})
    manifest = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    _files.write_atomic(out / "manifest.csv", _files.csv_text(manifest))
    return manifest, notes


def read_manifest(path) -> pd.DataFrame:
    """The manifest written by :func:`assign` (ids as text, seeds as integers)."""
    path = Path(path)
    header, rows = _files.read_csv_rows(path, "grade: manifest")
    missing = [c for c in ("student_id", "seed", "n_customers", "assignment", "exercises")
               if c not in header]
    if missing:
        raise ValueError(f"grade: {path} is not a casekit manifest: no column(s) "
                         f"{', '.join(missing)} (write it with casekit assign)")
    if not rows:
        raise ValueError(f"grade: the manifest {path} has no students")
    frame = pd.DataFrame(rows)
    for c in MANIFEST_COLUMNS:
        if c not in frame:
            frame[c] = ""
    for n, (seed, size) in enumerate(zip(frame["seed"], frame["n_customers"]), start=2):
        if not (str(seed).isdigit() and str(size).isdigit()):
            raise ValueError(f"grade: {path}, row {n}: seed {seed!r} and n_customers {size!r} "
                             "must be whole numbers")
    frame["seed"] = frame["seed"].astype("int64")
    frame["n_customers"] = frame["n_customers"].astype("int64")
    dup = frame["student_id"][frame["student_id"].duplicated()]
    if len(dup):
        raise ValueError(f"grade: the manifest {path} lists student {dup.iloc[0]!r} twice")
    return frame[MANIFEST_COLUMNS]


def zip_folder(folder: Path, target: Path) -> Path:
    """Zip a folder (e.g. a student's, for an LMS upload)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(Path(folder).rglob("*")):
            if p.is_file():
                z.write(p, p.relative_to(folder))
    return target
