"""The kit's input checks (kept here for existing imports; they live in :mod:`casekit.core.checks`).

Examples
--------
>>> from casekit.validate import require_number
>>> require_number(3, what="f", name="k", low=1, integer=True)
3
"""

from .core.checks import *  # noqa: F401,F403
from .core.checks import __all__  # noqa: F401
