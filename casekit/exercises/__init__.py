"""Widget exercises that answer back: one engine, one module of exercises per chapter.

>>> import casekit.exercises as ex
>>> list(ex.catalog().columns)
['id', 'chapter', 'title', 'kind']

Use :func:`catalog` to list every exercise, :func:`make` to build one on the default data (or
on a given world), and :func:`progress` to see your attempts and scores so far.  Chapter modules
(:mod:`.intro`, :mod:`.selection`, :mod:`.development`, :mod:`.objections`, :mod:`.tiering`,
:mod:`.analysis`, :mod:`.retention`) define the exercises with the kinds of the
:mod:`.engine` package:

* :mod:`.engine.feedback`, :mod:`.engine.markdown` — the verdict and how text is shown (Markdown);
* :mod:`.engine.parsing`, :mod:`.engine.words` — reading typed numbers; articles and plurals;
* :mod:`.engine.base`, :mod:`.engine.kinds`, :mod:`.engine.explore` — the exercise kinds;
* :mod:`.engine.views`, :mod:`.engine.panel`, :mod:`.engine.tables` — the widget, its Check
  panel (which says so when the kernel behind it is gone) and its tables;
* :mod:`.engine.registry` — :func:`register`, :func:`catalog`, :func:`make`, :func:`progress`.

An exercise shown in a notebook carries a static HTML view (question, options, saved answer)
beside its widget, so pages without a kernel still show the question.  Attempts are kept in a
progress file (:mod:`.store`).
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
