"""The reports' own 名词解释 sections, whatever their form.

* **Heading**: 名词解释, 【名词解释】, 附件2 名词解释, 名词注释,
  《政府工作报告》有关内容名词注释, 注释 (see ``numbering.GLOSSARY_TITLE``), or
  none: a run of numbered term items closing the report.
* **Numbering**: 1. 1、 ① ［1］ [1] （1）, or none; numbered entries follow one
  another (so in ``20.2026年10件民生实事`` the entry number is 20, not a decimal).
* **Term and definition** on one line or on two: a label line ending in its
  separator (``1.“四上”企业：``) takes the next paragraph as its definition; a
  label line with no separator was joined to its definition by the page-break
  rule, and the seam of that join is where the label ends.
* **Separators** ``：``, ``:`` and ``——`` outside quotation marks, or none at
  all (``阳光招生、阳光分班、公民同招“阳光招生”指……``).
* **Terms** may be quoted, bold, or carry affixes outside the quotes
  (``“两闲一空”盘活起效专项行动``, ``融入“四大经济圈”``); an item that names
  several quoted slogans defines each of them.
* Entries cut by a page break or a page-number line, and link text a scrape
  left on its own line, were rejoined by the layout and repair stages.
* **Endnote markers** in the body (``［1］`` … ``［49］``) that point at numbered
  entries become links to their entry; the quoted term before a marker is a
  form of the entry's term.
"""

from __future__ import annotations

import re

from ..inline import MARKERS, SEAM, drop_visible_prefix, endnote_ref, plain, strip_markers
from ..model import Block, GlossaryEntry, GlossarySection, Heading, Paragraph, RepairLog, Report
from .appendix import appendix_label
from .numbering import GLOSSARY_TITLE, ITEM_NUMBER, heading_text, is_item, item_number

_QUOTED = re.compile(r"“([^“”]+)”")
_SEPARATORS = ("：", "——", ":")
_MAX_LABEL = 40
_SENTENCE = re.compile(r"[。！？；]")
_ENDNOTE = re.compile(r"[［\[](\d{1,3})[］\]]")


def _split_point(text: str) -> tuple[int, int] | None:
    """Where the label ends and the definition starts, outside quotation marks."""
    depth = 0
    for index, char in enumerate(text):
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(0, depth - 1)
        elif depth == 0 and index <= _MAX_LABEL:
            for separator in _SEPARATORS:
                if text.startswith(separator, index):
                    return index, index + len(separator)
    return None


def _quote_split(text: str) -> tuple[int, int] | None:
    """No separator: the label runs up to the quotation that opens the definition."""
    first_quote = text.find("“")
    if 0 < first_quote <= _MAX_LABEL and "”" not in text[:first_quote]:
        return first_quote, first_quote
    return None


_HAN = re.compile("[\u4e00-\u9fff]")


def _outside_quotes_split(label: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in label:
        depth += (char == "“") - (char == "”")
        if depth == 0 and char in separators:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part.strip() for part in parts + [current] if part.strip()]


def term_parts(label: str) -> list[tuple[str, str]]:
    """Each term a label defines, with the part of the label that names it.

    Quoted slogans are the terms (``“两闲一空”盘活起效专项行动`` defines 两闲一空);
    a label naming two things defines both (``科技英才领航工程和“双千”计划``); a
    quoted part that is no word (``稳增长“21”条``) leaves the whole label the term.
    """
    if "“" not in label:
        return [(part, part) for part in _outside_quotes_split(label, "、，")]
    found: list[tuple[str, str]] = []
    parts = _outside_quotes_split(label, "和、，")
    if len(parts) > 1 and any("“" not in part and len(_HAN.findall(part)) < 2 for part in parts):
        parts = [label]  # 和 inside a name (……和“……”), not between two names
    for part in parts:
        quoted = [term.strip() for term in _QUOTED.findall(part) if not term.strip().isdigit()]
        if quoted:
            found += [(term, part) for term in quoted]
        else:
            found.append((part.replace("“", "").replace("”", ""), part))
    return found


def terms_of(label: str) -> list[str]:
    return [term for term, _ in term_parts(label)]


def _numbered(text: str) -> tuple[int | None, str]:
    """The entry's number and its text without the number."""
    match = ITEM_NUMBER.match(strip_markers(text))
    if not match:
        return None, text
    return item_number(match), drop_visible_prefix(text, match.end())


