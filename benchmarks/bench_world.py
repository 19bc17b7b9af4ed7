"""Build time and peak memory of ``casekit.synth.make_world`` for 10k, 100k and 1M customers.

Run: ``python benchmarks/bench_world.py [sizes ...]``.  Each size is built in a fresh process so
its peak resident memory is its own; the table is printed to stdout.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

SIZES = (10_000, 100_000, 1_000_000)


def measure(n: int, seed: int = 0) -> dict:
    from casekit import synth

    t0 = time.perf_counter()
    w = synth.make_world(seed, n)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"customers": n, "transactions": len(w.transactions), "leads": len(w.leads),
            "complaints": len(w.complaints), "seconds": round(seconds, 2),
            "peak_MB": round(peak_mb)}


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--one":
        print(json.dumps(measure(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or SIZES
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True,
                             text=True, check=True)
        rows.append(json.loads(out.stdout))
    cols = ["customers", "transactions", "leads", "complaints", "seconds", "peak_MB"]
    print(" | ".join(f"{c:>12}" for c in cols))
    for r in rows:
        print(" | ".join(f"{r[c]:>12,}" if isinstance(r[c], int) else f"{r[c]:>12}" for c in cols))


if __name__ == "__main__":
    main()
