"""Every concept of the syllabus is taught in its chapter, with its Chinese term (tests/concepts/)."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "concepts"
CHAPTERS = sorted(HERE.glob("ch*.csv"))


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=None)
def notebook_text(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")))
            for kind in ("text/plain", "text/html", "text/markdown"):
                parts.append("".join(out.get("data", {}).get(kind, "")))
    return "\n".join(parts)


def chapter_notebook(n: int, folder: str = "notebooks") -> Path:
    found = sorted((ROOT / folder).glob(f"{n:02d}_*.ipynb"))
    assert found, f"no {folder} notebook for chapter {n}"
    return found[0]


@lru_cache(maxsize=None)
def exercise_ids() -> set[str]:
    import casekit.exercises as ex

    return set(ex.catalog()["id"])


def test_every_chapter_has_its_concepts():
    assert [p.stem for p in CHAPTERS] == [f"ch{n}" for n in range(1, 7)]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_concepts_are_taught_with_their_chinese_terms(path):
    n = int(path.stem[2:])
    text = notebook_text(chapter_notebook(n))
    drills = notebook_text(chapter_notebook(n, "exercises"))
    table = rows(path)
    assert len(table) >= 5, f"{path.name}: too few concepts"
    missing, bad_ids, unused = [], [], []
    for row in table:
        terms = [t.strip() for t in row["zh"].split("|") if t.strip()]
        assert terms, f"{path.name}: {row['concept']!r} has no Chinese term"
        if not any(t in text for t in terms):
            missing.append(f"{row['concept']} ({row['zh']})")
        assert row["on_data"] in ("", "yes"), f"{path.name}: on_data must be 'yes' or empty"
        for ex_id in row["exercises"].split():
            if ex_id not in exercise_ids():
                bad_ids.append(ex_id)
            elif ex_id not in drills:
                unused.append(ex_id)
    assert not missing, f"chapter {n} never writes these terms: {missing}"
    assert not bad_ids, f"{path.name} names exercises that do not exist: {bad_ids}"
    assert not unused, f"{path.name} names exercises its exercise notebook does not show: {unused}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_exercises_practise_at_least_half_of_the_concepts(path):
    table = rows(path)
    practised = sum(bool(r["exercises"].split()) for r in table)
    assert 2 * practised >= len(table), (
        f"{path.name}: exercises practise {practised} of {len(table)} concepts (need half)")
