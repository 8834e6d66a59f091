"""The indicator vocabulary: ``annotations/indicators.yml``, which editors extend.

Each indicator has a fixed id, a name for readers, every name reports print for it
(older and local ones too), a unit and a measure (growth, rate or amount). Groups are
printed names that stand for several indicators at once (城乡居民人均可支配收入: the urban
and the rural one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import digest
from ..model import Problem
from ..sources.read import SourceError
from ..sources.yamlfile import line_of, load_yaml

INDICATORS_FILE = Path("annotations") / "indicators.yml"
MEASURES = ("growth", "rate", "amount")
OTHER = "other"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    names: tuple[str, ...]
    unit: str
    measure: str  # growth: a change in per cent; rate: a level in per cent; amount: in the printed unit


@dataclass
class Vocabulary:
    indicators: list[Indicator]
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # printed name -> indicator ids
    version: str = ""  # a digest of the file: extraction depends on it

    def by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.indicators}

    def subjects(self) -> dict[str, tuple[str, ...]]:
        """Every printed name -> the indicator ids it stands for."""
        found = {name: (indicator.id,) for indicator in self.indicators for name in indicator.names}
        found.update(self.groups)
        return found


def load_vocabulary(path: Path, problems: list[Problem] | None = None) -> Vocabulary:
    """Read the vocabulary; a mistake raises SourceError (or, with ``problems``, is listed there)."""
    found: list[Problem] = []
    try:
        data = load_yaml(path)
    except SourceError as error:
        found.append(Problem("error", str(path), error.line, error.message, error.hint))
        data = None
    vocabulary = _vocabulary(data, str(path), found) if data is not None or not found else Vocabulary([])
    if data is None and not found:
        found.append(Problem("error", str(path), 1, "the file is empty", "list the indicators under 'indicators:'"))
    vocabulary.version = digest(path.read_bytes()) if path.exists() else ""
    errors = [problem for problem in found if problem.severity == "error"]
    if problems is not None:
        problems.extend(found)
    elif errors:
        first = errors[0]
        raise SourceError(path, first.line, first.message, first.hint)
    return vocabulary


def _vocabulary(data: object, name: str, problems: list[Problem]) -> Vocabulary:
    def error(line: int | None, message: str, hint: str) -> None:
        problems.append(Problem("error", name, line, message, hint))

    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        error(1, "no 'indicators:' list", "start the file with 'indicators:' and one '- id: …' entry per indicator")
        return Vocabulary([])
    indicators: list[Indicator] = []
    owner: dict[str, str] = {}
    for item in data["indicators"]:
        if not isinstance(item, dict):
            error(None, "an indicator must be a mapping", "write '- id: …' with name, names, unit and measure")
            continue
        unknown = [key for key in item if key not in {"id", "name", "names", "unit", "measure"}]
        ident, label, names = item.get("id"), item.get("name"), item.get("names")
        unit, measure = item.get("unit"), item.get("measure")
        if unknown:
            error(line_of(item, str(unknown[0])), f"unknown field '{unknown[0]}'", "allowed: id, name, names, unit, measure")
        elif not isinstance(ident, str) or not _ID.match(ident) or ident == OTHER:
            error(line_of(item), f"bad id {ident!r}", "lowercase ASCII words joined by '_', not 'other'")
        elif any(existing.id == ident for existing in indicators):
            error(line_of(item, "id"), f"indicator '{ident}' is listed twice", "keep one entry per id")
        elif not isinstance(label, str) or not label.strip():
            error(line_of(item), f"indicator '{ident}' has no name", "add 'name:' as readers should see it")
        elif not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            error(line_of(item, "names"), f"indicator '{ident}' has no names", "list the forms reports print: names: [地区生产总值, 生产总值]")
        elif measure not in MEASURES:
            error(line_of(item, "measure"), f"indicator '{ident}': measure {measure!r}", f"use one of {', '.join(MEASURES)}")
        elif not isinstance(unit, str) or not unit.strip():
            error(line_of(item), f"indicator '{ident}' has no unit", "add 'unit:' (\"%\" for growth and rates)")
        else:
            for printed in names:
                if printed in owner and owner[printed] != ident:
                    error(line_of(item, "names"), f"name '{printed}' is given to '{owner[printed]}' and '{ident}'",
                          "a printed name must stand for one indicator (use groups for a name that stands for several)")
                owner[printed] = ident
            indicators.append(Indicator(ident, label.strip(), tuple(n.strip() for n in names), unit.strip(), measure))
    known = {indicator.id for indicator in indicators}
    groups: dict[str, tuple[str, ...]] = {}
    for item in data.get("groups") or []:
        if not isinstance(item, dict) or not isinstance(item.get("names"), list) or not isinstance(item.get("indicators"), list):
            error(line_of(item) if isinstance(item, dict) else None, "a group needs 'names' and 'indicators' lists",
                  "write '- names: [城乡居民人均可支配收入]' and 'indicators: [urban_income_growth, rural_income_growth]'")
            continue
        missing = [ident for ident in item["indicators"] if ident not in known]
        if missing:
            error(line_of(item, "indicators"), f"unknown indicator '{missing[0]}' in a group", "use ids listed under 'indicators:'")
            continue
        for printed in item["names"]:
            if printed in owner:
                error(line_of(item, "names"), f"name '{printed}' is both an indicator's and a group's", "keep it in one place")
            groups[str(printed)] = tuple(item["indicators"])
    return Vocabulary(indicators, groups)
