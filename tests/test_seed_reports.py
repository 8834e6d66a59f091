"""Acceptance over all ten seed reports (the five originals and the five provincial ones), on the built site."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from generator.inline import HAN_RUN
from generator.sources.read import read_source

from .conftest import ALL_SLUGS, DEV_SLUGS, ROOT, SEEDS, SLUGS, article, squash

# Rules that drop text that is not the report's (web-page chrome, page furniture, a TOC).
JUNK_RULES = {"table-of-contents", "widget", "breadcrumb", "counter", "photo-caption", "qr-code", "editor-line",
              "page-id", "related-content", "page-metadata", "repeated-title", "running-header", "page-number"}
# Rules that drop a line because it repeats another one.
REPEAT_RULES = {"duplicate-page-title", "repeated-table-caption", "repeated-table-header"}


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_no_han_text_is_lost(slug, reports, built_site):
    """Every run of Han characters in the source is on the page, unless a junk rule dropped its line."""
    report = reports[slug]
    dropped = {line for removal in report.removals if removal.rule in JUNK_RULES for line in removal.lines}
    page = article(built_site, slug)
    # Editorial additions inside the text: corrections (the original stays, struck out) and note marks.
    for addition in page.select(".erratum-correction, .erratum-ref, .note-ref"):
        addition.decompose()
    page = squash(page.get_text())
    source = read_source(SEEDS / f"{slug}.txt")
    repeats = {line for removal in report.removals if removal.rule in REPEAT_RULES for line in removal.lines}
    runs: Counter[str] = Counter()
    for number, line in enumerate(source.lines, 1):
        if number in dropped:
            continue
        for run in HAN_RUN.findall(line):
            assert run in page, f"{slug}:{number}: {run!r} is missing from the page"
            runs[run] += number not in repeats
    for run, count in runs.items():
        if len(run) >= 6:
            assert page.count(run) >= count, f"{slug}: {run!r} occurs {count} times in the source, {page.count(run)} on the page"


def test_junk_rules_drop_only_junk(reports):
    removed = {(slug, r.rule): r.lines for slug, rep in reports.items() for r in rep.removals}
    assert removed[("yuquan-15th-five-year-plan", "table-of-contents")] == tuple(
        n for n in range(9, 96) if n not in (10, 29, 50, 74)
    )
    assert removed[("huimin-2022-work-report", "widget")] == (2,)
    assert removed[("huimin-2022-work-report", "duplicate-page-title")] == (1,)
    rules = {rule for (_, rule) in removed}
    assert rules <= JUNK_RULES | {"duplicate-page-title", "repeated-table-caption", "repeated-table-header",
                                  "duplicate-character"}


def _page_breaks():
    rows = []
    for line in (ROOT / "tests/data/page_breaks.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            slug, first, second = line.split("\t")
            rows.append((slug, int(first), int(second)))
    return rows


PAGE_BREAKS = _page_breaks()


def _letters(text: str) -> str:
    """Only Han characters, letters and digits: what must read on across the seam."""
    text = re.sub(r"<[^>]+>|\*\*", "", text)
    return "".join(re.findall(r"[\u4e00-\u9fffA-Za-z0-9]", text))


def test_the_catalogue_lists_121_page_breaks():
    assert len(PAGE_BREAKS) == 121
    assert Counter(slug for slug, _, _ in PAGE_BREAKS) == {
        "yuquan-2023-work-report": 20, "yuquan-15th-five-year-plan": 71, "hohhot-2022-work-report": 9,
        "shiguai-2024-work-report": 21,
    }


@pytest.fixture(scope="module")
def block_texts(built_site):
    texts = {}
    for slug in SLUGS:
        page = article(built_site, slug)
        texts[slug] = [_letters(element.get_text()) for element in page.select("p, li, dd")]
    return texts


@pytest.mark.parametrize(("slug", "first", "second"), PAGE_BREAKS, ids=[f"{s}:{a}" for s, a, _ in PAGE_BREAKS])
def test_page_break_is_joined(slug, first, second, block_texts):
    lines = read_source(SEEDS / f"{slug}.txt").lines
    tail, head = _letters(lines[first - 1])[-6:], _letters(lines[second - 1])[:6]
    joined = tail + head
    if tail[-1] == head[0]:  # a character printed twice at the seam is printed once
        joined = tail + head[1:]
    assert any(joined in text for text in block_texts[slug]), f"{tail}|{head} is not one paragraph"


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_outline_matches_the_hand_written_one(slug, reports, built_site):
    expected = (ROOT / "tests/expected_outlines" / f"{slug}.txt").read_text(encoding="utf-8").splitlines()
    page = article(built_site, slug)
    outline = [
        "#" * int(h.name[1]) + " " + h.get_text().strip()
        for h in page.find_all(re.compile(r"^h[1-6]$"))
    ]
    assert outline == expected
    converted = [f"# {outline[0][2:]}"] + ["#" * h.level + " " + h.text for h in reports[slug].headings()]
    assert converted == expected


def test_box_1_is_one_table_with_caption_and_note(built_site):
    page = article(built_site, "yuquan-15th-five-year-plan")
    tables = page.find_all("table")
    assert len(tables) == 1
    table = tables[0]
    caption = table.find_previous(re.compile(r"^h[1-6]$"))
    assert caption.name == "h4" and caption.get_text().strip() == "专栏1 “十五五”时期玉泉区经济社会发展主要指标"
    assert [th.get_text() for th in table.select("thead tr th")] == ["指标", "2025年", "2030年", "年均/累计", "指标属性"]
    assert len(table.select("thead tr")) == 1
    rows = [[td.get_text().strip() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    indicators = [row for row in rows if re.match(r"^\d+\.", row[0])]
    groups = [row[0] for row in rows if not re.match(r"^\d+\.", row[0])]
    assert [int(row[0].split(".")[0]) for row in indicators] == list(range(1, 15))
    assert groups == ["经济发展（2）", "创新驱动（2）", "绿色生态（5）", "民生福祉（5）"]
    assert indicators[4] == ["5.单位GDP能源消耗降幅（%）", "", "-", "达到自治区、市要求", "约束性"]
    assert indicators[10] == ["11.累计城镇新增就业人数（万人）", "（4.47）", "-", "（2）", "预期性"]
    note = table.find_next_sibling()
    assert note.name == "p" and note.get_text() == "注释：（）表示累计数。" and "table-note" in note["class"]


ASCII_PUNCT_IN_CHINESE = re.compile(r"[\u4e00-\u9fff，。、；：“”（）]\s*[,;:!?()\"]|[,;:!?()\"]\s*[\u4e00-\u9fff，。、；：“”（）]")


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_no_conversion_leftovers(slug, built_site):
    page = article(built_site, slug)
    for element in page.select("del"):  # errata show the original text on purpose
        element.decompose()
    text = page.get_text()
    assert not re.search(r"\.{3,}|…{3,}", text), "TOC leaders"
    assert "\t" not in text
    assert not re.search(r"^\s*目\s*录\s*$", text, re.MULTILINE)
    assert not re.search(r"字体|打印|区政府文件", text), "scrape junk"
    assert not re.search(r"</?(?:b|sup|strong|span|div)\b", text), "raw HTML tags in the text"
    assert not re.search(r"(?<![A-Za-z])#{1,6}\s", text), "Markdown heading marks in the text"
    assert "**" not in text
    assert not ASCII_PUNCT_IN_CHINESE.search(text), ASCII_PUNCT_IN_CHINESE.search(text)
    running = "\n".join(p.get_text() for p in page.select("p, li, dd, td") if not p.find_parent(class_="report-cover"))
    # Spaces between Han characters survive only inside quoted slogans (“福地玉泉 田园优品”).
    running = re.sub(r"“[^“”]*”", "", running)
    assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", running)


EXPECTED_META = {
    "yuquan-2023-work-report": ("玉泉区2023年政府工作报告", "玉泉区", "2023-01-07", "玉泉区人民政府区长 南男",
                                "玉泉区第十八届人民代表大会第二次会议", "政府工作报告"),
    "yuquan-15th-five-year-plan": ("玉泉区“十五五”规划纲要", "玉泉区", "2026-04", "", "", "五年规划纲要"),
    "hohhot-2022-work-report": ("呼和浩特市2022年政府工作报告", "呼和浩特市", "2022-02-10", "呼和浩特市人民政府市长 贺海东",
                                "呼和浩特市第十六届人民代表大会第一次会议", "政府工作报告"),
    "huimin-2022-work-report": ("回民区2022年政府工作报告", "回民区", "", "", "", "政府工作报告"),
    "shiguai-2024-work-report": ("石拐区2024年政府工作报告", "石拐区", "2024-01-23", "石拐区人民政府代区长 张晓飞",
                                 "石拐区第十七届人民代表大会第三次会议", "政府工作报告"),
    # Read off each cover: the meeting line (dashed, undashed, wrapped over two lines, with the
    # speaker after it on one line), the speaker line (with or without the region), the title.
    "beijing-2026-work-report": ("北京市2026年政府工作报告", "北京市", "2026-01-25", "北京市市长 殷勇",
                                 "北京市第十六届人民代表大会第四次会议", "政府工作报告"),
    "guangdong-2026-work-report": ("广东省2026年政府工作报告", "广东省", "2026-01-26", "广东省省长 孟凡利",
                                   "广东省第十四届人民代表大会第五次会议", "政府工作报告"),
    "sichuan-2026-work-report": ("四川省2026年政府工作报告", "四川省", "2026-02-03", "四川省人民政府省长 施小琳",
                                 "四川省第十四届人民代表大会第五次会议", "政府工作报告"),
    "shaanxi-2026-work-report": ("陕西省2026年政府工作报告", "陕西省", "2026-01-27", "陕西省省长 赵刚",
                                 "陕西省第十四届人民代表大会第四次会议", "政府工作报告"),
    "qinghai-2026-work-report": ("青海省2026年政府工作报告", "青海省", "2026-01-27", "省长 罗东川",
                                 "青海省第十四届人民代表大会第四次会议", "政府工作报告"),
}
# 区 -> 县级, 市 -> 地级, 省 and the municipality 北京市 -> 省级.
LEVELS = {
    "yuquan-2023-work-report": "县级", "yuquan-15th-five-year-plan": "县级", "hohhot-2022-work-report": "地级",
    "huimin-2022-work-report": "县级", "shiguai-2024-work-report": "县级", "beijing-2026-work-report": "省级",
    "guangdong-2026-work-report": "省级", "sichuan-2026-work-report": "省级", "shaanxi-2026-work-report": "省级",
    "qinghai-2026-work-report": "省级",
}


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_metadata_detected_from_the_text(slug):
    """Detection alone (no manifest) gets what the text states."""
    from generator.convert import convert_file
    from generator.model import ReportMeta

    meta = convert_file(SEEDS / f"{slug}.txt", ReportMeta(slug=slug, source_file=f"{slug}.txt")).meta
    assert (meta.title, meta.region, meta.date, meta.speaker, meta.meeting, meta.kind) == EXPECTED_META[slug]
    assert meta.level == LEVELS[slug]


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_manifest_agrees_with_the_text(slug, reports):
    title, region, date, speaker, meeting, kind = EXPECTED_META[slug]
    meta = reports[slug].meta
    assert (meta.title, meta.region, meta.kind) == (title, region, kind)
    assert meta.date.startswith(date) and (meta.speaker, meta.meeting) == (speaker, meeting)


def test_cover_is_a_header_block(built_site):
    page = article(built_site, "yuquan-2023-work-report")
    assert page.find("h1").get_text().strip() == "玉泉区2023年政府工作报告"
    cover = [p.get_text() for p in page.select(".report-cover p")]
    assert cover == ["区十八届人大二次会议文件之十八", "——2023年1月7日在玉泉区第十八届人民代表大会第二次会议上",
                     "玉泉区人民政府区长 南男"]
    hohhot = [p.get_text() for p in article(built_site, "hohhot-2022-work-report").select(".report-cover p")]
    assert hohhot[0] == "——2022年2月10日在呼和浩特市第十六届人民代表大会第一次会议上"


def test_home_page_lists_every_report(built_site):
    from bs4 import BeautifulSoup

    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    # Without scripts, the list shows the newest reports as HTML (archive.js filters and pages it).
    rows = [[item.select_one(".report-title").get_text(), item.select_one(".report-meta").get_text()]
            for item in home.select("#report-list li")]
    assert rows == [
        ["玉泉区“十五五”规划纲要", "玉泉区 · 县级 · 五年规划纲要 · 2026年4月"],
        ["四川省2026年政府工作报告", "四川省 · 省级 · 政府工作报告 · 2026年2月3日"],
        ["陕西省2026年政府工作报告", "陕西省 · 省级 · 政府工作报告 · 2026年1月27日"],
        ["青海省2026年政府工作报告", "青海省 · 省级 · 政府工作报告 · 2026年1月27日"],
        ["广东省2026年政府工作报告", "广东省 · 省级 · 政府工作报告 · 2026年1月26日"],
        ["北京市2026年政府工作报告", "北京市 · 省级 · 政府工作报告 · 2026年1月25日"],
        ["石拐区2024年政府工作报告", "石拐区 · 县级 · 政府工作报告 · 2024年1月23日"],
        ["玉泉区2023年政府工作报告", "玉泉区 · 县级 · 政府工作报告 · 2023年1月7日"],
        ["呼和浩特市2022年政府工作报告", "呼和浩特市 · 地级 · 政府工作报告 · 2022年2月10日"],
        ["回民区2022年政府工作报告", "回民区 · 县级 · 政府工作报告 · 2022年"],
    ]
    years = json.loads(home.select_one("script#report-years").string)
    assert [(path, year, count) for path, year, count in years] == [
        ("archive/2026.js", "2026", 6), ("archive/2024.js", "2024", 1), ("archive/2023.js", "2023", 1),
        ("archive/2022.js", "2022", 2)]
    data = []
    for path, _, _ in years:
        script = (built_site / path).read_text(encoding="utf-8")
        data += json.loads(script[script.index(",") + 1:script.rindex(")")])
    assert [record["t"] for record in data] == [row[0] for row in rows]
    links = [a["href"] for a in home.select("#report-list a")]
    assert all((built_site / href).exists() for href in links)


# The chrome of each provincial page: as a whole paragraph, or strings that report text never holds.
CHROME_LINE = re.compile(
    r"下载|打印|全屏|收藏|加大|还原|减小|[大中小】]|【字[号体]：?|分享[:：]?|首页|>|政府信息公开|省政府工作报告|相关报道：|"
    r"(?:来源|时间)[:：].*|（来源：.*）|\d{4}[-年]\d{2}[-月]\d{2}日?\s+\d{2}[:时].*|(?:责任)?编辑：.*|.*摄|.*作政府工作报告。?.*")
CHROME_TEXT = re.compile(r"扫一扫在手机打开当前页|打印本页|关闭窗口|责任编辑|本报记者|相关附件>>|相关链接>>|【字[号体]|[0-9a-f]{32}")
# What the chrome told: where the text came from and when the page was published.
PAGE_METADATA = {
    "beijing-2026-work-report": ("北京日报", "2026-02-02"),
    "guangdong-2026-work-report": ("", ""),
    "sichuan-2026-work-report": ("四川日报", "2026-02-10"),
    "shaanxi-2026-work-report": ("陕西省人民政府", "2026-02-02"),
    "qinghai-2026-work-report": ("青海日报", "2026-01-31"),
}


@pytest.mark.parametrize("slug", DEV_SLUGS)
def test_no_web_page_chrome_is_left(slug, reports, built_site):
    page = article(built_site, slug)
    for panel in page.select(".concept-panel, .related-reports, .edit-links, .term-definitions"):
        panel.decompose()
    blocks = [element.get_text().strip() for element in page.select("p, li, dd, dt, h2, h3, h4")]
    assert [text for text in blocks if CHROME_LINE.fullmatch(text)] == []
    assert not CHROME_TEXT.search(page.get_text())
    title = reports[slug].meta.doc_title
    assert blocks.count(title) == 0 and page.find("h1").get_text().strip() in (title, reports[slug].meta.title)
    assert (reports[slug].meta.source, reports[slug].meta.published) == PAGE_METADATA[slug]
