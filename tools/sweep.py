"""The claim sweep, fast: run a chapter notebook's code on many seeds in one Python process.

    python tools/sweep.py notebooks/01_customer_selection.ipynb --seeds 1000-1049
    python tools/sweep.py --all --seeds 1000-1049 --jobs 2

Each run executes the notebook's code cells in order, in a fresh IPython namespace, with the
parameters cell's ``seed`` and ``n_customers`` replaced (``n_customers`` defaults to the notebook's
smallest world, :data:`casekit.core.SMALLEST_WORLD`), and charts drawn on matplotlib's Agg
backend without rendering them to PNG (what costs most in a kernel).  A failed ``ck.claim`` (or
any error) is reported with the seed, the cell and the message.  The same check under papermill,
one kernel per run, is ``pytest -m nightly tests/test_claims.py``; this tool gives the same answer
in a fraction of the time.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _seeds(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b) + 1)) if b else [int(a)]
    return out


def _key(nb: Path):
    return "own data" if nb.name.startswith("use_your_own") else int(nb.name[:2])


def run(nb_path: str, seeds: list[int], n_customers: int | None = None) -> list[tuple]:
    """Run ``nb_path`` once per seed; return ``(seed, n, ok, cell, message, seconds)`` rows."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell

    from casekit.core import SMALLEST_WORLD

    nb_path = Path(nb_path).resolve()
    nb = nbformat.read(nb_path, as_version=4)
    n = n_customers or SMALLEST_WORLD[_key(nb_path)]
    cells = [c for c in nb.cells if c.cell_type == "code"]
    shell = InteractiveShell.instance()
    shell.display_pub.publish = lambda *a, **k: None          # outputs are not kept
    os.chdir(nb_path.parent)
    rows = []
    for seed in seeds:
        shell.reset(new_session=True)
        t0 = time.perf_counter()
        ok, where, msg = True, None, ""
        for i, c in enumerate(cells):
            src = c.source
            if "parameters" in c.metadata.get("tags", []):
                src += f"\nseed = {seed}\nn_customers = {n}\n"
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                res = shell.run_cell(src, silent=True, store_history=False)
            plt.close("all")
            if not res.success:
                err = res.error_in_exec or res.error_before_exec
                ok, where, msg = False, i, f"{type(err).__name__}: {err}"
                break
        rows.append((seed, n, ok, where, msg, time.perf_counter() - t0))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--all", action="store_true", help="every chapter notebook")
    ap.add_argument("--seeds", default="1000-1049")
    ap.add_argument("--n-customers", type=int)
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args(argv)
    nbs = [str(p) for p in sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb"))] + \
          [str(ROOT / "notebooks" / "use_your_own_data.ipynb")] if a.all else a.notebooks
    seeds = _seeds(a.seeds)
    chunks = [(nb, seeds[k::a.jobs], a.n_customers) for nb in nbs for k in range(a.jobs)]
    failed = 0
    # one fresh process per task: IPython's shell takes over ``__main__`` in the process it runs in
    with ProcessPoolExecutor(a.jobs, mp_context=multiprocessing.get_context("spawn"),
                             max_tasks_per_child=1) as pool:
        for (nb, _, _), rows in zip(chunks, pool.map(run, *zip(*chunks))):
            bad = [r for r in rows if not r[2]]
            failed += len(bad)
            t = sum(r[5] for r in rows)
            print(f"{Path(nb).name}: {len(rows) - len(bad)}/{len(rows)} seeds hold at "
                  f"n_customers={rows[0][1]:,} ({t / len(rows):.1f} s a run)", flush=True)
            for seed, _, _, cell, msg, _ in bad:
                print(f"  seed {seed}: code cell {cell}: {msg[:300]}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
