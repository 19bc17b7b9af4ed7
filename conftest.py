"""Test set-up for the whole repository (``pytest`` from here, or on any notebook of it).

nbval runs each cell with ``store_history=False``, and IPython then ignores a trailing ``;``
(it looks for the semicolon in the history), so ``plot(...);`` would show an extra ``<Axes …>``
result under nbval but not in Jupyter (nbval issue #194, IPython issue #14162).  Running the cells
with history, as Jupyter does, makes nbval see what a student sees.
"""

from __future__ import annotations


def _run_cells_with_history() -> None:
    try:
        from nbval.kernel import RunningKernel
    except ImportError:  # nbval not installed: nothing to fix
        return
    if getattr(RunningKernel.execute_cell_input, "_casekit", False):
        return

    def execute_cell_input(self, cell_input, allow_stdin=None):
        return self.kc.execute(cell_input, store_history=True, allow_stdin=allow_stdin,
                               stop_on_error=False)

    execute_cell_input._casekit = True
    RunningKernel.execute_cell_input = execute_cell_input


_run_cells_with_history()


def pytest_collection_modifyitems(config, items):
    """Leave the nightly sweep out unless ``-m`` names it, even when ``-m`` selects other markers."""
    if "nightly" in (config.getoption("markexpr", "") or ""):
        return
    kept = [item for item in items if item.get_closest_marker("nightly") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
