"""casekit: a Jupyter teaching and case-study kit on customer relationship management.

>>> import casekit as ck
>>> world = ck.world()            # the shipped synthetic world (seed 0, 2,000 customers)
>>> sorted(ck.datasets()["name"])[:3]
['accounts', 'cdnow', 'complaints']

The chapter modules are reached as attributes and imported on first use, so ``import casekit``
stays quick: ``ck.selection`` (ch. 1), ``ck.development`` (ch. 2), ``ck.objections`` and
``ck.roleplay`` (ch. 3), ``ck.tiering`` (ch. 4), ``ck.analysis`` (ch. 5), ``ck.retention``
(ch. 6), ``ck.plots`` and ``ck.exercises``.  ``ck.database(world)`` builds the customer database
as a SQLite file (ch. 5).
"""

import importlib

from .data import datasets, describe, load, world
from .synth import World, make_world

_LAZY = ("selection", "development", "objections", "roleplay", "tiering", "analysis", "retention",
         "plots", "exercises", "terms", "schema", "synth", "data", "database")

__all__ = ["World", "datasets", "describe", "load", "make_world", "world", *_LAZY]
__version__ = "0.1.0"


def __getattr__(name):
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'casekit' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
