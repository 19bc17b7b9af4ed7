"""The Chinese twins: one source for code (tools/twins.py keeps them in step)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("casekit_twins", ROOT / "tools" / "twins.py")
twins = importlib.util.module_from_spec(_spec)
sys.modules["casekit_twins"] = twins
_spec.loader.exec_module(twins)

TWINS = twins.twins(ROOT)


@pytest.mark.parametrize("twin", TWINS, ids=[p.relative_to(ROOT).as_posix() for p in TWINS])
def test_twin_has_the_english_code(twin):
    """Same cells in the same order and types; code cells identical except ``lang = "zh"``."""
    assert twins.english_of(twin).exists(), f"{twin} has no English notebook"
    problems = twins.differences(twin)
    assert not problems, "\n".join(problems) + "\n(run: python tools/twins.py)"
    params = [c for c in nbformat.read(twin, as_version=4).cells
              if "parameters" in c.metadata.get("tags", [])]
    assert params and 'lang = "zh"' in params[0].source


def test_every_english_notebook_has_a_twin():
    missing = [p.relative_to(ROOT).as_posix() for p in twins.english_notebooks(ROOT)
               if not twins.twin_of(p).exists()]
    assert not missing, "no Chinese twin yet: " + ", ".join(missing)


def test_sync_rewrites_code_and_refuses_another_structure(tmp_path):
    """The tool copies the English code (lang set to zh) and refuses a twin with other cells."""
    en = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell('seed = 0\nlang = "en"  # language', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(seed + 1)")])
    (tmp_path / "notebooks").mkdir()
    path = tmp_path / "notebooks" / "01_x.ipynb"
    nbformat.write(en, path)
    twin = twins.new(path)
    assert twin == tmp_path / "notebooks" / "zh" / "01_x.ipynb"
    assert twins.differences(twin) == []
    zh = nbformat.read(twin, as_version=4)
    assert zh.cells[1].source == 'seed = 0\nlang = "zh"  # language'
    zh.cells[0].source = "# 标题"
    zh.cells[2].source = "print(seed)"
    nbformat.write(zh, twin)
    assert twins.differences(twin) == [f"{twin}: code cell 2 differs from the English one"]
    assert twins.sync(twin) == [2]
    zh = nbformat.read(twin, as_version=4)
    assert zh.cells[2].source == "print(seed + 1)" and zh.cells[0].source == "# 标题"
    assert twins.differences(twin) == []
    zh.cells.append(nbformat.v4.new_markdown_cell("多余"))
    nbformat.write(zh, twin)
    with pytest.raises(twins.TwinError, match="4 cells but .* has 3"):
        twins.sync(twin)
    with pytest.raises(twins.TwinError, match="exists already"):
        twins.new(path)
