"""Exercises for chapter 5, customer analysis and the customer database (客户分析、客户数据库).

Used by ``exercises/05_customer_analysis.ipynb``.  Every answer is computed with
:mod:`casekit.analysis` from the world the exercise is built on, so each exercise works for any
seed and size; wrong answers that match a known mistake are named in the feedback.
"""

from __future__ import annotations

import pandas as pd

from .. import analysis as A
from .._format import cny as _cny
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
@register("analysis.cross_ratio", chapter=5, title="Compute a cross ratio")
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
        return (f"The table shows each product line's yearly net revenue, cost of goods, gross "
                f"margin and average inventory (at cost, from the days-of-cover assumption). "
                f"What is the **cross ratio** (交叉比率) of **{self.line}** — its gross-margin "
                "rate (毛利率) times its stock turnover (周转率)? Type a plain number with two "
                "decimals; answers within 1% count.")

    def data(self) -> pd.DataFrame:
        r = self._ratios()
        return pd.DataFrame({
            "product line": list(r.index),
            "revenue per year (CNY)": r["revenue"].round(0).to_numpy(),
            "cost of goods per year (CNY)": r["cost"].round(0).to_numpy(),
            "gross margin per year (CNY)": r["gross_margin"].round(0).to_numpy(),
            "average inventory (CNY)": r["avg_inventory"].round(0).to_numpy(),
        })

    def solution(self) -> float:
        return float(self._ratios().loc[self.line, "cross_ratio"])

    def explanation(self) -> str:
        row = self._ratios().loc[self.line]
        return (f"Gross-margin rate {row['margin_rate']:.1%} × turnover {row['turnover']:.2f} "
                f"= {row['cross_ratio']:.2f}: each yuan tied up in {self.line} stock earns "
                f"{row['cross_ratio']:.2f} yuan of gross margin a year (= gross margin ÷ average "
                "inventory).")

    def misconceptions(self) -> list[Misconception]:
        row = self._ratios().loc[self.line]
        m, t = float(row["margin_rate"]), float(row["turnover"])
        cost_turn = float(row["cost"] / row["avg_inventory"])
        return [
            Misconception("margin rate and turnover added", m + t,
                          "The cross ratio multiplies the two ratios; adding a rate to a count "
                          "of turns has no meaning."),
            Misconception("turnover alone", t,
                          "That is the stock turnover only; multiply it by the gross-margin rate."),
            Misconception("gross-margin rate alone", m,
                          "That is the gross-margin rate only; multiply it by the turnover."),
            Misconception("turnover on cost of goods", m * cost_turn,
                          "Here turnover is revenue ÷ average inventory; you used cost of goods "
                          "÷ inventory."),
            Misconception("contribution ratio instead of cross ratio",
                          float(row["contribution"]),
                          "You also multiplied by the sales share: that is the contribution "
                          "ratio (贡献比率), the next step."),
            Misconception("margin rate in percent", m * 100 * t,
                          "Use the gross-margin rate as a fraction (0.39), not in percent (39)."),
        ]


# --------------------------------------------------------------------------------------------
_STAGE_WHY = {
    "decide to build a customer database":
        "It starts with a decision: what the database is for and who will keep it.",
    "collect customer data":
        "Only once it is decided can data be collected — from visits, orders, surveys, trade "
        "directories.",
    "fill in a card for each customer":
        "Collected data is entered customer by customer on a card (客户资料卡), one per "
        "customer.",
    "sort and screen the data":
        "Filled cards are then sorted and screened: duplicates, gaps and errors removed.",
    "turn the data into intelligence":
        "Only clean, sorted data can be analysed into insight (智慧型信息): grades, credit, "
        "routes.",
    "use the database's information flexibly":
        "Last, the insight is used — in visits, credit decisions, offers — and feeds back into "
        "the data.",
}


@register("analysis.database_stages", chapter=5, title="The six stages of building a customer database")
class DatabaseStages(OrderingExercise):
    """Ordering: the six stages of building a customer database (建立客户数据库的六个阶段)."""

    hint = "Ask what each stage needs from the one before it: you cannot screen cards not yet filled."

    @property
    def prompt(self) -> str:
        n = len(self.world.customers)
        return (f"Our firm wants a customer database (客户数据库) for its {n:,} customers. Put the "
                "six stages of building one in order: pick the first stage in row 1, the next "
                "in row 2, and so on.")

    def solution(self) -> list[str]:
        return [f"{en} ({zh})" for en, zh in A.DATABASE_STAGES]

    def explanations(self) -> dict[str, str]:
        return {f"{en} ({zh})": _STAGE_WHY[en] for en, zh in A.DATABASE_STAGES}


