"""The case study: a key account's claim (索赔), decided on the data known at its date."""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np
import pandas as pd

from ..i18n import N_
from ..core.checks import Interval, require_frame, validated
from .complaints import _check_complaints, _days, speed_band


# --------------------------------------------------------------------------------------------
# The case study: a key account's claim, the loop closed
# --------------------------------------------------------------------------------------------

#: The rule that picks the case study, in words (the notebook prints it).
CASE_RULE = N_("Among the key accounts' complaints that claim compensation (索赔), were resolved and "
             "were followed up by a call back, filed at least {record_days} days after the "
             "complaint records begin (so the firm has a record to decide on): the one whose "
             "customer had complained most often before it; ties go to the more severe "
             "complaint, then the larger claim, then the earlier complaint.")


@dataclass(frozen=True)
class Case:
    """The case study's complaint: the customer, the complaint, and how often they complained before."""

    customer_id: int
    complaint_id: int
    earlier_complaints: int


@validated(frames={"complaints": {"complaint_id": "id", "customer_id": "id", "date": "date",
                                  "severity": "text", "is_claim": "bool", "claim_amount": "money",
                                  "resolved": "bool", "followed_up": "bool"},
                   "accounts": {"customer_id": "id"}},
           keys={"complaints": "complaint_id", "accounts": "customer_id"},
           options={"record_days": Interval(0, 730, integer=True)})
def claim_case(complaints: pd.DataFrame, accounts: pd.DataFrame, *,
               record_days: int = 180) -> Case:
    """Pick the case study by a stated rule (:data:`CASE_RULE`): a key account's claim, loop closed.

    Among the complaints of the key accounts (``accounts``) that claim compensation
    (``is_claim``), were resolved and followed up, and were filed at least ``record_days``
    days after the first complaint on record: the one whose customer had the most earlier
    complaints; ties go to the more severe complaint, then the larger claim, then the lower
    complaint id.

    Parameters
    ----------
    complaints : DataFrame
        Needs ``complaint_id`` (ids), ``customer_id`` (customer ids), ``date`` (dates),
        ``severity`` (text), ``is_claim`` (True/False), ``claim_amount`` (amounts ≥ 0),
        ``resolved`` and ``followed_up`` (True/False).
    accounts : DataFrame
        Needs ``customer_id`` (customer ids): the key accounts.
    record_days : int, default 180
        How long the complaint records must run before the case, so that the decision has a
        record of earlier complaints and what followed them.

    Returns
    -------
    Case
        The customer, the complaint, and the number of earlier complaints of that customer.

    Examples
    --------
    >>> cp = pd.DataFrame({"complaint_id": [1, 2, 3, 4, 5],
    ...                    "customer_id": [7, 7, 9, 9, 8],
    ...                    "date": pd.to_datetime(["2024-01-01", "2024-09-01", "2024-02-01",
    ...                                            "2024-08-01", "2024-10-01"]),
    ...                    "severity": ["low", "high", "low", "medium", "high"],
    ...                    "is_claim": [False, True, False, True, True],
    ...                    "claim_amount": [0.0, 500.0, 0.0, 900.0, 300.0],
    ...                    "resolved": [True, True, True, True, True],
    ...                    "followed_up": [False, True, True, True, True]})
    >>> claim_case(cp, pd.DataFrame({"customer_id": [7, 8, 9]}))
    Case(customer_id=7, complaint_id=2, earlier_complaints=1)
    """
    require_frame(accounts, {"customer_id": "any"}, what="claim_case")
    cp = complaints.sort_values(["customer_id", "date", "complaint_id"], kind="stable")
    earlier = cp.groupby("customer_id").cumcount()
    start = cp["date"].min()
    rule = (cp["customer_id"].isin(accounts["customer_id"]) & cp["is_claim"] & cp["resolved"]
            & cp["followed_up"] & (cp["date"] >= start + pd.Timedelta(days=record_days)))
    pick = cp.assign(_earlier=earlier,
                     _sev=cp["severity"].astype(str).map({"low": 0, "medium": 1, "high": 2})
                     .fillna(-1))[rule]
    if pick.empty:
        raise ValueError("claim_case: no key account has a resolved, followed-up claim filed "
                         f"at least {record_days} days after the complaint records begin; "
                         "expected at least one (use a larger world or a smaller record_days)")
    pick = pick.sort_values(["_earlier", "_sev", "claim_amount", "complaint_id"],
                            ascending=[False, False, False, True], kind="stable")
    top = pick.iloc[0]
    return Case(int(top["customer_id"]), int(top["complaint_id"]), int(top["_earlier"]))


