"""Getting into the course: the wheel, ``casekit course``, the signposts, and the README's commands.

* The built wheel, installed in a fresh virtual environment outside the repository, writes the
  course with ``casekit course DIR`` and runs a chapter notebook there; installed at the lowest
  versions ``pyproject.toml`` allows, it runs every chapter notebook and every exercise.
* The start page links every chapter and exercise notebook that exists; every chapter links its
  exercises at its start and end, and every exercise notebook links back.
* The README's set-up commands are the Makefile's, and CI runs the README's test command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pytest

from casekit import cli, course

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import course_pages  # noqa: E402

CHAPTERS = course.chapters(ROOT)
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _links(path: Path, cells) -> set[Path]:
    """Targets of the markdown links in ``cells``, resolved from the notebook's folder."""
    out = set()
    for cell in cells:
        if cell.cell_type == "markdown":
            out |= {(path.parent / t).resolve() for _, t in LINK.findall(cell.source)
                    if "://" not in t}
    return out


def _title_index(nb) -> int:
    return next(i for i, c in enumerate(nb.cells)
                if c.cell_type == "markdown" and c.source.lstrip().startswith("# "))


# -- the signposts ------------------------------------------------------------------------------

def test_the_course_has_chapters_with_exercises():
    assert [c.number for c in CHAPTERS] == sorted({c.number for c in CHAPTERS})
    assert len(CHAPTERS) >= 6
    missing = [c.notebook for c in CHAPTERS if c.exercises is None]
    assert not missing, f"chapters without an exercise notebook: {missing}"
    assert all(c.title and not c.title[0].isdigit() for c in CHAPTERS)


def test_start_page_links_every_chapter_and_exercise_notebook():
    start = ROOT / course.START_PAGE
    nb = nbformat.read(start, as_version=4)
    links = _links(start, nb.cells)
    expected = {(ROOT / course.INTRO_EXERCISES).resolve()}
    for ch in CHAPTERS:
        expected |= {(ROOT / ch.notebook).resolve(), (ROOT / ch.exercises).resolve()}
    expected |= {(ROOT / p).resolve() for p in course.extras(ROOT) if p != course.START_PAGE}
    assert expected <= links, f"not linked from the start page: {sorted(map(str, expected - links))}"
    broken = [str(p) for p in links if not p.is_file()]
    assert not broken, f"the start page links files that do not exist: {broken}"


def test_signposts_are_up_to_date():
    """``python tools/course_pages.py`` has been run since the last chapter landed."""
    stale = course_pages.update(ROOT, write=False)
    assert not stale, f"out of date (run `make pages`): {stale}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[Path(c.notebook).stem for c in CHAPTERS])
def test_chapter_and_its_exercises_link_each_other_at_start_and_end(chapter):
    chapter_path, exercise_path = ROOT / chapter.notebook, ROOT / chapter.exercises
    start = (ROOT / course.START_PAGE).resolve()
    nb = nbformat.read(chapter_path, as_version=4)
    title = _title_index(nb)
    assert exercise_path.resolve() in _links(chapter_path, nb.cells[title + 1:title + 2]), \
        f"{chapter.notebook}: the cell after the title does not link {chapter.exercises}"
    assert exercise_path.resolve() in _links(chapter_path, nb.cells[-1:]), \
        f"{chapter.notebook}: the last cell does not link {chapter.exercises}"
    ex = nbformat.read(exercise_path, as_version=4)
    title = _title_index(ex)
    for where, cells in (("after the title", ex.cells[title + 1:title + 2]), ("last", ex.cells[-1:])):
        links = _links(exercise_path, cells)
        assert {chapter_path.resolve(), start} <= links, \
            f"{chapter.exercises}: the {where} cell does not link its chapter and the start page"


