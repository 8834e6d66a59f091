"""Datasets of reports in one file: ``python -m generator import FILE``.

Research datasets ship hundreds of reports as the rows of a CSV, JSONL or
Parquet file, with columns such as title, region, year and full text. The
import writes each row's text to ``seeds/<slug>.txt`` and records what its
columns state in ``seeds/manifest.yml``; the build then converts it like any
other report (a crawler's metadata block in the text is read as usual).

* **Columns** are found by name (``COLUMNS``: title/标题, region/地区,
  year/年份, text/full_text/正文, url), or named with options.
* **Every row is reported**: new, unchanged, or its error with the file, the
  row and what to do; a bad row (no text, bytes not in the file's encoding,
  a duplicate, a year that is none) does not stop the others.
* **A re-import changes nothing**: the slug comes from what the row states
  (its region's pinyin, its year, its kind), the file is written only when its
  bytes differ, and an entry already in the manifest is left as it is. A
  file already in ``seeds/`` with other text is never overwritten without
  ``--replace``.

Rows are numbered as a spreadsheet shows them (a CSV's header is row 1), a
JSONL file's by line, a Parquet file's from 1.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from .manifest import MANIFEST_NAME, load_manifest
from .metadata import kind_of, region_in
from .read import SourceError

DATASET_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
# Field -> the column names datasets use for it (compared case-folded, spaces and '_' aside).
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "fulltext", "full_text", "正文", "全文", "content", "body", "内容", "正文内容", "文本"),
    "title": ("title", "标题", "题目", "报告标题", "文件标题", "name", "名称"),
    "region": ("region", "地区", "地域", "行政区", "行政区划", "地区名称", "province", "city", "county", "area",
               "省份", "城市", "发文单位"),
    "year": ("year", "年份", "年度", "report_year"),
    "url": ("url", "link", "source_url", "来源url", "来源网址", "原文链接", "链接", "网址", "href"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|维吾尔|壮族|回族|省|市|地区|盟|州|区|县|旗)$")
_KIND_SLUG = {"政府工作报告": "work-report", "五年规划纲要": "five-year-plan"}


class DatasetError(SourceError):
    """A dataset that cannot be read at all (as opposed to one bad row)."""


@dataclass
class Row:
    number: int
    values: dict[str, str] = field(default_factory=dict)
    problem: str = ""  # why the row cannot be read, with what to do


@dataclass
class RowResult:
    number: int
    status: str  # new, unchanged, kept, error
    message: str
    file: str = ""


# ------------------------------------------------------------------ reading the rows

def _key(name: str) -> str:
    return re.sub(r"[\s_]+", "", str(name)).casefold()


def _decode_lines(data: bytes) -> tuple[str, list[int]]:
    """The text, and the (1-based) lines whose bytes are not in the file's encoding.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; a file
    that is UTF-8 but for a few lines keeps its other lines; a file in GB18030
    throughout is read as GB18030.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad = []
    for number, line in enumerate(lines, 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
    if len(bad) * 2 > sum(1 for line in lines if any(byte > 127 for byte in line)):
        try:
            return data.decode("gb18030"), []
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors="surrogateescape"), bad


_ENCODING_PROBLEM = ("its bytes are not in the file's encoding (UTF-8): this row was saved in another one",
                     "export the dataset again as UTF-8, or fix this row's text")


def _csv_rows(path: Path, data: bytes) -> tuple[list[str], Iterator[Row]]:
    text, bad_lines = _decode_lines(data)
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    try:
        header = next(reader)
    except StopIteration:
        raise DatasetError(path, None, "the file is empty", "a dataset needs a header row and one row per report") from None
    except csv.Error as error:
        raise DatasetError(path, 1, f"cannot read the header row: {error}", "save the file as CSV again") from None

    def rows() -> Iterator[Row]:
        number = 1
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                number += 1
                yield Row(number, problem=f"cannot read this row: {error}|fix its quoting, or save the file as CSV again")
                continue
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            row = Row(number, dict(zip(header, cells)))
            if any(start <= line <= reader.line_num for line in bad_lines) or any("\udc80" <= c <= "\udcff" for c in "".join(cells)):
                row.problem = "|".join(_ENCODING_PROBLEM)
            elif len(cells) != len(header):
                row.problem = (f"it has {len(cells)} cells where the header names {len(header)} columns"
                               "|fix its quoting (a comma inside a text must be inside quotes)")
            yield row

    return header, rows()


def _jsonl_rows(path: Path, data: bytes) -> tuple[list[str], Iterator[Row]]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    lines = data.split(b"\n")
    header: list[str] = []
    parsed: list[Row] = []
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            parsed.append(Row(number, problem="|".join(_ENCODING_PROBLEM)))
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            parsed.append(Row(number, problem=f"this line is not JSON ({error.msg}, column {error.colno})"
                                             "|write one JSON object per line"))
            continue
        if not isinstance(value, dict):
            parsed.append(Row(number, problem="this line is not a JSON object|write one object per line: {\"title\": …}"))
            continue
        for key in value:
            if key not in header:
                header.append(key)
        parsed.append(Row(number, {key: "" if item is None else str(item) for key, item in value.items()}))
    return header, iter(parsed)


