"""Stage 3a, extract: a report's main expected targets and the previous year's results.

Targets are read from the passage a report opens with its cue (主要预期目标是：…), results
from the review of the year before. Each is a phrase whose subject is an indicator name
(see vocabulary.py) followed by what is said of it:

    地区生产总值增长5%左右                       one value and its modifier
    地区生产总值增长4.5%—5%                      a range
    全市地区生产总值5.2万亿元、增长5.4%           an amount, then the growth (the growth is kept)
    一产、二产、三产增加值分别增长5%左右、5%以上、5%左右   several subjects, values in order
    城乡居民人均可支配收入分别增长4.8%和6.3%      a group name: urban, then rural
    居民收入增长和经济增长同步                     a qualitative target
    完成国家下达的粮食生产、…目标任务             a qualitative target, the verb first
    单位生产总值能耗降低3%                        a decline: the value is negative

Precision comes first: a phrase is recorded only when every part of it is read; a
clause that names an indicator with a number but cannot be read is listed as unclear
(``check`` shows it with file and line), never guessed at. Results are taken only from
the review of a single year: a passage on five years (五年来, “十四五”时期), a figure that
is an average or a total over years (年均, 累计), a quarter, or a part of the region
(县域, 城市副中心) is not the year's result.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..inline import BOLD_CLOSE, BOLD_OPEN, FIGURE_CLOSE, MARKERS, figure_open, strip_markers
from ..model import Box, Heading, NumberedList, Paragraph, Report, TextSlot
from .vocabulary import OTHER, Vocabulary

TARGET, RESULT = "target", "result"


@dataclass(frozen=True)
class Figure:
    """One target or result, as the report prints it."""

    indicator: str  # an id of the vocabulary, or "other"
    name: str  # the subject as printed (地区生产总值, 一产)
    text: str  # the whole phrase as printed
    value: float | None
    value_high: float | None
    unit: str
    modifier: str  # as printed: 左右, 以上, 与经济增长同步, 完成国家下达目标任务, ...
    kind: str  # target or result
    year: int | None
    anchor: str  # the phrase's id on the report page
    line: int  # the source line of its paragraph


@dataclass(frozen=True)
class Unclear:
    """A clause that names an indicator with a number, which the rules could not read."""

    kind: str
    line: int
    text: str
    reason: str


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    unclear: list[Unclear] = field(default_factory=list)


# ---------------------------------------------------------------- the printed forms

NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # 1,234.5 as some reports print it
UNITS = ("%", "个百分点", "万亿元", "亿元", "万元", "元", "亿美元", "万美元", "万人次", "万人", "人次", "人",
         "万吨标准煤", "吨标准煤", "万吨", "吨", "亿斤", "万斤", "斤", "万亩", "亩", "微克/立方米", "毫克/立方米",
         "万千瓦", "千瓦", "天", "个", "家", "件", "套", "所", "户", "公里", "岁", "‰")
UNIT = "(?:" + "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True)) + ")"
RANGE = r"\s*[—–\-－~～至到]{1,2}\s*"
MODIFIERS = ("及以上", "左右", "以上", "以内", "以下", "上下")
MODIFIER = "(?:" + "|".join(MODIFIERS) + ")"
# Before the number: what the report hopes for or bounds it by.
QUALIFIERS = ("力争", "确保", "争取", "不低于", "不少于", "不超过", "不高于", "低于", "高于", "近", "约", "超过", "超", "逾")
QUALIFIER = "(?:" + "|".join(QUALIFIERS) + ")"
DECLINE = ("下降", "降低", "降幅", "减少", "回落")
GROWTH_VERBS = ("增长", "增速", "增幅", "涨幅", "上涨", "提高", "上升") + DECLINE
LEVEL_VERBS = ("提高到", "提高至", "增加到", "增长到", "上升到", "下降到", "下降至", "降低到", "降至", "降到",
               "平均值为", "平均为", "达到", "达", "为", "完成", "实现", "保持在", "保持", "控制在", "稳定在", "突破",
               "超过", "在")
_VERB = re.compile("|".join(sorted(GROWTH_VERBS + LEVEL_VERBS, key=len, reverse=True)))
_VERB_TAIL = re.compile(r"(?:控制在|保持在|稳定在|为|达到|在)")  # 涨幅控制在, 增速为: still a growth
_ADVERB = re.compile(r"(?:同比|比上年|较上年|比去年|较去年|分别|各|均|都|实际|名义|同口径|可比价|按可比价格?计算[，,]?|按)+")
_VALUE = re.compile(
    rf"(?P<qualifier>{QUALIFIER})?\s*(?P<value>{NUMBER})\s*(?P<unit>{UNIT})?"
    rf"(?:{RANGE}(?P<high>{NUMBER})\s*(?P<unit2>{UNIT})?)?\s*(?P<modifier>{MODIFIER})?")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|，)\s*")

# Qualitative targets: the subject's growth against the economy's, or a task to fulfil.
_WITH_ECONOMY = re.compile(
    r"(?:增长|增速|增幅|下降|降低|目标)?\s*(?P<modifier>(?:与|和|同)经济增长(?:基本)?(?:保持)?同步|"
    r"高于经济增速(?:、高于全国平均水平)?|快于经济增长|高于全国平均水平|"
    r"(?:保持在|高于)全国平均水平以上|"
    r"(?:确保)?完成(?:国家|自治区|省|市|上级)?下达(?:的)?(?:目标任务|目标|任务)|达到国家要求)")
_TASK = re.compile(
    r"(?:按照国家要求)?完成(?P<who>国家|自治区|省|市|上级)?(?P<given>下达)?(?:的|给?我[省市区县旗])?"
    r"(?P<subjects>[^，。；：！？]{2,40}?)(?P<end>目标任务|目标|任务)")

# Before a subject: words that name the whole region or the year (a clause may open with them).
_LEAD = re.compile(r"(?:全[省市区县旗盟州镇乡]|全年|今年|去年|上年|本[省市区县旗]|我[省市区县旗]|预计|力争|确保|争取|"
                   r"实现|完成|努力实现|其中|同时|年度)*")

# Results are the year's: no averages or totals over years, no quarters or months.
_NOT_THE_YEAR = re.compile(r"年均|年平均|累计|五年|“?十[一二三四五]五”?|连续\s*\d+\s*年|季度|上半年|前\d+个?月|\d+\s*[-—至]\s*\d+\s*月")
# Passages on several years, and the plans of a report, by their opening words.
_MULTI_YEAR = re.compile(r"五年|四年来|三年来|过去[两二三四五]年|“十[一二三四五]五”|本届政府|[二两三四五]年间")
_ONE_YEAR = re.compile(r"^(?:各位代表[！!，,]?)?\s*(?:过去一年|刚刚过去的一年|一年来|\d{4}\s*年(?:，|是|以来|全[省市区县旗])|去年)")
# Words that open a passage on several years even where it starts with the year (2025年是…收官之年。过去五年).
_SEVERAL_YEARS = re.compile(r"五年来|过去五年|这五年|经过五年|五年间|[二两三四]年来|过去[两二三四]年|本届政府以来")
_REVIEW_HEADING = re.compile(r"回顾|回首|一年来|过去|成就|成绩|总结")
_PLAN_OPENING = re.compile(r"^(?:各位代表[！!，,]?)?\s*(?:今年|今后|未来|明年|新的一年)")
# The opening of the targets: 主要预期目标是：, 主要目标建议为：, 预期目标如下：
_CUE = re.compile(r"(?:主要)?预期目标(?:建议)?(?:是|为|安排为|确定为|如下|建议为)?\s*[:：]|"
                  r"(?:今年|明年|\d{4}\s*年)[^。；]{0,30}?主要目标(?:建议)?(?:是|为)\s*[:：]")

_MEASURED = re.compile(rf"{NUMBER}\s*{UNIT}")
# A heading that names the targets (（一）2024年主要预期目标): the paragraphs under it give them.
_CUE_HEADING = re.compile(r"^[（(]?[一二三四五六七八九十\d]*[)）、.．]?\s*(?:\d{4}\s*年|今年)?[^，。：:]{0,12}?(?:主要)?预期目标\s*$")
_CLAUSE_END = "，。；：！？,;:!?\n"


def _normalise(text: str) -> str:
    """Full-width digits and signs as ASCII, one character for one (positions are kept)."""
    return text.translate(_WIDE) if _WIDE_CHARS.search(text) else text  # translate is slow on Han text


_WIDE_CHARS = re.compile("[０-９％．～－]")
_WIDE = str.maketrans("０１２３４５６７８９％．～－", "0123456789%.~-")


# ---------------------------------------------------------------- reading one phrase


@dataclass
class _Value:
    value: float
    high: float | None
    unit: str
    modifier: str
    qualifier: str


@dataclass
class _Segment:
    verb: str
    growth: bool
    values: list[_Value]
    start: int
    end: int


@dataclass
class _Phrase:
    subjects: list[tuple[str, tuple[str, ...]]]  # (printed name, indicator ids; () = other)
    start: int
    end: int
    records: list[tuple[str, str, _Value | None, str]]  # (indicator, name, value, qualitative modifier)


def _segment(text: str, position: int, several: bool) -> _Segment | None:
    """What is said of a subject at ``position``: [同比|分别] [verb] value(s)."""
    cursor = position
    while cursor < len(text) and text[cursor] == " ":
        cursor += 1
    adverb = _ADVERB.match(text, cursor)
    respectively = False
    if adverb:
        respectively = bool(re.search("分别|各|均|都", adverb.group()))
        cursor = adverb.end()
    verb = _VERB.match(text, cursor)
    name = ""
    if verb:
        name = verb.group()
        cursor = verb.end()
        tail = _VERB_TAIL.match(text, cursor) if name in GROWTH_VERBS else None
        if tail:
            cursor = tail.end()
    while cursor < len(text) and text[cursor] == " ":
        cursor += 1
    first = _VALUE.match(text, cursor)
    if first is None:
        return None
    values = [_value(first)]
    end = first.end()
    if several or respectively:
        while True:
            join = _LIST_JOIN.match(text, end)
            following = _VALUE.match(text, join.end()) if join else None
            if not join or not following or join.group().strip() == "，":
                break
            values.append(_value(following))
            end = following.end()
    if text.startswith("安排", end):  # 一般公共预算收入按增长5%安排
        end += 2
    growth = name in GROWTH_VERBS
    return _Segment(name, growth, values, position, end)


def _value(match: re.Match[str]) -> _Value:
    unit = match.group("unit") or match.group("unit2") or ""
    high = float(match.group("high").replace(",", "")) if match.group("high") else None
    return _Value(float(match.group("value").replace(",", "")), high, unit, match.group("modifier") or "", match.group("qualifier") or "")


def _chain(text: str, position: int, several: bool) -> list[_Segment]:
    """The subject's segments: 5.2万亿元、增长5.4% ; 67665亿元，增长5.5%."""
    segments: list[_Segment] = []
    first = _segment(text, position, several)
    if first is None:
        return segments
    segments.append(first)
    cursor = first.end
    while cursor < len(text) and text[cursor] in "、，,":
        following = cursor + 1
        # A measure named again after an aside (企业达7.6万家、增加值增长3%) belongs to the subject too.
        if text.startswith("增加值", following):
            following += 3
        nxt = _segment(text, following, several)
        if nxt is None or not (nxt.growth or _ADVERB.match(text, following)):
            break
        segments.append(nxt)
        cursor = nxt.end
    return segments


