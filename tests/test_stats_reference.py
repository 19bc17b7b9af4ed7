"""The chapter statistics written out by hand agree with a maintained statistics library.

Chapter 6 writes its Kaplan–Meier retention curve and its churn-driver logistic regression in a
few lines of numpy, because those lines are the lesson.  statsmodels is the reference they are
checked against, on the synthetic world: the same survival curve (with late entry: customers won
before the data begins enter at the tenure they had then) and, without a penalty, the same
coefficients and standard errors as ``statsmodels.Logit``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.duration.survfunc import SurvfuncRight

import casekit as ck
from casekit import retention as R

DAYS_PER_MONTH = 365.25 / 12


@pytest.fixture(scope="module")
def world():
    return ck.world(seed=3, n_customers=1500)


def test_the_retention_curve_is_statsmodels_kaplan_meier(world):
    c = world.customers
    start, asof = ck.core.world.period_start(world), ck.core.world.asof_of(world)
    curve = R.retention_curve(c, start=start, asof=asof)
    first = c["first_purchase"].to_numpy("datetime64[D]")
    stop = np.where(c["churned"].to_numpy(bool), c["churn_date"].to_numpy("datetime64[D]"),
                    np.datetime64(asof.date(), "D"))
    entry = np.maximum((np.datetime64(start.date(), "D") - first).astype("int64"), 0) / DAYS_PER_MONTH
    exit_ = (stop - first).astype("int64") / DAYS_PER_MONTH
    keep = exit_ > entry
    sf = SurvfuncRight(exit_[keep], c["churned"].to_numpy(bool)[keep].astype(float),
                       entry=entry[keep])
    k = np.searchsorted(sf.surv_times, curve["month"].to_numpy(float), "right")
    expected = np.where(k > 0, sf.surv_prob[np.maximum(k - 1, 0)], 1.0)
    assert len(curve) > 12 and curve["retention"].iloc[-1] < 1
    np.testing.assert_allclose(curve["retention"].to_numpy(), expected, rtol=0, atol=1e-12)


def test_the_churn_regression_is_statsmodels_logit(world):
    signals = R.customer_signals(world)
    ours = R.logistic_weights(signals, l2=0.0)
    feats = [f for f in ours.index if f != "intercept"]
    X = sm.add_constant(signals[feats].to_numpy(float))
    ref = sm.Logit(signals["churned"].to_numpy(float), X).fit(disp=0, method="newton", maxiter=100)
    np.testing.assert_allclose(ours["coefficient"], ref.params, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(ours["std_error"], ref.bse, rtol=1e-6)
    np.testing.assert_allclose(ours["p_value"], ref.pvalues, rtol=1e-5, atol=1e-12)
    assert (ours["p_value"] < 0.05).any() and (ours["p_value"] > 0.05).any(), \
        "the world should hold both signals that matter and signals the data cannot tell from chance"


def test_the_penalty_shrinks_coefficients_and_their_standard_errors(world):
    signals = R.customer_signals(world)
    free, ridge = R.logistic_weights(signals, l2=0.0), R.logistic_weights(signals, l2=10.0)
    body = free.index != "intercept"
    assert (ridge["std_error"][body] < free["std_error"][body]).all()
    assert np.abs(ridge["coefficient"][body]).sum() < np.abs(free["coefficient"][body]).sum()
    assert list(ridge.columns) == ["coefficient", "odds_ratio", "std_error", "p_value"]
    assert pd.api.types.is_float_dtype(ridge["p_value"]) and ridge["p_value"].between(0, 1).all()
