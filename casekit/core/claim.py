"""``claim(cond, text)``: state a lesson about a world, and check it where it is stated.

In a notebook a claim prints ``✓ holds on this world: …``; a claim that does not hold raises an
``AssertionError`` naming it, so a re-run on another seed or on real data never shows a lesson
that the data no longer support.

Examples
--------
>>> claim(2 > 1, "two is more than one")
✓ holds on this world: two is more than one
>>> claim(1 > 2, "one is more than two")
Traceback (most recent call last):
...
AssertionError: does not hold on this world: one is more than two
"""

from __future__ import annotations

from ..i18n import N_, _, words

__all__ = ["claim"]

#: What claims are about, named so the catalog translates them.
DATA = (N_("this world"), N_("the CDNOW data"), N_("your data"))


def claim(cond, text: str, *, data: str | None = None, **values) -> None:
    """Check a claim about the data and say that it holds; raise ``AssertionError`` when it does not.

    Parameters
    ----------
    cond : bool
        The claim, computed from the data (never typed in).
    text : str
        The claim in words, as the notebook states it.
    data : str, optional
        What the claim is about (default ``"this world"``; say ``"the CDNOW data"`` for real data).
    **values
        Numbers for ``{placeholders}`` in ``text`` (``claim(a > b, "{a:,} beats {b:,}", a=a, b=b)``),
        filled in after ``text`` is translated, so the catalog holds one sentence for every world.

    Returns
    -------
    None
        Nothing (so a notebook cell shows only the sentence); a claim that does not hold raises.

    Examples
    --------
    >>> claim(True, "spend is concentrated", data="the CDNOW data")
    ✓ holds on the CDNOW data: spend is concentrated
    """
    try:
        ok = bool(cond)
    except (TypeError, ValueError):
        raise TypeError(f"claim: the condition of {text!r} is not a single True/False "
                        f"(got {type(cond).__name__}); reduce it with .all() or .any()") from None
    data = _("this world") if data is None else _(data)
    text = words(text, **values)  # a notebook's claim, from the notebooks' catalog in Chinese
    if not ok:
        raise AssertionError(_("does not hold on {data}: {text}").format(data=data, text=text))
    print(_("✓ holds on {data}: {text}").format(data=data, text=text))
