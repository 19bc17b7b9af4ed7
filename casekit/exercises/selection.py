"""Exercises for chapter 1, customer selection (客户选择).

Used by ``exercises/01_customer_selection.ipynb``.  Every answer is computed with
:mod:`casekit.selection` from the world the exercise is built on, so each exercise works for any
seed and size; wrong answers that match a known mistake are named in the feedback.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import selection as S
from ..core.size import big_customers
from ..i18n import N_, _, pgettext, translate
from .._format import cny as _cny, pct as _pct
from ..core.world import data_years
from .engine import (
    ChoiceExercise,
    ExploreExercise,
    Misconception,
    MultiChoiceExercise,
    NumericExercise,
    OrderingExercise,
    register,
)

__all__ = ["WhySelect", "BadTrait", "ScorecardWeights", "DeliveredValueByHand", "ScreeningDecision",
           "BigCustomerRisks", "SegmentFitOrder"]


class _Cache:
    """Mixin: computed frames of the exercise's world, computed once."""

    def _get(self, name, fn):
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            cache[name] = fn()
        return cache[name]

    def scores(self) -> pd.DataFrame:
        return self._get("scores", lambda: S.scorecard(self.world))

    def profit(self) -> pd.DataFrame:
        return self._get("profit", lambda: S.customer_profitability(self.world))


# --------------------------------------------------------------------------------------------
@register("selection.why_select", chapter=1, title=N_("Why should a firm select its customers?"))
class WhySelect(_Cache, MultiChoiceExercise):
    """Choose all that apply: S0's reasons for selecting customers (企业进行客户选择的必要性).

    The right answer is the source's list (:data:`casekit.selection.WHY_SELECT`); the feedback
    shows this world's figures where the world can show a reason.
    """

    hint = ("S0 gives four reasons (企业进行客户选择的必要性) and one more point: what selection "
            "lets the firm do afterwards.")

    prompt = ("Why does a firm select its customers instead of serving every buyer that comes "
              "along? Tick every reason **S0 gives** (企业进行客户选择的必要性, and what "
              "selection makes possible).")

    _WRONG_ALL = N_("the more buyers the firm serves, the more profit it makes, whoever they are")
    _WRONG_ONCE = N_("selection is done once, when the firm starts; after that customers stay as "
                     "they are")
    _WRONG_BIG = N_("selection means serving the biggest buyers first: size guarantees profit")

    def _right(self) -> dict[str, str]:
        return {k: _("{en} ({zh})").format(en=en, zh=zh) for k, (en, zh) in S.WHY_SELECT.items()}

    def options(self) -> list[str]:
        return [*self._right().values(), _(self._WRONG_ALL), _(self._WRONG_ONCE), _(self._WRONG_BIG)]

    def solution(self) -> list[str]:
        return list(self._right().values())

    def explanations(self) -> dict[str, str]:
        p = self.profit()
        loss = float((p["profit"] < 0).mean())
        lost = float(-p.loc[p["profit"] < 0, "profit"].sum())
        top = big_customers(p)   # the kit's one definition: the top fifth by revenue
        big_loss = float((p.loc[top, "profit"] < 0).mean())
        swaps = self._get("swaps", lambda: S.profit_swaps(self.world))
        right = self._right()
        out = {v: _("One of S0's points.") for v in right.values()}
        out[right["not_all_profit"]] = _(
            "One of S0's reasons. In this world {loss:.0%} of the customers lost the firm money "
            "over the period, {lost} together.").format(loss=loss, lost=_cny(lost))
        out[right["positioning"]] = _("One of S0's reasons: 准确定位 — by choosing whom to serve, "
                                      "the firm says what it is and for whom.")
        out[right["market_differently"]] = _(
            "S0's further point (对客户进行选择后可进行不同的营销): once customers are chosen, "
            "offers, service levels and sales effort can differ by customer.")
        out[_(self._WRONG_ALL)] = _(
            "Misconception: every buyer adds profit. Not every buyer brings profit "
            "(不是所有的购买者都能给企业带来收益): in this world {loss:.0%} of the customers "
            "lost money.").format(loss=loss)
        out[_(self._WRONG_ONCE)] = _(
            "Misconception: good and bad can swap (优劣有可能会互换). In this world "
            "{share:.0%} of the customers who bought in both of the last two "
            "years moved between profit and loss, which is why the screening is repeated "
            "every year.").format(share=swaps["swapped"].mean())
        out[_(self._WRONG_BIG)] = _(
            "Misconception: big means good. Big is not the same as good "
            "(大客户不一定等同于优质客户): {big_loss:.0%} of the big customers (the top fifth by revenue) lost "
            "money in this world.").format(big_loss=big_loss)
        return out


