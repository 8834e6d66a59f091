"""``python -m generator suggest``: the editors' to-do list of unexplained jargon.

Candidates are the policy shorthand these reports are full of:

* quoted coinages (“放管服”, “一网通办”, “断头路”);
* numeric slogans: 两个维护, 四个最严 (a numeral with 个/大/项 and the word
  jieba finds after it), and interleaved ones such as 三区三线, 一老一小;

minus everything the glossary already explains. Each candidate comes with
its count per report and one line of context.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..inline import plain
from ..model import Report
from ..segmentation import base_tokenizer
from .terms import Glossary

_NUMERAL = "一二三四五六七八九十两双百千万多"
_QUOTED = re.compile(r"“([^“”‘’，。、；：！？,.;:!?\s（）()《》]{2,10})”")
_INTERLEAVED = re.compile(rf"(?:[{_NUMERAL}][\u4e00-\u9fff]{{1,2}}){{2,4}}")
_COUNTED = re.compile(rf"[{_NUMERAL}](?:个|大|项|张)")
# Heads that make a counted phrase ordinary language, not a slogan (三个方面, 两个百分点).
_GENERIC = {
    "方面", "项目", "百分点", "以上", "左右", "月", "年", "小时", "领域", "环节", "阶段", "部门", "单位", "层面",
    "时期", "批次", "全面", "重点", "地区", "区域", "街道", "社区", "乡镇", "村", "企业", "万元", "亿元", "人次",
}
_CONTEXT = 20
_COMMON_WORD_FREQUENCY = 50


@dataclass
class Candidate:
    text: str
    counts: Counter = field(default_factory=Counter)
    context: str = ""
    where: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@lru_cache(maxsize=1)
def _jieba():
    return base_tokenizer()


def _counted_phrases(text: str) -> list[str]:
    """N个X / N大X: the numeral, its measure word, and the word jieba finds after it."""
    found = []
    for match in _COUNTED.finditer(text):
        if not _starts_a_word(text, match):
            continue
        rest = text[match.end(): match.end() + 8]
        words = list(_jieba().cut(rest, HMM=True))
        if not words:
            continue
        head = words[0]
        if len(head) == 1 and len(words) > 1 and re.fullmatch(r"[\u4e00-\u9fff]", words[1][:1] or ""):
            head += words[1]  # 两个维护: cut as 维/护 by some dictionaries
        if 2 <= len(head) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", head) and head not in _GENERIC:
            found.append(match.group() + head)
    return found


def candidates_in(text: str) -> list[str]:
    found = [quoted for quoted in _QUOTED.findall(text) if not _is_common_word(quoted)]
    interleaved = [m for m in _INTERLEAVED.finditer(text) if _starts_a_word(text, m)]
    if interleaved:
        boundaries = _word_boundaries(text)
        for match in interleaved:
            slogan = _trim_to_word(match, boundaries)
            if slogan and _looks_like_slogan(slogan):
                found.append(slogan)
    found += _counted_phrases(text)
    return found


def _word_boundaries(text: str) -> set[int]:
    positions, position = {0}, 0
    for word in _jieba().cut(text, HMM=True):
        position += len(word)
        positions.add(position)
    return positions


def _trim_to_word(match: re.Match[str], boundaries: set[int]) -> str:
    """一老一小服(务): a slogan ends where jieba says a word ends."""
    for end in range(match.end(), match.start() + 3, -1):
        if end in boundaries:
            return match.string[match.start():end]
    return ""


def _starts_a_word(text: str, match: re.Match[str]) -> bool:
    """十大 in 二十大 is part of a number, not the start of a slogan."""
    return match.start() == 0 or text[match.start() - 1] not in _NUMERAL


def _is_common_word(text: str) -> bool:
    """Ordinary vocabulary (首府, 小区, 全覆盖) is quoted for emphasis, not coined."""
    return _jieba().FREQ.get(text, 0) >= _COMMON_WORD_FREQUENCY


def _looks_like_slogan(text: str) -> bool:
    # 三区三线, 一老一小: at least two numerals, and not a plain number (一百二十).
    numerals = sum(char in _NUMERAL for char in text)
    return 2 <= numerals < len(text) - 1


def suggest(reports: list[Report], glossary: Glossary, limit: int = 60) -> list[Candidate]:
    known = set(glossary.by_form())
    texts = [(report.meta.slug, plain(text), line) for report in reports for text, line in report.body_texts()]
    found: dict[str, Candidate] = {}
    for _slug, text, _line in texts:
        for name in candidates_in(text):
            if name not in known and not any(name in form or form in name for form in known if len(form) >= 3):
                found.setdefault(name, Candidate(name))
    for candidate in found.values():
        for slug, text, line in texts:
            count = text.count(candidate.text)
            if count:
                candidate.counts[slug] += count
                if not candidate.context:
                    start = text.index(candidate.text)
                    candidate.context = text[max(0, start - _CONTEXT): start + len(candidate.text) + _CONTEXT]
                    candidate.where = f"{slug}:{line}"
    # A candidate inside a longer one found as often is only its beginning (六大产业 / 六大产业集群).
    kept = [c for c in found.values() if c.total and not any(
        c.text != o.text and c.text in o.text and c.total == o.total for o in found.values())]
    ranked = sorted(kept, key=lambda c: (-c.total, -len(c.counts), c.text))
    return ranked[:limit]


def format_candidates(candidates: list[Candidate]) -> str:
    lines = []
    for candidate in candidates:
        per_report = ", ".join(f"{slug} {count}" for slug, count in sorted(candidate.counts.items()))
        lines.append(f"{candidate.text}\t{candidate.total}\t({per_report})")
        lines.append(f"    {candidate.where}: …{candidate.context}…")
    return "\n".join(lines)
