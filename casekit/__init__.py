"""casekit: a Jupyter teaching and case-study kit on customer relationship management.

>>> import casekit as ck
>>> world = ck.world()            # the shipped synthetic world (seed 0, 2,000 customers)
>>> sorted(ck.datasets()["name"])[:3]
['accounts', 'cdnow', 'complaints']
"""

from .data import datasets, describe, load, world
from .synth import World, make_world

__all__ = ["World", "datasets", "describe", "load", "make_world", "world"]
__version__ = "0.1.0"
