"""One report through the whole core pipeline: read -> repair -> structure.

No MkDocs here: the result renders to Markdown that builds with stock MkDocs
and Material, and that `python -m generator` writes to disk for inspection.
"""

from __future__ import annotations

import copy
from pathlib import Path

from .blocks import classify
from .cache import ContentCache
from .manifest import apply_manifest, discover
from .model import Line, Report, ReportMeta
from .overrides import Overrides, load_overrides
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


def _sort_key(report: Report) -> tuple[str, str]:
    return (report.meta.date or str(report.meta.year or ""), report.meta.slug)


_converted: dict[tuple, Report] = {}


def convert_seeds(seeds: Path) -> list[Report]:
    """Every report in ``seeds/`` with its manifest entry and overrides, newest first.

    A report whose text, overrides and manifest entry are unchanged is not
    converted again: within a process (``mkdocs serve`` rebuilds) it is kept in
    memory, across builds in ``.cache/conversions`` (keyed by content and code).
    """
    reports = []
    disk = ContentCache(seeds.parent / ".cache", "conversions")
    for seed in discover(seeds):
        overrides_bytes = seed.overrides_path.read_bytes() if seed.overrides_path.exists() else b""
        key = (str(seed.path), seed.path.read_bytes(), overrides_bytes,
               tuple(sorted(seed.entry.values.items())) if seed.entry else ())
        if key not in _converted:
            disk_key = repr(key).encode()
            report = disk.get(disk_key)
            if report is None:
                overrides = load_overrides(seed.overrides_path) if overrides_bytes else Overrides()
                report = convert_file(seed.path, seed.meta(), overrides)
                apply_manifest(report.meta, seed.entry)
                disk.put(disk_key, report)
            for stale in [k for k in _converted if k[0] == key[0]]:
                del _converted[stale]
            _converted[key] = report
        # Later stages mark the text (terms, notes): each build works on its own copy.
        reports.append(copy.deepcopy(_converted[key]))
    return sorted(reports, key=_sort_key, reverse=True)


