"""Inline text model shared by every stage.

Text between stages is a plain ``str`` in which formatting is carried by
private-use characters, so that repair rules can work on characters without
ever confusing the document's own text with markup:

* ``BOLD_OPEN`` / ``BOLD_CLOSE`` wrap a bold span;
* ``footnote_ref(n)`` is one character standing for footnote *n*;
* ``erratum_ref(i)`` is one character standing for editorial correction *i*
  of the report (the original text and its correction live on the report);
* ``endnote_ref(n)`` stands for an endnote marker ``［n］`` that points at entry
  *n* of the report's 名词解释;
* ``term_open(k)`` ... ``TERM_CLOSE`` wrap occurrence *k* of a glossary term
  (the occurrence itself lives on the report);
* ``note_ref(i)`` marks where editor's passage note *i* attaches;
* ``figure_open(k)`` ... ``FIGURE_CLOSE`` wrap phrase *k* that states a target or a result
  (its records live in the report's figure extraction);
* ``SEAM`` marks where the repair stage joined two pieces of a paragraph
  (it never leaves the structure stage).

Private-use characters found in a source file are removed when it is read,
so these markers can never come from a report.
"""

from __future__ import annotations

import re

BOLD_OPEN = "\ue000"
BOLD_CLOSE = "\ue001"
_FOOTNOTE_BASE = 0xE100
_ERRATUM_BASE = 0xE400
_ERRATUM_END = 0xE7FF
_ENDNOTE_BASE = 0xE800  # ... to 0xEBFF

TERM_CLOSE = "\ue002"
# Where two pieces of a paragraph were joined (a page break, a scrape fragment). The
# structure stage reads it (a 名词解释 label on its own line) and removes it.
SEAM = "\ue003"
FIGURE_CLOSE = "\ue004"
_FIGURE_BASE = 0xEC00  # ... to 0xEFFF: one character per target or result phrase
_TERM_BASE = 0xF0000  # plane 15: one character per annotated occurrence ...
_NOTE_BASE = 0xFF000  # ... and, at its end, one per passage note

MARKER_CLASS = "\ue000-\uefff\U000f0000-\U000ffffd"
MARKERS = re.compile(f"[{MARKER_CLASS}]")
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")

# Han ideographs (CJK Unified, Extension A, Compatibility, and the supplementary planes).
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")

# Full-width punctuation used in Chinese running text.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～"
OPENING = "“‘（《〈【「『"
CLOSING = "”’）》〉】」』"
# Punctuation that ends a sentence (a paragraph ending in one is complete).
SENTENCE_END = "。！？!?…"


def footnote_ref(number: int) -> str:
    return chr(_FOOTNOTE_BASE + number)


def erratum_ref(index: int) -> str:
    return chr(_ERRATUM_BASE + index)


def term_open(index: int) -> str:
    return chr(_TERM_BASE + index)


def term_index(char: str) -> int | None:
    code = ord(char)
    return code - _TERM_BASE if _TERM_BASE <= code < _NOTE_BASE else None


def note_ref(index: int) -> str:
    return chr(_NOTE_BASE + index)


def note_index(char: str) -> int | None:
    code = ord(char)
    return code - _NOTE_BASE if _NOTE_BASE <= code <= 0xFFFFD else None


def figure_open(index: int) -> str:
    return chr(_FIGURE_BASE + index)


def figure_index(char: str) -> int | None:
    code = ord(char)
    return code - _FIGURE_BASE if _FIGURE_BASE <= code <= 0xEFFF else None


def footnote_number(char: str) -> int | None:
    code = ord(char)
    return code - _FOOTNOTE_BASE if _FOOTNOTE_BASE <= code < _ERRATUM_BASE else None


def erratum_index(char: str) -> int | None:
    code = ord(char)
    return code - _ERRATUM_BASE if _ERRATUM_BASE <= code <= _ERRATUM_END else None


def endnote_ref(number: int) -> str:
    return chr(_ENDNOTE_BASE + number)


def endnote_number(char: str) -> int | None:
    code = ord(char)
    return code - _ENDNOTE_BASE if _ENDNOTE_BASE <= code < _ENDNOTE_BASE + 0x400 else None


def is_han(char: str) -> bool:
    return bool(char) and HAN.fullmatch(char) is not None


def strip_markers(text: str) -> str:
    """The visible text without any markup (errata markers vanish too)."""
    return MARKERS.sub("", text)


def plain(text: str) -> str:
    """Text for classification: no markers and no literal Markdown bold."""
    return strip_markers(text).replace("**", "")


def han_only(text: str) -> str:
    return "".join(HAN_RUN.findall(text))


def drop_visible_prefix(text: str, count: int) -> str:
    """Drop the first ``count`` visible characters of ``text``, keeping its markers."""
    out, seen = [], 0
    for char in text:
        if seen < count and not MARKERS.match(char):
            seen += 1
            continue
        out.append(char)
    return "".join(out)
