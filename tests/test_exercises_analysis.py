"""Every chapter-5 exercise: its own solution passes, known-wrong answers fail and are named."""

from __future__ import annotations

import pytest

import casekit as ck
from casekit import analysis as A
from casekit.exercises import analysis as X

WORLDS = [(0, 2000), (3, 500)]


@pytest.fixture(scope="module", params=WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def world(request):
    seed, n = request.param
    return ck.world(seed=seed, n_customers=n)


def test_cross_ratio_is_margin_over_inventory(world):
    e = X.CrossRatio(world)
    r = A.cross_ratios(world.transactions).loc[e.line]
    assert e.solution() == pytest.approx(r["gross_margin"] / r["avg_inventory"])
    # the student's route through the rounded table lands within the tolerance
    t = e.data().set_index("product line").loc[e.line]
    by_hand = (t["gross margin per year (CNY)"] / t["revenue per year (CNY)"]
               * t["revenue per year (CNY)"] / t["average inventory (CNY)"])
    assert e.check(round(by_hand, 2)).correct


def test_cross_ratio_misconceptions_are_named(world):
    e = X.CrossRatio(world)
    tol = e.tolerance()
    named = 0
    for m in e.misconceptions():
        if abs(float(m.value) - e.solution()) > tol:
            fb = e.check(float(m.value))
            same = {o.name for o in e.misconceptions()
                    if abs(float(o.value) - float(m.value)) <= tol}
            assert not fb.correct and fb.misconception in same, (m.name, fb)
            named += 1
    assert named >= 4
    fb = e.check(float(A.cross_ratios(world.transactions).loc[e.line, "turnover"]))
    assert fb.misconception == "turnover alone"


def test_database_stages_order_and_a_swap(world):
    e = X.DatabaseStages(world)
    order = e.solution()
    assert order[0].startswith("decide") and order[-1].startswith("use")
    swapped = order[:]
    swapped[2], swapped[3] = swapped[3], swapped[2]   # screen before the cards are filled
    fb = e.check(swapped)
    assert not fb.correct and 0.9 < fb.score < 1 and "position 3" in fb.message


def test_stop_trade_follows_the_rule_and_names_mistakes(world):
    e = X.StopTrade(world)
    t = e._pick()
    assert len(t) >= 4
    assert set(e.solution()) == {e._label(c) for c in t.index[t["signs"] >= 2]}
    roles = set(t["role"])
    assert {"stop_big", "one_rating_d", "clean_big"} <= roles
    # stopping a customer for a D rating alone is the named mistake
    d_only = e._label(t.index[t["role"] == "one_rating_d"][0])
    fb = e.check(e.solution() + [d_only])
    assert not fb.correct and "one sign alone" in fb.message
    # keeping the biggest stopped customer because it is big is called out
    big = e._label(t.index[t["role"] == "stop_big"][0])
    fb = e.check([o for o in e.solution() if o != big])
    assert not fb.correct and fb.score < 1


def test_pick_route_answer_is_the_bearing_range(world):
    e = X.PickRoute(world)
    _region, table, cid, row, roles = e._setup()
    right = e.solution()
    assert table.loc[right, "from_deg"] <= row["bearing_deg"] <= table.loc[right, "to_deg"]
    flow = A.analysis_flow(world)
    assert flow.routes.loc[cid, "route"] == right
    neighbour = next(r for r, role in roles.items() if role == "neighbour")
    fb = e.check(neighbour)
    assert not fb.correct and "just past its end" in fb.message
    assert len(e.options()) >= 2 and right in e.options()


def test_cover_explorer_threshold_and_slider(world):
    e = X.CoverExplorer(world)
    t = e._threshold()
    at, past = e._ratios(t), e._ratios(t + 5)
    assert round(at.loc["spare parts", "cross_ratio"], 2) >= round(at.loc["consumables", "cross_ratio"], 2)
    assert past.loc["spare parts", "cross_ratio"] < past.loc["consumables", "cross_ratio"]
    view = e.widget()
    view.controls["days"].value = 60
    table = e.table(60)
    assert int(table.set_index("product line").loc["spare parts", "days of cover"]) == 60
    wrong = next(o for o in e.options() if o != e.solution())
    fb = e.check(wrong)
    assert not fb.correct and fb.message


def test_card_sections_come_from_the_card(world):
    e = X.CardSections(world)
    card = e._card()
    right = e.solution()
    assert 1 <= len(right) < len(e.options())
    assert set(card.loc[card["section"] == "transaction status", "item"]) == {
        o.split(" (")[0] for o in right}
    assert e.check(right).correct
    wrong = [o for o in e.options() if o not in right][:1]
    fb = e.check(right + wrong)
    assert not fb.correct and "Not “" in fb.message
    assert not e.check([]).correct                      # empty answer: feedback, no exception


def test_management_principles_are_the_four_of_s2(world):
    e = X.ManagementPrinciples(world)
    right = e.solution()
    assert len(right) == 4 and any("专人负责" in o for o in right)
    assert e.check(right).correct
    trap = next(o for o in e.options() if "一视同仁" in o)
    fb = e.check([*right, trap])
    assert not fb.correct and "突出重点" in fb.message


def test_crm_statements_name_the_service_system_trap(world):
    e = X.CrmStatements(world)
    right = e.solution()
    assert any("客户服务系统" in o for o in right) and any("销售管理" in o for o in right)
    assert e.check(right).correct
    fb = e.check([o for o in e.options() if "服务自动化" in o])
    assert not fb.correct and fb.score == 0 and "客户服务系统" in fb.message
