"""A synthetic B2B customer base that teaches: ``make_world(seed, n_customers)``.

The generator turns the syllabus into data that students can *discover*.  Every world, whatever its
seed or size, shows the lessons listed in :data:`casekit.lessons.LESSONS` (and in
``datasets/README.md``): revenue concentrated in few customers, some of the biggest customers
unprofitable, loyal customers the most profitable per unit of revenue, small fast growers, lead
channels with different economics, the MAN rule, complaint causes in a Pareto pattern, fast handling
keeping customers, churn following a key contact leaving, and more.  Each lesson is a property test
over many seeds and two sizes in ``tests/test_lessons.py``.

Everything is vectorised with numpy, and each column is made once, in the order of its table: a
million customers and their eleven million orders build in seconds, within 2 GB of memory, and the
time and memory grow in proportion to the number of customers (``benchmarks/bench_world.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from . import schema, terms
from .validate import require_number

START = pd.Timestamp("2023-01-01")
ASOF = pd.Timestamp("2025-12-31")
N_DAYS = (ASOF - START).days + 1  # 1096 days of data
YEARS = (2023, 2024, 2025)

# Prospecting methods present in the data, with their economics:
# (cost per lead, share of leads with need, with money, with authority, base win rate,
#  mean days to close, first-year value multiplier, share of leads)
_CHANNELS = {
    "door-to-door visits":          (260, 0.55, 0.55, 0.45, 0.40, 55, 0.9, 0.08),
    "advertising search":           (120, 0.45, 0.60, 0.35, 0.30, 50, 0.8, 0.14),
    "chain referral":               (90, 0.85, 0.75, 0.65, 0.60, 32, 1.2, 0.10),
    "records lookup":               (40, 0.40, 0.55, 0.30, 0.25, 60, 0.8, 0.10),
    "notable-person introduction":  (350, 0.80, 0.85, 0.80, 0.65, 28, 1.8, 0.03),
    "meetings":                     (300, 0.70, 0.70, 0.55, 0.45, 45, 1.3, 0.09),
    "telephone":                    (55, 0.35, 0.50, 0.30, 0.25, 48, 0.7, 0.16),
    "direct mail":                  (70, 0.30, 0.50, 0.25, 0.20, 58, 0.7, 0.08),
    "agents":                       (220, 0.60, 0.70, 0.55, 0.45, 40, 1.1, 0.07),
    "competitors' customers":       (400, 0.75, 0.80, 0.60, 0.32, 75, 1.5, 0.05),
    "partner referral":             (110, 0.80, 0.75, 0.65, 0.55, 35, 1.2, 0.06),
    "clubs":                        (180, 0.55, 0.80, 0.55, 0.40, 52, 1.0, 0.04),
}

_CHANNEL_CODES = np.array([terms.english(terms.PROSPECTING_METHODS).index(k) for k in _CHANNELS])

_SEGMENT_P = np.array([0.30, 0.20, 0.22, 0.13, 0.15])
# How well our offer fits each segment (门当户对): shifts the delivered-value survey.
_SEGMENT_FIT = np.array([6.0, 4.0, 0.0, -5.0, -1.0])
_PRODUCT_MARGIN = np.array([0.34, 0.48, 0.55, 0.62])  # gross margin at list price per product line
_PRODUCT_P = np.array([0.30, 0.40, 0.18, 0.12])
_COMPLAINT_P = np.array([0.36, 0.22, 0.12, 0.09, 0.08, 0.06, 0.04, 0.03])
_HOURLY_RATE = 85.0  # CNY per service hour


@dataclass(frozen=True)
class World:
    """A synthetic customer base: the datasets of one seed and size, plus how it was made."""

    customers: pd.DataFrame
    transactions: pd.DataFrame
    leads: pd.DataFrame
    complaints: pd.DataFrame
    accounts: pd.DataFrame
    perceptions: pd.DataFrame
    objections: pd.DataFrame
    seed: int = 0
    n_customers: int = 2000
    asof: pd.Timestamp = ASOF

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in schema.SCHEMA:
            raise ValueError(f"unknown dataset {name!r}; expected one of {list(schema.SCHEMA)}")
        return getattr(self, name)

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the datasets in this world."""
        return tuple(f.name for f in fields(self) if f.name in schema.SCHEMA)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(self[n]):,}" for n in self.names)
        return f"World(seed={self.seed}, n_customers={self.n_customers:,}: {sizes})"


def _cat(codes, vocab) -> pd.Categorical:
    """A categorical column straight from integer codes (fast for millions of rows)."""
    return pd.Categorical.from_codes(np.asarray(codes), categories=list(terms.english(vocab)))


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _choice(rng, p, size) -> np.ndarray:
    """``rng.choice(len(p), size, p=p)`` as small integer codes (``int8``): the same draws.

    numpy draws ``rng.random(size)`` and finds each in the cumulative ``p`` with a binary search;
    with a handful of categories, counting the edges each draw has passed is faster.
    """
    cdf = np.cumsum(np.asarray(p, dtype="float64"))
    cdf /= cdf[-1]
    u = rng.random(size)
    codes = np.zeros(size, dtype=np.int8)
    for edge in cdf[:-1]:  # searchsorted(cdf, u, "right"): the number of edges <= u
        codes += u >= edge
    return codes


def _dates(day_index) -> pd.Series:
    return pd.Series(_day_stamps(day_index), copy=False)


_START_US = int(START.to_datetime64().astype("datetime64[us]").astype("int64"))  # µs since 1970


