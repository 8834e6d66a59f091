"""Targets and results on the archive pages: a region's tables and charts, and 主要指标.

A region page gets a table per indicator (year, target, outcome, met or not), each cell a
link to the phrase in its report, and a small SVG chart where three years or more have
figures. 主要指标 (``targets.md``) shows the targets of a chosen year across regions; each
year's rows are a script of their own (``targets/<year>.js``), loaded by ``targets.js``
only when the year is chosen, so the page stays small as the archive grows.
"""

from __future__ import annotations

import html
import json

from ..regions.tree import RegionTree
from ..targets.archive import MET_LABEL, FigureIndex, Placed, Year, met, shown
from ..targets.extract import TARGET
from ..targets.vocabulary import OTHER

TARGETS_PAGE = "targets.md"
TARGETS_DIR = "targets"  # the year files, under docs/
CHART_FROM = 3  # years with figures before a chart is drawn


def _link(placed: Placed, prefix: str) -> str:
    return (f'<a href="{prefix}reports/{placed.report}.html#{placed.figure.anchor}" '
            f'title="{html.escape(placed.figure.text, quote=True)}">{html.escape(shown(placed.figure))}</a>')


def region_tables(index: FigureIndex, meta) -> list[str]:
    """The region page's section 主要指标: one table per indicator with figures."""
    names = {indicator.id: indicator for indicator in index.vocabulary.indicators}
    out: list[str] = []
    for ident, indicator in names.items():
        years = index.years(meta, ident)
        if not years:
            continue
        rows = []
        for year in sorted(years):
            entry = years[year]
            verdict = MET_LABEL[met(entry.target.figure, entry.result.figure)] if entry.target and entry.result else ""
            rows.append(f"<tr><th scope=\"row\">{year}</th><td>{_link(entry.target, '../') if entry.target else '—'}</td>"
                        f"<td>{_link(entry.result, '../') if entry.result else '—'}</td><td>{verdict or '—'}</td></tr>")
        table = (f'<div class="figure-table" data-indicator="{ident}"><table><caption>{html.escape(indicator.name)}'
                 f'（{html.escape(indicator.unit)}）</caption><thead><tr><th scope="col">年份</th><th scope="col">目标</th>'
                 f'<th scope="col">实际</th><th scope="col">是否完成</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
                 f'{chart(indicator.name, years)}</div>')
        out += [table, ""]
    if not out:
        return []
    return ["## 主要指标", "", "本地区报告提出的年度目标和次年报告中的实绩。“完成目标”指实绩不低于目标（失业率、物价、能耗等为不高于）；"
            "点击数值可跳到报告原文。全部地区的目标见[主要指标](../targets.md)。", ""] + out


