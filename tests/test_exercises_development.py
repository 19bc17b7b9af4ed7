"""The chapter 2 exercises: each one's own solution passes, known-wrong answers fail with the
misconception named, and garbage gets feedback, on the shipped world and on a small other world."""

from __future__ import annotations

import functools

import pytest

import casekit as ck
from casekit import development as D
from casekit.exercises import make

IDS = ["development.qualify_leads", "development.hopeful_prospects",
       "development.cost_per_customer", "development.budget_allocation",
       "development.buying_roles", "development.finding_steps", "development.new_vs_kept",
       "development.prospect_types", "development.prospect_vs_customer",
       "development.prospect_root_cause", "development.prospecting_principles",
       "development.finding_methods"]


@functools.lru_cache(maxsize=None)
def world(seed, n):
    return ck.world(seed=seed, n_customers=n)


WORLDS = [(0, 2000), (4, 500)]


@pytest.mark.parametrize("seed, n", WORLDS)
@pytest.mark.parametrize("ex_id", IDS)
def test_own_solution_passes_and_garbage_gets_feedback(ex_id, seed, n):
    ex = make(ex_id, world(seed, n))
    fb = ex.check(ex.solution())
    assert fb.correct and fb.score == 1.0, fb
    for junk in ("", None, "banana", 42, ["x", "y"]):
        bad = ex.check(junk)
        assert not bad.correct and bad.message


@pytest.mark.parametrize("seed, n", WORLDS)
def test_qualify_leads_wrong_picks_are_explained(seed, n):
    ex = make("development.qualify_leads", world(seed, n))
    right = set(ex.solution())
    data = ex.data()
    assert len(data) == 6 and right
    qualified = data[(data["need"] == "yes") & (data["ability to pay"] == "yes")
                     & (data["authority"] == "yes")]["lead"]
    assert set(qualified) == right
    # the stage-is-qualification mistake: tick every lead that reached proposal or won
    far = set(data.loc[data["furthest stage"].isin(["proposal", "won"]), "lead"])
    wrong = far - right
    if wrong:
        fb = ex.check(sorted(far))
        assert not fb.correct
        assert "stage is not the qualification" in fb.message
    fb = ex.check(list(data["lead"]))
    assert not fb.correct and "lacks" in fb.message


@pytest.mark.parametrize("seed, n", WORLDS)
def test_hopeful_prospects_misconceptions(seed, n):
    w = world(seed, n)
    ex = make("development.hopeful_prospects", w)
    p = D.classify_pipeline(w.leads)
    assert ex.solution() == (p["time_class"] == "hopeful").sum()
    open_days = w.leads.loc[w.leads["status"] == "open", "days_to_close"].astype(float)
    cumulative = (open_days <= 60).sum()
    fb = ex.check(str(cumulative))
    assert not fb.correct and fb.misconception == "mature and hopeful counted together"
    for m in ex.misconceptions():
        if m.value != ex.solution():
            assert ex.check(m.value).misconception == m.name


@pytest.mark.parametrize("seed, n", WORLDS)
def test_cost_per_customer_misconceptions(seed, n):
    w = world(seed, n)
    ex = make("development.cost_per_customer", w)
    closed = w.leads[w.leads["status"] != "open"]
    ch = ex._channel()
    sub = closed[closed["channel"] == ch]
    assert ex.solution() == pytest.approx(sub["lead_cost"].sum() / sub["converted"].sum())
    fb = ex.check(f"{sub['lead_cost'].mean():.2f}")
    assert not fb.correct and fb.misconception == "cost per lead taken for cost per customer"
    assert ex.check(f"CNY {ex.solution():,.0f}").correct


@pytest.mark.parametrize("seed, n", WORLDS)
def test_budget_allocation_explore(seed, n):
    ex = make("development.budget_allocation", world(seed, n))
    e = ex._econ()
    assert 2 <= len(e) <= 4
    assert ex.solution() == f"everything on {e['cost_per_won'].idxmin()}"
    cheapest_lead = e["cost_per_lead"].idxmin()
    if cheapest_lead != e["cost_per_won"].idxmin():
        fb = ex.check(f"everything on {cheapest_lead}")
        assert not fb.correct and "did not make the cheapest customers" in fb.message
    fb = ex.check("an even split over the four")
    assert not fb.correct and "Spreading evenly" in fb.message
    # the table: all on the best channel wins more customers than the even split
    best = list(e.index).index(e["cost_per_won"].idxmin())
    weights = {f"w{i}": (100 if i == best else 0) for i in range(len(e))}
    focus = ex.table(**weights).iloc[-1]["customers"]
    even = ex.table().iloc[-1]["customers"]
    assert focus >= even
    fig, table = ex.explore(**weights)
    assert len(table) == len(e) + 1


