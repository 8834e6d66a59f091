"""Stage 3b, recover structure: repaired blocks -> a report with a real outline.

* Heading levels follow the document's own nesting: the first numbering style
  met is ``##``, a new style met inside it is one level deeper, and a style met
  again returns to its level (so 一、 is ``##`` under the title but ``###``
  under unnumbered parts). 名词解释 is always ``##``; a 专栏 box sits one
  level below the heading it follows (at most ``####``).
* Heading text is cleaned: bold is gone (repair), half-width numbering was
  made full-width, and a heading the table of contents also lists takes the
  TOC's spacing (the PDF wrapped long body headings, the TOC did not).
* 专栏 become boxes holding their table, numbered items or paragraphs.
* The 名词解释 section, with or without a heading, becomes parsed entries.
* Run-in lead-ins are bold with their punctuation inside the bold.
* Footnote bodies move to the report's footnotes.
"""

from __future__ import annotations

import re

from .glossary_entries import looks_like_glossary, parse_entry
from ..inline import BOLD_CLOSE, BOLD_OPEN, SEAM, SENTENCE_END, plain, strip_markers
from ..model import (
    Block, Box, RepairLog, CoverLine, FootnoteBody, GlossarySection, Heading, Paragraph, Report, ReportMeta, Table,
)
from ..repair import label_text
from .numbering import BOX, GLOSSARY_TITLE, ITEM_NUMBER, PAREN, heading_style
from ..repair.page_breaks import is_unfinished

_MAX_LEVEL = 6
_LEAD_IN_MAX = 30
_SPACES = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACES.sub("", plain(text))


def box_title(text: str) -> str:
    """专栏 1“……” / 专栏3…… -> 专栏1 ……: one label style for every box."""
    box = BOX.match(text)
    return f"专栏{box.group(1)} {text[box.end():].strip()}".strip() if box else text


def clean_heading_text(heading: Heading, toc_titles: dict[str, str]) -> None:
    text = box_title(heading.text)
    paren = PAREN.match(text)
    if paren:
        text = paren.group().strip().replace("(", "（").replace(")", "）").replace(" ", "") + text[paren.end():]
    heading.text = toc_titles.get(_squash(text), text)


def assign_levels(headings: list[Heading]) -> None:
    styles: list[str] = []
    current = 1
    for heading in headings:
        if heading.forced and heading.level:
            current = heading.level
            continue
        if heading.style == "glossary":
            heading.level, styles, current = 2, [], 2
            continue
        if heading.style == "box":
            heading.level = min(4, current + 1)
            continue
        if heading.style in styles:
            del styles[styles.index(heading.style) + 1:]
        else:
            styles.append(heading.style)
        heading.level = current = min(_MAX_LEVEL, len(styles) + 1)


def _is_item(block: Block) -> bool:
    return isinstance(block, Paragraph) and ITEM_NUMBER.match(plain(block.text).strip()) is not None


def build_boxes(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if isinstance(block, Table) and block.caption and BOX.match(block.caption):
            title = Heading(block.lines[:1], box_title(block.caption), "box")
            out.append(Box(block.lines, title=title, table=block))
            block.caption = None
            continue
        if not (isinstance(block, Heading) and block.style == "box"):
            out.append(block)
            continue
        box = Box(list(block.lines), title=block)
        if index < len(blocks) and _is_item(blocks[index]):
            while index < len(blocks) and _is_item(blocks[index]):
                box.items.append(blocks[index])  # type: ignore[arg-type]
                index += 1
        else:
            while index < len(blocks) and isinstance(blocks[index], Paragraph):
                box.paragraphs.append(blocks[index])  # type: ignore[arg-type]
                index += 1
        out.append(box)
    return out


def build_glossary(blocks: list[Block], log: RepairLog) -> list[Block]:
    start = next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.style == "glossary"), None)
    if start is None:
        # A heading-less glossary: a run of numbered term items closing the report.
        tail: list[Paragraph] = []
        for block in reversed(blocks):
            if not isinstance(block, Paragraph) or not _is_item(block):
                break
            tail.insert(0, block)
        if not looks_like_glossary(tail):
            return blocks
        start = len(blocks) - len(tail)
        heading = Heading([], "名词解释", "glossary")  # added: no source line
        blocks = blocks[:start] + [heading] + blocks[start:]
        log.notice(tail[0].lines[0], "名词解释 section has no heading; heading added")
    heading = blocks[start]
    assert isinstance(heading, Heading)
    heading.text = "名词解释" if GLOSSARY_TITLE.match(heading.text) else heading.text
    end = start + 1
    entries = []
    while end < len(blocks) and isinstance(blocks[end], Paragraph):
        entry = parse_entry(blocks[end], len(entries) + 1)  # type: ignore[arg-type]
        if entry is None:
            break
        entries.append(entry)
        end += 1
    if not entries:
        return blocks
    section = GlossarySection(heading.lines + [line for e in entries for line in e.lines], heading, entries)
    return blocks[:start] + [section] + blocks[end:]


