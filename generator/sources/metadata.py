"""Report metadata from the text itself: title, region, level, kind, date, meeting, speaker.

The cover of a report states most of it, in a few common forms:

* the meeting line: ``——2026年1月25日在北京市第十六届人民代表大会第四次会议上``,
  ``（2026年1月27日在……）``, ``2026年2月3日在……会议上``, with Chinese numerals
  (``——二〇二六年一月二十七日在……``), wrapped over two lines, or followed by the
  speaker on the same line;
* the speaker line: ``玉泉区人民政府区长 南男``, ``北京市市长 殷勇``, ``省长 罗东川``,
  ``代省长``, ``自治区主席``, ``州长``, ``盟长``, ``旗长`` (a name may be spaced out: 龚 正);
* the title: ``2026年北京市政府工作报告``, or a bare ``政府工作报告`` that the reader
  title completes from the region and the year (广东省2026年政府工作报告).

The region comes from the speaker's role, the meeting, the title or the body
(我代表……人民政府), and the administrative level from the region. What the
text does not state stays empty (``check`` warns); the manifest may fill it in.
"""

from __future__ import annotations

import re

from ..inline import HAN_CLASS, plain
from ..model import CoverLine, ReportMeta
from ..structure.numbering import chinese_number, dangles
from .metadata_block import MetadataBlock

_H = f"[{HAN_CLASS}]"
_NUMBER = r"(?:\d{1,4}|[〇零○Ｏ一二三四五六七八九十]{1,4})"
_DATE = re.compile(rf"(?P<y>\d{{4}}|[〇零○Ｏ一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_NUMBER})\s*月(?:\s*(?P<d>{_NUMBER})\s*日)?")
_DASHES = "—－―\\-–─━‒"  # U+2500/U+2501: box-drawing lines older word processors set as a dash
# A meeting line opens with its date, after dashes or a parenthesis.
_MEETING_START = re.compile(rf"^[（(]?\s*[{_DASHES}]{{0,2}}\s*(?={_DATE.pattern})")
_MEETING = re.compile(r"^\s*(?:日\s*)?(?:在)?(?P<meeting>.+?会议)(?:上)?(?:的?(?:讲话|报告))?\s*[）)]?\s*(?P<tail>.*)$")
_ROLE = "(?:省长|市长|区长|县长|旗长|主席|州长|盟长|专员)"
_SPEAKER = re.compile(
    rf"^(?P<role>(?:{_H}{{2,24}}?(?:人民政府|行政公署|政府)?)?(?:代理|代)?{_ROLE})"
    rf"\s*(?P<name>(?:{_H}\s*){{2,4}}|{_H}{{1,8}}(?:·{_H}{{1,10}})+)$"
)
_DATE_ONLY = re.compile(rf"^[（(]?\s*{_DATE.pattern}\s*[）)]?$")  # 2010年1月20日, or （2010年1月20日） under a title
# The role word a speaker's line ends its role with: what stands before it may name the region (代市长 names none).
_ROLE_AT_END = re.compile(rf"(?:代理|代)?{_ROLE}$")
# A person's name as a crawler's 报告人/作者 field gives it, without a role.
_NAME = re.compile(rf"^(?:{_H}{{2,4}}|{_H}{{1,8}}(?:·{_H}{{1,10}})+)$")
# What an 作者 field names when it names no person: a body, a newspaper, an agency (市政府办公室, 新华社).
_ORGANISATION = re.compile(r"(?:政府|办公室|办公厅|委员会|中心|集团|公司|新闻|网站|日报|晚报|社|局|委|厅|部|处|网|报|台|站|院|署|所|办)$")
_TITLE_WORDS = re.compile(r"报告|纲要|规划|计划|意见|决定|方案")
_UNIT = re.compile(rf"{_H}{{1,12}}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|盟|州|地区|区|县|旗)")
_REGION_BEFORE = re.compile(r"人民政府|行政公署|政府工作报告|国民经济|政府")
_REGION_OF_MEETING = re.compile(rf"({_H}{{2,24}}?)第{_NUMBER}届人民代表大会")
_FIVE_YEAR = re.compile(r"第([一二三四五六七八九十]{1,3})个五年|“?十([一二三四五六七八九])五”?")
# The four municipalities directly under the central government are provinces.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def iso_date(match: re.Match[str]) -> str:
    year, month, day = (chinese_number(match.group(g)) or 0 if match.group(g) else 0 for g in ("y", "m", "d"))
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


