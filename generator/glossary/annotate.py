"""Stage 4, attach annotations: every occurrence of a glossary term in a report.

Matching runs on the repaired text, so a term once cut by a page break is
found. Each report's text is scanned once by the glossary's single
multi-pattern matcher (longest form first, no overlaps). A term is never
matched across a footnote mark or an editorial correction, and never in the
report's own 名词解释 section (whose entries link to their concept pages).

Each occurrence is written into the text as ``term_open(k) … TERM_CLOSE`` and
recorded on the report with its deep-link anchor and a context snippet, which
the concept pages use.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..inline import BOLD_CLOSE, BOLD_OPEN, MARKERS, TERM_CLOSE, strip_markers, term_open
from .matching import ScopedMatcher, TermMatcher
from ..model import Report
from .terms import Glossary

SNIPPET = 20
_BARRIER = "\x00"  # stands for a footnote mark or an erratum while matching


@dataclass
class Occurrence:
    index: int  # position in the report's occurrence list
    term: str  # term slug
    report: str  # report slug
    anchor: str  # element id on the report page: t-<slug>-<n>
    surface: str  # the form found in the text
    before: str  # context snippet before the occurrence
    after: str  # and after it
    line: int  # first source line of the block


def annotate_report(report: Report, matcher: TermMatcher | ScopedMatcher) -> list[Occurrence]:
    """Mark every term occurrence in the report's body text; return them in reading order."""
    if report.occurrences is not None:  # already annotated: marking twice would nest terms
        return report.occurrences
    occurrences: list[Occurrence] = []
    per_term: dict[str, int] = {}
    for slot in report.body_slots():
        text = slot.get()
        visible, positions = _matching_text(text)
        matches = matcher.find(visible)
        if not matches:
            continue
        plain = strip_markers(text)
        pieces: list[str] = []
        cursor = 0
        for match in matches:
            start, end = positions[match.start], positions[match.end - 1] + 1
            number = per_term[match.slug] = per_term.get(match.slug, 0) + 1
            occurrence = Occurrence(
                index=len(occurrences), term=match.slug, report=report.meta.slug,
                anchor=f"t-{match.slug}-{number}", surface=match.surface,
                before=_tail(plain, text, start), after=_head(plain, text, end), line=slot.line,
            )
            occurrences.append(occurrence)
            inner = text[start:end]
            prefix, inner_plain, suffix = _lift_bold(inner)
            pieces += [text[cursor:start], prefix, term_open(occurrence.index), inner_plain, TERM_CLOSE, suffix]
            cursor = end
        pieces.append(text[cursor:])
        slot.set("".join(pieces))
    report.occurrences = occurrences
    return occurrences


def _lift_bold(inner: str) -> tuple[str, str, str]:
    """Bold marks inside a match move outside it, so the term stays one element.

    A bold span closed inside the term closes just before it, one opened
    inside opens just after it, and one wholly inside is dropped.
    """
    depth = unmatched_close = 0
    for char in inner:
        if char == BOLD_OPEN:
            depth += 1
        elif char == BOLD_CLOSE:
            if depth:
                depth -= 1
            else:
                unmatched_close += 1
    text = inner.replace(BOLD_OPEN, "").replace(BOLD_CLOSE, "")
    return BOLD_CLOSE * unmatched_close, text, BOLD_OPEN * depth


class _Positions:
    """Where each character of the matching text stands in the marked text.

    Only bold marks are removed for matching (everything else keeps its
    place), so a position shifts by the number of bold marks before it.
    """

    def __init__(self, removed: list[int]):
        # the matching-text index at which each removed mark stood
        self._shifts = [position - count for count, position in enumerate(removed)]

    def __getitem__(self, index: int) -> int:
        return index + bisect_right(self._shifts, index)


_BOLD = re.compile(f"[{BOLD_OPEN}{BOLD_CLOSE}]")


def _matching_text(text: str) -> tuple[str, _Positions]:
    """The text to match on, with each character's position in ``text``.

    Bold marks vanish (a term may cross one); footnote marks and errata become
    barriers that no term can span.
    """
    if not MARKERS.search(text):
        return text, _Positions([])
    removed = [match.start() for match in _BOLD.finditer(text)]
    visible = MARKERS.sub(_BARRIER, _BOLD.sub("", text))
    return visible, _Positions(removed)


def _visible_index(text: str, index: int) -> int:
    return len(strip_markers(text[:index]))


def _tail(plain: str, text: str, start: int) -> str:
    position = _visible_index(text, start)
    return plain[max(0, position - SNIPPET): position]


def _head(plain: str, text: str, end: int) -> str:
    position = _visible_index(text, end)
    return plain[position: position + SNIPPET]


def annotate_reports(reports: list[Report], glossary: Glossary) -> dict[str, list[Occurrence]]:
    """Annotate every report with the terms whose scope covers it; record per-report counts on each
    term, and the occurrences a scope left unmarked."""
    matcher = glossary.matcher()
    by_slug = glossary.by_slug()
    local = [term for term in glossary.terms if not term.scope.national]
    shared: dict[frozenset[str], TermMatcher] = {}
    for term in glossary.terms:
        term.occurrences, term.unmarked = {}, {}
    found: dict[str, list[Occurrence]] = {}
    for report in reports:
        slug = report.meta.slug
        excluded = frozenset(term.slug for term in local if not glossary.applies(term, slug))
        scoped = ScopedMatcher(matcher, excluded, shared)
        occurrences = annotate_report(report, scoped)
        found[slug] = occurrences
        for occurrence in occurrences:
            counts = by_slug[occurrence.term].occurrences
            counts[slug] = counts.get(slug, 0) + 1
        for term_slug, count in scoped.unmarked.items():
            by_slug[term_slug].unmarked[slug] = count
    return found