def parse_entry(paragraph: Paragraph, position: int, following: Block | None = None) -> tuple[GlossaryEntry, int] | None:
    """One entry from a paragraph (and the paragraph after it, for a label on a line of its own).

    Returns the entry and how many paragraphs it took; None when the paragraph
    is not a term with its definition.
    """
    number, text = _numbered(paragraph.text)
    visible = plain(text)
    split = _split_point(visible)
    seam = _seam_split(text)
    if split is None and seam is not None:
        split = seam
    split = split or _quote_split(visible)
    if split is None:
        return None
    label_end, definition_start = _map_split(text, split)
    label = plain(text[:label_end]).strip()
    definition = text[definition_start:].strip().strip(SEAM)
    used = 1
    if not plain(definition).strip() and isinstance(following, Paragraph) and _numbered(following.text)[0] is None:
        definition, used = following.text.strip(), 2  # 1.“四上”企业： ⏎ 现阶段……
    if not label or not plain(definition).strip() or _SENTENCE.search(label):
        return None
    lines = paragraph.lines + (following.lines if used == 2 else [])  # type: ignore[union-attr]
    entry = GlossaryEntry(lines=lines, label=label, terms=terms_of(label), definition=definition,
                          number=number, position=position, anchor=f"gloss-{position}")
    return entry, used


def _seam_split(text: str) -> tuple[int, int] | None:
    """A label line joined to its definition: the seam, if a label (no sentence) stands before it."""
    index = text.find(SEAM)
    if index < 0:
        return None
    before = plain(text[:index]).strip()
    if not before or len(before) > _MAX_LABEL or _SENTENCE.search(before) or before[-1] in "，、":
        return None
    position = len(plain(text[:index]))
    return position, position


def _map_split(text: str, split: tuple[int, int]) -> tuple[int, int]:
    """Map positions in plain(text) back to positions in text (which has markers)."""
    found: dict[int, int] = {}
    visible = 0
    for index, char in enumerate(text):
        if MARKERS.match(char):
            continue
        if visible in split:
            found[visible] = index
        if visible >= split[1]:
            break
        visible += 1
    return found.get(split[0], len(text)), found.get(split[1], len(text))


def _is_item(block: Block) -> bool:
    return isinstance(block, Paragraph) and is_item(block.text)


def parse_entries(blocks: list[Block], start: int) -> tuple[list[GlossaryEntry], int]:
    """The entries from ``blocks[start]`` on, and the index after the last one."""
    entries: list[GlossaryEntry] = []
    index = start
    while index < len(blocks) and isinstance(blocks[index], Paragraph):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        parsed = parse_entry(blocks[index], len(entries) + 1, following)  # type: ignore[arg-type]
        if parsed is None:
            break
        entry, used = parsed
        previous = entries[-1].number if entries else None
        if previous is not None and entry.number is not None and entry.number != previous + 1:
            break  # numbered entries follow one another; anything else ends the section
        entries.append(entry)
        index += used
    return entries, index


def looks_like_glossary(paragraphs: list[Paragraph]) -> bool:
    """A heading-less run of numbered term items at the end of a report."""
    if len(paragraphs) < 3:
        return False
    entries, end = parse_entries(paragraphs, 0)  # type: ignore[arg-type]
    return end == len(paragraphs) and [e.number for e in entries] == list(range(1, len(entries) + 1))


def build_glossary(blocks: list[Block], log: RepairLog) -> list[Block]:
    """The 名词解释 section as parsed entries (a heading is added where the report has none)."""
    start = next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.style == "glossary"), None)
    if start is None:
        tail: list[Paragraph] = []
        for block in reversed(blocks):
            if not isinstance(block, Paragraph):
                break
            tail.insert(0, block)
        while tail and not _is_item(tail[0]):
            tail.pop(0)
        if not looks_like_glossary(tail):
            return blocks
        start = len(blocks) - len(tail)
        heading = Heading([], "名词解释", "glossary")  # added: no source line
        blocks = blocks[:start] + [heading] + blocks[start:]
        log.notice(tail[0].lines[0], "名词解释 section has no heading; heading added")
    heading = blocks[start]
    assert isinstance(heading, Heading)
    if GLOSSARY_TITLE.match(heading_text(heading.text)):
        label = appendix_label(heading.text) if heading_text(heading.text).startswith("附") else ""
        heading.text = f"{label} 名词解释".strip()
    entries, end = parse_entries(blocks, start + 1)
    if not entries:
        return blocks
    section = GlossarySection(heading.lines + [line for e in entries for line in e.lines], heading, entries)
    return blocks[:start] + [section] + blocks[end:]


def link_endnotes(report: Report) -> None:
    """［1］ in the body, where entry 1 of the 名词解释 is numbered so, becomes a link to it."""
    numbered = {entry.number: entry for entry in report.glossary if entry.number is not None}
    if not numbered:
        return
    for slot in report.body_slots():
        text = slot.get()
        if "［" not in text and "[" not in text:
            continue

        def mark(match: re.Match[str]) -> str:
            entry = numbered.get(int(match.group(1)))
            if entry is None:
                return match.group()
            # The quoted term just before the marker is how the body writes the entry's term.
            last = re.search(r"“([^“”]+)”$", plain(text[: match.start()]))
            if last and last.group(1) not in entry.terms + entry.variants:
                entry.variants.append(last.group(1))
            return endnote_ref(entry.number)  # type: ignore[arg-type]

        slot.set(_ENDNOTE.sub(mark, text))