def region_in(text: str) -> str:
    """The innermost administrative unit named before 人民政府 / 政府 / 国民经济.

    A year is no part of a name: 2022年保定市 names 保定市, never 年保定市.
    """
    text = re.sub(r"\d{4}\s*年度?", " ", plain(text))
    cut = _REGION_BEFORE.search(text)
    prefix = text[: cut.start()] if cut else text
    units = _UNIT.findall(prefix)
    return units[-1] if units else ""


def level_of(region: str) -> str:
    """省级 for provinces, autonomous regions and municipalities; 地级 for 市 / 州 / 盟 / 地区; 县级 for 区 / 县 / 旗.

    A 区 of a municipality is 县级 like any 区. A county-level city (县级市) cannot
    be told from its name; the manifest records its level.
    """
    if region in MUNICIPALITIES or region.endswith(("省", "自治区", "特别行政区")):
        return "省级"
    if region.endswith(("市", "盟", "州", "地区")):
        return "地级"
    if region.endswith(("区", "县", "旗")):
        return "县级"
    return ""


def kind_of(title: str) -> str:
    if "政府工作报告" in title:
        return "政府工作报告"
    if "纲要" in title and ("五年规划" in title or _FIVE_YEAR.search(title)):
        return "五年规划纲要"
    if "规划纲要" in title:
        return "规划纲要"
    match = _TITLE_WORDS.search(title)
    return title[match.start() - 2: match.end()] if match and match.start() >= 2 else ""


def reader_title(meta: ReportMeta) -> str:
    """The title readers use: 玉泉区2023年政府工作报告, 玉泉区“十五五”规划纲要."""
    if meta.kind == "政府工作报告" and meta.region and meta.year:
        return f"{meta.region}{meta.year}年政府工作报告"
    five_year = _FIVE_YEAR.search(meta.doc_title)
    if meta.kind == "五年规划纲要" and meta.region and five_year:
        return f"{meta.region}“{five_year.group(1) or '十' + five_year.group(2)}五”规划纲要".replace("“十十", "“十")
    return meta.doc_title or file_title(meta)


def join_wrapped_cover_lines(lines: list[str]) -> list[str]:
    """A meeting line or a title wrapped over two lines is one line (……第十四届 ⏎ 人民代表大会……会议上)."""
    out: list[str] = []
    for text in lines:
        if out:
            previous = out[-1]
            meeting_open = _MEETING_START.match(previous) and "会议" not in previous
            title_open = (not _TITLE_WORDS.search(previous) and _TITLE_WORDS.search(text)
                          and (dangles(previous) or (previous.endswith("发展") and text.startswith("第"))))
            if (meeting_open and not _DATE.search(text) and not _SPEAKER.match(text)) or title_open:
                out[-1] = previous + text
                continue
        out.append(text)
    return out


def _speaker(text: str) -> tuple[str, str] | None:
    """(role, name) of a speaker line: 北京市市长 殷勇 -> (北京市市长, 殷勇)."""
    match = _SPEAKER.match(text.strip())
    if not match:
        return None
    return match.group("role"), re.sub(r"\s+", "", match.group("name"))


def block_speaker(value: str) -> str:
    """A metadata block's speaker if it names a person (市长 郭建英, 郭建英), else ''.

    Crawlers fill 作者 with whoever published the page (市政府办公室, 新华社): that is
    no speaker, and a report is better without one than with a wrong one.
    """
    value = re.sub(r"\s+", " ", value).strip()
    if _speaker(value):
        role, name = _speaker(value)  # type: ignore[misc]
        return f"{role} {name}"
    return value if _NAME.match(value) and not _ORGANISATION.search(value) else ""


