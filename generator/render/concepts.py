"""Concept pages, the glossary index and the concept-by-report matrix.

A concept page gathers what is known about one term: its summary, every
definition with its citation, the editor's explanation, senses limited to
some reports, related terms, and where it occurs (each occurrence as a short
snippet that deep-links to that spot in the report).
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from pathlib import Path

import yaml

from ..glossary.annotate import Occurrence
from ..glossary.annotations import CATEGORIES
from ..model import Report
from .report import TERMS_PATH, display_date, edit_links, escape_text
from .safe import safe_markdown
from ..glossary.terms import Glossary, Term

CONCEPTS_DIR = "concepts"
MATRIX_FILE = "matrix.svg"


def _front_matter(title: str, boost: float | None = None) -> str:
    data: dict = {"title": title}
    if boost:
        data["search"] = {"boost": boost}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


# A concept page lists the reports using its term a page at a time, and a few occurrences of
# each with a link onward: a common term in a large archive must not make one page of megabytes.
REPORTS_PER_PAGE = 100
OCCURRENCES_PER_REPORT = 3


def occurrence_page_count(term: Term) -> int:
    return max(1, math.ceil(len(term.occurrences) / REPORTS_PER_PAGE))


def occurrence_page_name(slug: str, number: int) -> str:
    """The file of page ``number`` of a term's occurrence list: the concept page itself, then ``slug--2.md``…"""
    return f"{slug}.md" if number == 1 else f"{slug}--{number}.md"


def _occurrences_html(term: Term, reports: dict[str, Report], occurrences: dict[str, list[Occurrence]],
                      number: int = 1) -> str:
    """One page of the reports using the term, each with up to OCCURRENCES_PER_REPORT snippets
    deep-linking to its occurrences (and a link to the next one), as one line of HTML.

    Generated like the report panels, as HTML with final addresses: a common
    term has thousands of occurrences in a large archive, and as Markdown the
    lists made concept pages the slowest pages to render. The line is excluded
    from search (the reports themselves are searched, not these copies), and
    the build's page cache renders it apart (generator/site/mkdocs_render.py).
    """
    ordered = sorted(term.occurrences.items(), key=lambda item: (-item[1], item[0]))
    parts = []
    for slug, count in ordered[(number - 1) * REPORTS_PER_PAGE:number * REPORTS_PER_PAGE]:
        found = [o for o in occurrences[slug] if o.term == term.slug]
        items = "".join(
            f'<li><a href="../reports/{slug}.html#{o.anchor}">…{html.escape(o.before)}'
            f"<strong>{html.escape(o.surface)}</strong>{html.escape(o.after)}…</a></li>"
            for o in found[:OCCURRENCES_PER_REPORT]
        )
        # ``occurrences`` may hold only the first few of each term (the pipeline's summaries): the count is the term's.
        if count > OCCURRENCES_PER_REPORT:
            items += (f'<li class="occurrences-more"><a href="../reports/{slug}.html#{found[OCCURRENCES_PER_REPORT].anchor}">'
                      f"另有{count - OCCURRENCES_PER_REPORT}处，到报告中接着看</a></li>")
        title = html.escape(reports[slug].meta.title)
        parts.append(f'<h3><a href="../reports/{slug}.html">{title}</a>（{count}处）</h3><ol>{items}</ol>')
    return f'<div class="occurrences" data-search-exclude>{"".join(parts)}</div>'


def _occurrence_pager(term: Term, number: int) -> list[str]:
    """Where this page of the occurrence list lies, with links to the others (none for a single page)."""
    pages = occurrence_page_count(term)
    if pages == 1:
        return []
    first = (number - 1) * REPORTS_PER_PAGE + 1
    last = min(number * REPORTS_PER_PAGE, len(term.occurrences))
    links = [
        f'<a href="{occurrence_page_name(term.slug, n).removesuffix(".md")}.html"'
        + (' aria-current="page"' if n == number else "") + f">{n}</a>"
        for n in range(1, pages + 1)
    ]
    return [f'<nav class="occurrence-pager" aria-label="出现位置分页" data-search-exclude>'
            f"共{len(term.occurrences)}份报告，本页列出第{first}–{last}份：{' '.join(links)}</nav>", ""]


