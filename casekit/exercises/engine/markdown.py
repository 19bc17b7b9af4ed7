"""One Markdown renderer for prompts, questions and feedback (markdown-it-py, CommonMark).

Raw HTML in the text is escaped, never passed through; a single paragraph renders inline (no
``<p>`` around it), so a sentence can sit inside a line of other HTML.

Examples
--------
>>> markdown_html("*Revenue* is not **profit**: compare `margin`.")
'<em>Revenue</em> is not <strong>profit</strong>: compare <code>margin</code>.'
>>> markdown_html("a <b>tag</b>")
'a &lt;b&gt;tag&lt;/b&gt;'
>>> print(markdown_html("Two steps:\\n\\n- first\\n- second"))
<p style="margin:0.35em 0">Two steps:</p>
<ul style="margin:0.35em 0;padding-left:1.4em">
<li>first</li>
<li>second</li>
</ul>
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

__all__ = ["markdown_html"]

_MD = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
_BLOCK = re.compile(r"\n\s*\n|^\s*(?:[-*+]|\d+[.)])\s|^\s*#{1,6}\s|^\s*>|^\s*```", re.MULTILINE)
_LINK = re.compile(r'<a href="')


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """Markdown (italics, bold, code, lists, links) → HTML; links open in a new tab."""
    text = str(text).strip("\n")
    if not _BLOCK.search(text):
        out = _MD.renderInline(text)
    else:
        out = _MD.render(text).strip("\n")
        out = (out.replace("<p>", '<p style="margin:0.35em 0">')
               .replace("<ul>", '<ul style="margin:0.35em 0;padding-left:1.4em">')
               .replace("<ol>", '<ol style="margin:0.35em 0;padding-left:1.4em">'))
    return _LINK.sub('<a target="_blank" rel="noopener" href="', out)
