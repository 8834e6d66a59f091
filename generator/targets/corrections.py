"""Editors' corrections of an extraction: ``annotations/targets/<report-slug>.yml``.

Each entry is anchored by the phrase as the report prints it::

    - quote: 城镇新增就业85万人            # the phrase of an extracted record
      fix: {modifier: 以上}                # change fields of its record(s)
    - quote: 地区生产总值增长5%左右
      indicator: gdp_growth                # which record, where a phrase has several
      drop: true                           # the rules read it wrongly: remove it
    - quote: 粮食产量730亿斤以上            # a passage of the report the rules missed
      add: {indicator: grain_output, kind: target, value: 730, unit: 亿斤, modifier: 以上}

Whitespace in quotes is ignored. A quote that matches nothing, a field or an
indicator that does not exist, or a value that is not a number is an error naming
the file and line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..inline import FIGURE_CLOSE, MARKERS, figure_index
from ..model import Problem, Report
from ..sources.yamlfile import line_of, load_entries
from .extract import RESULT, TARGET, Extraction, Figure, _mark, _normalise
from .vocabulary import OTHER, Vocabulary

TARGETS_DIR = Path("annotations") / "targets"
_ENTRY_FIELDS = {"quote", "indicator", "drop", "fix", "add"}
_RECORD_FIELDS = {"indicator", "name", "value", "value_high", "unit", "modifier", "kind", "year"}


def _key(text: str) -> str:
    return re.sub(r"\s+", "", _normalise(text))


def apply_corrections(report: Report, extraction: Extraction, path: Path, vocabulary: Vocabulary,
                      problems: list[Problem]) -> Extraction:
    """The extraction with the file's corrections applied; mistakes go to ``problems``."""
    name = str(path)
    entries = load_entries(path, problems,
                           ("a targets file is a list of corrections", "start each with '- quote: …'"),
                           ("each correction must be a mapping", "write '- quote: …' and one of fix, drop, add"))
    known = {indicator.id for indicator in vocabulary.indicators} | {OTHER}
    figures = list(extraction.figures)
    added = 0
    phrases = len({figure.anchor for figure in figures})

    def error(line: int | None, message: str, hint: str) -> None:
        problems.append(Problem("error", name, line, message, hint))

    for item in entries:
        line = line_of(item)
        unknown = [key for key in item if key not in _ENTRY_FIELDS]
        quote = item.get("quote")
        actions = [key for key in ("drop", "fix", "add") if key in item]
        if unknown:
            error(line_of(item, str(unknown[0])), f"unknown field '{unknown[0]}'", f"allowed: {', '.join(sorted(_ENTRY_FIELDS))}")
            continue
        if not isinstance(quote, str) or not _key(quote):
            error(line, "missing 'quote'", "copy the phrase exactly as the report prints it")
            continue
        if len(actions) != 1:
            error(line, "write exactly one of 'fix', 'drop' or 'add'", "drop: true removes a record; fix: {…} changes it; add: {…} adds one")
            continue
        action = actions[0]
        if action == "add":
            record = item["add"]
            fields = _record_fields(record, known, error, line_of(item, "add"), full=True)
            if fields is None:
                continue
            span = _find(report, quote)
            if span is None:
                error(line, f"quote not found in {report.meta.slug}: “{quote}”", "copy the passage exactly from the report page")
                continue
            slot, start, end = span
            if _holds_figure(slot.get(), start, end):
                error(line, f"the passage “{quote}” overlaps a phrase already recorded",
                      "fix or drop that phrase's record instead, or quote a passage outside it")
                continue
            anchor = f"fig-{phrases + added + 1}"
            _mark(slot, [(start, end)], phrases + added)
            added += 1
            year = fields.get("year", (report.meta.year or 0) - (1 if fields["kind"] == RESULT else 0) or None)
            figures.append(Figure(
                indicator=fields["indicator"], name=fields.get("name", ""), text=quote.strip(),
                value=fields.get("value"), value_high=fields.get("value_high"), unit=fields.get("unit", ""),
                modifier=fields.get("modifier", ""), kind=fields["kind"], year=year, anchor=anchor, line=slot.line))
            continue
        matching = [i for i, figure in enumerate(figures) if _key(figure.text) == _key(quote)
                    and (item.get("indicator") is None or figure.indicator == item.get("indicator"))]
        if not matching:
            texts = "；".join(f"“{f.text}”" for f in figures[:6])
            error(line, f"no record of {report.meta.slug} has the phrase “{quote}”",
                  f"quote a record's phrase exactly; the records include {texts}" if texts else "this report has no records: use 'add'")
            continue
        if action == "drop":
            if item["drop"] is not True:
                error(line_of(item, "drop"), "'drop' must be true", "write 'drop: true'")
                continue
            figures = [figure for i, figure in enumerate(figures) if i not in matching]
        else:
            fields = _record_fields(item["fix"], known, error, line_of(item, "fix"), full=False)
            if fields is None:
                continue
            for i in matching:
                figures[i] = replace(figures[i], **fields)
    return Extraction(figures, extraction.unclear)


