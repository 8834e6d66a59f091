"""Tab-separated tables, including tables split across a page.

Artefact classes: a table dumped as TAB-separated lines with its caption as a
first row padded with empty cells; group rows in bold with empty cells; and,
at a page break, the caption repeated (sometimes as a ``#`` heading) and the
header row repeated. The pieces become one table with one header; the
repeated caption and header are dropped and recorded; a following
``注：``/``注释：`` line becomes the table's note.
"""

from __future__ import annotations

import re

from ..inline import plain
from ..model import Chunk, RepairLog, Table, TableRow

_NOTE = re.compile(r"^(?:注|注释|说明|备注|资料来源)\s*[:：]")
_BOLD_CELL = re.compile(r"^\*\*(.+)\*\*$")


def _is_table_chunk(chunk: Chunk) -> bool:
    return sum("\t" in line.text for line in chunk.lines) * 2 > len(chunk.lines)


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.split("\t")]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", plain(text))


def _caption(cells: list[str]) -> str | None:
    """A first row with one filled cell (and more columns) is the caption."""
    filled = [cell for cell in cells if cell]
    if len(cells) > 1 and len(filled) == 1 and cells[0] and not _BOLD_CELL.match(cells[0]):
        return cells[0]
    return None


def _row(cells: list[str], width: int) -> TableRow:
    cells = (cells + [""] * width)[:width]
    bold = _BOLD_CELL.match(cells[0])
    if bold and not any(cells[1:]):
        return TableRow([bold.group(1)] + cells[1:], group=True)
    return TableRow(cells)


def assemble_tables(chunks: list[Chunk], log: RepairLog) -> list[Chunk | Table]:
    units: list[Chunk | Table] = []
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        index += 1
        if not _is_table_chunk(chunk):
            units.append(chunk)
            continue
        rows = [_cells(line.text) for line in chunk.lines]
        lines = chunk.line_numbers
        caption = _caption(rows[0])
        if caption is not None:
            rows = rows[1:]
        if not rows:
            units.append(chunk)
            continue
        header = rows[0]
        width = max(len(row) for row in rows)
        body = [_row(row, width) for row in rows[1:]]
        # Pieces of the same table after a page break.
        while index < len(chunks):
            piece = chunks[index]
            text = " ".join(line.text for line in piece.lines)
            if caption and not _is_table_chunk(piece) and _key(text) == _key(caption):
                log.removed("repeated-table-caption", piece.line_numbers, text)
                index += 1
                continue
            if not _is_table_chunk(piece):
                break
            piece_rows = [_cells(line.text) for line in piece.lines]
            if caption and _caption(piece_rows[0]) and _key(piece_rows[0][0]) == _key(caption):
                log.removed("repeated-table-caption", [piece.lines[0].no], piece.lines[0].text)
                piece_rows = piece_rows[1:]
                piece = Chunk(piece.lines[1:])
                if not piece_rows:
                    index += 1
                    continue
            if piece_rows and [_key(c) for c in piece_rows[0]] == [_key(c) for c in header]:
                log.removed("repeated-table-header", [piece.lines[0].no], piece.lines[0].text)
                piece_rows = piece_rows[1:]
            elif max(len(row) for row in piece_rows) != width:
                break
            body.extend(_row(row, width) for row in piece_rows)
            lines.extend(piece.line_numbers)
            index += 1
        table = Table(lines=lines, header=(header + [""] * width)[:width], rows=body, caption=caption)
        if index < len(chunks) and _NOTE.match(plain(chunks[index].lines[0].text)):
            note = chunks[index]
            table.note = "".join(line.text for line in note.lines)
            table.lines.extend(note.line_numbers)
            index += 1
        units.append(table)
    return units
