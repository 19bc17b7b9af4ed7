"""Exercises for chapter 7, key accounts and big-customer service (关键客户与大客户管理).

Used by ``exercises/07_key_accounts.ipynb``.  Every answer is computed with
:mod:`casekit.key_accounts` from the world the exercise is built on, so each exercise works for any
seed and size.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import key_accounts as K
from .. import tiering as T
from .. import i18n
from .._format import pct as _pct
from ..i18n import N_, _
from .engine import (
    ChoiceExercise,
    ExploreExercise,
    Misconception,
    NumericExercise,
    OrderingExercise,
    register,
)

__all__ = ["PlaceInMatrix", "MostCommonLoss", "WarriorOrder", "BrokenDuty", "TierHours",
           "MissingPlanElement", "KeyTierTime"]

_QUAD = {q[0]: q for q in K.FOCUS_QUADRANTS}


def _label_quadrant(key: str) -> str:
    q = _QUAD[key]
    return q[1] if i18n.language() == "zh" else f"{q[1]} {key}"


class _Cands:
    """Mixin: the key-account candidates of the exercise's world, computed once."""

    def cands(self) -> pd.DataFrame:
        if not hasattr(self, "_cands"):
            self._cands = K.candidates(self.world)
        return self._cands


# --------------------------------------------------------------------------------------------
@register("key_accounts.place_in_matrix", chapter=7,
          title=N_("Place an account in the strategic-focus matrix"))
class PlaceInMatrix(_Cands, ChoiceExercise):
    """Choose one: the cell of the strategic-focus matrix for the candidate closest to a border."""

    hint = ("Attractiveness (吸引力) decides high or low, relationship position (关系定位) strong or "
            "weak; each is high / strong at a score of 3 or more.")

    def _account(self) -> pd.Series:
        c = self.cands()
        # the candidate closest to the cut on both criteria, yet off it (a border case)
        d = (c["attractiveness"] - 3).abs() + (c["relationship"] - 3).abs()
        off = (c["attractiveness"] != 3) & (c["relationship"] != 3)
        i = d.where(off, np.inf).sort_values(kind="stable").index[0]
        return c.loc[i]

    @property
    def prompt(self) -> str:
        r = self._account()
        return _("Account #{id} scores **{a:.2f}** on attractiveness (吸引力, mean of six items) and "
                 "**{r:.2f}** on relationship position (关系定位, mean of eight items), each on a 1–5 "
                 "scale. A score of 3 or more is high (attractiveness) or strong (relationship). In "
                 "which cell of the strategic-focus matrix (战略关注水平) does it belong?").format(
            id=int(r["customer_id"]), a=r["attractiveness"], r=r["relationship"])

    def options(self) -> list[str]:
        return [_label_quadrant(q[0]) for q in K.FOCUS_QUADRANTS]

    def solution(self) -> str:
        return _label_quadrant(str(self._account()["focus"]))

    def explanations(self) -> dict[str, str]:
        r = self._account()
        hi_a, hi_r = r["attractiveness"] >= 3, r["relationship"] >= 3
        where = _("attractiveness {a:.2f} is {high}, relationship {r:.2f} is {strong}").format(
            a=r["attractiveness"], high=i18n.pgettext("level", "high") if hi_a else i18n.pgettext("level", "low"),
            r=r["relationship"], strong=i18n.pgettext("level", "strong") if hi_r else i18n.pgettext("level", "weak"))
        out = {}
        for key, zh, meaning, action in K.FOCUS_QUADRANTS:
            text = _("{zh} {key} = {meaning} ({action}).").format(
                zh=zh, key="" if i18n.language() == "zh" else key,
                meaning=_(meaning.split(": ", 1)[1]), action=_(action)).replace("  ", " ")
            if _label_quadrant(key) == self.solution():
                out[_label_quadrant(key)] = _("Right: {where}. {text}").format(where=where, text=text)
            else:
                swapped = {"target": "maintain", "maintain": "target"}.get(key)
                note = (_(" Axes swapped? Attractiveness is the row, relationship the column.")
                        if swapped and _label_quadrant(swapped) == self.solution() else "")
                out[_label_quadrant(key)] = _("Here {where}; {text}{note}").format(
                    where=where, text=text, note=note)
        return out