def _record_fields(record: object, known: set[str], error, line: int | None, full: bool) -> dict | None:
    if not isinstance(record, dict) or not record:
        error(line, "the record must be a mapping of fields", f"fields: {', '.join(sorted(_RECORD_FIELDS))}")
        return None
    unknown = [key for key in record if key not in _RECORD_FIELDS]
    if unknown:
        error(line_of(record, str(unknown[0])) or line, f"unknown record field '{unknown[0]}'",
              f"allowed: {', '.join(sorted(_RECORD_FIELDS))}")
        return None
    if "indicator" in record and record["indicator"] not in known:
        error(line_of(record, "indicator") or line, f"unknown indicator '{record['indicator']}'",
              "use an id from annotations/indicators.yml, or 'other'")
        return None
    if "kind" in record and record["kind"] not in (TARGET, RESULT):
        error(line_of(record, "kind") or line, f"kind must be '{TARGET}' or '{RESULT}'", "a target is planned, a result achieved")
        return None
    for key in ("value", "value_high"):
        if key in record and record[key] is not None and (isinstance(record[key], bool) or not isinstance(record[key], (int, float))):
            error(line_of(record, key) or line, f"'{key}' must be a number", "write it without units: value: 5.5")
            return None
    if "year" in record and (not isinstance(record["year"], int) or not 1949 <= record["year"] <= 2100):
        error(line_of(record, "year") or line, "'year' must be a year such as 2026", "the year the figure is about")
        return None
    for key in ("unit", "modifier", "name"):
        if key in record and not isinstance(record[key], str):
            error(line_of(record, key) or line, f"'{key}' must be text", "quote it if it looks like a number")
            return None
    if full and ("indicator" not in record or "kind" not in record):
        error(line, "an added record needs 'indicator' and 'kind'", "e.g. add: {indicator: gdp_growth, kind: target, value: 5, unit: \"%\"}")
        return None
    return dict(record)


def _holds_figure(text: str, start: int, end: int) -> bool:
    """Whether the visible span [start, end) touches a figure phrase (its markers would cross)."""
    depth = visible = 0
    for char in text:
        if figure_index(char) is not None:
            depth += 1
        elif char == FIGURE_CLOSE:
            depth -= 1
        elif not MARKERS.match(char):
            if start <= visible < end and depth:
                return True
            visible += 1
        if visible < end and visible > start and figure_index(char) is not None:
            return True
    return False


def _find(report: Report, quote: str):
    """The first slot holding the quote, and its visible span there."""
    wanted = _key(quote)
    for slot in report.body_slots():
        if isinstance(slot.owner, dict):
            continue
        text = slot.get()
        visible = [(i, ch) for i, ch in enumerate(MARKERS.sub("", text)) if not ch.isspace()]
        squashed = _normalise("".join(ch for _, ch in visible))
        at = squashed.find(wanted)
        if at != -1:
            return slot, visible[at][0], visible[at + len(wanted) - 1][0] + 1
    return None
