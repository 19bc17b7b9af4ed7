"""Fuzz suite: every public chapter function refuses bad input with a clear error.

How it works
------------
1. Every chapter notebook's code is run once in this process on the shipped world, with every public
   function of the chapter modules wrapped so that the first valid call of each is recorded
   (its arguments, deep-copied).  That gives a real, valid call for every function a chapter uses.
2. From each recorded call, bad inputs are generated from what the function declares (its
   ``spec``: columns with kinds, options with ranges, unique keys): a required column dropped,
   a missing or infinite number, text where a number or a true/false value belongs, an
   unparseable date, a fractional customer id, a duplicated key, an empty frame, something that
   is not a DataFrame at all, and every option pushed outside its range.
3. Each must end in a ``ValueError`` or ``TypeError`` raised by casekit itself (never a raw
   pandas/numpy traceback, never a silent result).  Whole-number float ids must be accepted and
   give the same result.

The counts are printed (``-s``) so a run reports how many bad inputs were tried and refused.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import functools
import importlib
import inspect
import json
import os
import random
import sys
import traceback
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "casekit"

#: chapter modules whose public functions are fuzzed (those that exist in this tree)
MODULES = ["selection", "development", "objections", "tiering", "analysis", "retention",
           "key_accounts", "clv", "database", "core"]
SKIP = {"claim"}                  # claim() raises AssertionError by design
#: Functions that check their input themselves instead of declaring it, each with its own tests of
#: bad input; they are still fuzzed (no raw traceback on a wrong argument), but need no spec:
#: the validation layer itself, the World/period helpers and the own-data entry of the core
#: (tests/test_owndata.py, tests/test_validation.py), the database builder (tests/test_database.py)
#: and the generator's key-account history (a World in, generated data out).
SELF_CHECKED = ("casekit.core.", "casekit.database.build.build", "casekit.database.build.readable",
                "casekit.key_accounts.data.account_history")
SAMPLE = int(os.environ.get("CASEKIT_FUZZ_SAMPLE", "0"))   # 0 = every generated input
#: fuzz only these modules (comma-separated), e.g. while working on one chapter
ONLY = [m for m in os.environ.get("CASEKIT_FUZZ_MODULES", "").split(",") if m]


def _modules():
    out = []
    for name in (ONLY or MODULES):
        try:
            out.append(importlib.import_module(f"casekit.{name}"))
        except ImportError:
            continue
    return out


def _public_functions():
    """(module, name, function) for every public function defined in the chapter modules."""
    seen, out = set(), []
    for mod in _modules():
        for name in getattr(mod, "__all__", [n for n in dir(mod) if not n.startswith("_")]):
            f = getattr(mod, name, None)
            if not inspect.isfunction(f) or name in SKIP:
                continue
            if not (getattr(f, "__module__", "") or "").startswith("casekit"):
                continue
            key = (f.__module__, f.__qualname__)
            if key in seen:
                continue
            seen.add(key)
            out.append((mod, name, f))
    return out


def _record_calls():
    """Run the chapter notebooks' code with every public function wrapped; keep each first call."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    calls: dict = {}
    originals = []
    funcs = _public_functions()
    for mod, name, f in funcs:
        key = f"{f.__module__}.{f.__qualname__}"

        @functools.wraps(f)
        def wrapper(*args, __f=f, __key=key, **kwargs):
            if __key not in calls:
                try:
                    snap = (copy.deepcopy(args), copy.deepcopy(kwargs))
                except Exception:       # noqa: BLE001 - an uncopyable argument: skip this call
                    snap = None
                result = __f(*args, **kwargs)
                if snap is not None:
                    calls[__key] = (__f, snap)
                return result
            return __f(*args, **kwargs)

        # wrap it wherever the name is reachable: its home module, the package that re-exports
        # it, and every other casekit module that imported it (a topic file of the same
        # package, a plot, an exercise), so calls made through any of them are recorded
        homes = {mod, importlib.import_module(f.__module__)}
        homes |= {m for k, m in list(sys.modules.items())
                  if m is not None and (k == "casekit" or k.startswith("casekit."))}
        for m in homes:
            for attr, value in list(vars(m).items()):
                if value is f:
                    originals.append((m, attr, f))
                    setattr(m, attr, wrapper)
    try:
        for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            cells = [c for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]
                     if c["cell_type"] == "code"]
            ns = {"__name__": "__fuzz__", "display": lambda *a, **k: None}
            for cell in cells:
                src = "".join(cell["source"])
                if src.lstrip().startswith(("%", "!")):
                    continue
                try:
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(compile(src, f"{nb.name}", "exec"), ns)   # noqa: S102 - our notebooks
                except Exception:       # noqa: BLE001 - a failing cell only costs us its calls
                    pass
                plt.close("all")
    finally:
        for m, name, f in originals:
            setattr(m, name, f)
    return calls, funcs


@functools.lru_cache(maxsize=1)
def recorded():
    return _record_calls()


# ------------------------------------------------------------------------------------------
# Bad inputs
# ------------------------------------------------------------------------------------------

