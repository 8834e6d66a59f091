"""The same report as research datasets, old portals and crawlers dress it.

Each dressing takes a report's text as it is in ``seeds/`` (its lines, blank
lines kept, so its layout stays what it is) and the clean conversion of it
(which says where the cover lines and the headings are), and returns the
text a crawler or an older portal would have given:

* ``metadata_block``: a crawler's ``key：value`` block above the text, in one of
  several crawlers' shapes (``SHAPES``);
* ``letter_spaced_title``: the title printed 政 府 工 作 报 告;
* ``bar_dashes``: the meeting line opened by U+2015 (――2022年1月23日在……);
* ``meeting_and_speaker``: the meeting line and the speaker on one line;
* ``ascii_quotes``: straight ASCII double quotes for every “ and ”;
* ``glued_headings``: every numbered heading glued to the first line of the
  paragraph after it, with nothing between them;
* ``run_together``: the whole text on one line, each paragraph after two U+3000
  (a dataset's text field); for scrapes only, whose lines are paragraphs.
"""

from __future__ import annotations

import re

from generator.inline import plain
from generator.model import Heading, Paragraph, Report

SHAPES = ("crawler", "crawler-unknown", "front-matter", "bracketed", "english", "portal", "disclosure")
_HAN = re.compile("[\u4e00-\u9fff]")


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def metadata_block(lines: list[str], report: Report, shape: str) -> list[str]:
    meta = report.meta
    year = meta.date[:4] if meta.date else "未知"  # the block states what the text states, no more
    url = f"http://www.example.gov.cn/zwgk/{meta.slug}.html"
    if shape == "crawler":
        block = [f"标题：{meta.title}", f"发文单位：{meta.region}人民政府", "发文时间：未知", f"年份：{year}",
                 f"报告人：{meta.speaker.rpartition(' ')[2] or '未知'}", f"来源URL：{url}", "正文：", "=" * 40]
    elif shape == "crawler-unknown":  # every value unknown, and keys we do not know
        block = ["标题：未知", "发文单位：未知", "发文时间：未知", "采集时间：2023-05-01 12:00:00", "栏目：政府工作报告",
                 "来源URL：未知", "正文："]
    elif shape == "front-matter":
        block = ["---", f"title: {meta.title}", f"region: {meta.region}", f"year: {year}", f"url: {url}",
                 "crawled: 2024-03-02", "---"]
    elif shape == "bracketed":
        block = [f"【标题】{meta.title}", f"【地区】{meta.region}", f"【年份】{year}", f"【链接】{url}", "【正文】"]
    elif shape == "portal":  # a long title wrapped, a page's date line of several fields, its publisher as author
        title = meta.title
        block = [f"标题：{title[:12]}"] + ([title[12:]] if title[12:] else []) + [
            "发布时间：2023-02-01 10:00 来源：" + (meta.region or "本") + "人民政府网 浏览次数：1234 字号：大 中 小",
            f"作者：{meta.region or '市'}人民政府办公室", "正文："]
    elif shape == "disclosure":  # a 政府信息公开 page's table, scraped a cell a line, one cell empty
        block = ["索引号：", "000014349/2023-00012", "主题分类：", "综合政务", "发文机关：", f"{meta.region or '市'}人民政府",
                 "成文日期：", "2023年02月01日", "标题：", meta.title, "发文字号：", "发布日期：", "2023年02月03日"]
    else:
        block = [f"Title: {meta.title}", f"Region: {meta.region}", f"Year: {year}", f"URL: {url}", "Text:"]
    return block + lines


def _cover(lines: list[str]) -> int:
    """How many lines the cover takes: up to the salutation (各位代表：), or the first 40."""
    return next((i for i, line in enumerate(lines[:40]) if re.match(r"^\s*各位(?:代表|委员)", line)), min(40, len(lines)))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("*", "").lstrip("#")