def _parquet_rows(path: Path) -> tuple[list[str], Iterator[Row]]:
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise DatasetError(path, None, "reading Parquet needs pyarrow, an optional extra",
                           "install it with: .venv/bin/pip install -e '.[parquet]'") from None
    try:
        table = parquet.read_table(str(path))
    except Exception as error:  # noqa: BLE001 - pyarrow's many ways of failing on a broken file
        raise DatasetError(path, None, f"this Parquet file cannot be read ({type(error).__name__})",
                           "export the dataset again") from None
    header = list(table.column_names)

    def rows() -> Iterator[Row]:
        for batch in table.to_batches(max_chunksize=64):
            for offset, record in enumerate(batch.to_pylist()):
                number = rows.seen + offset + 1
                values, problem = {}, ""
                for key, item in record.items():
                    if isinstance(item, bytes):
                        try:
                            item = item.decode("utf-8")
                        except UnicodeDecodeError:
                            problem = "|".join(_ENCODING_PROBLEM)
                            continue
                    values[key] = "" if item is None else str(item)
                yield Row(number, values, problem)
            rows.seen += batch.num_rows

    rows.seen = 0  # type: ignore[attr-defined]
    return header, rows()


def read_rows(path: Path) -> tuple[list[str], Iterator[Row]]:
    """The dataset's column names and its rows."""
    suffix = path.suffix.lower()
    if suffix not in DATASET_SUFFIXES:
        raise DatasetError(path, None, f"cannot import a '{suffix}' file",
                           "a dataset is a .csv, .tsv, .jsonl (.ndjson) or .parquet file")
    if suffix == ".parquet":
        return _parquet_rows(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DatasetError(path, None, f"cannot read file: {error.strerror}") from None
    return _jsonl_rows(path, data) if suffix in (".jsonl", ".ndjson") else _csv_rows(path, data)


def find_columns(path: Path, header: list[str], named: dict[str, str] | None = None) -> dict[str, str]:
    """Field -> the dataset's column: named with an option, else found by name."""
    named = {name: column for name, column in (named or {}).items() if column}
    found: dict[str, str] = {}
    for name, column in named.items():
        if column not in header:
            raise DatasetError(path, None, f"there is no column '{column}' (for the {name})",
                               f"the columns are: {', '.join(header)}")
        found[name] = column
    keys = {_key(column): column for column in header}
    for name, names in COLUMNS.items():
        if name not in found:
            column = next((keys[_key(candidate)] for candidate in names if _key(candidate) in keys), None)
            if column:
                found[name] = column
    if "text" not in found:
        raise DatasetError(path, None, "found no column with the reports' text",
                           f"name it with --text COLUMN; the columns are: {', '.join(header)}")
    return found


# ------------------------------------------------------------------ writing the reports

# Names whose pinyin another name shares, spelled as their official romanisation does (山西 is shanxi).
_ROMANISED = {"陕西": "shaanxi"}


def _pinyin(name: str) -> str:
    short = _SUFFIX.sub("", name) if len(_SUFFIX.sub("", name)) >= 2 else name
    if short in _ROMANISED:
        return _ROMANISED[short]
    return "".join(re.findall(r"[a-z0-9]+", "".join(lazy_pinyin(short)).lower()))


def report_slug(region: str, year: str, title: str, text: str) -> str:
    """beijing-2026-work-report: what the row states; a digest of its text where it states too little."""
    kind = _KIND_SLUG.get(kind_of(title), "report") if title else "report"
    if not title and "向大会报告工作" in text[:3000]:
        kind = "work-report"
    words = [word for word in (_pinyin(region) if region else "", year) if word]
    if len(words) < 2:
        words.append(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8])
    return "-".join(words + [kind])


def _problem(row: Row, fields: dict[str, str]) -> tuple[str, str] | None:
    if row.problem:
        message, _, hint = row.problem.partition("|")
        return message, hint
    text = row.values.get(fields["text"], "")
    if not text.strip():
        return "the row has no text", f"fill its '{fields['text']}' column, or delete the row"
    bad = _CONTROL.search(text)
    if bad:
        return f"binary control character U+{ord(bad.group()):04X} in its text", "export the dataset again as text"
    year = row.values.get(fields.get("year", ""), "").strip()
    if year and not re.fullmatch(r"(?:19|20)\d\d(?:\.0)?", year):
        return f"year {year!r} is no year", "write the year as four digits, e.g. 2022"
    url = row.values.get(fields.get("url", ""), "").strip()
    if url and not re.match(r"^https?://\S+$", url):
        return f"url {url!r} is no web address", "write the address the text was taken from, starting with http:// or https://"
    return None


