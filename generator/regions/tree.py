"""The regions the archive covers, as a tree: every report's region and every region above it.

A region page exists for each region that has reports, and for each region
above one (内蒙古自治区 above 呼和浩特市 above 玉泉区), so a reader can walk the
hierarchy both ways. A report whose region the code table does not resolve
still gets a page under its own name, with no parent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin

from ..model import Report
from .divisions import Divisions


@dataclass
class Region:
    slug: str
    name: str
    code: str = ""  # empty for a region the code table does not know
    level: str = ""
    parent: str | None = None  # slug
    children: list[str] = field(default_factory=list)  # slugs of child regions with reports below them
    reports: list[str] = field(default_factory=list)  # slugs of the region's own reports, newest first
    report_count: int = 0  # its own reports and those of every region below it

    @property
    def key(self) -> str:
        """What a term's scope names: the code, or the name of a region the table does not know."""
        return self.code or f"?{self.name}"


@dataclass
class RegionTree:
    regions: dict[str, Region]  # by slug
    of_report: dict[str, str]  # report slug -> region slug

    def chain(self, slug: str) -> list[Region]:
        """The region and every region above it, outermost first."""
        found = [self.regions[slug]]
        while found[0].parent:
            found.insert(0, self.regions[found[0].parent])
        return found

    def report_chain(self, report: str) -> tuple[str, ...]:
        """The scope keys of a report's region and of every region above it."""
        slug = self.of_report.get(report)
        return tuple(region.key for region in self.chain(slug)) if slug else ()

    def subtree_reports(self, slug: str) -> list[str]:
        region = self.regions[slug]
        found = list(region.reports)
        for child in region.children:
            found += self.subtree_reports(child)
        return found

    def roots(self) -> list[Region]:
        return [region for region in self.regions.values() if region.parent is None]


def _pinyin(name: str) -> str:
    words = []
    for piece in lazy_pinyin(name):
        words += re.findall(r"[a-z0-9]+", piece.lower())
    return "-".join(words) or "region"


_slugs: dict[int, dict[str, str]] = {}


def division_slugs(table: Divisions) -> dict[str, str]:
    """A page name for every division, by code, fixed by the code table alone (so it never changes
    with the archive): the name's pinyin; names several divisions share (新城区) get their parent's
    in front; pinyin that still collides (陕西省, 山西省) gets the code behind."""
    if id(table) in _slugs:
        return _slugs[id(table)]
    groups: dict[str, list[str]] = {}
    for code, division in table.by_code.items():
        groups.setdefault(_pinyin(division.name), []).append(code)
    slugs: dict[str, str] = {}
    for base, codes in groups.items():
        if len(codes) == 1:
            slugs[codes[0]] = base
            continue
        prefixed = {}
        for code in codes:
            parent = table.parent(table.by_code[code])
            prefixed[code] = f"{_pinyin(parent.name)}-{base}" if parent else base
        unique = len(set(prefixed.values())) == len(codes) and not set(prefixed.values()) & set(groups)
        for code in codes:
            slugs[code] = prefixed[code] if unique else f"{base}-{code}"
    _slugs[id(table)] = slugs
    return slugs


def build_region_tree(reports: list[Report], table: Divisions) -> RegionTree:
    """Regions of the reports (given newest first) and the regions above them."""
    regions: dict[str, Region] = {}
    by_key: dict[str, str] = {}
    of_report: dict[str, str] = {}

    slugs = division_slugs(table)

    def add(name: str, code: str, level: str, parent: str | None) -> str:
        key = code or f"?{name}"
        if key in by_key:
            return by_key[key]
        slug = slugs[code] if code else _pinyin(name)
        candidate, number = slug, 2
        while candidate in regions:
            candidate, number = f"{slug}-{number}", number + 1
        regions[candidate] = Region(candidate, name, code, level, parent)
        by_key[key] = candidate
        if parent:
            regions[parent].children.append(candidate)
        return candidate

    for report in reports:
        meta = report.meta
        division = table.get(meta.region_code) if meta.region_code else None
        if division is not None:
            parent = None
            for step in table.chain(division):
                parent = add(step.name, step.code, step.level, parent)
            slug = parent
        elif meta.region:
            slug = add(meta.region, "", meta.level, None)
        else:
            continue
        regions[slug].reports.append(meta.slug)
        of_report[meta.slug] = slug
    tree = RegionTree(regions, of_report)
    for region in regions.values():
        region.children.sort(key=lambda child: (regions[child].code or "999999", regions[child].name))
        region.report_count = len(tree.subtree_reports(region.slug))
    return tree
