"""The build, stage by stage, in the order the stages run.

    seeds/ ──► 1. per report, a map over the seeds (cached on disk by the report's files)
               read → layout → repair → structure → place            convert.py
               → the Report, pickled in .cache/conversions;
                 its ReportFacts (metadata, 名词解释 entries, notices, audit) kept
    annotations/terms + every report's 名词解释 (facts only)
           ──► 2. the glossary                                        glossary/terms.py
    seeds/ ──► 3. per report, a map again (cached by the report, the parts of the glossary it uses,
               the indicator vocabulary and the report's target corrections)
               extract targets and results → annotate → notes → render its Markdown
                                                                      targets/extract.py, glossary/annotate.py,
                                                                      render/report.py
               → the page body in the staging folder; its ReportSummary (counts, first occurrences,
                 its targets and results)
           ──► 4. archive-wide, from the summaries alone
               related reports, concept pages, region pages, home page and year files,
               名词索引, glossary.json; each figure beside the region's other years (tooltips,
               region tables, 主要指标), targets.json/.csv           render/, glossary/export.py, targets/
           ──► 5. the site: MkDocs (or Zensical) renders the Markdown, the search index is cut
                                                                      site/mkdocs_hook.py, site/search.py;
                                                                      or site/zensical.py

No stage holds every report in memory: stage 1 keeps facts, stage 3 keeps
summaries, and the Markdown of report pages lives in files. Stages 1 and 3 are
plain maps over reports (``generator.parallel.fork_map`` on this machine's
cores); the README says how they would run on a cluster. ``check`` runs stages
1 to 3 to validate; it is not the build.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .audit import audit_report, conversion_line
from .cache import ContentCache, code_version
from .cache import digest as _digest
from .glossary.annotate import Occurrence, annotate_report
from .glossary.matching import ScopedMatcher, TermMatcher
from .glossary.notes import NOTES_DIR, attach_notes
from .glossary.terms import Glossary, Term
from .inline import plain
from .model import GlossaryEntry, Notice, Problem, Report, ReportMeta
from .parallel import can_fork, fork_map
from .regions.divisions import data_version, divisions
from .regions.place import apply_placement, place
from .render.concepts import OCCURRENCES_PER_REPORT
from .render.report import render_report_body
from .sources.manifest import SeedReport, apply_manifest, discover
from .sources.overrides import Overrides, load_overrides
from .sources.read import SourceError, reader_key
from .targets.corrections import TARGETS_DIR, apply_corrections
from .targets.extract import Figure, Unclear, extract_figures
from .targets.vocabulary import INDICATORS_FILE, Vocabulary, load_vocabulary

# A map over this many items or more runs in forked workers (fewer: in this process).
PARALLEL_FROM = 8


# ---------------------------------------------------------------- what passes between the stages


@dataclass
class ReportFacts:
    """What the glossary and the archive need of a converted report: never its text."""

    key: str  # the conversion's content key (see report_key)
    meta: ReportMeta
    glossary: list[GlossaryEntry]  # its 名词解释 entries, which define terms
    notices: list[Notice]
    problems: list[Problem]  # what looks unconverted (audit), naming the seed file
    summary_line: str  # the build's line for the report (see audit.conversion_line)
    defined: list[str] = field(default_factory=list)  # the terms its 名词解释 defines

    @property
    def slug(self) -> str:
        return self.meta.slug


@dataclass
class ReportSummary:
    """What a report's page leaves for the archive-wide pages: its terms, not its text."""

    meta: ReportMeta
    counts: dict[str, int]  # term slug -> occurrences marked
    unmarked: dict[str, int]  # term slug -> occurrences its scope left unmarked
    occurrences: list[Occurrence]  # the first OCCURRENCES_PER_REPORT + 1 of each term, in reading order
    used: list[str]  # the terms the page links (their explanations go into the page)
    notes: list[str] = field(default_factory=list)  # the passages editors' notes are attached to (quotes)
    note_problems: list[Problem] = field(default_factory=list)  # in its notes and target corrections files
    figures: list[Figure] = field(default_factory=list)  # its targets and results, corrections applied
    unclear: list[Unclear] = field(default_factory=list)  # figures the extraction could not read


def _sort_key(meta: ReportMeta) -> tuple[str, str]:
    return (meta.date or str(meta.year or ""), meta.slug)