# --------------------------------------------------------------------------------------------
_NONE = N_("none of them: it is a good customer")
_BAD_OPTIONS = {
    "buys_little_demands_much": N_("buys little but demands much (购买量小、要求多)"),
    "no_credit": N_("no credit-worthiness: bad debt, disputes (信誉差)"),
    "off_core_demands": N_("pulls the firm into work it is not good at (非核心业务要求)"),
}


@register("selection.bad_trait", chapter=1, title=N_("Which bad-customer trait does it show?"))
class BadTrait(_Cache, ChoiceExercise):
    """Choose one: the bad-customer trait (劣质客户的特征) a big customer shows."""

    hint = ("Compare each figure with the rule for each bad trait: small *and* a cost to serve "
            "above half of revenue; any bad debt or two or more disputes; three or more requests "
            "outside the firm's strengths.")

    def _customer(self) -> int:
        def pick():
            s = self.scores()
            flags = s[list(S.BAD_TRAITS)]
            one = flags.sum(axis=1) == 1
            big = big_customers(s)   # the top fifth by revenue
            loss = s["profit"] < 0
            for mask in (one & big & s["no_credit"] & loss, one & big & loss, one & big,
                         one & s["no_credit"], one, flags.any(axis=1)):
                if mask.any():
                    return int(s.loc[mask, "revenue"].idxmax())
            return int(s["revenue"].idxmax())
        return self._get("customer", pick)

    def _facts(self) -> dict:
        cid = self._customer()
        s, p = self.scores(), self.profit()
        c = self.world.customers.set_index("customer_id").loc[cid]
        annual = p.loc[cid, "annual_revenue"]
        return {
            "id": cid, "annual": annual, "median": p["annual_revenue"].median(),
            "cts_share": p.loc[cid, "cost_to_serve"] / p.loc[cid, "revenue"],
            "bad_debt": float(c["bad_debt"]), "disputes": int(c["disputes"]),
            "off_core": int(c["off_core_requests"]), "credit": str(c["credit_rating"]),
            "rank": int((p["revenue"] > p.loc[cid, "revenue"]).sum()) + 1, "n": len(p),
            "profit": p.loc[cid, "profit"], "class": s.loc[cid, "class"],
        }

    @property
    def prompt(self) -> str:
        f = self._facts()
        requests = (_("{n} request for work outside our strengths") if f["off_core"] == 1 else
                    _("{n} requests for work outside our strengths")).format(n=f["off_core"])
        return _("Customer **{id}** is number {rank:,} of {n:,} by revenue. Its "
                 "figures over {period}: revenue per year {annual} (median customer: "
                 "{median}); cost to serve {cts} of revenue; bad debt "
                 "{bad_debt}; {disputes} payment disputes or lawsuits; "
                 "{requests}; credit rating {credit}. Which of the three bad-customer traits "
                 "(劣质客户的特征) does it show?").format(
            id=f["id"], rank=f["rank"], n=f["n"], annual=_cny(f["annual"]), median=_cny(f["median"]),
            cts=_pct(f["cts_share"]), bad_debt=_cny(f["bad_debt"]), disputes=f["disputes"],
            requests=requests, credit=f["credit"], period=self.period)

    def options(self) -> list[str]:
        return [_(o) for o in (*_BAD_OPTIONS.values(), _NONE)]

    def solution(self) -> str:
        s = self.scores().loc[self._customer()]
        shown = [k for k in S.BAD_TRAITS if bool(s[k])]
        return _(_BAD_OPTIONS[shown[0]] if shown else _NONE)

    def explanations(self) -> dict[str, str]:
        f = self._facts()
        small = f["annual"] < f["median"]
        out = {
            _(_BAD_OPTIONS["buys_little_demands_much"]): (
                _("It buys {annual} a year, below the median of {median}, and its cost to serve is "
                  "{cts} of revenue; the trait needs both a small customer and a cost to serve "
                  "above half of what it buys.") if small else
                _("It buys {annual} a year, above the median of {median}, and its cost to serve is "
                  "{cts} of revenue; the trait needs both a small customer and a cost to serve "
                  "above half of what it buys.")).format(
                annual=_cny(f["annual"]), median=_cny(f["median"]), cts=_pct(f["cts_share"])),
            _(_BAD_OPTIONS["no_credit"]): _(
                "Bad debt of {bad_debt} and {disputes} disputes: the trait shows "
                "as any bad debt (呆帐、坏帐) or two or more disputes and lawsuits.").format(
                bad_debt=_cny(f["bad_debt"]), disputes=f["disputes"]),
            _(_BAD_OPTIONS["off_core_demands"]): _(
                "{n} requests outside the firm's strengths; the trait needs three or "
                "more.").format(n=f["off_core"]),
            _(_NONE): (_("Misconception: big means good. Customer {id} is number {rank:,} by revenue, "
                         "yet it shows a bad trait and lost {loss} over the period; the scorecard "
                         "class is “{cls}”. Big is not the same as good (大客户不一定等同于优质客户).")
                       if f["profit"] < 0 else
                       _("Misconception: big means good. Customer {id} is number {rank:,} by revenue, "
                         "yet it shows a bad trait; the scorecard class is “{cls}”. Big is not the "
                         "same as good (大客户不一定等同于优质客户).")).format(
                id=f["id"], rank=f["rank"], loss=_cny(-f["profit"]), cls=translate(str(f["class"]))),
        }
        right = self.solution()
        if right != _(_NONE):
            out[right] = _("Right. {why} A big customer can be a bad customer: size does not protect "
                           "against the three bad traits.").format(why=out[right])
        return out


