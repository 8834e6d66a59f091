"""Browser fixtures: Debian's chromium driven by Playwright, the site served on loopback."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
ARTEFACTS = Path(__file__).resolve().parent.parent / "test-artefacts"


def require_chromium() -> None:
    """Browser tests need Debian's chromium; CI installs it, so there a missing one is a failure."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _CountingHandler(_QuietHandler):
    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        self.server.served.append((self.path.split("?")[0], len(data)))  # type: ignore[attr-defined]


@contextlib.contextmanager
def serve(directory: Path, served: list | None = None) -> Iterator[str]:
    """A folder over http on 127.0.0.1, for as long as the block runs: its address.
    With ``served``, every response's path and body bytes are appended to it."""
    handler = functools.partial(_QuietHandler if served is None else _CountingHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.served = served  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over http on 127.0.0.1 (search needs a web worker, which file:// does not allow)."""
    with serve(built_site) as address:
        yield address


@pytest.fixture(scope="session")
def served_zensical_site(zensical_site):
    with serve(zensical_site) as address:
        yield address


@pytest.fixture
def engine_site(engine, request) -> str:
    """The engine's build over http."""
    return request.getfixturevalue("served_site" if engine == "mkdocs" else "served_zensical_site")


def search_results(page, site: str, query: str, engine: str) -> list[str]:
    """The pages a search from the home page lists, best first (reports/x.html, concepts/y.html; no anchors).

    Material lists sections under their pages, a batch at a time as the list scrolls; Zensical lists
    pages, in a dialog of its own."""
    import re

    page.goto(site + "/index.html")
    if engine == "mkdocs":
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
    else:
        button = page.locator(".md-search__button").first
        if button.is_visible():
            button.click()
        else:
            page.locator("label.md-header__button[for='__search']").click()
        box = page.locator("dialog input").first
        box.fill(query)
        page.locator("dialog a[role=option]").first.wait_for(state="visible", timeout=10000)
        page.wait_for_timeout(300)
        hrefs = page.locator("dialog a[role=option]").evaluate_all("links => links.map(a => a.href)")
    pages = [re.sub(r"^.*?/(reports|concepts|regions)/", r"\1/", href.removeprefix(site + "/")).split("#")[0]
             for href in hrefs]
    return list(dict.fromkeys(pages))


SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(params=sorted(SIZES))
def page(request, browser):
    """A page in a fresh context, once on a desktop and once on a phone (``page.size_name`` says which)."""
    context = browser.new_context(**SIZES[request.param])
    page = context.new_page()
    page.size_name = request.param
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"))
