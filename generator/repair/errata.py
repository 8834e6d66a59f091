"""Errata recorded by editors in the overrides file.

Artefact class: conversion or OCR substitutions (`` and `` for 和, 十 for +,
一 for —). They are not fixed by guessing: an editor records each one, and
the reader sees the original and the correction side by side. Each erratum
becomes a marker character at its place in the source line, so no later rule
can alter it.
"""

from __future__ import annotations

from ..inline import erratum_ref
from ..model import Erratum, Line
from ..sources.overrides import Overrides
from ..sources.read import SourceError


def apply_errata(lines: list[Line], overrides: Overrides, source_name: str) -> list[Erratum]:
    """Put each erratum's marker where its context occurs once: within a line, or across a line break.

    A PDF or a hard-wrapped text breaks lines at the page width, so the context
    an editor copies may run over the end of a line into the next one.
    """
    errata: list[Erratum] = []
    for spec in overrides.errata:
        hits = [(line, start, None) for line in lines for start in _find_all(line.text, spec.context)]
        if not hits:
            hits = _across_lines(lines, spec.context)
        if not hits:
            raise SourceError(
                overrides.name, spec.line, f"erratum context not found in {source_name}: {spec.context!r}",
                "copy the text exactly as the report has it, spaces included",
            )
        if len(hits) > 1:
            where = ", ".join(str(line.no) for line, _, _ in hits[:5])
            raise SourceError(
                overrides.name, spec.line, f"erratum context occurs {len(hits)} times in {source_name} (lines {where})",
                "add 'context:' with more of the surrounding text so that it occurs once",
            )
        line, start, following = hits[0]
        position = start + spec.context.index(spec.text)
        end = position + len(spec.text)
        index = len(errata)
        errata.append(Erratum(spec.text, spec.correction, spec.note, line.no))
        if following is None or end <= len(line.text):
            line.text = line.text[:position] + erratum_ref(index) + line.text[end:]
        elif position >= len(line.text):  # the erratum's text is all on the next line
            at = position - len(line.text)
            following.text = following.text[:at] + erratum_ref(index) + following.text[end - len(line.text):]
        else:  # it runs over the break: the marker ends the first line, the rest goes from the next
            following.text = following.text[end - len(line.text):]
            line.text = line.text[:position] + erratum_ref(index)
    return errata


def _across_lines(lines: list[Line], context: str) -> list[tuple[Line, int, Line]]:
    """Where the context starts on one line and ends on the next (no blank line between)."""
    hits = []
    for line, following in zip(lines, lines[1:]):
        if not line.text or not following.text:
            continue
        joined = line.text + following.text
        for start in _find_all(joined, context):
            if start < len(line.text) < start + len(context):
                hits.append((line, start, following))
    return hits


def _find_all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found