# --------------------------------------------------------------------------------------------
_TRAIT_LABELS = {"purchasing_power": N_("Purchasing power"), "profitability": N_("Profitability"),
                 "low_cost_to_serve": N_("Low cost to serve"), "relationship": N_("Relationship"),
                 "innovation_partnership": N_("Innovation")}
_RISES, _FALLS, _SAME = (N_("it rises by more than one percentage point"),
                         N_("it falls by more than one percentage point"),
                         N_("it stays within one percentage point"))


@register("selection.scorecard_weights", chapter=1, title=N_("Explore: tune the scorecard's weights"))
class ScorecardWeights(_Cache, ExploreExercise):
    """Explore: five sliders set the weights of the good-customer traits; the classes follow."""

    prompt = ("The scorecard (客户评分卡) scores each customer on the five good-customer traits "
              "(0 = no weight … 5 = heavy weight) and takes 30 points off for each bad trait; "
              "60 points or more is *good*, below 30 *bad*. Move the sliders: the chart shows the "
              "profit margin of each class, the table its customers and share of revenue.")
    question = ("Set **purchasing power to 5** and keep the four other weights at 1. Compared "
                "with equal weights (all at 1), what happens to the profit margin of the *good* "
                "class?")
    hint = ("Read the good class's margin in the table with all weights at 1, then again with "
            "purchasing power at 5.")

    def controls(self) -> dict:
        import ipywidgets as W
        style = {"description_width": "initial"}
        return {k: W.IntSlider(value=1, min=0, max=5, step=1, description=_(label), style=style,
                               layout=W.Layout(width="260px"))
                for k, label in _TRAIT_LABELS.items()}

    def _scores(self, **weights) -> pd.DataFrame:
        w = {k: weights.get(k, 1) for k in _TRAIT_LABELS}
        if sum(w.values()) == 0:
            w = dict.fromkeys(_TRAIT_LABELS, 1)
        key = tuple(sorted(w.items()))
        return self._get(("weights", key), lambda: S.scorecard(self.world, weights=w))

    @staticmethod
    def _summary(s: pd.DataFrame) -> pd.DataFrame:
        order = [c for c in ("good", "ordinary", "bad") if (s["class"] == c).any()]
        g = s.groupby("class")
        out = pd.DataFrame({"customers": g.size(),
                            "share of revenue": g["revenue"].sum() / s["revenue"].sum(),
                            "profit margin": g["profit"].sum() / g["revenue"].sum()}).reindex(order)
        return out

    def table(self, **weights) -> pd.DataFrame:
        t = self._summary(self._scores(**weights))
        return pd.DataFrame({"class": [translate(str(c)) for c in t.index],
                             "customers": t["customers"].to_numpy(),
                             N_("share of revenue"): t["share of revenue"].map(_pct).to_numpy(),
                             N_("profit margin"): t["profit margin"].map(_pct).to_numpy()})

    def draw(self, ax, **weights) -> None:
        from ..plots import selection as sp
        sp.class_margins(self._scores(**weights), ax=ax)
        if sum(weights.get(k, 1) for k in _TRAIT_LABELS) == 0:
            ax.set_title(_("All weights are 0: equal weights used"))

    def _margins(self):
        base = self._summary(self._scores())["profit margin"].get("good", np.nan)
        sized = self._summary(self._scores(purchasing_power=5))["profit margin"].get("good", np.nan)
        return base, sized

    def options(self) -> list[str]:
        return [_(_RISES), _(_FALLS), _(_SAME)]

    def _solution(self) -> str:
        base, sized = self._margins()
        if abs(sized - base) <= 0.01:
            return _SAME
        return _RISES if sized > base else _FALLS

    def solution(self) -> str:
        return _(self._solution())

    def explanations(self) -> dict[str, str]:
        base, sized = self._margins()
        fact = _("With equal weights the good class earns {base} of its revenue as profit; "
                 "with purchasing power at 5 it earns {sized}.").format(base=_pct(base), sized=_pct(sized))
        why_falls = _("Weighting size lets big customers into the good class even when their "
                      "discounts, cost to serve or bad debt eat their margin: big is not the same "
                      "as good.")
        right = self._solution()
        out = {}
        for o in (_RISES, _FALLS, _SAME):
            if o == right:
                text = " ".join([_("Right."), fact] + ([why_falls] if o == _FALLS else []))
            elif o == _RISES:
                text = " ".join([_("Misconception: bigger customers are more profitable per unit "
                                   "of revenue."), fact])
            elif o == _FALLS:
                text = " ".join([_("Look at the table again."), fact])
            else:
                text = " ".join([_("The weights do change the class of many customers, and with "
                                   "them the class margin."), fact])
            out[_(o)] = text
        return out


