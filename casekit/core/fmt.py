"""How the kit writes money and shares in text: feedback, tables and chart labels.

Examples
--------
>>> cny(1234.5), cny(-80)
('CNY 1,234', '−CNY 80')
>>> pct(0.6234)
'62.3%'
>>> [short_money(v) for v in (0, 950, 1500, 2000, 12_345, 999_700, 1_250_000)]
['0', '950', '1.5k', '2k', '12.3k', '1M', '1.25M']

In Chinese (``ck.set_language("zh")``) money is written in 元 with 万 and 亿 (Babel's locale data):

>>> from casekit import i18n
>>> i18n.set_language("zh")
>>> cny(3_264_000), cny(120_000_000), cny(-80_000), cny(950), pct(0.6234)
('326万元', '1.2亿元', '−8万元', '950元', '62.3%')
>>> [short_money(v) for v in (950, 12_345, 1_250_000, 3e8)]
['950', '1.23万', '125万', '3亿']
>>> date("2026-03-05")
'2026年3月5日'
>>> i18n.set_language("en")
>>> date("2026-03-05")
'5 March 2026'
"""

from __future__ import annotations

import re

import math

from .. import i18n

#: Column names of the kit's tables, named so the catalog translates the headers ``table`` shows.
HEADERS = (
    i18n.N_("customer_id"), i18n.N_("customers"), i18n.N_("segment"), i18n.N_("region"),
    i18n.N_("customer_type"), i18n.N_("tier"), i18n.N_("revenue"), i18n.N_("profit"),
    i18n.N_("cost"), i18n.N_("margin"), i18n.N_("orders"), i18n.N_("revenue_share"),
    i18n.N_("customer_share"), i18n.N_("profit_share"), i18n.N_("share"), i18n.N_("count"),
    i18n.N_("mean"), i18n.N_("median"), i18n.N_("total"), i18n.N_("year"), i18n.N_("channel"),
    i18n.N_("churn_rate"), i18n.N_("retention"), i18n.N_("retention_rate"), i18n.N_("clv"),
    i18n.N_("recency"), i18n.N_("frequency"), i18n.N_("monetary"), i18n.N_("rank"),
    i18n.N_("tenure_years"), i18n.N_("satisfaction"), i18n.N_("loyalty"), i18n.N_("churned"),
    i18n.N_("acquisition_channel"), i18n.N_("acquisition_cost"), i18n.N_("cost_to_serve"),
    i18n.N_("growth_rate"), i18n.N_("credit_rating"), i18n.N_("employees"), i18n.N_("date"),
    i18n.N_("product_line"), i18n.N_("quantity"), i18n.N_("discount"), i18n.N_("value"),
    i18n.N_("category"), i18n.N_("severity"), i18n.N_("stage"), i18n.N_("status"),
    i18n.N_("leads"), i18n.N_("won"), i18n.N_("conversion_rate"), i18n.N_("accounts"),
)

#: The Babel locale of each course language.
LOCALES = {"en": "en_US", "zh": "zh_CN"}


def _zh_compact(x: float) -> str:
    """``x`` with 万/亿 and three significant digits (1.23万, 326万, 1.2亿); below 1万 in full."""
    from babel.numbers import format_compact_decimal, format_decimal

    a = abs(x)
    if a < 9_999.5:
        return format_decimal(round(a), locale="zh_CN")
    mantissa = a / (1e8 if a >= 99_995_000 else 1e4)
    digits = max(0, 2 - int(math.floor(math.log10(mantissa))))
    return format_compact_decimal(a, locale="zh_CN", fraction_digits=digits)


def cny(x: float) -> str:
    """An amount in CNY, whole yuan with thousands separators; negatives as −CNY.

    In Chinese: 元 with 万/亿 and three significant digits (326万元, 1.2亿元, 950元).

    Parameters
    ----------
    x : float
        An amount.

    Returns
    -------
    str
        E.g. ``'CNY 1,234'``.

    Examples
    --------
    >>> cny(1234.5)
    'CNY 1,234'
    """
    if i18n.language() == "zh":
        return ("−" if x < 0 and round(abs(x)) else "") + _zh_compact(x) + "元"
    return f"CNY {x:,.0f}" if x >= 0 else f"−CNY {-x:,.0f}"


