"""Exercises for chapter 5, customer analysis and the customer database (客户分析、客户数据库).

Used by ``exercises/05_customer_analysis.ipynb``.  Every answer is computed with
:mod:`casekit.analysis` from the world the exercise is built on, so each exercise works for any
seed and size; wrong answers that match a known mistake are named in the feedback.
"""

from __future__ import annotations

import pandas as pd

from .. import analysis as A
from .._format import cny as _cny
from ..i18n import N_, _, language, translate
from .engine import (
    ChoiceExercise,
    ExploreExercise,
    Misconception,
    MultiChoiceExercise,
    NumericExercise,
    OrderingExercise,
    register,
)

__all__ = ["CrossRatio", "DatabaseStages", "StopTrade", "PickRoute", "CoverExplorer", "CardSections",
           "ManagementPrinciples", "CrmStatements"]


class _File:
    """Mixin: the customer file of the exercise's world, computed once."""

    def file(self) -> pd.DataFrame:
        if not hasattr(self, "_file"):
            self._file = A.customer_file(self.world)
        return self._file


# --------------------------------------------------------------------------------------------
@register("analysis.cross_ratio", chapter=5, title=N_("Compute a cross ratio"))
class CrossRatio(NumericExercise):
    """Numeric: the cross ratio (交叉比率) of one product line from its yearly figures."""

    line = "consumables"
    unit = ""
    rel_tol = 0.01
    bounds = (0.0, None)
    decimals = 2
    placeholder = "e.g. 3.25"
    hint = ("Gross-margin rate = gross margin ÷ revenue; stock turnover = revenue ÷ average "
            "inventory; cross ratio = gross-margin rate × turnover.")

    def _ratios(self) -> pd.DataFrame:
        if not hasattr(self, "_cache"):
            self._cache = A.cross_ratios(self.world.transactions)
        return self._cache

    @property
    def prompt(self) -> str:
        return _("The table shows each product line's yearly net revenue, cost of goods, gross "
                 "margin and average inventory (at cost, from the days-of-cover assumption). "
                 "What is the **cross ratio** (交叉比率) of **{line}** — its gross-margin "
                 "rate (毛利率) times its stock turnover (周转率)? Type a plain number with two "
                 "decimals; answers within 1% count.").format(line=translate(self.line))

    def data(self) -> pd.DataFrame:
        r = self._ratios()
        return pd.DataFrame({
            N_("product line"): [translate(str(x)) for x in r.index],
            N_("revenue per year (CNY)"): r["revenue"].round(0).to_numpy(),
            N_("cost of goods per year (CNY)"): r["cost"].round(0).to_numpy(),
            N_("gross margin per year (CNY)"): r["gross_margin"].round(0).to_numpy(),
            N_("average inventory (CNY)"): r["avg_inventory"].round(0).to_numpy(),
        })

    def solution(self) -> float:
        return float(self._ratios().loc[self.line, "cross_ratio"])

    def explanation(self) -> str:
        row = self._ratios().loc[self.line]
        return _("Gross-margin rate {rate:.1%} × turnover {turnover:.2f} = {cross:.2f}: each yuan "
                 "tied up in {line} stock earns {cross:.2f} yuan of gross margin a year (= gross "
                 "margin ÷ average inventory).").format(
            rate=row["margin_rate"], turnover=row["turnover"], cross=row["cross_ratio"],
            line=translate(self.line))

    def misconceptions(self) -> list[Misconception]:
        row = self._ratios().loc[self.line]
        m, t = float(row["margin_rate"]), float(row["turnover"])
        cost_turn = float(row["cost"] / row["avg_inventory"])
        return [
            Misconception(_("margin rate and turnover added"), m + t,
                          _("The cross ratio multiplies the two ratios; adding a rate to a count "
                            "of turns has no meaning.")),
            Misconception(_("turnover alone"), t,
                          _("That is the stock turnover only; multiply it by the gross-margin rate.")),
            Misconception(_("gross-margin rate alone"), m,
                          _("That is the gross-margin rate only; multiply it by the turnover.")),
            Misconception(_("turnover on cost of goods"), m * cost_turn,
                          _("Here turnover is revenue ÷ average inventory; you used cost of goods "
                            "÷ inventory.")),
            Misconception(_("contribution ratio instead of cross ratio"),
                          float(row["contribution"]),
                          _("You also multiplied by the sales share: that is the contribution "
                            "ratio (贡献比率), the next step.")),
            Misconception(_("margin rate in percent"), m * 100 * t,
                          _("Use the gross-margin rate as a fraction (0.39), not in percent (39).")),
        ]


