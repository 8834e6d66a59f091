"""A web page saved from a government portal (.html, .htm), with BeautifulSoup and lxml.

The report is one article in a page of portal: navigation, a search form,
breadcrumbs, a share bar, related links, a footer, scripts. The reader

* decodes the page by the charset it declares (a BOM, ``<meta charset>``,
  ``http-equiv`` or an XML declaration; GBK and GB2312 are read as their
  superset GB18030), else by trying UTF-8, then GB18030;
* drops what is never text (scripts, styles, forms, navigation, frames) and
  the blocks a portal marks as its own by class or id (nav, breadcrumb, share,
  related, footer ...);
* finds the article: the smallest element holding nearly all of the page's
  sentences, weighted by their punctuation (portal text is links and labels,
  a report is sentences), and the title above it;
* turns the article's blocks into lines: ``<p>``, ``<div>`` and ``<br>``
  break lines, ``<h1>``–``<h6>`` and paragraphs set whole in bold are headings,
  bold runs inside a paragraph are bold (lead-ins), ``<sup>`` note marks stay
  marks, and a ``<table>`` of data becomes TAB-separated rows.

What is left of the portal around the article (a source and date line, a
font-size widget) is the same chrome a scraped text carries, and the repair
stage removes it the same way. A page without article text (a page that
loads its article by script, an index page) stops the build with an error.
"""

from __future__ import annotations

import codecs
import re
from importlib.metadata import version
from pathlib import Path

from ..model import HEADING, TITLE, SourceText
from . import limits
from .read import SourceError, clean_text

# Tags that never hold the report's text.
_NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
               "form", "input", "button", "select", "textarea", "nav", "aside", "svg", "canvas", "map",
               "head", "link", "meta", "audio", "video", "dialog")
# Class or id words portals give their own blocks. Matched as whole words of the attribute.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|bread|position|location|weizhi|dqwz|share|bdshare|"
    r"fenxiang|toolbar|tools|print|sidebar|side|related|relate|xgxw|xglj|links?|friendlink|yqlj|footer|foot|"
    r"bottom|copyright|banquan|header|top|topbar|head|search|sousuo|login|qrcode|ewm|erweima|pager|pagination|"
    r"comment|advert|ads?|banner|float|popup|modal|skip|jiucuo|wza|barrier)(?:$|[\s_-])",
    re.IGNORECASE)
# Classes that name the article (TRS_Editor is the most common content system of government sites).
_ARTICLE = re.compile(r"article|content|trs_editor|zhengwen|text|detail|main|body|xilan|pages_content",
                      re.IGNORECASE)
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "center",
          "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "pre", "figure", "figcaption", "hr", "header", "footer",
          "tbody", "thead", "tfoot", "caption", "address"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BOLD_TAGS = ("strong", "b")
_SENTENCE_MARK = re.compile(r"[，。；！？]")
_SENTENCE_END = re.compile(r"[。！？；：;:!?…]$")
_NEARLY_ALL = 0.9  # the article holds this share of the page's sentence weight
_MIN_ARTICLE = 200  # fewer characters of sentences than this: no article on the page
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "cp936": "gb18030", "windows-936": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "hz"}
_MAX_HEADING = 60
_WHOLE_BOLD = re.compile(r"^\*\*([^*]+)\*\*$")  # a paragraph set whole in bold longer than this is emphasis, not a heading


def reader_name() -> str:
    return f"beautifulsoup4 {version('beautifulsoup4')} + lxml {version('lxml')}"


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements whose end tag may be left out: they never count for depth.
_OPTIONAL_END = frozenset("p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp html head body".split())


def check_tree(text: str, path: Path) -> None:
    """Refuse a page nested deeper than limits.HTML_DEPTH or holding more than HTML_ELEMENTS elements, by
    scanning its tags before any tree is built (a parser and a tree walk pay for every level)."""
    depth = elements = 0
    hint = "a web page this deep is no government report; save the report's text as .txt, or the page again from its site"
    for tag in _TAG.finditer(text):
        name = tag.group(2).lower()
        if tag.group(1):
            if name not in _OPTIONAL_END and depth:
                depth -= 1
            continue
        elements += 1
        if elements > limits.HTML_ELEMENTS:
            raise SourceError(path, None, f"the page holds more than {limits.HTML_ELEMENTS:,} elements "
                              "(a portal page holds a few thousand)", hint)
        if name in _VOID or name in _OPTIONAL_END or tag.group(3):
            continue
        depth += 1
        if depth > limits.HTML_DEPTH:
            raise SourceError(path, None, f"its elements nest more than {limits.HTML_DEPTH} deep "
                              "(a portal page nests about 30 deep)", hint)


