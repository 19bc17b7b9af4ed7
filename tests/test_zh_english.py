"""The Chinese edition speaks Chinese: no English sentence in the stored outputs of its notebooks.

Every stored output of every Chinese twin (``notebooks/zh``, ``exercises/zh``) — text/plain,
text/html with its tags (and style sheets) taken away, and printed streams — is searched for a run
of five or more English words in a row.  Code identifiers (``customer_id``, ``customers.loyalty``,
``A.customer_file``) and file names are not words; what must stay English is listed, with its
reason, in :data:`ALLOWED`.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TWINS = sorted([*ROOT.glob("notebooks/zh/*.ipynb"), *ROOT.glob("exercises/zh/*.ipynb")])

#: An English word: ASCII letters (with ' or - inside), not part of an identifier, a dotted name,
#: a number or a path (``top_share``, ``customers.loyalty``, ``2024a``, ``data/cdnow``).
WORD = r"(?<![\w./\\`=$-])[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?(?![\w/\\`(=-]|\.\w)"
#: Five or more such words in a row, separated only by spaces and light punctuation.
RUN = re.compile(rf"{WORD}(?:[ \t,;:\"“”'’()]+{WORD}){{4,}}")

#: What may stay English in the Chinese edition, each with its reason (regular expressions,
#: searched in the text of one output).
ALLOWED = {
    # SQL statements the database chapter prints as they are run: code a student types.
    r"\b(?:SELECT|CREATE TABLE|CREATE VIEW|INSERT INTO|UPDATE|DELETE FROM|WITH)\b[\s\S]*": "SQL",
    # The CDNOW data set's own name and its citation (Fader & Hardie).
    r"CDNOW[^\n]*": "data set name",
    r"Fader[^\n]*Hardie[^\n]*": "citation",
    # URLs.
    r"https?://\S+": "URL",
}
_ALLOWED = re.compile("|".join(f"(?:{p})" for p in ALLOWED))
_STYLE = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def _texts(output: dict) -> list[str]:
    """The texts a reader sees in one stored output."""
    if output.get("output_type") == "stream":
        return ["".join(output.get("text", ""))]
    data = output.get("data", {})
    out = []
    if "text/plain" in data:
        out.append("".join(data["text/plain"]))
    if "text/html" in data:
        out.append(html.unescape(_TAG.sub(" ", _STYLE.sub(" ", "".join(data["text/html"])))))
    if "text/markdown" in data:
        out.append("".join(data["text/markdown"]))
    return out


def english_runs(text: str) -> list[str]:
    """The runs of five or more English words in ``text`` (what :data:`ALLOWED` does not cover)."""
    return [m.group(0) for m in RUN.finditer(_ALLOWED.sub(" ", text))]


def offences(path: Path) -> list[tuple[int, str]]:
    """``(cell index, English run)`` for every English sentence in a notebook's stored outputs."""
    found = []
    for k, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        for output in cell.get("outputs", []):
            for text in _texts(output):
                found += [(k, run) for run in english_runs(text)]
    return list(dict.fromkeys(found))


def test_the_scan_catches_an_english_sentence_and_passes_chinese():
    assert english_runs("客户说：We don't need this, what we have works fine.") == [
        "We don't need this, what we have works fine"]
    assert english_runs("- 不是所有的购买者都是企业的目标客户（not every buyer is the target）") == [
        "not every buyer is the target"]
    assert english_runs("第 4 章：可运行 customer_totals, pareto_table, top_share, gini, abc") == []
    assert english_runs("还需要：customers.credit_rating, customers.loyalty, customers.region") == []
    assert english_runs("各章的 25 项分析中有 21 项可以在这份数据上运行。信用等级 D、付款迟") == []
    assert english_runs("SELECT customer_id, revenue FROM customers WHERE revenue > 0") == []
    assert english_runs("four words are fine") == []


def test_a_notebook_with_an_english_sentence_is_named(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": "", "outputs": [
        {"output_type": "stream", "name": "stdout", "text": ["合格\n"]},
        {"output_type": "execute_result", "data": {
            "text/html": "<table><td>Days from complaint to resolution</td></table>",
            "text/plain": "天"}}]}]}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert offences(path) == [(0, "Days from complaint to resolution")]


@pytest.mark.parametrize("path", TWINS, ids=[str(p.relative_to(ROOT)) for p in TWINS])
def test_no_english_sentence_in_the_chinese_outputs(path):
    found = offences(path)
    assert not found, f"{path.relative_to(ROOT)}: English sentences in stored outputs:\n" + "\n".join(
        f"  cell {k}: {run!r}" for k, run in found)


def test_plural_messages_speak_chinese():
    """Every ``ngettext`` message has its Chinese form, and the kit says it in Chinese for one
    and for many."""
    from babel.messages.pofile import read_po

    from casekit import i18n

    with (ROOT / "casekit/locale/zh/LC_MESSAGES/casekit.po").open("rb") as f:
        plurals = [m for m in read_po(f) if isinstance(m.id, tuple)]
    assert plurals, "the catalog has plural messages"
    try:
        i18n.set_language("zh")
        for m in plurals:
            assert all(m.string), f"no Chinese for the plural message {m.id[0]!r}"
            for n in (1, 2):
                said = i18n.ngettext(m.id[0], m.id[1], n)
                assert said == m.string[0] and re.search(r"[\u4e00-\u9fff]", said), (m.id, n, said)
    finally:
        i18n.set_language("en")


def test_parts_files_keep_plural_messages(tmp_path, monkeypatch):
    """A chapter's parts file may translate a plural message: ``tools/i18n.py`` copies it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    parts = tmp_path / "zh" / "parts"
    parts.mkdir(parents=True)
    (parts / "x.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "{n} apple"\nmsgid_plural "{n} apples"\nmsgstr[0] "{n} 个苹果"\n', encoding="utf-8")
    monkeypatch.setattr(tool, "LOCALE", tmp_path)
    found = tool.parts("zh")
    assert [tuple(v) if isinstance(v, (list, tuple)) else v for v in found.values()] == [("{n} 个苹果",)]
