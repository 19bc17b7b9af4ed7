"""Exercises for chapter 2, customer development (客户开发).

Used by ``exercises/02_customer_development.ipynb``.  Every answer is computed with
:mod:`casekit.development` from the world the exercise is built on, so each exercise works for any
seed and size; wrong answers that match a known mistake are named in the feedback.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import development as D
from .._format import cny as _cny, pct as _pct
from .engine import (
    ChoiceExercise,
    ExploreExercise,
    Misconception,
    MultiChoiceExercise,
    NumericExercise,
    OrderingExercise,
    register,
    with_article,
)

__all__ = ["QualifyLeads", "HopefulProspects", "CostPerCustomer", "BudgetAllocation",
           "BuyingRoles", "FindingSteps", "NewVsKept"]


def _yes(flag) -> str:
    return "yes" if bool(flag) else "no"


# --------------------------------------------------------------------------------------------
@register("development.qualify_leads", chapter=2, title="Qualify leads with the MAN rule")
class QualifyLeads(MultiChoiceExercise):
    """Choose many: which of six leads are qualified prospects (need + ability to pay + authority)?"""

    hint = ("A qualified prospect needs all three: a need, the ability to pay and the authority to "
            "decide. How far a lead got in the pipeline does not make it qualified.")
    prompt = ("Six closed leads from our file. A lead (线索) is a **qualified prospect** (合格潜在客户) "
              "only if it meets the MAN rule: **need** (需要), **ability to pay** (购买能力) and "
              "**authority** to decide (购买决定权). Tick every lead that is a qualified prospect.")

    def _leads(self) -> pd.DataFrame:
        if hasattr(self, "_cache"):
            return self._cache
        q = D.qualify_leads(self.world.leads)
        q = q[q["status"].astype(str) != "open"].sort_values("lead_id")
        far = q["stage"].astype(str).isin(["proposal", "won"])
        picks = []
        wanted = [(q["qualified"] & far, 1), (q["qualified"] & ~far, 1),
                  (~q["qualified"] & far & (q["missing"] == "authority"), 1),
                  (~q["qualified"] & (q["missing"] == "need"), 1),
                  (~q["qualified"] & (q["missing"] == "ability to pay"), 1),
                  (~q["qualified"] & (q["n_missing"] >= 2), 1)]
        for mask, k in wanted:
            picks += [i for i in q[mask].index if i not in picks][:k]
        if len(picks) < 6:
            picks += [i for i in q.index if i not in picks][: 6 - len(picks)]
        self._cache = q.loc[sorted(picks, key=lambda i: q.loc[i, "lead_id"])]
        return self._cache

    @staticmethod
    def _label(lead_id) -> str:
        return f"lead {int(lead_id)}"

    def data(self) -> pd.DataFrame:
        t = self._leads()
        return pd.DataFrame({
            "lead": [self._label(i) for i in t["lead_id"]],
            "channel": t["channel"].astype(str).to_numpy(),
            "contact": t["contact_role"].astype(str).to_numpy(),
            "need": [_yes(v) for v in t["need"]],
            "ability to pay": [_yes(v) for v in t["ability_to_pay"]],
            "authority": [_yes(v) for v in t["authority"]],
            "furthest stage": t["stage"].astype(str).to_numpy(),
        })

    def options(self) -> list[str]:
        return [self._label(i) for i in self._leads()["lead_id"]]

    def solution(self) -> list[str]:
        t = self._leads()
        return [self._label(i) for i in t.loc[t["qualified"], "lead_id"]]

    def explanations(self) -> dict[str, str]:
        out = {}
        man = D.man_conversion(self.world.leads)
        rates = (f"On our closed leads, qualified ones convert {_pct(man.loc['qualified', 'conversion_rate'])}, "
                 f"the others {_pct(man.loc['not qualified', 'conversion_rate'])}.")
        for _, row in self._leads().iterrows():
            name = self._label(row["lead_id"])
            stage = str(row["stage"])
            if row["qualified"]:
                out[name] = f"{name} has need, ability to pay and authority: qualified."
                if rates:
                    out[name] += " " + rates
                    rates = ""
                continue
            text = f"it lacks {row['missing']}"
            if stage in ("proposal", "won"):
                text += (f" — even though it reached the {stage} stage. A rep advanced it anyway; "
                         "the stage is not the qualification (and an unqualified win is luck, not "
                         "a method)")
            if "authority" in row["missing"]:
                text += (f". Our contact is {with_article(str(row['contact_role']))}: without authority we must "
                         "still reach the decider (决策者)")
            out[name] = text + "."
        return out


# --------------------------------------------------------------------------------------------
@register("development.hopeful_prospects", chapter=2, title="Count the hopeful prospects")
class HopefulProspects(NumericExercise):
    """Numeric: how many open leads are hopeful customers (31–60 days to close)?"""

    unit = "leads"
    rel_tol = 0.0
    abs_tol = 0.0
    decimals = 0
    hint = ("Keep only the open leads (status 'open'), then count those whose estimated days to "
            "close are more than 30 and at most 60.")

    @property
    def bounds(self):
        return (0, int(len(self.world.leads)))

    @property
    def prompt(self) -> str:
        n_open = int((self.world.leads["status"].astype(str) == "open").sum())
        return ("By time to close the sources tell apart **mature** customers (成熟客户, within one "
                "month: ≤ 30 days), **hopeful** customers (有望客户, within two months: 31–60 days) "
                "and **potential** customers (潜在客户, more than two months). Our pipeline holds "
                f"{n_open:,} open leads; column `days_to_close` holds the rep's estimate. How many "
                "open leads are **hopeful** customers?")

    def _days(self, rows=None) -> pd.Series:
        leads = self.world.leads if rows is None else rows
        return leads["days_to_close"].astype("float64")

    def solution(self) -> float:
        p = D.classify_pipeline(self.world.leads)
        return float((p["time_class"] == "hopeful").sum())

    def explanation(self) -> str:
        m = D.pipeline_matrix(D.classify_pipeline(self.world.leads)).sum(axis=1)
        return (f"The pipeline splits into {int(m['mature'])} mature, {int(m['hopeful'])} hopeful "
                f"and {int(m['potential'])} potential prospects: the hopeful ones are kept warm so "
                "they become mature.")

    def misconceptions(self) -> list[Misconception]:
        leads = self.world.leads
        open_ = leads[leads["status"].astype(str) == "open"]
        d = self._days(open_)
        d_all = self._days()
        return [
            Misconception("mature and hopeful counted together", float((d <= 60).sum()),
                          "“Within two months” includes the mature prospects; hopeful ones are "
                          "those *beyond* one month and within two (31–60 days)."),
            Misconception("won leads counted as prospects", float(((d_all > 30) & (d_all <= 60)).sum()),
                          "Won leads are customers already, and their days_to_close is the actual "
                          "time it took. Count the open leads only."),
            Misconception("60 days left out", float(((d > 30) & (d < 60)).sum()),
                          "Two months means up to and including 60 days."),
            Misconception("30 days counted as hopeful", float(((d >= 30) & (d <= 60)).sum()),
                          "A prospect closing in 30 days closes within a month: mature."),
            Misconception("potential prospects counted", float((d > 60).sum()),
                          "More than 60 days is a potential customer (潜在客户), not a hopeful one."),
        ]


# --------------------------------------------------------------------------------------------
@register("development.cost_per_customer", chapter=2, title="What does a new customer cost?")
class CostPerCustomer(NumericExercise):
    """Numeric: the lead cost per won customer of the channel with the most closed leads."""

    unit = "CNY"
    rel_tol = 0.01
    bounds = (0, None)
    hint = ("Cost per won customer = total lead cost of the closed leads / number of won leads "
            "(equivalently cost per lead ÷ conversion rate). Leave out the open leads: their "
            "outcome is not known yet.")

    def _channel(self) -> str:
        e = D.channel_economics(self.world.leads)
        e = e[e["won"] > 0]
        return str(e["leads"].idxmax())

    def _closed(self) -> pd.DataFrame:
        leads = self.world.leads
        return leads[(leads["status"].astype(str) != "open")
                     & (leads["channel"].astype(str) == self._channel())]

    @property
    def prompt(self) -> str:
        ch = self._channel()
        return (f"Our sales team found many leads by **{ch}** ({D.chinese(ch)}). Counting only the "
                "closed leads (won or lost), what did one **won customer** from this channel cost "
                "in lead cost? Answer in CNY.")

    def solution(self) -> float:
        return float(D.channel_economics(self.world.leads).loc[self._channel(), "cost_per_won"])

    def explanation(self) -> str:
        e = D.channel_economics(self.world.leads)
        ch = self._channel()
        best = e["cost_per_won"].idxmin()
        return (f"{ch}: cost per lead {_cny(e.loc[ch, 'cost_per_lead'])} ÷ conversion rate "
                f"{_pct(e.loc[ch, 'conversion_rate'])}. The cheapest customers come via {best} "
                f"({_cny(e.loc[best, 'cost_per_won'])} each).")

    def misconceptions(self) -> list[Misconception]:
        c = self._closed()
        leads = self.world.leads
        all_ch = leads[leads["channel"].astype(str) == self._channel()]
        won = int(c["converted"].sum())
        cpl = float(c["lead_cost"].mean())
        conv = won / len(c)
        return [
            Misconception("cost per lead taken for cost per customer", cpl,
                          "That is what one *lead* costs. Most leads are never won, so each "
                          "customer carries the cost of all the leads that failed."),
            Misconception("open leads' cost counted", float(all_ch["lead_cost"].sum() / max(won, 1)),
                          "The open leads may still be won; counting their cost but not their "
                          "future wins makes the channel look dearer than it is."),
            Misconception("cost per lead multiplied by the conversion rate", cpl * conv,
                          "Divide by the conversion rate: with a rate of 10%, ten leads are "
                          "needed for one customer."),
        ]


# --------------------------------------------------------------------------------------------
@register("development.budget_allocation", chapter=2, title="Explore: allocate a prospecting budget")
class BudgetAllocation(ExploreExercise):
    """Explore: sliders split a budget over four channels; which split wins the most customers?"""

    figsize = (6.6, 3.4)
    hint = ("Compare the channels' cost per customer in the table: each CNY buys the most "
            "customers where a customer is cheapest.")

    def _econ(self) -> pd.DataFrame:
        if hasattr(self, "_cache"):
            return self._cache
        e = D.channel_economics(self.world.leads)
        e = e[e["won"] > 0]
        picks = [e["cost_per_lead"].idxmin(), e["cost_per_won"].idxmin(),
                 e["first_year_value"].idxmax(), e["leads"].idxmax()]
        for ch in e.sort_values("cost_per_won").index:
            if len(dict.fromkeys(picks)) >= 4:
                break
            picks.append(ch)
        picks = list(dict.fromkeys(picks))[:4]
        self._cache = e.loc[picks]
        return self._cache

    def _budget(self) -> float:
        e = D.channel_economics(self.world.leads)
        return float(round(e["lead_cost"].sum() / 3 / 4, -3)) or 1000.0

    @property
    def prompt(self) -> str:
        names = ", ".join(self._econ().index)
        return (f"You have {_cny(self._budget())} to find new customers through four prospecting "
                f"methods: {names}. Each slider sets a channel's weight; the budget is split in "
                "proportion to the weights. The chart and table show the expected leads and new "
                "customers at each channel's past cost per lead and conversion rate (no capacity "
                "limit).")

    question = "Which split of the budget wins the **most new customers**?"

    def controls(self) -> dict:
        import ipywidgets as W
        style = {"description_width": "initial"}
        return {f"w{i}": W.IntSlider(value=25, min=0, max=100, step=5, description=str(ch),
                                     style=style, layout=W.Layout(width="320px"))
                for i, ch in enumerate(self._econ().index)}

    def _plan(self, **weights) -> pd.DataFrame:
        e = self._econ()
        w = np.array([float(weights.get(f"w{i}", 25)) for i in range(len(e))])
        if w.sum() <= 0:
            w = np.ones(len(e))
        spend = pd.Series(w / w.sum() * self._budget(), index=e.index)
        return D.allocate_budget(e, spend)

    def table(self, **weights) -> pd.DataFrame:
        p = self._plan(**weights)
        out = pd.DataFrame({"channel": p.index, "spend (CNY)": p["spend"].round(0),
                            "leads": p["leads"].round(1), "customers": p["customers"].round(1),
                            "CNY per customer": self._econ()["cost_per_won"].round(0).to_numpy()})
        t = D.plan_totals(p)
        total = pd.DataFrame({"channel": ["total"], "spend (CNY)": [round(t["spend"])],
                              "leads": [round(t["leads"], 1)], "customers": [round(t["customers"], 1)],
                              "CNY per customer": [round(t["cost_per_customer"])]})
        return pd.concat([out, total], ignore_index=True)

    def draw(self, ax, **weights) -> None:
        p = self._plan(**weights)
        y = np.arange(len(p))
        ax.barh(y, p["customers"], color="#0072B2", height=0.6)
        for yi, (c, s) in enumerate(zip(p["customers"], p["spend"])):
            ax.text(c, yi, f" {c:.1f} (CNY {s:,.0f})", va="center", fontsize=8)
        ax.set_yticks(y, list(p.index))
        ax.set_xlim(0, max(float(p["customers"].max()) * 1.45, 1.0))
        ax.set_xlabel("Expected new customers (count)")
        ax.set_title(f"{D.plan_totals(p)['customers']:.1f} new customers for "
                     f"{_cny(self._budget())}")

    def _all_on(self, ch) -> str:
        return f"everything on {ch}"

    def options(self) -> list[str]:
        return [self._all_on(ch) for ch in self._econ().index] + ["an even split over the four"]

    def solution(self) -> str:
        return self._all_on(self._econ()["cost_per_won"].idxmin())

    def explanations(self) -> dict[str, str]:
        e = self._econ()
        b = self._budget()
        best = e["cost_per_won"].idxmin()
        out = {}
        for ch in e.index:
            n = b / e.loc[ch, "cost_per_won"]
            if ch == best:
                out[self._all_on(ch)] = (
                    f"Right: {ch} wins a customer for {_cny(e.loc[ch, 'cost_per_won'])}, so the "
                    f"budget buys {n:.1f} customers — focus (重点关注). In practice a channel's "
                    "capacity is limited, so a real plan fills the best channel first, then the next.")
                continue
            why = []
            if ch == e["cost_per_lead"].idxmin():
                why.append(f"its leads are the cheapest ({_cny(e.loc[ch, 'cost_per_lead'])}), but "
                           f"only {_pct(e.loc[ch, 'conversion_rate'])} convert — cheap leads are not "
                           "cheap customers")
            if ch == e["first_year_value"].idxmax():
                why.append(f"its customers are the most valuable in year one "
                           f"({_cny(e.loc[ch, 'first_year_value'])}), but each costs "
                           f"{_cny(e.loc[ch, 'cost_per_won'])} — the question counts customers")
            if ch == e["leads"].idxmax() and not why:
                why.append("it brings the most leads today, but volume of leads is not customers "
                           "per CNY")
            text = "; ".join(why) or f"each customer costs {_cny(e.loc[ch, 'cost_per_won'])}"
            out[self._all_on(ch)] = f"{ch}: {text}. It buys {n:.1f} customers."
        even = D.plan_totals(self._plan())["customers"]
        out["an even split over the four"] = (
            f"Spreading evenly buys {even:.1f} customers: safe, but every CNY moved from a dear "
            "channel to the cheapest one buys more customers.")
        return out


# --------------------------------------------------------------------------------------------
_PEOPLE = (
    ("Chef Zhang, who first said the old dishwashers must go", "initiator"),
    ("Engineer Li, whose test report favours one supplier", "influencer"),
    ("General manager Wang, who signs off the spending", "decider"),
    ("Purchasing officer Chen, who negotiates and places the order", "buyer"),
    ("The kitchen staff, who will run the machines every day", "user"),
)


@register("development.buying_roles", chapter=2, title="Name the roles in a buying centre")
class BuyingRoles(OrderingExercise):
    """Ordering: match five people of a scenario to the five buying-centre roles, in role order."""

    hint = ("Initiator = first proposes buying; influencer = sways the choice; decider = has the "
            "power to say yes; buyer = carries out the purchase; user = uses it.")

    @property
    def prompt(self) -> str:
        return ("A hotel group (酒店餐饮业) replaces the dishwashing line of its kitchens. The kitchen "
                "staff have complained for months; Chef Zhang finally tells management the old "
                "machines must go. Purchasing officer Chen asks three suppliers for offers and will "
                "negotiate the contract. Engineer Li tests the machines and writes a report that "
                "favours one supplier. General manager Wang approves the budget. Put the five "
                "people in the order of the buying-centre roles (客户内部角色): **initiator** (发起者), "
                "**influencer** (影响者), **decider** (决策者), **buyer** (购买者), **user** (使用者).")

    def solution(self) -> list[str]:
        return [p for p, _ in _PEOPLE]

    def explanations(self) -> dict[str, str]:
        roles = D.conversion_by(self.world.leads, "contact_role")
        dec, use = roles.loc["decider", "conversion_rate"], roles.loc["user", "conversion_rate"]
        data = (f" In our leads, talking to a decider converts {_pct(dec)} of the time, talking "
                f"to a user {_pct(use)}.")
        out = {p: f"{p.split(',')[0]} is the {role} ({D.chinese(role)})." for p, role in _PEOPLE}
        out[_PEOPLE[0][0]] += " The staff complained, but the chef *proposed* the purchase."
        out[_PEOPLE[3][0]] += " Negotiating and ordering is buying, not deciding."
        out[_PEOPLE[2][0]] += data
        out[""] = ("One person can hold several roles; here each role is a different person. "
                   "Reach the decider, and persuade each role in its own way." + data)
        return out


# --------------------------------------------------------------------------------------------
_STEP_WHY = {
    "collect information": "Everything starts with information, collected scientifically and "
                           "accurately.",
    "analyse the customer groups": "Analysis (the six aspects) needs the information first.",
    "make a plan": "A plan picks the best customer groups — it rests on the analysis.",
    "feedback and adjust": "Feedback comes last: watch the results and correct the plan.",
}


@register("development.finding_steps", chapter=2, title="The steps of finding customers")
class FindingSteps(OrderingExercise):
    """Ordering: the four steps of finding customers (寻找客户的步骤)."""

    hint = "What must you have before you can analyse, and before you can plan?"

    @property
    def prompt(self) -> str:
        n = len(self.world.leads)
        return (f"Our sales team logged {n:,} leads in three years. To find customers in a planned "
                "way the sources give four steps (寻找客户的步骤). Put them in order.")

    def solution(self) -> list[str]:
        return [f"{en} ({zh})" for en, zh in D.FINDING_STEPS]

    def explanations(self) -> dict[str, str]:
        return {f"{en} ({zh})": _STEP_WHY[en] for en, zh in D.FINDING_STEPS}


# --------------------------------------------------------------------------------------------
@register("development.new_vs_kept", chapter=2, title="New vs kept: test the 5–6× claim")
class NewVsKept(ChoiceExercise):
    """Choice: where does the data's acquisition/retention ratio fall against the AMA's 5–6×?"""

    hint = ("Divide the mean acquisition cost of the customers by their mean retention cost per "
            "year (`development.acquisition_vs_retention`).")
    _OPTIONS = ("winning a customer is cheaper than a year of keeping one",
                "1 to 5 times a year of keeping one: below the sources' 5–6×",
                "5 to 6 times: as the sources say",
                "more than 6 times: above the sources' figure")

    @property
    def prompt(self) -> str:
        return ("The sources quote the AMA: winning a new customer costs 5–6 times as much as "
                "keeping an old one. Our customer file records each customer's `acquisition_cost` "
                "and yearly `retention_cost`. Compare the mean acquisition cost with the mean "
                "retention cost per year. What does our data show?")

    def _ratio(self) -> float:
        return float(D.acquisition_vs_retention(self.world.customers).loc["all", "ratio"])

    def options(self) -> list[str]:
        return list(self._OPTIONS)

    def solution(self) -> str:
        r = self._ratio()
        return self._OPTIONS[0 if r < 1 else 1 if r < 5 else 2 if r <= 6 else 3]

    def explanations(self) -> dict[str, str]:
        t = D.acquisition_vs_retention(self.world.customers).loc["all"]
        fact = (f"Mean acquisition cost {_cny(t['acquisition_cost'])}, mean retention cost "
                f"{_cny(t['retention_cost'])} a year: ratio {t['ratio']:.1f}×.")
        right = self.solution()
        out = {}
        for o in self._OPTIONS:
            if o == right:
                out[o] = (f"Right. {fact} The data, not the slide, decides the size; the direction "
                          "— new customers are dearer — holds.")
            elif o == self._OPTIONS[2]:
                out[o] = f"That is the slide's figure, not the data's. {fact}"
            else:
                out[o] = f"Compute the ratio: {fact}"
        return out
