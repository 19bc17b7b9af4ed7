"""SQL exercises for chapter 5: asking the customer database (客户数据库) questions.

Each exercise runs on the database :func:`casekit.database.build` makes from the exercise's world,
and checks the student's query by its result (:class:`casekit.exercises.sql.SQLExercise`).  The
years and thresholds in the questions are read from the database's ``settings`` table, so every
world gets its own question and answer.  Each exercise names the mistakes a business analyst
makes most: counting rows instead of customers, a missing filter, a join that multiplies rows,
revenue taken for profit.
"""

from __future__ import annotations

from ..i18n import N_, _
from .engine import Misconception, register
from .sql import SQLExercise

__all__ = ["SegmentCustomers", "TopMargin", "RegionComplaints", "CreditWatch"]


class _Settings:
    """Mixin: a value of the database's ``settings`` table."""

    def setting(self, name: str):
        if "_settings" not in self.__dict__:
            res = self.run("SELECT name, value FROM settings")
            self._settings = dict(zip(res.frame["name"], res.frame["value"])) if res.ok else {}
        return self._settings[name]

    @property
    def year(self) -> int:
        return int(self.setting("year_after"))


# --------------------------------------------------------------------------------------------
@register("analysis.sql_segment_customers", chapter=5,
          title=N_("SQL: buying customers and revenue per segment"))
class SegmentCustomers(_Settings, SQLExercise):
    """GROUP BY with a join: customers (not orders) and revenue per segment in the last year."""

    tables = ("customers", "transactions")
    hint = ("Join the orders to their customers, keep the orders of the year, group by segment; "
            "a customer with many orders counts once.")

    @property
    def prompt(self) -> str:
        return _("Customer composition (客户构成) in SQL. For each industry **segment**: how many "
                 "**customers** ordered in {year}, and their **revenue** (net, `revenue`) "
                 "in {year}. Return three columns — segment, customers, revenue — one row "
                 "per segment, in any order. Order dates are text such as '{year}-03-31': "
                 "`strftime('%Y', date) = '{year}'` keeps one year.").format(year=self.year)

    def solution(self) -> str:
        return f"""SELECT c.segment,
       COUNT(DISTINCT t.customer_id) AS customers,
       SUM(t.revenue) AS revenue
FROM transactions AS t
JOIN customers AS c ON c.customer_id = t.customer_id
WHERE strftime('%Y', t.date) = '{self.year}'
GROUP BY c.segment"""

    def mistakes(self) -> list[Misconception]:
        y = self.year
        return [
            Misconception(_("counting rows instead of customers"), f"""SELECT c.segment,
    COUNT(*), SUM(t.revenue) FROM transactions AS t JOIN customers AS c
    ON c.customer_id = t.customer_id WHERE strftime('%Y', t.date) = '{y}' GROUP BY c.segment""",
                          _("COUNT(*) counts the joined rows — one per order, so a customer with "
                            "ten orders counts ten times. Count each customer once: "
                            "COUNT(DISTINCT t.customer_id).")),
            Misconception(_("a missing filter"), """SELECT c.segment,
    COUNT(DISTINCT t.customer_id), SUM(t.revenue) FROM transactions AS t JOIN customers AS c
    ON c.customer_id = t.customer_id GROUP BY c.segment""",
                          _("These are the customers and revenue of every year in the data; the "
                            "question asks for {year} only: add the WHERE condition on the date.").format(year=y)),
        ]

    def explanation(self) -> str:
        return _("COUNT(DISTINCT …) counts customers, not orders; a join of orders to customers "
                 "has one row per order.")


# --------------------------------------------------------------------------------------------
@register("analysis.sql_top_margin", chapter=5,
          title=N_("SQL: the ten customers who earn us the most gross margin"))
