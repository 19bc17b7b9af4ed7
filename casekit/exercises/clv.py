"""Exercises for chapter 8, lifetime-value models (客户终身价值模型).

Used by ``exercises/08_lifetime_value_models.ipynb``.  Every answer is computed with
:mod:`casekit.clv` from the world the exercise is built on (its transactions, in weeks; the last
52 weeks held out), so each exercise works for any seed and size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import clv as C
from .._format import cny as _cny, pct as _pct
from ..i18n import N_, _
from .engine import ChoiceExercise, Misconception, MultiChoiceExercise, NumericExercise, register

__all__ = ["AliveOrNot", "TrackingRead", "WinBack", "ExpectedSpend"]


_BASES: dict[int, tuple] = {}  # id(world) -> (world, analysis): shared by the chapter's exercises


class _Base:
    """Mixin: the customer-base analysis of the exercise's world, computed once per world."""

    def base(self) -> C.CustomerBase:
        if not hasattr(self, "_base"):
            w = self.world
            hit = _BASES.get(id(w))
            if hit is None or hit[0] is not w:
                if len(_BASES) >= 4:
                    _BASES.pop(next(iter(_BASES)))
                hit = _BASES[id(w)] = (w, C.customer_base(w.transactions))
            self._base = hit[1]
        return self._base

    def repeaters(self) -> pd.DataFrame:
        v = self.base().values
        v = v[v["frequency"] > 0].copy()
        v["silence"] = v["T"] - v["recency"]
        return v


def _weeks(x: float) -> str:
    return _("{x:.0f} weeks").format(x=x)


# --------------------------------------------------------------------------------------------
@register("clv.alive_or_not", chapter=8, title=N_("Which of two customers is more likely alive?"))
class AliveOrNot(_Base, ChoiceExercise):
    """Choice: a frequent buyer gone quiet against an occasional buyer quiet as long."""

    hint = ("Silence means different things for different customers: ask how long this customer "
            "usually goes between purchases, and compare the silence with that.")

    def pair(self) -> pd.DataFrame:
        """A = the frequent buyer (top quarter by frequency) whose P(alive) is closest to 40%;
        B = an occasional buyer (bottom half) quiet about as long as A."""
        v = self.repeaters()
        hi = v[v["frequency"] >= v["frequency"].quantile(0.75)]
        a = hi.assign(d=(hi["p_alive"] - 0.4).abs()).sort_values(["d", "customer_id"]).iloc[0]
        lo = v[(v["frequency"] <= v["frequency"].quantile(0.5)) & (v["customer_id"] != a["customer_id"])]
        if lo.empty:
            lo = v[v["customer_id"] != a["customer_id"]]
        gap = (lo["silence"] - a["silence"]).abs()
        b = lo.assign(gap=gap).sort_values(["gap", "frequency", "customer_id"]).iloc[0]
        cols = ["customer_id", "frequency", "T", "recency", "silence", "p_alive"]
        out = pd.DataFrame([a[cols], b[cols]])
        out.index = ["A", "B"]
        return out

    @property
    def prompt(self) -> str:
        p = self.pair()
        rows = _("; ").join(
            _("customer {k} (no. {id}) made {n} repeat purchases in {weeks} since the first, the "
              "last {silence} ago").format(k=k, id=int(r["customer_id"]), n=int(r["frequency"]),
                                           weeks=_weeks(r["T"]), silence=_weeks(r["silence"]))
            for k, r in p.iterrows())
        return _("Two customers of our firm, seen to {end}: {rows}. Which is more likely still a "
                 "customer (P(alive), 客户存活概率, under the BG/NBD model fitted to all our "
                 "customers)?").format(end=self.base().holdout_end.date(), rows=rows)

    def options(self) -> list[str]:
        return [_("Customer A"), _("Customer B"), _("About the same (within 2 points)")]

    def solution(self) -> str:
        p = self.pair()["p_alive"]
        if abs(p["A"] - p["B"]) < 0.02:
            return _("About the same (within 2 points)")
        return _("Customer A") if p["A"] > p["B"] else _("Customer B")

    def explanations(self) -> dict[str, str]:
        p = self.pair()
        a, b = p.loc["A"], p.loc["B"]
        m = self.base().bgnbd
        # if still alive, a customer's buying rate is Gamma(r + x, α + T): mean (r+x)/(α+T)
        exp_a = (m.r + a["frequency"]) / (m.alpha + a["T"]) * a["silence"]
        exp_b = (m.r + b["frequency"]) / (m.alpha + b["T"]) * b["silence"]
        facts = _("P(alive) is {pa} for A and {pb} for B. Had they stayed, the model would have "
                  "expected about {ea:.1f} purchases from A and {eb:.1f} from B during their silence: "
                  "the more purchases a silence 'misses', the stronger a sign it is that the customer "
                  "has gone (客户流失).").format(pa=_pct(a["p_alive"]), pb=_pct(b["p_alive"]),
                                                 ea=exp_a, eb=exp_b)
        right = self.solution()
        out = {}
        for o in self.options():
            if o == right:
                out[o] = _("Right. {facts}").format(facts=facts)
            elif o == _("Customer A"):
                out[o] = _("More purchases do not make a customer more alive by themselves. "
                           "{facts}").format(facts=facts)
            elif o == _("Customer B"):
                out[o] = _("Being quiet as long does not mean being as likely gone. {facts}").format(
                    facts=facts)
            else:
                out[o] = _("The model separates them. {facts}").format(facts=facts)
        return out


