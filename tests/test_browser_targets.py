"""Targets and results as a reader meets them, on desktop and phone, over http and from disk:
a target's note gives the region's target and outcome of the year before (fixture reports of
北京市 for 2024 and 2025 beside the real 2026 report), the region page's table and chart, and
the 主要指标 page filtered and sorted."""

from __future__ import annotations

import re
import shutil

import pytest

from .browser import page, screenshot, serve  # noqa: F401 (page: desktop and phone)
from .conftest import ROOT, mkdocs_build, project_copy


# Two short reports of the same region in the years before the seed (fixtures, not published reports).
FIXTURES = {
    "beijing-2024-fixture": ("北京市2024年政府工作报告", "2024-01-21", """北京市2024年政府工作报告
各位代表：
一、2023年工作回顾
过去一年，全市地区生产总值增长5.2%，一般公共预算收入增长8.2%，城镇调查失业率4.4%。
二、2024年工作安排
今年经济社会发展主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长5%，城镇调查失业率控制在5%以内。
"""),
    "beijing-2025-fixture": ("北京市2025年政府工作报告", "2025-01-14", """北京市2025年政府工作报告
各位代表：
一、2024年工作回顾
过去一年，全市地区生产总值增长5.2%，一般公共预算收入增长5%，城镇调查失业率4.2%。
二、2025年工作安排
今年经济社会发展主要预期目标是：地区生产总值增长5%左右，一般公共预算收入增长4%左右，城镇调查失业率控制在5%以内。
"""),
}
# The 2026 report of 天津市 (fixture), so that 主要指标 has two provinces to filter and sort.
TIANJIN = ("天津市2026年政府工作报告", "2026-01-20", """天津市2026年政府工作报告
各位代表：
一、2025年工作回顾
过去一年，全市地区生产总值增长5%。
二、2026年工作安排
今年经济社会发展主要预期目标是：地区生产总值增长4.5%左右，一般公共预算收入增长2%。
""")


@pytest.fixture(scope="module")
def figures_site(tmp_path_factory):
    work = project_copy(tmp_path_factory.mktemp("figures"))
    seeds = work / "seeds"
    shutil.rmtree(seeds)
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / "beijing-2026-work-report.txt", seeds)
    entries = ["reports:", "  - slug: beijing-2026-work-report", "    source_file: beijing-2026-work-report.txt",
               "    title: 北京市2026年政府工作报告", "    region: 北京市", "    level: 省级", "    kind: 政府工作报告",
               "    date: 2026-01-25"]
    for slug, (title, date, text) in {**FIXTURES, "tianjin-2026-fixture": TIANJIN}.items():
        (seeds / f"{slug}.txt").write_text(text, encoding="utf-8")
        region = title[:3]
        entries += [f"  - slug: {slug}", f"    source_file: {slug}.txt", f"    title: {title}", f"    region: {region}",
                    "    level: 省级", "    kind: 政府工作报告", f"    date: {date}"]
    (seeds / "manifest.yml").write_text("\n".join(entries) + "\n", encoding="utf-8")
    for folder in ("notes", "terms"):  # the seeds' annotations name reports this project does not have
        shutil.rmtree(work / "annotations" / folder, ignore_errors=True)
    (work / "annotations" / "dismissed.yml").unlink(missing_ok=True)
    result = mkdocs_build(work)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


@pytest.fixture(params=["http", "file"])
def site_url(request, figures_site):
    if request.param == "file":
        yield figures_site.resolve().as_uri()
    else:
        with serve(figures_site) as address:
            yield address


def _phrase(page, text: str):
    return page.locator("span.figure", has_text=text).first