@dataclass(frozen=True)
class ClaimDecision:
    """The claim weighed against what fast handling keeps, on the data known at the claim's date.

    ``margin_12m`` is the account's gross margin in the 12 months up to the claim;
    ``kept_fast`` / ``kept_other`` the share of the firm's earlier complaints (filed at least
    ``record_days`` before the claim) whose customer bought again within ``record_days``, for
    complaints resolved within ``fast_days`` and for all others; ``at_stake`` is
    ``margin_12m × (kept_fast − kept_other)`` (0 if negative); ``settle`` is True when the
    claim is no larger than what is at stake; ``data_until`` is the last date of any data used.
    """

    date: pd.Timestamp
    claim_amount: float
    margin_12m: float
    record: int
    n_fast: int
    n_other: int
    kept_fast: float
    kept_other: float
    at_stake: float
    settle: bool
    data_until: pd.Timestamp


def _bought_again_within(cp: pd.DataFrame, transactions: pd.DataFrame, days: int) -> np.ndarray:
    """True where the complaint's customer bought again within ``days`` after the complaint."""
    left = cp[["customer_id", "date"]].reset_index(drop=True)
    left = left.assign(_row=np.arange(len(left))).sort_values("date", kind="stable")
    right = (transactions[["customer_id", "date"]].rename(columns={"date": "_next"})
             .sort_values("_next", kind="stable"))
    left["date"] = left["date"].astype(right["_next"].dtype)
    nxt = pd.merge_asof(left, right, left_on="date", right_on="_next", by="customer_id",
                        direction="forward", allow_exact_matches=False)
    kept = ((nxt["_next"] - nxt["date"]) <= pd.Timedelta(days=days)).fillna(False)
    out = np.zeros(len(left), dtype=bool)
    out[nxt["_row"].to_numpy()] = kept.to_numpy(dtype=bool)
    return out


@validated(frames={"complaints": {"complaint_id": "id", "customer_id": "id", "date": "date",
                                  "claim_amount": "money", "resolved": "bool",
                                  "days_to_resolve": "any"},
                   "transactions": {"customer_id": "id", "date": "date", "margin": "numeric"}},
           keys={"complaints": "complaint_id"},
           options={"record_days": Interval(1, 730, integer=True),
                    "fast_days": Interval(0, 365, integer=True)})
