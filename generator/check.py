"""``python -m generator check``: validate every source an editor can touch.

Seeds, the manifest and overrides files must convert, and a report that
looks unconverted is a warning (see ``audit``); term files must be
well-formed; across files, terms and aliases must be unique, aliases must not
name another term, ``related`` and sense ``reports`` must name things that
exist. A term found in no report is a warning. Every problem names its file
and line and says how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .audit import audit_report
from .glossary.annotate import annotate_reports
from .glossary.annotations import TERMS_DIR, TermFile, load_term_files
from .model import Problem, Report
from .glossary.notes import NOTES_DIR, attach_notes
from .sources.read import SourceError
from .convert import convert_seeds
from .glossary.scope import resolve_scope
from .glossary.terms import Glossary, build_glossary
from .regions.divisions import divisions


@dataclass
class CheckResult:
    problems: list[Problem]
    reports: list[Report]
    glossary: Glossary | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check_project(root: Path) -> CheckResult:
    problems: list[Problem] = []
    unreadable: list[SourceError] = []
    try:
        reports = convert_seeds(root / "seeds", unreadable)
    except SourceError as error:  # the manifest itself, or a slug two files claim
        unreadable.append(error)
        reports = []
    for error in unreadable:
        problems.append(Problem("error", error.file, error.line, error.message, error.hint))
    for report in reports:
        problems += audit_report(report, Path("seeds") / report.meta.source_file)
    files, file_problems = load_term_files(root / TERMS_DIR)
    problems += file_problems
    problems += cross_check(files, reports)
    glossary = None
    if not any(p.severity == "error" for p in problems):
        glossary = build_glossary(reports, files)
        annotate_reports(reports, glossary)
        for term in glossary.terms:
            if not term.occurrences and term.editor_file:
                record = next(f for f in files if str(f.path) == term.editor_file)
                problems.append(Problem(
                    "warning", term.editor_file, record.line("term"), f"'{term.term}' occurs in no report",
                    "check the spelling, or add the form the reports use to 'aliases'",
                ))
    # Notes are checked even when the glossary is not, so every error shows at once.
    problems += attach_all_notes(root, reports)
    if any(p.severity == "error" for p in problems):
        glossary = None
    return CheckResult(problems, reports, glossary)


def attach_all_notes(root: Path, reports: list[Report]) -> list[Problem]:
    problems: list[Problem] = []
    by_slug = {report.meta.slug: report for report in reports}
    folder = root / NOTES_DIR
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        report = by_slug.get(path.stem)
        if report is None:
            problems.append(Problem("error", str(path), 1, f"no report with the slug '{path.stem}'",
                                    f"name the file after a report: {', '.join(sorted(by_slug))}"))
            continue
        report.notes = attach_notes(report, path, problems)
    return problems


def cross_check(files: list[TermFile], reports: list[Report]) -> list[Problem]:
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
            if other is not None and other is not record:
                problems.append(Problem("error", str(record.path), record.line("aliases"),
                                        f"alias '{alias}' is the term of {other.path}",
                                        "remove the alias, or merge the two terms"))
            elif alias in report_terms and alias != record.term:
                problems.append(Problem("error", str(record.path), record.line("aliases"),
                                        f"alias '{alias}' is a term a report defines",
                                        f"annotate it in its own file (term: {alias}) instead"))
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
        for sense in record.senses:
            for slug in sense.reports:
                if slug not in report_slugs:
                    problems.append(Problem("error", str(record.path), sense.line,
                                            f"sense names unknown report '{slug}'",
                                            f"use one of: {', '.join(sorted(report_slugs))}"))
    return problems