# ---------------------------------------------------------------- the indicator names


class _Names:
    """Every printed name of the vocabulary, found longest first."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.subjects = vocabulary.subjects()
        names = sorted(self.subjects, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(name) for name in names)) if names else None
        self.measure = {indicator.id: indicator.measure for indicator in vocabulary.indicators}
        self.unit = {indicator.id: indicator.unit for indicator in vocabulary.indicators}
        # A name that is the stem of a longer one (规模以上工业 of 规模以上工业增加值), and what completes it.
        self.completion = {name: [other[len(name):] for other in names if other != name and other.startswith(name)
                                  and self.subjects[other] == self.subjects[name]] for name in names}

    def at(self, text: str, position: int) -> str | None:
        if self.pattern is None:
            return None
        match = self.pattern.match(text, position)
        return match.group() if match else None


def _clause_start(text: str, position: int) -> int:
    start = position
    while start > 0 and text[start - 1] not in _CLAUSE_END and text[start - 1] != "、":
        start -= 1
    return start


def _lead_length(text: str, position: int, region_names: tuple[str, ...]) -> int:
    cursor = position
    for name in region_names:
        if name and text.startswith(name, cursor):
            cursor += len(name)
            break
    match = _LEAD.match(text, cursor)
    return match.end() - position if match else cursor - position


def _lead_ok(text: str, clause_start: int, position: int, region_names: tuple[str, ...]) -> bool:
    lead = text[clause_start:position].strip()
    for name in region_names:
        if name and lead.startswith(name):
            lead = lead[len(name):]
    # 各位代表！ or a list label (一是, （一）) may open a sentence.
    lead = re.sub(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\d+[.．、])", "", lead)
    match = _LEAD.fullmatch(lead)
    return match is not None


# ---------------------------------------------------------------- a clause's figures


_NAMES: dict[int, tuple[Vocabulary, _Names]] = {}


def _names_of(vocabulary: Vocabulary) -> _Names:
    """The vocabulary's names, compiled once per vocabulary (a build reads every report with one)."""
    cached = _NAMES.get(id(vocabulary))
    if cached is None or cached[0] is not vocabulary:
        _NAMES.clear()
        cached = _NAMES[id(vocabulary)] = (vocabulary, _Names(vocabulary))
    return cached[1]


