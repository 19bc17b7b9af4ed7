"""Print how the chapters cover the syllabus: concepts mentioned, shown on data, exercised."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_concepts import CHAPTERS, chapter_notebook, notebook_text, rows  # noqa: E402


def main() -> None:
    print(f"{'chapter':<8}{'concepts':>9}{'mentioned':>11}{'on data':>9}{'exercised':>11}")
    total = [0, 0, 0, 0]
    for path in CHAPTERS:
        n = int(path.stem[2:])
        text = notebook_text(chapter_notebook(n))
        table = rows(path)
        said = sum(any(t.strip() and t.strip() in text for t in r["zh"].split("|")) for r in table)
        data = sum(r["on_data"] == "yes" for r in table)
        drilled = sum(bool(r["exercises"].split()) for r in table)
        for i, v in enumerate((len(table), said, data, drilled)):
            total[i] += v
        print(f"{n:<8}{len(table):>9}{said:>11}{data:>9}{drilled:>11}")
    print(f"{'all':<8}{total[0]:>9}{total[1]:>11}{total[2]:>9}{total[3]:>11}")


if __name__ == "__main__":
    main()
