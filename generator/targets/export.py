"""``targets.json`` and ``targets.csv``: every target and result of the archive as open data.

Both have the same columns (``COLUMNS``); the JSON is described by ``docs/targets.schema.json``
(published beside it). The CSV is UTF-8 with a byte-order mark, so that Excel opens it right.
"""

from __future__ import annotations

import csv
import io
import json

from .archive import FigureIndex

SCHEMA_URL = "targets.schema.json"
COLUMNS = ("report", "title", "region", "region_code", "level", "kind", "year", "indicator", "name", "text",
           "value", "value_high", "unit", "modifier", "anchor", "url")


def records(index: FigureIndex) -> list[dict]:
    out = []
    for placed in index.placed:
        figure = placed.figure
        out.append({
            "report": placed.report, "title": placed.title, "region": placed.region,
            "region_code": placed.region_code, "level": placed.level, "kind": figure.kind, "year": figure.year,
            "indicator": figure.indicator, "name": figure.name, "text": figure.text, "value": figure.value,
            "value_high": figure.value_high, "unit": figure.unit, "modifier": figure.modifier,
            "anchor": figure.anchor, "url": f"reports/{placed.report}.html#{figure.anchor}",
        })
    return out


def targets_json(index: FigureIndex) -> str:
    indicators = [{"id": i.id, "name": i.name, "unit": i.unit, "measure": i.measure} for i in index.vocabulary.indicators]
    # One record a line: compact at archive scale (tens of thousands of records), and a diff shows what changed.
    head = json.dumps({"$schema": SCHEMA_URL, "indicators": indicators}, ensure_ascii=False, separators=(",", ":"))
    rows = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in records(index))
    return head[:-1] + ',"records":[\n' + rows + "\n]}\n"


def targets_csv(index: FigureIndex) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in records(index):
        writer.writerow({key: ("" if value is None else _cell(value)) for key, value in row.items()})
    return "\ufeff" + buffer.getvalue()


def _cell(value: object) -> object:
    """A text cell that a spreadsheet would take for a formula is prefixed with ' (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
