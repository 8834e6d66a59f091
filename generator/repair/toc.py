"""Tables of contents printed in the dump.

Artefact class: a ``目录`` heading followed by entries with dotted leaders and
page numbers (``第一节 发展成就 .....<TAB>1``), possibly split over pages.
The site builds its own outline, so the block is dropped; its entry titles are
kept aside because they are often cleaner than the body headings (the PDF
wrapped long headings, the TOC did not), and structure uses them to repair
wrap spaces.
"""

from __future__ import annotations

import re

from ..inline import plain
from ..model import Chunk, RepairLog

_TOC_TITLE = re.compile(r"^目\s*录$|^目\s*次$|^contents$", re.IGNORECASE)
# title, optional leader, then a page number after a TAB, a leader or a wide gap.
_ENTRY = re.compile(r"^(?P<title>[^\t]*?\S)\s*(?:\.{2,}|…+|·{2,}|-{3,})?\s*(?:\t|\.{2,}|…+|\s{2,})\s*(?P<page>\d{1,4})$")
_MIN_ENTRIES = 3
_LEADER = re.compile(r"\.{3,}|…{2,}|·{3,}")


def toc_entry_title(text: str) -> str | None:
    """The title of a TOC entry line, or None when the line is not one."""
    line = plain(text).strip()
    if not line[-1:].isdigit():  # every entry ends with its page number; the pattern is slow on prose
        return None
    match = _ENTRY.match(line)
    if not match:
        return None
    return re.sub(r"\s*(?:\.{2,}|…+|·{2,})\s*$", "", match.group("title")).strip()


def drop_toc(chunks: list[Chunk], log: RepairLog, toc_titles: list[str]) -> list[Chunk]:
    """Drop TOC blocks; append the entry titles to ``toc_titles``."""
    lines = [(index, line) for index, chunk in enumerate(chunks) for line in chunk.lines]
    drop: set[int] = set()  # line numbers
    position = 0
    while position < len(lines):
        _, line = lines[position]
        titled = bool(_TOC_TITLE.match(plain(line.text).strip()))
        start = position + 1 if titled else position
        end = start
        entries: list[str] = []
        leaders = 0
        while end < len(lines):
            text = lines[end][1].text
            title = toc_entry_title(text)
            if title is None:
                break
            entries.append(title)
            leaders += bool(_LEADER.search(text))
            end += 1
        # Without a 目录 title, only dotted leaders tell a TOC from a two-column table.
        if (titled and len(entries) >= _MIN_ENTRIES) or leaders >= 2 * _MIN_ENTRIES:
            block = lines[position:end]
            drop.update(item.no for _, item in block)
            log.removed("table-of-contents", [item.no for _, item in block], "\n".join(item.text for _, item in block))
            toc_titles.extend(entries)
            position = end
        else:
            position += 1
    if not drop:
        return chunks
    kept = []
    for chunk in chunks:
        chunk.lines = [line for line in chunk.lines if line.no not in drop]
        if chunk.lines:
            kept.append(chunk)
    return kept
