"""Chapter 6 exercises: keeping customers and preventing churn (保持客户关系、防范客户流失).

Used by ``exercises/06_retention_and_churn.ipynb``.  Every answer is computed from the world the
exercise is built on with :mod:`casekit.retention`, so the same exercise works for any seed and
size.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import retention as R
from ..i18n import N_, _, pgettext
from .._format import cny as _cny, pct as _pct
from ..core.world import asof_of, data_years, period_start
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

__all__ = ["ChurnRateBase", "RetentionPoints", "StrongestSignal", "BacktestLift", "RiskWeights",
           "WinBackFirst", "LoyaltyLadder", "SourcesOnKeeping"]

CHAPTER = 6


def _distinct(misconceptions, solution, tol):
    """Keep the misconceptions whose value is away from the solution and from each other.

    Two mistakes may land close together (the checker names the closer one); only a mistake
    that gives the very same value as an earlier one is dropped.
    """
    out = []
    for m in misconceptions:
        v = float(m.value)
        if not math.isfinite(v) or abs(v - solution) <= 2 * tol:
            continue
        if any(abs(v - float(o.value)) <= 1e-9 * max(1.0, abs(v)) for o in out):
            continue
        out.append(m)
    return out


def _signal_label(en: str, zh: str) -> str:
    """An option naming a warning sign: ``"our key contact left (关键联系人离职)"``; in Chinese the
    sign's Chinese sentence."""
    from ..i18n import language

    return _(en) if language() == "zh" else f"{en} ({zh})"


class _Signals:
    """Mixin: the world's :func:`retention.customer_signals`, computed once per exercise."""

    def _signals(self) -> pd.DataFrame:
        if not hasattr(self, "_signals_cache"):
            self._signals_cache = R.customer_signals(self.world)
        return self._signals_cache


# --------------------------------------------------------------------------------------------
@register("retention.churn_rate_base", chapter=CHAPTER,
          title=N_("A year's churn rate, on the right base"))
class ChurnRateBase(NumericExercise):
    """Numeric: compute a year's churn rate from raw counts, on the opening base."""

    unit = "share"
    hint = ("The churn rate of a year compares the customers we had on 1 January with those of "
            "them who left during the year. Customers won during the year are not in the base, "
            "and so their leaving is not counted either.")

    def _rate(self) -> R.ChurnRate:
        if not hasattr(self, "_cache"):
            # The last two whole calendar years of the data period that open with customers.
            first, asof = period_start(self.world), asof_of(self.world)
            rates = [R.churn_rate(self.world.customers, start=f"{y}-01-01", end=f"{y}-12-31")
                     for y in data_years(self.world)
                     if pd.Timestamp(f"{y}-01-01") >= first and pd.Timestamp(f"{y}-12-31") <= asof]
            rates = [r for r in rates if r.opening > 0][-2:]
            if not rates:
                raise ValueError(f"retention.churn_rate_base: the data period ({first.date()} to "
                                 f"{asof.date()}) holds no whole calendar year that opens with "
                                 "customers; expected one, as the churn rate of a year needs")
            # Of them, the year whose customer base changed most: there the wrong bases give
            # clearly wrong rates (in a year whose base barely moves, they would almost agree).
            self._cache = max(rates, key=lambda r: (abs(r.closing - r.opening), r.start))
        return self._cache

    @property
    def year(self) -> int:
        return int(self._rate().start.year)

    @property
    def prompt(self) -> str:
        return _("The table counts our customers in {year}. What was the churn rate (客户流失率) of "
                 "{year}? Type a share such as 0.12 or 12%; answers within half a percentage point "
                 "count.").format(year=self.year)

    def data(self) -> pd.DataFrame:
        r = self._rate()
        return pd.DataFrame({
            "count": [_("customers on 1 January {year}").format(year=self.year),
                      _("new customers won during {year}").format(year=self.year),
                      _("customers who stopped buying during {year} (all)").format(year=self.year),
                      _("… of whom were won during {year}").format(year=self.year),
                      _("customers on 31 December {year}").format(year=self.year)],
            "customers": [r.opening, r.new, r.churned + r.new_churned, r.new_churned,
                          r.closing]})

    def solution(self) -> float:
        return self._rate().churn_rate

    def explanation(self) -> str:
        r = self._rate()
        return _("Churn rate = customers lost from the opening base ÷ the opening base = "
                 "{churned:,} ÷ {opening:,} = {rate}; the retention rate (客户保持率) is 1 − churn "
                 "rate = {kept}. The {new:,} new customers (and the {new_churned:,} of them who "
                 "already left) belong to the year's acquisition, not to its churn.").format(
            churned=r.churned, opening=r.opening, rate=_pct(r.churn_rate),
            kept=_pct(r.retention_rate), new=r.new, new_churned=r.new_churned)

    def misconceptions(self) -> list[Misconception]:
        r = self._rate()
        gone = r.churned + r.new_churned
        cands = [
            Misconception(_("new customers' losses counted against the opening base"),
                          gone / r.opening,
                          _("You counted every customer who left, including those won during the "
                          "year, but divided by the customers we had on 1 January. Count only the "
                          "opening customers who left.")),
            Misconception(_("the wrong denominator: customers at the end of the year"),
                          r.churned / r.closing,
                          _("You divided by the customers left on 31 December. The base of a churn "
                          "rate is the customers at the start of the period.")),
            Misconception(_("the wrong denominator: everyone who left over everyone we had"),
                          gone / (r.opening + r.new),
                          _("You put new customers into the base. The base is the customers at the "
                          "start of the year.")),
            Misconception(_("all leavers over the customers at the end of the year"),
                          gone / r.closing,
                          _("Both the count and the base are off: take the opening customers who "
                          "left ÷ the opening customers.")),
            Misconception(_("the retention rate instead of the churn rate"), r.retention_rate,
                          _("That is the retention rate (客户保持率) = 1 − churn rate. The question "
                          "asks for the share who left.")),
        ]
        return _distinct(cands, self.solution(), self.tolerance())