# --------------------------------------------------------------------------------------------
@register("key_accounts.most_common_loss", chapter=7,
          title=N_("Why key accounts fail: the most common cause in the data"))
class MostCommonLoss(ChoiceExercise):
    """Choose one: the most common main cause in the key-account file."""

    hint = ("Count the lost accounts per `loss_reason` in `key_accounts.account_history(world)` — "
            "or use `key_accounts.loss_reasons`.")
    prompt = ("The key-account file (`key_accounts.account_history(world)`) records every key "
              "account the firm has run over the last five years, and for each lost one its main "
              "cause (关键客户：为什么会失败?). Which cause is the most common?")

    def _reasons(self) -> pd.DataFrame:
        if not hasattr(self, "_cache"):
            self._cache = K.loss_reasons(K.account_history(self.world))
        return self._cache

    def options(self) -> list[str]:
        return [i18n.translate(r, "value") for r in K.LOSS_REASONS]

    def solution(self) -> str:
        return i18n.translate(str(self._reasons()["reason"].iloc[0]), "value")

    def explanations(self) -> dict[str, str]:
        r = self._reasons().set_index("reason")
        out = {}
        for reason in K.LOSS_REASONS:
            share = r.loc[reason, "share"]
            shown = i18n.translate(reason, "value")
            named = f"“{shown}”" if i18n.language() == "zh" else f"“{reason}” ({r.loc[reason, 'reason_zh']})"
            out[shown] = _("{reason} is the main cause of {share} of losses.").format(
                reason=named, share=_pct(share))
        top = self.solution()
        out[top] += _(" S4 says the same: a change of key people is the most common cause — so know "
                      "several people at several levels.")
        out[i18n.translate("price", "value")] += _(
            " Price is the first guess of many sellers, but S4 says losses are rarely about price, "
            "and the file agrees.")
        return out


# --------------------------------------------------------------------------------------------
@register("key_accounts.warrior_order", chapter=7,
          title=N_("Order the steps of expanding a key account (勇士)"))
class WarriorOrder(OrderingExercise):
    """Ordering: the chapter's process, with the two stages of the 勇士 system the extract keeps."""

    prompt = ("Put the steps of winning and growing a key account in order, as this chapter "
              "teaches them. The “勇士” sales-strategy system (拓展关键客户全过程) supplies the "
              "research (研究) and analysis (分析) stages; its later stages are not in the sources.")
    hint = "You cannot analyse what you have not researched, and the plan comes from the analysis."

    def solution(self) -> list[str]:
        return [_("identify the key accounts (确定你的关键客户)"),
                _("score attractiveness, potential and relationship (3个关键标准)"),
                _("research: background, views, data, market information (研究)"),
                _("analysis: positioning, SWOT, key contacts, competition (分析)"),
                _("write the account plan (客户计划)"),
                _("monitor satisfaction and review the plan (监控客户的满意度)")]

    def explanations(self) -> dict[str, str]:
        s = self.solution()
        return {s[0]: _("First decide which accounts are key: the six points and the 10%/60% rule."),
                s[1]: _("Scoring the three criteria places the account in the focus matrix."),
                s[2]: _("勇士 starts with research: missing information, customer background, its views, "
                        "data, your knowledge, market information."),
                s[3]: _("Analysis (分析) works on what research found: positioning, strengths, "
                        "weaknesses, opportunities, threats, key contacts, authority."),
                s[4]: _("The plan turns the analysis into objectives, forecasts and actions."),
                s[5]: _("A plan is kept alive: monitoring satisfaction is one of the duties to the own "
                        "firm."),
                "": _("Identify → score → research → analyse → plan → monitor.")}