# ---------------------------------------------------------------- stage 1: convert each report


def report_key(seed: SeedReport) -> str:
    """A report's conversion depends on its file, its overrides, its manifest entry, its reader's
    version and the code table: nothing else."""
    overrides = seed.overrides_path.read_bytes() if seed.overrides_path.exists() else b""
    entry = repr(tuple(sorted(seed.entry.values.items()))) if seed.entry else ""
    return _digest(seed.path.name, seed.path.read_bytes(), overrides, entry, reader_key(seed.path), data_version())


def convert_seed(seed: SeedReport) -> Report:
    """Stage 1 for one report: read → layout → repair → structure → place."""
    from .convert import convert_file

    has_overrides = seed.overrides_path.exists() and seed.overrides_path.stat().st_size > 0
    overrides = load_overrides(seed.overrides_path) if has_overrides else Overrides()
    report = convert_file(seed.path, seed.meta(), overrides)
    apply_manifest(report.meta, seed.entry)
    level_given = bool(seed.entry and seed.entry.values.get("level"))
    apply_placement(report, place(report, divisions()), level_given)
    return report


def facts_of(report: Report, key: str) -> ReportFacts:
    return ReportFacts(
        key=key, meta=report.meta, glossary=report.glossary, notices=list(report.notices),
        problems=audit_report(report, Path("seeds") / report.meta.source_file),
        summary_line=conversion_line(report), defined=[name for entry in report.glossary for name in entry.terms],
    )


_FACTS: dict[str, ReportFacts] = {}  # facts by key, kept between mkdocs serve's rebuilds


class Conversions:
    """Stage 1's results on disk: each Report (pickled) and its facts, by content key."""

    def __init__(self, root: Path):
        self.reports = ContentCache(root / ".cache", "conversions")
        self.facts = ContentCache(root / ".cache", "facts")
        self._memory = _FACTS

    def report(self, key: str, seed: SeedReport | None = None) -> Report:
        """The converted report (a fresh copy: later stages mark its text)."""
        stored = self.reports.get(key.encode())
        if stored is None:
            if seed is None:
                raise KeyError(key)
            return self._convert(seed, key)[0]
        return pickle.loads(stored)  # noqa: S301 - our own cache

    def _convert(self, seed: SeedReport, key: str) -> tuple[Report, ReportFacts]:
        report = convert_seed(seed)
        stored = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        facts = facts_of(report, key)
        self.reports.put(key.encode(), stored)
        self.facts.put(key.encode(), facts)
        self._memory[key] = facts
        return pickle.loads(stored), facts  # noqa: S301 - a copy, as a later build would read it

    def all_facts(self, seeds: list[SeedReport], errors: list[SourceError] | None = None) -> list[ReportFacts]:
        """Every seed's facts, converting those not in the cache (in forked workers when many),
        newest first. A seed that cannot be read raises its SourceError; with ``errors``, every
        error is collected there and the other reports still convert."""
        keyed = [(seed, report_key(seed)) for seed in seeds]
        found: dict[str, ReportFacts] = {}
        missing = []
        for seed, key in keyed:
            facts = self._memory.get(key) or self.facts.get(key.encode())
            if facts is None or not self.reports.has(key.encode()):
                missing.append((seed, key))
            else:
                found[key] = self._memory.setdefault(key, facts)

        def convert(item: tuple[SeedReport, str]) -> tuple[str, ReportFacts | SourceError]:
            seed, key = item
            try:
                return key, self._convert(seed, key)[1]
            except SourceError as error:  # an editor's error: reported as a sequential build reports it
                return key, error

        # Largest first, so that the workers finish together; the parent keeps only the facts.
        missing.sort(key=lambda item: -item[0].path.stat().st_size)
        results = dict(map_reports(convert, missing))
        for seed, key in keyed:  # the first bad seed in order, as a sequential build reports it
            result = results.get(key)
            if isinstance(result, SourceError):
                if errors is None:
                    raise result
                errors.append(result)
            elif result is not None:
                self._memory[key] = result
                found[key] = result
        for stale in set(self._memory) - {key for _, key in keyed}:
            del self._memory[stale]
        ordered = [found[key] for _, key in keyed if key in found]
        return sorted(ordered, key=lambda facts: _sort_key(facts.meta), reverse=True)


