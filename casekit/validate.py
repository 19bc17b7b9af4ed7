"""Input checks shared by every public function: clear ``ValueError`` instead of a pandas traceback.

Examples
--------
>>> import pandas as pd
>>> require_frame(pd.DataFrame({"customer_id": [1, 2]}), {"revenue": "numeric"}, what="pareto_table")
Traceback (most recent call last):
...
ValueError: pareto_table: the data has no column 'revenue' (expected a numeric column 'revenue'); its columns are ['customer_id']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

_KINDS = {
    "numeric": "a numeric column",
    "date": "a date column",
    "bool": "a true/false column",
    "text": "a text or category column",
    "any": "a column",
}


def _is_kind(s: pd.Series, kind: str) -> bool:
    if kind == "any":
        return True
    if kind == "numeric":
        return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
    if kind == "date":
        return pd.api.types.is_datetime64_any_dtype(s)
    if kind == "bool":
        return pd.api.types.is_bool_dtype(s)
    if kind == "text":
        return (pd.api.types.is_string_dtype(s) or isinstance(s.dtype, pd.CategoricalDtype)
                or pd.api.types.is_object_dtype(s))
    raise ValueError(f"unknown column kind {kind!r}; expected one of {sorted(_KINDS)}")


def require_frame(df, columns: Mapping[str, str] | Iterable[str] = (), *, what: str,
                  allow_empty: bool = False) -> pd.DataFrame:
    """Check that ``df`` is a DataFrame holding ``columns`` of the right kinds.

    ``columns`` maps a column name to its kind: ``"numeric"``, ``"date"``, ``"bool"``,
    ``"text"`` or ``"any"`` (a plain list means ``"any"``).  Numeric columns must not hold
    missing values or infinities.  Returns ``df`` unchanged so a call can be chained.
    """
    if not isinstance(df, pd.DataFrame):
        hint = " (pass the data, e.g. ck.load(\"customers\"), not its name)" if isinstance(df, str) else ""
        raise ValueError(f"{what}: expected a pandas DataFrame, got {type(df).__name__}{hint}")
    if not isinstance(columns, Mapping):
        columns = {c: "any" for c in columns}
    for name, kind in columns.items():
        if name not in df.columns:
            raise ValueError(
                f"{what}: the data has no column {name!r} (expected {_KINDS[kind]} {name!r}); "
                f"its columns are {list(map(str, df.columns))}")
        s = df[name]
        if not _is_kind(s, kind):
            raise ValueError(f"{what}: column {name!r} has dtype {s.dtype}; expected {_KINDS[kind]}")
        if kind == "numeric":
            values = s.to_numpy(dtype="float64", na_value=np.nan)
            bad = ~np.isfinite(values)
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise ValueError(f"{what}: column {name!r} holds a missing or infinite value "
                                 f"({values[i]} in row {df.index[i]!r}); expected finite numbers")
        if kind == "date" and s.isna().any():
            i = int(np.flatnonzero(s.isna().to_numpy())[0])
            raise ValueError(f"{what}: column {name!r} has a missing date in row {df.index[i]!r}")
    if not allow_empty and len(df) == 0:
        raise ValueError(f"{what}: the data is empty; expected at least one row")
    return df


def require_numbers(values, *, what: str, name: str) -> np.ndarray:
    """Check a column of numbers given on its own (a Series or a list); return it as floats.

    Examples
    --------
    >>> require_numbers([1, 2.5], what="f", name="days")
    array([1. , 2.5])
    >>> require_numbers(["a"], what="f", name="days")
    Traceback (most recent call last):
    ...
    ValueError: f: days must hold numbers; got dtype str
    """
    if isinstance(values, (pd.DataFrame, str, bytes)):
        raise ValueError(f"{what}: {name} must be a column of numbers (a Series or a list), got "
                         f"{type(values).__name__}")
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_bool_dtype(s) or not (pd.api.types.is_numeric_dtype(s) or s.empty):
        raise ValueError(f"{what}: {name} must hold numbers; got dtype {s.dtype}")
    arr = s.to_numpy(dtype="float64", na_value=np.nan)
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{what}: {name} holds a missing or infinite value ({arr[i]} at "
                         f"position {i}); expected finite numbers")
    return arr


def require_choice(value, allowed: Iterable, *, what: str, name: str):
    """Check that an option is one of the allowed values."""
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(f"{what}: {name}={value!r} is not allowed; expected one of {allowed}")
    return value


def require_number(value, *, what: str, name: str, low=None, high=None, integer: bool = False):
    """Check that an option is a finite number (optionally an integer) within ``[low, high]``."""
    ok_type = isinstance(value, (int, np.integer)) if integer else isinstance(
        value, (int, float, np.integer, np.floating))
    if isinstance(value, bool) or not ok_type or not np.isfinite(value):
        kind = "a whole number" if integer else "a finite number"
        raise ValueError(f"{what}: {name}={value!r} is not {kind}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{what}: {name}={value!r} is out of range; expected between {low} and {high}")
    return value


def require_shares(shares, *, what: str, name: str, total: float | None = 1.0):
    """Check a sequence of shares: each in (0, 1], and summing to ``total`` (if given)."""
    try:
        values = [float(v) for v in shares]
    except (TypeError, ValueError):
        raise ValueError(f"{what}: {name}={shares!r} must be a sequence of numbers") from None
    if not values or any(not np.isfinite(v) or v <= 0 or v > 1 for v in values):
        raise ValueError(f"{what}: {name}={shares!r} must hold shares between 0 and 1")
    if total is not None and abs(sum(values) - total) > 1e-6:
        raise ValueError(f"{what}: {name}={shares!r} sums to {sum(values):g}; expected {total:g}")
    return values