# --------------------------------------------------------------------------------------------
_STAGE_WHY = {
    "decide to build a customer database":
        N_("It starts with a decision: what the database is for and who will keep it."),
    "collect customer data":
        N_("Only once it is decided can data be collected — from visits, orders, surveys, trade "
           "directories."),
    "fill in a card for each customer":
        N_("Collected data is entered customer by customer on a card (客户资料卡), one per "
           "customer."),
    "sort and screen the data":
        N_("Filled cards are then sorted and screened: duplicates, gaps and errors removed."),
    "turn the data into intelligence":
        N_("Only clean, sorted data can be analysed into insight (智慧型信息): grades, credit, "
           "routes."),
    "use the database's information flexibly":
        N_("Last, the insight is used — in visits, credit decisions, offers — and feeds back into "
           "the data."),
}


@register("analysis.database_stages", chapter=5, title=N_("The six stages of building a customer database"))
class DatabaseStages(OrderingExercise):
    """Ordering: the six stages of building a customer database (建立客户数据库的六个阶段)."""

    hint = "Ask what each stage needs from the one before it: you cannot screen cards not yet filled."

    @property
    def prompt(self) -> str:
        n = len(self.world.customers)
        return _("Our firm wants a customer database (客户数据库) for its {n:,} customers. Put the "
                 "six stages of building one in order: pick the first stage in row 1, the next "
                 "in row 2, and so on.").format(n=n)

    @staticmethod
    def _stage(en: str, zh: str) -> str:
        return zh if language() == "zh" else f"{en} ({zh})"

    def solution(self) -> list[str]:
        return [self._stage(en, zh) for en, zh in A.DATABASE_STAGES]

    def explanations(self) -> dict[str, str]:
        return {self._stage(en, zh): _(_STAGE_WHY[en]) for en, zh in A.DATABASE_STAGES}


