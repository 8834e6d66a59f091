"""How MkDocs builds our pages: the render cache, the page stash, parallel rendering, search sections.

``mkdocs_hook.py`` only adapts MkDocs's events to the functions here and to
the pipeline; this module is what makes a MkDocs build of the archive fast and
small. Every undocumented attribute of MkDocs or Material it touches goes
through ``mkdocs_internals``.

Two caches keyed by content make a rebuild pay only for what changed (in
memory for ``mkdocs serve``, in ``.cache/`` across builds):

* a page's Markdown -> HTML rendering, keyed by its Markdown, its path, the
  set of files it may link to, mkdocs.yml and the versions of the code that
  renders it; a page whose rendering logged a warning is never cached, so a
  ``--strict`` build cannot pass by skipping it;
* a page's search-index sections, keyed by its HTML, address and title.

The search index holds plain text for our own search worker
(``docs/assets/search-worker.js``; see ``generator/site/search.py``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.cache import ContentCache, code_version, prune
from generator.cache import digest as _digest
from generator.parallel import can_fork, fork_map
from generator.site import mkdocs_internals as internals
from generator.site.pages import SitePages
from generator.site.search import no_segmentation, plain_text, write_search_files, write_search_files_cached

def hand_pages(generated: SitePages, files: Files, config: MkDocsConfig) -> Files:
    """Hand the generated pages to MkDocs; they replace any copies on disk."""
    # Report pages are files in the staging folder: MkDocs reads each when it renders it.
    for path, source in generated.files.items():
        _replace(files, File.generated(config, path, abs_src_path=source))
    for path, content in generated.texts.items():
        _replace(files, File.generated(config, path, content=content))
    return files


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def keep_templates(env: Any, config: MkDocsConfig) -> Any:
    """Keep Material's templates compiled across builds: MkDocs makes a new Jinja environment each time."""
    if config is _RENDERS.config and env.bytecode_cache is None:
        folder = Path(config.config_file_path).parent / ".cache" / "templates"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def open_build(config: MkDocsConfig) -> None:
    """A build starts: the internals it needs are there, the caches and the stash are open."""
    internals.check_classes()
    root = Path(config.config_file_path).parent
    _RENDERS.open(root, config)
    _STASH.open(root)
    _index_plain_text(config)


def finish_build(config: MkDocsConfig) -> None:
    """Cut the streamed search sections into the files our worker fetches, leaving a small manifest in
    place of Material's index."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file() and _STASH.stream is not None:
        write_search_files_cached(index, _STASH.finish(), Path(config.config_file_path).parent / ".cache")
    elif index.is_file():  # a build this hook did not set up: Material's own index, cut as it is
        write_search_files(index)
    _STASH.close()
    prune(Path(config.config_file_path).parent / ".cache")


def abandon_build() -> None:
    _STASH.close()


class _PageStash:
    """Where a page's HTML waits between MkDocs's two passes, and the search sections go.

    MkDocs renders every page before it writes any (mkdocs/commands/build.py),
    so the HTML of the whole archive would be in memory at once, and Material's
    search plugin keeps every page's sections until the end. Here each page's
    HTML goes to a file when it is rendered and comes back when its template is
    filled; after the page is written it is dropped. The sections go to one
    file as each page is rendered, and the search files are cut from it.
    """

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.stream: Any = None
        self.streamed: set[str] = set()
        self.index: Any = None

    def open(self, root: Path) -> None:
        self.close()
        (root / ".cache").mkdir(exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="build-", dir=root / ".cache"))
        self.stream = (self.folder / "sections.jsonl").open("w", encoding="utf-8")

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder, self.stream = None, None
        self.streamed = set()

    def stream_sections(self, sections: list[dict]) -> None:
        for section in sections:
            self.stream.write(json.dumps(section, ensure_ascii=False) + "\n")

    def finish(self) -> Path:
        """The file of every section streamed, complete."""
        self.stream.flush()
        return self.folder / "sections.jsonl"  # type: ignore[operator]

    def _path(self, page: Page) -> Path:
        return self.folder / (hashlib.sha256(page.file.src_uri.encode()).hexdigest()[:32] + ".html")  # type: ignore[operator]

    def put(self, page: Page, html: str) -> None:
        self._path(page).write_text(html, encoding="utf-8")

    def take(self, page: Page) -> str | None:
        path = self._path(page)
        return path.read_text(encoding="utf-8") if path.exists() else None


_STASH = _PageStash()


def page_rendered(html: str, page: Page, config: MkDocsConfig) -> str:
    """The page is rendered: its search sections go to the stream, its HTML to a file until it is written."""
    if config is not _RENDERS.config or _STASH.folder is None:
        return html
    if _STASH.index is not None:
        page.content = html
        _STASH.stream_sections(_search_sections(_STASH.index, page))
        _STASH.streamed.add(page.file.src_uri)
    _STASH.put(page, html)
    page.markdown = None  # the Markdown is not needed again, and the search sections are taken
    return ""


def page_context(context: Any, page: Page, config: MkDocsConfig) -> Any:
    """The page's HTML back from the stash, for its template."""
    if config is _RENDERS.config and _STASH.folder is not None and not page.content:
        stashed = _STASH.take(page)
        if stashed is not None:
            page.content = stashed
            context["page"] = page
    return context


