"""The SQL exercise kind: own solutions and correct rewrites pass, known-wrong queries fail with
the mistake named, writes and runaway queries are refused or stopped, a missing, damaged or
locked database file is rebuilt or reported, and the widget previews the result."""

from __future__ import annotations

import functools
import sqlite3
import time

import pandas as pd
import pytest

import casekit as ck
from casekit.exercises import Feedback, catalog, make
from casekit.exercises import sql as S

WORLDS = [(0, 2000), (1, 500), (3, 500)]
SQL_IDS = list(catalog().query("kind == 'sql'")["id"])


@functools.cache
def _world(seed, n):
    return ck.world(seed=seed, n_customers=n)


@functools.cache
def _ex(ex_id, seed=0, n=2000):
    return make(ex_id, world=_world(seed, n))


def test_chapter_5_has_four_sql_exercises():
    assert len(SQL_IDS) >= 4
    assert set(catalog().set_index("id").loc[SQL_IDS, "chapter"]) == {5}


# correct rewrites of each solution: other column order, aliases, a CTE, a subquery, ROUND
def _rewrites(ex) -> list[str]:
    y = ex.year if hasattr(ex, "year") else None
    if ex.id == "analysis.sql_segment_customers":
        return [
            f"""select sum(t.revenue) as r, count(distinct c.customer_id) as n, c.segment
                from customers c join transactions t using (customer_id)
                where t.date between '{y}-01-01' and '{y}-12-31' group by 3""",
            f"""WITH orders_y AS (SELECT * FROM transactions WHERE date LIKE '{y}-%')
                SELECT segment, COUNT(DISTINCT customer_id) AS buyers,
                       ROUND(SUM(revenue), 2) AS net_revenue
                FROM orders_y JOIN customers USING (customer_id) GROUP BY segment""",
            f"""SELECT c.segment, COUNT(*) AS customers, SUM(x.rev) AS revenue FROM customers c
                JOIN (SELECT customer_id, SUM(revenue) AS rev FROM transactions
                      WHERE strftime('%Y', date) = '{y}' GROUP BY customer_id) x
                  ON x.customer_id = c.customer_id GROUP BY c.segment""",
        ]
    if ex.id == "analysis.sql_top_margin":
        return [
            f"""SELECT SUM(margin) AS m, customer_id AS who FROM transactions
                WHERE date >= '{y}-01-01' AND date <= '{y}-12-31'
                GROUP BY customer_id ORDER BY m DESC LIMIT 10""",
            f"""WITH per AS (SELECT customer_id, SUM(margin) AS gm FROM transactions
                             WHERE strftime('%Y', date) = '{y}' GROUP BY 1)
                SELECT customer_id, ROUND(gm, 2) FROM per ORDER BY gm DESC LIMIT 10""",
        ]
    if ex.id == "analysis.sql_region_complaints":
        return [
            f"""SELECT (SELECT COUNT(*) FROM complaints k JOIN customers c2 USING (customer_id)
                        WHERE c2.region = c.region AND k.date LIKE '{y}%') AS complaints,
                       SUM(t.revenue) AS revenue, c.region AS reg
                FROM customers c JOIN transactions t ON t.customer_id = c.customer_id
                WHERE t.date LIKE '{y}%' GROUP BY c.region""",
            f"""WITH a AS (SELECT customer_id, SUM(revenue) AS r FROM transactions
                           WHERE strftime('%Y', date) = '{y}' GROUP BY customer_id),
                     b AS (SELECT customer_id, COUNT(*) AS k FROM complaints
                           WHERE strftime('%Y', date) = '{y}' GROUP BY customer_id)
                SELECT c.region, SUM(a.r), SUM(COALESCE(b.k, 0))
                FROM customers c LEFT JOIN a USING (customer_id) LEFT JOIN b USING (customer_id)
                GROUP BY c.region""",
        ]
    if ex.id == "analysis.sql_credit_watch":
        d = ex._days()
        return [
            f"""SELECT bad_debt AS written_off, customer_id, payment_days FROM customers
                WHERE NOT churned AND bad_debt > 0 AND payment_days > {d}
                ORDER BY written_off DESC, customer_id""",
            f"""WITH active AS (SELECT * FROM customers WHERE churned = 0)
                SELECT customer_id, payment_days, bad_debt FROM active
                WHERE payment_days >= {d + 1} AND bad_debt > 0
                ORDER BY bad_debt DESC, customer_id ASC""",
            f"""SELECT customer_id, payment_days, bad_debt FROM credit_review
                WHERE payment_days > {d} AND flag_bad_debt = 1
                ORDER BY bad_debt DESC, customer_id""",
        ]
    raise AssertionError(f"no rewrites written for {ex.id}")


