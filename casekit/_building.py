"""Building a big world: a memory check before it starts, and a progress bar in a notebook.

:func:`casekit.world` calls :func:`check_memory` before it builds a world and builds through
:func:`build`, which shows a small progress bar when it runs in a Jupyter kernel and the world is
big enough to take a while (the command line has its own progress line).  The bar follows the
generator's own progress when :func:`casekit.synth.make_world` reports it (a ``progress``
callback taking a fraction); otherwise it advances by the expected build time, measured with
``benchmarks/bench_world.py``, and never reaches the end before the build does.
"""

from __future__ import annotations

import inspect
import os
import threading
import time

__all__ = ["available_memory", "build", "check_memory", "needed_memory"]

#: Peak memory of a build: a fixed part plus a part per customer (bench_world.py: 151 MB for
#: 20,000 customers, 785 MB for 200,000), rounded up.
BASE_BYTES, BYTES_PER_CUSTOMER = 100e6, 3_600
#: Build time per customer on a slow machine (bench_world.py: 7.5 s for 200,000 customers).
SECONDS_PER_CUSTOMER = 40e-6
#: Worlds from this size on show a progress bar in a notebook.
SHOW_FROM = 100_000


def needed_memory(n_customers: int) -> float:
    """Bytes a world of ``n_customers`` needs at the peak of its build (an estimate)."""
    return BASE_BYTES + BYTES_PER_CUSTOMER * float(n_customers)


def available_memory() -> float | None:
    """Bytes of memory free for a new build (``MemAvailable``), or ``None`` if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return float(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import psutil
        return float(psutil.virtual_memory().available)
    except Exception:  # noqa: BLE001 - unknown: no check
        return None


def check_memory(n_customers: int, *, what: str = "world") -> None:
    """Raise a clear ``ValueError`` before building a world too big for this machine's memory."""
    free = available_memory()
    need = needed_memory(n_customers)
    if free is None or need <= 0.9 * free:
        return
    most = max(0, int((0.9 * free - BASE_BYTES) / BYTES_PER_CUSTOMER) // 1000 * 1000)
    raise ValueError(
        f"{what}: n_customers={n_customers:,} needs about {need / 1e9:.1f} GB of memory to build, "
        f"but this machine has {free / 1e9:.1f} GB free; choose at most {most:,} customers "
        "(or close other notebooks and try again).")


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class _Bar:
    """An ipywidgets progress bar with a line of text, updated from a timer thread."""

    def __init__(self, n_customers: int):
        import ipywidgets as W
        from IPython.display import display

        self.expected = max(1.0, SECONDS_PER_CUSTOMER * n_customers)
        self.n = n_customers
        self.bar = W.FloatProgress(value=0.0, min=0.0, max=1.0, bar_style="info",
                                   layout=W.Layout(width="320px"))
        self.label = W.Label(f"Building a world of {n_customers:,} customers "
                             f"(about {self.expected:.0f} s)…")
        self.box = W.HBox([self.bar, self.label])
        self.start = time.monotonic()
        self.reported = None  # the generator's own fraction, when it reports one
        self._done = threading.Event()
        display(self.box)
        self._thread = threading.Thread(target=self._tick, name="casekit-world-progress",
                                        daemon=True)
        self._thread.start()

    def report(self, fraction) -> None:
        try:
            self.reported = min(1.0, max(0.0, float(fraction)))
        except (TypeError, ValueError):
            pass

    def _tick(self) -> None:
        while not self._done.wait(0.25):
            elapsed = time.monotonic() - self.start
            frac = (self.reported if self.reported is not None
                    else 1.0 - 0.9 ** (elapsed / self.expected * 22))  # → 90% at the expected time
            self.bar.value = min(0.97, frac)
            self.label.value = (f"Building a world of {self.n:,} customers: {elapsed:.0f} s of "
                                f"about {self.expected:.0f} s…")

    def close(self, ok: bool) -> None:
        self._done.set()
        self._thread.join(timeout=1)
        elapsed = time.monotonic() - self.start
        self.bar.value = 1.0 if ok else self.bar.value
        self.bar.bar_style = "success" if ok else "danger"
        self.label.value = (f"Built a world of {self.n:,} customers in {elapsed:.1f} s." if ok
                            else f"Building the world failed after {elapsed:.1f} s.")


def build(make_world, seed: int, n_customers: int, *, show: bool | None = None):
    """``make_world(seed, n_customers)``, with a progress bar in a notebook for big worlds."""
    if show is None:
        show = n_customers >= SHOW_FROM and _in_kernel() and not os.environ.get("CASEKIT_QUIET")
    if not show:
        return make_world(seed, n_customers)
    bar = _Bar(n_customers)
    kwargs = {}
    try:
        if "progress" in inspect.signature(make_world).parameters:
            kwargs["progress"] = bar.report
    except (TypeError, ValueError):
        pass
    ok = False
    try:
        world = make_world(seed, n_customers, **kwargs)
        ok = True
        return world
    finally:
        bar.close(ok)