# --------------------------------------------------------------------------------------------
@register("clv.tracking_read", chapter=8, title=N_("Read expected purchases off the tracking chart"))
class TrackingRead(_Base, NumericExercise):
    """Numeric: the model's cumulative repeat purchases at the end of the hold-out period."""

    unit = "purchases"
    rel_tol = 0.04
    bounds = (0.0, None)
    decimals = 0
    hint = ("Follow the dashed line (the model), not the solid one (what happened), to the right "
            "end of the chart, and read its height on the left axis.")

    def chart(self, ax=None):
        """The tracking chart the question is about."""
        from ..plots.clv import tracking_chart
        return tracking_chart(self.base().tracked, ax=ax,
                              title=_("Our customers: cumulative repeat purchases"))

    @property
    def prompt(self) -> str:
        b = self.base()
        return _("The chart above follows our customers' cumulative repeat purchases week by week. "
                 "The BG/NBD model was fitted on the purchases up to {end} (left of the dotted line) "
                 "and projected to the end. Read off the chart: how many repeat purchases in all did "
                 "the **model** expect by the last week? (A reading within 4% counts.)").format(
            end=b.calibration_end.date())

    def solution(self) -> float:
        return float(self.base().tracked["expected"].iloc[-1])

    def explanation(self) -> str:
        tr = self.base().tracked
        act = int(tr["actual"].iloc[-1])
        diff = self.solution() / act - 1
        return (_("The customers actually made {act:,} ({gap} fewer than expected): that gap on data "
                  "the model never saw is the honest test of a forecast.") if diff > 0 else
                _("The customers actually made {act:,} ({gap} more than expected): that gap on data "
                  "the model never saw is the honest test of a forecast.")).format(
            act=act, gap=_pct(abs(diff)))

    def misconceptions(self) -> list[Misconception]:
        tr = self.base().tracked
        cal = tr[tr["calibration"]].iloc[-1]
        return [
            Misconception(_("the actual curve read instead of the model"), float(tr["actual"].iloc[-1]),
                          _("That is the solid line, what the customers did; the question asks "
                            "for the model's dashed line.")),
            Misconception(_("read at the end of the calibration period"), float(cal["expected"]),
                          _("That is where the dotted line is; follow the dashed line on to the "
                            "last week.")),
            Misconception(_("only the hold-out period"), float(tr["expected"].iloc[-1] - cal["expected"]),
                          _("That is the hold-out period alone; the curve is cumulative from the "
                            "first week.")),
        ]