# --------------------------------------------------------------------------------------------
@register("analysis.stop_trade", chapter=5, title="Whom do we stop trading with?")
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
        return f"customer {int(cid)}"

    def options(self) -> list[str]:
        return [self._label(c) for c in self._pick().index]

    def solution(self) -> list[str]:
        t = self._pick()
        return [self._label(c) for c in t.index[t["decision"] == "stop"]]

    def data(self) -> pd.DataFrame:
        t = self._pick()
        return pd.DataFrame({
            "customer": [self._label(c) for c in t.index],
            "credit rating": t["credit_rating"].astype("str").to_numpy(),
            "payment days": t["payment_days"].to_numpy(),
            "bad debt (CNY)": t["bad_debt"].round(0).to_numpy(),
            "disputes": t["disputes"].to_numpy(),
            "revenue, last 12 months (CNY)": t["revenue_12m"].round(0).to_numpy(),
        })

    def explanations(self) -> dict[str, str]:
        out = {}
        for cid, row in self._pick().iterrows():
            signs = row["reasons"] or "no warning sign"
            n = int(row["signs"])
            if row["decision"] == "stop":
                why = f"Stop: {n} warning signs ({signs})."
                if row["role"] == "stop_big":
                    why += (f" It is a big buyer ({_cny(row['revenue_12m'])} in 12 months), but "
                            "size does not pay invoices: big is not the same as good.")
            elif n == 1:
                why = (f"Only one warning sign ({signs}): restrict the credit limit, do not stop "
                       "— one sign alone is not enough under the rule.")
                if row["flag_rating"]:
                    why += " A D rating is a warning, not proof: its own record shows no other sign."
            else:
                why = "No warning sign at all: continue trading."
                if row["role"] == "clean_small":
                    why += (" Buying little is not a credit risk; small customers are stopped "
                            "only for risk, not for size.")
            out[self._label(cid)] = why
        return out


# --------------------------------------------------------------------------------------------
@register("analysis.pick_route", chapter=5, title="Which route does this customer belong to?")
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
        return (f"Route classification (路序分类) splits each region's customers into visit "
                f"routes. In the {region} region, customer {cid} lies at a bearing of "
                f"**{row['bearing_deg']:.1f}°** (clockwise from north) and "
                f"{row['distance_km']:.0f} km from the sales office. The table lists the "
                f"{region} routes with the bearing range each one covers. Which route does "
                f"customer {cid} belong to?")

    def data(self) -> pd.DataFrame:
        _region, table, _cid, _row, _roles = self._setup()
        t = table.sort_values("from_deg")
        return pd.DataFrame({"route": list(t.index), "customers": t["customers"].to_numpy(),
                             "from (°)": t["from_deg"].round(1).to_numpy(),
                             "to (°)": t["to_deg"].round(1).to_numpy()})

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
            rng = f"{name} covers {lo:.1f}° to {hi:.1f}°"
            if role == "right":
                out[name] = (f"Right: {rng}, and {b:.1f}° lies inside it. The customer is visited "
                             "on the same trip as its neighbours in that slice of the region.")
            elif role == "neighbour":
                out[name] = (f"Close, but {rng}; {b:.1f}° is just past its end. Read the range "
                             "boundaries carefully: a route is one slice, not the nearest number.")
            elif role == "least":
                out[name] = (f"{rng}. It has the fewest customers, but a route is chosen by where "
                             "the customer is, not by which route has room (balancing happens when "
                             "the routes are drawn).")
            else:
                out[name] = f"{rng}: that is another part of the region, far from {b:.1f}°."
        return out


# --------------------------------------------------------------------------------------------
_COVER_BUCKETS = (("30 days or less", 0, 30), ("35–55 days", 35, 55), ("60–80 days", 60, 80),
                  ("85–115 days", 85, 115), ("120 days or more", 120, 10_000))


