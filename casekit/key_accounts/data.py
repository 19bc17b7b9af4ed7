"""The key-account file: every key account the firm has managed, kept or lost, and why.

The shipped ``accounts`` table scores today's candidates but cannot say why key accounts are
lost.  :func:`account_history` adds that file on its own random stream (``default_rng([seed,
7])``), so every existing dataset of the world stays byte-identical.  It is synthetic and built
to show the claims of S4 (关键客户：为什么会失败?) on every seed; ``tests/test_key_accounts_lessons.py``
checks them over many seeds and sizes:

* a change of key people (关键人员的人事变动) is the most common reason an account is lost;
* price (价格) is rarely the reason;
* accounts reached at a single level lose far more often than accounts with contacts at several
  levels (没有在多个层次上建立业务和个性化的联系);
* accounts where trust was broken (破坏了信任) are lost far more often than the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .concepts import FAILURE_REASONS

__all__ = ["LOSS_REASONS", "account_history", "LESSONS"]

#: The causes recorded in the file (S4's eleven statements minus "these problems are usually
#: two-way", which is a remark about all of them), in the source's order.
LOSS_REASONS = tuple(r[0] for r in FAILURE_REASONS if r[0] is not None)

# How often each cause ends a former key account (shares of losses); built to follow S4.
_REASON_P = {
    "price": 0.02, "product or quality": 0.15, "key people change": 0.33,
    "manager's method or skill": 0.13, "no multi-level links": 0.10, "broken trust": 0.09,
    "staff unaware": 0.06, "market position": 0.05, "burnout or complacency": 0.04, "finances": 0.03,
}
_STREAM = 7  # this module's random stream: default_rng([seed, 7])
_YEARS_BACK = 5  # the file reaches five years back from the as-of date

LESSONS = (
    "Key accounts are lost through people, not price: a change of key people (关键人员的人事变动) is "
    "the most common reason in the key-account file, and price is rarely the reason "
    "(很少是由于价格问题引起的).",
    "One level of contact is fragile: accounts reached at a single level are lost far more often "
    "than accounts with contacts at several levels.",
    "Broken trust loses accounts: accounts where trust was broken are lost far more often than the "
    "rest.",
)


def account_history(world) -> pd.DataFrame:
    """The key-account file of a world: today's candidates (kept or churned) and former key accounts.

    One row per account the firm has run as a key account over the last five years:

    * ``account_id`` (``"KA0001"`` …) and ``customer_id`` (empty for former accounts, which are
      no longer in ``customers``);
    * ``status``: ``"kept"`` or ``"lost"``; ``year_lost`` for lost accounts;
    * ``contact_levels`` (management levels we had contacts at, 1–4), ``key_contact_left`` (our
      key contact at the customer changed job), ``trust_broken`` (an incident of broken trust or
      an abused position of advantage);
    * ``revenue_year``: the account's yearly revenue while it was a key account;
    * ``loss_reason``: the main cause of the loss (one of :data:`LOSS_REASONS`), empty if kept.

    Today's candidates take ``contact_levels`` from ``accounts`` and ``key_contact_left`` from
    ``customers``; a candidate that churned counts as lost, with the cause its data point to.  The
    former accounts are drawn on the random stream ``default_rng([seed, 7])``, so the world's
    other datasets are unchanged.

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)`` for your own data).

    Returns
    -------
    DataFrame
        The key-account file of a world: today's candidates (kept or churned) and former key
        accounts.

    Examples
    --------
    >>> import casekit as ck
    >>> h = account_history(ck.world())
    >>> sorted(h["status"].unique())
    ['kept', 'lost']
    >>> bool(h.loc[h["status"] == "kept", "loss_reason"].isna().all())
    True
    """
    for name in ("customers", "transactions", "accounts"):
        if not hasattr(world, name):
            raise ValueError("account_history: expected a casekit World (ck.world()), got "
                             f"{type(world).__name__}")
    seed = int(getattr(world, "seed", 0))
    rng = np.random.default_rng([seed, _STREAM])
    acc, cust, tx = world.accounts, world.customers, world.transactions
    asof_year = int(pd.Timestamp(world.asof).year)

    # today's candidates
    c = cust.set_index("customer_id").reindex(acc["customer_id"])
    k = len(acc)
    last = tx[tx["date"].dt.year == asof_year]
    rev = last.groupby("customer_id")["revenue"].sum().reindex(acc["customer_id"]).fillna(0.0)
    churned = c["churned"].to_numpy(dtype=bool)
    levels = acc["contact_levels"].to_numpy(dtype="int64")
    left = c["key_contact_left"].to_numpy(dtype=bool)
    trust = rng.uniform(size=k) < np.where(churned, 0.15, 0.01)
    u = rng.uniform(size=k)
    reason_now = np.select(
        [left, trust, levels == 1, u < 0.5],
        ["key people change", "broken trust", "no multi-level links", "product or quality"],
        "manager's method or skill")
    year_now = np.where(churned, pd.to_datetime(c["churn_date"]).dt.year.fillna(asof_year)
                        .to_numpy(dtype="int64"), 0)

    # former key accounts, lost over the last five years
    m = max(60, int(round(0.6 * k)))
    names = list(_REASON_P)
    p = np.array([_REASON_P[r] for r in names])
    reason = np.array(names, dtype=object)[rng.choice(len(names), m, p=p / p.sum())]
    base_levels = rng.choice(levels, m) if k else rng.integers(1, 5, m)
    one = ((reason == "no multi-level links")
           | ((reason == "key people change") & (rng.uniform(size=m) < 0.85)))
    lv = np.where(one, 1, np.where(reason == "key people change", np.maximum(base_levels, 2),
                                   base_levels))
    lv_left = (reason == "key people change") | (rng.uniform(size=m) < 0.10)
    tr = (reason == "broken trust") | (rng.uniform(size=m) < 0.03)
    size = float(np.median(rev)) if k else 100_000.0
    r_rev = np.round(size * rng.lognormal(0.0, 0.6, m), 2)
    y_lost = rng.integers(asof_year - _YEARS_BACK + 1, asof_year + 1, m)

    out = pd.DataFrame({
        "account_id": [f"KA{i:04d}" for i in range(1, k + m + 1)],
        "customer_id": pd.array(np.r_[acc["customer_id"].to_numpy(), np.zeros(m, "int64")],
                                dtype="Int64"),
        "status": np.r_[np.where(churned, "lost", "kept"), np.full(m, "lost")],
        "year_lost": pd.array(np.r_[year_now, y_lost], dtype="Int64"),
        "contact_levels": np.r_[levels, lv].astype("int64"),
        "key_contact_left": np.r_[left, lv_left].astype(bool),
        "trust_broken": np.r_[trust, tr].astype(bool),
        "revenue_year": np.r_[np.round(rev.to_numpy(), 2), r_rev],
        "loss_reason": np.r_[np.where(churned, reason_now, ""), reason].astype(object),
    })
    out.loc[k:, "customer_id"] = pd.NA
    kept = out["status"] == "kept"
    out.loc[kept, "year_lost"] = pd.NA
    out["status"] = pd.Categorical(out["status"], categories=["kept", "lost"])
    out["loss_reason"] = pd.Categorical(out["loss_reason"].where(~kept), categories=list(LOSS_REASONS))
    return out
