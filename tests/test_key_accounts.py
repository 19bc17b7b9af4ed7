"""Chapter 7: key accounts — results on hand-made data, bad input, and the account plan on three seeds."""

from __future__ import annotations

import functools
import re

import nbformat
import pandas as pd
import pytest

import casekit as ck
from casekit import key_accounts as K
from casekit.key_accounts import concepts as C

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


@functools.cache
def _world(seed, n=2000):
    return ck.world(seed=seed, n_customers=n)


@functools.cache
def _cands(seed, n=2000):
    return K.candidates(_world(seed, n))


# -- the account plan renders for every candidate on three seeds --------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_account_plan_renders_for_every_candidate(seed):
    w, c = _world(seed), _cands(seed)
    scores = K.checklist_scores(c)
    plans = K.account_plans(w, cands=c, scores=scores)
    assert sorted(plans) == sorted(int(i) for i in c["customer_id"])
    for cid in list(c["customer_id"])[::20]:  # one by one gives the same plans
        assert K.account_plan(w, int(cid), cands=c, scores=scores).to_markdown() == \
            plans[int(cid)].to_markdown()
    for cid, plan in plans.items():
        assert [e[0] for e in plan.elements] == [e[0] for e in C.PLAN_ELEMENTS]
        assert all(lines and all(str(x).strip() for x in lines) for *_, lines in plan.elements), cid
        text = plan.to_markdown()
        assert not re.search(r"\bnan\b|<NA>|None|\binf\b", text, re.I), (cid, text)
        assert len(plan.sheet) == 15 and plan.sheet["score"].between(1, 5).all()


def test_plan_without_hides_one_element():
    w, c = _world(0), _cands(0)
    cid = int(c["customer_id"].iloc[0])
    plan = K.account_plan(w, cid, cands=c).without("objectives")
    assert plan.element("objectives") == ["…?"]
    assert "?" in plan.to_markdown(hide_titles_of=("objectives",))
    with pytest.raises(ValueError, match="unknown element"):
        plan.element("nope")


def test_checklist_feeds_the_plan_actions():
    w, c = _world(0), _cands(0)
    s = K.checklist_scores(c)
    cid = int(s.sort_values("total")["customer_id"].iloc[0])  # the weakest account
    sheet = K.checklist(c, cid, scores=s)
    weak = sheet[sheet["score"] <= 2]
    actions = K.account_plan(w, cid, cands=c, scores=s).element("strategy_actions")
    assert len(weak) >= 1
    assert any(f"Q{int(weak['no'].iloc[0])} " in a for a in actions)
    assert sheet["score"].sum() == int(s.set_index("customer_id").loc[cid, "total"])


# -- analysis ------------------------------------------------------------------------------------

def test_candidates_cover_the_accounts_table():
    w, c = _world(0), _cands(0)
    assert list(c["customer_id"]) == list(w.accounts["customer_id"])
    assert c["focus_zh"].notna().all() and c["position_zh"].notna().all()
    assert c["revenue_rank_share"].between(0, 1).all()


def test_identify_points_by_hand():
    c = pd.DataFrame({"customer_id": [1, 2, 3], "attr_strategic": [4, 5, 1],
                      "revenue_rank_share": [0.05, 0.5, 0.01], "clv_rank_share": [0.5, 0.01, 0.02],
                      "relationship": [3.0, 4.0, 1.0], "potential": [3.0, 2.0, 5.0]})
    out = K.identify(c)
    assert out["points_met"].tolist() == [3, 2, 2]
    assert out["key_account"].tolist() == [False, False, False]
    assert K.identify(c, min_points=3)["key_account"].tolist() == [True, False, False]


def test_ten_sixty_by_hand():
    df = pd.DataFrame({"customer_id": range(1, 21), "revenue_last": list(range(20, 0, -1)),
                       "service_hours": [1.0] * 20})
    t = K.ten_sixty(df).set_index("tier")
    assert t.loc["key", "customers"] == 2
    assert t.loc["key", "value_share"] == pytest.approx(39 / 210)
    assert t.loc["key", "hours_at_s4"] == pytest.approx(12.0)


