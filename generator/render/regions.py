"""Region pages: a region's reports by year, its place in the hierarchy, the concepts it uses.

A page exists for every region with reports and for every region above one
(see generator/regions/tree.py), so a reader walks from 玉泉区 up to 呼和浩特市
and 内蒙古自治区, and down again to the districts that have reports. Where a
region has reports of one kind in consecutive years, the page shows which
terms appear and which disappear from one year to the next.
"""

from __future__ import annotations

import html
from collections import Counter

import yaml

from ..glossary.terms import Glossary
from ..model import Report
from ..regions.tree import Region, RegionTree
from .report import display_date, escape_text

REGIONS_DIR = "regions"
TOP_TERMS = 15  # the concepts a region page lists
CHANGES_SHOWN = 30  # terms listed per year-to-year change, each way

LEVEL_NAMES = {"省级": "省级行政区", "地级": "地级行政区", "县级": "县级行政区"}


def _front_matter(title: str) -> str:
    return "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True, sort_keys=False) + "---\n"


def region_path_html(tree: RegionTree, slug: str, prefix: str) -> str:
    """内蒙古自治区 › 呼和浩特市 › 玉泉区, each a link to its region page (``prefix`` leads to regions/)."""
    return " › ".join(f'<a href="{prefix}{region.slug}.html">{html.escape(region.name)}</a>'
                      for region in tree.chain(slug))


def _year(report: Report) -> int | None:
    meta = report.meta
    return int(meta.date[:4]) if meta.date[:4].isdigit() else meta.year


def _report_line(report: Report) -> str:
    meta = report.meta
    when = display_date(meta.date) if meta.date else ""
    details = "，".join(escape_text(part) for part in (meta.kind, when) if part)
    return f"- [{escape_text(meta.title)}](../reports/{meta.slug}.md)" + (f"（{details}）" if details else "")


def terms_by_report(glossary: Glossary) -> dict[str, set[str]]:
    """The terms marked in each report (by slug)."""
    used: dict[str, set[str]] = {}
    for term in glossary.terms:
        for report in term.occurrences:
            used.setdefault(report, set()).add(term.slug)
    return used


def year_to_year(reports: list[Report], used: dict[str, set[str]]) -> list[tuple[Report, Report, list[str], list[str]]]:
    """Pairs of a region's reports of one kind in consecutive years, with the terms (slugs) that
    appear in the later one and those that disappear from it."""
    by_kind: dict[str, dict[int, Report]] = {}
    for report in reports:
        year = _year(report)
        if year is not None:
            by_kind.setdefault(report.meta.kind, {}).setdefault(year, report)
    pairs = []
    for kind in sorted(by_kind):
        years = by_kind[kind]
        for year in sorted(years, reverse=True):
            if year - 1 in years:
                before, after = years[year - 1], years[year]
                old, new = used.get(before.meta.slug, set()), used.get(after.meta.slug, set())
                pairs.append((before, after, sorted(new - old), sorted(old - new)))
    return pairs


def render_region_page(region: Region, tree: RegionTree, reports: dict[str, Report], glossary: Glossary | None,
                       used: dict[str, set[str]], figures: list[str] | None = None) -> str:
    out = [_front_matter(region.name), f"# {escape_text(region.name)}", ""]
    out += [f'<p class="region-path" data-search-exclude>{region_path_html(tree, region.slug, "")}</p>', ""]
    facts = []
    if region.level:
        facts.append(LEVEL_NAMES.get(region.level, escape_text(region.level)))
    if region.code:
        facts.append(f"行政区划代码 {region.code}")
    else:
        facts.append("行政区划代码表中没有这一地区")
    if region.parent:
        parent = tree.regions[region.parent]
        facts.append(f"上级：[{escape_text(parent.name)}]({parent.slug}.md)")
    out += ["；".join(facts) + "。", "{: .region-facts }", ""]

    own = [reports[slug] for slug in region.reports]
    out += [f"## 本级报告（{len(own)}）", ""]
    if not own:
        out += ["本站尚未收录本级政府的报告，下辖地区的报告见下。", ""]
    by_year: dict[str, list[Report]] = {}
    for report in own:
        year = _year(report)
        by_year.setdefault(f"{year}年" if year else "年份不详", []).append(report)
    for label, items in by_year.items():
        out += [f"### {label}", ""] + [_report_line(report) for report in items] + [""]

    out += figures or []  # its targets and results, year by year (render/figures.py)

    if region.children:
        out += [f"## 下辖地区（{len(region.children)}）", ""]
        for child_slug in region.children:
            child = tree.regions[child_slug]
            out.append(f"- [{escape_text(child.name)}]({child.slug}.md)：{child.report_count}份报告")
        out.append("")

    if glossary is not None:
        out += _top_terms(region, tree, glossary)
        pairs = year_to_year(own, used)
        if pairs:
            by_slug = glossary.by_slug()
            out += ["## 逐年变化", "", "相邻两年的同类报告中新出现和不再出现的名词。", ""]
            for before, after, appeared, gone in pairs:
                out += [f"### {_year(before)}年 → {_year(after)}年（{escape_text(after.meta.kind)}）", ""]
                for label, slugs in (("新出现", appeared), ("不再出现", gone)):
                    names = "、".join(f"[{escape_text(by_slug[s].term)}](../concepts/{s}.md)" for s in slugs[:CHANGES_SHOWN])
                    more = f"等{len(slugs)}个" if len(slugs) > CHANGES_SHOWN else ""
                    out.append(f"- {label}：{names}{more}" if slugs else f"- {label}：无")
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def _top_terms(region: Region, tree: RegionTree, glossary: Glossary) -> list[str]:
    slugs = set(tree.subtree_reports(region.slug))
    counts: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    for term in glossary.terms:
        for report, count in term.occurrences.items():
            if report in slugs:
                counts[term.slug] += count
                spread[term.slug] += 1
    if not counts:
        return []
    by_slug = glossary.by_slug()
    top = sorted(counts, key=lambda slug: (-counts[slug], slug))[:TOP_TERMS]
    scope = "本地区及下辖地区" if region.children else "本地区"
    out = ["## 常用名词", "", f"{scope}报告中出现最多的名词：", ""]
    out += [f"- [{escape_text(by_slug[s].term)}](../concepts/{s}.md)：{counts[s]}处，{spread[s]}份报告" for s in top]
    return out + [""]


def render_region_index(tree: RegionTree) -> str:
    """Every region of the archive as a tree, with its report counts."""
    out = [_front_matter("地区"), "# 地区", "",
           f"本站收录的报告来自{sum(1 for r in tree.regions.values() if r.reports)}个地区。"
           "点击地区名查看该地区的全部报告、上下级地区和常用名词。", ""]

    def branch(region: Region, depth: int) -> None:
        out.append(f"{'    ' * depth}- [{escape_text(region.name)}]({region.slug}.md)（{region.report_count}）")
        for child in region.children:
            branch(tree.regions[child], depth + 1)

    for root in sorted(tree.roots(), key=lambda r: (r.code or "999999", r.name)):
        branch(root, 0)
    return "\n".join(out).rstrip() + "\n"
