"""Chapter 6, retention and churn — the case: whom to call first."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, require_frame, require_number, validated,
)


# ---------------------------------------------------------------------------------------------
# The case: whom to call first
# ---------------------------------------------------------------------------------------------

_STRATEGIES = {
    "biggest revenue first": "annual_revenue",
    "highest risk first": "churn_probability",
    "largest expected loss first": "expected_loss",
}


@validated(
    frames={
        "warning": {
            "churn_probability": "share",
            "annual_revenue": "money",
            "annual_profit": "numeric",
            "expected_loss": "numeric",
        },
    },
    options={"calls": Interval(1, None, integer=True)},
)
def compare_call_strategies(warning: pd.DataFrame, *, calls: int = 20) -> pd.DataFrame:
    """With time for ``calls`` calls, whom to call first?  Three rules compared.

    Each rule ranks the early-warning list (:func:`early_warning`) — by annual revenue, by churn
    probability, or by expected loss (probability × yearly profit) — and calls the first
    ``calls`` customers.  For each rule: the expected yearly profit at risk among those called
    (``expected_loss_covered``), its share of the whole list's, the called customers' average
    churn probability and the yearly profit they bring.

    Parameters
    ----------
    warning : DataFrame
        The early-warning list of :func:`early_warning`. Reads ``churn_probability``,
        ``annual_revenue``, ``annual_profit``, ``expected_loss``.
    calls : int, default 20
        Calls that can be made.

    Returns
    -------
    DataFrame
        With time for ``calls`` calls, whom to call first?  Three rules compared.

    Examples
    --------
    >>> w = pd.DataFrame({"annual_revenue": [900.0, 100.0, 500.0],
    ...     "annual_profit": [-50.0, 200.0, 300.0], "churn_probability": [0.5, 0.6, 0.3],
    ...     "expected_loss": [0.0, 120.0, 90.0]})
    >>> compare_call_strategies(w, calls=1)["expected_loss_covered"].tolist()
    [0.0, 120.0, 120.0]
    """
    what = "compare_call_strategies"
    require_frame(warning, {"annual_revenue": "numeric", "annual_profit": "numeric",
                            "churn_probability": "numeric", "expected_loss": "numeric"}, what=what)
    require_number(calls, what=what, name="calls", low=1, integer=True)
    total = float(warning["expected_loss"].sum())
    rows = []
    for name, col in _STRATEGIES.items():
        top = warning.sort_values([col, "expected_loss"], ascending=False, kind="stable").head(calls)
        covered = float(top["expected_loss"].sum())
        rows.append({"strategy": name, "calls": int(len(top)), "expected_loss_covered": covered,
                     "share_of_expected_loss": covered / total if total else np.nan,
                     "mean_churn_probability": float(top["churn_probability"].mean()),
                     "annual_profit_called": float(top["annual_profit"].sum())})
    return pd.DataFrame(rows).set_index("strategy")