# --------------------------------------------------------------------------------------------
_V = ("product_value", "service_value", "personnel_value", "image_value")
_C = ("monetary_cost", "time_cost", "energy_cost", "physical_cost")


@register("selection.delivered_value_by_hand", chapter=1,
          title=N_("Compute a customer's delivered-value advantage"))
class DeliveredValueByHand(_Cache, NumericExercise):
    """Numeric: our delivered-value advantage (ours − competitor's) for one surveyed customer."""

    unit = "points"
    rel_tol = 0.0
    abs_tol = 0.06
    decimals = 1
    bounds = (-400.0, 400.0)
    hint = ("For each offer: total customer value = the four values added up; total customer "
            "cost = the four costs added up; delivered value = value − cost. The advantage is "
            "ours minus the competitor's.")

    def _rows(self):
        def pick():
            p = self.world.perceptions
            ours = p[p["offer"].astype(str) == "ours"].set_index("customer_id")
            comp = p[p["offer"].astype(str) == "competitor"].set_index("customer_id")
            ids = ours.index.intersection(comp.index)
            ours, comp = ours.loc[ids], comp.loc[ids]
            vo, co = ours[list(_V)].sum(axis=1), ours[list(_C)].sum(axis=1)
            vc, cc = comp[list(_V)].sum(axis=1), comp[list(_C)].sum(axis=1)
            right = (vo - co) - (vc - cc)
            wrong = pd.concat([vo - co, vo - vc, (vo + co) - (vc + cc), -right], axis=1)
            gaps = wrong.sub(right, axis=0).abs()
            # a customer whose known mistakes all give clearly different numbers
            ok = (gaps.min(axis=1) > 2) & (right.abs() > 2)
            for a in range(4):
                for b in range(a + 1, 4):
                    ok &= (wrong[a] - wrong[b]).abs() > 2
            cid = ok[ok].index[0] if ok.any() else ids[0]
            return int(cid), ours.loc[cid], comp.loc[cid]
        return self._get("rows", pick)

    @property
    def prompt(self) -> str:
        cid, o, c = self._rows()
        def line(r):
            return _("product {product_value:.1f}, service {service_value:.1f}, "
                     "personnel {personnel_value:.1f}, image {image_value:.1f}; costs: "
                     "monetary {monetary_cost:.1f}, time {time_cost:.1f}, energy "
                     "{energy_cost:.1f}, physical {physical_cost:.1f}").format(
                **{k: float(r[k]) for k in (*_V, *_C)})
        return _("Customer **{id}** rated both offers in the delivered-value survey (points). "
                 "**Our offer** — values: {ours}. **Competitor's offer** — values: {theirs}. "
                 "Compute our advantage in customer delivered value (顾客让渡价值): our delivered "
                 "value minus the competitor's. Type a number of points, e.g. 12.3 or -4.5.").format(
            id=cid, ours=line(o), theirs=line(c))

    def _parts(self):
        _, o, c = self._rows()
        vo, co = float(o[list(_V)].sum()), float(o[list(_C)].sum())
        vc, cc = float(c[list(_V)].sum()), float(c[list(_C)].sum())
        return vo, co, vc, cc

    def solution(self) -> float:
        vo, co, vc, cc = self._parts()
        return (vo - co) - (vc - cc)

    def explanation(self) -> str:
        vo, co, vc, cc = self._parts()
        verdict = (_("The customer gets more from us.") if self.solution() > 0 else
                   _("The customer gets more from the competitor: a two-way selection warning."))
        return _("Ours: {vo:.1f} − {co:.1f} = {do:.1f}; competitor: {vc:.1f} − {cc:.1f} = "
                 "{dc:.1f}. {verdict}").format(vo=vo, co=co, do=vo - co, vc=vc, cc=cc, dc=vc - cc,
                                               verdict=verdict)

    def misconceptions(self) -> list[Misconception]:
        vo, co, vc, cc = self._parts()
        found = [
            Misconception(_("our delivered value without the competitor's"), vo - co,
                          _("That is our delivered value alone; the advantage compares it with "
                            "the competitor's.")),
            Misconception(_("costs left out"), vo - vc,
                          _("You compared total customer value only; delivered value subtracts "
                            "the total customer cost (money, time, energy, physical).")),
            Misconception(_("costs added to value"), (vo + co) - (vc + cc),
                          _("Costs are what the customer gives up: subtract them from the value.")),
            Misconception(_("the sign reversed"), -self.solution(),
                          _("That is the competitor's advantage over us; take ours minus theirs.")),
        ]
        out, tol = [], self.tolerance()
        for m in found:  # two mistakes giving the same number would blur the diagnosis
            if all(abs(m.value - k.value) > tol for k in out):
                out.append(m)
        return out


