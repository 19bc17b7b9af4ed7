"""Input checks shared by every public function: clear ``ValueError`` instead of a pandas traceback.

Two layers: the ``require_*`` helpers check one frame or option where a function needs it, and
:func:`validated` lets a public function declare its columns (with kinds) and its options (with
ranges) once, so that every call is checked the same way before the function runs.

Examples
--------
>>> import pandas as pd

>>> require_frame(pd.DataFrame({"customer_id": [1, 2]}), {"revenue": "numeric"}, what="pareto_table")
Traceback (most recent call last):
...
ValueError: pareto_table: the data has no column 'revenue' (expected a numeric column 'revenue'); its columns are ['customer_id']
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..i18n import N_, _

_KINDS = {
    "numeric": N_("a numeric column"),
    "date": N_("a date column"),
    "bool": N_("a true/false column"),
    "text": N_("a text or category column"),
    "any": N_("a column"),
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

    Parameters
    ----------
    df : DataFrame
        The data to check.
    columns : dict or list of str
        Column name → kind, or names (kind ``"any"``).
    what : str
        The calling function, named in the message.
    allow_empty : bool
        Accept a frame without rows.

    Examples
    --------
    >>> require_frame(pd.DataFrame({"x": [1.0]}), {"x": "numeric"}, what="f").shape
    (1, 1)
    """
    if not isinstance(df, pd.DataFrame):
        hint = " (pass the data, e.g. ck.load(\"customers\"), not its name)" if isinstance(df, str) else ""
        raise ValueError(_("{what}: expected a pandas DataFrame, got {type}{hint}").format(
            what=what, type=type(df).__name__, hint=hint))
    if not isinstance(columns, Mapping):
        columns = {c: "any" for c in columns}
    for name, kind in columns.items():
        if name not in df.columns:
            raise ValueError(_("{what}: the data has no column {name!r} (expected {kind} {name!r}); "
                               "its columns are {columns}").format(
                what=what, name=name, kind=_(_KINDS[kind]), columns=list(map(str, df.columns))))
        s = df[name]
        if not _is_kind(s, kind):
            raise ValueError(_("{what}: column {name!r} has dtype {dtype}; expected {kind}").format(
                what=what, name=name, dtype=s.dtype, kind=_(_KINDS[kind])))
        if kind == "numeric":
            values = s.to_numpy(dtype="float64", na_value=np.nan)
            bad = ~np.isfinite(values)
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise ValueError(_("{what}: column {name!r} holds a missing or infinite value "
                                   "({value} in row {row!r}); expected finite numbers").format(
                    what=what, name=name, value=values[i], row=df.index[i]))
        if kind == "date" and s.isna().any():
            i = int(np.flatnonzero(s.isna().to_numpy())[0])
            raise ValueError(_("{what}: column {name!r} has a missing date in row {row!r}").format(
                what=what, name=name, row=df.index[i]))
    if not allow_empty and len(df) == 0:
        raise ValueError(_("{what}: the data is empty; expected at least one row").format(what=what))
    return df