def _day_stamps(day_index) -> np.ndarray:
    """Timestamps (the schema's ``datetime64[us]``) of day indexes, made without a timedelta pass."""
    us = np.asarray(day_index, dtype="int64") * 86_400_000_000
    us += _START_US
    return us.view("datetime64[us]")


def _frame(data, name: str, *, owned: bool = False, rounded: bool = False) -> pd.DataFrame:
    """The dataset ``name`` from a dict of columns or a DataFrame: schema order, dtypes, rounding.

    The same frame as :func:`casekit.schema.conform` returns, made without copying columns that
    already have their dtype (a million-customer world holds each column once).  ``owned`` says
    the float arrays of ``data`` are the generator's own, to be rounded in place; ``rounded``
    that they are rounded to the schema's decimals already (rounding twice changes no value).
    """
    out = {}
    for col in schema.columns(name):
        s = data[col.name]
        if isinstance(s, pd.Series):
            s = s.array if isinstance(s.dtype, pd.api.extensions.ExtensionDtype) else s.to_numpy()
        if col.decimals is not None and not rounded:
            inplace = owned and isinstance(s, np.ndarray) and s.dtype == "float64"
            s = np.round(np.asarray(s, dtype="float64"), col.decimals, out=s if inplace else None)
        elif col.dtype == "date":
            s = np.asarray(s)
            if s.dtype != schema.DATE_DTYPE:
                s = pd.to_datetime(s).astype(schema.DATE_DTYPE).to_numpy()
        elif not (isinstance(s, np.ndarray) and s.dtype == col.dtype):
            s = pd.array(s, dtype=schema.pandas_dtype(col), copy=False) \
                if col.dtype in ("category", "str", "Int64") \
                else np.asarray(s, dtype=col.dtype)
        out[col.name] = s
    return pd.DataFrame(out, copy=False)


def _seasonal_cdf() -> np.ndarray:
    """Cumulative order intensity over the days of the data period: a spring and a Q4 peak."""
    d = np.arange(N_DAYS)
    doy = (START + pd.to_timedelta(d, unit="D")).day_of_year.to_numpy()
    w = (1.0 + 0.25 * np.exp(-((doy - 80) / 25.0) ** 2) + 0.55 * np.exp(-((doy - 320) / 30.0) ** 2)
         - 0.35 * np.exp(-((doy - 35) / 12.0) ** 2))  # spring push, year-end peak, new-year lull
    cdf = np.concatenate([[0.0], np.cumsum(w)])
    return cdf / cdf[-1]


_BUCKETS = 1 << 16  # a power of two, so u * _BUCKETS is exact and its floor is the bucket


def _draw_days(rng, lo, hi, cdf, rows=None, counts=None) -> np.ndarray:
    """Draw one day in [lo, hi) per row, following the seasonal intensity (inverse CDF).

    ``lo`` and ``hi`` are day bounds per row, or per customer with ``rows`` the customer of each
    row, or with ``counts`` the number of rows of each customer (rows grouped by customer, the
    same as ``rows = np.repeat(np.arange(n), counts)``, read without an indexed gather).  The
    inverse CDF is the last day ``d`` with ``cdf[d] <= u`` (``searchsorted(cdf, u, "right") - 1``),
    found through a table of buckets of [0, 1]: each bucket knows the answer at its left edge,
    and the few draws that pass a day boundary inside their bucket step forward.  Same days as
    the binary search (and as ``rng.uniform(cdf[lo], cdf[hi])``), in linear time.
    """
    if counts is not None:
        take, size = (lambda a: np.repeat(a, counts)), int(np.sum(counts))
    elif rows is not None:
        take, size = (lambda a: a[rows]), len(rows)
    else:
        take, size = (lambda a: a), len(lo)
    u = rng.random(size)
    width = take(cdf[hi] - cdf[lo])
    u *= width  # uniform(low, high) = low + range * u
    u += take(cdf[lo])
    # start[b]: the day at the left edge of bucket b; u <= 1, so the table has one bucket more.
    edges = np.arange(_BUCKETS + 1) / _BUCKETS
    start = (np.searchsorted(cdf, edges, side="right") - 1).astype(np.int16)
    bucket = np.multiply(u, _BUCKETS, out=width).astype(np.int32)
    del width
    day = start[bucket]
    # Only a draw in a bucket holding a day boundary may lie past its bucket's start day.
    near = np.flatnonzero(np.append(start[1:] > start[:-1], False)[bucket])
    del bucket
    upper = np.append(cdf[1:], np.inf)  # upper[d]: the CDF at the end of day d
    step = near[upper[day[near]] <= u[near]]
    while step.size:
        day[step] += 1
        step = step[upper[day[step]] <= u[step]]
    del u
    # Never before lo (u >= cdf[lo]); a draw rounded up to cdf[hi] falls back into the last day.
    return np.minimum(day, take((hi - 1).astype(np.int16)), out=day)


def _pct_rank(x) -> np.ndarray:
    """``pd.Series(x).rank(pct=True)`` (ties share their average rank) of values without NaN."""
    x = np.asarray(x, dtype="float64")
    n = len(x)
    if n == 0 or np.isnan(x).any():
        return pd.Series(x).rank(pct=True).to_numpy()
    order = np.argsort(x)  # the order within ties does not matter: they share their rank
    xs = x[order]
    rank = np.arange(1, n + 1, dtype="float64")
    ties = np.flatnonzero(xs[1:] == xs[:-1])
    if ties.size:  # average rank of each run of equal values: (first + last) / 2
        start = np.flatnonzero(np.concatenate([[True], xs[1:] != xs[:-1]]))
        end = np.append(start[1:], n)
        rank = np.repeat((start + 1 + end) / 2.0, end - start)
    out = np.empty(n)
    out[order] = rank / n
    return out