# --------------------------------------------------------------------------------------------
_DECISIONS = {"keep": N_("keep (保留)"), "watch": N_("watch (观察)"), "drop": N_("drop (淘汰)")}


@register("selection.screening_decision", chapter=1, title=N_("Year-end screening: keep, watch or drop?"))
class ScreeningDecision(_Cache, ChoiceExercise):
    """Choose one: the screening decision (筛选管理) for one customer at the end of the last year."""

    hint = ("Drop: no profit in the year *and* little potential (future 1 or 2). Keep: a key "
            "customer (among the biggest fifth of buyers, with a profit) or a screening score "
            "(the mean of the five 1–5 criterion scores) of at least 3.5. Watch: everyone else.")

    @property
    def year(self) -> int:
        """The year screened: the last calendar year of the data."""
        return data_years(self.world)[-1]

    def screen(self) -> pd.DataFrame:
        return self._get("screen", lambda: S.annual_screening(self.world, year=self.year))

    def _customer(self) -> int:
        def pick():
            s = self.screen()
            for mask in ((s["decision"] == "drop") & (s["purchases"] == 5),
                         (s["decision"] == "watch") & (s["profit"] <= 0),
                         s["decision"] == "drop"):
                if mask.any():
                    return int(s.loc[mask, "revenue"].idxmax())
            return int(s["revenue"].idxmax())
        return self._get("customer", pick)

    @property
    def prompt(self) -> str:
        cid = self._customer()
        r = self.screen().loc[cid]
        growth = float(self.world.customers.set_index("customer_id").loc[cid, "growth_rate"])
        return _("It is the end of {year}. Customer **{id}** bought {revenue} this year "
                 "and left a profit of {profit}; it grows {growth:+.0%} a year. Its "
                 "scores (1–5, by fifths of the customers): annual purchases (全年购买额) "
                 "{purchases}, profitability (收益性) {profitability}, safety (安全性) "
                 "{safety}, future (未来性) {future}, cooperativeness (合作性) "
                 "{cooperativeness}; screening score (the mean of the five) "
                 "{score:.1f}. Following the chapter's screening rule, what is "
                 "the decision?").format(
            year=self.year, id=cid, revenue=_cny(r["revenue"]), profit=_cny(r["profit"]),
            growth=growth,
            purchases=r["purchases"], profitability=r["profitability"], safety=r["safety"],
            future=r["future"], cooperativeness=r["cooperativeness"], score=r["screening_score"])

    def options(self) -> list[str]:
        return [_(d) for d in _DECISIONS.values()]

    def solution(self) -> str:
        return _(_DECISIONS[self.screen().loc[self._customer(), "decision"]])

    def explanations(self) -> dict[str, str]:
        r = self.screen().loc[self._customer()]
        no_profit = r["profit"] <= 0
        little = r["future"] <= 2
        facts = _("Profit {profit} ({has_profit}), future {future} ({potential}), "
                  "screening score {score:.1f}.").format(
            profit=_cny(r["profit"]), has_profit=pgettext("profit", "none") if no_profit else pgettext("profit", "positive"),
            future=r["future"], potential=_("little potential") if little else _("some potential"),
            score=r["screening_score"])
        right = self.screen().loc[self._customer(), "decision"]
        out = {
            "keep": (
                " ".join([_("Misconception: big buyers are always kept."), facts,
                          _("Keeping is for key customers that are profitable, or for strong scores "
                            "across the five criteria.")])
                if r["purchases"] >= 4 and no_profit else
                " ".join([facts, _("Keeping needs a profitable key customer or a screening score "
                                   "(the mean of the five criteria) of 3.5 or more.")])),
            "watch": " ".join([facts, _("Watch is for customers that are neither clearly worth "
                                        "keeping nor without profit and potential.")]),
            "drop": " ".join([facts, _("Drop only customers with no profit *and* little potential; "
                                       "growth can turn a small or loss-making customer into a "
                                       "good one (dynamic management).")]),
        }
        out[right] = " ".join([_("Right."), facts, {
            "keep": _("It is worth the sales team's time next year."),
            "watch": _("Watch it and screen it again next year: good and bad can swap."),
            "drop": _("No profit and no potential: even a big buyer can be dropped — big is "
                      "not the same as good."),
        }[right]])
        return {_(_DECISIONS[k]): v for k, v in out.items()}


