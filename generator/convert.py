"""One report through the whole core pipeline: read -> repair -> structure.

No MkDocs here: the result renders to Markdown that builds with stock MkDocs
and Material, and that `python -m generator` writes to disk for inspection.
"""

from __future__ import annotations

from pathlib import Path

from .blocks import classify
from .model import Line, Report, ReportMeta
from .overrides import Overrides
from .read import read_source
from .repair import RepairLog, repair_blocks, repair_chunks, split_chunks
from .repair.errata import apply_errata
from .structure import build_report


def convert_lines(source_lines: list[str], meta: ReportMeta, overrides: Overrides | None = None,
                  file: str = "<text>") -> Report:
    overrides = overrides or Overrides()
    lines = [Line(number, text) for number, text in enumerate(source_lines, 1)]
    errata = apply_errata(lines, overrides, file)
    log = RepairLog(file=file)
    toc_titles: list[str] = []
    units = repair_chunks(split_chunks(lines), log, toc_titles)
    blocks = repair_blocks(classify(units, overrides), log)
    report = build_report(blocks, meta, toc_titles, log)
    report.errata = errata
    return report


def convert_file(path: Path, meta: ReportMeta, overrides: Overrides | None = None) -> Report:
    source = read_source(path)
    return convert_lines(source.lines, meta, overrides, file=str(path))
