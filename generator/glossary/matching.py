"""Finding glossary terms in Chinese text.

Python-Markdown's ``abbr`` wraps terms in ``\\b``, which never matches between
two Han characters (``落实工地管理六个百分百监管``), so matching is ours: one
pass per text over every surface form (terms, aliases, variants), longest
match first, no overlaps. Surface forms are matched exactly, so a look-alike
(清四乱 for 清五乱, 四个百分百 for 六个百分百) is never taken for a term.

Digits need care: a form that starts or ends with a digit never matches inside
a longer number (12345热线 in 912345热线), and a form that is only digits, a
coded slogan such as “1571”, matches only in quotes; unquoted it is a
quantity (1571万元).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    slug: str
    surface: str


def _form_pattern(form: str) -> str:
    pattern = re.escape(form)
    if form.isascii() and form.isdigit():
        return f"(?<=[“‘]){pattern}(?=[”’])"
    if form[:1].isdigit():
        pattern = r"(?<![0-9.])" + pattern
    if form[-1:].isdigit():
        pattern += r"(?![0-9.])"
    return pattern


class TermMatcher:
    """All surface forms compiled into one alternation, longest first."""

    def __init__(self, forms: dict[str, str]):
        """``forms`` maps each surface form to the slug of its term."""
        self.forms = {form: slug for form, slug in forms.items() if form}
        ordered = sorted(self.forms, key=lambda form: (-len(form), form))
        self._pattern = re.compile("|".join(map(_form_pattern, ordered))) if ordered else None

    def find(self, text: str) -> list[Match]:
        if self._pattern is None:
            return []
        return [
            Match(m.start(), m.end(), self.forms[m.group()], m.group())
            for m in self._pattern.finditer(text)
        ]

    def without(self, slugs: frozenset[str]) -> TermMatcher:
        """The same matcher without some terms' forms."""
        return TermMatcher({form: slug for form, slug in self.forms.items() if slug not in slugs})

    def count(self, text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for match in self.find(text):
            counts[match.slug] = counts.get(match.slug, 0) + 1
        return counts


class ScopedMatcher:
    """The glossary's matcher for one report, where terms out of the report's scope are not marked.

    Most texts match only terms that apply, so the whole glossary's matcher
    runs first. Where it finds a term that does not apply, the text is matched
    again without such terms (a shorter term inside the longer one may apply),
    by a matcher shared among reports that leave out the same terms; the
    occurrences left unmarked are counted per term.
    """

    def __init__(self, matcher: TermMatcher, excluded: frozenset[str], shared: dict[frozenset[str], TermMatcher]):
        self.matcher = matcher
        self.excluded = excluded
        self.shared = shared
        self.unmarked: dict[str, int] = {}
        self.surfaces: dict[str, str] = {}  # every form either matcher found -> its term's slug

    def find(self, text: str) -> list[Match]:
        matches = self.matcher.find(text)
        self.surfaces.update((m.surface, m.slug) for m in matches)
        if not self.excluded or not any(m.slug in self.excluded for m in matches):
            return matches
        for match in matches:
            if match.slug in self.excluded:
                self.unmarked[match.slug] = self.unmarked.get(match.slug, 0) + 1
        if self.excluded not in self.shared:
            self.shared[self.excluded] = self.matcher.without(self.excluded)
        found = self.shared[self.excluded].find(text)
        self.surfaces.update((m.surface, m.slug) for m in found)
        return found