def test_a_targets_note_gives_last_years_target_and_outcome(page, site_url):
    page.goto(site_url + "/reports/beijing-2026-work-report.html")
    target = _phrase(page, "地区生产总值增长5%左右")
    expected = "地区生产总值增长：2026年目标 5%左右；2025年目标 5%左右 · 实际 5.4% · 完成目标"
    # Its note is in the page once (Material's tooltip takes over aria-describedby once mounted).
    assert page.locator(f"#{target.get_attribute('id')}-note").text_content() == expected
    if page.size_name == "phone":
        target.tap()
        panel = page.locator(".term-panel--figure")
        assert panel.is_visible()
        assert expected in panel.inner_text()
        page.locator(".term-panel__close").click()
        assert page.locator(".term-panel").count() == 0
    else:
        target.hover()
        tooltip = page.locator(".md-tooltip2").filter(has_text="2025年目标").first
        tooltip.wait_for(state="visible")
        assert expected in tooltip.inner_text()
        page.mouse.move(0, 0)
        target.focus()  # the keyboard reaches it too; Enter opens the note in place
        page.keyboard.press("Enter")
        assert expected in page.locator(".term-panel--figure").inner_text()
    result = _phrase(page, "地区生产总值5.2万亿元、增长5.4%")
    note = page.locator(f"#{result.get_attribute('id')}-note").text_content()
    assert note == "地区生产总值增长：2025年实绩 5.4%；2025年目标 5%左右 · 完成目标"
    screenshot(page, f"figure-note-{page.size_name}")


def test_a_region_page_shows_each_indicators_years(page, site_url):
    page.goto(site_url + "/regions/index.html")
    page.locator("article a", has_text="北京市").first.click()
    # The click starts a navigation; reading rows before the new page loads would read none.
    page.wait_for_url(re.compile(r"regions/bei-jing-shi\.html$"))
    table = page.locator('.figure-table[data-indicator="gdp_growth"]')
    rows = table.locator("tbody tr").all_inner_texts()
    assert [" ".join(row.split()) for row in rows] == [
        "2023 — 5.2% —", "2024 5%左右 5.2% 完成目标", "2025 5%左右 5.4% 完成目标", "2026 5%左右 — —"]
    assert table.locator("svg.figure-chart").count() == 1
    assert table.locator("svg circle.result").count() == 3
    unemployment = page.locator('.figure-table[data-indicator="unemployment_rate"] tbody tr').all_inner_texts()
    assert " ".join(unemployment[1].split()) == "2024 5%以内 4.2% 完成目标"
    table.locator("tbody tr").nth(2).locator("a").first.click()  # the 2025 target, in its report
    page.wait_for_url(re.compile(r"beijing-2025-fixture\.html#fig-4$"))
    screenshot(page, f"region-figures-{page.size_name}")


def test_the_targets_page_filters_and_sorts(page, site_url):
    page.goto(site_url + "/targets.html")
    browser = page.locator("#targets-browser")
    page.wait_for_function("!document.getElementById('targets-browser').hasAttribute('aria-busy')")
    assert browser.locator(".targets-year option").all_inner_texts() == ["2026年（2个地区）", "2025年（1个地区）", "2024年（1个地区）"]

    def regions():
        return browser.locator("tbody th").all_inner_texts()

    assert regions() == ["北京市", "天津市"]
    header = browser.locator("thead th", has_text="地区生产总值增长")
    header.locator("button").click()  # numbers sort highest first
    assert regions() == ["北京市", "天津市"] and header.get_attribute("aria-sort") == "descending"
    header.locator("button").click()
    assert regions() == ["天津市", "北京市"] and header.get_attribute("aria-sort") == "ascending"
    browser.locator(".targets-province").select_option("天津市")
    assert regions() == ["天津市"]
    assert "1个地区（共2个）" in browser.locator(".targets-status").inner_text()
    browser.locator(".targets-province").select_option("")
    browser.locator(".targets-level").select_option("县级")
    assert regions() == []
    browser.locator(".targets-level").select_option("")
    browser.locator(".targets-year").select_option("2024")
    page.wait_for_function("!document.getElementById('targets-browser').hasAttribute('aria-busy')")
    assert regions() == ["北京市"]
    cell = browser.locator("tbody td a").first
    assert cell.inner_text() == "5%左右"
    if page.size_name == "phone":  # the table scrolls inside its box; the page itself does not
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, f"targets-page-{page.size_name}")