def _score(x, rng, noise=0.35) -> np.ndarray:
    """A 1–5 score from a latent value: its rank with some noise, cut at quintiles."""
    z = (_pct_rank(x) - 0.5) + rng.normal(0, noise, len(x))
    q = _pct_rank(z)
    return np.clip(np.ceil(q * 5), 1, 5).astype("int64")


#: Peak memory of make_world: a fixed part (Python, numpy, pandas) and bytes per customer and lead,
#: measured with benchmarks/bench_world.py (a million customers peak at about 1.4 GiB) and rounded up.
_MEMORY_FIXED, _MEMORY_PER_CUSTOMER, _MEMORY_PER_LEAD = 150 * 2**20, 1350, 90


def memory_estimate(n_customers: int, *, leads_per_customer: float = 2.0) -> int:
    """Bytes of memory :func:`make_world` needs at its peak for ``n_customers`` customers.

    Examples
    --------
    >>> round(memory_estimate(1_000_000) / 2**30, 1)  # GiB
    1.6
    """
    return int(_MEMORY_FIXED + n_customers * (_MEMORY_PER_CUSTOMER
                                              + _MEMORY_PER_LEAD * leads_per_customer))


def _largest(free: int, leads_per_customer: float) -> int:
    """The most customers whose world fits in ``free`` bytes (rounded down to a thousand)."""
    per = _MEMORY_PER_CUSTOMER + _MEMORY_PER_LEAD * leads_per_customer
    return max(0, int((free - _MEMORY_FIXED) / per) // 1000 * 1000)


def _free_memory() -> int | None:
    """Bytes this process may still allocate: the smaller of the machine's available memory and
    the room left under a container (cgroup) limit; None where neither can be read."""
    limits = []
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    limits.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError):
        pass
    for limit, usage in (("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                         ("/sys/fs/cgroup/memory/memory.limit_in_bytes",
                          "/sys/fs/cgroup/memory/memory.usage_in_bytes")):
        try:
            with open(limit) as f, open(usage) as g:
                text = f.read().strip()
                if text != "max" and int(text) < 2**60:
                    limits.append(int(text) - int(g.read().strip()))
        except (OSError, ValueError):
            continue
    return min(limits) if limits else None


def make_world(seed: int = 0, n_customers: int = 2000, *, leads_per_customer: float = 2.0,
               survey_share: float = 0.25) -> World:
    """Build a synthetic customer base.

    Parameters
    ----------
    seed : int
        Random seed; the same seed and size give byte-identical data.
    n_customers : int
        Number of customers (at least 100).
    leads_per_customer : float
        Sales leads generated per customer over the period.
    survey_share : float
        Share of customers in the delivered-value survey (``perceptions``).

    Returns
    -------
    World
        The seven datasets, with the seed and size they were made from.

    Raises
    ------
    ValueError
        On a bad argument, or when the world would not fit in the memory free on this machine
        (the message gives the estimate, see :func:`memory_estimate`); the check is made before
        anything is built.

    Examples
    --------
    >>> w = make_world(seed=1, n_customers=300)
    >>> len(w.customers)
    300
    >>> tx = w.transactions
    >>> bool(((tx["list_value"] - tx["discount"]).round(2) == tx["revenue"]).all())
    True
    """
    require_number(seed, what="make_world", name="seed", low=0, integer=True)
    require_number(n_customers, what="make_world", name="n_customers", low=100, high=20_000_000,
                   integer=True)
    require_number(leads_per_customer, what="make_world", name="leads_per_customer", low=0.1, high=20)
    require_number(survey_share, what="make_world", name="survey_share", low=0.01, high=1)
    need, have = memory_estimate(n_customers, leads_per_customer=leads_per_customer), _free_memory()
    if have is not None and need > have:
        raise ValueError(
            f"make_world: a world of n_customers={n_customers:,} needs about {need / 2**30:.1f} GiB "
            f"of memory at its peak (about {memory_estimate(1_000_000) / 2**30:.1f} GiB per million "
            f"customers), but only {have / 2**30:.1f} GiB is free here; expected a size up to about "
            f"{_largest(have, leads_per_customer):,} customers")
    rng = np.random.default_rng([int(seed), 20251231])
    leads, cost_per_win = _leads(rng, int(round(leads_per_customer * n_customers)))
    c, latent = _customers(rng, n_customers, cost_per_win)
    complaints = _complaints(rng, c, latent)
    complaints = _churn(rng, c, latent, complaints)
    # The sums by customer read the generator's own arrays (the frame shares them): a frame's
    # columns are read-only, and np.bincount copies read-only input (two 88 MB copies at 1M).
    tx = _transactions(rng, c, latent)
    transactions = _frame(tx, "transactions", rounded=True)
    _finish_customers(rng, c, latent, tx)
    perceptions = _perceptions(rng, c, latent, survey_share)
    accounts = _accounts(rng, c, latent, tx)
    from .catalogue import objections

    complaints = _complaint_frame(complaints, ~c["churned"].to_numpy())
    frames = {
        "customers": c, "transactions": transactions, "leads": leads, "complaints": complaints,
        "accounts": accounts, "perceptions": perceptions, "objections": objections(),
    }
    frames = {k: v if k in ("transactions", "leads", "complaints", "perceptions") else _frame(v, k)
              for k, v in frames.items()}
    return World(**frames, seed=int(seed), n_customers=int(n_customers), asof=ASOF)