# known-wrong queries a student writes, with the mistake the feedback must name
def _wrong(ex) -> list[tuple[str, str]]:
    y = ex.year if hasattr(ex, "year") else None
    if ex.id == "analysis.sql_segment_customers":
        return [(f"""SELECT segment, COUNT(order_id), SUM(revenue) FROM transactions
                     JOIN customers USING (customer_id) WHERE date LIKE '{y}%'
                     GROUP BY segment""", "counting rows instead of customers"),
                ("""SELECT c.segment, COUNT(DISTINCT c.customer_id) AS customers,
                    SUM(t.revenue) AS revenue FROM customers c JOIN transactions t
                    ON t.customer_id = c.customer_id GROUP BY c.segment""", "a missing filter")]
    if ex.id == "analysis.sql_top_margin":
        return [(f"""SELECT customer_id, SUM(revenue) AS profit FROM transactions
                     WHERE date LIKE '{y}%' GROUP BY customer_id ORDER BY profit DESC
                     LIMIT 10""", "revenue taken for profit"),
                ("""SELECT customer_id, SUM(margin) AS gm FROM transactions
                    GROUP BY customer_id ORDER BY gm DESC LIMIT 10""", "a missing filter")]
    if ex.id == "analysis.sql_region_complaints":
        return [(f"""SELECT c.region, SUM(t.revenue) AS revenue, COUNT(k.complaint_id) AS n
                     FROM customers c JOIN transactions t ON t.customer_id = c.customer_id
                     LEFT JOIN complaints k ON k.customer_id = c.customer_id
                          AND k.date LIKE '{y}%'
                     WHERE t.date LIKE '{y}%' GROUP BY c.region""",
                 "a join that multiplies rows")]
    if ex.id == "analysis.sql_credit_watch":
        d = ex._days()
        return [(f"""SELECT customer_id, payment_days, bad_debt FROM customers
                     WHERE payment_days > {d} AND bad_debt > 0
                     ORDER BY bad_debt DESC, customer_id""", "a missing filter"),
                (f"""SELECT customer_id, payment_days, bad_debt FROM customers
                     WHERE churned = 0 AND (payment_days > {d} OR bad_debt > 0)
                     ORDER BY bad_debt DESC, customer_id""", "a filter too loose (OR for AND)")]
    raise AssertionError(f"no wrong queries written for {ex.id}")


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
@pytest.mark.parametrize("ex_id", SQL_IDS)
def test_solution_and_rewrites_are_accepted(ex_id, world):
    ex = _ex(ex_id, *world)
    fb = ex.check(ex.solution())
    assert fb.correct and fb.score == 1.0, fb
    for query in _rewrites(ex):
        fb = ex.check(query)
        assert fb.correct, (query, fb)


@pytest.mark.parametrize("world", WORLDS, ids=[f"seed{s}-n{n}" for s, n in WORLDS])
@pytest.mark.parametrize("ex_id", SQL_IDS)
def test_known_wrong_queries_name_the_mistake(ex_id, world):
    ex = _ex(ex_id, *world)
    for query, mistake in _wrong(ex):
        fb = ex.check(query)
        assert not fb.correct and fb.score < 0.5, (query, fb)
        assert fb.misconception == mistake and mistake in fb.message, (query, fb)
    for m in ex.mistakes():
        fb = ex.check(m.value)
        if fb.correct:  # this mistake makes no difference on this world
            continue
        assert fb.misconception == m.name, (m.name, fb)


