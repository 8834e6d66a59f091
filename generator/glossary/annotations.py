"""Editor-written term files: ``annotations/terms/<slug>.md``.

Each file is Markdown with YAML front matter; the body is the explanation::

    ---
    term: 放管服
    aliases: [放管服改革]
    summary: 简政放权、放管结合、优化服务三项改革的合称。
    category: 改革与营商环境
    related: [一网通办]
    senses:                     # optional: a meaning limited to some reports
      - reports: [shiguai-2024-work-report]
        summary: ……
    scope: 全国                 # optional: where it applies (全国, or a list of regions)
    summary_en: "Streamlining administration, delegating power, improving services"
    sources:                    # what defines the term: title, and optionally url, date, report
      - title: 《国务院关于……的通知》
        date: 2015-05-12
    ---
    “放管服”是……

``summary`` may be left out where a report's 名词解释 defines the term (the
report's words are the summary); ``summary_en`` is a one-line English gloss.

Loading checks the form of each file and reports every problem with its file,
line and a fix; checks that need the whole glossary live in ``check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Problem
from ..sources.read import SourceError
from ..sources.yamlfile import LineDict, line_of, parse_yaml

TERMS_DIR = Path("annotations") / "terms"
SUMMARY_LIMIT = 80  # characters of the Chinese summary (an error) and of summary_en (a warning in check)
CATEGORIES = (
    "党的建设与政治",
    "民族团结",
    "经济与产业",
    "改革与营商环境",
    "城乡建设与管理",
    "生态环保",
    "规划与空间布局",
    "民生与社会事业",
    "文化与旅游",
    "社会治理与安全",
    "地方工作部署",
)
REQUIRED = ("term", "category")
ALLOWED = {"term", "aliases", "summary", "summary_en", "category", "related", "senses", "scope", "sources"}
SENSE_FIELDS = {"reports", "summary", "explanation"}
SOURCE_FIELDS = {"title", "url", "date", "report"}
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_URL = re.compile(r"^https?://[^\s<>\"'()\[\]`\\]+$")  # no characters that could end a Markdown link
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Raw HTML, script URLs and event handlers have no place in an annotation.
_UNSAFE = re.compile(r"<\s*[a-zA-Z!/]|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\bon[a-z]+\s*=", re.IGNORECASE)


def unsafe_text(text: str) -> bool:
    """Raw HTML, a script URL or an event handler: never allowed in editor text."""
    return bool(_UNSAFE.search(text))


@dataclass
class SenseSpec:
    reports: list[str]
    summary: str
    explanation: str
    line: int | None


@dataclass(frozen=True)
class SourceRef:
    """A document that defines a term: a central document, law or notice, or a report in the archive."""

    title: str  # empty for a report in the archive: its title is filled in from the report
    url: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    report: str | None = None  # slug of a report in the archive


@dataclass
class TermFile:
    path: Path
    slug: str
    term: str
    aliases: list[str] = field(default_factory=list)
    summary: str = ""
    summary_en: str = ""
    category: str = ""
    related: list[str] = field(default_factory=list)
    senses: list[SenseSpec] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    scope: list[str] | None = None  # None: the default scope; ["全国"], or region names or codes
    explanation: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # field -> line in the file

    def line(self, name: str) -> int:
        return self.lines.get(name, 1)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line where the body starts) or None without front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    return None


def load_term_file(path: Path, problems: list[Problem]) -> TermFile | None:
    name = str(path)

    def error(line: int | None, message: str, hint: str) -> None:
        problems.append(Problem("error", name, line, message, hint))

    if not _SLUG.match(path.stem):
        error(1, f"file name {path.name!r} is not a slug", "use lowercase ASCII words joined by '-', e.g. fang-guan-fu.md")
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        error(None, "not UTF-8 text", "save the file as UTF-8")
        return None
    parts = split_front_matter(text)
    if parts is None:
        error(1, "no front matter", "start the file with '---', the fields, and '---'")
        return None
    front, body, body_line = parts
    try:
        data = parse_yaml(front, name)
    except SourceError as problem:
        line = problem.line + 1 if problem.line else 1  # the YAML starts on line 2
        error(line, problem.message, problem.hint)
        return None
    if not isinstance(data, LineDict):
        error(2, "front matter must be a mapping of fields", "write one 'field: value' per line")
        return None

    def line_for(key: str, mapping: LineDict = data) -> int:
        return (line_of(mapping, key) or 0) + 1

    ok = True
    for key in data:
        if key not in ALLOWED:
            error(line_for(str(key)), f"unknown field '{key}'", f"allowed fields: {', '.join(sorted(ALLOWED))}")
            ok = False
    # A coded slogan (term: 1571) is read by YAML as a number; it is still the term's text.
    for key in ("term", "aliases", "related"):
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            data[key] = str(value)
        elif isinstance(value, list):
            data[key] = [str(item) if isinstance(item, int) and not isinstance(item, bool) else item for item in value]
    for key in REQUIRED:
        if not isinstance(data.get(key), str) or not data[key].strip():
            where = line_for(key) if key in data else 1
            error(where, f"missing field '{key}'" if key not in data else f"'{key}' must be non-empty text",
                  f"add '{key}: …' to the front matter")
            ok = False
    if not ok:
        return None
    for key in ("summary", "summary_en"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            error(line_for(key), f"'{key}' must be non-empty text", f"write {key}: … on one line")
            return None
    record = TermFile(path=path, slug=path.stem, term=data["term"].strip(), summary=(data.get("summary") or "").strip(),
                      summary_en=" ".join((data.get("summary_en") or "").split()),
                      category=data["category"].strip(), explanation=body.strip())
    record.lines = {str(key): line_for(str(key)) for key in data}
    record.lines["body"] = body_line
    for key in ("aliases", "related"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            error(line_for(key), f"'{key}' must be a list of terms", f"write {key}: [词一, 词二]")
            return None
        setattr(record, key, [item.strip() for item in value])
    if record.category not in CATEGORIES:
        error(line_for("category"), f"unknown category {record.category!r}", f"use one of: {'、'.join(CATEGORIES)}")
    if len(record.summary) > SUMMARY_LIMIT:
        error(line_for("summary"), f"summary is {len(record.summary)} characters, over the limit of {SUMMARY_LIMIT}",
              "shorten it; put details in the explanation below the front matter")
    if record.summary_en and not re.search(r"[A-Za-z]", record.summary_en):
        error(line_for("summary_en"), "'summary_en' is not English", "write a one-line English gloss")
    elif re.search(r"[\u4e00-\u9fff]", record.summary_en):
        error(line_for("summary_en"), "'summary_en' contains Chinese characters",
              "write it in English; give the Chinese term in 'term' or 'aliases'")
    record.senses = _senses(data, record, error, line_for)
    record.sources = _sources(data, error, line_for)
    if "scope" in data:
        scope = data["scope"]
        scope = [scope] if isinstance(scope, str) else scope
        if not isinstance(scope, list) or not scope or not all(isinstance(item, (str, int)) and str(item).strip() for item in scope):
            error(line_for("scope"), "'scope' must be 全国 or a list of regions",
                  "write scope: 全国, or scope: [内蒙古自治区] (region names or six-digit codes)")
        else:
            record.scope = [str(item).strip() for item in scope]
    _check_unsafe(record, error)
    return record


def _senses(data: LineDict, record: TermFile, error, line_for) -> list[SenseSpec]:
    senses = data.get("senses") or []
    if not isinstance(senses, list):
        error(line_for("senses"), "'senses' must be a list", "write '- reports: [slug]' entries with a summary")
        return []
    found = []
    for sense in senses:
        line = (line_of(sense) or 0) + 1 if isinstance(sense, LineDict) else line_for("senses")
        if not isinstance(sense, dict):
            error(line, "each sense must be a mapping", "give it 'reports:' and 'summary:'")
            continue
        unknown = [key for key in sense if key not in SENSE_FIELDS]
        reports = sense.get("reports")
        if unknown:
            error(line, f"unknown field '{unknown[0]}' in a sense", f"allowed: {', '.join(sorted(SENSE_FIELDS))}")
        elif not isinstance(reports, list) or not reports or not all(isinstance(r, str) for r in reports):
            error(line, "a sense needs 'reports:' listing report slugs", "e.g. reports: [shiguai-2024-work-report]")
        elif not isinstance(sense.get("summary"), str) or not sense["summary"].strip():
            error(line, "a sense needs a 'summary'", "say in one sentence what the term means in those reports")
        elif len(sense["summary"].strip()) > SUMMARY_LIMIT:
            error(line, f"sense summary is over the limit of {SUMMARY_LIMIT} characters", "shorten it")
        else:
            explanation = sense.get("explanation") or ""
            found.append(SenseSpec(reports, sense["summary"].strip(), str(explanation).strip(), line))
    return found


def _sources(data: LineDict, error, line_for) -> list[SourceRef]:
    sources = data.get("sources")
    if sources is None:
        return []
    hint = "write '- title: 《……》' entries, each with optional 'url:', 'date:' (2021-07-24) and 'report:' (a slug)"
    if not isinstance(sources, list) or not sources:
        error(line_for("sources"), "'sources' must be a list of documents", hint)
        return []
    found = []
    for source in sources:
        line = (line_of(source) or 0) + 1 if isinstance(source, LineDict) else line_for("sources")
        if not isinstance(source, dict):
            error(line, "each source must be a mapping", hint)
            continue
        unknown = [key for key in source if key not in SOURCE_FIELDS]
        title, url, date, report = (source.get(key) for key in ("title", "url", "date", "report"))
        date = str(date) if isinstance(date, int) else date  # 2021 is read as a number
        if unknown:
            error(line, f"unknown field '{unknown[0]}' in a source", f"allowed: {', '.join(sorted(SOURCE_FIELDS))}")
        elif report is None and (not isinstance(title, str) or not title.strip()):
            error(line, "a source needs a 'title'", "name the document, e.g. 《关于全面推行河长制的意见》, "
                  "or give 'report:' for a report in the archive")
        elif title is not None and not isinstance(title, str):
            error(line, "a source's 'title' must be text", "name the document, e.g. 《关于全面推行河长制的意见》")
        elif url is not None and (not isinstance(url, str) or not _URL.match(url.strip())):
            error(line, f"source url {url!r} is not an http(s) address", "give the full address, https://…")
        elif date is not None and (not isinstance(date, str) or not _DATE.match(date.strip())):
            error(line, f"source date {date!r} is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2016-12-11")
        elif report is not None and (not isinstance(report, str) or not _SLUG.match(report.strip())):
            error(line, f"source report {report!r} is not a report slug", "e.g. report: sichuan-2026-work-report")
        elif unsafe_text(title or ""):
            error(line, "raw HTML or script in a source title", "write plain text")
        else:
            found.append(SourceRef((title or "").strip(), url.strip() if url else None, date.strip() if date else None,
                                   report.strip() if report else None))
    return found


def _check_unsafe(record: TermFile, error) -> None:
    fields = [("term", record.term), ("summary", record.summary), ("summary_en", record.summary_en),
              ("category", record.category)]
    fields += [("aliases", alias) for alias in record.aliases] + [("related", item) for item in record.related]
    fields += [("scope", item) for item in record.scope or []]
    fields += [("senses", sense.summary + " " + sense.explanation) for sense in record.senses]
    for key, value in fields:
        if _UNSAFE.search(value):
            error(record.line(key), f"raw HTML or script in '{key}'", "write plain text; Markdown is allowed only in the explanation")
    for offset, line in enumerate(record.explanation.split("\n")):
        if _UNSAFE.search(line):
            body_start = record.lines["body"] + _leading_blank_lines(record)
            error(body_start + offset, "raw HTML or script in the explanation", "use Markdown, not HTML; links must be http(s)")


def _leading_blank_lines(record: TermFile) -> int:
    text = record.path.read_text(encoding="utf-8-sig")
    parts = split_front_matter(text)
    body = parts[1] if parts else ""
    return len(body) - len(body.lstrip("\n")) if body else 0


def load_term_files(directory: Path) -> tuple[list[TermFile], list[Problem]]:
    problems: list[Problem] = []
    files = []
    if directory.is_dir():
        for path in sorted(directory.glob("*.md")):
            record = load_term_file(path, problems)
            if record is not None:
                files.append(record)
    return files, problems
