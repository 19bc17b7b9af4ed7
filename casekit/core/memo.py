"""Per-world memo: a derived table of a World is computed once per World object and options.

The exercises of a chapter, the chapters' customer views and grading all ask for the same
tables of one world (customer profit is asked for a dozen times when one student's exercises
are checked).  :func:`per_world` keeps each result beside the World it was computed from:

* the key is the World's identity plus every other argument, with its type, so a table is never
  handed back for another world or other options (``years=2025`` and ``years=[2025]`` are
  simply computed twice); a call whose arguments cannot be keyed (a frame, an array) or whose
  first argument is not a World is computed as before, uncached;
* the memo of a World goes when the World does (a weak-reference finaliser);
* every call gets its own shallow copy of the table: with pandas copy-on-write a caller that
  adds, changes or drops a column, or renames the index, changes only its own frame;
* errors are never cached: a call that raises raises again the next time.

A World's frames are shared between calls already (see :func:`casekit.world`): copy a frame
before changing it in place, or the tables derived from it earlier no longer match it.

Examples
--------
>>> import casekit as ck
>>> from casekit.core.profit import customer_profitability
>>> w = ck.world()
>>> a = customer_profitability(w)
>>> a["profit"] = 0.0                       # the caller's own frame
>>> b = customer_profitability(w)
>>> bool((b["profit"] == b["gross_margin"] - b["cost_to_serve"] - b["bad_debt"]).all())
True
>>> customer_profitability(w, years=2025).equals(customer_profitability(w))
False
"""

from __future__ import annotations

import functools
import threading
import weakref

import pandas as pd

__all__ = ["per_world", "clear", "size"]

_MEMO: dict[int, tuple[weakref.ref, dict]] = {}
_LOCK = threading.Lock()
_SCALARS = (str, bytes, int, float, complex, bool, type(None), pd.Timestamp, pd.Timedelta)


class _Unkeyable(Exception):
    pass


def _key(value):
    """A hashable key for an argument, with its type; raises _Unkeyable for a frame, array…"""
    import datetime as _dt

    import numpy as np

    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_key(v) for v in value))
    if isinstance(value, dict):
        items = [(_key(k), _key(v)) for k, v in value.items()]
        try:
            items = sorted(items)
        except TypeError:
            raise _Unkeyable from None
        return ("dict", tuple(items))
    if isinstance(value, (set, frozenset)):
        return _key(sorted(value, key=repr))
    if isinstance(value, (*_SCALARS, np.generic, _dt.date, _dt.datetime)):
        try:
            hash(value)
        except TypeError:
            raise _Unkeyable from None
        return (type(value).__qualname__, value)
    raise _Unkeyable


def _world_memo(world) -> dict | None:
    """The memo of one World (made on first use), or None for an object without weak refs."""
    wid = id(world)
    with _LOCK:
        entry = _MEMO.get(wid)
        if entry is not None and entry[0]() is world:
            return entry[1]
        try:
            ref = weakref.ref(world)
        except TypeError:
            return None
        memo: dict = {}
        _MEMO[wid] = (ref, memo)
        weakref.finalize(world, _forget, wid, ref)
        return memo


def _forget(wid: int, ref) -> None:
    with _LOCK:
        entry = _MEMO.get(wid)
        if entry is not None and entry[0] is ref:
            del _MEMO[wid]


def _copy(result):
    if isinstance(result, (pd.DataFrame, pd.Series)):
        out = result.copy(deep=False)
        out.index = out.index.copy()  # a caller renaming its index leaves the memo's alone
        return out
    return result


def per_world(fn):
    """Decorate ``fn(world, ...)`` so its result is kept per World object and arguments.

    Calls whose first argument is not a casekit World, or whose other arguments are not plain
    values (numbers, text, dates, lists and dicts of them), run ``fn`` as before.
    """
    from .world import is_world

    @functools.wraps(fn)
    def wrapper(data, *args, **kwargs):
        if not is_world(data):
            return fn(data, *args, **kwargs)
        try:
            key = (_key(args), _key(kwargs))
        except _Unkeyable:
            return fn(data, *args, **kwargs)
        memo = _world_memo(data)
        if memo is None:
            return fn(data, *args, **kwargs)
        key = (fn.__module__, fn.__qualname__, key,
               tuple(id(getattr(data, n, None)) for n in ("customers", "transactions")))
        if key not in memo:
            memo[key] = fn(data, *args, **kwargs)
        return _copy(memo[key])

    wrapper.uncached = fn
    return wrapper


def clear() -> None:
    """Forget every memo (the Worlds stay)."""
    with _LOCK:
        for _ref, memo in _MEMO.values():
            memo.clear()


def size() -> int:
    """How many tables are kept, over all live Worlds."""
    with _LOCK:
        return sum(len(m) for _r, m in _MEMO.values())
