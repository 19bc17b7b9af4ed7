"""Every chapter-7 exercise: its own solution passes, known-wrong answers fail and teach."""

from __future__ import annotations

import pytest

import casekit as ck
import casekit.exercises as ex
from casekit import key_accounts as K
from casekit.exercises import key_accounts as X

IDS = ["key_accounts.place_in_matrix", "key_accounts.most_common_loss", "key_accounts.warrior_order",
       "key_accounts.broken_duty", "key_accounts.tier_hours", "key_accounts.missing_plan_element",
       "key_accounts.key_tier_time"]
WORLDS = [(0, 2000), (3, 500)]


@pytest.fixture(scope="module", params=WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def world(request):
    seed, n = request.param
    return ck.world(seed=seed, n_customers=n)


def test_registered_with_three_kinds():
    cat = ex.catalog().query("chapter == 7")
    assert set(IDS) <= set(cat["id"]) and len(cat) >= 6 and cat["kind"].nunique() >= 3


def test_place_in_matrix_swapped_axes_named(world):
    e = X.PlaceInMatrix(world)
    r = e._account()
    assert e.solution().endswith(str(r["focus"]))
    wrong = [o for o in e.options() if o != e.solution()]
    assert all(not e.check(o).correct for o in wrong)


def test_most_common_loss_is_from_the_file(world):
    e = X.MostCommonLoss(world)
    counts = K.account_history(world)["loss_reason"].dropna().astype(str).value_counts()
    assert e.solution() == counts.index[0]
    fb = e.check("price")
    assert not fb.correct and "rarely" in fb.message


def test_tier_hours_answer_meets_the_standard_and_one_step_less_does_not(world):
    e = X.TierHours(world)
    share = int(e.solution().rstrip("%"))
    ok = e._alloc(share, 0, 0).set_index("tier")
    assert ok.loc["platinum", "meets_standard"]
    if share > 5:
        assert not e._alloc(share - 5, 0, 0).set_index("tier").loc["platinum", "meets_standard"]
    fig, table = e.explore(platinum=20, gold=20, iron=20)
    assert len(table) == 4


def test_missing_plan_element_hides_exactly_one(world):
    e = X.MissingPlanElement(world)
    shown = set(e.data()["element"])
    assert len(shown) == 9 and e.solution() not in shown


def test_key_tier_time_misconceptions(world):
    e = X.KeyTierTime(world)
    for m in e.misconceptions():
        fb = e.check(m.value)
        if abs(m.value - e.solution()) > e.tolerance():
            assert not fb.correct and fb.misconception == m.name


def test_broken_duty_scenario_from_data(world):
    e = X.BrokenDuty(world)
    assert e.solution() in e.options()
    assert f"#{int(e.prompt.split('#')[1].split(':')[0])}" in e.prompt