# --------------------------------------------------------------------------------------------
@register("clv.win_back", chapter=8, title=N_("Choose the customers to win back by CLV"))
class WinBack(_Base, MultiChoiceExercise):
    """Multi-choice: of six big past buyers gone quiet, pick the three worth most to come."""

    hint = ("Past spend says who was valuable; the model asks who still is: P(alive) times "
            "expected purchases times expected spend, discounted. Look at the model's CLV.")

    def candidates(self) -> pd.DataFrame:
        """Six repeat buyers among the quietest quarter, biggest past spend first."""
        v = self.repeaters()
        quiet = v[v["silence"] >= v["silence"].quantile(0.75)].copy()
        if len(quiet) < 6:
            quiet = v.sort_values("silence", ascending=False).head(6).copy()
        quiet["past_spend"] = quiet["monetary"] * quiet["frequency"]
        six = quiet.sort_values(["past_spend", "customer_id"], ascending=[False, True]).head(6)
        return six.sort_values("customer_id").reset_index(drop=True)

    def _label(self, r) -> str:
        return _("Customer {id}: {n} repeat purchases, the last {weeks:.0f} weeks ago, {spend} a "
                 "purchase").format(id=int(r.customer_id), n=int(r.frequency), weeks=r.silence,
                                    spend=_cny(r.monetary))

    @property
    def prompt(self) -> str:
        b = self.base()
        return _("A win-back (客户挽回) budget covers three calls. These six customers all spent a lot "
                 "with us and have gone quiet. Which three are worth the most from now on — the "
                 "three highest model lifetime values (BG/NBD × Gamma-Gamma, {horizon} years, "
                 "{margin:.0%} margin, {discount:.0%} discount)? Tick three. `ex.table()` shows their "
                 "model figures once you have answered.").format(
            horizon=b.horizon, margin=b.margin, discount=b.discount)

    def options(self) -> list[str]:
        return [self._label(r) for r in self.candidates().itertuples()]

    def solution(self) -> list[str]:
        c = self.candidates()
        top = c.sort_values(["clv", "customer_id"], ascending=[False, True]).head(3)
        labels = dict(zip(c["customer_id"], self.options()))
        return [labels[i] for i in top["customer_id"]]

    def table(self) -> pd.DataFrame:
        """The six candidates with their model figures."""
        c = self.candidates()
        return c[["customer_id", "frequency", "silence", "monetary", "p_alive",
                  "expected_purchases", "expected_spend", "clv"]].round(2)

    def explanations(self) -> dict[str, str]:
        c = self.candidates()
        right = set(self.solution())
        out = {}
        for label, r in zip(self.options(), c.itertuples()):
            facts = _("P(alive) {p}, {n:.1f} purchases expected, CLV {clv}.").format(
                p=_pct(r.p_alive), n=r.expected_purchases, clv=_cny(r.clv))
            out[label] = (_("Worth the call: {facts}") if label in right else
                          _("Big in the past, worth less from now on: {facts}")).format(facts=facts)
        return out


# --------------------------------------------------------------------------------------------
@register("clv.expected_spend", chapter=8, title=N_("Expected spend of a customer, by hand"))
class ExpectedSpend(_Base, NumericExercise):
    """Numeric: the Gamma-Gamma expected spend of the most shrunk customer, by hand."""

    unit = "CNY"
    rel_tol = 0.002  # a hand computation from the given parameters: to the nearest few yuan
    bounds = (0.0, None)
    hint = ("E[M] = w · (own mean) + (1 − w) · (population mean), with w = p·x / (p·x + q − 1) "
            "and population mean p·γ / (q − 1).")

    def params(self):
        g = self.base().gamma_gamma
        return round(g.p, 2), round(g.q, 2), round(g.gamma, 0)

    def customer(self):
        """The repeat buyer with the fewest purchases and, among them, the highest mean spend."""
        v = self.repeaters()
        x = v["frequency"].min()
        return v[v["frequency"] == x].sort_values(["monetary", "customer_id"],
                                                  ascending=[False, True]).iloc[0]

    @property
    def prompt(self) -> str:
        p, q, g = self.params()
        c = self.customer()
        return _("The Gamma-Gamma spend model fitted to our customers has p = {p:g}, q = {q:g}, "
                 "γ = {g:,.0f}. Customer {id} made {n} repeat purchase(s) at a mean of {spend} (CNY "
                 "{exact:,.2f}). What spend per future purchase does the model expect from them? Use "
                 "the three parameters as given.").format(
            p=p, q=q, g=g, id=int(c.customer_id), n=int(c.frequency), spend=_cny(c.monetary),
            exact=c.monetary)

    def _parts(self):
        p, q, g = self.params()
        c = self.customer()
        pop = p * g / (q - 1)
        w = p * c.frequency / (p * c.frequency + q - 1)
        return w, pop, float(c.monetary)

    def solution(self) -> float:
        w, pop, own = self._parts()
        return float(w * own + (1 - w) * pop)

    def explanation(self) -> str:
        w, pop, own = self._parts()
        return _("The weight on the customer's own mean is {w:.3f}, the rest goes to the population "
                 "mean {pop}: with few purchases the model trusts the crowd more than one lucky "
                 "order.").format(w=w, pop=_cny(pop))

    def misconceptions(self) -> list[Misconception]:
        w, pop, own = self._parts()
        return [
            Misconception(_("the customer's own mean taken as is"), own,
                          _("That is what they spent so far; the model shrinks it towards the "
                            "population mean because a few purchases are weak evidence.")),
            Misconception(_("the population mean alone"), pop,
                          _("That ignores what this customer did; the model weighs both.")),
            Misconception(_("the two weights swapped"), (1 - w) * own + w * pop,
                          _("The weight p·x/(p·x+q−1) belongs to the customer's own mean.")),
        ]
