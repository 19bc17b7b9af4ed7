"""How the kit writes money and shares (kept here for existing imports; see :mod:`casekit.core.fmt`).

Examples
--------
>>> cny(1234.5)
'CNY 1,234'
"""

from .core.fmt import cny, pct, short_money  # noqa: F401

__all__ = ["cny", "pct", "short_money"]
