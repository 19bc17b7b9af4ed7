"""casekit.clv: the published CDNOW estimates, hand-computed quantities, the summary, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special

import casekit as ck
from casekit import clv, tiering

CAL_END, HOLD_END = "1997-09-30", "1998-06-30"


@pytest.fixture(scope="module")
def cdnow():
    return ck.load("cdnow_sample")


@pytest.fixture(scope="module")
def cal(cdnow):
    return clv.calibration_holdout(cdnow, calibration_end=CAL_END, holdout_end=HOLD_END,
                                   value="dollar_value")


@pytest.fixture(scope="module")
def bg(cal):
    return clv.fit_bgnbd(cal, frequency="frequency_cal", recency="recency_cal", T="T_cal")


@pytest.fixture(scope="module")
def gg(cal):
    return clv.fit_gamma_gamma(cal, frequency="frequency_cal", monetary="monetary_cal")


# ---- the data -------------------------------------------------------------------------------

def test_sample_is_the_original_converted_and_a_subset_of_the_master(cdnow):
    from casekit import schema
    from casekit.data import data_dir
    raw = pd.read_csv(data_dir() / "real" / "cdnow" / "CDNOW_sample.txt", sep=r"\s+", header=None,
                      names=["master_id", "customer_id", "date", "number_of_cds", "dollar_value"],
                      dtype={"date": "str"})
    raw["date"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    pd.testing.assert_frame_equal(cdnow, schema.conform(raw, "cdnow_sample"))
    assert cdnow["customer_id"].nunique() == 2357
    master = ck.load("cdnow")
    mine = master[master["customer_id"].isin(cdnow["master_id"])]
    key = ["date", "number_of_cds", "dollar_value"]
    a = mine.rename(columns={"customer_id": "master_id"}).sort_values(["master_id", *key])
    b = cdnow.drop(columns="customer_id").sort_values(["master_id", *key])
    np.testing.assert_array_equal(a[["master_id", *key]].to_numpy(), b[["master_id", *key]].to_numpy())


# ---- published estimates --------------------------------------------------------------------

def test_bgnbd_reproduces_fader_hardie_lee_2005(bg, cal):
    # FHL (2005), 2,357 customers, 39-week calibration: r=0.243, α=4.414, a=0.793, b=2.426, LL=-9582.4
    assert len(cal) == 2357
    assert (round(bg.r, 3), round(bg.alpha, 3), round(bg.a, 3), round(bg.b, 3)) == \
        (0.243, 4.414, 0.793, 2.426)
    assert round(bg.loglik, 1) == -9582.4
    assert bg.converged
    assert all(np.isfinite(bg.se)) and all(s > 0 for s in bg.se)


def test_gamma_gamma_reproduces_fader_hardie_2013(gg):
    # Fader & Hardie (2013) note on the 946 repeat buyers: p=6.25, q=3.74, γ=15.44
    assert gg.n_customers == 946
    assert (round(gg.p, 2), round(gg.q, 2), round(gg.gamma, 2)) == (6.25, 3.74, 15.44)
    assert gg.loglik == pytest.approx(-4055.92, abs=0.01)


def test_independence_check_is_weak_on_cdnow(cal):
    # FHL report a correlation of 0.11 between frequency and mean spend
    ind = clv.spend_independence(cal, frequency="frequency_cal", monetary="monetary_cal")
    assert round(ind["pearson"], 2) == 0.11
    assert ind["n"] == 946


def test_fit_is_at_a_maximum_gradient_and_perturbation(bg, cal):
    from casekit.clv.bgnbd import _arrays, _Data
    x, tx, tt = _arrays(cal, what="t", frequency="frequency_cal", recency="recency_cal", T="T_cal")
    d = _Data(x, tx, tt)
    theta = np.log([bg.r, bg.alpha, bg.a, bg.b])
    ll, g = d.terms(theta)
    assert np.abs(g).max() < 1e-2
    for j in range(4):
        for h in (-1e-3, 1e-3):
            t2 = theta.copy()
            t2[j] += h
            assert d.terms(t2, grad=False)[0] < ll


def test_analytic_gradients_match_finite_differences(cal):
    from casekit.clv.bgnbd import _arrays, _Data
    from casekit.clv.gamma_gamma import _loglik
    x, tx, tt = _arrays(cal, what="t", frequency="frequency_cal", recency="recency_cal", T="T_cal")
    d = _Data(x, tx, tt)
    theta = np.log([0.5, 6.0, 1.2, 3.3])
    _, g = d.terms(theta)
    num = [(d.terms(theta + e, grad=False)[0] - d.terms(theta - e, grad=False)[0]) / 2e-6
           for e in np.eye(4) * 1e-6]
    np.testing.assert_allclose(g, num, rtol=1e-5)
    keep = cal["frequency_cal"] > 0
    xm, mm = cal.loc[keep, "frequency_cal"].to_numpy(float), cal.loc[keep, "monetary_cal"].to_numpy()
    th = np.log([2.0, 2.0, 10.0])
    _, g = _loglik(th, xm, mm)
    num = [(_loglik(th + e, xm, mm, grad=False)[0] - _loglik(th - e, xm, mm, grad=False)[0]) / 2e-6
           for e in np.eye(3) * 1e-6]
    np.testing.assert_allclose(g, num, rtol=1e-5)


def test_bgnbd_loglik_matches_the_formula_by_hand():
    r, al, a, b = 0.5, 6.0, 1.2, 3.3
    m = clv.BGNBD(r=r, alpha=al, a=a, b=b, se=(0,) * 4, loglik=0.0, n_customers=2, converged=True,
                  iterations=0)
    f = pd.DataFrame({"frequency": [0, 3], "recency": [0.0, 4.0], "T": [6.0, 6.0]})

    def one(x, tx, T):
        beta = special.beta
        base = (beta(a, b + x) / beta(a, b) * special.gamma(r + x) * al ** r / special.gamma(r))
        return np.log(base * ((al + T) ** -(r + x) + (x > 0) * a / (b + x - 1) * (al + tx) ** -(r + x)))

    assert m.loglik_of(f) == pytest.approx(one(0, 0.0, 6.0) + one(3, 4.0, 6.0), rel=1e-12)


# ---- hand-computed quantities ---------------------------------------------------------------

def test_p_alive_by_hand():
    m = clv.BGNBD(r=2.0, alpha=3.0, a=0.5, b=1.5, se=(0,) * 4, loglik=0.0, n_customers=1,
                  converged=True, iterations=0)
    f = pd.DataFrame({"frequency": [0, 2, 2], "recency": [0.0, 10.0, 2.0], "T": [10.0] * 3})
    # x=2, t_x=10=T: odds = 0.5/2.5 · 1 = 0.2 → 1/1.2 ;  t_x=2: odds = 0.2·(13/5)^4
    want = [1.0, 1 / 1.2, 1 / (1 + 0.2 * (13 / 5) ** 4)]
    np.testing.assert_allclose(m.p_alive(f).to_numpy(), want, rtol=1e-12)


def test_expected_purchases_by_hand_and_new_customer():
    r, al, a, b = 2.0, 3.0, 2.5, 1.5
    m = clv.BGNBD(r=r, alpha=al, a=a, b=b, se=(0,) * 4, loglik=0.0, n_customers=1,
                  converged=True, iterations=0)
    x, tx, T, t = 2.0, 4.0, 10.0, 5.0
    z = t / (al + T + t)
    first = (a + b + x - 1) / (a - 1) * (
        1 - ((al + T) / (al + T + t)) ** (r + x) * special.hyp2f1(r + x, b + x, a + b + x - 1, z))
    palive = 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))
    f = pd.DataFrame({"frequency": [x], "recency": [tx], "T": [T]})
    assert m.expected_purchases(f, t=t).iloc[0] == pytest.approx(first * palive, rel=1e-12)
    new = (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * special.hyp2f1(r, b, a + b - 1,
                                                                             t / (al + t)))
    assert m.expected_new(t) == pytest.approx(new, rel=1e-12)
    # a customer just acquired is a new customer
    f0 = pd.DataFrame({"frequency": [0], "recency": [0.0], "T": [0.0]})
    assert m.expected_purchases(f0, t=t).iloc[0] == pytest.approx(new, rel=1e-10)
    # more time, more purchases; none in no time
    assert m.expected_new(0.0) == 0.0
    assert np.all(np.diff(m.expected_new(np.array([1.0, 2.0, 5.0]))) > 0)


def test_expected_spend_by_hand():
    g = clv.GammaGamma(p=6.0, q=4.0, gamma=15.0, se=(0,) * 3, loglik=0.0, n_customers=1,
                       converged=True)
    f = pd.DataFrame({"frequency": [0, 1, 5], "monetary": [0.0, 50.0, 20.0]})
    pop = 6 * 15 / 3
    want = [pop, (3 / 9) * pop + (6 / 9) * 50, (3 / 33) * pop + (30 / 33) * 20]
    np.testing.assert_allclose(g.expected_spend(f).to_numpy(), want, rtol=1e-12)
    assert g.mean_spend == pytest.approx(pop)


def test_simple_clv_is_the_special_case_of_discounted_value():
    df = pd.DataFrame({"annual_profit": [100.0, 250.0, -20.0], "r": [0.8, 0.5, 0.9]})
    simple = tiering.clv(df, retention="r", discount=0.1, horizon=6).to_numpy()
    k = np.arange(6)
    margins = df["annual_profit"].to_numpy()[:, None] * df["r"].to_numpy()[:, None] ** (k + 1)
    # the kit's convention (timing="end"): the first margin, m·r, arrives a year from now
    np.testing.assert_allclose(clv.discounted_value(margins, discount=0.1) / 1.1, simple, rtol=1e-12)


def test_lifetime_value_adds_discounted_period_margins(bg, gg, cal):
    f = cal.head(50)
    kw = dict(frequency="frequency_cal", recency="recency_cal", T="T_cal", monetary="monetary_cal")
    v = clv.lifetime_value(f, model=bg, spend=gg, margin=0.3, discount=0.12, horizon=2,
                           periods_per_year=12, **kw)
    per = clv.expected_by_period(f, bg, periods=24, length=365.25 / 12 / 7, frequency=kw["frequency"],
                                 recency=kw["recency"], T=kw["T"])
    spend = gg.expected_spend(f, frequency=kw["frequency"], monetary=kw["monetary"]).to_numpy()
    want = 0.3 * spend * (per / 1.12 ** (np.arange(24) / 12)).sum(axis=1)
    np.testing.assert_allclose(v["clv"].to_numpy(), want, rtol=1e-12)
    total = bg.expected_purchases(f, t=2 * 365.25 / 7, frequency=kw["frequency"],
                                  recency=kw["recency"], T=kw["T"]).to_numpy()
    np.testing.assert_allclose(v["expected_purchases"].to_numpy(), total, rtol=1e-9)
    # no discount: value is margin × spend × purchases
    v0 = clv.lifetime_value(f, model=bg, spend=gg, margin=0.3, discount=0.0, horizon=2, **kw)
    np.testing.assert_allclose(v0["clv"], 0.3 * spend * total, rtol=1e-9)


def test_tracking_counts_repeat_occasions_and_sums_the_model(cdnow, bg, cal):
    tr = clv.tracking(cdnow, bg, calibration_end=CAL_END, holdout_end=HOLD_END)
    assert len(tr) == 78 and tr["calibration"].sum() == 39
    assert tr.loc[38, "actual"] == cal["frequency_cal"].sum()
    assert tr["actual"].iloc[-1] == cal["frequency_cal"].sum() + cal["frequency_holdout"].sum()
    firsts = cal["first_purchase_cal"]
    age = ((pd.Timestamp(HOLD_END) - firsts).dt.days / 7).to_numpy()
    assert tr["expected"].iloc[-1] == pytest.approx(bg.expected_new(age).sum(), rel=1e-12)
    # the model tracks the calibration period closely (FHL fig. 2)
    assert abs(tr.loc[38, "expected"] / tr.loc[38, "actual"] - 1) < 0.05


# ---- the summary ----------------------------------------------------------------------------

def _hand_log():
    return pd.DataFrame({
        "customer_id": ["b", "a", "a", "a", "a", "c", "b", "b", "a", "d"],
        "date": pd.to_datetime(["2024-01-10", "2024-01-01", "2024-01-01", "2024-01-15",
                                "2024-02-01", "2024-01-20", "2024-01-10", "2024-02-20",
                                "2024-03-05", "2024-03-01"]),
        "revenue": [5.0, 10.0, 2.0, 30.0, 40.0, 7.0, 6.0, 9.0, 99.0, 1.0]})


def _independent(tx, asof, unit):
    """The conventions written the slow, obvious way with pandas."""
    tx = tx[tx["date"] <= asof]
    occ = tx.groupby(["customer_id", "date"], as_index=False)["revenue"].sum()
    rows = []
    for cid, g in occ.groupby("customer_id"):
        g = g.sort_values("date")
        first, last = g["date"].iloc[0], g["date"].iloc[-1]
        rep = g["revenue"].iloc[1:]
        rows.append({"customer_id": cid, "frequency": len(g) - 1,
                     "recency": (last - first).days / unit, "T": (asof - first).days / unit,
                     "monetary": rep.mean() if len(rep) else 0.0})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("asof,unit,days", [("2024-02-29", "week", 7), ("2024-03-31", "day", 1)])
def test_summary_against_an_independent_pandas_computation(asof, unit, days):
    tx = _hand_log()
    got = clv.summary(tx, asof=asof, unit=unit)
    want = _independent(tx, pd.Timestamp(asof), days)
    pd.testing.assert_frame_equal(got[want.columns].reset_index(drop=True), want,
                                  check_dtype=False, rtol=1e-12)
    a = got.set_index("customer_id").loc["a"]
    # 1 Jan twice is one occasion and the first is not a repeat: 15 Jan, 1 Feb (and 5 Mar)
    assert a["frequency"] == (2 if asof == "2024-02-29" else 3)
    assert tx.equals(_hand_log())  # input not modified


def test_summary_default_asof_is_the_last_date_and_feeds_rfm():
    tx = _hand_log()
    s = clv.summary(tx)
    assert s.set_index("customer_id").loc["d", "T"] == 4 / 7  # 1 Mar to the last date, 5 Mar
    r = tiering.rfm(tx, asof="2024-03-05", repeat_only=True, monetary="mean")
    np.testing.assert_array_equal(r["frequency"].to_numpy(), s["frequency"].to_numpy())
    np.testing.assert_allclose(r["monetary"].to_numpy(), s["monetary"].to_numpy(), rtol=1e-12)


def test_calibration_holdout_on_cdnow_matches_the_published_summary(cal):
    # the published summary (x, t_x, T in weeks to 2 decimals, zbar) from the same sample
    assert cal["frequency_cal"].sum() == 2457 and (cal["frequency_cal"] > 0).sum() == 946
    assert cal["T_cal"].max() == pytest.approx(272 / 7)
    assert (cal["duration_holdout"] == 39.0).all()
    assert cal["recency_cal"].le(cal["T_cal"]).all()


# ---- bad input ------------------------------------------------------------------------------

def test_no_repeat_buyers_is_a_clear_error():
    f = pd.DataFrame({"frequency": [0, 0], "recency": [0.0, 0.0], "T": [5.0, 3.0],
                      "monetary": [0.0, 0.0]})
    with pytest.raises(ValueError, match="fit_bgnbd: no customer made a repeat purchase"):
        clv.fit_bgnbd(f)
    with pytest.raises(ValueError, match="fit_gamma_gamma: no customer made a repeat purchase"):
        clv.fit_gamma_gamma(f)


def test_negative_spend_is_a_clear_error():
    tx = _hand_log()
    tx.loc[3, "revenue"] = -30.0
    with pytest.raises(ValueError,
                       match="summary: column 'revenue' holds -30 in row 3; expected a column of amounts"):
        clv.summary(tx)
    f = pd.DataFrame({"frequency": [1, 2], "monetary": [-5.0, 10.0]})
    with pytest.raises(ValueError, match="column 'monetary' holds a negative spend"):
        clv.fit_gamma_gamma(f)


def test_T_shorter_than_recency_is_a_clear_error():
    f = pd.DataFrame({"frequency": [1, 2], "recency": [3.0, 9.0], "T": [5.0, 6.0]})
    with pytest.raises(ValueError, match=r"'T' < 'recency' in row 1 \(T=6, recency=9\)"):
        clv.fit_bgnbd(f)
    m = clv.BGNBD(r=1, alpha=1, a=1, b=1, se=(0,) * 4, loglik=0, n_customers=1, converged=True,
                  iterations=0)
    with pytest.raises(ValueError, match="p_alive: 'T' < 'recency'"):
        m.p_alive(f)


def test_all_nan_columns_are_a_clear_error():
    f = pd.DataFrame({"frequency": [np.nan, np.nan], "recency": [1.0, 2.0], "T": [5.0, 6.0]})
    with pytest.raises(ValueError, match="fit_bgnbd: column 'frequency' holds a missing"):
        clv.fit_bgnbd(f)
    tx = _hand_log().assign(revenue=np.nan)
    with pytest.raises(ValueError, match="summary: column 'revenue' holds a missing"):
        clv.summary(tx)
    tx = _hand_log().assign(date=pd.NaT)
    with pytest.raises(ValueError, match="summary: column 'date'"):
        clv.summary(tx)


@pytest.mark.parametrize("kwargs,match", [
    (dict(asof="not a date"), "asof='not a date' is not a date"),
    (dict(asof="2023-01-01"), "is before the first purchase"),
    (dict(unit="fortnight"), "unit='fortnight' is not allowed"),
    (dict(customer="client"), "no column 'client'"),
])
def test_summary_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        clv.summary(_hand_log(), **kwargs)


def test_other_bad_input():
    tx = _hand_log()
    with pytest.raises(ValueError, match="holdout_end must come after calibration_end"):
        clv.calibration_holdout(tx, calibration_end="2024-02-01", holdout_end="2024-01-01")
    f = pd.DataFrame({"frequency": [1.5], "recency": [1.0], "T": [2.0]})
    with pytest.raises(ValueError, match="whole numbers of repeat purchases"):
        clv.fit_bgnbd(f)
    with pytest.raises(ValueError, match="model must be a fitted BG/NBD model"):
        clv.lifetime_value(f, model="bg", spend=1.0)
    with pytest.raises(ValueError, match="expected a pandas DataFrame"):
        clv.summary("transactions")
