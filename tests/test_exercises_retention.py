"""Chapter 6 exercises: each one's own solution is right on several worlds, and known-wrong
answers fail with the misconception named in the feedback."""

from __future__ import annotations

import functools

import pytest

import casekit as ck
from casekit import retention as R
from casekit.exercises import catalog, make
from casekit.exercises import retention as X

WORLDS = [(0, 2000), (1, 500), (2, 300), (5, 500), (3, 20000)]
IDS = [i for i, ch in zip(catalog()["id"], catalog()["chapter"]) if ch == 6]


@functools.lru_cache(maxsize=None)
def _world(seed, n):
    return ck.world(seed=seed, n_customers=n)


def test_chapter_has_enough_exercises_of_enough_kinds():
    mine = catalog()[catalog()["chapter"] == 6]
    assert len(mine) >= 4 and mine["kind"].nunique() >= 3
    for ex_id in mine["id"]:
        assert make(ex_id).id == ex_id


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
@pytest.mark.parametrize("ex_id", IDS)
def test_own_solution_is_correct(ex_id, world):
    ex = make(ex_id, world=_world(*world))
    fb = ex.check(ex.solution())
    assert fb.correct and fb.score == 1.0, fb


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def test_churn_rate_base_names_wrong_denominators(world):
    w = _world(*world)
    ex = X.ChurnRateBase(world=w)
    assert ex.year in (2024, 2025)
    r = R.churn_rate(w.customers, start=f"{ex.year}-01-01", end=f"{ex.year}-12-31")
    assert ex.solution() == pytest.approx(r.churned / r.opening)
    wrong = ex.check((r.churned + r.new_churned) / r.closing)
    assert not wrong.correct and wrong.misconception is not None
    closing = ex.check(r.churned / r.closing)
    assert not closing.correct and "customers at the end of the year" in closing.message
    kept = ex.check(r.retention_rate)
    assert not kept.correct and "retention rate" in kept.message


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def test_point_value_uses_the_kits_lifetime_value(world):
    w = _world(*world)
    ex = X.RetentionPoints(world=w)
    r = float(R.yearly_churn(w.customers)["retention_rate"].iloc[-1])
    s = R.customer_signals(w)
    m = float(s.loc[~s["churned"], "annual_profit"].mean())
    up = r + 0.05
    want = float(ck.lifetime_value(m, retention=up, discount=0.1, horizon=None, timing="end")
                 - ck.lifetime_value(m, retention=r, discount=0.1, horizon=None, timing="end"))
    assert ex.solution() == pytest.approx(want)
    assert want == pytest.approx(m * (up / (1.1 - up) - r / (1.1 - r)))
    one = R.retention_point_value(m, 1, r, points=1).gain_per_customer
    linear = ex.check(5 * one)
    assert not linear.correct and linear.misconception == "one point's gain times five"
    assert not ex.check(0.0).correct


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def test_strongest_signal_is_the_highest_ratio(world):
    ex = X.StrongestSignal(world=_world(*world))
    cid, fired, drivers = ex._pick()
    s = R.customer_signals(_world(*world))
    assert not s.loc[cid, "churned"] and len(fired) >= 2
    assert all(s.loc[cid, f] for f in fired)
    best = max(fired, key=lambda f: drivers.loc[f, "ratio"])
    assert ex.solution() == X.StrongestSignal._label(best)
    for option in ex.options():
        if option != ex.solution():
            fb = ex.check(option)
            assert not fb.correct and "strongest sign" in fb.message


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def test_backtest_lift_is_a_ratio_of_rates(world):
    w = _world(*world)
    ex = X.BacktestLift(world=w)
    d = ex.data().set_index("group")
    rate = d["left in the next month"] / d["checks"]
    flagged, other = rate.iloc[0], rate.iloc[1]
    assert ex.solution() == pytest.approx(flagged / other)
    names = {m.name for m in ex.misconceptions()}
    upside = ex.check(other / flagged)
    assert not upside.correct and upside.misconception == "the ratio upside down"
    counts = d["left in the next month"].iloc[0] / d["left in the next month"].iloc[1]
    if "counts instead of rates" in names:
        fb = ex.check(counts)
        assert not fb.correct and fb.misconception == "counts instead of rates"
    assert not ex.check("a lot").correct


def test_risk_weights_answer_is_the_biggest_precision_drop():
    w = _world(0, 2000)
    ex = X.RiskWeights(world=w)
    s = R.customer_signals(w)
    base = R.score_precision(s, R.risk_score(s)).precision
    drops = {}
    for sig in X._SLIDERS:
        weights = dict(R.DEFAULT_WEIGHTS, **{sig: 0})
        drops[sig] = base - R.score_precision(s, R.risk_score(s, weights=weights)).precision
    best = max(drops, key=drops.get)
    assert ex.solution() == X.RiskWeights._label(best)
    view = ex.widget()
    view.controls[best].value = 0
    table = ex.table(**{k: c.value for k, c in view.controls.items()})
    assert table["precision (share who left)"].iloc[0] == f"{base - drops[best]:.1%}"


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
def test_winback_first_traps(world):
    ex = X.WinBackFirst(world=_world(*world))
    t = ex._pick()
    assert len(t) == 4
    best = t[t["role"] == "answer"].iloc[0]
    assert best["worth"]
    others = t[t["role"] != "answer"]
    assert (others["expected_value"] < best["expected_value"]).all()
    if (t["role"] == "biggest").any():
        big = t[t["role"] == "biggest"].index[0]
        assert not t.loc[big, "worth"]
        fb = ex.check(X.WinBackFirst._label(big))
        assert not fb.correct and "not worth winning back" in fb.message


def test_loyalty_ladder_order():
    ex = X.LoyaltyLadder(world=_world(1, 500))
    sol = ex.solution()
    assert sol[0].startswith("suspect") and sol[-1].startswith("partner")
    assert ex.check(list(reversed(sol))).score == 0
    swapped = [sol[1], sol[0], *sol[2:]]
    fb = ex.check(swapped)
    assert not fb.correct and 0.5 < fb.score < 1


def test_sources_on_keeping_follows_cdnow_and_the_sources():
    ex = X.SourcesOnKeeping(world=_world(0, 2000))
    t = R.spend_and_return(ck.load_cdnow_world().transactions, asof="1997-03-31",
                           ahead_days=365, top=0.2)
    more = t.loc["big", "share_returned"] > t.loc["small", "share_returned"]
    right = ex.solution()
    assert any(("more often" in o) == bool(more) for o in right if o.startswith("On CDNOW"))
    assert not any("upside" in o or "prove" in o for o in right)
    wrong = ex.check([o for o in ex.options() if o not in right])
    assert not wrong.correct and wrong.score == 0.0 and "upside down" in wrong.message
