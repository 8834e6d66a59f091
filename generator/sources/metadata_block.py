"""A crawler's metadata block above the report: ``key：value`` lines before the text.

Research datasets and crawlers write what they know of a report above its
text, one field a line, in many shapes:

    标题：2022年保定市政府工作报告          title: 2022年保定市政府工作报告
    发文单位：保定市人民政府                【发文时间】2022-02-15
    发文时间：未知                          ---   (YAML front matter: between two rules)
    年份：2022
    报告人：张三
    来源URL：http://www.baoding.gov.cn/…
    正文：
    ==========

The block is the run of such lines at the top of the file, ended by its
``正文：`` (text) line or by the first line that is no field. A web page's date
line may hold several fields (发布时间：… 来源：… 浏览次数：…); a value wrapped onto
a line or two (a long title, a date under the title) continues when a known
field follows, never across a rule. It is a block only when it names a field
we know (title, issuing body or region, date, year, speaker, address) and has
two fields, a ``正文：`` line, or a title naming a document, so that a report
opening with 各位代表： or one stray 来源： line is no block.

Known keys become fields (see ``KEYS``); a value such as ``未知`` is no value;
unknown keys are recorded as dropped. The block's lines leave the text before
the layout stage sees it, so the cover below is found as usual; the structure
stage fills what the cover does not state from the block, and where both state
a fact and disagree, the cover wins and ``check`` says so (``metadata.reconcile``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..inline import plain
from ..model import Line, RepairLog

# Field -> the keys crawlers and datasets write for it (compared without spaces, case-folded).
KEYS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "题目", "题名", "文章标题", "文件标题", "报告标题", "文件名称", "文档标题", "title"),
    "region": ("发文单位", "发文机关", "发布机关", "发布单位", "报告单位", "地区", "地域", "行政区", "行政区划", "地区名称",
               "省份", "城市", "region", "area", "city", "province", "prefecture", "county"),
    # The day the report was delivered; a page's or a document's own date (时间, 日期, 发文时间) is when it
    # was published, usually days later: it never stands for the delivery date.
    "date": ("会议日期", "会议时间", "报告日期", "报告时间", "讲话日期", "讲话时间", "date"),
    "published": ("发文时间", "发文日期", "发布时间", "发布日期", "成文日期", "印发日期", "日期", "时间", "published", "publish_date",
                  "pub_date", "publishdate", "pubdate", "publish_time"),
    "year": ("年份", "年度", "year"),
    "speaker": ("报告人", "作者", "发言人", "讲话人", "speaker", "author"),
    "url": ("来源url", "来源网址", "来源链接", "原文链接", "原文地址", "原文网址", "网址", "链接", "网页地址", "url", "link",
            "source_url", "sourceurl", "href"),
    "source": ("来源", "信息来源", "文章来源", "来源网站", "来源媒体", "source", "publisher"),
}
# Keys whose line opens the text: what follows the colon on that line is the text's first line.
BODY_KEYS = ("正文", "全文", "内容", "正文内容", "文本", "text", "content", "body", "full_text", "fulltext")
# A field line is short: the longest title (a five-year plan's) and a page's date line fit many times.
MAX_FIELD_LINE = 200
# A value a page's table put on the line below its key is a cell: a title at the longest.
MAX_VALUE_BELOW = 100
# Values that state nothing.
NO_VALUE = {"未知", "无", "暂无", "不详", "空", "null", "none", "n/a", "na", "nan", "-", "--", "/", "—", "unknown"}

_FIELD_OF = {key: name for name, keys in KEYS.items() for key in keys}
_KEY = r"[\u4e00-\u9fffA-Za-z_][\u4e00-\u9fffA-Za-z_ ]{0,15}"
_FIELD_LINE = re.compile(
    rf"^(?:【\s*(?P<bracketed>{_KEY}?)\s*】|\[\s*(?P<squared>{_KEY}?)\s*\]|(?P<plain>{_KEY}?)\s*[:：=]"
    rf"|(?P<tabbed>{_KEY}?)\t+(?=[^\t]*$))\s*(?P<value>.*)$"  # 标题<TAB>…: two cells, a dataset's key and value
)
_RULE = re.compile(r"^[=\-_*#~—－]{3,}$")
_SALUTATION = re.compile(r"^各位(?:代表|委员)")
_ISO = re.compile(r"^(?P<y>\d{4})(?:\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)?\s*月?)?")
_URL = re.compile(r"^https?://\S+$", re.I)
_HAN = re.compile("[\u4e00-\u9fff“”《》（）、，。：]")
# Another field on the same line, after a space (发布时间：2022-01-25 来源：保定市人民政府).
_NEXT_FIELD = re.compile(r"\s+(?P<key>[\u4e00-\u9fffA-Za-z_]{1,12})\s*[:：]")
# What a web page prints on its date line besides fields we know: split off, then dropped as unknown.
PAGE_KEYS = ("浏览次数", "阅读次数", "点击数", "点击量", "访问量", "浏览量", "字号", "编辑", "责任编辑", "作者单位", "分享")
_TITLE_WORDS = re.compile(r"报告|纲要|规划|计划|意见|决定|方案")
_TITLE_END = re.compile(r"(?:报告|纲要|规划|计划|意见|决定|方案)\s*[）)]?$")
_BRACKETED = re.compile(r"^[（(][^（）()]{1,30}[）)]$")
_TITLE_DATE = re.compile(r"^(?P<title>.+?)\s*[（(]\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[）)]$")


@dataclass
class MetadataBlock:
    """What a crawler's block states, by field, with the line each came from."""

    values: dict[str, str] = field(default_factory=dict)  # field -> value, as cleaned
    lines: dict[str, int] = field(default_factory=dict)  # field -> its line
    keys: dict[str, str] = field(default_factory=dict)  # field -> the key as the block wrote it
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, key, value) of unknown keys

    def get(self, name: str) -> str:
        return self.values.get(name, "")