# --------------------------------------------------------------------------------------------
def _duty_options():
    picks = [K.DUTIES_TO_FIRM[3], K.DUTIES_TO_FIRM[7], K.KAM_PRINCIPLES[5],
             K.DUTIES_TO_CUSTOMER[0], K.KAM_PRINCIPLES[6], K.DUTIES_TO_FIRM[9]]
    return [p[1] if i18n.language() == "zh" else f"{p[1]} ({p[2]})" for p in picks]


@register("key_accounts.broken_duty", chapter=7,
          title=N_("Which KAM duty or principle does the account team break?"))
class BrokenDuty(_Cands, ChoiceExercise):
    """Choose one: a scenario built from one account of the data; which duty or principle is broken."""

    hint = ("Read the scenario for what the team *did not do*, then find the duty (职责) or "
            "principle (管理原则) that asks exactly that.")

    def _scenario(self):
        c = self.cands().sort_values("customer_id", kind="stable")
        one = c[(c["contact_levels"] <= 1) & c["key_contact_left"]]
        if len(one):
            r = one.iloc[0]
            return (_("Account #{id}: for years the account team spoke only to one buyer there "
                      "(contacts at one level). That buyer has just changed job, and nobody else at "
                      "the customer knows us.").format(id=int(r["customer_id"])), 0)
        low = c[c["annual_profit"] < 0]
        if len(low):
            r = low.iloc[0]
            return (_("Account #{id}: the team proudly reports high satisfaction scores, but the "
                      "account lost money last year (profit {profit:,.0f} CNY) after discounts and "
                      "service.").format(id=int(r["customer_id"]), profit=r["annual_profit"]), 2)
        r = c.iloc[0]
        return (_("Account #{id}: nobody has asked the customer how satisfied it is for two years; "
                  "the team only counts orders.").format(id=int(r["customer_id"])), 1)

    @property
    def prompt(self) -> str:
        return self._scenario()[0] + _(" Which duty or principle of key-account management did the "
                                       "team break?")

    def options(self) -> list[str]:
        return _duty_options()

    def solution(self) -> str:
        return _duty_options()[self._scenario()[1]]

    def explanations(self) -> dict[str, str]:
        o = _duty_options()
        return {
            o[0]: _("Duty to the own firm 4: build relationships systematically, at several levels — "
                    "so one person leaving cannot cost the account."),
            o[1]: _("Duty to the own firm 8: monitor customer satisfaction — not just orders."),
            o[2]: _("Principle 6: link customer satisfaction to profit — a satisfied account that "
                    "loses money is not a success."),
            o[3]: _("Duty to the customer 1: champion the customer inside your own firm — not what "
                    "the scenario is about."),
            o[4]: _("Principle 7: measure what matters — close, but the scenario names something "
                    "more specific."),
            o[5]: _("Duty to the own firm 10: coordinate the firm's work — not what went wrong here."),
        }


# --------------------------------------------------------------------------------------------
_BUCKETS = (10, 15, 20, 25, 30, 35, 40, 45, 50)


def _bucket(x: float) -> str:
    for b in _BUCKETS:
        if x <= b / 100 + 1e-9:
            return f"{b}%"
    return _("more than 50%")


@register("key_accounts.tier_hours", chapter=7,
          title=N_("Explore: allocate account-team hours across the tiers"))
