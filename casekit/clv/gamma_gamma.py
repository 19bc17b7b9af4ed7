"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005; Fader & Hardie 2013).

Each purchase of a customer is worth z ~ Gamma(p, ν); the customer's scale ν varies across
customers as Gamma(q, γ).  So a customer's mean spend E[Z] = p/ν and, across customers, the mean
spend is p·γ/(q−1).  Seen through x repeat purchases with mean m_x, the density of m_x is::

    f(m_x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · m_x^(px−1) · x^(px) / (γ + m_x·x)^(px+q)

and the expected spend of a customer (客户的预期客单价) is a weighted average of the population mean
and their own mean, weighted by how much we have seen of them::

    E[M | x, m_x] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m_x

The model assumes spend per purchase does not depend on how often a customer buys: check it with
:func:`spend_independence` before multiplying the two models together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import DateOption, Flag, Interval, validated  # noqa: F401
from ..validate import require_frame
from ..i18n import N_
from .bgnbd import _dot, _repeat_purchases
from .._lazy import lazy

optimize, special = lazy("scipy.optimize"), lazy("scipy.special")  # imported when a model is fitted

PARAMS = ("p", "q", "gamma")


def _arrays(frame, *, what, frequency, monetary, repeat_only=True):
    require_frame(frame, {frequency: "numeric", monetary: "numeric"}, what=what)
    x = _repeat_purchases(frame, what=what, frequency=frequency)
    m = frame[monetary].to_numpy(dtype="float64")
    if (m < 0).any():
        i = int(np.flatnonzero(m < 0)[0])
        raise ValueError(f"{what}: column {monetary!r} holds a negative spend ({m[i]:g} in row "
                         f"{frame.index[i]!r}); expected the mean value of repeat purchases, ≥ 0")
    zero = (x > 0) & (m <= 0)
    if repeat_only and zero.any():
        i = int(np.flatnonzero(zero)[0])
        raise ValueError(f"{what}: row {frame.index[i]!r} has repeat purchases but {monetary!r} = "
                         f"{m[i]:g}; the Gamma-Gamma model needs a positive mean spend")
    return x, m


class _Data:
    """Repeat buyers' (x, m_x) with the sums that do not depend on the parameters precomputed.

    The special functions depend on x alone, so they are computed once per distinct x; per
    evaluation only log(γ + m_x·x) and one division run over all customers.
    """

    def __init__(self, x, m):
        self.x, self.m = x, m
        self.mx = m * x
        self.ux, cnt = np.unique(x, return_counts=True)
        self.cx = cnt.astype("float64")
        lm, lx = np.log(m), np.log(x)
        self.s_xlm = _dot(x, lm)
        self.s_lm = float(lm.sum())
        self.s_xlx = _dot(x, lx)
        self.s_x = float(x.sum())
        self.n = float(len(x))

    def terms(self, theta, grad=True):
        p, q, g = np.exp(theta)
        ux, cx, n = self.ux, self.cx, self.n
        pu = p * ux
        lg = np.log(g + self.mx)
        s_lg, s_xlg = float(lg.sum()), _dot(self.x, lg)
        ll = (_dot(cx, special.gammaln(pu + q) - special.gammaln(pu))
              - n * special.gammaln(q) + n * q * np.log(g)
              + p * self.s_xlm - self.s_lm + p * self.s_xlx - p * s_xlg - q * s_lg)
        if not grad:
            return float(ll), None
        dpq = special.digamma(pu + q)
        dp = _dot(cx * ux, dpq - special.digamma(pu)) + self.s_xlm + self.s_xlx - s_xlg
        dq = _dot(cx, dpq) - n * special.digamma(q) + n * np.log(g) - s_lg
        inv = 1.0 / (g + self.mx)
        dg = n * q / g - p * _dot(self.x, inv) - q * float(inv.sum())
        return float(ll), np.array([dp * p, dq * q, dg * g])


def _loglik(theta, x, m, grad=True):
    """Total log-likelihood of repeat buyers (x, m_x) and its gradient in log-parameters."""
    return _Data(x, m).terms(theta, grad=grad)


@dataclass(frozen=True)
class GammaGamma:
    """A fitted Gamma-Gamma spend model: (p, q, γ), standard errors, log-likelihood."""

    p: float
    q: float
    gamma: float
    se: tuple  #: standard errors of (p, q, gamma)
    loglik: float
    n_customers: int  #: the repeat buyers it was fitted on
    converged: bool

    @property
    def params(self) -> pd.Series:
        """The parameters as a Series (p, q, gamma)."""
        return pd.Series([self.p, self.q, self.gamma], index=list(PARAMS), name="estimate")

    def table(self) -> pd.DataFrame:
        """Parameters with standard errors, as a small table."""
        return pd.DataFrame({"estimate": self.params, "std_error": list(self.se)})

    @property
    def mean_spend(self) -> float:
        """Mean spend per purchase across customers, p·γ/(q−1) (infinite when q ≤ 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("inf")

    def expected_spend(self, frame, *, frequency="frequency", monetary="monetary") -> pd.Series:
        """Expected spend per future purchase of each customer, E[M | x, m_x].

        A customer without repeat purchases gets the population mean p·γ/(q−1).

        Examples
        --------
        p = 2, q = 3, γ = 10: the population mean is 2·10/2 = 10.  A customer with 2 purchases at
        mean 40: weight on their own mean = 4/(4+2) = 2/3, so 1/3·10 + 2/3·40 = 30.

        >>> gg = GammaGamma(p=2.0, q=3.0, gamma=10.0, se=(0, 0, 0), loglik=0.0, n_customers=1,
        ...                 converged=True)
        >>> f = pd.DataFrame({"frequency": [0, 2], "monetary": [0.0, 40.0]})
        >>> gg.expected_spend(f).tolist()
        [10.0, 30.0]
        """
        x, m = _arrays(frame, what="GammaGamma.expected_spend", frequency=frequency,
                       monetary=monetary, repeat_only=False)
        if self.q <= 1:
            raise ValueError(f"GammaGamma.expected_spend: q = {self.q:g} ≤ 1 gives no finite mean "
                             "spend; the model does not fit these data")
        px = self.p * x
        w = px / (px + self.q - 1)
        e = (1 - w) * self.mean_spend + w * m
        return pd.Series(e, index=frame.index, name="expected_spend")


@validated(
    frames={"frame": {"{frequency}": "numeric", "{monetary}": "numeric"}},
    options={"tol": Interval(0, 1), "max_iter": Interval(1, None, integer=True)},
    keys={"frame": "customer_id"},
)
def fit_gamma_gamma(frame: pd.DataFrame, *, frequency="frequency", monetary="monetary",
                    start=(1.0, 1.0, 1.0), tol=1e-12, max_iter=500) -> GammaGamma:
    """Fit the Gamma-Gamma spend model by maximum likelihood on the repeat buyers of ``frame``.

    ``frequency`` is the number of repeat purchases x, ``monetary`` their mean value m_x (as in
    :func:`casekit.clv.summary`); customers with x = 0 are left out.  L-BFGS-B over log(p, q, γ)
    with the analytic gradient.

    Parameters
    ----------
    frame : DataFrame
        The per-customer frame to read.
    frequency : str, default 'frequency'
        Column of the number of repeat purchases.
    monetary : str, default 'monetary'
        Column of the mean spend per repeat purchase.
    start : date, optional
        First day of the period (default ``None``: from the data).
    tol : float, default 1e-12
        Convergence tolerance of the fit.
    max_iter : int, default 500
        Most iterations of the fit.

    Returns
    -------
    GammaGamma
        Fit the Gamma-Gamma spend model by maximum likelihood on the repeat buyers of ``frame``.

    Examples
    --------
    >>> f = pd.DataFrame({"frequency": [1, 2, 3, 1, 4, 0, 2],
    ...                   "monetary": [20.0, 35.0, 15.0, 60.0, 25.0, 0.0, 30.0]})
    >>> gg = fit_gamma_gamma(f)
    >>> gg.n_customers, gg.converged
    (6, True)
    """
    what = "clv.fit_gamma_gamma"
    x, m = _arrays(frame, what=what, frequency=frequency, monetary=monetary)
    keep = x > 0
    if not keep.any():
        raise ValueError(f"{what}: no customer made a repeat purchase (column {frequency!r} is all "
                         "0); spend per purchase is learnt from repeat buyers")
    x, m = x[keep], m[keep]
    n = len(x)
    data = _Data(x, m)

    def f(theta):
        ll, g = data.terms(theta)
        return -ll / n, -g / n

    res = optimize.minimize(f, np.log(np.asarray(start, dtype="float64")), jac=True,
                            method="L-BFGS-B", bounds=[(-12.0, 12.0)] * 3,
                            options={"ftol": tol, "gtol": 1e-10, "maxiter": max_iter})
    theta = res.x
    ll = data.terms(theta, grad=False)[0]
    p = np.exp(theta)
    H = np.empty((3, 3))
    for j in range(3):
        up, dn = theta.copy(), theta.copy()
        up[j] += 1e-5
        dn[j] -= 1e-5
        H[:, j] = -(data.terms(up)[1] - data.terms(dn)[1]) / 2e-5
    H = (H + H.T) / 2
    Hn = (H + np.diag(data.terms(theta)[1])) / np.outer(p, p)
    try:
        var = np.diag(np.linalg.inv(Hn))
        se = tuple(float(np.sqrt(v)) if v > 0 else float("nan") for v in var)
    except np.linalg.LinAlgError:
        se = (float("nan"),) * 3
    return GammaGamma(p=float(p[0]), q=float(p[1]), gamma=float(p[2]), se=se, loglik=float(ll),
                      n_customers=int(n), converged=bool(res.success))


@validated(
    frames={"frame": {"{frequency}": "numeric", "{monetary}": "numeric"}},
    keys={"frame": "customer_id"},
)
def spend_independence(frame: pd.DataFrame, *, frequency="frequency", monetary="monetary"
                       ) -> pd.Series:
    """How strongly spend per purchase goes with purchase frequency, among repeat buyers.

    Returns ``pearson`` and ``spearman`` correlations of x and m_x and ``n`` (repeat buyers).  The
    Gamma-Gamma model assumes none; Fader, Hardie & Lee report 0.11 on CDNOW and call that weak
    enough.

    Parameters
    ----------
    frame : DataFrame
        The per-customer frame to read.
    frequency : str, default 'frequency'
        Column of the number of repeat purchases.
    monetary : str, default 'monetary'
        Column of the mean spend per repeat purchase.

    Returns
    -------
    Series
        How strongly spend per purchase goes with purchase frequency, among repeat buyers.

    Examples
    --------
    >>> f = pd.DataFrame({"frequency": [1, 2, 3, 4, 0], "monetary": [10.0, 20.0, 30.0, 40.0, 0.0]})
    >>> spend_independence(f)[["pearson", "spearman"]].tolist()
    [1.0, 1.0]
    """
    x, m = _arrays(frame, what="clv.spend_independence", frequency=frequency, monetary=monetary)
    keep = x > 0
    if keep.sum() < 3:
        raise ValueError("clv.spend_independence: fewer than 3 repeat buyers; a correlation needs "
                         "at least 3")
    x, m = x[keep], m[keep]
    pear = float(np.corrcoef(x, m)[0, 1])
    rx = pd.Series(x).rank().to_numpy()
    rm = pd.Series(m).rank().to_numpy()
    spear = float(np.corrcoef(rx, rm)[0, 1])
    return pd.Series({"pearson": pear, "spearman": spear, "n": float(len(x))}, name="independence")


# the correlations' names, said in the course's language where a table shows them
_LABELS = (N_("pearson"), N_("spearman"))
