"""The fast kernels give what the plain pandas / numpy ways give."""

import numpy as np
import pandas as pd
import pytest

from casekit import _fast
from casekit import tiering as T


@pytest.fixture(scope="module")
def tx():
    rng = np.random.default_rng(4)
    n = 50_000
    return pd.DataFrame({"customer_id": rng.integers(1, 5000, n),
                         "revenue": np.round(rng.lognormal(5, 1.5, n), 2),
                         "margin": np.round(rng.normal(20, 80, n), 2)})


def test_group_codes_is_a_sorted_factorize(tx):
    codes, ids = _fast.group_codes(tx["customer_id"])
    want_codes, want_ids = pd.factorize(tx["customer_id"], sort=True)
    np.testing.assert_array_equal(codes, want_codes)
    np.testing.assert_array_equal(ids, want_ids)
    assert ids.dtype == tx["customer_id"].dtype


@pytest.mark.parametrize("keys", [pd.Series(["a", "b"]), pd.Series([1, 10**12]), pd.Series([], dtype="int64"),
                                  pd.Series([1.0, 2.0]), pd.Series([1, None], dtype="Int64")])
def test_group_codes_leaves_other_keys_to_pandas(keys):
    assert _fast.group_codes(keys) is None


def test_cent_sums_are_the_exact_sums_in_cents(tx):
    codes, ids = _fast.group_codes(tx["customer_id"])
    got = _fast.cent_sums(codes, len(ids), tx["revenue"])
    cents = (tx["revenue"] * 100).round().astype("int64")
    exact = cents.groupby(tx["customer_id"]).sum().sort_index().to_numpy() / 100
    np.testing.assert_array_equal(got, exact)
    np.testing.assert_allclose(got, tx.groupby("customer_id")["revenue"].sum(), rtol=1e-15)


def test_cent_sums_refuse_values_that_are_not_whole_cents(tx):
    codes, ids = _fast.group_codes(tx["customer_id"])
    assert _fast.cent_sums(codes, len(ids), tx["revenue"] / 3) is None
    assert _fast.cent_sums(codes, len(ids), tx["customer_id"]) is None  # integers: pandas adds them
    assert _fast.cent_sums(codes, len(ids), pd.Series(np.full(len(tx), 1e14))) is None  # too big


@pytest.mark.parametrize("shuffled", [False, True])  # ids ascending (a per-customer table) or not
@pytest.mark.parametrize("decimals", [2, -2, -4])  # few ties, many ties, nearly all tied
def test_rank_order_is_lexsort_by_value_then_id(decimals, shuffled):
    rng = np.random.default_rng(decimals + 10)
    v = np.round(rng.lognormal(5, 1, 20_000), decimals)
    ids = rng.permutation(20_000) + 1 if shuffled else np.arange(20_000) * 3
    np.testing.assert_array_equal(_fast.rank_order(v, ids), np.lexsort((ids, -v)))
    np.testing.assert_array_equal(_fast.rank_order(v), np.argsort(-v, kind="stable"))


def test_rank_order_ties_of_equal_value_and_id_keep_their_position():
    v, ids = np.array([1.0, 2.0, 1.0, 2.0, 1.0]), np.array([7, 3, 7, 3, 2])
    np.testing.assert_array_equal(_fast.rank_order(v, ids), np.lexsort((ids, -v)))


def test_customer_totals_matches_groupby_up_to_the_last_digit(tx):
    got = T.customer_totals(tx, value=["revenue", "margin"])
    want = tx.groupby("customer_id", sort=True)[["revenue", "margin"]].sum().reset_index()
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-15)


def test_customer_totals_of_other_data_is_exactly_pandas(tx):
    other = tx.assign(revenue=tx["revenue"] / 7, customer_id=tx["customer_id"].astype(str))
    got = T.customer_totals(other)
    want = other.groupby("customer_id", sort=True)[["revenue"]].sum().reset_index()
    pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_abc_is_the_sort_cumsum_cut_way(tx):
    per = T.customer_totals(tx)
    per["revenue"] = np.round(per["revenue"], -2)  # many ties: ranked by customer id
    got = T.abc(per.sample(frac=1, random_state=0), cutoffs=(0.8, 0.95))
    d = per.sort_values(["revenue", "customer_id"], ascending=[False, True]).reset_index(drop=True)
    before = (d["revenue"].cumsum() - d["revenue"]) / d["revenue"].sum()
    want = pd.cut(before, [-np.inf, 0.8 - 1e-12, 0.95 - 1e-12, np.inf], labels=list("ABC"),
                  right=False)
    assert got["customer_id"].tolist() == d["customer_id"].tolist()
    assert got["abc"].astype(str).tolist() == want.astype(str).tolist()
    assert got["rank"].tolist() == list(range(1, len(d) + 1))


def test_clv_is_the_closed_form():
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"annual_profit": rng.normal(1000, 3000, 1000),
                       "r": np.r_[rng.uniform(0, 1, 998), 1.0, 0.0]})
    got = T.clv(df, retention="r", discount=0.0, horizon=4)
    r = df["r"].to_numpy()
    want = df["annual_profit"].to_numpy() * (r + r**2 + r**3 + r**4)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    assert got.iloc[-2] == df["annual_profit"].iloc[-2] * 4  # q = 1: T years in full
