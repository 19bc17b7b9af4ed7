"""Chapter 5, customer analysis — credit investigation, opening and stopping trade (信用调查、交易开始与中止)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, require_choice, require_frame, require_number, validated,
)
from ..i18n import N_
from ._common import TRADE_DECISIONS, _mapping, _one_row_per_customer  # noqa: F401


# ---------------------------------------------------------------------------------------------
# 4. Credit investigation, opening and stopping trade (信用调查、交易开始与中止)
# ---------------------------------------------------------------------------------------------

#: Share of the base credit limit granted per credit rating (信用等级).
RATING_FACTOR = {"A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25}


@validated(
    frames={
        "file": {
            "tenure_years": "numeric",
            "revenue_12m": "money",
            "status": "?text",
            "credit_rating": "text",
            "payment_days": "numeric",
            "bad_debt": "numeric",
            "disputes": "numeric",
        },
    },
    options={
        "max_payment_days": Interval(0, None),
        "max_disputes": Interval(0, None, integer=True),
        "months_of_sales": Interval(0, None),
        "trial_factor": Interval(0, 1),
        "active_only": Flag(),
    },
)
@_one_row_per_customer("file")
def credit_review(file: pd.DataFrame, *, max_payment_days: float = 75, max_disputes: int = 2,
                  months_of_sales: float = 2.0, rating_factor=None, trial_factor: float = 0.5,
                  active_only: bool = True) -> pd.DataFrame:
    """Credit review from internal records (内部调查): credit limit, and whether to stop trade.

    Four warning signs, each a column ``flag_*``:

    * ``rating`` — credit rating D (the agencies' and banks' verdict, 信用等级);
    * ``late`` — average payment days above ``max_payment_days``;
    * ``bad_debt`` — any bad debt written off;
    * ``disputes`` — at least ``max_disputes`` payment disputes or lawsuits.

    ``decision`` (:data:`TRADE_DECISIONS`): "continue" with no sign, "restrict" with one, "stop"
    (中止交易) with two or more; ``signs`` counts them and ``reasons`` names them.
    ``credit_limit`` = ``months_of_sales`` × monthly revenue (revenue of the last 12 months over
    the months the customer was with us in them, at least 1) × the rating's factor
    (:data:`RATING_FACTOR`) — halved for "restrict", zero for "stop", and × ``trial_factor`` for a
    customer in its first year (opening trade, 交易开始: a new customer starts on a trial limit).

    Parameters
    ----------
    file : DataFrame
        The customer file of :func:`customer_file`, one row per customer (indexed by
        ``customer_id``). Reads ``tenure_years``, ``revenue_12m``, ``status`` (optional),
        ``credit_rating``, ``payment_days``, ``bad_debt``, ``disputes``.
    max_payment_days : float, default 75
        Longest average payment time allowed, in days.
    max_disputes : int, default 2
        Most payment disputes allowed.
    months_of_sales : float, default 2.0
        Credit limit as months of the customer's sales.
    rating_factor : dict, optional
        Limit factor per credit rating (default ``None``: :data:`RATING_FACTOR`).
    trial_factor : float, default 0.5
        Share of the limit given to a customer on trial (0 to 1).
    active_only : bool, default True
        Only customers whose ``status`` is active.

    Returns
    -------
    DataFrame
        Credit review from internal records (内部调查): credit limit, and whether to stop trade.

    Examples
    --------
    >>> file = pd.DataFrame({
    ...     "credit_rating": ["A", "C", "D"], "payment_days": [40, 80, 95],
    ...     "bad_debt": [0.0, 0.0, 900.0], "disputes": [0, 1, 3],
    ...     "revenue_12m": [12000.0, 6000.0, 24000.0], "tenure_years": [5.0, 0.5, 3.0],
    ...     "status": ["active"] * 3}, index=pd.Index([1, 2, 3], name="customer_id"))
    >>> print(credit_review(file)[["signs", "decision", "reasons", "credit_limit"]].to_string())
    ... # doctest: +NORMALIZE_WHITESPACE
                 signs  decision                             reasons  credit_limit
    customer_id
    1                0  continue                                               2000.0
    2                1  restrict                          pays late         250.0
    3                4      stop  rating D, pays late, bad debt, disputes           0.0
    """
    what = "credit_review"
    require_frame(file, {"credit_rating": "text", "payment_days": "numeric", "bad_debt": "numeric",
                         "disputes": "numeric", "revenue_12m": "numeric",
                         "tenure_years": "numeric"}, what=what)
    require_number(max_payment_days, what=what, name="max_payment_days", low=0, high=365)
    require_number(max_disputes, what=what, name="max_disputes", low=1, high=100, integer=True)
    require_number(months_of_sales, what=what, name="months_of_sales", low=0, high=24)
    require_number(trial_factor, what=what, name="trial_factor", low=0, high=1)
    require_choice(active_only, (True, False), what=what, name="active_only")
    factors = _mapping(rating_factor, RATING_FACTOR, what=what, name="rating_factor", low=0,
                       high=1)
    f = file
    if active_only and "status" not in f.columns:
        raise ValueError(f"{what}: active_only=True needs a 'status' column ('active' / 'churned'), "
                         "as customer_file makes; pass active_only=False to grade every customer")
    if active_only:
        f = f[f["status"].astype("str") == "active"]
    rating = f["credit_rating"].astype("str")
    bad = ~rating.isin(list(factors))
    if bad.any():
        raise ValueError(f"{what}: column 'credit_rating' holds {rating[bad].iloc[0]!r}; expected "
                         f"one of {list(factors)}")
    out = pd.DataFrame(index=f.index)
    for col in ("credit_rating", "payment_days", "bad_debt", "disputes", "revenue_12m"):
        out[col] = f[col]
    flags = {
        "rating": (rating == "D").to_numpy(),
        "late": (f["payment_days"] > max_payment_days).to_numpy(),
        "bad_debt": (f["bad_debt"] > 0).to_numpy(),
        "disputes": (f["disputes"] >= max_disputes).to_numpy(),
    }
    labels = {"rating": N_("rating D"), "late": N_("pays late"), "bad_debt": N_("bad debt"),
              "disputes": N_("disputes")}
    for k, v in flags.items():
        out[f"flag_{k}"] = v
    count = np.sum(list(flags.values()), axis=0)
    out["signs"] = count.astype("int64")
    text = pd.Series("", index=out.index, dtype="str")
    for k, v in flags.items():
        sep = np.where(text.str.len().to_numpy() > 0, ", ", "")
        text = text.where(~v, text + sep + labels[k])
    out["reasons"] = text
    out["decision"] = pd.Categorical(np.select([count >= 2, count == 1], ["stop", "restrict"],
                                               "continue"),
                                     categories=[d[0] for d in TRADE_DECISIONS], ordered=True)
    months = np.clip(f["tenure_years"].to_numpy(dtype="float64") * 12.0, 1.0, 12.0)
    limit = (months_of_sales * f["revenue_12m"].to_numpy() / months
             * rating.map(factors).to_numpy(dtype="float64"))
    limit = np.where(count >= 2, 0.0, np.where(count == 1, 0.5 * limit, limit))
    limit = np.where(f["tenure_years"].to_numpy() < 1.0, trial_factor * limit, limit)
    out["credit_limit"] = np.round(limit, 0)
    return out


