"""Chapter 4 — Customer tiering (客户分级): Pareto, ABC, pyramid, RFM, lifetime value, key accounts.

Every function is pure: a DataFrame in (one row per customer, or one row per transaction), a new
DataFrame or Series out; column names are keyword options.  The definitions that students most
often confuse are pinned down here and in the doctests:

* **Shares of the top x%** (帕累托定律, the 80/20 rule): customers are ranked by value, highest first;
  the top x% are the first ``ceil(x · n)`` customers; their share is their sum over the sum of all.
* **ABC analysis** (ABC分类法): a customer is in A while the cumulative share *before* it is below
  the first cut-off (so the customer that crosses 80% is still an A), in B while it is below the
  second, else in C.
* **Pyramid** (客户金字塔): tiers by rank — the top ``shares[0]`` of customers form the first tier,
  the next ``shares[1]`` the second, and so on; ties are broken by customer id.
* **RFM** (RFM模型): recency = days from the last purchase to the as-of date; frequency = number of
  purchase occasions (a day with several orders is one occasion unless ``merge_same_day=False``),
  *including* the first purchase unless ``repeat_only=True``; monetary = *total* value unless
  ``monetary="mean"``.  Only purchases on or before the as-of date count.
* **Customer lifetime value** (客户终身价值, CLV)::

      CLV = Σ_{t=1}^{T}  m · r^t / (1 + d)^t

  with m the yearly margin (profit) of the customer, r the yearly retention rate (the chance the
  customer stays another year), d the discount rate and T the horizon in years: the kit's one
  lifetime value (``ck.lifetime_value``) with its convention ``timing="end"``, in which each
  year's margin arrives at the end of the year, the first one discounted and retention-weighted.
"""

from __future__ import annotations

from ._base import (  # noqa: F401
    PYRAMID_TIERS, PYRAMID_SHARES, VALUE_TIERS, VALUE_SHARES, TIME_PYRAMID, RFM_SEGMENTS,
    FOCUS_LEVELS, chinese, shown,
)
from .concentration import customer_totals, pareto_table, top_share, gini, abc  # noqa: F401
from .tiers import (  # noqa: F401
    pyramid, tier_summary, compare_tiers, transition_table, tier_moves, yearly_values,
    tier_migration,
)
from .scores import rfm, rfm_summary  # noqa: F401
from .lifetime import clv_factor, clv, yearly_retention, customer_values  # noqa: F401
from .accounts import (  # noqa: F401
    account_scores, strategic_focus, time_pyramid, time_allocation, reallocate_time,
)

__all__ = [
    "PYRAMID_TIERS", "VALUE_TIERS", "TIME_PYRAMID", "RFM_SEGMENTS", "FOCUS_LEVELS",
    "customer_totals", "pareto_table", "top_share", "gini", "abc", "pyramid", "tier_summary",
    "compare_tiers", "transition_table", "tier_moves", "yearly_values", "tier_migration",
    "rfm", "rfm_summary", "clv_factor", "clv", "yearly_retention",
    "customer_values", "account_scores", "strategic_focus", "time_pyramid", "time_allocation", "reallocate_time",
    "chinese",
]
