"""``glossary.json``: the glossary as open data, and the stable interface for tests.

Described by ``docs/glossary.schema.json`` (published beside it).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Report
from .terms import Glossary

SCHEMA_URL = "glossary.schema.json"


def glossary_data(glossary: Glossary, reports: list[Report], root: Path | None = None) -> dict:
    def relative(path: str | None) -> str | None:
        if path is None or root is None:
            return path
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path

    terms = []
    for term in glossary.terms:
        definitions = []
        for definition in term.definitions:
            item = {"source": definition.report or "editor", "text": definition.text}
            if definition.report:
                item.update({"label": definition.label, "anchor": definition.anchor, "citation": definition.source})
            else:
                item["file"] = relative(term.editor_file)
            definitions.append(item)
        terms.append({
            "slug": term.slug,
            "term": term.term,
            "aliases": term.aliases,
            "summary": term.summary,
            "summary_en": term.summary_en,
            "category": term.category,
            "related": term.related,
            "editor_written": term.editor_written,
            "definitions": definitions,
            "senses": [{"reports": s.reports, "summary": s.summary} for s in term.senses],
            "sources": [_source(source) for source in glossary.sources(term)],
            "occurrences": dict(sorted(term.occurrences.items())),
            "scope": {"national": term.scope.national, "regions": glossary.scope_names(term),
                      "set_by_editor": term.scope_given},
            "unmarked": dict(sorted(term.unmarked.items())),
        })
    return {
        "$schema": SCHEMA_URL,
        "terms": terms,
        "reports": [
            {
                "slug": r.meta.slug,
                "title": r.meta.title,
                "region": r.meta.region,
                "region_code": r.meta.region_code,
                "region_path": _region_path(glossary, r.meta.slug),
                "level": r.meta.level,
                "kind": r.meta.kind,
                "date": r.meta.date,
                "source_file": r.meta.source_file,
                "original_file": r.meta.original_file,
            }
            for r in reports
        ],
    }


def _source(source) -> dict:
    item = {"title": source.title}
    item.update({key: value for key in ("url", "date", "report") if (value := getattr(source, key))})
    return item


def _region_path(glossary: Glossary, report: str) -> list[str]:
    tree = glossary.regions
    slug = tree.of_report.get(report) if tree else None
    return [region.name for region in tree.chain(slug)] if slug else []


def glossary_json(glossary: Glossary, reports: list[Report], root: Path | None = None) -> str:
    return json.dumps(glossary_data(glossary, reports, root), ensure_ascii=False, indent=1) + "\n"
