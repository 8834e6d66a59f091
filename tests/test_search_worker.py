"""Our search worker (docs/assets/search-worker.js) and the plain-text index it searches.

The worker is driven through Material's message protocol in chromium, on a
small hand-made index: what it finds, in which order, what it shows, and that
nothing in the index can become markup.
"""

from __future__ import annotations

import json
import re

import pytest

from generator.site.search import plain_text

from .browser import DESKTOP

SETUP, READY, QUERY, RESULT = 0, 1, 2, 3

DOCS = [
    {"location": "reports/r.html", "title": "某区2023年政府工作报告", "text": "各位代表：现在，我代表区人民政府向大会报告工作。"},
    {"location": "reports/r.html#s1", "title": "一、城市管理",
     "text": "全面落实工地管理六个百分百监管。<script>alert(1)</script> & “两闲一空”盘活起效。"},
    {"location": "reports/r.html#s2", "title": "二、生态环境", "text": "PM2.5平均浓度下降到28微克。"},
    {"location": "concepts/a.html", "title": "六个百分百", "text": "建筑工地扬尘治理的六项100%要求。", "boost": 5},
    {"location": "concepts/a.html#shi-yi", "title": "释义", "text": "施工工地周边100%围挡。"},
    {"location": "reports/q.html", "title": "另一区2022年政府工作报告", "text": "持续推进百分百覆盖。"},
]

RUN = """async ([docs, queries]) => {
  const worker = new Worker("assets/search-worker.js");
  const reply = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
    worker.postMessage(message);
  });
  const ready = await reply({type: 0, data: {config: {lang: ["zh"]}, docs, options: {suggest: false}}});
  const results = [ready];
  for (const query of queries) results.push(await reply({type: 2, data: query}));
  worker.terminate();
  return results;
}"""


@pytest.fixture(scope="module")
def answers(browser, served_site):
    queries = ["六个百分百", "百分百", "六个百分百 监管", "六个百分百 不存在", "百分百 -监管", "pm2.5", "   ", "alert"]
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(served_site + "/index.html")
    ready, *results = page.evaluate(RUN, [DOCS, queries])
    context.close()
    assert ready == {"type": READY}
    assert all(result["type"] == RESULT for result in results)
    return dict(zip(queries, (result["data"]["items"] for result in results)))


def _pages(groups) -> list[str]:
    return [next(item["location"] for item in group if "#" not in item["location"]) for group in groups]


def _locations(groups) -> set[str]:
    return {item["location"] for group in groups for item in group if item["score"] > 0}


def test_a_term_is_found_whole_with_its_concept_page_first(answers):
    groups = answers["六个百分百"]
    assert _pages(groups) == ["concepts/a.html", "reports/r.html"]
    assert _locations(groups) == {"concepts/a.html", "reports/r.html#s1"}


def test_a_part_of_a_term_is_found_without_segmentation(answers):
    assert _locations(answers["百分百"]) == {"concepts/a.html", "reports/r.html#s1", "reports/q.html"}


def test_every_group_carries_its_page_for_material_to_show(answers):
    for groups in answers.values():
        for group in groups:
            assert sum("#" not in item["location"] for item in group) == 1, group
            pages = {item["location"].split("#")[0] for item in group}
            assert len(pages) == 1


def test_all_words_must_match_else_the_missing_ones_are_named(answers):
    assert _locations(answers["六个百分百 监管"]) == {"reports/r.html#s1"}
    partial = answers["六个百分百 不存在"]
    assert _locations(partial) == {"concepts/a.html", "reports/r.html#s1"}
    section = next(item for group in partial for item in group if item["location"] == "reports/r.html#s1")
    assert section["terms"] == {"六个百分百": True, "不存在": False}


def test_a_minus_word_excludes(answers):
    assert _locations(answers["百分百 -监管"]) == {"concepts/a.html", "reports/q.html"}


def test_latin_is_matched_without_case(answers):
    section = next(item for group in answers["pm2.5"] for item in group if item["location"] == "reports/r.html#s2")
    assert section["text"].startswith("<mark>PM2.5</mark>平均浓度")


def test_empty_query_finds_nothing(answers):
    assert answers["   "] == []


def test_results_are_escaped_and_marked(answers):
    section = next(item for group in answers["六个百分百"] for item in group if item["location"] == "reports/r.html#s1")
    assert "<mark>六个百分百</mark>" in section["text"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in section["text"]
    assert section["title"] == "一、城市管理"
    concept = next(item for group in answers["六个百分百"] for item in group if item["location"] == "concepts/a.html")
    assert concept["title"] == "<mark>六个百分百</mark>"
    hostile = next(item for group in answers["alert"] for item in group if item["location"] == "reports/r.html#s1")
    assert re.sub(r"</?mark>", "", hostile["text"]).count("<") == 0


def test_plain_text_from_materials_section_markup():
    assert plain_text("<p>落实&ldquo;六个百分百&rdquo; &amp; 监管</p><p>第二段\u200b文字</p>") == "落实“六个百分百” & 监管\n第二段文字"
    assert plain_text("<ul><li>一</li><li>二 <code>x &lt; y</code></li></ul>") == "一\n二 x < y"
    assert plain_text("标题\u200b六个\u200b百分百") == "标题六个百分百"


def test_the_built_index_is_plain_text_for_our_worker(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert docs and all("\u200b" not in d["text"] + d["title"] for d in docs)
    assert not [d for d in docs if re.search(r"</?(?:p|li|ul|ol|code|span|a)\b", d["text"] + d["title"])]
    by_location = {d["location"]: d for d in docs}
    assert "全面落实工地管理“六个百分百”" in "".join(
        d["text"] for loc, d in by_location.items() if loc.startswith("reports/yuquan-2023-work-report.html"))
    # Concept pages are found by their own text, not by their copies of report snippets.
    concept = [d for loc, d in by_location.items() if loc.startswith("concepts/liu-ge-bai-fen-bai.html")]
    assert concept and not [d for d in concept if "出现" in d["title"] or "工作报告" in d["title"]]
    # The index holds the text once: about the size of the reports' own text.
    raw = sum(path.stat().st_size for path in (built_site.parent / "seeds").glob("*.txt"))
    assert (built_site / "search" / "search_index.json").stat().st_size < 1.5 * raw
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'c.search = "assets/search-worker.js"' in page