def render_occurrence_page(term: Term, reports: dict[str, Report], occurrences: dict[str, list[Occurrence]],
                           number: int) -> str:
    """Page ``number`` (2 and up) of a term's occurrence list."""
    data = {"title": f"{term.term}：出现位置（第{number}页）", "search": {"exclude": True}}
    out = ["---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n",
           f"# {escape_text(term.term)}：出现位置（第{number}页）", "",
           f"[← 返回“{escape_text(term.term)}”]({term.slug}.md)", ""]
    out += _occurrence_pager(term, number)
    out += [_occurrences_html(term, reports, occurrences, number), ""]
    out += _occurrence_pager(term, number)
    return "\n".join(out).rstrip() + "\n"


def render_concept_pages(term: Term, glossary: Glossary, reports: dict[str, Report],
                         occurrences: dict[str, list[Occurrence]], edit_base: str = "") -> dict[str, str]:
    """The concept page and the further pages of its occurrence list, by file name under concepts/."""
    pages = {f"{term.slug}.md": render_concept_page(term, glossary, reports, occurrences, edit_base)}
    for number in range(2, occurrence_page_count(term) + 1):
        pages[occurrence_page_name(term.slug, number)] = render_occurrence_page(term, reports, occurrences, number)
    return pages


def render_concept_page(term: Term, glossary: Glossary, reports: dict[str, Report],
                        occurrences: dict[str, list[Occurrence]], edit_base: str = "", root: Path | None = None) -> str:
    by_slug = glossary.by_slug()
    out = [_front_matter(term.term, boost=5), f"# {escape_text(term.term)}", ""]
    out += [escape_text(term.summary), "{: .concept-summary }", ""]
    if term.summary_en:
        out += [escape_text(term.summary_en), '{: .concept-summary-en lang="en" }', ""]
    facts = []
    if term.aliases:
        facts.append("又作：" + "、".join(escape_text(alias) for alias in term.aliases))
    facts.append(f"类别：[{escape_text(term.category)}](index.md#{_category_anchor(term.category)})")
    scope = glossary.scope_names(term)
    facts.append("适用范围：" + ("、".join(escape_text(name) for name in scope) + "及下辖地区" if scope else "全国")
                 + ("（编者设定）" if term.scope_given else ""))
    out += ["<br>".join(facts), ""]

    out += ["## 释义", ""]
    defined = [d for d in term.definitions if d.report]
    if len(defined) > 1:
        out += [f"{len(defined)}份报告各自给出了定义：", "", _definitions_side_by_side(defined, reports, glossary), ""]
    for definition in defined[:1] if len(defined) == 1 else []:
        report = reports.get(definition.report)
        title = escape_text(report.meta.title if report else definition.report)
        out += [f"> {escape_text(definition.text)}", ">",
                f"> —— [{title}·名词解释](../reports/{definition.report}.md#{definition.anchor})"
                f"（{escape_text(definition.label)}）", ""]
    if term.explanation:
        out += ["**编者说明**" + ("（本条由编者撰写）" if term.editor_written else ""), "", safe_markdown(term.explanation), ""]
    elif term.editor_written:
        out += ["本条由编者撰写。", ""]
    sources = glossary.sources(term)
    if sources:
        out += ["## 出处", ""] + [f"- {_source_line(source, reports)}" for source in sources] + [""]
    if term.senses:
        out += ["## 不同报告中的含义", ""]
        for sense in term.senses:
            names = "、".join(
                f"[{escape_text(reports[r].meta.title)}](../reports/{r}.md)" for r in sense.reports if r in reports
            )
            out.append(f"- 在{names}中：{escape_text(sense.summary)}")
        out.append("")
    related = [by_slug[slug] for slug in term.related if slug in by_slug]
    if related:
        out += ["## 相关名词", ""]
        out += [f"- [{escape_text(other.term)}]({other.slug}.md)：{escape_text(other.summary)}" for other in related]
        out.append("")

    out += _usage(term, reports, glossary)
    out += ["## 出现位置 { data-search-exclude }", ""]
    if not term.occurrences:
        out += ["目前收录的报告中没有出现。", ""]
    else:
        out += _occurrence_pager(term, 1) + [_occurrences_html(term, reports, occurrences), ""]
    path = f"{TERMS_PATH}/{term.slug}.md"
    if term.editor_file:
        out += edit_links(edit_base, [("修改本条", path, True)])
    else:
        out += ["本条目前只有报告自带的定义。"] + edit_links(edit_base, [("新建编者文件补充本条", path, False)])
    return "\n".join(out).rstrip() + "\n"