def read_web_page(path: Path) -> SourceText:
    from bs4 import BeautifulSoup

    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, None, f"cannot read file: {error.strerror}") from None
    text = _decode(data, path)
    check_tree(text, path)
    soup = BeautifulSoup(text, "lxml")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for element in soup.find_all(_NEVER_TEXT):
        element.decompose()
    body = soup.body or soup
    article = _article(body)
    if article is None:
        raise SourceError(path, None, "found no article text on this web page",
                          "save the page after its text has loaded (or copy the report's text into a .txt file)")
    title = _title(article, body, page_title)
    lines: list[tuple[str, str, str]] = []
    if title is not None:
        lines.append((TITLE, _inline(title, whole_bold=True), ""))
        if article in title.parents or title is article:
            title = None
        else:
            lines += _between(title, article)
    _drop_chrome(article)
    for element in article.find_all(_HEADINGS, limit=1):
        if lines and lines[0][0] == TITLE and element.get_text(strip=True) and \
                _squash(element.get_text()) == _squash(lines[0][1]):
            element.decompose()  # the title, taken above
    lines += _lines(article)
    texts, roles, fonts = [], [], []
    for role, line, font in lines:
        line = line.strip(" ")  # a table row keeps its empty cells
        if line or (texts and texts[-1]):
            texts.append(line)
            roles.append(role if line else "")
            fonts.append(font if line else "")
    return SourceText(path=path, lines=texts, roles=roles, fonts=fonts, reader=reader_name(),
                      encoding=_declared(data) or "")


# ------------------------------------------------------------------ decoding

def _declared(data: bytes) -> str | None:
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    match = _XML_ENCODING.match(head) or _CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode(data: bytes, path: Path) -> str:
    declared = _declared(data)
    tried = [declared] if declared else []
    tried += [name for name in ("utf-8", "gb18030") if name not in tried]
    for encoding in tried:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            if encoding == declared:
                line = data[: error.start].count(b"\n") + 1
                raise SourceError(path, line, f"the page says it is {encoding.upper()}, but this line is not",
                                  "save the page again from the browser, or as UTF-8") from None
    raise SourceError(path, None, "cannot decode this web page as UTF-8 or GB18030",
                      "save the page again from the browser, or as UTF-8")


# ------------------------------------------------------------------ finding the article

def _weight(text: str) -> float:
    """How much a text reads like sentences: its commas and stops, its length a little.

    A label and its value (地址：…，邮编：…, 来源：…) is no sentence: a text
    without a full stop and with fewer than three commas weighs nothing.
    """
    marks = len(_SENTENCE_MARK.findall(text))
    if "。" not in text and marks < 3:
        return 0.0
    return marks + len(text) / 100


def _article(body):
    """The smallest element holding nearly all of the page's sentence weight."""
    from bs4 import NavigableString, Tag

    weights: dict[int, float] = {}
    total = 0.0
    for string in body.find_all(string=True):
        if not isinstance(string, NavigableString) or type(string).__name__ != "NavigableString":
            continue  # comments, CDATA, doctype
        text = string.strip()
        if not text or string.find_parent("a") is not None:
            continue  # link text is the portal's
        weight = _weight(text)
        total += weight
        for parent in string.parents:
            if isinstance(parent, Tag):
                weights[id(parent)] = weights.get(id(parent), 0.0) + weight
    article_text = sum(len(s.strip()) for s in body.find_all(string=True)
                       if type(s).__name__ == "NavigableString" and s.find_parent("a") is None
                       and len(_SENTENCE_MARK.findall(s)) >= 2)
    if total == 0 or article_text < _MIN_ARTICLE:
        return None
    best = body
    while True:
        heavy = [child for child in best.children if isinstance(child, Tag)
                 and weights.get(id(child), 0.0) >= _NEARLY_ALL * total]
        if len(heavy) != 1:
            return best
        best = heavy[0]


