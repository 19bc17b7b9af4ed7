"""How long a student's "Run All" takes, notebook by notebook, split into its parts.

Run: ``python benchmarks/bench_notebooks.py [--repeats 3] [--against PATH] [NOTEBOOK ...]``.

Each run copies the notebook to a fresh folder, starts a fresh kernel there (as JupyterLab does
when a notebook is opened) and runs every cell in order.  The time is split into

* **kernel**: starting the kernel until it answers,
* **imports**: the first code cell after the parameters (the notebook's imports),
* **charts**: cells that draw a chart (an image in their output),
* **other**: every other cell,

and **total** is their sum, the "Run All" a student waits for.  Each figure is the median of the
repeats, which run in rounds (every notebook once per round), so a drift of the machine's speed
over the minutes of a run falls on every notebook alike.  ``--cpu`` reports the kernel's CPU
seconds for the same parts instead of wall seconds: on a machine busy with other work, wall
times grow with the load and CPU times do not.

The kernel writes Python's bytecode cache to a folder of the run (``PYTHONPYCACHEPREFIX``), even
where ``PYTHONDONTWRITEBYTECODE`` is set, and one untimed run of each notebook warms it: a
student's installed kit and libraries have their bytecode, and without it every run would time
the compiling of pandas, matplotlib and scipy from source.

With ``--against PATH`` (a checkout of the kit, e.g. before a change) every run is paired with a
run on that code, alternating which goes first, so both see the same machine load; the
ratio column is this code's total over the other's.  The stored notebooks are not changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))  # the authors' tools live in the checkout, not the package


def _notebooks(names) -> list[Path]:
    from notebooks import find_notebooks

    if names:
        return [Path(n).resolve() for n in names]
    return find_notebooks(ROOT)


def _cpu(client):
    """The kernel process's CPU seconds so far (user + system); psutil comes with ipykernel."""
    import psutil

    t = psutil.Process(client.km.provisioner.pid).cpu_times()
    return t.user + t.system


def run_once(path: Path, code_root: Path, tmp: Path, cpu: bool = False) -> dict[str, float]:
    """One "Run All" of ``path`` in a fresh kernel importing casekit from ``code_root``
    (wall seconds per part, or the kernel's CPU seconds with ``cpu``)."""
    import nbformat
    from nbclient import NotebookClient

    folder = Path(tempfile.mkdtemp(dir=tmp))
    copy = folder / path.name
    shutil.copy(path, copy)
    nb = nbformat.read(copy, as_version=4)
    env = dict(os.environ, PYTHONPATH=str(code_root), PYTHONPYCACHEPREFIX=str(tmp / "pycache"),
               CASEKIT_PROGRESS=str(folder / "progress.json"),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    parts = {"kernel": 0.0, "imports": 0.0, "charts": 0.0, "other": 0.0}
    clock = (lambda: _cpu(client)) if cpu else time.perf_counter
    t0 = time.perf_counter()
    with client.setup_kernel(cwd=str(folder), env=env):
        parts["kernel"] = clock() if cpu else time.perf_counter() - t0
        code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        first = next((i for i in code if "parameters" not in nb.cells[i].metadata.get("tags", [])),
                     None)
        for i in code:
            cell = nb.cells[i]
            t = clock()
            client.execute_cell(cell, i)
            dt = clock() - t
            drew = any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
                       for o in cell.get("outputs", []))
            parts["imports" if i == first else "charts" if drew else "other"] += dt
    shutil.rmtree(folder, ignore_errors=True)
    parts["total"] = sum(parts.values())
    return parts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks (default: every one of the kit)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another checkout of the kit to pair runs with")
    ap.add_argument("--cpu", action="store_true", help="the kernel's CPU seconds, not wall seconds")
    args = ap.parse_args(argv)
    trees = [("this", ROOT)] + ([("other", args.against.resolve())] if args.against else [])
    cols = ["kernel", "imports", "charts", "other", "total"]
    rows = []
    print(_header(cols, args.against), flush=True)
    paths = _notebooks(args.notebooks)
    with tempfile.TemporaryDirectory(prefix="casekit-bench-") as tmp:
        for path in paths:
            for _name, root in trees:  # untimed: warms the bytecode cache
                run_once(path, root, Path(tmp))
        # Round by round, every notebook once per round: a drift of the machine's speed over the
        # minutes a run takes falls on every notebook alike, not on the last ones.
        runs = {path: {name: [] for name, _ in trees} for path in paths}
        for r in range(args.repeats):
            for path in paths:
                for name, root in (trees if r % 2 == 0 else trees[::-1]):
                    runs[path][name].append(run_once(path, root, Path(tmp), args.cpu))
    for path in paths:
        med = {name: {c: statistics.median(run[c] for run in rs) for c in cols}
               for name, rs in runs[path].items()}
        rows.append((path.relative_to(ROOT) if path.is_relative_to(ROOT) else path, med))
        print(_row(rows[-1], cols, args.against), flush=True)
    total = {c: sum(m["this"][c] for _, m in rows) for c in cols}
    line = f"{'all notebooks':<44}" + "".join(f"{total[c]:>9.2f}" for c in cols)
    if args.against:
        other = sum(m["other"]["total"] for _, m in rows)
        line += f"{other:>9.2f}{total['total'] / other:>8.2f}"
    print(line)
    print(f"{'CPU ' if args.cpu else ''}seconds, median of {args.repeats} runs each; load average {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on {os.cpu_count()} CPUs")


def _header(cols, against) -> str:
    head = f"{'notebook':<44}" + "".join(f"{c:>9}" for c in cols)
    return head + (f"{'before':>9}{'ratio':>8}" if against else "")


def _row(row, cols, against) -> str:
    name, med = row
    line = f"{str(name):<44}" + "".join(f"{med['this'][c]:>9.2f}" for c in cols)
    if against:
        line += f"{med['other']['total']:>9.2f}{med['this']['total'] / med['other']['total']:>8.2f}"
    return line


if __name__ == "__main__":
    main()
