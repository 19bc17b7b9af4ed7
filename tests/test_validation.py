"""The declarative validation layer refuses what used to pass silently (or end in a raw traceback)."""

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import analysis as A
from casekit import retention as R
from casekit import selection as S
from casekit import tiering as T
from casekit.core import Interval, OneOf, check_columns, validated


@pytest.fixture(scope="module")
def world():
    return ck.world()


@pytest.fixture(scope="module")
def signals(world):
    return R.customer_signals(world)


def test_text_booleans_are_refused_not_counted_as_true(signals):
    text = signals.assign(key_contact_left=signals["key_contact_left"].map({True: "True", False: "False"}))
    for f in (R.churn_drivers, R.risk_score, R.early_warning):
        with pytest.raises(ValueError, match=r"column 'key_contact_left' holds text \('False' in row \d+\)"):
            f(text)


def test_a_missing_flag_is_refused_not_turned_into_nan_weights(signals):
    gap = signals.assign(low_loyalty=signals["low_loyalty"].astype(object))
    gap.iloc[3, gap.columns.get_loc("low_loyalty")] = None
    with pytest.raises(ValueError, match=r"logistic_weights: column 'low_loyalty' has a missing value in row \d+"):
        R.logistic_weights(gap)


def test_churned_customers_without_a_churn_date_are_refused(world):
    with pytest.raises(ValueError, match=r"mark \d+ as churned but have no 'churn_date' column"):
        S.customer_profitability(world.customers.drop(columns="churn_date"), world.transactions)
    c = world.customers.copy()
    first = int(np.flatnonzero(c["churned"].to_numpy())[0])
    c.loc[c.index[first], "churn_date"] = pd.NaT
    with pytest.raises(ValueError, match=r"has churned=True but no churn_date"):
        S.customer_profitability(c, world.transactions)


def test_active_only_needs_a_status(world):
    file = A.customer_file(world)
    with pytest.raises(ValueError, match=r"grade_customers: active_only=True needs a 'status' column"):
        A.grade_customers(file.drop(columns="status"))
    assert len(A.grade_customers(file.drop(columns="status"), active_only=False)) == len(file)


def test_unknown_labels_and_out_of_scale_options(world):
    cats = pd.CategoricalDtype(["gold", "iron", "none"], ordered=True)
    df = pd.DataFrame({"y1": pd.Series(["gold", "none"], dtype=cats), "y2": pd.Series(["iron", "gold"], dtype=cats)})
    with pytest.raises(ValueError, match=r"tier_moves: outside='gone' is not a tier of column 'y1'"):
        T.tier_moves(df, before="y1", after="y2", outside="gone")
    with pytest.raises(ValueError, match=r"churn_rate: start=12345 is not a date"):
        R.churn_rate(world, start=12345)
    with pytest.raises(ValueError, match=r"scorecard: max_cost_share=1.5 is out of range"):
        S.scorecard(world, max_cost_share=1.5)
    with pytest.raises(ValueError, match=r"churn_by_tenure: bands=.* must be"):
        R.churn_by_tenure(world, bands=(0, np.nan, 2))
    with pytest.raises(ValueError, match=r"customer_signals: big_share=1.5 is out of range"):
        R.customer_signals(world, big_share=1.5)


def test_duplicated_customers_are_refused_by_the_function_called(world):
    twice = pd.concat([world.customers, world.customers.iloc[[5]]], ignore_index=True)
    for f in (S.scorecard, S.big_customer_risks, S.small_customer_potential, S.annual_screening):
        with pytest.raises(ValueError, match=rf"{f.__name__}: customer_id 6 appears twice in the customers \(row 2000\)"):
            f(twice, world.transactions)
    with pytest.raises(ValueError, match=r"loyal_customers: customer_id 6 appears twice"):
        S.loyal_customers(twice)


def test_whole_number_float_ids_are_accepted_others_refused(world):
    c = world.customers.assign(customer_id=world.customers["customer_id"].astype(float))
    tx = world.transactions.assign(customer_id=world.transactions["customer_id"].astype(float))
    expected = S.customer_profitability(world)
    got = S.customer_profitability(c, tx)
    assert got.index.dtype == "int64"
    pd.testing.assert_frame_equal(got, expected)
    assert A.customer_file(c, tx, world.complaints).index.dtype == "int64"
    assert S.scorecard(c, tx)["score"].equals(S.scorecard(world)["score"])
    bad = c.copy()
    bad.loc[bad.index[2], "customer_id"] = 3.5
    with pytest.raises(ValueError, match=r"column 'customer_id' holds 3.5 in row 2; expected a column of customer numbers"):
        S.scorecard(bad, tx)
    blank = c.copy()
    blank.loc[blank.index[4], "customer_id"] = np.nan
    with pytest.raises(ValueError, match=r"column 'customer_id' holds a missing or infinite value \(nan in row 4\)"):
        S.customer_profitability(blank, tx)


def test_a_declaration_is_kept_for_the_registry():
    spec = S.scorecard.spec
    assert spec.name == "scorecard" and isinstance(spec.options["max_cost_share"], Interval)
    assert spec.needs()["customers"] == ["customer_id"]


def test_the_declarative_layer_on_its_own():
    @validated(frames={"t": {"k": "id", "{value}": "money", "f": "?bool"}}, keys={"t": "k"},
               options={"how": OneOf(("a", "b"))})
    def f(t, *, value="v", how="a"):
        return t

    good = pd.DataFrame({"k": [1.0, 2.0], "v": [1.0, 0.0]})
    assert f(good)["k"].dtype == "int64"
    for bad, msg in [(good.assign(v=[1.0, -1.0]), r"column 'v' holds -1 in row 1; expected a column of amounts ≥ 0"),
                     (good.assign(v=["1", "2"]), r"column 'v' has dtype (str|object)"),
                     (good.assign(k=[1, 1]), r"k 1 appears twice in t \(row 1\)"),
                     (good.assign(f=["yes", "no"]), r"column 'f' holds text \('yes' in row 0\)"),
                     (good.drop(columns="v"), r"t has no column 'v'")]:
        with pytest.raises(ValueError, match=msg):
            f(bad)
    with pytest.raises(ValueError, match=r"f: how='c' is not allowed"):
        f(good, how="c")
    with pytest.raises(ValueError, match=r"f: column 'v' holds"):
        f(good.assign(v=[np.inf, 1.0]))
    with pytest.raises(TypeError, match=r"^f: "):
        f(good, nonsense=1)
    assert check_columns(good, {"v": "share"}, what="g") is good


def test_duplicated_keys_in_tiering_and_retention_are_refused(world):
    totals = T.customer_totals(world.transactions)
    twice = pd.concat([totals, totals.iloc[[0]]], ignore_index=True)
    for f in (T.pareto_table, T.abc, T.pyramid):
        with pytest.raises(ValueError, match=rf"{f.__name__}: customer_id \d+ appears twice in customers"):
            f(twice)
    kunden = twice.rename(columns={"customer_id": "kunde"})
    with pytest.raises(ValueError, match=r"abc: kunde \d+ appears twice"):
        T.abc(kunden, customer="kunde")
    c = pd.concat([world.customers, world.customers.iloc[[0]]], ignore_index=True)
    c.attrs.update(world.customers.attrs)
    with pytest.raises(ValueError, match=r"churn_rate: customer_id 1 appears twice in the customers"):
        R.churn_rate(c)
