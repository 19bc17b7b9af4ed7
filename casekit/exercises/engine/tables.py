"""Small tables as HTML, the same in every exercise."""

from __future__ import annotations

import pandas as pd

from ...i18n import language, translate


def _number(v) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}"


def _table_html(table: pd.DataFrame) -> str:
    """A small table as HTML: no index, thousands separators, money without cents."""
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])
               and not pd.api.types.is_bool_dtype(table[c])]
    if language() != "en":  # the headers in the notebook's language (the catalog's exact ones)
        table = table.rename(columns={c: translate(c, "column") for c in table.columns
                                      if isinstance(c, str)})
        numeric = [translate(c, "column") if isinstance(c, str) else c for c in numeric]
    body = table.to_html(index=False, border=0, classes="casekit-table",
                         formatters={c: ("{:,}".format if pd.api.types.is_integer_dtype(table[c])
                                         else _number) for c in numeric})
    return _TABLE_CSS + body


_TABLE_CSS = (
    "<style>.casekit-table{border-collapse:collapse;margin:4px 0 10px;font-size:0.95em}"
    ".casekit-table th,.casekit-table td{padding:3px 14px;text-align:right;border:none}"
    ".casekit-table th{border-bottom:1px solid #8a8a8a}"
    ".casekit-table th:first-child,.casekit-table td:first-child{text-align:left}"
    ".casekit-table tbody tr:nth-child(odd){background:#f5f7f9}</style>")