def _key_and_value(text: str) -> tuple[str, str] | None:
    match = _FIELD_LINE.match(text)
    if not match:
        return None
    key = next(k for k in (match.group("bracketed"), match.group("squared"), match.group("plain"), match.group("tabbed"))
               if k is not None)
    return key.strip(), match.group("value").strip()


def _normal_key(key: str) -> str:
    return re.sub(r"\s+", "", key).casefold()


def iso_date(text: str) -> str:
    """2022-02-15 / 2022年2月15日 / 2022.02 / 2022 -> ISO at the precision stated; '' if it is no date."""
    match = _ISO.match(text.strip())
    if not match:
        return ""
    year, month, day = match.group("y"), match.group("m"), match.group("d")
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        return ""
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if month and day else "")


def _clean(name: str, value: str) -> str:
    value = plain(value).strip().strip("“”\"'")
    if value.casefold() in NO_VALUE:
        return ""
    if name in ("date", "published"):
        return iso_date(value)
    if name == "year":
        match = re.fullmatch(r"(\d{4})\s*年?度?", value)
        return match.group(1) if match else ""
    if name == "url":
        return value if _URL.match(value) else ""
    if name == "source" and _URL.match(value):
        return value  # moved to url by read_metadata_block
    return re.sub(r"\s+", " ", value)


def _fields(text: str) -> list[tuple[str, str]] | None:
    """The fields of a block's line: one, or several a web page prints on one line
    (发布时间：2022-01-25 09:30 来源：保定市人民政府 浏览次数：1234); None if it is no field line."""
    found = _key_and_value(text)
    if not found or (len(text) > MAX_FIELD_LINE and _normal_key(found[0]) not in BODY_KEYS):
        return None  # a paragraph (or a text run together on one line) that opens with 分享： is no field
    key, value = found
    fields = []
    for match in _NEXT_FIELD.finditer(value):
        if _normal_key(match.group("key")) in _FIELD_OF or match.group("key") in PAGE_KEYS:
            fields.append((key, value[: match.start()].strip()))
            key, value = match.group("key"), value[match.end():].strip()
            return fields + (_fields(f"{key}：{value}") or [(key, value)])
    return [(key, value)]


def _joined(value: str, more: str) -> str:
    """A value continued on the next line: Chinese joins without a space."""
    if not value or not more:
        return value or more
    return value + ("" if _HAN.match(value[-1]) or _HAN.match(more[0]) else " ") + more


def _is_field_line(text: str) -> bool:
    """A line that opens a field the block knows, or the text (a continuation ends where one follows)."""
    found = _key_and_value(text)
    return bool(found) and not _SALUTATION.match(text) and (
        _normal_key(found[0]) in _FIELD_OF or _normal_key(found[0]) in BODY_KEYS)


