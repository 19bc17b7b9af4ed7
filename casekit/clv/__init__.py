"""Lifetime value the way the field computes it: BG/NBD, Gamma-Gamma and discounted margin.

Three questions, three pieces (Fader, Hardie & Lee 2005):

* **Who is still a customer, and how much will they buy?** — :func:`fit_bgnbd` (the BG/NBD model
  of repeat buying and drop-out): P(alive), expected purchases next, for a new customer;
* **How much will they spend per purchase?** — :func:`fit_gamma_gamma` (the Gamma-Gamma model),
  with :func:`spend_independence`, the check of its key assumption;
* **What are they worth?** — :func:`lifetime_value`, the kit's one lifetime-value definition
  (discounted expected margin) fed by the two models; :func:`casekit.tiering.clv` is its simple
  special case.

The models read the per-customer :func:`summary` of a transaction log (frequency, recency, T,
monetary with the field's conventions), :func:`calibration_holdout` splits a log in time to test
them, :func:`tracking` follows a cohort's cumulative repeat purchases against the model, and
:func:`customer_base` does all of it in one call.

Examples
--------
>>> import casekit as ck
>>> cd = ck.load("cdnow_sample")
>>> ch = calibration_holdout(cd, calibration_end="1997-09-30", holdout_end="1998-06-30",
...                          value="dollar_value")
>>> m = fit_bgnbd(ch, frequency="frequency_cal", recency="recency_cal", T="T_cal")
>>> [round(v, 3) for v in (m.r, m.alpha, m.a, m.b)], round(m.loglik, 1)
([0.243, 4.414, 0.793, 2.426], -9582.4)
"""

from .base import CustomerBase, customer_base, ranking_table
from .bgnbd import BGNBD, fit_bgnbd
from .gamma_gamma import GammaGamma, fit_gamma_gamma, spend_independence
from .summary import calibration_holdout, summary
from .tracking import tracking
from .value import discounted_value, expected_by_period, lifetime_value

__all__ = ["BGNBD", "CustomerBase", "GammaGamma", "customer_base", "ranking_table", "calibration_holdout", "discounted_value", "expected_by_period",
           "fit_bgnbd", "fit_gamma_gamma", "lifetime_value", "spend_independence", "summary",
           "tracking"]
