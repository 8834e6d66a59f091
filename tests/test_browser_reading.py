"""What a reader sees: tooltips on hover and focus, the tap panel, deep links, Chinese search."""

from __future__ import annotations

import re

import pytest

from .browser import DESKTOP, PHONE, screenshot

REPORT = "/reports/shiguai-2024-work-report.html"


@pytest.fixture
def desktop(browser):
    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def _tooltip_text(page) -> str:
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner").first
    tooltip.wait_for(state="visible", timeout=5000)
    return tooltip.inner_text()


def _first_term(page, site: str, slug: str):
    page.goto(site + REPORT)
    term = page.locator(f'a.term[href$="/concepts/{slug}.html"]').first
    term.scroll_into_view_if_needed()
    return term


def test_hover_shows_the_explanation(desktop, served_site):
    _first_term(desktop, served_site, "liang-xian-yi-kong").hover()
    assert "闲置国有资产" in _tooltip_text(desktop)
    desktop.wait_for_timeout(400)  # let the tooltip finish fading in
    screenshot(desktop, "desktop-tooltip-hover")


def test_keyboard_focus_shows_the_explanation(desktop, served_site):
    _first_term(desktop, served_site, "san-qing-ling").focus()
    assert "研发" in _tooltip_text(desktop)
    assert desktop.evaluate("document.activeElement.getAttribute('href')").endswith("/concepts/san-qing-ling.html")


def test_a_sense_limited_to_the_report_is_what_the_reader_sees(desktop, served_site):
    _first_term(desktop, served_site, "liang-ge-ji-di").hover()
    assert "稀土" in _tooltip_text(desktop)


def _accessible_description(page, selector: str) -> str:
    """The description a screen reader announces: aria-describedby's text, else the title."""
    return page.evaluate(
        """(selector) => {
             const term = document.querySelector(selector);
             const ids = (term.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
             const text = ids.map(id => document.getElementById(id)).filter(Boolean)
                             .map(el => el.textContent).join(' ').trim();
             return text || term.getAttribute('title') || '';
           }""",
        selector,
    )


def test_screen_readers_get_the_explanation(desktop, served_site):
    selector = 'a.term[href$="/concepts/liang-xian-yi-kong.html"]'
    desktop.goto(served_site + REPORT)
    assert _accessible_description(desktop, selector).startswith("实施闲置国有资产")
    desktop.locator(selector).first.focus()
    desktop.wait_for_timeout(300)
    assert _accessible_description(desktop, selector).startswith("实施闲置国有资产")


def test_tap_shows_the_explanation_in_place(phone, served_site):
    _first_term(phone, served_site, "liang-xian-yi-kong").tap()
    panel = phone.locator(".term-panel")
    panel.wait_for(state="visible", timeout=5000)
    assert phone.url.endswith(REPORT), "the tap must not leave the page"
    assert "闲置国有资产" in panel.inner_text()
    box, width = panel.bounding_box(), phone.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    screenshot(phone, "phone-term-panel")
    link = panel.locator("a.term-panel__link")
    assert link.get_attribute("href").endswith("concepts/liang-xian-yi-kong.html")
    link.tap()
    phone.wait_for_url(re.compile(r"concepts/liang-xian-yi-kong\.html$"))


def test_tap_elsewhere_closes_the_panel(phone, served_site):
    _first_term(phone, served_site, "liang-xian-yi-kong").tap()
    phone.locator(".term-panel").wait_for(state="visible")
    phone.locator("article h1").tap()
    phone.locator(".term-panel").wait_for(state="detached")


@pytest.mark.parametrize("context", ["desktop", "phone"])
def test_concept_page_occurrence_link_lands_on_the_occurrence(context, request, served_site):
    page = request.getfixturevalue(context)
    page.goto(served_site + "/concepts/liu-ge-bai-fen-bai.html")
    links = page.locator('article a[href*="#t-liu-ge-bai-fen-bai-"]')
    assert links.count() == 4
    href = links.nth(1).get_attribute("href")
    anchor = href.split("#")[1]
    links.nth(1).click()
    page.wait_for_url(re.compile(re.escape(anchor) + "$"))
    target = page.locator(f"#{anchor}")
    assert target.inner_text() == "六个百分百"
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] <= page.viewport_size["height"] - box["height"]


def _search(page, served_site, query: str) -> list[str]:
    page.goto(served_site + "/index.html")
    if page.viewport_size["width"] < 600:
        page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # a key release, as an input method's commit gives: Material reads the query on keyup
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    for _ in range(10):  # Material renders results in batches as the list scrolls
        page.evaluate("document.querySelector('.md-search__scrollwrap').scrollTop = 1e6")
        page.wait_for_timeout(100)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return [re.sub(r"^.*?/(reports|concepts)/", r"\1/", href).split("#")[0] for href in hrefs]


SEARCHES = [
    ("六个百分百", "concepts/liu-ge-bai-fen-bai.html", {"reports/yuquan-2023-work-report.html"}),
    ("百分百", None, {"concepts/liu-ge-bai-fen-bai.html", "reports/yuquan-2023-work-report.html"}),
    ("两闲一空", "concepts/liang-xian-yi-kong.html", {"reports/shiguai-2024-work-report.html"}),
    ("盘活", None, {"reports/shiguai-2024-work-report.html"}),
]


@pytest.mark.parametrize(("query", "top", "expected"), SEARCHES, ids=[q for q, _, _ in SEARCHES])
def test_search_finds_terms_whole_and_by_parts(desktop, served_site, query, top, expected):
    results = _search(desktop, served_site, query)
    assert expected <= set(results), results
    if top:
        assert top in results[:2], results
    if query == "六个百分百":
        screenshot(desktop, "desktop-search-results")


def test_search_on_a_phone(phone, served_site):
    results = _search(phone, served_site, "两闲一空")
    assert "concepts/liang-xian-yi-kong.html" in results[:2]
