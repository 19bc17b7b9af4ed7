"""Bring your own data: a plain transaction log as a World the chapters accept.

``world_from_transactions(df, customer=..., date=..., value=...)`` checks the log row by row
(a clear ``ValueError`` naming the column and the first bad row), builds the orders and one
customer row per customer (first purchase, lapse, tenure), and leaves empty the datasets a
transaction log cannot hold (leads, complaints, accounts, survey answers).  :func:`supports`
then says which chapter analyses the data support and which need columns the data lack.

Examples
--------
>>> log = pd.DataFrame({"kunde": ["A", "A", "B"], "datum": ["2024-01-05", "2024-03-01", "2024-02-10"],
...                     "betrag": [120.0, 80.0, 45.5]})
>>> w = world_from_transactions(log, customer="kunde", date="datum", value="betrag")
>>> w.customers[["customer_id", "customer_key", "first_purchase"]]
   customer_id customer_key first_purchase
0            1            A     2024-01-05
1            2            B     2024-02-10
>>> w.asof
Timestamp('2024-03-01 00:00:00')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import schema
from ..synth import World
from .checks import DateOption, Interval, OneOf
from .world import stamp
from ..i18n import N_

__all__ = ["world_from_transactions", "supports", "Support", "load_cdnow_world"]

_WHAT = "world_from_transactions"


def _bad(column, row, value, expected):
    from ..i18n import _

    return ValueError(_("{what}: column {column!r} holds {value!r} in row {row!r}; expected {expected}").format(
        what=_WHAT, column=column, value=value, row=row, expected=_(expected)))


def _py(v):
    return v.item() if isinstance(v, np.generic) else v


def _empty(name: str) -> pd.DataFrame:
    cols = schema.columns(name)
    dtypes = {"date": "datetime64[us]", "category": "category", "bool": "bool", "str": "str",
              "Int64": "Int64"}
    return pd.DataFrame({c.name: pd.Series([], dtype=dtypes.get(c.dtype, c.dtype)) for c in cols})


def world_from_transactions(df, *, customer: str = "customer_id", date: str = "date",
                            value: str = "revenue", cost: str | None = None,
                            quantity: str | None = None, asof=None, lapse_days: int = 365,
                            duplicates: str = "refuse") -> World:
    """A firm's own transaction log (one row per purchase) as a World the chapters accept.

    Parameters
    ----------
    df : DataFrame
        The log: one row per purchase (e.g. ``pd.read_csv("sales.csv")``).
    customer, date, value : str
        The columns holding the customer (any ids: numbers or text), the purchase date (dates or
        text such as ``2024-03-01``) and the amount paid (numbers ≥ 0).
    cost : str, optional
        A column with the cost of goods of each purchase; then gross margin = value − cost.
        Without it the margin is unknown and taken as the whole amount (profit analyses then read
        as revenue: :func:`supports` says so).
    quantity : str, optional
        A column with the units bought.
    asof : date, optional
        The as-of date (default ``None``: the last purchase's day).
    lapse_days : int
        A customer with no purchase in the last ``lapse_days`` days before ``asof`` counts as
        lapsed (``churned``), lost the day after its last purchase: a transaction log records no
        leaving, so churn is read from silence (and a customer who bought once is lost after
        that one purchase).
    duplicates : {"refuse", "keep"}
        Rows that repeat another row exactly are refused (the usual sign of a file appended
        twice), or kept as separate purchases when the source says they are.

    Returns
    -------
    World
        ``customers`` (``customer_id`` 1…n, ``customer_key`` = your id, ``first_purchase``,
        ``tenure_years``, ``churned``, ``churn_date``, zero ``cost_to_serve`` and ``bad_debt``),
        ``transactions`` (``order_id``, ``customer_id``, ``date``, ``list_value``, ``discount``,
        ``revenue``, ``cost``, ``margin``, ``quantity``), the other datasets empty.

    Examples
    --------
    >>> log = pd.DataFrame({"kunde": [7, 7, 9], "datum": ["2024-01-05", "bad", "2024-02-10"],
    ...                     "betrag": [120.0, 80.0, 45.5]})
    >>> world_from_transactions(log, customer="kunde", date="datum", value="betrag")
    Traceback (most recent call last):
    ...
    ValueError: world_from_transactions: column 'datum' holds 'bad' in row 1; expected a date such as YYYY-MM-DD
    """
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{_WHAT}: expected a pandas DataFrame of purchases (e.g. "
                         f"pd.read_csv(...)), got {type(df).__name__}")
    OneOf(("refuse", "keep")).check(duplicates, what=_WHAT, name="duplicates")
    Interval(1, 3650, integer=True).check(lapse_days, what=_WHAT, name="lapse_days")
    asof = DateOption().check(asof, what=_WHAT, name="asof")
    names = {"customer": customer, "date": date, "value": value, "cost": cost, "quantity": quantity}
    for key, col in names.items():
        if col is None:
            continue
        if not isinstance(col, str):
            raise ValueError(f"{_WHAT}: {key}= must name a column (a string), got {col!r}")
        if col not in df.columns:
            raise ValueError(f"{_WHAT}: the data has no column {col!r} (given as {key}=); its "
                             f"columns are {list(map(str, df.columns))}")
    if len(df) == 0:
        raise ValueError(f"{_WHAT}: the data is empty; expected at least one purchase")
    used = [c for c in names.values() if c is not None]
    if duplicates == "refuse":
        dup = df.duplicated(subset=used).to_numpy()
        if dup.any():
            i = int(np.flatnonzero(dup)[0])
            raise ValueError(f"{_WHAT}: row {_py(df.index[i])!r} repeats an earlier row exactly "
                             f"({', '.join(f'{c}={_py(df[c].iloc[i])!r}' for c in used)}); "
                             "remove the copies, or pass duplicates='keep' if they are separate "
                             "purchases")

    ids = df[customer]
    miss = ids.isna().to_numpy()
    if miss.any():
        i = int(np.flatnonzero(miss)[0])
        raise _bad(customer, _py(df.index[i]), None, N_("a customer id in every row"))
    dates = _dates(df[date], date, df.index)
    money = {}
    for key in ("value", "cost", "quantity"):
        if names[key] is not None:
            money[key] = _amounts(df[names[key]], names[key], df.index)
    if asof is None:
        asof = pd.Timestamp(dates.max()).normalize()
    if dates.max() > asof:
        i = int(np.argmax(dates.to_numpy() > np.datetime64(asof)))
        raise _bad(date, _py(df.index[i]), str(dates.iloc[i].date()), f"dates up to asof={asof.date()}")

    # customer ids: whole numbers stay; anything else is numbered 1…n in sorted order
    raw = ids.to_numpy(dtype="float64") if (pd.api.types.is_numeric_dtype(ids)
                                            and not pd.api.types.is_bool_dtype(ids)) else None
    numeric = raw is not None and bool(np.isfinite(raw).all() and (raw == np.round(raw)).all())
    if numeric:
        cid, keys = raw.astype("int64"), None
    else:
        codes, uniques = pd.factorize(ids.astype("str"), sort=True)
        keys, cid = np.asarray(uniques, dtype=object), codes + 1
    order = np.lexsort((np.arange(len(df)), dates.to_numpy()))
    v = money["value"]
    c_ = money.get("cost", np.zeros(len(df)))
    tx = pd.DataFrame({
        "order_id": np.arange(1, len(df) + 1, dtype="int64"),
        "customer_id": np.asarray(cid, dtype="int64")[order],
        "date": dates.to_numpy()[order].astype("datetime64[us]"),
        "quantity": (money["quantity"][order].astype("int64") if "quantity" in money
                     else np.ones(len(df), dtype="int64")),
        "list_value": v[order], "discount": np.zeros(len(df)), "revenue": v[order],
        "cost": c_[order], "margin": (v - c_)[order] if "cost" in money else v[order],
    })
    g = tx.groupby("customer_id")["date"]
    first, last = g.min(), g.max()
    lapsed = (asof - last).dt.days > lapse_days
    end = last.where(lapsed, asof)
    customers = pd.DataFrame({
        "customer_id": first.index.to_numpy(),
        "first_purchase": first.to_numpy(),
        "tenure_years": ((end - first).dt.days / 365.25).to_numpy(),
        "cost_to_serve": 0.0, "bad_debt": 0.0,
        "churned": lapsed.to_numpy(),
        "churn_date": (last + pd.Timedelta(days=1)).where(lapsed).to_numpy(),
    })
    if keys is not None:
        customers.insert(1, "customer_key", pd.array(keys[customers["customer_id"] - 1], dtype="str"))
    frames = {name: _empty(name) for name in schema.SCHEMA if name not in ("customers", "transactions")}
    w = World(customers=customers, transactions=tx, **frames, seed=-1,
              n_customers=len(customers), asof=asof)
    start = pd.Timestamp(year=dates.min().year, month=dates.min().month, day=1)
    stamp(w, start=start, asof=asof)
    w.customers.attrs["source"] = {"cost": cost is not None, "lapse_days": lapse_days}
    return w


def _dates(s: pd.Series, column: str, index) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(s):
        out = s
    elif pd.api.types.is_numeric_dtype(s):
        raise _bad(column, _py(index[0]), _py(s.iloc[0]), N_("a date such as YYYY-MM-DD, not a number"))
    else:
        out = pd.to_datetime(s, errors="coerce", format="ISO8601")  # fast for YYYY-MM-DD
        retry = out.isna().to_numpy() & s.notna().to_numpy()
        if retry.any():  # other spellings, such as YYYY/MM/DD or "1 March YYYY"
            out = out.copy()
            out[retry] = pd.to_datetime(s[retry], errors="coerce", format="mixed")
        bad = out.isna().to_numpy() & s.notna().to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _bad(column, _py(index[i]), _py(s.iloc[i]), N_("a date such as YYYY-MM-DD"))
    miss = out.isna().to_numpy()
    if miss.any():
        i = int(np.flatnonzero(miss)[0])
        raise _bad(column, _py(index[i]), None, N_("a date in every row"))
    out = out.reset_index(drop=True)
    if out.dt.tz is not None:
        out = out.dt.tz_localize(None)
    return out


def _amounts(s: pd.Series, column: str, index) -> np.ndarray:
    if pd.api.types.is_bool_dtype(s):
        raise _bad(column, _py(index[0]), _py(s.iloc[0]), N_("an amount (a number), not True/False"))
    if not pd.api.types.is_numeric_dtype(s):
        num = pd.to_numeric(s, errors="coerce")  # numbers stored as text ("12.50") are fine
        bad = num.isna().to_numpy() & s.notna().to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _bad(column, _py(index[i]), _py(s.iloc[i]), N_("an amount (a number), not text"))
        s = num
    arr = s.to_numpy(dtype="float64", na_value=np.nan)
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _bad(column, _py(index[i]), float(arr[i]), N_("a finite amount in every row"))
    neg = arr < 0
    if neg.any():
        i = int(np.flatnonzero(neg)[0])
        raise _bad(column, _py(index[i]), float(arr[i]), N_("an amount ≥ 0 (returns and refunds "
                   "belong in a separate table)"))
    return arr


@dataclass(frozen=True)
class Support:
    """Which chapter analyses a world supports: ``table`` (one row per analysis) and a summary."""

    table: pd.DataFrame

    def __repr__(self) -> str:
        from ..i18n import _

        t = self.table
        lines = [_("{n} of {total} chapter analyses run on these data.").format(
            n=int(t['supported'].sum()), total=len(t))]
        for ch, g in t.groupby("chapter", sort=True):
            ok = g.loc[g["supported"], "analysis"].tolist()
            no = g.loc[~g["supported"]]
            lines.append(_("chapter {chapter}: runs {analyses}").format(
                chapter=ch, analyses=", ".join(ok) if ok else _("nothing")))
            if len(no):
                needs = sorted({m for ms in no["missing"] for m in ms.split(", ") if m})
                lines.append("  " + _("needs for the other {n}: {needs}").format(
                    n=len(no), needs=", ".join(needs)))
        notes = t.loc[t["note"] != "", "note"].unique().tolist()
        lines += [_("note: {note}").format(note=_(n)) for n in notes]
        return "\n".join(lines)


def supports(world) -> Support:
    """Which chapter analyses of the kit run on this world, and what the others need.

    Parameters
    ----------
    world : World
        Any casekit World.

    Returns
    -------
    Support
        ``.table``: ``chapter``, ``analysis``, ``supported``, ``missing`` (datasets or columns the
        data lack) and ``note``; its text lists them chapter by chapter.

    Examples
    --------
    >>> import casekit as ck
    >>> bool(supports(ck.world()).table["supported"].all())
    True
    """
    from ..chapters import ANALYSES

    rows = []
    source = world.customers.attrs.get("source", {})
    for a in ANALYSES:
        missing = []
        for ds, cols in a.needs.items():
            frame = getattr(world, ds, None)
            if frame is None or len(frame) == 0:
                missing.append(f"{ds} data")
                continue
            missing += [f"{ds}.{c}" for c in cols if c not in frame.columns]
        note = ""
        if not missing and a.profit and source and not source.get("cost", True):
            note = N_("no cost column: gross margin and profit equal revenue (pass cost=... for "
                      "real margins)")
        rows.append({"chapter": a.chapter, "analysis": a.name, "supported": not missing,
                     "missing": ", ".join(missing), "note": note})
    return Support(pd.DataFrame(rows))


def load_cdnow_world() -> World:
    """The real CDNOW purchases (Fader & Hardie) as a World, through :func:`world_from_transactions`.

    Same-day purchases are separate rows in the source, so repeated rows are kept
    (``duplicates="keep"``); amounts are in US dollars, with no cost column; a customer silent
    for the last 180 days of the 18 months counts as lapsed.

    Returns
    -------
    World
        The CDNOW purchases as a World (stamped with their period).

    Examples
    --------
    >>> w = load_cdnow_world()
    >>> w.asof, len(w.customers)
    (Timestamp('1998-06-30 00:00:00'), 23570)
    """
    from ..data import load

    return world_from_transactions(load("cdnow"), customer="customer_id", date="date",
                                   value="dollar_value", quantity="number_of_cds",
                                   lapse_days=180, duplicates="keep")
