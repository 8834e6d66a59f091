"""Passage notes: ``annotations/notes/<report-slug>.yml``.

An editor attaches a note to an exact passage of a report::

    - quote: 丰富勐立体育文化产业园多层次      # exact report text
      note: 原文此处作“勐立”，同文他处作“励立”“劭立”。   # Markdown
      occurrence: 2                             # only when the quote occurs more than once

Anchoring is by quote (whitespace and ``*`` ignored), so notes survive a
re-conversion of the report. A quote that is not found, or found more than
once without ``occurrence``, is an error that names the file and line and
shows the closest passages.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .annotations import unsafe_text
from ..inline import BOLD_CLOSE, TERM_CLOSE, note_ref, strip_markers, term_index
from ..model import Problem, Report
from ..sources.yamlfile import line_of, load_entries

NOTES_DIR = Path("annotations") / "notes"
_FIELDS = {"quote", "note", "occurrence"}


@dataclass
class PassageNote:
    number: int  # 1-based, in reading order of the report
    quote: str
    note: str  # Markdown
    line: int | None  # line in the notes file


def _key(text: str) -> str:
    return re.sub(r"[\s*]+", "", text)


@dataclass
class _Spec:
    quote: str
    note: str
    occurrence: int | None
    line: int | None


def load_note_specs(path: Path, problems: list[Problem]) -> list[_Spec]:
    name = str(path)

    def error(line: int | None, message: str, hint: str) -> None:
        problems.append(Problem("error", name, line, message, hint))

    entries = load_entries(path, problems,
                           ("a notes file is a list of notes", "start each note with '- quote: …'"),
                           ("each note must be a mapping", "write '- quote: …' and 'note: …'"))
    specs = []
    for item in entries:
        unknown = [key for key in item if key not in _FIELDS]
        quote, note, occurrence = item.get("quote"), item.get("note"), item.get("occurrence")
        if unknown:
            error(line_of(item, str(unknown[0])), f"unknown field '{unknown[0]}'", f"allowed: {', '.join(sorted(_FIELDS))}")
        elif not isinstance(quote, str) or not _key(quote):
            error(line_of(item), "missing 'quote'", "copy the exact passage from the report")
        elif not isinstance(note, str) or not note.strip():
            error(line_of(item), "missing 'note'", "write the note in Markdown after 'note:'")
        elif occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
            error(line_of(item, "occurrence"), "'occurrence' must be a whole number from 1", "1 = the first time the quote occurs")
        elif unsafe_text(note) or unsafe_text(quote):
            error(line_of(item, "note"), "raw HTML or script in the note", "use Markdown, not HTML; links must be http(s)")
        else:
            specs.append(_Spec(quote, note.strip(), occurrence, line_of(item)))
    return specs


def _places(report: Report, quote: str) -> list[tuple[object, int]]:
    """Every (slot, end position in the slot's text) where the quote occurs."""
    wanted = _key(quote)
    found = []
    for slot in report.body_slots():
        text = slot.get()
        visible = [(index, char) for index, char in enumerate(text) if strip_markers(char) and not char.isspace() and char != "*"]
        squashed = "".join(char for _, char in visible)
        start = squashed.find(wanted)
        while start != -1:
            found.append((slot, visible[start + len(wanted) - 1][0] + 1))
            start = squashed.find(wanted, start + 1)
    return found


def _after_closing_marks(text: str, position: int) -> int:
    """Move past marks that close at the passage end, and out of a term the passage ends in."""
    opened = sum(term_index(c) is not None for c in text[:position]) - text[:position].count(TERM_CLOSE)
    if opened > 0:
        position = text.index(TERM_CLOSE, position) + 1
    while position < len(text) and text[position] in (TERM_CLOSE, BOLD_CLOSE):
        position += 1
    return position


def closest_passages(report: Report, quote: str, count: int = 3) -> list[str]:
    sentences = [
        sentence for text, _ in report.body_texts()
        for sentence in re.split(r"(?<=[。！？；])", strip_markers(text)) if sentence.strip()
    ]
    scored = sorted(sentences, key=lambda s: -difflib.SequenceMatcher(None, quote, s).ratio())
    return [s if len(s) <= 40 else s[:40] + "…" for s in scored[:count]]


def attach_notes(report: Report, path: Path, problems: list[Problem]) -> list[PassageNote]:
    """Anchor each note of ``path`` in the report's text; errors go to ``problems``."""
    specs = load_note_specs(path, problems)
    anchored: list[tuple[object, int, _Spec]] = []
    for spec in specs:
        places = _places(report, spec.quote)
        if not places:
            near = "；".join(f"“{p}”" for p in closest_passages(report, spec.quote))
            problems.append(Problem("error", str(path), spec.line, f"quote not found in {report.meta.slug}: “{spec.quote}”",
                                    f"closest passages: {near}"))
        elif len(places) > 1 and spec.occurrence is None:
            problems.append(Problem("error", str(path), spec.line,
                                    f"quote occurs {len(places)} times in {report.meta.slug}: “{spec.quote}”",
                                    f"add 'occurrence: N' (1 to {len(places)}) or quote more of the passage"))
        elif spec.occurrence is not None and spec.occurrence > len(places):
            problems.append(Problem("error", str(path), spec.line,
                                    f"occurrence {spec.occurrence}, but the quote occurs {len(places)} times",
                                    f"use a number from 1 to {len(places)}"))
        else:
            slot, end = places[(spec.occurrence or 1) - 1]
            anchored.append((slot, end, spec))
    # Number in reading order, then insert markers from the end of each text backwards.
    slots = list(report.body_slots())
    index_of = {(s.owner.__class__, id(s.owner), str(s.key), s.index): i for i, s in enumerate(slots)}
    keyed = []
    for slot, end, spec in anchored:
        position = index_of[(slot.owner.__class__, id(slot.owner), str(slot.key), slot.index)]  # type: ignore[attr-defined]
        keyed.append((position, end, slot, spec))
    keyed.sort(key=lambda item: (item[0], item[1]))
    notes = [PassageNote(number, spec.quote, spec.note, spec.line) for number, (_, _, _, spec) in enumerate(keyed, 1)]
    for number, (_, end, slot, _spec) in reversed(list(enumerate(keyed, 1))):
        text = slot.get()  # type: ignore[attr-defined]
        position = _after_closing_marks(text, end)
        slot.set(text[:position] + note_ref(number - 1) + text[position:])  # type: ignore[attr-defined]
    return notes
