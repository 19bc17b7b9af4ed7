"""The account plan as a tool: the 15-question checklist and the ten-element plan (客户计划), S4.

:func:`checklist_scores` scores every candidate on the fifteen key questions
(用来确定你们客户的问题示例—关键问题) from the data; :func:`checklist` gives one account's scored
sheet with the evidence behind each score; :func:`account_plan` builds the ten elements of the
plan from the data and the sheet, and renders them as a one-page plan in a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..core.checks import DateOption, Flag, Interval, validated  # noqa: F401
from .. import i18n
from .. import terms as _terms
from ..i18n import N_, _
from .._format import cny, pct
from ..validate import require_frame, require_number
from .analysis import SERVICE_LEVELS, SERVICE_RATES, _ROLES, _world_check, candidates as _candidates
from .concepts import (CHECKLIST, FOCUS_QUADRANTS, PLAN_ELEMENTS, RELATIONSHIP_FACTORS,
                       RELATIONSHIP_POSITIONS)

__all__ = ["checklist_scores", "checklist", "AccountPlan", "account_plan", "account_plans",
           "plan_tier"]

_NEEDED = {"customer_id": "any", "attr_need": "numeric", "pot_competitor_weakness": "numeric",
           "rel_service": "numeric", "rel_reputation": "numeric", "price_sensitivity": "numeric",
           "loyalty": "numeric", "contact_levels": "numeric", "cooperativeness": "numeric",
           "segment_sales_share": "numeric", "potential": "numeric",
           "attr_profitability": "numeric", "relationship": "numeric", "attr_strategic": "numeric",
           "segment_margin": "numeric", "revenue_rank_share": "numeric", "payment_days": "numeric",
           "disputes": "numeric", "bad_debt": "numeric", "key_contact_left": "bool",
           "credit_rating": "any"}
_REL_ITEMS = [(f[3], f[2]) for f in RELATIONSHIP_FACTORS if f[3].startswith("rel_")]

# What the account team does when a question scores low (≤ 2): feeds element 7 of the plan.
_ACTIONS = {
    "difference": N_("work out with the customer what sets our offer apart, and show it in every proposal"),
    "strengths": N_("raise service quality and reputation where the customer sees them: a named service contact"),
    "weaknesses": N_("fix the weakest relationship item first (see the partnership assessment)"),
    "value_buyer": N_("sell on value: quantify savings and total cost, not unit price"),
    "preference": N_("win preference: regular reviews with the customer's decision-makers"),
    "access": N_("build contacts at more levels: introduce our senior managers to theirs"),
    "buying_rules": N_("learn the buying rules and adapt our processes to them"),
    "type_share": N_("treat the account as a reference for a segment we want to grow"),
    "potential": N_("research the customer's plans to find new business (the 勇士 research stage)"),
    "profitability": N_("review discounts and cost to serve before offering more"),
    "relationship": N_("plan contacts and joint projects to strengthen the relationship"),
    "importance": N_("agree with the customer on its strategic goals and how we serve them"),
    "target_sector": N_("decide whether the account fits our target segments at all"),
    "volume_now": N_("cross-sell (交叉销售) the product lines it buys elsewhere"),
    "risk": N_("reduce the risk: credit terms, payment follow-up and a second contact person"),
}


def _clip(x):
    return np.clip(np.round(np.asarray(x, dtype="float64")), 1, 5).astype("int64")


@validated(
    frames={
        "cands": {
            "customer_id": "id",
            "attr_profitability": "numeric",
            "attr_need": "numeric",
            "attr_strategic": "numeric",
            "pot_competitor_weakness": "numeric",
            "rel_reputation": "numeric",
            "rel_service": "numeric",
            "contact_levels": "numeric",
            "potential": "numeric",
            "relationship": "numeric",
            "loyalty": "share",
            "price_sensitivity": "numeric",
            "payment_days": "numeric",
            "credit_rating": "text",
            "disputes": "numeric",
            "bad_debt": "numeric",
            "cooperativeness": "numeric",
            "key_contact_left": "bool",
            "revenue_rank_share": "numeric",
            "segment_sales_share": "numeric",
            "segment_margin": "numeric",
        },
    },
    keys={"cands": "customer_id"},
)
def checklist_scores(cands: pd.DataFrame) -> pd.DataFrame:
    """Score every candidate 1–5 (5 = best for us) on the fifteen key questions of S4.

    Each question is answered from the data (the rule is in the docstring of :func:`checklist`).
    Returns one row per candidate: ``customer_id``, one column per question (the keys of
    :data:`casekit.key_accounts.CHECKLIST`), ``total`` (15–75) and ``total_share`` (total ÷ 75).

    Parameters
    ----------
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads 21 declared
        columns (see ``checklist_scores.spec``).

    Returns
    -------
    DataFrame
        Score every candidate 1–5 (5 = best for us) on the fifteen key questions of S4.

    Examples
    --------
    >>> import casekit as ck
    >>> from casekit.key_accounts import candidates
    >>> s = checklist_scores(candidates(ck.world()))
    >>> int(s[[q[0] for q in CHECKLIST]].min().min()) >= 1, int(s["total"].max()) <= 75
    (True, True)
    """
    require_frame(cands, _NEEDED, what="checklist_scores")
    c = cands
    rel = c[[col for col, _ in _REL_ITEMS]].to_numpy(dtype="float64") if all(
        col in c.columns for col, _ in _REL_ITEMS) else None
    if rel is None:
        missing = [col for col, _ in _REL_ITEMS if col not in c.columns]
        raise ValueError(f"checklist_scores: the data has no column {missing[0]!r} (a relationship "
                         "item scored 1–5)")
    seg_share = c["segment_sales_share"].to_numpy(dtype="float64")
    seg_margin = c["segment_margin"].to_numpy(dtype="float64")
    rank = c["revenue_rank_share"].to_numpy(dtype="float64")
    credit = c["credit_rating"].astype(str).map({r: i for i, r in enumerate(_terms.CREDIT_RATINGS)})
    risk = (5 - (c["payment_days"].to_numpy() > 60) - (credit.fillna(3).to_numpy() >= 2)
            - (c["disputes"].to_numpy() > 0) - (c["bad_debt"].to_numpy() > 0)
            - c["key_contact_left"].to_numpy(dtype=bool))
    scores = {
        "difference": (c["attr_need"] + c["pot_competitor_weakness"]) / 2,
        "strengths": (c["rel_service"] + c["rel_reputation"]) / 2,
        "weaknesses": rel.min(axis=1),
        "value_buyer": 1 + 4 * (1 - c["price_sensitivity"]),
        "preference": 1 + 4 * c["loyalty"],
        "access": c["contact_levels"].map({1: 1, 2: 3, 3: 4}).fillna(5),
        "buying_rules": c["cooperativeness"],
        "type_share": 1 + 4 * seg_share / max(float(seg_share.max()), 1e-9),
        "potential": c["potential"],
        "profitability": c["attr_profitability"],
        "relationship": c["relationship"],
        "importance": c["attr_strategic"],
        "target_sector": 1 + 4 * (seg_margin - seg_margin.min()) / max(float(np.ptp(seg_margin)), 1e-9),
        "volume_now": np.select([rank <= 0.02, rank <= 0.05, rank <= 0.10, rank <= 0.20], [5, 4, 3, 2], 1),
        "risk": risk,
    }
    out = pd.DataFrame({"customer_id": c["customer_id"].to_numpy()})
    for key, *_ in CHECKLIST:
        out[key] = _clip(scores[key])
    keys = [q[0] for q in CHECKLIST]
    out["total"] = out[keys].sum(axis=1).astype("int64")
    out["total_share"] = out["total"] / (5 * len(keys))
    return out


def _row(cands, customer_id, what):
    require_frame(cands, {"customer_id": "any"}, what=what)
    hit = cands.index[cands["customer_id"] == customer_id]
    if len(hit) != 1:
        some = ", ".join(str(i) for i in cands["customer_id"].head(5))
        raise ValueError(f"{what}: customer_id={customer_id!r} is not a key-account candidate; "
                         f"the candidates are e.g. {some} (see key_accounts.candidates)")
    return hit[0]


@validated(
    frames={"cands": {"customer_id": "id"}, "scores": {"customer_id": "id"}},
    keys={"cands": "customer_id", "scores": "customer_id"},
)
def checklist(cands: pd.DataFrame, customer_id, *, scores=None) -> pd.DataFrame:
    """One account's scored sheet: the fifteen key questions, their score and the evidence.

    Scoring rules (5 = best for us): 1 difference = mean of need for our products and weakness of
    competitors; 2 strengths = mean of service quality and reputation; 3 weaknesses = the weakest
    relationship item; 4 value rather than price = 1 + 4·(1 − price sensitivity); 5 preference =
    1 + 4·loyalty; 6 level of access = contact levels (1 → 1, 2 → 3, 3 → 4, 4 → 5); 7 buying rules
    = cooperativeness; 8 this type of customer = its segment's share of our sales (largest
    segment = 5); 9 potential score; 10 profitability score; 11 relationship score; 12
    strategic importance; 13 target sector = its segment's profit margin (best segment = 5);
    14 business now = revenue rank (top 2% → 5, 5% → 4, 10% → 3, 20% → 2); 15 risk = 5 minus one
    point each for payment over 60 days, credit C or D, disputes, bad debt, a key contact who left.

    Columns: ``no``, ``item`` (short name), ``question_zh``, ``question``, ``score``,
    ``evidence``.  ``scores`` is
    :func:`checklist_scores` of ``cands`` when already computed (faster for many accounts).

    Parameters
    ----------
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads
        ``customer_id``.
    customer_id : int
        The customer number.
    scores : DataFrame, optional
        The checklist scores of :func:`checklist_scores` (default ``None``: computed from
        ``cands``). Reads ``customer_id``.

    Returns
    -------
    DataFrame
        One account's scored sheet: the fifteen key questions, their score and the evidence.

    Examples
    --------
    >>> import casekit as ck
    >>> from casekit.key_accounts import candidates
    >>> c = candidates(ck.world())
    >>> sheet = checklist(c, int(c["customer_id"].iloc[0]))
    >>> len(sheet), list(sheet.columns)
    (15, ['no', 'item', 'question_zh', 'question', 'score', 'evidence'])
    """
    what = "checklist"
    i = _row(cands, customer_id, what)
    if scores is None:
        scores = checklist_scores(cands)
    require_frame(scores, {"customer_id": "any", **{q[0]: "numeric" for q in CHECKLIST}},
                  what=what)
    s = scores.set_index("customer_id").loc[customer_id]
    return _sheet(cands.loc[i].to_dict(), s.to_dict())


def _sheet(r: dict, s: dict) -> pd.DataFrame:
    """The scored sheet of one account from its row of candidates and of checklist_scores."""
    weakest = min(_REL_ITEMS, key=lambda it: (r[it[0]], it[0]))
    seg = i18n.translate(str(r["segment"]), "value")
    evidence = {
        "difference": _("need for our products {need}/5, competitors' weakness {weak}/5").format(
            need=r["attr_need"], weak=r["pot_competitor_weakness"]),
        "strengths": _("service quality {service}/5, reputation {reputation}/5").format(
            service=r["rel_service"], reputation=r["rel_reputation"]),
        "weaknesses": _("weakest item: {item} {score}/5").format(item=i18n.translate(weakest[1], "value"),
                                                                score=r[weakest[0]]),
        "value_buyer": _("price sensitivity {share}").format(share=pct(r["price_sensitivity"])),
        "preference": _("loyalty index {loyalty:.2f} (0–1)").format(loyalty=r["loyalty"]),
        "access": (_("contacts at {levels} management level(s), {people} people").format(
            levels=int(r["contact_levels"]), people=int(r["contacts"])) if "contacts" in r else
            _("contacts at {levels} level(s)").format(levels=int(r["contact_levels"]))),
        "buying_rules": _("cooperativeness {score}/5").format(score=int(r["cooperativeness"])),
        "type_share": _("segment {segment}: {share} of our sales").format(
            segment=seg, share=pct(r["segment_sales_share"])),
        "potential": _("potential score {score:.1f}/5").format(score=r["potential"]),
        "profitability": _("profitability score {score}/5").format(score=r["attr_profitability"]),
        "relationship": _("relationship score {score:.1f}/5").format(score=r["relationship"]),
        "importance": _("strategic importance {score}/5").format(score=r["attr_strategic"]),
        "target_sector": _("segment {segment}: profit margin {margin}").format(
            segment=seg, margin=pct(r["segment_margin"])),
        "volume_now": _("top {share} of customers by the year's revenue").format(
            share=pct(r["revenue_rank_share"])),
        "risk": (_("pays in {days} days, credit {credit}, {disputes} dispute(s), bad debt {debt}, "
                   "key contact left") if r["key_contact_left"] else
                 _("pays in {days} days, credit {credit}, {disputes} dispute(s), bad debt {debt}, "
                   "key contact in place")).format(
            days=int(r["payment_days"]), credit=r["credit_rating"], disputes=int(r["disputes"]),
            debt=cny(r["bad_debt"])),
    }
    return pd.DataFrame({"no": range(1, len(CHECKLIST) + 1), "item": [q[0] for q in CHECKLIST],
                         "question_zh": [q[1] for q in CHECKLIST],
                         "question": [q[2] for q in CHECKLIST],
                         "score": [int(s[q[0]]) for q in CHECKLIST],
                         "evidence": [evidence[q[0]] for q in CHECKLIST]})


@dataclass(frozen=True)
class AccountPlan:
    """A one-page account plan (客户计划): ten elements, each a list of lines, and its checklist.

    ``elements`` is a tuple of ``(key, 中文, English, lines)`` in S4's order.  In a notebook the
    plan shows itself as Markdown; :meth:`to_markdown` gives the text, :meth:`without` a copy
    with one element left blank (for an exercise).
    """

    customer_id: int
    elements: tuple
    sheet: pd.DataFrame
    title: str = ""

    def element(self, key: str) -> list[str]:
        """The lines of one element, by key (e.g. ``"objectives"``)."""
        for k, _zh, _en, lines in self.elements:
            if k == key:
                return list(lines)
        raise ValueError(f"AccountPlan.element: unknown element {key!r}; expected one of "
                         f"{[e[0] for e in PLAN_ELEMENTS]}")

    def without(self, key: str) -> "AccountPlan":
        """The same plan with element ``key`` left blank (its lines replaced by a gap)."""
        self.element(key)
        return replace(self, elements=tuple((k, z, e, ["…?"] if k == key else lines)
                                            for k, z, e, lines in self.elements))

    def to_markdown(self, *, hide_titles_of=()) -> str:
        """The plan as Markdown: a heading, the checklist total and the ten elements."""
        total = int(self.sheet["score"].sum())
        title = self.title or _("Account plan (客户计划): customer #{id}").format(id=self.customer_id)
        out = [f"### {title}", "",
               _("*Checklist (关键问题): {total} of {most} points.*").format(
                   total=total, most=5 * len(self.sheet)), ""]
        for n, (k, zh, en, lines) in enumerate(self.elements, start=1):
            head = "?" if k in hide_titles_of else zh if i18n.language() == "zh" else f"{zh} · {en}"
            out.append(f"**{n}. {head}**")
            out.extend(f"- {line}" for line in lines)
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __str__(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        if i18n.language() == "zh":  # the plain-text view in Chinese: the plan itself
            return self.to_markdown()
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in ("customer_id", "elements", "sheet", "title"))
        return f"AccountPlan({fields})"


@validated(
    frames={"cands": {"customer_id": "id", "revenue_rank_share": "numeric"}},
    keys={"cands": "customer_id"},
)
def plan_tier(cands: pd.DataFrame, customer_id) -> str:
    """The service tier an account's plan uses: platinum for the top 5% of all customers by the
    year's revenue, gold for the next 15%, iron for the next 30%, lead for the rest.

    Parameters
    ----------
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads
        ``customer_id``, ``revenue_rank_share``.
    customer_id : int
        The customer number.

    Returns
    -------
    str
        The service tier an account's plan uses: platinum for the top 5% of all customers by the
        year's revenue, gold for the next 15%, iron for the next 30%, lead for the rest.

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": [1, 2], "revenue_rank_share": [0.03, 0.12]})
    >>> plan_tier(c, 1), plan_tier(c, 2)
    ('platinum', 'gold')
    """
    i = _row(cands, customer_id, "plan_tier")
    require_frame(cands, {"revenue_rank_share": "numeric"}, what="plan_tier")
    r = float(cands.loc[i, "revenue_rank_share"])
    return "platinum" if r <= 0.05 else "gold" if r <= 0.20 else "iron" if r <= 0.50 else "lead"


def _standard(levels, rates, what):
    levels = SERVICE_LEVELS if levels is None else levels
    rates = SERVICE_RATES if rates is None else rates
    for name, given, keys in (("levels", levels, tuple(SERVICE_LEVELS)), ("rates", rates, _ROLES)):
        if not isinstance(given, dict) or not set(keys) <= set(given):
            raise ValueError(f"{what}: {name} must have an entry for each of {list(keys)}; got "
                             f"{given!r}")
    bad = [t for t in SERVICE_LEVELS if not isinstance(levels[t], dict)
           or not {"lead", *_ROLES} <= set(levels[t])]
    if bad:
        raise ValueError(f"{what}: levels[{bad[0]!r}] must give 'lead' and the hours of each role "
                         f"{list(_ROLES)}")
    return levels, rates


@validated(
    frames={
        "cands": {"customer_id": "id", "revenue_rank_share": "numeric"},
        "scores": {"customer_id": "id"},
    },
    options={"asof": DateOption(), "horizon": Interval(1, None, integer=True)},
    keys={"cands": "customer_id", "scores": "customer_id"},
)
def account_plans(world, *, cands=None, scores=None, asof=None, horizon=3, levels=None,
                  rates=None) -> dict:
    """The account plan of every candidate at once: ``{customer_id: AccountPlan}``.

    The same plans as :func:`account_plan` (same options), built in one pass over the data, so a
    whole portfolio of plans is quick even on a large world.

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)`` for your own data).
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads
        ``customer_id``, ``revenue_rank_share``.
    scores : DataFrame, optional
        The checklist scores of :func:`checklist_scores` (default ``None``: computed from
        ``cands``). Reads ``customer_id``.
    asof : date, optional
        The as-of date (default ``None``: from the data).
    horizon : int, default 3
        Years ahead.
    levels : dict, optional
        Service level per tier (default ``None``: :data:`SERVICE_LEVELS`).
    rates : dict, optional
        Hourly rates or investment rates per tier (default ``None``: the module's defaults).

    Returns
    -------
    dict
        The account plan of every candidate at once: ``{customer_id: AccountPlan}``.

    Examples
    --------
    >>> import casekit as ck
    >>> plans = account_plans(ck.world())
    >>> len(plans) == len(ck.world().accounts)
    True
    """
    what = "account_plans"
    _world_check(world, what)
    require_number(horizon, what=what, name="horizon", low=1, high=10, integer=True)
    if cands is None:
        cands = _candidates(world, asof=asof)
    require_frame(cands, {"customer_id": "any", "revenue_rank_share": "numeric"}, what=what)
    levels, rates = _standard(levels, rates, what)
    asof_ts = pd.Timestamp(world.asof if asof is None else asof)
    if scores is None:
        scores = checklist_scores(cands)
    by_id = scores.set_index("customer_id").to_dict("index")
    mix = _product_mix(world, cands["customer_id"], asof_ts)
    rank = cands["revenue_rank_share"].to_numpy(dtype="float64")
    tiers = np.select([rank <= 0.05, rank <= 0.20, rank <= 0.50], ["platinum", "gold", "iron"], "lead")
    out = {}
    for k, r in enumerate(cands.to_dict("records")):
        cid = int(r["customer_id"])
        out[cid] = _compose(r, _sheet(r, by_id[r["customer_id"]]), mix.get(cid, []), asof_ts,
                            horizon, levels, rates, str(tiers[k]))
    return out


@validated(
    frames={"cands": {"customer_id": "id"}, "scores": {"customer_id": "id"}},
    options={"asof": DateOption(), "horizon": Interval(1, None, integer=True)},
    keys={"cands": "customer_id", "scores": "customer_id"},
)
def account_plan(world, customer_id, *, cands=None, scores=None, asof=None, horizon=3,
                 levels=None, rates=None) -> AccountPlan:
    """Build the ten-element account plan of S4 for one candidate, from the data.

    ``cands`` is :func:`casekit.key_accounts.candidates` of the world (built when not given, at
    ``asof``); ``scores`` its :func:`checklist_scores` (computed when not given); ``horizon`` the years of the revenue forecast; ``levels`` and ``rates`` the
    service standard and hourly costs (default :data:`SERVICE_LEVELS`, :data:`SERVICE_RATES`).

    The elements (情况概述 … 评估合作伙伴关系) are filled as follows: the situation from the
    account's revenue, profit, position and focus cell; the business value from what it buys and
    its lifetime value; objectives from its growth rate and relationship scores; resources from
    the service standard of its tier (platinum: under the general manager); the revenue forecast
    = this year's revenue × (1 + growth)ᵗ × retentionᵗ; the product forecast from its product-line
    mix; strategy and actions from its focus cell and every checklist question scoring 2 or less;
    key strategic issues from its risks; competition from the competition and competitor scores;
    the partnership from its relationship items.

    Parameters
    ----------
    world : World
        A casekit World (``ck.world()``, or ``ck.world_from_transactions(...)`` for your own data).
    customer_id : int
        The customer number.
    cands : DataFrame
        The key-account candidates of :func:`candidates`, one row per customer. Reads
        ``customer_id``.
    scores : DataFrame, optional
        The checklist scores of :func:`checklist_scores` (default ``None``: computed from
        ``cands``). Reads ``customer_id``.
    asof : date, optional
        The as-of date (default ``None``: from the data).
    horizon : int, default 3
        Years ahead.
    levels : dict, optional
        Service level per tier (default ``None``: :data:`SERVICE_LEVELS`).
    rates : dict, optional
        Hourly rates or investment rates per tier (default ``None``: the module's defaults).

    Returns
    -------
    AccountPlan
        Build the ten-element account plan of S4 for one candidate, from the data.

    Examples
    --------
    >>> import casekit as ck
    >>> from casekit.key_accounts import candidates
    >>> w = ck.world()
    >>> c = candidates(w)
    >>> plan = account_plan(w, int(c["customer_id"].iloc[0]), cands=c)
    >>> [e[1] for e in plan.elements][:3]
    ['情况概述', '客户商业价值书', '客户目标']
    """
    what = "account_plan"
    _world_check(world, what)
    require_number(horizon, what=what, name="horizon", low=1, high=10, integer=True)
    if cands is None:
        cands = _candidates(world, asof=asof)
    i = _row(cands, customer_id, what)
    levels, rates = _standard(levels, rates, what)
    asof_ts = pd.Timestamp(world.asof if asof is None else asof)
    r = cands.loc[i].to_dict()
    if scores is None:
        scores = checklist_scores(cands)
    srow = scores.set_index("customer_id").loc[customer_id].to_dict()
    mix = _product_mix(world, [customer_id], asof_ts)
    return _compose(r, _sheet(r, srow), mix.get(int(customer_id), []),
                    asof_ts, horizon, levels, rates, plan_tier(cands, customer_id))


def _product_mix(world, ids, asof_ts) -> dict:
    """Per account, ``[(product line, share of its revenue)]`` over the 365 days to asof, largest
    first (ties in the order of the product lines)."""
    tx = world.transactions
    sel = tx[tx["customer_id"].isin(list(ids)) & (tx["date"] > asof_ts - pd.Timedelta(days=365))
             & (tx["date"] <= asof_ts)]
    wide = sel.pivot_table(index="customer_id", columns=sel["product_line"].astype(str),
                           values="revenue", aggfunc="sum", fill_value=0.0)
    lines = [str(c) for c in wide.columns]
    vals = wide.to_numpy(dtype="float64")
    vals = np.where(vals > 0, vals, 0.0)
    tot = vals.sum(axis=1, keepdims=True)
    share = np.divide(vals, tot, out=np.zeros_like(vals), where=tot > 0)
    order = np.argsort(-share, axis=1, kind="stable")
    out = {}
    for cid, row, idx in zip(wide.index, share, order):
        out[int(cid)] = [(lines[j], float(row[j])) for j in idx if row[j] > 0]
    return out


def _compose(r, sheet, share_mix, asof_ts, horizon, levels, rates, tier) -> AccountPlan:
    customer_id = int(r["customer_id"])
    scores = dict(zip([q[0] for q in CHECKLIST], sheet["score"]))
    year = int(asof_ts.year)
    pos_zh = {p[0]: p[1] for p in RELATIONSHIP_POSITIONS}
    pos_en = {p[0]: p[2] for p in RELATIONSHIP_POSITIONS}
    focus = str(r["focus"])
    quad = {q[0]: q for q in FOCUS_QUADRANTS}[focus]
    lv = levels[tier]
    rev = float(r["revenue_year"])
    g = float(r["growth_rate"])
    ret = float(r["retention"]) if pd.notna(r["retention"]) else 0.8
    churned = bool(r["churned"])

    def said(label):  # a label from the data, in the course's language
        return i18n.translate(str(label), "value")

    position = str(r["relationship_position"])
    zh = i18n.language() == "zh"
    situation = [
        _("Customer #{id}, {segment} segment, buying from us for {years:.1f} years.").format(
            id=int(customer_id), segment=said(r["segment"]), years=r["tenure_years"]),
        _("Revenue in the year to {asof}: {revenue} = {share:.2%} of our sales (top {rank} of "
          "customers); profit last year {profit}.").format(
            asof=asof_ts.date(), revenue=cny(rev), share=r["sales_share"],
            rank=pct(r["revenue_rank_share"]), profit=cny(r["annual_profit"])),
        _("Relationship position: {position}; focus cell: {cell}.").format(
            position=pos_zh[position] if zh else f"{pos_en[position]} ({pos_zh[position]})",
            cell=quad[1] if zh else f"{quad[2].split(':')[0]} ({quad[1]})"),
        _("Checklist: {total} of 75 points.").format(total=int(sheet["score"].sum())) + (
            _(" The customer has stopped buying: this plan is a win-back plan.") if churned else ""),
    ]
    lines_bought = _(", ").join(f"{i18n.translate(k, 'product')} {pct(v)}" for k, v in share_mix) or _(
        "nothing this year")
    business_value = [
        _("For the customer: we supply {lines} of what it buys from us; its need for our products "
          "scores {need}/5.").format(lines=lines_bought, need=r["attr_need"]),
        _("For us: lifetime value {clv}; profit over the data {profit}.").format(
            clv=cny(r["clv"]), profit=cny(r["profit"])),
    ]
    target_rev = rev * (1 + g)
    objectives = [
        _("Revenue next year: {revenue} ({growth:+.1%}, the account's own growth rate).").format(
            revenue=cny(target_rev), growth=g),
        _("Relationship score from {now:.1f} to {goal:.1f}; contacts at {levels} management levels "
          "(today {today}).").format(now=r["relationship"], goal=min(5.0, r["relationship"] + 0.5),
                                     levels=min(4, int(r["contact_levels"]) + 1),
                                     today=int(r["contact_levels"])),
        _("Satisfaction at least {score:.1f} of 5 (today's survey).").format(score=r["satisfaction"]),
    ]
    hours = {role: float(lv[role]) for role in _ROLES}
    cost = sum(hours[role] * rates[role] for role in _ROLES)
    resources = [
        _("Service tier: {tier}; the account is led by the {lead}.").format(
            tier=i18n.translate(tier, "tier"), lead=said(lv["lead"])),
        _("Hours a year: ") + _(", ").join(f"{said(role.replace('_', ' '))} {hours[role]:,.0f}"
                                        for role in _ROLES)
        + _(" = {hours:,.0f} hours, costing {cost}.").format(hours=sum(hours.values()), cost=cny(cost)),
        _("Account time today: {hours:,.0f} hours, {visits} visits, {proposals} proposals, {days:.1f} "
          "senior days.").format(hours=r["account_hours"], visits=int(r["visits"]),
                                 proposals=int(r["proposals"]), days=r["senior_staff_days"]),
    ]
    fc = [rev * ((1 + g) * ret) ** t for t in range(1, horizon + 1)]
    revenue_forecast = [
        _("; ").join(_("{year}: {revenue}").format(year=year + t, revenue=cny(v))
                     for t, v in enumerate(fc, start=1)),
        _("Expected revenue = this year's revenue × (1 + growth)ᵗ × retentionᵗ, with growth "
          "{growth:+.1%} a year and retention {retention} (the chance the account stays another "
          "year).").format(growth=g, retention=pct(ret)),
    ]
    product_forecast = ([_("{line}: {revenue} next year ({share} of the account)").format(
                             line=i18n.translate(k, "product"), revenue=cny(v * fc[0]), share=pct(v))
                         for k, v in share_mix]
                        or [_("No purchases this year: rebuild the product range with the customer.")])
    weak = [q for q in scores if scores[q] <= 2]
    strategy_actions = [_("Strategy for a {account}: {action}.").format(
        account=f"{quad[1]}客户" if zh else f"{focus} account ({quad[1]})", action=said(quad[3]))]
    strategy_actions += [_("Q{no} scores {score}: {action}.").format(
        no=[c[0] for c in CHECKLIST].index(q) + 1, score=scores[q], action=_(_ACTIONS[q]))
        for q in weak[:5]]
    if len(strategy_actions) == 1:
        strategy_actions.append(_("No checklist question scores 2 or less: keep the plan, review "
                                  "it every quarter."))
    issues = []
    if r["key_contact_left"]:
        issues.append(_("Our key contact has left: meet the successor within 30 days, with our "
                        "general manager (Ms Lin) or the key account manager (Mr Zhao)."))
    if int(r["contact_levels"]) <= 1:
        issues.append(_("Contact at one level only: add a second level within a quarter."))
    if r["payment_days"] > 60:
        issues.append(_("Pays in {days} days: agree payment terms.").format(days=int(r["payment_days"])))
    if r["price_sensitivity"] > 0.7:
        issues.append(_("Price-sensitive ({share}): prepare a value case before the next "
                        "negotiation.").format(share=pct(r["price_sensitivity"])))
    if r["disputes"] > 0:
        issues.append(_("{n} payment dispute(s): settle them before new offers.").format(
            n=int(r["disputes"])))
    if position in ("defensive", "declining", "limited share"):
        issues.append(_("Position {position}: decide whether to defend, grow or serve at lower "
                        "cost.").format(position=said(pos_en[position])))
    if churned:
        issues.append(_("The account has stopped buying: find out why within two weeks."))
    if not issues:
        issues.append(_("No open risk in the data: review the plan every quarter."))
    competition = [
        _("Competition at the account: {competition}/5 (5 = little); competitors' weakness "
          "{weakness}/5 (5 = weak rivals).").format(competition=r["attr_competition"],
                                                    weakness=r["pot_competitor_weakness"]),
        (_("Counter-tactics: defend the share we hold with service and contacts at several levels.")
         if r["pot_competitor_weakness"] <= 2 else
         _("Counter-tactics: win share from weaker rivals with the product lines they buy elsewhere.")),
    ]
    items = sorted(((float(r[c]), name) for c, name in _REL_ITEMS), key=lambda t: (-t[0], t[1]))
    verdict = (_("a strong partnership") if r["relationship"] >= 3.5 else _("a developing partnership")
               if r["relationship"] >= 2.5 else _("a weak partnership"))
    partnership = [
        _("Strongest: {best} {best_score:.0f}/5; weakest: {worst} {worst_score:.0f}/5.").format(
            best=said(items[0][1]), best_score=items[0][0], worst=said(items[-1][1]),
            worst_score=items[-1][0]),
        _("Cooperativeness {score}/5, loyalty {loyalty:.2f}: {verdict}.").format(
            score=int(r["cooperativeness"]), loyalty=r["loyalty"], verdict=verdict),
    ]
    content = {"situation": situation, "business_value": business_value, "objectives": objectives,
               "resources": resources, "revenue_forecast": revenue_forecast,
               "product_forecast": product_forecast, "strategy_actions": strategy_actions,
               "strategic_issues": issues, "competition": competition, "partnership": partnership}
    elements = tuple((k, zh, en, content[k]) for k, zh, en in PLAN_ELEMENTS)
    return AccountPlan(customer_id=int(customer_id), elements=elements, sheet=sheet)
