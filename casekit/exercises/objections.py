"""Chapter 3 exercises: objections and complaints (客户异议与投诉处理).

Used by ``exercises/03_objections_and_complaints.ipynb``.  Every answer is computed from the world
the exercise is built on (its complaints, customers, the objections catalogue and its seed), so
the same exercise works for any seed and size; which catalogue statement or role-play scenario an
exercise shows is chosen by the world's seed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import objections as ob
from .. import roleplay as rpm
from .. import terms
from ..i18n import N_, _, language
from .._format import pct as _pct
from .engine import (
    ChoiceExercise,
    ExploreExercise,
    Misconception,
    MultiChoiceExercise,
    NumericExercise,
    OrderingExercise,
    plural,
    register,
    with_article,
)

__all__ = ["ClassifyStatement", "BestMethod", "PrinciplesBroken", "ComplaintSteps",
           "FirstCauseToFix", "SilentChurn", "RolePlayPlan"]

CHAPTER = 3


def _rng(world, stream: int) -> np.random.Generator:
    seed = int(getattr(world, "seed", 0) or 0)
    return np.random.default_rng([seed, 3, stream])


def _catalogue(world) -> pd.DataFrame:
    cat = getattr(world, "objections", None)
    if cat is None or len(cat) == 0:
        from .. import catalogue
        cat = catalogue.objections()
    return cat.reset_index(drop=True)


def _label(pairs, name: str) -> str:
    """An option's text: ``"english (中文)"``, or ``"中文"`` when the course speaks Chinese."""
    zh = terms.chinese(pairs, name)
    return zh if language() == "zh" else f"{name} ({zh})"


def _zh(pairs, name: str) -> str:
    """A term as the course says it: English, or the source's Chinese term in zh."""
    return (terms.chinese(pairs, name) or name) if language() == "zh" else name


def _type_about(t: str) -> str:
    return _(_TYPE_ABOUT[t])


class _NamesAccepted:
    """Mixin for choice exercises whose options read ``"english (中文)"``: the English or the
    Chinese part alone is accepted too (``"price"``, ``"价格异议"``)."""

    def _match(self, answer, options):
        if isinstance(answer, str):
            key = " ".join(answer.split()).casefold()
            for o in options:
                en, _, zh = o.partition(" (")
                if key in (en.casefold(), zh[:-1].casefold()):
                    return o
        return super()._match(answer, options)


# What each objection type is about, to explain a wrong classification.
_TYPE_ABOUT = {
    "need": N_("whether the customer needs the product at all"),
    "price": N_("whether the product is worth its price"),
    "product": N_("the product itself: quality, design, fit, features"),
    "source": N_("who supplies it: our firm, its brand, its origin or distance"),
    "salesperson": N_("the salesperson or the firm's people, not the product"),
    "timing": N_("when to buy, not whether to buy"),
    "financial": N_("whether the customer can pay at all, whatever the worth"),
    "authority": N_("who decides: the speaker cannot decide alone"),
}

# Typical confusions between types, named as misconceptions.
_CONFUSIONS = {
    ("price", "financial"): N_("price vs financial: a financial objection says the customer cannot "
                            "pay, however good the price; a price objection says it is not worth it"),
    ("financial", "price"): N_("price vs financial: this customer says it is not worth the price, "
                            "not that they cannot pay"),
    ("authority", "financial"): N_("financial vs authority: the speaker is not short of money but of "
                                "the power to decide"),
    ("financial", "authority"): N_("authority vs financial: nobody else has to decide; the money is "
                                "missing"),
    ("timing", "need"): N_("need vs timing: the customer does not reject the need, only the moment"),
    ("need", "timing"): N_("timing vs need: the customer doubts the need itself, not the moment"),
    ("source", "product"): N_("product vs source: the doubt is about who supplies it, not what it is"),
    ("product", "source"): N_("source vs product: the doubt is about the product, not the supplier"),
    ("salesperson", "source"): N_("source vs salesperson: the complaint is about a person, not the firm"),
    ("source", "salesperson"): N_("salesperson vs source: the doubt is about the firm or brand, not "
                               "the person in front of them"),
}


# --------------------------------------------------------------------------------------------
@register("objections.classify_statement", chapter=CHAPTER,
          title=N_("What type of objection is this?"))