class _Reader:
    def __init__(self, vocabulary: Vocabulary, region_names: tuple[str, ...], names: _Names | None = None):
        self.names = names or _Names(vocabulary)
        self.region_names = region_names

    def phrases(self, text: str, kind: str, unclear: list[tuple[int, int, str]]) -> list[_Phrase]:
        """Every phrase of ``text`` (a normalised passage) that states a figure of ``kind``.

        Only two kinds of place can open a phrase: a clause's start and an indicator name, so
        only those are tried (a passage is read in one pass, not once per character)."""
        boundaries = [index + 1 for index, char in enumerate(text) if char in _CLAUSE_END or char == "、"]
        names = [match.start() for match in self.names.pattern.finditer(text)] if self.names.pattern else []
        candidates = sorted({0, *boundaries, *names})
        found: list[_Phrase] = []
        end = 0
        for position in candidates:
            if position < end or position >= len(text):
                continue
            at = bisect_right(boundaries, position)
            start = boundaries[at - 1] if at else 0
            phrase = None
            if kind == TARGET and position == start:
                phrase = self._task(text, position)
            if phrase is None:
                phrase = self._subject_phrase(text, position, start, kind, unclear)
            if phrase is not None:
                found.append(phrase)
                end = phrase.end
        return found

    def _task(self, text: str, position: int) -> _Phrase | None:
        """完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务: one record per named indicator."""
        match = _TASK.match(text, position)
        if match is None:
            return None
        modifier = "完成" + (match.group("who") or "") + (match.group("given") or "") + match.group("end")
        records = []
        subjects = []
        for part in re.split(r"、|和|及", match.group("subjects")):
            ids = self.names.subjects.get(part.strip())
            if ids:
                subjects.append((part.strip(), ids))
                records += [(ident, part.strip(), None, modifier) for ident in ids]
        if not records:
            return None
        return _Phrase(subjects, match.start(), match.end(), records)

    def _subject_phrase(self, text: str, position: int, clause_start: int, kind: str,
                        unclear: list[tuple[int, int, str]]) -> _Phrase | None:
        if position and text[position - 1] in "、和及与":
            return None  # a list is read from its first item: this one's first was not a name
        if position == clause_start:  # the subject may follow words that name the region or the year
            lead = _lead_length(text, position, self.region_names)
            if lead and self.names.at(text, position + lead):
                position += lead
        subjects, cursor = self._subjects(text, position)
        if not subjects:
            if kind == TARGET:
                return self._other(text, position)
            return None
        if not _lead_ok(text, clause_start, position, self.region_names):
            return None
        several = len(subjects) > 1 or any(len(ids) > 1 for _, ids in subjects)
        qualitative = _WITH_ECONOMY.match(text, cursor)
        if qualitative and kind == TARGET:
            modifier = qualitative.group("modifier")
            records = [(ident, name, None, modifier) for name, ids in subjects for ident in ids]
            return _Phrase(subjects, position, qualitative.end(), records)
        segments = _chain(text, cursor, several)
        clause_end = _next_end(text, cursor)
        if not segments:
            if _MEASURED.search(text[cursor:clause_end]):
                unclear.append((position, clause_end, "its figure is not in a form the rules read"))
            return None
        return self._assign(text, subjects, segments, position, clause_end, unclear, kind)

    def _subjects(self, text: str, position: int) -> tuple[list[tuple[str, tuple[str, ...]]], int]:
        """名称、名称和名称: the names of a subject list (every item must be a name)."""
        subjects = []
        cursor = position
        while True:
            name = self.names.at(text, cursor)
            if name is None:
                return ([], position) if subjects else ([], position)
            subjects.append((name, self.names.subjects[name]))
            cursor += len(name)
            for completion in self.names.completion.get(name, []):
                aside = re.match(rf"(?:企业|单位)数?(?:达到?|为|有)?\s*{NUMBER}\s*[万千]?[家个户]、{re.escape(completion)}",
                                 text[cursor:])
                if aside:
                    cursor += aside.end()
                    break
            join = re.match(r"(?:、|和|及|与)", text[cursor:])
            if join and self.names.at(text, cursor + 1) and not _WITH_ECONOMY.match(text, cursor):
                cursor += 1
                continue
            return subjects, cursor

    def _other(self, text: str, position: int) -> _Phrase | None:
        """A target outside the vocabulary: a subject of Han characters, then verb, number and unit
        (农牧区劳动力转移就业106万人次以上); or a list with 分别 (一产、二产、三产增加值分别增长…)."""
        position += _lead_length(text, position, self.region_names)  # 其中, 全市: not part of the name
        match = re.match(r"(?P<subjects>[\u4e00-\u9fff“”]{2,20}?(?:、[\u4e00-\u9fff“”]{1,20}?)*)"
                         rf"(?=(?:分别|各|均)?(?:增长|下降|降低|达到|保持在|控制在|稳定在|为|提高到)?\s*{QUALIFIER}?\s*\d)",
                         text[position:])
        if match is None:
            return None
        names = match.group("subjects").split("、")
        if any((self.names.pattern and self.names.pattern.search(name)) or _VERB.match(name) for name in names) \
                or _LEAD.fullmatch(names[0]):
            return None
        cursor = position + match.end()
        segments = _chain(text, cursor, len(names) > 1)
        if len(segments) != 1:
            return None
        segment = segments[0]
        end = segment.end
        if end < len(text) and text[end] not in _CLAUSE_END + "、":
            return None
        values = segment.values
        if len(values) == 1 and len(names) > 1:
            values = values * len(names)
        if len(values) != len(names) or any(v.unit in ("", "个百分点") for v in values):
            return None
        _spread_modifier(values)
        records = [(OTHER, name, _signed(value, segment), "") for name, value in zip(names, values)]
        return _Phrase([(name, ()) for name in names], position, end, records)

    def _assign(self, text: str, subjects: list[tuple[str, tuple[str, ...]]], segments: list[_Segment],
                start: int, clause_end: int, unclear: list[tuple[int, int, str]], kind: str) -> _Phrase | None:
        ids = [(ident, name) for name, group in subjects for ident in group]
        measures = {self.names.measure[ident] for ident, _ in ids}
        if len(measures) != 1:
            unclear.append((start, clause_end, "one phrase names indicators of different kinds"))
            return None
        measure = measures.pop()
        chosen = None
        for segment in segments:
            if _fits(segment, measure, self.names.unit[ids[0][0]]):
                chosen = segment
                break
        if chosen is None:
            # A review may give an amount alone (一般公共预算收入完成20亿元); a target in another unit is unclear
            # (居民消费价格指数控制在103左右: an index, not a rise).
            if kind == TARGET or measure != "growth" or any(s.growth for s in segments):
                unclear.append((start, clause_end, "no figure in the indicator's unit"))
            return None
        values = chosen.values
        if len(values) == 1 and len(ids) > 1:
            if chosen.verb and any(name for name, group in subjects if len(group) > 1) and not re.search(
                    r"(?:分别|各)", text[start:chosen.start + 4]):
                values = values * len(ids)  # 城乡居民人均可支配收入增长6%以上: both grow by 6%
            elif re.search(r"均|都|分别|各", text[start:chosen.end]) or len(subjects) == 1:
                values = values * len(ids)
        if len(values) != len(ids):
            unclear.append((start, clause_end, f"{len(ids)} indicators but {len(values)} figures"))
            return None
        _spread_modifier(values)
        records = [(ident, name, _signed(value, chosen), "") for (ident, name), value in zip(ids, values)]
        return _Phrase(subjects, start, chosen.end, records)


