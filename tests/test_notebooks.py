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
    """Run every notebook on the world ``(seed, n_customers)`` of the subclass.

    One class per world, so ``pytest -n 2 --dist loadscope`` spreads the worlds over the
    workers while each notebook's nbval cells stay together.
    """

    seed: int
    n_customers: int
    #: The Chinese twins (``notebooks/zh``, ``exercises/zh``) run the same code as their English
    #: notebooks, so they are re-run on two of the worlds only (their text is what differs).
    twins: bool = False

    @pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
    def test_notebook_runs(self, notebook, tmp_path, monkeypatch):
        if notebook.parent.name == "zh" and not self.twins:
            pytest.skip("the Chinese twins run on two worlds (TestSeed2, TestSmallWorld)")
        smallest = _smallest_world(notebook)
        if self.n_customers < smallest:  # refused by design; tests/test_claims.py runs it there
            pytest.skip(f"{notebook.name} teaches on at least {smallest:,} customers")
        _run(notebook, self.seed, self.n_customers, tmp_path, monkeypatch)


@pytest.mark.papermill
class TestSeed1(_OnAnotherWorld):
    seed, n_customers = 1, 2000


@pytest.mark.papermill
class TestSeed2(_OnAnotherWorld):
    seed, n_customers, twins = 2, 2000, True


@pytest.mark.papermill
class TestSeed3(_OnAnotherWorld):
    seed, n_customers = 3, 2000


@pytest.mark.papermill
class TestSmallWorld(_OnAnotherWorld):
    seed, n_customers, twins = 4, 500, True


@pytest.mark.papermill
class TestLargeWorld(_OnAnotherWorld):
    seed, n_customers = 5, 20000


def test_the_worlds_cover_three_seeds_and_two_sizes():
    worlds = {(c.seed, c.n_customers) for c in _OnAnotherWorld.__subclasses__()}
    assert {s for s, n in worlds if n == 2000} >= {1, 2, 3}
    assert min(n for _, n in worlds) <= 500 and max(n for _, n in worlds) >= 20000


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
