"""Exercises for chapter 2, customer development (客户开发).

Used by ``exercises/02_customer_development.ipynb``.  Every answer is computed with
:mod:`casekit.development` from the world the exercise is built on, so each exercise works for any
seed and size; wrong answers that match a known mistake are named in the feedback.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import development as D
from ..i18n import NC_, N_, _, pgettext
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
           "BuyingRoles", "FindingSteps", "NewVsKept", "ProspectTypes", "ProspectVsCustomer",
           "ProspectRootCause", "ProspectingPrinciples", "FindingMethods"]


#: The exercises' titles, marked for the catalog (the engine translates them where shown).
_TITLES = (N_("Qualify leads with the MAN rule"),
            N_("Count the hopeful prospects"),
            N_("What does a new customer cost?"),
            N_("Explore: allocate a prospecting budget"),
            N_("Name the roles in a buying centre"),
            N_("The steps of finding customers"),
            N_("New vs kept: read this world's ratio"),
            N_("The three types of prospect"),
            N_("Prospects versus actual customers"),
            N_("Why prospects exist: the root cause"),
            N_("The principles of prospecting"),
            N_("The methods of finding customers"))


#: The MAN rule's criteria as the exercises name them (S1's words in Chinese).
_MAN_WORDS = (NC_("MAN", "need"), NC_("MAN", "ability to pay"), NC_("MAN", "authority"),
              NC_("MAN", "none"), NC_("column", "contact"), NC_("column", "furthest stage"))


def _missing(text: str) -> str:
    """What a lead lacks ("need + authority"), in the course's language."""
    return _(" + ").join(pgettext("MAN", part) for part in str(text).split(" + "))


