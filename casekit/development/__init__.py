"""Chapter 2 — Customer development (客户开发): prospecting, lead qualification, channel economics.

Every function is pure: a DataFrame in (one row per lead, per customer or per order), a new
DataFrame out; column names follow :mod:`casekit.schema`.  The definitions are pinned down here
and in the doctests:

* **Customer types by time to close** (S1): a prospect expected to close within a month
  (≤ ``mature_days`` = 30 days) is a *mature* customer (成熟客户), within two months (≤ 60 days) a
  *hopeful* customer (有望客户), later than that a *potential* customer (潜在客户).
* **Customer types by value** (S1): *key* (关键客户), *major* (主要客户) and *ordinary* (普通客户)
  customers, cut on first-year value.  The cut-offs are options: given in CNY, or by default
  the values above which the top 10% (key) and the next 30% (major) of the prospects lie.
* **The MAN rule** (S1): a lead (线索/引子) is a *qualified prospect* (合格潜在客户) only if it has a
  need (需要), the ability to pay (购买能力) and the authority to decide (购买决定权); qualifying
  leads is 资格审查.
* **Conversion rate** (成交率) = won leads / closed leads.  Open leads are left out by default
  (``closed_only=True``) because their outcome is not known yet.
* **Cost per won customer** (每获得一个客户的成本) = lead cost of the closed leads / won leads, i.e.
  cost per lead / conversion rate.
* **The funnel** (销售漏斗): a lead *reached* a stage if its furthest stage is that stage or a
  later one (lead < qualified < proposal < won).
* **New vs kept** (开发新客户 vs 保持老客户): mean acquisition cost per customer over mean retention
  cost per customer and year.
"""

from __future__ import annotations

from ._base import (  # noqa: F401
    TIME_CLASSES, VALUE_CLASSES, MAN_CRITERIA, FINDING_STEPS, SIX_ASPECTS, PRINCIPLES,
    BIG_CUSTOMER_WAYS, chinese,
)
from .classes import (  # noqa: F401
    close_time_class, value_cutoffs, value_class, classify_pipeline, pipeline_matrix,
)
from .leads import (  # noqa: F401
    qualify_leads, man_conversion, conversion_by, proposals_by_qualification,
    prospecting_methods, channel_economics, channel_ranks, focus_table, funnel,
)
from .segments import acquisition_vs_retention, SegmentAspects, segment_aspects  # noqa: F401
from .budget import channel_capacity, allocate_budget, plan_totals, focus_budget  # noqa: F401

__all__ = [
    "TIME_CLASSES", "VALUE_CLASSES", "MAN_CRITERIA", "FINDING_STEPS", "SIX_ASPECTS",
    "PRINCIPLES", "BIG_CUSTOMER_WAYS", "chinese",
    "close_time_class", "value_cutoffs", "value_class", "classify_pipeline", "pipeline_matrix",
    "qualify_leads", "man_conversion", "conversion_by", "proposals_by_qualification",
    "prospecting_methods", "channel_economics", "channel_ranks", "focus_table",
    "funnel", "acquisition_vs_retention",
    "SegmentAspects", "segment_aspects",
    "channel_capacity", "allocate_budget", "plan_totals", "focus_budget",
]