def date(d) -> str:
    """A date for a sentence: ``5 March 2026``; in Chinese ``2026年3月5日``.

    Parameters
    ----------
    d : date, datetime, Timestamp or ISO string
        The day.

    Returns
    -------
    str
        The date written out.

    Examples
    --------
    >>> date("2026-03-05")
    '5 March 2026'
    """
    import pandas as pd
    from babel.dates import format_date

    day = pd.Timestamp(d).date()
    if i18n.language() == "zh":
        return format_date(day, format="long", locale="zh_CN")
    return format_date(day, format="d MMMM y", locale="en_GB")


def pct(x: float) -> str:
    """A share as a percentage with one decimal.

    Parameters
    ----------
    x : float
        A share.

    Returns
    -------
    str
        E.g. ``'62.3%'``.

    Examples
    --------
    >>> pct(0.6234)
    '62.3%'
    """
    if i18n.language() == "zh":
        from babel.numbers import format_percent

        return format_percent(x, "#,##0.0%", locale="zh_CN")
    return f"{x:.1%}"


def short_money(v: float) -> str:
    """A compact amount for chart ticks and labels: 950, 1.5k, 12.3k, 1.25M (3 significant digits).

    Three significant digits keep neighbouring ticks apart (1.5k and 2k, never 2k twice).

    Parameters
    ----------
    v : float
        An amount.

    Returns
    -------
    str
        E.g. ``'1.5k'``.

    Examples
    --------
    >>> short_money(12_345)
    '12.3k'
    """
    if i18n.language() == "zh":
        return ("-" if v < 0 and round(abs(v)) else "") + _zh_compact(v).replace(",", "")
    a = abs(v)
    if a >= 999_500:
        return f"{v / 1e6:.3g}M"
    if a >= 999.5:
        return f"{v / 1e3:.3g}k"
    return f"{v:.3g}"


# --------------------------------------------------------------------------------------------
# Readable tables: the one way the chapters show a table to a student
# --------------------------------------------------------------------------------------------

#: Column-name words that mark a share (shown as a percentage) and money (whole yuan).
_SHARE_WORDS = ("share", "rate", "ratio_pct", "pct", "percent", "retention", "churn", "margin_pct",
                "p_alive", "probability", "conversion")
_MONEY_WORDS = ("revenue", "profit", "cost", "value", "clv", "ltv", "spend", "amount", "margin",
                "price", "cny", "sales", "income", "budget", "gain", "loss", "money")


#: Column names that hold days or years (recency, days_to_close, tenure_years): counted, not money.
_DAYS_NAME = re.compile(r"recency|days|tenure|(^|_)age($|_)")

#: Column names that hold ids or years: written as they are, without thousands separators.
_ID_NAME = re.compile(r"(^|_)(id|ids|key|year|years|seed|code)$", re.I)


def _kind(name: str, s) -> str:
    import pandas as pd

    if pd.api.types.is_bool_dtype(s.dtype):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        v = s.dropna()
        return "date" if len(v) and (v == v.dt.normalize()).all() else "other"
    if _ID_NAME.search(str(name)) and (pd.api.types.is_integer_dtype(s.dtype) or (
            pd.api.types.is_float_dtype(s.dtype) and (s.dropna() == s.dropna().round()).all())):
        return "id"
    if pd.api.types.is_integer_dtype(s.dtype):
        return "count"
    if not pd.api.types.is_float_dtype(s.dtype):
        return "other"
    low = str(name).lower()
    if any(w in low for w in _SHARE_WORDS) and not any(w in low for w in ("per_", "_per")):
        v = s.dropna()
        if len(v) == 0 or (v.abs() <= 1.0 + 1e-9).all():
            return "share"
    if any(w in low for w in _MONEY_WORDS):
        return "money"
    v = s.dropna()
    if len(v) and (v == v.round()).all():
        return "count"
    if len(v) and v.abs().max() >= 100:  # large amounts are money, but days are counted (no 元)
        return "count" if _DAYS_NAME.search(low) else "money"
    return "number"


class _Money(str):
    """The format of a money column (whole yuan; 万/亿 元 in Chinese)."""


