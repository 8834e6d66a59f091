"""The glossary: terms from the reports' own 名词解释 plus editor annotations.

Every 名词解释 entry of every report becomes a term automatically (a new
report needs no manual step). An entry naming several quoted slogans becomes
several terms, each with its part of the definition where the text separates
them. Editor files add new terms or enrich report-defined ones; the report's
own wording always stays, with its citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pypinyin import lazy_pinyin

from .annotations import SourceRef, TermFile
from ..inline import plain
from .matching import TermMatcher
from ..model import GlossaryEntry, Report
from ..regions.divisions import Divisions, divisions
from ..regions.tree import RegionTree, build_region_tree
from .scope import EVERYWHERE, Scope, resolve_scope
from ..structure.glossary_entries import term_parts

DEFAULT_CATEGORY = "地方工作部署"
_SUMMARY_LIMIT = 80


@dataclass
class Definition:
    """One definition with its provenance."""

    source: str  # e.g. "玉泉区2023年政府工作报告·名词解释" or "编者"
    text: str
    report: str | None = None  # report slug, for report definitions
    anchor: str | None = None  # entry anchor on the report page
    label: str = ""  # the entry's label as printed

    @property
    def url(self) -> str | None:
        return f"reports/{self.report}.html#{self.anchor}" if self.report else None


@dataclass
class Sense:
    reports: list[str]
    summary: str
    explanation: str = ""


@dataclass
class Term:
    slug: str
    term: str
    aliases: list[str] = field(default_factory=list)
    summary: str = ""
    summary_en: str = ""
    explanation: str = ""
    category: str = DEFAULT_CATEGORY
    related: list[str] = field(default_factory=list)  # slugs
    definitions: list[Definition] = field(default_factory=list)
    senses: list[Sense] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)  # the editors' sources
    editor_file: str | None = None
    editor_written: bool = False  # True when no report defines it
    occurrences: dict[str, int] = field(default_factory=dict)
    scope: Scope = EVERYWHERE
    scope_given: bool = False  # an editor set the scope (else the default: see generator/glossary/scope.py)
    unmarked: dict[str, int] = field(default_factory=dict)  # report slug -> occurrences its scope left unmarked

    @property
    def defined_in(self) -> list[str]:
        """The reports whose 名词解释 define the term."""
        return [d.report for d in self.definitions if d.report]

    @property
    def forms(self) -> list[str]:
        return [self.term, *self.aliases]

    def summary_for(self, report: str) -> str:
        for sense in self.senses:
            if report in sense.reports:
                return sense.summary
        return self.summary


@dataclass
class Glossary:
    """The terms; lookups are built once (the glossary does not change after it is built)."""

    terms: list[Term]
    regions: RegionTree | None = None  # where each report lies, for the terms' scopes
    titles: dict[str, str] = field(default_factory=dict)  # report slug -> title, for explanation sources
    dates: dict[str, str] = field(default_factory=dict)  # report slug -> date, for sources

    def applies(self, term: Term, report: str) -> bool:
        """Whether the term is marked in this report: its scope covers it, a sense names it, or it defines the term."""
        if term.scope.national or report in term.defined_in or any(report in s.reports for s in term.senses):
            return True
        return term.scope.covers(self.regions.report_chain(report)) if self.regions else False

    def scope_names(self, term: Term) -> list[str]:
        """The regions of a term's scope by name (empty for a national term)."""
        if term.scope.national:
            return []
        table = divisions()
        return sorted((table.get(key).name if table.get(key) else key.lstrip("?")) for key in term.scope.regions)

    def explanation(self, term: Term, report: str) -> tuple[str, str]:
        """(summary, source) shown for the term in a report; source is empty for the report's own words
        and the editors'. The report's own definition wins, then a sense for it, then the definition
        of the nearest region above it that defines the term, then the editors' summary."""
        own = next((d for d in term.definitions if d.report == report), None)
        if own is not None:
            return summarise(own.text), ""
        for sense in term.senses:
            if report in sense.reports:
                return sense.summary, ""
        chain = self.regions.report_chain(report) if self.regions else ()
        nearest, depth = None, -1
        for definition in term.definitions:
            if definition.report and self.regions:
                defining = self.regions.report_chain(definition.report)
                if defining and defining[-1] in chain and chain.index(defining[-1]) > depth:
                    nearest, depth = definition, chain.index(defining[-1])
        if nearest is None and not term.editor_file:
            nearest = next((d for d in term.definitions if d.report), None)
        if nearest is not None:
            return summarise(nearest.text), self.titles.get(nearest.report, nearest.source)
        return term.summary, ""

    def sources(self, term: Term) -> list[SourceRef]:
        """What defines the term: the editors' sources, then each report whose 名词解释 defines it."""
        found = [source if source.title or not source.report else
                 replace(source, title=self.titles.get(source.report, source.report),
                         date=source.date or self.dates.get(source.report) or None)
                 for source in term.sources]
        cited = {source.report for source in found if source.report}
        for definition in term.definitions:
            if definition.report and definition.report not in cited:
                cited.add(definition.report)
                found.append(SourceRef(f"{self.titles.get(definition.report, definition.report)}·名词解释",
                                       date=self.dates.get(definition.report) or None, report=definition.report))
        return found

    def by_slug(self) -> dict[str, Term]:
        if not hasattr(self, "_by_slug"):
            self._by_slug = {term.slug: term for term in self.terms}
        return self._by_slug

    def by_form(self) -> dict[str, Term]:
        if not hasattr(self, "_by_form"):
            self._by_form = {form: term for term in self.terms for form in term.forms}
        return self._by_form

    def matcher(self) -> TermMatcher:
        return TermMatcher({form: term.slug for form, term in self.by_form().items()})


