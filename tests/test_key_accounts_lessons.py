"""The lessons of the key-account file (casekit.key_accounts.data.LESSONS) hold on every world.

Measured with plain pandas on ``account_history``, over many seeds and two sizes, so a lesson of
chapter 7 never rests on one lucky draw.  Also: the file leaves every other dataset unchanged.
"""

import functools

import pandas as pd
import pytest

from casekit import synth
from casekit.key_accounts import account_history, candidates, investment_vs_return

SEEDS = range(10)
SIZES = (500, 5000)
CASES = [(s, n) for n in SIZES for s in SEEDS]


@functools.lru_cache(maxsize=None)
def world(seed, n):
    return synth.make_world(seed, n)


@functools.lru_cache(maxsize=None)
def history(seed, n):
    return account_history(world(seed, n))


@pytest.fixture(params=CASES, ids=[f"seed{s}-n{n}" for s, n in CASES])
def case(request):
    return request.param


def _lost(h):
    return h["status"].astype(str) == "lost"


def test_key_people_change_is_the_most_common_cause(case):
    counts = history(*case)["loss_reason"].dropna().astype(str).value_counts()
    assert counts.index[0] == "key people change" and counts.iloc[0] > counts.iloc[1], counts


def test_price_is_rarely_the_cause(case):
    r = history(*case)["loss_reason"].dropna().astype(str)
    assert (r == "price").mean() <= 0.08


def test_single_level_accounts_are_lost_more_often(case):
    h = history(*case)
    one = h["contact_levels"] <= 1
    assert _lost(h)[one].mean() > 1.15 * _lost(h)[~one].mean()


def test_broken_trust_loses_accounts(case):
    h = history(*case)
    t = h["trust_broken"]
    assert _lost(h)[t].mean() > 1.2 * _lost(h)[~t].mean()


def test_contact_leaving_hurts_most_at_one_level(case):
    h = history(*case)
    left = h["key_contact_left"]
    one = h["contact_levels"] <= 1
    assert _lost(h)[left & one].mean() > _lost(h)[left & ~one].mean()


def test_key_cell_returns_more_per_yuan_than_low_key(case):
    t = investment_vs_return(candidates(world(*case))).set_index("focus")
    assert t.loc["key", "return_per_cny"] > t.loc["low-key", "return_per_cny"]


def test_file_is_reproducible_and_leaves_the_world_alone():
    a, b = synth.make_world(3, 500), synth.make_world(3, 500)
    before = {n: a[n].copy() for n in a.names}
    pd.testing.assert_frame_equal(account_history(a), account_history(b))
    for n in a.names:
        pd.testing.assert_frame_equal(a[n], before[n])