def _line_of(lines: list[str], wanted: str) -> int | None:
    """The index of the cover line that reads ``wanted`` (spaces, bold and ``#`` aside)."""
    wanted = _squash(wanted)
    return next((i for i, line in enumerate(lines[: _cover(lines)]) if wanted and _squash(line) == wanted), None)


def letter_spaced_title(lines: list[str], report: Report) -> list[str]:
    """Every copy of the title above the salutation spaced out (a portal may print its page title twice)."""
    wanted = _squash(report.meta.doc_title)
    return [_spaced(line) if index < _cover(lines) and wanted and _squash(line) == wanted else line
            for index, line in enumerate(lines)]


def _spaced(line: str) -> str:
    """Han characters spaced out, digits kept together (2022 年 保 定 市 …)."""
    return re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff\d])|(?<=\d)(?=[\u4e00-\u9fff])", " ", line.strip())


def _meeting_lines(lines: list[str], report: Report) -> tuple[int, int] | None:
    """The first and last index of the meeting line, which may be wrapped over two lines."""
    subtitle = _squash(report.meta.subtitle).lstrip("—")
    if not subtitle:
        return None
    cover = _cover(lines)
    for first in range(cover):
        text = _squash(lines[first]).lstrip("—－-–―")
        if len(text) > 8 and subtitle.startswith(text):
            last = first
            while text != subtitle and last + 1 < cover:
                last += 1
                text += _squash(lines[last])
            return (first, last) if text == subtitle else None
    return None


def bar_dashes(lines: list[str], report: Report) -> list[str]:
    found = _meeting_lines(lines, report)
    if found is None:
        return lines
    lines = list(lines)
    lines[found[0]] = re.sub(r"^(\s*)[—－\-–]{1,2}", "\\1――", lines[found[0]])
    return lines


def meeting_and_speaker(lines: list[str], report: Report) -> list[str]:
    """The speaker's line joined to the end of the meeting line, one space between."""
    found = _meeting_lines(lines, report)
    speaker = _line_of(lines, report.meta.speaker)
    if found is None or speaker is None or speaker <= found[1] or any(line.strip() for line in lines[found[1] + 1: speaker]):
        return lines
    last = found[1]
    lines = list(lines)
    lines[last] = lines[last].rstrip() + " " + lines[speaker].strip()
    del lines[last + 1: speaker + 1]
    return lines


def ascii_quotes(lines: list[str], report: Report) -> list[str]:
    """Every “ and ” typed as ", except in a paragraph whose quotes the original left unbalanced
    (“一约”四会”): which way its odd quote turns is lost with the curly marks."""
    unbalanced = {number for block in report.blocks if isinstance(block, Paragraph)
                  and plain(block.text).count("“") != plain(block.text).count("”") for number in block.lines}
    return [line if number in unbalanced else line.replace("“", '"').replace("”", '"')
            for number, line in enumerate(lines, 1)]


NUMBERED = ("part", "paren", "chapter", "section")


def glued(report: Report) -> list[tuple[Heading, Paragraph]]:
    """The numbered headings of one line that end in no punctuation, each with the paragraph after it."""
    pairs = []
    for block, following in zip(report.blocks, report.blocks[1:]):
        if isinstance(block, Heading) and block.style in NUMBERED and len(block.lines) == 1 and \
                isinstance(following, Paragraph) and len(following.lines) == 1 and not re.search(r"[。！？；：，]$", plain(block.text)):
            pairs.append((block, following))
    return pairs


def glued_headings(lines: list[str], report: Report) -> list[str]:
    lines = list(lines)
    for heading, paragraph in reversed(glued(report)):
        at, first = heading.lines[0] - 1, paragraph.lines[0] - 1
        if first <= at or any(line.strip() for line in lines[at + 1: first]):
            continue
        lines[at] = lines[at].rstrip() + lines[first].strip()
        del lines[at + 1: first + 1]
    return lines


def run_together(lines: list[str]) -> list[str]:
    """A scrape's paragraphs on one line, each after the indent it had."""
    return ["\u3000\u3000".join(line.strip() for line in lines if line.strip())]
