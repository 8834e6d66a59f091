"""附件: the appendices after a report's body.

* An appendix label on a line of its own takes the title on the next line as
  its heading (``附件1`` ⏎ ``2026年省十件民生实事`` -> ``附件1 2026年省十件民生实事``);
  before a 名词解释 title it labels the glossary (``附件2 名词解释``).
* Inside an appendix, items numbered in one sequence from 1 (一、……, 1. ……)
  become an ordered list; the paragraphs after an item belong to it.
"""

from __future__ import annotations

from ..inline import drop_visible_prefix, strip_markers
from ..model import Block, GlossarySection, Heading, ListItem, NumberedList, Paragraph
from .numbering import APPENDIX, GLOSSARY_TITLE, ITEM_NUMBER, could_be_heading, heading_text, item_number, number_of

_MAX_TITLE = 40


def appendix_label(text: str) -> str:
    """附件1：……, 附件 2 -> 附件1, 附件2."""
    match = APPENDIX.match(heading_text(text))
    return f"附件{match.group('number') or ''}" if match else ""


def merge_appendix_titles(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if not (isinstance(block, Heading) and block.style == "appendix"):
            out.append(block)
            continue
        label = appendix_label(block.text)
        title = APPENDIX.match(heading_text(block.text)).group("title").strip()  # type: ignore[union-attr]
        following = blocks[index] if index < len(blocks) else None
        if not title and isinstance(following, Heading) and following.style == "glossary":
            following.text = f"{label} {following.text}"
            following.lines = block.lines + following.lines
            continue  # the glossary heading carries the label
        if not title and _is_title(following):
            title = heading_text(following.text)  # type: ignore[union-attr]
            block.lines = block.lines + following.lines  # type: ignore[union-attr]
            index += 1
        block.text = f"{label} {title}".strip()
        out.append(block)
    return out


def _is_title(block: Block | None) -> bool:
    if isinstance(block, Heading):
        return block.style not in ("glossary", "appendix", "box") and len(heading_text(block.text)) <= _MAX_TITLE
    if isinstance(block, Paragraph):
        text = heading_text(block.text)
        return len(text) <= _MAX_TITLE and could_be_heading(text) and not GLOSSARY_TITLE.match(text)
    return False


def _item(block: Block) -> tuple[str, int, str, str] | None:
    """(style, number, text without the number, the number as printed) of a numbered item."""
    if not isinstance(block, (Heading, Paragraph)):
        return None
    visible = strip_markers(block.text).lstrip()
    numbered = number_of(visible)
    if numbered:
        style, number = numbered
        end = visible.index("、") + 1 if style == "part" else min(i for i in (visible.find("）"), visible.find(")")) if i >= 0) + 1
    elif match := ITEM_NUMBER.match(visible):
        style, number, end = "item", item_number(match), match.end()
    else:
        return None
    return style, number, drop_visible_prefix(block.text.lstrip(), end).strip(), visible[:end]


def build_appendix_lists(blocks: list[Block]) -> list[Block]:
    """The numbered items of each appendix as one ordered list."""
    out: list[Block] = []
    in_appendix = False
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, (GlossarySection, Heading)) and (
            isinstance(block, GlossarySection) or block.style in ("appendix", "glossary")
        ):
            in_appendix = isinstance(block, Heading) and block.style == "appendix"
            out.append(block)
            index += 1
            continue
        first = _item(block) if in_appendix else None
        if first is None or first[1] != 1:
            out.append(block)
            index += 1
            continue
        items, end = _collect(blocks, index, first[0])
        if len(items) < 2:
            out.append(block)
            index += 1
            continue
        out.append(NumberedList([line for item in items for line in item.lines], items))
        index = end
    return out


def _collect(blocks: list[Block], start: int, style: str) -> tuple[list[ListItem], int]:
    items: list[ListItem] = []
    index = start
    while index < len(blocks):
        found = _item(blocks[index])
        if found and found[0] == style and found[1] == len(items) + 1:
            items.append(ListItem(found[1], found[2], list(blocks[index].lines), marker=found[3]))
        elif items and isinstance(blocks[index], Paragraph) and not found:
            items[-1].paragraphs.append(blocks[index])  # type: ignore[arg-type]
        else:
            break
        index += 1
    return items, index
