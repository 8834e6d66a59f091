"""The archive as a reader browses it: the home page's filter and facets, region pages up and down
the hierarchy, a concept defined by two regions; on desktop and phone, over http and from disk, built
by MkDocs + Material and by Zensical (``engine``)."""

from __future__ import annotations

import re

import pytest

from .browser import engine_site, page, screenshot  # noqa: F401 (page: desktop and phone; engine_site: a fixture)



@pytest.fixture(params=["http", "file"])
def site_url(request, engine_site, engine_build) -> str:
    return engine_site if request.param == "http" else engine_build.resolve().as_uri()


def _titles(page) -> list[str]:
    # A filter may first load year files (archive/<year>.js): the list is busy until they arrive.
    page.wait_for_function("!document.getElementById('report-browser').hasAttribute('aria-busy')")
    return page.locator("#report-list .report-title").all_inner_texts()


def _facet(page, facet: str, value: str):
    return page.locator(f'.report-facet[data-facet="{facet}"] label').filter(has=page.locator(f'input[value="{value}"]'))


def test_the_filter_box_narrows_the_list_as_you_type(page, site_url):
    page.goto(site_url + "/index.html")
    box = page.locator("article input[type=search]").first
    assert box.get_attribute("id") == "report-filter"
    assert len(_titles(page)) == 10
    box.fill("玉泉")
    assert sorted(_titles(page)) == ["玉泉区2023年政府工作报告", "玉泉区“十五五”规划纲要"]
    assert page.locator("#report-status").inner_text() == "共2份报告"
    box.fill("内蒙古 2022")  # region above the report, and a year: every word must match
    assert sorted(_titles(page)) == ["呼和浩特市2022年政府工作报告", "回民区2022年政府工作报告"]
    box.fill("火星")
    assert _titles(page) == [] and page.locator("#report-status").inner_text() == "没有符合条件的报告"
    box.fill("")
    assert len(_titles(page)) == 10
    screenshot(page, f"home-filter-{page.size_name}")


def test_facets_filter_and_count(page, site_url):
    page.goto(site_url + "/index.html")
    assert re.sub(r"\s", "", _facet(page, "y", "2026").inner_text()) == "2026（6）"
    years = page.locator('.report-facet[data-facet="y"] input').evaluate_all("boxes => boxes.map(b => b.value)")
    assert years == ["2026", "2024", "2023", "2022"]  # newest first
    _facet(page, "l", "县级").click()
    assert len(_titles(page)) == 4
    # Counts follow the other filters: among 县级 reports, one is of 2026.
    assert _facet(page, "y", "2026").locator(".facet-count").inner_text() == "（1）"
    _facet(page, "y", "2022").click()
    assert _titles(page) == ["回民区2022年政府工作报告"]
    _facet(page, "y", "2026").click()  # two years: either
    assert _titles(page) == ["玉泉区“十五五”规划纲要", "回民区2022年政府工作报告"]
    _facet(page, "k", "五年规划纲要").click()
    assert _titles(page) == ["玉泉区“十五五”规划纲要"]
    page.locator("#report-filter").fill("回民")
    assert _titles(page) == []
    screenshot(page, f"home-facets-{page.size_name}")


def _year_files_loaded(page) -> list[str]:
    return sorted(name.rsplit("/", 1)[-1] for name in page.evaluate(
        "() => Array.from(document.querySelectorAll('script[src*=\"archive/\"]'), s => s.src)"))


def test_year_files_load_only_when_a_filter_needs_them(page, site_url):
    page.goto(site_url + "/index.html")
    assert len(_titles(page)) == 10 and _year_files_loaded(page) == []  # the page as written
    _facet(page, "y", "2022").click()
    assert sorted(_titles(page)) == ["呼和浩特市2022年政府工作报告", "回民区2022年政府工作报告"]
    assert _year_files_loaded(page) == ["2022.js"]  # only the year checked
    # Years not loaded still count their reports: checking one would show that many.
    assert _facet(page, "y", "2026").locator(".facet-count").inner_text() == "（6）"
    _facet(page, "l", "县级").click()  # another facet: its counts need every year
    assert _titles(page) == ["回民区2022年政府工作报告"]
    assert _year_files_loaded(page) == ["2022.js", "2023.js", "2024.js", "2026.js"]


