"""Safe YAML loading that remembers line numbers, for messages editors can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..model import Problem
from .read import SourceError


class LineDict(dict):
    """A mapping that knows the source line it started on."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader: no Python tags, so a pull request cannot run code at load time."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: editors write 2023-01-07 and mean text.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(path, None, "not UTF-8 text", "save the file as UTF-8") from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path | str) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise SourceError(path, line, f"YAML error: {problem}", "check indentation, colons and quotes") from None
    except yaml.YAMLError as error:
        raise SourceError(path, None, f"YAML error: {error}", "check the file's YAML syntax") from None


def line_of(mapping: Any, key: str | None = None) -> int | None:
    if isinstance(mapping, LineDict):
        if key is not None and key in mapping.key_lines:
            return mapping.key_lines[key]
        return mapping.line
    return None


def load_entries(path: Path, problems: list[Problem], not_a_list: tuple[str, str],
                 not_a_mapping: tuple[str, str]) -> list[LineDict]:
    """The mappings of a YAML file that is a list of entries (annotations/notes/*.yml, dismissed.yml).

    Problems (the YAML, a file that is not a list, an entry that is not a mapping) are added as
    errors naming the file and line; ``not_a_list`` and ``not_a_mapping`` are (message, hint).
    An empty file has no entries.
    """
    def error(line: int | None, message: str, hint: str) -> None:
        problems.append(Problem("error", str(path), line, message, hint))

    try:
        data = load_yaml(path)
    except SourceError as problem:
        error(problem.line, problem.message, problem.hint)
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        error(1, *not_a_list)
        return []
    entries = []
    for item in data:
        if isinstance(item, LineDict):
            entries.append(item)
        else:
            error(1, *not_a_mapping)
    return entries