def test_order_counts_only_when_asked():
    top = _ex("analysis.sql_top_margin")
    y = top.year
    fb = top.check(f"""SELECT customer_id, SUM(margin) FROM transactions
                       WHERE date LIKE '{y}%' AND customer_id IN (
                           SELECT customer_id FROM transactions WHERE date LIKE '{y}%'
                           GROUP BY customer_id ORDER BY SUM(margin) DESC LIMIT 10)
                       GROUP BY customer_id ORDER BY customer_id""")
    assert not fb.correct and 0.5 <= fb.score < 1 and "ORDER BY" in fb.message, fb
    seg = _ex("analysis.sql_segment_customers")
    assert seg.check(seg.solution() + " ORDER BY revenue DESC").correct
    assert seg.check(seg.solution() + " ORDER BY 1 ASC").correct


def test_extra_columns_get_partial_credit():
    ex = _ex("analysis.sql_segment_customers")
    y = ex.year
    fb = ex.check(f"""SELECT c.segment, COUNT(DISTINCT t.customer_id), SUM(t.revenue),
                      COUNT(*) AS orders FROM transactions t JOIN customers c USING (customer_id)
                      WHERE t.date LIKE '{y}%' GROUP BY c.segment""")
    assert not fb.correct and fb.score == 0.8 and "orders" in fb.message, fb


def test_general_mistakes_are_read_off_the_result():
    ex = _ex("analysis.sql_credit_watch")
    fb = ex.check("SELECT customer_id, payment_days, bad_debt FROM customers "
                  "WHERE churned = 0 AND payment_days > 200 AND bad_debt > 0 "
                  "ORDER BY bad_debt DESC, customer_id")
    assert not fb.correct and fb.misconception in ("a filter too strict", None), fb
    seg = _ex("analysis.sql_segment_customers")
    y = seg.year
    fb = seg.check(f"""SELECT c.segment, COUNT(DISTINCT c.customer_id), SUM(t.revenue)
                       FROM customers c JOIN transactions t USING (customer_id)
                       JOIN complaints k USING (customer_id)
                       WHERE t.date LIKE '{y}%' GROUP BY c.segment""")
    assert not fb.correct


REFUSED = {
    "DROP TABLE customers": "DROP",
    "drop view composition;": "DROP",
    "UPDATE customers SET bad_debt = 0": "UPDATE",
    "INSERT INTO customers (customer_id) VALUES (0)": "INSERT",
    "DELETE FROM transactions": "DELETE",
    "ATTACH DATABASE 'other.sqlite' AS other": "ATTACH",
    "PRAGMA writable_schema = ON": "PRAGMA",
    "pragma writable_schema=1; select 1": "PRAGMA",
    "SELECT load_extension('mod_spatialite')": "load_extension",
    "SELECT 1; DROP TABLE customers": "DROP",
    "-- a comment first\n  DROP TABLE customers": "DROP",
    "CREATE TABLE x AS SELECT * FROM customers": "CREATE",
    "WITH x AS (SELECT 1) DELETE FROM customers": "only reads",
    "SELECT 1; SELECT 2": "One query at a time",
}


@pytest.mark.parametrize("query", list(REFUSED), ids=range(len(REFUSED)))
def test_writes_and_settings_are_refused(query):
    ex = _ex("analysis.sql_segment_customers")
    fb = ex.check(query)
    assert not fb.correct and fb.score == 0 and REFUSED[query] in fb.message, fb
    # nothing changed
    assert ex.check(ex.solution()).correct


