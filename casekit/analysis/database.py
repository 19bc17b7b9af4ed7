"""Chapter 5, customer analysis — patrol management (巡视管理) and the quality of the customer database."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import terms
from ..core.checks import (  # noqa: F401
    DateOption, Flag, Interval, require_choice, require_frame, require_number, validated,
)
from ..i18n import N_, _, translate
from ._common import _one_row_per_customer


# ---------------------------------------------------------------------------------------------
# 6. Patrol management (巡视管理): listen, educate, help
# ---------------------------------------------------------------------------------------------

@validated(
    frames={
        "file": {
            "growth_rate": "numeric",
            "product_lines": "numeric",
            "main_line": "text",
            "status": "?text",
            "satisfaction": "numeric",
            "open_complaints": "numeric",
            "payment_days": "numeric",
        },
    },
    options={
        "late_days": Interval(0, None),
        "low_satisfaction": Interval(1, 5),
        "fast_growth": Interval(-1, None),
        "active_only": Flag(),
    },
)
@_one_row_per_customer("file")
def patrol_agenda(file: pd.DataFrame, *, late_days: float = 60, low_satisfaction: float = 3.0,
                  fast_growth: float = 0.2, active_only: bool = True) -> pd.DataFrame:
    """What to do on the next patrol visit (巡视) to each customer: listen, educate, help.

    * ``listen`` (倾听): unresolved complaints to hear out, or a satisfaction score below
      ``low_satisfaction``;
    * ``educate`` (教育): a customer buying only one product line is shown the others;
    * ``help`` (帮助): a customer paying after more than ``late_days`` days gets a payment plan;
      one growing faster than ``fast_growth`` a year gets help planning stock for its growth.

    Empty text means nothing special to do on that point.  ``points`` counts the non-empty ones.

    Parameters
    ----------
    file : DataFrame
        The customer file of :func:`customer_file`, one row per customer (indexed by
        ``customer_id``). Reads ``growth_rate``, ``product_lines``, ``main_line``, ``status``
        (optional), ``satisfaction``, ``open_complaints``, ``payment_days``.
    late_days : float, default 60
        Payment days beyond which a customer is late.
    low_satisfaction : float, default 3.0
        Satisfaction (1–5) below which a customer counts as dissatisfied.
    fast_growth : float, default 0.2
        Yearly growth rate from which a customer grows fast.
    active_only : bool, default True
        Only customers whose ``status`` is active.

    Returns
    -------
    DataFrame
        What to do on the next patrol visit (巡视) to each customer: listen, educate, help.

    Examples
    --------
    >>> file = pd.DataFrame({"open_complaints": [2, 0], "satisfaction": [3.5, 2.5],
    ...                      "product_lines": [1, 3], "main_line": ["consumables", "equipment"],
    ...                      "payment_days": [45, 70], "growth_rate": [0.3, 0.0]},
    ...                     index=pd.Index([1, 2], name="customer_id"))
    >>> print(patrol_agenda(file).T.to_string())  # doctest: +NORMALIZE_WHITESPACE
    customer_id                                            1                                         2
    listen                hear out 2 unresolved complaint(s)     satisfaction 2.5: ask what to improve
    educate      buys only consumables: show the other lines
    help            growing fast: help plan stock for growth  pays after 70 days: agree a payment plan
    points                                                 3                                         2
    """
    what = "patrol_agenda"
    require_frame(file, {"open_complaints": "numeric", "satisfaction": "numeric",
                         "product_lines": "numeric", "main_line": "any",
                         "payment_days": "numeric", "growth_rate": "numeric"}, what=what)
    require_choice(active_only, (True, False), what=what, name="active_only")
    f = file
    if active_only and "status" in f.columns:
        f = f[f["status"].astype("str") == "active"]
    oc = f["open_complaints"].to_numpy()
    sat = f["satisfaction"].to_numpy(dtype="float64")
    listen = np.where(oc > 0, _around(N_("hear out {n} unresolved complaint(s)"),
                                      pd.Series(oc).astype("str").to_numpy()),
                      np.where(sat < low_satisfaction,
                               _around(N_("satisfaction {x}: ask what to improve"),
                                       pd.Series(sat).round(1).astype("str").to_numpy()), ""))
    main = f["main_line"].astype("str")
    main = main.map({v: translate(v, "product line") for v in main.unique()})
    educate = np.where(f["product_lines"].to_numpy() == 1,
                       _around(N_("buys only {line}: show the other lines"), main.to_numpy()), "")
    pdays = f["payment_days"].to_numpy()
    help_ = np.where(pdays > late_days,
                     _around(N_("pays after {n} days: agree a payment plan"),
                             pd.Series(pdays).astype("int64").astype("str").to_numpy()),
                     np.where(f["growth_rate"].to_numpy() > fast_growth,
                              _("growing fast: help plan stock for growth"), ""))
    out = pd.DataFrame({"listen": listen, "educate": educate, "help": help_}, index=f.index)
    out["points"] = (out[["listen", "educate", "help"]] != "").sum(axis=1).astype("int64")
    return out


def _around(template: str, values: np.ndarray) -> np.ndarray:
    """``template`` (one ``{placeholder}``) in the course's language around each of ``values``
    (strings), without a loop over the rows."""
    text = _(template)
    start, end = text.index("{"), text.index("}")
    return text[:start] + values.astype(object) + text[end + 1:]


# ---------------------------------------------------------------------------------------------
# 7. Data quality of the customer database (客户数据库)
# ---------------------------------------------------------------------------------------------

#: Allowed range of the numeric fields checked (low, high; None = open).
QUALITY_RANGES = {"employees": (1, None), "payment_days": (0, 365), "satisfaction": (1, 5),
                  "loyalty": (0, 1), "revenue": (0, None), "tenure_years": (0, None)}
#: Allowed values of the text fields checked.
QUALITY_CHOICES = {"customer_type": terms.english(terms.CUSTOMER_TYPES),
                   "segment": terms.english(terms.SEGMENTS),
                   "region": terms.english(terms.REGIONS),
                   "credit_rating": terms.CREDIT_RATINGS}


@validated(
    frames={
        "file": {
            "segment": "text",
            "region": "text",
            "employees": "numeric",
            "loyalty": "?share",
            "satisfaction": "numeric",
            "payment_days": "?numeric",
        },
    },
    options={"seed": Interval(0, None, integer=True), "share": Interval(0, 1)},
)
@_one_row_per_customer("file")
def make_dirty(file: pd.DataFrame, *, seed: int = 0, share: float = 0.03) -> pd.DataFrame:
    """A deliberately dirty copy of the customer file, to practise data cleaning (资料的整理).

    Real customer databases collect errors as reps type records in.  From a ``seed``, about
    ``share`` of the customers each get one of these faults:

    * **duplicates** — the customer entered twice (a second row with the same ``customer_id``,
      sometimes with its region typed differently);
    * **missing** — region, employees or satisfaction left empty;
    * **out of range** — employees typed negative, payment days 999, satisfaction on a 0–10
      scale (e.g. 7), loyalty typed as a percentage (e.g. 65 instead of 0.65);
    * **inconsistent text** — region in lower case with spaces (``" east "``), segment in
      capitals.

    The copy has the checked text fields as plain text and the checked numbers as floats (so they
    can hold gaps), ``customer_id`` as a column, rows sorted by ``customer_id``.  The same seed
    always gives the same faults.

    Parameters
    ----------
    file : DataFrame
        The customer file of :func:`customer_file`, one row per customer (indexed by
        ``customer_id``). Reads ``segment``, ``region``, ``employees``, ``loyalty``,
        ``satisfaction``, ``payment_days``.
    seed : int, default 0
        Random seed (same seed, same result).
    share : float, default 0.03
        Share of rows affected (0 to 1).

    Returns
    -------
    DataFrame
        A deliberately dirty copy of the customer file, to practise data cleaning (资料的整理).

    Examples
    --------
    >>> file = pd.DataFrame({"region": ["East"] * 200, "segment": ["retail"] * 200,
    ...                      "employees": [10] * 200, "satisfaction": [4.0] * 200},
    ...                     index=pd.Index(range(1, 201), name="customer_id"))
    >>> dirty = make_dirty(file, seed=1, share=0.05)
    >>> len(dirty) > len(file), dirty["customer_id"].duplicated().any()
    (True, np.True_)
    """
    what = "make_dirty"
    if not isinstance(file, pd.DataFrame):
        raise ValueError(f"{what}: expected the customer file (a DataFrame), got "
                         f"{type(file).__name__}")
    require_number(seed, what=what, name="seed", low=0, integer=True)
    require_number(share, what=what, name="share", low=0, high=0.2)
    f = file.reset_index() if "customer_id" not in file.columns else file.copy()
    require_frame(f, {"customer_id": "numeric"}, what=what)
    rng = np.random.default_rng(seed)
    n = len(f)
    for col in QUALITY_CHOICES:
        if col in f.columns:
            f[col] = f[col].astype("str")
    for col in QUALITY_RANGES:
        if col in f.columns:
            f[col] = f[col].astype("float64")
    k = max(1, round(share * n))
    idx = np.arange(n)

    def pick():
        return rng.choice(idx, size=min(k, n), replace=False)

    if "region" in f.columns:
        rows = pick()
        f.loc[f.index[rows], "region"] = np.nan
    for col in ("employees", "satisfaction"):
        if col in f.columns:
            f.loc[f.index[pick()], col] = np.nan
    if "employees" in f.columns:
        rows = f.index[pick()]
        f.loc[rows, "employees"] = -f.loc[rows, "employees"].abs().fillna(1)
    if "payment_days" in f.columns:
        f.loc[f.index[pick()], "payment_days"] = 999.0
    if "satisfaction" in f.columns:
        f.loc[f.index[pick()], "satisfaction"] = rng.choice([0.0, 6.0, 7.0, 8.0, 9.0], size=min(k, n))
    if "loyalty" in f.columns:
        rows = f.index[pick()]
        f.loc[rows, "loyalty"] = np.round(f.loc[rows, "loyalty"] * 100, 1)
        f.loc[rows[f.loc[rows, "loyalty"] <= 1], "loyalty"] = 55.0
    if "region" in f.columns:
        rows = f.index[pick()]
        ok = f.loc[rows, "region"].notna()
        f.loc[rows[ok], "region"] = " " + f.loc[rows[ok], "region"].str.lower() + " "
    if "segment" in f.columns:
        rows = f.index[pick()]
        f.loc[rows, "segment"] = f.loc[rows, "segment"].str.upper()
    dup = f.iloc[np.sort(pick())].copy()
    if "region" in dup.columns:
        half = rng.uniform(size=len(dup)) < 0.5
        ok = dup["region"].notna().to_numpy() & half
        dup.loc[dup.index[ok], "region"] = dup.loc[dup.index[ok], "region"].str.upper()
    out = pd.concat([f, dup], ignore_index=True)
    return out.sort_values("customer_id", kind="stable").reset_index(drop=True)


def _frame_with_id(frame, what) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what}: expected a DataFrame, got {type(frame).__name__}")
    if "customer_id" not in frame.columns:
        if frame.index.name == "customer_id":
            return frame.reset_index()
        raise ValueError(f"{what}: the data has no column 'customer_id' and is not indexed by it")
    return frame


def _quality_counts(frame: pd.DataFrame) -> list[tuple[str, str, int]]:
    rows = [("duplicate customer", "customer_id", int(frame["customer_id"].duplicated().sum()))]
    for col in list(QUALITY_CHOICES) + list(QUALITY_RANGES):
        if col in frame.columns:
            rows.append(("missing", col, int(frame[col].isna().sum())))
    for col, (lo, hi) in QUALITY_RANGES.items():
        if col in frame.columns:
            v = pd.to_numeric(frame[col], errors="coerce")
            bad = v.notna() & (((v < lo) if lo is not None else False)
                               | ((v > hi) if hi is not None else False))
            rows.append(("out of range", col, int(bad.sum())))
    for col, allowed in QUALITY_CHOICES.items():
        if col in frame.columns:
            s = frame[col]
            bad = s.notna() & ~s.astype("str").isin(list(allowed))
            rows.append(("not an allowed value", col, int(bad.sum())))
    return rows


@validated(
    frames={"frame": {"customer_id": "?id", "region": "?text"}, "after": {"region": "?text"}},
)
def quality_report(frame: pd.DataFrame, after: pd.DataFrame | None = None) -> pd.DataFrame:
    """Data-quality check of a customer file: duplicates, missing values, out-of-range numbers and
    text that is not one of the allowed values (:data:`QUALITY_RANGES`, :data:`QUALITY_CHOICES`).

    One row per check and column with the number of ``rows`` affected; pass the cleaned file as
    ``after`` to add a column ``after_cleaning``.

    Parameters
    ----------
    frame : DataFrame
        The per-customer frame to read. Reads ``customer_id`` (optional), ``region`` (optional).
    after : DataFrame or int, optional
        The same file after cleaning, to compare (``quality_report``), or the year of the period
        after (``trading_performance``). Reads ``region`` (optional).

    Returns
    -------
    DataFrame
        Data-quality check of a customer file: duplicates, missing values, out-of-range numbers and
        text that is not one of the allowed values (:data:`QUALITY_RANGES`,
        :data:`QUALITY_CHOICES`).

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 2], "region": ["East", " east", "West"],
    ...                    "satisfaction": [4.0, 7.0, None]})
    >>> quality_report(df)
                      check        column  rows
    0    duplicate customer   customer_id     1
    1               missing        region     0
    2               missing  satisfaction     1
    3          out of range  satisfaction     1
    4  not an allowed value        region     1
    """
    what = "quality_report"
    f = _frame_with_id(frame, what)
    out = pd.DataFrame(_quality_counts(f), columns=["check", "column", "rows"])
    if after is not None:
        a = pd.DataFrame(_quality_counts(_frame_with_id(after, what)),
                         columns=["check", "column", "after_cleaning"])
        out = out.merge(a, on=["check", "column"], how="left")
        out["after_cleaning"] = out["after_cleaning"].fillna(0).astype("int64")
    return out


@validated(frames={"dirty": {"customer_id": "id", "region": "?text", "credit_rating": "?text"}})
def clean_file(dirty: pd.DataFrame) -> pd.DataFrame:
    """Clean a dirty customer file (资料的整理与筛选), without inventing any value.

    1. **Text**: trim spaces and match the allowed values ignoring case (``" east "`` → ``East``);
       text that still matches nothing becomes missing.
    2. **Ranges**: numbers outside :data:`QUALITY_RANGES` become missing (a typo is not
       guessed at).
    3. **Duplicates**: of the rows of one ``customer_id``, keep the most complete (fewest
       missing checked fields; the first on a tie).
    4. **Flag**: ``needs_review`` marks rows still missing a checked field — to be collected
       again on the next visit (dynamic management, 动态管理).

    Returns one row per customer, indexed by ``customer_id`` (sorted), with the checked text
    fields as categories.

    Parameters
    ----------
    dirty : DataFrame
        A customer file with data-quality problems (e.g. from :func:`make_dirty`). Reads
        ``customer_id``, ``region``, ``credit_rating``.

    Returns
    -------
    DataFrame
        Clean a dirty customer file (资料的整理与筛选), without inventing any value.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": [1, 2, 2], "region": ["East", " east", None],
    ...                    "satisfaction": [4.0, 7.0, 3.0]})
    >>> clean_file(df)  # doctest: +NORMALIZE_WHITESPACE
                region  satisfaction  needs_review
    customer_id
    1             East           4.0         False
    2             East           NaN          True
    """
    what = "clean_file"
    f = _frame_with_id(dirty, what).copy()
    require_frame(f, {"customer_id": "numeric"}, what=what)
    checked = []
    for col, allowed in QUALITY_CHOICES.items():
        if col not in f.columns:
            continue
        checked.append(col)
        lookup = {a.casefold(): a for a in allowed}
        s = f[col].astype("str").where(f[col].notna())
        fixed = s.str.strip().str.casefold().map(lookup)
        f[col] = pd.Categorical(fixed, categories=list(allowed),
                                ordered=col == "credit_rating")
    for col, (lo, hi) in QUALITY_RANGES.items():
        if col not in f.columns:
            continue
        checked.append(col)
        v = pd.to_numeric(f[col], errors="coerce").astype("float64")
        bad = ((v < lo) if lo is not None else False) | ((v > hi) if hi is not None else False)
        f[col] = v.mask(bad)
    missing = f[checked].isna().sum(axis=1) if checked else pd.Series(0, index=f.index)
    f["_missing"] = missing.to_numpy()
    f["_row"] = np.arange(len(f))
    f = f.sort_values(["customer_id", "_missing", "_row"], kind="stable")
    f = f.drop_duplicates("customer_id", keep="first")
    f["needs_review"] = f["_missing"].to_numpy() > 0
    return f.drop(columns=["_missing", "_row"]).set_index("customer_id").sort_index()
