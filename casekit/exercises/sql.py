"""A SQL exercise kind: the student writes a query, the checker compares its result.

An exercise of this kind asks a question about the customer database
(:func:`casekit.database.build`, built from the exercise's world).  The student types a query
in a text area; **Check** runs it on a read-only connection (:func:`casekit.database.run_query`:
``mode=ro``, an authorizer that allows reading only, a time limit and a row limit) and compares
its result with the result of the exercise's own solution **on the same database**:

* column order is free and column names (aliases) do not matter — columns are matched by their
  values;
* row order matters only when the question asks for an order (:attr:`SQLExercise.ordered`);
* numbers are compared with a tolerance (:attr:`SQLExercise.rel_tol`, :attr:`SQLExercise.abs_tol`),
  so ``ROUND(x, 2)`` is as good as ``x``.

Partial credit follows how much of the answer is right (the shape, the columns, the rows).
Feedback names the likely mistake: first the exercise's known mistakes
(:meth:`SQLExercise.mistakes`, each a wrong query run on the same data, so a result equal to it
is that mistake), then general ones read off the result — a join that multiplies rows, a missing
filter, a filter too strict.  Statements that write, attach, load extensions or change settings
are refused with a message; a runaway query is stopped at its limit; a database file that is
missing or damaged is rebuilt from the data, one that is locked is reported.  ``check`` never
raises.

Examples
--------
>>> import casekit as ck
>>> class CountCustomers(SQLExercise):
...     prompt = "How many customers are there?"
...     def solution(self):
...         return "SELECT COUNT(*) AS n FROM customers"
>>> ex = CountCustomers(world=ck.world(seed=1, n_customers=300))
>>> ex.check("select count(customer_id) as how_many from customers").correct
True
>>> print(ex.check("DROP TABLE customers").message)
This checker only reads: DROP statements change the database and are refused. Write a single SELECT query (or WITH … SELECT).
"""

from __future__ import annotations

import html
import itertools
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as W
import numpy as np
import pandas as pd

from ..database import build as _build_db
from ..database import run_query
from ..database.query import QueryResult, strip_comments
from ..i18n import NC_, N_, _, translate
from .engine import Exercise, ExerciseView, Feedback, Misconception
from .engine.feedback import _text_html

__all__ = ["SQLExercise", "SQLView", "compare", "Comparison"]

KIND = "sql"
KIND_LABEL = N_("write a SQL query")
#: What can be wrong with the exercise database (as the note about rebuilding it says).
NC_("database", "missing"), NC_("database", "damaged")

#: Databases built for exercises, one per world: id(world) → (world, path).
_DATABASES: dict[int, tuple[object, Path]] = {}


# --------------------------------------------------------------------------------------------
# Comparing two results
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """How a result compares with the expected one."""

    equal: bool
    score: float
    problems: tuple[str, ...]
    extra_columns: tuple[str, ...] = ()
    order_only: bool = False


def _kinds(frame: pd.DataFrame) -> list[tuple[str, np.ndarray]]:
    """Each column as ("num", floats) or ("text", strings); SQL NULL as NaN / a marker."""
    out = []
    for c in range(frame.shape[1]):
        s = frame.iloc[:, c]
        if pd.api.types.is_bool_dtype(s) or pd.api.types.is_numeric_dtype(s):
            out.append(("num", s.to_numpy(dtype="float64", na_value=np.nan)))
            continue
        num = pd.to_numeric(s, errors="coerce") if s.notna().any() else s.astype("float64")
        if int(num.notna().sum()) == int(s.notna().sum()):
            out.append(("num", num.to_numpy(dtype="float64", na_value=np.nan)))
        else:
            out.append(("text", s.astype(object).where(s.notna(), "\x00NULL").astype(str)
                        .to_numpy(dtype=object)))
    return out


