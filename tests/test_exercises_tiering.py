"""Every chapter-4 exercise: its own solution passes, known-wrong answers fail and are named."""

from __future__ import annotations

import pytest

import casekit as ck
import casekit.exercises as ex
from casekit import tiering as T
from casekit.exercises import tiering as X

IDS = ["tiering.profit_top_share", "tiering.abc_class_a", "tiering.pyramid_cutoffs",
       "tiering.platinum_by_profit", "tiering.clv_by_hand", "tiering.rfm_action",
       "tiering.time_pyramid_prospects", "tiering.focus_matrix"]
WORLDS = [(0, 2000), (3, 500)]


@pytest.fixture(scope="module", params=WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def world(request):
    seed, n = request.param
    return ck.world(seed=seed, n_customers=n)


def test_profit_top_share_names_misconceptions(world):
    e = X.ProfitTopShare(world)
    sol = e.solution()
    named = 0
    tol = e.tolerance()
    for m in e.misconceptions():
        if abs(float(m.value) - sol) > tol:
            fb = e.check(m.value)
            # two mistakes can give (almost) the same number: either name is a fair diagnosis
            same = {o.name for o in e.misconceptions() if abs(float(o.value) - float(m.value)) <= tol}
            assert not fb.correct and fb.misconception in same, (m.name, fb)
            named += 1
    assert named >= 3


def test_profit_top_share_revenue_share_is_wrong(world):
    e = X.ProfitTopShare(world)
    fb = e.check(T.top_share(e.values(), value="revenue", top=0.2))
    assert not fb.correct
    assert fb.misconception in {"revenue share taken for profit share",
                                "customers ranked by revenue, not profit"}


def test_platinum_by_profit_misconceptions(world):
    e = X.PlatinumByProfit(world)
    n_plat = round(0.05 * len(e.values()))
    fb = e.check(n_plat)
    assert not fb.correct and fb.misconception == "revenue taken for value"


def test_clv_by_hand_misconceptions_and_formula(world):
    e = X.ClvByHand(world)
    _, m, r = e._customer()
    direct = sum(m * r ** t / 1.1 ** t for t in range(1, 6))   # the kit's convention, t = 1 … T
    assert e.solution() == pytest.approx(direct)
    start = sum(m * r ** t / 1.1 ** t for t in range(5))        # this year counted in full
    fb = e.check(round(start, 2))
    assert not fb.correct and fb.misconception == "this year's margin counted in full"
    for m_ in e.misconceptions():
        fb = e.check(round(float(m_.value), 2))
        assert not fb.correct and fb.misconception == m_.name, (m_.name, fb.message)


def test_rfm_action_wrong_option_explains(world):
    e = X.RfmAction(world)
    wrong = [o for o in e.options() if o != e.solution()]
    assert len(wrong) == 3
    for o in wrong:
        fb = e.check(o)
        assert not fb.correct and "segment" in fb.message


def test_focus_matrix_partial_and_swapped_axes(world):
    e = X.FocusMatrix(world)
    right = e.solution()
    assert right, "the table must hold at least one target account"
    f = e._focus()
    maintain = [e._label(c) for c in f.loc[f["focus"] == "maintain", "customer_id"]]
    if maintain:
        fb = e.check(right + maintain[:1])
        assert not fb.correct and 0 < fb.score < 1 and "Axes swapped" in fb.message


def test_pyramid_cutoffs_explore_and_wrong_bucket(world):
    e = X.PyramidCutoffs(world)
    fig, table = e.explore(platinum=10, gold=10, rank_by="profit")
    assert "platinum + gold" in table["tier"].tolist()
    assert fig.axes[0].get_title()
    wrong = [o for o in e.options() if o != e.solution()]
    fb = e.check(wrong[-1])
    assert not fb.correct and fb.message


def test_widgets_build_and_check(world, progress_file):
    for eid in IDS:
        view = ex.make(eid, world).widget()
        view.set_answer(ex.make(eid, world).solution())
        assert view.check().correct


def test_abc_class_a_is_tiering_abc_and_names_the_mistakes(world):
    e = X.AbcClassA(world)
    v = T.customer_values(world)
    want = (T.abc(v, value="revenue", cutoffs=(0.8, 0.95))["abc"] == "A").sum()
    assert e.solution() == want
    assert e.check(int(want)).correct
    for m in e.misconceptions():
        if m.value != want:
            fb = e.check(m.value)
            assert not fb.correct and fb.misconception == m.name, (m.name, fb.message)


def test_time_pyramid_prospects_counts_the_open_leads(world):
    e = X.TimePyramidProspects(world)
    open_leads = world.leads[world.leads["status"] == "open"]
    assert e.solution() == len(open_leads)
    assert e.solution() == T.time_allocation(T.customer_values(world), open_leads)["members"].iloc[-1]
    assert e.check(len(open_leads)).correct
    for m in e.misconceptions():
        fb = e.check(m.value)
        assert not fb.correct and fb.misconception == m.name, (m.name, fb.message)
    assert not e.check("").correct