# ------------------------------------------------------------------ report entries


def split_definition(entry: GlossaryEntry) -> dict[str, str]:
    """Each term's part of the definition, where the text separates them; else the whole."""
    text = plain(entry.definition).strip()
    if len(entry.terms) < 2:
        return {term: text for term in entry.terms}
    starts = [text.find(f"“{term}”") if f"“{term}”" in text else text.find(term) for term in entry.terms]
    if any(start < 0 for start in starts) or starts != sorted(starts):
        return {term: text for term in entry.terms}
    parts = {}
    for index, term in enumerate(entry.terms):
        end = starts[index + 1] if index + 1 < len(entry.terms) else len(text)
        parts[term] = text[starts[index]:end].rstrip("；;，, ")
    return parts


def variants(term: str, label: str) -> list[str]:
    """Other ways the reports write a term: the part of the label naming it, as printed and
    without quotes; the term without 、."""
    found = []
    part = next((part for name, part in term_parts(label) if name == term), label)
    bare_part = part.replace("“", "").replace("”", "")
    if bare_part != term and part.count("“") == 1:
        found.append(bare_part)
    if bare_part == term and part != term and not (part.startswith("“") and part.endswith("”")):
        found.append(part)  # 稳增长“21”条: the whole label is the term, as printed
    if "、" in term:
        found.append(term.replace("、", ""))
    return found


def summarise(text: str) -> str:
    """A tooltip summary from a definition: its first sentence, shortened if need be."""
    text = re.sub(r"^(?:[指即是]|是指)", "", text.strip())
    sentence = re.split(r"(?<=[。；])", text, maxsplit=1)[0].rstrip("；")
    if len(sentence) > _SUMMARY_LIMIT:
        sentence = sentence[: _SUMMARY_LIMIT - 1] + "…"
    return sentence


def slug_for_term(term: str) -> str:
    words = []
    for piece in lazy_pinyin(term):
        words += re.findall(r"[a-z0-9]+", piece.lower())
    return "-".join(words) or "term"


# ------------------------------------------------------------------ building


def build_glossary(reports: list[Report], files: list[TermFile], table: Divisions | None = None) -> Glossary:
    table = table or divisions()
    tree = build_region_tree(reports, table)
    terms: dict[str, Term] = {}  # by canonical term
    for report in reports:
        for entry in report.glossary:
            for name, text in split_definition(entry).items():
                term = terms.setdefault(name, Term(slug="", term=name))
                term.definitions.append(Definition(
                    source=f"{report.meta.title}·名词解释", text=text, report=report.meta.slug,
                    anchor=entry.anchor, label=entry.label,
                ))
                for variant in variants(name, entry.label) + entry.variants:
                    if variant not in term.aliases and variant != term.term:
                        term.aliases.append(variant)
    for term in terms.values():
        term.summary = summarise(term.definitions[0].text)

    forms = {form: term for term in terms.values() for form in term.forms}
    related_names: dict[str, list[str]] = {}
    for record in files:
        term = forms.get(record.term) or next((forms[a] for a in record.aliases if a in forms), None)
        if term is None:
            term = Term(slug="", term=record.term, editor_written=True)
            terms[record.term] = term
        term.slug = record.slug
        term.editor_file = str(record.path)
        term.summary = record.summary or term.summary  # a report-defined term may keep the report's words
        term.summary_en = record.summary_en
        term.sources = list(record.sources)
        term.category = record.category
        term.explanation = record.explanation
        for alias in record.aliases:
            if alias not in term.aliases and alias != term.term:
                term.aliases.append(alias)
        term.senses = [Sense(s.reports, s.summary, s.explanation) for s in record.senses]
        related_names[term.term] = record.related
        if record.explanation or record.summary:
            term.definitions.append(Definition(source="编者", text=record.explanation or record.summary))
        forms.update({form: term for form in term.forms})
        if record.scope:
            unknown = {r.name for r in tree.regions.values() if not r.code}
            scope, _ = resolve_scope(record.scope, table, unknown)  # check reports a scope that does not resolve
            if scope is not None:
                term.scope, term.scope_given = scope, True

    for term in terms.values():
        if not term.scope_given and term.defined_in:
            term.scope = Scope(frozenset(tree.report_chain(slug)[-1] for slug in term.defined_in
                                         if tree.report_chain(slug)))

    _assign_slugs(list(terms.values()))
    for name, related in related_names.items():
        terms[name].related = [forms[r].slug for r in related if r in forms]
    return Glossary(sorted(terms.values(), key=lambda t: t.slug), tree, {r.meta.slug: r.meta.title for r in reports},
                    {r.meta.slug: r.meta.date for r in reports})


def _assign_slugs(terms: list[Term]) -> None:
    """Pinyin slugs; homophones get the first letters of a distinguishing suffix."""
    taken = {term.slug for term in terms if term.slug}
    pending = sorted((term for term in terms if not term.slug), key=lambda t: t.term)
    for term in pending:
        slug = slug_for_term(term.term)
        candidate, number = slug, 2
        while candidate in taken:
            candidate, number = f"{slug}-{number}", number + 1
        term.slug = candidate
        taken.add(candidate)