def _title(article, body, page_title: str):
    """The report's title: a heading or title-classed block before the article, or inside at its top."""
    from bs4 import Tag

    inside = article.find(_HEADINGS)
    if inside is not None and len(_squash(_text_before(article, inside))) < 10:
        return inside  # the article starts with its own heading
    candidates = []
    for element in article.find_all_previous(True):
        if not isinstance(element, Tag) or element.find_parent(["a"]) is not None:
            continue
        text = element.get_text(" ", strip=True)
        if not text or len(text) > 80:
            continue
        named = any("title" in word.lower() or "biaoti" in word.lower() for word in _words(element))
        if element.name in _HEADINGS or named:
            candidates.append((element, text))
    if not candidates:
        return None
    # The one the browser tab also names, else the nearest.
    for element, text in candidates:
        if text and page_title and text.replace(" ", "") in page_title.replace(" ", ""):
            return element
    return candidates[0][0]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _between(title, article) -> list[tuple[str, str, str]]:
    """The lines between the title and the article (the source and date line), portal blocks left out."""
    from bs4 import Tag

    lines: list[tuple[str, str]] = []
    current: list[str] = []
    for node in title.next_elements:
        if node is article:
            break
        if isinstance(node, Tag):
            if node.name in _BLOCK or node.name == "br":
                if "".join(current).strip():
                    lines.append(("", "".join(current), ""))
                current = []
            continue
        if type(node).__name__ != "NavigableString" or title in node.parents:
            continue
        if any(isinstance(parent, Tag) and (parent.name == "a" or _is_chrome(parent)) for parent in node.parents):
            continue
        current.append(_space(str(node)))
    if "".join(current).strip():
        lines.append(("", "".join(current), ""))
    return lines


def _text_before(article, element) -> str:
    out = []
    for string in article.find_all(string=True):
        if element in string.parents:
            break
        out.append(string.strip())
    return "".join(out)


def _words(element) -> list[str]:
    classes = element.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    return list(classes) + ([element.get("id")] if element.get("id") else [])


def _is_chrome(element) -> bool:
    words = " ".join(_words(element))
    if not words or _ARTICLE.search(words) and not _CHROME.search(" " + words + " "):
        return False
    return bool(_CHROME.search(" " + words + " "))


def _drop_chrome(article) -> None:
    """Blocks the portal marks as its own (share bars, related links) inside the article."""
    for element in list(article.find_all(True)):
        if element.decomposed:
            continue  # inside a block dropped already
        if element.name in ("header", "footer") or _is_chrome(element):
            if _SENTENCE_MARK.search(element.get_text()) and len(element.get_text(strip=True)) > 200:
                continue  # a block with that much text is the report, whatever its class says
            element.decompose()


# ------------------------------------------------------------------ lines

