"""Exercises for chapter 4, customer tiering (客户分级).

Used by ``exercises/04_customer_tiering.ipynb``.  Every answer is computed with
:mod:`casekit.tiering` from the world the exercise is built on, so each exercise works for any
seed and size; wrong answers that match a known mistake are named in the feedback.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import tiering as T
from .._format import cny as _cny, pct as _pct
from ..core.ltv import lifetime_value
from ..i18n import N_, _, language, translate
from .engine import (
    ChoiceExercise,
    ExploreExercise,
    Misconception,
    MultiChoiceExercise,
    NumericExercise,
    register,
)

__all__ = ["ProfitTopShare", "AbcClassA", "PyramidCutoffs", "PlatinumByProfit", "ClvByHand",
           "RfmAction", "TimePyramidProspects", "FocusMatrix"]


class _Values:
    """Mixin: the per-customer values of the exercise's world, computed once."""

    def values(self) -> pd.DataFrame:
        if not hasattr(self, "_values"):
            self._values = T.customer_values(self.world)
        return self._values


# --------------------------------------------------------------------------------------------
@register("tiering.profit_top_share", chapter=4, title=N_("Share of profit from the top 20%"))
class ProfitTopShare(_Values, NumericExercise):
    """Numeric: the share of *profit* that the top 20% of customers by profit bring."""

    unit = "share"
    bounds = (-1.0, 3.0)
    hint = ("Rank the customers by profit (highest first), take the first 20% of them, add up "
            "their profit and divide by the profit of all customers — losses included.")

    @property
    def prompt(self) -> str:
        n = len(self.values())
        return _("Profit per customer over {period} is gross margin − cost to serve − bad debt "
                 "(column `profit` of `tiering.customer_values`). Rank our {n:,} customers by "
                 "profit. What share of all profit do the top 20% (the {k:,} "
                 "most profitable) bring? Type a share such as 0.85 or 85%.").format(
            n=n, k=math.ceil(0.2 * n - 1e-9), period=self.period)

    def solution(self) -> float:
        return T.top_share(self.values(), value="profit", top=0.2)

    def explanation(self) -> str:
        s, r = self.solution(), T.top_share(self.values(), value="revenue", top=0.2)
        extra = (_(" It is above 100%: the rest of the customers together *lose* money, and the best "
                   "fifth earns more than the whole firm — the whale curve.") if s > 1 else "")
        return _("Profit is more concentrated than revenue (top 20% by revenue: {share} of "
                 "revenue).{extra}").format(share=_pct(r), extra=extra)

    def misconceptions(self) -> list[Misconception]:
        v = self.values()
        by_rev = v.sort_values("revenue", ascending=False)
        k = math.ceil(0.2 * len(v) - 1e-9)
        positive = v.loc[v["profit"] > 0, "profit"]
        return [
            Misconception(_("revenue share taken for profit share"),
                          T.top_share(v, value="revenue", top=0.2),
                          _("That is the top fifth's share of revenue; the question ranks and sums "
                            "profit.")),
            Misconception(_("customers ranked by revenue, not profit"),
                          by_rev["profit"].iloc[:k].sum() / v["profit"].sum(),
                          _("You took the biggest buyers; the most profitable fifth is a different "
                            "group (big is not the same as good, 大客户不一定等同于优质客户).")),
            Misconception(_("the 80/20 rule taken as a law"), 0.8,
                          _("80% is the rule of thumb; compute the share on the data.")),
            Misconception(_("losses left out of the total"),
                          np.sort(positive.to_numpy())[::-1][:k].sum() / positive.sum(),
                          _("You divided by the profit of the profitable customers only; the total "
                            "profit of the firm includes the customers who lose money.")),
            Misconception(_("a share capped at 100%"), 1.0,
                          _("A share of profit can pass 100% when other customers lose money.")),
        ]


# --------------------------------------------------------------------------------------------
_TOP_BUCKETS = ((N_("10% or less"), 0, 10), ("15%", 15, 15), ("20%", 20, 20), ("25%", 25, 25),
                (N_("30% or more"), 30, 100))


