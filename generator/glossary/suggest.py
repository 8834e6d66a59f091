"""``python -m generator suggest``: the editors' to-do list of unexplained jargon.

Candidates are the policy shorthand these reports are full of:

* quoted coinages (“放管服”, “一网通办”, “断头路”, “1310”);
* numeric slogans: 两个维护, 四个最严 (a numeral with 个/大/项 and the word
  jieba finds after it), and interleaved ones such as 三区三线, 一老一小;
* "chief systems", quoted or not: 河长制, 河湖长制, 林长制, 街长制 (one or two
  characters before 长制, from where jieba says a word starts);
* jargon that is never quoted:
  - abbreviations with a numeral, with the word they qualify: 三公经费, 八五普法,
    三医联动 (jieba tags 三公 an abbreviation; 八五 is the eighth five-year
    period; 三 医 联动 is a numeral and a one-character noun before a word);
  - ``+`` forms: 互联网+, 名师+ (the word before a ``+`` that no number follows);
  - paired slogans: 外防输入、内防反弹, 藏粮于地、藏粮于技 (two four-character
    phrases built alike: the same second character, and not a list of one head
    word such as 数字经济、绿色经济);

minus everything the glossary explains and everything the editors dismissed
(``annotations/dismissed.yml``). Each candidate comes with its count per
report and one line of context. ``coverage`` measures how much of the jargon
is dealt with: a term, a dismissal, or still open.
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
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CHIEF_SYSTEM = re.compile(r"长制")
# A coded slogan: “1310”, “1571” (not a bare 2-digit number or a year range).
_CODE = re.compile(r"[1-9]\d{2,4}")
# Heads that make a counted phrase ordinary language, not a slogan (三个方面, 两个百分点).
_GENERIC = {
    "方面", "项目", "百分点", "以上", "左右", "月", "年", "小时", "领域", "环节", "阶段", "部门", "单位", "层面",
    "时期", "批次", "全面", "重点", "地区", "区域", "街道", "社区", "乡镇", "村", "企业", "万元", "亿元", "人次",
}
# Counting words: a run of numerals and these alone is a count or an ordinal (十三届七次, 一个又一个).
_COUNTING = set("个届次年月日号期批又")
# A numeral after these is part of an ordinal or a number (第二个百年, 11.2万个), not a slogan's start.
_NOT_A_START = set(_NUMERAL) | set("第0123456789.％%")
_CONTEXT = 20
_COMMON_WORD_FREQUENCY = 50
MINIMUM_OCCURRENCES = 2  # a candidate said once is not yet the archive's jargon (coverage counts from here)


@dataclass
class Candidate:
    text: str
    counts: Counter = field(default_factory=Counter)
    context: str = ""
    where: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Coverage:
    """How the candidates with at least ``minimum`` occurrences are dealt with."""

    minimum: int
    terms: tuple[str, ...]  # candidates a glossary term explains
    dismissed: tuple[str, ...]  # candidates the editors dismissed
    open: tuple[str, ...]  # neither: the to-do list

    @property
    def total(self) -> int:
        return len(self.terms) + len(self.dismissed) + len(self.open)

    @property
    def covered(self) -> int:
        return len(self.terms) + len(self.dismissed)

    def share(self, count: int) -> float:
        return count / self.total if self.total else 1.0


@lru_cache(maxsize=1)
def _jieba():
    return base_tokenizer()


def _counted_phrases(text: str, boundaries: set[int]) -> list[str]:
    """N个X / N大X: the numeral, its measure word, and the word jieba finds after it."""
    found = []
    for match in _COUNTED.finditer(text):
        if not _starts_a_word(text, match, boundaries) or match.group() == "一个":
            continue  # 一个 is mostly the article "a" (一个石拐人), not a count
        rest = text[match.end(): match.end() + 8]
        words = list(_jieba().cut(rest, HMM=True))
        if not words:
            continue
        head = words[0]
        if len(head) == 1 and len(words) > 1 and re.fullmatch(r"[\u4e00-\u9fff]", words[1][:1] or ""):
            head += words[1]  # 两个维护: cut as 维/护 by some dictionaries
        if 2 <= len(head) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", head) and head not in _GENERIC:
            phrase = match.group() + head
            if not _is_common_word(phrase):
                found.append(phrase)
    return found


_PLUS = re.compile(r"([\u4e00-\u9fff]{2,12})[+＋](?![\d+＋])")
_FUNCTION_CHARACTERS = set("的和与及等在对为把将以是了着过向从于由被让给并或而")
_CHAIN = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,12}[+＋]")
_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{4})[、，]([\u4e00-\u9fff]{4}))")
_ABBREVIATION_START = re.compile(rf"[{_NUMERAL}]")
# What follows a numeral in a count, an amount, a date or an enumeration (三支队伍, 十件民生实事, 四是),
# not in an abbreviation.
_MEASURES = set("个大项张件支名位条座所家户人次届年月日天季周期批类种份点级层轮场套万亿千百十是些")
_CONTENT_TAGS = {"n", "ng", "vn", "v", "a", "an", "b", "j"}


@lru_cache(maxsize=1)
def _tagger():
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_jieba())


def _plus_forms(text: str, boundaries: set[int]) -> list[str]:
    """互联网+, 名师+: from where jieba says the last word before the ``+`` starts (two characters at least)."""
    found = []
    for match in _PLUS.finditer(text):
        end = match.end(1)
        if text[match.start(1) - 1: match.start(1)] in ("+", "＋") or _CHAIN.match(text, match.end()):
            continue  # 公建+商业+住宅: one element of a formula, not a word's + form
        starts = [position for position in range(match.start(1), end - 1) if position in boundaries]
        if starts:
            start = starts[-1]
            if start - 1 >= match.start(1) and start - 1 in boundaries and text[start - 1] not in _FUNCTION_CHARACTERS:
                start -= 1  # 名|校长+: a one-character word before the last is part of the name
            found.append(text[start:end] + "+")
    return found


def _paired_slogans(text: str) -> list[str]:
    """外防输入、内防反弹: two phrases built alike (the same second character), not one head word listed twice;
    each phrase starts and ends where jieba says words do."""
    found = []
    boundaries: set[int] | None = None
    for match in _PAIR.finditer(text):
        first, second = match.group(1), match.group(2)
        same = {index for index in range(4) if first[index] == second[index]}
        if not (1 in same and not {2, 3} <= same and same != {0, 1}) or _is_common_word(first):
            continue
        boundaries = boundaries if boundaries is not None else word_boundaries(text)
        start, end = match.start(1), match.start(1) + 9
        if start in boundaries and end in boundaries:
            found.append(text[start:end])
    return found


def _numeral_abbreviations(text: str) -> list[str]:
    """三公经费 (三公 tagged an abbreviation), 八五普法 (the eighth five-year period), 三医联动 (三 + 医 + 联动)."""
    found = []
    words = [(pair.word, pair.flag) for pair in _tagger().cut(text)]
    for index, (word, flag) in enumerate(words[:-1]):
        following, tag = words[index + 1]
        if not _ABBREVIATION_START.match(word) or not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", following):
            continue
        if index and words[index - 1][0][-1:] in _NOT_A_START:
            continue  # 第二 / 11.三: part of an ordinal or a number
        if len(word) == 2 and len(following) >= 2 and word[1] not in _MEASURES and \
                (flag == "j" or (flag in ("m", "t") and word[1] == "五")):
            found.append(word + following)
        elif len(word) == 1 and flag == "m" and len(following) == 1 and tag in _CONTENT_TAGS \
                and following not in _MEASURES and index + 2 < len(words):
            after, after_tag = words[index + 2]
            if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", after) and after_tag in _CONTENT_TAGS:
                found.append(word + following + after)
    return found


def candidates_in(text: str) -> list[str]:
    found = [quoted for quoted in _QUOTED.findall(text) if _is_coinage(quoted)]
    found += _paired_slogans(text)
    boundaries: set[int] | None = None
    if "+" in text or "＋" in text:
        boundaries = word_boundaries(text)
        found += _plus_forms(text, boundaries)
    if _ABBREVIATION_START.search(text):
        found += _numeral_abbreviations(text)
    if not (_INTERLEAVED.search(text) or _COUNTED.search(text) or "长制" in text):
        return found
    boundaries = boundaries or word_boundaries(text)
    found += _chief_systems(text, boundaries)
    for match in _INTERLEAVED.finditer(text):
        if _starts_a_word(text, match, boundaries):
            slogan = _trim_to_word(match, boundaries)
            if slogan and _looks_like_slogan(slogan):
                found.append(slogan)
    found += _counted_phrases(text, boundaries)
    return found


def _chief_systems(text: str, boundaries: set[int]) -> list[str]:
    """河湖长制, 林长制: the one or two characters before 长制 that start a word."""
    found = []
    for match in _CHIEF_SYSTEM.finditer(text):
        if match.end() not in boundaries:
            continue  # 局长|制定: 长制 across two words
        for start in (match.start() - 2, match.start() - 1):
            if start >= 0 and start in boundaries and _HAN.fullmatch(text[start]) and \
                    all(_HAN.fullmatch(char) for char in text[start:match.start()]):
                found.append(text[start:match.end()])
                break
    return found


def _is_coinage(quoted: str) -> bool:
    """A quoted coinage has Han characters (or is a coded slogan like “1310”) and is not ordinary vocabulary."""
    if _CODE.fullmatch(quoted):
        return True
    return len(_HAN.findall(quoted)) >= 2 and not _is_common_word(quoted)


def word_boundaries(text: str) -> set[int]:
    """Where jieba says words start and end in ``text``."""
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


def _starts_a_word(text: str, match: re.Match[str], boundaries: set[int]) -> bool:
    """十大 in 二十大, 二个 in 第二个, 一大 in 统一大市场: part of a number or of a word, not a slogan's start."""
    if match.start() > 0 and text[match.start() - 1] in _NOT_A_START:
        return False
    return match.start() in boundaries


