"""Explore, then choose: controls that redraw a chart and a table."""

from __future__ import annotations

import base64
import io

import ipywidgets as W
import pandas as pd

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
            style = dict(_style.STYLE)
        except Exception:  # noqa: BLE001 - the kit's style is optional here
            style = {}
        with mpl.rc_context(style):
            fig = Figure(figsize=self.figsize, dpi=100, layout="constrained")
            self.draw(fig.add_subplot(), **params)
        return fig, self.table(**params)

    def _extra(self, view):
        controls = self.controls()
        view.controls = dict(controls)
        view.output = W.Output(layout=W.Layout(min_height="120px"))

        def redraw(_change=None):
            try:
                params = {name: c.value for name, c in view.controls.items()}
                fig, table = self.explore(**params)
                buf = io.BytesIO()
                fig.savefig(buf, format="png", metadata={"Software": None})
                png = base64.b64encode(buf.getvalue()).decode("ascii")
                view.output.outputs = (
                    {"output_type": "display_data", "metadata": {},
                     "data": {"image/png": png, "text/plain": "<chart>"}},
                    {"output_type": "display_data", "metadata": {},
                     "data": {"text/html": _table_html(table), "text/plain": table.to_string()}},
                )
            except Exception as exc:  # noqa: BLE001
                view.output.outputs = ({"output_type": "stream", "name": "stdout",
                                        "text": f"Could not redraw: {type(exc).__name__}: {exc}\n"},)
                view.show_error(exc)

        for c in controls.values():
            c.observe(redraw, names="value")
        view.redraw = redraw
        redraw()
        question = W.HTML(f"<p>{_text_html(self.question)}</p>") if self.question else None
        return [W.HBox(list(controls.values()), layout=W.Layout(flex_flow="row wrap")),
                view.output] + ([question] if question else [])

    #: The question asked about the chart (shown under it, above the options).
    question: str = ""
