"""The language the kit speaks: ``ck.set_language("zh")`` switches every user-facing string.

Messages are written in English in the code, wrapped as ``_("…")`` (with ``str.format``
placeholders, so the catalog holds one message per sentence), and translated from the gettext
catalog ``casekit/locale/<lang>/LC_MESSAGES/casekit.mo``, compiled from ``casekit.po`` with
Babel (``python tools/i18n.py`` extracts, updates and compiles).  A string defined once at
import time is marked with :func:`N_` and translated where it is shown.

Examples
--------
>>> import casekit as ck
>>> ck.set_language("en"); ck.language()
'en'
>>> ck.set_language("zh"); _("Correct")
'正确'
>>> ck.set_language("en"); _("Correct")
'Correct'
"""

from __future__ import annotations

import functools
import numbers
import gettext as _gettext
import re
from pathlib import Path

__all__ = ["say", "words", "LANGUAGES", "LOCALE_DIR", "language", "set_language", "gettext", "ngettext", "pgettext",
           "N_", "NC_", "translate", "_"]

#: The languages the course is written in.
LANGUAGES = ("en", "zh")
#: Where the compiled catalogs live (shipped with the package).
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The catalog's domain (``casekit.po`` / ``casekit.mo``): the package's own messages.
DOMAIN = "casekit"
#: The notebooks' messages: the texts their code cells hand to the kit (claims, table captions,
#: bullet lists), which stay English in the code both twins share and are translated here.
NOTEBOOK_DOMAIN = "notebooks"

_current = "en"


def language() -> str:
    """The language the kit speaks now (``"en"`` or ``"zh"``).

    Returns
    -------
    str
        ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> language() in LANGUAGES
    True
    """
    return _current


def set_language(lang: str = "en") -> None:
    """Make the kit speak ``lang``: widgets, feedback, charts, tables and messages.

    In Chinese the charts also draw with a CJK font found on this machine (put first in
    matplotlib's ``font.sans-serif``); without one, one warning says so and charts keep their
    English labels.

    Parameters
    ----------
    lang : {"en", "zh"}
        English or Chinese.

    Returns
    -------
    None

    Examples
    --------
    >>> set_language("en")
    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: set_language: lang must be one of 'en', 'zh', got 'fr'
    """
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"set_language: lang must be one of 'en', 'zh', got {lang!r}")
    _current = lang
    if lang == "zh":
        from .plots import _style  # matplotlib only when Chinese charts will be drawn

        _style.cjk_font()


@functools.lru_cache(maxsize=None)
def catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (read once; English is the messages themselves).

    The package's messages first, then the notebooks' (:data:`NOTEBOOK_DOMAIN`).
    """
    if lang == "en":
        return _gettext.NullTranslations()
    cat = _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)
    cat.add_fallback(_gettext.translation(NOTEBOOK_DOMAIN, localedir=str(LOCALE_DIR),
                                          languages=[lang], fallback=True))
    return cat


def gettext(message: str) -> str:
    """``message`` in the kit's current language (itself when no translation is known).

    Parameters
    ----------
    message : str
        The English message.

    Returns
    -------
    str
        The translation.

    Examples
    --------
    >>> gettext("Check")
    'Check'
    """
    if _current == "en" or not message:
        return message
    return catalog(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` (chosen by ``n``) in the kit's current language.

    Examples
    --------
    >>> ngettext("{n} item", "{n} items", 2).format(n=2)
    '2 items'
    """
    if _current == "en":
        return singular if n == 1 else plural
    return catalog(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` as said in ``context`` (e.g. ``"chart"``), in the current language.

    Examples
    --------
    >>> pgettext("chart", "no")
    'no'
    """
    if _current == "en" or not message:
        return message
    return catalog(_current).pgettext(context, message)


def NC_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for the catalog without translating it now."""
    return message


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (translate it where shown)."""
    return message


def translate(text: str, context: str | None = None) -> str:
    """``text``'s exact translation in the current language, or ``text`` itself.

    What the boundary uses for strings made elsewhere (chart labels, table headers): only a
    string that is a catalog message, whole, is replaced.  With ``context`` (``"chart"``,
    ``"column"``) a translation particular to that context wins over the general one.

    Examples
    --------
    >>> translate("")
    ''
    """
    if _current == "en" or not isinstance(text, str) or not text.strip():
        return text
    cat = catalog(_current)
    if context is not None:
        special = cat.pgettext(context, text)
        if special != text:
            return special
    return cat.gettext(text)


def say(text: str, /, **values) -> None:
    """Print a notebook's sentence in the course's language, with its numbers filled in.

    The English ``text`` (with ``{placeholders}`` in :meth:`str.format` style) is what both twins'
    code holds; in Chinese the notebooks' catalog gives the sentence, and ``values`` fill it.

    Parameters
    ----------
    text : str
        The sentence in English, e.g. ``"{n:,} customers bought in {year}"``.
    **values
        The values of its placeholders.

    Returns
    -------
    None

    Examples
    --------
    >>> say("{n:,} customers bought in {year}", n=1234, year=2024)
    1,234 customers bought in 2024
    """
    print(words(text, **values))


def words(text: str, /, **values) -> str:
    """:func:`say`'s sentence as a string (for a title or a label a notebook writes).

    Parameters
    ----------
    text : str
        The sentence in English, with ``{placeholders}``.
    **values
        The values of its placeholders.

    Returns
    -------
    str
        The sentence in the course's language.

    Examples
    --------
    >>> words("{share:.0%} of revenue", share=0.8)
    '80% of revenue'
    """
    if not values:
        return translate(text)
    said = translate(text)
    if _current == "zh" and "CNY" in text:
        said, values = _zh_money(text, said, values)
    return said.format(**values)


#: A money placeholder of an English sentence: ``CNY {x:,.0f}`` (or ``+CNY {x}``).
_CNY_FIELD = re.compile(r"CNY \{(\w+)(?::[^{}]*)?\}")


def _zh_money(text: str, said: str, values: dict) -> tuple[str, dict]:
    """Money in a Chinese sentence as the kit writes it (1.37万元, not 13,700 元): each ``CNY {x}``
    of the English whose translation reads ``{x:…} 元`` is filled with the written amount."""
    from .core.fmt import cny

    values = dict(values)
    for name in dict.fromkeys(_CNY_FIELD.findall(text)):
        field = re.compile(r"\{" + name + r"(?::[^{}]*)?\}\s?元")
        if field.search(said) and isinstance(values.get(name), numbers.Real) and not isinstance(values[name], bool):
            said = field.sub("{" + name + "}", said)
            values[name] = cny(float(values[name]))
    return said, values


_ = gettext