# --------------------------------------------------------------------------------------------
@register("analysis.stop_trade", chapter=5, title=N_("Whom do we stop trading with?"))
class StopTrade(_File, MultiChoiceExercise):
    """Choose many: which customers does the credit rule stop (中止交易)?"""

    hint = ("Count each customer's warning signs: rating D, paying after more than 75 days, any "
            "bad debt, two or more disputes. Two or more signs: stop.")

    prompt = ("Our internal records (内部调查) show six active customers (table). The credit rule "
              "counts four warning signs: credit rating D; average payment after more than 75 "
              "days; any bad debt; two or more payment disputes. One sign restricts the credit "
              "limit; **two or more stop trade on credit** (中止交易). Tick every customer we "
              "stop trading with.")

    def _pick(self) -> pd.DataFrame:
        if hasattr(self, "_cache"):
            return self._cache
        cr = A.credit_review(self.file())
        cr = cr.sort_values(["revenue_12m"], ascending=False, kind="stable")
        picks: dict[int, str] = {}

        def take(mask, role, n=1, largest=True):
            rows = cr[mask & ~cr.index.isin(list(picks))]
            rows = rows if largest else rows.iloc[::-1]
            for cid in rows.index[:n]:
                picks[int(cid)] = role

        stop = cr["decision"] == "stop"
        take(stop, "stop_big")
        take(stop & ~cr["flag_rating"], "stop_no_d")
        take(stop, "stop", n=max(0, 2 - sum(r.startswith("stop") for r in picks.values())))
        take((cr["signs"] == 1) & cr["flag_rating"], "one_rating_d")
        take((cr["signs"] == 1) & ~cr["flag_rating"], "one_other")
        take(cr["signs"] == 0, "clean_big")
        take((cr["signs"] == 0) & (cr["revenue_12m"] > 0), "clean_small", largest=False)
        take(cr["signs"] <= 1, "other", n=max(0, 6 - len(picks)))
        if not any(r.startswith("stop") for r in picks.values()):
            raise ValueError("this world has no customer to stop trading with")
        table = cr.loc[sorted(picks)].copy()
        table["role"] = [picks[c] for c in table.index]
        self._cache = table
        return table

    @staticmethod
    def _label(cid) -> str:
        return _("customer {id}").format(id=int(cid))

    def options(self) -> list[str]:
        return [self._label(c) for c in self._pick().index]

    def solution(self) -> list[str]:
        t = self._pick()
        return [self._label(c) for c in t.index[t["decision"] == "stop"]]

    def data(self) -> pd.DataFrame:
        t = self._pick()
        return pd.DataFrame({
            N_("customer"): [self._label(c) for c in t.index],
            N_("credit rating"): t["credit_rating"].astype("str").to_numpy(),
            N_("payment days"): t["payment_days"].to_numpy(),
            N_("bad debt (CNY)"): t["bad_debt"].round(0).to_numpy(),
            N_("disputes"): t["disputes"].to_numpy(),
            N_("revenue, last 12 months (CNY)"): t["revenue_12m"].round(0).to_numpy(),
        })

    def explanations(self) -> dict[str, str]:
        out = {}
        for cid, row in self._pick().iterrows():
            signs = (("、" if language() == "zh" else ", ").join(_(r) for r in row["reasons"].split(", "))
                     if row["reasons"] else _("no warning sign"))
            n = int(row["signs"])
            if row["decision"] == "stop":
                why = _("Stop: {n} warning signs ({signs}).").format(n=n, signs=signs)
                if row["role"] == "stop_big":
                    why += " " + _("It is a big buyer ({revenue} in 12 months), but size does not "
                                   "pay invoices: big is not the same as good.").format(
                        revenue=_cny(row["revenue_12m"]))
            elif n == 1:
                why = _("Only one warning sign ({signs}): restrict the credit limit, do not stop "
                        "— one sign alone is not enough under the rule.").format(signs=signs)
                if row["flag_rating"]:
                    why += " " + _("A D rating is a warning, not proof: its own record shows no other sign.")
            else:
                why = _("No warning sign at all: continue trading.")
                if row["role"] == "clean_small":
                    why += " " + _("Buying little is not a credit risk; small customers are stopped "
                                   "only for risk, not for size.")
            out[self._label(cid)] = why
        return out


