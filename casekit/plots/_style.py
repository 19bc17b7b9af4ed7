"""The kit's one look for every chart: colours, fonts, axes helpers."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
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
    """Apply the kit's style to matplotlib (done on import of :mod:`casekit.plots`)."""
    mpl.rcParams.update(STYLE)


def axes(ax=None, figsize=None):
    """Return ``ax``, or a new Axes in the kit's style."""
    if ax is not None:
        return ax
    with mpl.rc_context(STYLE):
        _, ax = plt.subplots(figsize=figsize or STYLE["figure.figsize"], layout="constrained")
        # The first figure of a Jupyter session loads the inline backend, which switches
        # interactive mode on; keep it on after the context, or later figures are not shown.
        interactive = mpl.is_interactive()
    mpl.interactive(interactive)
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
