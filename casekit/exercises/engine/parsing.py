"""Reading what a student typed: numbers, and formatting values for sentences."""

from __future__ import annotations

import math
import re
import unicodedata

from ...i18n import N_, _, language


class BadAnswer(ValueError):
    """An answer that cannot be read; its message tells the student what was expected."""


#: Units an answer can be given in (named here so the catalog translates them).
UNITS = (N_("CNY"), N_("characters"), N_("customers"), N_("leads"), N_("points"),
         N_("purchases"), N_("days"), N_("years"), N_("months"), N_("hours"), N_("accounts"))

_CURRENCY = re.compile(r"^(cny|rmb|usd|eur|人民币|[¥$€£])\s*|\s*(cny|rmb|yuan|元|块|人民币|usd|eur|[¥$€£])$",
                       re.IGNORECASE)
#: Chinese magnitudes a number may end with (3.5万 = 35,000; 1.2亿 = 120,000,000).
_MAGNITUDE = {"千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "k": 1e3, "K": 1e3}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _chinese_integer(text: str) -> int | None:
    """A number written in Chinese numerals below 万 (三十五 = 35, 一百零五 = 105); else ``None``."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
    return total + (digit or 0)


def _chinese_number(text: str) -> float | None:
    """``三十五``, ``三十五点五`` or ``三点五`` as a number; ``None`` when it is not one."""
    whole, _sep, frac = text.partition("点")
    value = _chinese_integer(whole)
    if value is None:
        return None
    if frac:
        if any(c not in _CN_DIGITS for c in frac):
            return None
        return float(f"{value}." + "".join(str(_CN_DIGITS[c]) for c in frac))
    return float(value)


def parse_number(answer) -> tuple[float, bool]:
    """Read a typed number: returns ``(value, was_percent)``.

    Accepts numbers and strings such as ``"0.62"``, ``"62%"``, ``"1,234.5"``, ``"CNY 1,234"``,
    ``"-3"`` and ``"1e6"``, and the ways a Chinese student writes them: full-width digits and
    signs (``１２３．５``, ``－３``), ``％``, the separator ``，``, 万 and 亿 (``3.5万`` = 35,000),
    ``元`` and ``百分之三十五`` (35%).  Raises :class:`BadAnswer` with a helpful message otherwise.

    Examples
    --------
    >>> parse_number("62%")
    (0.62, True)
    >>> parse_number(" 1,234.5 ")
    (1234.5, False)
    >>> parse_number("３.５万元"), parse_number("百分之三十五"), parse_number("－１２３．５")
    ((35000.0, False), (0.35, True), (-123.5, False))
    >>> parse_number("about half")
    Traceback (most recent call last):
    ...
    casekit.exercises.engine.parsing.BadAnswer: 'about half' is not a number; type digits such as 0.62, 62% or 1,234.5.
    """
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        raise BadAnswer(_("No answer yet: type a number."))
    if isinstance(answer, bool):
        raise BadAnswer(_("{answer!r} is a yes/no value, not a number.").format(answer=answer))
    if isinstance(answer, (int, float)) or (hasattr(answer, "dtype") and getattr(answer, "ndim", 1) == 0):
        try:
            value = float(answer)
        except (TypeError, ValueError):
            raise BadAnswer(_("{answer!r} is not a number.").format(answer=answer)) from None
        if not math.isfinite(value):
            raise BadAnswer(_("{answer!r} is not a finite number.").format(answer=answer))
        return value, False
    if not isinstance(answer, str):
        raise BadAnswer(_("Expected a single number, got {type} {answer!r}.").format(
            type=type(answer).__name__, answer=answer))
    # full-width forms (１２３．５, －, ％, ，) become their ASCII twins; 。 as a decimal point
    text = unicodedata.normalize("NFKC", answer).strip().replace("\u2212", "-").replace("。", ".")
    text = re.sub(r"[\s\u00a0\u2009\u202f_']", "", text)
    percent = False
    if text.startswith("百分之"):
        text, percent = text[3:], True
        spoken = _chinese_number(text)
        if spoken is not None:
            return spoken / 100.0, True
    elif text.endswith("%"):
        text, percent = text[:-1], True
    text = _CURRENCY.sub("", text)
    if not percent:
        spoken = _chinese_number(text)
        if spoken is not None and text not in ("千",):
            return spoken, False
    scale = 1.0
    if text[-1:] in _MAGNITUDE and len(text) > 1 and not percent:
        scale, text = _MAGNITUDE[text[-1]], text[:-1]
        text = _CURRENCY.sub("", text)
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", text):
        text = text.replace(",", "")
    elif "," in text:
        raise BadAnswer(_("{answer!r}: write decimals with a point (0.62), not a comma, and "
                          "thousands as 1,234.").format(answer=answer))
    try:
        value = float(text) * scale
    except ValueError:
        raise BadAnswer(_("{answer!r} is not a number; type digits such as 0.62, 62% or "
                          "1,234.5.").format(answer=answer)) from None
    if not math.isfinite(value):
        raise BadAnswer(_("{answer!r} is not a finite number.").format(answer=answer))
    return (value / 100.0 if percent else value), percent


def _fmt(value: float, unit: str, decimals: int | None = None) -> str:
    """A value for a sentence: 62.3%, CNY 1,234, 3.5 days (Chinese: 62.3%, 1,234元, 3.5天)."""
    if unit == "share":
        d = 1 if decimals is None else decimals
        return f"{value * 100:,.{d}f}%"
    d = (0 if abs(value) >= 100 else 2) if decimals is None else decimals
    number = f"{value:,.{d}f}"
    if unit in ("CNY", "money"):
        return f"{number}元" if language() == "zh" else f"CNY {number}"
    if language() == "zh" and unit:
        return f"{number}{_(unit)}" if unit != "×" else f"{number}{unit}"
    return f"{number} {unit}".strip()
