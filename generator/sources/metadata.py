"""Report metadata from the text itself: title, region, kind, date, meeting, speaker.

The cover of a report states most of it: ``——2023年1月7日在玉泉区第十八届
人民代表大会第二次会议上`` gives the date and the meeting, ``玉泉区人民政府
区长 南男`` the speaker and the region. What the text does not state stays
empty; the manifest may fill it in or override it.
"""

from __future__ import annotations

import re

from ..inline import HAN_CLASS, plain
from ..model import CoverLine, ReportMeta

_H = f"[{HAN_CLASS}]"
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_SUBTITLE = re.compile(r"^[—－-]{1,2}\s*(?=\d{4}\s*年)")
_SPEAKER = re.compile(
    rf"^(?P<role>{_H}{{2,20}}?(?:人民政府|政府){_H}{{0,3}}?(?:代理)?代?(?:区长|市长|县长|旗长|州长|盟长|省长|主席|副区长|副市长|副县长))\s*(?P<name>(?:{_H}\s*){{2,4}})$"
)
_DATE_ONLY = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")
_TITLE_WORDS = re.compile(r"报告|纲要|规划|计划|意见|决定|方案")
_UNIT = re.compile(rf"{_H}{{1,7}}?(?:自治区|特别行政区|省|市|盟|州|地区|区|县|旗)")
_REGION_BEFORE = re.compile(r"人民政府|政府工作报告|国民经济|政府")
_FIVE_YEAR = re.compile(r"第([一二三四五六七八九十]{1,3})个五年")
_MEETING_AFTER_DATE = re.compile(r"日\s*(?:在)?(.+?会议)(?:上)?$")


def region_in(text: str) -> str:
    """The innermost administrative unit named before 人民政府 / 政府 / 国民经济."""
    text = re.sub(r"^\s*\d{4}\s*年", "", plain(text))
    cut = _REGION_BEFORE.search(text)
    prefix = text[: cut.start()] if cut else text
    units = _UNIT.findall(prefix)
    return units[-1] if units else ""


def level_of(region: str) -> str:
    if region.endswith(("省", "自治区", "特别行政区")):
        return "省级"
    if region.endswith(("市", "盟", "州", "地区")):
        return "地级"
    if region.endswith(("区", "县", "旗")):
        return "县级"
    return ""


def kind_of(title: str) -> str:
    if "政府工作报告" in title:
        return "政府工作报告"
    if "五年规划" in title and "纲要" in title:
        return "五年规划纲要"
    match = _TITLE_WORDS.search(title)
    return title[match.start() - 2: match.end()] if match and match.start() >= 2 else ""


def reader_title(meta: ReportMeta) -> str:
    """The title readers use: 玉泉区2023年政府工作报告, 玉泉区“十五五”规划纲要."""
    if meta.kind == "政府工作报告" and meta.region and meta.year:
        return f"{meta.region}{meta.year}年政府工作报告"
    five_year = _FIVE_YEAR.search(meta.doc_title)
    if meta.kind == "五年规划纲要" and meta.region and five_year:
        return f"{meta.region}“{five_year.group(1)}五”规划纲要"
    return meta.doc_title or meta.slug


def iso_date(match: re.Match[str]) -> str:
    year, month, day = match.group(1), match.group(2), match.group(3)
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def detect(cover: list[CoverLine], body_text: str, meta: ReportMeta) -> ReportMeta:
    """Fill ``meta`` from the cover lines and the body; returns it."""
    others: list[str] = []
    for line in cover:
        text = plain(line.text).strip()
        if _SUBTITLE.match(text):
            meta.subtitle = "——" + _SUBTITLE.sub("", text).replace(" ", "")
            date = _DATE.search(text)
            if date:
                meta.date = iso_date(date)
            meeting = _MEETING_AFTER_DATE.search(meta.subtitle)
            if meeting:
                meta.meeting = meeting.group(1)
        elif _SPEAKER.match(text):
            match = _SPEAKER.match(text)
            assert match
            name = re.sub(r"\s+", "", match.group("name"))
            meta.speaker = f"{match.group('role')} {name}"
        elif _DATE_ONLY.match(text):
            meta.date = iso_date(_DATE.search(text))  # type: ignore[arg-type]
            meta.date_line = text.replace(" ", "")
        elif not meta.doc_title and _TITLE_WORDS.search(text) and "会议" not in text:
            meta.doc_title = re.sub(f"(?<={_H}) +(?={_H})", "", text)
        else:
            others.append(text)
    meta.cover_lines = others
    if not meta.doc_title:
        meta.doc_title = others.pop(0) if others else ""
    meta.kind = kind_of(meta.doc_title)
    meta.region = (
        region_in(meta.speaker) if meta.speaker else ""
    ) or region_in(meta.doc_title) or _region_in_body(body_text)
    meta.level = level_of(meta.region)
    year = re.search(r"(\d{4})\s*年", meta.doc_title)
    meta.year = int(meta.date[:4]) if meta.date else (int(year.group(1)) if year else None)
    meta.title = reader_title(meta)
    return meta


def _region_in_body(text: str) -> str:
    match = re.search(rf"我代表({_H}{{2,12}}?)人民政府", text[:2000])
    return region_in(match.group(1)) if match else ""
