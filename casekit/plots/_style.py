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
import warnings

import matplotlib as mpl
from matplotlib.ticker import FuncFormatter, PercentFormatter

from .. import i18n
from ..core.fmt import short_money

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

    Returns
    -------
    None
        The style is set in matplotlib's ``rcParams``.

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


#: Words a chart says differently from a table (a table's "no" is a question's number).
CHART_WORDS = (i18n.NC_("chart", "yes"), i18n.NC_("chart", "no"))
#: The customer pyramid's tiers: in a chart that shows them, "lead" is the lowest tier (重铅),
#: not a sales lead (线索).
TIER_WORDS = (i18n.NC_("tier", "platinum"), i18n.NC_("tier", "gold"), i18n.NC_("tier", "iron"),
              i18n.NC_("tier", "lead"))

#: CJK fonts to draw Chinese with, in order of preference (the first installed one is used).
CJK_FONTS = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC",
             "Source Han Sans SC", "Source Han Sans CN", "Source Han Sans", "SimHei",
             "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
             "Arial Unicode MS", "Noto Sans CJK JP", "Noto Sans CJK TC")

_NO_CJK = ("casekit: no Chinese (CJK) font is installed, so charts keep their English labels; "
           "install one (e.g. `apt-get install fonts-wqy-microhei` or `fonts-noto-cjk`) and "
           "restart the kernel.")
_cjk: list = []  # [name or None] once looked up


class CJKFontWarning(UserWarning):
    """No CJK font is installed: Chinese charts fall back to English labels."""


def cjk_font() -> str | None:
    """The CJK font charts draw Chinese with (``None``, after one warning, when none is installed).

    The font is looked up once and put first in matplotlib's ``font.sans-serif``, so the kit's
    charts and a student's own show Chinese glyphs instead of empty boxes.

    Examples
    --------
    >>> name = cjk_font()
    >>> name is None or name in CJK_FONTS
    True
    """
    if not _cjk:
        from matplotlib import font_manager

        installed = {f.name for f in font_manager.fontManager.ttflist}
        name = next((n for n in CJK_FONTS if n in installed), None)
        _cjk.append(name)
        if name is not None:  # a bold label in a one-weight font is drawn regular: no need to say so
            import logging

            logging.getLogger("matplotlib.font_manager").addFilter(
                lambda rec: "Failed to find font weight" not in rec.getMessage())
        if name is None:
            warnings.warn(_NO_CJK, CJKFontWarning, stacklevel=2)
    name = _cjk[0]
    if name is not None and mpl.rcParams["font.sans-serif"][:1] != [name]:
        mpl.rcParams["font.sans-serif"] = [name, *[f for f in mpl.rcParams["font.sans-serif"]
                                                   if f != name]]
    return name


def chinese() -> bool:
    """Whether charts are drawn in Chinese now (the language is zh and a CJK font is installed)."""
    return i18n.language() == "zh" and cjk_font() is not None


def _rc() -> dict:
    """The kit's style, with the CJK font first when charts speak Chinese."""
    if not chinese():
        return STYLE
    name = cjk_font()
    fonts = [name, *[f for f in mpl.rcParams["font.sans-serif"] if f != name]]
    # CJK fonts come in one weight: titles in regular, not a bold matplotlib cannot find
    return {**STYLE, "font.sans-serif": fonts, "font.family": ["sans-serif"],
            "axes.unicode_minus": False, "axes.titleweight": "normal"}


@contextlib.contextmanager
def style():
    """A context in which matplotlib draws in the kit's style (rcParams restored afterwards)."""
    interactive = mpl.is_interactive()
    with mpl.rc_context(_rc()):
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
            if fig is not None and chinese():
                translate_figure(fig)
        if getattr(fig, "_casekit_made", False) and _inline():
            # At the end of a cell pyplot redraws every "stale" figure, then the inline backend
            # renders it again to the PNG the notebook shows: the first render is never seen.
            fig.stale = False
        return ax

    return wrapper


def translate_figure(fig) -> int:
    """Put every text of ``fig`` that is a catalog message into the current language.

    Titles, axis labels, legend entries, annotations and fixed or categorical tick labels are
    replaced by their exact translation; text without one (numbers, names from the data) stays.
    Returns how many texts were translated.
    """
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter

    texts = [t.get_text() for t in fig.findobj(Text)]
    for axis in [a for ax in fig.axes for a in (ax.xaxis, ax.yaxis)]:
        fmt = axis.get_major_formatter()
        texts += [str(t) for t in getattr(fmt, "seq", None) or getattr(fmt, "_units", None) or ()]
    tiers = {"platinum", "gold", "iron"}
    context = "tier" if tiers & {t.strip().lower() for t in texts} else "chart"
    done = 0
    for axis in [a for ax in fig.axes for a in (ax.xaxis, ax.yaxis)]:
        for which in ("major", "minor"):
            fmt = getattr(axis, f"get_{which}_formatter")()
            if isinstance(fmt, FixedFormatter):
                seq = [i18n.translate(t, context) for t in fmt.seq]
                done += sum(a != b for a, b in zip(seq, fmt.seq))
                fmt.seq = seq
            elif type(fmt).__name__ in ("StrCategoryFormatter", "FuncFormatter"):
                # category names, and labels given to set_xticks(ticks, labels), which
                # matplotlib 3.11 keeps in a FuncFormatter
                getattr(axis, f"set_{which}_formatter")(_Translated(fmt, context))
    for text in fig.findobj(Text):
        old = text.get_text()
        new = i18n.translate(old, context)
        if new != old:
            text.set_text(new)
            done += 1
    return done


class _Translated(mpl.ticker.Formatter):
    """A tick formatter that translates what another one writes (category names)."""

    def __init__(self, inner, context="chart"):
        self.inner, self.context = inner, context

    def __call__(self, x, pos=None):
        return i18n.translate(self.inner(x, pos), self.context)

    def format_ticks(self, values):
        return [i18n.translate(t, self.context) for t in self.inner.format_ticks(values)]

    def set_axis(self, axis):
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs):
        self.inner.set_locs(locs)


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
