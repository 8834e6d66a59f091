"""Web-page chrome saved with the text of a scraped report.

A scraper keeps the portal around the article, and often one widget per line.
Each class of chrome has its own rule below; every rule records what it drops
(``log.removed``) under its name, and no rule touches a line with a sentence
in it. The classes:

* ``widget``: 下载 / 打印 / 全屏 / 收藏, 【字号：加大 还原 减小】, 【字体：大 中 小】,
  分享到…, 打印本页, 关闭窗口, 返回顶部, on one line or one word per line;
* ``breadcrumb``: 您的位置：首页 > 政务公开 > …, also one crumb per line;
* ``counter``: reading counters (阅读量：1024, 浏览次数：);
* ``photo-caption``: …记者 某某 摄, and a news photo's caption 某某作政府工作报告;
* ``qr-code``: 扫一扫在手机打开当前页 and its kin;
* ``editor-line``: 责任编辑：李莎莎, 编辑：何继红 (the name may be on the next line);
* ``page-id``: hash-like identifiers (abcd39f1fb7f426d9dfb6bd0fa1f2146:);
* ``pager``: a long article's pager (上一页 1 2 3 下一页, 首页 上一页 下一页 尾页,
  共3页), wherever it stands, since a crawler of a paged article keeps one at
  every page;
* ``prev-next``: links to the portal's neighbouring articles (上一篇：…, 下一篇：…);
* ``related-content``: a trailing 相关报道： / 相关文档： / 相关附件>> / 相关链接>>
  section, and everything after it;
* ``page-metadata``: 来源： and 时间： / 发布时间： lines, and a bare page
  timestamp; their values become the report's ``source`` and ``published``;
* ``duplicate-page-title``: the page's own title above the document, repeating
  a line a few lines further down;
* ``repeated-title``: the title repeated at the very end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..inline import plain
from ..model import Chunk, Line, RepairLog

_SENTENCE_PUNCT = re.compile(r"[。，；！？,;!?]")
_SALUTATION = re.compile(r"^各位(?:代表|委员)")
_MAX_CHROME = 60

# ------------------------------------------------------------------ one-line widgets (the older rule)

_WIDGET = re.compile(
    r"(?<![^\s|【\[])(?:字[体号]\s*[:：]?\s*[(（【\[]?\s*(?:[大中小]\s*)*[)）】\]]?"
    r"|[【\[]?\s*(?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏(?:本页)?|分享到?|返回顶部|返回首页)\s*[】\]]?"
    r"|[【\[]\s*[大中小]\s*[】\]])(?![^\s|】\]])"
)
_BREADCRUMB = re.compile(r"(?:当前位置|您的位置|首页)\s*[:：>»›]|\S\s*[>»›]\s*\S.*[>»›]")
_PAGE_LABELS = re.compile(r"(?:发布时间|发布日期|来源|浏览次数|点击数|阅读次数|责任编辑)\s*[:：]")


@lru_cache(maxsize=8192)
def _visible(text: str) -> str:
    """A line's text as the rules read it (every rule reads every line: computed once)."""
    return plain(text).strip()


def is_widget_line(text: str) -> bool:
    """A short line made of page furniture: widgets, a breadcrumb, or several page labels."""
    if len(text) > 2 * _MAX_CHROME:
        return False
    text = _visible(text)
    if not text or len(text) > _MAX_CHROME or _SENTENCE_PUNCT.search(text):
        return False
    if _WIDGET.search(text):
        rest = _WIDGET.sub("", text).strip(" |/·")
        return len(rest) <= 12
    if _BREADCRUMB.search(text):
        return True
    return len(_PAGE_LABELS.findall(text)) >= 2


# ------------------------------------------------------------------ widget words, one or more a line

# Words that are a widget wherever they stand alone.
_STRONG_WIDGETS = {
    "下载", "打印", "全屏", "收藏", "分享", "分享到", "打印本页", "打印此页", "关闭", "关闭窗口", "关闭本页",
    "返回顶部", "返回首页", "返回", "字号", "字体", "复制链接", "纠错", "我要纠错", "加入收藏", "在线访谈",
}
# Words that are a widget only beside a strong one (the sizes of a 字号 switch).
_WEAK_WIDGETS = {"大", "中", "小", "加大", "还原", "减小", "默认", "放大", "缩小", "标准", "微信", "微博", "QQ", "QQ空间"}
_WIDGET_TOKEN = re.compile(r"[^\s|｜/【】\[\]()（）:：>»]+")


