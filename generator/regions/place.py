"""Each report's place in the hierarchy: its region resolved to a division with its code.

The converter finds a region's name in the report (玉泉区); this stage finds
the division it means. A name most often means one division. A name several
divisions share (新城区 is in 呼和浩特 and in 西安) is settled by the report's
own text: the candidate whose parents the text names (呼和浩特, 内蒙古) wins.
What the text cannot settle, and a name the code table does not know, gives a
warning that asks for ``region_code`` in the report's manifest entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inline import plain
from ..model import CoverLine, Heading, Paragraph, Report
from .divisions import Division, Divisions


@dataclass(frozen=True)
class Placement:
    division: Division | None
    problem: str = ""  # why the region could not be resolved
    hint: str = ""


def _text_of(report: Report) -> str:
    meta = report.meta
    parts = [meta.title, meta.doc_title, meta.meeting, meta.speaker, *meta.cover_lines]
    parts += [plain(block.text) for block in report.blocks if isinstance(block, (CoverLine, Heading, Paragraph))]
    return "\n".join(parts)


def _score(division: Division, table: Divisions, text: str) -> int:
    """How often the text names the division's parents (in full or short: 呼和浩特市, 呼和浩特)."""
    return sum(text.count(parent.short) for parent in table.chain(division)[:-1])


def _codes(candidates: list[Division], table: Divisions) -> str:
    return "、".join(f"{''.join(d.name for d in table.chain(c))}（{c.code}）" for c in candidates)


def place(report: Report, table: Divisions) -> Placement:
    """The division a report's region means, or why it cannot be told."""
    meta = report.meta
    if meta.region_code:
        found = table.get(meta.region_code)
        if found is None:
            return Placement(None, f"region_code {meta.region_code} is not in the code table ({table.source})",
                             "use the six-digit code of the region (GB/T 2260), e.g. 150104 for 玉泉区")
        return Placement(found)
    if not meta.region:
        return Placement(None)  # the audit already warns that no region was found
    candidates = table.lookup(meta.region)
    text = _text_of(report)
    if not candidates:
        # A name found cut at a character that also ends names (云州 of 云州区): the divisions
        # whose names begin with it and stand in the text.
        candidates = [d for name, found in table.by_name.items()
                      if name.startswith(meta.region) and len(name) > len(meta.region) and name in text for d in found]
    if len(candidates) == 1:
        return Placement(candidates[0])
    if not candidates:
        return Placement(None, f"region '{meta.region}' is not in the code table of administrative divisions ({table.source})",
                         "correct 'region', or give 'region_code' (six digits) in the report's manifest entry")
    scored = sorted(((_score(c, table, text), c) for c in candidates), key=lambda pair: -pair[0])
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return Placement(scored[0][1])
    return Placement(None, f"region '{meta.region}' is ambiguous: {_codes(candidates, table)}, and the text names none of their parents more than the others",
                     f"add 'region_code: {candidates[0].code}' (or the right one of these codes) to the report's manifest entry")


def mention_line(report: Report, name: str) -> int | None:
    """The first source line that names the region, for a warning that points at it."""
    for block in report.blocks:
        if isinstance(block, (CoverLine, Heading, Paragraph)) and name and name in plain(block.text):
            return block.lines[0] if block.lines else None
    return None


def apply_placement(report: Report, placement: Placement, level_given: bool) -> None:
    """The resolved division names the region and, unless the manifest says otherwise, its level (a 县级市 is 县级)."""
    division = placement.division
    if division is None:
        report.region_problem = (placement.problem, placement.hint) if placement.problem else None
        return
    report.meta.region_code = division.code
    report.meta.region = division.name
    if not level_given:
        report.meta.level = division.level
    report.region_problem = None
