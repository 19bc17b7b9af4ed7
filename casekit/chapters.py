"""The one chapter registry: the chapters, their modules and notebooks, and their analyses.

Read by the package (``casekit.CHAPTERS``), by :func:`casekit.supports` (which analyses a world
supports) and by the tests (every registered analysis runs on the synthetic world, on CDNOW and
on a hand-made log with other column names).

Examples
--------
>>> [c.module for c in CHAPTERS][:2]
['selection', 'development']
>>> sorted({a.chapter for a in ANALYSES})
[1, 4, 5, 6]
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Chapter", "CHAPTERS", "Analysis", "ANALYSES", "chapter", "analyses"]


@dataclass(frozen=True)
class Chapter:
    """One chapter: number, module name (``casekit.<module>``), title and notebook."""

    number: int
    module: str
    title: str
    notebook: str


CHAPTERS = (
    Chapter(1, "selection", "Customer selection (客户选择)", "01_customer_selection.ipynb"),
    Chapter(2, "development", "Customer development (客户开发)", "02_customer_development.ipynb"),
    Chapter(3, "objections", "Objections and complaints (客户异议与投诉)",
            "03_objections_and_complaints.ipynb"),
    Chapter(4, "tiering", "Customer tiering (客户分级)", "04_customer_tiering.ipynb"),
    Chapter(5, "analysis", "Customer analysis (客户分析)", "05_customer_analysis.ipynb"),
    Chapter(6, "retention", "Retention and churn (客户保持与流失)", "06_retention_and_churn.ipynb"),
    Chapter(7, "key_accounts", "Key accounts and big-customer service (关键客户与大客户管理)",
            "07_key_accounts.ipynb"),
    Chapter(8, "clv", "Lifetime-value models (客户终身价值模型)", "08_lifetime_value_models.ipynb"),
)


def chapter(number: int) -> Chapter:
    """The chapter of that number.

    Parameters
    ----------
    number : int
        The chapter number, 1–6.

    Returns
    -------
    Chapter
        Its module, title and notebook.

    Examples
    --------
    >>> chapter(4).module
    'tiering'
    """
    for c in CHAPTERS:
        if c.number == number:
            return c
    raise ValueError(f"chapter: {number!r} is not a chapter; expected one of "
                     f"{[c.number for c in CHAPTERS]}")


_PURCHASES = {"transactions": ["customer_id", "date", "revenue"]}
_PROFIT = {"transactions": ["customer_id", "date", "list_value", "discount", "revenue", "margin"],
           "customers": ["customer_id", "first_purchase", "cost_to_serve", "bad_debt", "churned"]}
_LIFETIMES = {"customers": ["customer_id", "first_purchase", "churned", "churn_date"]}


@dataclass(frozen=True)
class Analysis:
    """One analysis of a chapter: what it needs from a World and how to run it on one."""

    chapter: int
    name: str
    needs: dict
    run: Callable = field(repr=False)
    profit: bool = False  #: reads gross margin or profit (meaningful only with a cost column)


def _m(name):
    return importlib.import_module(f"casekit.{name}")


def _totals(w):
    return _m("tiering").customer_totals(w.transactions)


ANALYSES = (
    # chapter 1: which customers to serve
    Analysis(1, "customer_profitability", _PROFIT,
             lambda w: _m("selection").customer_profitability(w), profit=True),
    Analysis(1, "profit_swaps", _PROFIT, lambda w: _m("selection").profit_swaps(w), profit=True),
    Analysis(1, "margin_by_band (tenure)", {**_PROFIT, "customers": _PROFIT["customers"]
                                            + ["tenure_years"]},
             lambda w: _m("selection").margin_by_band(w, "tenure_years"), profit=True),
    # chapter 4: tiering
    Analysis(4, "customer_totals", _PURCHASES, _totals),
    Analysis(4, "pareto_table", _PURCHASES, lambda w: _m("tiering").pareto_table(_totals(w))),
    Analysis(4, "top_share", _PURCHASES, lambda w: _m("tiering").top_share(_totals(w))),
    Analysis(4, "gini", _PURCHASES, lambda w: _m("tiering").gini(_totals(w))),
    Analysis(4, "abc", _PURCHASES, lambda w: _m("tiering").abc(_totals(w))),
    Analysis(4, "pyramid", _PURCHASES, lambda w: _m("tiering").pyramid(_totals(w))),
    Analysis(4, "yearly_values", _PURCHASES, lambda w: _m("tiering").yearly_values(w.transactions)),
    Analysis(4, "rfm", _PURCHASES,
             lambda w: _m("tiering").rfm(w.transactions, asof=w.asof)),
    Analysis(4, "rfm_summary", _PURCHASES, lambda w: _m("tiering").rfm_summary(
        _m("tiering").rfm(w.transactions, asof=w.asof))),
    Analysis(4, "yearly_retention", _PURCHASES,
             lambda w: _m("tiering").yearly_retention(w.transactions)),
    # chapter 5: customer analysis
    Analysis(5, "trading_performance", {"transactions": ["customer_id", "date", "revenue", "margin"]},
             lambda w: _m("analysis").trading_performance(w.transactions), profit=True),
    Analysis(5, "grade_customers (12-month revenue)", {**_PROFIT},
             lambda w: _m("analysis").grade_customers(
                 _m("core").customer_table(w).assign(status="active"))),
    # chapter 6: retention and churn
    Analysis(6, "churn_rate", _LIFETIMES, lambda w: _m("retention").churn_rate(w)),
    Analysis(6, "yearly_churn", _LIFETIMES, lambda w: _m("retention").yearly_churn(w)),
    Analysis(6, "cohort_retention", _LIFETIMES, lambda w: _m("retention").cohort_retention(w)),
    Analysis(6, "retention_curve", _LIFETIMES, lambda w: _m("retention").retention_curve(w)),
    Analysis(6, "churn_by_tenure", _LIFETIMES, lambda w: _m("retention").churn_by_tenure(w)),
    Analysis(6, "orders_before_churn", {**_LIFETIMES, **_PURCHASES},
             lambda w: _m("retention").orders_before_churn(w, months=6)),
    # analyses that need more than purchases (they show what own data would have to add)
    Analysis(1, "scorecard", {**_PROFIT, "customers": _PROFIT["customers"] + [
        "price_sensitivity", "payment_days", "credit_rating", "loyalty", "disputes", "growth_rate",
        "innovation_requests", "cooperativeness", "off_core_requests"]},
             lambda w: _m("selection").scorecard(w), profit=True),
    Analysis(1, "big_customer_risks", {**_PROFIT, "customers": _PROFIT["customers"] + [
        "payment_days", "disputes", "off_core_requests", "price_sensitivity", "employees"]},
             lambda w: _m("selection").big_customer_risks(w), profit=True),
    Analysis(5, "customer_file", {**_PROFIT, "customers": _PROFIT["customers"] + [
        "customer_type", "segment", "region", "employees", "credit_rating", "payment_days",
        "loyalty", "satisfaction"]}, lambda w: _m("analysis").customer_file(w), profit=True),
    Analysis(6, "customer_signals", {**_PROFIT, "customers": _PROFIT["customers"] + [
        "satisfaction", "loyalty", "key_contact_left", "tenure_years", "employees"]},
             lambda w: _m("retention").customer_signals(w), profit=True),
)


def analyses(chapter_number: int | None = None) -> list[Analysis]:
    """The registered analyses (of one chapter, or all).

    Parameters
    ----------
    chapter_number : int, optional
        One chapter (default: all).

    Returns
    -------
    list of Analysis
        The registered analyses.

    Examples
    --------
    >>> [a.name for a in analyses(6)][:2]
    ['churn_rate', 'yearly_churn']
    """
    return [a for a in ANALYSES if chapter_number is None or a.chapter == chapter_number]
