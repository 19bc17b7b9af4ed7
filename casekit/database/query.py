"""Asking the customer database questions safely: a read-only connection with limits.

Every query a student types runs through :func:`run_query`, which

* refuses, before running anything, a statement that is not a single ``SELECT`` (or ``WITH …
  SELECT``, or ``VALUES``) — ``DROP``, ``UPDATE``, ``INSERT``, ``DELETE``, ``ATTACH``,
  ``PRAGMA``, ``CREATE`` and friends get a clear message;
* opens the file read-only (SQLite URI ``mode=ro``) and adds an **authorizer** that denies every
  action but reading (so writes, ``ATTACH``, ``PRAGMA`` and ``load_extension`` are refused even
  when hidden inside a query);
* stops a query that runs longer than ``timeout`` seconds (a **progress handler**) and reads at
  most ``max_rows`` rows;
* never raises: the outcome is a :class:`QueryResult` with either a frame or an error message.

Examples
--------
>>> import sqlite3, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.sqlite"
>>> with sqlite3.connect(path) as con:
...     _ = con.execute("CREATE TABLE t (x INTEGER)")
...     _ = con.executemany("INSERT INTO t VALUES (?)", [(1,), (2,)])
>>> con.close()
>>> run_query(path, "SELECT SUM(x) AS total FROM t").frame
   total
0      3
>>> print(run_query(path, "DROP TABLE t").error)
This checker only reads: DROP statements change the database and are refused. Write a single SELECT query (or WITH … SELECT).
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..i18n import N_, _

__all__ = ["QueryResult", "connect_readonly", "refusal", "run_query", "strip_comments"]

#: Statements a reader may run.
_ALLOWED_START = ("select", "with", "values")
_WRITE_WORDS = {
    "drop": "DROP statements change the database",
    "update": "UPDATE statements change the database",
    "insert": "INSERT statements change the database",
    "replace": "REPLACE statements change the database",
    "delete": "DELETE statements change the database",
    "create": "CREATE statements change the database",
    "alter": "ALTER statements change the database",
    "attach": "ATTACH opens another database file",
    "detach": "DETACH changes the open databases",
    "pragma": "PRAGMA statements read or change the database's settings",
    "vacuum": "VACUUM rewrites the database file",
    "reindex": "REINDEX rebuilds the indexes",
    "analyze": "ANALYZE writes statistics into the database",
    "begin": "BEGIN starts a transaction, which is for writing",
    "commit": "COMMIT ends a transaction, which is for writing",
    "rollback": "ROLLBACK ends a transaction, which is for writing",
    "savepoint": "SAVEPOINT marks a transaction, which is for writing",
    "release": "RELEASE ends a transaction, which is for writing",
    "explain": "EXPLAIN shows the query plan, not a result",
}
_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION}
if hasattr(sqlite3, "SQLITE_RECURSIVE"):
    _READ_ACTIONS.add(sqlite3.SQLITE_RECURSIVE)
_DENIED_FUNCTIONS = {"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"}


def strip_comments(sql: str) -> str:
    """The query without ``-- line`` and ``/* block */`` comments (text in quotes is kept).

    Examples
    --------
    >>> strip_comments("SELECT 1 -- one\\n/* two */ + 1")
    'SELECT 1 \\n + 1'
    """
    out, i, n = [], 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"`[":
            close = "]" if ch == "[" else ch
            j = sql.find(close, i + 1)
            j = n - 1 if j < 0 else j
            out.append(sql[i:j + 1])
            i = j + 1
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            i = n if j < 0 else j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            i = n if j < 0 else j + 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _statements(sql: str) -> list[str]:
    """Split on semicolons outside quotes; empty statements dropped."""
    parts, cur, i, n = [], [], 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"`[":
            close = "]" if ch == "[" else ch
            j = sql.find(close, i + 1)
            j = n - 1 if j < 0 else j
            cur.append(sql[i:j + 1])
            i = j + 1
            continue
        if ch == ";":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


_HINT = N_("Write a single SELECT query (or WITH … SELECT).")


def refusal(sql) -> str | None:
    """Why a query is refused before it runs, or ``None`` if it may run.

    Examples
    --------
    >>> refusal("select 1") is None
    True
    >>> refusal("PRAGMA writable_schema = ON")
    "This checker only reads: PRAGMA statements read or change the database's settings and are refused. Write a single SELECT query (or WITH … SELECT)."
    """
    if not isinstance(sql, str):
        return _("Type a SQL query as text; got {kind}.").format(kind=type(sql).__name__) + " " + _(_HINT)
    text = strip_comments(sql)
    statements = _statements(text)
    if not statements:
        return _("No query yet.") + " " + _(_HINT)
    for stmt in statements:
        first = re.match(r"\s*([A-Za-z_]+)", stmt)
        word = first.group(1).lower() if first else ""
        if word in _WRITE_WORDS:
            return f"This checker only reads: {_WRITE_WORDS[word]} and {_verb(word)} refused. {_(_HINT)}"
    if len(statements) > 1:
        return _("One query at a time: this answer holds {n} statements separated "
                 "by ';'.").format(n=len(statements)) + " " + _(_HINT)
    stmt = statements[0]
    first = re.match(r"\s*\(?\s*([A-Za-z_]+)", stmt)
    word = first.group(1).lower() if first else ""
    if word not in _ALLOWED_START:
        return (_("A query starts with SELECT or WITH; this one starts with {word!r}.").format(
            word=stmt.split()[0]) + " " + _(_HINT))
    if re.search(r"\bload_extension\s*\(", stmt, re.IGNORECASE):
        return ("This checker only reads: load_extension loads code into the database and is "
                f"refused. {_(_HINT)}")
    return None


def _verb(word: str) -> str:
    """ "are" after "DROP statements", "is" after "ATTACH" or "EXPLAIN"."""
    return "are" if "statements" in _WRITE_WORDS[word] else "is"


def _authorizer(action, arg1, arg2, dbname, source):
    if action in _READ_ACTIONS:
        if action == sqlite3.SQLITE_FUNCTION and str(arg2).lower() in _DENIED_FUNCTIONS:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def connect_readonly(path, *, timeout: float = 2.0) -> sqlite3.Connection:
    """A read-only connection to the database file ``path``: ``mode=ro`` plus an authorizer
    that allows reading only (no writes, ``ATTACH``, ``PRAGMA`` or extension loading).

    Raises ``FileNotFoundError`` when the file does not exist (``mode=ro`` never creates one).
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"the database file {p.name!r} does not exist")
    uri = p.resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
    try:
        con.enable_load_extension(False)
    except AttributeError:  # Python built without extension loading: nothing to switch off
        pass
    con.set_authorizer(_authorizer)
    if hasattr(con, "setlimit"):  # Python 3.11+: no text or blob above 10 MB (randomblob(1e9))
        con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 10_000_000)
    return con