def _is_common_word(text: str) -> bool:
    """Ordinary vocabulary (首府, 千方百计) is quoted for emphasis, not coined."""
    return _jieba().FREQ.get(text, 0) >= _COMMON_WORD_FREQUENCY


def _looks_like_slogan(text: str) -> bool:
    # 三区三线, 一老一小: at least two numerals, and not a plain number (一百二十) or a count (十三届七次).
    numerals = sum(char in _NUMERAL for char in text)
    if not 2 <= numerals < len(text) - 1 or _is_common_word(text):
        return False
    return not all(char in _NUMERAL or char in _COUNTING for char in text)


def _occurrences(text: str, name: str, boundaries: set[int]) -> list[int]:
    """Where ``name`` stands as a word of its own: not inside a longer word (营商 in 营商环境), unless quoted.
    A coded slogan counts only quoted: unquoted, 1310 is a quantity (1310 万平方米)."""
    code = bool(_CODE.fullmatch(name))
    found, start = [], text.find(name)
    while start >= 0:
        end = start + len(name)
        quoted = text[start - 1:start] in "“‘" and text[end:end + 1] in "”’" and start > 0 and end < len(text)
        if quoted or (not code and start in boundaries and end in boundaries):
            found.append(start)
        start = text.find(name, start + 1)
    return found