_FORMATS = {"count": "{:,.0f}", "money": _Money("{:,.0f}"), "share": "{:.1%}", "number": "{:,.2f}",
            "id": "{:.0f}", "date": "{:%Y-%m-%d}"}


def _zh_money(v) -> str:
    """A money cell in Chinese: 元 with 万/亿 (326万元)."""
    return cny(float(v))


def _zh_format(f):
    """The Chinese format of a column: money in 万/亿 元, the rest as in English."""
    return _zh_money if isinstance(f, _Money) else f


def _apply(f, v) -> str:
    return f(v) if callable(f) else f.format(v)


#: Column headers that hold the Chinese of the text column beside them (a glossary's 中文).
_GLOSS_HEADERS = ("chinese", "中文")


def chinese_twins(data):
    """In Chinese, a column's Chinese twin takes its place and the English column goes.

    ``<name>_zh`` stands in for ``<name>`` (``statement_zh`` for ``statement``); a column headed
    ``chinese`` or ``中文`` stands in for the text it glosses, the nearest text column to its left.
    The header stays the English column's, so the Chinese student reads one column in Chinese
    where the English edition shows both.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"type": ["price"], "statement": ["Too dear."], "statement_zh": ["太贵了。"]})
    >>> list(chinese_twins(f).columns), chinese_twins(f).loc[0, "statement"]
    (['type', 'statement'], '太贵了。')
    """
    import pandas as pd

    cols = list(data.columns)
    text = [c for c in cols if not (pd.api.types.is_numeric_dtype(data[c].dtype)
                                    or pd.api.types.is_bool_dtype(data[c].dtype))]
    put = {}  # English column → the column whose Chinese it shows
    for c in cols:
        if isinstance(c, str) and c.endswith("_zh") and c[:-3] in cols:
            put[c[:-3]] = c
    for g in (c for c in cols if c in _GLOSS_HEADERS):
        j = cols.index(g)
        left = [c for c in reversed(cols[:j]) if c in text and c not in put and c not in put.values()]
        if left:
            put[left[0]] = g
    if not put:
        return data
    out = data.copy()
    for en, zh in put.items():
        out[en] = data[zh]
    return out.drop(columns=list(put.values()))


#: Pieces the analyses join into one cell ("strong: purchasing power, relationship; bad: …",
#: "need + authority", "compensation; questioning"): in Chinese each piece is translated (its
#: ``part`` context first) and the pieces joined with Chinese punctuation.
PARTS = (
    i18n.NC_("part", "strong"), i18n.NC_("part", "weak"), i18n.NC_("part", "bad"),
    i18n.NC_("part", "purchasing power"), i18n.NC_("part", "profitability"),
    i18n.NC_("part", "low cost to serve"), i18n.NC_("part", "relationship"),
    i18n.NC_("part", "innovation partnership"), i18n.NC_("part", "buys little, demands much"),
    i18n.NC_("part", "no credit-worthiness"), i18n.NC_("part", "off-core demands"),
    i18n.NC_("part", "no strong or bad trait"),
    i18n.NC_("part", "need"), i18n.NC_("part", "ability to pay"), i18n.NC_("part", "authority"),
    i18n.NC_("part", "disputes"),
)
#: Headers whose word means something else in a sentence ("no" = 序号 over a column, 否 in a cell).
COLUMN_WORDS = (i18n.NC_("column", "no"), i18n.NC_("column", "missing"),
                i18n.NC_("column", "need"), i18n.NC_("column", "authority"),  # the MAN rule's, not objections
                i18n.NC_("column", "value"),  # a setting's or a card item's value (取值), not its worth
                i18n.NC_("column", "rung"))  # the loyalty ladder's, shown in Chinese
#: Cells whose word is particular to their column (context ``in:<column>``).
CELL_WORDS = (i18n.NC_("in:missing", "need"), i18n.NC_("in:missing", "authority"),
              i18n.NC_("in:missing", "ability to pay"), i18n.NC_("in:kind", "table"),
              i18n.NC_("in:kind", "view"))
#: Columns that hold the names of tables and columns (shown as written: code names).
_NAME_COLUMNS = ("table", "table or view", "table_name", "column", "column_name")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
_SEPARATORS = (("; ", "；"), (": ", "："), (" + ", "、"), (", ", "、"))
_LATIN = re.compile(r"[A-Za-z]{2}")