@register("tiering.abc_class_a", chapter=4, title=N_("How many customers are in class A?"))
class AbcClassA(_Values, NumericExercise):
    """Numeric: class A of ABC analysis (ABC分类法) by revenue at the course's cut-off 80% / 95%."""

    unit = "customers"
    rel_tol = 0.0
    abs_tol = 0.0
    decimals = 0
    hint = ("Rank the customers by revenue, biggest first, and add up their shares. A customer is "
            "in A while the customers ranked before it hold less than 80% of revenue — so the one "
            "that crosses 80% is still an A. `tiering.abc` does it.")

    @property
    def prompt(self) -> str:
        n = len(self.values())
        return _("ABC analysis (ABC分类法) of our {n:,} customers by revenue over {period}, with "
                 "the course's cut-off 80% / 95%: how many customers are in class A?").format(
            n=n, period=self.period)

    @property
    def bounds(self):
        return (0, len(self.values()))

    def _counts(self, value="revenue") -> pd.Series:
        return T.abc(self.values(), value=value, cutoffs=(0.8, 0.95))["abc"].value_counts()

    def solution(self) -> float:
        return float(self._counts()["A"])

    def explanation(self) -> str:
        n = len(self.values())
        a = int(self.solution())
        return _("{a:,} of {n:,} customers ({share:.0%}) bring the first 80% of revenue: class A "
                 "is set by the cumulative share of value, not by a share of customers.").format(
            a=a, n=n, share=a / n)

    def misconceptions(self) -> list[Misconception]:
        n, a = len(self.values()), self.solution()
        return [
            Misconception(_("20% of the customers"), float(math.ceil(0.2 * n - 1e-9)),
                          _("That is the top 20% of customers — the 80/20 rule taken as the "
                            "definition. Class A is whoever brings the first 80% of revenue, however "
                            "many they are.")),
            Misconception(_("the crossing customer left out"), a - 1,
                          _("The customer whose revenue carries the total past 80% is still an A: "
                            "the share *before* it is below 80%.")),
            Misconception(_("ranked by profit"), float(self._counts("profit")["A"]),
                          _("You ranked by profit; this question ranks by revenue.")),
        ]


# --------------------------------------------------------------------------------------------
@register("tiering.pyramid_cutoffs", chapter=4, title=N_("Explore: set the pyramid's cut-offs"))
class PyramidCutoffs(_Values, ExploreExercise):
    """Explore: sliders set the platinum and gold shares; a menu ranks by revenue or profit."""

    prompt = ("Set the size of the top two tiers of the customer pyramid (客户金字塔): platinum "
              "(铂金客户) and gold (黄金客户); iron (铁客户) is the next 30% and lead (铅客户) the rest. "
              "Choose whether customers are ranked by revenue or by profit. The chart shows each "
              "tier's share of customers and of the value; the table the numbers.")
    question = ("Rank by **profit**. What is the smallest share of customers in platinum + gold "
                "together (in steps of 5 points) whose profit is at least 80% of all profit?")
    hint = ("Rank by profit, then raise platinum + gold in steps of 5 points and read the "
            "profit share of the top two tiers in the table.")

    def controls(self) -> dict:
        import ipywidgets as W
        style = {"description_width": "initial"}
        return {
            "platinum": W.IntSlider(value=5, min=5, max=20, step=5, description=_("Platinum (%)"),
                                    style=style, layout=W.Layout(width="300px")),
            "gold": W.IntSlider(value=15, min=0, max=40, step=5, description=_("Gold (%)"),
                                style=style, layout=W.Layout(width="300px")),
            "rank_by": W.Dropdown(options=[(translate("revenue"), "revenue"), (translate("profit"), "profit")],
                                  value="revenue", description=_("Rank by"), style=style,
                                  layout=W.Layout(width="220px")),
        }

    def _tiers(self, platinum, gold, rank_by):
        tiers = [("platinum", platinum / 100), ("gold", gold / 100), ("iron", 0.30)]
        tiers = [(name, share) for name, share in tiers if share > 0]
        tiers.append(("lead", round(1 - sum(share for _n, share in tiers), 10)))
        t = T.pyramid(self.values(), value=rank_by, shares=[s for _n, s in tiers],
                      labels=[name for name, _s in tiers])
        return T.tier_summary(t, values=[rank_by])

    def table(self, platinum=5, gold=15, rank_by="revenue") -> pd.DataFrame:
        s = self._tiers(platinum, gold, rank_by)
        top = s[s["tier"].isin(["platinum", "gold"])][f"{rank_by}_share"].sum()
        share_of = _("share of {value}").format(value=translate(rank_by, "column"))
        out = pd.DataFrame({N_("tier"): [translate(str(t), "tier") for t in s["tier"]],
                            N_("customers"): s["customers"],
                            N_("share of customers"): s["customer_share"].map(_pct),
                            share_of: s[f"{rank_by}_share"].map(_pct)})
        total = pd.DataFrame({N_("tier"): [_("platinum + gold")],
                              N_("customers"): [int(s[s["tier"].isin(["platinum", "gold"])]["customers"].sum())],
                              N_("share of customers"): [_pct((platinum + gold) / 100)],
                              share_of: [_pct(top)]})
        return pd.concat([out, total], ignore_index=True)

    def draw(self, ax, platinum=5, gold=15, rank_by="revenue") -> None:
        from ..plots import tiering as tp
        s = self._tiers(platinum, gold, rank_by)
        tp.tier_shares(s, value=rank_by, ax=ax, title=_("Pyramid by {value}").format(
            value=translate(rank_by, "column")))

    def _threshold(self) -> int:
        for p in range(5, 101, 5):
            if round(T.top_share(self.values(), value="profit", top=p / 100), 3) >= 0.8:
                return p
        return 100

    def options(self) -> list[str]:
        return [_(b[0]) for b in _TOP_BUCKETS]

    def solution(self) -> str:
        t = self._threshold()
        return next(_(label) for label, lo, hi in _TOP_BUCKETS if lo <= t <= hi)

    def explanations(self) -> dict[str, str]:
        t = self._threshold()
        share = lambda p: T.top_share(self.values(), value="profit", top=p / 100)  # noqa: E731
        rev_t = next(p for p in range(5, 101, 5)
                     if round(T.top_share(self.values(), value="revenue", top=p / 100), 3) >= 0.8)
        reached = _("the top {t}% by profit bring {share} of profit").format(t=t, share=_pct(share(t)))
        out = {}
        right = self.solution()
        for label, lo, hi in _TOP_BUCKETS:
            label = _(label)
            if label == right:
                out[label] = _("Right: {reached}. By revenue you would need the top {rev_t}% to "
                               "reach 80% of revenue: profit is more concentrated than revenue.").format(
                    reached=reached, rev_t=rev_t)
            elif hi < t:
                out[label] = _("Too few: the top {hi}% bring only {share} of profit; {reached}.").format(
                    hi=hi, share=_pct(share(hi)), reached=reached)
            else:
                out[label] = _("More than needed: {reached}. Did you rank by revenue? By revenue "
                               "80% takes the top {rev_t}%.").format(reached=reached, rev_t=rev_t)
        return out