class ClassifyStatement(_NamesAccepted, ChoiceExercise):
    """Choice: classify a customer's statement into one of the eight objection types."""

    hint = ("Ask what the customer would need to hear to drop the objection: a reason to need it, "
            "a reason it is worth the price, a way to pay, the decider's agreement…")

    def _row(self):
        cat = _catalogue(self.world)
        return cat.iloc[int(_rng(self.world, 1).integers(len(cat)))]

    @property
    def prompt(self) -> str:
        row = self._row()
        return _("A customer says: **“{statement}”** ({statement_zh})\n\n"
                 "Which type of objection (客户异议的类型) is this?").format(
            statement=row["statement"], statement_zh=row["statement_zh"])

    def options(self) -> list[str]:
        return [_label(terms.OBJECTION_TYPES, t) for t in terms.english(terms.OBJECTION_TYPES)]

    def solution(self) -> str:
        return _label(terms.OBJECTION_TYPES, str(self._row()["type"]))

    def explanations(self) -> dict[str, str]:
        right = str(self._row()["type"])
        out = {}
        for t in terms.english(terms.OBJECTION_TYPES):
            label = _label(terms.OBJECTION_TYPES, t)
            if t == right:
                zh = language() == "zh"
                out[label] = _("Yes: {an_objection} ({chinese}) is about {about}. {why}").format(
                    an_objection=_zh(terms.OBJECTION_TYPES, t) if zh else with_article(t + " objection"),
                    chinese=t if zh else terms.chinese(terms.OBJECTION_TYPES, t),
                    about=_type_about(t), why=_(self._row()["why"]))
            else:
                mix = _CONFUSIONS.get((right, t))
                out[label] = (_("{An_objection} is about {about}; this one is about {right}.").format(
                    An_objection=_zh(terms.OBJECTION_TYPES, t) if language() == "zh"
                    else with_article(t + " objection", capital=True), about=_type_about(t),
                    right=_type_about(right))
                    + (_(" A common mix-up — {mix}.").format(mix=_(mix)) if mix else ""))
        return out


# --------------------------------------------------------------------------------------------
@register("objections.best_method", chapter=CHAPTER,
          title=N_("Pick the best method for an objection"))
class BestMethod(_NamesAccepted, ChoiceExercise):
    """Choice: the best handling method for a catalogue statement, with the reasons."""

    hint = ("First decide whether the objection is true, false, vague or minor: a false fact can "
            "be corrected, a true weakness must be compensated, a vague one needs questions.")

    def _row(self):
        cat = _catalogue(self.world)
        return cat.iloc[int(_rng(self.world, 2).integers(len(cat)))]

    @property
    def prompt(self) -> str:
        row = self._row()
        return _("A customer raises {an_objection} ({chinese}): **“{statement}”** "
                 "({statement_zh})\n\nWhich method of handling it (处理客户异议的方法) fits "
                 "best?").format(an_objection=_zh(terms.OBJECTION_TYPES, str(row["type"]))
                                 if language() == "zh" else with_article(str(row["type"]) + " objection"),
                                 chinese=str(row["type"]) if language() == "zh"
                                 else terms.chinese(terms.OBJECTION_TYPES, str(row["type"])),
                                 statement=row["statement"], statement_zh=row["statement_zh"])

    def options(self) -> list[str]:
        return [_label(terms.OBJECTION_METHODS, m) for m in terms.english(terms.OBJECTION_METHODS)]

    def solution(self) -> str:
        return _label(terms.OBJECTION_METHODS, str(self._row()["best_method"]))

    def explanations(self) -> dict[str, str]:
        row = self._row()
        best = str(row["best_method"])
        fitting = [m.strip() for m in str(row["fitting_methods"]).split(";")]
        out = {}
        for m in terms.english(terms.OBJECTION_METHODS):
            label = _label(terms.OBJECTION_METHODS, m)
            s = ob.score_response(row, m)
            _what, when, _line, risk = ob.METHOD_GUIDE[m]
            why = _(row["why"])
            if m == best:
                out[label] = _("Yes. {why}").format(why=why)
            elif m in fitting:
                out[label] = _("{Method} would work, but it is not the best here: {best} fits "
                               "better. {why}").format(Method=_zh(terms.OBJECTION_METHODS, m).capitalize()
                                                       if language() != "zh" else _zh(terms.OBJECTION_METHODS, m),
                                                       best=_zh(terms.OBJECTION_METHODS, best), why=why)
            else:
                broken = (_(" It breaks a principle: {principles}.").format(
                    principles=_(", ").join(_zh(ob.PRINCIPLES, p) for p in s.broken))
                          if s.broken else "")
                when, risk = _(when), _(risk)
                if language() != "zh":
                    when = when[0].lower() + when[1:]
                out[label] = _("{Method} fits when {when} Here: {risk}{broken}").format(
                    Method=m.capitalize() if language() != "zh" else _zh(terms.OBJECTION_METHODS, m),
                    when=when, risk=risk, broken=broken)
        return out


