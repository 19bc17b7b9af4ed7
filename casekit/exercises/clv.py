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
    return f"{x:.0f} weeks"


# --------------------------------------------------------------------------------------------
@register("clv.alive_or_not", chapter=8, title="Which of two customers is more likely alive?")
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
        rows = "; ".join(
            f"customer {k} (no. {int(r['customer_id'])}) made {int(r['frequency'])} repeat purchases in "
            f"{_weeks(r['T'])} since the first, the last {_weeks(r['silence'])} ago"
            for k, r in p.iterrows())
        return (f"Two customers of our firm, seen to {self.base().holdout_end.date()}: {rows}. "
                "Which is more likely still a customer (P(alive), 客户存活概率, under the BG/NBD model "
                "fitted to all our customers)?")

    def options(self) -> list[str]:
        return ["Customer A", "Customer B", "About the same (within 2 points)"]

    def solution(self) -> str:
        p = self.pair()["p_alive"]
        if abs(p["A"] - p["B"]) < 0.02:
            return "About the same (within 2 points)"
        return "Customer A" if p["A"] > p["B"] else "Customer B"

    def explanations(self) -> dict[str, str]:
        p = self.pair()
        a, b = p.loc["A"], p.loc["B"]
        m = self.base().bgnbd
        # if still alive, a customer's buying rate is Gamma(r + x, α + T): mean (r+x)/(α+T)
        exp_a = (m.r + a["frequency"]) / (m.alpha + a["T"]) * a["silence"]
        exp_b = (m.r + b["frequency"]) / (m.alpha + b["T"]) * b["silence"]
        facts = (f"P(alive) is {_pct(a['p_alive'])} for A and {_pct(b['p_alive'])} for B. Had they "
                 f"stayed, the model would have expected about {exp_a:.1f} purchases from A and "
                 f"{exp_b:.1f} from B during their silence: the more purchases a silence 'misses', "
                 "the stronger a sign it is that the customer has gone (客户流失).")
        right = self.solution()
        out = {}
        for o in self.options():
            if o == right:
                out[o] = f"Right. {facts}"
            elif o == "Customer A":
                out[o] = (f"More purchases do not make a customer more alive by themselves. {facts}")
            elif o == "Customer B":
                out[o] = (f"Being quiet as long does not mean being as likely gone. {facts}")
            else:
                out[o] = f"The model separates them. {facts}"
        return out


# --------------------------------------------------------------------------------------------
@register("clv.tracking_read", chapter=8, title="Read expected purchases off the tracking chart")
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
                              title="Our customers: cumulative repeat purchases")

    @property
    def prompt(self) -> str:
        b = self.base()
        return (f"The chart above follows our customers' cumulative repeat purchases week by week. "
                f"The BG/NBD model was fitted on the purchases up to {b.calibration_end.date()} "
                "(left of the dotted line) and projected to the end. Read off the chart: how many "
                "repeat purchases in all did the **model** expect by the last week? (A reading "
                "within 4% counts.)")

    def solution(self) -> float:
        return float(self.base().tracked["expected"].iloc[-1])

    def explanation(self) -> str:
        tr = self.base().tracked
        act = int(tr["actual"].iloc[-1])
        diff = self.solution() / act - 1
        return (f"The customers actually made {act:,} ({_pct(abs(diff))} "
                f"{'fewer' if diff > 0 else 'more'} than expected): that gap on data the model "
                "never saw is the honest test of a forecast.")

    def misconceptions(self) -> list[Misconception]:
        tr = self.base().tracked
        cal = tr[tr["calibration"]].iloc[-1]
        return [
            Misconception("the actual curve read instead of the model", float(tr["actual"].iloc[-1]),
                          "That is the solid line, what the customers did; the question asks "
                          "for the model's dashed line."),
            Misconception("read at the end of the calibration period", float(cal["expected"]),
                          "That is where the dotted line is; follow the dashed line on to the "
                          "last week."),
            Misconception("only the hold-out period", float(tr["expected"].iloc[-1] - cal["expected"]),
                          "That is the hold-out period alone; the curve is cumulative from the "
                          "first week."),
        ]


# --------------------------------------------------------------------------------------------
@register("clv.win_back", chapter=8, title="Choose the customers to win back by CLV")
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
        return (f"Customer {int(r.customer_id)}: {int(r.frequency)} repeat purchases, the last "
                f"{r.silence:.0f} weeks ago, {_cny(r.monetary)} a purchase")

    @property
    def prompt(self) -> str:
        b = self.base()
        return (f"A win-back (客户挽回) budget covers three calls. These six customers all spent a lot "
                f"with us and have gone quiet. Which three are worth the most from now on — the "
                f"three highest model lifetime values (BG/NBD × Gamma-Gamma, {b.horizon} years, "
                f"{b.margin:.0%} margin, {b.discount:.0%} discount)? Tick three. "
                "`ex.table()` shows their model figures once you have answered.")

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
            facts = (f"P(alive) {_pct(r.p_alive)}, {r.expected_purchases:.1f} purchases expected, "
                     f"CLV {_cny(r.clv)}.")
            out[label] = (f"Worth the call: {facts}" if label in right else
                          f"Big in the past, worth less from now on: {facts}")
        return out


# --------------------------------------------------------------------------------------------
@register("clv.expected_spend", chapter=8, title="Expected spend of a customer, by hand")
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
        return (f"The Gamma-Gamma spend model fitted to our customers has p = {p:g}, q = {q:g}, "
                f"γ = {g:,.0f}. Customer {int(c.customer_id)} made {int(c.frequency)} repeat "
                f"purchase(s) at a mean of {_cny(c.monetary)} (CNY {c.monetary:,.2f}). What spend per "
                "future purchase does the model expect from them? Use the three parameters as "
                "given.")

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
        return (f"The weight on the customer's own mean is {w:.3f}, the rest goes to the "
                f"population mean {_cny(pop)}: with few purchases the model trusts the crowd "
                "more than one lucky order.")

    def misconceptions(self) -> list[Misconception]:
        w, pop, own = self._parts()
        return [
            Misconception("the customer's own mean taken as is", own,
                          "That is what they spent so far; the model shrinks it towards the "
                          "population mean because a few purchases are weak evidence."),
            Misconception("the population mean alone", pop,
                          "That ignores what this customer did; the model weighs both."),
            Misconception("the two weights swapped", (1 - w) * own + w * pop,
                          "The weight p·x/(p·x+q−1) belongs to the customer's own mean."),
        ]
