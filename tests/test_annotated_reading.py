"""Annotated reading: every occurrence marked, the markup contract, concept pages, page weight."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from generator.glossary.terms import summarise
from generator.render.concepts import OCCURRENCES_PER_REPORT

from .conftest import ALL_SLUGS, BUILD_ENV, ROOT, SLUGS, article, project_copy

# Body occurrences of every report-defined term, counted by hand with grep in each seed
# (text before the report's own 名词解释 section; bold marks ignored), where the term's scope
# covers the report. Terms the provincial reports define occur in these seeds too (两重, 两新,
# 四好农村路, …, whose term files scope them 全国); 四川's 一件事 (its 全链条专项整治) stays in
# 四川, and 高效办成一件事 is the editors' national term of that name.
# 宜学 alone (让首府更加宜学) is marked as 五宜城市, of which it is a part.
HAND_COUNTS = {
    "yuquan-2023-work-report": {
        "五个大起底": 1, "三区三线": 1, "六乱": 1, "六个百分百": 2, "两违": 1, "清五乱": 2, "四个最严": 1,
        "四制两金": 1, "八进": 2, "一廊四群八带": 1, "一轴四驱": 1, "4+5": 1, "产学研": 1, "双减": 1,
        "双随机、一公开": 1, "五宜城市": 1,
    },
    "huimin-2022-work-report": {
        "六个百分百": 1, "两个屏障": 1, "两个基地": 1, "一个桥头堡": 1, "阳光招生": 1, "阳光分班": 1, "公民同招": 1,
        "六心合一": 1, "首店经济": 2, "产学研": 3, "四大经济圈": 2, "双减": 2, "三个离不开": 1, "五个认同": 1,
        "三个城市": 1, "四个区域中心": 1, "五宜城市": 2, "四水四定": 1, "多规合一": 1, "三新": 1, "六个一": 1,
        "三访三促三提升": 1, "双随机、一公开": 1, "十乱": 1,
    },
    "shiguai-2024-work-report": {
        "五个大起底": 2, "两个基地": 2, "产学研": 1, "多规合一": 1, "五大战役": 1, "两群五区一地": 1, "两闲一空": 2,
        "四项清单": 1, "个十百千": 1, "一治三转": 1, "三清零": 1, "智改数转": 1, "三多三少三慢": 1,
        "两新": 2,
    },
    "yuquan-15th-five-year-plan": {"六个百分百": 1, "两个屏障": 4, "两个基地": 5, "一个桥头堡": 4, "产学研": 6, "五宜城市": 1,
                                   "四好农村路": 1, "可信数据空间": 2, "五篇大文章": 1, "两重": 1},
    "hohhot-2022-work-report": {
        "两个屏障": 1, "两个基地": 1, "一个桥头堡": 1, "四大经济圈": 1, "三个城市": 1, "四个区域中心": 1, "五宜城市": 2,
        "四好农村路": 1,
    },
}


@pytest.fixture(scope="module")
def published(built_site):
    return json.loads((built_site / "glossary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def terms_by_name(published):
    return {t["term"]: t for t in published["terms"]}


@pytest.fixture(scope="module")
def pages(built_site):
    return {slug: article(built_site, slug) for slug in SLUGS}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_body_occurrence_of_every_report_defined_term_is_annotated(slug, pages, terms_by_name):
    report_defined = {t["slug"]: name for name, t in terms_by_name.items() if not t["editor_written"]}
    marked = Counter(a["aria-describedby"].removeprefix("term-def-") for a in pages[slug].select("a.term"))
    found = {report_defined[term]: count for term, count in marked.items() if term in report_defined}
    assert found == HAND_COUNTS[slug]


@pytest.mark.parametrize("slug", SLUGS)
def test_markup_contract(slug, pages, published):
    page = pages[slug]
    terms = {t["slug"]: t for t in published["terms"]}
    forms = {slug_: {t["term"], *t["aliases"]} for slug_, t in terms.items()}
    seen_ids = set()
    for element in page.select(".term"):
        assert element.name == "a" and element["class"] == ["term"]
        term = terms[element["aria-describedby"].removeprefix("term-def-")]
        assert element.get_text() in forms[term["slug"]], "a look-alike or partial match was annotated"
        assert element["href"] == f"../concepts/{term['slug']}.html"
        assert re.fullmatch(rf"t-{term['slug']}-\d+", element["id"]) and element["id"] not in seen_ids
        seen_ids.add(element["id"])
        definition = page.find(id=element["aria-describedby"])
        assert definition is not None and definition.get_text() == expected_explanation(term, slug, published)
        assert not element.find_parent(["h1", "dl", "nav", "a", "code"]) and not element.find_parent(class_="concept-panel")
    # The markup and glossary.json agree.
    marked = Counter(a["aria-describedby"].removeprefix("term-def-") for a in page.select("a.term"))
    counted = {t["slug"]: t["occurrences"][slug] for t in published["terms"] if slug in t["occurrences"]}
    assert dict(marked) == counted


def _covers(outer: str, inner: str) -> bool:
    """Whether region code ``outer`` is ``inner`` or a region above it (PP0000 province, PPCC00 prefecture)."""
    return outer == inner or (outer.endswith("0000") and inner[:2] == outer[:2]) or (
        outer.endswith("00") and inner[:4] == outer[:4])


def expected_explanation(term: dict, slug: str, published: dict) -> str:
    """What a term's explanation in a report must be: the report's own definition, a sense for the
    report, the definition of a report whose region is this report's or above it (labelled with that
    report's title), or the editors' summary."""
    own = next((d for d in term["definitions"] if d["source"] == slug), None)
    if own:
        return summarise(own["text"])
    sense = next((s["summary"] for s in term["senses"] if slug in s["reports"]), None)
    if sense:
        return sense
    codes = {r["slug"]: r["region_code"] for r in published["reports"]}
    covering = [d for d in term["definitions"] if d["source"] in codes and codes[slug] and _covers(codes[d["source"]], codes[slug])]
    if covering:
        nearest = max(covering, key=lambda d: len(codes[d["source"]].rstrip("0")))
        title = next(r["title"] for r in published["reports"] if r["slug"] == nearest["source"])
        return f"据{title}：{summarise(nearest['text'])}"
    return term["summary"]


def test_look_alikes_are_never_annotated_as_each_other(pages):
    def texts(slug, term):
        return [a.get_text() for a in pages[slug].select(f'a.term[aria-describedby="term-def-{term}"]')]

    assert texts("shiguai-2024-work-report", "qing-wu-luan") == []
    assert texts("shiguai-2024-work-report", "qing-si-luan") == ["清四乱"]
    assert texts("yuquan-15th-five-year-plan", "qing-si-luan") == ["清“四乱”"]
    assert texts("hohhot-2022-work-report", "liu-ge-bai-fen-bai") == []
    assert texts("hohhot-2022-work-report", "si-ge-bai-fen-bai") == ["四个百分百"]
    assert texts("shiguai-2024-work-report", "san-qing-ling") == ["三清零"]
    assert texts("shiguai-2024-work-report", "shuang-qing-ling") == ["双清零"]
    assert texts("hohhot-2022-work-report", "liu-xin-he-yi") == []
    assert texts("hohhot-2022-work-report", "duo-xin-he-yi") == ["多心合一"]


def test_terms_in_headings_are_linked_but_toc_and_title_stay_plain(built_site, pages):
    heading = pages["shiguai-2024-work-report"].find("h3")
    assert heading.find("a", class_="term")["aria-describedby"] == "term-def-liang-qun-wu-qu-yi-di"
    page = BeautifulSoup((built_site / "reports/shiguai-2024-work-report.html").read_text(encoding="utf-8"), "html.parser")
    assert not page.select(".md-nav a.term, title a, h1 a.term")
    toc = page.select_one('nav.md-nav--secondary').get_text()
    assert "两群五区一地" in toc


def test_longest_form_wins(pages):
    aliases = [a.get_text() for a in pages["shiguai-2024-work-report"].select('a.term[aria-describedby="term-def-liang-xian-yi-kong"]')]
    assert aliases == ["两闲一空", "两闲一空"]  # the body never uses the long form; the 名词解释 label links instead
    glossary = pages["shiguai-2024-work-report"].find(id="gloss-3")
    assert glossary.find("a", class_="glossary-term")["href"] == "../concepts/liang-xian-yi-kong.html"


def test_report_glossary_entries_link_to_concept_pages(pages):
    entry = pages["huimin-2022-work-report"].find(id="gloss-1")
    assert [a["href"] for a in entry.find_all("a")] == [
        "../concepts/liang-ge-ping-zhang.html", "../concepts/liang-ge-ji-di.html", "../concepts/yi-ge-qiao-tou-bao.html",
    ]


def test_report_page_panels(pages):
    panel = pages["shiguai-2024-work-report"].select_one(".concept-panel")
    assert panel.has_attr("data-search-exclude")
    links = {a.get_text(): a["href"] for a in panel.find_all("a")}
    assert links["两闲一空"] == "../concepts/liang-xian-yi-kong.html"
    assert "两闲一空</a>（2）" in str(panel)
    related = pages["huimin-2022-work-report"].select(".related-reports li")
    titles = [li.find("a").get_text() for li in related]
    shared = [int(re.search(r"共用(\d+)个名词", li.get_text()).group(1)) for li in related]
    # Every other report shares a concept with 回民区 (the provincial ones: 产学研, 双减, 多规合一, …).
    assert shared == sorted(shared, reverse=True) and len(titles) == len(ALL_SLUGS) - 1


def test_concept_page(built_site, published):
    page = BeautifulSoup((built_site / "concepts/liu-ge-bai-fen-bai.html").read_text(encoding="utf-8"), "html.parser")
    body = page.select_one("article")
    assert body.find("h1").get_text().strip().startswith("六个百分百")
    assert "建筑工地扬尘治理" in body.select_one(".concept-summary").get_text()
    quote = body.find("blockquote")
    assert "施工工地周边100%围挡" in quote.get_text()
    assert quote.find("a")["href"] == "../reports/yuquan-2023-work-report.html#gloss-4"
    occurrences = body.select(".occurrences ol li a")
    hrefs = [a["href"] for a in occurrences]
    assert len(hrefs) == 4 and hrefs[0].startswith("../reports/yuquan-2023-work-report.html#t-liu-ge-bai-fen-bai-")
    for link in occurrences:
        assert link.find("strong").get_text() == "六个百分百"
        assert 10 <= len(link.get_text()) <= 2 + 20 + 5 + 20
    related = {a.get_text() for a in body.find_all("a") if a["href"] == "si-ge-bai-fen-bai.html"}
    assert related == {"四个百分百"}


def test_every_occurrence_link_targets_an_element(built_site, published):
    """Each report on a concept page shows up to five occurrences and links to the next one."""
    targets: dict[str, set[str]] = {}
    for term in published["terms"]:
        page = BeautifulSoup((built_site / f"concepts/{term['slug']}.html").read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in page.select("article a") if "#t-" in a.get("href", "")]
        shown = OCCURRENCES_PER_REPORT  # snippets a report, then a link to the next occurrence
        assert len(links) == sum(min(n, shown) + (n > shown) for n in term["occurrences"].values())
        for href in links:
            path, anchor = href.split("#")
            if path not in targets:
                report = BeautifulSoup((built_site / "concepts" / path).read_text(encoding="utf-8"), "html.parser")
                targets[path] = {a["id"] for a in report.select("a.term")}
            assert anchor in targets[path], href


def test_glossary_index_groups_by_category_with_a_heatmap(built_site, published):
    page = BeautifulSoup((built_site / "concepts/index.html").read_text(encoding="utf-8"), "html.parser")
    body = page.select_one("article")
    categories = [h.get_text().strip() for h in body.find_all("h2")]
    assert len(categories) == len(set(categories)) >= 8
    listed = [a["href"] for a in body.select("table a")]
    assert sorted(listed) == sorted(f"{t['slug']}.html" for t in published["terms"])
    six = next(row for row in body.select("table tr") if row.find("a", href="liu-ge-bai-fen-bai.html"))
    assert [td.get_text() for td in six.find_all("td")][2:] == ["3", "4"]  # reports, occurrences
    # The picture is drawn by province: its size follows the regions, not the reports.
    image = body.select_one("img.concept-matrix")
    svg = (built_site / "concepts" / image["src"]).read_text(encoding="utf-8")
    shared = [t for t in published["terms"] if len(t["occurrences"]) >= 2]
    provinces = re.findall(r"rotate\(-60\)\">([^<（]+)（(\d+)）</text>", svg)
    assert sum(int(n) for _, n in provinces) == len(ALL_SLUGS)
    assert ("内蒙古自治区", "5") in provinces and len(provinces) == 6
    assert svg.count("<rect x=") == min(60, len(shared)) * len(provinces)
    # 断头路: 呼和浩特 4, 回民区 4, 玉泉区 2 + 2 (see tests/test_suggest.py), 石拐区 none.
    assert "<title>断头路 · 内蒙古自治区：4/5份报告，12次</title>" in svg


def test_page_weight_is_at_most_one_and_a_half_times_the_plain_page(built_site, tmp_path_factory):
    import subprocess
    import sys

    work = project_copy(tmp_path_factory.mktemp("plain"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=work, capture_output=True,
                            text=True, env={**BUILD_ENV, "REPORTS_PLAIN": "1"})
    assert result.returncode == 0, result.stderr
    for slug in SLUGS:
        annotated = (built_site / "reports" / f"{slug}.html").stat().st_size
        plain_page = work / "site" / "reports" / f"{slug}.html"
        assert "a class=\"term\"" not in plain_page.read_text(encoding="utf-8")
        ratio = annotated / plain_page.stat().st_size
        assert ratio <= 1.5, f"{slug}: {ratio:.2f}"


def test_concept_page_english_summary_and_sources(built_site, published):
    def page(slug: str) -> BeautifulSoup:
        return BeautifulSoup((built_site / f"concepts/{slug}.html").read_text(encoding="utf-8"), "html.parser")

    river = page("he-zhang-zhi").select_one("article")
    english = river.select_one(".concept-summary-en")
    assert english["lang"] == "en"
    assert english.get_text() == "River chief system: named officials answer for each river and lake"
    heading = next(h for h in river.find_all("h2") if h.get_text().strip().startswith("出处"))
    items = [li.get_text() for li in heading.find_next("ul").find_all("li")]
    assert items == ["中共中央办公厅、国务院办公厅《关于全面推行河长制的意见》（2016-12）"]
    # A local coinage cites the report that uses it, linked into the archive.
    league = page("chuan-chao").select_one("article")
    source = next(h for h in league.find_all("h2") if h.get_text().strip().startswith("出处")).find_next("ul").find("a")
    assert source.get_text() == "四川省2026年政府工作报告" and source["href"] == "../reports/sichuan-2026-work-report.html"
    # A report-defined term cites its report's 名词解释, with the report's date.
    idle = page("liang-xian-yi-kong").select_one("article")
    heading = next(h for h in idle.find_all("h2") if h.get_text().strip().startswith("出处"))
    assert heading.find_next("ul").find("li").get_text() == "石拐区2024年政府工作报告·名词解释（2024-01-23）"
    assert idle.select_one(".concept-summary-en").get_text() == "Putting idle state assets, idle land and hollowed-out villages back to use"
    terms = {t["slug"]: t for t in published["terms"]}
    assert terms["he-zhang-zhi"]["sources"] == [{"title": "中共中央办公厅、国务院办公厅《关于全面推行河长制的意见》", "date": "2016-12"}]
    assert terms["chuan-chao"]["sources"] == [{"title": "四川省2026年政府工作报告", "date": "2026-02-03",
                                               "report": "sichuan-2026-work-report"}]
    assert terms["liang-xian-yi-kong"]["summary_en"] == "Putting idle state assets, idle land and hollowed-out villages back to use"
    assert all(t["summary_en"] for t in published["terms"])
