"""Chapter 1 — Customer selection (客户选择): which customers should the firm serve?

Not every buyer is a target customer (不是所有的购买者都是企业的目标客户), and not every buyer brings
profit.  This module measures, on a customer base, everything the chapter needs to choose well:

=================================  ===============================================================
:func:`customer_profitability`     revenue, discount, gross margin, cost to serve, bad debt → profit
:func:`scorecard`                  good-customer (优质客户) and bad-customer (劣质客户) traits → class
:func:`profit_swaps`               good and bad can swap (优劣有可能会互换): profit sign, year by year
:func:`big_customer_risks`         big is not the same as good: four risks of big customers
:func:`small_customer_potential`   small can be good: growth and lifetime value (终身价值)
:func:`delivered_value`            customer delivered value (顾客让渡价值) per customer and offer
:func:`segment_fit`                well-matched selection (门当户对): our advantage by segment
:func:`two_way_selection`          two-way selection (双向选择): do we want them, do they want us?
:func:`lookalike`                  look-alike selection from today's loyal customers
:func:`annual_screening`           annual screening (筛选管理) on five criteria: keep / watch / drop
:func:`plan_coverage`              spend a limited sales capacity where it earns the most
=================================  ===============================================================

Functions take a :class:`casekit.World` (or the frames they need) and return new DataFrames; they
never change their input.  Customer-level results are indexed by ``customer_id``.
"""

from __future__ import annotations

from ._base import (  # noqa: F401
    GOOD_TRAITS, BAD_TRAITS, SCREENING_CRITERIA, LOOKALIKE_TRAITS, RISKS, WHY_SELECT,
)
from .scoring import (  # noqa: F401
    scorecard, profit_swaps, big_customer_risks, margin_by_band, lifetime_value,
    small_customer_potential,
)
from .fit import (  # noqa: F401
    delivered_value, segment_fit, two_way_selection, loyal_customers, new_customers,
    LookAlike, lookalike,
)
from .screening import (  # noqa: F401
    annual_screening, screening_changes, next_year_value, plan_coverage,
)
from ..core.profit import customer_profitability  # noqa: F401

__all__ = [
    "WHY_SELECT", "GOOD_TRAITS", "BAD_TRAITS", "SCREENING_CRITERIA", "LOOKALIKE_TRAITS", "RISKS",
    "customer_profitability", "scorecard", "profit_swaps", "big_customer_risks",
    "small_customer_potential", "lifetime_value", "margin_by_band", "delivered_value", "segment_fit",
    "two_way_selection", "loyal_customers", "new_customers", "lookalike", "LookAlike",
    "annual_screening", "screening_changes", "next_year_value", "plan_coverage",
]