def _widget_strength(text: str) -> int:
    """2: only widget words with a strong one; 1: only weak ones or brackets; 0: text."""
    if len(text) > 60:
        return 0
    visible = _visible(text)
    tokens = _WIDGET_TOKEN.findall(visible)
    if len(visible) > 30 or any(token not in _STRONG_WIDGETS | _WEAK_WIDGETS for token in tokens):
        return 0
    return 2 if any(token in _STRONG_WIDGETS for token in tokens) else 1


def _widgets(lines: list[Line], drop: Callable[[str, list[Line]], None]) -> None:
    """``widget``: runs of widget lines; weak words (大 中 小) only in a run with a strong one."""
    index = 0
    while index < len(lines):
        if _widget_strength(lines[index].text) == 0 and not is_widget_line(lines[index].text):
            index += 1
            continue
        end = index
        while end < len(lines) and (_widget_strength(lines[end].text) or is_widget_line(lines[end].text)):
            end += 1
        run = lines[index:end]
        if any(_widget_strength(line.text) == 2 or is_widget_line(line.text) for line in run):
            drop("widget", run)
        index = end


# ------------------------------------------------------------------ breadcrumbs

_CRUMB_SEPARATOR = re.compile(r"^[>»›/＞]$")
_CRUMB_START = re.compile(r"^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]?$")


def _is_crumb(text: str) -> bool:
    text = _visible(text)
    return 0 < len(text) <= 15 and not _SENTENCE_PUNCT.search(text)


def _breadcrumbs(lines: list[Line], drop: Callable[[str, list[Line]], None]) -> None:
    """``breadcrumb``: 首页 ⏎ > ⏎ 政府信息公开 ⏎ > ⏎ …: crumbs on either side of lone separators."""
    index = 0
    while index < len(lines):
        if not _CRUMB_SEPARATOR.match(_visible(lines[index].text)):
            index += 1
            continue
        start = index - 1 if index and _is_crumb(lines[index - 1].text) else index
        end = index
        while end < len(lines) and _CRUMB_SEPARATOR.match(_visible(lines[end].text)):
            end += 1 + (end + 1 < len(lines) and _is_crumb(lines[end + 1].text))
        if start and _CRUMB_START.match(_visible(lines[start - 1].text)):
            start -= 1
        drop("breadcrumb", lines[start:end])
        index = end


# ------------------------------------------------------------------ single lines

_COUNTER = re.compile(r"^(?:阅读量|阅读数|阅读次数|浏览量|浏览次数|浏览|点击量|点击数|点击|访问量|访问次数)\s*[:：]\s*\d*\s*次?$")
_CAPTION = re.compile(r"(?:记者|摄影|通讯员)\s*[:：]?\s*(?:[\u4e00-\u9fff]\s?){2,4}\s*摄[)）]?$|[（(](?:[\u4e00-\u9fff]\s?){2,4}\s*摄[)）]$")
_DELIVERY_CAPTION = re.compile(r"^[\u4e00-\u9fff ]{2,20}作政府工作报告[。.]?$")
_QR = re.compile(r"^(?:扫一扫|扫码|扫描二维码|用?手机扫描二维码|手机扫码)|手机打开当前页|在手机上?(?:阅读|浏览|打开)")
_PAGE_ID = re.compile(r"^(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*[:：]?$", re.I)
_EDITOR = re.compile(r"^[（(]?(?:责任编辑|编辑|责编|审核|校对|审校|终审|签发|一审|二审|三审|初审)\s*[:：]\s*(?P<name>[\u4e00-\u9fff ]{0,12})[）)]?$")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_PAGER_WORD = re.compile(r"上一页|下一页|前一页|后一页|首页|尾页|末页|第\s*\d+\s*页|共\s*\d+\s*页|跳转到?|转到|GO|\d+|[\[\]【】<>«»|/／:：…，,]")
_PAGER_MOVE = re.compile(r"上一页|下一页|前一页|后一页|共\s*\d+\s*页")
_NEIGHBOUR = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇)\s*[:：]")


