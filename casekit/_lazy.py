"""A module imported on first use: ``optimize = lazy("scipy.optimize")`` costs nothing until
``optimize.minimize`` is reached, so importing a chapter that may never fit a model stays quick."""

from __future__ import annotations

import importlib


class lazy:
    """Stand-in for the module ``name``: the first attribute looked up imports it.

    >>> math = lazy("math")
    >>> math.sqrt(4.0)
    2.0
    >>> math
    <lazy module 'math'>
    """

    def __init__(self, name: str):
        self._name = name
        self._module = None

    def __getattr__(self, attr):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        value = getattr(self._module, attr)
        setattr(self, attr, value)  # found directly from now on
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"