# --------------------------------------------------------------------------------------------
@register("analysis.pick_route", chapter=5, title=N_("Which route does this customer belong to?"))
class PickRoute(ChoiceExercise):
    """Choose one: the visit route (路序分类) of a customer, from the route table."""

    hint = ("Routes slice the region like a cake around the sales office: find the route whose "
            "bearing range (from – to) holds the customer's bearing.")

    def _setup(self):
        if hasattr(self, "_cache"):
            return self._cache
        flow = A.analysis_flow(self.world)
        routes = flow.routes
        region = routes["region"].astype("str").value_counts().sort_index().idxmax()
        table = A.route_table(routes)
        table = table[table["region"] == region]
        mine = routes[routes["region"].astype("str") == region]
        if len(table) < 2:
            raise ValueError("this world has too few customers for more than one route")
        # the customer just inside a route's border, next to its neighbour (read ranges closely)
        t = table.sort_values("from_deg")
        names = list(t.index)
        gaps = []
        for k in range(1, len(names)):
            last = mine[mine["route"] == names[k]].sort_values("bearing_deg").iloc[0]
            gaps.append((float(last["bearing_deg"]) - float(t.loc[names[k - 1], "to_deg"]),
                         k, int(last.name)))
        clear = [g for g in gaps if g[0] >= 0.5]  # a gap the one-decimal table still shows
        _, k, cid = min(clear) if clear else max(gaps)
        right, neighbour = names[k], names[k - 1]
        least = t["customers"].idxmin()
        opposite = names[(k + len(names) // 2) % len(names)]
        roles = {right: "right", neighbour: "neighbour"}
        roles.setdefault(least, "least")
        roles.setdefault(opposite, "opposite")
        for name in names:
            if len(roles) >= 4:
                break
            roles.setdefault(name, "other")
        row = mine.loc[cid]
        self._cache = (region, table, cid, row, roles)
        return self._cache

    @property
    def prompt(self) -> str:
        region, _table, cid, row, _roles = self._setup()
        return _("Route classification (路序分类) splits each region's customers into visit "
                 "routes. In the {region} region, customer {cid} lies at a bearing of "
                 "**{bearing:.1f}°** (clockwise from north) and {km:.0f} km from the sales "
                 "office. The table lists the {region} routes with the bearing range each one "
                 "covers. Which route does customer {cid} belong to?").format(
            region=translate(str(region)), cid=cid, bearing=row["bearing_deg"], km=row["distance_km"])

    def data(self) -> pd.DataFrame:
        _region, table, _cid, _row, _roles = self._setup()
        t = table.sort_values("from_deg")
        return pd.DataFrame({N_("route"): list(t.index), N_("customers"): t["customers"].to_numpy(),
                             N_("from (°)"): t["from_deg"].round(1).to_numpy(),
                             N_("to (°)"): t["to_deg"].round(1).to_numpy()})

    def options(self) -> list[str]:
        _region, table, _cid, _row, roles = self._setup()
        order = list(table.sort_values("from_deg").index)
        return [r for r in order if r in roles]

    def solution(self) -> str:
        return next(r for r, role in self._setup()[4].items() if role == "right")

    def explanations(self) -> dict[str, str]:
        _region, table, _cid, row, roles = self._setup()
        b = float(row["bearing_deg"])
        out = {}
        for name, role in roles.items():
            lo, hi = float(table.loc[name, "from_deg"]), float(table.loc[name, "to_deg"])
            rng = _("{name} covers {lo:.1f}° to {hi:.1f}°").format(name=name, lo=lo, hi=hi)
            if role == "right":
                out[name] = _("Right: {range}, and {b:.1f}° lies inside it. The customer is visited "
                              "on the same trip as its neighbours in that slice of the region."
                              ).format(range=rng, b=b)
            elif role == "neighbour":
                out[name] = _("Close, but {range}; {b:.1f}° is just past its end. Read the range "
                              "boundaries carefully: a route is one slice, not the nearest number."
                              ).format(range=rng, b=b)
            elif role == "least":
                out[name] = _("{range}. It has the fewest customers, but a route is chosen by where "
                              "the customer is, not by which route has room (balancing happens when "
                              "the routes are drawn).").format(range=rng)
            else:
                out[name] = _("{range}: that is another part of the region, far from {b:.1f}°."
                              ).format(range=rng, b=b)
        return out


# --------------------------------------------------------------------------------------------
_COVER_BUCKETS = ((N_("30 days or less"), 0, 30), (N_("35–55 days"), 35, 55), (N_("60–80 days"), 60, 80),
                  (N_("85–115 days"), 85, 115), (N_("120 days or more"), 120, 10_000))


@register("analysis.cover_explorer", chapter=5, title=N_("Explore: days of cover, turnover and cross ratio"))
class CoverExplorer(ExploreExercise):
    """Explore: a days-of-cover slider for spare parts redraws the cross ratios."""

    line = "spare parts"
    rival = "consumables"
    prompt = ("Stock turnover needs an average inventory, which our data does not hold: the kit "
              "assumes a number of days of cover (库存天数) per product line. Move the slider to "
              "change how many days of cover of **spare parts** we keep (the other lines stay at "
              "their defaults). The chart and table show the gross-margin rate, turnover and "
              "cross ratio (交叉比率).")
    question = ("Spare parts have a higher gross-margin rate than consumables. Up to how many days "
                "of cover (in steps of 5) does the cross ratio of spare parts stay at least as high "
                "as that of consumables?")
    hint = ("Slide the days of cover down from 120 and watch when the spare-parts cross ratio "
            "reaches the consumables one.")

    def controls(self) -> dict:
        import ipywidgets as W
        return {"days": W.IntSlider(value=int(A.DAYS_OF_COVER[self.line]), min=10, max=180,
                                    step=5, description=_("Spare parts: days of cover"),
                                    style={"description_width": "initial"},
                                    layout=W.Layout(width="460px"))}

    def _ratios(self, days: float) -> pd.DataFrame:
        if not hasattr(self, "_memo"):
            self._memo = {}
        key = float(days)
        if key not in self._memo:
            self._memo[key] = A.cross_ratios(self.world.transactions,
                                             days_of_cover={self.line: key})
        return self._memo[key]

    def table(self, days: int = 120) -> pd.DataFrame:
        r = self._ratios(days)
        return pd.DataFrame({
            N_("product line"): [translate(str(x)) for x in r.index],
            N_("days of cover"): r["days_of_cover"].round(0).astype("int64").to_numpy(),
            N_("gross-margin rate"): [f"{v:.1%}" for v in r["margin_rate"]],
            N_("turnover (times/year)"): r["turnover"].round(1).to_numpy(),
            N_("cross ratio"): r["cross_ratio"].round(2).to_numpy(),
        })

    def draw(self, ax, days: int = 120) -> None:
        from ..plots.analysis import cross_ratio_bars
        cross_ratio_bars(self._ratios(days), highlight=self.line, ax=ax,
                         title=_("Cross ratio with {days} days of spare-parts cover").format(days=days))

    def _threshold(self) -> int:
        """Largest slider value (step 5) at which spare parts' cross ratio ≥ consumables'."""
        best = 0
        for d in range(10, 181, 5):
            r = self._ratios(d)
            if round(r.loc[self.line, "cross_ratio"], 2) >= round(r.loc[self.rival, "cross_ratio"], 2):
                best = d
        return best

    def options(self) -> list[str]:
        return [_(b[0]) for b in _COVER_BUCKETS]

    def solution(self) -> str:
        t = self._threshold()
        return _(next(label for label, lo, hi in _COVER_BUCKETS if t <= hi) if t else _COVER_BUCKETS[0][0])

    def explanations(self) -> dict[str, str]:
        t = self._threshold()
        r = self._ratios(max(t, 10))
        nxt = self._ratios(min(t + 5, 180))
        right = self.solution()
        reached = _("at {t} days spare parts reach a cross ratio of {cross:.2f} against "
                    "consumables' {rival:.2f}; at {t5} days only {next:.2f}.").format(
            t=t, cross=r.loc[self.line, "cross_ratio"], rival=r.loc[self.rival, "cross_ratio"],
            t5=t + 5, next=nxt.loc[self.line, "cross_ratio"])
        out = {}
        for label, lo, hi in _COVER_BUCKETS:
            label = _(label)
            if label == right:
                out[label] = _("Right: {reached} Halving the stock doubles the turnover and the "
                               "cross ratio: a high margin only pays if the stock also turns."
                               ).format(reached=reached)
            elif lo > t:
                out[label] = _("Too many days: with that much stock spare parts turn too slowly; "
                               "{reached} A higher margin rate alone does not make the better line."
                               ).format(reached=reached)
            else:
                out[label] = _("Spare parts already match consumables with more stock than that: "
                               "{reached}").format(reached=reached)
        return out


# The SQL exercises of the chapter (the customer database queried in SQL) live in their own module.
from . import analysis_sql as _analysis_sql  # noqa: E402,F401


# --------------------------------------------------------------------------------------------
@register("analysis.card_sections", chapter=5,
          title=N_("Which fields of a customer card are its transaction status?"))
class CardSections(_File, MultiChoiceExercise):
    """Choose many: the fields of one customer's card that belong to transaction status
    (交易状况的管理), one of the four contents of customer management (客户管理的内容)."""

    target = "transaction status"
    hint = ("The four areas: basic records (who the customer is), transaction status (what and how "
            "much it buys), relationship (loyalty, satisfaction, complaints), risk (credit, payment, "
            "bad debt).")

    def _card(self) -> pd.DataFrame:
        if hasattr(self, "_cache"):
            return self._cache
        import numpy as np

        file = self.file()
        pool = file[file["status"] == "active"]
        pool = pool if len(pool) else file
        cid = pool["revenue_12m"].idxmax()
        card = A.customer_card(file, cid)
        picked = card.groupby("section", sort=False).head(2)
        order = np.random.default_rng([int(cid), 5]).permutation(len(picked))
        self._cid = int(cid)
        self._cache = picked.iloc[order].reset_index(drop=True)
        return self._cache

    @staticmethod
    def _label(row) -> str:
        if language() == "zh":  # the source's term first, the value in Chinese where known
            return f"{row['chinese']}：{translate(str(row['value']))}"
        return f"{row['item']} ({row['chinese']}): {row['value']}"

    @property
    def prompt(self) -> str:
        self._card()
        return _("Ms Zhou reads the card (客户资料卡) of customer {cid}, our biggest active buyer "
                 "of the last 12 months. Customer management has four contents (客户管理的内容): basic "
                 "records (客户基本资料的管理), transaction status (交易状况的管理), relationship "
                 "management (客户关系管理) and risk management (客户风险管理). Tick every field below "
                 "that belongs to **transaction status**.").format(cid=self._cid)

    def options(self) -> list[str]:
        return [self._label(r) for _i, r in self._card().iterrows()]

    def solution(self) -> list[str]:
        c = self._card()
        return [self._label(r) for _i, r in c[c["section"] == self.target].iterrows()]

    def explanations(self) -> dict[str, str]:
        why = {
            "basic records": _("It is basic records (客户基本资料): who the customer is — the base and "
                               "starting point of the file, gathered mainly on sales visits."),
            "transaction status": _("It is transaction status (交易状况): what and how much the customer "
                                    "buys from us."),
            "relationship": _("It is relationship (客户关系): how the relationship stands — loyalty, "
                              "satisfaction, complaints. Buying much is not the same as being loyal."),
            "risk": _("It is risk (客户风险): what the customer may cost us — credit, payment, bad debt. "
                      "Money owed is not money earned."),
        }
        return {self._label(r): why[r["section"]] for _i, r in self._card().iterrows()}


# --------------------------------------------------------------------------------------------
_PRINCIPLE_TRAPS = {
    N_("treat every customer alike (一视同仁): one file and one selling strategy for all"):
        N_("S2 asks the opposite — focus on the important (突出重点): key customers managed more closely, "
           "a separate file and strategy per type of customer."),
    N_("keep each record as it was first entered, so the history stays unchanged"):
        N_("S2 asks the opposite — dynamic management (动态管理): update the records, remove outdated "
           "data, add new data as customers change."),
    N_("let every employee who needs them take the customer files freely"):
        N_("That breaks 专人负责 (a designated person is responsible): the records have a named keeper "
           "and rules for using and lending them (standard textbook content; S2 gives the term only)."),
}


@register("analysis.management_principles", chapter=5,
          title=N_("The four principles of customer management"))
class ManagementPrinciples(MultiChoiceExercise):
    """Choose many: S2's four principles of customer management (客户管理原则)."""

    hint = ("A principle keeps the file useful: up to date as customers change, focused on the "
            "customers that matter, put to use, and in a named person's care.")

    @property
    def prompt(self) -> str:
        n = len(self.world.customers)
        return _("Ms Zhou writes the rules for keeping the file of our {n:,} customers. Tick every "
                 "option that is one of S2's **principles of customer management** (客户管理原则).").format(n=n)

    def _right(self) -> dict[str, str]:
        out = {}
        for en, zh, meaning in A.MANAGEMENT_PRINCIPLES:
            zh = zh.removesuffix("原则")
            chinese = language() == "zh"
            label = zh if chinese else f"{en} ({zh})"
            if not meaning.startswith("S2 gives the term only"):
                first = _(meaning).split("；" if chinese else ";")[0]
                label += ("：" if chinese else ": ") + first
            out[label] = _("Yes: {en} ({zh}) is one of the four.").format(en=en, zh=zh)
        return out

    def options(self) -> list[str]:
        right = list(self._right())
        traps = [_(t) for t in _PRINCIPLE_TRAPS]
        return [right[0], traps[0], right[1], right[2], traps[1], right[3], traps[2]]

    def solution(self) -> list[str]:
        return list(self._right())

    def explanations(self) -> dict[str, str]:
        return {**self._right(), **{_(k): _(v) for k, v in _PRINCIPLE_TRAPS.items()}}


# --------------------------------------------------------------------------------------------
@register("analysis.crm_statements", chapter=5, title=N_("What S2 says about CRM"))
class CrmStatements(MultiChoiceExercise):
    """Choose many: statements about customer relationship management (客户关系管理, CRM) that S2
    makes — its definition, features, core, contents and implementation points."""

    hint = ("S2: CRM rests on the one-to-one theory of customer relationships; its core is sales "
            "management; its contents are marketing automation, sales-process automation and a "
            "customer service system; it needs goals, resources and staff who adapt.")

    prompt = ("Ms Zhou presents a CRM system to the management. Tick every statement that agrees "
              "with S2 (客户关系管理, CRM).")

    def _right(self) -> dict[str, str]:
        core_en, core_zh, _m = A.CRM_CORE
        service_en, service_zh, _m = A.CRM_CONTENTS[2]
        feature_en, feature_zh, _m = A.CRM_FEATURES[3]
        staff_en, staff_zh, _m = A.CRM_IMPLEMENTATION[2]
        return {
            _("CRM rests on the one-to-one theory of customer relationships (客户关系一对一理论)"):
                _("Yes: S2 defines CRM as a new management mechanism based on that theory."),
            _("its core is {en} ({zh})").format(en=core_en, zh=core_zh):
                _("Yes: the core extends the firm's management system to the front line."),
            _("its contents include {en} ({zh})").format(en=service_en, zh=service_zh):
                _("Yes: with marketing automation and sales-process automation."),
            _("one of its features is: {en} ({zh})").format(en=feature_en, zh=feature_zh):
                _("Yes: one of the five features."),
            _("an implementation point: {en} ({zh})").format(en=staff_en, zh=staff_zh):
                _("Yes: with clear goals and the resources the solution needs."),
        }

    _traps = {
        N_("its contents include service automation (服务自动化)"):
            N_("S2 writes 客户服务系统, a customer service system — not service automation."),
        N_("its core is production management (生产管理)"):
            N_("The core is sales management (销售管理): CRM deals with customers, not the factory."),
        N_("once installed, a CRM system works without set goals or extra resources"):
            N_("S2's implementation points say the opposite: set clear goals and provide the time, "
               "money and other resources."),
    }

    def options(self) -> list[str]:
        r, t = list(self._right()), [_(k) for k in self._traps]
        return [r[0], t[0], r[1], r[2], t[1], r[3], t[2], r[4]]

    def solution(self) -> list[str]:
        return list(self._right())

    def explanations(self) -> dict[str, str]:
        return {**self._right(), **{_(k): _(v) for k, v in self._traps.items()}}
