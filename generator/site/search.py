"""The search index: plain page text for a substring search in the browser.

Material's search plugin cuts every page into sections (one per heading) and,
for Chinese, segments the text with jieba, joining words with U+200B, so that
its lunr worker can build an inverted index in the browser. We replace that
worker (``docs/assets/search-worker.js``) with substring search, which finds
a term whole (六个百分百) and by any part (百分百) without a dictionary, and
starts at once because there is no index to build. What the browser needs is
then only each section's text:

* no segmentation (no jieba at build time, no U+200B between words: the index
  is about the size of the text it holds);
* no markup: Material keeps a few tags (``<p>``, ``<li>``, ``<code>``) and
  HTML-escapes the text; we store plain text, and the worker escapes all of
  it again when it shows a result (nothing in the index can become markup).
"""

from __future__ import annotations

import html
import re

_BLOCK_END = re.compile(r"</(?:p|li|pre|ol|ul)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u200b]+")
_LINES = re.compile(r"\s*\n\s*")


def plain_text(fragment: str) -> str:
    """Material's section text or title (escaped text with a few kept tags) as plain text.

    Block ends become line breaks, other tags vanish, entities are decoded,
    and runs of spaces (and any U+200B) fold to one space.
    """
    text = _BLOCK_END.sub("\n", fragment)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text.replace("\u200b", ""))
    return _LINES.sub("\n", text).strip()


def no_segmentation(text: str) -> str:
    """Stands in for Material's jieba segmentation: the browser searches substrings."""
    return text