def _customers(rng, n, cost_per_win):
    ids = np.arange(1, n + 1, dtype="int64")
    seg = _choice(rng, _SEGMENT_P, n)
    region = _choice(rng, [0.22, 0.30, 0.22, 0.14, 0.12], n)
    ctype = (rng.uniform(size=n) >= 0.28).astype("int64")  # 0 reseller, 1 end user
    size = rng.normal(0.0, 1.0, n)  # latent size: drives spend, employees, bargaining power
    tenure = np.clip(rng.gamma(1.6, 2.6, n), 0.05, 18.0)  # years before the as-of date
    tz = (np.log1p(tenure) - np.log1p(tenure).mean()) / np.log1p(tenure).std()
    loyalty_l = 0.9 * tz + rng.normal(0, 0.8, n)
    loyalty = _sigmoid(loyalty_l)
    # How much service a customer asks for, beyond its size; big customers ask for more.
    demanding = rng.lognormal(0.0, 0.55, n) * (1.0 + 0.12 * np.maximum(size, 0))
    star = (size < 0.3) & (rng.uniform(size=n) < 0.12)  # small, fast-growing customers
    growth = np.where(star, rng.uniform(0.3, 0.7, n),
                      rng.normal(0.04, 0.07, n) - 0.02 * size)
    annual = 8000.0 * np.exp(1.4 * size + 0.15 * tz)  # list value bought per year (CNY)
    price_sens = _sigmoid(0.9 * size - 0.9 * loyalty_l + rng.normal(0, 0.6, n))
    # Discount rate: bargaining power of the big, price-sensitive, new customers; some drift.
    disc = np.clip(0.03 + 0.10 * price_sens + 0.04 * np.maximum(size, 0)
                   - 0.03 * tz + rng.normal(0, 0.02, n), 0.0, 0.40)
    drift = np.where(rng.uniform(size=n) < 0.3, rng.normal(0, 0.05, n), 0.0)  # per year
    credit_l = 0.6 * loyalty_l - 0.35 * np.maximum(size, 0) + rng.normal(0, 0.9, n)
    credit = np.select([credit_l > 0.6, credit_l > -0.3, credit_l > -1.2], [0, 1, 2], 3)
    pay_days = np.round(28 + 9 * np.maximum(size, 0) + 8 * credit + rng.gamma(2.0, 5.0, n))
    employees = np.maximum(1, np.round(np.exp(3.2 + 0.9 * size + rng.normal(0, 0.4, n))))
    # Service time grows with what a customer buys, and less so for loyal customers who know us.
    # Some big customers use their bargaining power hard: deep rebates and extra service (profit risk).
    bargainer = (size > 0.8) & (rng.uniform(size=n) < 0.3)
    disc = np.clip(disc + 0.07 * bargainer, 0.0, 0.45)
    demanding = demanding * np.where(bargainer, 1.7, 1.0)
    hours = (2 + 0.0032 * annual ** 0.9) * demanding * (1.35 - 0.5 * loyalty)
    cost_to_serve = 250 + _HOURLY_RATE * hours
    retention = 150 + 0.012 * annual + 40 * rng.gamma(2.0, 1.0, n)
    coop = _score(loyalty_l - 0.5 * (demanding - 1), rng, 0.4)
    innov = rng.poisson(0.4 + 0.8 * loyalty + 0.3 * np.maximum(size, 0))
    off_core = rng.poisson(0.3 * demanding ** 2)
    disputes = rng.poisson(0.05 + 0.35 * (credit >= 2) + 0.25 * (credit == 3) + 0.1 * np.maximum(size, 0))
    key_left = rng.uniform(size=n) < 0.12
    first_day = N_DAYS - 1 - np.round(tenure * 365.25).astype("int64")  # may be before START
    channel = _choice(rng, _channel_p(), n)
    acq = cost_per_win[channel] * rng.lognormal(-0.03, 0.25, n)
    c = pd.DataFrame(copy=False, data={
        "customer_id": ids,
        "segment": _cat(seg, terms.SEGMENTS),
        "customer_type": _cat(ctype, terms.CUSTOMER_TYPES),
        "region": _cat(region, terms.REGIONS),
        "employees": employees.astype("int64"),
        "acquisition_channel": _cat(_CHANNEL_CODES[channel], terms.PROSPECTING_METHODS),
        "acquisition_cost": acq,
        "price_sensitivity": price_sens,
        "payment_days": pay_days.astype("int64"),
        "credit_rating": _cat(credit, terms.CREDIT_RATINGS),
        "service_hours": hours,
        "cost_to_serve": cost_to_serve,
        "retention_cost": retention,
        "disputes": disputes.astype("int64"),
        "off_core_requests": off_core.astype("int64"),
        "innovation_requests": innov.astype("int64"),
        "growth_rate": growth,
        "loyalty": loyalty,
        "cooperativeness": coop,
        "key_contact_left": key_left,
    })
    latent = {"size": size, "tz": tz, "loyalty_l": loyalty_l, "demanding": demanding,
              "annual": annual, "disc": disc, "drift": drift, "credit": credit,
              "first_day": first_day, "seg": seg, "growth": growth}
    return c, latent