def _round4(v: np.ndarray) -> np.ndarray:
    """Numbers to four significant digits (a tolerant key for counting rows)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = np.floor(np.log10(np.abs(np.where((v == 0) | np.isnan(v), 1.0, v))))
        return np.round(v / 10 ** (mag - 3)) * 10 ** (mag - 3)


def _close(a: np.ndarray, b: np.ndarray, rel: float, abs_: float) -> np.ndarray:
    both = np.isnan(a) & np.isnan(b)
    with np.errstate(invalid="ignore"):
        near = np.abs(a - b) <= np.maximum(abs_, rel * np.abs(b)) + 1e-12
    return both | (near & ~np.isnan(a) & ~np.isnan(b))


def _same_column(x, y, *, sort: bool, rel: float, abs_: float) -> bool:
    (kx, vx), (ky, vy) = x, y
    if kx != ky or len(vx) != len(vy):
        return False
    if sort:
        vx, vy = np.sort(vx), np.sort(vy)
    if kx == "num":
        return bool(_close(vx, vy, rel, abs_).all())
    return bool((vx == vy).all())


def _sort_key(cols):
    """Row order for unordered comparison: text and whole numbers first, then other numbers."""
    def rank(col):
        kind, v = col
        if kind == "text":
            return 0
        finite = v[~np.isnan(v)]
        return 1 if np.all(finite == np.round(finite)) else 2
    order = sorted(range(len(cols)), key=lambda i: rank(cols[i]))
    keys = []
    for i in order:
        kind, v = cols[i]
        if kind == "num":
            with np.errstate(divide="ignore", invalid="ignore"):
                mag = np.where(v == 0, 0, np.floor(np.log10(np.abs(np.where(v == 0, 1, v)))))
            rounded = np.where(np.isnan(v), np.inf, np.round(v / 10 ** (mag - 5)) * 10 ** (mag - 5))
            keys.append(rounded)
        else:
            keys.append(v.astype(str))
    return keys


def _rows_equal(got, want, *, ordered, rel, abs_) -> bool:
    if not ordered and len(want[0][1]) > 1:
        og = np.lexsort(list(reversed(_sort_key(got))))
        ow = np.lexsort(list(reversed(_sort_key(want))))
        got = [(k, v[og]) for k, v in got]
        want = [(k, v[ow]) for k, v in want]
    return all(_same_column(g, w, sort=False, rel=rel, abs_=abs_) for g, w in zip(got, want))


def _assignments(cands: list[list[int]]):
    """Every way to give each expected column a different student column (small search)."""
    def walk(j, used):
        if j == len(cands):
            yield []
            return
        for k in cands[j]:
            if k not in used:
                for rest in walk(j + 1, used | {k}):
                    yield [k, *rest]
    return itertools.islice(walk(0, frozenset()), 2000)


def _row_tuples(cols) -> list[tuple]:
    parts = []
    for kind, v in cols:
        if kind == "num":
            r = _round4(v).astype(object)
            r[np.isnan(v)] = None
            parts.append(r)
        else:
            parts.append(v)
    return list(zip(*parts)) if parts else []


def compare(got: pd.DataFrame, want: pd.DataFrame, *, ordered: bool = False,
            rel_tol: float = 1e-4, abs_tol: float = 0.01) -> Comparison:
    """Compare a query's result with the expected one (columns matched by value).

    Examples
    --------
    >>> want = pd.DataFrame({"segment": ["a", "b"], "revenue": [10.0, 20.0]})
    >>> compare(pd.DataFrame({"r": [20.004, 10.0], "s": ["b", "a"]}), want).equal
    True
    >>> c = compare(pd.DataFrame({"segment": ["a", "b", "c"], "revenue": [10.0, 20.0, 5.0]}), want)
    >>> c.equal, c.score < 1
    (False, True)
    """
    g, w = _kinds(got), _kinds(want)
    n_got, n_want = len(got), len(want)
    if not w:
        return Comparison(n_got == n_want and not g, 1.0 if not g else 0.0, ())
    problems = []
    if n_got == n_want:
        cands = [[k for k in range(len(g)) if _same_column(g[k], w[j], sort=True, rel=rel_tol,
                                                           abs_=abs_tol)] for j in range(len(w))]
        matched = sum(1 for c in cands if c)
        if matched == len(w):
            for assign in _assignments(cands):
                sub = [g[k] for k in assign]
                if _rows_equal(sub, w, ordered=ordered, rel=rel_tol, abs_=abs_tol):
                    extra = tuple(str(got.columns[k]) for k in range(len(g)) if k not in assign)
                    if extra:
                        return Comparison(False, 0.8, (
                            _("Right, apart from {n} column(s) the question does not ask "
                              "for ({columns}): drop them.").format(n=len(extra), columns=", ".join(extra)),), extra)
                    return Comparison(True, 1.0, ())
                if ordered and _rows_equal(sub, w, ordered=False, rel=rel_tol, abs_=abs_tol):
                    return Comparison(False, 0.7, (
                        _("The right rows, in the wrong order: the question asks for an order — "
                          "add the ORDER BY it describes (and LIMIT, if it asks for the top few)."),),
                        order_only=True)
        col_share = matched / len(w)
    else:
        col_share = 0.0
        names = {str(c).lower(): k for k, c in enumerate(got.columns)}
        for j, c in enumerate(want.columns):
            k = names.get(str(c).lower())
            if k is not None and g[k][0] == w[j][0]:
                col_share += 1 / len(w)
        problems.append((_("The result has {n:,} row; the question's answer has {want:,}.") if n_got == 1
                         else _("The result has {n:,} rows; the question's answer has {want:,}."))
                        .format(n=n_got, want=n_want))
    if len(g) < len(w):
        problems.append(_("It has {n} column(s); the answer has {want}: {columns}.").format(
            n=len(g), want=len(w), columns=", ".join(map(str, want.columns))))
    # rows found: compare on the expected key (its first column) when the kinds allow
    row_share = 0.0
    key_kind = w[0][0]
    key_got = [k for k in range(len(g)) if g[k][0] == key_kind]
    if key_got and n_want:
        want_keys = _row_tuples([w[0]])
        best = 0
        for k in key_got:
            have = _row_tuples([g[k]])
            common = sum((pd.Series(have).value_counts() if have else pd.Series(dtype=int))
                         .reindex(pd.Series(want_keys).value_counts().index, fill_value=0)
                         .clip(upper=pd.Series(want_keys).value_counts()))
            best = max(best, common)
        row_share = best / max(n_want, n_got)
    score = 0.3 * (n_got == n_want) + 0.3 * col_share + 0.4 * row_share
    return Comparison(False, round(min(0.6, score), 2), tuple(problems))


# --------------------------------------------------------------------------------------------
# The exercise kind
# --------------------------------------------------------------------------------------------

def _probe(path: Path) -> str | None:
    """None if the file is a usable customer database, else "missing", "damaged" or "locked"."""
    if not path.is_file():
        return "missing"
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=1.0)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        return "locked" if "locked" in str(exc).lower() or "busy" in str(exc).lower() \
            else "damaged"
    except sqlite3.DatabaseError:
        return "damaged"
    return None if "customers" in names else "damaged"


class SQLExercise(Exercise):
    """Write a SQL query; right when its result equals the solution's on the same database.

    Implement :meth:`solution` (the SQL of a right answer) and, where they help,
    :meth:`mistakes` (known wrong queries, each a :class:`Misconception` whose ``value`` is the
    SQL; a result equal to it is that mistake) and :meth:`explanation`.

    Attributes
    ----------
    ordered : bool
        The question asks for an order: rows must come in the solution's order.
    rel_tol, abs_tol : float
        Numbers are equal when ``|a − b| <= max(abs_tol, rel_tol · |b|)``.
    timeout : float
        Seconds a query may run.
    max_rows : int
        Rows a result may have.
    tables : tuple of str
        The tables and views shown under the question.
    """

    kind = KIND
    ordered: bool = False
    rel_tol: float = 1e-4
    abs_tol: float = 0.01
    timeout: float = 2.0
    max_rows: int = 5_000
    tables: tuple[str, ...] = ("customers", "transactions")
    placeholder = "SELECT …\nFROM …"

    # -- what a chapter exercise provides ----------------------------------------------------
    def solution(self) -> str:
        raise NotImplementedError

    def mistakes(self) -> list[Misconception]:
        return []

    def explanation(self) -> str:
        return ""

    # -- the database ------------------------------------------------------------------------
    def _database(self) -> tuple[Path, str]:
        """The database file of the world, ready to read, and a note if it had to be rebuilt."""
        world = self.world
        entry = _DATABASES.get(id(world))
        note = ""
        if entry is not None and entry[0] is world:
            path = entry[1]
            problem = _probe(path)
            if problem is None:
                return path, ""
            if problem == "locked":
                raise _Locked()
            note = _("(The exercise database was {problem}; it has been rebuilt from the data.) ").format(
                problem=translate(problem, "database"))
        db = _build_db(world)
        _DATABASES[id(world)] = (world, db.path)
        self.__dict__.pop("_expected", None)
        self.__dict__.pop("_mistake_results", None)
        return db.path, note

    def run(self, sql) -> QueryResult:
        """Run a query on the exercise's database (read-only, with the limits); never raises."""
        try:
            path, _note = self._database()
        except _Locked:
            return QueryResult(None, _LOCKED, "database")
        return run_query(path, sql, timeout=self.timeout, max_rows=self.max_rows)

    def expected(self) -> pd.DataFrame:
        """The result of the solution on the exercise's database."""
        if "_expected" not in self.__dict__:
            path, _note = self._database()
            res = run_query(path, self.solution(), timeout=30.0, max_rows=1_000_000)
            if not res.ok:
                raise RuntimeError(f"the exercise's own solution did not run: {res.error}")
            self._expected = res.frame
        return self._expected

    def _mistake_frames(self) -> list[tuple[Misconception, pd.DataFrame]]:
        if "_mistake_results" not in self.__dict__:
            path, _note = self._database()
            want = self.expected()
            out = []
            for m in self.mistakes():
                res = run_query(path, m.value, timeout=30.0, max_rows=1_000_000)
                if res.ok and not self._compare(res.frame, want).equal:
                    out.append((m, res.frame))
            self._mistake_results = out
        return self._mistake_results

    def _compare(self, got, want) -> Comparison:
        return compare(got, want, ordered=self.ordered, rel_tol=self.rel_tol, abs_tol=self.abs_tol)

    # -- checking ----------------------------------------------------------------------------
    def _check(self, answer) -> Feedback:
        self._last_result = None
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Feedback(False, 0.0, _("No query yet: type a SELECT query in the box."))
        if not isinstance(answer, str):
            return Feedback(False, 0.0, _("Type a SQL query as text (SELECT … FROM …); got "
                                          "{kind} {answer!r}.").format(kind=type(answer).__name__,
                                                                       answer=answer))
        try:
            path, note = self._database()
        except _Locked:
            return Feedback(False, 0.0, _(_LOCKED))
        res = run_query(path, answer, timeout=self.timeout, max_rows=self.max_rows)
        self._last_result = res
        if not res.ok:
            return Feedback(False, 0.0, note + res.error,
                            misconception="refused" if res.kind == "refused" else None)
        got, want = res.frame, self.expected()
        cmp = self._compare(got, want)
        if cmp.equal:
            parts = [note + _("Right: {shape}, the same as the solution's result.").format(shape=_shape(want)),
                     self.explanation()]
            return Feedback(True, 1.0, " ".join(p for p in parts if p))
        for m, frame in self._mistake_frames():
            if len(frame) == len(got) and frame.shape[1] <= got.shape[1] and \
                    self._compare(got, frame).equal:
                return Feedback(False, min(cmp.score, 0.3),
                                note + _("Your result is what you get with a known mistake: "
                                         "{name}. {why}").format(name=_(m.name), why=_(m.why)),
                                misconception=m.name)
        name, why = _diagnose(got, want, cmp, answer)
        parts = [note + " ".join(cmp.problems) if cmp.problems else note.strip(), _(why) if why else why,
                 translate(self.hint)]
        if not why and not cmp.problems:
            parts.insert(0, _("Not yet: your result ({got}) differs from the answer "
                              "({want}).").format(got=_shape(got), want=_shape(want)))
        return Feedback(False, cmp.score, " ".join(p for p in parts if p), misconception=name)

    # -- widget ------------------------------------------------------------------------------
    def _plain_text(self) -> str:
        title = translate(self.title).rstrip()
        end = "" if title.endswith(("?", ".", "!", "？", "。", "！")) else _(".")
        return _("Exercise {id} ({kind}): {title}{end} Run this cell to answer it here.").format(
            id=self.id or type(self).__name__, kind=_(KIND_LABEL), title=title, end=end)

    def _header_html(self) -> str:
        return (f'<div class="casekit-question" style="line-height:1.45">'
                f'<div style="font-size:1.1em"><b>{html.escape(translate(self.title))}</b> '
                f'<span style="color:#666;font-size:0.85em">· {html.escape(_(KIND_LABEL))} · '
                f'<code>{html.escape(self.id)}</code></span></div>'
                f'<div style="margin:0.5em 0">{_text_html(translate(self.prompt))}</div></div>')

    def schema_html(self) -> str:
        """The tables and views of the question, with their columns."""
        try:
            path, _note = self._database()
            con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=1.0)
            try:
                rows = []
                for t in self.tables:
                    cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
                    rows.append(f"<li><code><b>{html.escape(t)}</b>(" + ", ".join(
                        html.escape(c) for c in cols) + ")</code></li>")
            finally:
                con.close()
        except Exception:  # noqa: BLE001 - the list of tables is a help, not a must
            return ""
        return ('<div style="font-size:0.9em;color:#333"><b>' + html.escape(_("Tables:")) + '</b><ul style="margin:2px 0">'
                + "".join(rows) + "</ul></div>")

    def _extra(self, view):
        return [W.HTML(self.schema_html())]

    def _inputs(self):
        return [W.Textarea(value="", placeholder=self.placeholder, description="",
                           layout=W.Layout(width="100%", max_width="860px", height="9em"))]

    def _read(self, inputs):
        return inputs[0].value

    def _write(self, inputs, answer):
        inputs[0].value = "" if answer is None else str(answer)

    def widget(self) -> SQLView:
        return SQLView(self)