# --------------------------------------------------------------------------------------------
# (objection_id, reply): replies that each break at least one principle.
_REPLIES = (
    (5, N_("Nonsense — our machines are better than theirs. Sign today and I'll add a free service.")),
    (29, N_("Obviously you should know your boss will agree. Let's sign it now.")),
    (18, N_("You're wrong, I have sold these machines for years.")),
    (1, N_("Anyway, let's move on to the price list.")),
    (9, N_("That's wrong, and you don't understand how to use it.")),
    (25, N_("Actually that is not true, every firm has a budget. Sign today.")),
)


@register("objections.principles_broken", chapter=CHAPTER,
          title=N_("Which principles does this reply break?"))
class PrinciplesBroken(MultiChoiceExercise):
    """Multi-choice: the principles of objection handling that a salesperson's reply breaks."""

    hint = ("Read the reply as the customer hears it: does it contradict, embarrass, press, or "
            "brush the objection aside?")

    def _pair(self):
        cat = _catalogue(self.world).set_index("objection_id", drop=False)
        oid, reply = _REPLIES[int(_rng(self.world, 3).integers(len(_REPLIES)))]
        return cat.loc[oid], reply

    @property
    def prompt(self) -> str:
        row, reply = self._pair()
        return _("The customer says: **“{statement}”** ({statement_zh})\n\n"
                 "The salesperson answers: **“{reply}”**\n\n"
                 "Which principles of handling objections (处理客户异议的原则) does the answer "
                 "break? Tick all that apply.").format(statement=row["statement"],
                                                       statement_zh=row["statement_zh"], reply=_(reply))

    def options(self) -> list[str]:
        return [_label(ob.PRINCIPLES, p) for p in terms.english(ob.PRINCIPLES)]

    def solution(self) -> list[str]:
        row, reply = self._pair()
        broken = set(ob.score_response(row, reply).broken)
        return [_label(ob.PRINCIPLES, p) for p in terms.english(ob.PRINCIPLES) if p in broken]

    def explanations(self) -> dict[str, str]:
        row, reply = self._pair()
        score = ob.score_response(row, reply)
        why = {
            "prepare in advance": N_("Preparation happens before the visit; one reply cannot show "
                                  "whether the salesperson prepared — judge what is said."),
            "pick the right moment": N_("Pressing for a signature while the doubt is still open is "
                                     "the wrong moment."),
            "never argue": N_("Contradicting the customer (“nonsense”, “you're wrong”, flat denial of "
                           "an opinion) turns the talk into an argument."),
            "leave the customer face": N_("Words like “obviously” or “you don't understand” make "
                                       "the customer look ignorant."),
            "treat objections as buying signals": N_("Brushing a real objection aside throws away "
                                                  "the signal that the customer is thinking of "
                                                  "buying."),
        }
        out = {}
        for p in terms.english(ob.PRINCIPLES):
            label = _label(ob.PRINCIPLES, p)
            if p in score.broken:
                out[label] = _("Broken: {why}").format(why=_(why[p]))
            else:
                out[label] = _("Not broken here. {why}").format(why=_(PRINCIPLE_KEPT.get(p, why[p])))
        return out


PRINCIPLE_KEPT = {
    "pick the right moment": N_("The answer does not press for a decision."),
    "never argue": N_("The answer does not contradict the customer."),
    "leave the customer face": N_("Nothing in the answer makes the customer look foolish."),
    "treat objections as buying signals": N_("The answer engages with the objection rather than "
                                          "brushing it off."),
}


# --------------------------------------------------------------------------------------------
@register("objections.complaint_steps", chapter=CHAPTER,
          title=N_("Order the actions of a complaint case"))