# --------------------------------------------------------------------------------------------
@register("retention.point_value", chapter=CHAPTER,
          title=N_("What are five points of retention worth?"))
class RetentionPoints(NumericExercise):
    """Numeric: the gain in lifetime value per customer from five more points of retention."""

    unit = "CNY"
    rel_tol = 0.02
    decimals = 0
    bounds = (None, None)
    points = 5
    discount = 0.10
    hint = ("Work out m · r / (1 + d − r) at today's retention r and at r + 0.05, and subtract. "
            "Do not just multiply one point's gain by five.")

    def _numbers(self):
        if not hasattr(self, "_cache"):
            yearly = R.yearly_churn(self.world.customers)
            r = float(yearly["retention_rate"].iloc[-1])
            s = R.customer_signals(self.world)
            cur = s[~s["churned"]]
            m = float(cur["annual_profit"].mean())
            self._cache = (m, len(cur), r)
        return self._cache

    def _value(self, points=None):
        m, n, r = self._numbers()
        return R.retention_point_value(m, n, r, points=self.points if points is None else points,
                                       discount=self.discount)

    @property
    def prompt(self) -> str:
        return _("Jinghua's current customers earn the mean yearly profit m below, and last year "
                 "we kept the share r of the customers we had at its start. With the chapter's "
                 "customer lifetime value (客户终身价值) — the textbook multiple, no end, each year's "
                 "margin at the end of the year: CLV = m · r / (1 + d − r), d = 10% — by how many "
                 "yuan would {points} more points of retention raise one customer's lifetime "
                 "value? Answers within 2% count.").format(points=self.points)

    def data(self) -> pd.DataFrame:
        m, n, r = self._numbers()
        return pd.DataFrame({
            _("item"): [_("current customers"), _("mean yearly profit m (CNY)"),
                     _("retention rate r, last year"), _("discount rate d")],
            _("value"): [f"{n:,}", f"{m:,.0f}", f"{r:.1%}", f"{self.discount:.0%}"]})

    def solution(self) -> float:
        return self._value().gain_per_customer

    def explanation(self) -> str:
        v, one = self._value(), self._value(1)
        return _("CLV now = {now}; with r + {points} points = {up}; the gain is {gain} per customer "
                 "({share}), {total} over {n:,} customers. That is {times:.1f} times one point's "
                 "gain: the multiple r / (1 + d − r) rises faster and faster, so retention "
                 "compounds.").format(
            now=_cny(v.clv_now), points=self.points, up=_cny(v.clv_up), gain=_cny(v.gain_per_customer),
            share=_pct(v.gain_share), total=_cny(v.gain_total), n=v.customers,
            times=v.gain_per_customer / one.gain_per_customer)

    def misconceptions(self) -> list[Misconception]:
        m, n, r = self._numbers()
        v, one = self._value(), self._value(1)
        up = min(1.0, r + self.points / 100)
        undiscounted = m * (up / (1 - up) - r / (1 - r)) if up < 1 else float("nan")
        cands = [
            Misconception(_("one point's gain times five"), self.points * one.gain_per_customer,
                          _("You multiplied one point's gain by five. Each point is worth more than "
                          "the last: compute the value at r + 5 points directly.")),
            Misconception(_("the new lifetime value instead of the gain"), v.clv_up,
                          _("That is the lifetime value at the higher retention; the question asks "
                          "how much it rises.")),
            Misconception(_("no discounting"), undiscounted,
                          _("You left out the discount rate: m · r / (1 − r). Money in later years "
                          "is worth less today: use m · r / (1 + d − r) with d = 10%.")),
            Misconception(_("five points of the yearly margin"), m * self.points / 100,
                          _("Five percent of one year's profit ignores that a kept customer goes on "
                          "earning in the years after.")),
        ]
        return _distinct(cands, self.solution(), self.tolerance())


