"""One report through the whole core pipeline: read -> repair -> structure.

No MkDocs here: the result renders to Markdown that builds with stock MkDocs
and Material, and that `python -m generator` writes to disk for inspection.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from .structure.blocks import classify
from .cache import ContentCache
from .sources.manifest import SeedReport, apply_manifest, discover
from .model import Report, ReportMeta, SourceText
from .sources.overrides import Overrides, load_overrides
from .parallel import can_fork, fork_map
from .sources.read import SourceError, read_source, reader_key
from .model import RepairLog
from .repair import repair_blocks, repair_chunks
from .sources.layout import lay_out
from .repair.errata import apply_errata
from .structure.report import build_report
from .regions.divisions import data_version, divisions
from .regions.place import apply_placement, place


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
    layout = lay_out(lines, log)
    toc_titles: list[str] = []
    units = repair_chunks(layout.chunks, log, toc_titles)
    blocks = repair_blocks(classify(units, overrides), log)
    report = build_report(blocks, meta, toc_titles, log)
    report.errata = errata
    report.layout = layout.describe()
    report.reader = source.reader
    report.pages = source.pages
    return report


def convert_file(path: Path, meta: ReportMeta, overrides: Overrides | None = None) -> Report:
    return convert_source(read_source(path), meta, overrides, file=str(path))


def _sort_key(report: Report) -> tuple[str, str]:
    return (report.meta.date or str(report.meta.year or ""), report.meta.slug)


_converted: dict[tuple, bytes] = {}  # pickled conversions, for mkdocs serve's rebuilds

# Converting is pure CPU work per report: a cold build with this many reports to convert
# spreads them over the machine's cores.
PARALLEL_FROM = 8


def convert_seeds(seeds: Path, errors: list[SourceError] | None = None) -> list[Report]:
    """Every report in ``seeds/`` with its manifest entry and overrides, newest first.

    A report that cannot be read raises its SourceError; with an ``errors``
    list, every such error is collected there instead and the other reports
    are still converted (so an editor sees every bad file at once).

    A report whose text, overrides and manifest entry are unchanged is not
    converted again: within a process (``mkdocs serve`` rebuilds) it is kept in
    memory, across builds in ``.cache/conversions`` (keyed by content and code).
    """
    disk = ContentCache(seeds.parent / ".cache", "conversions")
    found = []
    for seed in discover(seeds):
        overrides_bytes = seed.overrides_path.read_bytes() if seed.overrides_path.exists() else b""
        key = (str(seed.path), seed.path.read_bytes(), overrides_bytes,
               tuple(sorted(seed.entry.values.items())) if seed.entry else (), reader_key(seed.path), data_version())
        found.append((seed, key))
    missing = []
    for seed, key in found:
        if key not in _converted:
            stored = disk.get(repr(key).encode())
            if stored is None:
                missing.append((seed, key))
            else:
                _remember(key, stored)
    fresh = {}
    failed: set[tuple] = set()
    for (seed, key), report in zip(missing, _convert_all([seed for seed, _ in missing], errors is not None)):
        if isinstance(report, SourceError):
            errors.append(report)  # type: ignore[union-attr]
            failed.add(key)
            continue
        stored = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        disk.put(repr(key).encode(), stored)
        _remember(key, stored)
        fresh[key] = report
    # Later stages mark the text (terms, notes): each build works on its own copy, made
    # from the stored pickle (several times faster than copying the objects).
    reports = [fresh[key] if key in fresh else pickle.loads(_converted[key])  # noqa: S301
               for _, key in found if key not in failed]
    return sorted(reports, key=_sort_key, reverse=True)


def _remember(key: tuple, stored: bytes) -> None:
    for stale in [k for k in _converted if k[0] == key[0]]:
        del _converted[stale]
    _converted[key] = stored


def _convert_seed(seed: SeedReport) -> Report:
    has_overrides = seed.overrides_path.exists() and seed.overrides_path.stat().st_size > 0
    overrides = load_overrides(seed.overrides_path) if has_overrides else Overrides()
    report = convert_file(seed.path, seed.meta(), overrides)
    apply_manifest(report.meta, seed.entry)
    level_given = bool(seed.entry and seed.entry.values.get("level"))
    apply_placement(report, place(report, divisions()), level_given)
    return report


def _convert_all(seeds: list[SeedReport], keep_going: bool = False) -> list[Report | SourceError]:
    """Convert seeds, in forked workers when there are many (see generator/parallel.py).

    The first bad seed raises its error; with ``keep_going`` its error takes its place.
    """
    if len(seeds) < PARALLEL_FROM or not can_fork():
        out: list[Report | SourceError] = []
        for seed in seeds:
            try:
                out.append(_convert_seed(seed))
            except SourceError as error:
                if not keep_going:
                    raise
                out.append(error)
        return out

    def convert(numbered: tuple[int, SeedReport]) -> tuple[int, Report | SourceError]:
        number, seed = numbered
        try:
            return number, _convert_seed(seed)
        except SourceError as error:  # an editor's error: raised as it would be without workers
            return number, error

    by_size = sorted(enumerate(seeds), key=lambda numbered: -numbered[1].path.stat().st_size)
    results = dict(fork_map(convert, by_size))
    for number in range(len(seeds)):  # the first bad seed in order, as a sequential build reports it
        if isinstance(results[number], SourceError) and not keep_going:
            raise results[number]
    return [results[number] for number in range(len(seeds))]  # type: ignore[misc]