class ComplaintSteps(OrderingExercise):
    """Ordering: concrete actions on the case-study complaint, in the six-stage order."""

    hint = ("Match each action to one of the six stages (投诉处理六阶段): listen, analyse the "
            "cause, find a solution, tell the customer, handle it, review the result.")

    def _case(self):
        case = ob.claim_case(self.world.complaints, self.world.accounts)
        cp = self.world.complaints.set_index("complaint_id")
        return case, cp.loc[case.complaint_id]

    @property
    def prompt(self) -> str:
        case, c = self._case()
        head = _("Key account #{customer} complains: **{category}**, severity {severity}").format(
            customer=case.customer_id, category=_(str(c["category"])), severity=_(str(c["severity"])))
        claim = (_(", claiming CNY {amount:,.0f} (索赔)").format(amount=c["claim_amount"])
                 if c["is_claim"] else "")
        return head + claim + _(". Put Ms Gao's actions in the order of the six-stage complaint "
                                "process: first action in row 1.")

    def _actions(self):
        _case, c = self._case()
        share = ob.complaint_pareto(self.world.complaints).set_index("category")
        s = share.loc[str(c["category"]), "share"]
        return [
            (_("Let the customer's buyer explain the problem without interrupting, and write down "
               "what happened and what they ask for"), "listen to the complaint"),
            (_("Check how common '{category}' complaints are across all customers "
               "({share} of complaints) and trace the root cause").format(
                category=_(str(c["category"])), share=_pct(s)), "analyse the cause"),
            (_("Choose a remedy and a deadline, looking at what kept customers after similar "
               "complaints"), "find a solution"),
            (_("Phone the buyer to agree the remedy and the date before doing anything"),
             "tell the customer"),
            (_("Carry out the remedy, settle the claim and confirm it is done") if c["is_claim"]
             else _("Carry out the remedy and confirm it is done"), "handle it"),
            (_("Call back after the fix, check satisfaction, and change the process so it does not "
               "happen again"), "review the result"),
        ]

    def solution(self) -> list[str]:
        return [a for a, _stage in self._actions()]

    def explanations(self) -> dict[str, str]:
        out = {}
        for k, (a, stage) in enumerate(self._actions(), start=1):
            out[a] = _("this action is stage {k}, “{stage}” ({chinese}).").format(
                k=k, stage=stage, chinese=terms.chinese(terms.COMPLAINT_STAGES, stage))
        out[""] = _("Listen, analyse the cause, find a solution, tell the customer, handle it, "
                    "review the result: the customer hears the plan before it is carried out, and "
                    "the review closes the loop.")
        return out


# --------------------------------------------------------------------------------------------
@register("objections.first_cause_to_fix", chapter=CHAPTER,
          title=N_("Explore: which complaint cause to fix first?"))
class FirstCauseToFix(_NamesAccepted, ExploreExercise):
    """Explore: the complaint Pareto chart by count or by amount claimed; name the first cause."""

    figsize = (8.0, 4.2)
    prompt = ("The Pareto chart (帕累托图) sorts complaint causes from the largest down; the line "
              "adds them up. Switch between counting complaints and summing the amounts claimed "
              "(索赔), and move the cut-off to see which causes make the “vital few”.")
    question = ("The quality team can tackle one cause this year and wants the fewest "
                "complaints. Which cause should it fix first?")
    hint = "Count complaints, not money: read the tallest bar of the chart by number of complaints."

    def _table(self, measure="complaints", cutoff=0.8):
        value = None if measure == "complaints" else measure
        return ob.complaint_pareto(self.world.complaints, value=value, cutoff=cutoff)

    def controls(self) -> dict:
        import ipywidgets as W
        return {
            "measure": W.Dropdown(options=[(_("number of complaints"), "complaints"),
                                           (_("amount claimed"), "claim_amount")],
                                  value="complaints", description=_("Measure")),
            "cutoff": W.FloatSlider(value=0.8, min=0.5, max=0.95, step=0.05,
                                    description=_("Cut-off"), readout_format=".0%"),
        }

    def table(self, measure="complaints", cutoff=0.8) -> pd.DataFrame:
        t = self._table(measure, cutoff)
        col = "complaints" if measure == "complaints" else "claim_amount"
        zh = language() == "zh"
        return pd.DataFrame({_("cause"): t["chinese"] if zh else t["category"],
                             ("English" if zh else "中文"): t["category"] if zh else t["chinese"],
                             (_("complaints") if col == "complaints" else _("claimed (CNY)")): t[col],
                             _("share"): (t["share"] * 100).round(1).astype(str) + "%",
                             _("cumulative"): (t["cumulative_share"] * 100).round(1).astype(str) + "%",
                             _("vital few"): t["vital_few"].map({True: _("yes"), False: ""})})

    def draw(self, ax, measure="complaints", cutoff=0.8) -> None:
        from ..plots import complaint_pareto_chart
        complaint_pareto_chart(self.world.complaints, ax=ax,
                               value=None if measure == "complaints" else measure, cutoff=cutoff)

    def options(self) -> list[str]:
        return [_label(terms.COMPLAINT_CATEGORIES, c)
                for c in terms.english(terms.COMPLAINT_CATEGORIES)]

    def solution(self) -> str:
        return _label(terms.COMPLAINT_CATEGORIES, str(self._table()["category"].iloc[0]))

    def explanations(self) -> dict[str, str]:
        count = self._table().set_index("category")
        money = self._table("claim_amount").set_index("category")
        first = count.index[0]
        top_money = money.index[0]
        claims = ob.claims_summary(self.world.complaints).set_index("category")
        top_rate = claims["claim_rate"].idxmax()
        out = {}
        for c in terms.english(terms.COMPLAINT_CATEGORIES):
            label = _label(terms.COMPLAINT_CATEGORIES, c)
            n = int(count.loc[c, "complaints"]) if c in count.index else 0
            share = float(count.loc[c, "share"]) if c in count.index else 0.0
            if c == first:
                out[label] = _("Yes: {cause} causes {complaints}, {share} of all — the "
                               "tallest bar, so fixing it removes the most complaints. The vital "
                               "few come first.").format(cause=_zh(terms.COMPLAINT_CATEGORIES, c),
                                                         complaints=_complaints(n), share=_pct(share))
                continue
            text = _("{cause} causes {complaints} ({share}), fewer than {first} ({first_share}).").format(
                cause=_zh(terms.COMPLAINT_CATEGORIES, c), complaints=_complaints(n), share=_pct(share),
                first=_zh(terms.COMPLAINT_CATEGORIES, first),
                first_share=_pct(float(count.loc[first, "share"])))
            if c == top_money:
                text += _(" It leads by amount claimed, but the question counts complaints: "
                          "money and frequency are different Pareto charts.")
            elif c == top_rate:
                text += _(" It has the highest claim rate, but a high rate on few complaints is "
                          "not the largest cause.")
            out[label] = text
        return out


