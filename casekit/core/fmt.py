"""How the kit writes money and shares in text: feedback, tables and chart labels.

Examples
--------
>>> cny(1234.5), cny(-80)
('CNY 1,234', '−CNY 80')
>>> pct(0.6234)
'62.3%'
>>> [short_money(v) for v in (0, 950, 1500, 2000, 12_345, 999_700, 1_250_000)]
['0', '950', '1.5k', '2k', '12.3k', '1M', '1.25M']
"""

from __future__ import annotations


def cny(x: float) -> str:
    """An amount in CNY, whole yuan with thousands separators; negatives as −CNY.

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
    return f"CNY {x:,.0f}" if x >= 0 else f"−CNY {-x:,.0f}"


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


def _kind(name: str, s) -> str:
    import pandas as pd

    if pd.api.types.is_bool_dtype(s.dtype):
        return "bool"
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
    if len(v) and v.abs().max() >= 100:
        return "money"
    return "number"


_FORMATS = {"count": "{:,.0f}", "money": "{:,.0f}", "share": "{:.1%}", "number": "{:,.2f}"}


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

    def text_frame(self):
        """The table as a frame of formatted strings (what :meth:`__repr__` prints)."""
        out = self.data.copy()
        for col, f in self.formats.items():
            s = self.data[col]
            out[col] = [("" if v is None or v != v else f.format(v)) for v in s.tolist()]
        return out.astype(object)

    def _styler(self):
        import hashlib

        st = self.data.style.format(self.formats, na_rep="")
        st = st.set_uuid(hashlib.md5(repr(self.text_frame()).encode()).hexdigest()[:8])
        if not self.index:
            st = st.hide(axis="index")
        if self.caption:
            st = st.set_caption(self.caption)
        return st

    def _repr_html_(self):
        return self._styler().to_html()

    def __repr__(self):
        import pandas as pd

        with pd.option_context("display.max_colwidth", None, "display.width", 10_000,
                               "display.max_columns", None, "display.max_rows", 200):
            body = self.text_frame().to_string(index=self.index)
        return (self.caption + "\n" + body) if self.caption else body

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
        self.items = [str(i) for i in items]
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
