"""The kit's one definition of a big customer (大客户): ``ck.big_customers`` and its variants."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit.core import BIG_BY, big_customers, customer_table


@pytest.fixture(scope="module")
def world():
    return ck.world(n_customers=500, seed=3)


def test_default_is_the_top_fifth_by_revenue_over_the_data_period(world):
    big = ck.big_customers(world)
    t = customer_table(world)
    t = t[t["active_years"] > 0]
    assert big.dtype == bool and big.name == "big" and list(big.index) == list(t.index)
    k = int(np.ceil(0.2 * len(t)))
    assert big.sum() == k == big.attrs["count"]
    assert big.attrs["by"] == "revenue" and big.attrs["top"] == 0.2
    # every big customer bought at least as much as every other customer
    assert t.loc[big, "revenue"].min() >= t.loc[~big, "revenue"].max()
    assert big.attrs["cut"] == t.loc[big, "revenue"].min()


@pytest.mark.parametrize("by", list(BIG_BY))
def test_each_named_yardstick_of_a_world(world, by):
    big = ck.big_customers(world, by=by, top=0.1)
    t = customer_table(world).loc[big.index]
    assert big.sum() == int(np.ceil(0.1 * len(big)))
    assert t.loc[big, by].min() >= t.loc[~big, by].max()


def test_firm_size_is_a_different_yardstick_from_purchases(world):
    by_revenue = ck.big_customers(world)
    by_size = ck.big_customers(world, by="employees")
    assert by_revenue.sum() == by_size.sum()
    assert (by_revenue != by_size).any()


def test_the_count_is_exact_and_ties_go_to_the_lower_customer_number():
    df = pd.DataFrame({"customer_id": [30, 10, 20, 40], "revenue": [5.0, 5.0, 5.0, 1.0]})
    big = big_customers(df, top=0.5)     # ceil(2) = 2 of the three tied at 5
    assert big.to_dict() == {30: False, 10: True, 20: True, 40: False}
    shuffled = big_customers(df.iloc[[3, 1, 0, 2]], top=0.5)
    assert shuffled.sort_index().equals(big.sort_index())


def test_firm_size_ties_go_to_the_bigger_buyer_then_the_lower_number():
    df = pd.DataFrame({"employees": [300, 300, 300, 10], "annual_revenue": [1.0, 9.0, 9.0, 99.0]},
                      index=pd.Index([1, 2, 3, 4], name="customer_id"))
    assert big_customers(df, by="employees", top=0.25).to_dict() == {1: False, 2: True, 3: False,
                                                                     4: False}
    # an explicit tie-breaker replaces the default one
    assert big_customers(df.assign(x=[5.0, 0.0, 0.0, 0.0]), by="employees", top=0.25,
                         then="x").to_dict() == {1: True, 2: False, 3: False, 4: False}


def test_tiny_data_at_least_one_big_customer_and_top_one_takes_everyone():
    one = pd.DataFrame({"customer_id": [7], "revenue": [0.0]})
    assert big_customers(one).tolist() == [True]
    three = pd.DataFrame({"customer_id": [1, 2, 3], "revenue": [3.0, 2.0, 1.0]})
    assert big_customers(three, top=0.01).tolist() == [True, False, False]
    assert big_customers(three, top=1).all()


def test_text_customer_ids_and_a_named_customer_column():
    df = pd.DataFrame({"firm": ["b", "a", "c"], "sales": [2.0, 2.0, 1.0]})
    big = big_customers(df, by="sales", top=0.3, customer="firm")
    assert big.index.name == "firm" and big.to_dict() == {"b": False, "a": True, "c": False}


@pytest.mark.parametrize("kwargs, message", [
    ({"by": "staff"}, "no column 'staff'"),
    ({"top": 0}, "top=0 picks no customers"),
    ({"top": 1.5}, "top=1.5 is out of range"),
    ({"top": "a fifth"}, "is not a finite number"),
    ({"by": 3}, "by=3 must be the name of a column"),
    ({"then": "missing"}, "no column 'missing'"),
])
def test_bad_options_are_refused_with_a_clear_message(kwargs, message):
    df = pd.DataFrame({"customer_id": [1, 2], "revenue": [1.0, 2.0]})
    with pytest.raises(ValueError, match=message):
        big_customers(df, **kwargs)


def test_bad_data_is_refused_with_a_clear_message(world):
    with pytest.raises(ValueError, match="not a yardstick of a world"):
        big_customers(world, by="profit")
    with pytest.raises(ValueError, match="expected a pandas DataFrame for data, got list"):
        big_customers([1, 2, 3])
    with pytest.raises(ValueError, match="appears twice"):
        big_customers(pd.DataFrame({"customer_id": [1, 1], "revenue": [1.0, 2.0]}))
    with pytest.raises(ValueError, match="missing or infinite"):
        big_customers(pd.DataFrame({"customer_id": [1, 2], "revenue": [1.0, np.nan]}))
    with pytest.raises(ValueError, match="empty"):
        big_customers(pd.DataFrame({"customer_id": [], "revenue": []}))


def test_the_chapters_use_the_one_definition(world):
    from casekit import retention as R, selection as S
    from casekit import key_accounts as K, tiering as T

    p = S.customer_profitability(world)
    risks = S.big_customer_risks(world).set_index("measure")
    big = ck.big_customers(p)
    expected = world.customers.set_index("customer_id").loc[big[big].index, "payment_days"].mean()
    assert risks.loc["payment days", "big"] == pytest.approx(expected)
    signals = R.customer_signals(world)
    firm = ck.big_customers(signals, by="employees", top=0.1)
    assert (signals["big"].to_numpy() == firm.reindex(signals.index).to_numpy()).all()
    values = T.customer_values(world)
    key = K.ten_sixty(values).set_index("tier").loc["key", "customers"]
    assert key == ck.big_customers(values, by="revenue_last", top=0.1).sum()


def _cells(path):
    import json

    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("chapter", ["01", "05", "06", "07"])
@pytest.mark.parametrize("folder", ["notebooks", "notebooks/zh"])
def test_each_chapter_says_which_variant_it_uses(chapter, folder):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    path = next((root / folder).glob(f"{chapter}_*.ipynb"))
    prose = "\n".join("".join(c["source"]) for c in _cells(path) if c["cell_type"] == "markdown")
    code = "\n".join("".join(c["source"]) for c in _cells(path) if c["cell_type"] == "code")
    assert "ck.big_customers" in prose, f"{path.name} does not name the kit's one definition"
    assert 'by="' in prose and "top=" in prose, f"{path.name} does not say which variant it uses"
    # no ad hoc definition of "big" in the code: a cut at a quantile of revenue or employees
    assert not re.search(r'\[\s*"(revenue|employees|annual_revenue)"\s*\]\.quantile\(', code), \
        f"{path.name} cuts big customers at a quantile of its own"