def read_metadata_block(lines: list[Line], log: RepairLog) -> tuple[MetadataBlock | None, list[Line]]:
    """The block at the top of ``lines`` and the one at their end, as one (or None), and the lines without them.

    A block's lines are recorded as dropped under ``metadata-block``; a ``正文：``
    line with text after its colon keeps that text as the first line of the report.
    A value a crawler wrapped onto the next line or two (a long title) is
    continued there when a known field follows. Some crawlers write what they
    know after the text (原文链接：…/采集时间：…): such a block at the end fills
    what the one at the top does not state.
    """
    block, lines = _head_block(lines, log)
    tail, lines = _tail_block(lines, log)
    if tail is None:
        return block, lines
    if block is None:
        return tail, lines
    for name, value in tail.values.items():
        if name not in block.values:
            block.values[name], block.lines[name], block.keys[name] = value, tail.lines[name], tail.keys[name]
    block.dropped += tail.dropped
    return block, lines


def _head_block(lines: list[Line], log: RepairLog) -> tuple[MetadataBlock | None, list[Line]]:
    index = 0
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    start = index
    fields: list[tuple[Line, str, str]] = []
    body_line: Line | None = None
    ruled = False  # a rule was passed since the last field
    while index < len(lines):
        text = lines[index].text.strip()
        if not text or _RULE.match(text):
            ruled = ruled or bool(text and fields)
            index += 1
            continue
        found = None if _SALUTATION.match(text) else _fields(text)
        if not found:
            # No value continues across a rule: one after the fields closes them (front matter's second ---).
            following = _continuation(lines, index) if fields and not ruled and _may_continue(fields[-1], text) else 0
            if not following:
                break
            line, key, value = fields[-1]
            more = " ".join(lines[index + n].text.strip() for n in range(following))
            fields[-1] = (line, key, _joined(value, more))
            index += following
            continue
        key, _ = found[0]
        if _normal_key(key) in BODY_KEYS:
            body_line = lines[index]
            index += 1
            while index < len(lines) and (not lines[index].text.strip() or _RULE.match(lines[index].text.strip())):
                index += 1
            break
        below = _value_below(lines, index) if len(found) == 1 and not found[0][1] else None
        if below is not None:  # a table scraped a cell a line: 发文机关： ⏎ 保定市人民政府
            fields.append((lines[index], key, lines[below].text.strip()))
            index = below + 1
            ruled = False
            continue
        fields += [(lines[index], key, value) for key, value in found]
        ruled = False
        index += 1
    known = [item for item in fields if _normal_key(item[1]) in _FIELD_OF]
    # One field is a block only when it is a title naming a document (标题：2022年保定市政府工作报告):
    # a single 来源： or 时间： line is a web page's, left to the web-chrome rules.
    lone_title = len(fields) == 1 and known and _FIELD_OF[_normal_key(known[0][1])] == "title" \
        and _TITLE_WORDS.search(known[0][2])
    if not known or (len(fields) < 2 and body_line is None and not lone_title):
        return None, lines
    taken = [line for line in lines[start:index] if line is not body_line]
    rest = lines[index:]
    if body_line is not None:
        _, first_text = _key_and_value(body_line.text.strip())  # type: ignore[misc]
        if first_text:
            rest = [Line(body_line.no, first_text, 0, body_line.page_start, body_line.role, None, body_line.font)] + rest
        else:
            taken.append(body_line)
    _record(taken, log)
    return _block_of(fields), lines[:start] + rest


def _next_text(lines: list[Line], index: int) -> int | None:
    """The index of the first line from ``index`` that holds text, or None."""
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    return index if index < len(lines) else None


