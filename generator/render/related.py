"""相关报告 for every report at once: the reports sharing the most concepts with it.

Ranking every pair of reports by the terms they share costs the square of the
archive when done pair by pair (9 million pairs at 3,000 reports). Here each
term is a bit set of the reports using it, and a report's counts of shared
terms are added up bit-sliced, for every other report at once: a handful of
operations on 3,000-bit integers per term. The ranking is the one
``render.report.related_reports`` gives (most shared terms, then slug).
"""

from __future__ import annotations

from ..glossary.terms import Glossary
from .report import RELATED_SHOWN


def related_reports_of(summaries: list, glossary: Glossary, shown: int = RELATED_SHOWN) -> dict[str, tuple[list, int]]:
    """For each report (by slug): its ``shown`` closest reports, each with the terms they share
    (most used first), and how many reports share a term with it at all."""
    ordered = sorted(summaries, key=lambda summary: summary.meta.slug)
    index = {summary.meta.slug: number for number, summary in enumerate(ordered)}
    terms = glossary.by_slug()
    users: dict[str, int] = {}  # term slug -> bit set of the reports using it
    for summary in ordered:
        bit = 1 << index[summary.meta.slug]
        for slug in summary.counts:
            users[slug] = users.get(slug, 0) | bit
    found: dict[str, tuple[list, int]] = {}
    for summary in ordered:
        mine = sorted(summary.counts)
        if not mine:
            continue
        own = 1 << index[summary.meta.slug]
        digits: list[int] = []  # bit i of every report's count of shared terms
        anyone = 0
        for slug in mine:
            carry = users[slug] & ~own
            anyone |= carry
            for place, digit in enumerate(digits):
                digits[place], carry = digit ^ carry, digit & carry
                if not carry:
                    break
            if carry:
                digits.append(carry)
        top: list[int] = []
        left = anyone
        while left and len(top) < shown:
            best = left
            for digit in reversed(digits):  # the reports with the highest count left
                if best & digit:
                    best &= digit
            while best and len(top) < shown:
                lowest = best & -best  # lowest index first: slug order among equals
                top.append(lowest.bit_length() - 1)
                best ^= lowest
                left ^= lowest
            left &= ~best
        related = []
        for number in top:
            other = ordered[number]
            shared = [terms[slug] for slug in mine if slug in other.counts]
            shared.sort(key=lambda term: -(summary.counts[term.slug] + other.counts[term.slug]))
            related.append((other, shared))
        found[summary.meta.slug] = (related, anyone.bit_count())
    return found

