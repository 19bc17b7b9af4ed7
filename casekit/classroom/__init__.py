"""Class mode: assign each student their own world, collect their work, grade it, report.

The whole loop, with no server::

    casekit assign roster.csv --exercises 01,04 --out assignments/ --mode assess --due 2027-01-15
    # hand each folder of assignments/ to its student; they answer and hand back their folder
    casekit grade submissions.zip --manifest assignments/manifest.csv --out gradebook.csv
    casekit report gradebook.csv grading-report.csv
    casekit release assignments/          # after the due date: feedback and solutions visible

Grading never runs student code: a student's answers are data in their progress file, and
each one is checked again, with the exercise's own check, on the student's own world rebuilt
from the manifest.  :mod:`.mode` is what a student's kernel does in practice or assess mode.
"""

from . import mode

__all__ = ["mode", "assign", "grade", "report", "release"]


def __getattr__(name):  # the heavy parts load on first use
    if name in ("assign", "grade", "report", "release"):
        import importlib
        module = importlib.import_module(f".{name}", __name__)
        return getattr(module, name)
    raise AttributeError(name)
