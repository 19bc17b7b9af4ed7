"""Chapter 6, retention and churn — win-back."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, require_frame, require_number, validated,
)
from ._common import WINBACK_REASONS, _DAYS_PER_MONTH, _date  # noqa: F401
from .signals import _require_signals  # noqa: F401


# ---------------------------------------------------------------------------------------------
# Win-back
# ---------------------------------------------------------------------------------------------

def _leave_reason(signals) -> np.ndarray:
    conds = [signals["unresolved_complaint"].to_numpy(dtype=bool),
             signals["key_contact_left"].to_numpy(dtype=bool),
             signals["slow_complaint"].to_numpy(dtype=bool),
             signals["value_gap"].to_numpy(dtype=bool),
             signals["low_satisfaction"].to_numpy(dtype=bool)]
    return np.select(conds, list(WINBACK_REASONS)[:5], "no reason recorded")  # same order


@validated(
    frames={
        "signals": {
            "churned": "bool",
            "churn_date": "?date",
            "low_satisfaction": "?bool",
            "key_contact_left": "?bool",
            "unresolved_complaint": "?bool",
            "slow_complaint": "?bool",
            "value_gap": "?bool",
            "bad_debt": "?numeric",
            "annual_revenue": "?money",
            "annual_profit": "?numeric",
            "low_loyalty": "?bool",
            "silent": "?bool",
            "big": "?bool",
            "new": "?bool",
            "frequency_drop": "?bool",
            "resolved_fast": "?bool",
        },
    },
    options={"asof": DateOption()},
)
def winback_candidates(signals: pd.DataFrame, *, chances=None, asof=None) -> pd.DataFrame:
    """Win-back (客户挽回) of lapsed customers (中止往来的老客户): who is worth winning back first.

    For every churned customer: the ``reason`` it left (the first that applies of
    :data:`WINBACK_REASONS`: an unresolved complaint, the key contact leaving, a slow complaint,
    a better delivered value at the competitor, low satisfaction; else no reason recorded), the
    ``chance`` of winning it back for that reason (defaults in :data:`WINBACK_REASONS`, an
    assumption the firm sets; override with ``chances``), its ``annual_profit`` while it bought,
    ``months_since`` it left, ``worth`` (it was profitable and left no bad debt: a bad customer is
    not worth winning back) and ``expected_value`` = chance × annual profit.  Sorted: worth first,
    then expected value; ``rank`` numbers them.

    Parameters
    ----------
    signals : DataFrame
        The churn signals of :func:`customer_signals`, one row per customer (indexed by
        ``customer_id``). Reads 16 declared columns (see ``winback_candidates.spec``).
    chances : dict, optional
        Win-back chance per reason (default ``None``: :data:`WINBACK_REASONS`).
    asof : date, optional
        The as-of date (default ``None``: from the data).

    Returns
    -------
    DataFrame
        Win-back (客户挽回) of lapsed customers (中止往来的老客户): who is worth winning back first.

    Examples
    --------
    >>> s = pd.DataFrame({"churned": [True, True, True, False],
    ...     "churn_date": pd.to_datetime(["2025-06-30", "2025-09-30", "2025-03-31", None]),
    ...     "unresolved_complaint": [True, False, False, False],
    ...     "key_contact_left": [False, True, False, False],
    ...     "slow_complaint": [False] * 4, "value_gap": [False, False, True, False],
    ...     "low_satisfaction": [False] * 4, "annual_profit": [1000.0, 2000.0, 5000.0, 100.0],
    ...     "annual_revenue": [9000.0, 9000.0, 30000.0, 1000.0], "bad_debt": [0.0] * 4},
    ...     index=pd.Index([1, 2, 3, 4], name="customer_id"))
    >>> t = winback_candidates(s, asof="2025-12-31")
    >>> t[["reason", "chance", "expected_value", "rank"]]  # doctest: +NORMALIZE_WHITESPACE
                               reason  chance  expected_value  rank
    customer_id
    2                key contact left    0.30           600.0     1
    3          better value elsewhere    0.10           500.0     2
    1            unresolved complaint    0.35           350.0     3
    """
    what = "winback_candidates"
    _require_signals(signals, what, ["unresolved_complaint", "key_contact_left", "slow_complaint",
                                     "value_gap", "low_satisfaction", "churn_date"])
    require_frame(signals, {"annual_profit": "numeric", "annual_revenue": "numeric"}, what=what)
    if asof is None and isinstance(signals, pd.DataFrame):
        asof = signals.attrs.get("asof")
    if asof is not None:
        asof = _date(asof, what, "asof")
    else:
        raise ValueError(f"{what}: these signals do not say their as-of date; pass asof='YYYY-MM-DD' "
                         "or the table of customer_signals(world)")
    table = {k: v[1] for k, v in WINBACK_REASONS.items()}
    if chances is not None:
        if not isinstance(chances, Mapping):
            raise ValueError(f"{what}: chances must be a dict reason → chance, e.g. "
                             "{'key contact left': 0.3}")
        for k, v in chances.items():
            if k not in table:
                raise ValueError(f"{what}: chances has an unknown reason {k!r}; expected some of "
                                 f"{list(table)}")
            require_number(v, what=what, name=f"chances[{k!r}]", low=0, high=1)
            table[k] = float(v)
    lapsed = signals[signals["churned"].to_numpy(dtype=bool)]
    out = pd.DataFrame(index=lapsed.index)
    out["reason"] = _leave_reason(lapsed)
    out["chinese"] = out["reason"].map({k: v[0] for k, v in WINBACK_REASONS.items()})
    out["chance"] = out["reason"].map(table).astype("float64")
    out["annual_revenue"] = lapsed["annual_revenue"]
    out["annual_profit"] = lapsed["annual_profit"]
    when = pd.to_datetime(lapsed["churn_date"])
    out["months_since"] = ((asof - when).dt.days / _DAYS_PER_MONTH).round(1)
    bad = lapsed["bad_debt"].to_numpy(dtype="float64") > 0 if "bad_debt" in lapsed else False
    out["worth"] = (out["annual_profit"].to_numpy() > 0) & ~bad
    out["expected_value"] = np.where(out["worth"], out["chance"] * out["annual_profit"], 0.0)
    out = out.sort_values(["worth", "expected_value", "annual_profit"],
                          ascending=[False, False, False], kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)
    return out


@validated(
    frames={
        "leads": {"prospect_type": "text", "lead_cost": "money", "status": "text", "converted": "bool"},
    },
)
def prospect_type_conversion(leads: pd.DataFrame) -> pd.DataFrame:
    """Leads by prospect type (潜在客户类型, S1): new prospects, existing customers and lapsed former
    customers (中止往来的老客户) — how many, how many closed, conversion and lead cost per win.

    Only closed leads (won or lost) count toward conversion.

    Parameters
    ----------
    leads : DataFrame
        The sales leads, one row per lead. Reads ``prospect_type``, ``lead_cost``, ``status``,
        ``converted``.

    Returns
    -------
    DataFrame
        Leads by prospect type (潜在客户类型, S1): new prospects, existing customers and lapsed former
        customers (中止往来的老客户) — how many, how many closed, conversion and lead cost per win.

    Examples
    --------
    >>> l = pd.DataFrame({"prospect_type": ["new", "new", "lapsed", "lapsed"],
    ...     "status": ["won", "lost", "won", "open"], "converted": [True, False, True, False],
    ...     "lead_cost": [100.0, 100.0, 50.0, 50.0]})
    >>> t = prospect_type_conversion(l)
    >>> t[["closed", "won", "conversion"]]  # doctest: +NORMALIZE_WHITESPACE
                   closed  won  conversion
    prospect_type
    new                 2    1         0.5
    lapsed              1    1         1.0
    """
    what = "prospect_type_conversion"
    require_frame(leads, {"prospect_type": "text", "status": "text", "converted": "bool",
                          "lead_cost": "numeric"}, what=what)
    closed = leads[leads["status"].astype("str") != "open"]
    kind = closed["prospect_type"].astype("str")
    g = closed.groupby(kind, sort=False)
    out = pd.DataFrame({"closed": g.size(), "won": g["converted"].sum().astype("int64"),
                        "lead_cost": g["lead_cost"].sum()})
    out["conversion"] = out["won"] / out["closed"]
    out["cost_per_win"] = out["lead_cost"] / out["won"].where(out["won"] > 0)
    order = [k for k in ("new", "existing", "lapsed") if k in out.index]
    order += [k for k in out.index if k not in order]
    out = out.reindex(order)
    out.index.name = "prospect_type"
    return out.drop(columns="lead_cost")