# --------------------------------------------------------------------------------------------
_CANDIDATE_SIGNALS = ("key_contact_left", "low_satisfaction", "low_loyalty",
                      "unresolved_complaint", "slow_complaint", "silent", "value_gap")


@register("retention.strongest_signal", chapter=CHAPTER,
          title=N_("Which warning sign of this customer matters most?"))
class StrongestSignal(_Signals, ChoiceExercise):
    """Choice: of a current customer's churn signals, pick the one that goes with the most churn."""

    hint = ("For each signal, compare the churn rate of customers who show it with those who do "
            "not: how many times more often do they leave?")

    def _pick(self):
        if hasattr(self, "_cache"):
            return self._cache
        s = self._signals()
        flags = s[list(_CANDIDATE_SIGNALS)].to_numpy(dtype=bool)
        n = flags.sum(axis=1)
        cur = ~s["churned"].to_numpy(dtype=bool)
        key = s["key_contact_left"].to_numpy(dtype=bool)
        need = 3 if (cur & (n >= 3)).any() else 2
        ok = cur & (n >= need)
        if (ok & key).any():
            ok = ok & key
        if not ok.any():
            raise ValueError("this world has no current customer with two or more warning signs")
        cand = s[ok]
        cid = cand["annual_profit"].idxmax()
        fired = [sig for sig in _CANDIDATE_SIGNALS if bool(s.loc[cid, sig])]
        drivers = R.churn_drivers(s, drivers=list(_CANDIDATE_SIGNALS))
        self._cache = (cid, fired, drivers)
        return self._cache

    @staticmethod
    def _label(sig) -> str:
        en, zh = R.SIGNALS[sig]
        return _signal_label(en, zh)

    @property
    def prompt(self) -> str:
        cid, fired, _d = self._pick()
        s = self._signals().loc[cid]
        return _("Customer {id} still buys from us and brings {profit} of profit a year. The "
                 "early-warning list (流失预警) shows {n} warning signs for it. The table gives, for "
                 "each of these signs, the churn rate of all our customers with and without it. "
                 "Which sign is the strongest warning — the one whose customers leave the most "
                 "times more often than those without it?").format(
            id=cid, profit=_cny(s["annual_profit"]), n=len(fired))

    def data(self) -> pd.DataFrame:
        _cid, fired, d = self._pick()
        return pd.DataFrame({
            _("warning sign"): [self._label(f) for f in fired],
            _("customers with it"): [int(d.loc[f, "customers"]) for f in fired],
            _("churn with it"): [_pct(d.loc[f, "churn_with"]) for f in fired],
            _("churn without it"): [_pct(d.loc[f, "churn_without"]) for f in fired]})

    def options(self) -> list[str]:
        _cid, fired, _d = self._pick()
        return [self._label(f) for f in fired]

    def solution(self) -> str:
        _cid, fired, d = self._pick()
        return self._label(max(fired, key=lambda f: (d.loc[f, "ratio"], f)))

    def explanations(self) -> dict[str, str]:
        _cid, fired, d = self._pick()
        best = max(fired, key=lambda f: (d.loc[f, "ratio"], f))
        out = {}
        for f in fired:
            r = d.loc[f]
            facts = _("customers with it leave {with_} of the time, those without {without}: "
                      "{ratio:.1f} times as often.").format(
                with_=_pct(r["churn_with"]), without=_pct(r["churn_without"]), ratio=r["ratio"])
            if f == best:
                out[self._label(f)] = _("Right: {facts} Start the conversation here.").format(facts=facts)
            else:
                b = d.loc[best]
                extra = ""
                if f == "silent":
                    extra = _(" Silence matters (“if you hear no complaints, the relationship is "
                              "going downhill”), but here it is not the strongest sign.")
                elif f == "key_contact_left":
                    extra = _(" A key contact leaving is the most common reason key accounts fail, "
                              "and it must be handled — yet on our data another sign of this "
                              "customer goes with even more churn.")
                out[self._label(f)] = _("{facts} The strongest sign is “{best}”: {ratio:.1f} "
                                        "times.{extra}").format(
                    facts=facts[0].upper() + facts[1:], best=_(R.SIGNALS[best][0]),
                    ratio=b["ratio"], extra=extra)
        return out