def test_loss_reasons_and_rates():
    h = K.account_history(_world(0))
    r = K.loss_reasons(h)
    assert r["accounts"].sum() == (h["status"] == "lost").sum()
    assert r["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    for by in ("contact_levels", "trust_broken", "key_contact_left", "key_contact_left × levels"):
        rates = K.loss_rates(h, by=by)
        assert rates["accounts"].sum() == len(h)


def test_service_plan_and_allocation():
    v = ck.tiering.customer_values(_world(0))
    plan = K.service_plan(v)
    assert plan["accounts"].sum() == len(v)
    assert plan.loc[0, "lead"].startswith("general manager")
    a = K.allocate_hours(plan, shares={"platinum": 0.5, "gold": 0.3, "iron": 0.15, "lead": 0.05})
    assert a["hours"].sum() == pytest.approx(plan["hours_now"].sum())


# -- bad input: clear ValueError -----------------------------------------------------------------

@pytest.mark.parametrize("call, match", [
    (lambda: K.candidates("customers"), "expected a casekit World"),
    (lambda: K.candidates(_world(0), asof="not a date"), "asof"),
    (lambda: K.candidates(_world(0), asof="1990-01-01"), "asof"),
    (lambda: K.identify(pd.DataFrame({"x": [1]})), "no column"),
    (lambda: K.identify(_cands(0), top=2), "top"),
    (lambda: K.ten_sixty(pd.DataFrame({"customer_id": [1]})), "revenue_last"),
    (lambda: K.investment_vs_return(_cands(0), rates={"account_hours": -1}), "rates"),
    (lambda: K.position_summary(_cands(0).assign(relationship_position="friends")), "friends"),
    (lambda: K.loss_reasons(pd.DataFrame({"loss_reason": ["aliens"]})), "aliens"),
    (lambda: K.loss_reasons(pd.DataFrame({"loss_reason": [None]})), "no lost accounts"),
    (lambda: K.loss_rates(K.account_history(_world(0)), by="colour"), "by"),
    (lambda: K.service_plan(pd.DataFrame({"customer_id": [1], "profit": [1.0], "service_hours": [1.0]}),
                            levels={"gold": {}}), "levels"),
    (lambda: K.allocate_hours(K.service_plan(ck.tiering.customer_values(_world(0))),
                              shares={"platinum": 1.0}), "shares"),
    (lambda: K.allocate_hours(K.service_plan(ck.tiering.customer_values(_world(0))),
                              shares={"platinum": 0.9, "gold": 0.9, "iron": 0.1, "lead": 0.1}), "add up"),
    (lambda: K.checklist(_cands(0), -5), "not a key-account candidate"),
    (lambda: K.account_plan(_world(0), 10**9, cands=_cands(0)), "not a key-account candidate"),
    (lambda: K.account_plan(_world(0), int(_cands(0)["customer_id"].iloc[0]), horizon=0), "horizon"),
    (lambda: K.account_history(pd.DataFrame()), "expected a casekit World"),
    (lambda: K.account_plans(pd.DataFrame()), "expected a casekit World"),
    (lambda: K.account_plans(_world(0), cands=_cands(0), horizon=99), "horizon"),
    (lambda: K.account_plan("world", 1), "expected a casekit World"),
    (lambda: K.account_plan(_world(0), int(_cands(0)["customer_id"].iloc[0]), cands=_cands(0),
                            rates={"general_manager": 1.0}), "rates"),
    (lambda: C.zh("NOPE", "x"), "unknown list"),
    (lambda: C.zh("GOLDEN_RULES", "nope"), "no term"),
])
def test_bad_input_gets_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# -- vocabulary: full lists, and every Chinese term in the chapter ------------------------------

def test_lists_are_complete():
    sizes = {"SIX_POINTS": 6, "ATTRACTIVENESS_FACTORS": 6, "RELATIONSHIP_FACTORS": 9,
             "RELATIONSHIP_POSITIONS": 7, "CHECKLIST": 15, "INVESTMENT_ITEMS": 11,
             "FAILURE_REASONS": 11, "PLAN_PURPOSES": 2, "PLAN_STRUCTURE": 5, "PLAN_ELEMENTS": 10,
             "DUTIES_TO_CUSTOMER": 5, "DUTIES_TO_FIRM": 10, "KAM_PRINCIPLES": 7,
             "BIG_CUSTOMER_BENEFITS": 2, "SERVICE_TOOLS": 2, "GOLDEN_RULES": 12}
    for name, n in sizes.items():
        assert len(getattr(C, name)) == n, name
    assert sum(len(q) for *_, q in C.QUESTION_SETS) == 25
    assert sum(len(q) for *_, q in C.POTENTIAL_QUESTIONS) == 11


def _chapter_text():
    nb = nbformat.read(ROOT / "notebooks" / "07_key_accounts.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_chinese_term_appears_in_the_notebook():
    text = _chapter_text()
    missing = []
    for name in C.__all__:
        table = getattr(C, name)
        if not isinstance(table, tuple):
            continue
        for row in table:
            zh = row[1]
            if zh.startswith("（"):  # the kit's own gloss for an unnamed item
                continue
            if zh not in text:
                missing.append((name, zh))
            if len(row) > 3 and isinstance(row[3], tuple):
                missing += [(name, q[0]) for q in row[3] if q[0] not in text]
    for term in ("关键客户的定义", "基本前提", "确定你的关键客户", "关键客户管理", "托尼·密尔曼", "战略关注水平",
                 "目标", "低调", "关键", "维持", "数一数二", "总经理", "卓越的客户服务", "十二条黄金法则",
                 "勇士", "研究", "分析", "凯瑟琳·帕多", "全国客户管理协会", "彼得·圣吉", "理查德·赫切",
                 "卢卡斯·塞那", "销售风格测试", "两把刀", "两条腿", "细节见真功夫", "抓大放小",
                 "你的地位如日落西山", "京华工业用品"):
        if term not in text:
            missing.append(("term", term))
    assert not missing, missing
    for banned in ("衰退", "稳固", "份额有限"):
        assert banned not in text, banned


def test_candidates_asof_moves_the_revenue_window():
    w = _world(0)
    mid = K.candidates(w, asof="2025-06-30")
    end = _cands(0)
    assert list(mid["customer_id"]) == list(end["customer_id"])
    assert not mid["revenue_year"].equals(end["revenue_year"])
    assert K.candidates(w, asof=w.asof)["revenue_year"].equals(end["revenue_year"])
