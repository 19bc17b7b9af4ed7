"""Chapter 0: how the kit's exercises work, one exercise of each kind on the synthetic data.

Used by ``exercises/00_how_exercises_work.ipynb``.  Every answer is computed from the world the
exercise is built on, so the same exercise works for any seed and size.

Profit per customer over the data period (2023–2025) is counted as in the tiering chapter:
gross margin (revenue − cost of goods) − cost to serve for the years the customer was with us
(at most three) − bad debt.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import terms
from ..core.size import big_customers
from .. import i18n
from .._format import cny as _cny, pct as _pct
from ..i18n import N_, NC_, _
from .engine import (
    ChoiceExercise,
    ExploreExercise,
    Misconception,
    MultiChoiceExercise,
    NumericExercise,
    OrderingExercise,
    register,
)

__all__ = [
    "ComplaintStages",
    "GoodCustomerTraits",
    "TopCustomersShare",
    "TopShareExplorer",
    "UnprofitableCustomer",
    "customer_money",
    "top_share",
]



def customer_money(world) -> pd.DataFrame:
    """Revenue, gross margin, cost to serve, bad debt and profit per customer over the period.

    The kit's one definition of customer profit, :func:`casekit.selection.customer_profitability`,
    with two short column names used in these exercises: ``margin`` (gross margin) and
    ``service_cost`` (cost to serve over the customer's active years).  One row per customer,
    indexed by ``customer_id``.
    """
    from ..core.profit import customer_profitability

    money = customer_profitability(world)
    money = money.assign(margin=money["gross_margin"], service_cost=money["cost_to_serve"])
    traits = world.customers.set_index("customer_id")
    return traits.drop(columns=[c for c in traits.columns if c in money.columns]).join(money)


def top_share(values, share: float) -> float:
    """Share of the total held by the largest ``share`` of the values (top ⌈share·n⌉ of them).

    Examples
    --------
    >>> top_share([50, 30, 10, 5, 5], 0.2)
    0.5
    >>> top_share([50, 30, 10, 5, 5], 0.4)
    0.8
    """
    v = np.sort(np.asarray(values, dtype=float))[::-1]
    k = max(1, math.ceil(share * len(v) - 1e-9))
    total = v.sum()
    return float(v[:k].sum() / total) if total else 0.0


# --------------------------------------------------------------------------------------------
@register("intro.top_customers_share", chapter=0,
          title=N_("Share of revenue from the top 20% of customers"))
class TopCustomersShare(NumericExercise):
    """Numeric: what share of revenue do the top 20% of customers bring?"""

    unit = "share"
    share = 0.2
    hint = ("Add up each customer's revenue over the whole period, sort the customers from the "
            "largest to the smallest, take the first 20% of them and divide their revenue by the "
            "revenue of all customers.")

    @property
    def prompt(self) -> str:
        n = len(self.world.customers)
        return _("Our firm has {n:,} customers. Rank them by their net revenue (销售收入) over "
                 "{period}. What share of all revenue comes from the top 20% of customers (the "
                 "{top:,} largest)? Type a share such as 0.62 or 62%; answers within half a "
                 "percentage point count.").format(n=n, top=math.ceil(self.share * n),
                                                   period=self.period)

    def _money(self) -> pd.DataFrame:
        if not hasattr(self, "_cache"):
            self._cache = customer_money(self.world)
        return self._cache

    def solution(self) -> float:
        return top_share(self._money()["revenue"], self.share)

    def explanation(self) -> str:
        s = self.solution()
        return _("A fifth of the customers bring {share} of revenue: revenue is concentrated in few "
                 "customers, the Pareto pattern (帕累托定律) — but not exactly 80/20, which is why we "
                 "compute it rather than assume it.").format(share=_pct(s))

    def misconceptions(self) -> list[Misconception]:
        m = self._money()
        rev = np.sort(m["revenue"].to_numpy(dtype=float))[::-1]
        k = max(1, math.ceil(self.share * len(rev)))
        top, rest = rev[:k].sum(), rev[k:].sum()
        tx = self.world.transactions
        return [
            Misconception(_("the share of customers taken for the share of revenue"), self.share,
                          _("20% is the share of customers you picked; the question asks what "
                          "share of revenue they bring.")),
            Misconception(_("the 80/20 rule taken as a law"), 0.8,
                          _("The Pareto law is a pattern, not an exact number; compute the share "
                          "on the data.")),
            Misconception(_("a share on the wrong base"), top / rest if rest else math.inf,
                          _("You divided the top customers' revenue by the revenue of the other "
                          "80%; a share divides by the total of all customers.")),
            Misconception(_("gross margin used instead of revenue"),
                          top_share(m["margin"], self.share),
                          _("You ranked and summed gross margin (毛利); the question is about net "
                          "revenue.")),
            Misconception(_("orders ranked instead of customers"),
                          top_share(tx["revenue"], self.share),
                          _("You took the largest 20% of orders; the question ranks customers by "
                          "their total revenue over all their orders.")),
        ]


# --------------------------------------------------------------------------------------------
@register("intro.unprofitable_customer", chapter=0, title=N_("Which big customer loses money?"))
class UnprofitableCustomer(ChoiceExercise):
    """Choose one: which of four big customers is unprofitable?"""

    hint = ("Profit = gross margin − cost to serve − bad debt. Compute it for each customer; "
            "revenue alone does not tell you.")

    @property
    def prompt(self) -> str:
        return _("Four of our big customers (the top 20% by revenue) over {period} are in the "
                 "table (amounts in CNY). Which one loses money for us once the cost to serve "
                 "(服务成本) and bad debt (坏账) are counted?").format(period=self.period)

    def _pick(self) -> pd.DataFrame:
        if hasattr(self, "_cache"):
            return self._cache
        m = customer_money(self.world)
        m = m[m["revenue"] > 0]
        big = m[big_customers(m)]   # the kit's one definition: the top fifth by revenue
        losers = big[big["profit"] < 0]
        if losers.empty:  # a tiny world: fall back to every customer
            losers = m[m["profit"] < 0]
        if losers.empty:
            raise ValueError("this world has no unprofitable customer to ask about")
        answer = losers["revenue"].idxmax()
        winners = big[big["profit"] > 0]
        if len(winners) < 3:
            winners = m[m["profit"] > 0]
        picks = {answer: "answer"}
        for role, cid in (("largest", winners["revenue"].idxmax()),
                          ("bad_debt", winners["bad_debt"].idxmax()),
                          ("thin", (winners["margin"] / winners["revenue"]).idxmin())):
            if cid not in picks:
                picks[cid] = role
        for cid in winners.sort_values("revenue", ascending=False).index:
            if len(picks) >= 4:
                break
            picks.setdefault(cid, "other")
        table = m.loc[sorted(picks)].copy()
        table["role"] = [picks[c] for c in table.index]
        self._cache = table
        return table

    @staticmethod
    def _label(cid) -> str:
        return _("customer {id}").format(id=int(cid))

    def options(self) -> list[str]:
        return [self._label(c) for c in self._pick().index]

    def solution(self) -> str:
        t = self._pick()
        return self._label(t.index[t["role"] == "answer"][0])

    def data(self) -> pd.DataFrame:
        t = self._pick()
        return pd.DataFrame({
            _("customer"): [self._label(c) for c in t.index],
            "revenue": t["revenue"].round(0).astype("int64").to_numpy(),
            _("gross margin"): t["margin"].round(0).astype("int64").to_numpy(),
            _("cost to serve"): t["service_cost"].round(0).astype("int64").to_numpy(),
            _("bad debt"): t["bad_debt"].round(0).astype("int64").to_numpy(),
        })

    def explanations(self) -> dict[str, str]:
        out = {}
        for cid, row in self._pick().iterrows():
            calc = _("{margin} gross margin − {cost} cost to serve − {debt} bad debt = {profit}.").format(
                margin=_cny(row["margin"]), cost=_cny(row["service_cost"]), debt=_cny(row["bad_debt"]),
                profit=_cny(row["profit"]))
            role = row["role"]
            if role == "answer":
                why = _("Right: {calc} A big customer is not always a good one "
                        "(大客户不一定等同于优质客户): deep discounts, heavy service and bad debt eat "
                        "the margin.")
            elif role == "largest":
                why = _("This customer has the largest revenue, but revenue is not profit (the "
                        "mistake: revenue taken for profit). {calc}")
            elif role == "bad_debt":
                why = _("Its bad debt is the highest of the four, but its margin covers it: {calc} "
                        "Look at the whole sum, not one cost.")
            elif role == "thin":
                why = _("Its margin rate is the thinnest, but a thin margin is still a margin: {calc}")
            else:
                why = _("It earns money: {calc}")
            why = why.format(calc=calc)
            out[self._label(cid)] = why
        return out


# --------------------------------------------------------------------------------------------
_TRAITS = (  # (option text, column, + if high values mark a good customer per the syllabus)
    (N_("has been with us for many years (合作年限长)"), "tenure_years", N_("long-tenure")),
    (N_("is highly loyal (忠诚度高)"), "loyalty", N_("most loyal")),
    (N_("is cooperative (合作性强)"), "cooperativeness", N_("most cooperative")),
    (N_("pushes hard on price (价格敏感度高)"), "price_sensitivity", N_("most price-sensitive")),
    (N_("pays late (付款慢)"), "payment_days", N_("slowest-paying")),
    (N_("needs many service hours (服务时间多)"), "service_hours", N_("most service-hungry")),
)


@register("intro.good_customer_traits", chapter=0, title=N_("What marks a profitable customer?"))
class GoodCustomerTraits(MultiChoiceExercise):
    """Choose many: which traits go with a higher profit margin?"""

    hint = ("Compare the profit margin (profit ÷ revenue) of the third of customers with the most "
            "of a trait with the third with the least.")
    @property
    def prompt(self) -> str:
        return _("Good customers (优质客户) earn us more per unit of revenue. Split the customers "
                 "into thirds by each trait below and compare the profit margin (profit ÷ revenue, "
                 "over {period}) of the top third with the bottom third. Tick every trait whose top "
                 "third earns the higher margin: a customer who …").format(period=self.period)

    def _margins(self) -> pd.DataFrame:
        if hasattr(self, "_cache"):
            return self._cache
        m = customer_money(self.world)
        m = m[m["revenue"] > 0]
        rows = []
        for text, col, who in _TRAITS:
            band = pd.qcut(m[col].rank(method="first"), 3, labels=False)
            g = m.groupby(band)
            rate = g["profit"].sum() / g["revenue"].sum()
            rows.append({"option": _(text), "who": _(who), "high": float(rate.iloc[-1]),
                         "low": float(rate.iloc[0])})
        self._cache = pd.DataFrame(rows).set_index("option")
        return self._cache

    def options(self) -> list[str]:
        return [_(t[0]) for t in _TRAITS]

    def solution(self) -> list[str]:
        m = self._margins()
        return [o for o in self.options() if m.loc[o, "high"] > m.loc[o, "low"]]

    def explanations(self) -> dict[str, str]:
        out = {}
        for option, row in self._margins().iterrows():
            rates = _("the {who} third earns a profit margin of {high}, the third at the other end "
                      "{low}.").format(who=row["who"], high=_pct(row["high"]), low=_pct(row["low"]))
            if row["high"] > row["low"]:
                out[option] = _("Yes: {rates}").format(rates=rates)
            else:
                out[option] = _("{Rates} This trait costs money (price pressure, late payment and "
                                "bad debt, or a high cost to serve): it marks a bad customer "
                                "(劣质客户), not a good one.").format(Rates=f"{rates[0].upper()}{rates[1:]}")
        return out


# --------------------------------------------------------------------------------------------
_STAGE_WHY = {
    "listen to the complaint": N_("Everything starts by hearing the customer out, humbly and in full."),
    "analyse the cause": N_("You can only fix what you understand: find the cause before any solution."),
    "find a solution": N_("A solution answers the cause you found."),
    "tell the customer": N_("The customer hears the proposed solution before it is carried out."),
    "handle it": N_("Carry out what was agreed with the customer."),
    "review the result": N_("Last, check the result and learn from it so the fault does not recur."),
}


def _stage(en: str, zh: str) -> str:
    """A stage as an option: Chinese in the Chinese course, English (中文) in the English one."""
    return zh if i18n.language() == "zh" else f"{en} ({zh})"


@register("intro.complaint_stages", chapter=0, title=N_("The six stages of complaint handling"))
class ComplaintStages(OrderingExercise):
    """Ordering: put the six stages of complaint handling (投诉处理六阶段) in order."""

    hint = "Ask what each stage needs from the one before it."

    @property
    def prompt(self) -> str:
        n = len(self.world.complaints)
        return _("Our firm received {n:,} complaints in {period}. Each should go through the six "
                 "stages of complaint handling (投诉处理六阶段). Put the stages in order: pick the "
                 "first stage in row 1, the next in row 2, and so on.").format(n=n, period=self.period)

    def solution(self) -> list[str]:
        return [_stage(en, zh) for en, zh in terms.COMPLAINT_STAGES]

    def explanations(self) -> dict[str, str]:
        return {_stage(en, zh): _(_STAGE_WHY.get(en, "")) for en, zh in terms.COMPLAINT_STAGES}


# --------------------------------------------------------------------------------------------
_BUCKETS = ((N_("10% or less"), 0, 10), ("15–20%", 15, 20), ("25–30%", 25, 30),
            ("35–40%", 35, 40), (N_("45% or more"), 45, 100))


@register("intro.top_share_explorer", chapter=0, title=N_("Explore: how few customers bring 80%?"))
class TopShareExplorer(ExploreExercise):
    """Explore: a top-N% slider redraws the cumulative revenue curve and a table."""

    prompt = ("Move the slider to choose the top N% of customers by revenue. The chart shows the "
              "cumulative share of revenue against the share of customers (the Pareto curve, "
              "帕累托曲线); the table shows what the top N% bring.")
    question = ("What is the smallest top share of customers (in steps of 5%) that brings at "
                "least 80% of revenue?")
    hint = "Move the slider up in steps of 5% and watch the share of revenue in the table."

    def _revenue(self) -> np.ndarray:
        if not hasattr(self, "_cache"):
            m = customer_money(self.world)
            self._cache = (np.sort(m["revenue"].to_numpy(dtype=float))[::-1],
                           np.sort(m["margin"].to_numpy(dtype=float))[::-1])
        return self._cache[0]

    def controls(self) -> dict:
        import ipywidgets as W
        return {"top_percent": W.IntSlider(value=20, min=5, max=60, step=5,
                                           description=_("Top customers (%)"),
                                           style={"description_width": "initial"},
                                           layout=W.Layout(width="420px"))}

    def _share(self, percent: float) -> float:
        return top_share(self._revenue(), percent / 100.0)

    def table(self, top_percent: int = 20) -> pd.DataFrame:
        rev = self._revenue()
        k = max(1, math.ceil(top_percent / 100.0 * len(rev) - 1e-9))
        return pd.DataFrame({
            _("top customers"): [_("{p}% ({k:,} of {n:,})").format(p=top_percent, k=k, n=len(rev))],
            _("their revenue (CNY)"): [round(float(rev[:k].sum()))],
            _("share of revenue"): [_pct(self._share(top_percent))],
        })

    def draw(self, ax, top_percent: int = 20) -> None:
        rev = self._revenue()
        n = len(rev)
        x = np.arange(0, n + 1) / n
        y = np.concatenate([[0.0], np.cumsum(rev) / rev.sum()])
        ax.plot(x * 100, y * 100, color="#0072B2", lw=2, label=_("cumulative share of revenue"))
        ax.plot([0, 100], [0, 100], color="#7F7F7F", ls="--", lw=1, label=_("equal shares"))
        ax.axhline(80, color="#D55E00", ls=":", lw=1, label=_("80% of revenue"))
        share = self._share(top_percent)
        ax.plot([top_percent], [share * 100], "o", color="#E69F00", ms=8,
                label=_("top {p}% bring {share:.0%}").format(p=top_percent, share=share))
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 102)
        ax.set_xlabel(_("share of customers, largest first (%)"))
        ax.set_ylabel(_("share of revenue (%)"))
        ax.set_title(_("Pareto curve of customer revenue, {period}").format(period=self.period))
        ax.legend(loc="lower right")

    def _threshold(self) -> int:
        for p in range(5, 101, 5):
            if round(self._share(p), 3) >= 0.8:  # as the table shows it (one decimal of %)
                return p
        return 100

    def options(self) -> list[str]:
        return [_(b[0]) for b in _BUCKETS]

    def solution(self) -> str:
        t = self._threshold()
        return next(_(label) for label, lo, hi in _BUCKETS if lo <= t <= hi)

    def explanations(self) -> dict[str, str]:
        t = self._threshold()
        right = self.solution()
        reached = (_("the top {t}% bring {share} of revenue, the top {before}% only {then}.").format(
            t=t, share=_pct(self._share(t)), before=t - 5, then=_pct(self._share(t - 5))) if t > 5 else
            _("the top {t}% bring {share} of revenue.").format(t=t, share=_pct(self._share(t))))
        out = {}
        for label, lo, hi in _BUCKETS:
            label = _(label)
            if label == right:
                out[label] = _("Right: {reached} Revenue is concentrated (the Pareto pattern, "
                               "帕累托定律), but the split is rarely exactly 80/20.").format(reached=reached)
            elif hi < t:
                out[label] = _("Too few: the top {hi}% bring only {share} of revenue. Taking 80/20 "
                               "on trust is the trap; {reached}").format(
                    hi=hi, share=_pct(self._share(hi)), reached=reached)
            else:
                out[label] = _("More than needed: already {reached} Look for the smallest share "
                               "that reaches 80%.").format(reached=reached)
        return out


# The kinds of exercise as the catalog table shows them (said in the course's language).
_KIND_LABELS = (NC_("value", "choice"), NC_("value", "multichoice"), NC_("value", "numeric"),
                NC_("value", "ordering"), NC_("value", "explore"))
