"""Build time and peak memory of ``casekit.synth.make_world`` for 10k, 100k and 1M customers.

Run: ``python benchmarks/bench_world.py [--repeats 3] [sizes ...]``.  Each build runs in a fresh
process, so its peak resident memory (``ru_maxrss``, Python and the libraries included) is its
own.  The table gives, per size, the median CPU seconds (user + system, which move less with
other work on the machine) and wall-clock seconds of the builds, the system's share of the CPU
time (mostly the kernel handing the process fresh memory), the peak memory, the generator's own
estimate of it (:func:`casekit.synth.memory_estimate`, which refuses worlds that would not fit),
and each one's growth against the size ten times smaller: linear growth is 10×.

The sizes are built in turn within each round (10k, 100k, 1M, then again), and a growth is the
median over the rounds of one round's ratio, so both builds of a ratio see the same machine (a
shared machine's speed drifts over minutes).  Beside each size, a **numpy reference** pushes the
same number of order rows through the idiomatic numpy steps of an order table (draw a day and
three values per row, a stable sort by day, gather four columns into date order, round the money)
in a fresh process of its own: its growth is what this machine gives such work from one size to
the next (a 100k world's columns fit in the processor's cache, a million-customer world's do not),
the bar the generator's growth is read against.

A **warm** build (``warm_s``) first touches as much memory as the build will need and gives it
back, as a kernel that has already worked with data has: on a virtual machine whose host hands
out memory lazily, a process's first touch of memory nobody used lately is slow (here about
0.5 GiB/s, against 8 GiB/s for memory freed a moment ago), and a cold million-customer build
spends a good part of its time there (``sys_share``), more when the build before it was small.
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
#: Order rows per customer in the default world (transactions / customers: 11.09 at seed 0).
ROWS_PER_CUSTOMER = 11.09


def _usage() -> tuple[float, float, float]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return time.perf_counter(), r.ru_utime + r.ru_stime, r.ru_stime


def _result(n: int, start, **extra) -> dict:
    (t0, c0, s0), (t1, c1, s1) = start, _usage()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"customers": n, "seconds": t1 - t0, "cpu_s": c1 - c0, "sys_s": s1 - s0,
            "peak_MB": peak / 2**20, **extra}


def measure(n: int, seed: int = 0, warm: bool = False) -> dict:
    sys.path.insert(0, str(ROOT))
    from casekit import synth

    if warm:  # touch as much memory as the build will need, and give it back (see the docstring)
        import numpy as np

        np.ones(synth.memory_estimate(n) // 8)
    start = _usage()
    w = synth.make_world(seed, n)
    return _result(n, start, transactions=len(w.transactions), leads=len(w.leads),
                   complaints=len(w.complaints), estimate_MB=synth.memory_estimate(n) / 2**20)


def reference(n: int) -> dict:
    """The idiomatic numpy steps of an order table with as many rows as an ``n``-customer world."""
    import numpy as np

    m = round(ROWS_PER_CUSTOMER * n)
    start = _usage()
    rng = np.random.default_rng(0)
    day = rng.integers(0, 1461, m).astype(np.int16)  # rows in customer order, as drawn
    value = rng.lognormal(7.0, 0.4, m)
    rate = rng.normal(0.05, 0.01, m)
    line = rng.choice(4, m, p=[0.30, 0.40, 0.18, 0.12]).astype(np.int8)
    customer = np.repeat(np.arange(n, dtype=np.int32),
                         np.diff(np.linspace(0, m, n + 1).astype(np.int64)))
    order = np.argsort(day, kind="stable")  # into date order
    customer, value, rate, line = customer[order], value[order], rate[order], line[order]
    discount = np.round(value * rate, 2)
    revenue = np.round(np.round(value, 2) - discount, 2)
    out = _result(n, start)
    del customer, line, revenue
    return out


def _run(kind: str, n: int) -> dict:
    out = subprocess.run([sys.executable, __file__, kind, str(n)], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def _growth(runs: dict, n: int, key: str) -> str:
    """Median over the rounds of one round's ratio of size ``n`` to size ``n / 10``."""
    small = runs.get(n // 10)
    if not small:
        return ""
    return f"{statistics.median(b[key] / a[key] for a, b in zip(small, runs[n])):.1f}×"


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("--one", "--warm", "--reference"):
        n = int(argv[1])
        out = reference(n) if argv[0] == "--reference" else measure(n, warm=argv[0] == "--warm")
        print(json.dumps(out))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    builds = {n: [] for n in args.sizes}
    refs = {n: [] for n in args.sizes}
    warms = {n: [] for n in args.sizes}
    for _ in range(args.repeats):  # each round builds every size in turn (see the docstring)
        for n in args.sizes:
            builds[n].append(_run("--one", n))
            warms[n].append(_run("--warm", n))
            refs[n].append(_run("--reference", n))

    cols = ["customers", "transactions", "cpu_s", "cpu_growth", "wall_s", "wall_growth", "sys_share",
            "peak_MB", "mem_growth", "estimate_MB", "warm_s", "warm_growth", "numpy_ref_s",
            "ref_growth"]
    print(" | ".join(f"{c:>12}" for c in cols))
    for n in args.sizes:
        runs = builds[n]
        med = lambda key, rs=runs: statistics.median(r[key] for r in rs)  # noqa: E731
        row = {"customers": n, "transactions": runs[0]["transactions"], "cpu_s": med("cpu_s"),
               "cpu_growth": _growth(builds, n, "cpu_s"), "wall_s": med("seconds"),
               "wall_growth": _growth(builds, n, "seconds"),
               "sys_share": f"{statistics.median(r['sys_s'] / r['cpu_s'] for r in runs):.0%}",
               "peak_MB": f"{med('peak_MB'):,.0f}", "mem_growth": _growth(builds, n, "peak_MB"),
               "estimate_MB": f"{runs[0]['estimate_MB']:,.0f}",
               "warm_s": med("seconds", warms[n]), "warm_growth": _growth(warms, n, "seconds"),
               "numpy_ref_s": med("cpu_s", refs[n]), "ref_growth": _growth(refs, n, "cpu_s")}
        print(" | ".join(f"{v:>12,}" if isinstance(v, int) else f"{v:>12.2f}"
                         if isinstance(v, float) else f"{v:>12}" for v in row.values()))
    print(f"leads and complaints: {runs[0]['leads']:,} and {runs[0]['complaints']:,} at "
          f"{args.sizes[-1]:,} customers")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"median of {args.repeats} builds per size, each in a fresh process, the sizes in turn; a "
          f"growth is the median of one round's ratios; warm_s: wall seconds of a warm build; numpy_ref_s: CPU seconds of the numpy "
          f"reference on as many order rows; seed 0; load average {load} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
