"""Region pages: reports by year, the hierarchy, the concepts used most, and terms year to year."""

from __future__ import annotations

from generator.glossary.annotate import annotate_reports
from generator.glossary.terms import build_glossary
from generator.regions.divisions import divisions
from generator.regions.place import apply_placement, place
from generator.render.home import render_archive
from generator.render.regions import render_region_index, render_region_page, terms_by_report, year_to_year

from .helpers import convert

REPORT = ("玉泉区{year}年政府工作报告\n\n——{year}年1月10日在玉泉区第十八届人民代表大会第{n}次会议上\n\n各位代表：\n\n"
          "一、工作回顾\n\n{body}\n\n名词解释\n\n1.“两闲一空”：指闲置国有资产、闲置土地和空心村。\n\n"
          "2.“三清零”：指研发投入清零。\n\n3.“四个最严”：指最严谨的标准。")


def reports_and_glossary():
    found = []
    for year, n, body in ((2023, "二", "推进“两闲一空”和“三清零”。"), (2024, "三", "推进“两闲一空”和“四个最严”。"),
                          (2025, "四", "推进“四个最严”。<script>alert(1)</script>")):
        report = convert(REPORT.format(year=year, n=n, body=body))
        report.meta.slug = f"yuquan-{year}"
        apply_placement(report, place(report, divisions()), level_given=False)
        found.append(report)
    found.reverse()  # newest first, as the build orders them
    glossary = build_glossary(found, [])
    annotate_reports(found, glossary)
    return found, glossary


def test_terms_that_appear_and_disappear_from_one_year_to_the_next():
    reports, glossary = reports_and_glossary()
    used = terms_by_report(glossary)
    names = {t.slug: t.term for t in glossary.terms}
    pairs = [(before.meta.slug, after.meta.slug, [names[s] for s in new], [names[s] for s in gone])
             for before, after, new, gone in year_to_year(reports, used)]
    assert pairs == [("yuquan-2024", "yuquan-2025", [], ["两闲一空"]),
                     ("yuquan-2023", "yuquan-2024", ["四个最严"], ["三清零"])]


def test_the_region_page():
    reports, glossary = reports_and_glossary()
    tree = glossary.regions
    page = render_region_page(tree.regions["yu-quan-qu"], tree, {r.meta.slug: r for r in reports}, glossary,
                              terms_by_report(glossary))
    assert ('<p class="region-path" data-search-exclude><a href="nei-meng-gu-zi-zhi-qu.html">内蒙古自治区</a> › '
            '<a href="hu-he-hao-te-shi.html">呼和浩特市</a> › <a href="yu-quan-qu.html">玉泉区</a></p>') in page
    assert "县级行政区；行政区划代码 150104；上级：[呼和浩特市](hu-he-hao-te-shi.md)。" in page
    assert page.index("### 2025年") < page.index("### 2024年") < page.index("### 2023年")
    assert "- [玉泉区2024年政府工作报告](../reports/yuquan-2024.md)（政府工作报告，2024年1月10日）" in page
    assert "### 2023年 → 2024年（政府工作报告）\n\n- 新出现：[四个最严](../concepts/si-ge-zui-yan.md)\n- 不再出现：[三清零](../concepts/san-qing-ling.md)" in page
    assert "- [两闲一空](../concepts/liang-xian-yi-kong.md)：2处，2份报告" in page
    city = render_region_page(tree.regions["hu-he-hao-te-shi"], tree, {r.meta.slug: r for r in reports}, glossary, {})
    assert "## 本级报告（0）" in city and "- [玉泉区](yu-quan-qu.md)：3份报告" in city
    index = render_region_index(tree)
    assert "- [内蒙古自治区](nei-meng-gu-zi-zhi-qu.md)（3）\n    - [呼和浩特市](hu-he-hao-te-shi.md)（3）\n        - [玉泉区](yu-quan-qu.md)（3）" in index


def test_the_home_page_data_cannot_end_its_script():
    reports, glossary = reports_and_glossary()
    reports[0].meta.title = "</script><script>alert(1)</script>"
    files = render_archive(reports, glossary.regions)
    page = files["index.md"]
    year = next(path for path in files if path.startswith("archive/"))
    assert "<" not in files[year] and "\\u003c/script\\u003e" in "".join(files.values())
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the HTML row, escaped
    listed = page[page.index('<script type="application/json" id="report-years">'):]
    assert "<" not in listed[len('<script type="application/json" id="report-years">'):listed.index("</script>")]


