"""Build time and peak memory of ``casekit.synth.make_world`` for 10k, 100k and 1M customers.

Run: ``python benchmarks/bench_world.py [--repeats 3] [sizes ...]``.  Each build runs in a fresh
process, so its peak resident memory (``ru_maxrss``, Python and the libraries included) is its
own.  The table gives, per size, the median CPU seconds (user + system, which move less with
other work on the machine) and wall-clock seconds of the builds, the peak memory, the
generator's own estimate of it (:func:`casekit.synth.memory_estimate`, which refuses worlds that
would not fit), and each one's growth against the size ten times smaller: linear growth is 10×.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (10_000, 100_000, 1_000_000)


def measure(n: int, seed: int = 0) -> dict:
    sys.path.insert(0, str(ROOT))
    from casekit import synth

    t0, c0 = time.perf_counter(), time.process_time()
    w = synth.make_world(seed, n)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"customers": n, "transactions": len(w.transactions), "leads": len(w.leads),
            "complaints": len(w.complaints), "seconds": seconds, "cpu_s": cpu, "peak_MB": peak / 2**20,
            "estimate_MB": synth.memory_estimate(n) / 2**20}


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--one":
        print(json.dumps(measure(int(argv[1]))))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    rows = []
    for n in args.sizes:
        runs = [json.loads(subprocess.run([sys.executable, __file__, "--one", str(n)],
                                          capture_output=True, text=True, check=True).stdout)
                for _ in range(args.repeats)]
        row = dict(runs[0])
        for key in ("seconds", "cpu_s", "peak_MB"):
            row[key] = statistics.median(r[key] for r in runs)
        rows.append(row)
    by_n = {r["customers"]: r for r in rows}
    cols = ["customers", "transactions", "leads", "complaints", "cpu_s", "cpu_growth", "wall_s",
            "wall_growth", "peak_MB", "mem_growth", "estimate_MB"]
    print(" | ".join(f"{c:>12}" for c in cols))
    for r in rows:
        small = by_n.get(r["customers"] // 10)
        r["wall_s"] = r["seconds"]
        for name, key in (("cpu_growth", "cpu_s"), ("wall_growth", "seconds"), ("mem_growth", "peak_MB")):
            r[name] = f"{r[key] / small[key]:.1f}×" if small else ""
        cells = []
        for c in cols:
            v = r[c]
            cells.append(f"{v:>12,}" if isinstance(v, int) else f"{v:>12.2f}" if isinstance(v, float)
                         and c in ("wall_s", "cpu_s") else f"{v:>12,.0f}" if isinstance(v, float)
                         else f"{v:>12}")
        print(" | ".join(cells))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"median of {args.repeats} builds per size, each in a fresh process; seed 0; load average "
          f"{load} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