# --------------------------------------------------------------------------------------------
@register("retention.backtest_lift", chapter=CHAPTER,
          title=N_("Does falling order frequency warn of churn? Read the back-test"))
class BacktestLift(NumericExercise):
    """Numeric: from a back-test's counts, how many times as often flagged customers left."""

    unit = "×"
    rel_tol = 0.02
    decimals = 2
    bounds = (0.0, None)
    hint = ("Work out the churn rate of each group first — those who left ÷ the checks of that "
            "group — and then divide the flagged group's rate by the other group's.")

    def _table(self) -> pd.DataFrame:
        if not hasattr(self, "_cache"):
            self._cache = R.frequency_backtest(self.world)
        return self._cache

    @property
    def prompt(self) -> str:
        n = self._table().attrs.get("dates", 1)
        return _("A back-test of the early-warning sign “orders fell” (购买频率下降): at each of {n} "
                 "past month ends we flagged the customers whose orders in the last three months "
                 "fell under half their pace of the year before, then counted who left in the "
                 "following month. A customer counts once per month end (a “check”). How many "
                 "times as often did flagged customers leave in the next month as the customers "
                 "not flagged? Type a number such as 1.8; answers within 2% count.").format(n=n)

    def data(self) -> pd.DataFrame:
        t = self._table()
        return pd.DataFrame({
            _("group"): [_("orders fell (flagged)"), _("orders held (not flagged)")],
            _("checks"): [int(t.loc[True, "checks"]), int(t.loc[False, "checks"])],
            _("left in the next month"): [int(t.loc[True, "churned_next"]),
                                       int(t.loc[False, "churned_next"])]})

    def solution(self) -> float:
        t = self._table()
        return float(t.loc[True, "churn_rate_next"] / t.loc[False, "churn_rate_next"])

    def explanation(self) -> str:
        t = self._table()
        f, o = t.loc[True], t.loc[False]
        verdict = (_("the sign passes the back-test") if self.solution() >= 1.2 else
                   _("too weak a sign to act on"))
        return _("Flagged: {k:,} ÷ {n:,} = {rate:.2%} left in the next month; not flagged: "
                 "{k0:,} ÷ {n0:,} = {rate0:.2%}. Ratio {ratio:.2f}: {verdict}, and it caught "
                 "{caught} of the customers who left next. It was tested forward from past dates — "
                 "looking back from a churn date would be circular, because a customer who left "
                 "has of course stopped ordering.").format(
            k=int(f["churned_next"]), n=int(f["checks"]), rate=f["churn_rate_next"],
            k0=int(o["churned_next"]), n0=int(o["checks"]), rate0=o["churn_rate_next"],
            ratio=self.solution(), verdict=verdict, caught=_pct(f["share_of_churners"]))

    def misconceptions(self) -> list[Misconception]:
        t = self._table()
        f, o = t.loc[True], t.loc[False]
        everyone = (f["churned_next"] + o["churned_next"]) / (f["checks"] + o["checks"])
        cands = [
            Misconception(_("the ratio upside down"), o["churn_rate_next"] / f["churn_rate_next"],
                          _("You divided the unflagged customers' churn rate by the flagged ones'. "
                          "The question asks how many times as often the flagged leave.")),
            Misconception(_("counts instead of rates"), f["churned_next"] / o["churned_next"],
                          _("You compared how many left in each group, but the groups differ in "
                          "size. Divide each group's leavers by its checks first.")),
            Misconception(_("compared with everyone instead of the unflagged"),
                          f["churn_rate_next"] / everyone,
                          _("You divided by the churn rate of all checks, which includes the "
                          "flagged themselves. Compare the flagged with the customers not flagged.")),
            Misconception(_("the share of leavers the flag caught"), f["share_of_churners"],
                          _("That is the share of next month's leavers who had been flagged (the "
                          "recall), not how many times as often the flagged leave.")),
        ]
        return _distinct(cands, self.solution(), self.tolerance())