def test_budget_allocation_widget_redraws():
    ex = make("development.budget_allocation", world(0, 2000))
    view = ex.widget()
    before = view.output.outputs
    slider = next(iter(view.controls.values()))
    slider.value = 90
    assert view.output.outputs != before
    view.set_answer(ex.solution())
    assert view.check().correct


def test_buying_roles_partial_credit():
    ex = make("development.buying_roles", world(0, 2000))
    sol = ex.solution()
    swapped = [sol[3], sol[1], sol[2], sol[0], sol[4]]  # buyer and initiator swapped
    fb = ex.check(swapped)
    assert not fb.correct and 0 < fb.score < 1
    assert "position 1" in fb.message


def test_finding_steps_order():
    ex = make("development.finding_steps", world(0, 2000))
    sol = ex.solution()
    assert sol[0].startswith("collect") and sol[-1].startswith("feedback")
    assert not ex.check(sol[::-1]).correct


@pytest.mark.parametrize("seed, n", WORLDS)
def test_new_vs_kept_uses_the_data(seed, n):
    w = world(seed, n)
    ex = make("development.new_vs_kept", w)
    ratio = D.acquisition_vs_retention(w.customers).loc["all", "ratio"]
    sol = ex.solution()
    if ratio < 5:
        assert "below" in sol
    elif ratio <= 6:
        assert "as the sources say" in sol
    else:
        assert "above" in sol
    if "as the sources say" not in sol:
        fb = ex.check("5 to 6 times: as the sources say")
        assert not fb.correct and "slide's figure" in fb.message


@pytest.mark.parametrize("seed, n", WORLDS)
@pytest.mark.parametrize("ex_id, wrong, why", [
    ("development.prospect_types", "mature customers (成熟客户)", "type by time to close"),
    ("development.prospect_types", "key customers (关键客户)", "type by value"),
    ("development.prospect_vs_customer", "A prospect has already traded with the firm at least once.",
     "actual customer"),
    ("development.prospecting_principles", "carpet search (地毯式搜索法)", "method"),
    ("development.finding_methods", "qualifying the leads (客户资格审查)", "procedure"),
    ("development.finding_methods", "focus by the 20/80 rule (重点关注)", "principle"),
])
def test_concept_checks_name_the_confusion(ex_id, wrong, why, seed, n):
    ex = make(ex_id, world(seed, n))
    fb = ex.check(ex.solution() + [wrong])
    assert not fb.correct and 0 < fb.score < 1 and why in fb.message
    assert not ex.check([wrong]).correct


@pytest.mark.parametrize("seed, n", WORLDS)
def test_root_cause_wrong_options_name_their_group(seed, n):
    ex = make("development.prospect_root_cause", world(seed, n))
    assert "潜在需求" in ex.solution()
    fb = ex.check("a poor company image (企业形象不佳)")
    assert not fb.correct and "企业或组织自身因素" in fb.message


def test_prospect_types_feedback_uses_the_data():
    w = world(0, 2000)
    t = D.conversion_by(w.leads, "prospect_type")
    ex = make("development.prospect_types", w)
    fb = ex.check(ex.solution())
    assert fb.correct and f"{t.loc['existing', 'conversion_rate']:.1%}" in fb.message


@pytest.mark.parametrize("ex_id", IDS)
def test_answers_in_chinese(ex_id):
    """Shown in Chinese, each exercise's options, solution and feedback are Chinese, and the
    Chinese option texts are what a student answers with."""
    import re

    ck.set_language("zh")
    try:
        ex = make(ex_id, world(0, 2000))
        right = ex.solution()
        fb = ex.check(right)
        assert fb.correct, (ex_id, fb)
        options = (ex.options() if ex.kind in ("choice", "multichoice")
                   else list(right) if ex.kind == "ordering" else [])
        for o in options:
            if ex_id != "development.budget_allocation":
                assert re.search(r"[\u4e00-\u9fff]", str(o)), (ex_id, o)
        wrong = [o for o in ex.options() if o not in (right if isinstance(right, list) else [right])] \
            if ex.kind in ("choice", "multichoice") else None
        if wrong and ex_id != "development.budget_allocation":
            bad = ex.check(wrong[0] if ex.kind == "choice" else [wrong[0]])
            assert not bad.correct
            assert re.search(r"[\u4e00-\u9fff]", str(bad.message)), (ex_id, bad.message)
    finally:
        ck.set_language("en")