def require_numbers(values, *, what: str, name: str) -> np.ndarray:
    """Check a column of numbers given on its own (a Series or a list); return it as floats.

    Parameters
    ----------
    values : Series or list
        The numbers.
    what, name : str
        The calling function and the argument, named in the message.

    Returns
    -------
    ndarray
        The values as floats.

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
        raise ValueError(_("{what}: {name} must be a column of numbers (a Series or a list), got "
                           "{type}").format(what=what, name=name, type=type(values).__name__))
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_bool_dtype(s) or not (pd.api.types.is_numeric_dtype(s) or s.empty):
        raise ValueError(_("{what}: {name} must hold numbers; got dtype {dtype}").format(
            what=what, name=name, dtype=s.dtype))
    arr = s.to_numpy(dtype="float64", na_value=np.nan)
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(_("{what}: {name} holds a missing or infinite value ({value} at "
                           "position {i}); expected finite numbers").format(
            what=what, name=name, value=arr[i], i=i))
    return arr


def require_choice(value, allowed: Iterable, *, what: str, name: str):
    """Check that an option is one of the allowed values.

    Parameters
    ----------
    value
        The option given.
    allowed : iterable
        The values allowed.
    what, name : str
        The calling function and the option, named in the message.

    Returns
    -------
    object
        ``value`` itself.

    Examples
    --------
    >>> require_choice("mean", ["mean", "total"], what="rfm", name="monetary")
    'mean'
    """
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(_("{what}: {name}={value!r} is not allowed; expected one of {allowed}").format(
            what=what, name=name, value=value, allowed=allowed))
    return value


def require_number(value, *, what: str, name: str, low=None, high=None, integer: bool = False):
    """Check that an option is a finite number (optionally an integer) within ``[low, high]``.

    Parameters
    ----------
    value
        The option given.
    what, name : str
        The calling function and the option, named in the message.
    low, high : float, optional
        The range allowed (``None``: unbounded).
    integer : bool
        Require a whole number.

    Returns
    -------
    number
        ``value`` itself.

    Examples
    --------
    >>> require_number(0.5, what="f", name="top", low=0, high=1)
    0.5
    """
    ok_type = isinstance(value, (int, np.integer)) if integer else isinstance(
        value, (int, float, np.integer, np.floating))
    if isinstance(value, bool) or not ok_type or not np.isfinite(value):
        message = (_("{what}: {name}={value!r} is not a whole number") if integer else
                   _("{what}: {name}={value!r} is not a finite number"))
        raise ValueError(message.format(what=what, name=name, value=value))
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(_("{what}: {name}={value!r} is out of range; expected between {low} and "
                           "{high}").format(what=what, name=name, value=value, low=low, high=high))
    return value


def require_shares(shares, *, what: str, name: str, total: float | None = 1.0):
    """Check a sequence of shares: each in (0, 1], and summing to ``total`` (if given).

    Parameters
    ----------
    shares : sequence of float
        The shares.
    what, name : str
        The calling function and the option, named in the message.
    total : float, optional
        What they must sum to (``None``: any sum).

    Returns
    -------
    list of float
        The shares as floats.

    Examples
    --------
    >>> require_shares([0.2, 0.8], what="pyramid", name="shares")
    [0.2, 0.8]
    """
    try:
        values = [float(v) for v in shares]
    except (TypeError, ValueError):
        raise ValueError(_("{what}: {name}={shares!r} must be a sequence of numbers").format(
            what=what, name=name, shares=shares)) from None
    if not values or any(not np.isfinite(v) or v <= 0 or v > 1 for v in values):
        raise ValueError(_("{what}: {name}={shares!r} must hold shares between 0 and 1").format(
            what=what, name=name, shares=shares))
    if total is not None and abs(sum(values) - total) > 1e-6:
        raise ValueError(_("{what}: {name}={shares!r} sums to {sum:g}; expected {total:g}").format(
            what=what, name=name, shares=shares, sum=sum(values), total=total))
    return values


# ---------------------------------------------------------------------------------------------
# The declarative layer: each public function states its columns and options once
# ---------------------------------------------------------------------------------------------

__all__ = ["require_frame", "require_numbers", "require_choice", "require_number", "require_shares",
           "Interval", "OneOf", "DateOption", "Flag", "Spec", "validated", "check_columns",
           "kit_columns", "KIT_COLUMNS"]

_EXPECT = {**_KINDS, "id": N_("a column of customer numbers (whole numbers)"),
           "count": N_("a column of whole numbers ≥ 0"), "share": N_("a column of shares between 0 and 1"),
           "money": N_("a column of amounts ≥ 0"),
           "key": N_("a column of customer ids (whole numbers or text)")}


@dataclass(frozen=True)
class Interval:
    """An option that is a number in ``[low, high]`` (``None``: unbounded), whole if ``integer``.

    Examples
    --------
    >>> Interval(0, 1).check(0.5, what="f", name="top")
    0.5
    >>> Interval(0, 1).check(1.5, what="f", name="top")
    Traceback (most recent call last):
    ...
    ValueError: f: top=1.5 is out of range; expected between 0 and 1
    """

    low: float | None = None
    high: float | None = None
    integer: bool = False
    optional: bool = False

    def check(self, value, *, what, name):
        if value is None and self.optional:
            return value
        return require_number(value, what=what, name=name, low=self.low, high=self.high,
                              integer=self.integer)

    def describe(self) -> str:
        kind = "whole number" if self.integer else "number"
        return f"{kind} in [{self.low}, {self.high}]"


@dataclass(frozen=True)
class OneOf:
    """An option that is one of a few values.

    Examples
    --------
    >>> OneOf(("none", "new")).check("gone", what="tier_moves", name="outside")
    Traceback (most recent call last):
    ...
    ValueError: tier_moves: outside='gone' is not allowed; expected one of ['none', 'new']
    """

    values: tuple
    optional: bool = False

    def check(self, value, *, what, name):
        if value is None and self.optional:
            return value
        try:
            ok = value in self.values
        except TypeError:
            ok = False
        if not ok:
            raise ValueError(_("{what}: {name}={value!r} is not allowed; expected one of {allowed}")
                             .format(what=what, name=name, value=value, allowed=list(self.values)))
        return value

    def describe(self) -> str:
        return f"one of {list(self.values)}"


@dataclass(frozen=True)
class DateOption:
    """An option that is a date (a ``Timestamp`` or text such as ``'2025-12-31'``), or ``None``.

    Numbers are refused: ``12345`` would otherwise be read as nanoseconds after 1970.

    Examples
    --------
    >>> DateOption().check("2025-12-31", what="f", name="asof")
    Timestamp('2025-12-31 00:00:00')
    >>> DateOption().check(12345, what="churn_rate", name="start")
    Traceback (most recent call last):
    ...
    ValueError: churn_rate: start=12345 is not a date; expected a date such as 'YYYY-MM-DD' (or None: from the data)
    """

    optional: bool = True

    def check(self, value, *, what, name):
        if value is None and self.optional:
            return None
        bad = ValueError((_("{what}: {name}={value!r} is not a date; expected a date such as "
                            "'YYYY-MM-DD' (or None: from the data)") if self.optional else
                          _("{what}: {name}={value!r} is not a date; expected a date such as "
                            "'YYYY-MM-DD'")).format(what=what, name=name, value=value))
        if isinstance(value, (bool, int, float, np.integer, np.floating)):
            raise bad
        try:
            ts = pd.Timestamp(value)
        except (TypeError, ValueError):
            raise bad from None
        if ts is pd.NaT or not (1900 <= ts.year <= 2200):
            raise bad
        return ts

    def describe(self) -> str:
        return "a date"


@dataclass(frozen=True)
class Flag:
    """An option that is ``True`` or ``False`` (not the text 'True')."""

    def check(self, value, *, what, name):
        if not isinstance(value, (bool, np.bool_)):
            raise ValueError(_("{what}: {name}={value!r} is not True or False").format(
                what=what, name=name, value=value))
        return bool(value)

    def describe(self) -> str:
        return "True or False"


def _py(v):
    """A numpy scalar as the plain Python value, so messages read ``1``, not ``np.int64(1)``."""
    return v.item() if isinstance(v, np.generic) else v


def _first_bad(df, mask) -> tuple:
    i = int(np.flatnonzero(np.asarray(mask))[0])
    return _py(df.index[i]), i


def check_columns(df, columns: Mapping[str, str], *, what: str, key: str | None = None,
                  allow_empty: bool = False, frame: str = "the data") -> pd.DataFrame:
    """Check the columns of one frame against their declared kinds; return a (possibly converted) frame.

    Kinds: ``"id"`` (whole numbers; whole-number floats are accepted and made integers),
    ``"key"`` (an id named by the user: text, or whole numbers checked as ``"id"``),
    ``"numeric"``, ``"money"`` (numbers ≥ 0), ``"count"`` (whole numbers ≥ 0), ``"share"``
    (0 to 1), ``"date"``, ``"bool"`` (true/false, never the text "True"), ``"text"`` and
    ``"any"``; a leading ``"?"`` makes the column optional.  ``key`` names a column whose values
    must be unique.

    Parameters
    ----------
    df : DataFrame
        The frame to check.
    columns : dict
        Column name → kind (a leading ``"?"``: optional).
    what : str
        The calling function, named in the message.
    key : str, optional
        A column whose values must be unique.
    allow_empty : bool
        Accept a frame without rows.
    frame : str
        How the message names the frame.

    Returns
    -------
    DataFrame
        ``df``, or a copy whose whole-number float id columns are integers.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1.0, 2.0], "flag": ["True", "False"]})
    >>> check_columns(df, {"customer_id": "id"}, what="f")["customer_id"].dtype
    dtype('int64')
    >>> check_columns(df, {"flag": "bool"}, what="churn_drivers")
    Traceback (most recent call last):
    ...
    ValueError: churn_drivers: column 'flag' holds text ('True' in row 0); expected a true/false column (True/False values, not text)
    >>> check_columns(pd.DataFrame({"customer_id": [1, 1]}), {"customer_id": "id"}, what="f", key="customer_id")
    Traceback (most recent call last):
    ...
    ValueError: f: customer_id 1 appears twice in the data (row 1); expected one row per customer_id
    """
    if not isinstance(df, pd.DataFrame):
        hint = " (pass the data, e.g. ck.load(\"customers\"), not its name)" if isinstance(df, str) else ""
        raise ValueError(_("{what}: expected a pandas DataFrame for {frame}, got {type}{hint}").format(
            what=what, frame=frame, type=type(df).__name__, hint=hint))
    out = df
    for name, kind in columns.items():
        optional = kind.startswith("?")
        kind = kind.lstrip("?")
        if name not in df.columns:
            if optional:
                continue
            raise ValueError(_("{what}: {frame} has no column {name!r} (expected {kind} {name!r}); "
                               "its columns are {columns}").format(
                what=what, frame=frame, name=name, kind=_(_EXPECT[kind]),
                columns=list(map(str, df.columns))))
        s = df[name]
        if kind == "bool":
            if not pd.api.types.is_bool_dtype(s):
                text = s.map(lambda v: isinstance(v, str)) if s.dtype == object or \
                    pd.api.types.is_string_dtype(s) else None
                if text is not None and bool(text.any()):
                    row, _pos = _first_bad(df, text.to_numpy())
                    raise ValueError(f"{what}: column {name!r} holds text ({_py(s.loc[row])!r} in row "
                                     f"{row!r}); expected a true/false column (True/False values, "
                                     "not text)")
                if s.isna().any():
                    row, _pos = _first_bad(df, s.isna().to_numpy())
                    raise ValueError(f"{what}: column {name!r} has a missing value in row {row!r}; "
                                     "expected True or False in every row")
                raise ValueError(f"{what}: column {name!r} has dtype {s.dtype}; expected "
                                 f"{_EXPECT['bool']}")
            if s.isna().any():
                row, _pos = _first_bad(df, s.isna().to_numpy())
                raise ValueError(f"{what}: column {name!r} has a missing value in row {row!r}; "
                                 "expected True or False in every row")
            continue
        if kind == "key":       # an id given by the user: whole numbers (checked as ids) or text
            if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
                kind = "id"
            elif _is_kind(s, "text") and not pd.api.types.is_bool_dtype(s):
                if s.isna().any():
                    row, _pos = _first_bad(df, s.isna().to_numpy())
                    raise ValueError(f"{what}: column {name!r} has a missing id in row {row!r}; "
                                     f"expected {_EXPECT['key']}")
                continue
            else:
                raise ValueError(f"{what}: column {name!r} has dtype {s.dtype}; expected "
                                 f"{_EXPECT['key']}")
        if kind in ("id", "numeric", "money", "count", "share"):
            if not (pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)):
                raise ValueError(f"{what}: column {name!r} has dtype {s.dtype}; expected "
                                 f"{_EXPECT[kind]}")
            values = s.to_numpy()
            shares_ok = False
            if values.dtype.kind not in "iu":  # integers are finite and whole by their type
                values = s.to_numpy(dtype="float64", na_value=np.nan)
                # shares: a minimum of 0 or more and a maximum of 1 or less (neither is NaN) say
                # every value is a finite share; other numbers: a missing or infinite value makes
                # their sum so (a finite sum too large for a float64 only sends the check on to
                # the exact one below)
                shares_ok = (kind == "share" and values.size > 0 and values.min() >= 0.0
                             and values.max() <= 1.0)
                with np.errstate(over="ignore", invalid="ignore"):
                    finite = shares_ok or bool(np.isfinite(values.sum()))
                if not finite and (bad := ~np.isfinite(values)).any():
                    row, i = _first_bad(df, bad)
                    raise ValueError(f"{what}: column {name!r} holds a missing or infinite value "
                                     f"({values[i]} in row {row!r}); expected {_EXPECT[kind]}")
            if kind in ("id", "count") and values.dtype.kind not in "iu":
                frac = values != np.round(values)
                if frac.any():
                    row, i = _first_bad(df, frac)
                    raise ValueError(f"{what}: column {name!r} holds {values[i]:g} in row {row!r}; "
                                     f"expected {_EXPECT[kind]}")
                if not pd.api.types.is_integer_dtype(s):
                    out = out.assign(**{name: values.astype("int64")}) if out is not df else \
                        df.assign(**{name: values.astype("int64")})
            low = {"money": 0.0, "count": 0.0, "share": 0.0}.get(kind)
            high = 1.0 if kind == "share" else None
            if shares_ok:  # checked above
                continue
            if low is not None and values.size and values.min() < low:
                row, i = _first_bad(df, values < low)
                raise ValueError(f"{what}: column {name!r} holds {values[i]:g} in row {row!r}; "
                                 f"expected {_EXPECT[kind]}")
            if high is not None and values.size and values.max() > high:
                row, i = _first_bad(df, values > high)
                raise ValueError(f"{what}: column {name!r} holds {values[i]:g} in row {row!r}; "
                                 f"expected {_EXPECT[kind]}")
            continue
        if not _is_kind(s, kind):
            raise ValueError(f"{what}: column {name!r} has dtype {s.dtype}; expected {_EXPECT[kind]}")
        if kind == "date" and not optional and s.isna().any():
            row, _pos = _first_bad(df, s.isna().to_numpy())
            raise ValueError(f"{what}: column {name!r} has a missing date in row {row!r}")
    if key is not None and key in out.columns:
        ids = out[key].to_numpy()
        ascending = ids.dtype.kind in "iuf" and len(ids) > 1 and bool(np.all(ids[1:] > ids[:-1]))
        # ascending ids are all distinct; others are looked up
        if not ascending and (dup := out[key].duplicated().to_numpy()).any():
            row, i = _first_bad(out, dup)
            raise ValueError(f"{what}: {key} {_py(out[key].iloc[i])!r} appears twice in {frame} "
                             f"(row {row!r}); expected one row per {key}")
    if not allow_empty and len(out) == 0:
        raise ValueError(_("{what}: {frame} is empty; expected at least one row").format(
            what=what, frame=frame))
    return out


@dataclass(frozen=True)
class Spec:
    """What a public function needs: columns per frame argument (or per dataset of a world), options."""

    name: str
    frames: Mapping = field(default_factory=dict)     # param -> {column: kind}
    world: Mapping = field(default_factory=dict)      # dataset -> {column: kind}, when given a World
    options: Mapping = field(default_factory=dict)    # param -> Interval / OneOf / DateOption / Flag
    keys: Mapping = field(default_factory=dict)       # param or dataset -> unique column
    empty_ok: tuple = ()                              # params / datasets that may be empty

    def needs(self) -> dict[str, list[str]]:
        """The world's datasets and required columns this function reads (a column named by
        ``customer=``, ``date=`` or ``value=`` under the kit's name, as a World holds it)."""
        return {k: [KIT_COLUMNS.get(c[1:-1], c) if c.startswith("{") else c
                    for c, kind in v.items() if not kind.startswith("?")]
                for k, v in self.world.items()}


