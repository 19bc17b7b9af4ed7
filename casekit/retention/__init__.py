"""Chapter 6 — Keeping customers and preventing churn (保持客户关系、防范客户流失).

Keeping a customer costs far less than winning one; loyalty, not size, makes profit; big customers
are coveted by every competitor and leave easily; a key account is most often lost when our key
contact leaves; a customer about to leave orders less and less; and "if you hear no complaints, the
relationship is going downhill".  This module measures all of it on a customer base:

===================================  ==========================================================
:func:`churn_rate`                   churn rate (客户流失率) and retention rate (客户保持率) of a period
:func:`yearly_churn`                 the same, year by year
:func:`yearly_churn_by_age`          each year's churn of established and of young customers
:func:`cohort_retention`             share of each first-purchase cohort still buying at each year end
:func:`retention_curve`              retention curve (客户保持曲线) by tenure: Kaplan–Meier
:func:`churn_by_tenure`              churn per customer-year at each tenure
:func:`cost_comparison`              acquisition cost vs a year of retention cost (获客成本 / 保持成本)
:func:`clv_multiple`                 simple lifetime value: margin × r / (1 + d − r)
:func:`retention_point_value`        what one more point of retention is worth in profit
:func:`customer_signals`             one row per customer: every churn signal (流失信号)
:func:`churn_by`                     churn rate by band of any column (satisfaction, loyalty, …)
:func:`profit_margin_by`             profit margin and churn by band (loyalty vs size)
:func:`satisfaction_loyalty`         satisfaction → loyalty → churn (顾客满意 → 顾客忠诚)
:func:`loyalty_types`                the four types of loyalty (attitude × repeat buying)
:func:`loyalty_ladder`               the loyalty ladder (忠诚阶梯), standard textbook content
:func:`churn_drivers`                churn with and without each signal (流失原因)
:func:`size_and_churn`               big vs small firms: churn rate and revenue lost
:func:`handling_and_follow_up`       complaint handling and the follow-up call vs customers kept
:func:`risk_score`                   a transparent weighted-points churn-risk score (流失风险评分)
:func:`score_precision`              precision and lift of the riskiest share (e.g. top decile)
:func:`score_table`                  churn rate and capture at each score value
:func:`logistic_weights`             a logistic regression of churn on the signals (numpy only)
:func:`early_warning`                the early-warning list (流失预警) of current customers
:func:`orders_before_churn`          orders of churners in each month before they left
:func:`frequency_backtest`           does a fall in order frequency predict churn? a back-test
:func:`retention_measures`           retention measures (客户保持措施), each with the signal it treats
:func:`winback_candidates`           win-back (客户挽回) of lapsed customers, ranked
:func:`prospect_type_conversion`     leads from new, existing and lapsed customers compared
:func:`compare_call_strategies`      whom to call first with limited time (the chapter's case)
:func:`purchase_cohorts`             cohort retention (同期群) on a transaction log (e.g. CDNOW)
:func:`recency_and_return`           recency and lapse: who buys again, by days of silence
:func:`spend_and_return`             big vs small buyers: who buys again
:func:`shown`                        a table's row labels in the course's language
===================================  ==========================================================

Where the sources give only the heading (S1, tasks 3 and 4), the content follows the standard
textbook treatment: satisfaction → loyalty, types of loyalty and the loyalty ladder, churn warning
signals, retention measures and win-back.

Functions never change their input.  Customer-level results are indexed by ``customer_id``.
"""

from ._common import (
    PERIOD_START, ASOF, SOURCE_COST_RATIO, SIGNALS, DEFAULT_WEIGHTS, LOYALTY_TYPES,
    LOYALTY_LADDER, RETENTION_MEASURES, WINBACK_REASONS, shown,
)
from .rates import (
    ChurnRate, churn_rate, yearly_churn, yearly_churn_by_age, cohort_retention,
    retention_curve, churn_by_tenure,
)
from .costs import (
    CostComparison, RetentionPointValue, cost_comparison, clv_multiple,
    retention_point_value,
)
from .signals import (
    customer_signals, churn_by, profit_margin_by, satisfaction_loyalty, loyalty_types,
    loyalty_ladder,
)
from .drivers import churn_drivers, size_and_churn, handling_and_follow_up
from .score import (
    ScorePrecision, risk_score, score_precision, score_table, churn_probability,
    logistic_weights, early_warning, orders_before_churn, frequency_backtest,
    retention_measures,
)
from .winback import winback_candidates, prospect_type_conversion
from .case import compare_call_strategies
from .real import purchase_cohorts, recency_and_return, spend_and_return

__all__ = [
    "PERIOD_START", "ASOF", "SOURCE_COST_RATIO", "SIGNALS", "DEFAULT_WEIGHTS", "LOYALTY_TYPES",
    "LOYALTY_LADDER", "RETENTION_MEASURES", "WINBACK_REASONS", "ChurnRate", "CostComparison",
    "RetentionPointValue", "ScorePrecision", "churn_rate", "yearly_churn",
    "yearly_churn_by_age", "cohort_retention", "retention_curve", "churn_by_tenure",
    "cost_comparison", "clv_multiple", "retention_point_value", "customer_signals", "churn_by",
    "profit_margin_by", "satisfaction_loyalty", "loyalty_types", "loyalty_ladder",
    "churn_drivers", "size_and_churn", "handling_and_follow_up", "risk_score",
    "score_precision", "score_table", "churn_probability", "logistic_weights", "early_warning",
    "orders_before_churn", "frequency_backtest", "retention_measures", "winback_candidates",
    "prospect_type_conversion", "compare_call_strategies", "purchase_cohorts",
    "recency_and_return", "spend_and_return", "shown",
]
