"""Build the customer database (客户数据库) in six stages, each as the SQL that performs it.

The source's six stages (建立客户数据库的六个阶段, :data:`casekit.analysis.DATABASE_STAGES`) become
six groups of SQL statements run on one SQLite file:

1. **decide** (做出建立客户数据库的决定) — what the database holds: ``content`` (every table and
   column with its meaning and Chinese term), ``vocabulary`` (the allowed values of coded fields)
   and the rules the views use (``settings``, ``days_of_cover``, ``rating_factor``,
   ``visit_rules``);
2. **collect** (客户资料的搜集) — the records as they arrive, into ``collected_*`` tables without
   constraints; for the synthetic world a few typing faults are added, as cards typed in by many
   reps would hold (:data:`FAULTS`);
3. **the customer card** (填写个别客户资料卡内容) — ``customers``, ``transactions``, ``complaints``
   and ``leads`` created with keys, types and constraints (``PRIMARY KEY``, ``FOREIGN KEY``,
   ``CHECK``, ``NOT NULL``): the card's form, which refuses a bad value;
4. **sort and screen** (资料的整理与筛选) — queries find duplicates, text outside the vocabulary,
   numbers on the wrong scale and orders of unknown customers; they are repaired (or set aside in
   ``rejected_orders`` / ``to_recollect``), the card tables filled, and every check counted in
   ``screening_report``;
5. **insight** (智慧型信息的完成) — views: ``customer_sales``, ``customer_file``, ``composition``,
   ``trading_performance``, ``segment_performance``, ``cross_ratios``, ``credit_review``;
6. **use** (灵活使用客户数据库中的信息) — ``grades``, ``routes`` and the ``visit_plan`` (per route)
   and ``visit_plan_region`` views: the visit plan as a query.

Each view computes what :mod:`casekit.analysis` computes in pandas (the tests check they agree).

A missing table or column is tolerated: the builder loads what the data has and creates only the
views whose columns exist; :attr:`CustomerDatabase.skipped` says which were left out and why.
CDNOW (``customer_id``, ``date``, ``number_of_cds``, ``dollar_value``) and any purchase list with a
customer, a date and a value build a database of ``customers`` (derived from the purchases) and
``transactions``.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import analysis as _A
from ..analysis.flow import _R2  # the stand-in positions of the route classification
from .. import schema
from ..validate import require_frame, require_number
from . import query as _Q
from ..i18n import N_, _

__all__ = ["CRM_FEATURES", "CustomerDatabase", "FAULTS", "STAGES", "TABLES", "build", "readable"]

#: The card tables, in load order (parents before children).
TABLES = ("customers", "transactions", "complaints", "leads")
_KEYS = {"customers": "customer_id", "transactions": "order_id", "complaints": "complaint_id",
         "leads": "lead_id"}
_PARENT = {"transactions": "customers", "complaints": "customers"}
#: Columns that may be empty on a card (NULL): unknown until an event, or to be collected again.
_NULLABLE = {("customers", "churn_date"), ("customers", "satisfaction"),
             ("leads", "days_to_close"), ("complaints", "days_to_resolve")}
#: Range checks of the card (low, high; None = open), beyond the types.
_RANGES = {
    "customers": {"employees": (1, None), "tenure_years": (0, None), "acquisition_cost": (0, None),
                  "price_sensitivity": (0, 1), "payment_days": (0, 365), "service_hours": (0, None),
                  "cost_to_serve": (0, None), "retention_cost": (0, None), "bad_debt": (0, None),
                  "disputes": (0, None), "off_core_requests": (0, None),
                  "innovation_requests": (0, None), "loyalty": (0, 1), "satisfaction": (1, 5),
                  "cooperativeness": (1, 5)},
    "transactions": {"quantity": (1, None), "list_value": (0, None), "discount": (0, None),
                     "cost": (0, None)},
    "complaints": {"claim_amount": (0, None), "days_to_resolve": (0, None),
                   "handling_score": (1, 5), "satisfaction_after": (1, 5)},
    "leads": {"lead_cost": (0, None), "days_to_close": (0, None), "expected_value": (0, None)},
}
_ROW_CHECKS = {
    "transactions": [("revenue", "list_value", "discount",
                      "abs(revenue - (list_value - discount)) < 0.011"),
                     ("margin", "revenue", "cost", "abs(margin - (revenue - cost)) < 0.011")],
}

#: The practice faults added to the synthetic world's collected records (stage 2), found and
#: repaired in stage 4: (table, fault, how it is found, how it is repaired).
FAULTS = (
    ("customers", "entered twice", "GROUP BY customer_id HAVING COUNT(*) > 1",
     "keep the first entry"),
    ("customers", "region typed in lower case with spaces", "region NOT IN the vocabulary",
     N_("trim and match the vocabulary ignoring case")),
    ("customers", "segment typed in capitals", "segment NOT IN the vocabulary",
     "match the vocabulary ignoring case"),
    ("customers", "loyalty typed as a percentage (65 for 0.65)", "loyalty > 1",
     "divide by 100 (the scale is known)"),
    ("customers", "satisfaction on a 0–10 scale", "satisfaction NOT BETWEEN 1 AND 5",
     "leave it empty and collect it again on the next visit (to_recollect)"),
    ("transactions", "order entered twice", "GROUP BY order_id HAVING COUNT(*) > 1",
     "keep the first entry"),
    ("transactions", "customer number mistyped", "no such customer_id in the customers",
     N_("set the order aside (rejected_orders)")),
)

_SQL_TYPE = {"int64": "INTEGER", "Int64": "INTEGER", "float64": "REAL", "bool": "INTEGER",
             "date": "TEXT", "str": "TEXT", "category": "TEXT"}

_FAULT_STREAM = 52_020  # the faults' own random stream: np.random.default_rng([seed, 52020])


def _q(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _lit(v) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return "'" + str(v).replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------------
# The data, whatever shape it comes in
# ---------------------------------------------------------------------------------------------

_CDNOW_NAMES = {"number_of_cds": "quantity", "dollar_value": "revenue"}


def _purchases_to_frames(tx: pd.DataFrame, *, customer, date, value, what) -> dict:
    """A purchase list (CDNOW, or a user's own) as ``customers`` and ``transactions``."""
    tx = tx.rename(columns={k: v for k, v in _CDNOW_NAMES.items() if k in tx.columns})
    tx = tx.rename(columns={customer: "customer_id", date: "date", value: "revenue"})
    require_frame(tx, {"customer_id": "numeric", "date": "date", "revenue": "numeric"}, what=what)
    tx = tx.copy()
    if "order_id" not in tx.columns:
        tx = tx.sort_values(["customer_id", "date"], kind="stable").reset_index(drop=True)
        tx.insert(0, "order_id", np.arange(1, len(tx) + 1, dtype="int64"))
    g = tx.groupby("customer_id", sort=True)["date"].min()
    customers = pd.DataFrame({"customer_id": g.index.to_numpy(dtype="int64"),
                              "first_purchase": g.to_numpy()})
    return {"customers": customers, "transactions": tx}


def _frames(data, *, customer, date, value, what):
    """(frames by table name, source kind, as-of date, seed)."""
    if data is None:
        from .. import data as _data
        data = _data.world()
    if isinstance(data, pd.DataFrame):
        frames = _purchases_to_frames(data, customer=customer, date=date, value=value, what=what)
        kind, seed = "purchases", 0
        asof = frames["transactions"]["date"].max()
    elif isinstance(data, Mapping):
        frames = {k: v for k, v in data.items() if k in TABLES and v is not None}
        for k, v in frames.items():
            if not isinstance(v, pd.DataFrame):
                raise ValueError(f"{what}: data[{k!r}] must be a DataFrame, got {type(v).__name__}")
        unknown = [k for k in data if k not in TABLES]
        if unknown:
            raise ValueError(f"{what}: unknown table {unknown[0]!r}; expected some of {list(TABLES)}")
        if "customers" not in frames and "transactions" in frames:
            frames.update({k: v for k, v in _purchases_to_frames(
                frames["transactions"], customer=customer, date=date, value=value,
                what=what).items() if k not in frames or k == "transactions"})
        if "customers" not in frames:
            raise ValueError(f"{what}: the data needs at least 'customers' or 'transactions'")
        kind, seed = "own data", 0
        asof = (frames["transactions"]["date"].max() if "transactions" in frames
                else pd.Timestamp.today().normalize())
    elif all(hasattr(data, a) for a in ("customers",)) and not isinstance(data, str):
        frames = {t: getattr(data, t) for t in TABLES
                  if isinstance(getattr(data, t, None), pd.DataFrame)}
        synthetic = hasattr(data, "seed") and hasattr(data, "accounts")
        kind = "synthetic" if synthetic else "own data"
        seed = int(getattr(data, "seed", 0) or 0)
        asof = getattr(data, "asof", None)
        if asof is None:
            asof = (frames["transactions"]["date"].max() if "transactions" in frames
                    else pd.Timestamp.today().normalize())
    else:
        hint = " (pass the data, e.g. ck.world(), not its name)" if isinstance(data, str) else ""
        raise ValueError(f"{what}: expected a casekit World (e.g. ck.world()), a dict of frames "
                         f"or a purchase list (a DataFrame such as ck.load('cdnow')); got "
                         f"{type(data).__name__}{hint}")
    if "customers" in frames:
        require_frame(frames["customers"], {"customer_id": "numeric"}, what=what, allow_empty=True)
    for t in ("transactions", "complaints"):
        if t in frames:
            require_frame(frames[t], {"customer_id": "numeric"}, what=what, allow_empty=True)
    return frames, kind, pd.Timestamp(asof).normalize(), seed


def _columns(table: str, frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(column, schema dtype) of a frame: schema order first, then the frame's own columns."""
    declared = {c.name: c for c in schema.SCHEMA.get(table, ())}
    out = [(c, declared[c].dtype) for c in declared if c in frame.columns]
    for c in frame.columns:
        if c in declared:
            continue
        s = frame[c]
        if pd.api.types.is_bool_dtype(s):
            dt = "bool"
        elif pd.api.types.is_integer_dtype(s):
            dt = "int64"
        elif pd.api.types.is_numeric_dtype(s):
            dt = "float64"
        elif pd.api.types.is_datetime64_any_dtype(s):
            dt = "date"
        else:
            dt = "str"
        out.append((str(c), dt))
    return out


def _records(frame: pd.DataFrame, cols: list[tuple[str, str]]) -> list[tuple]:
    """Rows as plain Python values: dates as ISO text, booleans as 0/1, gaps as None."""
    out = []
    for c, dt in cols:
        s = frame[c]
        gap = s.isna().to_numpy()
        if dt == "date":
            values = pd.to_datetime(s).dt.strftime("%Y-%m-%d").astype(object).tolist()
        elif dt == "bool":
            values = s.fillna(False).astype(bool).astype("int64").tolist()
        elif dt in ("int64", "Int64"):
            values = s.fillna(0).astype("int64").tolist() if pd.api.types.is_numeric_dtype(s) \
                else s.astype(object).tolist()
        elif dt == "float64":
            values = s.astype("float64").tolist()
        else:
            values = s.astype(object).where(~gap, "").astype(str).tolist()
        if gap.any():
            for i in np.flatnonzero(gap):
                values[i] = None
        out.append(values)
    return list(zip(*out)) if cols else []


# ---------------------------------------------------------------------------------------------
# The stages
# ---------------------------------------------------------------------------------------------

@dataclass
class _Build:
    con: sqlite3.Connection
    kind: str
    stages: dict = field(default_factory=lambda: {k: [] for k in range(1, 7)})
    report: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    def run(self, stage: int, sql: str, params=None, *, show: bool = True):
        cur = self.con.execute(sql, params or ())
        if show:
            self.stages[stage].append(sql.strip())
        return cur

    def script(self, stage: int, sql: str):
        for stmt in _Q._statements(sql):
            self.run(stage, stmt)


_SETTINGS_DOC = {
    "asof": N_("the as-of date: the end of the data"),
    "year_before": N_("earlier year of trading performance"),
    "year_after": N_("later year of trading performance"),
    "a_cutoff": N_("grade A until this share of revenue"),
    "b_cutoff": N_("grade B until this share, then C"),
    "max_payment_days": N_("credit: paying later is a warning sign"),
    "max_disputes": N_("credit: this many disputes is a warning sign"),
    "months_of_sales": N_("credit limit: months of sales × rating factor"),
    "trial_factor": N_("credit: share of the limit in the first year"),
    "customers_per_route": N_("routes: customers per visit route at most"),
    "travel_minutes_per_stop": N_("visit plan: driving minutes per visit"),
    "hours_per_day": N_("visit plan: a field rep's hours per day"),
    "working_days": N_("visit plan: working days per month"),
}


def _stage1(b: _Build, frames: dict, asof: pd.Timestamp) -> None:
    """Decide the content: what the database holds and the rules its views use."""
    b.script(1, """
        CREATE TABLE content (
            table_name TEXT NOT NULL, column_name TEXT NOT NULL, type TEXT NOT NULL,
            unit TEXT, meaning TEXT, chinese TEXT, PRIMARY KEY (table_name, column_name));
        CREATE TABLE vocabulary (
            column_name TEXT NOT NULL, value TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (column_name, value));
        CREATE TABLE settings (name TEXT PRIMARY KEY, value NOT NULL, meaning TEXT NOT NULL);
        CREATE TABLE days_of_cover (
            product_line TEXT PRIMARY KEY, days REAL NOT NULL CHECK (days > 0));
        CREATE TABLE rating_factor (
            credit_rating TEXT PRIMARY KEY, factor REAL NOT NULL CHECK (factor BETWEEN 0 AND 1));
        CREATE TABLE visit_rules (
            grade TEXT PRIMARY KEY CHECK (grade IN ('A', 'B', 'C')),
            visits_per_month REAL NOT NULL CHECK (visits_per_month >= 0),
            minutes_per_visit REAL NOT NULL CHECK (minutes_per_visit >= 0))
    """)
    rows = []
    for t, f in frames.items():
        declared = {c.name: c for c in schema.SCHEMA.get(t, ())}
        for c, dt in _columns(t, f):
            d = declared.get(c)
            rows.append((t, c, _SQL_TYPE[dt], d.unit if d else "", d.meaning if d else "",
                         d.zh if d else ""))
    b.con.executemany("INSERT INTO content VALUES (?, ?, ?, ?, ?, ?)", rows)
    b.stages[1].append("INSERT INTO content VALUES (?, ?, ?, ?, ?, ?)  -- one row per column")
    if b.kind == "synthetic":
        vocab = []
        for t in ("customers", "transactions", "complaints", "leads"):
            for c in schema.SCHEMA.get(t, ()):
                if c.categories and t in frames and c.name in frames[t].columns:
                    vocab += [(c.name, v, i) for i, v in enumerate(c.categories)]
        b.con.executemany("INSERT OR IGNORE INTO vocabulary VALUES (?, ?, ?)", vocab)
        b.stages[1].append("INSERT INTO vocabulary VALUES (?, ?, ?)  -- the allowed values")
    tx = frames.get("transactions")
    years = sorted(pd.to_datetime(tx["date"]).dt.year.unique()) if tx is not None and len(tx) else []
    after = int(years[-1]) if years else int(asof.year)
    settings = {"asof": asof.strftime("%Y-%m-%d"), "year_before": after - 1, "year_after": after,
                "a_cutoff": 0.7, "b_cutoff": 0.9, "max_payment_days": 75, "max_disputes": 2,
                "months_of_sales": 2.0, "trial_factor": 0.5, "customers_per_route": 40,
                "travel_minutes_per_stop": 30.0, "hours_per_day": 7.0, "working_days": 21.0}
    b.con.executemany("INSERT INTO settings VALUES (?, ?, ?)",
                      [(k, v, _SETTINGS_DOC[k]) for k, v in settings.items()])
    b.stages[1].append("INSERT INTO settings VALUES ('asof', '" + settings["asof"]
                       + "', 'the as-of date: the end of the data')  -- and the other rules")
    b.con.executemany("INSERT INTO days_of_cover VALUES (?, ?)", list(_A.DAYS_OF_COVER.items()))
    b.con.executemany("INSERT INTO rating_factor VALUES (?, ?)", list(_A.RATING_FACTOR.items()))
    b.con.executemany("INSERT INTO visit_rules VALUES (?, ?, ?)",
                      [(g, _A.VISITS_PER_MONTH[g], _A.MINUTES_PER_VISIT[g]) for g in "ABC"])
    b.stages[1].append("INSERT INTO days_of_cover VALUES ('equipment', 60)  -- an assumption, "
                       "per product line")


def _faults(frames: dict, seed: int, share: float) -> dict:
    """The practice faults (:data:`FAULTS`), from their own random stream."""
    rng = np.random.default_rng([int(seed), _FAULT_STREAM])
    out = dict(frames)
    c = frames["customers"].copy()
    n = len(c)
    k = max(1, round(share * n))

    def pick(m, size):
        return np.sort(rng.choice(m, size=min(size, m), replace=False))

    for col in ("region", "segment", "loyalty", "satisfaction"):
        if col in c.columns:
            c[col] = c[col].astype("str" if col in ("region", "segment") else "float64")
    if "region" in c.columns:
        rows = c.index[pick(n, k)]
        c.loc[rows, "region"] = " " + c.loc[rows, "region"].str.lower() + " "
    if "segment" in c.columns:
        rows = c.index[pick(n, k)]
        c.loc[rows, "segment"] = c.loc[rows, "segment"].str.upper()
    if "loyalty" in c.columns:
        rows = c.index[pick(n, k)]
        c.loc[rows, "loyalty"] = c.loc[rows, "loyalty"] * 100.0
        c.loc[rows[c.loc[rows, "loyalty"] <= 1], "loyalty"] = 55.0  # never left on the 0–1 scale
    if "satisfaction" in c.columns:
        rows = c.index[pick(n, k)]
        c.loc[rows, "satisfaction"] = rng.choice([0.0, 6.0, 7.0, 8.0, 9.0], size=len(rows))
    dup = c.iloc[pick(n, k)].copy()
    if "region" in dup.columns:
        dup["region"] = dup["region"].str.upper()
    out["customers"] = pd.concat([c, dup], ignore_index=True)
    if "transactions" in frames and len(frames["transactions"]):
        t = frames["transactions"]
        m = len(t)
        kt = max(1, round(share * m / 10))
        again = t.iloc[pick(m, kt)]
        wrong = t.iloc[pick(m, kt)].copy()
        wrong["order_id"] = int(t["order_id"].max()) + 1 + np.arange(len(wrong))
        wrong["customer_id"] = int(c["customer_id"].max()) + 1 + wrong["customer_id"].to_numpy() % 97
        out["transactions"] = pd.concat([t, again, wrong], ignore_index=True)
    return out


def _stage2(b: _Build, frames: dict) -> dict:
    """Collect: load the records as they arrive, into tables without constraints."""
    cols = {}
    for t, f in frames.items():
        cols[t] = _columns(t, f)
        spec = ", ".join(f"{_q(c)} {_SQL_TYPE[dt]}" for c, dt in cols[t])
        b.run(2, f"CREATE TABLE {_q('collected_' + t)} ({spec})")
        marks = ", ".join("?" * len(cols[t]))
        b.con.executemany(f"INSERT INTO {_q('collected_' + t)} VALUES ({marks})",
                          _records(f, cols[t]))
        b.stages[2].append(f"INSERT INTO collected_{t} VALUES ({marks})  -- {len(f):,} rows "
                           "as collected")
    return cols


def _card_sql(b: _Build, table: str, cols: list[tuple[str, str]], present: set) -> str:
    """CREATE TABLE of one card table, with its keys, types and constraints."""
    key = _KEYS.get(table)
    vocab = {}
    if b.kind == "synthetic":
        for c in schema.SCHEMA.get(table, ()):
            if c.categories:
                vocab[c.name] = c.categories
    lines = []
    for c, dt in cols:
        parts = [_q(c), _SQL_TYPE[dt]]
        if c == key:
            parts.append("PRIMARY KEY")
        elif b.kind == "synthetic" and (table, c) not in _NULLABLE:
            parts.append("NOT NULL")
        checks = []
        if dt == "bool":
            checks.append(f"{_q(c)} IN (0, 1)")
        if dt == "date":
            checks.append(f"{_q(c)} IS date({_q(c)})")
        if c in vocab:
            checks.append(f"{_q(c)} IN ({', '.join(_lit(v) for v in vocab[c])})")
        lo, hi = _RANGES.get(table, {}).get(c, (None, None))
        if lo is not None and hi is not None:
            checks.append(f"{_q(c)} BETWEEN {lo} AND {hi}")
        elif lo is not None:
            checks.append(f"{_q(c)} >= {lo}")
        if checks:
            parts.append("CHECK (" + " AND ".join(checks) + ")")
        lines.append(" ".join(parts))
    names = {c for c, _ in cols}
    for needs_a, needs_b, needs_c, rule in _ROW_CHECKS.get(table, ()):
        if {needs_a, needs_b, needs_c} <= names:
            lines.append(f"CHECK ({rule})")
    parent = _PARENT.get(table)
    if parent in present and "customer_id" in names:
        lines.append("FOREIGN KEY (customer_id) REFERENCES customers (customer_id)")
    return f"CREATE TABLE {table} (\n    " + ",\n    ".join(lines) + "\n)"


def _stage3(b: _Build, cols: dict) -> None:
    """The customer card: the tables with keys, types and constraints."""
    present = set(cols)
    for t in TABLES:
        if t in cols:
            b.run(3, _card_sql(b, t, cols[t], present))


def _count(b, sql) -> int:
    return int(b.con.execute(sql).fetchone()[0])


def _check(b: _Build, table, check, column, count_sql, repair_sqls, how):
    found = _count(b, count_sql)
    b.stages[4].append(count_sql)
    for sql in repair_sqls:
        b.run(4, sql)
    left = _count(b, count_sql) if repair_sqls else found
    b.report.append((table, check, column, found, found - left, how))


def _stage4(b: _Build, cols: dict) -> None:
    """Sort and screen: find the faults with queries, repair them, fill the cards, report."""
    b.run(4, """CREATE TABLE screening_report (
        table_name TEXT NOT NULL, check_name TEXT NOT NULL, column_name TEXT NOT NULL,
        found INTEGER NOT NULL, repaired INTEGER NOT NULL, how TEXT NOT NULL)""")
    b.run(4, """CREATE TABLE to_recollect (
        customer_id INTEGER NOT NULL, column_name TEXT NOT NULL, value_typed,
        reason TEXT NOT NULL)""")
    vocab_cols = {r[0] for r in b.con.execute("SELECT DISTINCT column_name FROM vocabulary")}
    for t in TABLES:
        if t not in cols:
            continue
        raw = f"collected_{t}"
        names = dict(cols[t])
        # text outside the vocabulary: trim and match ignoring case
        for c in names:
            if c not in vocab_cols:
                continue
            outside = (f"SELECT COUNT(*) FROM {raw} WHERE {_q(c)} IS NOT NULL AND {_q(c)} NOT IN "
                       f"(SELECT value FROM vocabulary WHERE column_name = '{c}')")
            repair = (f"UPDATE {raw} SET {_q(c)} = (SELECT v.value FROM vocabulary v WHERE "
                      f"v.column_name = '{c}' AND lower(v.value) = lower(trim({raw}.{_q(c)}))) "
                      f"WHERE {_q(c)} NOT IN (SELECT value FROM vocabulary WHERE column_name = "
                      f"'{c}') AND EXISTS (SELECT 1 FROM vocabulary v WHERE v.column_name = "
                      f"'{c}' AND lower(v.value) = lower(trim({raw}.{_q(c)})))")
            if _count(b, outside) or c in ("region", "segment"):
                _check(b, t, N_("not an allowed value"), c, outside, [repair],
                       N_("trim and match the vocabulary ignoring case"))
        if t == "customers" and "loyalty" in names:
            sql = f"SELECT COUNT(*) FROM {raw} WHERE loyalty > 1 AND loyalty <= 100"
            _check(b, t, N_("on the wrong scale"), "loyalty", sql,
                   [f"UPDATE {raw} SET loyalty = round(loyalty / 100.0, 3) WHERE loyalty > 1 "
                    "AND loyalty <= 100"], N_("divide by 100: loyalty is a share from 0 to 1"))
        if t == "customers" and "satisfaction" in names:
            sql = f"SELECT COUNT(*) FROM {raw} WHERE satisfaction NOT BETWEEN 1 AND 5"
            _check(b, t, N_("out of range"), "satisfaction", sql, [
                f"INSERT INTO to_recollect SELECT customer_id, 'satisfaction', satisfaction, "
                f"'satisfaction must be 1–5' FROM {raw} WHERE satisfaction NOT BETWEEN 1 AND 5",
                f"UPDATE {raw} SET satisfaction = NULL WHERE satisfaction NOT BETWEEN 1 AND 5"],
                N_("empty it; collect it again (to_recollect)"))
        key = _KEYS[t]
        if key in names:
            sql = (f"SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM {raw} "
                   f"GROUP BY {key} HAVING COUNT(*) > 1)")
            _check(b, t, N_("entered twice"), key, sql,
                   [f"DELETE FROM {raw} WHERE rowid NOT IN (SELECT MIN(rowid) FROM {raw} "
                    f"GROUP BY {key})"], N_("keep the first entry"))
        if t in _PARENT and "customer_id" in names:
            if t == "transactions":
                spec = ", ".join(f"{_q(c)} {_SQL_TYPE[dt]}" for c, dt in cols[t])
                b.run(4, f"CREATE TABLE rejected_orders ({spec})")
                aside = [f"INSERT INTO rejected_orders SELECT * FROM {raw} WHERE customer_id NOT "
                         "IN (SELECT customer_id FROM customers)"]
                how = N_("set the order aside (rejected_orders)")
            else:
                aside, how = [], N_("leave it out")
            sql = (f"SELECT COUNT(*) FROM {raw} WHERE customer_id NOT IN "
                   "(SELECT customer_id FROM customers)")
            _check(b, t, N_("unknown customer"), "customer_id", sql, aside + [
                f"DELETE FROM {raw} WHERE customer_id NOT IN (SELECT customer_id FROM customers)"],
                how)
        collected = _count(b, f"SELECT COUNT(*) FROM {raw}")
        names_sql = ", ".join(_q(c) for c in names)
        b.run(4, f"INSERT OR IGNORE INTO {t} ({names_sql}) SELECT {names_sql} FROM {raw}")
        filled = _count(b, f"SELECT COUNT(*) FROM {t}")
        b.report.append((t, N_("refused by the card's constraints"), "(any)", collected - filled, 0,
                         N_("left out: fix the record and load it again")))
        b.run(4, f"DROP TABLE {raw}")
    b.con.executemany("INSERT INTO screening_report VALUES (?, ?, ?, ?, ?, ?)", b.report)
    for t, c in (("transactions", "customer_id"), ("transactions", "date"),
                 ("complaints", "customer_id")):  # indexes, once the cards are filled
        if t in cols and c in dict(cols[t]):
            b.run(4, f"CREATE INDEX {t}_{c} ON {t} ({c})")


# -- stage 5 and 6: views --------------------------------------------------------------------

def _setting(name: str, cast: str = "REAL") -> str:
    return f"(SELECT CAST(value AS {cast}) FROM settings WHERE name = '{name}')"


def _has(cols: dict, table: str, *names) -> bool:
    return table in cols and all(n in dict(cols[table]) for n in names)


def _size_band_sql() -> str:
    parts = []
    for label, _zh, _lo, hi in _A.SIZE_BANDS:
        parts.append(f"WHEN c.employees <= {hi} THEN {_lit(label)}" if hi is not None
                     else f"ELSE {_lit(label)}")
    return "CASE " + " ".join(parts) + " END"


def _views(cols: dict) -> list[tuple[int, str, str, str | None]]:
    """(stage, view name, CREATE VIEW sql or '', why skipped)."""
    out = []
    tx_margin = _has(cols, "transactions", "margin")
    if _has(cols, "transactions", "revenue", "date"):
        margin = "COALESCE(SUM(t.margin), 0) AS gross_margin,\n    " if tx_margin else ""
        out.append((5, "customer_sales", f"""CREATE VIEW customer_sales AS
SELECT c.customer_id,
    COUNT(t.order_id) AS orders,
    COALESCE(SUM(t.revenue), 0) AS revenue,
    {margin}COALESCE(SUM(CASE WHEN t.date > p.start AND t.date <= p.asof THEN t.revenue END), 0)
        AS revenue_12m,
    MIN(t.date) AS first_order,
    MAX(t.date) AS last_order
FROM customers AS c
CROSS JOIN (SELECT value AS asof, date(value, '-365 days') AS start FROM settings
            WHERE name = 'asof') AS p
LEFT JOIN transactions AS t ON t.customer_id = c.customer_id
GROUP BY c.customer_id""", None))
    else:
        out.append((5, "customer_sales", "", "needs transactions with customer_id, date, revenue"))
        return out
    c_names = dict(cols["customers"])
    status = ("CASE WHEN c.churned = 1 THEN 'churned' ELSE 'active' END" if "churned" in c_names
              else "'active'")
    extra = []
    if "employees" in c_names:
        extra.append(f"{_size_band_sql()} AS size_band")
    if _has(cols, "complaints", "resolved"):
        extra.append("(SELECT COUNT(*) FROM complaints AS k WHERE k.customer_id = c.customer_id) "
                     "AS complaints")
        extra.append("(SELECT COUNT(*) FROM complaints AS k WHERE k.customer_id = c.customer_id "
                     "AND k.resolved = 0) AS open_complaints")
    sales = "s.orders, s.revenue, " + ("s.gross_margin, s.gross_margin / NULLIF(s.revenue, 0) AS "
                                       "margin_rate, " if tx_margin else "")
    out.append((5, "customer_file", f"""CREATE VIEW customer_file AS
SELECT c.*, {', '.join(extra) + ', ' if extra else ''}{sales}s.revenue_12m, s.last_order,
    CAST(julianday({_setting('asof', 'TEXT')}) - julianday(s.last_order) AS INTEGER) AS days_since_order,
    {status} AS status
FROM customers AS c
JOIN customer_sales AS s ON s.customer_id = c.customer_id""", None))
    dims = [d for d in ("customer_type", "segment", "region") if d in c_names]
    if "employees" in c_names:
        dims.append("size_band")
    if dims and tx_margin:
        parts = []
        for d in dims:
            parts.append(f"""SELECT '{d}' AS dimension, f.{d} AS grp,
    COUNT(*) AS customers,
    COUNT(*) * 1.0 / SUM(COUNT(*)) OVER () AS customer_share,
    SUM(f.revenue) AS revenue,
    SUM(f.revenue) / SUM(SUM(f.revenue)) OVER () AS revenue_share,
    SUM(f.gross_margin) AS gross_margin,
    SUM(f.gross_margin) / NULLIF(SUM(f.revenue), 0) AS margin_rate,
    SUM(f.revenue) / COUNT(*) AS per_customer
FROM f GROUP BY f.{d}""")
        out.append((5, "composition", "CREATE VIEW composition AS\nWITH f AS (\n"
                    f"    SELECT {', '.join(dims)}, revenue, gross_margin FROM customer_file)\n"
                    + "\nUNION ALL\n".join(parts), None))
    else:
        out.append((5, "composition", "", "needs customer traits (segment, region, type or "
                    "employees) and transactions with margin"))
    before, after = _setting("year_before", "INTEGER"), _setting("year_after", "INTEGER")
    m_sum = (f",\n        SUM(CASE WHEN y = {after} THEN t.margin ELSE 0 END) AS m_after"
             if tx_margin else "")
    m_col = ",\n    m_after / NULLIF(r_after, 0) AS margin_rate" if tx_margin else ""
    out.append((5, "trading_performance", f"""CREATE VIEW trading_performance AS
WITH per AS (
    SELECT t.customer_id,
        SUM(CASE WHEN y = {before} THEN t.revenue ELSE 0 END) AS r_before,
        SUM(CASE WHEN y = {after} THEN t.revenue ELSE 0 END) AS r_after,
        SUM(CASE WHEN y = {after} THEN 1 ELSE 0 END) AS orders_after{m_sum}
    FROM (SELECT *, CAST(strftime('%Y', date) AS INTEGER) AS y FROM transactions) AS t
    WHERE y IN ({before}, {after})
    GROUP BY t.customer_id)
SELECT customer_id, r_before AS revenue_before, r_after AS revenue_after,
    r_after / NULLIF(r_before, 0) - 1 AS growth,
    orders_after,
    CASE WHEN orders_after > 0 THEN r_after / orders_after ELSE 0 END AS average_order{m_col},
    r_after / NULLIF(SUM(r_after) OVER (), 0) AS share
FROM per""", None))
    if "segment" in c_names and tx_margin:
        out.append((5, "segment_performance", f"""CREATE VIEW segment_performance AS
WITH per AS (
    SELECT c.segment,
        SUM(CASE WHEN y = {before} THEN t.revenue ELSE 0 END) AS r_before,
        SUM(CASE WHEN y = {after} THEN t.revenue ELSE 0 END) AS r_after,
        SUM(CASE WHEN y = {after} THEN 1 ELSE 0 END) AS orders_after,
        SUM(CASE WHEN y = {after} THEN t.margin ELSE 0 END) AS m_after
    FROM (SELECT *, CAST(strftime('%Y', date) AS INTEGER) AS y FROM transactions) AS t
    JOIN customers AS c ON c.customer_id = t.customer_id
    WHERE y IN ({before}, {after})
    GROUP BY c.segment)
SELECT segment, r_before AS revenue_before, r_after AS revenue_after,
    r_after / NULLIF(r_before, 0) - 1 AS growth, orders_after,
    CASE WHEN orders_after > 0 THEN r_after / orders_after ELSE 0 END AS average_order,
    m_after / NULLIF(r_after, 0) AS margin_rate,
    r_after / NULLIF(SUM(r_after) OVER (), 0) AS share
FROM per""", None))
    if _has(cols, "transactions", "product_line", "cost", "margin"):
        out.append((5, "cross_ratios", """CREATE VIEW cross_ratios AS
WITH years AS (SELECT COUNT(DISTINCT strftime('%Y', date)) AS n FROM transactions),
lines AS (
    SELECT t.product_line,
        SUM(t.revenue) / years.n AS revenue,
        SUM(t.cost) / years.n AS cost,
        SUM(t.margin) / years.n AS gross_margin,
        SUM(t.cost * d.days / 365.0) / years.n AS avg_inventory
    FROM transactions AS t
    JOIN days_of_cover AS d ON d.product_line = t.product_line
    CROSS JOIN years
    GROUP BY t.product_line),
ratios AS (
    SELECT *, gross_margin / revenue AS margin_rate,
        avg_inventory / cost * 365.0 AS days_of_cover,
        revenue / avg_inventory AS turnover,
        gross_margin / revenue * (revenue / avg_inventory) AS cross_ratio,
        revenue / SUM(revenue) OVER () AS sales_share
    FROM lines)
SELECT *, cross_ratio * sales_share AS contribution FROM ratios""", None))
    else:
        out.append((5, "cross_ratios", "", "needs transactions with product_line, cost, margin"))
    active = "WHERE c.churned = 0" if "churned" in c_names else ""
    if {"credit_rating", "payment_days", "bad_debt", "disputes", "tenure_years"} <= set(c_names):
        out.append((5, "credit_review", f"""CREATE VIEW credit_review AS
WITH signs AS (
    SELECT c.customer_id, c.credit_rating, c.payment_days, c.bad_debt, c.disputes,
        s.revenue_12m, c.tenure_years,
        c.credit_rating = 'D' AS flag_rating,
        c.payment_days > {_setting('max_payment_days')} AS flag_late,
        c.bad_debt > 0 AS flag_bad_debt,
        c.disputes >= {_setting('max_disputes')} AS flag_disputes
    FROM customers AS c
    JOIN customer_sales AS s ON s.customer_id = c.customer_id
    {active}),
counted AS (
    SELECT *, flag_rating + flag_late + flag_bad_debt + flag_disputes AS signs,
        {_setting('months_of_sales')} * revenue_12m
            / MAX(1.0, MIN(12.0, tenure_years * 12.0))
            * (SELECT factor FROM rating_factor AS r WHERE r.credit_rating = signs.credit_rating)
            AS base_limit
    FROM signs)
SELECT customer_id, credit_rating, payment_days, bad_debt, disputes, revenue_12m,
    flag_rating, flag_late, flag_bad_debt, flag_disputes, signs,
    ltrim(CASE WHEN flag_rating THEN ', rating D' ELSE '' END
        || CASE WHEN flag_late THEN ', pays late' ELSE '' END
        || CASE WHEN flag_bad_debt THEN ', bad debt' ELSE '' END
        || CASE WHEN flag_disputes THEN ', disputes' ELSE '' END, ', ') AS reasons,
    CASE WHEN signs >= 2 THEN 'stop' WHEN signs = 1 THEN 'restrict' ELSE 'continue' END
        AS decision,
    round(CASE WHEN signs >= 2 THEN 0.0 WHEN signs = 1 THEN 0.5 * base_limit ELSE base_limit END
        * CASE WHEN tenure_years < 1 THEN {_setting('trial_factor')} ELSE 1.0 END, 0)
        AS credit_limit
FROM counted""", None))
    else:
        out.append((5, "credit_review", "", "needs customers with credit_rating, payment_days, "
                    "bad_debt, disputes, tenure_years"))
    keep = ", c.region, c.customer_type, c.segment" if {"region", "customer_type", "segment"} \
        <= set(c_names) else ""
    out.append((6, "grades", f"""CREATE VIEW grades AS
WITH ranked AS (
    SELECT c.customer_id{keep}, s.revenue_12m,
        ROW_NUMBER() OVER (ORDER BY s.revenue_12m DESC, c.customer_id) AS rank,
        SUM(s.revenue_12m) OVER (ORDER BY s.revenue_12m DESC, c.customer_id
                                 ROWS UNBOUNDED PRECEDING) AS running,
        SUM(s.revenue_12m) OVER () AS total
    FROM customers AS c
    JOIN customer_sales AS s ON s.customer_id = c.customer_id
    {active})
SELECT customer_id{keep.replace('c.', '')}, revenue_12m, rank,
    running / total AS value_share,
    CASE WHEN (running - revenue_12m) / total < {_setting('a_cutoff')} - 1e-12 THEN 'A'
         WHEN (running - revenue_12m) / total < {_setting('b_cutoff')} - 1e-12 THEN 'B'
         ELSE 'C' END AS grade
FROM ranked""", None))
    if keep:
        out.append((6, "routes", f"""CREATE VIEW routes AS
WITH placed AS (
    SELECT g.*,
        (g.customer_id * {_R2[0]!r} - CAST(g.customer_id * {_R2[0]!r} AS INTEGER)) * 360.0
            AS bearing_deg
    FROM grades AS g),
ranked AS (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY region ORDER BY bearing_deg) - 1 AS rank_in_region,
        COUNT(*) OVER (PARTITION BY region) AS in_region
    FROM placed),
cut AS (
    SELECT *, rank_in_region * ((in_region + {_setting('customers_per_route', 'INTEGER')} - 1)
                                / {_setting('customers_per_route', 'INTEGER')}) / in_region + 1
              AS route_no
    FROM ranked)
SELECT customer_id, region, customer_type, segment, grade, revenue_12m, bearing_deg,
    region || '-' || route_no AS route, route_no,
    ROW_NUMBER() OVER (PARTITION BY region, route_no ORDER BY bearing_deg) AS stop
FROM cut""", None))
        body = """SELECT {key}, COUNT(*) AS customers,
    SUM(r.grade = 'A') AS "A", SUM(r.grade = 'B') AS "B", SUM(r.grade = 'C') AS "C",
    SUM(v.visits_per_month) AS visits,
    round(SUM(v.visits_per_month * (v.minutes_per_visit + {travel})) / 60.0, 2) AS hours,
    round(round(SUM(v.visits_per_month * (v.minutes_per_visit + {travel})) / 60.0, 2)
          / {hours}, 2) AS days,
    round(round(round(SUM(v.visits_per_month * (v.minutes_per_visit + {travel})) / 60.0, 2)
          / {hours}, 2) / {days}, 2) AS reps
FROM routes AS r
JOIN visit_rules AS v ON v.grade = r.grade
GROUP BY {group}"""
        fmt = {"travel": _setting("travel_minutes_per_stop"), "hours": _setting("hours_per_day"),
               "days": _setting("working_days")}
        out.append((6, "visit_plan", "CREATE VIEW visit_plan AS\n" + body.format(
            key="r.route, r.region", group="r.route, r.region", **fmt), None))
        out.append((6, "visit_plan_region", "CREATE VIEW visit_plan_region AS\n" + body.format(
            key="r.region", group="r.region", **fmt), None))
    else:
        for v in ("routes", "visit_plan", "visit_plan_region"):
            out.append((6, v, "", "needs customers with region, customer_type, segment"))
    return out


def _stage56(b: _Build, cols: dict) -> None:
    for stage, name, sql, why in _views(cols):
        if sql:
            b.run(stage, sql)
        else:
            b.skipped.append((name, why))


# ---------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------

#: The six stages: (step, English, 中文, what the SQL of the stage does here).
STAGES = (
    (1, "decide to build a customer database", "做出建立客户数据库的决定",
     N_("content, vocabulary, settings and rule tables")),
    (2, "collect customer data", "客户资料的搜集",
     N_("collected_* tables, as the records arrive")),
    (3, "fill in a card for each customer", "填写个别客户资料卡内容",
     N_("card tables with keys, types and constraints")),
    (4, "sort and screen the data", "资料的整理与筛选",
     N_("find and repair faults; fill the cards; report")),
    (5, "turn the data into intelligence", "智慧型信息的完成",
     N_("views: composition, performance, ratios, credit")),
    (6, "use the database's information flexibly", "灵活使用客户数据库中的信息",
     N_("views: grades, routes, the visit plan")),
)


#: The five CRM features (客户关系管理的特征, :data:`casekit.analysis.CRM_FEATURES`) and where each
#: lives in this database: (English, 中文, tables and views, what they hold).
CRM_FEATURES = (
    ("analyse customer information", "分析客户信息",
     ("customer_file", "composition", "trading_performance", "cross_ratios", "credit_review",
      "grades"), "the analyses of the chapter, as views that are always up to date"),
    ("integrate the interaction channels", "集成客户互动渠道",
     ("transactions", "complaints", "leads", "visit_plan"),
     "orders, the service desk, prospecting channels and visits, all keyed by customer"),
    ("support the web", "支持网络运用", ("customers",),
     "one standard SQLite file: a web page, a report tool or a rep's laptop reads the same data"),
    ("build a data warehouse", "建设信息仓库", ("transactions", "complaints", "leads"),
     "every order, complaint and lead with its date: history to analyse"),
    ("integrate the workflow", "集成工作流程",
     ("to_recollect", "rejected_orders", "credit_review", "routes"),
     "work lists for each team: records to collect again, orders to fix, credit decisions for "
     "finance, routes for the field reps"),
)


_PLAIN = {"stop", "rank", "route_no", "step", "year", "year_before", "year_after"}


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A result as text a reader takes in at a glance: whole numbers and money with thousands
    separators (not ids, stops or ranks), shares and rates (columns named ``*share*``, ``*rate*``, ``growth``) as
    percentages, other numbers with two decimals, NULL as a dash.

    Examples
    --------
    >>> readable(pd.DataFrame({"segment": ["retail"], "customers": [1234],
    ...                        "revenue": [2345678.9], "revenue_share": [0.2346]}))
      segment customers    revenue revenue_share
    0  retail     1,234  2,345,679         23.5%
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"readable: expected a pandas DataFrame (a query's result), got "
                         f"{type(frame).__name__}")
    out = {}
    for c in frame.columns:
        s = frame[c]
        name = str(c).lower()
        if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
            out[c] = s.astype(object).where(s.notna(), "—").astype(str)
            continue
        v = s.astype("float64")
        whole = bool(np.all(v.dropna() == np.round(v.dropna())))
        if whole and (name == "id" or name.endswith("_id") or name in _PLAIN):
            out[c] = v.map(lambda x: f"{x:.0f}").where(v.notna(), "—")
            continue
        if "share" in name or "rate" in name or name == "growth":
            text = v.map(lambda x: f"{x:.1%}")
        elif whole or v.abs().max() >= 1000:
            text = v.map(lambda x: f"{x:,.0f}")
        else:
            text = v.map(lambda x: f"{x:,.2f}")
        out[c] = text.where(v.notna(), "—")
    return pd.DataFrame(out, index=frame.index)


#: Row counts of a database file's tables and views: per file, its signature when counted and
#: the counts so far (name -> rows), so each object is counted once while the file is unchanged.
_COUNTS: dict[str, tuple[tuple, dict[str, int]]] = {}


def _file_signature(path) -> tuple:
    """What changes whenever an SQLite file is written: its size and time, and the file change
    counter SQLite keeps in the header (bytes 24–27, raised by every committed write)."""
    st = os.stat(path)
    with open(path, "rb") as f:
        f.seek(24)
        counter = f.read(4)
    return st.st_size, st.st_mtime_ns, st.st_ino, counter


@dataclass(frozen=True, repr=False)
class CustomerDatabase:
    """A customer database file built by :func:`build` (``ck.database``).

    Attributes
    ----------
    path : Path
        The SQLite file; open it with any SQLite tool.
    source : str
        ``"synthetic"``, ``"purchases"`` (a purchase list such as CDNOW) or ``"own data"``.
    report : DataFrame
        The screening report of stage 4: each check, rows found and repaired.
    skipped : DataFrame
        Views left out because the data lacks their columns, and why.
    """

    path: Path
    source: str
    report: pd.DataFrame
    skipped: pd.DataFrame
    _stages: dict = field(default_factory=dict)

    def query(self, sql: str, *, timeout: float = 5.0, max_rows: int = 100_000) -> pd.DataFrame:
        """Run a read-only query and return its result as a DataFrame.

        Only ``SELECT`` (or ``WITH … SELECT``) queries run, on a read-only connection; anything
        else, a query running past ``timeout`` seconds or returning more than ``max_rows`` rows
        raises ``ValueError`` with the reason.
        """
        res = _Q.run_query(self.path, sql, timeout=timeout, max_rows=max_rows)
        if not res.ok:
            raise ValueError(f"query: {res.error}")
        return res.frame

    def show(self, sql: str, **options):
        """:meth:`query`, with the result made :func:`readable` (thousands separators, %) and shown
        as a table without the 0, 1, 2 … row numbers (``.data`` holds the readable frame)."""
        from ..core.fmt import table

        return table(readable(self.query(sql, **options)), index=False)

    def crm(self) -> pd.DataFrame:
        """The five CRM features (:data:`CRM_FEATURES`), each pointed at the tables and views of
        this database that serve it (one row each, with its kind and rows)."""
        named = {obj for _en, _zh, objs, _what in CRM_FEATURES for obj in objs}
        kinds = {n: k for n, k in self._names() if n in named}
        rows = self._counts(list(kinds))
        return pd.DataFrame([(en, zh, obj, kinds[obj], rows[obj])
                             for en, zh, objs, _what in CRM_FEATURES for obj in objs
                             if obj in kinds],
                            columns=["feature", "chinese", "table or view", "kind", "rows"])

    def connect(self) -> sqlite3.Connection:
        """A read-only connection (``mode=ro`` and an authorizer that allows reading only)."""
        return _Q.connect_readonly(self.path)

    def tables(self, *, views: bool = True) -> pd.DataFrame:
        """Every table and view with its kind and number of rows (views: rows they return).

        Counting a view's rows runs its query, so each count is kept until the file changes;
        ``views=False`` lists the tables alone, without running any view.

        Parameters
        ----------
        views : bool
            List the views too (default), or only the tables.

        Returns
        -------
        DataFrame
            ``name``, ``kind`` (``table`` or ``view``) and ``rows``, tables first.

        Examples
        --------
        >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "value": [10.0, 5.0, 7.5],
        ...                    "date": pd.to_datetime(["2025-01-02", "2025-03-01", "2025-02-01"])})
        >>> db = build(tx, value="value")
        >>> t = db.tables(views=False).set_index("name")
        >>> int(t.loc["customers", "rows"]), int(t.loc["transactions", "rows"])
        (2, 3)
        """
        names = [(n, k) for n, k in self._names() if views or k == "table"]
        rows = self._counts([n for n, _k in names])
        return pd.DataFrame([(n, k, rows[n]) for n, k in names], columns=["name", "kind", "rows"])

    def _names(self) -> list[tuple[str, str]]:
        """``(name, kind)`` of every table and view, tables first, in the order they were made."""
        with self.connect() as con:
            names = con.execute("SELECT name, type FROM sqlite_master WHERE type IN "
                                "('table', 'view') AND name NOT LIKE 'sqlite_%' "
                                "ORDER BY type, rowid").fetchall()
        con.close()
        return names

    def _counts(self, names) -> dict[str, int]:
        """Rows of the tables and views ``names``; a view's count runs its query, so each count
        is kept (:data:`_COUNTS`) until the file changes."""
        key, sig = str(self.path), _file_signature(self.path)
        hit = _COUNTS.get(key)
        counts = hit[1] if hit is not None and hit[0] == sig else {}
        todo = [n for n in names if n not in counts]
        if todo:
            with self.connect() as con:
                for n in todo:
                    counts[n] = con.execute(f"SELECT COUNT(*) FROM {_q(n)}").fetchone()[0]
            con.close()
        _COUNTS[key] = (sig, counts)
        return {n: counts[n] for n in names}

    def stages(self) -> pd.DataFrame:
        """The six stages with what their SQL does and how many statements it ran."""
        return pd.DataFrame([(s, en, zh, _(what), len(self._stages.get(s, ())))
                             for s, en, zh, what in STAGES],
                            columns=["step", "english", "chinese", "sql_does", "statements"])

    def sql(self, stage: int, *, contains: str | None = None) -> str:
        """The SQL statements stage ``stage`` (1–6) ran, as one text; ``contains`` keeps only the
        statements that contain that text (e.g. ``"CREATE TABLE customers"``)."""
        require_number(stage, what="CustomerDatabase.sql", name="stage", low=1, high=6,
                       integer=True)
        stmts = self._stages.get(int(stage), [])
        if contains is not None:
            stmts = [s for s in stmts if contains.lower() in s.lower()]
        return ";\n\n".join(stmts) + (";" if stmts else "")

    def integrity(self) -> pd.DataFrame:
        """SQLite's own checks: ``integrity_check`` and ``foreign_key_check`` (problems found)."""
        con = sqlite3.connect(self.path)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            fk = len(con.execute("PRAGMA foreign_key_check").fetchall())
        finally:
            con.close()
        return pd.DataFrame({"check": ["integrity_check", "foreign_key_check"],
                             "result": [ok, "ok" if fk == 0 else f"{fk} problems"]})

    def __repr__(self) -> str:  # counts the card tables' rows, runs no view
        names = self._names()
        rows = self._counts([n for n, k in names if k == "table" and n in TABLES])
        cards = ", ".join(f"{n}={r:,}" for n, r in rows.items())
        views = sum(k == "view" for _n, k in names)
        return f"CustomerDatabase({self.source}: {cards}; {views} views)"


def build(data=None, *, path=None, faults=None, customer="customer_id", date="date",
          value="revenue") -> CustomerDatabase:
    """Build the customer database (客户数据库) in six stages, as a SQLite file.

    Parameters
    ----------
    data : World, dict of DataFrames or DataFrame, optional
        A casekit World (default: ``ck.world()``); or a dict with some of ``customers``,
        ``transactions``, ``complaints``, ``leads`` (a user's own data); or a purchase list
        (CDNOW's ``ck.load("cdnow")``, or any frame with a customer, a date and a value), from
        which the customers are derived.
    path : str or Path, optional
        Where to write the file (replaced if it exists). Default: a new temporary folder.
    faults : float, optional
        Share of customers given a practice fault in stage 2 (:data:`FAULTS`) — default 0.02
        for the synthetic world and 0 for real data; 0 means none.
    customer, date, value : str
        Column names of a purchase list (CDNOW's are recognised by themselves).

    Returns
    -------
    CustomerDatabase

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "value": [10.0, 5.0, 7.5],
    ...                    "date": pd.to_datetime(["2025-01-02", "2025-03-01", "2025-02-01"])})
    >>> db = build(tx, value="value")
    >>> db
    CustomerDatabase(purchases: customers=2, transactions=3; 4 views)
    >>> db.query("SELECT customer_id, revenue FROM customer_sales ORDER BY customer_id")
       customer_id  revenue
    0            1     15.0
    1            2      7.5
    """
    what = "database"
    frames, kind, asof, seed = _frames(data, customer=customer, date=date, value=value, what=what)
    if faults is None:
        faults = 0.02 if kind == "synthetic" else 0.0
    require_number(faults, what=what, name="faults", low=0, high=0.2)
    if faults > 0:
        frames = _faults(frames, seed, float(faults))
    if path is None:
        folder = Path(tempfile.mkdtemp(prefix="casekit-db-"))
        path = folder / "customers.sqlite"
    path = Path(path)
    if path.exists() and path.is_dir():
        raise ValueError(f"{what}: path={str(path)!r} is a folder; expected a file name such as "
                         "'customers.sqlite'")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".casekit-db-", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        # a new file, renamed into place only when complete: no journal needed while building
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -200000")
        b = _Build(con, kind)
        _stage1(b, frames, asof)
        cols = _stage2(b, frames)
        _stage3(b, cols)
        _stage4(b, cols)
        _stage56(b, cols)
        con.commit()
    except BaseException:
        con.close()
        Path(tmp).unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, path)
    report = pd.DataFrame(b.report, columns=["table", "check", "column", "found", "repaired",
                                             "how"])
    skipped = pd.DataFrame(b.skipped, columns=["view", "why left out"])
    return CustomerDatabase(path, kind, report, skipped, dict(b.stages))
