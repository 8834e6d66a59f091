"""Small helpers to run parts of the pipeline on text fragments."""

from __future__ import annotations

from generator.structure.blocks import classify
from generator.convert import convert_lines
from generator.model import Line, Report, ReportMeta
from generator.sources.overrides import Overrides
from generator.render.report import render_report
from generator.repair import RepairLog, repair_blocks, repair_chunks
from generator.sources.layout import lay_out


def blocks_of(text: str, overrides: Overrides | None = None):
    """Blocks after repair (no structure), with the log."""
    lines = [Line(number, line) for number, line in enumerate(text.split("\n"), 1)]
    log = RepairLog("fragment.txt")
    units = repair_chunks(lay_out(lines, log).chunks, log, [])
    return repair_blocks(classify(units, overrides or Overrides()), log), log


def convert(text: str, overrides: Overrides | None = None) -> Report:
    return convert_lines(text.split("\n"), ReportMeta(slug="fragment", source_file="fragment.txt"), overrides,
                         file="fragment.txt")


def markdown(text: str, overrides: Overrides | None = None) -> str:
    return render_report(convert(text, overrides))
