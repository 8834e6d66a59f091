"""The pipeline's shape (generator/pipeline.py): per-report stages that depend on the report and the
glossary alone, archive-wide pages from summaries, and rebuilds that redo only what an edit touched."""

from __future__ import annotations

import shutil

import pytest

from generator.check import read_sources
from generator.pipeline import Conversions, Pages, convert_seed, record_counts, seeds_of, staging_folder
from generator.site.pages import generate

from .conftest import project_copy

TERM = "annotations/terms/fang-guan-fu.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = project_copy(tmp_path_factory.mktemp("pipeline"))
    generate(root)  # a full build: every stage's cache filled
    return root


def _summaries_by_slug(summaries):
    return {summary.meta.slug: summary for summary in summaries}


def test_one_reports_stages_give_what_the_full_build_gave(project, tmp_path):
    """Converting and rendering one report alone, with a fresh cache, gives the full build's results."""
    sources = read_sources(project)
    facts = {item.slug: item for item in sources.facts}
    seed = next(seed for seed in seeds_of(project) if seed.slug == "shiguai-2024-work-report")
    alone = convert_seed(seed)
    in_build = Conversions(project).report(facts[seed.slug].key)
    assert alone == in_build

    staging = staging_folder(project)
    built_body = (staging / "bodies" / f"{seed.slug}.md").read_text(encoding="utf-8")
    built = _summaries_by_slug(Pages(project, sources.conversions, sources.glossary, True, "", staging)
                               .all_pages(sources.facts))[seed.slug]
    # The same report's page stage alone: a fresh cache and staging folder, nothing else converted or rendered.
    (tmp_path / "fresh").mkdir()
    fresh = project_copy(tmp_path / "fresh")
    shutil.copytree(project / ".cache" / "conversions", fresh / ".cache" / "conversions")
    shutil.copytree(project / ".cache" / "facts", fresh / ".cache" / "facts")
    pages = Pages(fresh, Conversions(fresh), sources.glossary, True, "", tmp_path / "staging")
    summary, made = pages.page(facts[seed.slug])
    assert made and pages.cache.folder.is_dir() and len(list(pages.cache.folder.iterdir())) == 1
    assert (tmp_path / "staging" / "bodies" / f"{seed.slug}.md").read_text(encoding="utf-8") == built_body
    assert summary == built


def _edit(project, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_explanation_edit_remakes_no_report_body_and_changes_only_the_pages_that_show_it(project):
    before = dict(generate(project).pages)
    _edit(project, TERM, "简称。", "简称（已编辑）。")
    try:
        after = generate(project)
        changed = {path for path in after.pages if after.pages[path] != before.get(path)}
        using = {f"reports/{slug}.md" for slug in after.glossary.by_slug()["fang-guan-fu"].occurrences}
        listing = {f"concepts/{t.slug}.md" for t in after.glossary.terms if "fang-guan-fu" in t.related}
        # The reports using the term carry its explanation; its concept page, the pages of the terms
        # that list it as related, the index and glossary.json show it. No report body was made again.
        assert after.rendered == 0
        assert len(using) >= 3 and len(listing) >= 1
        assert changed == using | listing | {"concepts/fang-guan-fu.md", "concepts/index.md", "glossary.json"}
    finally:
        _edit(project, TERM, "简称（已编辑）。", "简称。")


def test_a_new_form_remakes_only_the_reports_whose_text_holds_it(project):
    generate(project)
    # 证照分离 occurs in one report: as a new form of a term it changes how that report is marked, and no other.
    holding = [path.stem for path in (project / "seeds").glob("*.txt") if "证照分离" in path.read_text(encoding="utf-8")]
    assert len(holding) == 1
    _edit(project, TERM, "term: 放管服\n", "term: 放管服\naliases: [证照分离]\n")
    try:
        after = generate(project)
        assert after.rendered == 1
        assert after.glossary.by_slug()["fang-guan-fu"].occurrences.keys() >= set(holding)
    finally:
        _edit(project, TERM, "term: 放管服\naliases: [证照分离]\n", "term: 放管服\n")
    assert generate(project).rendered == 1  # undone: that report alone is made again


def test_an_added_report_makes_its_own_page_body_only(project):
    generate(project)
    source = project / "seeds" / "shiguai-2024-work-report.txt"
    added = project / "seeds" / "shiguai-2024-work-report-again.txt"
    added.write_text(source.read_text(encoding="utf-8").replace("石拐区", "九原区"), encoding="utf-8")
    try:
        after = generate(project)
        assert after.rendered == 1 and len(after.reports) == 11
    finally:
        added.unlink()


def test_the_archive_pages_need_only_the_summaries(project):
    """record_counts gives the terms the counts the full annotation gave, from the summaries alone."""
    sources = read_sources(project)
    pages = Pages(project, sources.conversions, sources.glossary, True, "", staging_folder(project))
    summaries = pages.all_pages(sources.facts)
    assert pages.rendered == 0  # all from the cache
    record_counts(sources.glossary, summaries)
    terms = sources.glossary.by_slug()
    assert terms["fang-guan-fu"].occurrences == {s.meta.slug: s.counts["fang-guan-fu"]
                                                 for s in summaries if "fang-guan-fu" in s.counts}
    assert all(len([o for o in s.occurrences if o.term == t]) <= 4 for s in summaries for t in s.counts)