def test_the_list_is_paged_and_links_to_reports_and_regions(page, site_url):
    page.goto(site_url + "/index.html")
    row = page.locator("#report-list li").filter(has_text="石拐区2024年政府工作报告")
    assert row.locator("a.report-title").get_attribute("href") == "reports/shiguai-2024-work-report.html"
    assert row.locator(".report-meta a").get_attribute("href") == "regions/shi-guai-qu.html"
    assert page.locator(".report-pager").is_hidden()  # ten reports: one page
    # A longer list is paged: shrink the page size the script reads, as a large archive would need.
    page.evaluate("""() => {
        const root = document.getElementById('report-browser');
        root.setAttribute('data-page-size', '4');
        const copy = root.cloneNode(true);
        root.replaceWith(copy);
        const script = document.createElement('script');
        script.src = document.querySelector('script[src*="archive.js"]').src;
        document.body.appendChild(script);
    }""")
    # The pager pages the whole archive before any year file has loaded; a click loads them.
    page.locator(".report-pager button", has_text="下一页").wait_for(state="visible")
    assert page.locator(".report-pager button").all_inner_texts() == ["上一页", "1", "2", "3", "下一页"]
    page.locator(".report-pager button", has_text="下一页").click()
    assert len(_titles(page)) == 4
    assert page.locator("#report-status").inner_text() == "共10份报告，第5–8份"
    page.locator(".report-pager button", has_text="3").click()
    assert len(_titles(page)) == 2 and page.locator(".report-pager button", has_text="下一页").is_disabled()


def test_region_pages_link_up_and_down_the_hierarchy(page, site_url):
    page.goto(site_url + "/reports/yuquan-2023-work-report.html")
    region_line = page.locator(".report-region")
    assert region_line.inner_text() == "地区：内蒙古自治区 › 呼和浩特市 › 玉泉区"
    region_line.locator("a", has_text="玉泉区").click()
    page.wait_for_url(re.compile(r"regions/yu-quan-qu\.html$"))
    assert page.locator("article h1").inner_text().strip().rstrip("¶") == "玉泉区"
    assert "行政区划代码 150104" in page.locator(".region-facts").inner_text()
    reports = page.locator("article li a[href*='../reports/']").all_inner_texts()
    assert sorted(reports) == ["玉泉区2023年政府工作报告", "玉泉区“十五五”规划纲要"]
    page.locator(".region-facts a", has_text="呼和浩特市").click()  # up
    page.wait_for_url(re.compile(r"regions/hu-he-hao-te-shi\.html$"))
    children = page.locator("article h2:has-text('下辖地区') + ul a").all_inner_texts()
    assert children == ["回民区", "玉泉区"]
    page.locator(".region-path a", has_text="内蒙古自治区").click()  # up again
    page.wait_for_url(re.compile(r"regions/nei-meng-gu-zi-zhi-qu\.html$"))
    assert page.locator("article h2:has-text('下辖地区') + ul a").all_inner_texts() == ["呼和浩特市", "包头市"]
    page.locator("article h2:has-text('下辖地区') + ul a", has_text="包头市").click()  # down
    page.locator("article h2:has-text('下辖地区') + ul a", has_text="石拐区").click()
    page.wait_for_url(re.compile(r"regions/shi-guai-qu\.html$"))
    page.locator("article a", has_text="石拐区2024年政府工作报告").click()
    page.wait_for_url(re.compile(r"reports/shiguai-2024-work-report\.html$"))
    screenshot(page, f"region-walk-{page.size_name}")


def test_a_concept_page_shows_two_regions_definitions_side_by_side(page, site_url):
    page.goto(site_url + "/concepts/shuang-gao-ji-hua.html")
    cards = page.locator(".definition-compare .definition")
    assert cards.count() == 2
    regions = cards.locator("h3").all_inner_texts()
    assert sorted(regions) == ["四川省", "广东省"]
    guangdong = cards.filter(has_text="广东省")
    assert "教育部和财政部联合实施" in guangdong.locator("p").inner_text()
    assert guangdong.locator("cite a").get_attribute("href") == "../reports/guangdong-2026-work-report.html#gloss-2"
    if page.size_name == "desktop":  # side by side: the two cards share a row
        boxes = [cards.nth(i).bounding_box() for i in range(2)]
        assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[0]["x"] != boxes[1]["x"]
    else:  # stacked on a phone, each the full width
        boxes = [cards.nth(i).bounding_box() for i in range(2)]
        assert boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"] - 1
    usage = page.locator("h2:has-text('使用情况')")
    assert usage.count() == 1
    assert "最早使用本词的报告" in page.locator("article").inner_text()
    screenshot(page, f"concept-two-definitions-{page.size_name}")
