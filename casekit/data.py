"""Loading the kit's data by name: ``load``, ``datasets``, ``describe`` and ``world``.

The shipped CSVs live in ``datasets/`` at the top of the project; an installed wheel carries the
same folder inside the package.  They are found from the package's own location, never from the
current working directory, so a notebook opened from any folder finds its data.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from . import _building, schema, synth
from .core.checks import require_number
from .core.world import stamp

DEFAULT_SEED = 0
DEFAULT_N_CUSTOMERS = 2000
REAL = ("cdnow", "cdnow_sample")


def data_dir() -> Path:
    """The folder holding the shipped datasets (inside the wheel, or the project's ``datasets/``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "datasets", here.parent / "datasets"):
        if (candidate / "customers.csv").is_file():
            return candidate
    raise FileNotFoundError(
        "casekit's shipped datasets were not found (looked in "
        f"{here / 'datasets'} and {here.parent / 'datasets'}); regenerate them with "
        "`casekit data --seed 0 --out datasets/` from the project folder")


def _path(name: str) -> Path:
    if name in REAL:
        return data_dir() / "real" / schema.REAL_FOLDER[name] / f"{name}.csv"
    return data_dir() / f"{name}.csv"


def _check_name(name) -> str:
    valid = list(schema.SCHEMA) + list(REAL)
    if isinstance(name, pd.DataFrame):
        raise ValueError("expected the name of a dataset (a string such as 'customers'), got a "
                         f"DataFrame; valid names are {valid}")
    if not isinstance(name, str) or name not in valid:
        raise ValueError(f"unknown dataset {name!r}; expected one of {valid}")
    return name


def read_csv(path, name: str) -> pd.DataFrame:
    """Read one of the kit's CSV files with the schema's dtypes (dates parsed, categories set)."""
    cols = schema.columns(name)
    dates = [c.name for c in cols if c.dtype == "date"]
    plain = {c.name: ("str" if c.dtype == "category" else c.dtype) for c in cols
             if c.dtype not in ("date", "bool")}
    df = pd.read_csv(path, dtype=plain, parse_dates=dates, keep_default_na=False,
                     na_values={c.name: [""] for c in cols if c.dtype in ("date", "Int64")})
    for c in cols:
        if c.dtype == "bool":
            df[c.name] = df[c.name].map({"True": True, "False": False, True: True, False: False})
    return schema.conform(df, name)


@functools.lru_cache(maxsize=None)
def _load_cached(name: str) -> pd.DataFrame:
    df = read_csv(_path(name), name)
    if name in schema.SCHEMA:  # the shipped synthetic data know their period
        df.attrs["start"], df.attrs["asof"] = synth.START, synth.ASOF
    return df


def load(name: str) -> pd.DataFrame:
    """Load a shipped dataset by name, with the declared dtypes (dates parsed).

    Synthetic datasets (seed 0, 2,000 customers): ``customers``, ``transactions``, ``leads``,
    ``complaints``, ``accounts``, ``perceptions``, ``objections``.  Real data: ``cdnow`` (CD
    purchases at CDNOW, 1997–1998) and ``cdnow_sample`` (its 2,357-customer sample).  Each call returns a fresh copy you may change freely.

    Examples
    --------
    >>> load("customers").shape[0]
    2000
    >>> load("customer")
    Traceback (most recent call last):
    ...
    ValueError: unknown dataset 'customer'; expected one of ['customers', 'transactions', 'leads', 'complaints', 'accounts', 'perceptions', 'objections', 'cdnow', 'cdnow_sample']
    """
    return _load_cached(_check_name(name)).copy()


def datasets() -> pd.DataFrame:
    """The shipped datasets: name, rows, columns and a one-line description."""
    rows = []
    for name in list(schema.SCHEMA) + list(REAL):
        df = _load_cached(name)
        rows.append({"name": name, "rows": len(df), "columns": df.shape[1],
                     "kind": "real" if name in REAL else "synthetic",
                     "description": schema.DESCRIPTIONS[name]})
    return pd.DataFrame(rows)


def describe(name: str) -> pd.DataFrame:
    """The data dictionary of a dataset: each column's dtype, unit, meaning and Chinese term.

    Examples
    --------
    >>> describe("transactions").loc[0, "column"]
    'order_id'
    """
    return schema.dictionary(_check_name(name))


@functools.lru_cache(maxsize=4)
def _world_cached(seed: int, n_customers: int) -> synth.World:
    if seed == DEFAULT_SEED and n_customers == DEFAULT_N_CUSTOMERS:
        try:
            frames = {name: _load_cached(name).copy() for name in schema.SCHEMA}
        except FileNotFoundError:
            return stamp(synth.make_world(seed, n_customers), start=synth.START, asof=synth.ASOF)
        w = synth.World(**frames, seed=seed, n_customers=n_customers, asof=synth.ASOF)
    else:
        _building.check_memory(n_customers)  # a clear message before a build the memory cannot hold
        w = _building.build(synth.make_world, seed, n_customers)  # a progress bar in a notebook
    return stamp(w, start=synth.START, asof=w.asof)


def world(seed: int = DEFAULT_SEED, n_customers: int = DEFAULT_N_CUSTOMERS) -> synth.World:
    """The synthetic world a notebook works on.

    For the defaults (seed 0, 2,000 customers) it is the shipped data, read from ``datasets/``;
    any other seed or size is built on demand (and kept for the session).  Its frames are shared
    between calls: copy one before changing it in place.

    Examples
    --------
    >>> w = world()
    >>> (w.seed, len(w.customers))
    (0, 2000)
    """
    require_number(seed, what="world", name="seed", low=0, integer=True)
    require_number(n_customers, what="world", name="n_customers", low=100, integer=True)
    return _world_cached(int(seed), int(n_customers))
