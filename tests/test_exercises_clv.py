"""Every chapter-8 exercise: its own solution passes, known-wrong answers fail and are named."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import casekit as ck
import casekit.exercises as ex
from casekit import clv
from casekit.exercises import clv as X

IDS = ["clv.alive_or_not", "clv.tracking_read", "clv.win_back", "clv.expected_spend"]
WORLDS = [(0, 2000), (3, 500)]


@pytest.fixture(scope="module", params=WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def world(request):
    seed, n = request.param
    return ck.world(seed=seed, n_customers=n)


def test_registered_with_two_kinds_or_more():
    cat = ex.catalog()
    mine = cat[cat["id"].isin(IDS)]
    assert sorted(mine["id"]) == sorted(IDS)
    assert set(mine["chapter"]) == {8}
    assert mine["kind"].nunique() >= 2


@pytest.mark.parametrize("eid", IDS)
def test_own_solution_passes_and_empty_gets_feedback(world, eid):
    e = ex.make(eid, world=world)
    assert e.check(e.solution()).correct
    for bad in ("", None, "banana"):
        fb = e.check(bad)
        assert not fb.correct and fb.message


def test_alive_or_not_agrees_with_p_alive_computed_again(world):
    e = X.AliveOrNot(world)
    pair = e.pair()
    base = clv.customer_base(world.transactions)
    p = base.bgnbd.p_alive(base.values.set_index("customer_id").loc[pair["customer_id"]])
    np.testing.assert_allclose(p.to_numpy(), pair["p_alive"].to_numpy())
    assert pair.loc["A", "frequency"] > pair.loc["B", "frequency"]
    wrong = [o for o in e.options() if o != e.solution()]
    for o in wrong:
        fb = e.check(o)
        assert not fb.correct and "P(alive)" in fb.message


def test_tracking_read_misconceptions_are_named(world):
    e = X.TrackingRead(world)
    tr = clv.customer_base(world.transactions).tracked
    assert e.solution() == pytest.approx(tr["expected"].iloc[-1])
    assert e.check(round(e.solution() * 1.02)).correct       # a reading off the chart
    for m in e.misconceptions():
        if abs(m.value - e.solution()) > e.tolerance():
            fb = e.check(round(m.value))
            assert not fb.correct
    fb = e.check(tr["expected"][tr["calibration"]].iloc[-1])
    assert not fb.correct and fb.misconception == "read at the end of the calibration period"


def test_win_back_picks_the_top_three_by_model_clv(world):
    e = X.WinBack(world)
    c = e.candidates()
    assert len(c) == 6 and len(e.solution()) == 3
    chosen = {int(s.split(":")[0].split()[-1]) for s in e.solution()}
    assert chosen == set(c.nlargest(3, "clv")["customer_id"])
    # ranking by past spend instead is a different, wrong answer when the two disagree
    by_past = c.nlargest(3, "past_spend")["customer_id"]
    labels = dict(zip(c["customer_id"], e.options()))
    fb = e.check([labels[i] for i in by_past])
    assert fb.correct == (set(by_past) == chosen)


def test_expected_spend_by_hand(world):
    e = X.ExpectedSpend(world)
    p, q, g = e.params()
    c = e.customer()
    gg = clv.GammaGamma(p=p, q=q, gamma=g, se=(0,) * 3, loglik=0, n_customers=1, converged=True)
    frame = pd.DataFrame({"frequency": [c["frequency"]], "monetary": [c["monetary"]]})
    assert e.solution() == pytest.approx(float(gg.expected_spend(frame).iloc[0]))
    for m in e.misconceptions():
        fb = e.check(round(m.value, 2))
        assert not fb.correct and fb.misconception == m.name, (m.name, fb.message)