def is_pager(text: str) -> bool:
    """A pager: nothing but page moves and numbers, with at least one move (a lone 1 2 3 is no pager)."""
    return len(text) <= _MAX_CHROME and bool(_PAGER_MOVE.search(text)) and not _PAGER_WORD.sub("", text).strip()


def _single_lines(lines: list[Line], drop: Callable[[str, list[Line]], None]) -> None:
    """``counter``, ``photo-caption``, ``qr-code``, ``page-id``, ``pager``, ``prev-next`` and ``editor-line``."""
    index = 0
    while index < len(lines):
        text = _visible(lines[index].text)
        short = len(text) <= _MAX_CHROME
        if short and _COUNTER.match(text):
            drop("counter", [lines[index]])
        elif short and (_CAPTION.search(text) or _DELIVERY_CAPTION.match(text)):
            drop("photo-caption", [lines[index]])
        elif short and _QR.search(text) and not _SENTENCE_PUNCT.search(text) and len(text) <= 20:
            drop("qr-code", [lines[index]])
        elif _PAGE_ID.match(text):
            drop("page-id", [lines[index]])
        elif is_pager(text):
            drop("pager", [lines[index]])
        elif len(text) <= 2 * _MAX_CHROME and _NEIGHBOUR.match(text):
            drop("prev-next", [lines[index]])
        elif short and (editor := _EDITOR.match(text)):
            name_below = not editor.group("name").strip() and index + 1 < len(lines) and _NAME.match(_visible(lines[index + 1].text))
            drop("editor-line", lines[index: index + 1 + bool(name_below)])
            index += bool(name_below)
        index += 1


# ------------------------------------------------------------------ page metadata

_META_LABEL = re.compile(r"^[（(]?(?P<label>(?:信息|文章|稿件)?来源|发布时间|发布日期|时间)\s*[:：]\s*(?P<value>.*?)[）)]?$")
_TIMESTAMP = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s+\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2}\s*秒?)?\s*分?)?$"
)
_LABELLED = re.compile(r"(?P<label>(?:信息|文章|稿件)?来源|发布时间|发布日期|时间)\s*[:：]\s*(?P<value>[^\s:：]*(?:\s\d{1,2}:\d{2}(?::\d{2})?)?)")


def iso_published(text: str) -> str:
    """2026-02-02 09:20 / 2026年02月10日 07时41分 -> 2026-02-02 / 2026-02-10; '' if no date."""
    match = _TIMESTAMP.match(text.strip())
    if not match:
        return ""
    return f"{match.group('y')}-{int(match.group('m')):02d}-{int(match.group('d')):02d}"


def _record(label: str, value: str, log: RepairLog) -> None:
    value = value.strip()
    if label.endswith("来源"):
        if value and "source" not in log.found:
            log.found["source"] = value
    elif value and "published" not in log.found and iso_published(value):
        log.found["published"] = iso_published(value)


def _page_metadata(lines: list[Line], drop: Callable[[str, list[Line]], None], log: RepairLog) -> None:
    """``page-metadata``: 来源：… and 时间：… (the value may be on the next line), bare timestamps."""
    index = 0
    while index < len(lines):
        text = _visible(lines[index].text)
        several = len(_PAGE_LABELS.findall(text)) >= 2  # 来源：… 发布时间：… on one line: the rule below
        label = _META_LABEL.match(text) if len(text) <= _MAX_CHROME and not several else None
        if label and (label.group("label").endswith("来源") or not label.group("value") or iso_published(label.group("value"))):
            value, taken = label.group("value"), [lines[index]]
            following = _visible(lines[index + 1].text) if index + 1 < len(lines) else ""
            if not value and following and len(following) <= 30 and not _SENTENCE_PUNCT.search(following):
                value, taken = following, taken + [lines[index + 1]]
            _record(label.group("label"), value, log)
            drop("page-metadata", taken)
            index += len(taken)
            continue
        if len(text) <= 30 and iso_published(text):
            # A page's timestamp: hyphenated, or with the time of day; never a cover's 2026年4月.
            if "-" in text or "/" in text or re.search(r"\d[:：时]\d", text):
                _record("时间", text, log)
                drop("page-metadata", [lines[index]])
        elif len(text) <= _MAX_CHROME and several and not _SENTENCE_PUNCT.search(text):
            for match in _LABELLED.finditer(text):
                _record(match.group("label"), match.group("value"), log)
            drop("page-metadata", [lines[index]])
        index += 1