class TopMargin(_Settings, SQLExercise):
    """ORDER BY and LIMIT on an aggregate: the top ten by gross margin, not by revenue."""

    ordered = True
    tables = ("transactions",)
    hint = "Sum the margin per customer, sort it from the largest, keep ten rows."

    @property
    def prompt(self) -> str:
        return _("Which **10 customers** brought us the most **gross margin** (毛利, column "
                 "`margin` = revenue − cost of goods) in {year}? Return customer_id and "
                 "their gross margin, **largest first** (the order counts).").format(year=self.year)

    def solution(self) -> str:
        return f"""SELECT customer_id, SUM(margin) AS gross_margin
FROM transactions
WHERE strftime('%Y', date) = '{self.year}'
GROUP BY customer_id
ORDER BY gross_margin DESC
LIMIT 10"""

    def mistakes(self) -> list[Misconception]:
        y = self.year
        why = _("Revenue is what the customer pays; gross margin (毛利) is what is left after the "
                "cost of the goods — the biggest buyers are not always the ones who earn us most. "
                "Sum `margin`, and sort by it.")
        return [
            Misconception(_("revenue taken for profit"), f"""SELECT customer_id, SUM(revenue)
    FROM transactions WHERE strftime('%Y', date) = '{y}' GROUP BY customer_id
    ORDER BY 2 DESC LIMIT 10""", why),
            Misconception(_("revenue taken for profit"), f"""SELECT customer_id, SUM(margin)
    FROM transactions WHERE strftime('%Y', date) = '{y}' GROUP BY customer_id
    ORDER BY SUM(revenue) DESC LIMIT 10""", why),
            Misconception(_("a missing filter"), """SELECT customer_id, SUM(margin)
    FROM transactions GROUP BY customer_id ORDER BY 2 DESC LIMIT 10""",
                          _("This is the gross margin of every year in the data; the question asks "
                            "for {year}: add the WHERE condition on the date.").format(year=y)),
            Misconception(_("counting rows instead of customers"), f"""SELECT customer_id, margin
    FROM transactions WHERE strftime('%Y', date) = '{y}' ORDER BY margin DESC LIMIT 10""",
                          _("These are the ten biggest single orders, not customers: sum each "
                            "customer's orders with GROUP BY customer_id first.")),
        ]


# --------------------------------------------------------------------------------------------
@register("analysis.sql_region_complaints", chapter=5,
          title=N_("SQL: revenue and complaints per region, without double counting"))
class RegionComplaints(_Settings, SQLExercise):
    """Two aggregates over two child tables: the classic join that multiplies rows."""

    tables = ("customers", "transactions", "complaints")
    hint = ("Sum the revenue per region in one query and count the complaints per region in "
            "another (a CTE each: WITH sales AS (…), comp AS (…)), then join the two results.")

    @property
    def prompt(self) -> str:
        return _("For each **region**: the **revenue** of its customers' orders in {year} "
                 "and the **number of complaints** (投诉) its customers made in {year}. "
                 "Return region, revenue, complaints — one row per region, in any order. "
                 "Careful: a customer has many orders *and* many complaints.").format(year=self.year)

    def solution(self) -> str:
        y = self.year
        return f"""WITH sales AS (
    SELECT c.region, SUM(t.revenue) AS revenue
    FROM transactions AS t JOIN customers AS c ON c.customer_id = t.customer_id
    WHERE strftime('%Y', t.date) = '{y}'
    GROUP BY c.region),
comp AS (
    SELECT c.region, COUNT(*) AS complaints
    FROM complaints AS k JOIN customers AS c ON c.customer_id = k.customer_id
    WHERE strftime('%Y', k.date) = '{y}'
    GROUP BY c.region)
SELECT s.region, s.revenue, COALESCE(m.complaints, 0) AS complaints
FROM sales AS s LEFT JOIN comp AS m ON m.region = s.region"""

    def mistakes(self) -> list[Misconception]:
        y = self.year
        why = _("Joining orders and complaints to the customers in one query pairs every order "
                "of a customer with every complaint of that customer, so revenue is counted once "
                "per complaint and complaints once per order. Aggregate each table on its own "
                "(two CTEs), then join the totals by region.")
        return [
            Misconception(_("a join that multiplies rows"), f"""SELECT c.region, SUM(t.revenue),
    COUNT(k.complaint_id) FROM customers AS c
    JOIN transactions AS t ON t.customer_id = c.customer_id AND strftime('%Y', t.date) = '{y}'
    LEFT JOIN complaints AS k ON k.customer_id = c.customer_id
        AND strftime('%Y', k.date) = '{y}'
    GROUP BY c.region""", why),
            Misconception(_("a join that multiplies rows"), f"""SELECT c.region, SUM(t.revenue),
    COUNT(DISTINCT k.complaint_id) FROM customers AS c
    JOIN transactions AS t ON t.customer_id = c.customer_id AND strftime('%Y', t.date) = '{y}'
    LEFT JOIN complaints AS k ON k.customer_id = c.customer_id
        AND strftime('%Y', k.date) = '{y}'
    GROUP BY c.region""", why + " " + _("COUNT(DISTINCT) repairs the count, not the sum.")),
            Misconception(_("a missing filter"), f"""WITH sales AS (SELECT c.region,
    SUM(t.revenue) AS revenue FROM transactions AS t JOIN customers AS c
    ON c.customer_id = t.customer_id WHERE strftime('%Y', t.date) = '{y}' GROUP BY c.region),
    comp AS (SELECT c.region, COUNT(*) AS complaints FROM complaints AS k JOIN customers AS c
    ON c.customer_id = k.customer_id GROUP BY c.region)
    SELECT s.region, s.revenue, m.complaints FROM sales AS s JOIN comp AS m USING (region)""",
                          _("The complaints are counted over every year; the question asks for "
                            "{year}: filter the complaints' date too.").format(year=y)),
        ]