# --------------------------------------------------------------------------------------------
_SLIDERS = ("key_contact_left", "low_satisfaction", "low_loyalty", "unresolved_complaint",
            "silent", "value_gap", "big")
_SHORT = {"key_contact_left": N_("key contact left"), "low_satisfaction": N_("low satisfaction"),
          "low_loyalty": N_("low loyalty"), "unresolved_complaint": N_("unresolved complaint"),
          "silent": N_("never complained"), "value_gap": N_("value below the rival's"),
          "big": N_("big firm")}


@register("retention.risk_weights", chapter=CHAPTER,
          title=N_("Explore: tune the churn-risk score"))
class RiskWeights(_Signals, ExploreExercise):
    """Explore: weight sliders redraw the churn rate by points and the top-decile precision."""

    prompt = ("Each slider sets the points a warning sign adds to the churn-risk score "
              "(流失风险评分); a slow complaint adds 1 and a complaint history resolved in time "
              "takes 1 off, as in the default score. The chart shows the churn rate at each score; "
              "the table shows how many of the top 10% of customers by score really left "
              "(precision) and how much better that is than picking at random (lift).")
    question = ("Start from the default weights. Which sign, when you set its weight to 0 and "
                "leave the others at their defaults, lowers the precision of the top 10% the most?")
    hint = "Set one slider to 0, read the precision, put it back, and try the next."

    def controls(self) -> dict:
        import ipywidgets as W
        out = {}
        for sig in _SLIDERS:
            out[sig] = W.IntSlider(value=int(R.DEFAULT_WEIGHTS[sig]), min=0, max=5, step=1,
                                   description=_(_SHORT[sig]),
                                   style={"description_width": "160px"},
                                   layout=W.Layout(width="380px"))
        return out

    def _weights(self, params) -> dict:
        w = dict(R.DEFAULT_WEIGHTS)
        for sig in _SLIDERS:
            if sig in params:
                w[sig] = float(params[sig])
        return w

    def _precision(self, **params) -> R.ScorePrecision:
        s = self._signals()
        return R.score_precision(s, R.risk_score(s, weights=self._weights(params)), top=0.1)

    def table(self, **params) -> pd.DataFrame:
        p = self._precision(**params)
        d = self._precision()
        return pd.DataFrame({
            _("top 10% flagged"): [f"{p.flagged:,}"],
            _("precision (share who left)"): [_pct(p.precision)],
            _("default weights"): [_pct(d.precision)],
            _("all customers"): [_pct(p.base_rate)],
            _("lift"): [f"{p.lift:.2f}×"],
            _("share of all churners caught"): [_pct(p.recall)]})

    def draw(self, ax, **params) -> None:
        s = self._signals()
        score = R.risk_score(s, weights=self._weights(params))
        t = R.score_table(s, score).sort_index()
        base = float(s["churned"].mean())
        x = np.arange(len(t))
        ax.bar(x, t["share_left"], color=["#D55E00" if r > base else "#009E73"
                                          for r in t["share_left"]], width=0.65)
        ax.axhline(base, color="#7F7F7F", ls="--", lw=1, label=_("all customers: {rate:.0%}").format(rate=base))
        ax.set_xticks(x, [f"{v:g}" for v in t.index])
        ax.set_ylim(0, 1.05)
        ax.set_xlabel(_("Churn-risk points"))
        ax.set_ylabel(_("Churn rate (share who left)"))
        ax.set_title(_("Top 10% precision {precision:.0%}").format(
            precision=self._precision(**params).precision))
        ax.legend(loc="upper left")

    def _drops(self) -> dict:
        if not hasattr(self, "_drop_cache"):
            base = self._precision().precision
            self._drop_cache = {sig: base - self._precision(**{sig: 0}).precision
                                for sig in _SLIDERS}
        return self._drop_cache

    @staticmethod
    def _label(sig) -> str:
        return _signal_label(*R.SIGNALS[sig])

    def options(self) -> list[str]:
        return [self._label(s) for s in _SLIDERS]

    def solution(self) -> str:
        d = self._drops()
        return self._label(max(_SLIDERS, key=lambda s: (round(d[s], 9), s)))

    def explanations(self) -> dict[str, str]:
        d = self._drops()
        base = self._precision().precision
        best = max(_SLIDERS, key=lambda s: (round(d[s], 9), s))
        out = {}
        for sig in _SLIDERS:
            after = base - d[sig]
            fact = _("with its weight at 0 the top 10% precision goes from {before} to "
                     "{after}").format(before=_pct(base), after=_pct(after))
            if sig == best:
                out[self._label(sig)] = _("Right: {fact}, the largest loss. This sign carries the "
                                          "most information the others do not already give.").format(fact=fact)
            elif d[sig] < 0:
                out[self._label(sig)] = _("No: {fact} — it even rises, so this sign's default "
                                          "points crowd better ones out of the top 10%. Checking "
                                          "weights on data is the point of the exercise.").format(fact=fact)
            else:
                out[self._label(sig)] = _("Not the most: {fact}. Dropping “{best}” costs more "
                                          "({loss}).").format(fact=fact, best=_(R.SIGNALS[best][0]),
                                                              loss=_pct(base - d[best]))
        return out


