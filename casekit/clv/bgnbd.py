"""The BG/NBD model of repeat buying and customer "death" (Fader, Hardie & Lee 2005).

While alive, a customer buys at rate λ (Poisson); after each purchase they drop out with
probability p (a coin toss, "beta-geometric").  Across customers λ ~ Gamma(r, α) and
p ~ Beta(a, b).  From a customer's frequency ``x``, recency ``t_x`` and age ``T`` alone the model
answers: is this customer still alive (客户是否仍然活跃)? how many purchases next? how many for a
customer not yet acquired?

Likelihood of one customer (FHL 2005, eq. 6), with ``δ = 1`` when ``x > 0``::

    L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / Γ(r) · [ (α+T)^-(r+x) + δ · a/(b+x−1) · (α+t_x)^-(r+x) ]

It is maximised over the log of the four parameters with L-BFGS-B and the analytic gradient;
standard errors come from the inverse of the Hessian of −log L (forward differences of the
analytic gradient) at the optimum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.checks import DateOption, Flag, Interval, validated  # noqa: F401
from ..validate import require_frame, require_number
from .._lazy import lazy

optimize, special = lazy("scipy.optimize"), lazy("scipy.special")  # imported when a model is fitted

PARAMS = ("r", "alpha", "a", "b")


def _dot(a, b) -> float:
    """Σ a·b without BLAS: OpenBLAS threads spinning between many small calls cost more CPU than
    they save (10× on two cores), and einsum's own loop is as fast on one."""
    return float(np.einsum("i,i->", a, b))


def _repeat_purchases(frame, *, what, frequency) -> np.ndarray:
    """The frequency column as floats, checked to hold whole numbers of repeat purchases ≥ 0."""
    x = frame[frequency].to_numpy(dtype="float64")
    if (x < 0).any() or (x != np.round(x)).any():
        i = int(np.flatnonzero((x < 0) | (x != np.round(x)))[0])
        raise ValueError(f"{what}: column {frequency!r} must hold whole numbers of repeat "
                         f"purchases (0 or more); got {x[i]:g} in row {frame.index[i]!r}")
    return x


def _arrays(frame, *, what, frequency, recency, T):
    require_frame(frame, {frequency: "numeric", recency: "numeric", T: "numeric"}, what=what)
    x = _repeat_purchases(frame, what=what, frequency=frequency)
    tx = frame[recency].to_numpy(dtype="float64")
    tt = frame[T].to_numpy(dtype="float64")
    if (tx < 0).any():
        i = int(np.flatnonzero(tx < 0)[0])
        raise ValueError(f"{what}: column {recency!r} holds a negative time ({tx[i]:g} in row "
                         f"{frame.index[i]!r}); expected time from first to last purchase, ≥ 0")
    bad = tx > tt * (1 + 1e-9) + 1e-9
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{what}: {T!r} < {recency!r} in row {frame.index[i]!r} (T={tt[i]:g}, "
                         f"recency={tx[i]:g}); T (time since the first purchase) can never be "
                         "shorter than recency (first to last purchase)")
    zero = (x == 0) & (tx > 0)
    if zero.any():
        i = int(np.flatnonzero(zero)[0])
        raise ValueError(f"{what}: row {frame.index[i]!r} has {frequency!r} = 0 but {recency!r} = "
                         f"{tx[i]:g}; a customer without repeat purchases has recency 0")
    return x, tx, tt