def test_intro_exercises_link_the_start_page_and_the_first_chapter():
    path = ROOT / course.INTRO_EXERCISES
    nb = nbformat.read(path, as_version=4)
    wanted = {(ROOT / course.START_PAGE).resolve(), (ROOT / CHAPTERS[0].notebook).resolve()}
    title = _title_index(nb)
    assert wanted <= _links(path, nb.cells[title + 1:title + 2])
    assert wanted <= _links(path, nb.cells[-1:])


def test_every_notebook_says_how_to_install_the_kit_at_its_start():
    for path in [ROOT / course.INTRO_EXERCISES] + [ROOT / p for ch in CHAPTERS
                                                   for p in (ch.notebook, ch.exercises)]:
        nb = nbformat.read(path, as_version=4)
        opening = " ".join(c.source for c in nb.cells[:_title_index(nb) + 2])
        assert "import casekit" in opening and "pip install" in opening, path.name
    start = nbformat.read(ROOT / course.START_PAGE, as_version=4)
    assert any("pip install" in c.source for c in start.cells if c.cell_type == "markdown")


# -- the command line ---------------------------------------------------------------------------

def test_version(capsys):
    import casekit

    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"casekit {casekit.__version__}"
    assert casekit.__version__ == PYPROJECT["project"]["version"]


def test_course_writes_the_notebooks_and_keeps_a_students_work(tmp_path, capsys):
    dest = tmp_path / "my course"
    assert cli.main(["course", str(dest)]) == 0
    out = capsys.readouterr().out
    shipped = sorted(p.relative_to(ROOT) for f in ("notebooks", "exercises")
                     for p in (ROOT / f).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    written = sorted(p.relative_to(dest) for p in dest.rglob("*.ipynb"))
    assert written == shipped
    assert f"wrote {len(shipped)} notebooks" in out
    assert str(dest / course.START_PAGE) in out and "jupyter" in out

    mine = dest / CHAPTERS[0].exercises
    mine.write_text("my answers", encoding="utf-8")
    assert cli.main(["course", str(dest)]) == 0
    assert mine.read_text(encoding="utf-8") == "my answers"
    assert f"kept {len(shipped)} already there" in capsys.readouterr().out


def test_course_into_a_file_is_a_clear_error(tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("x")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["course", str(target)])
    assert exit_.value.code == 2
    assert "is a file; expected a folder" in capsys.readouterr().err


# -- metadata -----------------------------------------------------------------------------------

def _bounds() -> dict[str, str]:
    """Each runtime dependency's lower bound, from pyproject.toml."""
    out = {}
    for dep in PYPROJECT["project"]["dependencies"]:
        name, _, low = re.match(r"^([A-Za-z0-9_.-]+)\s*(>=\s*([\w.]+))", dep).groups()
        out[name.lower()] = low
    return out


def test_dependencies_are_what_runs_inside_any_jupyter():
    names = set(_bounds())
    assert {"numpy", "pandas", "matplotlib", "ipywidgets"} <= names
    assert not names & {"jupyterlab", "notebook", "jupyter", "pytest", "nbval", "playwright"}, \
        "a Jupyter server or a test tool is a runtime dependency"
    assert "jupyterlab" in " ".join(PYPROJECT["project"]["optional-dependencies"]["lab"])


def test_requires_python_promises_no_version_a_dependency_refuses():
    from importlib.metadata import metadata

    from packaging.specifiers import SpecifierSet

    ours = SpecifierSet(PYPROJECT["project"]["requires-python"])
    for name in _bounds():
        theirs = SpecifierSet(metadata(name).get("Requires-Python") or "")
        for minor in range(8, 16):
            version = f"3.{minor}"
            assert not (version in ours and version not in theirs), \
                f"requires-python {ours} admits Python {version}, which {name} does not"
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in ours


def test_environment_yml_has_the_same_bounds_and_installs_the_kit():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for name, low in _bounds().items():
        assert re.search(rf"^\s*-\s*{name}>={re.escape(low)}\s*$", text, re.M), \
            f"environment.yml: {name}>={low} (as in pyproject.toml)"
    assert re.search(r"^\s*-\s*-e \.\s*$", text, re.M), \
        "environment.yml must install the kit with an unquoted local path (repo2docker detects it)"


def test_license_covers_the_code_and_states_the_cdnow_terms():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "CDNOW" in text and "Fader" in text and "datasets/real/cdnow/SOURCE.md" in text
    assert PYPROJECT["project"]["license"] == "MIT"


# -- the README's commands ----------------------------------------------------------------------

def _blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, re.S)