def map_reports(function: Callable, items: list) -> Iterator:
    """A map over reports: in forked workers on this machine's cores when there are many.

    The executor is all the build knows of parallelism: each item's result
    depends on the item and on what the parent computed before the map (the
    glossary), so the same map could run on other machines (see the README)."""
    if len(items) >= PARALLEL_FROM and can_fork():
        return fork_map(function, items)
    return map(function, items)


# ---------------------------------------------------------------- stage 3: each report's page


@dataclass
class _PageEntry:
    """A report's page as stage 3 last made it, with what it depended on in the glossary."""

    body_bytes: int  # the size of the body written to the staging folder (the body itself is not kept here)
    summary: ReportSummary
    candidates: dict[str, str]  # term slug -> term_fingerprint, for every term its text matched
    surfaces: dict[str, str]  # every form its text matched -> the slug of the term it was a form of
    defined: str  # the terms its 名词解释 defines, with their slugs (its entries link their concept pages)
    forms: str  # the forms_version of the glossary it was made with


def term_fingerprint(term: Term, glossary: Glossary, report: str) -> str:
    """What of a term shapes a report's page body besides its forms: its slug and name, and whether it
    applies to the report (its explanation goes into the page later, see render.report.fill_report_page).

    Forms are followed apart: a page is made again when a form its text matched moves to another
    term or goes, or when a form new to the glossary occurs in its text."""
    return _digest(term.slug, term.term, str(glossary.applies(term, report)))


def forms_version(glossary: Glossary) -> str:
    return _digest("\n".join(sorted(glossary.by_form())))


