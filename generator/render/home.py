"""The home page: a report list that filters as you type, with facets, however large the archive.

The page itself does not grow with the archive: it holds the facets with
their counts, the newest reports as HTML (so it reads without scripts) and the
list of year files. Each year's reports are a small script of their own
(``archive/<year>.js``: title, region and its parents, level, kind, date),
which ``archive.js`` loads only when a reader filters or pages: the years
checked, or every year once the text box or another facet is used. Scripts,
not fetches, so the list works from disk as well as from a server; and an
added report changes its year's file, not the others.
"""

from __future__ import annotations

import html
import json
from collections import Counter

from ..model import Report
from ..regions.tree import RegionTree
from .regions import REGIONS_DIR
from .report import display_date, escape_text

PAGE_SIZE = 20  # reports per page of the list
LEVELS = ("省级", "地级", "县级")
ARCHIVE_DIR = "archive"  # the year files, under docs/
NO_YEAR = "unknown"  # the file of reports whose year is not known


def _year(report: Report) -> str:
    meta = report.meta
    return meta.date[:4] if meta.date[:4].isdigit() else (str(meta.year) if meta.year else "")


def report_records(reports: list[Report], tree: RegionTree | None) -> list[dict]:
    """What the list needs of each report, newest first; short keys keep the page light at 1,000 reports."""
    records = []
    for report in reports:
        meta = report.meta
        region = tree.of_report.get(meta.slug) if tree else None
        chain = tree.chain(region) if region else []
        record = {"s": meta.slug, "t": meta.title, "r": meta.region, "l": meta.level, "y": _year(report),
                  "k": meta.kind, "d": display_date(meta.date) if meta.date else ""}
        if chain:
            record["g"] = region
            record["p"] = " ".join(r.name for r in chain[:-1])
        records.append(record)
    return records


def _json_for_script(data: object) -> str:
    """JSON that cannot end its <script> element or open a comment: every < is escaped."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")


def _row(record: dict) -> str:
    e = html.escape
    region = e(record["r"])
    if record.get("g"):
        region = f'<a href="{REGIONS_DIR}/{e(record["g"])}.html">{region}</a>'
    details = " · ".join(e(part) for part in (record["l"], record["k"], record["d"]) if part)
    return (f'<li><a class="report-title" href="reports/{e(record["s"])}.html">{e(record["t"])}</a>'
            f'<span class="report-meta">{region}{" · " + details if details else ""}</span></li>')


def _facet(name: str, legend: str, values: list[tuple[str, int]]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{html.escape(value)}"> {html.escape(value)}'
        f'<span class="facet-count">（{count}）</span></label>'
        for value, count in values
    )
    return f'<fieldset class="report-facet" data-facet="{name}"><legend>{legend}</legend>{boxes}</fieldset>'


def year_files(records: list[dict]) -> dict[str, list[dict]]:
    """The records of each year file (path under docs/), newest year first, each newest first."""
    files: dict[str, list[dict]] = {}
    for record in records:
        files.setdefault(f"{ARCHIVE_DIR}/{record['y'] or NO_YEAR}.js", []).append(record)
    return files


def year_script(name: str, records: list[dict]) -> str:
    """One year file: a script that hands its records to archive.js (``__archiveData``)."""
    return f"__archiveData({_json_for_script(name)},{_json_for_script(records)});\n"


def render_archive(reports: list[Report], tree: RegionTree | None) -> dict[str, str]:
    """The home page and the year files, by path under docs/."""
    records = report_records(reports, tree)
    files = year_files(records)
    pages = {path: year_script(path, chunk) for path, chunk in files.items()}
    pages["index.md"] = render_home(records, tree, {path: len(chunk) for path, chunk in files.items()})
    return pages


def render_home(records: list[dict], tree: RegionTree | None, files: dict[str, int]) -> str:
    """The home page, from the records (newest first) and the year files with their counts."""
    years = Counter(r["y"] for r in records if r["y"])
    levels = Counter(r["l"] for r in records if r["l"])
    kinds = Counter(r["k"] for r in records if r["k"])
    facets = "".join([
        _facet("y", "年份", sorted(years.items(), key=lambda item: item[0], reverse=True)),
        _facet("l", "级别", sorted(levels.items(), key=lambda item: (LEVELS.index(item[0]) if item[0] in LEVELS else 9, item[0]))),
        _facet("k", "类型", sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
    ])
    shown = records[:PAGE_SIZE]
    status = f"共{len(records)}份报告" + (f"，以下是最新的{len(shown)}份" if len(records) > len(shown) else "")
    # [path, year, count] per year file, newest first: archive.js loads the ones a filter needs.
    year_list = [[path, path.removeprefix(f"{ARCHIVE_DIR}/").removesuffix(".js").replace(NO_YEAR, ""), count]
                 for path, count in files.items()]
    browser = (
        f'<div id="report-browser" class="report-browser" data-page-size="{PAGE_SIZE}" data-total="{len(records)}" '
        'data-search-exclude>'
        '<label class="report-filter-label" for="report-filter">筛选报告</label>'
        '<input type="search" id="report-filter" class="report-filter" placeholder="输入标题或地区，如 玉泉区、广东、2026" '
        'autocomplete="off" aria-controls="report-list" aria-describedby="report-status">'
        f'<div class="report-facets">{facets}</div>'
        f'<p id="report-status" class="report-status" role="status" aria-live="polite">{status}</p>'
        f'<ol id="report-list" class="report-list">{"".join(_row(r) for r in shown)}</ol>'
        '<nav class="report-pager" aria-label="报告列表分页" hidden></nav>'
        f'<script type="application/json" id="report-years">{_json_for_script(year_list)}</script>'
        "</div>"
    )
    out = [
        "---", "title: 首页", "---", "", "# 地方政府报告注释本", "",
        "本站收录地方政府工作报告和五年规划纲要的规范文本：修复了原始转换造成的断句、错位标题和格式残留，"
        "保留报告原文的全部内容和层级结构。报告中的政策用语标有虚线，鼠标悬停、键盘聚焦或轻触即可看到解释；"
        "[名词索引](concepts/index.md)汇总全部名词及其出处，[地区](regions/index.md)按省、市、县浏览。", "",
        browser, "",
    ]
    if tree is not None and tree.regions:
        roots = sorted(tree.roots(), key=lambda r: (-r.report_count, r.code or "999999"))
        links = "、".join(f"[{escape_text(r.name)}]({REGIONS_DIR}/{r.slug}.md)（{r.report_count}）" for r in roots)
        out += ["## 按地区浏览", "", links, "", f"[全部地区]({REGIONS_DIR}/index.md)", ""]
    out += [
        "## 离线阅读", "",
        "本站可以完整地离线使用：下载离线包（`annotated-reports-offline.zip`），解压到任意文件夹，"
        "用浏览器打开其中的 `index.html` 即可。离线时导航、名词解释和搜索都能正常使用，不需要联网，"
        "也不会向外部网站发出任何请求。",
    ]
    return "\n".join(out) + "\n"