def _fits(segment: _Segment, measure: str, unit: str) -> bool:
    units = {value.unit for value in segment.values}
    if measure == "growth":
        return segment.growth and units == {"%"}
    if measure == "rate":
        return not segment.growth and units == {"%"} and segment.verb not in ("提高到", "下降到", "降至", "降到")
    family = _FAMILY.get(unit, {unit})
    return not segment.growth and bool(units) and units <= family


_FAMILY = {"万人": {"万人", "人"}, "万吨": {"万吨", "吨", "亿斤", "万斤", "斤"}}


def _spread_modifier(values: list[_Value]) -> None:
    """A qualifier printed once after the last of several numbers holds for them all."""
    if len(values) > 1 and values[-1].modifier and not any(v.modifier for v in values[:-1]):
        for value in values[:-1]:
            value.modifier = values[-1].modifier


def _signed(value: _Value, segment: _Segment) -> _Value:
    if segment.verb in DECLINE:
        return _Value(-value.value, -value.high if value.high is not None else None, value.unit, value.modifier,
                      value.qualifier)
    return value


def _next_end(text: str, position: int) -> int:
    for index in range(position, len(text)):
        if text[index] in _CLAUSE_END:
            return index
    return len(text)


# ---------------------------------------------------------------- the report


@dataclass
class _Passage:
    slot: TextSlot
    kind: str
    year: int | None
    offset: int = 0  # where the passage starts in the slot's visible text