# --------------------------------------------------------------------------------------------
@register("retention.winback_first", chapter=CHAPTER, title=N_("Whom to win back first?"))
class WinBackFirst(_Signals, ChoiceExercise):
    """Choice: of four lapsed customers, which one to win back first (highest expected value)?"""

    hint = ("Expected value of a win-back = chance of winning the customer back (from why it left) "
            "× the yearly profit it brought. A customer who lost us money is not worth winning "
            "back, however big.")

    def _pick(self) -> pd.DataFrame:
        if hasattr(self, "_cache"):
            return self._cache
        wb = R.winback_candidates(self._signals())
        worth = wb[wb["worth"]]
        if worth.empty:
            raise ValueError("this world has no lapsed customer worth winning back")
        roles = {}
        # The trap: the biggest lapsed customer by revenue that is not worth winning back.
        bad = wb[~wb["worth"]]
        big = bad["annual_revenue"].idxmax() if len(bad) else None
        smaller = worth if big is None else worth[worth["annual_revenue"]
                                                  < wb.loc[big, "annual_revenue"]]
        if smaller.empty:
            smaller, big = worth, None
        answer = smaller["expected_value"].idxmax()
        roles[answer] = "answer"
        if big is not None:
            roles[big] = "biggest"
        # Others shown must be worth less than the answer.
        lesser = wb[(wb["expected_value"] < wb.loc[answer, "expected_value"])
                    & ~wb.index.isin(list(roles))]
        likely = lesser[lesser["worth"] & (lesser["chance"] == lesser["chance"].max())]
        if len(likely):
            roles[likely["expected_value"].idxmax()] = "likely"
        left = lesser.drop(index=[i for i in roles if i in lesser.index])
        if len(left):
            roles[left["months_since"].idxmin()] = "recent"
        for cid in lesser.index:
            if len(roles) >= 4:
                break
            roles.setdefault(cid, "other")
        table = wb.loc[list(roles)].copy()
        table["role"] = [roles[c] for c in table.index]
        self._cache = table.sort_index()
        return self._cache

    @staticmethod
    def _label(cid) -> str:
        return _("customer {id}").format(id=int(cid))

    @property
    def prompt(self) -> str:
        chances = _("; ").join(f"{_(k)} {v[1]:.0%}" for k, v in R.WINBACK_REASONS.items())
        return _("Four lapsed customers (中止往来的老客户) are in the table: what they bought and "
                 "earned us per year while they bought, why they left, and whether they left bad "
                 "debt. Our sales team estimates the chance of a win-back by reason: {chances}. "
                 "Which customer should we try to win back (客户挽回) first?").format(chances=chances)

    def data(self) -> pd.DataFrame:
        t = self._pick()
        s = self._signals().loc[t.index]
        return pd.DataFrame({
            _("customer"): [self._label(c) for c in t.index],
            _("revenue per year (CNY)"): t["annual_revenue"].round(0).to_numpy(),
            _("profit per year (CNY)"): t["annual_profit"].round(0).to_numpy(),
            _("why it left"): [_(x) for x in t["reason"]],
            _("months since it left"): t["months_since"].to_numpy(),
            _("bad debt"): np.where(s["bad_debt"].to_numpy() > 0, pgettext("answer", "yes"), pgettext("answer", "no"))})

    def options(self) -> list[str]:
        return [self._label(c) for c in self._pick().index]

    def solution(self) -> str:
        t = self._pick()
        return self._label(t.index[t["role"] == "answer"][0])

    def explanations(self) -> dict[str, str]:
        t = self._pick()
        best = t[t["role"] == "answer"].iloc[0]
        out = {}
        for cid, row in t.iterrows():
            if not row["worth"]:
                why = (_("it lost us money") if row["annual_profit"] <= 0 else _("it left bad debt"))
                calc = _("{why}: a bad customer (劣质客户) is not worth winning back, whatever its "
                         "revenue ({revenue} a year).").format(why=why, revenue=_cny(row["annual_revenue"]))
            else:
                calc = _("{chance:.0%} chance ({reason}) × {profit} a year = {value}.").format(
                    chance=row["chance"], reason=_(row["reason"]), profit=_cny(row["annual_profit"]),
                    value=_cny(row["expected_value"]))
            if row["role"] == "answer":
                out[self._label(cid)] = _("Right: {calc} The highest expected value of the four.").format(calc=calc)
                continue
            lead = {"biggest": _("The biggest by revenue — but revenue is not what we win back; "),
                    "likely": _("Among the easiest to win back — but a likely win of a smaller profit is "
                                "worth less; "),
                    "recent": _("The most recently lost — recency helps, but compare the values; ")}
            out[self._label(cid)] = (lead.get(row["role"], "") + calc
                                     + _(" Customer {id} is worth {value}.").format(
                                         id=int(best.name), value=_cny(best["expected_value"])))
        return out