@dataclass(frozen=True)
class QueryResult:
    """The outcome of :func:`run_query`: a frame, or an error message (never both)."""

    frame: pd.DataFrame | None
    error: str | None = None
    kind: str = "ok"  #: "ok", "refused", "error", "timeout", "too many rows", "database"
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def _friendly(exc: Exception) -> tuple[str, str]:
    text = str(exc)
    low = text.lower()
    if "interrupted" in low:
        return "timeout", ""
    if "not authorized" in low or "prohibited" in low:
        return "refused", (_("This checker only reads: the query tried something other than "
                             "reading ({text}).").format(text=text) + " " + _(_HINT))
    if "readonly" in low or "read-only" in low:
        return "refused", _("This checker only reads: {text}.").format(text=text) + " " + _(_HINT)
    if "locked" in low or "busy" in low:
        return "database", _("The database file is busy (locked by another program, perhaps an "
                             "open SQLite tool writing to it); close it and press Check again.")
    if "not a database" in low or "malformed" in low or "disk image" in low:
        return "database", _("The database file is damaged ({text}).").format(text=text)
    if "no such table" in low:
        return "error", _("SQLite says: {text}. The tables are listed above the answer box.").format(text=text)
    if "no such column" in low:
        return "error", _("SQLite says: {text}. Check the column's name and which table it "
                          "belongs to (prefix it with the table's alias, e.g. c.customer_id).").format(text=text)
    if "ambiguous column" in low:
        return "error", _("SQLite says: {text}. Two tables have this column: prefix it with the "
                          "table's alias, e.g. c.customer_id.").format(text=text)
    if "syntax error" in low or "incomplete input" in low:
        return "error", _("SQLite could not read the query: {text}.").format(text=text)
    return "error", _("SQLite says: {text}.").format(text=text)


def run_query(path, sql, *, timeout: float = 2.0, max_rows: int = 10_000) -> QueryResult:
    """Run one read-only query on the database file ``path``; never raises.

    Parameters
    ----------
    path : str or Path
        The SQLite file.
    sql : str
        A single ``SELECT`` (or ``WITH … SELECT``) query.
    timeout : float
        Seconds the query may run; a longer query is interrupted.
    max_rows : int
        Rows read at most; a query returning more is reported, not returned.
    """
    why = refusal(sql)
    if why is not None:
        return QueryResult(None, why, "refused")
    start = time.monotonic()
    try:
        con = connect_readonly(path, timeout=min(timeout, 2.0))
    except FileNotFoundError as exc:
        return QueryResult(None, f"The database is missing: {exc}.", "database")
    except sqlite3.Error as exc:
        kind, msg = _friendly(exc)
        return QueryResult(None, msg or str(exc), "database" if kind != "error" else kind)
    deadline = start + timeout
    con.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 2_000)
    try:
        cur = con.execute(sql)
        names = [d[0] for d in (cur.description or [])]
        rows = cur.fetchmany(max_rows + 1)
        if len(rows) > max_rows:
            return QueryResult(None, _("The query returns more than {n:,} rows; the "
                                       "answer is a short table — add the grouping, the filter or "
                                       "a LIMIT the question asks for.").format(n=max_rows), "too many rows",
                               time.monotonic() - start)
        frame = pd.DataFrame.from_records(rows, columns=names) if names else pd.DataFrame()
        if not names:
            return QueryResult(None, _("The query returns no columns.") + " " + _(_HINT), "error")
        return QueryResult(frame, None, "ok", time.monotonic() - start)
    except (sqlite3.Error, ValueError, OverflowError, MemoryError) as exc:
        kind, msg = _friendly(exc)
        if kind == "timeout":
            msg = _("The query was stopped after {seconds:g} seconds: it would run for a very "
                    "long time (or forever — a recursive CTE without an end, or a join without "
                    "an ON condition). The right query answers in a blink.").format(seconds=timeout)
        return QueryResult(None, msg, kind, time.monotonic() - start)
    except Exception as exc:  # noqa: BLE001 - a student never sees a traceback
        return QueryResult(None, f"The query could not run: {type(exc).__name__}: {exc}", "error",
                           time.monotonic() - start)
    finally:
        try:
            con.close()
        except Exception:  # noqa: BLE001
            pass
