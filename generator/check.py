"""``python -m generator check``: validate every source an editor can touch.

Seeds, the manifest and overrides files must convert, and a report that
looks unconverted is a warning (see ``audit``); term files must be
well-formed; across files, terms and aliases must be unique, aliases must not
name another term, ``related`` and sense ``reports`` must name things that
exist; ``annotations/dismissed.yml`` must be well-formed and dismiss no term.
Warnings ask for what every term should have (see ``glossary_warnings``).
Every problem names its file and line and says how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .glossary.annotate import annotate_report
from .glossary.annotations import SUMMARY_LIMIT, TERMS_DIR, TermFile, load_term_files
from .glossary.dismissed import DISMISSED_FILE, Dismissal, load_dismissed
from .inline import plain
from .model import Problem, Report
from .glossary.notes import NOTES_DIR, attach_notes
from .sources.read import SourceError
from .targets.corrections import TARGETS_DIR
from .targets.vocabulary import INDICATORS_FILE, load_vocabulary
from .pipeline import Conversions, Pages, ReportFacts, ReportSummary, record_counts, seeds_of, staging_folder
from .glossary.scope import resolve_scope
from .glossary.terms import Glossary, build_glossary
from .regions.divisions import divisions


@dataclass
class CheckResult:
    problems: list[Problem]
    facts: list[ReportFacts]
    glossary: Glossary | None
    dismissed: list[Dismissal] = field(default_factory=list)
    summaries: list[ReportSummary] = field(default_factory=list)
    conversions: Conversions | None = None
    root: Path | None = None
    _reports: list[Report] | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def reports(self) -> list[Report]:
        """Every converted report, annotated, with its notes: for the editors' tools (suggest, review),
        which read whole texts. Loaded on first use; the build never needs them all at once."""
        if self._reports is None:
            self._reports = [self.full_report(facts) for facts in self.facts] if self.conversions else []
        return self._reports

    def full_report(self, facts: ReportFacts) -> Report:
        assert self.conversions is not None and self.root is not None
        report = self.conversions.report(facts.key)
        if self.glossary is not None:
            from .pipeline import _scoped_matcher

            annotate_report(report, _scoped_matcher(self.glossary, facts.slug))
        notes = self.root / NOTES_DIR / f"{facts.slug}.yml"
        if notes.exists():
            report.notes = attach_notes(report, notes, [])
        return report


@dataclass
class Sources:
    """Stages 1 and 2 of the pipeline, with what can be checked from them alone."""

    problems: list[Problem]
    facts: list[ReportFacts]
    files: list[TermFile]
    dismissed: list[Dismissal]
    dismissed_path: Path
    conversions: Conversions
    glossary: Glossary | None  # None when a problem above is an error


def read_sources(root: Path) -> Sources:
    """Every report's facts (stage 1), the term files and dismissed.yml, checked one by one and
    across files, then the glossary (stage 2) if nothing is wrong."""
    problems: list[Problem] = []
    unreadable: list[SourceError] = []
    conversions = Conversions(root)
    try:
        facts = conversions.all_facts(seeds_of(root), unreadable)
    except SourceError as error:  # the manifest itself, or a slug two files claim
        unreadable.append(error)
        facts = []
    for error in unreadable:
        problems.append(Problem("error", error.file, error.line, error.message, error.hint))
    for item in facts:
        problems += item.problems
    files, file_problems = load_term_files(root / TERMS_DIR)
    problems += file_problems
    # A seed that failed defines nothing: do not blame term files for what it would have defined.
    problems += cross_check(files, facts, all_reports=not unreadable)
    dismissed_path = root / DISMISSED_FILE
    dismissed = load_dismissed(dismissed_path, problems)
    if (root / INDICATORS_FILE).exists():
        load_vocabulary(root / INDICATORS_FILE, problems)
    glossary = None
    if not any(p.severity == "error" for p in problems):
        glossary = build_glossary(facts, files)
        problems += dismissed_terms(dismissed, dismissed_path, glossary)
    return Sources(problems, facts, files, dismissed, dismissed_path, conversions, glossary)


def check_project(root: Path) -> CheckResult:
    """Stages 1 to 3 of the pipeline (see generator/pipeline.py), and every check across files."""
    sources = read_sources(root)
    problems, facts, glossary, conversions = sources.problems, sources.facts, sources.glossary, sources.conversions
    summaries: list[ReportSummary] = []
    if glossary is not None:
        pages = Pages(root, conversions, glossary, annotate=True, edit_base="", staging=staging_folder(root))
        summaries = pages.all_pages(facts)
        record_counts(glossary, summaries)
        problems += glossary_warnings(glossary, sources.files, facts)
        problems += dismissed_unused(sources.dismissed, sources.dismissed_path, glossary,
                                     (conversions.report(item.key) for item in facts))
        problems += target_problems(root, facts, summaries)
    # Notes are checked even when the glossary is not, so every error shows at once.
    problems += check_notes(root, facts, conversions)
    if any(p.severity == "error" for p in problems):
        glossary = None
    return CheckResult(problems, facts, glossary, sources.dismissed, summaries, conversions, root)


def glossary_warnings(glossary: Glossary, files: list[TermFile], reports: list[Report]) -> list[Problem]:
    """What every term should have: a use in some report, forms of its own, an English summary of at most
    SUMMARY_LIMIT characters, and, when the editors wrote it, its sources."""
    problems: list[Problem] = []
    records = {str(record.path): record for record in files}
    seeds = {report.meta.slug: str(Path("seeds") / report.meta.source_file) for report in reports}

    def where(term) -> tuple[str, int | None]:
        record = records.get(term.editor_file or "")
        if record is not None:
            return term.editor_file, record.line("term")
        return seeds.get(term.defined_in[0], "seeds") if term.defined_in else "seeds", None

    def line(term, key: str) -> int | None:
        record = records.get(term.editor_file or "")
        return record.line(key) if record is not None and key in record.lines else where(term)[1]

    owners: dict[str, list] = {}
    for term in glossary.terms:
        for form in dict.fromkeys(term.forms):
            owners.setdefault(form, []).append(term)
    # A file whose alias is a form of another term is merged into that term (it enriches it): say so.
    forms = glossary.by_form()
    for record in files:
        if record.term not in forms:
            alias = next((a for a in record.aliases if a in forms), None)
            if alias is None:
                continue
            merged = forms[alias]
            problems.append(Problem("warning", str(record.path), record.line("aliases"),
                                    f"'{alias}' is a form of both '{record.term}' and '{merged.term}'",
                                    f"this file now describes '{merged.term}': drop the alias, or write term: {merged.term}"))
    new_file = "create annotations/terms/{slug}.md with 'term: {term}', 'category:' and the field"
    for term in glossary.terms:
        file, first = where(term)
        if not term.occurrences:
            problems.append(Problem("warning", file, first, f"'{term.term}' occurs in no report",
                                    "check the spelling, or add the form the reports use to 'aliases'"))
        shared = {id(other): other for form in term.forms for other in owners[form] if other is not term}
        for other in shared.values():
            form = next(f for f in term.forms if other in owners[f])
            problems.append(Problem("warning", file, line(term, "aliases"),
                                    f"'{form}' is a form of both '{term.term}' and '{other.term}'",
                                    "a form must name one term: drop the alias from one of them, or merge them"))
        if not term.summary_en:
            hint = ("add 'summary_en: …', a one-line English gloss" if term.editor_file
                    else new_file.format(slug=term.slug, term=term.term) + " 'summary_en: …'")
            problems.append(Problem("warning", file, first, f"'{term.term}' has no English summary", hint))
        elif len(term.summary_en) > SUMMARY_LIMIT:
            problems.append(Problem("warning", file, line(term, "summary_en"),
                                    f"summary_en is {len(term.summary_en)} characters, over {SUMMARY_LIMIT}",
                                    "keep it to one short line; details belong in the explanation"))
        if term.editor_written and not term.sources:
            problems.append(Problem("warning", file, first, f"'{term.term}' is written by the editors and names no source",
                                    "add 'sources:' with the document that defines it (title, and url or date), "
                                    "or the report in the archive that explains it (report: slug)"))
    return problems


def dismissed_terms(dismissed: list[Dismissal], path: Path, glossary: Glossary) -> list[Problem]:
    """A dismissed entry that is a term: an error (a term is explained, not dismissed)."""
    problems: list[Problem] = []
    forms = glossary.by_form()
    for entry in dismissed:
        term = forms.get(entry.term)
        if term is not None:
            problems.append(Problem("error", str(path), entry.line, f"'{entry.term}' is dismissed but is a term"
                                    + (f" ({term.editor_file})" if term.editor_file else ""),
                                    "remove the entry: a term is explained, not dismissed"))
    return problems


def dismissed_unused(dismissed: list[Dismissal], path: Path, glossary: Glossary, reports: Iterable[Report]) -> list[Problem]:
    """A dismissed entry that no report contains: a warning (check reads every report's text for it)."""
    forms = glossary.by_form()
    unseen = {entry.term for entry in dismissed if entry.term not in forms}
    for report in reports:  # one at a time: a large archive is never in memory whole
        if not unseen:
            break
        text = "\n".join(plain(text) for text, _ in report.body_texts())
        unseen = {term for term in unseen if term not in text}
    return [Problem("warning", str(path), entry.line, f"dismissed '{entry.term}' occurs in no report",
                    "remove the entry, or correct it to the text suggest lists")
            for entry in dismissed if entry.term in unseen]


def target_problems(root: Path, facts: list[ReportFacts], summaries: list[ReportSummary]) -> list[Problem]:
    """Mistakes in target corrections files (errors), and the figures the extraction could not read
    (warnings naming the report's file and line)."""
    problems: list[Problem] = []
    folder = root / TARGETS_DIR
    slugs = {item.slug for item in facts}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        if path.stem not in slugs:
            problems.append(Problem("error", str(path), 1, f"no report with the slug '{path.stem}'",
                                    f"name the file after a report: {', '.join(sorted(slugs))}"))
    for summary in summaries:
        problems += [p for p in summary.note_problems if Path(p.file).parent == folder]
        seed = str(Path("seeds") / summary.meta.source_file)
        for unclear in summary.unclear:
            kind = "目标" if unclear.kind == "target" else "实绩"
            problems.append(Problem("warning", seed, unclear.line, f"{kind}未能读出（{unclear.reason}）：“{unclear.text}”",
                                    f"check it by hand; record it in annotations/targets/{summary.meta.slug}.yml with 'add' if it should be"))
    return problems


def check_notes(root: Path, facts: list[ReportFacts], conversions: Conversions) -> list[Problem]:
    """Every notes file names a report and quotes passages it has."""
    problems: list[Problem] = []
    by_slug = {item.slug: item for item in facts}
    folder = root / NOTES_DIR
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        item = by_slug.get(path.stem)
        if item is None:
            problems.append(Problem("error", str(path), 1, f"no report with the slug '{path.stem}'",
                                    f"name the file after a report: {', '.join(sorted(by_slug))}"))
            continue
        attach_notes(conversions.report(item.key), path, problems)
    return problems


def cross_check(files: list[TermFile], reports: list[Report], all_reports: bool = True) -> list[Problem]:
    problems: list[Problem] = []
    report_terms = {name for report in reports for entry in report.glossary for name in entry.terms}
    report_slugs = {report.meta.slug for report in reports}
    owners: dict[str, TermFile] = {}  # term name -> file
    alias_owners: dict[str, TermFile] = {}
    for record in files:
        earlier = owners.get(record.term)
        if earlier:
            problems.append(Problem("error", str(record.path), record.line("term"),
                                    f"term '{record.term}' is already annotated in {earlier.path}",
                                    "merge the two files into one"))
        else:
            owners[record.term] = record
    for record in files:
        for alias in record.aliases:
            if alias == record.term:
                continue
            other = owners.get(alias)
            if alias in report_terms:
                problems.append(Problem("error", str(record.path), record.line("aliases"),
                                        f"alias '{alias}' is a term a report defines",
                                        f"annotate it in its own file (term: {alias}) instead"))
            elif other is not None and other is not record:
                problems.append(Problem("error", str(record.path), record.line("aliases"),
                                        f"alias '{alias}' is the term of {other.path}",
                                        "remove the alias, or merge the two terms"))
            elif alias in alias_owners and alias_owners[alias] is not record:
                problems.append(Problem("error", str(record.path), record.line("aliases"),
                                        f"alias '{alias}' is also an alias in {alias_owners[alias].path}",
                                        "keep the alias in one file only"))
            else:
                alias_owners[alias] = record
    known = set(owners) | set(alias_owners) | report_terms
    table = divisions()
    unknown = {r.meta.region for r in reports if r.meta.region and not r.meta.region_code}
    for record in files:
        if not record.summary and record.term not in report_terms and all_reports:
            problems.append(Problem("error", str(record.path), 1, "missing field 'summary'",
                                    "add 'summary: …' to the front matter (only a term a report defines may leave it out)"))
        if record.scope:
            _, wrong = resolve_scope(record.scope, table, unknown)
            if wrong:
                problems.append(Problem("error", str(record.path), record.line("scope"), wrong,
                                        "write scope: 全国, or scope: [内蒙古自治区, 150104] (region names or codes)"))
        for name in record.related:
            if name not in known:
                problems.append(Problem("error", str(record.path), record.line("related"),
                                        f"related term '{name}' is not a known term",
                                        "use a term or alias that has a file or a report definition"))
        for source in record.sources:
            if source.report and source.report not in report_slugs:
                problems.append(Problem("error", str(record.path), record.line("sources"),
                                        f"source names unknown report '{source.report}'",
                                        f"use one of: {', '.join(sorted(report_slugs))}"))
        for sense in record.senses:
            for slug in sense.reports:
                if slug not in report_slugs:
                    problems.append(Problem("error", str(record.path), sense.line,
                                            f"sense names unknown report '{slug}'",
                                            f"use one of: {', '.join(sorted(report_slugs))}"))
    return problems
