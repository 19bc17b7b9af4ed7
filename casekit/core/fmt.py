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
