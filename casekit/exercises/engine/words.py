"""Small grammar for generated sentences: the right article and plural.

Examples
--------
>>> article("authority objection"), article("price objection"), article("hour"), article("user")
('an', 'a', 'an', 'a')
>>> with_article("authority objection", capital=True)
'An authority objection'
>>> plural(1, "customer"), plural(3, "customer"), plural(2, "company", "companies")
('1 customer', '3 customers', '2 companies')
"""

from __future__ import annotations

import re

__all__ = ["article", "plural", "with_article"]

# Words whose spelling misleads: a vowel letter read as a consonant sound, or a silent h.
_A_ANYWAY = re.compile(r"^(uni|use|usu|uti|eu|one|once|ur[aeiou]|u[bcfgklmnprstvz][aeiou])", re.I)
_AN_ANYWAY = re.compile(r"^(hour|honest|honou?r|heir)", re.I)
_AN_LETTERS = re.compile(r"^[AEFHILMNORSX]([A-Z0-9]|$)")  # an SMS, an FAQ (said letter by letter)


def article(phrase: str) -> str:
    """``"an"`` or ``"a"`` for the phrase, by the sound of its first word."""
    word = str(phrase).strip().split(" ", 1)[0] if str(phrase).strip() else ""
    if not word:
        return "a"
    if word[0].isdigit():
        return "an" if re.match(r"^(8|11|18)(\D|$)|^8\d", word) else "a"
    if _AN_ANYWAY.match(word) or _AN_LETTERS.match(word):
        return "an"
    if _A_ANYWAY.match(word):
        return "a"
    return "an" if word[0].lower() in "aeiou" else "a"


def with_article(phrase: str, *, capital: bool = False) -> str:
    """The phrase with its article: ``"an authority objection"``."""
    a = article(phrase)
    return f"{a.capitalize() if capital else a} {phrase}"


def plural(n, singular: str, plural_form: str | None = None) -> str:
    """``"1 customer"``, ``"3 customers"`` (thousands separated)."""
    word = singular if n == 1 else (plural_form or singular + "s")
    shown = f"{n:,}" if isinstance(n, int) else f"{n:g}"
    return f"{shown} {word}"