def test_runaway_queries_are_stopped():
    ex = _ex("analysis.sql_segment_customers")
    start = time.monotonic()
    fb = ex.check("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                  "SELECT MAX(i) FROM n")
    assert time.monotonic() - start < ex.timeout + 3
    assert not fb.correct and "stopped after" in fb.message, fb
    fb = ex.check("SELECT COUNT(*) FROM transactions a, transactions b, transactions c")
    assert not fb.correct and "stopped after" in fb.message, fb
    fb = ex.check("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                  "SELECT i FROM n")
    assert not fb.correct and "more than" in fb.message, fb


MALFORMED = [None, "", "   ", "I don't know", "SELEC * FRM customers", "SELECT nothing FROM nowhere",
             "SELECT region FROM customers JOIN transactions", "SELECT foo FROM customers",
             -1, 12345.678, True, [], {"answer": 1}, object(), float("nan"), b"\x00",
             "SELECT 1 /*", "SELECT 'unterminated", "SELECT * FROM customers",
             "SELECT randomblob(1000000000)", "SELECT zeroblob(-1)", "VALUES (1)"]


@pytest.mark.parametrize("ex_id", SQL_IDS)
def test_malformed_answers_get_feedback(ex_id):
    ex = _ex(ex_id)
    for answer in MALFORMED:
        fb = ex.check(answer)
        assert isinstance(fb, Feedback) and not fb.correct, (answer, fb)
        assert fb.message.strip() and "Could not check" not in fb.message, (answer, fb)


def test_missing_and_damaged_database_is_rebuilt():
    w = ck.make_world(seed=7, n_customers=300)
    ex = make("analysis.sql_segment_customers", world=w)
    assert ex.check(ex.solution()).correct
    path = S._DATABASES[id(w)][1]
    path.unlink()
    fb = ex.check(ex.solution())
    assert fb.correct and "missing" in fb.message and "rebuilt" in fb.message, fb
    path = S._DATABASES[id(w)][1]
    path.write_bytes(b"this is not a database" * 100)
    fb = ex.check(ex.solution())
    assert fb.correct and "damaged" in fb.message, fb
    path = S._DATABASES[id(w)][1]
    path.write_bytes(b"")  # emptied
    assert ex.check(ex.solution()).correct


def test_locked_database_is_reported_and_the_answer_kept(progress_file):
    w = ck.make_world(seed=8, n_customers=300)
    ex = make("analysis.sql_credit_watch", world=w)
    assert ex.check(ex.solution()).correct
    path = S._DATABASES[id(w)][1]
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        view = ex.widget()
        view.set_answer(ex.solution())
        view.check_button.click()
        fb = view.last_feedback
        assert not fb.correct and "locked" in fb.message, fb
        assert view.answer() == ex.solution()  # the query stays in the box
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert ex.check(ex.solution()).correct
    assert ex.widget().answer() == ex.solution()  # and in the progress file


def test_widget_previews_the_result(progress_file):
    ex = _ex("analysis.sql_top_margin")
    view = ex.widget()
    assert "transactions" in view.children[1].value  # the tables are listed
    view.set_answer(ex.solution())
    view.run_button.click()
    assert "Your result" in view.preview.value and "10 rows" in view.preview.value
    assert view.feedback.value == ""
    view.check_button.click()
    assert view.last_feedback.correct and "<table" in view.preview.value
    view.set_answer("DROP TABLE customers")
    assert view.preview.value == ""
    view.check_button.click()
    assert not view.last_feedback.correct and view.preview.value == ""
    view.run_button.click()
    assert "only reads" in view.feedback.value


def test_compare_matches_columns_by_value():
    want = pd.DataFrame({"k": ["a", "b", "c"], "v": [1.0, 2.0, 3.0], "n": [1, 1, 2]})
    got = pd.DataFrame({"count": [2, 1, 1], "key": ["c", "a", "b"], "x": [3.0000001, 1.0, 2.0]})
    assert S.compare(got, want).equal
    assert not S.compare(got, want, ordered=True).equal
    assert S.compare(got, want, ordered=True).order_only
    assert not S.compare(got.iloc[:2], want).equal
    assert S.compare(got.iloc[:2], want).score < 0.6
