"""Editor Markdown made safe to publish (explanations, passage notes).

Anyone can open a pull request, so editor text is untrusted even after
``check`` has passed it: raw HTML is escaped (it shows as text), links may
only go to http(s) addresses or relative targets, and images are dropped
(the site makes no external requests, and notes need no pictures).
"""

from __future__ import annotations

import html
import re

_INLINE = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?((?:\s+\"[^\"]*\"|\s+'[^']*')?)\s*\)")
_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)<?(\S+?)>?(\s.*)?$", re.MULTILINE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def safe_url(url: str) -> bool:
    """http(s) or a relative target; never javascript:, data:, vbscript: or //host."""
    bare = _INVISIBLE.sub("", html.unescape(url))
    if bare.startswith("//") or bare.startswith("\\"):
        return False
    scheme = _SCHEME.match(bare)
    return scheme is None or scheme.group(1).lower() in ("http", "https")


def safe_markdown(text: str) -> str:
    text = text.replace("<", "&lt;")

    def inline(match: re.Match[str]) -> str:
        image, label, url, title = match.groups()
        if image:
            return label  # the alt text stands in for the picture
        return match.group() if safe_url(url) else label

    def reference(match: re.Match[str]) -> str:
        return match.group() if safe_url(match.group(2)) else ""

    return _REFERENCE.sub(reference, _INLINE.sub(inline, text))