# --------------------------------------------------------------------------------------------
@register("retention.loyalty_ladder", chapter=CHAPTER, title=N_("Climb the loyalty ladder"))
class LoyaltyLadder(OrderingExercise):
    """Ordering: the rungs of the loyalty ladder (忠诚阶梯), from the bottom up."""

    hint = "Each rung needs the one below: first someone must know us, then buy once, then again…"

    @property
    def prompt(self) -> str:
        n = int((~self.world.customers["churned"]).sum())
        return _("Our {n:,} current customers stand on different rungs of the loyalty ladder "
                 "(忠诚阶梯). Put the rungs in order, from the bottom (someone who might buy) to the "
                 "top: pick the lowest rung in row 1, the next in row 2, and so on.").format(n=n)

    @staticmethod
    def _rung(en: str, zh: str) -> str:
        from ..i18n import language

        return zh if language() == "zh" else f"{en} ({zh})"

    def solution(self) -> list[str]:
        return [self._rung(en, zh) for en, zh, _m in R.LOYALTY_LADDER]

    def explanations(self) -> dict[str, str]:
        from ..i18n import language

        if language() == "zh":
            return {self._rung(en, zh): f"{zh}：{_(m)}。" for en, zh, m in R.LOYALTY_LADDER}
        return {self._rung(en, zh): f"{with_article(en, capital=True)} {m}."
                for en, zh, m in R.LOYALTY_LADDER}