def _commands(block: str) -> list[str]:
    return [line.split("  #")[0].strip() for line in block.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _make_var(name: str) -> str:
    return re.search(rf"^{name}\s*:?=\s*(.+)$", MAKEFILE, re.M).group(1).strip()


def test_readme_set_up_commands_are_the_makefiles_and_ci_runs_them():
    commands = [c for b in _blocks(README) for c in _commands(b)]
    assert "make lab" in commands and "make test" in commands
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.lstrip().startswith("#")]
    assert ci[-1] == "make test", "CI must end by running the README's test command"

    # without make: the same installs and the same JupyterLab command as the Makefile
    lab_line = f"jupyter lab {_make_var('LAB_ARGS')}"
    assert lab_line in commands, f"README lacks {lab_line!r}"
    assert re.search(r"^\t\$\(VENV\)/bin/jupyter lab \$\(LAB_ARGS\)$", MAKEFILE, re.M)
    assert '-e ".[$(1)]"' in MAKEFILE
    assert "$(call install,lab," in MAKEFILE and "$(call install,lab$(,)test," in MAKEFILE
    assert 'pip install -e ".[lab]"' in commands and 'pip install -e ".[lab,test]"' in commands
    assert re.search(r"^\t\$\(PY\) -m pytest$", MAKEFILE, re.M) and "python -m pytest" in commands
    # conda: the same JupyterLab command
    assert "conda env create -f environment.yml" in commands
    # from a wheel: the command exists
    assert any(re.fullmatch(r"casekit course \S+", c) for c in commands)


def test_binder_badge_lands_on_the_start_page():
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)]*\?labpath=([^)&]+)\)", README)
    assert badge, "README has no Binder badge"
    assert badge.group(1).replace("%2F", "/") == course.START_PAGE


# -- the wheel, outside the repository ----------------------------------------------------------

def _installer() -> list[str] | None:
    uv = shutil.which("uv", path=os.path.dirname(sys.executable)) or shutil.which("uv")
    return [uv, "pip", "install", "--python"] if uv else None


def _install(venv: Path, *requirements: str, constraints: Path | None = None,
             compile_bytecode: bool = False) -> None:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    extra = ["-c", str(constraints)] if constraints else []
    uv = _installer()
    if uv and compile_bytecode:  # pip compiles by itself
        extra.append("--compile-bytecode")
    cmd = ([*uv, python] if uv else [python, "-m", "pip", "install", "-q"]) + extra + list(requirements)
    subprocess.run(cmd, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    uv = shutil.which("uv", path=os.path.dirname(sys.executable)) or shutil.which("uv")
    cmd = ([uv, "build", "--wheel", "-o", str(out), str(ROOT)] if uv else
           [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)])
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    (path,) = out.glob("casekit-*.whl")
    return path


