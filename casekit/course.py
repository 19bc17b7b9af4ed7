"""The course's notebooks: which chapters there are, and ``casekit course DIR``.

A chapter is a notebook ``notebooks/NN_<slug>.ipynb`` with its exercises in
``exercises/NN_<slug>.ipynb``; ``exercises/00_how_exercises_work.ipynb`` introduces the
exercises, and ``notebooks/00_start_here.ipynb`` is the course's start page.  In a clone the
notebooks are the project's own folders; an installed wheel carries a copy inside the package,
which ``casekit course DIR`` writes out for a student.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import re
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
FOLDERS = ("notebooks", "exercises")
START_PAGE = "notebooks/00_start_here.ipynb"
INTRO_EXERCISES = "exercises/00_how_exercises_work.ipynb"
LAB_URL = "/lab/tree/" + START_PAGE          # JupyterLab 4
NOTEBOOK_URL = "/tree/" + START_PAGE         # Notebook 7
_NUMBERED = re.compile(r"^(\d\d)_[^/]+\.ipynb$")
_SKIP = {".ipynb_checkpoints", "_papermill"}


def course_root() -> Path:
    """The folder holding ``notebooks/`` and ``exercises/``: the clone, or the wheel's copy."""
    for candidate in (PACKAGE.parent, PACKAGE / "_course"):
        if (candidate / START_PAGE).is_file():
            return candidate
    raise FileNotFoundError(
        "casekit's course notebooks were not found (looked in "
        f"{PACKAGE.parent} and {PACKAGE / '_course'}); reinstall the package from its wheel")


@dataclasses.dataclass(frozen=True)
class Chapter:
    """One chapter: its number, title, notebook and exercise notebook (paths from the course root)."""

    number: int
    title: str
    notebook: str
    exercises: str | None


def title(path: str | Path) -> str:
    """The first ``# `` heading of a notebook, without its chapter number.

    >>> title(course_root() / "notebooks" / "04_customer_tiering.ipynb")
    'Customer tiering (客户分级)'
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        for line in source.splitlines():
            if line.startswith("# "):
                text = line[2:].strip()
                return re.sub(r"^(?:chapter\s+)?\d+\s*[·—:.-]\s*", "", text, flags=re.I)
    return Path(path).stem.replace("_", " ")


def chapters(root: str | Path | None = None) -> list[Chapter]:
    """Every chapter notebook ``notebooks/NN_*.ipynb`` (NN ≥ 01) that exists, in order."""
    root = Path(root) if root is not None else course_root()
    found = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        match = _NUMBERED.match(path.name)
        if not match or int(match.group(1)) == 0:
            continue
        exercises = root / "exercises" / path.name
        found.append(Chapter(int(match.group(1)), title(path), f"notebooks/{path.name}",
                             f"exercises/{path.name}" if exercises.is_file() else None))
    return found


def extras(root: str | Path | None = None) -> list[str]:
    """Notebooks of ``notebooks/`` that are neither a chapter nor the start page (paths)."""
    root = Path(root) if root is not None else course_root()
    return [f"notebooks/{p.name}" for p in sorted((root / "notebooks").glob("*.ipynb"))
            if not _NUMBERED.match(p.name)]


def _files(root: Path) -> list[Path]:
    out = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and not _SKIP.intersection(rel.parts) and \
                    path.name != "casekit-progress.json":
                out.append(rel)
    return out


def open_instructions(dest: Path) -> str:
    """How to open the course written to ``dest``, for the Jupyter that is installed."""
    start = dest / START_PAGE
    if importlib.util.find_spec("jupyterlab") is not None:
        how = (f"  cd {dest}\n"
               f"  jupyter lab --LabApp.default_url={LAB_URL}\n"
               "(as root, e.g. in a container, add --allow-root)")
    elif importlib.util.find_spec("notebook") is not None:
        how = f"  cd {dest}\n  jupyter notebook {START_PAGE}"
    else:
        how = (f"  pip install \"casekit[lab]\"        # JupyterLab, if your Jupyter is elsewhere\n"
               f"  cd {dest}\n"
               f"  jupyter lab --LabApp.default_url={LAB_URL}")
    return f"Open the course on its start page, {start}:\n{how}"


def write_course(dest: str | Path, *, root: str | Path | None = None) -> tuple[list[Path], list[Path]]:
    """Copy the course's notebooks and exercises into ``dest``; returns (written, kept).

    A file that is already there is kept as it is (it may hold a student's work), so running
    this again only adds what is missing.
    """
    root = Path(root) if root is not None else course_root()
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"casekit course: {str(dest)!r} is a file; expected a folder to write "
                         "the course into")
    written, kept = [], []
    for rel in _files(root):
        target = dest / rel
        if target.exists():
            kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, target)
        written.append(target)
    return written, kept