class TierHours(ExploreExercise):
    """Explore: sliders give each tier its share of the hours; the chart compares with the standard."""

    prompt = ("The account team has the same hours as today (all customers' yearly service "
              "hours). Sliders give platinum (铂金客户, led by the general manager), gold (黄金客户) "
              "and iron (铁客户) their share of those hours; lead (铅客户) gets the rest. The chart "
              "shows, per tier, the hours given as a share of what the service standard needs "
              "(`key_accounts.SERVICE_LEVELS`); green tiers meet it. Customers are tiered by profit.")
    question = ("What is the smallest share of all hours (in steps of 5 points) that the "
                "**platinum** tier needs to meet its standard?")
    hint = "Set gold and iron low, then raise platinum step by step until its bar reaches 100%."

    def plan(self) -> pd.DataFrame:
        if not hasattr(self, "_plan"):
            self._plan = K.service_plan(T.customer_values(self.world), value="profit")
        return self._plan

    def controls(self) -> dict:
        import ipywidgets as W
        style = {"description_width": "initial"}
        lay = W.Layout(width="280px")
        return {"platinum": W.IntSlider(value=15, min=0, max=60, step=5, description=_("Platinum (%)"),
                                        style=style, layout=lay),
                "gold": W.IntSlider(value=25, min=0, max=60, step=5, description=_("Gold (%)"),
                                    style=style, layout=lay),
                "iron": W.IntSlider(value=25, min=0, max=60, step=5, description=_("Iron (%)"),
                                    style=style, layout=lay)}

    def _alloc(self, platinum, gold, iron):
        p, g, i = platinum / 100, gold / 100, iron / 100
        rest = 1 - p - g - i
        if rest < -1e-9:
            scale = p + g + i
            p, g, i, rest = p / scale, g / scale, i / scale, 0.0
        return K.allocate_hours(self.plan(), shares={"platinum": p, "gold": g, "iron": i,
                                                     "lead": max(rest, 0.0)})

    def table(self, platinum=15, gold=25, iron=25) -> pd.DataFrame:
        a = self._alloc(platinum, gold, iron)
        return pd.DataFrame({"tier": [i18n.translate(str(t), "tier") for t in a["tier"]],
                             "accounts": a["accounts"],
                             _("share of hours"): a["share"].map(_pct),
                             _("hours"): a["hours"].round(0).astype("int64"),
                             _("hours per account"): a["hours_per_account"].round(1),
                             _("standard per account"): a["standard_per_account"].round(0),
                             _("meets standard"): a["meets_standard"].map(
                                 {True: i18n.pgettext("chart", "yes"), False: i18n.pgettext("chart", "no")})})

    def draw(self, ax, platinum=15, gold=25, iron=25) -> None:
        from ..plots.key_accounts import coverage_chart
        coverage_chart(self._alloc(platinum, gold, iron), ax=ax)

    def _needed(self) -> float:
        p = self.plan()
        plat = p.set_index("tier").loc["platinum"]
        return float(plat["standard_hours"]) / float(p["hours_now"].sum())

    def options(self) -> list[str]:
        return [f"{b}%" for b in _BUCKETS] + [_("more than 50%")]

    def solution(self) -> str:
        return _bucket(math.ceil(self._needed() * 20 - 1e-9) / 20)

    def explanations(self) -> dict[str, str]:
        need = self._needed()
        p = self.plan().set_index("tier").loc["platinum"]
        total = float(self.plan()["hours_now"].sum())
        out = {}
        for o in self.options():
            share = 0.55 if o == _("more than 50%") else int(o.rstrip("%")) / 100
            per = share * total / max(int(p["accounts"]), 1)
            if o == self.solution():
                out[o] = _("Platinum needs {need} of all hours: its standard is {hours:,.0f} hours a "
                           "year per account, with the general manager's own hours — S4's key tier "
                           "takes 60% of the time.").format(need=_pct(need), hours=p["hours_per_account"])
            elif share < need:
                out[o] = _("With {o} of the hours each platinum account gets {per:,.0f} hours, less "
                           "than the standard's {hours:,.0f}.").format(o=o, per=per,
                                                                       hours=p["hours_per_account"])
            else:
                out[o] = _("{o} is enough, but not the smallest share: platinum meets its standard "
                           "with {need}.").format(o=o, need=_pct(need))
        return out


def _element(zh: str, en: str) -> str:
    """A plan element as an option: its Chinese name (and the English one in the English course)."""
    return zh if i18n.language() == "zh" else f"{zh} · {en}"


# --------------------------------------------------------------------------------------------
@register("key_accounts.missing_plan_element", chapter=7,
          title=N_("Fill the gap in an account plan"))
