"""Claims read as part of the lesson, and hold on every world a notebook teaches on.

* No notebook cell is a bare ``assert``: a lesson is checked with ``ck.claim(cond, "…")``, which
  prints what was checked (``✓ holds on this world: …``) and stops the notebook when it fails.
* Each chapter notebook states the smallest world it teaches on (a markdown line tagged
  ``smallest-world`` beside its parameters, the number from :data:`casekit.core.SMALLEST_WORLD`)
  and refuses a smaller ``n_customers`` in the cell after its parameters, with a ``ValueError``.
* Its claims hold at that smallest size on other seeds: two seeds per notebook in the papermill
  runs, fifty seeds per notebook in the nightly sweep (``pytest -m nightly tests/test_claims.py``;
  ``python tools/sweep.py --all --jobs 2`` runs the same cells in-process, several times faster).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat
import pytest

from casekit.core import SMALLEST_WORLD, require_world

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from notebooks import find_notebooks  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ALL_NOTEBOOKS = sorted({*find_notebooks(ROOT), *(ROOT / "instructor").glob("*.ipynb")})
ALL_IDS = [str(p.relative_to(ROOT)) for p in ALL_NOTEBOOKS]

#: the notebooks that teach on a world, with the key of their smallest world
CHAPTERS = {**{p: int(p.name[:2]) for p in sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb"))},
            ROOT / "notebooks" / "use_your_own_data.ipynb": "own data"}
CHAPTER_IDS = [p.name for p in CHAPTERS]

#: seeds of the quick runs (other than the papermill worlds of tests/test_notebooks.py) and the sweep
QUICK_SEEDS = (101, 102)
NIGHTLY_SEEDS = tuple(range(1000, 1050))


def _code(source: str) -> str:
    """A cell's source without IPython magics and shell lines, so ``ast`` can read it."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())


def test_the_scan_finds_a_bare_assert_and_passes_a_claim():
    assert any(isinstance(n, ast.Assert) for n in ast.walk(ast.parse("for x in y:\n    assert x")))
    assert not any(isinstance(n, ast.Assert)
                   for n in ast.walk(ast.parse(_code('%time x = 1\nck.claim(x, "x holds")'))))


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=ALL_IDS)
def test_no_cell_is_a_bare_assert(notebook):
    nb = nbformat.read(notebook, as_version=4)
    bare = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and any(isinstance(n, ast.Assert) for n in ast.walk(ast.parse(_code(c.source))))]
    assert not bare, (f"cells {bare} use a bare assert; state the lesson with "
                      f"ck.claim(cond, \"…\") instead")


@pytest.mark.parametrize("notebook", list(CHAPTERS), ids=CHAPTER_IDS)
def test_each_notebook_states_and_checks_its_smallest_world(notebook):
    nb = nbformat.read(notebook, as_version=4)
    key, smallest = CHAPTERS[notebook], SMALLEST_WORLD[CHAPTERS[notebook]]
    p = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    line = nb.cells[p - 1]
    assert "smallest-world" in line.metadata.get("tags", []), \
        "the markdown cell before the parameters must state the smallest world"
    assert f"**{smallest:,} customers**" in line.source, \
        f"the stated smallest world is not SMALLEST_WORLD[{key!r}] = {smallest:,}"
    assert "✓" in line.source, "say what the ✓ lines are"
    call = f"ck.require_world(n_customers, chapter={key!r})"
    first = next(i for i, c in enumerate(nb.cells) if call in c.source)
    assert [c.cell_type for c in nb.cells[p + 1:first]].count("code") <= 1, \
        "refuse a small world right after the parameters, before any analysis"
    claims = [c for c in nb.cells if "claim" in c.metadata.get("tags", [])]
    assert claims and all("ck.claim(" in c.source for c in claims), "a claim cell without ck.claim"