def _source_line(source, reports: dict[str, Report]) -> str:
    """One source: its title (a link to the document or to the report in the archive) and its date."""
    title = escape_text(source.title)
    if source.report and source.report in reports:
        title = f"[{title}](../reports/{source.report}.md)"
    elif source.url:
        title = f"[{title}]({source.url})"
    return title + (f"（{escape_text(source.date)}）" if source.date else "")


def _region_of(report: str, glossary: Glossary):
    tree = glossary.regions
    slug = tree.of_report.get(report) if tree else None
    return tree.regions[slug] if slug else None


def _definitions_side_by_side(defined: list, reports: dict[str, Report], glossary: Glossary) -> str:
    """Each report's definition in a card headed by its region, with its citation: how each region defines it."""
    cards = []
    for definition in defined:
        report = reports.get(definition.report)
        title = html.escape(report.meta.title if report else definition.report)
        region = _region_of(definition.report, glossary)
        heading = (f'<a href="../regions/{region.slug}.html">{html.escape(region.name)}</a>' if region
                   else html.escape(report.meta.region if report else ""))
        cards.append(
            f'<div class="definition"><h3>{heading}</h3><p>{html.escape(definition.text)}</p>'
            f'<cite>——<a href="../reports/{definition.report}.html#{html.escape(definition.anchor)}">{title}·名词解释</a>'
            f'（{html.escape(definition.label)}）</cite></div>'
        )
    return f'<div class="definition-compare">{"".join(cards)}</div>'


def _usage(term: Term, reports: dict[str, Report], glossary: Glossary) -> list[str]:
    """Where and when the term is used: occurrences by province (or other top region) and by year,
    and the first report that used it."""
    used = [reports[slug] for slug in term.occurrences if slug in reports]
    used += [reports[slug] for slug in term.defined_in if slug in reports and slug not in term.occurrences]
    if not used:
        return []
    first = min(used, key=lambda r: (r.meta.date or str(r.meta.year or 9999), r.meta.slug))
    by_region: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_year: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    links: dict[str, str] = {}
    for report in used:
        count = term.occurrences.get(report.meta.slug, 0)
        region = _region_of(report.meta.slug, glossary)
        top = glossary.regions.chain(region.slug)[0] if region else None
        name = top.name if top else (report.meta.region or "地区不详")
        if top:
            links[name] = f"../regions/{top.slug}.md"
        year = (report.meta.date or "")[:4] or (str(report.meta.year) if report.meta.year else "年份不详")
        for table, key in ((by_region, name), (by_year, year)):
            table[key][0] += 1
            table[key][1] += count
    when = display_date(first.meta.date) if first.meta.date else ""
    out = ["## 使用情况 { data-search-exclude }", "",
           f"最早使用本词的报告：[{escape_text(first.meta.title)}](../reports/{first.meta.slug}.md)"
           + (f"（{when}）" if when else "") + "。", ""]
    region_rows = sorted(by_region.items(), key=lambda item: (-item[1][1], item[0]))
    out += ["| 地区 | 报告 | 出现 |", "| --- | --- | --- |"]
    for name, (count, total) in region_rows[:USAGE_ROWS]:
        label = f"[{escape_text(name)}]({links[name]})" if name in links else escape_text(name)
        out.append(f"| {label} | {count} | {total} |")
    if len(region_rows) > USAGE_ROWS:
        rest = region_rows[USAGE_ROWS:]
        out.append(f"| 其他{len(rest)}个地区 | {sum(c for _, (c, _) in rest)} | {sum(t for _, (_, t) in rest)} |")
    out += ["{: .concept-usage }", "", "| 年份 | 报告 | 出现 |", "| --- | --- | --- |"]
    for year, (count, total) in sorted(by_year.items(), reverse=True):
        out.append(f"| {escape_text(year)} | {count} | {total} |")
    return out + ["{: .concept-usage }", ""]


USAGE_ROWS = 12  # regions listed in a concept's usage table; the rest are summed


def _category_anchor(category: str) -> str:
    return "cat-" + str(CATEGORIES.index(category) + 1 if category in CATEGORIES else 0)