def detect(cover: list[CoverLine], body_text: str, meta: ReportMeta, header: MetadataBlock | None = None,
           document_title: str = "", planned_year: int | None = None,
           warnings: list[tuple[int | None, str, str]] | None = None) -> ReportMeta:
    """Fill ``meta`` from the cover lines and the body; returns it.

    What the cover does not state comes from a crawler's metadata block
    (``header``), and a title from the file's properties (``document_title``) or
    from facts the text states (the region, the year ``planned_year`` whose work
    it plans, the kind); ``meta.title_from`` names such a fallback. Where the
    block and the cover disagree, the cover wins and ``warnings`` gets why.
    """
    header = header or MetadataBlock()
    others: list[str] = []
    lines = join_wrapped_cover_lines([re.sub(r"\s+", " ", plain(line.text)).strip() for line in cover])
    for text in lines:
        start = _MEETING_START.match(text)
        date = _DATE.search(text)
        rest = text[date.end():] if start and date else ""
        meeting = _MEETING.match(rest) if rest else None
        if start and date and meeting and not meta.subtitle:
            meta.date = meta.date or iso_date(date)
            meta.meeting = re.sub(r"\s+", "", meeting.group("meeting"))
            tail = meeting.group("tail")
            subtitle = text[: len(text) - len(tail)].strip() if tail else text
            if subtitle[:1] in "（(" and not subtitle.endswith(("）", ")")) and tail.endswith(("）", ")")):
                # （2010年1月20日在……会议上 保定市市长 张三）: the parenthesis closes after the speaker.
                tail, subtitle = tail[:-1].strip(), subtitle + "）"
            if re.match(rf"^[{_DASHES}]", subtitle):
                subtitle = "——" + re.sub(rf"^[{_DASHES}]+\s*", "", subtitle)
            meta.subtitle = subtitle.replace(" ", "")
            if tail and _speaker(tail) and not meta.speaker:
                role, name = _speaker(tail)  # type: ignore[misc]
                meta.speaker = f"{role} {name}"
        elif _speaker(text) and not meta.speaker:
            role, name = _speaker(text)  # type: ignore[misc]
            meta.speaker = f"{role} {name}"
        elif _DATE_ONLY.match(text):
            meta.date = meta.date or iso_date(date)  # type: ignore[arg-type]
            meta.date_line = text.replace(" ", "")
        elif not meta.doc_title and _TITLE_WORDS.search(text) and "会议" not in text:
            meta.doc_title = _unspaced(text)
        else:
            others.append(text)
    meta.cover_lines = others
    cover = ReportMeta(slug=meta.slug, source_file=meta.source_file, doc_title=meta.doc_title, date=meta.date,
                       speaker=meta.speaker)
    if not meta.doc_title:
        meta.doc_title, meta.title_from = (header.get("title"), "metadata block") if _titled(header.get("title")) \
            else (document_title, "document properties") if _titled(document_title) else ("", "")
        meta.doc_title = _unspaced(meta.doc_title)
    meta.kind = kind_of(meta.doc_title) or (_KIND_OF_BODY if _REPORTS_WORK.search(body_text) else "")
    role = meta.speaker.rpartition(" ")[0]
    meta.region = (
        region_in(_ROLE_AT_END.sub("", role)) or _region_of_meeting(meta.meeting) or region_in(meta.doc_title)
        or region_in(header.get("region")) or _region_in_body(body_text)
    )
    meta.level = level_of(meta.region)
    meta.date = meta.date or header.get("date") or header.get("year")
    meta.speaker = meta.speaker or block_speaker(header.get("speaker"))
    meta.published = meta.published or header.get("published")
    meta.source = meta.source or header.get("source")
    meta.source_url = meta.source_url or header.get("url")
    year = re.search(r"(\d{4})\s*年", meta.doc_title)
    meta.year = int(meta.date[:4]) if meta.date else (int(year.group(1)) if year else planned_year)
    if not meta.doc_title:
        facts = meta.kind == _KIND_OF_BODY and meta.region and meta.year
        meta.title_from = "text facts" if facts else "file name"
    meta.title = reader_title(meta)
    if warnings is not None:
        warnings += reconcile(meta, cover, header)
    return meta