# --------------------------------------------------------------------------------------------
@register("tiering.platinum_by_profit", chapter=4,
          title=N_("How many platinum customers stay platinum by profit?"))
class PlatinumByProfit(_Values, NumericExercise):
    """Numeric: of the platinum customers by revenue, how many are platinum by profit too?"""

    unit = "customers"
    rel_tol = 0.0
    abs_tol = 0.0
    decimals = 0
    hint = ("Build the pyramid twice (platinum = top 5%), once on revenue and once on profit, "
            "and count the customers who are platinum in both: `tiering.compare_tiers`.")

    @property
    def prompt(self) -> str:
        n = len(self.values())
        k = round(0.05 * n)
        return _("The platinum tier (铂金客户) is the top 5% of customers — {k:,} of our {n:,}. "
                 "Build it once by revenue and once by profit (both over {period}). How many "
                 "customers are platinum by revenue **and** platinum by profit?").format(
            k=k, n=n, period=self.period)

    @property
    def bounds(self):
        return (0, round(0.05 * len(self.values())))

    def _tiers(self) -> pd.DataFrame:
        if not hasattr(self, "_tier_table"):  # asked for by the solution, explanation and mistakes
            self._tier_table = T.compare_tiers(self.values(), by=["revenue", "profit"])
        return self._tier_table

    def solution(self) -> float:
        t = self._tiers()
        return float(((t["tier_by_revenue"] == "platinum") & (t["tier_by_profit"] == "platinum")).sum())

    def explanation(self) -> str:
        t = self._tiers()
        plat = t[t["tier_by_revenue"] == "platinum"]
        return _("Only {stay} of {n} stay on top; {losing} "
                 "of the platinum customers by revenue even lose money. Tier by value, not size.").format(
            stay=int(self.solution()), n=len(plat), losing=int((plat['profit'] < 0).sum()))

    def misconceptions(self) -> list[Misconception]:
        t = self._tiers()
        plat = t[t["tier_by_revenue"] == "platinum"]
        return [
            Misconception(_("revenue taken for value"), float(len(plat)),
                          _("That is every platinum customer by revenue — as if the biggest were "
                            "automatically the most profitable.")),
            Misconception(_("profitable taken for platinum"), float((plat["profit"] > 0).sum()),
                          _("You counted the platinum customers by revenue who make *any* profit; "
                            "platinum by profit means being in the top 5% by profit.")),
        ]