def extract_figures(report: Report, vocabulary: Vocabulary, mark: bool = True) -> Extraction:
    """Every target and result of the report, in reading order; with ``mark``, each phrase is wrapped in
    figure markers in the report's text (figure_open(k) … FIGURE_CLOSE, k = the phrase's number - 1)."""
    region = report.meta.region
    short = re.sub(r"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|区|县|旗|盟|州)$", "", region)
    reader = _Reader(vocabulary, tuple(name for name in (region, short) if len(name) >= 2), _names_of(vocabulary))
    extraction = Extraction()
    phrase_number = 0
    for passage in _passages(report, reader.names.pattern):
        text = passage.slot.get()
        visible = _normalise(strip_markers(text))
        unclear: list[tuple[int, int, str]] = []
        phrases = reader.phrases(visible[passage.offset:], passage.kind, unclear)
        kept: list[tuple[_Phrase, list[Figure]]] = []
        for phrase in phrases:
            printed = visible[passage.offset + phrase.start: passage.offset + phrase.end]
            if passage.kind == RESULT and _NOT_THE_YEAR.search(printed):
                continue
            figures = []
            anchor = f"fig-{phrase_number + len(kept) + 1}"
            # A result the sentence gives as an estimate (预计全区地区生产总值…；固定资产投资…) says so.
            sentence = visible[:passage.offset + phrase.start]
            estimate = passage.kind == RESULT and "预计" in sentence[sentence.rfind("。") + 1:]
            for indicator, name, value, modifier in phrase.records:
                figures.append(Figure(
                    indicator=indicator, name=name, text=strip_markers(printed).strip(),
                    value=_number(value.value) if value else None,
                    value_high=_number(value.high) if value and value.high is not None else None,
                    unit=value.unit if value else "",
                    modifier=_combined("预计" if estimate and not modifier else modifier, value),
                    kind=passage.kind, year=passage.year, anchor=anchor, line=passage.slot.line))
            kept.append((phrase, figures))
        for start, end, reason in unclear:
            printed = visible[passage.offset + start: passage.offset + end]
            if passage.kind == RESULT and _NOT_THE_YEAR.search(printed):
                continue
            extraction.unclear.append(Unclear(passage.kind, passage.slot.line, printed.strip(), reason))
        if mark and kept:
            _mark(passage.slot, [(passage.offset + p.start, passage.offset + p.end) for p, _ in kept], phrase_number)
        for _, figures in kept:
            extraction.figures += figures
        phrase_number += len(kept)
    return extraction


