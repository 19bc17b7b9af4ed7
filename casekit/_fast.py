"""Vectorised kernels behind the kit's heavy per-customer steps (sums by customer, rankings).

Each gives exactly the result of the plain pandas way it replaces (or, for sums of money, the
exact sum in cents), in fewer passes over the data; ``benchmarks/bench_tiering.py`` measures them
against the idiomatic pandas / numpy code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def group_codes(keys: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """Dense group codes of integer ids, in the order of the sorted ids, without hashing.

    Returns ``(codes, ids)``: ``codes[i]`` is the position of row ``i``'s id in ``ids`` (the
    distinct ids, ascending, with the column's dtype) — what ``pd.factorize(keys, sort=True)``
    gives.  Returns None for anything but a plain integer column with ids in a compact range
    (e.g. ``1..n``), where hashing is the better way.
    """
    a = keys.to_numpy() if isinstance(keys, pd.Series) else np.asarray(keys)
    if a.dtype.kind not in "iu" or a.size == 0:
        return None
    lo, hi = int(a.min()), int(a.max())
    if hi - lo > 4 * a.size + 1024:  # sparse ids: a table indexed by id would be mostly empty
        return None
    codes = a - a.dtype.type(lo) if lo else a.astype(np.int64, copy=False)
    counts = np.bincount(codes, minlength=hi - lo + 1)
    present = np.flatnonzero(counts)
    if len(present) < len(counts):  # some ids in the range are unused: renumber densely
        remap = np.zeros(len(counts), dtype=np.int64)
        remap[present] = np.arange(len(present))
        codes = remap[codes]
    ids = (present + lo).astype(a.dtype, copy=False)
    return codes, ids


def cent_sums(codes: np.ndarray, n_groups: int, values: pd.Series) -> np.ndarray | None:
    """Sums per group of money in whole cents, added exactly (as integer cents).

    Returns None unless every value is a float64 holding a whole number of cents (what
    ``round(x, 2)`` leaves, and what a CSV of money reads back as) and the sums stay within the
    integers a float64 holds exactly.  The result is the exact sum, correctly rounded: the last
    digit may differ from a float sum (``groupby().sum()``) taken in another order.
    """
    x = values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values)
    if x.dtype != np.float64:
        return None
    cents = np.multiply(x, 100.0)
    np.rint(cents, out=cents)
    back = np.divide(cents, 100.0)
    if not np.array_equal(back, x) or np.abs(cents, out=back).sum() >= 2.0 ** 52:
        return None
    del back
    sums = np.bincount(codes, weights=cents, minlength=n_groups)  # integers: every step exact
    sums /= 100.0
    return sums


def _descending_cents(values: np.ndarray) -> np.ndarray | None:
    """``np.argsort(-values, kind="stable")`` for money in whole cents, from one integer sort.

    Each value's cents (highest first) and its position are packed into one int64, so a plain
    sort of the packed keys orders by value and then by position.  Returns None unless every
    value is a whole number of cents (what ``round(x, 2)`` leaves) and the keys fit in 63 bits.
    """
    n = values.size
    if values.dtype != np.float64 or n == 0:
        return None
    cents = np.multiply(values, -100.0)
    np.rint(cents, out=cents)
    if not np.array_equal(cents / -100.0, values):
        return None
    lo, hi = cents.min(), cents.max()
    bits = int(n - 1).bit_length()
    if hi - lo >= 2.0 ** (62 - bits):
        return None
    key = cents.astype(np.int64)
    key -= np.int64(lo)
    key <<= bits
    key |= np.arange(n, dtype=np.int64)
    key.sort()
    key &= (1 << bits) - 1
    return key


def rank_order(values: np.ndarray, ids: np.ndarray | None = None) -> np.ndarray:
    """Positions sorting ``values`` from highest to lowest, ties by ``ids`` (then by position).

    The same order as ``np.lexsort((ids, -values))`` (or ``np.argsort(-values, kind="stable")``
    without ``ids``).  Without ids, or with ids ascending with the position (a table sorted by
    id), that is a stable sort of the values: money in whole cents is sorted as integers, other
    numbers by a stable argsort.  Other ids: a quicksort plus a sort of the tied runs only.
    """
    values = np.asarray(values, dtype="float64")
    ids = None if ids is None else np.asarray(ids)
    if ids is None or (ids.dtype.kind in "iuf" and bool(np.all(ids[1:] >= ids[:-1]))):
        order = _descending_cents(values)
        return np.argsort(-values, kind="stable") if order is None else order
    neg = -values
    order = np.argsort(neg)
    s = neg[order]
    tie = s[1:] == s[:-1]
    if not tie.any():
        return order
    starts = np.concatenate([[True], ~tie])  # first position of each run of equal values
    run = np.cumsum(starts)
    tied = np.flatnonzero(np.concatenate([tie, [False]]) | np.concatenate([[False], tie]))
    pos = order[tied]
    order[tied] = pos[np.lexsort((pos, ids[pos], run[tied]))]
    return order
