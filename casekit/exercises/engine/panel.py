"""The Check button and feedback area of an exercise, with a front end that knows when it is cut off.

A plain ipywidgets button whose kernel is gone (the notebook was reopened, or its kernel
restarted) does nothing when pressed.  This panel's front end (an `anywidget` module) asks
Python for an answer at every press and when it is first drawn; when none comes it says so,
and tells the student to run the cell again.  It also clears the verdict the moment the
student changes an answer, with or without a kernel, so a verdict never sits under an answer
it was not given.
"""

from __future__ import annotations

import json

import anywidget
import traitlets

from ...i18n import N_, _, language

__all__ = ["CheckPanel", "DISCONNECTED"]

#: What a cut-off exercise says (also used by the static rendering and the tests).
DISCONNECTED = N_("Not connected to Python: the notebook was reopened or its kernel restarted, so "
                "Check cannot reach this exercise. Run this cell again (Shift+Enter) to answer "
                "it; your last checked answer comes back.")

_ESM = """
const LOST = %(lost)s;
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-widgets jupyter-button widget-button mod-primary casekit-check-button";
  button.title = model.get("tooltip") || "Check your answer";
  button.innerHTML = '<i class="fa fa-check"></i>' + model.get("description");
  const status = document.createElement("div");
  status.className = "casekit-status";
  const area = document.createElement("div");
  area.className = "casekit-feedback-area";
  const show = () => { area.innerHTML = model.get("value"); };
  show();
  model.on("change:value", show);
  let timer = null;
  const lost = () => { area.innerHTML = ""; status.innerHTML = model.get("lost") || LOST; };
  const ask = (event, wait) => {
    clearTimeout(timer);
    timer = setTimeout(lost, wait);
    try { model.send({ event: event }); } catch (err) { lost(); }
  };
  const alive = (msg) => {
    if (msg && msg.event === "alive") { clearTimeout(timer); status.innerHTML = ""; }
  };
  model.on("msg:custom", alive);
  button.addEventListener("click", () => ask("check", %(check_ms)d));
  const clear = (e) => {
    const t = e.target;
    if (t && t.closest && t.closest(".casekit-input")) { area.innerHTML = ""; }
  };
  // a control moved (an explore slider): Python must redraw, so make sure it is there
  const touched = (e) => {
    const t = e.target;
    if (t && t.closest && t.closest(".casekit-control")) { ask("ping", %(check_ms)d); }
  };
  const events = ["input", "change"], moves = ["pointerup", "keyup", "change"];
  let box = null;
  requestAnimationFrame(() => {
    box = el.closest(".casekit-exercise");
    if (box) {
      events.forEach((n) => box.addEventListener(n, clear, true));
      moves.forEach((n) => box.addEventListener(n, touched, true));
    }
  });
  el.append(button, status, area);
  ask("ping", %(ping_ms)d);
  return () => {
    clearTimeout(timer);
    model.off("change:value", show);
    model.off("msg:custom", alive);
    if (box) {
      events.forEach((n) => box.removeEventListener(n, clear, true));
      moves.forEach((n) => box.removeEventListener(n, touched, true));
    }
  };
}
export default { render };
"""


def _lost_html(message: str = DISCONNECTED) -> str:
    import re

    head, tail = re.split(r"(?<=[:：])", message, maxsplit=1)
    return ('<div class="casekit-feedback casekit-disconnected" style="border-left:4px solid '
            '#b26a00;background:#fff5e0;color:#1a1a1a;padding:6px 10px;margin:4px 0;'
            'line-height:1.45"><b>⚠ ' + head + "</b>" + tail + "</div>")


class CheckPanel(anywidget.AnyWidget):
    """A Check button and the feedback under it.

    ``panel.value`` is the feedback HTML; ``panel.on_click(f)`` adds a handler called as
    ``f(panel)``; ``panel.click()`` presses the button from Python.
    """

    _esm = _ESM % {"lost": json.dumps(_lost_html()), "check_ms": 2500, "ping_ms": 6000}
    _css = (".casekit-check-button{margin:6px 0 2px}"
            ".casekit-check-button i{margin-right:0.4em}")
    value = traitlets.Unicode("").tag(sync=True)
    description = traitlets.Unicode("Check").tag(sync=True)
    #: The cut-off note and the button's tooltip in the kit's language ("": the English above).
    lost = traitlets.Unicode("").tag(sync=True)
    tooltip = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        if language() != "en":
            kwargs.setdefault("description", _("Check"))
            kwargs.setdefault("lost", _lost_html(_(DISCONNECTED)))
            kwargs.setdefault("tooltip", _("Check your answer"))
        super().__init__(**kwargs)
        self._handlers: list = []
        self._ping_handlers: list = []
        self.on_msg(self._on_message)

    def on_ping(self, callback) -> None:
        """Call ``callback()`` whenever the page asks whether Python is there."""
        self._ping_handlers.append(callback)

    def on_click(self, callback) -> None:
        """Call ``callback(panel)`` when Check is pressed."""
        self._handlers.append(callback)

    def click(self) -> None:
        """Press Check."""
        for handler in list(self._handlers):
            handler(self)

    def _on_message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        self.send({"event": "alive"})  # first, so the page knows Python heard it
        if content.get("event") == "check":
            self.click()
        elif content.get("event") == "ping":
            for handler in list(self._ping_handlers):
                handler()