def claim_decision(complaints: pd.DataFrame, transactions: pd.DataFrame, complaint_id, *,
                   record_days: int = 180, fast_days: int = 7) -> ClaimDecision:
    """Weigh a claim against what fast handling keeps, using only data up to the claim's date.

    The account's value is its gross margin in the 12 months up to the claim.  The effect of
    speed is read from the firm's own record: complaints filed at least ``record_days`` before
    the claim, split into those resolved within ``fast_days`` and all others, and for each the
    share whose customer bought again within ``record_days`` after the complaint — all of it
    known on the claim's date.  What fast handling saves is the margin times the difference in
    that share; settle the claim in full if it costs no more than that, else negotiate it.

    Parameters
    ----------
    complaints : DataFrame
        Needs ``complaint_id``, ``customer_id``, ``date``, ``claim_amount``, ``resolved`` and
        ``days_to_resolve``.
    transactions : DataFrame
        Needs ``customer_id``, ``date`` and ``margin``.
    complaint_id : int
        The claim to decide on.
    record_days : int, default 180
        Age of the record's complaints, and the window in which a customer counts as kept.
    fast_days : int, default 7
        What counts as fast handling.

    Returns
    -------
    ClaimDecision

    Examples
    --------
    >>> cp = pd.DataFrame({"complaint_id": [1, 2, 3],
    ...                    "customer_id": [1, 2, 3],
    ...                    "date": pd.to_datetime(["2024-01-10", "2024-01-20", "2024-12-01"]),
    ...                    "claim_amount": [0.0, 0.0, 50.0],
    ...                    "resolved": [True, False, False],
    ...                    "days_to_resolve": pd.array([3, None, None], dtype="Int64")})
    >>> tx = pd.DataFrame({"customer_id": [1, 3, 3],
    ...                    "date": pd.to_datetime(["2024-03-01", "2024-02-01", "2024-11-01"]),
    ...                    "margin": [10.0, 200.0, 100.0]})
    >>> d = claim_decision(cp, tx, 3)
    >>> d.margin_12m, d.kept_fast, d.kept_other, d.at_stake, d.settle
    (300.0, 1.0, 0.0, 300.0, True)
    """
    _check_complaints(complaints, "claim_decision", extra=("customer_id", "date", "claim_amount"))
    require_frame(transactions, {"customer_id": "any", "date": "date", "margin": "numeric"},
                  what="claim_decision")
    hit = complaints[complaints["complaint_id"] == complaint_id]
    if hit.empty:
        raise ValueError(f"claim_decision: complaint_id={complaint_id!r} is not in the complaints")
    focal = hit.iloc[0]
    when = pd.Timestamp(focal["date"])
    mine = transactions[(transactions["customer_id"] == focal["customer_id"])
                        & (transactions["date"] > when - pd.Timedelta(days=365))
                        & (transactions["date"] <= when)]
    margin = float(mine["margin"].sum())
    record = complaints[complaints["date"] <= when - pd.Timedelta(days=record_days)]
    past_tx = transactions[transactions["date"] <= when]
    kept = _bought_again_within(record, past_tx, record_days)
    fast = (record["resolved"].to_numpy() & (_days(record) <= fast_days))
    n_fast, n_other = int(fast.sum()), int((~fast).sum())
    kept_fast = float(kept[fast].mean()) if n_fast else float("nan")
    kept_other = float(kept[~fast].mean()) if n_other else float("nan")
    gain = kept_fast - kept_other
    at_stake = float(margin * gain) if np.isfinite(gain) and gain > 0 else 0.0
    used = [d for d in (mine["date"].max(), record["date"].max(),
                        past_tx.loc[past_tx["customer_id"].isin(record["customer_id"]), "date"].max())
            if pd.notna(d)]
    until = max(used) if used else when
    return ClaimDecision(when, float(focal["claim_amount"]), margin, len(record), n_fast, n_other,
                         kept_fast, kept_other, at_stake, bool(focal["claim_amount"] <= at_stake),
                         pd.Timestamp(until))


@validated(frames={"complaints": {"resolved": "bool", "days_to_resolve": "any", "customer_id": "id", "date": "date"}}, keys={"complaints": "complaint_id"})
def complaint_history(complaints: pd.DataFrame, customer_id) -> pd.DataFrame:
    """One customer's complaints in date order, with the speed band of each.

    Parameters
    ----------
    complaints : DataFrame
        Needs ``resolved`` (True/False), ``days_to_resolve`` (any values), ``customer_id``
        (customer ids), ``date`` (dates).
    customer_id : object
        The customer to look at.

    Returns
    -------
    DataFrame
        One customer's complaints in date order, with the speed band of each.

    Examples
    --------
    >>> cp = pd.DataFrame({"customer_id": [1, 2, 1],
    ...                    "date": pd.to_datetime(["2025-03-01", "2025-01-01", "2025-01-05"]),
    ...                    "resolved": [False, True, True],
    ...                    "days_to_resolve": pd.array([None, 4, 9], dtype="Int64")})
    >>> complaint_history(cp, 1)[["date", "speed"]]
            date       speed
    0 2025-01-05   8–21 days
    1 2025-03-01  unresolved
    """
    _check_complaints(complaints, "complaint_history", extra=("customer_id", "date"))
    mine = complaints[complaints["customer_id"] == customer_id]
    if mine.empty:
        raise ValueError(f"complaint_history: customer_id={customer_id!r} has no complaints")
    mine = mine.assign(speed=speed_band(mine))
    return mine.sort_values("date", kind="stable").reset_index(drop=True)