def _resolve(columns: Mapping, bound: Mapping) -> dict:
    """Column names written as ``"{value}"`` are the value of that keyword argument."""
    out = {}
    for col, kind in columns.items():
        if col.startswith("{") and col.endswith("}"):
            col = bound.get(col[1:-1])
            if not isinstance(col, str):
                continue
        out[col] = kind
    return out


def _key(key, bound):
    """A key column written ``"{customer}"`` is named by that keyword argument."""
    if isinstance(key, str) and key.startswith("{") and key.endswith("}"):
        key = bound.get(key[1:-1])
        return key if isinstance(key, str) else None
    return key


def _is_world(x) -> bool:
    return (not isinstance(x, pd.DataFrame) and hasattr(x, "customers")
            and hasattr(x, "transactions"))


def validated(*, frames=None, world=None, options=None, keys=None, empty_ok=()):
    """Declare a public function's columns and options; the call is checked before it runs.

    ``frames`` maps an argument to ``{column: kind}`` (see :func:`check_columns`; a column
    written ``"{value}"`` is named by the ``value=`` keyword).  ``world`` maps a dataset of a
    World (``"customers"``, ``"transactions"``, …) to its columns: it applies to the first
    argument when that is a World, and to the frame arguments of the same names otherwise.
    ``options`` maps a keyword to an :class:`Interval`, :class:`OneOf`, :class:`DateOption` or
    :class:`Flag`.  ``keys`` maps an argument or dataset to a column that must be unique.
    The declaration is kept as ``func.spec`` (a :class:`Spec`), which the chapter registry reads
    to tell which analyses a world supports.

    Parameters
    ----------
    frames : dict, optional
        Argument → {column: kind}.
    world : dict, optional
        Dataset of a World → {column: kind}.
    options : dict, optional
        Keyword → Interval / OneOf / DateOption / Flag.
    keys : dict, optional
        Argument or dataset → a column that must be unique.
    empty_ok : tuple of str
        Arguments or datasets that may be empty.

    Returns
    -------
    callable
        A decorator; the decorated function keeps its declaration as ``.spec``.

    Examples
    --------
    >>> @validated(frames={"customers": {"customer_id": "id", "{value}": "numeric"}},
    ...            options={"top": Interval(0, 1)})
    ... def top_value(customers, *, value="revenue", top=0.2):
    ...     return customers[value].quantile(1 - top)
    >>> top_value(pd.DataFrame({"customer_id": [1, 2], "revenue": [1.0, 3.0]}), top=0.5)
    np.float64(2.0)
    >>> top_value(pd.DataFrame({"customer_id": [1, 2], "sales": [1.0, 3.0]}))
    Traceback (most recent call last):
    ...
    ValueError: top_value: customers has no column 'revenue' (expected a numeric column 'revenue'); its columns are ['customer_id', 'sales']
    """
    frames, world, options, keys = frames or {}, world or {}, options or {}, keys or {}

    def decorate(func):
        sig = inspect.signature(func)
        spec = Spec(func.__name__, frames, world, options, keys, tuple(empty_ok))
        params = list(sig.parameters)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                ba = sig.bind(*args, **kwargs)
            except TypeError as e:
                raise TypeError(f"{func.__name__}: {e}") from None
            ba.apply_defaults()
            bound = ba.arguments
            what = func.__name__
            for name, opt in options.items():
                if name in bound:
                    bound[name] = opt.check(bound[name], what=what, name=name)
            first = bound.get(params[0]) if params else None
            if world and params and params[0] == "world" and not _is_world(first):
                raise ValueError(_("{what}: expected a casekit World (ck.world(), or "
                                   "ck.world_from_transactions(...)), got {type}").format(
                    what=what, type=type(first).__name__))
            if world and _is_world(first):
                converted = {}
                for ds, cols in world.items():
                    frame = getattr(first, ds, None)
                    if frame is None:
                        raise ValueError(_("{what}: the world has no {data!r} data; this analysis "
                                           "needs its columns {columns}").format(
                            what=what, data=ds, columns=list(cols)))
                    checked = check_columns(frame, _resolve(cols, bound), what=what,
                                            key=_key(keys.get(ds), bound),
                                            allow_empty=ds in empty_ok,
                                            frame=_("the world's {data}").format(data=ds))
                    if checked is not frame:    # whole-number float ids made integers
                        converted[ds] = checked
                if converted and dataclasses.is_dataclass(first):
                    bound[params[0]] = dataclasses.replace(first, **converted)
            else:
                for ds, cols in world.items():
                    pname = params[0] if ds == "customers" and ds not in bound else ds
                    if pname in bound and bound[pname] is not None:
                        bound[pname] = check_columns(
                            bound[pname], _resolve(cols, bound), what=what,
                            key=_key(keys.get(ds), bound),
                            allow_empty=ds in empty_ok, frame=_("the {data}").format(data=ds))
            for pname, cols in frames.items():
                if pname in bound and bound[pname] is not None and not _is_world(bound[pname]):
                    bound[pname] = check_columns(bound[pname], _resolve(cols, bound), what=what,
                                                 key=_key(keys.get(pname), bound),
                                                 allow_empty=pname in empty_ok, frame=pname)
            return func(*ba.args, **ba.kwargs)

        wrapper.spec = spec
        return wrapper

    return decorate