def _cost_per_win(leads) -> np.ndarray:
    """Lead cost per won customer of each channel, from the closed leads (the same in both tables)."""
    closed = leads[leads["status"] != "open"]
    g = closed.groupby("channel")
    per_win = g["lead_cost"].sum() / g["converted"].sum().clip(lower=1)
    return per_win.reindex(list(_CHANNELS)).fillna(per_win.median()).to_numpy()


def _channel_p():
    p = np.array([v[7] for v in _CHANNELS.values()])
    return p / p.sum()


def _complaints(rng, c, latent):
    lo = np.maximum(latent["first_day"], 0)
    span = (N_DAYS - lo) / 365.25
    rate = 0.30 * latent["demanding"] * np.exp(0.25 * latent["size"]) * span
    k = rng.poisson(rate)
    cid = np.repeat(c["customer_id"].to_numpy(), k)
    idx = cid - 1
    m = len(cid)
    day = rng.integers(lo[idx], N_DAYS - 10) if m else np.zeros(0, dtype="int64")
    cat = _choice(rng, _COMPLAINT_P, m)
    sev = _choice(rng, [0.5, 0.35, 0.15], m)
    claim = (rng.uniform(size=m) < np.where(np.isin(cat, [0, 1, 4]), 0.25, 0.05) + 0.1 * (sev == 2))
    annual = latent["annual"][idx]
    claim_amt = np.where(claim, annual * rng.uniform(0.01, 0.08, m), 0.0)
    quality = rng.normal(0, 1, m)  # how well this complaint was handled
    resolved = rng.uniform(size=m) < _sigmoid(1.6 + 1.0 * quality - 0.6 * sev)
    days = np.maximum(1, np.round(rng.gamma(1.5, 7.0, m) * np.exp(-0.35 * quality + 0.25 * sev)))
    days = np.minimum(days, N_DAYS - 1 - day)
    handling = np.clip(np.round(3 + 1.1 * quality), 1, 5).astype("int64")
    followed = rng.uniform(size=m) < _sigmoid(0.2 + 0.9 * quality)
    sat_after = np.clip(np.where(resolved, 4.4 - 0.03 * days, 2.0) + 0.15 * followed
                        + 0.2 * quality + rng.normal(0, 0.45, m), 1.0, 5.0)
    # In date order; a day's complaints by customer, in the order drawn (a radix sort on the day,
    # as the rows are grouped by customer).
    order = np.argsort(day.astype(np.int16), kind="stable")
    return {
        "customer_id": cid[order],
        "day": day[order],
        "category": cat[order],
        "severity": sev[order],
        "is_claim": claim[order],
        "claim_amount": claim_amt[order],
        "resolved": resolved[order],
        "days": np.where(resolved, days, 0)[order].astype("int64"),
        "handling_score": handling[order],
        "followed_up": followed[order],
        "satisfaction_after": sat_after[order],
    }


def _complaint_frame(d, kept) -> pd.DataFrame:
    """The complaints table from the generator's columns and who was kept."""
    resolved = d["resolved"]
    return _frame({
        "complaint_id": np.arange(1, len(resolved) + 1, dtype="int64"),
        "customer_id": d["customer_id"],
        "date": _day_stamps(d["day"]),
        "category": _cat(d["category"], terms.COMPLAINT_CATEGORIES),
        "severity": _cat(d["severity"], terms.SEVERITIES),
        "is_claim": d["is_claim"],
        "claim_amount": d["claim_amount"],
        "resolved": resolved,
        "days_to_resolve": pd.arrays.IntegerArray(d["days"], ~resolved),
        "handling_score": d["handling_score"],
        "followed_up": d["followed_up"],
        "satisfaction_after": d["satisfaction_after"],
        "customer_kept": kept[d["customer_id"] - 1],
    }, "complaints")


def _churn(rng, c, latent, complaints):
    """Decide who churned and when, from contacts leaving, complaints, satisfaction and value."""
    n = len(c)
    idx = complaints["customer_id"] - 1
    n_compl = np.bincount(idx, minlength=n)
    unresolved = np.bincount(idx, weights=~complaints["resolved"], minlength=n)
    slow = np.bincount(idx, weights=complaints["days"] > 21, minlength=n)  # days: 0 if unresolved
    fast_all = (n_compl > 0) & (unresolved == 0) & (slow == 0)
    sat_mean = np.bincount(idx, weights=complaints["satisfaction_after"], minlength=n)
    sat_mean = np.where(n_compl > 0, sat_mean / np.maximum(n_compl, 1), np.nan)
    # Good handling and a follow-up call after the fix keep a complaining customer.
    per = np.maximum(n_compl, 1)
    handling = np.where(n_compl > 0, np.bincount(idx, weights=complaints["handling_score"],
                                                 minlength=n) / per, 3.0)
    followed = np.bincount(idx, weights=complaints["followed_up"], minlength=n) / per
    # Delivered-value advantage of our offer over the competitor's (latent, also drives the survey)
    dv_adv = _SEGMENT_FIT[latent["seg"]] + 4.0 * latent["loyalty_l"] + rng.normal(0, 6.0, n)
    latent["dv_adv"] = dv_adv
    sat = np.clip(3.4 + 0.35 * latent["loyalty_l"] + 0.03 * dv_adv
                  + np.where(n_compl > 0, 0.45 * (np.nan_to_num(sat_mean, nan=3.5) - 3.3), -0.1)
                  + rng.normal(0, 0.35, n), 1.0, 5.0)
    # Big customers are courted by everyone and churn more easily (churn risk of big customers).
    logit = (-3.0 + 1.5 * c["key_contact_left"].to_numpy() + 1.0 * (sat < 3.0)
             + 1.2 * np.minimum(unresolved, 2) + 0.7 * np.minimum(slow, 2)
             + 0.55 * (n_compl == 0) - 0.8 * fast_all + 0.8 * np.maximum(latent["size"], 0)
             - 0.35 * (handling - 3.0) - 0.5 * followed
             - 0.55 * latent["loyalty_l"] - 0.08 * dv_adv)
    lo = np.maximum(latent["first_day"], 0)
    # The logit sets a yearly hazard; the longer a customer is exposed, the likelier it leaves.
    exposure = np.clip((N_DAYS - 15 - (lo + 30)) / 365.25, 0.0, None)
    p_churn = 1.0 - (1.0 - _sigmoid(logit)) ** exposure
    churned = (rng.uniform(size=n) < p_churn) & (exposure > 0)
    # Churn happens any time in the customer's active window, not bunched at the end.
    churn_day = np.where(churned, rng.integers(np.minimum(lo + 30, N_DAYS - 16), N_DAYS - 15), -1)
    c["satisfaction"] = sat
    c["churned"] = churned
    c["churn_date"] = _dates(np.where(churned, churn_day, 0)).where(churned)
    latent["end_day"] = np.where(churned, churn_day, N_DAYS)
    # A churned customer's complaints came before it left.
    day = complaints["day"]
    end = churn_day[idx]
    late = (end >= 0) & (day > end - 7)
    day = np.where(late, rng.integers(lo[idx], np.maximum(end - 7, lo[idx] + 1)), day)
    # By date, then customer, ties in their order (np.lexsort((customer_id, day)), one key).
    order = np.argsort(day * (n + 1) + complaints["customer_id"], kind="stable")
    return {k: (day if k == "day" else v)[order] for k, v in complaints.items()}


