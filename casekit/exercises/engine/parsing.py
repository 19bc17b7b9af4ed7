"""Reading what a student typed: numbers, and formatting values for sentences."""

from __future__ import annotations

import math
import re


class BadAnswer(ValueError):
    """An answer that cannot be read; its message tells the student what was expected."""


_CURRENCY = re.compile(r"^(cny|rmb|usd|eur|[¥$€£])\s*|\s*(cny|rmb|yuan|元|usd|eur|[¥$€£])$", re.IGNORECASE)


def parse_number(answer) -> tuple[float, bool]:
    """Read a typed number: returns ``(value, was_percent)``.

    Accepts numbers and strings such as ``"0.62"``, ``"62%"``, ``"1,234.5"``, ``"CNY 1,234"``,
    ``"-3"`` and ``"1e6"``.  Raises :class:`BadAnswer` with a helpful message otherwise.

    Examples
    --------
    >>> parse_number("62%")
    (0.62, True)
    >>> parse_number(" 1,234.5 ")
    (1234.5, False)
    >>> parse_number("about half")
    Traceback (most recent call last):
    ...
    casekit.exercises.engine.parsing.BadAnswer: 'about half' is not a number; type digits such as 0.62, 62% or 1,234.5.
    """
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        raise BadAnswer("No answer yet: type a number.")
    if isinstance(answer, bool):
        raise BadAnswer(f"{answer!r} is a yes/no value, not a number.")
    if isinstance(answer, (int, float)) or (hasattr(answer, "dtype") and getattr(answer, "ndim", 1) == 0):
        try:
            value = float(answer)
        except (TypeError, ValueError):
            raise BadAnswer(f"{answer!r} is not a number.") from None
        if not math.isfinite(value):
            raise BadAnswer(f"{answer!r} is not a finite number.")
        return value, False
    if not isinstance(answer, str):
        raise BadAnswer(f"Expected a single number, got {type(answer).__name__} {answer!r}.")
    text = answer.strip().replace("\u2212", "-").replace("％", "%")
    text = re.sub(r"[\s\u00a0\u2009\u202f_']", "", text)
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    text = _CURRENCY.sub("", text)
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", text):
        text = text.replace(",", "")
    elif "," in text:
        raise BadAnswer(f"{answer!r}: write decimals with a point (0.62), not a comma, and "
                        "thousands as 1,234.")
    try:
        value = float(text)
    except ValueError:
        raise BadAnswer(f"{answer!r} is not a number; type digits such as 0.62, 62% or "
                        "1,234.5.") from None
    if not math.isfinite(value):
        raise BadAnswer(f"{answer!r} is not a finite number.")
    return (value / 100.0 if percent else value), percent


def _fmt(value: float, unit: str, decimals: int | None = None) -> str:
    """A value for a sentence: 62.3%, CNY 1,234, 3.5 days."""
    if unit == "share":
        d = 1 if decimals is None else decimals
        return f"{value * 100:,.{d}f}%"
    d = (0 if abs(value) >= 100 else 2) if decimals is None else decimals
    number = f"{value:,.{d}f}"
    if unit in ("CNY", "money"):
        return f"CNY {number}"
    return f"{number} {unit}".strip()
