"""Finding glossary terms in Chinese text.

Python-Markdown's ``abbr`` wraps terms in ``\\b``, which never matches between
two Han characters (``落实工地管理六个百分百监管``), so matching is ours: one
pass per text over every surface form (terms, aliases, variants), longest
match first, no overlaps. Surface forms are matched exactly, so a look-alike
(清四乱 for 清五乱, 四个百分百 for 六个百分百) is never taken for a term.
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


class TermMatcher:
    """All surface forms compiled into one alternation, longest first."""

    def __init__(self, forms: dict[str, str]):
        """``forms`` maps each surface form to the slug of its term."""
        self.forms = {form: slug for form, slug in forms.items() if form}
        ordered = sorted(self.forms, key=lambda form: (-len(form), form))
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def find(self, text: str) -> list[Match]:
        if self._pattern is None:
            return []
        return [
            Match(m.start(), m.end(), self.forms[m.group()], m.group())
            for m in self._pattern.finditer(text)
        ]

    def count(self, text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for match in self.find(text):
            counts[match.slug] = counts.get(match.slug, 0) + 1
        return counts