# ------------------------------------------------------------------ the end of the page

_RELATED = re.compile(r"^(?:相关(?:报道|新闻|文档|文件|附件|链接|阅读|稿件|专题|资讯)|延伸阅读|推荐阅读|热点推荐)\s*(?:[:：]|>>|》》|»)?$")


_MAX_RELATED_LINES = 40
_MAX_RELATED_LINE = 100


def _related_content(lines: list[Line], drop: Callable[[str, list[Line]], None]) -> None:
    """``related-content``: a related-links section after the report, and all that follows it.

    Only in the second half of the text, and only when what follows is a list of
    short lines (link titles), never a section of the report that has that name.
    """
    total = sum(len(line.text) for line in lines)
    seen = 0
    for index, line in enumerate(lines):
        if seen >= total / 2 and _RELATED.match(_visible(line.text)):
            rest = lines[index:]
            if len(rest) <= _MAX_RELATED_LINES and all(len(_visible(r.text)) <= _MAX_RELATED_LINE for r in rest):
                drop("related-content", rest)
                return
        seen += len(line.text)


def _repeated_title(lines: list[Line], drop: Callable[[str, list[Line]], None]) -> None:
    """``repeated-title``: the last line repeats a line above the document (the page's title)."""
    head = _head(lines)
    if not lines or len(lines) <= head:
        return
    last = _visible(lines[-1].text)
    if 4 <= len(last) <= _MAX_CHROME and any(_visible(line.text) == last for line in lines[: min(head, 10)]):
        drop("repeated-title", [lines[-1]])


def _head(lines: list[Line]) -> int:
    """How many lines stand above the document: up to the salutation or the first sentence."""
    return next((i for i, line in enumerate(lines) if _SALUTATION.match(_visible(line.text))
                 or _SENTENCE_PUNCT.search(_visible(line.text).rstrip("。").strip())), len(lines))


def _duplicate_page_title(lines: list[Line], drop: Callable[[str, list[Line]], None]) -> None:
    """``duplicate-page-title``: a line above the document repeated a few lines down: the page's copy goes."""
    head = _head(lines)
    for index, line in enumerate(lines[: min(head, 20)]):
        text = _visible(line.text)
        if not text or len(text) > _MAX_CHROME or _SENTENCE_PUNCT.search(text):
            continue
        if any(_visible(other.text) == text for other in lines[index + 1: min(head, index + 12)]):
            drop("duplicate-page-title", [line])


# ------------------------------------------------------------------ the rule

def drop_web_chrome(chunks: list[Chunk], log: RepairLog) -> list[Chunk]:
    """Apply every chrome rule, in order, to the report's lines; drop emptied chunks."""
    dropped: set[int] = set()  # id() of dropped lines

    def live() -> list[Line]:
        return [line for chunk in chunks for line in chunk.lines if id(line) not in dropped]

    def drop(rule: str, lines: list[Line]) -> None:
        lines = [line for line in lines if id(line) not in dropped]
        if lines:
            log.removed(rule, [line.no for line in lines], "\n".join(line.text for line in lines))
            dropped.update(id(line) for line in lines)

    _related_content(live(), drop)
    _page_metadata(live(), drop, log)
    _widgets(live(), drop)
    _breadcrumbs(live(), drop)
    _single_lines(live(), drop)
    _repeated_title(live(), drop)
    _duplicate_page_title(live(), drop)
    kept = []
    for chunk in chunks:
        chunk.lines = [line for line in chunk.lines if id(line) not in dropped]
        if chunk.lines:
            kept.append(chunk)
    return kept
