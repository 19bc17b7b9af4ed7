"""The chapter-agnostic core of casekit: what every chapter stands on.

=====================  ==========================================================================
:mod:`.checks`         input checks; :func:`validated` declares a function's columns and options
:mod:`.fmt`            how money and shares are written; ``table`` and ``bullets`` for readers
:mod:`.ltv`            the one customer lifetime value (客户终身价值), with its named variants
:mod:`.size`           the one definition of big customers (大客户), with its named variants
:mod:`.vocab`          the one table of terms (:class:`Term`: English, Chinese, meaning), ``chinese``
:mod:`.world`          the World, its as-of date and data period, read from the data
:mod:`.profit`         the kit's one definition of customer profit
:mod:`.customers`      the one per-customer table the chapters' customer views derive from
:mod:`.owndata`        ``world_from_transactions``: a firm's own transaction log as a World
:mod:`.claim`          ``claim(cond, text)``: a lesson, checked where it is stated
:mod:`.smallest`       ``require_world(n, chapter=N)``: the smallest world a chapter teaches on
=====================  ==========================================================================

The core imports no chapter; every chapter imports the core at the top of its module.

Examples
--------
>>> import casekit as ck
>>> from casekit import core
>>> core.asof_of(ck.world()).year == ck.world().transactions["date"].max().year
True
"""

import importlib

from .checks import (DateOption, Flag, Interval, OneOf, Spec, check_columns, require_choice,
                     require_frame, require_number, require_numbers, require_shares, validated,
                     kit_columns, KIT_COLUMNS)
from .claim import claim
from .smallest import SMALLEST_WORLD, require_world, smallest_world
from .fmt import Table, bullets, cny, pct, short_money, table
from .ltv import lifetime_value, ltv_multiplier
from .size import BIG_BY, big_customers
from .vocab import Term, chinese, english, terms_table

# World-related names import the generator, which imports the checks: load them on first use.
_LAZY = {
    "World": "world", "is_world": "world", "require_world": "world", "asof_of": "world",
    "period_start": "world", "data_years": "world", "last_years": "world",
    "stamp": "world", "period_of": "world",
    "customer_profitability": "profit", "frames": "profit", "positions": "profit",
    "customer_table": "customers",
    "world_from_transactions": "owndata", "supports": "owndata", "Support": "owndata",
    "load_cdnow_world": "owndata",
}

__all__ = ["DateOption", "Flag", "Interval", "OneOf", "Spec", "Term", "check_columns", "chinese",
           "BIG_BY", "SMALLEST_WORLD", "Table", "big_customers", "bullets", "claim", "cny", "lifetime_value", "ltv_multiplier", "table", "english", "pct", "require_choice", "require_frame", "require_number",
           "require_numbers", "require_shares", "kit_columns", "KIT_COLUMNS", "require_world", "smallest_world", "short_money", "terms_table", "validated",
           *_LAZY]


def __getattr__(name):
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'casekit.core' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
