"""Where repair rules record what they removed and what editors should know."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Notice, Removal


@dataclass
class RepairLog:
    file: str
    removals: list[Removal] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def removed(self, rule: str, lines: list[int] | tuple[int, ...], text: str) -> None:
        self.removals.append(Removal(rule, tuple(lines), text))

    def notice(self, line: int | None, message: str) -> None:
        self.notices.append(Notice(self.file, line, message))
