"""casekit: a Jupyter teaching and case-study kit on customer relationship management.

>>> import casekit as ck
>>> world = ck.world()            # the shipped synthetic world (seed 0, 2,000 customers)
>>> sorted(ck.datasets()["name"])[:3]
['accounts', 'cdnow', 'cdnow_sample']

The chapter modules are reached as attributes and imported on first use, so ``import casekit``
stays quick: ``ck.selection`` (ch. 1), ``ck.development`` (ch. 2), ``ck.objections`` and
``ck.roleplay`` (ch. 3), ``ck.tiering`` (ch. 4), ``ck.analysis`` (ch. 5), ``ck.retention``
(ch. 6), ``ck.key_accounts`` (ch. 7), ``ck.clv`` (ch. 8, lifetime-value models), ``ck.plots``
and ``ck.exercises``.  ``ck.database(world)`` builds the customer database as a SQLite file
(ch. 5).

Your own data: ``ck.world_from_transactions(df, customer=..., date=..., value=...)`` turns a
transaction log into a World the chapters accept; ``ck.supports(world)`` says which analyses it
supports.  ``ck.claim(cond, text)`` states a lesson and checks it on the data at hand;
``ck.lifetime_value`` and ``ck.big_customers`` are the kit's one lifetime value and its one
definition of a big customer (大客户).
"""

import importlib

from .core.claim import claim
from .core.fmt import bullets, table
from .core.ltv import lifetime_value
from .core.size import big_customers
from .i18n import language, say, set_language, words
from .core.smallest import require_world, smallest_world
from .data import datasets, describe, load, world
from .synth import World, make_world

from .chapters import CHAPTERS

#: Modules reached as attributes and imported on first use: the chapters (from the one chapter
#: registry, :mod:`casekit.chapters`), then the rest of the kit.
_LAZY = (*(c.module for c in CHAPTERS), "roleplay", "plots", "exercises", "terms", "schema",
         "synth", "data", "core", "chapters", "database")
#: Names of the core reached from the top: ``ck.world_from_transactions(df, ...)`` and friends.
_CORE = ("world_from_transactions", "supports", "load_cdnow_world", "customer_table")

__all__ = ["CHAPTERS", "World", "big_customers", "bullets", "claim", "language", "lifetime_value", "say", "set_language", "table", "words", "datasets", "describe", "load", "make_world", "require_world",
           "smallest_world", "world", *_CORE, *_LAZY]
__version__ = "0.1.0"


def __getattr__(name):
    if name in _CORE:
        value = getattr(importlib.import_module(f"{__name__}.core"), name)
        globals()[name] = value
        return value
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'casekit' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | set(_CORE))
