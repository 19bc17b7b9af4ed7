"""The kit's one look for every chart: colours, fonts, axes helpers.

Importing the kit changes nothing in matplotlib: each chart of the kit draws in the kit's style
(:func:`chart` wraps every chart function in :func:`style`), and :func:`use` applies the style to
all of a session's charts, yours included, when you ask for it.

The charts are also made to draw fast: no layout engine (the margins are set once, and
Jupyter's inline display crops every chart to what it holds), and a finished chart is marked as
drawn, so Jupyter renders it once, to the picture the notebook shows, instead of twice.
"""

from __future__ import annotations

import contextlib
import functools

import matplotlib as mpl
from matplotlib.ticker import FuncFormatter, PercentFormatter

from .._format import short_money

#: Colours used across the kit, in order (colour-blind safe, Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
#: Named roles, so "ours", "good", "bad" look the same in every chapter.
COLORS = {"main": PALETTE[0], "accent": PALETTE[1], "good": PALETTE[2], "bad": PALETTE[3],
          "neutral": "#7F7F7F", "ours": PALETTE[0], "competitor": PALETTE[1]}

STYLE = {
    "figure.figsize": (7.5, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "svg.hashsalt": "casekit",
}


def use() -> None:
    """Apply the kit's style to every chart of this session, not only the kit's own.

    The kit's charts do not need it: they always draw in the kit's style.  Undo it with
    ``matplotlib.rcdefaults()``.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> from casekit import plots
    >>> plots.use_style()
    >>> mpl.rcParams["axes.titleweight"]
    'bold'
    >>> mpl.rcdefaults()
    """
    mpl.rcParams.update(STYLE)


@contextlib.contextmanager
def style():
    """A context in which matplotlib draws in the kit's style (rcParams restored afterwards)."""
    interactive = mpl.is_interactive()
    with mpl.rc_context(STYLE):
        yield
        # The first figure of a Jupyter session loads the inline backend, which switches
        # interactive mode on; keep it on after the context, or later figures are not shown.
        interactive = mpl.is_interactive() or interactive
    mpl.interactive(interactive)


def chart(fn):
    """Decorator of the kit's chart functions: draw in the kit's style; a finished figure of the
    kit's own is marked as drawn when Jupyter's inline display will render it anyway."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with style():
            ax = fn(*args, **kwargs)
        fig = getattr(ax, "figure", None)
        if getattr(fig, "_casekit_made", False) and _inline():
            # At the end of a cell pyplot redraws every "stale" figure, then the inline backend
            # renders it again to the PNG the notebook shows: the first render is never seen.
            fig.stale = False
        return ax

    return wrapper


def _inline() -> bool:
    """Whether figures are shown by Jupyter's inline backend (rendered to a picture per cell)."""
    try:
        backend = mpl.get_backend(auto_select=False) or ""
    except TypeError:  # matplotlib before 3.10: the backend is resolved by now anyway
        backend = mpl.get_backend()
    return "inline" in backend.lower()


#: Margins of a kit figure (fractions of its size): room for tick labels, axis labels and title.
#: Jupyter's inline display crops to the artists, so more room than needed costs nothing there.
MARGINS = {"left": 0.125, "right": 0.95, "bottom": 0.13, "top": 0.9}


def axes(ax=None, figsize=None):
    """Return ``ax``, or a new Axes in the kit's style."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # only when a chart is drawn: importing the kit stays quick

    with style():
        fig, ax = plt.subplots(figsize=figsize or STYLE["figure.figsize"],
                               gridspec_kw=MARGINS)
    fig._casekit_made = True
    return ax


def money(ax, axis: str = "y"):
    """Format an axis's ticks as money (950, 1.5k, 3.4M)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda x, _pos: short_money(x)))
    return ax


def percent(ax, axis: str = "y", xmax: float = 1.0):
    """Format an axis's ticks as percentages of ``xmax``."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PercentFormatter(xmax=xmax, decimals=0))
    return ax