def _transactions(rng, c, latent):
    n = len(c)
    lo = np.maximum(latent["first_day"], 0)
    hi = np.maximum(latent["end_day"], lo + 1)
    active_years = (hi - lo) / 365.25
    orders_per_year = np.clip(3.0 + 2.5 * np.exp(0.35 * latent["size"]), 2, 40)
    k = rng.poisson(orders_per_year * active_years)
    new_in_period = latent["first_day"] >= 0
    k = np.where(new_in_period, np.maximum(k, 1), k)  # a customer new in the period has its first order
    idx = np.repeat(np.arange(n, dtype=np.int32 if n < 2**31 else np.int64), k)  # customer order
    m = len(idx)
    day = _draw_days(rng, lo, hi, _seasonal_cdf(), counts=k)
    # Warning signal: a churning customer orders less and less in its last six months.
    fading = np.flatnonzero(np.repeat(latent["end_day"] < N_DAYS, k))
    to_end = (hi[idx[fading]] - day[fading]) / 182.0
    fading, to_end = fading[to_end < 1.0], to_end[to_end < 1.0]
    keep = np.ones(m, dtype=bool)
    keep[fading] = rng.uniform(size=m)[fading] < to_end ** 0.7
    del to_end, fading
    # The first order of a customer new in the period falls on its first-purchase day.
    first_row = np.concatenate([[0], np.cumsum(k)[:-1]])
    firsts = first_row[new_in_period & (k > 0)]
    day[firsts] = latent["first_day"][idx[firsts]]
    keep[firsts] = True
    idx, day = idx[keep], day[keep]
    del keep
    m = len(idx)
    # Every value is computed row by row in customer order (where the draws are made); the table
    # is then put in date order, a customer's orders of one day in the order drawn.  The rows are
    # grouped by customer, so a stable sort on the day alone gives that order (a radix sort).
    t = np.subtract(day, N_DAYS / 2)
    t /= 365.25  # years from mid-period
    value = (latent["annual"] / orders_per_year)[idx]
    growth = (1.0 + latent["growth"])[idx]
    value *= np.power(growth, t, out=growth)
    del growth
    value *= rng.lognormal(-0.08, 0.4, m)
    line = _choice(rng, _PRODUCT_P, m)
    rate = latent["drift"][idx]
    rate *= t
    del t
    rate += latent["disc"][idx]  # disc + drift * t
    rate += rng.normal(0, 0.01, m)
    np.clip(rate, 0, 0.6, out=rate)
    order = np.argsort(day, kind="stable")
    per_day = np.bincount(day, minlength=N_DAYS)  # in date order, day d comes per_day[d] times
    del day
    customer_id = np.add(idx[order], 1, dtype=np.int64)
    del idx
    value = value[order]
    line = line[order]
    rate = rate[order]
    draw = rng.uniform(0.97, 1.03, m)[order]
    del order
    # The money columns, each rounded in place as soon as it is made (np.round(x, 2, out=x) is
    # np.round(x, 2): the same multiply, rint and divide).
    qty = np.array([2400.0, 180.0, 420.0, 950.0])[line]
    qty = np.maximum(np.round(np.divide(value, qty, out=qty), out=qty), 1, out=qty).astype("int64")
    list_value = np.round(value, 2, out=value)
    discount = np.round(np.multiply(list_value, rate, out=rate), 2, out=rate)
    revenue = list_value - discount
    np.round(revenue, 2, out=revenue)
    cost = (1 - _PRODUCT_MARGIN)[line]
    cost *= list_value
    cost *= draw
    np.round(cost, 2, out=cost)
    margin = np.round(np.subtract(revenue, cost, out=draw), 2, out=draw)  # in draw's memory
    del draw
    return {
        "order_id": np.arange(1, m + 1, dtype="int64"),
        "customer_id": customer_id,
        "date": np.repeat(_day_stamps(np.arange(N_DAYS)), per_day),
        "product_line": _cat(line, terms.PRODUCT_LINES),
        "quantity": qty,
        "list_value": list_value,
        "discount": discount,
        "revenue": revenue,
        "cost": cost,
        "margin": margin,
    }


