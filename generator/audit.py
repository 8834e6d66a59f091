"""The converter reports on itself.

Every build prints one line per report (how its source was laid out, what
came out, what was dropped by which rule), and ``check`` warns, naming the
file and line, where a report looks unconverted:

* no heading in more than 5,000 characters: none in the whole report, or a
  stretch of that length made of a few paragraphs only (a converted report's
  long stretches are many paragraphs with run-in lead-ins);
* a paragraph over 2,000 characters;
* a numbered heading (二、, （三）, 第四章) inside a paragraph, after a sentence;
* a 名词解释 heading with no entry parsed;
* no title, date, region or level found (in the text or the manifest).

A report that converts well gives no warning, so a warning is worth reading.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .inline import strip_markers
from .sources.metadata import TITLE_FALLBACKS
from .structure.glued_headings import opening_places
from .structure.numbering import numbering_style
from .regions.place import mention_line
from .model import (
    Block, Box, GlossarySection, Heading, NumberedList, Paragraph, Problem, Report, Table,
)

# A title from the file's properties, from facts, or the file name is a fallback worth a look; one from
# the crawler's metadata block is what the text states above its cover.
_TITLE_WARNINGS = ("document properties", "text facts", "file name")
MAX_WITHOUT_HEADING = 5000
MIN_PARAGRAPHS_IN_STRETCH = 5
MAX_PARAGRAPH = 2000
# A part, sub-part, chapter or section number right after a sentence: a heading swallowed.
_HEADING_INSIDE = re.compile(
    r"[。！？](?P<number>[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[章节])"
    r"(?P<title>[^。！？]{2,30})"
)
# Rules that fix characters, not lines: they are repairs, not dropped lines.
_NOT_LINES = {"duplicate-character", "ascii-quotes", "glued-heading", "run-together"}


def paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """Every paragraph of the report, also those inside boxes and lists."""
    found: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found.append(block)
        elif isinstance(block, Box):
            found += block.items + block.paragraphs
        elif isinstance(block, NumberedList):
            found += [paragraph for item in block.items for paragraph in item.paragraphs]
    return found


def conversion_line(report: Report) -> str:
    """``slug: read by text (utf-8); lines; 17 headings, 85 paragraphs, 20 glossary entries; dropped lines: widget 6, …``."""
    dropped: Counter[str] = Counter()
    for removal in report.removals:
        if removal.rule not in _NOT_LINES:
            dropped[removal.rule] += len(removal.lines)
    parts = ", ".join(f"{rule} {count}" for rule, count in sorted(dropped.items(), key=lambda item: (-item[1], item[0])))
    repaired: Counter[str] = Counter(removal.rule for removal in report.removals if removal.rule in _NOT_LINES)
    repairs = "; repaired: " + ", ".join(f"{rule} {count}" for rule, count in sorted(repaired.items())) if repaired else ""
    pages = f", {report.pages} pages" if report.pages else ""
    title = f"; title from {TITLE_FALLBACKS[report.meta.title_from]}" if report.meta.title_from else ""
    return (f"{report.meta.slug}: read by {report.reader}{pages}; {report.layout or 'empty'}; {len(report.headings())} headings, "
            f"{len(paragraphs(report.blocks))} paragraphs, {len(report.glossary)} glossary entries; "
            f"dropped lines: {parts or 'none'}{repairs}{title}")


def audit_report(report: Report, file: Path | str) -> list[Problem]:
    """Warnings for what looks unconverted, each with the file and line."""
    file = str(file)
    problems: list[Problem] = []
    problems += _long_stretches(report, file)
    for paragraph in paragraphs(report.blocks):
        text = strip_markers(paragraph.text)
        first, last = paragraph.lines[0], paragraph.lines[-1]
        if len(text) > MAX_PARAGRAPH:
            problems.append(Problem(
                "warning", file, first, f"paragraph of {len(text):,} characters (lines {first}–{last})",
                "several paragraphs may have been joined: check the layout, or split it in the overrides file",
            ))
        inside = _HEADING_INSIDE.search(text)
        if inside:
            problems.append(Problem(
                "warning", file, first,
                f"numbered heading '{inside.group('number')}{inside.group('title')[:12]}' inside a paragraph",
                "a heading was joined into the paragraph: split it there in the overrides file",
            ))
    for block in report.blocks:
        glued = glued_heading(block)
        if glued:
            problems.append(Problem(
                "warning", file, block.lines[0] if block.lines else None,
                f"'{glued}…' may be a heading glued to the text after it",
                "if the heading ends inside this line, split it there with a 'split:' entry in the overrides file",
            ))
        if isinstance(block, Heading) and block.style == "glossary":
            problems.append(Problem(
                "warning", file, block.lines[0] if block.lines else None, f"'{block.text}' heading with no entry parsed",
                "write each entry as its term, a colon and its definition, numbered 1. 2. …",
            ))
    for line, message, hint in report.warnings:
        problems.append(Problem("warning", file, line, message, hint))
    meta = report.meta
    hint = "state it in the report's entry in seeds/manifest.yml"
    if meta.title_from in _TITLE_WARNINGS:
        problems.append(Problem("warning", file, None, f"no title in the text: the title {meta.title} is taken from "
                                f"{TITLE_FALLBACKS[meta.title_from]}", "state the title in the report's entry in seeds/manifest.yml"))
    for name, label in (("date", "date"), ("region", "region"), ("level", "administrative level")):
        if not getattr(meta, name):
            problems.append(Problem("warning", file, None, f"no {label} found in the text or the manifest", hint))
    if report.region_problem:
        message, region_hint = report.region_problem
        problems.append(Problem("warning", file, mention_line(report, meta.region), message, region_hint))
    return problems


# A run-in lead-in (（一）经济实力稳步推进。……) is short; a numbered heading is at most a sentence of two
# or three clauses (the repository's longest: 54 characters). A numbered paragraph whose lead-in is longer,
# or a heading longer than any, holds a heading and the text after it that no rule could split with
# certainty (glued_headings).
MAX_LEAD_IN = 28
MAX_NUMBERED_HEADING = 56
_MEASURED = re.compile(r"\d(?:\.\d+)?\s*(?:%|个|亿|万|元|人|公里|项|家|户|座|条|所|吨|亩|平方米|千瓦)")
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十百]{1,4}[章节])")


def glued_heading(block: Block) -> str:
    """The opening words of a numbered block that may hold a heading glued to its paragraph, or ''."""
    if not isinstance(block, (Heading, Paragraph)) or (isinstance(block, Heading) and (block.forced or block.by_format)):
        return ""
    text = strip_markers(block.text).replace("**", "")
    number = _NUMBER.match(text)
    if not number:
        return ""
    lead_in = re.split(r"[。！？；]", text[number.end():], maxsplit=1)[0]
    limit = MAX_LEAD_IN if isinstance(block, Paragraph) else MAX_NUMBERED_HEADING
    # A heading names a task; a measured figure (500个, 1200亿元, 6%) is the paragraph's.
    measured = isinstance(block, Heading) and _MEASURED.search(lead_in)
    ambiguous = len(opening_places(text, numbering_style(text) or "")) > 1  # the split rule found two places
    # A one-sentence heading whose sentence begins after a space: （一）着力扩大有效需求 我们坚持……，……。
    spaced = isinstance(block, Heading) and _SENTENCE_AFTER_SPACE.search(text[number.end():])
    return text[: number.end() + 16] if len(lead_in) > limit or measured or ambiguous or spaced else ""


_SENTENCE_AFTER_SPACE = re.compile(r"^[^\s，。；：]{2,}\s+[^\s]*[，,][^\s]*[。！？]$")


def _text_of(block: Block) -> str:
    if isinstance(block, Paragraph):
        return strip_markers(block.text)
    if isinstance(block, Box):
        return "".join(strip_markers(p.text) for p in block.items + block.paragraphs)
    if isinstance(block, NumberedList):
        return "".join(strip_markers(i.text) + "".join(strip_markers(p.text) for p in i.paragraphs) for i in block.items)
    if isinstance(block, Table):
        return "".join(cell for row in block.rows for cell in row.cells)
    return ""


_HEADING_HINT = "the report may not be converted: check its layout, or force headings in the overrides file"


def _long_stretches(report: Report, file: str) -> list[Problem]:
    if not report.headings():
        total = sum(len(_text_of(block)) for block in report.blocks)
        first = next((block.lines[0] for block in report.blocks if block.lines), None)
        if total > MAX_WITHOUT_HEADING:
            return [Problem("warning", file, first, f"no heading in {total:,} characters", _HEADING_HINT)]
        return []
    problems: list[Problem] = []
    run, count, start, end = 0, 0, None, None
    for block in report.blocks + [Heading([], "", "end")]:
        if isinstance(block, (Heading, Box, GlossarySection)):
            if run > MAX_WITHOUT_HEADING and count < MIN_PARAGRAPHS_IN_STRETCH and start is not None:
                problems.append(Problem(
                    "warning", file, start,
                    f"{run:,} characters without a heading in {count} paragraphs (lines {start}–{end})", _HEADING_HINT,
                ))
            run, count, start = 0, 0, None
            continue
        run += len(_text_of(block))
        count += isinstance(block, Paragraph)
        if block.lines:
            start = block.lines[0] if start is None else start
            end = block.lines[-1]
    return problems


def scope_lines(glossary) -> list[str]:
    """One build line per term whose scope left occurrences unmarked, naming the reports."""
    lines = []
    for term in glossary.terms:
        if term.unmarked:
            where = ", ".join(f"{slug} {count}" for slug, count in sorted(term.unmarked.items()))
            scope = "、".join(glossary.scope_names(term)) or "全国"
            lines.append(f"scope: {term.term} ({scope}) left {sum(term.unmarked.values())} occurrences unmarked "
                         f"in {len(term.unmarked)} reports: {where}")
    return lines