@register("analysis.cover_explorer", chapter=5, title="Explore: days of cover, turnover and cross ratio")
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
                                    step=5, description="Spare parts: days of cover",
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
            "product line": list(r.index),
            "days of cover": r["days_of_cover"].round(0).astype("int64").to_numpy(),
            "gross-margin rate": [f"{v:.1%}" for v in r["margin_rate"]],
            "turnover (times/year)": r["turnover"].round(1).to_numpy(),
            "cross ratio": r["cross_ratio"].round(2).to_numpy(),
        })

    def draw(self, ax, days: int = 120) -> None:
        from ..plots.analysis import cross_ratio_bars
        cross_ratio_bars(self._ratios(days), highlight=self.line, ax=ax,
                         title=f"Cross ratio with {days} days of spare-parts cover")

    def _threshold(self) -> int:
        """Largest slider value (step 5) at which spare parts' cross ratio ≥ consumables'."""
        best = 0
        for d in range(10, 181, 5):
            r = self._ratios(d)
            if round(r.loc[self.line, "cross_ratio"], 2) >= round(r.loc[self.rival, "cross_ratio"], 2):
                best = d
        return best

    def options(self) -> list[str]:
        return [b[0] for b in _COVER_BUCKETS]

    def solution(self) -> str:
        t = self._threshold()
        return next(label for label, lo, hi in _COVER_BUCKETS if t <= hi) if t else _COVER_BUCKETS[0][0]

    def explanations(self) -> dict[str, str]:
        t = self._threshold()
        r = self._ratios(max(t, 10))
        nxt = self._ratios(min(t + 5, 180))
        right = self.solution()
        reached = (f"at {t} days spare parts reach a cross ratio of "
                   f"{r.loc[self.line, 'cross_ratio']:.2f} against consumables' "
                   f"{r.loc[self.rival, 'cross_ratio']:.2f}; at {t + 5} days only "
                   f"{nxt.loc[self.line, 'cross_ratio']:.2f}.")
        out = {}
        for label, lo, hi in _COVER_BUCKETS:
            if label == right:
                out[label] = (f"Right: {reached} Halving the stock doubles the turnover and the "
                              "cross ratio: a high margin only pays if the stock also turns.")
            elif lo > t:
                out[label] = (f"Too many days: with that much stock spare parts turn too slowly; "
                              f"{reached} A higher margin rate alone does not make the better line.")
            else:
                out[label] = (f"Spare parts already match consumables with more stock than that: "
                              f"{reached}")
        return out


# The SQL exercises of the chapter (the customer database queried in SQL) live in their own module.
from . import analysis_sql as _analysis_sql  # noqa: E402,F401


# --------------------------------------------------------------------------------------------
@register("analysis.card_sections", chapter=5,
          title="Which fields of a customer card are its transaction status?")
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
        return f"{row['item']} ({row['chinese']}): {row['value']}"

    @property
    def prompt(self) -> str:
        self._card()
        return (f"Ms Zhou reads the card (客户资料卡) of customer {self._cid}, our biggest active buyer "
                "of the last 12 months. Customer management has four contents (客户管理的内容): basic "
                "records (客户基本资料的管理), transaction status (交易状况的管理), relationship "
                "management (客户关系管理) and risk management (客户风险管理). Tick every field below "
                "that belongs to **transaction status**.")

    def options(self) -> list[str]:
        return [self._label(r) for _, r in self._card().iterrows()]

    def solution(self) -> list[str]:
        c = self._card()
        return [self._label(r) for _, r in c[c["section"] == self.target].iterrows()]

    def explanations(self) -> dict[str, str]:
        why = {
            "basic records": "basic records (客户基本资料): who the customer is — the base and "
                             "starting point of the file, gathered mainly on sales visits.",
            "transaction status": "transaction status (交易状况): what and how much the customer "
                                  "buys from us.",
            "relationship": "relationship (客户关系): how the relationship stands — loyalty, "
                            "satisfaction, complaints. Buying much is not the same as being loyal.",
            "risk": "risk (客户风险): what the customer may cost us — credit, payment, bad debt. "
                    "Money owed is not money earned.",
        }
        return {self._label(r): f"It is {why[r['section']]}" for _, r in self._card().iterrows()}


