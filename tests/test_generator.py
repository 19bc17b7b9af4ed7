"""The generator's fast paths give exactly what the plain numpy / pandas ways give."""

import numpy as np
import pandas as pd
import pytest

from casekit import schema, synth


def test_draw_days_is_the_inverse_cdf_by_binary_search():
    cdf = synth._seasonal_cdf()
    rng = np.random.default_rng(7)
    n = 5000
    lo = rng.integers(0, synth.N_DAYS - 1, n)
    hi = np.minimum(lo + rng.integers(1, 400, n), synth.N_DAYS)
    rows = np.sort(rng.integers(0, n, 200_000))
    got = synth._draw_days(np.random.default_rng(3), lo, hi, cdf, rows=rows)
    # The plain way: uniform between the bounds' CDF values, then a binary search.
    u = np.random.default_rng(3).uniform(cdf[lo[rows]], cdf[hi[rows]])
    want = np.clip(np.searchsorted(cdf, u, side="right") - 1, lo[rows], hi[rows] - 1)
    np.testing.assert_array_equal(got, want)
    assert ((got >= lo[rows]) & (got < hi[rows])).all()
    by_counts = synth._draw_days(np.random.default_rng(3), lo, hi, cdf,
                                 counts=np.bincount(rows, minlength=n))
    np.testing.assert_array_equal(by_counts, want)


def test_draw_days_handles_draws_on_a_day_boundary():
    cdf = synth._seasonal_cdf()

    class Edges:  # a generator whose "uniform" draws land exactly on bucket and day edges
        def random(self, size):
            return np.resize(np.array([0.0, 0.5, 0.25, 1 - 2**-53]), size)

    lo, hi = np.array([0, 10, 500, 1095]), np.array([1096, 20, 501, 1096])
    got = synth._draw_days(Edges(), lo, hi, cdf)
    u = cdf[lo] + (cdf[hi] - cdf[lo]) * Edges().random(4)
    want = np.clip(np.searchsorted(cdf, u, side="right") - 1, lo, hi - 1)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("p", [[0.30, 0.40, 0.18, 0.12], [0.5, 0.5], [1.0], [0.0, 0.7, 0.0, 0.3],
                               list(np.random.default_rng(4).dirichlet(np.ones(12)))])
def test_choice_draws_what_rng_choice_draws(p):
    got = synth._choice(np.random.default_rng(9), p, 100_000)
    want = np.random.default_rng(9).choice(len(p), 100_000, p=p)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("values", [
    np.random.default_rng(0).normal(size=1000),
    np.random.default_rng(1).integers(0, 7, 1000).astype(float),  # many ties
    np.array([3.0, 3.0, 3.0]), np.array([1.0]), np.array([0.0, -0.0, 2.0, np.inf, -np.inf]),
])
def test_pct_rank_is_pandas_rank(values):
    np.testing.assert_array_equal(synth._pct_rank(values), pd.Series(values).rank(pct=True))


def test_pct_rank_keeps_pandas_for_missing_values():
    x = np.array([2.0, np.nan, 1.0])
    np.testing.assert_array_equal(synth._pct_rank(x), pd.Series(x).rank(pct=True))


@pytest.mark.parametrize("k", [1, 5, 50, 99, 100])
def test_top_is_the_first_k_of_a_stable_sort(k):
    x = np.random.default_rng(2).integers(0, 20, 100).astype(float)  # ties at every boundary
    np.testing.assert_array_equal(synth._top(x, k), np.sort(np.argsort(-x, kind="stable")[:k]))


@pytest.fixture(scope="module")
def world():
    return synth.make_world(2, 1500)


def test_every_table_is_already_in_schema_form(world):
    for name in world.names:
        pd.testing.assert_frame_equal(world[name], schema.conform(world[name], name),
                                      check_exact=True)


def test_the_transactions_are_in_date_then_customer_order(world):
    tx = world.transactions
    key = tx[["date", "customer_id"]]
    assert key.equals(key.sort_values(["date", "customer_id"], kind="stable")
                      .reset_index(drop=True))
    assert (tx["order_id"] == np.arange(1, len(tx) + 1)).all()


def test_a_world_too_big_for_memory_is_refused_up_front(monkeypatch):
    monkeypatch.setattr(synth, "_free_memory", lambda: 500 * 2**20)
    need = synth.memory_estimate(1_000_000)
    with pytest.raises(ValueError, match=r"n_customers=1,000,000 needs about 1\.\d GiB.*0\.5 GiB "
                                         r"is free.*up to about \d[\d,]* customers"):
        synth.make_world(0, 1_000_000)
    assert 1.2 * 2**30 < need < 2 * 2**30
    largest = synth._largest(500 * 2**20, 2.0)
    assert synth.memory_estimate(largest) <= 500 * 2**20 < synth.memory_estimate(largest + 1000)


def test_memory_estimate_grows_with_customers_and_leads():
    one = synth.memory_estimate(100_000)
    assert synth.memory_estimate(1_000_000) > 9 * (one - synth._MEMORY_FIXED)
    assert synth.memory_estimate(100_000, leads_per_customer=10) > one