def _yes(flag) -> str:
    return _("yes") if bool(flag) else _("no")


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
        return _("lead {id}").format(id=int(lead_id))

    def data(self) -> pd.DataFrame:
        t = self._leads()
        return pd.DataFrame({
            "lead": [self._label(i) for i in t["lead_id"]],
            "channel": [_(c) for c in t["channel"].astype(str)],
            "contact": [_(c) for c in t["contact_role"].astype(str)],
            pgettext("MAN", "need"): [_yes(v) for v in t["need"]],
            pgettext("MAN", "ability to pay"): [_yes(v) for v in t["ability_to_pay"]],
            pgettext("MAN", "authority"): [_yes(v) for v in t["authority"]],
            "furthest stage": [_(c) for c in t["stage"].astype(str)],
        })

    def options(self) -> list[str]:
        return [self._label(i) for i in self._leads()["lead_id"]]

    def solution(self) -> list[str]:
        t = self._leads()
        return [self._label(i) for i in t.loc[t["qualified"], "lead_id"]]

    def explanations(self) -> dict[str, str]:
        out = {}
        man = D.man_conversion(self.world.leads)
        rates = _("On our closed leads, qualified ones convert {q}, the others {n}.").format(
            q=_pct(man.loc["qualified", "conversion_rate"]), n=_pct(man.loc["not qualified", "conversion_rate"]))
        for _i, row in self._leads().iterrows():
            name = self._label(row["lead_id"])
            stage = str(row["stage"])
            if row["qualified"]:
                out[name] = _("{name} has need, ability to pay and authority: qualified.").format(name=name)
                if rates:
                    out[name] += " " + rates
                    rates = ""
                continue
            text = _("it lacks {missing}").format(missing=_missing(row["missing"]))
            if stage in ("proposal", "won"):
                text += _(" — even though it reached the {stage} stage. A rep advanced it anyway; "
                          "the stage is not the qualification (and an unqualified win is luck, not "
                          "a method)").format(stage=_(stage))
            if "authority" in row["missing"]:
                role = str(row["contact_role"])
                text += _(". Our contact is {contact}: without authority we must still reach the "
                          "decider (决策者)").format(contact=with_article(role) if _(role) == role else _(role))
            out[name] = _("{why}.").format(why=text)
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
        return _("By time to close the sources tell apart **mature** customers (成熟客户, within one "
                 "month: ≤ 30 days), **hopeful** customers (有望客户, within two months: 31–60 days) "
                 "and **potential** customers (潜在客户, more than two months). Our pipeline holds "
                 "{n_open:,} open leads; column `days_to_close` holds the rep's estimate. How many "
                 "open leads are **hopeful** customers?").format(n_open=n_open)

    def _days(self, rows=None) -> pd.Series:
        leads = self.world.leads if rows is None else rows
        return leads["days_to_close"].astype("float64")

    def solution(self) -> float:
        p = D.classify_pipeline(self.world.leads)
        return float((p["time_class"] == "hopeful").sum())

    def explanation(self) -> str:
        m = D.pipeline_matrix(D.classify_pipeline(self.world.leads)).sum(axis=1)
        return _("The pipeline splits into {mature} mature, {hopeful} hopeful and {potential} "
                 "potential prospects: the hopeful ones are kept warm so they become mature.").format(
                     mature=int(m["mature"]), hopeful=int(m["hopeful"]), potential=int(m["potential"]))

    def misconceptions(self) -> list[Misconception]:
        leads = self.world.leads
        open_ = leads[leads["status"].astype(str) == "open"]
        d = self._days(open_)
        d_all = self._days()
        return [
            Misconception(_("mature and hopeful counted together"), float((d <= 60).sum()),
                          _("“Within two months” includes the mature prospects; hopeful ones are "
                          "those *beyond* one month and within two (31–60 days).")),
            Misconception(_("won leads counted as prospects"), float(((d_all > 30) & (d_all <= 60)).sum()),
                          _("Won leads are customers already, and their days_to_close is the actual "
                          "time it took. Count the open leads only.")),
            Misconception(_("60 days left out"), float(((d > 30) & (d < 60)).sum()),
                          _("Two months means up to and including 60 days.")),
            Misconception(_("30 days counted as hopeful"), float(((d >= 30) & (d <= 60)).sum()),
                          _("A prospect closing in 30 days closes within a month: mature.")),
            Misconception(_("potential prospects counted"), float((d > 60).sum()),
                          _("More than 60 days is a potential customer (潜在客户), not a hopeful one.")),
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
        return _("Our sales team found many leads by **{channel}** ({zh}). Counting only the "
                 "closed leads (won or lost), what did one **won customer** from this channel cost "
                 "in lead cost? Answer in CNY.").format(channel=ch, zh=D.chinese(ch))

    def solution(self) -> float:
        return float(D.channel_economics(self.world.leads).loc[self._channel(), "cost_per_won"])

    def explanation(self) -> str:
        e = D.channel_economics(self.world.leads)
        ch = self._channel()
        best = e["cost_per_won"].idxmin()
        return _("{channel}: cost per lead {cpl} ÷ conversion rate {rate}. The cheapest customers "
                 "come via {best} ({cost} each).").format(
                     channel=_(ch), cpl=_cny(e.loc[ch, "cost_per_lead"]),
                     rate=_pct(e.loc[ch, "conversion_rate"]), best=_(best),
                     cost=_cny(e.loc[best, "cost_per_won"]))

    def misconceptions(self) -> list[Misconception]:
        c = self._closed()
        leads = self.world.leads
        all_ch = leads[leads["channel"].astype(str) == self._channel()]
        won = int(c["converted"].sum())
        cpl = float(c["lead_cost"].mean())
        conv = won / len(c)
        return [
            Misconception(_("cost per lead taken for cost per customer"), cpl,
                          _("That is what one *lead* costs. Most leads are never won, so each "
                          "customer carries the cost of all the leads that failed.")),
            Misconception(_("open leads' cost counted"), float(all_ch["lead_cost"].sum() / max(won, 1)),
                          _("The open leads may still be won; counting their cost but not their "
                          "future wins makes the channel look dearer than it is.")),
            Misconception(_("cost per lead multiplied by the conversion rate"), cpl * conv,
                          _("Divide by the conversion rate: with a rate of 10%, ten leads are "
                          "needed for one customer.")),
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
        names = _(", ").join(_(c) for c in self._econ().index)
        return _("You have {budget} to find new customers through four prospecting "
                 "methods: {names}. Each slider sets a channel's weight; the budget is split in "
                 "proportion to the weights. The chart and table show the expected leads and new "
                 "customers at each channel's past cost per lead and conversion rate (no capacity "
                 "limit).").format(budget=_cny(self._budget()), names=names)

    question = "Which split of the budget wins the **most new customers**?"

    def controls(self) -> dict:
        import ipywidgets as W
        style = {"description_width": "initial"}
        return {f"w{i}": W.IntSlider(value=25, min=0, max=100, step=5, description=_(str(ch)),
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
        out = pd.DataFrame({"channel": [_(c) for c in p.index], _("spend (CNY)"): p["spend"].round(0),
                            "leads": p["leads"].round(1), "customers": p["customers"].round(1),
                            _("CNY per customer"): self._econ()["cost_per_won"].round(0).to_numpy()})
        t = D.plan_totals(p)
        total = pd.DataFrame({"channel": [_("total")], _("spend (CNY)"): [round(t["spend"])],
                              "leads": [round(t["leads"], 1)], "customers": [round(t["customers"], 1)],
                              _("CNY per customer"): [round(t["cost_per_customer"])]})
        return pd.concat([out, total], ignore_index=True)

    def draw(self, ax, **weights) -> None:
        p = self._plan(**weights)
        y = np.arange(len(p))
        ax.barh(y, p["customers"], color="#0072B2", height=0.6)
        for yi, (c, s) in enumerate(zip(p["customers"], p["spend"])):
            ax.text(c, yi, _(" {c:.1f} (CNY {s:,.0f})").format(c=c, s=s), va="center", fontsize=8)
        ax.set_yticks(y, [_(c) for c in p.index])
        ax.set_xlim(0, max(float(p["customers"].max()) * 1.45, 1.0))
        ax.set_xlabel(_("Expected new customers (count)"))
        ax.set_title(_("{n:.1f} new customers for {budget}").format(
            n=D.plan_totals(p)["customers"], budget=_cny(self._budget())))

    def _all_on(self, ch) -> str:
        return _("everything on {channel}").format(channel=_(ch))

    def options(self) -> list[str]:
        return [self._all_on(ch) for ch in self._econ().index] + [_("an even split over the four")]

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
                out[self._all_on(ch)] = _(
                    "Right: {channel} wins a customer for {cost}, so the "
                    "budget buys {n:.1f} customers — focus (重点关注). In practice a channel's "
                    "capacity is limited, so a real plan fills the best channel first, then the next."
                ).format(channel=_(ch), cost=_cny(e.loc[ch, "cost_per_won"]), n=n)
                continue
            why = []
            if ch == e["cost_per_lead"].idxmin():
                why.append(_("its leads are the cheapest ({cpl}), but only {rate} convert — the "
                             "cheapest leads did not make the cheapest customers").format(
                                 cpl=_cny(e.loc[ch, "cost_per_lead"]), rate=_pct(e.loc[ch, "conversion_rate"])))
            if ch == e["first_year_value"].idxmax():
                why.append(_("its customers are the most valuable in year one ({value}), but each "
                             "costs {cost} — the question counts customers").format(
                                 value=_cny(e.loc[ch, "first_year_value"]), cost=_cny(e.loc[ch, "cost_per_won"])))
            if ch == e["leads"].idxmax() and not why:
                why.append(_("it brings the most leads today, but volume of leads is not customers "
                             "per CNY"))
            text = _("; ").join(why) or _("each customer costs {cost}").format(
                cost=_cny(e.loc[ch, "cost_per_won"]))
            out[self._all_on(ch)] = _("{channel}: {text}. It buys {n:.1f} customers.").format(
                channel=_(ch), text=text, n=n)
        even = D.plan_totals(self._plan())["customers"]
        out[_("an even split over the four")] = _(
            "Spreading evenly buys {n:.1f} customers: safe, but every CNY moved from a dear "
            "channel to the cheapest one buys more customers.").format(n=even)
        return out


# --------------------------------------------------------------------------------------------
_PEOPLE = (
    (N_("Chef Zhang, who first said the old dishwashers must go"), "initiator"),
    (N_("Engineer Li, whose test report favours one supplier"), "influencer"),
    (N_("General manager Sun, who signs off the spending"), "decider"),
    (N_("Purchasing officer Chen, who negotiates and places the order"), "buyer"),
    (N_("The kitchen staff, who will run the machines every day"), "user"),
)


@register("development.buying_roles", chapter=2, title="Name the roles in a buying centre")
class BuyingRoles(OrderingExercise):
    """Ordering: match five people of a scenario to the five buying-centre roles, in role order."""

    hint = ("Initiator = first proposes buying; influencer = sways the choice; decider = has the "
            "power to say yes; buyer = carries out the purchase; user = uses it.")

    @property
    def prompt(self) -> str:
        return _("A hotel group (酒店餐饮业), a prospect of Jinghua Industrial Supplies, replaces the "
                "dishwashing line of its kitchens. The kitchen "
                "staff have complained for months; Chef Zhang finally tells management the old "
                "machines must go. Purchasing officer Chen asks three suppliers for offers and will "
                "negotiate the contract. Engineer Li tests the machines and writes a report that "
                "favours one supplier. General manager Sun approves the budget. Put the five "
                "people in the order of the buying-centre roles (客户内部角色): **initiator** (发起者), "
                "**influencer** (影响者), **decider** (决策者), **buyer** (购买者), **user** (使用者).")

    def solution(self) -> list[str]:
        return [_(p) for p, _role in _PEOPLE]

    def explanations(self) -> dict[str, str]:
        roles = D.conversion_by(self.world.leads, "contact_role")
        dec, use = roles.loc["decider", "conversion_rate"], roles.loc["user", "conversion_rate"]
        data = " " + _("In our leads, talking to a decider converts {dec} of the time, talking "
                       "to a user {use}.").format(dec=_pct(dec), use=_pct(use))
        out = {_(p): _("{who} is the {role} ({zh}).").format(
                   who=_(p).split(",")[0].split("，")[0], role=role, zh=D.chinese(role))
               for p, role in _PEOPLE}
        out[_(_PEOPLE[0][0])] += " " + _("The staff complained, but the chef *proposed* the purchase.")
        out[_(_PEOPLE[3][0])] += " " + _("Negotiating and ordering is buying, not deciding.")
        out[_(_PEOPLE[2][0])] += data
        out[""] = _("One person can hold several roles; here each role is a different person. "
                    "Reach the decider, and persuade each role in its own way.") + data
        return out


# --------------------------------------------------------------------------------------------
_STEP_WHY = {
    N_("collect information"): N_("Everything starts with information, collected scientifically and "
                           "accurately."),
    N_("analyse the customer groups"): N_("Analysis (the six aspects) needs the information first."),
    N_("make a plan"): N_("A plan picks the best customer groups — it rests on the analysis."),
    N_("feedback and adjust"): N_("Feedback comes last: watch the results and correct the plan."),
}


@register("development.finding_steps", chapter=2, title="The steps of finding customers")
class FindingSteps(OrderingExercise):
    """Ordering: the four steps of finding customers (寻找客户的步骤)."""

    hint = "What must you have before you can analyse, and before you can plan?"

    @property
    def prompt(self) -> str:
        n = len(self.world.leads)
        return _("Our sales team logged {n:,} leads in three years. To find customers in a planned "
                 "way the sources give four steps (寻找客户的步骤). Put them in order.").format(n=n)

    @staticmethod
    def _step(en, zh) -> str:
        shown = _(en)
        return shown if shown != en else f"{en} ({zh})"

    def solution(self) -> list[str]:
        return [self._step(en, zh) for en, zh in D.FINDING_STEPS]

    def explanations(self) -> dict[str, str]:
        return {self._step(en, zh): _(_STEP_WHY[en]) for en, zh in D.FINDING_STEPS}


# --------------------------------------------------------------------------------------------
@register("development.new_vs_kept", chapter=2, title="New vs kept: read this world's ratio")
class NewVsKept(ChoiceExercise):
    """Choice: where does this world's acquisition/retention ratio fall against the AMA's 5–6×?"""

    hint = ("Divide the mean acquisition cost of the customers by their mean retention cost per "
            "year (`development.acquisition_vs_retention`).")
    _OPTIONS = (N_("winning a customer is cheaper than a year of keeping one"),
                N_("1 to 5 times a year of keeping one: below the sources' 5–6×"),
                N_("5 to 6 times: as the sources say"),
                N_("more than 6 times: above the sources' figure"))

    prompt = ("The sources quote the AMA (美国市场营销协会): winning a new customer costs 5~6倍 as "
              "much as keeping an old one. Our customer file records each customer's "
              "`acquisition_cost` and yearly `retention_cost`. Compare the mean acquisition cost "
              "with the mean retention cost per year. Where does this world's ratio fall?")

    def _ratio(self) -> float:
        return float(D.acquisition_vs_retention(self.world.customers).loc["all", "ratio"])

    def options(self) -> list[str]:
        return [_(o) for o in self._OPTIONS]

    def solution(self) -> str:
        r = self._ratio()
        return _(self._OPTIONS[0 if r < 1 else 1 if r < 5 else 2 if r <= 6 else 3])

    def explanations(self) -> dict[str, str]:
        t = D.acquisition_vs_retention(self.world.customers).loc["all"]
        fact = _("Mean acquisition cost {acq}, mean retention cost {ret} a year: ratio "
                 "{ratio:.1f}×.").format(acq=_cny(t["acquisition_cost"]),
                                          ret=_cny(t["retention_cost"]), ratio=t["ratio"])
        right = self.solution()
        out = {}
        for o in self.options():
            if o == right:
                out[o] = _("Right. {fact} Both costs are settings of the synthetic world, so the "
                           "ratio is the generator's, not evidence for or against the AMA's figure; "
                           "on your own customer file the same division would be a measurement."
                           ).format(fact=fact)
            elif o == _(self._OPTIONS[2]):
                out[o] = _("That is the slide's figure, not this world's. {fact}").format(fact=fact)
            else:
                out[o] = _("Compute the ratio: {fact}").format(fact=fact)
        return out


# --------------------------------------------------------------------------------------------
# Concept checks on the sources' lists
# --------------------------------------------------------------------------------------------

_PROSPECT_TYPE_OPTIONS = {
    N_("newly developed prospects (新开发的潜在客户)"): (True, "new", N_("One of S1's three types of prospect.")),
    N_("existing customers (现有客户)"): (True, "existing", N_("A customer who buys from us can buy more: S1 "
                                      "counts existing customers as prospects.")),
    N_("lapsed former customers (中止往来的老客户)"): (True, "lapsed", N_("A customer who stopped trading "
                                              "with us can come back: the third type.")),
    N_("mature customers (成熟客户)"): (False, None, N_("that is a type by time to close (within a month), a "
                                  "different classification of the people in the pipeline")),
    N_("key customers (关键客户)"): (False, None, N_("that is a type by value (key, major, ordinary), not a "
                               "type of prospect")),
}


@register("development.prospect_types", chapter=2, title="The three types of prospect")
class ProspectTypes(MultiChoiceExercise):
    """Choose many: S1's three types of prospect (潜在客户的类型)."""

    hint = ("S1 sorts prospects by their history with us: never bought, buying now, stopped "
            "buying. Time to close and value are other classifications.")
    prompt = ("S1 names three **types of prospect** (潜在客户的类型). Tick the three. (The data "
              "column `prospect_type` of `world.leads` holds them.)")

    def options(self) -> list[str]:
        return [_(o) for o in _PROSPECT_TYPE_OPTIONS]

    def solution(self) -> list[str]:
        return [_(o) for o, (ok, _k, _w) in _PROSPECT_TYPE_OPTIONS.items() if ok]

    def explanations(self) -> dict[str, str]:
        t = D.conversion_by(self.world.leads, "prospect_type")
        out = {}
        for o, (ok, key, why) in _PROSPECT_TYPE_OPTIONS.items():
            why = _(why)
            if ok and key in t.index:
                why += " " + _("In our closed leads, {rate} of them converted.").format(
                    rate=_pct(t.loc[key, "conversion_rate"]))
            out[_(o)] = why
        return out


_DIFFERENCES = {
    N_("Prospects far outnumber actual customers (数量)."): (True, N_("S1's third difference.")),
    N_("Outside natural monopolies, the main contest between firms is for prospects (市场争夺)."):
        (True, N_("Firms guard their own customers (80% of profit comes from 20% of them), so the "
               "fight is over prospects.")),
    N_("Prospects are the main driver of growth (重要动力); actual customers are the base (根本和基础)."):
        (True, N_("A firm that ignores prospects 永远长不大 — never grows up.")),
    N_("Prospects carry more risk: fuzzy needs, complex behaviour, and 5~6倍 the cost to win (风险)."):
        (True, N_("The risk row, with the AMA figure S1 quotes.")),
    N_("A prospect has already traded with the firm at least once."):
        (False, N_("that defines an actual customer (现实客户); a prospect has interest, need or means "
                "but no deal with us yet")),
    N_("The boundary between prospects and customers is fixed once a year."):
        (False, N_("S1 says the boundary is fuzzy and always shifting (组成)")),
}


@register("development.prospect_vs_customer", chapter=2, title="Prospects versus actual customers")
class ProspectVsCustomer(MultiChoiceExercise):
    """Choose many: the differences between prospects and actual customers (S1's six)."""

    hint = ("S1 compares them on definition, make-up, number, market contest, role and risk.")

    @property
    def prompt(self) -> str:
        leads = self.world.leads
        n_open = int((leads["status"].astype(str) == "open").sum())
        return _("S1 lists six differences between **prospects** (潜在客户) and **actual customers** "
                 "(现实客户). Our file holds {customers:,} customers and {n_open:,} "
                 "open leads. Tick every statement that agrees with S1.").format(
                     customers=len(self.world.customers), n_open=n_open)

    def options(self) -> list[str]:
        return [_(o) for o in _DIFFERENCES]

    def solution(self) -> list[str]:
        return [_(o) for o, (ok, _w) in _DIFFERENCES.items() if ok]

    def explanations(self) -> dict[str, str]:
        return {_(o): _(why) for o, (_ok, why) in _DIFFERENCES.items()}


_CAUSES = {
    N_("a latent need (潜在需求)"): N_("Right: S1 calls the latent need the root and first cause "
                            "(根本原因、首要因素) of a prospect."),
    N_("the buying motive (购买动机)"): N_("A motive counts among the prospect's own factors, but the root "
                                "is the latent need beneath it."),
    N_("the ability to pay (购买能力)"): N_("Without it a prospect stays a prospect, but it is one of the "
                                 "factors next to the root cause, not the root."),
    N_("a poor company image (企业形象不佳)"): N_("That is one of the firm's own factors (企业或组织自身因素): it "
                                     "keeps a prospect from buying, it does not make one."),
    N_("a competitor's moves (竞争者的一举一动)"): N_("That is among the other factors (其他因素)."),
}


@register("development.prospect_root_cause", chapter=2, title="Why prospects exist: the root cause")
class ProspectRootCause(ChoiceExercise):
    """Choice: the root cause of prospects arising (导致潜在客户产生、存在的原因)."""

    hint = ("S1 gives three groups of reasons: the prospect's own factors, the firm's own "
            "factors and other factors; one of the prospect's own factors is the root.")
    prompt = ("S1 explains why prospects arise and stay prospects (导致潜在客户产生、存在的原因) with "
              "three groups of factors. Which one does it call the **root cause**?")

    def options(self) -> list[str]:
        return [_(o) for o in _CAUSES]

    def solution(self) -> str:
        return _("a latent need (潜在需求)")

    def explanations(self) -> dict[str, str]:
        return {_(o): _(why) for o, why in _CAUSES.items()}


_PRINCIPLE_OPTIONS = {
    N_("tailor to the firm (量身定制)"): (True, N_("Prospecting rules must fit the firm's own needs.")),
    N_("focus, by the 20/80 rule (重点关注)"): (True, N_("High-potential prospects first — the channel "
                                          "ranking of the chapter applies it.")),
    N_("step by step (循序渐进)"): (True, N_("A first visit may only make you a familiar face (混个脸熟).")),
    N_("carpet search (地毯式搜索法)"): (False, N_("that is a method of mining prospects, not a principle")),
    N_("cast the net as wide as possible, every lead the same"): (
        False, N_("the opposite of focus: S1 asks to rank prospects by potential")),
}


@register("development.prospecting_principles", chapter=2, title="The principles of prospecting")
class ProspectingPrinciples(MultiChoiceExercise):
    """Choose many: S1's three principles of mining prospects (挖掘潜在客户的原则)."""

    hint = "Three principles: how to fit, where to put the effort, and at what pace."

    @property
    def prompt(self) -> str:
        e = D.focus_table(D.channel_economics(self.world.leads))
        best = str(e.index[0])
        return _("S1 gives three **principles of mining prospects** (挖掘潜在客户的原则). In our file "
                 "the cheapest customers come via {best} ({zh}); putting effort there "
                 "first applies one of them. Tick the three principles.").format(
                     best=best, zh=D.chinese(best))

    def options(self) -> list[str]:
        return [_(o) for o in _PRINCIPLE_OPTIONS]

    def solution(self) -> list[str]:
        return [_(o) for o, (ok, _w) in _PRINCIPLE_OPTIONS.items() if ok]

    def explanations(self) -> dict[str, str]:
        return {_(o): _(why) for o, (_ok, why) in _PRINCIPLE_OPTIONS.items()}


_METHOD_OPTIONS = {
    N_("chain referral (连锁介绍)"): (True, N_("method 3 of the 18")),
    N_("introductions by notable people (名人介绍)"): (True, N_("method 5 of the 18")),
    N_("trade-association canvassing (行会突击)"): (True, N_("method 14 of the 18")),
    N_("winning competitors' customers (从竞争对手手中抢客户)"): (True, N_("method 12 of the 18")),
    N_("qualifying the leads (客户资格审查)"): (False, N_("a step of the prospecting procedure: it sorts "
                                       "leads already found")),
    N_("feedback and adjust (反馈调整)"): (False, N_("the fourth step of finding customers, not a method")),
    N_("focus by the 20/80 rule (重点关注)"): (False, N_("a principle of prospecting, not a method")),
}


@register("development.finding_methods", chapter=2, title="The methods of finding customers")
class FindingMethods(MultiChoiceExercise):
    """Choose many: which are among S1's 18 methods of finding customers (寻找客户的方法)?"""

    hint = "A method is a way to reach new people; steps and principles organise the search."

    @property
    def prompt(self) -> str:
        m = D.prospecting_methods(self.world.leads)
        return _("S1 lists 18 **methods of finding customers** (寻找客户的方法); our lead file uses "
                 "{n} of them. Tick every option that is one of the 18.").format(n=int(m["in_data"].sum()))

    def options(self) -> list[str]:
        return [_(o) for o in _METHOD_OPTIONS]

    def solution(self) -> list[str]:
        return [_(o) for o, (ok, _w) in _METHOD_OPTIONS.items() if ok]

    def explanations(self) -> dict[str, str]:
        e = D.channel_economics(self.world.leads)
        out = {}
        for o, (_ok, why) in _METHOD_OPTIONS.items():
            en = o.split(" (")[0].replace("winning ", "").replace("introductions by notable people",
                                                                 "notable-person introduction")
            why = _(why)
            if en in e.index and e.loc[en, "won"] > 0:
                why += _("; in our file a customer won this way cost {cost}").format(
                    cost=_cny(e.loc[en, "cost_per_won"]))
            out[_(o)] = _("{why}.").format(why=why)
        return out
