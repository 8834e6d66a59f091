"""What a reader downloads: a report page loads no search index, and one query loads only the files it needs.

Counted by the server (every response body it sends), in a fresh chromium
profile, on the site built from the repository's reports, whose index is cut
into dozens of gram files and over a hundred text files. The benchmark
measures the same at 200 and 1,000 reports (``make bench``).
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from generator.render.report import page_budget, text_bytes
from generator.site.search import gram_files_for

from .browser import DESKTOP, serve
from .conftest import ALL_SLUGS

REPORT = "reports/yuquan-2023-work-report.html"


def _size(served, prefix: str = "") -> int:
    return sum(size for path, size in served if path.startswith(prefix))


@pytest.fixture(scope="module")
def reading(browser, built_site):
    """Bytes served when the report opens, then when one query runs, and the results shown."""
    served: list[tuple[str, int]] = []
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    with serve(built_site, served) as address:
        page.goto(f"{address}/{REPORT}", wait_until="networkidle")
        opened = list(served)
        served.clear()
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("六个百分百")
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)
        page.wait_for_timeout(500)
        searched = list(served)
        results = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    context.close()
    return opened, searched, results


def test_opening_a_report_loads_no_search_index(reading, built_site):
    opened, _, _ = reading
    paths = [path for path, _ in opened]
    assert f"/{REPORT}" in paths
    assert not [path for path in paths if path.startswith(("/search/g/", "/search/c/"))]
    # Material fetches the manifest: a few hundred bytes, whatever the archive's size.
    assert _size(opened, "/search/") < 1000
    assert _size(opened) < 600_000
    index = sum(p.stat().st_size for p in (built_site / "search").rglob("*.js") if p.parent.name in "gc")
    assert index > 1_000_000  # the index itself is megabytes, and none of it came


def test_one_query_loads_only_what_it_needs(reading, built_site):
    _, searched, results = reading
    assert results and results[0].endswith("concepts/liu-ge-bai-fen-bai.html")
    manifest = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    shards = manifest["config"]["shards"]
    assert shards["grams"] >= 8 and shards["textFiles"] >= 50  # a site cut into many files
    grams = {path for path, _ in searched if path.startswith("/search/g/")}
    assert grams == {f"/search/g/{n}.js" for n in gram_files_for("六个百分百", shards["grams"])}
    texts = [path for path, _ in searched if path.startswith("/search/c/")]
    # The term is in three reports and a concept page: a few text files, not the hundred and more.
    assert 1 <= len(texts) <= 10 < shards["textFiles"]
    total = sum(p.stat().st_size for p in (built_site / "search").rglob("*.js") if p.parent.name in "gc")
    assert _size(searched) < total / 5


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_a_report_page_weighs_at_most_twice_its_text_plus_the_chrome(built_site, reports, slug):
    """Lean markup: term links, ids, the hidden definitions and a sidebar of entry points only."""
    page = (built_site / "reports" / f"{slug}.html").read_bytes()
    assert len(page) <= page_budget(reports[slug]), (
        f"{slug}: {len(page):,} bytes for {text_bytes(reports[slug]):,} bytes of text "
        f"(budget {page_budget(reports[slug]):,})")
    # The sidebar lists the archive's entry points, not its reports.
    primary = BeautifulSoup(page, "html.parser").select_one("nav.md-nav--primary")
    assert [a.get_text(strip=True) for a in primary.select("a.md-nav__link")][:3] == ["首页", "地区", "名词索引"]
    assert not primary.select('a[href*="reports/"]')