def _complaints(n: int) -> str:
    return _("{n} complaints").format(n=n) if language() == "zh" else plural(n, "complaint")


# --------------------------------------------------------------------------------------------
@register("objections.silent_churn", chapter=CHAPTER,
          title=N_("How often do silent customers churn?"))
class SilentChurn(NumericExercise):
    """Numeric: the churn rate of customers who never complained (the silent-customer warning)."""

    unit = "share"
    hint = ("Count each customer's complaints (customers with none do not appear in the "
            "complaints table at all); keep the customers with zero; take the share of them "
            "with churned = True.")

    @property
    def prompt(self) -> str:
        n = len(self.world.customers)
        return _("“If you hear no complaints, the relationship is going downhill.” Test it. Of our "
                 "{n:,} customers, take those who **never complained** in {period}. What share "
                 "of them churned (流失) by the as-of date? Type a share such as 0.25 or 25%.").format(
            n=n, period=self.period)

    def _test(self) -> pd.DataFrame:
        if not hasattr(self, "_cache"):
            self._cache = ob.silent_customer_test(self.world.customers,
                                                  self.world.complaints).set_index("group")
        return self._cache

    def solution(self) -> float:
        return float(self._test().loc["never complained", "churn_rate"])

    def explanation(self) -> str:
        t = self._test()
        return _("Silent customers churn at {silent}, customers whose complaints "
                 "were all resolved at {resolved}: a "
                 "customer who complains and is answered well stays; silence often means the "
                 "customer has stopped talking to us.").format(
            silent=_pct(self.solution()), resolved=_pct(float(t.loc["all resolved", "churn_rate"])))

    def misconceptions(self) -> list[Misconception]:
        t = self._test()
        c = self.world.customers
        complainers = t.loc[["all resolved", "some unresolved"]]
        return [
            Misconception(_("the churn rate of all customers"), float(c["churned"].mean()),
                          _("That is churn over every customer; the question keeps only those who "
                          "never complained.")),
            Misconception(_("the wrong group: complaints all resolved"),
                          float(t.loc["all resolved", "churn_rate"]),
                          _("That is the group whose complaints were all resolved; silent "
                          "customers are those with no complaint at all.")),
            Misconception(_("the churn rate of customers who complained"),
                          float(complainers["churned"].sum() / complainers["customers"].sum()),
                          _("You took the customers who did complain; the question asks about "
                          "those who never did.")),
            Misconception(_("the share of silent customers instead of their churn rate"),
                          float(t.loc["never complained", "customers"] / len(c)),
                          _("That is how many customers never complained; the question asks what "
                          "share of them churned.")),
            Misconception(_("a share of the churned customers"),
                          float(t.loc["never complained", "churned"] / max(1, c["churned"].sum())),
                          _("You divided by all churned customers (what share of churners were "
                          "silent); the churn rate divides by the silent customers.")),
        ]


