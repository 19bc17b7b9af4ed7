"""What a student reads is readable: no float with more than three decimals, no long number
without thousands separators, in any stored output of the course's notebooks.

Ids are not numbers to read: a column whose header names an id, a year, a code or a seed is
skipped, and so is a number written with leading zeros (an id like ``00018``).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb"),
                    *ROOT.glob("notebooks/zh/*.ipynb"), *ROOT.glob("exercises/zh/*.ipynb")])

NUMBER = re.compile(r"^[−-]?\d+(?:\.\d+)?$")
LONG_DECIMALS = re.compile(r"(?<![\w.])[−-]?\d+\.\d{4,}(?![\w.])")
BARE_THOUSANDS = re.compile(r"(?<![\w.,:/\-])[1-9]\d{4,}(?:\.\d+)?(?![\w.,:/\-])")
ID_HEADER = re.compile(r"(^|_|\b)(id|ids|year|years|code|seed|zip|编号|年份)($|_|\b)", re.I)


class _Tables(HTMLParser):
    """Cells of every HTML table, row by row (header rows included)."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
            self.tables[-1].append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _bad_number(cell: str) -> bool:
    c = cell.replace("\u2212", "-")
    if not NUMBER.match(c) or re.match(r"^-?0\d", c):
        return False
    if "." in c and len(c.split(".")[1]) > 3:
        return True
    return abs(float(c)) >= 10_000


def html_problems(html: str) -> list[str]:
    p = _Tables()
    p.feed(html)
    bad = []
    for rows in p.tables:
        header = next((r for r in rows if r and not any(NUMBER.match(x) for x in r[1:])), [])
        for r in rows:
            for j, cell in enumerate(r):
                name = header[j] if j < len(header) else ""
                if ID_HEADER.search(name):
                    continue
                if _bad_number(cell):
                    bad.append(f"{cell!r} (column {name!r})")
    return bad


def text_problems(text: str) -> list[str]:
    bad = []
    for line in text.splitlines():
        if ID_HEADER.search(line) or "http" in line:
            continue
        bad += LONG_DECIMALS.findall(line)
        bad += [m for m in BARE_THOUSANDS.findall(line) if not m.startswith("0")]
    return bad


def problems(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or "raises-exception" in cell["metadata"].get("tags", []):
            continue
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            if "text/html" in data:
                found = html_problems("".join(data["text/html"]))
            elif "text/plain" in data:
                found = text_problems("".join(data["text/plain"]))
            else:
                found = text_problems("".join(o.get("text", ""))) if o.get("name") == "stdout" else []
            out += [f"cell {i}: {x}" for x in found]
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_stored_outputs_are_readable(path):
    bad = problems(path)
    assert not bad, f"{path.name}: {len(bad)} numbers a student cannot read, e.g. {bad[:8]}"


def test_the_scan_finds_what_it_must():
    assert text_problems("profit 13782498.43 and share 0.348993")
    assert not text_problems("profit 13,782,498 and share 34.9% in 2024-01-05; customer 00018")
    html = "<table><tr><th>customer_id</th><th>revenue</th></tr><tr><td>123456</td><td>13782498.43</td></tr></table>"
    assert html_problems(html) == ["'13782498.43' (column 'revenue')"]