def find_candidates(reports: list[Report]) -> list[Candidate]:
    """Every candidate in the reports, with its counts, most frequent first."""
    texts = [(report.meta.slug, plain(text), line) for report in reports for text, line in report.body_texts()]
    names: set[str] = set()
    for _slug, text, _line in texts:
        names.update(candidates_in(text))
    found = {name: Candidate(name) for name in names}
    for slug, text, line in texts:
        present = [name for name in names if name in text]
        if not present:
            continue
        boundaries = word_boundaries(text)
        for name in present:
            positions = _occurrences(text, name, boundaries)
            if not positions:
                continue
            candidate = found[name]
            candidate.counts[slug] += len(positions)
            if not candidate.context:
                start = positions[0]
                candidate.context = text[max(0, start - _CONTEXT): start + len(name) + _CONTEXT]
                candidate.where = f"{slug}:{line}"
    # A candidate inside a longer one found as often is only its beginning (六大产业 / 六大产业集群).
    kept = [c for c in found.values() if c.total and not any(
        c.text != o.text and c.text in o.text and c.total == o.total for o in found.values())]
    return sorted(kept, key=lambda c: (-c.total, -len(c.counts), c.text))


def explained_by(name: str, glossary: Glossary) -> str | None:
    """The term that explains a candidate: one of its forms, or a form of 3+ characters it contains or is part of."""
    forms = glossary.by_form()
    if name in forms:
        return forms[name].term
    for form, term in forms.items():
        if len(form) >= 3 and (name in form or form in name):
            return term.term
    return None


def suggest(reports: list[Report], glossary: Glossary, limit: int = 60,
            dismissed: frozenset[str] | set[str] = frozenset()) -> list[Candidate]:
    """The candidates no term explains and no editor dismissed, most frequent first."""
    open_ = [c for c in find_candidates(reports)
             if c.text not in dismissed and explained_by(c.text, glossary) is None]
    return open_[:limit]


def coverage(reports: list[Report], glossary: Glossary, dismissed: frozenset[str] | set[str] = frozenset(),
             minimum: int = MINIMUM_OCCURRENCES) -> Coverage:
    terms, dropped, open_ = [], [], []
    for candidate in find_candidates(reports):
        if candidate.total < minimum:
            continue
        if explained_by(candidate.text, glossary) is not None:
            terms.append(candidate.text)
        elif candidate.text in dismissed:
            dropped.append(candidate.text)
        else:
            open_.append(candidate.text)
    return Coverage(minimum, tuple(terms), tuple(dropped), tuple(open_))


def format_coverage(result: Coverage) -> str:
    def percent(count: int) -> str:
        return f"{100 * result.share(count):.1f} %"

    lines = [
        f"candidates with at least {result.minimum} occurrences: {result.total}",
        f"covered: {result.covered} of {result.total} ({percent(result.covered)})",
        f"  terms: {len(result.terms)} ({percent(len(result.terms))})",
        f"  dismissed: {len(result.dismissed)} ({percent(len(result.dismissed))})",
        f"open: {len(result.open)} ({percent(len(result.open))})" + (": " + "、".join(result.open) if result.open else ""),
    ]
    return "\n".join(lines)


def format_candidates(candidates: list[Candidate]) -> str:
    lines = []
    for candidate in candidates:
        per_report = ", ".join(f"{slug} {count}" for slug, count in sorted(candidate.counts.items()))
        lines.append(f"{candidate.text}\t{candidate.total}\t({per_report})")
        lines.append(f"    {candidate.where}: …{candidate.context}…")
    return "\n".join(lines)
