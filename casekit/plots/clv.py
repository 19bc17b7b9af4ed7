"""Charts of the lifetime-value models: the tracking chart, P(alive) by recency and frequency,
spend shrinkage and model value against the tiers.

Each function takes the output of a :mod:`casekit.clv` function (or a fitted model), an optional
``ax``, draws one fully labelled chart and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import N_, _
from . import _style
from ._style import COLORS

__all__ = ["tracking_chart", "p_alive_heatmap", "spend_shrinkage", "clv_rank_scatter"]


def _need(frame, cols, what):
    from ..validate import require_frame
    require_frame(frame, cols, what=what)


@_style.chart
def tracking_chart(tracked: pd.DataFrame, *, unit="week", ax=None, title=None):
    """Cumulative repeat purchases of a cohort: actual (solid) against the model (dashed).

    ``tracked`` is a :func:`casekit.clv.tracking` table; the vertical line marks the end of the
    calibration period (the model saw only what lies left of it).

    Parameters
    ----------
    tracked : DataFrame
        The output of :func:`casekit.clv.tracking`.
    unit : str, default 'week'
        The unit of time of the table.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> cd = ck.load("cdnow_sample")
    >>> end = cd["date"].min() + pd.Timedelta(weeks=39)
    >>> ch = ck.clv.calibration_holdout(cd, calibration_end=end, value="dollar_value")
    >>> bg = ck.clv.fit_bgnbd(ch, frequency="frequency_cal", recency="recency_cal", T="T_cal")
    >>> ax = ck.plots.tracking_chart(ck.clv.tracking(cd, bg, calibration_end=end))
    """
    _need(tracked, {"period": "numeric", "actual": "numeric", "expected": "numeric",
                    "calibration": "bool"}, "tracking_chart")
    ax = _style.axes(ax)
    ax.plot(tracked["period"], tracked["actual"], color=COLORS["main"], lw=2, label="actual")
    ax.plot(tracked["period"], tracked["expected"], color=COLORS["accent"], lw=2, ls="--",
            label="BG/NBD model")
    cal = tracked.loc[tracked["calibration"], "period"]
    if len(cal) and len(cal) < len(tracked):
        end = float(cal.max())
        ax.axvline(end, color=COLORS["neutral"], ls=":", lw=1.2)
        top = float(max(tracked["actual"].max(), tracked["expected"].max()))
        ax.text(end - 0.5, top * 0.98, "calibration ", ha="right", va="top", fontsize=8,
                color=COLORS["neutral"])
        ax.text(end + 0.5, top * 0.98, " hold-out", ha="left", va="top", fontsize=8,
                color=COLORS["neutral"])
    ax.set_xlim(0, float(tracked["period"].max()))
    ax.set_ylim(0, None)
    ax.yaxis.set_major_formatter(lambda v, _p: f"{v:,.0f}")
    ax.set_xlabel({"week": _("Week since the cohort's first purchase"),
                   "day": _("Day since the cohort's first purchase")}.get(
        unit, f"{unit.capitalize()} since the cohort's first purchase"))
    ax.set_ylabel("Cumulative repeat purchases")
    ax.set_title(title or "Tracking cumulative repeat purchases")
    ax.legend(loc="lower right")
    return ax


@_style.chart
def p_alive_heatmap(model, *, T, max_frequency=10, unit="week", ax=None, title=None):
    """P(alive) of a customer observed for ``T`` units, by frequency (rows) and recency (columns).

    Read a row from left to right: with the same number of repeat purchases, the longer ago the
    last one was (low recency), the likelier the customer has gone.

    Parameters
    ----------
    model : BGNBD
        A fitted BG/NBD model (:func:`casekit.clv.fit_bgnbd`).
    T : float
        How long the customer has been observed, in ``unit``.
    max_frequency : int, default 10
        The largest number of repeat purchases shown.
    unit : str, default 'week'
        The unit of time of the model.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> cd = ck.load("cdnow_sample")
    >>> end = cd["date"].min() + pd.Timedelta(weeks=39)
    >>> ch = ck.clv.calibration_holdout(cd, calibration_end=end, value="dollar_value")
    >>> bg = ck.clv.fit_bgnbd(ch, frequency="frequency_cal", recency="recency_cal", T="T_cal")
    >>> ax = ck.plots.p_alive_heatmap(bg, T=30, max_frequency=10)
    """
    from ..clv import BGNBD

    if not isinstance(model, BGNBD):
        raise ValueError(f"p_alive_heatmap: model must be a fitted BG/NBD model, got "
                         f"{type(model).__name__}")
    ax = _style.axes(ax, figsize=(7.5, 4.8))
    rec = np.linspace(0.0, float(T), 60)
    freq = np.arange(0, int(max_frequency) + 1)
    xx, rr = np.meshgrid(freq, rec, indexing="ij")
    frame = pd.DataFrame({"frequency": xx.ravel().astype(float),
                          "recency": np.where(xx.ravel() > 0, rr.ravel(), 0.0),
                          "T": float(T)})
    p = model.p_alive(frame).to_numpy().reshape(xx.shape)
    im = ax.imshow(p, origin="lower", aspect="auto", cmap="RdYlGn", vmin=0, vmax=1,
                   extent=(0, float(T), -0.5, freq[-1] + 0.5))
    ax.grid(False)
    cb = ax.figure.colorbar(im, ax=ax, shrink=0.85)
    cb.set_label("P(alive)")
    cb.ax.yaxis.set_major_formatter(lambda v, _p: f"{v:.0%}")
    ax.set_xlabel(_("Recency: weeks from first to last purchase (customer age {T:g} weeks)").format(T=T)
                  if unit == "week" else
                  f"Recency: {unit}s from first to last purchase (customer age {T:g} {unit}s)")
    ax.set_ylabel("Frequency: repeat purchases")
    ax.set_title(title or "Who is still a customer? P(alive) by recency and frequency")
    ax.spines[:].set_visible(False)
    return ax


@_style.chart
def spend_shrinkage(frame: pd.DataFrame, *, observed="monetary", expected="expected_spend",
                    frequency="frequency", population=None, unit="USD", ax=None, title=None):
    """Observed mean spend of repeat buyers against the Gamma-Gamma expectation.

    Points lie between the diagonal (trust the customer's own mean) and the population mean
    (trust the crowd); customers with few purchases are pulled furthest towards the crowd.

    Parameters
    ----------
    frame : DataFrame
        One row per repeat buyer with the ``observed``, ``expected`` and ``frequency``
        columns (e.g. the ``values`` of :func:`casekit.clv.customer_base`).
    observed : str, default 'monetary'
        Name of the observed mean spend column.
    expected : str, default 'expected_spend'
        Name of the Gamma-Gamma expected spend column.
    frequency : str, default 'frequency'
        Name of the repeat-purchase count column.
    population : float, optional
        The population mean spend (drawn as a line; the model's when omitted).
    unit : str, default 'USD'
        The currency written on the axes.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> cd = ck.load("cdnow_sample")
    >>> end = cd["date"].min() + pd.Timedelta(weeks=39)
    >>> base = ck.clv.customer_base(cd, calibration_end=end, value="dollar_value", margin=0.3)
    >>> ax = ck.plots.spend_shrinkage(base.values)
    """
    _need(frame, {observed: "numeric", expected: "numeric", frequency: "numeric"},
          "spend_shrinkage")
    f = frame[frame[frequency] > 0]
    ax = _style.axes(ax)
    few = f[frequency] <= 2
    ax.scatter(f.loc[few, observed], f.loc[few, expected], s=10, alpha=0.5, color=COLORS["accent"],
               label="1–2 repeat purchases")
    ax.scatter(f.loc[~few, observed], f.loc[~few, expected], s=10, alpha=0.5, color=COLORS["main"],
               label="3 or more")
    hi = float(f[observed].quantile(0.99)) if len(f) else 1.0
    ax.plot([0, hi], [0, hi], color=COLORS["neutral"], ls="--", lw=1, label="own mean")
    if population is not None:
        ax.axhline(population, color=COLORS["good"], ls=":", lw=1.2, label="population mean")
    ax.set_xlim(0, hi)
    ax.set_ylim(0, hi)
    _style.money(ax, "x")
    _style.money(ax, "y")
    ax.set_xlabel(_("Observed mean spend per repeat purchase ({unit})").format(unit=unit))
    ax.set_ylabel(_("Expected spend per purchase ({unit})").format(unit=unit))
    ax.set_title(title or "Gamma-Gamma: own mean shrunk towards the crowd")
    ax.legend(loc="upper left")
    return ax


@_style.chart
def clv_rank_scatter(frame: pd.DataFrame, *, x="spend_rank", y="clv_rank", hue="p_alive", ax=None,
                     title=None, xlabel=N_("Rank by past spend (1 = top)"),
                     ylabel=N_("Rank by model CLV (1 = top)"), hue_label="P(alive)"):
    """Each customer's rank by one value against their rank by another, coloured by ``hue``.

    Rank 1 is at the top right; on the diagonal the two agree.  Above it a customer ranks higher
    by the model than by ``x``, below it lower.

    Parameters
    ----------
    frame : DataFrame
        One row per customer with the ``x``, ``y`` and ``hue`` columns.
    x : str, default 'spend_rank'
        The rank column on the x axis.
    y : str, default 'clv_rank'
        The rank column on the y axis.
    hue : str, default 'p_alive'
        The column that colours the points.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    title : str, optional
        The chart's title (the kit's own when omitted).
    xlabel : str, default 'Rank by past spend (1 = top)'
        The label of the x axis.
    ylabel : str, default 'Rank by model CLV (1 = top)'
        The label of the y axis.
    hue_label : str, default 'P(alive)'
        The label of the colour bar.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's Axes.

    Examples
    --------
    >>> import casekit as ck
    >>> cd = ck.load("cdnow_sample")
    >>> end = cd["date"].min() + pd.Timedelta(weeks=39)
    >>> base = ck.clv.customer_base(cd, calibration_end=end, value="dollar_value", margin=0.3)
    >>> v = base.values.assign(spend_rank=base.values["monetary"].rank(ascending=False),
    ...                        clv_rank=base.values["clv"].rank(ascending=False))
    >>> ax = ck.plots.clv_rank_scatter(v)
    """
    _need(frame, {x: "numeric", y: "numeric", hue: "numeric"}, "clv_rank_scatter")
    ax = _style.axes(ax, figsize=(6.5, 5.0))
    sc = ax.scatter(frame[x], frame[y], c=frame[hue], s=8, cmap="RdYlGn", vmin=0, vmax=1,
                    alpha=0.7)
    n = float(max(frame[x].max(), frame[y].max()))
    ax.plot([1, n], [1, n], color=COLORS["neutral"], ls="--", lw=1)
    cb = ax.figure.colorbar(sc, ax=ax, shrink=0.85)
    cb.set_label(hue_label)
    ax.set_xlim(n + 1, 0)
    ax.set_ylim(n + 1, 0)
    ax.xaxis.set_major_formatter(lambda v, _p: f"{v:,.0f}")
    ax.yaxis.set_major_formatter(lambda v, _p: f"{v:,.0f}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title or "Two rankings of the same customers")
    return ax