# Where a title comes from when the cover has none, as the build line and check name it.
TITLE_FALLBACKS = {
    "metadata block": "the crawler's metadata block",
    "document properties": "the file's properties",
    "text facts": "the region, year and kind the text states",
    "file name": "the file name",
}
_KIND_OF_BODY = "政府工作报告"
_REPORTS_WORK = re.compile(r"向大会(?:作|做)?报告(?:政府)?工作")
_PROPERTY_NOISE = re.compile(r"^(?:Microsoft\s+Word\s*-\s*)|\.(?:docx?|wps|pdf|txt)$", re.I)


def _unspaced(text: str) -> str:
    """A title letter-spaced with ASCII spaces (政 府 工 作 报 告) as printed without them."""
    return re.sub(f"(?<={_H}) +(?={_H})", "", text)


def _titled(text: str) -> bool:
    """A metadata title that names a document (the properties of a file often hold 'untitled' or a template's name)."""
    return bool(text) and bool(_TITLE_WORDS.search(text)) and len(text) <= 80


def document_title(text: str) -> str:
    """A file's property title as a report's: no 'Microsoft Word - ' and no file extension."""
    return _PROPERTY_NOISE.sub("", _PROPERTY_NOISE.sub("", text.strip())).strip()


def file_title(meta: ReportMeta) -> str:
    return re.sub(r"\.[A-Za-z0-9]+$", "", meta.source_file) or meta.slug


def reconcile(meta: ReportMeta, cover: ReportMeta, header: MetadataBlock) -> list[tuple[int | None, str, str]]:
    """Where the metadata block and the cover both state a fact and disagree: (line, message, hint).

    The cover has already won (``detect`` takes the block only where the cover
    is silent); these are for ``check``.
    """
    found: list[tuple[int | None, str, str]] = []
    hint = "the cover's value is used; if the cover is wrong, state the right one in seeds/manifest.yml"

    def disagree(name: str, cover_value: str) -> None:
        found.append((header.lines.get(name), f"the metadata block's {header.keys[name]}：{header.get(name)} disagrees "
                                               f"with the cover ({cover_value})", hint))

    title = header.get("title")
    if title and cover.doc_title:
        title_region, title_year = region_in(title), re.search(r"(\d{4})\s*年", title)
        if title_region and meta.region and not _same_region(title_region, meta.region):
            disagree("title", meta.region)
        elif title_year and meta.year and int(title_year.group(1)) != meta.year:
            disagree("title", f"{meta.year}年")
        elif kind_of(title) and meta.kind and kind_of(title) != meta.kind:
            disagree("title", meta.kind)
    if header.get("date") and cover.date and not _same_date(header.get("date"), cover.date):
        disagree("date", cover.date)
    if header.get("year") and meta.year and cover.date and int(header.get("year")) != meta.year:
        disagree("year", f"{meta.year}年")
    if block_speaker(header.get("speaker")) and cover.speaker:
        name = cover.speaker.rpartition(" ")[2]
        if name not in re.sub(r"\s+", "", header.get("speaker")):
            disagree("speaker", cover.speaker)
    block_region = region_in(header.get("region"))
    if block_region and meta.region and (cover.doc_title or cover.speaker) and not _same_region(block_region, meta.region):
        disagree("region", meta.region)
    return found


def _same_region(one: str, other: str) -> bool:
    return one in other or other in one


def _same_date(one: str, other: str) -> bool:
    return one.startswith(other) or other.startswith(one)


def _region_of_meeting(meeting: str) -> str:
    match = _REGION_OF_MEETING.search(meeting)
    return region_in(match.group(1)) if match else ""


def _region_in_body(text: str) -> str:
    match = re.search(rf"我代表({_H}{{2,12}}?)人民政府", text[:2000])
    return region_in(match.group(1)) if match else ""