def unescaped(text: str) -> str:
    """A text whose line ends were escaped twice (a JSON string written into a CSV: 各位代表：\\n现在……)
    with real line ends; any other text as it is."""
    if "\n" in text.strip() or text.count("\\n") < 2:
        return text
    return text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", "\t")


def import_dataset(path: Path, seeds: Path, named: dict[str, str] | None = None, replace: bool = False) -> list[RowResult]:
    """Every row of the dataset into ``seeds/``; one result a row. Raises DatasetError if the file cannot be read."""
    header, rows = read_rows(path)
    fields = find_columns(path, header, named)
    seeds.mkdir(parents=True, exist_ok=True)
    manifest_path = seeds / MANIFEST_NAME
    existing = load_manifest(seeds)
    by_slug = {entry.slug: entry for entry in existing.values()}
    results: list[RowResult] = []
    seen_text: dict[str, int] = {}
    seen_slug: dict[str, int] = {}
    seen_region: dict[str, str] = {}
    new_entries: list[dict[str, str]] = []
    for row in rows:
        problem = _problem(row, fields)
        if problem:
            results.append(RowResult(row.number, "error", f"{problem[0]} ({problem[1]})"))
            continue
        values = {name: row.values.get(column, "").strip() for name, column in fields.items()}
        text = unescaped(values["text"]).replace("\r\n", "\n").replace("\r", "\n")
        if not text.endswith("\n"):
            text += "\n"
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        year = values.get("year", "").removesuffix(".0")
        region = region_in(values.get("region", "")) or values.get("region", "")
        slug = report_slug(region, year, values.get("title", ""), text)
        if digest in seen_text:
            results.append(RowResult(row.number, "error", f"duplicate of row {seen_text[digest]}: the same text "
                                                          "(delete one of them)"))
            continue
        if slug in seen_slug and seen_region[slug] != region:
            slug = f"{slug}-{hashlib.sha1(region.encode('utf-8')).hexdigest()[:6]}"  # 新城区 of two cities
        if slug in seen_slug:
            results.append(RowResult(row.number, "error", f"duplicate of row {seen_slug[slug]}: the same region, year "
                                                          "and kind (keep one of them, or give them titles that tell them apart)"))
            continue
        seen_text[digest], seen_slug[slug], seen_region[slug] = row.number, row.number, region
        if slug in by_slug and by_slug[slug].source_file != f"{slug}.txt":
            slug = f"{slug}-{digest[:6]}"  # the manifest gave this slug to another file
        target = seeds / f"{slug}.txt"
        data = text.encode("utf-8")
        entry = {"slug": slug, "source_file": target.name, "original_file": f"{path.name}, row {row.number}"}
        for name, key in (("title", "title"), ("region", "region"), ("url", "source_url")):
            if values.get(name):
                entry[key] = values[name] if name != "region" else region
        if year:
            entry["date"] = year
        known = by_slug.get(slug)
        if target.exists() and target.read_bytes() != data and not replace:
            results.append(RowResult(row.number, "kept", f"{target.name} holds another text; left as it is "
                                                         "(import with --replace to overwrite it)", target.name))
            continue
        status = "unchanged" if target.exists() and target.read_bytes() == data else "new"
        if status == "new":
            target.write_bytes(data)
        if known is None:
            new_entries.append(entry)
            status = "new"
        results.append(RowResult(row.number, status, f"{target.name}" + (f" ({values.get('title')})" if values.get("title") else ""),
                                 target.name))
    if new_entries:
        _append_entries(manifest_path, new_entries)
    return results


def _append_entries(path: Path, entries: list[dict[str, str]]) -> None:
    """New entries at the end of the manifest: its comments and other entries stay as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else "reports:\n"
    if not re.search(r"^reports:", text, re.M):
        raise DatasetError(path, 1, "the manifest has no 'reports:' list", "see the comment at the top of the file")
    dumped = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000)
    block = "\n".join("  " + line for line in dumped.splitlines()).replace("\n  - ", "\n\n  - ")
    path.write_text(text.rstrip("\n") + "\n\n" + block + "\n", encoding="utf-8")


def format_results(path: Path, results: list[RowResult]) -> str:
    """One line a row, then the counts."""
    lines = []
    for result in results:
        if result.status == "error":
            lines.append(f"{path}: row {result.number}: error: {result.message}")
        else:
            lines.append(f"{path}: row {result.number}: {result.status}: {result.message}")
    counts = {status: sum(1 for r in results if r.status == status) for status in ("new", "unchanged", "kept", "error")}
    lines.append(f"{len(results)} rows: " + ", ".join(f"{count} {status}" for status, count in counts.items()))
    return "\n".join(lines)