# --------------------------------------------------------------------------------------------
def _plan_label(plan) -> str:
    return " → ".join(_zh(terms.OBJECTION_METHODS, m) for m in plan)


@register("objections.roleplay_plan", chapter=CHAPTER,
          title=N_("Role-play: which plan wins the sale?"))
class RolePlayPlan(ChoiceExercise):
    """Choice: of several plans for a role-play conversation, the one that ends in a sale.

    Each plan is played in the simulator (:class:`casekit.roleplay.RolePlay`); the wrong plans all
    end in a loss, and their feedback is the simulator's account of how the conversation went.
    """

    hint = ("Take the objections one at a time: for each, which method does the objections "
            "catalogue call best, and does any plan break a principle on the way?")

    def roleplay(self) -> rpm.RolePlay:
        """A fresh role-play of this exercise's scenario (to play it turn by turn)."""
        keys = list(rpm.SCENARIOS)
        seed = int(getattr(self.world, "seed", 0) or 0)
        return rpm.RolePlay(keys[seed % len(keys)], seed=seed, objections=_catalogue(self.world))

    def _plans(self) -> dict[str, tuple[str, str]]:
        """label → (outcome text, misconception name or '') for the plans offered."""
        if hasattr(self, "_cache"):
            return self._cache
        rp = self.roleplay()
        best = rp.best_responses()
        n = len(best)
        fitting = [[m.strip() for m in str(o["fitting_methods"]).split(";")] for o in rp.objections]
        second = [f[1] if len(f) > 1 else f[0] for f in fitting]
        poor = [next(m for m in ("questioning", "compensation", "indirect denial",
                                 "turning it around", "direct denial", "ignoring") if m not in f)
                for f in fitting]
        candidates = [
            (N_("a good start that slips"), best[: n // 2] + poor[n // 2:]),
            (N_("second-best answers with a slip"), [poor[0]] + second[1:]),
            (N_("a weak start"), poor[:2] + best[2:]),
            (N_("always correcting the customer"), ["direct denial"] * n),
            (N_("always giving in"), ["compensation"] * n),
            (N_("one method for every objection"), ["questioning"] * n),
            (N_("brushing objections off"), ["ignoring"] * n),
        ]
        plans = {}
        rp.reset()
        rp.play(best)
        plans[_plan_label(best)] = (rp.outcome(), "")
        for name, plan in candidates:
            rp.reset()
            rp.play(plan)
            label = _plan_label(plan)
            if rp.status == "loss" and label not in plans:
                plans[label] = (rp.outcome(), name)
            if len(plans) == 4:
                break
        self._cache = plans
        return plans

    @property
    def prompt(self) -> str:
        rp = self.roleplay()
        s = rp.scenario
        zh = language() == "zh"
        lines = "\n".join(f"{k}. ({_zh(terms.OBJECTION_TYPES, str(o['type']))}) "
                          f"“{o['statement_zh'] if zh and o.get('statement_zh') else o['statement']}”"
                          for k, o in enumerate(rp.objections, start=1))
        return _("**{title}.** You sell {product} to {customer}. {context}\n\n"
                 "The customer will raise these objections, in this order:\n{lines}\n\n"
                 "Each plan below gives your method for each objection in turn. Which plan ends "
                 "in a sale in the role-play simulator (trust of at least "
                 "{sale_at} after the last objection, never falling to {walk_out_at})?").format(
            title=_(s.title), product=_(s.product), customer=_(s.customer), context=_(s.context),
            lines=lines, sale_at=rpm.SALE_AT, walk_out_at=rpm.WALK_OUT_AT)

    def options(self) -> list[str]:
        labels = sorted(self._plans())
        order = _rng(self.world, 7).permutation(len(labels))
        return [labels[i] for i in order]

    def solution(self) -> str:
        return _plan_label(self.roleplay().best_responses())

    def explanations(self) -> dict[str, str]:
        out = {}
        for label, (outcome, name) in self._plans().items():
            out[label] = outcome if not name else _("This plan is “{name}”. {outcome}").format(
                name=_(name), outcome=outcome)
        return out