def chart(name: str, years: dict[int, Year]) -> str:
    """A small line chart: targets dashed, outcomes solid; only where CHART_FROM years have numbers."""
    points = {kind: [(year, getattr(entry, kind).figure.value) for year, entry in sorted(years.items())
                     if getattr(entry, kind) is not None and getattr(entry, kind).figure.value is not None]
              for kind in ("target", "result")}
    numbered = {year for series in points.values() for year, _ in series}
    if len(numbered) < CHART_FROM:
        return ""
    width, height, pad = 320, 140, 28
    first, last = min(numbered), max(numbered)
    values = [value for series in points.values() for _, value in series]
    low, high = min(values + [0]), max(values)
    span = (high - low) or 1

    def x(year: int) -> float:
        return pad + (width - 2 * pad) * ((year - first) / ((last - first) or 1))

    def y(value: float) -> float:
        return height - pad - (height - 2 * pad) * ((value - low) / span)

    parts = [f'<svg class="figure-chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{html.escape(name)}：目标（虚线）与实际（实线），{first}—{last}年">']
    parts.append(f'<line x1="{pad}" y1="{y(low):.1f}" x2="{width - pad}" y2="{y(low):.1f}" class="axis"/>')
    for kind, style in (("target", ' stroke-dasharray="4 3"'), ("result", "")):
        series = points[kind]
        if series:
            path = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in series)
            parts.append(f'<polyline class="{kind}" fill="none" points="{path}"{style}/>')
            for year, value in series:
                parts.append(f'<circle class="{kind}" cx="{x(year):.1f}" cy="{y(value):.1f}" r="3">'
                             f'<title>{year}年{"目标" if kind == "target" else "实际"} {value:g}</title></circle>')
    for year in sorted(numbered):
        parts.append(f'<text x="{x(year):.1f}" y="{height - 8}" text-anchor="middle">{year}</text>')
    parts.append(f'<text x="4" y="{y(high) + 4:.1f}">{high:g}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------- 主要指标


def _province(tree: RegionTree | None, slug: str) -> str:
    if tree is None:
        return ""
    region = tree.of_report.get(slug)
    chain = tree.chain(region) if region else []
    return chain[0].name if chain else ""


def targets_pages(index: FigureIndex, tree: RegionTree | None) -> dict[str, str]:
    """主要指标 and its year files, by path under docs/."""
    columns = [indicator for indicator in index.vocabulary.indicators]
    rows: dict[int, dict[str, dict]] = {}
    for placed in index.placed:
        figure = placed.figure
        if figure.kind != TARGET or figure.year is None or figure.indicator == OTHER:
            continue
        row = rows.setdefault(figure.year, {}).setdefault(placed.report, {
            "s": placed.report, "r": placed.region, "c": placed.region_code, "l": placed.level,
            "p": _province(tree, placed.report), "t": {}})
        row["t"].setdefault(figure.indicator, [figure.value, figure.value_high, figure.unit, figure.modifier,
                                               figure.anchor, shown(figure)])
    pages: dict[str, str] = {}
    years = []
    for year in sorted(rows, reverse=True):
        path = f"{TARGETS_DIR}/{year}.js"
        records = sorted(rows[year].values(), key=lambda r: (r["c"] or "999999", r["r"]))
        pages[path] = f"__targetsData({year},{_json(records)});\n"
        years.append([path, year, len(records)])
    used = [c for c in columns if any(c.id in row["t"] for by_year in rows.values() for row in by_year.values())]
    header = [[c.id, c.name, c.unit] for c in used]
    browser = (
        '<div id="targets-browser" class="targets-browser" data-search-exclude>'
        '<div class="targets-controls">'
        '<label>年份 <select class="targets-year"></select></label>'
        '<label>级别 <select class="targets-level"><option value="">全部</option>'
        '<option>省级</option><option>地级</option><option>县级</option></select></label>'
        '<label>省份 <select class="targets-province"><option value="">全部</option></select></label>'
        '</div>'
        '<p class="targets-status" role="status" aria-live="polite">'
        + ("需要启用 JavaScript 才能查看和排序各地目标；也可以下载 targets.csv。" if years else "本站报告中尚无可比较的年度目标。")
        + '</p>'
        '<div class="targets-scroll"><table class="targets-table"><thead></thead><tbody></tbody></table></div>'
        f'<script type="application/json" class="targets-years">{_json(years)}</script>'
        f'<script type="application/json" class="targets-columns">{_json(header)}</script>'
        '</div>'
    )
    pages[TARGETS_PAGE] = "\n".join([
        "---", "title: 主要指标", "---", "", "# 主要指标", "",
        "各地政府工作报告提出的年度主要预期目标：选择年份，按级别和省份筛选，点击表头排序。"
        "数值可跳到报告原文；各地区历年目标与实绩的对照见该地区页面。"
        "全部目标和实绩可以下载：[targets.csv](targets.csv)（Excel 可直接打开）、[targets.json](targets.json)"
        "（结构见 [targets.schema.json](targets.schema.json)）。", "",
        browser, "",
    ]) + "\n"
    return pages


def _json(data: object) -> str:
    """JSON safe inside a script element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