def test_the_home_page_does_not_grow_with_the_archive():
    """The page lists year files, not reports: 3,000 reports weigh what 30 do, and each year file
    holds its own year's reports, newest first."""
    from types import SimpleNamespace

    def report(number: int):
        year = 2009 + number % 10
        return SimpleNamespace(meta=SimpleNamespace(
            slug=f"r{number}", title=f"第{number}号市{year}年政府工作报告", region=f"第{number}号市", level="地级",
            kind="政府工作报告", date=f"{year}-02-01", year=year))

    small = render_archive([report(n) for n in range(30)], None)
    large = render_archive(sorted((report(n) for n in range(3000)), key=lambda r: r.meta.date, reverse=True), None)
    assert len(large["index.md"].encode()) < len(small["index.md"].encode()) + 2000 < 20_000
    assert sorted(path for path in large if path != "index.md") == [f"archive/{year}.js" for year in range(2009, 2019)]
    data = large["archive/2018.js"]
    assert data.startswith('__archiveData("archive/2018.js",[') and data.count('"y":"2018"') == 300
    assert '"y":"2017"' not in data
    assert '[["archive/2018.js","2018",300],["archive/2017.js","2017",300]' in large["index.md"]


# ------------------------------------------------------------------ concept pages at archive scale


def test_a_common_terms_occurrences_are_paged_and_capped_per_report():
    """250 reports use the term, one of them 12 times: three pages of at most 100 reports, three
    snippets a report and a link to the fourth occurrence, a pager naming the range on every page."""
    from types import SimpleNamespace

    from bs4 import BeautifulSoup

    from generator.glossary.annotate import Occurrence
    from generator.glossary.terms import Term
    from generator.render.concepts import (
        _occurrence_pager,
        _occurrences_html,
        occurrence_page_count,
        render_occurrence_page,
    )

    term = Term(slug="liu-ge-bai-fen-bai", term="六个百分百", summary="扬尘治理要求", definitions=[], editor_written=True)
    counts = {f"r{i:03d}": 12 if i == 0 else 1 for i in range(250)}
    term.occurrences = counts
    reports = {slug: SimpleNamespace(meta=SimpleNamespace(title=f"报告{slug}")) for slug in counts}
    occurrences = {slug: [Occurrence(n, term.slug, slug, f"t-liu-ge-bai-fen-bai-{n}", "六个百分百", "落实", "要求", 1)
                          for n in range(count)] for slug, count in counts.items()}
    assert occurrence_page_count(term) == 3
    first = BeautifulSoup(_occurrences_html(term, reports, occurrences, 1), "html.parser")
    assert len(first.find_all("h3")) == 100 and first.find("h3").get_text() == "报告r000（12处）"
    links = [a["href"] for a in first.find("ol").find_all("a")]
    assert links[:3] == [f"../reports/r000.html#t-liu-ge-bai-fen-bai-{n}" for n in range(3)]
    assert links[3] == "../reports/r000.html#t-liu-ge-bai-fen-bai-3" and "另有9处" in first.find("ol").get_text()
    last = BeautifulSoup(_occurrences_html(term, reports, occurrences, 3), "html.parser")
    assert [h.get_text() for h in last.find_all("h3")] == [f"报告r{i}（1处）" for i in range(200, 250)]
    pager = BeautifulSoup("\n".join(_occurrence_pager(term, 2)), "html.parser")
    assert "本页列出第101–200份" in pager.get_text()
    assert [(a["href"], a.get("aria-current")) for a in pager.find_all("a")] == [
        ("liu-ge-bai-fen-bai.html", None), ("liu-ge-bai-fen-bai--2.html", "page"), ("liu-ge-bai-fen-bai--3.html", None)]
    page = render_occurrence_page(term, reports, occurrences, 2)
    assert page.startswith("---\ntitle: 六个百分百：出现位置（第2页）\nsearch:\n  exclude: true\n---")
    assert "(liu-ge-bai-fen-bai.md)" in page
    single = Term(slug="x", term="某词", summary="", definitions=[], editor_written=True)
    single.occurrences = {"r01": 1}
    assert occurrence_page_count(single) == 1 and _occurrence_pager(single, 1) == []
