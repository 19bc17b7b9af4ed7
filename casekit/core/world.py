"""The World and its time: the data period and the as-of date come from the World or the data.

No chapter types a year: the first day of the data (:func:`period_start`), the as-of date
(:func:`asof_of`) and the calendar years covered (:func:`data_years`) are read from what the
chapter is given, so the same function runs on the synthetic world, on CDNOW and on a firm's own
transaction log.

Examples
--------
>>> import casekit as ck
>>> w = ck.world()
>>> asof_of(w), period_start(w)
(Timestamp('2025-12-31 00:00:00'), Timestamp('2023-01-01 00:00:00'))
>>> data_years(w)
[2023, 2024, 2025]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..synth import World

__all__ = ["World", "is_world", "require_world", "asof_of", "period_start", "data_years",
           "last_years", "stamp", "period_of"]


def is_world(data, *, needs=()) -> bool:
    """True for a casekit World (anything holding ``customers`` and ``transactions`` frames).

    Parameters
    ----------
    data
        Anything.
    needs : tuple of str
        Further datasets it must hold (e.g. ``("complaints",)``).

    Returns
    -------
    bool
        Whether ``data`` holds ``customers`` and ``transactions`` frames.

    Examples
    --------
    >>> is_world(pd.DataFrame())
    False
    """
    return (not isinstance(data, pd.DataFrame)
            and all(hasattr(data, a) for a in ("customers", "transactions", *needs)))


def require_world(world, what: str):
    """Refuse anything but a World, with a message naming the function.

    Parameters
    ----------
    world
        What the caller was given.
    what : str
        The calling function, named in the message.

    Returns
    -------
    World
        ``world`` itself.

    Examples
    --------
    >>> require_world(pd.DataFrame(), "customer_signals")
    Traceback (most recent call last):
    ...
    ValueError: customer_signals: expected a casekit World (ck.world(), or ck.world_from_transactions(...)), got DataFrame
    """
    if not is_world(world):
        raise ValueError(f"{what}: expected a casekit World (ck.world(), or "
                         f"ck.world_from_transactions(...)), got {type(world).__name__}")
    return world


def _tx_of(data):
    if is_world(data):
        return data.transactions
    return data


def asof_of(data, date: str = "date") -> pd.Timestamp:
    """The as-of date: the World's own, or the end of the last calendar year of a transaction frame.

    The kit counts profit by calendar year, so plain frames are taken to cover whole years; a
    World built with :func:`casekit.world_from_transactions` carries its own as-of date (by
    default its last transaction's day).

    Parameters
    ----------
    data : World or DataFrame
        A World, or a frame of transactions.
    date : str
        The date column of a frame.

    Returns
    -------
    Timestamp
        The as-of date.

    Examples
    --------
    >>> asof_of(pd.DataFrame({"date": pd.to_datetime(["2021-03-01", "2021-09-03"])}))
    Timestamp('2021-12-31 00:00:00')
    """
    if is_world(data) and getattr(data, "asof", None) is not None:
        return pd.Timestamp(data.asof)
    tx = _tx_of(data)
    if isinstance(tx, pd.DataFrame) and date in tx and len(tx):
        last = pd.Timestamp(tx[date].max()).normalize()
        return pd.Timestamp(year=last.year, month=12, day=31)
    raise ValueError("asof: cannot tell the as-of date from the data; pass asof='YYYY-MM-DD'")


def period_start(data, date: str = "date") -> pd.Timestamp:
    """The first day of the data period: the month of the first transaction, from its first day.

    Parameters
    ----------
    data : World or DataFrame
        A World, or a frame of transactions (or one that carries its period).
    date : str
        The date column of a frame.

    Returns
    -------
    Timestamp
        The first day of the data period.

    Examples
    --------
    >>> period_start(pd.DataFrame({"date": pd.to_datetime(["2021-03-17", "2021-09-30"])}))
    Timestamp('2021-03-01 00:00:00')
    """
    start = getattr(data, "start", None) if is_world(data) else None
    if start is None and is_world(data):
        start = data.customers.attrs.get("start")
    if start is None and isinstance(data, pd.DataFrame):
        start = data.attrs.get("start")
    if start is not None:
        return pd.Timestamp(start)
    tx = _tx_of(data)
    if isinstance(tx, pd.DataFrame) and date in tx and len(tx):
        first = pd.Timestamp(tx[date].min())
        return pd.Timestamp(year=first.year, month=first.month, day=1)
    raise ValueError("period_start: cannot tell when the data begin; pass start='YYYY-MM-DD'")


def data_years(data, date: str = "date") -> list[int]:
    """The calendar years that the transactions cover, first to last.

    Parameters
    ----------
    data : World or DataFrame
        A World, or a frame of transactions.
    date : str
        The date column of a frame.

    Returns
    -------
    list of int
        The calendar years, first to last.

    Examples
    --------
    >>> data_years(pd.DataFrame({"date": pd.to_datetime(["1997-01-01", "1998-06-30"])}))
    [1997, 1998]
    """
    tx = _tx_of(data)
    d = tx[date].to_numpy("datetime64[D]")
    if not len(d):
        raise ValueError("data_years: the transactions are empty")
    lo, hi = d.min().astype("datetime64[Y]").astype(int) + 1970, d.max().astype(
        "datetime64[Y]").astype(int) + 1970
    return list(range(int(lo), int(hi) + 1))


def last_years(data, k: int = 2, date: str = "date") -> list[int]:
    """The last ``k`` calendar years of the data (for year-on-year comparisons).

    Parameters
    ----------
    data : World or DataFrame
        A World, or a frame of transactions.
    k : int
        How many years.
    date : str
        The date column of a frame.

    Returns
    -------
    list of int
        The last ``k`` calendar years.

    Examples
    --------
    >>> last_years(pd.DataFrame({"date": pd.to_datetime(["2019-05-01", "2021-01-01"])}))
    [2020, 2021]
    """
    ys = data_years(data, date)
    if len(ys) < k:
        raise ValueError(f"the data cover {len(ys)} calendar year(s) ({ys}); this needs {k}")
    return ys[-k:]


def _np_day(ts) -> np.datetime64:
    return np.datetime64(pd.Timestamp(ts).date(), "D")


def stamp(world, *, start=None, asof=None):
    """Write the world's data period into each of its frames (``frame.attrs``), and return the world.

    A frame taken from a stamped world (``world.customers``, a filtered copy of it) then still
    knows its period, so ``churn_rate(world.customers)`` needs no dates typed in.

    Parameters
    ----------
    world : World
        The world to stamp.
    start, asof : date, optional
        The period (default: read from the world).

    Returns
    -------
    World
        ``world`` itself, its frames now carrying ``attrs['start']`` and ``attrs['asof']``.

    Examples
    --------
    >>> import casekit as ck
    >>> ck.world().customers.attrs["asof"]
    Timestamp('2025-12-31 00:00:00')
    """
    start = pd.Timestamp(start) if start is not None else period_start(world)
    asof = pd.Timestamp(asof) if asof is not None else asof_of(world)
    for name in getattr(world, "names", ("customers", "transactions")):
        frame = getattr(world, name, None)
        if isinstance(frame, pd.DataFrame):
            frame.attrs["start"], frame.attrs["asof"] = start, asof
    return world


def period_of(data, *, start=None, end=None, what: str):
    """``(start, end)`` of the data period: given dates win, then the World's, then the frame's own.

    A plain customers frame that does not carry its period (``frame.attrs``, set by the kit's
    loaders) needs ``start=`` and ``end=``: the kit never assumes the synthetic world's years.

    Parameters
    ----------
    data : World or DataFrame
        A World or a customers frame.
    start, end : date, optional
        Dates given by the caller (they win).
    what : str
        The calling function, named in the message.

    Returns
    -------
    tuple of Timestamp
        ``(start, end)``.

    Examples
    --------
    >>> period_of(pd.DataFrame({"customer_id": [1]}), start="2024-01-01", end="2024-12-31", what="f")
    (Timestamp('2024-01-01 00:00:00'), Timestamp('2024-12-31 00:00:00'))
    >>> period_of(pd.DataFrame({"customer_id": [1]}), what="churn_rate")
    Traceback (most recent call last):
    ...
    ValueError: churn_rate: this customers frame does not say its data period; pass the World (e.g. ck.world()) or start='YYYY-MM-DD' and end='YYYY-MM-DD'
    """
    from .checks import DateOption

    start = DateOption().check(start, what=what, name="start")
    end = DateOption().check(end, what=what, name="end")
    if is_world(data):
        start = period_start(data) if start is None else start
        end = asof_of(data) if end is None else end
    elif isinstance(data, pd.DataFrame):
        start = data.attrs.get("start") if start is None else start
        end = data.attrs.get("asof") if end is None else end
    if start is None or end is None:
        raise ValueError(f"{what}: this customers frame does not say its data period; pass the "
                         "World (e.g. ck.world()) or start='YYYY-MM-DD' and end='YYYY-MM-DD'")
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if end < start:
        raise ValueError(f"{what}: end={end.date()} is before start={start.date()}; expected a "
                         "period that runs forward")
    return start, end