class _Data:
    """The inputs, compressed, with the x-dependent special functions computed per distinct x.

    Customers without a repeat purchase differ only in T, so they are kept once per distinct T
    with a weight; repeat buyers are kept one by one.
    """

    def __init__(self, x, tx, tt):
        self.n = float(len(x))
        zero = x == 0
        self.T0, self.w0 = np.unique(tt[zero], return_counts=True)
        self.w0 = self.w0.astype("float64")
        xp = x[~zero]
        xi = xp.astype("int64")                  # whole numbers (checked): count, no sort
        cnt = np.bincount(xi)
        self.ux = np.flatnonzero(cnt)
        lookup = np.zeros(len(cnt), dtype="int64")
        lookup[self.ux] = np.arange(len(self.ux))
        self.ix = lookup[xi]
        self.cx = cnt[self.ux].astype("float64")  # repeat buyers per distinct x (> 0)
        self.ux = self.ux.astype("float64")
        self.xp, self.txp, self.Tp = xp, tx[~zero], tt[~zero]
        self.n0 = float(self.w0.sum())

    def terms(self, theta, grad=True):
        """Total log-likelihood and its gradient with respect to the log-parameters."""
        r, al, a, b = np.exp(theta)
        n, ux, cx = self.n, self.ux, self.cx
        # parts that depend on x only (x = 0 contributes gammaln(r) - gammaln(r) etc. = 0)
        ll = _dot(cx, special.gammaln(r + ux) + special.gammaln(b + ux)
                  - special.gammaln(a + b + ux))
        ll += n * (r * np.log(al) + special.gammaln(a + b) - special.gammaln(b))
        ll += -n * special.gammaln(r) + self.n0 * (special.gammaln(r) + special.gammaln(b)
                                                   - special.gammaln(a + b))
        # one-time buyers: L = (α+T)^-r · [B(a,b)/B(a,b) = 1]
        la_T0 = np.log(al + self.T0)
        ll -= r * _dot(self.w0, la_T0)
        # repeat buyers: A3 = -(r+x) log(α+T), A4 = log a - log(b+x-1) - (r+x) log(α+t_x)
        rx = r + self.xp
        la_T = np.log(al + self.Tp)
        la_t = np.log(al + self.txp)
        lbx = np.log(b + ux - 1)[self.ix]
        d = np.log(a) - lbx + rx * (la_T - la_t)
        # log(e^A3 + e^A4) = A3 + softplus(d); with t = tanh(d/2): the weight of the A4 term
        # is sigmoid(d) = (1+t)/2 and softplus(d) = max(d, 0) − log((1+|t|)/2).  (tanh is several
        # times faster than exp of negative numbers or logaddexp, and as accurate here.)
        t = np.tanh(0.5 * d)
        ll += -_dot(rx, la_T) + float(np.maximum(d, 0.0).sum() - np.log(0.5 + 0.5 * np.abs(t)).sum())
        if not grad:
            return ll, None
        w4 = 0.5 + 0.5 * t
        w3 = 0.5 - 0.5 * t
        dr = _dot(cx, special.digamma(r + ux)) + n * (np.log(al) - special.digamma(r)) \
            + self.n0 * special.digamma(r) - _dot(self.w0, la_T0) \
            - _dot(w3, la_T) - _dot(w4, la_t)
        dal = n * r / al - r * _dot(self.w0, (1.0 / (al + self.T0))) \
            - _dot(w3, (rx / (al + self.Tp))) - _dot(w4, (rx / (al + self.txp)))
        dig_ab = special.digamma(a + b)
        dab = (n - self.n0) * dig_ab - _dot(cx, special.digamma(a + b + ux))
        da = dab + float(w4.sum()) / a
        w4x = np.bincount(self.ix, weights=w4, minlength=len(ux))
        db = dab + _dot(cx, special.digamma(b + ux)) - (n - self.n0) * special.digamma(b) \
            - _dot(w4x, (1.0 / (b + ux - 1)))
        g = np.array([dr * r, dal * al, da * a, db * b])
        return ll, g


