"""The seed manifest, ``seeds/manifest.yml``: what each report is, for the record.

The converter detects metadata from the report's own text; a field recorded
here overrides what it detects (for what the text does not state, or states
wrongly). A ``.txt`` in ``seeds/`` with no entry still converts, with detected
metadata and a slug made from its file name. So does a report in any other
format a reader reads (PDF, Word, a saved web page).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..model import ReportMeta
from .read import SOURCE_SUFFIXES, SourceError
from .yamlfile import line_of, load_yaml

MANIFEST_NAME = "manifest.yml"
_FIELDS = {"slug", "source_file", "original_file", "title", "region", "region_code", "level", "kind", "date", "meeting",
           "speaker", "source", "source_url", "published"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class ManifestEntry:
    slug: str
    source_file: str
    values: dict[str, str] = field(default_factory=dict)
    line: int | None = None


@dataclass
class SeedReport:
    """One report to build: its text file, its manifest entry and its overrides file."""

    slug: str
    path: Path
    entry: ManifestEntry | None
    overrides_path: Path

    def meta(self) -> ReportMeta:
        return ReportMeta(slug=self.slug, source_file=self.path.name)


def slug_for(path: Path) -> str:
    stem = path.stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    if not slug or slug != re.sub(r"[^a-z0-9-]", "", stem.replace("_", "-")):
        # Non-ASCII names get a stable ASCII slug from the name's hash.
        digest = hashlib.sha1(path.name.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else f"report-{digest}"
    return slug


def load_manifest(seeds: Path) -> dict[str, ManifestEntry]:
    """Entries keyed by source file name."""
    path = seeds / MANIFEST_NAME
    if not path.exists():
        return {}
    data = load_yaml(path)
    reports = data.get("reports") if isinstance(data, dict) else None
    if isinstance(data, dict) and "reports" in data and reports is None:
        reports = []  # 'reports:' with no entry yet
    if not isinstance(reports, list):
        raise SourceError(path, 1, "the manifest needs a 'reports:' list", "see the comment at the top of the file")
    entries: dict[str, ManifestEntry] = {}
    slugs: dict[str, int | None] = {}
    for item in reports:
        if not isinstance(item, dict):
            raise SourceError(path, line_of(data, "reports"), "each report must be a mapping", "write '- slug: ...'")
        for key in item:
            if key not in _FIELDS:
                raise SourceError(path, line_of(item, str(key)), f"unknown field '{key}'", f"allowed: {', '.join(sorted(_FIELDS))}")
        values = {key: "" if value is None else str(value) for key, value in item.items()}
        slug, source = values.get("slug", ""), values.get("source_file", "")
        if not _SLUG.match(slug):
            raise SourceError(path, line_of(item, "slug"), f"slug {slug!r} is not lowercase ASCII words joined by '-'", "e.g. yuquan-2023-work-report")
        if not source:
            raise SourceError(path, line_of(item), "'source_file' is missing", "name the report's file in seeds/")
        if not (seeds / source).exists():
            raise SourceError(path, line_of(item, "source_file"), f"source_file {source!r} does not exist in {seeds}", "fix the name or add the file")
        if slug in slugs:
            raise SourceError(path, line_of(item, "slug"), f"slug {slug!r} is already used on line {slugs[slug]}", "give each report its own slug")
        for key in ("date", "published"):
            if values.get(key) and not _DATE.match(values[key]):
                raise SourceError(path, line_of(item, key), f"{key} {values[key]!r} is not YYYY-MM-DD, YYYY-MM or YYYY", "e.g. 2023-01-07")
        if values.get("source_url") and not re.match(r"^https?://\S+$", values["source_url"]):
            raise SourceError(path, line_of(item, "source_url"), f"source_url {values['source_url']!r} is not a web address",
                              "write the address the text was taken from, starting with http:// or https://")
        if values.get("region_code") and not re.fullmatch(r"\d{6}", values["region_code"]):
            raise SourceError(path, line_of(item, "region_code"), f"region_code {values['region_code']!r} is not six digits",
                              "the region's administrative code (GB/T 2260), e.g. 150104 for 玉泉区")
        slugs[slug] = line_of(item)
        entries[source] = ManifestEntry(slug, source, values, line_of(item))
    return entries


def source_files(seeds: Path) -> list[Path]:
    """The reports in ``seeds/``: every file in a format a reader reads (.txt, .pdf, .docx, .doc, .html, .htm).

    Files an editor's programs leave beside them are no reports: Word's lock
    files (``~$报告.docx``), hidden files, partial downloads.
    """
    return sorted(path for path in seeds.iterdir()
                  if path.is_file() and path.suffix.lower() in SOURCE_SUFFIXES
                  and not path.name.startswith(("~$", ".")))


def discover(seeds: Path) -> list[SeedReport]:
    """Every report in ``seeds/``, whatever its format, with its manifest entry if any."""
    manifest = load_manifest(seeds)
    found = []
    used: set[str] = set()
    for path in source_files(seeds):
        entry = manifest.get(path.name)
        slug = entry.slug if entry else slug_for(path)
        if slug in used:
            raise SourceError(path, None, f"slug {slug!r} is used by another report",
                              "rename the file or add a manifest entry (one report in two formats: keep one of them)")
        used.add(slug)
        found.append(SeedReport(slug, path, entry, seeds / f"{path.stem}.overrides.yml"))
    return found


def apply_manifest(meta: ReportMeta, entry: ManifestEntry | None) -> ReportMeta:
    """Manifest values override detected ones."""
    if entry is None:
        return meta
    names = {f.name for f in fields(ReportMeta)}
    for key, value in entry.values.items():
        if key == "date" and value and meta.date.startswith(value):
            continue  # a year (a dataset's year column) does not undo the day the cover states
        if key in names and key not in ("slug", "source_file") and value:
            setattr(meta, key, value)
    if entry.values.get("date"):
        meta.year = int(entry.values["date"][:4])
    if entry.values.get("title"):
        meta.title_from = ""  # the manifest states it
    return meta
