"""How long a student's "Run All" takes: every notebook executed once, on copies, timed.

Run: ``python benchmarks/bench_notebooks.py``.  Each notebook runs in a fresh kernel in its own
folder (as in JupyterLab); the time includes starting the kernel and importing the kit.  The
stored notebooks are not changed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from casekit import notebooks


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="casekit-bench-") as tmp:
        os.environ["CASEKIT_PROGRESS"] = os.path.join(tmp, "casekit-progress.json")
        os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]
        for path in notebooks.find_notebooks():
            rel = path.relative_to(notebooks.ROOT)
            copy = Path(tmp) / rel
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, copy)
            rows.append((str(rel), notebooks.execute(copy)))
    width = max(len(r[0]) for r in rows)
    print(f"{'notebook':<{width}} | seconds")
    for name, seconds in rows:
        print(f"{name:<{width}} | {seconds:7.1f}")
    print(f"{'total':<{width}} | {sum(s for _, s in rows):7.1f}")


if __name__ == "__main__":
    main()