# --------------------------------------------------------------------------------------------
@register("retention.sources_on_keeping", chapter=CHAPTER,
          title=N_("What do the sources say about keeping customers?"))
class SourcesOnKeeping(MultiChoiceExercise):
    """Multi-choice: the sources' own points on keeping customers, against look-alikes."""

    hint = ("Section 2 of the chapter lists the sources' points, each with its source; the real "
            "data (CDNOW) are at its end.")
    prompt = ("Tick every statement that the course's sources make about keeping customers (S0–S4 "
              "as the chapter names them), or that the real CDNOW purchases show.")

    def _cdnow_big_more_loyal(self) -> bool:
        if not hasattr(self, "_cd"):
            from ..core.owndata import load_cdnow_world
            t = R.spend_and_return(load_cdnow_world().transactions, asof="1997-03-31",
                                   ahead_days=365, top=0.2)
            self._cd = bool(t.loc["big", "share_returned"] > t.loc["small", "share_returned"])
        return self._cd

    def _items(self) -> dict[str, tuple[bool, str]]:
        big = self._cdnow_big_more_loyal()
        more = _("On CDNOW, big first-quarter buyers came back more often than small ones")
        less = _("On CDNOW, big first-quarter buyers came back less often than small ones")
        cd_true, cd_false = (more, less) if big else (less, more)
        return {
            _("Keeping a customer costs far less than winning a new one (S2)"):
                (True, _("S2 opens with it: 留住一个客户的费用比新开发一个客户的费用要低得多.")),
            _("Winning a new customer costs 5~6倍 as much as keeping one, and 6~10倍 the work (S1)"):
                (True, _("S1 gives these figures, citing the American Marketing Association.")),
            _("Developing a new customer costs five times (5倍) as much as serving an old one (S3)"):
                (True, _("S3 says so, on an average customer, without a source for the figure.")),
            _("Loyalty is trust earned over long cooperation: big customers are grown (S3)"):
                (True, _("S3: 大客户是通过培养出来的 … 这叫客户的忠诚度.")),
            _("Keeping an old customer costs 5–6 times as much as winning a new one"):
                (False, _("That is the AMA figure upside down: winning is the dearer one.")),
            _("Jinghua's synthetic data prove the 5–6× figure"):
                (False, _("The synthetic world was built to show the sources' claims, so it "
                          "illustrates them and cannot prove them; chapter 2 measures its costs.")),
            cd_true: (True, _("Section 9 of the chapter measures it on the real purchases.")),
            cd_false: (False, _("Section 9 of the chapter measured the opposite on the real purchases.")),
        }

    def options(self) -> list[str]:
        return list(self._items())

    def solution(self) -> list[str]:
        return [k for k, (ok, _why) in self._items().items() if ok]

    def explanations(self) -> dict[str, str]:
        return {k: why for k, (_ok, why) in self._items().items()}
