"""Exercises read well without a kernel: a static HTML export shows every question.

Each exercise notebook is exported as it is stored (nbconvert, as a website or GitHub would show
it); every exercise in it must show its title, its question (prompt) and its options or items to
order.  The exercise's own static view is checked against the widget too.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from casekit import exercises

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
_EXERCISE = re.compile(r"^Exercise ([a-z_]+\.[a-z_0-9]+) \(")


def _text(markup: str) -> str:
    """What a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _ids(nb) -> list[str]:
    out = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            m = _EXERCISE.match(str(output.get("data", {}).get("text/plain", "")))
            if m:
                out.append(m.group(1))
    return out


@pytest.fixture(scope="module")
def exported():
    from nbconvert import HTMLExporter
    exporter = HTMLExporter()
    pages = {}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(nb)
        pages[path.name] = (_ids(nb), _text(body))
    return pages


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_every_question_is_in_the_html_export(exported, name):
    ids, page = exported[name]
    assert len(ids) >= 4, f"{name}: found {len(ids)} exercises"
    for ex_id in ids:
        ex = exercises.make(ex_id)
        assert _text(html.escape(ex.title)) in page, (ex_id, "title")
        prompt = _text(exercises.engine.feedback._text_html(ex.prompt))
        assert prompt and prompt in page, (ex_id, "question")
        items = (ex.shuffled() if hasattr(ex, "shuffled") else
                 ex.options() if hasattr(ex, "options") else [])
        for item in items:
            assert _text(html.escape(str(item))) in page, (ex_id, item)
        if getattr(ex, "question", ""):
            assert _text(exercises.engine.feedback._text_html(ex.question)) in page, ex_id


def test_static_view_shows_the_saved_answer(progress_file):
    ex = exercises.make("intro.unprofitable_customer")
    before = _text(ex.static_html())
    assert "Your last checked answer" not in before and "◉" not in before
    pick = ex.options()[1]
    view = ex.widget()
    view.set_answer(pick)
    view.check()
    after = _text(ex.static_html())
    assert f"◉ {_text(html.escape(pick))}" in after
    assert f"Your last checked answer: {_text(html.escape(pick))}" in after
    assert "Run this cell (Shift+Enter)" in after


@pytest.mark.parametrize("ex_id", list(exercises.catalog()["id"]))
def test_every_exercise_has_a_static_view(ex_id, progress_file):
    ex = exercises.make(ex_id)
    page = _text(ex.static_html())
    assert "Could not show" not in page, ex_id
    assert _text(html.escape(ex.title)) in page
    bundle = ex._repr_mimebundle_()
    assert bundle["text/html"] == ex.static_html()
    assert "application/vnd.jupyter.widget-view+json" in bundle
