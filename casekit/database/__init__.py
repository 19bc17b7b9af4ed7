"""The customer database (客户数据库) as a real SQLite database, built in the six stages of the
source (建立客户数据库的六个阶段) and queried safely.

``ck.database(world)`` builds the file and returns a :class:`CustomerDatabase`; this module is
itself callable, so ``ck.database(...)`` and ``casekit.database.build(...)`` are the same call.
SQLite comes with Python's standard library: nothing to install, and the file opens in any SQLite
tool (DB Browser for SQLite, the ``sqlite3`` shell, DBeaver).

* :func:`build` — the six stages (:data:`STAGES`), each as the SQL that performs it;
* :class:`CustomerDatabase` — ``query`` (read-only), ``tables``, ``stages``, ``sql``,
  ``integrity``, the screening ``report`` and the ``skipped`` views;
* :func:`run_query`, :func:`connect_readonly`, :func:`refusal` — the read-only runner the SQL
  exercises use: ``mode=ro``, an authorizer that allows reading only, a time limit and a row
  limit.

Why SQLite and not DuckDB: SQLite is in Python's standard library (nothing to install on any
machine, Binder or Colab), its file is the format every SQL tool and many business applications
read, and it answers the chapter's queries on a customer file of thousands to a million orders in
well under a second.  DuckDB's columnar engine pays off on analytics over far larger tables than a
course's customer file, at the cost of a dependency.

Examples
--------
>>> import casekit as ck
>>> db = ck.database(ck.world(seed=1, n_customers=300))
>>> db.query("SELECT COUNT(*) AS customers FROM customers")
   customers
0        300
>>> found = db.report.query("found > 0")
>>> found[["table", "column", "check"]].head(3)
       table   column                 check
0  customers  segment  not an allowed value
1  customers   region  not an allowed value
2  customers  loyalty    on the wrong scale
>>> bool((found["repaired"] == found["found"]).all())
True
"""

from __future__ import annotations

import sys
import types

from .build import CRM_FEATURES, FAULTS, STAGES, TABLES, CustomerDatabase, build, readable
from .query import QueryResult, connect_readonly, refusal, run_query

__all__ = ["CRM_FEATURES", "FAULTS", "STAGES", "TABLES", "CustomerDatabase", "QueryResult",
           "build", "connect_readonly", "readable", "refusal", "run_query"]


class _CallableModule(types.ModuleType):
    """Lets ``ck.database(world)`` call :func:`build` while ``casekit.database`` stays a module."""

    def __call__(self, data=None, **options):
        return build(data, **options)


sys.modules[__name__].__class__ = _CallableModule