# --------------------------------------------------------------------------------------------
@register("tiering.clv_by_hand", chapter=4, title=N_("Lifetime value of one customer, by hand"))
class ClvByHand(_Values, NumericExercise):
    """Numeric: CLV = Σ_{t=1}^{T} m·r^t/(1+d)^t (the kit's ck.lifetime_value, timing="end")."""

    unit = "CNY"
    rel_tol = 0.005
    discount = 0.10
    horizon = 5
    hint = ("Write out the five terms: year 1 is m·r/(1+d), year 2 m·r²/(1+d)², … up to year 5 "
            "(m·r⁵/(1+d)⁵), then add them. Each year's margin arrives at the end of the year.")

    def _customer(self):
        v = self.values()
        live = v[(~v["churned"]) & (v["annual_profit"] > 0)]
        row = live.sort_values(["annual_profit", "customer_id"], ascending=[False, True]).iloc[
            min(len(live) - 1, max(0, len(live) // 20))]
        m = float(round(row["annual_profit"], -2))
        r = float(round(row["retention"], 2))
        return int(row["customer_id"]), m, r

    @property
    def prompt(self) -> str:
        cid, m, r = self._customer()
        return _("Customer {cid} earned us a profit of about {m} last year. Customers of its "
                 "loyalty band stay another year with probability r = {r:.2f}. With a discount "
                 "rate d = {d:.0%} and a horizon of T = {T} years, what is "
                 "its lifetime value (客户终身价值)?\n\n"
                 "CLV = Σ_{{t=1}}^{{T}} m · r^t / (1 + d)^t  (each margin arrives at the end of its "
                 "year, so the first year is discounted and weighted by retention too).").format(
            cid=cid, m=_cny(m), r=r, d=self.discount, T=self.horizon)

    def solution(self) -> float:
        _cid, m, r = self._customer()
        return m * T.clv_factor(r, discount=self.discount, horizon=self.horizon)

    def explanation(self) -> str:
        _cid, m, r = self._customer()
        q = r / (1 + self.discount)
        terms = " + ".join(_cny(m * q ** t) for t in range(1, self.horizon + 1))
        return _("The five terms are {terms}.").format(terms=terms)

    def misconceptions(self) -> list[Misconception]:
        _cid, m, r = self._customer()
        d, n = self.discount, self.horizon
        q = r / (1 + d)
        return [
            Misconception(_("no discounting"), m * T.clv_factor(r, discount=0.0, horizon=n),
                          _("Money in later years is worth less today: divide year t by (1+d)^t.")),
            Misconception(_("retention left out"), m * T.clv_factor(1.0, discount=d, horizon=n),
                          _("The customer may leave: multiply year t by r^t.")),
            Misconception(_("this year's margin counted in full"),
                          lifetime_value(m, retention=r, discount=d, horizon=n, timing="start"),
                          _("You counted the first year's margin in full, undiscounted and certain "
                            "(the textbook variant timing=\"start\", t = 0 … T−1). The course's "
                            "convention has each margin arrive at the end of its year: year 1 is "
                            "m·r/(1+d), so every term carries one more factor r/(1+d).")),
            Misconception(_("one year too many"), m * T.clv_factor(r, discount=d, horizon=n + 1),
                          _("t runs from 1 to T = {n}: {n} terms, not {n1}.").format(n=n, n1=n + 1)),
            Misconception(_("margin times years"), m * n,
                          _("Multiplying the margin by the number of years ignores both the chance of "
                            "losing the customer and the time value of money.")),
        ]


# --------------------------------------------------------------------------------------------
@register("tiering.time_pyramid_prospects", chapter=4,
          title=N_("Who fills the bottom of S4's time pyramid?"))
class TimePyramidProspects(NumericExercise):
    """Numeric: the members of the bottom layer (有可能成为你的客户) of S4's time pyramid."""

    unit = "members"
    rel_tol = 0.0
    abs_tol = 0.0
    decimals = 0
    hint = ("The bottom layer is those who *may become* your customers: prospects, not customers. "
            "Look in `world.leads` for the leads that are neither won nor lost (status `open`).")

    @property
    def prompt(self) -> str:
        n = len(self.world.customers)
        return _("S4's pyramid of time (金字塔形的客户结构) gives 60% of the time to key customers "
                 "(关键客户), 30% to ordinary customers (普通客户) and 10% to those who may become "
                 "your customers (有可能成为你的客户). Jinghua has {n:,} current customers and the "
                 "leads in `world.leads`. How many members does the bottom layer have today?").format(n=n)

    @property
    def bounds(self):
        return (0, len(self.world.customers) + len(self.world.leads))

    def _leads(self) -> pd.DataFrame:
        return self.world.leads

    def solution(self) -> float:
        return float((self._leads()["status"] == "open").sum())

    def explanation(self) -> str:
        return _("{n:,} open leads: prospects not yet won and not lost. Current "
                 "customers fill only the top two layers; the bottom tenth of the time goes to "
                 "developing the prospects who may refill them.").format(n=int(self.solution()))

    def misconceptions(self) -> list[Misconception]:
        n = len(self.world.customers)
        status = self._leads()["status"]
        return [
            Misconception(_("the bottom 60% of current customers"), float(math.ceil(0.6 * n - 1e-9)),
                          _("That fills the layer with today's small customers. S4's bottom layer "
                            "is those who *may become* customers: prospects, not customers.")),
            Misconception(_("every lead"), float(len(status)),
                          _("Won leads are customers already, and lost leads (丢单) are no longer "
                            "prospects: count the open ones.")),
            Misconception(_("lost leads counted too"), float((status != "won").sum()),
                          _("A lost lead (未成交, 丢单) has said no; only the open leads may still "
                            "become customers.")),
        ]


# --------------------------------------------------------------------------------------------
_RFM_OPTIONS = ("important value", "important retention", "important win-back",
                "general development")


@register("tiering.rfm_action", chapter=4, title=N_("Read an RFM segment and choose an action"))
class RfmAction(_Values, ChoiceExercise):
    """Choose one: the action that fits a customer's RFM scores."""

    hint = ("Read the three scores: high means 4 or 5. Is the customer recent (R)? frequent (F)? "
            "a big spender (M)? The segment follows, and the action with it.")

    def _rfm(self) -> pd.DataFrame:
        if not hasattr(self, "_scored"):
            self._scored = T.rfm(self.world.transactions, asof=self.world.asof)
        return self._scored

    def _customer(self) -> pd.Series:
        r = self._rfm()
        order = ["important retention", "important win-back", "important value",
                 "important development"]
        k = int(getattr(self.world, "seed", 0) or 0) % len(order)
        for seg in order[k:] + order[:k]:  # the segment asked about varies with the world
            pool = r[r["segment"] == seg]
            if len(pool):
                return pool.sort_values(["monetary", "customer_id"], ascending=[False, True]).iloc[0]
        return r.sort_values("monetary", ascending=False).iloc[0]

    @property
    def prompt(self) -> str:
        c = self._customer()
        return _("RFM as of {asof} (monetary = total revenue, first purchase "
                 "counted). Customer {cid} has the scores in the table "
                 "(5 = best fifth; for R, the most recent; a score of 4 or 5 counts as high). Which "
                 "action fits this customer?").format(asof=self.world.asof.date(), cid=int(c['customer_id']))

    def data(self) -> pd.DataFrame:
        c = self._customer()
        return pd.DataFrame({N_("recency (days)"): [int(c["recency"])], "frequency": [int(c["frequency"])],
                             N_("monetary (CNY)"): [round(float(c["monetary"]))], "R": [int(c["R"])],
                             "F": [int(c["F"])], "M": [int(c["M"])]})

    @staticmethod
    def _text(seg: str) -> str:
        return _(next(s[3] for s in T.RFM_SEGMENTS if s[0] == seg))

    def options(self) -> list[str]:
        segs = list(_RFM_OPTIONS)
        own = str(self._customer()["segment"])
        if own not in segs:
            segs[-1] = own
        return [self._text(s) for s in segs]

    def solution(self) -> str:
        return self._text(str(self._customer()["segment"]))

    def explanations(self) -> dict[str, str]:
        c = self._customer()
        seg = str(c["segment"])
        zh = T.chinese(seg)
        # "the important retention segment (重要保持客户)"; in Chinese the segment's own name
        segment = zh if language() == "zh" else f"{seg} segment ({zh})"
        scores = f"R = {int(c['R'])}, F = {int(c['F'])}, M = {int(c['M'])}"
        notes = {
            "important value": _("That is for customers who are recent, frequent *and* big spenders "
                                 "(重要价值客户). Look at R: "),
            "important retention": _("That is for big, frequent customers who have *not* bought "
                                     "lately (重要保持客户). "),
            "important win-back": _("That is for big spenders who neither buy often nor lately "
                                    "(重要挽留客户). "),
            "general development": _("That is for small, new buyers (一般发展客户): this customer's M "
                                     "is high, so it is an *important* customer. "),
        }
        out = {}
        for s in self.options():
            key = next(x[0] for x in T.RFM_SEGMENTS if _(x[3]) == s)
            if key == seg:
                out[s] = _("Right: {scores} puts the customer in the {segment}. Recency "
                           "warns before revenue does.").format(scores=scores, segment=segment)
            else:
                out[s] = notes.get(key, "") + _("This customer has {scores}: the {segment}.").format(
                    scores=scores, segment=segment)
        return out


# --------------------------------------------------------------------------------------------
@register("tiering.focus_matrix", chapter=4, title=N_("Place accounts in the strategic-focus matrix"))
class FocusMatrix(MultiChoiceExercise):
    """Choose many: which accounts are *target* accounts (high attractiveness, weak relationship)?"""

    hint = ("Attractiveness decides the row (high ≥ 3), relationship the column (strong ≥ 3). "
            "Target = attractive but the relationship is still weak.")
    prompt = ("Six key-account candidates with their attractiveness (吸引力) and relationship "
              "position (关系定位), each the mean of its 1–5 item scores. In the strategic-focus "
              "matrix (战略关注水平) a score of 3 or more is high / strong. Tick every **target** "
              "(目标) account: attractive, but the relationship is still weak.")

    def _focus(self) -> pd.DataFrame:
        if hasattr(self, "_cache"):
            return self._cache
        f = T.strategic_focus(self.world.accounts)
        f = f.sort_values("customer_id")
        picks = []
        for level, k in (("target", 2), ("key", 1), ("maintain", 2), ("low-key", 1)):
            picks += f[f["focus"] == level].head(k).index.tolist()
        if len(picks) < 6:
            picks += [i for i in f.index if i not in picks][: 6 - len(picks)]
        self._cache = f.loc[sorted(picks, key=lambda i: f.loc[i, "customer_id"])]
        return self._cache

    def _label(self, cid) -> str:
        return _("account {id}").format(id=int(cid))

    def data(self) -> pd.DataFrame:
        f = self._focus()
        return pd.DataFrame({N_("account"): [self._label(c) for c in f["customer_id"]],
                             "attractiveness": f["attractiveness"].round(2).to_numpy(),
                             "relationship": f["relationship"].round(2).to_numpy()})

    def options(self) -> list[str]:
        return [self._label(c) for c in self._focus()["customer_id"]]

    def solution(self) -> list[str]:
        f = self._focus()
        return [self._label(c) for c in f.loc[f["focus"] == "target", "customer_id"]]

    def explanations(self) -> dict[str, str]:
        out = {}
        for _i, row in self._focus().iterrows():
            a, r, lev = row["attractiveness"], row["relationship"], str(row["focus"])
            where = _("attractiveness {a:.2f}, relationship {r:.2f}").format(a=a, r=r)
            if lev == "target":
                out[self._label(row["customer_id"])] = _(
                    "target: {where} — invest to build the relationship.").format(where=where)
            elif lev == "maintain":
                out[self._label(row["customer_id"])] = _(
                    "{where}: the relationship is strong but the account is not attractive — "
                    "maintain (维持). Axes swapped? Attractiveness is the row, relationship the column.").format(
                    where=where)
            elif lev == "key":
                out[self._label(row["customer_id"])] = _(
                    "{where}: attractive *and* already strong — a key (关键) account to protect, "
                    "not a target to win.").format(where=where)
            else:
                out[self._label(row["customer_id"])] = _(
                    "{where}: neither attractive nor close — low-key (低调), serve at low cost.").format(
                    where=where)
        return out
