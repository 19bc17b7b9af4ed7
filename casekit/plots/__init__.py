"""Charts of the kit: one function per chart, taking data and an optional ``ax``, returning the Axes.

Every chart is fully labelled (title, axes with units, legend) in one consistent style.  The
functions are grouped by chapter in submodules and all available here, e.g.
``casekit.plots.pareto_curve(...)``.
"""

from __future__ import annotations

import importlib

from ..chapters import CHAPTERS as _CHAPTERS
from . import _style
from ._style import COLORS, PALETTE

_style.use()

__all__ = ["COLORS", "PALETTE"]

# Each chapter's charts live in their own module; all are re-exported here.
for _name in (c.module for c in _CHAPTERS):
    try:
        _mod = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"{__name__}.{_name}":
            raise
        continue
    for _fn in getattr(_mod, "__all__", ()):
        globals()[_fn] = getattr(_mod, _fn)
        __all__.append(_fn)
del _name, _CHAPTERS, importlib
