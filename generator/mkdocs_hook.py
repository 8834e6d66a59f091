"""The thin MkDocs layer: generate the site's pages from seeds/ and annotations/ in every build.

Registered as a hook in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs
serve`` need no extra step. The generated pages are handed to MkDocs in
memory (nothing is written into docs/ during a build, so ``mkdocs serve``
rebuilds once per edit, not twice); ``python -m generator build`` writes the
same Markdown to disk for inspection. Everything else is MkDocs-free Python.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from generator.read import SourceError
from generator.search import SearchSegmenter
from generator.site import Generated, generate

log = logging.getLogger("mkdocs.hooks.annotated_reports")
_generated: Generated | None = None


@event_priority(-100)  # after the search plugin has set up its index
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _generated
    root = Path(config.config_file_path).parent
    try:
        # REPORTS_PLAIN=1 builds report pages without term annotations (for the page-weight check).
        _generated = generate(
            root, annotate=os.environ.get("REPORTS_PLAIN") != "1", edit_base=config.extra.get("edit_base") or ""
        )
    except SourceError as error:
        raise PluginError(str(error)) from None
    for notice in _generated.notices:
        # Source defects are for editors to see; they must not fail a --strict build.
        log.info("notice: %s", notice)
    for warning in _generated.warnings:
        log.info("%s", warning)
    log.info("annotated-reports: %d reports, %d terms", len(_generated.reports), len(_generated.glossary.terms))
    config.nav = _generated.nav()
    _segment_search_by_glossary(config, [form for term in _generated.glossary.terms for form in term.forms])
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Hand the generated pages to MkDocs; they replace any copies on disk."""
    assert _generated is not None
    for path, content in _generated.pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files


@event_priority(-50)  # after the search plugin writes the index, before offline inlines it (-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Write the search index as UTF-8: Material writes Chinese as \\uXXXX escapes, three times the size."""
    for segmenter in SearchSegmenter._shared.values():
        segmenter.save()
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _segment_search_by_glossary(config: MkDocsConfig, words: list[str]) -> None:
    """Index Chinese text so that a term is found whole and by its parts."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)  # created by the search plugin's own on_config
    if index is None or not hasattr(index, "_segment_chinese"):
        log.warning("annotated-reports: Material's search index has changed; Chinese terms are segmented by plain jieba")
        return
    cache = Path(config.config_file_path).parent / ".cache"
    index._segment_chinese = SearchSegmenter.shared(words, cache).segment