# --------------------------------------------------------------------------------------------
_PRINCIPLE_TRAPS = {
    "treat every customer alike (一视同仁): one file and one selling strategy for all":
        "S2 asks the opposite — focus on the important (突出重点): key customers managed more closely, "
        "a separate file and strategy per type of customer.",
    "keep each record as it was first entered, so the history stays unchanged":
        "S2 asks the opposite — dynamic management (动态管理): update the records, remove outdated "
        "data, add new data as customers change.",
    "let every employee who needs them take the customer files freely":
        "That breaks 专人负责 (a designated person is responsible): the records have a named keeper "
        "and rules for using and lending them (standard textbook content; S2 gives the term only).",
}


@register("analysis.management_principles", chapter=5,
          title="The four principles of customer management")
class ManagementPrinciples(MultiChoiceExercise):
    """Choose many: S2's four principles of customer management (客户管理原则)."""

    hint = ("A principle keeps the file useful: up to date as customers change, focused on the "
            "customers that matter, put to use, and in a named person's care.")

    @property
    def prompt(self) -> str:
        n = len(self.world.customers)
        return (f"Ms Zhou writes the rules for keeping the file of our {n:,} customers. Tick every "
                "option that is one of S2's **principles of customer management** (客户管理原则).")

    def _right(self) -> dict[str, str]:
        out = {}
        for en, zh, meaning in A.MANAGEMENT_PRINCIPLES:
            zh = zh.removesuffix("原则")
            label = f"{en} ({zh})"
            if not meaning.startswith("S2 gives the term only"):
                label += f": {meaning.split(';')[0]}"
            out[label] = f"Yes: {en} ({zh}) is one of the four."
        return out

    def options(self) -> list[str]:
        right = list(self._right())
        traps = list(_PRINCIPLE_TRAPS)
        return [right[0], traps[0], right[1], right[2], traps[1], right[3], traps[2]]

    def solution(self) -> list[str]:
        return list(self._right())

    def explanations(self) -> dict[str, str]:
        return {**self._right(), **_PRINCIPLE_TRAPS}


# --------------------------------------------------------------------------------------------
@register("analysis.crm_statements", chapter=5, title="What S2 says about CRM")
class CrmStatements(MultiChoiceExercise):
    """Choose many: statements about customer relationship management (客户关系管理, CRM) that S2
    makes — its definition, features, core, contents and implementation points."""

    hint = ("S2: CRM rests on the one-to-one theory of customer relationships; its core is sales "
            "management; its contents are marketing automation, sales-process automation and a "
            "customer service system; it needs goals, resources and staff who adapt.")

    prompt = ("Ms Zhou presents a CRM system to the management. Tick every statement that agrees "
              "with S2 (客户关系管理, CRM).")

    def _right(self) -> dict[str, str]:
        core_en, core_zh, _ = A.CRM_CORE
        service_en, service_zh, _ = A.CRM_CONTENTS[2]
        feature_en, feature_zh, _ = A.CRM_FEATURES[3]
        staff_en, staff_zh, _ = A.CRM_IMPLEMENTATION[2]
        return {
            "CRM rests on the one-to-one theory of customer relationships (客户关系一对一理论)":
                "Yes: S2 defines CRM as a new management mechanism based on that theory.",
            f"its core is {core_en} ({core_zh})":
                "Yes: the core extends the firm's management system to the front line.",
            f"its contents include {service_en} ({service_zh})":
                "Yes: with marketing automation and sales-process automation.",
            f"one of its features is: {feature_en} ({feature_zh})":
                "Yes: one of the five features.",
            f"an implementation point: {staff_en} ({staff_zh})":
                "Yes: with clear goals and the resources the solution needs.",
        }

    _traps = {
        "its contents include service automation (服务自动化)":
            "S2 writes 客户服务系统, a customer service system — not service automation.",
        "its core is production management (生产管理)":
            "The core is sales management (销售管理): CRM deals with customers, not the factory.",
        "once installed, a CRM system works without set goals or extra resources":
            "S2's implementation points say the opposite: set clear goals and provide the time, "
            "money and other resources.",
    }

    def options(self) -> list[str]:
        r, t = list(self._right()), list(self._traps)
        return [r[0], t[0], r[1], r[2], t[1], r[3], t[2], r[4]]

    def solution(self) -> list[str]:
        return list(self._right())

    def explanations(self) -> dict[str, str]:
        return {**self._right(), **self._traps}