def said_cell(text: str, context: str = "value") -> str:
    """A text cell in the current language: its whole translation, else its pieces' (see
    :data:`PARTS`), else the text itself.

    Examples
    --------
    >>> said_cell("need + authority")
    'need + authority'
    """
    whole = i18n.translate(text, context)
    if whole != text or i18n.language() == "en" or not _LATIN.search(text):
        return whole
    pieces = _pieces(text)
    return text if pieces is None else pieces


def _pieces(text: str):
    if not _LATIN.search(text):
        return text
    for t in (i18n.pgettext("part", text), i18n.translate(text, "value")):
        if t != text:
            return t
    for sep, zh in _SEPARATORS:
        if sep in text:
            parts = [_pieces(p) for p in text.split(sep)]
            if all(p is not None for p in parts):
                return zh.join(parts)
    return None


class Table:
    """A table formatted for reading: what :func:`table` returns.

    Shows as HTML in a notebook (pandas' Styler) and as aligned text elsewhere; the numbers
    stay in :attr:`data` for further work.
    """

    def __init__(self, data, formats: dict, *, index: bool, caption: str | None):
        self.data = data
        self.formats = formats
        self.index = index
        self.caption = caption
        self._views = {}  # language → (frame as shown, formats, formatted text): Jupyter asks
        #                   for the HTML and the text of one table, each needing all three

    def _shown(self):
        """The frame as shown and its formats, in the current language (computed once each)."""
        return self._view()[:2]

    def _view(self):
        import pandas as pd

        lang = i18n.language()
        if lang not in self._views:
            data, formats = self._translated()
            out = data.copy()
            for col, f in formats.items():
                out[col] = [("" if pd.isna(v) else _apply(f, v)) for v in data[col].tolist()]
            self._views[lang] = (data, formats, out.astype(object))
        return self._views[lang]

    def _translated(self):
        """The frame as shown: headers, the index name and text cells in the current language."""
        import pandas as pd

        data = self.data
        if i18n.language() == "en":
            return data, self.formats
        data = chinese_twins(data)
        names, taken = {}, set()
        for c in data.columns:  # two headers with one translation keep their English beside it
            t = i18n.translate(c, "column") if isinstance(c, str) else c
            names[c] = f"{t}（{c}）" if t in taken and t != c else t
            taken.add(names[c])
        shown = data.rename(columns=names)
        def said(values, name=None):  # category labels (segments, tiers, reasons …) in the language
            # the customer pyramid's tiers ("lead" = 重铅, not a sales lead) where a column holds them
            ctx = "tier" if {"platinum", "gold", "iron"} & {str(v) for v in values} else "value"
            known = {}
            for v in values:
                if isinstance(v, str) and v not in known:
                    # a word particular to its column first ("need" in ``missing`` is the MAN rule's)
                    own = i18n.pgettext("in:" + name, v) if isinstance(name, str) else v
                    known[v] = own if own != v else said_cell(v, ctx)
            return [known[v] if isinstance(v, str) else v for v in values]

        english = list(data.columns)
        for j in range(shown.shape[1]):
            col = shown.iloc[:, j]
            if english[j] in _NAME_COLUMNS and all(
                    isinstance(v, str) and _IDENTIFIER.match(v) for v in col.tolist()):
                continue  # table and column names are what the student types: they stay as they are
            if not (pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype)):
                shown.isetitem(j, pd.Series(said(col.tolist(), english[j]), index=col.index, dtype=object))
        if not (pd.api.types.is_numeric_dtype(shown.index.dtype) or isinstance(shown.index, pd.MultiIndex)):
            shown.index = pd.Index(said(shown.index.tolist(), data.index.name), name=shown.index.name)
        if isinstance(shown.index.name, str):
            shown.index = shown.index.rename(i18n.translate(shown.index.name, "column"))
        if isinstance(shown.columns.name, str):
            shown.columns = shown.columns.rename(i18n.translate(shown.columns.name, "column"))
        formats = {names[c]: _zh_format(f) for c, f in self.formats.items() if c in names}
        return shown, formats

    def text_frame(self):
        """The table as a frame of formatted strings (what :meth:`__repr__` prints)."""
        return self._view()[2].copy()

    def _styler(self):
        import hashlib

        data, formats = self._shown()
        st = data.style.format(formats, na_rep="")
        st = st.set_uuid(hashlib.md5(repr(self._view()[2]).encode()).hexdigest()[:8])
        if not self.index:
            st = st.hide(axis="index")
        if self.caption:
            st = st.set_caption(i18n.translate(self.caption))
        return st

    def _repr_html_(self):
        return self._styler().to_html()

    def __repr__(self):
        import pandas as pd

        with pd.option_context("display.max_colwidth", None, "display.width", 10_000,
                               "display.max_columns", None, "display.max_rows", 200):
            body = self.text_frame().to_string(index=self.index)
        caption = i18n.translate(self.caption) if self.caption else self.caption
        return (caption + "\n" + body) if caption else body

    def __len__(self):
        return len(self.data)


