"""Editorial fixes without code: ``seeds/<slug>.overrides.yml``.

An editor can force or refuse a heading, join two blocks the converter kept
apart, keep apart two blocks it joined, split a block, and record errata. Every
entry is anchored by a quote of the source text (whitespace and ``*`` are
ignored when matching), so entries stay readable and survive re-conversion.

Example::

    headings:
      force:
        - match: 本届政府工作回顾
          level: 2
      refuse:
        - match: 一年来，我们
    join:
      - match: 人民代表大会第二次会议上     # joined to the block before it
    keep_apart:
      - match: 深入开展建筑垃圾治理          # never joined to the block before it
    split:
      - match: 二是招商引资质效偏低          # a new paragraph starts here
    errata:
      - text: " and "
        correction: 和
        context: 保护民营企业 and 企业家
        note: 转换错误：“和”被误作英文 and
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .read import SourceError
from .yamlfile import line_of, load_yaml


@dataclass(frozen=True)
class Anchor:
    match: str
    line: int | None
    level: int | None = None

    @property
    def key(self) -> str:
        return anchor_key(self.match)


@dataclass(frozen=True)
class ErratumSpec:
    text: str
    correction: str
    context: str
    note: str
    line: int | None


@dataclass
class Overrides:
    path: Path | None = None
    force_headings: list[Anchor] = field(default_factory=list)
    refuse_headings: list[Anchor] = field(default_factory=list)
    join: list[Anchor] = field(default_factory=list)
    keep_apart: list[Anchor] = field(default_factory=list)
    split: list[Anchor] = field(default_factory=list)
    errata: list[ErratumSpec] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.path) if self.path else "<no overrides>"


def anchor_key(text: str) -> str:
    """What anchors compare: the text without whitespace or Markdown bold marks."""
    return re.sub(r"[\s*]+", "", text)


_TOP_LEVEL = {"headings", "join", "keep_apart", "split", "errata"}
_HEADING_KEYS = {"force", "refuse"}


def load_overrides(path: Path) -> Overrides:
    data = load_yaml(path)
    overrides = Overrides(path=path)
    if data is None:
        return overrides
    if not isinstance(data, dict):
        raise SourceError(path, 1, "the overrides file must be a mapping", f"use the keys: {', '.join(sorted(_TOP_LEVEL))}")
    _reject_unknown(path, data, _TOP_LEVEL)
    headings = data.get("headings") or {}
    if not isinstance(headings, dict):
        raise SourceError(path, line_of(data, "headings"), "'headings' must be a mapping", "give it 'force:' and/or 'refuse:' lists")
    _reject_unknown(path, headings, _HEADING_KEYS)
    overrides.force_headings = _anchors(path, headings, "force", with_level=True)
    overrides.refuse_headings = _anchors(path, headings, "refuse")
    overrides.join = _anchors(path, data, "join")
    overrides.keep_apart = _anchors(path, data, "keep_apart")
    overrides.split = _anchors(path, data, "split")
    overrides.errata = _errata(path, data)
    return overrides


def _reject_unknown(path: Path, mapping: dict, allowed: set[str]) -> None:
    for key in mapping:
        if key not in allowed:
            raise SourceError(
                path, line_of(mapping, str(key)), f"unknown field '{key}'", f"allowed here: {', '.join(sorted(allowed))}"
            )


def _entries(path: Path, mapping: dict, key: str) -> list[dict]:
    entries = mapping.get(key) or []
    if not isinstance(entries, list):
        raise SourceError(path, line_of(mapping, key), f"'{key}' must be a list", "start each entry with '- '")
    for entry in entries:
        if not isinstance(entry, dict):
            raise SourceError(path, line_of(mapping, key), f"each '{key}' entry must be a mapping", "write entries as '- match: <text>'")
    return entries


def _text(path: Path, entry: dict, key: str, required: bool = True) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip(" ")):
        raise SourceError(path, line_of(entry, key), f"'{key}' must be non-empty text", f"write {key}: <text from the report>")
    return value


def _anchors(path: Path, mapping: dict, key: str, with_level: bool = False) -> list[Anchor]:
    anchors = []
    allowed = {"match", "level"} if with_level else {"match"}
    for entry in _entries(path, mapping, key):
        _reject_unknown(path, entry, allowed)
        level = entry.get("level")
        if level is not None and (not isinstance(level, int) or not 2 <= level <= 4):
            raise SourceError(path, line_of(entry, "level"), "'level' must be 2, 3 or 4", "2 = part, 3 = sub-part, 4 = box")
        anchors.append(Anchor(_text(path, entry, "match"), line_of(entry), level))
    return anchors


def _errata(path: Path, mapping: dict) -> list[ErratumSpec]:
    errata = []
    for entry in _entries(path, mapping, "errata"):
        _reject_unknown(path, entry, {"text", "correction", "context", "note"})
        text = _text(path, entry, "text")
        correction = _text(path, entry, "correction")
        context = _text(path, entry, "context", required=False) or text
        if text not in context:
            raise SourceError(path, line_of(entry, "context"), "'context' must contain 'text'", "quote the wrong text together with its neighbours")
        note = _text(path, entry, "note", required=False)
        errata.append(ErratumSpec(text, correction, context, note, line_of(entry)))
    return errata
