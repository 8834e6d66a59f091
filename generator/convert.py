"""One report through the whole core pipeline: read -> repair -> structure.

No MkDocs here: the result renders to Markdown that builds with stock MkDocs
and Material, and that `python -m generator` writes to disk for inspection.
"""

from __future__ import annotations

from pathlib import Path

from .structure.blocks import classify
from .sources.manifest import discover
from .model import Report, ReportMeta, SourceText
from .sources.overrides import Overrides, load_overrides
from .sources.read import SourceError, read_source
from .model import RepairLog
from .repair import repair_blocks, repair_chunks
from .sources.layout import lay_out
from .sources.metadata import document_title
from .sources.metadata_block import read_metadata_block
from .repair.errata import apply_errata
from .structure.report import build_report


def convert_lines(source_lines: list[str], meta: ReportMeta, overrides: Overrides | None = None,
                  file: str = "<text>", indents: list[int] | None = None,
                  page_starts: frozenset[int] = frozenset()) -> Report:
    """One report's text through every core stage; ``indents`` and ``page_starts`` as read."""
    source = SourceText(Path(file), source_lines, indents or [], page_starts)
    return convert_source(source, meta, overrides, file)


def convert_source(source: SourceText, meta: ReportMeta, overrides: Overrides | None = None,
                   file: str = "<text>") -> Report:
    """A report as a reader gave it (lines, and what the format knows of them) through every core stage."""
    overrides = overrides or Overrides()
    lines = source.as_lines()
    errata = apply_errata(lines, overrides, file)
    log = RepairLog(file=file)
    header, lines = read_metadata_block(lines, log)
    layout = lay_out(lines, log)
    toc_titles: list[str] = []
    units = repair_chunks(layout.chunks, log, toc_titles)
    blocks = repair_blocks(classify(units, overrides), log)
    report = build_report(blocks, meta, toc_titles, log, header, document_title(source.title))
    report.errata = errata
    report.layout = layout.describe()
    report.reader = source.reader
    report.pages = source.pages
    return report


def convert_file(path: Path, meta: ReportMeta, overrides: Overrides | None = None) -> Report:
    return convert_source(read_source(path), meta, overrides, file=str(path))


def convert_seeds(seeds: Path, errors: list[SourceError] | None = None) -> list[Report]:
    """Every report in ``seeds/`` converted (stage 1 of generator/pipeline.py), newest first.

    For tools and tests that want whole reports: the build itself never holds
    them all (it keeps each report's facts). A report that cannot be read raises
    its SourceError; with an ``errors`` list, every such error is collected
    there and the other reports are still converted. Conversions are cached in
    ``.cache/`` beside ``seeds/``, keyed by content and code.
    """
    from .pipeline import Conversions

    conversions = Conversions(seeds.parent)
    return [conversions.report(facts.key) for facts in conversions.all_facts(discover(seeds), errors)]
