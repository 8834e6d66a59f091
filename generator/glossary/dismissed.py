"""Dismissed candidates: ``annotations/dismissed.yml``.

``suggest`` lists expressions that look like jargon. Those that are not (a
word quoted for emphasis, a place, an event, a brand) are dismissed here with
the reason, so the to-do list stays short and the coverage is honest::

    - term: 全覆盖
      reason: 普通词语，加引号只为强调

An entry is checked for its form here; ``check`` also reports an entry that
names a term of the glossary (explain it or dismiss it, not both).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .annotations import unsafe_text
from ..model import Problem
from ..sources.yamlfile import line_of, load_entries

DISMISSED_FILE = Path("annotations") / "dismissed.yml"
_FIELDS = {"term", "reason"}


@dataclass(frozen=True)
class Dismissal:
    term: str
    reason: str
    line: int | None


def load_dismissed(path: Path, problems: list[Problem]) -> list[Dismissal]:
    """The dismissals of ``path`` (none when it does not exist); problems name the file and line."""
    if not path.exists():
        return []
    name = str(path)

    def error(line: int | None, message: str, hint: str) -> None:
        problems.append(Problem("error", name, line, message, hint))

    entries = load_entries(path, problems,
                           ("dismissed.yml is a list of entries", "start each entry with '- term: …' and give a 'reason: …'"),
                           ("each entry must be a mapping", "write '- term: …' and 'reason: …'"))
    found: dict[str, Dismissal] = {}
    for item in entries:
        line = line_of(item)
        unknown = [key for key in item if key not in _FIELDS]
        term, reason = item.get("term"), item.get("reason")
        if unknown:
            error(line_of(item, str(unknown[0])), f"unknown field '{unknown[0]}'", f"allowed: {', '.join(sorted(_FIELDS))}")
        elif not isinstance(term, str) or not term.strip():
            error(line, "missing 'term'", "copy the expression exactly as suggest lists it")
        elif not isinstance(reason, str) or not reason.strip():
            error(line, f"'{term}' has no reason", "say why it is not jargon, e.g. reason: 地名 / 活动名称 / 普通词语")
        elif unsafe_text(term) or unsafe_text(reason):
            error(line, "raw HTML or script in an entry", "write plain text")
        elif term.strip() in found:
            error(line, f"'{term.strip()}' is already dismissed on line {found[term.strip()].line}", "keep one entry")
        else:
            found[term.strip()] = Dismissal(term.strip(), reason.strip(), line)
    return list(found.values())