def page_written(page: Page, config: MkDocsConfig) -> None:
    if config is _RENDERS.config and _STASH.folder is not None:
        page.content = None  # written: let it go


def files_changed() -> None:
    _RENDERS.files_key = ""


class _MemoryAndDisk:
    """A content cache in memory (for ``mkdocs serve``) in front of one on disk."""

    def __init__(self, namespace: str):
        self.namespace = namespace
        self.memory: dict[str, Any] = {}
        self.disk: ContentCache | None = None

    def open(self, root: Path) -> None:
        self.disk = ContentCache(root / ".cache", self.namespace)

    def get(self, key: str) -> Any | None:
        if key in self.memory:
            return self.memory[key]
        value = self.disk.get(key.encode()) if self.disk else None
        if value is not None:
            if len(self.memory) > 256:
                self.memory.clear()
            self.memory[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        if len(self.memory) > 256:  # bounded: a large archive's pages must not all stay in memory
            self.memory.clear()
        self.memory[key] = value
        if self.disk:
            self.disk.put(key.encode(), value)


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _RenderCache(_MemoryAndDisk):
    """Markdown -> HTML per page, so unchanged pages are not rendered again."""

    def __init__(self) -> None:
        super().__init__("pages")
        self.config: MkDocsConfig | None = None
        self.setting = ""
        self.files_key = ""

    def open(self, root: Path, config: MkDocsConfig) -> None:  # type: ignore[override]
        super().open(root)
        self.config = config
        packages = ",".join(version(name) for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"))
        self.setting = _digest(Path(config.config_file_path).read_bytes(), packages, code_version())

    def key(self, page: Page, files: Files, body: str | None = None) -> str:
        """``body``: the page's Markdown with its generated lines as placeholders (computed if not given)."""
        if not self.files_key:  # relative links resolve against every file of the site
            self.files_key = _digest(*sorted(f.src_uri for f in files))
        if body is None:
            body, _ = _split_generated(page.markdown or "")
        return _digest(self.setting, self.files_key, page.file.src_uri, body)


# Generated pages carry long single lines of raw HTML that are excluded from search (a report's
# term explanations and related reports, a concept page's occurrence lists; see generator/render/report.py and concepts.py).
# Markdown passes such a line through unchanged, so each is rendered as a small placeholder and
# put back after: an edited explanation does not re-render every report that uses the term, and
# the occurrence lists skip Markdown's and the search index's HTML parsers.
_GENERATED = re.compile(r'^<(div|details) class="(?:term-definitions|figure-notes|occurrences|related-reports)"[^\n]*</\1>$',
                        re.MULTILINE)
_ID = re.compile(r'\bid="([^"]+)"')


def _placeholder(number: int) -> str:
    return f'<div data-generated="{number}"></div>'


def _split_generated(markdown: str) -> tuple[str, list[str]]:
    """The page with a placeholder for each generated HTML line, and those lines."""
    lines: list[str] = []

    def stash(found: re.Match[str]) -> str:
        lines.append(found.group())
        return _placeholder(len(lines) - 1)

    return _GENERATED.sub(stash, markdown), lines


def _restore(content: str, lines: list[str]) -> str | None:
    """The rendered page with its generated lines back; None if a placeholder went missing."""
    for number, line in enumerate(lines):
        placeholder = _placeholder(number)
        if content.count(placeholder) != 1:
            return None
        content = content.replace(placeholder, line)
    return content


_RENDERS = _RenderCache()
_SECTIONS = _MemoryAndDisk("search-sections")
# MkDocs loads a hook anew with every configuration (mkdocs serve): wrap the original method once.
_render_page = Page.__dict__.get("_uncached_render", Page.render)
Page._uncached_render = _render_page  # type: ignore[attr-defined]


def _render_cached(page: Page, config: MkDocsConfig, files: Files) -> None:
    if config is not _RENDERS.config:  # a build this hook did not set up: render as usual
        return _render_page(page, config, files)
    body, generated = _split_generated(page.markdown or "")
    key = _RENDERS.key(page, files, body)
    hit = _RENDERS.get(key)
    if hit is None:
        full, page.markdown = page.markdown, body
        counter = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(counter)
        try:
            _render_page(page, config, files)
        finally:
            logging.getLogger("mkdocs").removeHandler(counter)
            page.markdown = full
        links = {target.src_uri: dict(found) for target, found in (internals.read(page, internals.PAGE_LINKS) or {}).items()}
        hit = (page.content, page.toc, internals.read(page, internals.PAGE_TITLE),
               sorted(internals.read(page, internals.PAGE_ANCHORS) or ()), links)
        if not counter.count:
            _RENDERS.put(key, hit)
    content, page.toc, title, anchors, links = hit
    internals.write(page, internals.PAGE_TITLE, title)
    restored = _restore(content, generated)
    if restored is None:  # Markdown did not keep a placeholder as it was: render the page whole
        _render_page(page, config, files)
        return None
    page.content = restored
    internals.write(page, internals.PAGE_ANCHORS, set(anchors).union(*(_ID.findall(line) for line in generated)))
    targets = {uri: files.get_file_from_path(uri) for uri in links}
    internals.write(page, internals.PAGE_LINKS, {targets[uri]: dict(found) for uri, found in links.items() if targets[uri]})
    return None


Page.render = _render_cached  # type: ignore[method-assign]


def _index_plain_text(config: MkDocsConfig) -> None:
    """Plain text sections in the search index, cached per page (see generator/site/search.py)."""
    search = config.plugins.get("material/search")
    if search is None:
        raise PluginError("annotated-reports: mkdocs.yml has no search plugin; add '- search' under plugins")
    index = internals.read(search, internals.SEARCH_INDEX)  # created by the search plugin's own on_config
    _SECTIONS.open(Path(config.config_file_path).parent)
    internals.write(index, internals.SEGMENTATION, no_segmentation)

    def add_entry_from_context(page: Page) -> None:
        """Material calls this when it builds each page: the sections went to the stream already
        (``on_page_content``), or, for a page rendered outside this build's hook, go now."""
        if page.file.src_uri not in _STASH.streamed:
            _STASH.stream_sections(_search_sections(index, page))

    internals.write(index, internals.ADD_ENTRY, add_entry_from_context)
    _STASH.index = index


def _searched_content(page: Page) -> str:
    """The page's HTML as the search index sees it: generated lines (excluded from search) as placeholders."""
    content = page.content or ""
    for number, line in enumerate(_split_generated(page.markdown or "")[1]):
        content = content.replace(line, _placeholder(number), 1)
    return content


def _sections_key(page: Page) -> str:
    return _digest(code_version(), page.url, str(page.title), repr(sorted(page.meta.items())), _searched_content(page))


def _search_sections(index: Any, page: Page) -> list[dict]:
    """The page's search-index sections as plain text, from the cache or from Material's parser."""
    key = _sections_key(page)
    sections = _SECTIONS.get(key)
    if sections is None:
        entries = internals.read(index, internals.ENTRIES)
        first = len(entries)
        full, page.content = page.content, _searched_content(page)
        try:
            internals.read(type(index), internals.ADD_ENTRY)(index, page)
        finally:
            page.content = full
        sections = entries[first:]
        del entries[first:]
        for section in sections:
            section["title"], section["text"] = plain_text(section["title"]), plain_text(section["text"])
        _SECTIONS.put(key, sections)
    return sections


# A cold build renders pages in parallel processes when this many are not cached.
PARALLEL_FROM = 8


def render_in_parallel(config: MkDocsConfig, files: Files) -> None:
    """Render the pages not in the cache, and their search sections, over the machine's cores.

    MkDocs renders pages one after another; Markdown is pure CPU work. Forked
    workers (a copy of this process as it is, so only while no other thread
    runs: not under ``mkdocs serve``) do the same rendering and fill the
    caches, and MkDocs then finds every page there. A page whose rendering
    logs a warning is not cached, so MkDocs renders it again and reports it.
    """
    if config is not _RENDERS.config or not can_fork():
        return
    index = _STASH.index
    missing = []
    for file in files.documentation_pages():
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)  # as MkDocs does a moment later for pages outside the navigation
        page = file.page
        if page is None or not file.inclusion.is_included():
            continue
        page.read_source(config)
        if _RENDERS.get(_RENDERS.key(page, files)) is None:
            missing.append((len(page.markdown or ""), file.src_uri))
    if len(missing) < PARALLEL_FROM:
        return
    missing.sort(reverse=True)  # largest first: the workers finish together

    def render(uri: str) -> None:
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.handlers, mkdocs_log.propagate = [], False  # warnings are MkDocs' to report, not a worker's
        _STASH.folder = _STASH.stream = None  # the stash and the sections' stream are the parent's
        page = files.get_file_from_path(uri).page  # type: ignore[union-attr]
        # What MkDocs does for each page, with the same plugin events.
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        key = _RENDERS.key(page, files)
        page.render(config, files)
        rendered = _RENDERS.memory.get(key)
        if rendered is None:  # it logged a warning: MkDocs renders it again and reports it
            return None
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        if index is not None:
            _search_sections(index, page)  # into the disk cache, where the parent finds them
        return None

    # The workers put what they render into the disk caches, where MkDocs's own pass finds it:
    # nothing comes back to this process, so the archive's HTML is never in memory here.
    for _ in fork_map(render, [uri for _, uri in missing]):
        pass