# --------------------------------------------------------------------------------------------
@register("selection.big_customer_risks", chapter=1,
          title=N_("Which risks does a firm take on when it courts big customers at any cost?"))
class BigCustomerRisks(_Cache, MultiChoiceExercise):
    """Choose all that apply: the four risks of big customers (大客户的风险) that S0 names.

    The right answer is the source's list (the four risks of :data:`casekit.selection.RISKS`);
    the feedback on every option shows what this world's figures say, computed with
    :func:`casekit.selection.big_customer_risks` (the chapter's one comparison of the big
    customers, :func:`casekit.big_customers`, with the rest).
    """

    hint = ("S0: 企业不惜一切代价角逐和保持大客户也要承担一定的风险. The four risks are about money "
            "owed, price, power and defection. Check each against `sel.big_customer_risks(world)`.")

    prompt = ("S0 warns that a firm which courts and keeps big customers at any cost "
              "(企业不惜一切代价角逐和保持大客户) takes on risks. Tick every statement that is "
              "**one of the risks S0 names** (大客户的风险). The feedback shows what this "
              "world's biggest customers look like on each.")

    _RIGHT = {
        "financial": N_("financial risk (较大的财务风险): they demand credit sales (赊销), so "
                        "receivables run long and can turn into bad debt"),
        "profit": N_("profit risk (较大的利润风险): they use their buying power to demand price "
                     "cuts, discounts, rebates and extra service"),
        "management": N_("management risk (较大的管理风险): they can abuse their market power, "
                         "disturb market order (扰乱市场秩序) and squeeze small customers"),
        "churn": N_("churn risk (较大的流失风险): every rival courts them, offers are alike "
                    "(同质化), and they may integrate vertically (纵向一体化)"),
    }
    _LOYAL = N_("they are more loyal than other customers, so courting them at any cost is safe")
    _PROFIT = N_("they buy so much that the firm cannot lose money on them")
    _CHEAP = N_("they buy only a small part of our offer but demand a lot, at a high cost to serve")

    def risks(self) -> pd.DataFrame:
        return self._get("risks", lambda: S.big_customer_risks(self.world).set_index("measure"))

    def options(self) -> list[str]:
        return [_(o) for o in (*self._RIGHT.values(), self._LOYAL, self._PROFIT, self._CHEAP)]

    def solution(self) -> list[str]:
        return [_(self._RIGHT[k]) for k in S.RISKS]

    def _line(self, measure: str) -> str:
        r = self.risks().loc[measure]
        unit = str(r["unit"])
        fmt = {"share": lambda x: f"{x:.1%}", "CNY": _cny,
               "days": lambda x: _("{days:.0f} days").format(days=x)}.get(unit, lambda x: f"{x:.2f}")
        by = _("firm size (employees)") if r["big_by"] == "employees" else _("revenue")
        return _("{measure}: big customers by {by} {big}, the rest {rest}").format(
            measure=translate(measure), by=by, big=fmt(r["big"]), rest=fmt(r["rest"]))

    def explanations(self) -> dict[str, str]:
        p = self.profit()
        top = big_customers(p)   # the kit's one definition: the top fifth by revenue
        big_loss = float((p.loc[top, "profit"] < 0).mean())
        churn = self.risks().loc["churn rate"]
        cts_big = p.loc[top, "cost_to_serve"].sum() / p.loc[top, "revenue"].sum()
        cts_rest = p.loc[~top, "cost_to_serve"].sum() / p.loc[~top, "revenue"].sum()
        out = {
            self._RIGHT["financial"]: _("One of the four. In this world: {a}; {b}.").format(
                a=self._line("payment days"), b=self._line("bad debt per customer")),
            self._RIGHT["profit"]: _("One of the four. In this world: {a}.").format(
                a=self._line("discount rate")),
            self._RIGHT["management"]: _(
                "One of the four. The data hold no record of market disorder, so the chapter uses "
                "proxies: {a}; {b}.").format(a=self._line("disputes per customer"),
                                             b=self._line("off-core requests per customer")),
            self._RIGHT["churn"]: _("One of the four. In this world: {a} (ranked by firm size, "
                                    "since a churner's revenue is cut short).").format(
                a=self._line("churn rate")),
            self._LOYAL: _("Misconception: big means loyal. S0 says the opposite — big customers "
                           "are easily lured away (被腐蚀背叛), and the rich profit usually comes "
                           "from loyal customers, not from the biggest buyers (为企业带来丰厚利润"
                           "通常并不是购买量大的客户，而是忠诚客户). In this world the big customers "
                           "by firm size churned {big:.1%}, the rest {rest:.1%}.").format(
                big=churn["big"], rest=churn["rest"]),
            self._PROFIT: _("Misconception: big means profitable. Big is not the same as good "
                            "(大客户不一定等同于优质客户): in this world "
                            "{big_loss:.0%} of the big customers (the top fifth by revenue) lost money.").format(
                big_loss=big_loss),
            self._CHEAP: _("Not a big-customer risk: that is the first trait of a bad customer "
                           "(劣质客户: 只向企业购买少一部分产品或服务，但要求很多). In this world the "
                           "cost to serve is {big:.1%} of revenue for the big customers by "
                           "revenue and {rest:.1%} for the rest.").format(big=cts_big, rest=cts_rest),
        }
        return {_(k): v for k, v in out.items()}


