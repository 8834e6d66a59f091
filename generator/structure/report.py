"""Stage 3b, recover structure: repaired blocks -> a report with a real outline.

``build_report`` runs the steps below in order; each lives in the module named
for it:

1. the cover: metadata from the cover lines (``sources.metadata``);
2. footnote bodies move to the report's footnotes;
3. headings: numbered headings wrapped at a comma are headings again, heading
   text is cleaned (``headings``), appendix labels take their titles
   (``appendix``);
4. the 名词解释 section, with or without a heading, becomes parsed entries
   (``glossary_entries``); the seams of page-break joins are then removed;
5. appendix items become ordered lists (``appendix``), 专栏 become boxes;
6. heading levels follow the document's own nesting (``headings``);
7. stand-alone topic lines and run-in lead-ins become bold lead-ins (``lead_ins``);
8. source defects are reported as notices, never guessed away.
"""

from __future__ import annotations

import re

from ..inline import SEAM, plain, strip_markers
from ..model import (
    Block, Box, CoverLine, FootnoteBody, GlossarySection, Heading, Paragraph, RepairLog, Report, ReportMeta, Table,
)
from ..repair import label_text
from ..repair.page_breaks import is_unfinished
from ..sources.metadata import detect
from ..sources.metadata_block import MetadataBlock
from .appendix import build_appendix_lists, merge_appendix_titles
from .glossary_entries import build_glossary, link_endnotes
from .glued_headings import split_glued_headings
from .headings import assign_levels, box_title, clean_heading_text, promote_wrapped_headings, squash
from .lead_ins import bold_lead_in, join_topic_lines
from .numbering import BOX, is_item


def _is_item(block: Block) -> bool:
    return isinstance(block, Paragraph) and is_item(block.text)


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
        if index < len(blocks) and isinstance(blocks[index], Table) and not blocks[index].caption:
            box.table = blocks[index]  # the 专栏's title set above its table (a PDF, Word or web page)
            box.lines += box.table.lines
            index += 1
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


_PLANNED_YEAR = re.compile(r"^[^\d]{0,6}(\d{4})年(?:的)?(?:工作安排|重点工作|主要工作|工作任务|主要任务|工作建议|主要预期目标)")


def planned_year(blocks: list[Block]) -> int | None:
    """The year whose work the report plans, as its heading states it (三、2022年工作安排)."""
    for block in blocks:
        if isinstance(block, Heading):
            match = _PLANNED_YEAR.match(plain(block.text))
            if match:
                return int(match.group(1))
    return None


def build_report(blocks: list[Block], meta: ReportMeta, toc_titles: list[str], log: RepairLog,
                 header: MetadataBlock | None = None, document_title: str = "") -> Report:
    """``header``: a crawler's metadata block above the text; ``document_title``: the title in the file's properties."""
    cover = [b for b in blocks if isinstance(b, CoverLine)]
    body = [b for b in blocks if not isinstance(b, CoverLine)]
    body_text = "".join(plain(b.text) for b in body[:20] if isinstance(b, Paragraph))
    warnings: list[tuple[int | None, str, str]] = []
    # The page's own 来源 and date line (web chrome) come before a crawler's block, as the cover does.
    meta.source = meta.source or log.found.get("source", "")
    meta.published = meta.published or log.found.get("published", "")
    detect(cover, body_text, meta, header, document_title, planned_year(body), warnings)

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
    kept = split_glued_headings(kept, toc_titles, log)
    kept = promote_wrapped_headings(kept)
    toc = {squash(label_text(title)): label_text(title) for title in toc_titles}
    for block in kept:
        if isinstance(block, Heading):
            clean_heading_text(block, toc)
    kept = merge_appendix_titles(kept)
    kept = build_glossary(kept, log)
    remove_seams(kept)
    kept = build_appendix_lists(kept)
    kept = build_boxes(kept)
    report = Report(meta=meta, blocks=kept, footnotes=footnotes, notices=log.notices, removals=log.removals,
                    warnings=warnings)
    assign_levels(report.headings())
    kept = join_topic_lines(kept)
    for block in kept:
        if isinstance(block, Paragraph):
            block.text = bold_lead_in(block.text)
    report.blocks = kept
    link_endnotes(report)
    _flag_defects(kept, log)
    return report


def remove_seams(blocks: list[Block]) -> None:
    """The seams between joined pieces have served; no later stage sees them."""
    for block in blocks:
        if isinstance(block, Paragraph):
            block.text = block.text.replace(SEAM, "")
        elif isinstance(block, GlossarySection):
            for entry in block.entries:
                entry.definition = entry.definition.replace(SEAM, "")