def test_require_world_says_the_smallest_size_and_why():
    require_world(SMALLEST_WORLD[4], chapter=4)
    with pytest.raises(ValueError, match=rf"chapter 4 teaches on at least {SMALLEST_WORLD[4]:,} "
                                         r"customers, got n_customers=99.*chance"):
        require_world(99, chapter=4)
    with pytest.raises(ValueError, match="whole number"):
        require_world(500.5, chapter=4)
    with pytest.raises(ValueError, match="unknown chapter 99"):
        require_world(2000, chapter=99)


def _run(notebook: Path, seed: int, n_customers: int, tmp_path: Path, monkeypatch):
    import papermill as pm

    monkeypatch.setenv("CASEKIT_PROGRESS", str(tmp_path / "casekit-progress.json"))
    out = tmp_path / notebook.name
    try:
        pm.execute_notebook(str(notebook), str(out),
                            parameters={"seed": seed, "n_customers": n_customers},
                            kernel_name="python3", progress_bar=False, log_output=False,
                            cwd=str(notebook.parent), execution_timeout=600,
                            # written once at the end (or on an error), not after every cell:
                            # saving a notebook of 100 cells 200 times was a third of its CPU
                            request_save_on_cell_execute=False)
    except pm.PapermillExecutionError as exc:
        nb = nbformat.read(out, as_version=4)
        return exc, nb
    return None, None


@pytest.mark.papermill
@pytest.mark.parametrize("notebook", list(CHAPTERS), ids=CHAPTER_IDS)
def test_a_smaller_world_is_refused_at_the_start(notebook, tmp_path, monkeypatch):
    smallest = SMALLEST_WORLD[CHAPTERS[notebook]]
    exc, nb = _run(notebook, 1, smallest - 1, tmp_path, monkeypatch)
    assert exc is not None, f"n_customers={smallest - 1} was not refused"
    assert exc.ename == "ValueError" and f"at least {smallest:,} customers" in exc.evalue
    injected = next(i for i, c in enumerate(nb.cells)
                    if "injected-parameters" in c.metadata.get("tags", []))
    before = [c for c in nb.cells[injected + 1:exc.cell_index] if c.cell_type == "code"]
    assert len(before) <= 1, "the refusal comes after an analysis cell"


def _holds(notebook: Path, seed: int, tmp_path: Path, monkeypatch):
    n = SMALLEST_WORLD[CHAPTERS[notebook]]
    exc, nb = _run(notebook, seed, n, tmp_path, monkeypatch)
    if exc is not None:
        pytest.fail(f"{notebook.name} at its smallest world (seed={seed}, n_customers={n}) failed in "
                    f"cell {exc.cell_index}:\n{nb.cells[exc.cell_index].source}\n"
                    f"{exc.ename}: {exc.evalue}", pytrace=False)


@pytest.mark.papermill
@pytest.mark.parametrize("seed", QUICK_SEEDS)
@pytest.mark.parametrize("notebook", list(CHAPTERS), ids=CHAPTER_IDS)
def test_claims_hold_at_the_smallest_world(notebook, seed, tmp_path, monkeypatch):
    _holds(notebook, seed, tmp_path, monkeypatch)


@pytest.mark.nightly
@pytest.mark.parametrize("seed", NIGHTLY_SEEDS)
@pytest.mark.parametrize("notebook", list(CHAPTERS), ids=CHAPTER_IDS)
def test_claims_hold_at_the_smallest_world_on_fifty_seeds(notebook, seed, tmp_path, monkeypatch):
    _holds(notebook, seed, tmp_path, monkeypatch)


def test_the_sweep_covers_fifty_seeds_and_every_chapter():
    assert len(set(NIGHTLY_SEEDS)) >= 50 and not set(NIGHTLY_SEEDS) & set(QUICK_SEEDS)
    assert {k for k in CHAPTERS.values() if isinstance(k, int)} == set(range(1, 9))
    assert re.fullmatch(r"0[1-8]_\w+\.ipynb", CHAPTER_IDS[0])