@dataclass(frozen=True)
class BGNBD:
    """A fitted BG/NBD model: its parameters, their standard errors, the log-likelihood.

    Time is in the unit of the summary it was fitted on (weeks by default).  Methods take a frame
    with ``frequency``, ``recency`` and ``T`` columns (a :func:`casekit.clv.summary`) and return a
    Series on its index.
    """

    r: float
    alpha: float
    a: float
    b: float
    se: tuple  #: standard errors of (r, alpha, a, b)
    loglik: float
    n_customers: int
    converged: bool
    iterations: int

    @property
    def params(self) -> pd.Series:
        """The parameters as a Series (r, alpha, a, b)."""
        return pd.Series([self.r, self.alpha, self.a, self.b], index=list(PARAMS), name="estimate")

    def table(self) -> pd.DataFrame:
        """Parameters with standard errors, as a small table."""
        return pd.DataFrame({"estimate": self.params, "std_error": list(self.se)})

    def _xs(self, frame, what, frequency, recency, T):
        return _arrays(frame, what=what, frequency=frequency, recency=recency, T=T)

    def p_alive(self, frame, *, frequency="frequency", recency="recency", T="T") -> pd.Series:
        """P(alive): the probability that a customer has not dropped out by ``T`` (FHL eq. 13).

        ``P = 1 / (1 + δ · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))``, δ = 1 if x > 0.  A customer who
        never bought again is alive for sure (they can only drop out right after a purchase).

        Examples
        --------
        >>> m = BGNBD(r=1.0, alpha=1.0, a=1.0, b=2.0, se=(0, 0, 0, 0), loglik=0.0,
        ...           n_customers=3, converged=True, iterations=0)
        >>> f = pd.DataFrame({"frequency": [0, 1, 1], "recency": [0.0, 1.0, 3.0], "T": [3.0] * 3})
        >>> m.p_alive(f).round(4).tolist()   # 1;  1/(1 + 1/2·(4/2)²) = 1/3;  1/(1 + 1/2) = 2/3
        [1.0, 0.3333, 0.6667]
        """
        x, tx, tt = self._xs(frame, "BGNBD.p_alive", frequency, recency, T)
        odds = np.zeros_like(x)
        p = x > 0
        odds[p] = self.a / (self.b + x[p] - 1) * np.exp(
            (self.r + x[p]) * (np.log(self.alpha + tt[p]) - np.log(self.alpha + tx[p])))
        return pd.Series(1.0 / (1.0 + odds), index=frame.index, name="p_alive")

    def expected_purchases(self, frame, *, t, frequency="frequency", recency="recency", T="T"
                           ) -> pd.Series:
        """Expected purchases in the next ``t`` time units, given a customer's history (FHL eq. 10).

        ``E[Y(t)] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1;
        t/(α+T+t))] · P(alive)``.

        Examples
        --------
        A customer with no repeat purchase, just acquired (T = 0), is a new customer:

        >>> m = BGNBD(r=1.0, alpha=2.0, a=2.0, b=3.0, se=(0, 0, 0, 0), loglik=0.0,
        ...           n_customers=1, converged=True, iterations=0)
        >>> f = pd.DataFrame({"frequency": [0], "recency": [0.0], "T": [0.0]})
        >>> round(float(m.expected_purchases(f, t=4.0).iloc[0]), 6) == round(m.expected_new(4.0), 6)
        True
        """
        require_number(t, what="BGNBD.expected_purchases", name="t", low=0.0)
        x, tx, tt = self._xs(frame, "BGNBD.expected_purchases", frequency, recency, T)
        return pd.Series(self._conditional(x, tx, tt, float(t)), index=frame.index,
                         name="expected_purchases")

    def _conditional(self, x, tx, tt, t):
        r, al, a, b = self.r, self.alpha, self.a, self.b
        a = a if abs(a - 1) > 1e-7 else 1 + 1e-7  # a = 1 is a removable singularity
        z = t / (al + tt + t)
        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
        ratio = np.exp((r + x) * (np.log(al + tt) - np.log(al + tt + t)))
        first = (a + b + x - 1) / (a - 1) * (1 - ratio * hyp)
        odds = np.zeros_like(x)
        p = x > 0
        odds[p] = a / (b + x[p] - 1) * np.exp(
            (r + x[p]) * (np.log(al + tt[p]) - np.log(al + tx[p])))
        return first / (1 + odds)

    def expected_new(self, t):
        """Expected purchases of a new customer in their first ``t`` time units (FHL eq. 9).

        ``E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))]``; ``t`` may be
        a number or an array.

        Examples
        --------
        >>> m = BGNBD(r=1.0, alpha=1.0, a=1.0, b=1e9, se=(0, 0, 0, 0), loglik=0.0,
        ...           n_customers=1, converged=True, iterations=0)
        >>> round(m.expected_new(5.0), 4)        # b huge: nobody drops out, so E = r·t/α = 5
        5.0
        """
        t = np.asarray(t, dtype="float64")
        if not np.all(np.isfinite(t)) or np.any(t < 0):
            raise ValueError(f"BGNBD.expected_new: t must hold times of 0 or more, got {t!r}")
        r, al, a, b = self.r, self.alpha, self.a, self.b
        a = a if abs(a - 1) > 1e-7 else 1 + 1e-7
        if b > 1e6:  # the limit of no drop-out: a Poisson-gamma (NBD) customer
            e = r * t / al
        else:
            e = (a + b - 1) / (a - 1) * (
                1 - (al / (al + t)) ** r * special.hyp2f1(r, b, a + b - 1, t / (al + t)))
        return float(e) if e.ndim == 0 else e

    def loglik_of(self, frame, *, frequency="frequency", recency="recency", T="T") -> float:
        """Total log-likelihood of ``frame`` under these parameters."""
        x, tx, tt = _arrays(frame, what="BGNBD.loglik_of", frequency=frequency, recency=recency, T=T)
        return _Data(x, tx, tt).terms(np.log([self.r, self.alpha, self.a, self.b]), grad=False)[0]


