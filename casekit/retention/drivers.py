"""Chapter 6, retention and churn — churn drivers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, require_frame, require_number, validated,
)
from ..i18n import _
from ._common import CUSTOMER_COLUMNS, SIGNAL_COLUMNS, SIGNALS, _rate  # noqa: F401
from .signals import _require_signals  # noqa: F401


# ---------------------------------------------------------------------------------------------
# Churn drivers
# ---------------------------------------------------------------------------------------------

@validated(frames={"signals": {"churned": "bool", "surveyed": "?bool", **SIGNAL_COLUMNS}})
def churn_drivers(signals: pd.DataFrame, *, drivers=None) -> pd.DataFrame:
    """Churn with and without each signal (流失原因): how strongly each one goes with leaving.

    For each signal: ``customers`` with it, ``share`` of all, ``churn_with``, ``churn_without``,
    ``difference`` (percentage points) and ``ratio`` (with ÷ without).  ``value_gap`` is compared
    among surveyed customers only.  By default every signal of :data:`SIGNALS` in the table except
    ``frequency_drop``, which needs a back-test (:func:`frequency_backtest`) rather than a look
    back from the end.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 13 declared columns (see ``churn_drivers.spec``).
    drivers : list of str, optional
        Signals to compare (default ``None``: every signal in the data).

    Returns
    -------
    DataFrame
        Churn with and without each signal (流失原因): how strongly each one goes with leaving.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, False, False],
    ...                   "key_contact_left": [True, False, False, False]})
    >>> t = churn_drivers(s, drivers=["key_contact_left"])
    >>> t[["customers", "churn_with", "churn_without"]]  # doctest: +NORMALIZE_WHITESPACE
                      customers  churn_with  churn_without
    signal
    key_contact_left          1         1.0        0.333333
    """
    what = "churn_drivers"
    default = [d for d in SIGNALS if d != "frequency_drop"]
    names = [d for d in default if d in signals] if drivers is None else list(drivers)
    _require_signals(signals, what, names)
    rows = []
    y = signals["churned"].to_numpy(dtype=bool)
    for d in names:
        if d not in SIGNALS:
            raise ValueError(f"{what}: unknown signal {d!r}; expected some of {list(SIGNALS)}")
        flag = signals[d].to_numpy(dtype=bool)
        base = (signals["surveyed"].to_numpy(dtype=bool) if d == "value_gap" and "surveyed" in signals
                else np.ones(len(signals), dtype=bool))
        w, wo = flag & base, ~flag & base
        cw, cwo = _rate(y[w].sum(), w.sum()), _rate(y[wo].sum(), wo.sum())
        en, zh = SIGNALS[d]
        rows.append({"signal": d, "meaning": _(en), "chinese": zh, "customers": int(w.sum()),
                     "share": _rate(w.sum(), base.sum()), "churn_with": cw, "churn_without": cwo,
                     "difference": cw - cwo, "ratio": cw / cwo if cwo else np.nan})
    return pd.DataFrame(rows).set_index("signal")


@validated(
    frames={
        "signals": {
            "churned": "bool",
            "annual_revenue": "?money",
            "annual_profit": "?numeric",
            **SIGNAL_COLUMNS,
            "big": "bool",
        },
    },
)
def size_and_churn(signals: pd.DataFrame) -> pd.DataFrame:
    """Big vs small firms (大客户 / 小客户): how often each leaves, and what leaving takes with it.

    ``big`` is the signal of :func:`customer_signals` (:func:`casekit.big_customers` by firm
    size; by default the top 10% of firms by employees).  ``share_left`` is the share who left; ``lost_annual_revenue`` /
    ``lost_annual_profit`` sum the churned customers' yearly revenue and profit while they bought;
    ``revenue_per_churner`` is the revenue a year one lost customer took with them.  The sources
    warn of the churn risk of big customers (大客户的流失风险): every competitor courts them.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 14 declared columns (see ``size_and_churn.spec``).

    Returns
    -------
    DataFrame
        Big vs small firms (大客户 / 小客户): how often each leaves, and what leaving takes with it.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, False, True, False], "big": [True, True, False, False],
    ...     "annual_revenue": [900.0, 800.0, 100.0, 50.0], "annual_profit": [90.0, 80.0, 10.0, 5.0]})
    >>> t = size_and_churn(s)
    >>> t[["customers", "share_left", "revenue_per_churner"]]  # doctest: +NORMALIZE_WHITESPACE
           customers  share_left  revenue_per_churner
    size
    big            2         0.5                900.0
    small          2         0.5                100.0
    """
    what = "size_and_churn"
    _require_signals(signals, what, ["big"])
    require_frame(signals, {"annual_revenue": "numeric", "annual_profit": "numeric"}, what=what)
    rows = []
    for name, m in (("big", signals["big"].to_numpy(dtype=bool)),
                    ("small", ~signals["big"].to_numpy(dtype=bool))):
        s = signals[m]
        gone = s[s["churned"]]
        rows.append({"size": name, "customers": int(m.sum()), "churned": int(len(gone)),
                     "share_left": _rate(len(gone), len(s)),
                     "lost_annual_revenue": float(gone["annual_revenue"].sum()),
                     "lost_annual_profit": float(gone["annual_profit"].sum()),
                     "revenue_per_churner": _rate(gone["annual_revenue"].sum(), len(gone))})
    return pd.DataFrame(rows).set_index("size")


_HANDLING_GROUPS = (("good handling + follow-up call", True, True),
                    ("good handling, no call", True, False),
                    ("poor handling + follow-up call", False, True),
                    ("poor handling, no call", False, False))


@validated(
    frames={
        "complaints": {
            "handling_score": "numeric",
            "followed_up": "bool",
            "satisfaction_after": "numeric",
            "customer_kept": "bool",
        },
    },
    options={"good_score": Interval(1, 5)},
)
def handling_and_follow_up(complaints: pd.DataFrame, *, good_score: int = 4) -> pd.DataFrame:
    """Does the way we handle a complaint (投诉处理) and the follow-up call (回访) keep the customer?

    Complaints split by the audited ``handling_score`` (good: ``good_score`` or more of 5) and by
    ``followed_up`` (we called back after the fix).  For each of the four groups: ``complaints``,
    ``kept`` (share after which the customer stayed, ``customer_kept``) and
    ``satisfaction_after`` (mean, 1–5).

    Parameters
    ----------
    complaints : DataFrame
        The complaints, one row per complaint. Reads ``handling_score``, ``followed_up``,
        ``satisfaction_after``, ``customer_kept``.
    good_score : int, default 4
        Handling score (1–5) from which handling counts as good.

    Returns
    -------
    DataFrame
        Does the way we handle a complaint (投诉处理) and the follow-up call (回访) keep the customer?.

    Examples
    --------
    >>> cp = pd.DataFrame({"handling_score": [5, 4, 2, 1, 5], "followed_up": [True, True, False,
    ...     True, False], "customer_kept": [True, True, False, True, True],
    ...     "satisfaction_after": [4.5, 4.0, 2.0, 3.0, 4.0]})
    >>> handling_and_follow_up(cp)[["complaints", "kept"]]  # doctest: +NORMALIZE_WHITESPACE
                                    complaints  kept
    handling
    good handling + follow-up call           2   1.0
    good handling, no call                   1   1.0
    poor handling + follow-up call           1   1.0
    poor handling, no call                   1   0.0
    """
    what = "handling_and_follow_up"
    require_frame(complaints, {"handling_score": "numeric", "followed_up": "bool",
                               "customer_kept": "bool", "satisfaction_after": "numeric"},
                  what=what)
    require_number(good_score, what=what, name="good_score", low=1, high=5)
    good = complaints["handling_score"].to_numpy(dtype="float64") >= good_score
    called = complaints["followed_up"].to_numpy(dtype=bool)
    kept = complaints["customer_kept"].to_numpy(dtype="float64")
    sat = complaints["satisfaction_after"].to_numpy(dtype="float64")
    rows = []
    for name, g, f in _HANDLING_GROUPS:
        m = (good == g) & (called == f)
        rows.append({"handling": name, "good_handling": g, "followed_up": f,
                     "complaints": int(m.sum()), "kept": _rate(kept[m].sum(), m.sum()),
                     "satisfaction_after": _rate(sat[m].sum(), m.sum())})
    return pd.DataFrame(rows).set_index("handling")