def _finish_customers(rng, c, latent, tx):
    n = len(c)
    first_day = latent["first_day"].copy()
    # Sums by customer id (ids are 1..n: bin 0 stays empty), in the table's order of rows.
    revenue = np.bincount(tx["customer_id"], weights=tx["revenue"], minlength=n + 1)[1:]
    # Bad debt: late payers and poor credit default on part of a year's invoices.
    p_default = _sigmoid(-4.6 + 0.9 * latent["credit"] + 0.45 * np.maximum(latent["size"], 0)
                         + 0.02 * (c["payment_days"].to_numpy() - 40))
    default = rng.uniform(size=n) < p_default
    c["bad_debt"] = np.where(default, revenue * rng.uniform(0.03, 0.35, n), 0.0)
    end = np.where(c["churned"].to_numpy(), latent["end_day"], N_DAYS - 1)
    c["first_purchase"] = _dates(first_day)
    c["tenure_years"] = np.maximum(end - first_day, 1) / 365.25


def _perceptions(rng, c, latent, share):
    n = len(c)
    take = np.flatnonzero(rng.uniform(size=n) < share)
    m = len(take)
    adv = latent["dv_adv"][take]
    seg = latent["seg"][take]
    base = rng.normal(0, 3.0, (m, 1))
    comp_vals = 55 + base + rng.normal(0, 5.0, (m, 4))
    comp_costs = 40 + rng.normal(0, 5.0, (m, 4))
    # Our value and cost: per-component strengths, segment fit and the customer's advantage.
    strength = np.array([2.0, 3.0, 1.0, -2.0])
    our_vals = comp_vals + strength + (adv[:, None] * 0.5) + rng.normal(0, 3.0, (m, 4))
    our_costs = comp_costs + np.array([3.0, -2.0, -1.0, 0.0]) - (adv[:, None] * 0.25) \
        + rng.normal(0, 3.0, (m, 4)) + 0.0 * seg[:, None]
    # Each surveyed customer's two rows together, ours first (by customer_id, then offer).
    vals = np.stack([our_vals, comp_vals], axis=1).reshape(2 * m, 4).clip(1, 100)
    costs = np.stack([our_costs, comp_costs], axis=1).reshape(2 * m, 4).clip(1, 100)
    return _frame({
        "customer_id": np.repeat(c["customer_id"].to_numpy()[take], 2),
        "offer": _cat(np.tile(np.array([0, 1], dtype=np.int8), m), terms.OFFERS),
        "product_value": vals[:, 0], "service_value": vals[:, 1], "personnel_value": vals[:, 2],
        "image_value": vals[:, 3], "monetary_cost": costs[:, 0], "time_cost": costs[:, 1],
        "energy_cost": costs[:, 2], "physical_cost": costs[:, 3],
    }, "perceptions")


def _leads(rng, m):
    par = np.array(list(_CHANNELS.values()))
    ch = _choice(rng, _channel_p(), m)
    created = rng.integers(0, N_DAYS, m)
    role = _choice(rng, [0.18, 0.24, 0.22, 0.20, 0.16], m)
    ptype = _choice(rng, [0.72, 0.18, 0.10], m)
    need = rng.uniform(size=m) < np.clip(par[ch, 1] + 0.15 * (ptype == 1), 0, 0.97)
    money = rng.uniform(size=m) < np.clip(par[ch, 2] + 0.1 * (ptype > 0), 0, 0.97)
    auth_p = np.array([0.35, 0.25, 0.95, 0.65, 0.15])[role]
    authority = rng.uniform(size=m) < np.clip(auth_p * (0.6 + 0.8 * par[ch, 3]), 0, 0.98)
    qualified = need & money & authority
    cost = par[ch, 0] * rng.lognormal(0, 0.3, m)
    p_prop = np.where(qualified, 0.80, 0.30)
    p_win = np.clip(par[ch, 4] * np.where(qualified, 1.0, 0.22)
                    * np.array([1.0, 1.35, 1.1])[ptype] + 0.0, 0, 0.95)
    proposal = rng.uniform(size=m) < p_prop
    won = proposal & (rng.uniform(size=m) < p_win)
    reached_q = qualified | proposal
    stage = np.select([won, proposal, reached_q], [3, 2, 1], 0)
    close = np.maximum(3, np.round(par[ch, 5] * rng.lognormal(-0.1, 0.55, m)
                                   * np.where(qualified, 0.85, 1.3)))
    won = won & (created + close < N_DAYS)
    stage = np.where((stage == 3) & ~won, 2, stage)
    recent = created >= N_DAYS - 150
    status = np.where(won, 1, np.where(recent, 0, 2))  # open, won, lost
    expected = np.round(par[ch, 5] * rng.lognormal(-0.2, 0.75, m))
    days = np.where(won, close, np.where(status == 0, np.maximum(5, expected), -1))
    value = 12000 * par[ch, 6] * rng.lognormal(0, 0.9, m) * np.where(qualified, 1.2, 0.8)
    segment = _choice(rng, _SEGMENT_P, m)
    region = _choice(rng, [0.22, 0.30, 0.22, 0.14, 0.12], m)
    # In order of creation; leads found on the same day in the order drawn (a radix sort).
    order = np.argsort(created.astype(np.int16), kind="stable")
    created = np.repeat(np.arange(N_DAYS), np.bincount(created, minlength=N_DAYS))  # == created[order]
    codes = lambda a: a.astype(np.int8, copy=False)[order]  # noqa: E731
    days = days[order]
    cost = cost[order]
    frame = _frame({
        "lead_id": np.arange(1, m + 1, dtype="int64"),
        "created": _day_stamps(created),
        "channel": _cat(codes(_CHANNEL_CODES[ch]), terms.PROSPECTING_METHODS),
        "segment": _cat(codes(segment), terms.SEGMENTS),
        "region": _cat(codes(region), terms.REGIONS),
        "prospect_type": _cat(codes(ptype), terms.PROSPECT_TYPES),
        "contact_role": _cat(codes(role), terms.BUYING_ROLES),
        "need": need[order], "ability_to_pay": money[order], "authority": authority[order],
        "lead_cost": cost,
        "stage": _cat(codes(stage), terms.LEAD_STAGES),
        "status": _cat(codes(status), terms.LEAD_STATUSES),
        "converted": won[order],
        "days_to_close": pd.arrays.IntegerArray(np.maximum(days, 0).astype("int64"), days < 0),
        "expected_value": value[order],
    }, "leads")
    # Customers are won at the channels' lead cost per win, counted before rounding.
    return frame, _cost_per_win(pd.DataFrame({"channel": frame["channel"], "status": frame["status"],
                                              "lead_cost": cost, "converted": frame["converted"]}))


