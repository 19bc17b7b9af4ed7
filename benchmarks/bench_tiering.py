"""Speed and peak memory of casekit.tiering on 1M customers / 10M transactions.

Run: ``python benchmarks/bench_tiering.py [--customers 1000000] [--transactions 10000000]``.
Prints one row per step: seconds (an untraced run) and the peak memory allocated during a second
run of the step (tracemalloc, which numpy and pandas report to), beyond the input data.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np
import pandas as pd

from casekit import tiering as T


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


def measure(name, fn, rows):
    """Time one run of ``fn`` untraced, then run it again under tracemalloc for its peak memory."""
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append({"step": name, "seconds": round(seconds, 2), "peak_MB": round(peak / 2**20, 1)})
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--transactions", type=int, default=10_000_000)
    args = ap.parse_args(argv)
    rows = []
    tx = measure("make data", lambda: make_data(args.customers, args.transactions), rows)
    per = measure("customer_totals", lambda: T.customer_totals(tx), rows)
    measure("pareto_table", lambda: T.pareto_table(per), rows)
    measure("top_share + gini", lambda: (T.top_share(per), T.gini(per)), rows)
    measure("abc", lambda: T.abc(per, cutoffs=(0.8, 0.95)), rows)
    pyr = measure("pyramid", lambda: T.pyramid(per), rows)
    measure("tier_summary", lambda: T.tier_summary(pyr), rows)
    measure("rfm", lambda: T.rfm(tx, asof="2025-12-31"), rows)
    measure("tier_migration", lambda: T.tier_migration(tx, year_from=2024, year_to=2025), rows)
    measure("yearly_retention", lambda: T.yearly_retention(tx), rows)
    rng = np.random.default_rng(1)
    per = per.assign(annual_profit=rng.normal(1000, 3000, len(per)),
                     retention=rng.uniform(0.5, 0.99, len(per)))
    measure("clv", lambda: T.clv(per, retention="retention"), rows)
    table = pd.DataFrame(rows)
    print(f"casekit.tiering on {per.shape[0]:,} customers / {len(tx):,} transactions")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
