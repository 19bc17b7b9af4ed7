"""Charts of the kit: one function per chart, taking data and an optional ``ax``, returning the Axes.

Every chart is fully labelled (title, axes with units, legend) in one consistent style, which the
kit's charts apply themselves: importing the kit leaves matplotlib's settings alone, and
:func:`use_style` applies the kit's look to all of a session's charts when you want it.  The
functions are grouped by chapter in submodules and all available here, e.g.
``casekit.plots.pareto_curve(...)``; a chapter's charts (and matplotlib) are imported on first use.
"""

from __future__ import annotations

import importlib

from ._style import COLORS, PALETTE
from ._style import use as use_style

#: Each chart function and the submodule (one per chapter) it lives in.
CHARTS = {
    "selection": (
        "profit_curve", "revenue_vs_margin", "class_margins", "swap_heatmap", "big_risk_ratios",
        "size_vs_growth", "delivered_value_bars", "capability_map", "two_way_map",
        "lookalike_drivers", "lookalike_lift", "screening_summary", "coverage_curves"),
    "development": (
        "pipeline_chart", "man_chart", "channel_bars", "channel_map", "focus_chart",
        "funnel_chart", "funnel_heatmap", "acquisition_chart", "aspect_chart", "allocation_chart"),
    "objections": (
        "method_fit_heatmap", "complaint_pareto_chart", "resolution_time_chart",
        "complaint_outcome_chart", "silent_customer_chart", "claims_chart",
        "roleplay_trust_chart"),
    "tiering": (
        "pareto_curve", "abc_chart", "pyramid_chart", "tier_shares", "transition_heatmap",
        "rfm_heatmap", "rfm_segments", "clv_by_tier", "strategic_focus_matrix", "time_vs_value"),
    "analysis": (
        "composition_chart", "product_mix_chart", "cross_ratio_chart", "cross_ratio_bars",
        "credit_chart", "route_map", "visit_plan_chart", "quality_chart"),
    "retention": (
        "yearly_churn_chart", "churn_by_age_chart", "cohort_heatmap", "retention_curve_chart",
        "tenure_churn_chart", "cost_chart", "clv_chart", "satisfaction_loyalty_chart",
        "churn_band_chart", "loyalty_types_chart", "drivers_chart", "size_churn_chart",
        "handling_chart", "score_chart", "fading_orders_chart", "backtest_chart", "winback_chart",
        "call_strategies_chart"),
    "key_accounts": (
        "investment_return_chart", "loss_reasons_chart", "loss_rate_chart",
        "service_standard_chart", "checklist_chart", "coverage_chart"),
    "clv": ("tracking_chart", "p_alive_heatmap", "spend_shrinkage", "clv_rank_scatter"),
}

__all__ = ["COLORS", "PALETTE", "use_style", *(fn for names in CHARTS.values() for fn in names)]


def __getattr__(name):
    for module, names in CHARTS.items():
        if name in names or name == module:
            mod = importlib.import_module(f"{__name__}.{module}")
            globals()[module] = mod
            for fn in names:
                globals()[fn] = getattr(mod, fn)
            return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
