"""Stage 1, read: bytes on disk -> decoded, line-normalised source text.

Reports arrive as UTF-8 (with or without BOM), UTF-16 or GB18030/GBK. A file
that decodes to nothing sensible stops the build with an error naming it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..inline import PRIVATE_USE
from ..model import SourceText


class SourceError(Exception):
    """Bad input an editor must fix; the message names file, line and remedy."""

    def __init__(self, file: str | Path, line: int | None, message: str, hint: str = ""):
        self.file = str(file)
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{self.file}:{line}" if line else self.file
        text = f"{where}: {message}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)

    def __reduce__(self):  # raised in a worker process, re-raised in the build: keep every field
        return (type(self), (self.file, self.line, self.message, self.hint))


# Control characters that never occur in a text file (TAB, LF, CR, FF are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Invisible characters that PDF and web extraction leave inside words.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Spaces other than U+0020 that carry no meaning in the body (U+3000 indents,
# NBSP, EN SPACE and friends) become plain spaces; TAB is kept for tables.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

_HINT = "save the file as UTF-8, UTF-16 or GB18030 text"


def decode(data: bytes, file: str | Path = "<bytes>") -> str:
    """Decode report bytes, detecting the encoding; raise SourceError if impossible."""
    return decode_with_encoding(data, file)[0]


def decode_with_encoding(data: bytes, file: str | Path = "<bytes>") -> tuple[str, str]:
    """The decoded text and the encoding it was found in."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[len(codecs.BOM_UTF8):], "utf-8", file), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return _checked(data, "utf-32", file), "utf-32"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _checked(data, "utf-16", file), "utf-16"
    if b"\x00" in data:
        # Text in UTF-8 or GB18030 never holds a NUL byte; UTF-16 does (ASCII, newlines).
        encoding = "utf-16-le" if data[1::2].count(0) >= data[0::2].count(0) else "utf-16-be"
        return _checked(data, encoding, file), encoding
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(data, encoding, file), encoding
    raise SourceError(file, None, "cannot decode this file as UTF-8, UTF-16 or GB18030 text", _HINT)


def _checked(data: bytes, encoding: str, file: str | Path) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1 if "8" in encoding else None
        raise SourceError(file, line, f"not valid {encoding.upper()} text", _HINT) from None
    text = text.lstrip("\ufeff")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise SourceError(file, line, f"binary control character U+{ord(bad.group()):04X} in text", _HINT)
    return text


def clean_text(text: str) -> str:
    """Text a reader took from a document, as the text route would have it.

    Private-use characters go (the converter's own markers live there, so an
    original must not bring any), so do invisible and control characters; odd
    spaces become spaces. TAB (table cells) is kept.
    """
    text = PRIVATE_USE.sub("", _INVISIBLE.sub("", text))
    return _ODD_SPACE.sub(" ", _CONTROL.sub("", text.replace("\r", "").replace("\f", "")))


def normalise_lines(text: str) -> list[str]:
    """Split into lines: CRLF/CR to LF, odd spaces to spaces, each line stripped."""
    return split_lines(text)[0]


def split_lines(text: str) -> tuple[list[str], list[int], frozenset[int]]:
    """The stripped lines, each line's indent, and the lines a form feed starts a page at.

    A form feed is a page boundary, not a line: it does not shift the line
    numbers an editor sees in their editor. The indent (in columns, U+3000
    counting 2) is kept because a layout tells paragraphs apart by it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = PRIVATE_USE.sub("", _INVISIBLE.sub("", text))
    lines: list[str] = []
    indents: list[int] = []
    page_starts: set[int] = set()
    feed_pending = False  # a feed at the end of the previous line
    for number, raw in enumerate(text.split("\n"), 1):
        if feed_pending:
            page_starts.add(number)
            feed_pending = False
        if "\f" in raw:
            before, _, after = raw.partition("\f")
            after = after.replace("\f", "")
            if before.strip() and not after.strip():
                feed_pending = True  # text, then the feed: the page starts on the next line
                raw = before
            else:
                page_starts.add(number)
                raw = f"{before} {after}" if before.strip() else after
        indents.append(_indent(raw))
        lines.append(_ODD_SPACE.sub(" ", raw).strip(" "))
    return lines, indents, frozenset(page_starts)


def _indent(raw: str) -> int:
    columns = 0
    for char in raw:
        if char == "\u3000":
            columns += 2
        elif char == " " or _ODD_SPACE.match(char):
            columns += 1
        else:
            break
    return columns


# The formats reports arrive in, by file name ending; each has its reader.
TEXT_SUFFIXES = (".txt",)
SOURCE_SUFFIXES = (".txt", ".pdf", ".docx", ".doc", ".html", ".htm")


def read_source(path: Path) -> SourceText:
    """The report's lines, read by the reader for its format."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise SourceError(path, None, "cannot read file: No such file or directory")
    # Every reader checks the limits of sources/limits.py before it pays for them. A PDF is also read in a
    # worker bounded in time and memory (guard.py): pdfminer and PDFium give no hook to stop them from
    # inside, and a PDF takes seconds to read, so the worker's few milliseconds do not show. A .docx and
    # a web page need what their checked sizes and depth allow, and read against a timer in this process.
    from .guard import read_guarded, read_timed

    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_guarded(path, read_pdf)
    if suffix in (".docx", ".doc"):
        from .word import read_word

        return read_timed(path, read_word)
    if suffix in (".html", ".htm"):
        from .web_page import read_web_page

        return read_timed(path, read_web_page)
    return read_text(path)


def read_text(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, None, f"cannot read file: {error.strerror}") from None
    text, encoding = decode_with_encoding(data, path)
    lines, indents, page_starts = split_lines(text)
    return SourceText(path=path, lines=lines, indents=indents, page_starts=page_starts, encoding=encoding,
                      reader=f"text ({encoding})")


def reader_key(path: Path) -> str:
    """What would read this file, with the library versions: a new version may read it differently."""
    from importlib.metadata import version

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return f"pdfplumber {version('pdfplumber')} pdfminer.six {version('pdfminer.six')} pypdfium2 {version('pypdfium2')}"
    if suffix in (".docx", ".doc"):
        return f"python-docx {version('python-docx')}"
    if suffix in (".html", ".htm"):
        return f"beautifulsoup4 {version('beautifulsoup4')} lxml {version('lxml')}"
    return "text"


def format_lines(source: SourceText) -> str:
    """The lines as a reader made them, numbered: ``  12 [heading] 一、总体要求``, a rule at each page.

    For a PDF, Word file or web page these numbers are the ones errors, warnings
    and an overrides file's ``line:`` name.
    """
    out = [f"# {source.path.name}: read by {source.reader}" + (f", {source.pages} pages" if source.pages else "")]
    page = 1
    for line in source.as_lines():
        if line.page_start:
            page += 1
            out.append(f"---- page {page}" if source.pages else "---- page break")
        role = f" [{line.role}]" if line.role else ""
        out.append(f"{line.no:>5}{role} {line.text}")
    return "\n".join(out) + "\n"