def bold_lead_in(text: str) -> str:
    """``（一）经济实力稳步推进。……`` -> ``**（一）经济实力稳步推进。**……``; punctuation into the bold."""
    # Punctuation right after a leading bold span moves inside it.
    text = re.sub(f"^(——)?{BOLD_OPEN}([^{BOLD_CLOSE}]+){BOLD_CLOSE}([，。：；！？、])", rf"\1{BOLD_OPEN}\2\3{BOLD_CLOSE}", text)
    if text.startswith(BOLD_OPEN) or text.startswith("——" + BOLD_OPEN):
        return text
    visible = strip_markers(text)
    prefix = "——" if visible.startswith("——") else ""
    if not prefix and not PAREN.match(visible):
        return text
    if visible != text:  # markers inside: leave as printed
        return text
    end = next((i for i, char in enumerate(visible) if char in SENTENCE_END), None)
    if end is None or end + 1 > _LEAD_IN_MAX or end + 1 >= len(visible):
        return text
    lead = visible[len(prefix): end + 1]
    paren = PAREN.match(lead)
    if paren:  # half-width numbering inside a run-in lead-in: （二）, not (二)
        lead = paren.group().strip().replace("(", "（").replace(")", "）").replace(" ", "") + lead[paren.end():]
    return f"{prefix}{BOLD_OPEN}{lead}{BOLD_CLOSE}{visible[end + 1:]}"


def _flag_defects(blocks: list[Block], log: RepairLog) -> None:
    """Source defects are reported, not guessed away."""
    for position, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        text = strip_markers(block.text)
        if is_unfinished(block.text) and position + 1 < len(blocks):
            log.notice(block.lines[-1], f"paragraph ends without sentence-final punctuation: …{text[-12:]}")
        if text.count("“") != text.count("”"):
            log.notice(block.lines[0], f"unbalanced quotation marks ({text.count('“')} “ against {text.count('”')} ”)")
        if re.search(r"[\u4e00-\u9fff]\s*\band\b\s*[\u4e00-\u9fff]|[\u4e00-\u9fff]and[\u4e00-\u9fff]", text):
            log.notice(block.lines[0], "English ' and ' between Chinese words, probably 和: record an erratum")


def build_report(blocks: list[Block], meta: ReportMeta, toc_titles: list[str], log: RepairLog) -> Report:
    from ..sources.metadata import detect

    cover = [b for b in blocks if isinstance(b, CoverLine)]
    body = [b for b in blocks if not isinstance(b, CoverLine)]
    body_text = "".join(plain(b.text) for b in body[:20] if isinstance(b, Paragraph))
    detect(cover, body_text, meta)
    meta.source = meta.source or log.found.get("source", "")
    meta.published = meta.published or log.found.get("published", "")

    footnotes: dict[int, str] = {}
    kept: list[Block] = []
    for block in body:
        if isinstance(block, FootnoteBody):
            number = block.number
            if number in footnotes:  # a second body for the same mark: kept as a note of its own
                log.notice(block.lines[0], f"footnote {number} has a second body; kept as a separate note")
                number = max(footnotes) + 1000
            footnotes[number] = block.text
        else:
            kept.append(block)
    kept = promote_wrapped_headings(kept)
    toc = {_squash(title): _clean_toc_title(title) for title in toc_titles}
    for block in kept:
        if isinstance(block, Heading):
            clean_heading_text(block, toc)
    kept = build_glossary(kept, log)
    remove_seams(kept)
    kept = build_boxes(kept)
    report = Report(meta=meta, blocks=kept, footnotes=footnotes, notices=log.notices, removals=log.removals)
    assign_levels(report.headings())
    for block in kept:
        if isinstance(block, Paragraph):
            block.text = bold_lead_in(block.text)
    _flag_defects(kept, log)
    return report


_NUMBERED = {"chapter", "section", "part", "paren", "box"}


def promote_wrapped_headings(blocks: list[Block]) -> list[Block]:
    """A numbered heading whose line broke at a comma (（三）……发展， ⏎ 构建……) was joined as a
    paragraph cut short; joined, it is a heading again."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and SEAM in block.text:
            text = block.text.replace(SEAM, "")
            style = heading_style(text)
            if style in _NUMBERED:
                out.append(Heading(block.lines, label_text(text), style))
                continue
        out.append(block)
    return out


def remove_seams(blocks: list[Block]) -> None:
    """The seams between joined pieces have served; no later stage sees them."""
    for block in blocks:
        if isinstance(block, Paragraph):
            block.text = block.text.replace(SEAM, "")
        elif isinstance(block, GlossarySection):
            for entry in block.entries:
                entry.definition = entry.definition.replace(SEAM, "")


def _clean_toc_title(title: str) -> str:
    return label_text(title)