# --------------------------------------------------------------------------------------------
@register("selection.segment_fit_order", chapter=1,
          title=N_("Order the segments by how well our offer fits"))
class SegmentFitOrder(_Cache, OrderingExercise):
    """Put in order: segments by our mean delivered-value advantage, best fit (门当户对) first."""

    hint = ("Compute each surveyed customer's delivered value for both offers (four values − four "
            "costs), take ours − the competitor's, and average it per segment "
            "(`selection.segment_fit`).")

    def fit(self) -> pd.DataFrame:
        return self._get("fit", lambda: S.segment_fit(self.world.perceptions, self.world.customers))

    prompt = ("Well-matched selection (门当户对) looks for the customers whose needs match what "
              "we do best. Using the delivered-value survey, put the industry segments in order "
              "of our **average delivered-value advantage** over the competitor (ours − "
              "competitor's delivered value), the best fit first.")

    def solution(self) -> list[str]:
        return [translate(str(s)) for s in self.fit().index]

    def explanations(self) -> dict[str, str]:
        f = self.fit()
        out = {translate(str(s)): _("{segment}: average advantage {advantage:+.1f} points; "
                                    "{share:.0%} of its customers get more value from us.").format(
                   segment=translate(str(s)), advantage=f.loc[s, "advantage"],
                   share=f.loc[s, "share_prefer_ours"]) for s in f.index}
        out[""] = _("Our offer fits best where our advantage is largest: that is where customer "
                    "value and our capability meet.")
        return out