@validated(
    frames={"frame": {"{frequency}": "numeric", "{recency}": "numeric", "{T}": "numeric"}},
    options={"tol": Interval(0, 1), "max_iter": Interval(1, None, integer=True)},
    keys={"frame": "customer_id"},
)
def fit_bgnbd(frame: pd.DataFrame, *, frequency="frequency", recency="recency", T="T",
              start=(1.0, 3.0, 1.0, 3.0), tol=1e-10, max_iter=500) -> BGNBD:
    """Fit the BG/NBD model by maximum likelihood.

    ``frame`` holds one row per customer with the repeat-purchase count ``frequency`` (x),
    ``recency`` (t_x, first to last purchase) and ``T`` (first purchase to the end), all in one
    time unit (a :func:`casekit.clv.summary`).  The optimiser is L-BFGS-B over the logs of
    (r, α, a, b) with the analytic gradient, started at ``start`` (BTYD's default (1, 3, 1, 3)).

    Parameters
    ----------
    frame : DataFrame
        The per-customer frame to read.
    frequency : str, default 'frequency'
        Column of the number of repeat purchases.
    recency : str, default 'recency'
        Column of the time of the last purchase since the first.
    T : str, default 'T'
        Column of the time since the first purchase.
    start : date, optional
        First day of the period (default ``None``: from the data).
    tol : float, default 1e-10
        Convergence tolerance of the fit.
    max_iter : int, default 500
        Most iterations of the fit.

    Returns
    -------
    BGNBD
        Fit the BG/NBD model by maximum likelihood.

    Examples
    --------
    >>> f = pd.DataFrame({"frequency": [0, 1, 2, 4, 0, 3, 1, 0],
    ...                   "recency": [0.0, 5.0, 20.0, 30.0, 0.0, 12.0, 30.0, 0.0],
    ...                   "T": [38.0, 38.0, 35.0, 33.0, 30.0, 36.0, 37.0, 32.0]})
    >>> m = fit_bgnbd(f)
    >>> m.converged, m.n_customers
    (True, 8)
    """
    what = "clv.fit_bgnbd"
    x, tx, tt = _arrays(frame, what=what, frequency=frequency, recency=recency, T=T)
    if (tt <= 0).all():
        raise ValueError(f"{what}: every customer has T = 0; expected customers observed for "
                         "some time after their first purchase")
    if not (x > 0).any():
        raise ValueError(f"{what}: no customer made a repeat purchase (column {frequency!r} is all "
                         "0); the model needs repeat buyers to learn how often people buy")
    start = np.asarray(start, dtype="float64")
    if start.shape != (4,) or not np.all(start > 0):
        raise ValueError(f"{what}: start must be four positive numbers (r, alpha, a, b); got {start!r}")
    data = _Data(x, tx, tt)
    n = data.n

    def f(theta):
        ll, g = data.terms(theta)
        return -ll / n, -g / n

    bounds = [(-12.0, 12.0)] * 4
    res = optimize.minimize(f, np.log(start), jac=True, method="L-BFGS-B", bounds=bounds,
                            options={"ftol": tol, "gtol": 1e-9, "maxiter": max_iter})
    theta = res.x
    ll = data.terms(theta, grad=False)[0]
    se = _std_errors(data, theta)
    r, al, a, b = np.exp(theta)
    return BGNBD(r=float(r), alpha=float(al), a=float(a), b=float(b), se=tuple(se),
                 loglik=float(ll), n_customers=int(len(x)), converged=bool(res.success),
                 iterations=int(res.nit))


def _std_errors(data, theta):
    """Standard errors in natural units: sqrt(diag(H⁻¹)), H = Hessian of −log L in the params."""
    p = np.exp(theta)
    k = len(p)
    H = np.empty((k, k))
    g = -data.terms(theta)[1]  # gradient of −log L in the log-parameters
    h = 1e-6
    for j in range(k):  # forward differences of the exact gradient: k more evaluations
        up = theta.copy()
        up[j] += h
        H[:, j] = (-data.terms(up)[1] - g) / h
    H = (H + H.T) / 2
    # from log-parameters to natural ones: g_log = p · g, so H_nat = D⁻¹ (H_log − diag(g_log)) D⁻¹
    Hn = (H - np.diag(g)) / np.outer(p, p)
    try:
        cov = np.linalg.inv(Hn)
        var = np.diag(cov)
    except np.linalg.LinAlgError:
        return [float("nan")] * k
    return [float(np.sqrt(v)) if v > 0 else float("nan") for v in var]
