"""The same site built by Zensical: ``make zensical`` -> ``zensical-site/``.

Zensical, Material's successor from the same authors, reads ``mkdocs.yml``
and ``overrides/`` but runs no hooks, and MkDocs 2.0 will run no plugins. So
the build here needs nothing of MkDocs:

1. the pipeline writes the generated pages into ``docs/`` (what
   ``python -m generator build`` writes; the MkDocs hook hands the same pages
   over in memory);
2. ``zensical.yml`` is ``mkdocs.yml`` with the generated navigation (the hook
   gives MkDocs the same list), without ``hooks:``, and with its own site
   folder; it is derived on every build and never committed, so nothing is
   written twice for the two engines;
3. ``zensical build``, into a fresh folder;
4. the search files: Zensical's index (``search.json``, every section's text,
   loaded whole by every reader who searches) is cut into the same gram and
   text files as the MkDocs build's (``site/search.py``), and ``search.json``
   (``search.js`` from ``file://``) becomes the page list Zensical's interface
   loads, with our shards' manifest; the interface then starts our worker
   (``overrides/main.html`` names it for both engines), which speaks
   Zensical's protocol too (``docs/assets/search-worker.js``);
5. the fresh folder replaces ``zensical-site/`` only if all of it succeeded.

Zensical is an optional extra (``pip install -e '.[zensical]'``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .pages import BuildError, generate, write_pages
from .search import build_search_files, plain_text

CONFIG_NAME = "zensical.yml"
SITE_NAME = "zensical-site"
_BUILDING = ".cache/zensical-build"  # Zensical wants its site folder inside the project
_BOOST = re.compile(r"^search:\s*\n\s+boost:\s*([\d.]+)", re.MULTILINE)


class ZensicalError(Exception):
    """The Zensical build failed; the message says why and what to do."""


def derived_config(mkdocs_yml: str, nav: list[dict], site_dir: str) -> str:
    """``mkdocs.yml`` for Zensical: its own site folder, the generated navigation, no ``hooks:``.

    The file is edited as text, so its tags (``!ENV``, the slugify function) stay as Zensical reads them.
    """
    lines = mkdocs_yml.splitlines()
    out: list[str] = []
    skipping = False
    for line in lines:
        top_key = re.match(r"^([A-Za-z_]+):", line)
        if top_key:
            skipping = top_key.group(1) in ("hooks", "nav", "site_dir")
            if skipping:
                continue
        elif skipping and (line.startswith((" ", "\t", "-")) or not line.strip()):
            continue
        else:
            skipping = False
        out.append(line)
    header = ["# Derived from mkdocs.yml by generator/site/zensical.py on every `make zensical`: do not edit.",
              f"site_dir: {site_dir}"]
    navigation = yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
    return "\n".join(header + out).rstrip() + "\n\n" + navigation


def zensical_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("zensical")
    except PackageNotFoundError:
        raise ZensicalError("Zensical is not installed: .venv/bin/pip install -e '.[zensical]'") from None


def _boosts(docs: Path) -> dict[str, float]:
    """A page's search boost, as its front matter sets it (concept pages), by the page's address."""
    boosts = {}
    for path in docs.rglob("*.md"):
        head = path.read_text(encoding="utf-8")[:400]
        found = _BOOST.search(head) if head.startswith("---") else None
        if found:
            boosts[path.relative_to(docs).with_suffix(".html").as_posix()] = float(found.group(1))
    return boosts


def cut_search_index(site: Path, docs: Path) -> int:
    """Zensical's search.json cut into our search files; search.json and search.js become the page list
    Zensical's interface loads, with the files' manifest. Returns the number of pages."""
    index_file = site / "search.json"
    if not index_file.is_file():
        raise ZensicalError(f"{index_file} is missing: this Zensical release writes its index elsewhere "
                            f"(tested with Zensical 0.0.73; adapt generator/site/zensical.py)")
    index = json.loads(index_file.read_text(encoding="utf-8"))
    items = index.get("items") if isinstance(index, dict) else None
    if not isinstance(items, list) or any(not {"location", "title", "text"} <= set(item) for item in items[:1]):
        raise ZensicalError(f"{index_file} is not an index of items with location, title and text "
                            f"(tested with Zensical 0.0.73; adapt generator/site/zensical.py)")
    boosts = _boosts(docs)
    sections, pages = [], []
    for item in items:
        location = item["location"]
        page = location.split("#", 1)[0]
        sections.append({"location": location, "title": plain_text(item["title"]), "text": plain_text(item["text"]),
                         "boost": boosts.get(page, 1)})
        if "#" not in location:
            path = [plain_text(step) for step in item.get("path") or []]
            pages.append({"location": page, "title": plain_text(item["title"]), "path": path[:-1], "text": "",
                          "tags": []})
    folder = site / "search"
    for name in ("g", "c"):
        shutil.rmtree(folder / name, ignore_errors=True)
        (folder / name).mkdir(parents=True)

    def write(name: str, text: str) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    files = build_search_files(sections, {"lang": ["zh"]}, write=write)
    data = json.dumps({"config": files.manifest["config"], "items": pages}, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(data, encoding="utf-8")
    (site / "search.js").write_text(f"var __index = {data};\n", encoding="utf-8")
    return len(pages)


def build_zensical(root: Path, site: Path | None = None) -> int:
    """The whole Zensical build; the previous site stays if any step fails. Returns an exit status."""
    site = site or root / SITE_NAME
    try:
        zensical_version()
        generated = generate(root)
        write_pages(root / "docs", generated.pages)
        config = root / CONFIG_NAME
        config.write_text(derived_config((root / "mkdocs.yml").read_text(encoding="utf-8"), generated.nav(), _BUILDING),
                          encoding="utf-8")
        fresh = root / _BUILDING
        shutil.rmtree(fresh, ignore_errors=True)
        result = subprocess.run([sys.executable, "-m", "zensical", "build", "--config-file", CONFIG_NAME], cwd=root)
        if result.returncode != 0 or not (fresh / "index.html").is_file():
            raise ZensicalError(f"zensical build failed (exit {result.returncode})")
        pages = cut_search_index(fresh, root / "docs")
    except (BuildError, ZensicalError) as error:
        shutil.rmtree(root / _BUILDING, ignore_errors=True)
        print(f"error: {error}", file=sys.stderr)
        print(f"build failed: {site} is unchanged", file=sys.stderr)
        return 1
    old = site.with_name(site.name + ".previous")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    shutil.move(str(fresh), str(site))
    shutil.rmtree(old, ignore_errors=True)
    print(f"{site}: built by Zensical {zensical_version()}, {pages} pages searchable")
    return 0