class Pages:
    """Stage 3: each report annotated and rendered to its page body, cached by what it used."""

    def __init__(self, root: Path, conversions: Conversions, glossary: Glossary, annotate: bool, edit_base: str,
                 staging: Path, vocabulary: Vocabulary | None = None):
        self.root = root
        self.vocabulary = vocabulary if vocabulary is not None else project_vocabulary(root)
        self.conversions = conversions
        self.glossary = glossary
        self.annotate = annotate
        self.edit_base = edit_base
        self.staging = staging
        self.cache = ContentCache(root / ".cache", "report-pages")
        self.texts = ContentCache(root / ".cache", "report-texts")  # read only when the glossary gains forms
        self.forms_version = forms_version(glossary)
        self.forms_cache = ContentCache(root / ".cache", "glossary-forms")
        self.forms_cache.put(self.forms_version.encode(), sorted(glossary.by_form()))
        self.rendered = 0  # page bodies made in this build (not found in the cache)

    def _entry_key(self, facts: ReportFacts) -> str:
        notes = self.root / NOTES_DIR / f"{facts.slug}.yml"
        corrections = self.root / TARGETS_DIR / f"{facts.slug}.yml"
        return _digest(code_version(), facts.key, notes.read_bytes() if notes.exists() else b"-",
                       corrections.read_bytes() if corrections.exists() else b"-", self.vocabulary.version,
                       str(self.annotate), self.edit_base, self._region_key(facts))

    def _region_key(self, facts: ReportFacts) -> str:
        tree = self.glossary.regions
        slug = tree.of_report.get(facts.slug) if tree else None
        return "/".join(f"{r.slug}:{r.name}" for r in tree.chain(slug)) if slug else ""

    def _still_valid(self, entry: _PageEntry, facts: ReportFacts, key: str) -> bool:
        terms = self.glossary.by_slug()
        forms = self.glossary.by_form()
        for slug, fingerprint in entry.candidates.items():
            term = terms.get(slug)
            if term is None or term_fingerprint(term, self.glossary, facts.slug) != fingerprint:
                return False
        if entry.defined != _defined(facts, forms):
            return False
        for surface, slug in entry.surfaces.items():
            owner = forms.get(surface)
            if owner is None or owner.slug != slug:
                return False
        if entry.forms != self.forms_version:
            before = self.forms_cache.get(entry.forms.encode())
            if before is None:
                return False
            new = set(forms) - set(before)
            text = self.texts.get(key.encode()) if new else ""
            if text is None or any(form in text for form in new):
                return False
        return True

    def page(self, facts: ReportFacts) -> tuple[ReportSummary, bool]:
        """The report's summary, its page body written to the staging folder; and whether it was made anew."""
        key = self._entry_key(facts)
        entry = self.cache.get(key.encode())
        target = self.staging / "bodies" / f"{facts.slug}.md"
        if entry is not None and _size(target) == entry.body_bytes and self._still_valid(entry, facts, key):
            return entry.summary, False
        entry, body, text = self._make(facts)
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_if_changed(target, body)
        self.texts.put(key.encode(), text)
        self.cache.put(key.encode(), entry)
        return entry.summary, True

    def _make(self, facts: ReportFacts) -> tuple[_PageEntry, str, str]:
        """The report annotated and rendered: its entry, its page body, and its plain text."""
        report = self.conversions.report(facts.key)
        glossary = self.glossary if self.annotate else None
        problems: list[Problem] = []
        notes_path = self.root / NOTES_DIR / f"{facts.slug}.yml"
        scoped = None
        text = "\n".join(plain(text) for text, _ in report.body_texts())  # before terms are marked in it
        extraction = extract_figures(report, self.vocabulary)  # marks its phrases: no term crosses one
        corrections = self.root / TARGETS_DIR / f"{facts.slug}.yml"
        if corrections.exists():
            extraction = apply_corrections(report, extraction, corrections, self.vocabulary, problems)
        report.figures = extraction.figures
        if self.annotate:
            scoped = _scoped_matcher(self.glossary, facts.slug)
            occurrences = annotate_report(report, scoped)
        else:
            occurrences = []
        if notes_path.exists():
            report.notes = attach_notes(report, notes_path, problems)
        counts: dict[str, int] = {}
        for occurrence in occurrences:
            counts[occurrence.term] = counts.get(occurrence.term, 0) + 1
        overrides = f"seeds/{Path(facts.meta.source_file).stem}.overrides.yml"
        body, used = render_report_body(report, glossary, edit_base=self.edit_base, notes_exist=notes_path.exists(),
                                        overrides_file=overrides, regions=self.glossary.regions, counts=counts,
                                        targets_exist=corrections.exists() if report.figures or corrections.exists() else None)
        unmarked = dict(scoped.unmarked) if scoped is not None else {}
        first: list[Occurrence] = []
        shown: dict[str, int] = {}
        for occurrence in occurrences:
            if shown.get(occurrence.term, 0) <= OCCURRENCES_PER_REPORT:
                shown[occurrence.term] = shown.get(occurrence.term, 0) + 1
                first.append(occurrence)
        summary = ReportSummary(facts.meta, counts, unmarked, first, used, [note.quote for note in report.notes], problems,
                                extraction.figures, extraction.unclear)
        terms = self.glossary.by_slug()
        candidates = {slug: term_fingerprint(terms[slug], self.glossary, facts.slug) for slug in {*counts, *unmarked}}
        surfaces = dict(scoped.surfaces) if scoped is not None else {}
        entry = _PageEntry(len(body.encode("utf-8")), summary, candidates, surfaces,
                           _defined(facts, self.glossary.by_form()), self.forms_version)
        return entry, body, text

    def all_pages(self, facts: list[ReportFacts]) -> list[ReportSummary]:
        """Every report's summary, in the order of ``facts``; bodies not in the cache are made on all cores."""

        def one(item: ReportFacts) -> tuple[str, ReportSummary, bool]:
            summary, made = self.page(item)
            return item.slug, summary, made

        results = {slug: (summary, made) for slug, summary, made in map_reports(one, facts)}
        self.rendered = sum(made for _, made in results.values())
        return [results[item.slug][0] for item in facts]


def project_vocabulary(root: Path) -> Vocabulary:
    """The project's indicator vocabulary (none when it keeps no annotations/indicators.yml).
    Its mistakes are reported by check (read_sources); here a bad file counts as empty."""
    path = root / INDICATORS_FILE
    if not path.exists():
        return Vocabulary([])
    problems: list[Problem] = []
    vocabulary = load_vocabulary(path, problems)
    return vocabulary if not any(p.severity == "error" for p in problems) else Vocabulary([], version="invalid")


def _defined(facts: ReportFacts, forms: dict[str, Term]) -> str:
    return "\n".join(f"{name}:{forms[name].slug if name in forms else ''}" for name in facts.defined)