def _spec_columns(spec, pname, bound):
    """{column: kind} that the spec declares for the argument ``pname`` of a call."""
    cols = {}
    src = dict(getattr(spec, "frames", {}) or {}).get(pname)
    if src is None:
        world = dict(getattr(spec, "world", {}) or {})
        src = world.get(pname)
        if src is None and pname == next(iter(bound), None):
            src = world.get("customers")
    for col, kind in (src or {}).items():
        if col.startswith("{") and col.endswith("}"):
            col = bound.get(col[1:-1])
            if not isinstance(col, str):
                continue
        cols[col] = kind
    return cols


def _frame_mutations(df, cols, *, key=None, empty_ok=False, declared=True):
    """(label, bad frame, must) for one frame whose columns are declared as ``cols``."""
    if declared and not empty_ok and len(df):
        yield "<empty>", df.iloc[:0], "refuse"
    if len(df) == 0:
        return
    for col, kind in cols.items():
        optional = kind.startswith("?")
        kind = kind.lstrip("?")
        if col not in df.columns:
            continue
        if not optional:
            yield f" without {col!r}", df.drop(columns=[col]), "refuse"
        s = df[col]
        is_key = kind == "key"      # an id named by the user: text, or numbers checked as ids
        if is_key and pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            kind = "id"
        if kind in ("numeric", "money", "count", "share", "id"):
            for bad, lab in ((np.nan, "NaN"), (np.inf, "inf")):
                d = df.copy()
                d[col] = d[col].astype("float64")
                d.iloc[0, d.columns.get_loc(col)] = bad
                yield f".{col} with {lab}", d, "refuse"
            if not is_key:          # text ids are valid keys
                d = df.copy()
                d[col] = s.astype(str)
                yield f".{col} as text", d, "refuse"
        if kind in ("money", "count", "share"):
            d = df.copy()
            d[col] = d[col].astype("float64")
            d.iloc[0, d.columns.get_loc(col)] = -1.5
            yield f".{col} negative", d, "refuse"
        if kind == "key":
            d = df.copy()
            d[col] = d[col].astype(object)
            d.iloc[0, d.columns.get_loc(col)] = None
            yield f".{col} with a missing id", d, "refuse"
        if kind == "id":
            d = df.copy()
            d[col] = d[col].astype("float64")
            yield f".{col} as whole floats", d, "accept"
            d = d.copy()
            d.iloc[0, d.columns.get_loc(col)] = d[col].iloc[0] + 0.5
            yield f".{col} fractional", d, "refuse"
        if kind == "bool":
            d = df.copy()
            d[col] = np.where(s.to_numpy(dtype=bool), "True", "False").astype(object)
            yield f".{col} as text True/False", d, "refuse"
        if kind == "date":
            d = df.copy()
            d[col] = s.astype(str)
            d.iloc[0, d.columns.get_loc(col)] = "not a date"
            yield f".{col} unparseable", d, "refuse"
    if key is not None and key in df.columns and len(df) > 1:
        yield f" with a duplicated {key}", pd.concat([df, df.iloc[:1]]), "refuse"


def _is_world(x) -> bool:
    return dataclasses.is_dataclass(x) and not isinstance(x, type) and \
        isinstance(getattr(x, "customers", None), pd.DataFrame) and \
        isinstance(getattr(x, "transactions", None), pd.DataFrame)


def _mutations(f, args, kwargs):
    """(label, args, kwargs, must) for the bad inputs of one recorded call.

    ``must`` is "refuse" or "accept" (accept: same result as the valid call).  Frames passed
    directly are mutated by the columns declared for them; a World passed in is mutated, dataset
    by dataset, by the columns the function declares for the world's datasets.
    """
    spec = getattr(f, "spec", None)
    sig = inspect.signature(f)
    try:
        ba = sig.bind(*args, **kwargs)
    except TypeError:
        return
    ba.apply_defaults()         # a column named by a keyword left at its default is declared too
    bound = dict(ba.arguments)

    def call_with(pname, value):
        b = sig.bind(*args, **kwargs)
        b.arguments[pname] = value
        return b.args, b.kwargs

    keys = dict(getattr(spec, "keys", {}) or {}) if spec is not None else {}
    empty_ok = tuple(getattr(spec, "empty_ok", ()) or ()) if spec is not None else ()

    def key_of(name):
        k = keys.get(name)
        if isinstance(k, str) and k.startswith("{") and k.endswith("}"):
            k = bound.get(k[1:-1])
        return k if isinstance(k, str) else None

    for pname, value in bound.items():
        if _is_world(value) and spec is not None:
            world_cols = dict(getattr(spec, "world", {}) or {})
            for ds, raw in world_cols.items():
                df = getattr(value, ds, None)
                if not isinstance(df, pd.DataFrame):
                    continue
                cols = {}
                for col, kind in raw.items():
                    if col.startswith("{") and col.endswith("}"):
                        col = bound.get(col[1:-1])
                        if not isinstance(col, str):
                            continue
                    cols[col] = kind
                for lab, d, must in _frame_mutations(df, cols, key=key_of(ds),
                                                     empty_ok=ds in empty_ok):
                    yield (f"{pname}.{ds}{lab}",
                           *call_with(pname, dataclasses.replace(value, **{ds: d})), must)
            continue
        if not isinstance(value, pd.DataFrame):
            continue
        yield (f"{pname}=<text, not a DataFrame>", *call_with(pname, "customers"), "refuse")
        cols = _spec_columns(spec, pname, bound) if spec is not None else {}
        for lab, d, must in _frame_mutations(value, cols, key=key_of(pname),
                                             empty_ok=pname in empty_ok,
                                             declared=spec is not None):
            yield (f"{pname}{lab}", *call_with(pname, d), must)
    options = dict(getattr(spec, "options", {}) or {}) if spec is not None else {}
    for oname, opt in options.items():
        if oname not in sig.parameters:
            continue
        kind = type(opt).__name__
        bads = []
        if kind == "Interval":
            if opt.high is not None:
                bads.append(opt.high + 1)
            if opt.low is not None:
                bads.append(opt.low - 1)
            bads += [float("nan"), "0.5"]
        elif kind == "OneOf":
            bads.append("__no_such_value__")
        elif kind == "DateOption":
            bads += [12345, "not a date"]
        elif kind == "Flag":
            bads.append("True")
        for bad in bads:
            yield (f"{oname}={bad!r}", *call_with(oname, bad), "refuse")


