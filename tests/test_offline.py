"""Offline bundle and hosted build: zero external requests, verified in a real browser over file://."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from generator.site.bundle import BUNDLE_NAME, make_bundle

from .browser import DESKTOP, PHONE, screenshot
from .conftest import ROOT

# Attributes through which HTML makes the browser fetch something.
_FETCHING = {
    "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
    "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"], "input": ["src"],
}
_FETCHING_LINKS = {"stylesheet", "preconnect", "dns-prefetch", "preload", "prefetch", "icon", "manifest", "modulepreload"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")
_JS_LOAD = re.compile(r"""(?:importScripts|fetch|new\s+Worker|\.src\s*=)\s*\(?\s*["'](https?:)?//""")


def _external(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.scheme in ("http", "https") or url.strip().startswith("//"))


def external_references(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for tag, attributes in _FETCHING.items():
                for element in page.find_all(tag):
                    for attribute in attributes:
                        for value in (element.get(attribute) or "").split(","):
                            if value and _external(value.split()[0]):
                                found.append(f"{path.relative_to(site)}: <{tag} {attribute}={value}>")
            for link in page.find_all("link"):
                if _FETCHING_LINKS & set(link.get("rel", [])) and _external(link.get("href", "")):
                    found.append(f"{path.relative_to(site)}: <link href={link['href']}>")
            for style in page.find_all("style"):
                found += [f"{path.relative_to(site)}: {u}" for m in _CSS_URL.finditer(style.get_text()) for u in m.groups() if u and _external(u)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {u}" for m in _CSS_URL.finditer(text) for u in m.groups() if u and _external(u)]
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {m.group()}" for m in _JS_LOAD.finditer(text)]
    return found


def test_no_built_file_fetches_anything_from_outside_the_site(built_site):
    assert external_references(built_site) == []


def test_the_scan_would_catch_an_external_reference(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css"><img src="//x.org/i.png">')
    (tmp_path / "b.css").write_text("@import 'https://cdn.example/x.css'; body{background:url(http://x.org/a.png)}")
    (tmp_path / "c.js").write_text('importScripts("https://unpkg.com/x")')
    assert len(external_references(tmp_path)) == 5


def test_hosted_build_has_canonical_links_sitemap_and_a_chinese_404(built_site):
    page = BeautifulSoup((built_site / "reports/shiguai-2024-work-report.html").read_text(encoding="utf-8"), "html.parser")
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical.endswith("/reports/shiguai-2024-work-report.html")
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "reports/shiguai-2024-work-report.html" in sitemap and "concepts/liang-xian-yi-kong.html" in sitemap
    missing = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert missing.find("h1").get_text() == "404：页面不存在"
    assert "返回首页" in missing.get_text()


def test_workflows_call_the_same_make_targets():
    check = (ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    deploy = (ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    assert "pull_request" in check and re.search(r"run: bash \.ci/run", check)
    assert "branches: [main]" in deploy and "make site" in deploy and "make offline" in deploy
    assert "actions/deploy-pages" in deploy


@pytest.fixture(scope="module")
def bundle(built_site, tmp_path_factory) -> Path:
    """The offline zip, made as `make offline` makes it, unzipped into a fresh folder."""
    archive = make_bundle(built_site, tmp_path_factory.mktemp("dist"))
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert all(name.isascii() for name in names)
        assert {name.split("/")[0] for name in names} == {BUNDLE_NAME}
        opened.extractall(target)
    return target / BUNDLE_NAME


def test_bundle_home_page_says_how_to_read_offline(bundle):
    home = BeautifulSoup((bundle / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = home.select_one("article").get_text()
    assert "离线阅读" in text and "解压" in text and "index.html" in text


class OfflineBrowser:
    """A page on the unzipped bundle with every non-file: request blocked and recorded."""

    def __init__(self, browser, root: Path, options: dict):
        self.context = browser.new_context(**options)
        self.external: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.root = root

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def open(self, path: str):
        self.page.goto((self.root / path).as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture(params=["desktop", "phone"])
def offline(request, browser, bundle):
    reader = OfflineBrowser(browser, bundle, DESKTOP if request.param == "desktop" else PHONE)
    reader.size = request.param
    yield reader
    assert reader.external == [], "requests left the site"
    assert reader.errors == [], "console errors"
    reader.close()


def test_pages_and_navigation(offline):
    page = offline.open("index.html")
    screenshot(page, f"offline-{offline.size}-home")
    link = page.locator('article a[href="reports/shiguai-2024-work-report.html"]')
    link.click()
    page.wait_for_url(re.compile(r"reports/shiguai-2024-work-report\.html$"))
    assert page.locator("article h1").inner_text().startswith("石拐区2024年政府工作报告")
    screenshot(page, f"offline-{offline.size}-report")
    page = offline.open("concepts/liu-ge-bai-fen-bai.html")
    assert "六个百分百" in page.locator("article h1").inner_text()
    screenshot(page, f"offline-{offline.size}-concept")


def explanation_shown(page, size: str) -> str:
    """Hover (desktop) or tap (phone) the report's 两闲一空 and return the explanation that opens."""
    term = page.locator('a.term[href$="/concepts/liang-xian-yi-kong.html"]').first
    term.scroll_into_view_if_needed()
    if size == "desktop":
        term.hover()
        shown = page.locator(".md-tooltip2--active .md-tooltip2__inner").first
    else:
        term.tap()
        shown = page.locator(".term-panel")
    shown.wait_for(state="visible", timeout=5000)
    return shown.inner_text()


def test_explanations_on_hover_or_tap(offline):
    page = offline.open("reports/shiguai-2024-work-report.html")
    assert "闲置国有资产" in explanation_shown(page, offline.size)
    page.wait_for_timeout(400)
    screenshot(page, f"offline-{offline.size}-explanation")


def test_search_works_from_disk(offline):
    page = offline.open("index.html")
    if offline.size == "phone":
        page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("六个百分百")
    box.press("End")  # a key release, as an input method's commit gives: Material reads the query on keyup
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)
    first = page.locator(".md-search-result__item > a").first.get_attribute("href")
    assert first.endswith("concepts/liu-ge-bai-fen-bai.html")
    assert re.match(r"\d+ 个符合条件的结果", page.locator(".md-search-result__meta").inner_text())
    screenshot(page, f"offline-{offline.size}-search")


# The Zensical build reads from disk the same way: no request leaves the site, explanations and search work.

@pytest.fixture(scope="module")
def zensical_bundle(zensical_site, tmp_path_factory) -> Path:
    archive = make_bundle(zensical_site, tmp_path_factory.mktemp("zensical-dist"))
    target = tmp_path_factory.mktemp("zensical-unzipped")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(target)
    return target / BUNDLE_NAME


def test_no_file_of_the_zensical_build_fetches_anything_from_outside(zensical_site):
    assert external_references(zensical_site) == []


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_zensical_build_reads_offline(browser, zensical_bundle, size):
    reader = OfflineBrowser(browser, zensical_bundle, DESKTOP if size == "desktop" else PHONE)
    page = reader.open("index.html")
    button = page.locator(".md-search__button").first
    (button if button.is_visible() else page.locator("label.md-header__button[for='__search']")).click()
    page.locator("dialog input").first.fill("六个百分百")
    first = page.locator("dialog a[role=option]").first
    first.wait_for(state="visible", timeout=15000)
    assert first.get_attribute("href").endswith("concepts/liu-ge-bai-fen-bai.html")
    screenshot(page, f"offline-zensical-{size}-search")
    page = reader.open("reports/shiguai-2024-work-report.html")
    assert "闲置国有资产" in explanation_shown(page, size)
    assert reader.external == [], "requests left the site"
    assert reader.errors == [], "console errors"
    reader.close()
