"""casekit.tiering on 1M customers / 10M orders, each step beside the idiomatic pandas/numpy way.

Run: ``python benchmarks/bench_tiering.py [--customers 1000000] [--transactions 10000000]
[--repeats 5]``.

For each heavy step the kit's function and the plain way of computing the same output (sort +
cumsum + cut for ABC and the Pareto table, factorize + bincount for per-customer sums, the
closed form for CLV) run in turn, ``--repeats`` times each, alternating, so both see the same
machine load; the table gives the median CPU seconds (``time.process_time``, which moves less
than the wall clock with other work on the machine), the ratio kit / idiomatic (below 1: the kit is
faster) and the peak memory each allocates (tracemalloc, which numpy and pandas report to) beyond
its input.  The other steps of the chapter follow, timed alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casekit import tiering as T  # noqa: E402


def make_data(n_customers: int, n_transactions: int, seed: int = 0):
    """Transactions with a skewed number of orders per customer and lognormal order values."""
    rng = np.random.default_rng(seed)
    weight = rng.lognormal(0.0, 1.0, n_customers)
    cust = rng.choice(n_customers, n_transactions, p=weight / weight.sum()) + 1
    cust[:n_customers] = np.arange(1, n_customers + 1)  # every customer has at least one order
    day = rng.integers(0, 1096, n_transactions)
    tx = pd.DataFrame({
        "customer_id": cust.astype("int64"),
        "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(day, unit="D"),
        "revenue": np.round(rng.lognormal(6.0, 1.0, n_transactions) * weight[cust - 1], 2),
    })
    return tx


# The idiomatic ways, written as a pandas / numpy user would (same outputs as the kit's).

def idiom_customer_totals(tx):
    codes, ids = pd.factorize(tx["customer_id"], sort=True)
    return pd.DataFrame({"customer_id": ids,
                         "revenue": np.bincount(codes, weights=tx["revenue"].to_numpy(),
                                                minlength=len(ids))})


def idiom_abc(per, cutoffs=(0.8, 0.95)):
    d = per.sort_values(["revenue", "customer_id"], ascending=[False, True]).reset_index(drop=True)
    d["rank"] = np.arange(1, len(d) + 1)
    d["customer_share"] = d["rank"] / len(d)
    total = d["revenue"].sum()
    d["value_share"] = d["revenue"].cumsum() / total
    before = d["value_share"] - d["revenue"] / total
    d["abc"] = pd.cut(before, [-np.inf, cutoffs[0] - 1e-12, cutoffs[1] - 1e-12, np.inf],
                      labels=["A", "B", "C"], right=False)
    return d


def idiom_pareto(per):
    d = per[["customer_id", "revenue"]].sort_values(["revenue", "customer_id"],
                                                    ascending=[False, True]).reset_index(drop=True)
    d["rank"] = np.arange(1, len(d) + 1)
    d["customer_share"] = d["rank"] / len(d)
    d["value_share"] = d["revenue"].cumsum() / d["revenue"].sum()
    return d


def idiom_clv(per, discount=0.10, horizon=5):
    q = per["retention"].to_numpy() / (1 + discount)
    return pd.Series(per["annual_profit"].to_numpy() * (q * (1 - q ** horizon) / (1 - q)),
                     index=per.index, name="clv")


def _peak(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def paired(name, kit, idiom, repeats, rows):
    """Median seconds of ``kit`` and ``idiom``, run in turn; their ratio and peak memory."""
    times = {"kit": [], "idiom": []}
    for r in range(repeats):
        for which, fn in (("kit", kit), ("idiom", idiom))[:: 1 if r % 2 == 0 else -1]:
            t0 = time.process_time()
            fn()
            times[which].append(time.process_time() - t0)
    kit_s, idiom_s = statistics.median(times["kit"]), statistics.median(times["idiom"])
    rows.append({"step": name, "kit_s": round(kit_s, 3), "idiom_s": round(idiom_s, 3),
                 "ratio": round(kit_s / idiom_s, 2), "kit_peak_MB": round(_peak(kit)),
                 "idiom_peak_MB": round(_peak(idiom))})


def alone(name, fn, repeats, rows):
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    rows.append({"step": name, "kit_s": round(statistics.median(times), 3), "idiom_s": "",
                 "ratio": "", "kit_peak_MB": round(_peak(fn)), "idiom_peak_MB": ""})


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--transactions", type=int, default=10_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    k = args.repeats
    tx = make_data(args.customers, args.transactions)
    per = T.customer_totals(tx)
    rng = np.random.default_rng(1)
    per = per.assign(annual_profit=rng.normal(1000, 3000, len(per)),
                     retention=rng.uniform(0.5, 0.99, len(per)))
    rows: list[dict] = []
    paired("customer_totals", lambda: T.customer_totals(tx), lambda: idiom_customer_totals(tx), k,
           rows)
    paired("abc", lambda: T.abc(per, cutoffs=(0.8, 0.95)), lambda: idiom_abc(per), k, rows)
    paired("pareto_table", lambda: T.pareto_table(per), lambda: idiom_pareto(per), k, rows)
    paired("clv", lambda: T.clv(per, retention="retention"), lambda: idiom_clv(per), k, rows)
    alone("rfm", lambda: T.rfm(tx, asof="2025-12-31"), k, rows)
    alone("top_share + gini", lambda: (T.top_share(per), T.gini(per)), k, rows)
    pyr = T.pyramid(per)
    alone("pyramid", lambda: T.pyramid(per), k, rows)
    alone("tier_summary", lambda: T.tier_summary(pyr), k, rows)
    alone("tier_migration", lambda: T.tier_migration(tx, year_from=2024, year_to=2025), k, rows)
    alone("yearly_retention", lambda: T.yearly_retention(tx), k, rows)
    table = pd.DataFrame(rows)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"casekit.tiering on {len(per):,} customers / {len(tx):,} transactions; median of {k} "
          f"runs (CPU seconds); ratio = kit / idiomatic; load average {load} on {os.cpu_count()} CPUs")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