def _top(x, k) -> np.ndarray:
    """Positions of the ``k`` largest values, ascending (ties: the first positions), in linear time.

    The same as ``np.sort(np.argsort(-x, kind="stable")[:k])``.
    """
    neg = -np.asarray(x)
    kth = np.partition(neg, k - 1)[k - 1]
    above = np.flatnonzero(neg < kth)
    tied = np.flatnonzero(neg == kth)[:k - len(above)]
    return np.sort(np.concatenate([above, tied]))


def _accounts(rng, c, latent, tx):
    n = len(c)
    # The last year's orders are the table's tail (it is in date order; dates end at ASOF).
    first = np.searchsorted(tx["date"], np.datetime64(f"{YEARS[-1]}-01-01"))
    cid = tx["customer_id"][first:]
    rev = np.bincount(cid, weights=tx["revenue"][first:], minlength=n + 1)[1:]
    mar = np.bincount(cid, weights=tx["margin"][first:], minlength=n + 1)[1:]
    k = max(20, int(round(0.08 * n)))
    top = _top(rev, k)
    size, loy = latent["size"][top], latent["loyalty_l"][top]
    g = latent["growth"][top]
    mrate = mar[top] / np.maximum(rev[top], 1) - c["cost_to_serve"].to_numpy()[top] / np.maximum(rev[top], 1)
    attract = 0.8 * _pct_rank(g) + 0.6 * _pct_rank(mrate) \
        + rng.normal(0, 0.3, k)
    rel = loy + rng.normal(0, 0.5, k)
    key_left = c["key_contact_left"].to_numpy()[top]
    s = lambda x, noise=0.35: _score(x, rng, noise)  # noqa: E731
    pos_rank = _pct_rank(rel + 0.6 * g)
    position = np.select(
        [key_left & (rel < 0), g < -0.02, pos_rank > 0.8, pos_rank > 0.55, pos_rank > 0.35,
         pos_rank > 0.15], ["declining", "defensive", "solid current", "good current", "developing",
                            "limited share"], "potential")
    contacts = np.maximum(1, np.round(2 + 1.5 * rel + 1.2 * np.maximum(size, 0) + rng.normal(0, 1, k)))
    levels = np.clip(np.round(1.5 + 0.8 * rel + rng.normal(0, 0.6, k)), 1, 4)
    hours = c["service_hours"].to_numpy()[top] * rng.uniform(0.6, 1.4, k)
    return pd.DataFrame({
        "customer_id": c["customer_id"].to_numpy()[top],
        "attr_growth": s(g), "attr_size": s(rev[top] + 0.5 * latent["annual"][top]),
        "attr_competition": s(rng.normal(0, 1, k), 0.1), "attr_profitability": s(mrate),
        "attr_need": s(attract), "attr_strategic": s(attract + 0.3 * size),
        "pot_share_of_work": s(attract + rel), "pot_volume": s(size + g * 5),
        "pot_budget": s(size), "pot_competitor_weakness": s(rng.normal(0, 1, k) + 0.3 * rel),
        "pot_certainty": s(rel),
        "rel_frequency": s(rel), "rel_knowledge": s(rel), "rel_contacts": s(rel - 0.8 * key_left),
        "rel_range": s(rel + 0.3 * size), "rel_price": s(-latent["disc"][top] + 0.2 * rel),
        "rel_reputation": s(rel), "rel_financial": s(rel, 0.6), "rel_service": s(rel),
        "relationship_position": position,
        "contacts": contacts.astype("int64"), "contact_levels": levels.astype("int64"),
        "account_hours": hours, "visits": np.round(hours / 6).astype("int64"),
        "proposals": rng.poisson(1 + 2 * _sigmoid(attract)).astype("int64"),
        "senior_staff_days": np.round(hours / 40 * rng.uniform(0.5, 1.5, k), 1),
    })
