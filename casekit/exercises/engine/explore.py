"""Explore, then choose: controls that redraw a chart and a table."""

from __future__ import annotations

import atexit
import base64
import html
import io
import threading
import weakref

import ipywidgets as W
import pandas as pd

from ...i18n import _, translate
from .feedback import _text_html
from .kinds import ChoiceExercise
from .tables import _table_html


class ExploreExercise(ChoiceExercise):
    """Move controls that redraw a chart and a table, then answer a question about them.

    Implement :meth:`controls` (name → an ipywidgets control, e.g. an ``IntSlider``),
    :meth:`table` and :meth:`draw` (both take the control values as keyword arguments), and the
    question as for :class:`ChoiceExercise` (``options``, ``solution``, ``explanations``).
    """

    kind = "explore"
    figsize = (6.4, 3.4)

    def controls(self) -> dict:
        raise NotImplementedError

    def table(self, **params) -> pd.DataFrame:
        raise NotImplementedError

    def draw(self, ax, **params) -> None:
        raise NotImplementedError

    def explore(self, **params):
        """The figure and table for one setting of the controls: ``(Figure, DataFrame)``."""
        import matplotlib as mpl
        from matplotlib.figure import Figure
        try:
            from casekit.plots import _style
            style = dict(_style._rc())  # the kit's style, with a CJK font in Chinese
        except Exception:  # noqa: BLE001 - the kit's style is optional here
            _style, style = None, {}
        with mpl.rc_context(style):
            fig = Figure(figsize=self.figsize, dpi=100, layout="constrained")
            self.draw(fig.add_subplot(), **params)
            if _style is not None and _style.chinese():
                _style.translate_figure(fig)
        return fig, self.table(**params)

    # -- drawing, fast: each setting is drawn once; the neighbours of the current one are
    #    drawn ahead, in the background, once a student is moving the controls -------------
    def _render(self, params: dict) -> tuple[str, str, str]:
        """``(png_base64, table_html, table_text)`` for one setting, drawn once and kept."""
        from casekit.i18n import language

        key = (language(), *sorted(params.items()))
        cache = self.__dict__.setdefault("_renders", {})
        hit = cache.get(key)
        if hit is None:
            with _RENDER_LOCK:
                hit = cache.get(key)
                if hit is None:
                    fig, table = self.explore(**params)
                    buf = io.BytesIO()
                    fig.savefig(buf, format="png", metadata={"Software": None})
                    hit = (base64.b64encode(buf.getvalue()).decode("ascii"),
                           _table_html(table), table.to_string())
                    if len(cache) >= _CACHE_SIZE:
                        cache.pop(next(iter(cache)))
                    cache[key] = hit
        return hit

    def _prefetch(self, view) -> None:
        """Draw the settings one step away from the current one, in a background thread."""
        wanted = _neighbours(view.controls)
        cache = self.__dict__.setdefault("_renders", {})
        wanted = [p for p in wanted if tuple(sorted(p.items())) not in cache]
        if not wanted:
            return
        view._prefetch_round = round_ = getattr(view, "_prefetch_round", 0) + 1

        def work():
            for params in wanted:
                if view._prefetch_round != round_ or _STOP.is_set():  # the student moved on: draw around there
                    return
                try:
                    self._render(params)
                except Exception:  # noqa: BLE001 - the foreground draw reports problems
                    return

        thread = threading.Thread(target=work, name="casekit-explore-prefetch", daemon=True)
        view._prefetch_thread = thread
        _THREADS.add(thread)
        thread.start()

    def _extra(self, view):
        controls = self.controls()
        view.controls = dict(controls)
        view.output = W.Output(layout=W.Layout(min_height="120px"))

        def redraw(_change=None):
            try:
                params = {name: c.value for name, c in view.controls.items()}
                png, table_html, table_text = self._render(params)
                # chart and table are replaced together, so they always show the same setting
                view.output.outputs = (
                    {"output_type": "display_data", "metadata": {},
                     "data": {"image/png": png, "text/plain": "<chart>"}},
                    {"output_type": "display_data", "metadata": {},
                     "data": {"text/html": table_html, "text/plain": table_text}},
                )
            except Exception as exc:  # noqa: BLE001
                view.output.outputs = ({"output_type": "stream", "name": "stdout",
                                        "text": _("Could not redraw: {error}: {detail}").format(
                                            error=type(exc).__name__, detail=exc) + "\n"},)
                view.show_error(exc)
                return
            if getattr(view, "live", False):
                self._prefetch(view)

        def went_live():
            view.live = True
            self._prefetch(view)

        for c in controls.values():
            c.observe(redraw, names="value")
            c.add_class("casekit-control")  # the page checks Python is there when one moves
        view.redraw = redraw
        view.on_live = went_live
        redraw()
        question = (W.HTML(f'<div style="margin:0.5em 0">{_text_html(translate(self.question))}</div>')
                    if self.question else None)
        return [W.HBox(list(controls.values()), layout=W.Layout(flex_flow="row wrap")),
                view.output] + ([question] if question else [])

    def _static_extra(self) -> str:
        controls = self.controls()
        params = {name: c.value for name, c in controls.items()}
        shown = "; ".join(f"{html.escape(str(getattr(c, 'description', '') or name))} "
                          f"<b>{html.escape(str(c.value))}</b>" for name, c in controls.items())
        question = (f'<div style="margin:0.5em 0">{_text_html(translate(self.question))}</div>'
                    if self.question else "")
        return ('<div style="margin:0.4em 0">'
                + html.escape(_("Controls (move them in Jupyter to redraw the chart and the table):"))
                + f" {shown}</div>" + _table_html(self.table(**params)) + question)

    #: The question asked about the chart (shown under it, above the options).
    question: str = ""


_RENDER_LOCK = threading.Lock()
_CACHE_SIZE = 256
_STOP = threading.Event()
_THREADS: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _stop_drawing_ahead() -> None:
    """Let a background draw finish before Python exits (a draw cut off mid-way aborts it)."""
    _STOP.set()
    for thread in list(_THREADS):
        thread.join(timeout=5)


def _steps(control) -> list:
    """The values one step below and above a control's current value."""
    values = getattr(control, "_options_values", None)
    if values:
        values = list(values)
        try:
            k = values.index(control.value)
        except ValueError:
            return []
        return [values[j] for j in (k - 1, k + 1) if 0 <= j < len(values)]
    step = getattr(control, "step", None)
    low, high = getattr(control, "min", None), getattr(control, "max", None)
    if not step or low is None or high is None or isinstance(control.value, (tuple, list)):
        return []
    out = []
    for v in (control.value - step, control.value + step):
        if low <= v <= high:
            out.append(type(control.value)(round(v, 10)))
    return out


def _neighbours(controls: dict) -> list[dict]:
    current = {name: c.value for name, c in controls.items()}
    out = []
    for name, c in controls.items():
        for v in _steps(c):
            out.append({**current, name: v})
    return out
