"""Chapter 2 and 3 analyses on a million rows (leads, complaints): seconds and peak memory.

    .venv/bin/python benchmarks/bench_chapters.py

Each step runs in this process on the shipped world's leads and complaints repeated to a million
rows (customer numbers shifted so that every copy is a new customer); the time is the median of
three runs, the memory the peak traced while the step ran once more.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

import numpy as np
import pandas as pd

import casekit as ck
from casekit import development as dev
from casekit import objections as ob

N = 1_000_000


def _measure(fn) -> tuple[float, float]:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    world = ck.world()
    leads = pd.concat([world.leads] * (N // len(world.leads) + 1), ignore_index=True).iloc[:N]
    reps = N // len(world.complaints) + 1
    cp = pd.concat([world.complaints] * reps, ignore_index=True).iloc[:N]
    offset = np.repeat(np.arange(reps), len(world.complaints))[:N] * 10_000
    cp = cp.assign(customer_id=cp["customer_id"] + offset, complaint_id=np.arange(1, len(cp) + 1))
    cu = pd.DataFrame({"customer_id": np.arange(1, reps * 10_000 + 10_000),
                       "churned": np.zeros(reps * 10_000 + 9_999, dtype=bool)})
    steps = {
        "qualify_leads": lambda: dev.qualify_leads(leads),
        "man_conversion": lambda: dev.man_conversion(leads),
        "channel_economics": lambda: dev.channel_economics(leads),
        "funnel by channel": lambda: dev.funnel(leads, by="channel"),
        "pipeline_matrix": lambda: dev.pipeline_matrix(dev.classify_pipeline(leads)),
        "complaint_pareto": lambda: ob.complaint_pareto(cp),
        "resolution_summary": lambda: ob.resolution_summary(cp),
        "complaint_outcomes": lambda: ob.complaint_outcomes(cp, by=["speed", "followed_up"]),
        "silent_customer_test": lambda: ob.silent_customer_test(cu, cp),
        "claims_summary": lambda: ob.claims_summary(cp),
        "escalation_case": lambda: ob.escalation_case(cp, cu.iloc[:50_000]),
    }
    print(f"{'step (1M rows)':28s} {'seconds':>8s} {'peak MB':>8s}")
    for name, fn in steps.items():
        sec, mb = _measure(fn)
        print(f"{name:28s} {sec:8.2f} {mb:8.0f}")


if __name__ == "__main__":
    main()
