"""Speed and peak memory of casekit.clv beside the tools users would pick, in one run.

Run: ``python benchmarks/bench_clv.py [--sizes 1000000 10000000] [--fit-customers 1000000]
[--bench-python benchmarks/.lifetimes-venv/bin/python]``.

Every figure comes from a fresh process that first loads the data, then runs one step:
CPU seconds of the step (``time.process_time``: all threads of the process) and the peak
memory allocated during a second, traced run of the step (``tracemalloc``), beyond the loaded
data.  ``lifetimes`` runs in its
own environment (``--bench-python``; see ``benchmarks/README.md``); without it those rows are
left out.

Steps
-----
* transaction log → per-customer summary: ``casekit.clv.summary``, ``casekit.tiering.rfm``,
  ``lifetimes.utils.summary_data_from_transaction_data`` and a plain sort-based numpy pass
  (``np.argsort`` of a packed key + ``np.add.reduceat``), on CDNOW's 2,357-customer sample and on synthetic logs;
  all four must agree on frequency, recency (first to last purchase) and monetary value;
* BG/NBD fit on ``--fit-customers`` customers simulated from the model: ``casekit.clv.fit_bgnbd``
  against ``lifetimes.BetaGeoFitter`` (same parameters to 1e-3 relative, same log-likelihood);
* Gamma-Gamma fit on their repeat buyers: ``fit_gamma_gamma`` against ``GammaGammaFitter``.

Fits run with one BLAS thread (``threadpoolctl``): the work is many small numpy calls, where
OpenBLAS threads spinning between calls cost more than they give on a small machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
DEFAULT_BENCH_PYTHON = os.environ.get("CLV_BENCH_PYTHON",
                                      str(ROOT / "benchmarks" / ".lifetimes-venv" / "bin" / "python"))
ORIGIN = np.datetime64("2023-01-01", "D")
ASOF = "2025-12-31"


# ---------------------------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------------------------

def make_log(n_rows: int, seed: int = 0):
    """A transaction log: skewed purchases per customer (one customer per 10 rows), 3 years of
    days, lognormal values, and about 5% same-day repeats."""
    rng = np.random.default_rng([seed, 17])
    n_customers = max(n_rows // 10, 1)
    weight = rng.lognormal(0.0, 1.0, n_customers)
    cust = rng.choice(n_customers, n_rows, p=weight / weight.sum()) + 1
    cust[:n_customers] = np.arange(1, n_customers + 1)
    day = rng.integers(0, 1096, n_rows)
    same = rng.random(n_rows) < 0.05
    idx = np.flatnonzero(same[1:]) + 1
    cust[idx], day[idx] = cust[idx - 1], day[idx - 1]
    value = np.round(rng.lognormal(3.0, 0.8, n_rows), 2)
    return cust.astype("int64"), day.astype("int64"), value


def simulate_bgnbd(n: int, seed: int = 0, params=(0.243, 4.414, 0.793, 2.426), weeks=78):
    """Customers drawn from the BG/NBD model itself (CDNOW's estimates), acquired over 12 weeks
    and observed to week ``weeks``; their spend from the Gamma-Gamma model (CDNOW's estimates)."""
    rng = np.random.default_rng([seed, 18])
    r, alpha, a, b = params
    lam = rng.gamma(r, 1.0 / alpha, n)
    p = rng.beta(a, b, n)
    T = weeks - rng.integers(0, 84, n) / 7.0
    t = np.zeros(n)
    x = np.zeros(n, dtype="int64")
    tx = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    idx = np.arange(n)
    while idx.size:
        t[idx] += rng.exponential(1.0, idx.size) / np.maximum(lam[idx], 1e-12)
        buy = t[idx] <= T[idx]
        idx = idx[buy]
        x[idx] += 1
        tx[idx] = t[idx]
        alive[idx] = rng.random(idx.size) >= p[idx]
        idx = idx[alive[idx]]
    tx = np.round(tx, 4)
    T = np.round(T, 4)
    nu = rng.gamma(3.74, 1.0 / 15.44, n)
    spend = np.zeros(n)
    rep = x > 0
    spend[rep] = rng.gamma(6.25 * x[rep], 1.0 / nu[rep]) / x[rep]
    return x, tx, T, np.round(spend, 4)


# ---------------------------------------------------------------------------------------------
# workers (run in a fresh process; the lifetimes ones in the benchmark environment)
# ---------------------------------------------------------------------------------------------

def _run(fn):
    """CPU and wall time of one untraced run; then the peak memory allocated during a second,
    traced run (tracemalloc, which numpy and pandas report to), beyond the loaded data."""
    import tracemalloc

    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    del out
    tracemalloc.start()
    out = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, {"cpu": cpu, "wall": wall, "peak_MB": peak / 2**20}


def _log_frame(data):
    import pandas as pd
    z = np.load(data)
    return pd.DataFrame({"customer_id": z["cust"],
                         "date": (ORIGIN + z["day"]).astype("datetime64[ns]"),
                         "revenue": z["value"]})


def _save(out, cust, freq, rec, mon):
    order = np.argsort(cust, kind="stable")
    np.savez(out, cust=np.asarray(cust)[order], frequency=np.asarray(freq, float)[order],
             recency=np.asarray(rec, float)[order], monetary=np.asarray(mon, float)[order])


def numpy_pass(cust, day, value):
    """The plain sort-based pass: argsort of a packed (customer, day) key, occasions, reduceat."""
    span = int(day.max() - day.min()) + 1
    order = np.argsort(cust * span + (day - day.min()))
    c, d, v = cust[order], day[order], value[order]
    new_occ = np.empty(len(c), dtype=bool)
    new_occ[0] = True
    new_occ[1:] = (c[1:] != c[:-1]) | (d[1:] != d[:-1])
    starts = np.flatnonzero(new_occ)
    occ_c, occ_d = c[starts], d[starts]
    occ_v = np.add.reduceat(v, starts)
    new_c = np.empty(len(occ_c), dtype=bool)
    new_c[0] = True
    new_c[1:] = occ_c[1:] != occ_c[:-1]
    cs = np.flatnonzero(new_c)
    ce = np.append(cs[1:], len(occ_c))
    n_occ = ce - cs
    total = np.add.reduceat(occ_v, cs)
    freq = n_occ - 1
    mon = np.divide(total - occ_v[cs], freq, out=np.zeros(len(cs)), where=freq > 0)
    return occ_c[cs], freq, occ_d[ce - 1] - occ_d[cs], mon


def worker(task: str, data: str, out: str, extra: str) -> dict:
    if task in ("casekit_summary", "casekit_rfm", "numpy_pass", "lifetimes_summary"):
        if task == "numpy_pass":
            z = np.load(data)
            cust, day, value = z["cust"], z["day"], z["value"]
            res, m = _run(lambda: numpy_pass(cust, day, value))
            _save(out, res[0], res[1], res[2], res[3])
            return m
        tx = _log_frame(data)
        asof = str((ORIGIN + int(np.load(data)["day"].max())))
        if task == "casekit_summary":
            from casekit import clv
            s, m = _run(lambda: clv.summary(tx, asof=asof, unit="day"))
            _save(out, s["customer_id"], s["frequency"], s["recency"], s["monetary"])
        elif task == "casekit_rfm":
            from casekit import tiering
            s, m = _run(lambda: tiering.rfm(tx, asof=asof, repeat_only=True, monetary="mean"))
            rec = (s["last_purchase"] - s["first_purchase"]).dt.days
            _save(out, s["customer_id"], s["frequency"], rec, s["monetary"])
        else:
            from lifetimes.utils import summary_data_from_transaction_data
            s, m = _run(lambda: summary_data_from_transaction_data(
                tx, "customer_id", "date", monetary_value_col="revenue",
                observation_period_end=asof, freq="D"))
            _save(out, s.index.to_numpy(), s["frequency"], s["recency"], s["monetary_value"])
        return m
    # fits
    from threadpoolctl import threadpool_limits
    z = np.load(data)
    x, tx_, T, spend = z["x"], z["tx"], z["T"], z["spend"]
    with threadpool_limits(limits=int(extra or 1)):
        if task == "casekit_bgnbd":
            import pandas as pd
            from casekit import clv
            f = pd.DataFrame({"frequency": x, "recency": tx_, "T": T})
            fit, m = _run(lambda: clv.fit_bgnbd(f))
            m.update(params=[fit.r, fit.alpha, fit.a, fit.b], loglik=fit.loglik)
        elif task == "lifetimes_bgnbd":
            from lifetimes import BetaGeoFitter
            fit, m = _run(lambda: BetaGeoFitter().fit(x, tx_, T))
            p = fit.params_
            m.update(params=[p["r"], p["alpha"], p["a"], p["b"]],
                     loglik=-fit._negative_log_likelihood_ * len(x))
        elif task == "casekit_gg":
            import pandas as pd
            from casekit import clv
            f = pd.DataFrame({"frequency": x, "monetary": spend})
            fit, m = _run(lambda: clv.fit_gamma_gamma(f))
            m.update(params=[fit.p, fit.q, fit.gamma], loglik=fit.loglik)
        elif task == "lifetimes_gg":
            from lifetimes import GammaGammaFitter
            rep = x > 0
            fit, m = _run(lambda: GammaGammaFitter().fit(x[rep], spend[rep]))
            p = fit.params_
            m.update(params=[p["p"], p["q"], p["v"]], loglik=-fit._negative_log_likelihood_ * rep.sum())
        else:
            raise SystemExit(f"unknown task {task}")
    return m


# ---------------------------------------------------------------------------------------------
# the run
# ---------------------------------------------------------------------------------------------

def spawn(python, task, data, out, extra="", timeout=1800):
    env = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS=os.environ.get(
        "OPENBLAS_NUM_THREADS", "1"), OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    proc = subprocess.run([python, str(HERE), "--worker", task, "--data", str(data), "--out",
                           str(out), "--extra", extra], capture_output=True, text=True, env=env,
                          timeout=timeout)
    if proc.returncode:
        raise RuntimeError(f"{task} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _agree(paths):
    ref = np.load(paths[0])
    for p in paths[1:]:
        z = np.load(p)
        for k in ("cust", "frequency", "recency", "monetary"):
            if not np.allclose(ref[k], z[k], rtol=1e-9, atol=1e-6):
                return f"DISAGREE on {k} ({Path(p).stem})"
    return "same results"


def _loglik_at(model, params, x, tx, T, spend):
    """casekit's log-likelihood at another tool's parameters (lifetimes fits BG/NBD on rescaled
    times, so its own figure differs by a constant)."""
    from casekit.clv.bgnbd import _Data as BG
    from casekit.clv.gamma_gamma import _Data as GG
    if model == "BG/NBD":
        return BG(x.astype(float), tx, T).terms(np.log(params), grad=False)[0]
    rep = x > 0
    return GG(x[rep].astype(float), spend[rep]).terms(np.log(params), grad=False)[0]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1_000_000, 10_000_000])
    ap.add_argument("--fit-customers", type=int, default=1_000_000)
    ap.add_argument("--bench-python", default=DEFAULT_BENCH_PYTHON)
    ap.add_argument("--worker")
    ap.add_argument("--data")
    ap.add_argument("--out")
    ap.add_argument("--extra", default="")
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.out, args.extra)))
        return
    me = sys.executable
    lt = args.bench_python if Path(args.bench_python).exists() else None
    if lt is None:
        print(f"(no benchmark environment at {args.bench_python}: lifetimes rows left out)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        logs = []
        sys.path.insert(0, str(ROOT))
        import casekit as ck
        cd = ck.load("cdnow_sample")
        day = (cd["date"].to_numpy().astype("datetime64[D]") - ORIGIN).astype("int64")
        np.savez(tmp / "cdnow.npz", cust=cd["customer_id"].to_numpy(), day=day,
                 value=cd["dollar_value"].to_numpy())
        logs.append(("CDNOW sample", tmp / "cdnow.npz", len(cd)))
        for n in args.sizes:
            c, d, v = make_log(n)
            np.savez(tmp / f"log{n}.npz", cust=c, day=d, value=v)
            logs.append((f"synthetic {n:,} rows", tmp / f"log{n}.npz", n))
        for name, path, n in logs:
            tasks = [("casekit.clv.summary", me, "casekit_summary"),
                     ("casekit.tiering.rfm", me, "casekit_rfm"),
                     ("numpy sort-based pass", me, "numpy_pass")]
            if lt:
                tasks.append(("lifetimes summary_data_from_transaction_data", lt, "lifetimes_summary"))
            outs, got = [], {}
            for label, py, task in tasks:
                out = tmp / f"{task}_{n}.npz"
                got[task] = spawn(py, task, path, out)
                outs.append(out)
                rows.append({"data": name, "step": label, **{k: got[task][k] for k in
                                                             ("cpu", "wall", "peak_MB")}})
                print(f"  {name:<24} {label:<46} {got[task]['cpu']:8.2f} s CPU "
                      f"{got[task]['peak_MB']:8.0f} MB", flush=True)
            rows[-len(tasks)]["check"] = _agree(outs)
            base = got["casekit_summary"]["cpu"]
            rows.append({"data": name, "step": "ratio numpy pass / casekit.clv.summary",
                         "cpu": got["numpy_pass"]["cpu"] / base})
            if lt:
                rows.append({"data": name, "step": "ratio lifetimes / casekit.clv.summary",
                             "cpu": got["lifetimes_summary"]["cpu"] / base})
        # fits
        x, tx_, T, spend = simulate_bgnbd(args.fit_customers)
        np.savez(tmp / "fit.npz", x=x, tx=tx_, T=T, spend=spend)
        name = f"{args.fit_customers:,} customers"
        for model, ours, theirs in (("BG/NBD", "casekit_bgnbd", "lifetimes_bgnbd"),
                                    ("Gamma-Gamma", "casekit_gg", "lifetimes_gg")):
            a = spawn(me, ours, tmp / "fit.npz", tmp / "x")
            rows.append({"data": name, "step": f"casekit {model} fit", "cpu": a["cpu"],
                         "wall": a["wall"], "peak_MB": a["peak_MB"],
                         "check": "params " + ", ".join(f"{p:.4g}" for p in a["params"])
                         + f"; LL {a['loglik']:.2f}"})
            print(f"  {name:<24} casekit {model:<38} {a['cpu']:8.2f} s CPU", flush=True)
            if lt:
                b = spawn(lt, theirs, tmp / "fit.npz", tmp / "x")
                rel = np.max(np.abs(np.array(a["params"]) / np.array(b["params"]) - 1))
                ll_b = _loglik_at(model, b["params"], x, tx_, T, spend)
                rows.append({"data": name, "step": f"lifetimes {model} fit", "cpu": b["cpu"],
                             "wall": b["wall"], "peak_MB": b["peak_MB"],
                             "check": f"max rel. param diff {rel:.1e}; LL at its params "
                                      f"{ll_b:.2f}"})
                rows.append({"data": name, "step": f"ratio lifetimes / casekit {model}",
                             "cpu": b["cpu"] / a["cpu"]})
                print(f"  {name:<24} lifetimes {model:<36} {b['cpu']:8.2f} s CPU", flush=True)
    import pandas as pd
    table = pd.DataFrame(rows)
    for c in ("cpu", "wall", "peak_MB"):
        table[c] = table[c].round(2)
    print()
    print(table.astype(object).where(table.notna(), "").to_string(index=False))


if __name__ == "__main__":
    main()