# --------------------------------------------------------------------------------------------
@register("analysis.sql_credit_watch", chapter=5,
          title=N_("SQL: active customers who pay late and left bad debt"))
class CreditWatch(_Settings, SQLExercise):
    """A WHERE clause with three conditions, and an order: the credit watch list (信用调查)."""

    ordered = True
    tables = ("customers", "credit_review")
    hint = ("Three conditions joined by AND: still a customer (churned = 0), paying after more "
            "than the limit, and some bad debt; then ORDER BY bad_debt DESC.")

    @property
    def prompt(self) -> str:
        days = int(float(self.setting("max_payment_days")))
        return _("Credit investigation from internal records (内部调查). List the **active** "
                 "customers (`churned = 0`) who pay after **more than {days} days** on average "
                 "(`payment_days`) **and** have bad debt written off (`bad_debt > 0`). Return "
                 "customer_id, payment_days and bad_debt, **largest bad debt first** (ties by "
                 "customer_id).").format(days=days)

    def _days(self) -> int:
        return int(float(self.setting("max_payment_days")))

    def solution(self) -> str:
        return f"""SELECT customer_id, payment_days, bad_debt
FROM customers
WHERE churned = 0 AND payment_days > {self._days()} AND bad_debt > 0
ORDER BY bad_debt DESC, customer_id"""

    def mistakes(self) -> list[Misconception]:
        d = self._days()
        return [
            Misconception(_("a missing filter"), f"""SELECT customer_id, payment_days, bad_debt
    FROM customers WHERE payment_days > {d} AND bad_debt > 0
    ORDER BY bad_debt DESC, customer_id""",
                          _("This list includes customers who have already left (churned = 1): "
                            "the question asks for active customers only.")),
            Misconception(_("a filter too loose (OR for AND)"), f"""SELECT customer_id, payment_days,
    bad_debt FROM customers WHERE churned = 0 AND (payment_days > {d} OR bad_debt > 0)
    ORDER BY bad_debt DESC, customer_id""",
                          _("OR keeps a customer with either sign; the question asks for both: "
                            "join the conditions with AND.")),
            Misconception(_("a filter too loose (>= for >)"), f"""SELECT customer_id, payment_days,
    bad_debt FROM customers WHERE churned = 0 AND payment_days >= {d} AND bad_debt > 0
    ORDER BY bad_debt DESC, customer_id""",
                          _("More than {d} days means payment_days > {d}: a customer at exactly "
                            "{d} days is not late by the rule.").format(d=d)),
        ]

    def explanation(self) -> str:
        return _("The view credit_review applies the kit's whole rule (four warning signs) in "
                 "SQL: SELECT * FROM credit_review WHERE decision = 'stop'.")
