"""The syllabus's vocabulary (kept here for existing imports; it lives in :mod:`casekit.core.vocab`).

Examples
--------
>>> chinese(SEVERITIES, "high")
'严重'
"""

from .core.vocab import *  # noqa: F401,F403
from .core.vocab import __all__  # noqa: F401
