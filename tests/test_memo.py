"""The per-world memo of derived tables: same results, never another world's or options'."""

import gc

import pandas as pd
import pytest

import casekit as ck
from casekit import synth
from casekit.core import memo
from casekit.core.customers import customer_table
from casekit.core.profit import customer_profitability
from casekit.selection import scorecard
from casekit.tiering import customer_values


@pytest.fixture(scope="module")
def worlds():
    return synth.make_world(3, 300), synth.make_world(4, 300)


@pytest.mark.parametrize("fn, kwargs", [
    (customer_profitability, {}), (customer_profitability, {"years": 2025, "active_only": False}),
    (customer_table, {}), (customer_values, {}), (scorecard, {"weights": {"purchasing_power": 5}}),
])
def test_memo_gives_what_the_function_computes(worlds, fn, kwargs):
    a, b = worlds
    for w in (a, b, a):
        got = fn(w, **kwargs)
        pd.testing.assert_frame_equal(got, fn.uncached(w, **kwargs))
        assert got.attrs == fn.uncached(w, **kwargs).attrs


def test_keyed_by_world_and_every_option(worlds):
    a, b = worlds
    assert not customer_profitability(a).equals(customer_profitability(b))
    whole = customer_profitability(a)
    pd.testing.assert_frame_equal(customer_profitability(a, years=2025),
                                  customer_profitability.uncached(a, years=2025))
    assert not customer_profitability(a, years=2025).equals(whole)
    assert len(customer_profitability(a, active_only=False)) >= len(whole)


def test_callers_cannot_change_the_memo(worlds):
    a, _ = worlds
    want = customer_profitability.uncached(a)
    got = customer_profitability(a)
    got["profit"] = 0.0
    got.loc[got.index[0], "revenue"] = -1.0
    got["extra"] = 1
    got.index.name = "renamed"
    del got["orders"]
    pd.testing.assert_frame_equal(customer_profitability(a), want)


def test_frames_and_bad_options_are_not_memoised(worlds):
    a, _ = worlds
    p = customer_profitability(a.customers, a.transactions)
    pd.testing.assert_frame_equal(p, customer_profitability.uncached(a.customers, a.transactions))
    for _ in range(2):  # an error is raised every time, never remembered as a result
        with pytest.raises(ValueError, match="customer_profitability"):
            customer_profitability(a, active_only="yes")
    assert not customer_profitability(a, active_only=True).empty


def test_memo_goes_with_its_world():
    w = synth.make_world(5, 200)
    customer_profitability(w)
    before = memo.size()
    del w
    gc.collect()
    assert memo.size() < before


def test_shipped_world_is_unchanged():
    w = ck.world()
    pd.testing.assert_frame_equal(customer_table(w), customer_table.uncached(w))
