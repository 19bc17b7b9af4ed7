"""How fast an exercise answers: Check → feedback, and a slider step → redrawn chart and table.

Run: ``python benchmarks/bench_feedback.py [--steps N] [--pause SECONDS]``.

For every explore exercise of the catalog, on the default world, headless (no browser; the time
from a value reaching Python to the chart and table being replaced in the widget's state):

* ``check``: pressing Check (the answer is read, checked and its feedback set), median of N;
* ``step (paced)``: a slider step as a student makes it — a pause to look at the chart between
  steps (default 0.5 s), so the neighbours the widget draws ahead in the background are ready;
* ``step (cold)``: a step to a setting nobody has drawn yet (nothing drawn ahead): the time to draw
  one chart from scratch, the slowest a step can be.

After each step the widget's table is compared with ``exercise.table(**setting)``: the readout,
chart and table must show the same setting.  The table prints medians in milliseconds; the
target is a median of at most 100 ms for ``check`` and ``step (paced)``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")


def _control(view):
    name, control = next(iter(view.controls.items()))
    return name, control


def _walk(control, n):
    """Settings of a control for n steps: up to the end, then back down (a student's walk)."""
    from casekit.exercises.engine.explore import _steps
    values, v = [], control.value
    direction = 1
    for _ in range(n):
        around = _steps(_Fake(control, v))
        up = [x for x in around if x > v] if not hasattr(control, "_options_values") else around[-1:]
        down = [x for x in around if x < v] if not hasattr(control, "_options_values") else around[:1]
        nxt = (up if direction > 0 else down) or (down if direction > 0 else up)
        if not nxt:
            break
        if (direction > 0 and not up) or (direction < 0 and not down):
            direction = -direction
        v = nxt[0]
        values.append(v)
    return values


class _Fake:
    def __init__(self, control, value):
        self._c, self.value = control, value

    def __getattr__(self, name):
        return getattr(self._c, name)


def measure(ex_id: str, world, steps: int, pause: float) -> dict:
    from casekit import exercises

    ex = exercises.make(ex_id, world=world)
    t0 = time.perf_counter()
    view = ex.widget()
    build = time.perf_counter() - t0
    view.panel._on_message(view.panel, {"event": "ping"}, [])  # a page has drawn the view
    name, control = _control(view)
    paced, agree = [], True
    for value in _walk(control, steps):
        time.sleep(pause)  # the student looks at the chart; drawing ahead gets no more time
        t = time.perf_counter()
        control.value = value
        paced.append(time.perf_counter() - t)
        params = {n: c.value for n, c in view.controls.items()}
        from casekit.exercises.engine.tables import _table_html
        agree &= view.output.outputs[1]["data"]["text/html"] == _table_html(ex.table(**params))
    thread = getattr(view, "_prefetch_thread", None)
    if thread is not None:
        thread.join()  # the cold and check timings below run alone
    # cold: a fresh exercise with nothing drawn ahead
    cold_ex = exercises.make(ex_id, world=world)
    cold_view = cold_ex.widget()
    _, cold_control = _control(cold_view)
    cold = []
    for value in _walk(cold_control, min(steps, 4)):
        cold_ex.__dict__.get("_renders", {}).clear()
        t = time.perf_counter()
        cold_control.value = value
        cold.append(time.perf_counter() - t)
    options = ex.options()
    checks = []
    for k in range(steps):
        view.set_answer(options[k % len(options)])
        t = time.perf_counter()
        view.check()
        checks.append(time.perf_counter() - t)
    ms = lambda xs: round(1000 * statistics.median(xs)) if xs else float("nan")  # noqa: E731
    return {"exercise": ex_id, "build": round(1000 * build), "check": ms(checks),
            "step (paced)": ms(paced), "step (cold)": ms(cold), "agree": agree,
            "steps": len(paced)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--pause", type=float, default=0.5)
    args = parser.parse_args(argv)

    import os
    import tempfile

    os.environ.setdefault("CASEKIT_PROGRESS", os.path.join(tempfile.mkdtemp(), "progress.json"))
    import casekit
    from casekit import exercises

    world = casekit.world()
    cat = exercises.catalog()
    rows = [measure(i, world, args.steps, args.pause) for i in cat.loc[cat["kind"] == "explore", "id"]]
    cols = ["exercise", "build", "check", "step (paced)", "step (cold)", "agree", "steps"]
    width = max(len(r["exercise"]) for r in rows)
    print(f"{'exercise':<{width}}  " + "  ".join(f"{c:>12}" for c in cols[1:]) + "   (ms, medians)")
    for r in rows:
        print(f"{r['exercise']:<{width}}  " + "  ".join(f"{str(r[c]):>12}" for c in cols[1:]))
    slow = [r["exercise"] for r in rows if r["check"] > 100 or r["step (paced)"] > 100]
    bad = [r["exercise"] for r in rows if not r["agree"]]
    print(f"median target 100 ms: {'met' if not slow else 'missed by ' + ', '.join(slow)}; "
          f"chart and table agree with the readout: {'yes' if not bad else 'no: ' + ', '.join(bad)}")
    return 1 if (slow or bad) else 0


if __name__ == "__main__":
    sys.exit(main())