def _origin_is_casekit(exc) -> bool:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and str(PKG) in last.tb_frame.f_code.co_filename


def _same(a, b) -> bool:
    try:
        if isinstance(a, (pd.DataFrame, pd.Series)):
            try:
                (pd.testing.assert_frame_equal if isinstance(a, pd.DataFrame)
                 else pd.testing.assert_series_equal)(a, b, check_dtype=False)
                return True
            except AssertionError:
                return False
        if isinstance(a, float) and isinstance(b, float):
            return a == b or (np.isnan(a) and np.isnan(b))
        return repr(a) == repr(b)
    except Exception:   # noqa: BLE001
        return False


def run_fuzz():
    calls, funcs = recorded()
    results = []
    for key, (f, (args, kwargs)) in sorted(calls.items()):
        muts = list(_mutations(f, args, kwargs))
        if SAMPLE and len(muts) > SAMPLE:
            muts = random.Random(key).sample(muts, SAMPLE)
        baseline = None
        for label, a, k, must in muts:
            try:
                out = f(*copy.deepcopy(a), **copy.deepcopy(k))
            except (ValueError, TypeError) as e:
                ok = must == "refuse" and _origin_is_casekit(e)
                kind = "refused" if _origin_is_casekit(e) else "raw"
                results.append((key, label, must, kind, f"{type(e).__name__}: {e}"[:200], ok))
                continue
            except Exception as e:  # noqa: BLE001
                tb = traceback.extract_tb(e.__traceback__)[-1]
                results.append((key, label, must, "raw", f"{type(e).__name__}: {e} "
                                f"({Path(tb.filename).name}:{tb.lineno})"[:200], False))
                continue
            if must == "accept":
                if baseline is None:
                    baseline = f(*copy.deepcopy(args), **copy.deepcopy(kwargs))
                same = _same(out, baseline)
                results.append((key, label, must, "accepted" if same else "differs", "", same))
            else:
                results.append((key, label, must, "silent", "", False))
    return pd.DataFrame(results, columns=["function", "input", "must", "outcome", "message", "ok"]), \
        calls, funcs


@functools.lru_cache(maxsize=1)
def fuzz_table():
    return run_fuzz()


def test_every_public_function_was_called_and_declares_its_inputs():
    calls, funcs = recorded()
    names = {f"{f.__module__}.{f.__qualname__}" for _, _, f in funcs}
    takes_frames = {k for k, (f, (a, kw)) in calls.items()
                    if any(isinstance(v, pd.DataFrame) or _is_world(v)
                           for v in [*a, *kw.values()])}
    undeclared = sorted(k for k in takes_frames if getattr(calls[k][0], "spec", None) is None
                        and not k.startswith(SELF_CHECKED))
    print(f"\n{len(names)} public functions, {len(calls)} called by the notebooks, "
          f"{len(takes_frames)} take data; undeclared: {len(undeclared)}")
    assert len(calls) > 0.5 * len(names), "the notebooks call too few of the public functions"
    assert not undeclared, f"functions that take data but declare no columns: {undeclared}"


def test_bad_input_is_refused_clearly():
    table, calls, _ = fuzz_table()
    counts = table.groupby(["must", "outcome"]).size()
    print(f"\n{len(table):,} bad inputs over {table['function'].nunique()} functions:\n{counts}")
    bad = table[~table["ok"]]
    if len(bad):
        show = bad.drop_duplicates(["function", "outcome"]).head(40)
        pytest.fail(f"{len(bad)} of {len(table)} bad inputs not refused clearly "
                    f"({(bad['outcome'] == 'raw').sum()} raw tracebacks, "
                    f"{(bad['outcome'] == 'silent').sum()} silent results):\n"
                    + show[["function", "input", "outcome", "message"]].to_string())
