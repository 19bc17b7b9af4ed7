"""The case study: a complaint that escalates at a key account."""

from __future__ import annotations

from dataclasses import dataclass
import pandas as pd

from ..core.checks import require_frame, validated
from .complaints import _check_complaints, speed_band


# --------------------------------------------------------------------------------------------
# The case study: a complaint that escalates at a key account
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """The case study's complaint: the customer and the complaint the story centres on."""

    customer_id: int
    complaint_id: int


@validated(frames={"complaints": {"complaint_id": "id", "customer_id": "id", "date": "date", "severity": "text", "is_claim": "bool", "claim_amount": "money"},
                   "accounts": {"customer_id": "id"}}, keys={"complaints": "complaint_id", "accounts": "customer_id"})
def escalation_case(complaints: pd.DataFrame, accounts: pd.DataFrame) -> Case:
    """Pick the case study: a key account whose complaints escalate to a severe claim.

    Among the key-account candidates (the ``accounts`` data), the customers with a severe
    (``high``) complaint with a claim (索赔) that came after an earlier complaint of theirs; of
    those, the one who complained most often (ties: larger total claim, then lower id).  The
    complaint the story centres on is that customer's latest such complaint.  If no account
    qualifies (small worlds), the conditions are relaxed step by step: a claim of medium
    severity, then a claim of any severity, then a severe complaint without a claim, then any
    repeat complaint.

    Parameters
    ----------
    complaints : DataFrame
        Needs ``complaint_id`` (customer ids), ``customer_id`` (customer ids), ``date`` (dates),
        ``severity`` (text), ``is_claim`` (True/False), ``claim_amount`` (amounts ≥ 0).
    accounts : DataFrame
        Needs ``customer_id`` (customer ids).

    Returns
    -------
    Case
        Pick the case study: a key account whose complaints escalate to a severe claim.

    Examples
    --------
    >>> cp = pd.DataFrame({"complaint_id": [1, 2, 3, 4, 5],
    ...                    "customer_id": [7, 7, 9, 9, 9],
    ...                    "date": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-02-01",
    ...                                            "2024-03-01", "2024-04-01"]),
    ...                    "severity": ["low", "high", "low", "low", "medium"],
    ...                    "is_claim": [False, True, False, False, False],
    ...                    "claim_amount": [0.0, 500.0, 0.0, 0.0, 0.0]})
    >>> escalation_case(cp, pd.DataFrame({"customer_id": [7, 9]}))
    Case(customer_id=7, complaint_id=2)
    """
    require_frame(complaints, {"complaint_id": "any", "customer_id": "any", "date": "date",
                               "severity": "text", "is_claim": "bool",
                               "claim_amount": "numeric"}, what="escalation_case")
    require_frame(accounts, {"customer_id": "any"}, what="escalation_case")
    cp = complaints[complaints["customer_id"].isin(accounts["customer_id"])]
    if cp.empty:
        cp = complaints
    cp = cp.sort_values(["customer_id", "date", "complaint_id"], kind="stable")
    by = cp["customer_id"]
    first = cp.groupby("customer_id")["date"].transform("min")
    earlier = cp["date"] > first                     # the customer complained on an earlier day
    sev = cp["severity"].astype(str)
    severe = sev.eq("high")
    serious = severe | sev.eq("medium")
    claim = cp["is_claim"].to_numpy()
    n = by.map(by.value_counts())
    claimed = by.map(cp["claim_amount"].groupby(by).sum())
    rules = (severe & claim & earlier, serious & claim & earlier, claim & earlier,
             severe & earlier, earlier, severe | True)
    for rule in rules:
        pick = cp.assign(_n=n, _claimed=claimed)[rule]
        if len(pick):
            # the customer who complained most (then claimed most, then lowest id) ...
            pick = pick.sort_values(["_n", "_claimed", "customer_id"],
                                    ascending=[False, False, True], kind="stable")
            cid = pick["customer_id"].iloc[0]
            # ... and that customer's latest complaint meeting the rule
            mine = pick[pick["customer_id"] == cid].sort_values(["date", "complaint_id"],
                                                                kind="stable")
            return Case(int(cid), int(mine["complaint_id"].iloc[-1]))
    raise ValueError("escalation_case: there are no complaints to choose a case from")


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


@validated(frames={"transactions": {"{customer}": "key", "{date}": "date", "revenue": "numeric", "margin": "numeric"}})
def yearly_value(transactions: pd.DataFrame, customer_id, *, customer: str = "customer_id",
                 date: str = "date") -> pd.DataFrame:
    """Revenue and gross margin of one customer per calendar year: what a complaint puts at stake.

    Parameters
    ----------
    transactions : DataFrame
        Needs the ``customer=`` column (customer ids), the ``date=`` column (dates), ``revenue``
        (numbers), ``margin`` (numbers).
    customer_id : object
        The customer to look at.
    customer : str, default 'customer_id'
        Name of the customer-id column.
    date : str, default 'date'
        Name of the date column.

    Returns
    -------
    DataFrame
        Revenue and gross margin of one customer per calendar year: what a complaint puts at
        stake.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                    "date": pd.to_datetime(["2024-05-01", "2025-02-01", "2025-03-01"]),
    ...                    "revenue": [100.0, 250.0, 80.0], "margin": [30.0, 70.0, 20.0]})
    >>> yearly_value(tx, 1)
       year  revenue  margin
    0  2024    100.0    30.0
    1  2025    250.0    70.0
    """
    mine = transactions[transactions[customer] == customer_id]
    if mine.empty:
        raise ValueError(f"yearly_value: customer_id={customer_id!r} has no transactions")
    out = mine.groupby(mine[date].dt.year.rename("year"))[["revenue", "margin"]].sum()
    out.index = out.index.astype("int64")
    return out.reset_index()