def _value_below(lines: list[Line], index: int) -> int | None:
    """Where the value of the empty field at ``index`` stands, when a page's table put it on the next line.

    The next line is the value when another field follows it (索引号： ⏎ 000014349/2022-00012 ⏎
    主题分类：…), or when it is what the field holds (a date under 发布日期：, a title naming a
    document under 标题：). So the cover's title is never taken for an empty 发文字号：.
    """
    below = _next_text(lines, index + 1)
    if below is None:
        return None
    text = lines[below].text.strip()
    if _fields(text) or _SALUTATION.match(text) or _RULE.match(text) or len(text) > MAX_VALUE_BELOW:
        return None
    after = _next_text(lines, below + 1)
    if after is not None and _fields(lines[after].text.strip()) and not _SALUTATION.match(lines[after].text.strip()):
        return below
    name = _FIELD_OF.get(_normal_key(_key_and_value(lines[index].text.strip())[0]))  # type: ignore[index]
    fits = {"date": iso_date, "published": iso_date, "year": lambda v: _clean("year", v), "url": lambda v: _URL.match(v),
            "title": lambda v: _TITLE_WORDS.search(v)}.get(name or "")
    return below if fits and fits(text) else None


def _tail_block(lines: list[Line], log: RepairLog) -> tuple[MetadataBlock | None, list[Line]]:
    """The field lines after the text's last paragraph: two or more with a known key, or a known address."""
    index = len(lines)
    fields: list[tuple[Line, str, str]] = []
    while index > 0:
        text = lines[index - 1].text.strip()
        if not text or _RULE.match(text):
            index -= 1
            continue
        found = None if _SALUTATION.match(text) else _fields(text)
        if not found or _normal_key(found[0][0]) in BODY_KEYS:
            break
        fields = [(lines[index - 1], key, value) for key, value in found] + fields
        index -= 1
    known = [item for item in fields if _normal_key(item[1]) in _FIELD_OF]
    address = any(_FIELD_OF[_normal_key(key)] in ("url", "source") and _URL.match(value.strip()) for _, key, value in known)
    if not known or (len(fields) < 2 and not address) or index == 0:
        return None, lines
    _record(lines[index:], log)
    return _block_of(fields), lines[:index]


def _record(taken: list[Line], log: RepairLog) -> None:
    taken = sorted(taken, key=lambda line: line.no)
    log.removed("metadata-block", [line.no for line in taken if line.text.strip()],
                "\n".join(line.text for line in taken if line.text.strip()))


def _block_of(fields: list[tuple[Line, str, str]]) -> MetadataBlock:
    """The fields by name, each from the first line that states it; unknown keys as dropped."""
    block = MetadataBlock()
    for line, key, value in fields:
        name = _FIELD_OF.get(_normal_key(key))
        if name is None:
            block.dropped.append((line.no, key, value))
            continue
        if name == "title":
            value, dated = _title_and_date(value)
            if dated and "date" not in block.values:
                block.values["date"], block.lines["date"], block.keys["date"] = dated, line.no, key
        cleaned = _clean(name, value)
        if name == "source" and _URL.match(cleaned):
            name = "url"
        if cleaned and name not in block.values:
            block.values[name], block.lines[name], block.keys[name] = cleaned, line.no, key
    return block


# How many lines a value may be continued on: a wrapped title takes two at the most.
MAX_CONTINUATION = 2


def _may_continue(field: tuple[Line, str, str], text: str) -> bool:
    """Only a title wraps: one that names no document yet (……规划和 ⏎ 二〇三五年远景目标纲要), or one with
    its date or status in brackets below (（2022年1月23日）, （征求意见稿）). Anything else after a field
    is the page (its own title, a timestamp), even when a field follows it."""
    _, key, value = field
    if _FIELD_OF.get(_normal_key(key)) != "title":
        return False
    return not _TITLE_END.search(value.strip()) or bool(_BRACKETED.match(text))


def _continuation(lines: list[Line], index: int) -> int:
    """How many lines from ``index`` continue the field before them: non-field lines that a
    field the block knows follows (0 when none does: the block has ended)."""
    count = 0
    while index + count < len(lines) and count < MAX_CONTINUATION:
        text = lines[index + count].text.strip()
        if not text or _SALUTATION.match(text) or _fields(text):
            break
        count += 1
    following = lines[index + count].text.strip() if index + count < len(lines) else ""
    return count if count and _is_field_line(following) else 0


def _title_and_date(value: str) -> tuple[str, str]:
    """A title with its date printed after it, as a cover prints it under the title:
    2022年保定市政府工作报告（2022年1月23日） -> the title, and the delivery date."""
    match = _TITLE_DATE.match(value.strip())
    if not match:
        return value, ""
    return match.group("title"), iso_date(match.group("date"))