def table(df, *, money=(), shares=(), counts=(), decimals: dict | None = None, index=None,
          caption: str | None = None, rows: int | None = None) -> Table:
    """A frame made readable: thousands separators, percentages, whole counts, nothing cut off.

    Formats are chosen from each column's type and name (``*share*``, ``*rate*`` → percentage;
    ``revenue``, ``profit``, ``cost``, ``value`` … → whole yuan with separators; whole numbers →
    counts; other numbers → two decimals); ``money=``, ``shares=``, ``counts=`` and
    ``decimals={column: n}`` override the guess.

    Parameters
    ----------
    df : DataFrame or Series
        The table.
    money, shares, counts : sequence of str
        Columns to show as whole yuan, as percentages, as whole numbers.
    decimals : dict, optional
        ``{column: n}``: show these columns with ``n`` decimals (at most 3).
    index : bool, optional
        Show the index (default: only when it is not the plain 0, 1, 2 … numbering).
    caption : str, optional
        A caption above the table.
    rows : int, optional
        Show only the first ``rows`` rows.

    Returns
    -------
    Table
        Shown as HTML in a notebook; ``.data`` is the frame itself.

    Examples
    --------
    >>> import pandas as pd
    >>> t = table(pd.DataFrame({"tier": ["A", "B"], "customers": [1200, 80],
    ...                         "revenue": [13782498.43, 2e5], "revenue_share": [0.348993, 0.05]}))
    >>> print(t)
    tier customers    revenue revenue_share
       A     1,200 13,782,498         34.9%
       B        80    200,000          5.0%
    """
    import pandas as pd

    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"table: expected a DataFrame or Series, got {type(df).__name__}")
    data = df if rows is None else df.head(rows)
    chosen = {}
    for col in data.columns:
        k = _kind(col, data[col])
        if col in money:
            k = "money"
        elif col in shares:
            k = "share"
        elif col in counts:
            k = "count"
        if decimals and col in decimals:
            n = int(decimals[col])
            if not 0 <= n <= 3:
                raise ValueError(f"table: decimals for {col!r} must be 0 to 3, got {n}")
            chosen[col] = "{:,.%df}" % n
        elif k in _FORMATS:
            chosen[col] = _FORMATS[k]
    if index is None:
        index = not isinstance(data.index, pd.RangeIndex)
    return Table(data, chosen, index=bool(index), caption=caption)


class Bullets:
    """A list shown as Markdown bullets (what :func:`bullets` returns)."""

    def __init__(self, items, numbered: bool):
        self.items = [i18n.translate(str(i)) for i in items]
        self.numbered = numbered

    def _repr_markdown_(self):
        return "\n".join((f"{k}. " if self.numbered else "- ") + i
                         for k, i in enumerate(self.items, 1))

    def __repr__(self):
        return self._repr_markdown_()


def bullets(items, *, numbered: bool = False) -> Bullets:
    """A textbook list as bullets (or numbered 1, 2, 3 …), never as a 0-based table.

    Parameters
    ----------
    items : iterable
        The entries (each shown as text).
    numbered : bool, default False
        Number the entries from 1.

    Returns
    -------
    Bullets
        Shown as Markdown in a notebook.

    Examples
    --------
    >>> print(bullets(["动态管理", "突出重点"], numbered=True))
    1. 动态管理
    2. 突出重点
    """
    return Bullets(items, numbered)