#: The kit's names of the three columns every chapter reads, and the keyword naming each.
KIT_COLUMNS = {"customer": "customer_id", "date": "date", "value": "revenue"}


def kit_columns(*, frames=("transactions",), keywords=("customer", "date", "value"), kit=None):
    """Let a function written on the kit's column names read a frame with other column names.

    The decorated function gains the keyword-only arguments ``keywords`` (``customer=``,
    ``date=``, ``value=``), each defaulting to the kit's name (``customer_id``, ``date``,
    ``revenue``, or ``kit[keyword]``).  Left at their defaults, the call goes straight through.
    Given other names, the frame arguments ``frames`` (a World is passed unchanged: its columns
    are the kit's) are read with those columns under the kit's names, a string argument naming
    one of them (such as ``by="kunde"``) is read the same way, and the result names the
    customer column as the caller does (its index name and columns; a dict, a tuple or a
    dataclass of frames item by item).  The function must not have these keywords itself.
    Put it under :func:`validated`, whose declaration names the columns ``"{customer}"``,
    ``"{date}"``, ``"{value}"`` so that a message names the caller's column.

    Parameters
    ----------
    frames : tuple of str, default ('transactions',)
        The frame arguments whose columns are named by the keywords.
    keywords : tuple of str, default ('customer', 'date', 'value')
        The column keywords the function gains (some of ``customer``, ``date``, ``value``).
    kit : dict, optional
        Keyword → the kit's column name, where it differs from :data:`KIT_COLUMNS`.

    Returns
    -------
    callable
        A decorator.

    Examples
    --------
    >>> @kit_columns(keywords=("customer", "value"))
    ... def spend(transactions):
    ...     return transactions.groupby("customer_id")["revenue"].sum()
    >>> spend(pd.DataFrame({"kunde": ["A", "A", "B"], "betrag": [1.0, 2.0, 5.0]}),
    ...       customer="kunde", value="betrag")
    kunde
    A    3.0
    B    5.0
    Name: revenue, dtype: float64
    """
    names = {k: (kit or {}).get(k, KIT_COLUMNS[k]) for k in keywords}

    def decorate(func):
        sig = inspect.signature(func)
        taken = [k for k in names if k in sig.parameters]
        if taken:
            raise TypeError(f"kit_columns: {func.__name__} has its own {taken}")
        own = [p for p in sig.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        var_kw = [p for p in sig.parameters.values() if p.kind is inspect.Parameter.VAR_KEYWORD]
        extra = [inspect.Parameter(k, inspect.Parameter.KEYWORD_ONLY, default=v, annotation="str")
                 for k, v in names.items()]
        new_sig = sig.replace(parameters=own + extra + var_kw)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            user = {k: kwargs.pop(k, names[k]) for k in names}
            for k, v in user.items():
                if not isinstance(v, str):
                    raise ValueError(f"{func.__name__}: {k}= must be a column name (text); "
                                     f"got {v!r}")
            rename = {user[k]: names[k] for k in names if user[k] != names[k]}
            if not rename:
                return func(*args, **kwargs)
            try:
                ba = sig.bind(*args, **kwargs)
            except TypeError as e:
                raise TypeError(f"{func.__name__}: {e}") from None
            for pname, v in list(ba.arguments.items()):
                if pname in frames and isinstance(v, pd.DataFrame):
                    clash = [c for u, c in rename.items() if c in v.columns and u in v.columns]
                    ba.arguments[pname] = (v.drop(columns=clash) if clash else v).rename(
                        columns=rename)
                elif isinstance(v, str) and v in rename:
                    ba.arguments[pname] = rename[v]
            back = ({names["customer"]: user["customer"]}
                    if "customer" in names and user["customer"] != names["customer"] else {})
            return _named_back(func(*ba.args, **ba.kwargs), back)

        wrapper.__signature__ = new_sig
        return wrapper

    return decorate


def _renamed_index(index, back):
    names = [back.get(n, n) if isinstance(n, str) else n for n in index.names]
    return index.set_names(names) if isinstance(index, pd.MultiIndex) else index.rename(names[0])


def _named_back(out, back):
    """The customer column of a result under the caller's name."""
    if not back:
        return out
    if isinstance(out, pd.DataFrame):
        out = out.rename(columns=back)
        out.index = _renamed_index(out.index, back)
        return out
    if isinstance(out, pd.Series):
        out = out.copy()
        out.index = _renamed_index(out.index, back)
        return out.rename(back.get(out.name, out.name)) if isinstance(out.name, str) else out
    if isinstance(out, dict):
        return {k: _named_back(v, back) for k, v in out.items()}
    if isinstance(out, tuple) and not hasattr(out, "_fields"):
        return tuple(_named_back(v, back) for v in out)
    if dataclasses.is_dataclass(out) and not isinstance(out, type):   # its frames, field by field
        frames = {f.name: getattr(out, f.name) for f in dataclasses.fields(out)
                  if isinstance(getattr(out, f.name), (pd.DataFrame, pd.Series))}
        return dataclasses.replace(out, **{k: _named_back(v, back) for k, v in frames.items()}) \
            if frames else out
    return out
