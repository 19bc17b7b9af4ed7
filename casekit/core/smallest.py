"""The smallest world each chapter teaches on, and ``require_world`` that refuses a smaller one.

Every chapter's claim cells state lessons of the synthetic world; on too few customers chance can
hide a lesson (a segment with a handful of customers, a tier with none). Each chapter's notebook
therefore states the smallest ``n_customers`` on which all its claims were checked on many seeds
(``tests/test_claims.py``), and refuses a smaller one in the cell after its parameters, before any
claim can fail deep inside.

Examples
--------
>>> require_world(2000, chapter=1)
>>> require_world(10, chapter=1)
Traceback (most recent call last):
...
ValueError: require_world: chapter 1 teaches on at least 700 customers, got n_customers=10: on fewer customers chance can hide the chapter's lessons, and its ✓ checks would stop the notebook; set n_customers to 700 or more
"""

from __future__ import annotations

import numbers

__all__ = ["SMALLEST_WORLD", "require_world", "smallest_world"]

#: the smallest ``n_customers`` each chapter's notebook teaches on (key: chapter number, or
#: ``"own data"`` for the notebook that runs the chapters on a transaction log).
SMALLEST_WORLD: dict[int | str, int] = {
    1: 700, 2: 1000, 3: 500, 4: 500, 5: 500, 6: 1000, 7: 1500, 8: 500, "own data": 500,
}


def smallest_world(chapter: int | str) -> int:
    """The smallest ``n_customers`` a chapter teaches on.

    Parameters
    ----------
    chapter : int or str
        A chapter number (1–8) or ``"own data"``.

    Returns
    -------
    int
        The smallest world size on which all the chapter's claims are checked.
    """
    if chapter not in SMALLEST_WORLD:
        raise ValueError(f"smallest_world: unknown chapter {chapter!r}; expected one of "
                         f"{', '.join(map(repr, SMALLEST_WORLD))}")
    return SMALLEST_WORLD[chapter]


def require_world(n_customers, *, chapter: int | str) -> None:
    """Refuse a world too small for a chapter's lessons, with a message saying the smallest size.

    Parameters
    ----------
    n_customers : int
        The notebook's ``n_customers`` parameter.
    chapter : int or str
        The chapter (see :data:`SMALLEST_WORLD`).

    Returns
    -------
    None
        Nothing when the world is large enough.

    Raises
    ------
    ValueError
        When ``n_customers`` is not a whole number or is smaller than the chapter's smallest world.
    """
    smallest = smallest_world(chapter)
    if isinstance(n_customers, bool) or not isinstance(n_customers, numbers.Integral):
        raise ValueError(f"require_world: n_customers must be a whole number of customers, got "
                         f"{n_customers!r}")
    name = f"chapter {chapter}" if isinstance(chapter, int) else f"the {chapter} notebook"
    if n_customers < smallest:
        raise ValueError(
            f"require_world: {name} teaches on at least {smallest:,} customers, got "
            f"n_customers={n_customers:,}: on fewer customers chance can hide the chapter's lessons, "
            f"and its ✓ checks would stop the notebook; set n_customers to {smallest:,} or more")
