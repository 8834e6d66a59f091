"""Stage 4 for figures: each target and result beside the same region's other years.

From the reports' summaries alone: the note a phrase shows (for a target, the region's
target of the year before and that year's outcome; for a result, the target set for it
and whether it was met), the tables of a region page, and the rows of 主要指标.

"Met" is read strictly: an outcome meets a target when it is at least the target (the low
end of a range), or at most the target for a ceiling (失业率, 居民消费价格, 能耗, and any target
printed with 以内 or 以下). 左右 is not stretched. A qualitative target is never judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .extract import RESULT, TARGET, Figure
from .vocabulary import OTHER, Vocabulary

# Indicators where less is the aim (a ceiling or a decline).
CEILINGS = {"cpi", "unemployment_rate", "registered_unemployment_rate", "energy_intensity"}
_CEILING_MODIFIERS = ("以内", "以下", "不超过", "不高于", "低于")
_SCALE = {"人": 0.0001, "万人": 1, "吨": 0.0001, "万吨": 1, "亿斤": 5, "万斤": 0.0005, "斤": 0.00000005}


@dataclass
class Placed:
    """A figure with the report it is printed in."""

    figure: Figure
    report: str  # slug
    title: str
    region: str
    region_code: str
    level: str


@dataclass
class Year:
    target: Placed | None = None
    result: Placed | None = None


@dataclass
class FigureIndex:
    """Every figure of the archive, by region and indicator, then year."""

    vocabulary: Vocabulary
    by_region: dict[str, dict[str, dict[int, Year]]] = field(default_factory=dict)
    placed: list[Placed] = field(default_factory=list)

    @classmethod
    def of(cls, summaries: list, vocabulary: Vocabulary) -> "FigureIndex":
        index = cls(vocabulary)
        # Work reports first, then by date: the year's own report speaks for it.
        ordered = sorted(summaries, key=lambda s: (s.meta.kind != "政府工作报告", s.meta.date or "", s.meta.slug))
        for summary in ordered:
            meta = summary.meta
            for figure in summary.figures:
                placed = Placed(figure, meta.slug, meta.title, meta.region, meta.region_code, meta.level)
                index.placed.append(placed)
                if figure.indicator == OTHER or figure.year is None:
                    continue
                year = index.by_region.setdefault(region_key(meta), {}).setdefault(figure.indicator, {}).setdefault(
                    figure.year, Year())
                if figure.kind == TARGET and year.target is None:
                    year.target = placed
                elif figure.kind == RESULT and year.result is None:
                    year.result = placed
        index.placed.sort(key=lambda p: (p.report, p.figure.anchor))
        return index

    def years(self, meta, indicator: str) -> dict[int, Year]:
        return self.by_region.get(region_key(meta), {}).get(indicator, {})

    def notes(self, summary) -> dict[str, str]:
        """The note of each figure phrase of a report: anchor -> text."""
        names = {indicator.id: indicator.name for indicator in self.vocabulary.indicators}
        by_anchor: dict[str, list[str]] = {}
        for figure in summary.figures:
            label = names.get(figure.indicator, figure.name) if figure.indicator != OTHER else figure.name
            by_anchor.setdefault(figure.anchor, []).append(f"{label}：{self._note(summary.meta, figure)}")
        return {anchor: "；".join(parts) for anchor, parts in by_anchor.items()}

    def _note(self, meta, figure: Figure) -> str:
        own = f"{figure.year}年{'目标' if figure.kind == TARGET else '实绩'} {shown(figure)}" if figure.year else shown(figure)
        if figure.indicator == OTHER or figure.year is None:
            return own + "（本站指标表之外，不作逐年比较）"
        years = self.years(meta, figure.indicator)
        if figure.kind == TARGET:
            before = years.get(figure.year - 1, Year())
            parts = [f"{figure.year - 1}年目标 {shown(before.target.figure)}" if before.target else "",
                     f"实际 {shown(before.result.figure)}" if before.result else ""]
            parts = [part for part in parts if part]
            if not parts:
                return own + f"；本站尚无{figure.year - 1}年的目标和实绩"
            if before.target and before.result:
                parts.append(MET_LABEL[met(before.target.figure, before.result.figure)])
            if not before.target:
                parts[0] = f"{figure.year - 1}年" + parts[0]
            return own + "；" + " · ".join(parts)
        year = years.get(figure.year, Year())
        if year.target is None:
            return own + f"；本站尚无{figure.year}年的目标"
        return own + f"；{figure.year}年目标 {shown(year.target.figure)} · {MET_LABEL[met(year.target.figure, figure)]}"


MET_LABEL = {True: "完成目标", False: "未完成目标", None: "无法比较"}


def region_key(meta) -> str:
    return meta.region_code or meta.region


def shown(figure: Figure) -> str:
    """5%左右, 4.5%—5%, 6万人以上, 与经济增长同步."""
    if figure.value is None:
        return figure.modifier or "（无数值）"
    value = _number(figure.value)
    if figure.value_high is not None:
        value += f"{figure.unit if figure.unit == '%' else ''}—{_number(figure.value_high)}"
    if figure.indicator == "energy_intensity" or (figure.value < 0 and figure.unit == "%"):
        value = ("下降" if figure.value < 0 else "") + value.lstrip("-").replace("—-", "—")
    return value + figure.unit + figure.modifier.replace("预计", "（预计）")


def _number(value: float) -> str:
    return f"{value:g}"


def _scaled(figure: Figure) -> float | None:
    if figure.value is None:
        return None
    return figure.value * _SCALE.get(figure.unit, 1) if figure.unit != "%" else figure.value


def met(target: Figure, result: Figure) -> bool | None:
    """Whether the result meets the target; None when they cannot be compared."""
    low, outcome = _scaled(target), _scaled(result)
    if low is None or outcome is None:
        return None
    if (target.unit == "%") != (result.unit == "%"):
        return None
    if target.indicator in CEILINGS or any(word in target.modifier for word in _CEILING_MODIFIERS):
        high = target.value_high * _SCALE.get(target.unit, 1) if target.value_high is not None and target.unit != "%" \
            else (target.value_high if target.value_high is not None else low)
        return outcome <= high
    return outcome >= low
