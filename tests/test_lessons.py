"""Every lesson of casekit.lessons holds for many seeds and two sizes (see datasets/README.md)."""

import functools

import pytest

from casekit import synth

from . import lessons as L

SEEDS = range(10)
SIZES = (500, 5000)
CASES = [(s, n) for n in SIZES for s in SEEDS]


@functools.lru_cache(maxsize=None)
def world(seed, n):
    return synth.make_world(seed, n)


@pytest.fixture(params=CASES, ids=[f"seed{s}-n{n}" for s, n in CASES])
def w(request):
    return world(*request.param)


def test_revenue_is_concentrated(w):
    assert 0.60 <= L.pareto(w) <= 0.90


def test_some_big_customers_lose_money(w):
    assert 0.05 <= L.big_unprofitable(w) <= 0.5


def test_big_customer_risks(w):
    r = L.big_risks(w)
    for what in ("payment_days", "discount_rate", "bad_debt"):
        assert r[what][True] > r[what][False], what


def test_margin_rises_with_tenure_and_loyalty(w):
    for col in ("tenure_years", "loyalty"):
        m = L.margin_by(w, col)
        assert m.iloc[-1] > m.iloc[0] + 0.03, (col, m.tolist())


def test_small_customers_can_grow_fast(w):
    share, ratio = L.small_fast_growers(w)
    assert share >= 0.05 and ratio > 1.1


def test_good_and_bad_swap(w):
    assert L.class_swaps(w) >= 0.05


def test_channels_differ(w):
    per_win = L.channel_cost_per_win(w)
    assert per_win.max() >= 3 * per_win.min()


def test_man_rule(w):
    qualified, unqualified = L.man_conversion(w)
    assert qualified >= 2 * unqualified


def test_open_pipeline_has_all_close_time_classes(w):
    assert min(L.open_pipeline_classes(w)) > 0


def test_acquisition_costs_more_than_retention(w):
    assert L.acquisition_vs_retention(w) >= 2.5


def test_complaints_are_pareto(w):
    assert L.complaint_pareto(w) >= 0.5


def test_fast_resolution_keeps_customers(w):
    kept_fast, kept_other, sat_fast, sat_other = L.fast_resolution(w)
    assert kept_fast > kept_other + 0.03
    assert sat_fast > sat_other + 0.5


def test_silent_customers_churn_more(w):
    silent, resolved = L.silent_churn(w)
    assert silent > resolved + 0.05


def test_churn_drivers(w):
    for what, (with_, without) in L.churn_drivers(w).items():
        assert with_ > without + 0.05, what


def test_delivered_value_keeps_customers(w):
    better, worse = L.delivered_value_churn(w)
    assert worse > better


def test_big_customers_churn_more(w):
    big, rest = L.big_churn(w)
    assert big > rest


def test_churn_is_spread_over_the_years(w):
    per_year = L.churn_by_year(w)
    assert per_year.min() >= 0.15 * per_year.max(), per_year.to_dict()


def test_orders_thin_out_before_churn(w):
    last, prior = L.fading_orders(w)
    assert last < 0.8 * prior


def test_good_handling_and_follow_up_keep_customers(w):
    good, other = L.handling_keeps(w)
    assert good > other


def test_severe_complaints_are_harder_to_resolve(w):
    res_hi, res_lo, week_hi, week_lo = L.severity_resolution(w)
    assert res_hi < res_lo and week_hi < week_lo