def render_index(glossary: Glossary, reports: list[Report]) -> str:
    out = [_front_matter("名词索引"), "# 名词索引", ""]
    columns = _matrix_columns(glossary, reports)
    rows = min(MATRIX_ROWS, sum(len(t.occurrences) >= 2 for t in glossary.terms))
    out += [
        f"本站收录{len(glossary.terms)}个名词，其中{sum(not t.editor_written for t in glossary.terms)}个由报告自带的名词解释给出，"
        f"其余由编者撰写。下图显示{rows}个最常共用的名词在各{'省级' if len(columns) > 1 else ''}地区的使用情况："
        "格中数字是用到该词的报告份数，颜色越深，该地区用到它的报告越多。", "",
        f"![名词与地区对照图：{rows}个名词在{len(columns)}个地区的{len(reports)}份报告中的使用情况]({MATRIX_FILE})"
        "{: .concept-matrix }", "",
    ]
    groups: dict[str, list[Term]] = defaultdict(list)
    for term in glossary.terms:
        groups[term.category].append(term)
    order = [c for c in CATEGORIES if c in groups] + sorted(c for c in groups if c not in CATEGORIES)
    for category in order:
        out += [f"## {escape_text(category)} {{ #{_category_anchor(category)} }}", "",
                "| 名词 | 释义 | 报告 | 出现 |", "| --- | --- | --- | --- |"]
        for term in sorted(groups[category], key=lambda t: (-sum(t.occurrences.values()), t.slug)):
            out.append(f"| [{escape_text(term.term)}]({term.slug}.md) | {escape_text(term.summary)} "
                       f"| {len(term.occurrences) or '—'} | {sum(term.occurrences.values()) or '—'} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


MATRIX_ROWS = 60  # the most shared terms drawn in the concept × region picture


def _matrix_columns(glossary: Glossary, reports: list[Report]) -> dict[str, list[str]]:
    """Report slugs by top-level region (a province, or 地区不详), the regions with most reports first."""
    columns: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        region = _region_of(report.meta.slug, glossary)
        top = glossary.regions.chain(region.slug)[0] if region else None
        columns[top.name if top else (report.meta.region or "地区不详")].append(report.meta.slug)
    return dict(sorted(columns.items(), key=lambda item: (-len(item[1]), item[0])))


def render_matrix(glossary: Glossary, reports: list[Report]) -> str:
    """An SVG heatmap: the most shared concepts (rows) by top-level region (columns), shaded by the
    share of the region's reports that use the term. Bounded whatever the archive's size: at most
    MATRIX_ROWS rows, and one column per province."""
    columns = _matrix_columns(glossary, reports)
    shared = [t for t in glossary.terms if len(t.occurrences) >= 2]
    shared.sort(key=lambda t: (-len(t.occurrences), -sum(t.occurrences.values()), t.slug))
    shared = shared[:MATRIX_ROWS]
    cell, label_width, header = 28, 150, 150
    width = label_width + cell * len(columns) + 10
    height = header + cell * len(shared) + 10
    font = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{font}" font-size="13" role="img" aria-label="名词与地区对照图">',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for index, (name, slugs) in enumerate(columns.items()):
        x = label_width + cell * index + cell / 2
        parts.append(f'<text transform="translate({x:.0f},{header - 6}) rotate(-60)">'
                     f"{html.escape(name)}（{len(slugs)}）</text>")
    for row, term in enumerate(shared):
        y = header + cell * row
        parts.append(f'<text x="{label_width - 6}" y="{y + cell * 0.68:.0f}" text-anchor="end">{html.escape(term.term)}</text>')
        for index, (name, slugs) in enumerate(columns.items()):
            using = [slug for slug in slugs if slug in term.occurrences]
            times = sum(term.occurrences[slug] for slug in using)
            share = len(using) / len(slugs)
            shade = 0.25 + 0.75 * share if using else 0
            fill = f"rgba(63,81,181,{shade:.2f})" if using else "#f2f2f2"
            x = label_width + cell * index
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" fill="{fill}">'
                f"<title>{html.escape(term.term)} · {html.escape(name)}：{len(using)}/{len(slugs)}份报告，{times}次</title></rect>"
            )
            if using:
                color = "#ffffff" if shade > 0.55 else "#1a1a1a"
                parts.append(f'<text x="{x + cell / 2:.0f}" y="{y + cell * 0.68:.0f}" text-anchor="middle" '
                             f'fill="{color}" font-size="11">{len(using)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