class _Locked(Exception):
    pass


_LOCKED = N_("The exercise database is locked by another program (an SQLite tool writing to it?). "
           "Close that program and press Check again; your query is kept in the box.")


def _shape(frame: pd.DataFrame) -> str:
    r, c = frame.shape
    return ((_("{n:,} row") if r == 1 else _("{n:,} rows")).format(n=r) + " × "
            + (_("{n} column") if c == 1 else _("{n} columns")).format(n=c))


def _diagnose(got: pd.DataFrame, want: pd.DataFrame, cmp: Comparison, sql: str = ""
              ) -> tuple[str | None, str]:
    """A general mistake read off the result (and the query's text): (name, why)."""
    joins = " join " in " ".join(strip_comments(sql).lower().split()) or "," in \
        strip_comments(sql).lower().split(" from ", 1)[-1].split(" where ")[0]
    if cmp.order_only or cmp.extra_columns:
        return None, ""
    g, w = _kinds(got), _kinds(want)
    if not g or not w:
        return None, ""
    key_kind = w[0][0]
    keys_want = pd.Series(_row_tuples([w[0]]))
    for k in range(len(g)):
        if g[k][0] != key_kind:
            continue
        keys_got = pd.Series(_row_tuples([g[k]]))
        if keys_want.is_unique and not keys_got.is_unique and set(keys_want) <= set(keys_got):
            if not joins:
                return (N_("a missing GROUP BY"),
                        N_("The same key appears on several rows: the answer has one row per key — "
                        "group the rows by it (GROUP BY) and aggregate the others."))
            return (N_("a join that multiplies rows"),
                    N_("The same key appears on several rows: a join matched each row with several "
                    "others. Group by the key (GROUP BY) or aggregate each table before joining."))
    if len(got) > len(want) and set(_row_tuples([w[0]])) < set(
            itertools.chain.from_iterable(_row_tuples([c]) for c in g if c[0] == key_kind)):
        return (N_("a missing filter"),
                N_("Your result holds every row of the answer and more: a condition of the question "
                "is missing from the WHERE clause (or the HAVING clause)."))
    if 0 < len(got) < len(want):
        return (N_("a filter too strict"),
                N_("Some rows of the answer are missing: a condition is stricter than the question, "
                "or an inner JOIN drops rows that a LEFT JOIN would keep."))
    if len(got) == len(want) and keys_want.is_unique:
        # the same keys, but totals inflated: a join repeated rows before summing
        for k in range(len(g)):
            if g[k][0] != key_kind:
                continue
            keys_got = pd.Series(_row_tuples([g[k]]))
            if not (keys_got.is_unique and set(keys_got) == set(keys_want)):
                continue
            pos = pd.Index(keys_got).get_indexer(keys_want)
            for j in range(1, len(w)):
                b = w[j][1]
                if w[j][0] != "num":
                    continue
                for m in range(len(g)):
                    if m == k or g[m][0] != "num":
                        continue
                    a = g[m][1][pos]
                    ok = ~np.isnan(a) & ~np.isnan(b) & (b > 0)
                    if ok.sum() < max(1, len(b) // 2):
                        continue
                    ratio = a[ok] / b[ok]
                    if ratio.min() >= 1 - 1e-9 and np.median(ratio) > 1.2:
                        return (N_("a join that multiplies rows"),
                                N_("Your totals are several times too large: a join repeats each "
                                "row once per match in the other table before summing. "
                                "Aggregate each table on its own, then join the totals."))
    return None, ""


def _cell(v, name: str = "") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "NULL"
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        plain = name == "id" or name.endswith("_id") or name in ("stop", "rank", "year")
        return f"{int(v)}" if plain else f"{int(v):,}"
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if v != 0 and abs(v) < 1:
            return f"{v:.4f}"
        return f"{v:,.2f}"
    return html.escape(str(v))


def result_html(frame: pd.DataFrame, *, rows: int = 10) -> str:
    """The first rows of a result as a small table: thousands separators, NULL shown."""
    head = frame.head(rows)
    cols = "".join(f"<th>{html.escape(str(c))}</th>" for c in head.columns)
    names = [str(c).lower() for c in head.columns]
    body = "".join("<tr>" + "".join(f"<td>{_cell(v, n)}</td>" for v, n in zip(row, names))
                   + "</tr>"
                   for row in head.itertuples(index=False, name=None))
    more = (f'<div style="color:#666;font-size:0.85em">first {rows} of {len(frame):,} rows</div>'
            if len(frame) > rows else "")
    style = ("<style>.casekit-sql{border-collapse:collapse;margin:4px 0;font-size:0.9em}"
             ".casekit-sql th,.casekit-sql td{padding:2px 12px;text-align:right}"
             ".casekit-sql th{border-bottom:1px solid #8a8a8a}"
             ".casekit-sql tr:nth-child(even){background:#f5f7f9}</style>")
    return (f'{style}<div><b>Your result</b> ({_shape(frame)})'
            f'<table class="casekit-sql"><thead><tr>{cols}</tr></thead><tbody>{body}</tbody>'
            f"</table>{more}</div>")


class SQLView(ExerciseView):
    """The SQL widget: a text area, **Check** and **Run** buttons, feedback and a preview of the
    query's result (its first rows).  **Run** shows the result without checking or recording."""

    def __init__(self, exercise: SQLExercise):
        super().__init__(exercise)
        self.preview = W.HTML("")
        self.run_button = W.Button(description=_("Run"), icon="play",
                                   tooltip=_("Run the query and show its first rows"))
        self.run_button.on_click(self._on_run)
        children = list(self.children)
        at = children.index(self.check_button)
        children[at] = W.HBox([self.check_button, self.run_button])
        self.children = tuple(children) + (self.preview,)

    def _show(self, res: QueryResult | None) -> None:
        if res is not None and res.ok:
            self.preview.value = result_html(res.frame)
        else:
            self.preview.value = ""

    def _on_check(self, _button=None):
        super()._on_check(_button)
        try:
            self._show(getattr(self.exercise, "_last_result", None))
        except Exception:  # noqa: BLE001 - the preview is a help
            self.preview.value = ""

    def _on_run(self, _button=None):
        try:
            res = self.exercise.run(self.answer())
            self._show(res)
            self.feedback.value = "" if res.ok else Feedback(False, 0.0, res.error)._repr_html_()
        except Exception as exc:  # noqa: BLE001
            self.show_error(exc)

    def _on_change(self, _change=None):
        super()._on_change(_change)
        try:
            self.preview.value = ""
        except Exception:  # noqa: BLE001
            pass