def _lines(article) -> list[tuple[str, str, str]]:
    """(role, text, font) for each line of the article, in reading order; blank lines around tables.

    The font of a heading is its tag (h2, h3: each a level of its own); a
    paragraph set whole in bold has none, as every level is set in the same bold.
    """
    from bs4 import NavigableString, Tag

    lines: list[tuple[str, str, str]] = []
    current: list[str] = []
    current_role = [""]

    def flush(font: str = ""):
        text = re.sub(r"\*\*(\s*)\*\*", r"\1", "".join(current)).strip()
        role = current_role[0]
        bold = _WHOLE_BOLD.match(text)
        if bold and not role and _heading_like(bold.group(1)):
            text, role = bold.group(1), HEADING  # a line set whole in bold, between <br>s
        if text:
            lines.append((role, text, font))
        current.clear()
        current_role[0] = ""

    def walk(node):
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ == "NavigableString":
                    current.append(_space(str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                flush()
            elif name == "table" and _is_data_table(child):
                flush()
                lines.append(("", "", ""))
                lines.extend(("", row, "") for row in _table_rows(child))
                lines.append(("", "", ""))
            elif name in _HEADINGS:
                flush()
                current.append(_inline(child, whole_bold=True))
                current_role[0] = HEADING
                flush(name)
            elif name in _BLOCK or name in ("td", "th"):
                flush()
                if not _has_blocks(child) and _whole_bold(child):
                    text = _inline(child, whole_bold=True).strip()
                    if _heading_like(text):
                        lines.append((HEADING, text, ""))
                        continue
                if _has_blocks(child):
                    walk(child)
                else:
                    current.append(_inline(child))
                flush()
            else:
                current.append(_inline(child))
        return lines

    walk(article)
    flush()
    return lines


def _heading_like(text: str) -> bool:
    """Bold text short and open-ended enough for a heading (a bold sentence is emphasis)."""
    return 0 < len(text) <= _MAX_HEADING and not _SENTENCE_END.search(text) and "**" not in text


def _space(text: str) -> str:
    """Source whitespace (newlines of the HTML file) is one space, as a browser shows it."""
    return re.sub(r"[ \t\r\n\f]+", " ", clean_text(text.replace("\r", " ").replace("\f", " ")))


def _has_blocks(element) -> bool:
    return element.find(lambda tag: tag.name in _BLOCK or tag.name in ("br", "td", "th")) is not None


def _whole_bold(element) -> bool:
    """Every character of the element (note marks aside) inside <strong>, <b> or a bold style."""
    from bs4 import NavigableString

    strings = [string for string in element.find_all(string=True)
               if type(string) is NavigableString and string.strip()]
    if not strings:
        return False
    for string in strings:
        bold = False
        for parent in string.parents:
            if parent.name == "sup":
                bold = True  # a note mark is neither
                break
            if parent.name in _BOLD_TAGS or _styled_bold(parent):
                bold = True
                break
            if parent is element:
                break
        if not bold:
            return False
    return True


def _inline(element, whole_bold: bool = False) -> str:
    """An element's text: bold runs as ``**``, note marks as ``<sup>``, line breaks as spaces."""
    from bs4 import NavigableString, Tag

    out: list[str] = []

    def render(node, bold: bool):
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:
                text = _space(str(node))
                out.append(f"**{text}**" if bold and text.strip() and not whole_bold else text)
        elif isinstance(node, Tag):
            if node.name == "sup":
                out.append(f"<sup>{clean_text(node.get_text(strip=True))}</sup>")
            elif node.name == "br":
                out.append(" ")
            else:
                bold = bold or node.name in _BOLD_TAGS or _styled_bold(node)
                for child in node.children:
                    render(child, bold)

    render(element, False)
    # Adjacent bold runs are one run: **a** **b** -> **a b**.
    return re.sub(r"\*\*(\s*)\*\*", r"\1", "".join(out))


def _styled_bold(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "font-weight:bold" in style or re.search(r"font-weight:[6-9]00", style) is not None


# ------------------------------------------------------------------ tables

def _is_data_table(table) -> bool:
    """A table of figures, not one a page is laid out with: no nested tables, no long paragraphs in cells."""
    if table.find("table") is not None:
        return False
    for cell in table.find_all(["td", "th"]):
        if len(cell.get_text(strip=True)) > 150 or len(cell.find_all("p")) > 2:
            return False
    return len(table.find_all("tr")) >= 2


def _table_rows(table) -> list[str]:
    """The rows as TAB-separated cells, spans filled with empty cells so columns line up."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) taken by a cell spanning rows
    for row_index, row in enumerate(table.find_all("tr")):
        cells: list[str] = []
        column = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while (row_index, column) in pending:
                cells.append(pending.pop((row_index, column)))
                column += 1
            text = _inline(cell).strip()
            text = re.sub(r"\s+", " ", text)
            if text and _whole_bold(cell):
                text = f"**{_inline(cell, whole_bold=True).strip()}**"
            span = _span(cell, "colspan")
            for extra_row in range(1, _span(cell, "rowspan")):
                for offset in range(span):
                    pending[(row_index + extra_row, column + offset)] = ""
            cells.append(text)
            cells += [""] * (span - 1)
            column += span
        while (row_index, column) in pending:
            cells.append(pending.pop((row_index, column)))
            column += 1
        grid.append(cells)
    width = max((len(row) for row in grid), default=0)
    return ["\t".join((row + [""] * width)[:width]) for row in grid if any(cell for cell in row)]


def _span(cell, attribute: str) -> int:
    value = str(cell.get(attribute) or "1").strip()
    return max(1, min(int(value), 50)) if value.isdigit() else 1
