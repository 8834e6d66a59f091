"""The reports' own 名词解释 sections, whatever their form.

Items may be numbered (``1.`` ``1、`` ``①``) or not; the term and the
definition are separated by ``：``, ``:`` or ``——``, or by nothing at all
(``阳光招生、阳光分班、公民同招“阳光招生”指……``); terms may be quoted, bold,
or carry affixes outside the quotes (``“两闲一空”盘活起效专项行动``,
``融入“四大经济圈”``). An item that names several quoted slogans defines
each of them.
"""

from __future__ import annotations

import re

from ..inline import plain, strip_markers
from ..model import GlossaryEntry, Paragraph
from .numbering import ITEM_NUMBER

_QUOTED = re.compile(r"“([^“”]+)”")
_SEPARATORS = ("：", "——")
_MAX_LABEL = 40


def _split_point(text: str) -> tuple[int, int] | None:
    """Where the label ends and the definition starts, outside quotation marks."""
    depth = 0
    for index, char in enumerate(text):
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(0, depth - 1)
        elif depth == 0 and index <= _MAX_LABEL:
            for separator in _SEPARATORS:
                if text.startswith(separator, index):
                    return index, index + len(separator)
    # No separator: the label runs up to the quotation that opens the definition.
    first_quote = text.find("“")
    if 0 < first_quote <= _MAX_LABEL and "”" not in text[:first_quote]:
        return first_quote, first_quote
    return None


def terms_of(label: str) -> list[str]:
    quoted = _QUOTED.findall(label)
    if quoted:
        return [term.strip() for term in quoted]
    return [part.strip() for part in re.split(r"[、，]", label) if part.strip()]


def parse_entry(paragraph: Paragraph, position: int) -> GlossaryEntry | None:
    """Parse one item; None when the paragraph is not a term and its definition."""
    text = paragraph.text
    number = None
    visible = strip_markers(text)
    match = ITEM_NUMBER.match(visible)
    if match:
        digits = next((g for g in match.groups() if g), "")
        number = int(digits) if digits.isdigit() else "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(digits) + 1
        text = _drop_prefix(text, match.end())
    split = _split_point(plain(text))
    if split is None:
        return None
    label_end, definition_start = _map_split(text, split)
    label = plain(text[:label_end]).strip()
    definition = text[definition_start:].strip()
    if not label or not plain(definition).strip():
        return None
    return GlossaryEntry(
        lines=paragraph.lines, label=label, terms=terms_of(label), definition=definition,
        number=number, position=position, anchor=f"gloss-{position}",
    )


def _drop_prefix(text: str, visible_length: int) -> str:
    """Drop the first ``visible_length`` visible characters, keeping markers."""
    out, seen = [], 0
    for char in text:
        if seen < visible_length and strip_markers(char):
            seen += 1
            continue
        out.append(char)
    return "".join(out)


def _map_split(text: str, split: tuple[int, int]) -> tuple[int, int]:
    """Map positions in plain(text) back to positions in text (which has markers)."""
    positions = [index for index, char in enumerate(text) if plain(char)]
    positions.append(len(text))
    return positions[split[0]], positions[split[1]]


def looks_like_glossary(paragraphs: list[Paragraph]) -> bool:
    """A heading-less run of numbered term items at the end of a report."""
    if len(paragraphs) < 3:
        return False
    numbers = []
    for paragraph in paragraphs:
        match = ITEM_NUMBER.match(strip_markers(paragraph.text))
        if not match or not (match.group(1) or "").isdigit():
            return False
        numbers.append(int(match.group(1)))
    if numbers != list(range(1, len(numbers) + 1)):
        return False
    parsed = [parse_entry(p, i) for i, p in enumerate(paragraphs, 1)]
    return sum(entry is not None for entry in parsed) == len(parsed)
