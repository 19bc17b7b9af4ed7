"""Chapter 5 — Customer analysis and the customer database (客户分析、客户数据库).

Customer management (客户管理) manages two things: the business relationship with each customer
and the customer records (客户资料).  This module turns the synthetic world into those records and
walks the chapter's analysis flow on them:

=====================================  ============================================================
:func:`concept_list`                   the chapter's textbook lists as bullets
:func:`customer_file`                  the customer file (客户档案): one row per customer, in four
                                       sections — basic records, transaction status, relationship,
                                       risk
:func:`customer_card`                  one customer's card (客户资料卡), section by section
:func:`type_files`                     separate files for resellers (经销商) and end users
:func:`composition`                    customer composition (客户构成分析) by segment, region, …
:func:`trading_performance`            trading performance (交易业绩) per customer or group
:func:`product_mix`                    product sales mix (产品销售构成)
:func:`cross_ratios`                   gross-margin rate (毛利率), stock turnover (周转率), cross
                                       ratio (交叉比率) and contribution ratio (贡献比率)
:func:`credit_review`                  credit investigation (信用调查) → credit limit, stop trade
:func:`grade_customers`                grade customers (划分客户等级) A / B / C
:func:`customer_register`              the customer register (客户名册) with a dedicated rep per
                                       big customer
:func:`customer_locations`             a stand-in address (position) per customer
:func:`route_classification`           route classification (路序分类): visit routes per region
:func:`route_table`                    the routes with their bearing ranges
:func:`visit_plan`                     the visit plan (客户访问计划): visits and hours per month
:func:`analysis_flow`                  the whole flow in one call, step by step
:func:`patrol_agenda`                  patrol management (巡视管理): listen, educate, help
:func:`repeat_buying`, :func:`recency_lapse`
                                       repeat buying and recency on real purchases
:func:`make_dirty`, :func:`quality_report`, :func:`clean_file`
                                       data quality of the customer database (客户数据库)
=====================================  ============================================================

Two assumptions are the module's own, because the synthetic data has no stock and no addresses:

* **Inventory.**  Stock turnover needs an average inventory.  We assume each product line holds a
  fixed number of days of cover (库存天数) of its cost of goods: average inventory (at cost) =
  yearly cost of goods × days of cover / 365.  The defaults are in :data:`DAYS_OF_COVER`; every
  function that uses them takes ``days_of_cover=`` to change them.
* **Addresses.**  A customer's position in its region is computed from its customer number
  (:func:`customer_locations`): a fixed, evenly spread stand-in for a real address.

Functions are pure: frames in, new frames out, inputs never changed.  Customer-level results are
indexed by ``customer_id``.
"""

from ._common import (
    MANAGEMENT_OBJECTS, MANAGEMENT_CONTENT, MANAGEMENT_METHODS, PATROL_ACTIONS, FOLLOW_UP,
    MANAGEMENT_PRINCIPLES, ANALYSIS_CONTENT, CREDIT_SOURCES, TRADE_DECISIONS, ANALYSIS_FLOW,
    DATABASE_PARTS, DATABASE_STAGES, CRM_FEATURES, CRM_CORE, CRM_CONTENTS,
    CRM_IMPLEMENTATION, concepts, concept_list,
)
from .file import FILE_SECTIONS, FILE_LABELS, SIZE_BANDS, customer_file, customer_card, type_files
from .trading import DAYS_OF_COVER, composition, trading_performance, product_mix, cross_ratios
from .credit import RATING_FACTOR, credit_review
from .flow import (
    VISITS_PER_MONTH, MINUTES_PER_VISIT, grade_customers, customer_register,
    customer_locations, route_classification, route_table, visit_plan, AnalysisFlow,
    analysis_flow,
)
from .evidence import repeat_buying, recency_lapse
from .database import (
    QUALITY_RANGES, QUALITY_CHOICES, patrol_agenda, make_dirty, quality_report, clean_file,
)

__all__ = [
    "MANAGEMENT_OBJECTS", "MANAGEMENT_CONTENT", "MANAGEMENT_METHODS", "PATROL_ACTIONS",
    "FOLLOW_UP", "MANAGEMENT_PRINCIPLES", "FILE_SECTIONS", "FILE_LABELS", "SIZE_BANDS",
    "ANALYSIS_CONTENT", "CREDIT_SOURCES", "TRADE_DECISIONS", "ANALYSIS_FLOW", "DAYS_OF_COVER",
    "RATING_FACTOR", "VISITS_PER_MONTH", "MINUTES_PER_VISIT", "DATABASE_PARTS",
    "DATABASE_STAGES", "CRM_FEATURES", "CRM_CORE", "CRM_CONTENTS", "CRM_IMPLEMENTATION",
    "QUALITY_RANGES", "QUALITY_CHOICES", "concepts", "concept_list", "customer_file", "customer_card",
    "type_files", "composition", "trading_performance", "product_mix", "cross_ratios",
    "credit_review", "grade_customers", "customer_register", "customer_locations",
    "route_classification", "route_table", "visit_plan", "AnalysisFlow", "analysis_flow",
    "patrol_agenda", "make_dirty", "quality_report", "clean_file", "repeat_buying", "recency_lapse",
]