def _scoped_matcher(glossary: Glossary, report: str) -> ScopedMatcher:
    if not hasattr(glossary, "_matcher"):
        glossary._matcher = glossary.matcher()  # type: ignore[attr-defined]
        glossary._shared = {}  # type: ignore[attr-defined]
        glossary._local = [t for t in glossary.terms if not t.scope.national]  # type: ignore[attr-defined]
    excluded = frozenset(t.slug for t in glossary._local if not glossary.applies(t, report))  # type: ignore[attr-defined]
    matcher: TermMatcher = glossary._matcher  # type: ignore[attr-defined]
    return ScopedMatcher(matcher, excluded, glossary._shared)  # type: ignore[attr-defined]


def record_counts(glossary: Glossary, summaries: list[ReportSummary]) -> None:
    """Each term's occurrences per report, and those its scope left unmarked, from the summaries."""
    terms = glossary.by_slug()
    for term in glossary.terms:
        term.occurrences, term.unmarked = {}, {}
    for summary in summaries:
        for slug, count in summary.counts.items():
            terms[slug].occurrences[summary.meta.slug] = count
        for slug, count in summary.unmarked.items():
            terms[slug].unmarked[summary.meta.slug] = count


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def _write_if_changed(target: Path, content: str) -> bool:
    """Write a file only when its content changes (mkdocs serve and a dirty build look at the time)."""
    data = content.encode("utf-8")
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    temporary = target.with_suffix(target.suffix + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
    return True


def seeds_of(root: Path) -> list[SeedReport]:
    return discover(root / "seeds")


def staging_folder(root: Path, annotate: bool = True, edit_base: str = "") -> Path:
    """Where the generated report pages are written for MkDocs: under .cache/, one folder per variant."""
    return root / ".cache" / "docs" / _digest(str(annotate), edit_base.rstrip("/"))[:12]


# ---------------------------------------------------------------- the whole build, in order


def run(root: Path, annotate: bool = True, edit_base: str = ""):
    """Stages 1 to 4 over everything under ``root``: the generated pages (see site/pages.Generated).

    Raises BuildError (naming every file and line) when a source has an error; nothing is written then.
    """
    from .check import read_sources
    from .site.pages import HAND_WRITTEN, BuildError, Generated, archive_pages

    sources = read_sources(root)  # 1. each report's facts; term files; 2. the glossary
    errors = [p for p in sources.problems if p.severity == "error"]
    if errors or sources.glossary is None:
        from .check import check_notes

        # Every error at once: the notes files too (they are read with their reports, few of them).
        raise BuildError(errors + [p for p in check_notes(root, sources.facts, sources.conversions)
                                   if p.severity == "error"])
    glossary, facts = sources.glossary, sources.facts
    staging = staging_folder(root, annotate, edit_base)
    pages = Pages(root, sources.conversions, glossary, annotate, edit_base, staging)
    summaries = pages.all_pages(facts)  # 3. each report's page body and summary
    record_counts(glossary, summaries)
    errors = [p for s in summaries for p in s.note_problems if p.severity == "error"] + _unknown_notes(root, facts)
    if errors:
        raise BuildError(errors)
    from .check import glossary_warnings

    warnings = [p for p in sources.problems if p.severity == "warning"]
    warnings += glossary_warnings(glossary, sources.files, facts)
    generated = archive_pages(root, summaries, glossary, annotate, edit_base, staging)  # 4. the archive
    extra = [{title: name} for name, title in HAND_WRITTEN.items() if (root / "docs" / name).exists()]
    notices = [notice for item in facts for notice in item.notices]
    return Generated(summaries, glossary, generated, notices, warnings, extra,
                     [item.summary_line for item in facts], pages.rendered)


def _unknown_notes(root: Path, facts: list[ReportFacts]) -> list[Problem]:
    """Notes and target corrections files must be named after a report."""
    slugs = {item.slug for item in facts}
    found = []
    for folder in (root / NOTES_DIR, root / TARGETS_DIR):
        found += [Problem("error", str(path), 1, f"no report with the slug '{path.stem}'",
                          f"name the file after a report: {', '.join(sorted(slugs))}")
                  for path in sorted(folder.glob("*.yml")) if folder.is_dir() and path.stem not in slugs]
    return found
