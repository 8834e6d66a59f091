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
    errata: list[Erratum] = []
    for spec in overrides.errata:
        hits = [(line, start) for line in lines for start in _find_all(line.text, spec.context)]
        if not hits:
            raise SourceError(
                overrides.name, spec.line, f"erratum context not found in {source_name}: {spec.context!r}",
                "copy the text exactly as the seed file has it, spaces included, within one line",
            )
        if len(hits) > 1:
            where = ", ".join(str(line.no) for line, _ in hits[:5])
            raise SourceError(
                overrides.name, spec.line, f"erratum context occurs {len(hits)} times in {source_name} (lines {where})",
                "add 'context:' with more of the surrounding text so that it occurs once",
            )
        line, start = hits[0]
        position = start + spec.context.index(spec.text)
        index = len(errata)
        errata.append(Erratum(spec.text, spec.correction, spec.note, line.no))
        line.text = line.text[:position] + erratum_ref(index) + line.text[position + len(spec.text):]
    return errata


def _find_all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found
