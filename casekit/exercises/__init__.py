"""Widget exercises that answer back: one engine, one module of exercises per chapter.

>>> import casekit.exercises as ex
>>> list(ex.catalog().columns)
['id', 'chapter', 'title', 'kind']

Use :func:`catalog` to list every exercise, :func:`make` to build one on the default data (or
on a given world), and :func:`progress` to see your attempts and scores so far.  Chapter modules
(:mod:`.intro`, :mod:`.selection`, :mod:`.development`, :mod:`.objections`, :mod:`.tiering`)
define the exercises with the kinds in :mod:`.engine`.
"""

from .engine import (
    CHAPTERS,
    ChoiceExercise,
    Exercise,
    ExerciseView,
    ExploreExercise,
    Feedback,
    Misconception,
    MultiChoiceExercise,
    NumericExercise,
    OrderingExercise,
    catalog,
    make,
    parse_number,
    progress,
    register,
)

__all__ = [
    "CHAPTERS", "ChoiceExercise", "Exercise", "ExerciseView", "ExploreExercise", "Feedback",
    "Misconception", "MultiChoiceExercise", "NumericExercise", "OrderingExercise", "catalog",
    "make", "parse_number", "progress", "register",
]