def _number(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _combined(modifier: str, value: _Value | None) -> str:
    """预计 before a value's own modifier; a qualitative target's modifier alone."""
    if value is None:
        return modifier
    own = _modifier(value)
    return modifier + own if modifier == "预计" else (modifier or own)


def _modifier(value: _Value) -> str:
    return (value.qualifier + ("…" if value.qualifier and value.modifier else "") + value.modifier) if value.qualifier else value.modifier


def _passages(report: Report, names: re.Pattern[str] | None = None) -> list[_Passage]:
    """The passages to read: the targets after their cue, and the review of the year before.

    A section's heading says what it is about (the year's review, years', or plans); within a
    review, a paragraph's opening words move from one year to several (五年来) and back
    (过去一年), and the plans start where the report says 今年 or gives its targets."""
    year = report.meta.year
    result_year = year - 1 if year else None
    found: list[_Passage] = []
    context = section = "review"  # before any heading, a report reviews the year
    targets_open = seen_cue = False
    top = min([h.level for h in report.headings() if h.level] or [0])
    for slot in report.body_slots():
        owner = slot.owner
        if isinstance(owner, dict):  # footnotes
            continue
        text = _normalise(strip_markers(slot.get()))
        if isinstance(owner, Heading):
            targets_open = False
            if not seen_cue and _CUE_HEADING.match(text.strip()) and not _MULTI_YEAR.search(text):
                seen_cue = targets_open = True
                context = section = "plan"
                continue
            heading = _heading_context(text, year)
            if owner.level <= top:
                context = section = heading
            else:
                context = heading if heading != "plan" else section
            continue
        cue = None if seen_cue else _CUE.search(text)
        # Targets over five years (“十五五”时期主要预期目标是：) are not the year's.
        if cue and not _MULTI_YEAR.search(text[text.rfind("。", 0, cue.start()) + 1:cue.start()]):
            seen_cue = True
            context = section = "plan"
            rest = text[cue.end():]
            if rest.strip():
                found.append(_Passage(slot, TARGET, year, cue.end()))
            targets_open = not rest.strip()
            continue
        if targets_open:  # the cue ended its paragraph: its list follows, item by item, each naming an indicator
            if names is not None and names.search(text) and re.search(r"\d|同步|下达", text):
                found.append(_Passage(slot, TARGET, year))
                continue
            targets_open = False
        if context in ("review", "multi"):
            if _ONE_YEAR.match(text) and not _SEVERAL_YEARS.search(text[:60]):
                context = "review"
            elif _MULTI_YEAR.search(text[:60]):
                context = "multi"
            elif _PLAN_OPENING.match(text):
                context = "plan"
        if context == "review" and not seen_cue and re.search(r"\d", text):
            found.append(_Passage(slot, RESULT, result_year))
    return found


def _heading_context(text: str, year: int | None) -> str:
    """What a section is about, by its heading: the review of the year (review), of years (multi), or plans."""
    one_year = bool(re.search(r"一年来|过去一年", text)) or bool(year and re.search(rf"{year - 1}\s*年", text))
    if _REVIEW_HEADING.search(text) or one_year:
        if one_year:
            return "review"
        return "multi" if _MULTI_YEAR.search(text) else "review"
    return "plan"


def _mark(slot: TextSlot, spans: list[tuple[int, int]], first: int) -> None:
    """Wrap each visible span of the slot's text in figure markers; bold marks inside move out."""
    text = slot.get()
    positions = [index for index, char in enumerate(text) if not MARKERS.match(char)]
    pieces = []
    cursor = 0
    for number, (start, end) in enumerate(spans, first):
        begin, finish = positions[start], positions[end - 1] + 1
        inner = text[begin:finish]
        closes = inner.count(BOLD_CLOSE) - inner.count(BOLD_OPEN)
        opens = -closes if closes < 0 else 0
        lifted = inner.replace(BOLD_OPEN, "").replace(BOLD_CLOSE, "")
        # Other marks (footnotes, errata) stay where they were, inside the phrase.
        pieces += [text[cursor:begin], BOLD_CLOSE * max(closes, 0), figure_open(number), lifted, FIGURE_CLOSE,
                   BOLD_OPEN * opens]
        cursor = finish
    pieces.append(text[cursor:])
    slot.set("".join(pieces))
