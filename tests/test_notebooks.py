"""Every notebook, on other worlds: papermill re-runs each one with other seeds and sizes.

The notebooks are found automatically (``notebooks/`` recursively, including ``notebooks/cases/``,
and ``exercises/``), so a new notebook is tested as soon as it exists.  Each run injects
``seed`` and ``n_customers`` after the notebook's ``parameters`` cell; the notebook's own ``claim``
cells then prove its lessons still hold on that world.  Outputs go to a temporary folder.

nbval (``--nbval``) separately re-runs every stored notebook and compares it with its outputs.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from notebooks import find_notebooks  # noqa: E402  (the authors' tool lives in tools/)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = find_notebooks(ROOT)
IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]

def _run(notebook: Path, seed: int, n_customers: int, tmp_path: Path, monkeypatch) -> None:
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
        nb = nbformat.read(out, as_version=4) if out.exists() else None
        source = nb.cells[exc.cell_index].source if nb is not None else "?"
        pytest.fail(f"{notebook.relative_to(ROOT)} failed with seed={seed}, "
                    f"n_customers={n_customers} in cell {exc.cell_index}:\n{source}\n"
                    f"{exc.ename}: {exc.evalue}", pytrace=False)


def _smallest_world(notebook: Path) -> int:
    """The smallest world a chapter or exercise notebook (or its Chinese twin) teaches on; else 0."""
    from casekit.core import SMALLEST_WORLD

    folder = notebook.relative_to(ROOT).parts[0]
    if folder not in ("notebooks", "exercises") or notebook.parent.name == "cases":
        return 0
    key = int(notebook.name[:2]) if notebook.name[:2].isdigit() else (
        "own data" if notebook.name == "use_your_own_data.ipynb" else None)
    return SMALLEST_WORLD.get(key, 0)


class _OnAnotherWorld:
    """Run the notebooks given this world ``(seed, n_customers)`` (see :func:`_worlds`).

    One class per world, so ``pytest -n 2 --dist loadscope`` spreads the worlds over the
    workers while each notebook's nbval cells stay together.
    """

    seed: int
    n_customers: int

    @pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
    def test_notebook_runs(self, notebook, tmp_path, monkeypatch):
        if (self.seed, self.n_customers) not in _worlds(notebook):
            pytest.skip(f"{notebook.relative_to(ROOT)} runs on the worlds "
                        f"{sorted(_worlds(notebook))} (tests/test_notebooks.py, _worlds)")
        _run(notebook, self.seed, self.n_customers, tmp_path, monkeypatch)


@pytest.mark.papermill
class TestSeed1(_OnAnotherWorld):
    seed, n_customers = 1, 2000


@pytest.mark.papermill
class TestSeed2(_OnAnotherWorld):
    seed, n_customers = 2, 2000


@pytest.mark.papermill
class TestSeed3(_OnAnotherWorld):
    seed, n_customers = 3, 2000


@pytest.mark.papermill
class TestSmallWorld(_OnAnotherWorld):
    seed, n_customers = 4, 500


@pytest.mark.papermill
class TestLargeWorld(_OnAnotherWorld):
    seed, n_customers = 5, 20000


WORLDS = [(c.seed, c.n_customers) for c in _OnAnotherWorld.__subclasses__()]
#: the chapter notebooks that tests/test_claims.py runs at their smallest world on two seeds
_CLAIMED = {p for p in (ROOT / "notebooks").glob("0[1-9]_*.ipynb")} | {
    ROOT / "notebooks" / "use_your_own_data.ipynb"}


def _worlds(notebook: Path) -> set[tuple[int, int]]:
    """The worlds a notebook is re-run on: each notebook on a few, every world by many.

    * An English notebook runs on the large world (20,000 customers) and on one of the three
      other seeds at 2,000 (in turn through the notebooks), and on the small world (500) where
      it teaches on so few and no smallest-world run of tests/test_claims.py covers it already.
    * A Chinese twin runs the same code as its English notebook (tests/test_twins.py), so it
      runs on one world, in turn through the five (one that admits it), for its own text.
    """
    i = NOTEBOOKS.index(notebook)
    smallest = _smallest_world(notebook)
    admitted = [w for w in WORLDS if w[1] >= smallest]
    if notebook.parent.name == "zh":
        j = [p for p in NOTEBOOKS if p.parent.name == "zh"].index(notebook)
        return {next(w for w in WORLDS[j % len(WORLDS):] + WORLDS if w in admitted)}
    english = [p for p in NOTEBOOKS if p.parent.name != "zh"]
    seeds = [w for w in WORLDS if w[1] == 2000]
    out = {max(WORLDS, key=lambda w: w[1]), seeds[english.index(notebook) % len(seeds)]}
    small = min(WORLDS, key=lambda w: w[1])
    if small in admitted and notebook not in _CLAIMED:
        out.add(small)
    return out


def test_the_worlds_cover_three_seeds_and_two_sizes():
    worlds = set(WORLDS)
    assert {s for s, n in worlds if n == 2000} >= {1, 2, 3}
    assert min(n for _, n in worlds) <= 500 and max(n for _, n in worlds) >= 20000


def test_every_notebook_runs_on_other_worlds_and_every_world_runs_many():
    english = [p for p in NOTEBOOKS if p.parent.name != "zh"]
    twins = [p for p in NOTEBOOKS if p.parent.name == "zh"]
    for p in english:
        runs = _worlds(p)
        assert len(runs) >= 2 and any(n == 2000 for _, n in runs) and \
            max(n for _, n in runs) >= 20000, p
    assert all(len(_worlds(p)) == 1 for p in twins)
    for world in WORLDS:
        assert sum(world in _worlds(p) for p in english) >= 5, world
        assert sum(world in _worlds(p) for p in twins) >= 2, world
    # the small world: every notebook that admits it, here or at its smallest in test_claims
    for p in english:
        if _smallest_world(p) <= min(n for _, n in WORLDS):
            assert min(WORLDS, key=lambda w: w[1]) in _worlds(p) or p in _CLAIMED, p
    # never a world a notebook refuses (tests/test_claims.py checks the refusal)
    assert all(n >= _smallest_world(p) for p in NOTEBOOKS for _, n in _worlds(p))


# -- structure: what nbval and papermill rely on -----------------------------------------------

_URL_OR_PATH = re.compile(r"https?://|(?<![\w.])/(?:work|home|tmp|Users)/|\.\./shared|[A-Z]:\\\\")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_is_stored_ready_to_test(notebook):
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    first = code[0]
    assert "parameters" in first.metadata.get("tags", []), \
        "the first code cell must be tagged 'parameters'"
    assert re.search(r"^seed\s*=", first.source, re.MULTILINE) and \
        re.search(r"^n_customers\s*=", first.source, re.MULTILINE), \
        "the parameters cell must define seed and n_customers"
    assert all(c.execution_count is not None for c in code if c.source.strip()), \
        "store the notebook executed (make notebooks)"
    assert "widgets" not in nb.metadata, "widget state is stored; execute without it"
    assert not any("execution" in c.metadata for c in code), "per-cell timings are stored"
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs), \
        "a stored cell failed"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for cell in nb.cells:
        found = _URL_OR_PATH.search(cell.source)
        assert not found, f"a file path or URL in a cell: {cell.source[:120]!r}"


def test_notebooks_are_found():
    names = {p.name for p in NOTEBOOKS}
    assert "00_how_exercises_work.ipynb" in names
    assert not any(".ipynb_checkpoints" in p.parts for p in NOTEBOOKS)
    assert json.loads((ROOT / "exercises" / "00_how_exercises_work.ipynb").read_text())["nbformat"] == 4


def test_refresh_command_reexecutes_in_place_deterministically(tmp_path, capsys):
    """``casekit notebooks NB`` runs a notebook in its own folder and stores the same bytes twice."""
    import notebooks

    folder = tmp_path / "chapter"
    folder.mkdir()
    (folder / "here.txt").write_text("found")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("seed = 0\nn_customers = 2000",
                                          metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("print(open('here.txt').read())"),
                nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=seed)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = folder / "t.ipynb"
    nbformat.write(nb, path)
    assert notebooks.main([str(path)]) == 0
    first = path.read_bytes()
    assert notebooks.main([str(path)]) == 0
    assert path.read_bytes() == first
    done = nbformat.read(path, as_version=4)
    assert done.cells[1].outputs[0]["text"] == "found\n"
    assert "widgets" not in done.metadata
    assert not any("execution" in c.metadata for c in done.cells)
    assert "ok" in capsys.readouterr().out

    broken = folder / "broken.ipynb"
    nb.cells.append(nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(nb, broken)
    assert notebooks.main([str(broken)]) == 1
    assert "FAILED" in capsys.readouterr().out
    assert notebooks.find_notebooks(tmp_path) == []  # only notebooks/ and exercises/ count