def _clean_env(venv: Path, tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = str(venv / "bin") + os.pathsep + env.get("PATH", "")
    env["CASEKIT_PROGRESS"] = str(tmp / "casekit-progress.json")
    return env


def _run_notebooks(venv: Path, folder: Path, notebooks: list[str], env: dict) -> None:
    script = (
        "import sys, nbformat\n"
        "from nbclient import NotebookClient\n"
        "for p in sys.argv[1:]:\n"
        "    nb = nbformat.read(p, as_version=4)\n"
        "    NotebookClient(nb, timeout=600, kernel_name='python3').execute(cwd=p.rsplit('/', 1)[0])\n"
        "    print('ran', p, flush=True)\n")
    done = subprocess.run([str(venv / "bin" / "python"), "-c", script, *notebooks], cwd=folder,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]


def test_wheel_carries_the_course_and_only_the_data_the_kit_loads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("notebooks", "exercises"):
        for nb in (ROOT / f).glob("*.ipynb"):
            assert f"casekit/_course/{f}/{nb.name}" in names
    data = {n for n in names if n.startswith("casekit/datasets/")}
    assert "casekit/datasets/customers.csv" in data and "casekit/datasets/real/cdnow/cdnow.csv" in data
    assert not any(n.endswith("CDNOW_master.txt") for n in names)
    assert not any(n.startswith(("tests/", "benchmarks/", "tools/")) for n in names)
    assert any(n.endswith("licenses/LICENSE") for n in names)


@pytest.mark.install
def test_wheel_in_a_fresh_venv_writes_the_course_and_runs_a_chapter(wheel, tmp_path):
    venv, home = tmp_path / "venv", tmp_path / "student"
    home.mkdir()
    _install(venv, str(wheel), "nbclient", "ipykernel")
    env = _clean_env(venv, tmp_path)
    casekit = str(venv / "bin" / "casekit")
    version = subprocess.run([casekit, "--version"], cwd=home, env=env, capture_output=True,
                             text=True, check=True)
    assert version.stdout.startswith("casekit ")
    done = subprocess.run([casekit, "course", "crm"], cwd=home, env=env, capture_output=True,
                          text=True, check=True)
    assert "notebooks/00_start_here.ipynb" in done.stdout and "jupyter" in done.stdout
    assert (home / "crm" / course.START_PAGE).is_file()
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import casekit; print(casekit.__file__)"], cwd=home, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(venv)), where
    _run_notebooks(venv, home / "crm",
                   [course.START_PAGE, next(c for c in CHAPTERS if c.number == 6).notebook], env)


#: Every exercise of the catalog, made on the shipped world: its solution is accepted and its
#: widget builds (what each exercise notebook's cells do, without a kernel per notebook).
_EVERY_EXERCISE = (
    "from casekit.exercises import catalog, make\n"
    "ids = list(catalog()['id'])\n"
    "for i in ids:\n"
    "    ex = make(i)\n"
    "    fb = ex.check(ex.solution())\n"
    "    assert fb.correct, (i, fb)\n"
    "    ex.widget()\n"
    "print('checked', len(ids), 'exercises', flush=True)\n")


@pytest.mark.install
def test_lowest_allowed_versions_run_the_course(wheel, tmp_path):
    """Every runtime dependency at its lower bound: the bounds are versions that were tested.

    The course's code runs there: the start page, every chapter notebook and the own-data one
    (each chapter's analyses, tables and charts), the first exercise notebook in its kernel
    (the exercise widgets and the progress file), and every exercise of the catalog made,
    checked against its solution and drawn as a widget in one process (what the other exercise
    notebooks run; tests/test_exercises_all.py checks them in full).  The Chinese twins run the same code cells (tests/test_twins.py).
    """
    constraints = tmp_path / "lowest.txt"
    constraints.write_text("".join(f"{n}=={v}\n" for n, v in _bounds().items()))
    venv, home = tmp_path / "venv", tmp_path / "student"
    _install(venv, str(wheel), "nbclient", "ipykernel", constraints=constraints,
             compile_bytecode=True)
    env = _clean_env(venv, tmp_path)
    subprocess.run([str(venv / "bin" / "casekit"), "course", str(home)], env=env, check=True,
                   capture_output=True)
    notebooks = sorted(str(p.relative_to(home)) for p in (home / "notebooks").glob("*.ipynb"))
    assert course.START_PAGE in notebooks and len(notebooks) >= len(CHAPTERS) + 1
    _run_notebooks(venv, home, [*notebooks, course.INTRO_EXERCISES], env)
    done = subprocess.run([str(venv / "bin" / "python"), "-c", _EVERY_EXERCISE], cwd=home,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "checked" in done.stdout