class MissingPlanElement(_Cands, ChoiceExercise):
    """Choose one: which of the ten elements of the account plan is missing?"""

    hint = "Read the contents: each of the ten elements (客户计划) answers its own question."

    def _pick(self):
        c = self.cands().sort_values(["focus", "customer_id"], kind="stable")
        key = c[c["focus"].astype(str) == "key"]
        r = (key if len(key) else c).iloc[0]
        cid = int(r["customer_id"])
        missing = K.PLAN_ELEMENTS[(cid * 7) % len(K.PLAN_ELEMENTS)][0]
        return cid, missing

    @property
    def prompt(self) -> str:
        cid, _missing = self._pick()
        return _("The table shows the account plan of account #{id}, built from the data by "
                 "`key_accounts.account_plan`. One of the ten elements is missing: its place is "
                 "empty. Which element is it?").format(id=cid)

    def data(self) -> pd.DataFrame:
        cid, missing = self._pick()
        plan = K.account_plan(self.world, cid, cands=self.cands())
        rows = []
        for n, (k, zh, en, lines) in enumerate(plan.elements, start=1):
            if k == missing:
                continue
            rows.append({_("no."): n, _("element"): _element(zh, en), _("content"): " ".join(lines)})
        return pd.DataFrame(rows)

    def options(self) -> list[str]:
        return [_element(zh, en) for _k, zh, en in K.PLAN_ELEMENTS]

    def solution(self) -> str:
        _cid, missing = self._pick()
        e = {k: (zh, en) for k, zh, en in K.PLAN_ELEMENTS}[missing]
        return _element(*e)

    def explanations(self) -> dict[str, str]:
        rows = {r[_("element")]: int(r[_("no.")]) for _i, r in self.data().iterrows()}
        out = {o: _("No: “{o}” is in the table, row {row}.").format(o=o, row=rows[o])
               for o in self.options() if o in rows}
        out[self.solution()] = _("Right: the ten elements run situation → business value → "
                                 "objectives → resources → revenue → products and services → "
                                 "strategy and actions → key strategic issues → competition → "
                                 "partnership; this one was missing.")
        return out


# --------------------------------------------------------------------------------------------
@register("key_accounts.key_tier_time", chapter=7,
          title=N_("The 10% / 60% rule: the key tier's share of time today"))
class KeyTierTime(NumericExercise):
    """Numeric: the share of all service hours the top 10% of customers (by last year's revenue) take."""

    unit = "share"
    hint = ("Rank customers by last year's revenue (`revenue_last` of `tiering.customer_values`), "
            "take the top 10%, add up their `service_hours` and divide by all service hours.")

    def values(self) -> pd.DataFrame:
        if not hasattr(self, "_values"):
            self._values = T.customer_values(self.world)
        return self._values

    @property
    def prompt(self) -> str:
        n = len(self.values())
        return _("S4: key accounts may be only 10% of customers but take 60% of your time "
                 "(他们可能仅占你们的客户总数的10%，但却占用你们60%的时间). Rank our {n:,} customers by "
                 "last year's revenue and take the top 10% ({top:,}). What share of all yearly "
                 "service hours do they take today? Type a share such as 0.45 or 45%.").format(
            n=n, top=math.ceil(0.1 * n - 1e-9))

    def _table(self):
        return K.ten_sixty(self.values(), value="revenue_last", time="service_hours").set_index("tier")

    def solution(self) -> float:
        return float(self._table().loc["key", "time_share"])

    def explanation(self) -> str:
        t = self._table()
        return _("They bring {share} of last year's revenue but get far less than S4's 60% of the "
                 "time: the firm spreads its hours too thin.").format(share=_pct(t.loc["key", "value_share"]))

    def misconceptions(self) -> list[Misconception]:
        t = self._table()
        return [Misconception(_("the 60% of the rule typed, not measured"), 0.60,
                              _("60% is what S4 advises; the question asks what the data show.")),
                Misconception(_("revenue share taken for time share"), float(t.loc["key", "value_share"]),
                              _("That is their share of revenue; add up their service hours instead.")),
                Misconception(_("share of customers taken for share of time"), 0.10,
                              _("10% is their share of customers."))]
