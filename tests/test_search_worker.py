"""Our search worker (docs/assets/search-worker.js) and the plain-text index it searches.

The worker is driven through Material's message protocol in chromium, on a
small hand-made index: what it finds, in which order, what it shows, and that
nothing in the index can become markup.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from hypothesis import given
from hypothesis import strategies as st

from generator.site.search import (
    QUERY_SEPARATORS,
    build_search_files,
    decode_postings,
    encode_postings,
    plain_text,
    read_search_sections,
    write_search_files,
)

from .browser import DESKTOP, serve

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"

SETUP, READY, QUERY, RESULT = 0, 1, 2, 3
# The pages of results the worker shows at most (its RESULT_PAGES).
SHOWN = int(re.search(r"var RESULT_PAGES = (\d+);", (ASSETS / "search-worker.js").read_text(encoding="utf-8")).group(1))

DOCS = [
    {"location": "reports/r.html", "title": "某区2023年政府工作报告", "text": "各位代表：现在，我代表区人民政府向大会报告工作。"},
    {"location": "reports/r.html#s1", "title": "一、城市管理",
     "text": "全面落实工地管理六个百分百监管。<script>alert(1)</script> & “两闲一空”盘活起效。"},
    {"location": "reports/r.html#s2", "title": "二、生态环境", "text": "PM2.5平均浓度下降到28微克。"},
    {"location": "concepts/a.html", "title": "六个百分百", "text": "建筑工地扬尘治理的六项100%要求。", "boost": 5},
    {"location": "concepts/a.html#shi-yi", "title": "释义", "text": "施工工地周边100%围挡。"},
    {"location": "reports/q.html", "title": "另一区2022年政府工作报告", "text": "持续推进百分百覆盖。"},
]

RUN = """async ([index, queries]) => {
  const worker = new Worker("assets/search-worker.js");
  const reply = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
    worker.postMessage(message);
  });
  const ready = await reply({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  const results = [ready];
  for (const query of queries) results.push(await reply({type: 2, data: query}));
  worker.terminate();
  return results;
}"""

QUERIES = ["六个百分百", "百分百", "六个百分百 监管", "六个百分百 不存在", "百分百 -监管", "pm2.5", "   ", "alert", "百"]


@pytest.fixture(scope="module")
def index_site(tmp_path_factory):
    """A tiny site: the worker, the file:// shim, and DOCS cut into several gram and text files."""
    root = tmp_path_factory.mktemp("search-site")
    (root / "assets").mkdir()
    for name in ("search-worker.js", "iframe-worker-shim.js"):
        shutil.copy(ASSETS / name, root / "assets" / name)
    (root / "search").mkdir()
    index = root / "search" / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["zh"]}, "docs": DOCS}, ensure_ascii=False), encoding="utf-8")
    files = write_search_files(index, text_file_chars=40, gram_file_bytes=200)
    shards = files.manifest["config"]["shards"]
    assert shards["grams"] >= 4 and shards["textFiles"] >= 3  # the worker must join several files
    (root / "index.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><script src="assets/iframe-worker-shim.js"></script>'
        "</head><body></body></html>", encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=["http", "file"])
def answers(request, browser, index_site):
    """The queries answered over http (a web worker) and from disk (the worker in an iframe, files as scripts)."""
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    index = json.loads((index_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    with serve(index_site) as address:
        page.goto((address if request.param == "http" else index_site.as_uri()) + "/index.html")
        ready, *results = page.evaluate(RUN, [index, QUERIES])
    context.close()
    assert ready == {"type": READY}
    assert all(result["type"] == RESULT for result in results)
    assert not [url for url in requests if not url.startswith(("http://127.0.0.1", "file://"))]
    return dict(zip(QUERIES, (result["data"]["items"] for result in results)))


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
    manifest = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == [] and manifest["config"]["shards"]["grams"] >= 1
    docs = read_search_sections(built_site / "search")
    assert docs and all("\u200b" not in d["text"] + d["title"] for d in docs)
    assert not [d for d in docs if re.search(r"</?(?:p|li|ul|ol|code|span|a)\b", d["text"] + d["title"])]
    by_location = {d["location"]: d for d in docs}
    assert "全面落实工地管理“六个百分百”" in "".join(
        d["text"] for loc, d in by_location.items() if loc.startswith("reports/yuquan-2023-work-report.html"))
    # Concept pages are found by their own text, not by their copies of report snippets.
    concept = [d for loc, d in by_location.items() if loc.startswith("concepts/liu-ge-bai-fen-bai.html")]
    assert concept and not [d for d in concept if "出现" in d["title"] or "工作报告" in d["title"]]
    assert {d["boost"] for d in concept} == {5}
    # The text files hold the text once: about the size of the reports' own text.
    raw = sum(path.stat().st_size for path in (built_site.parent / "seeds").glob("*.txt"))
    text_bytes = sum(path.stat().st_size for path in (built_site / "search" / "c").glob("*.js"))
    assert text_bytes < 1.5 * raw
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'c.search = "assets/search-worker.js"' in page
    # The offline copy's script is the manifest too: opening a page from disk loads no index.
    offline = (built_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert len(offline) < 2000 and '"shards"' in offline


def test_the_worker_splits_queries_where_the_index_leaves_pairs_out():
    """A pair holding a separator is not indexed, so the worker must never look one up."""
    worker = (ASSETS / "search-worker.js").read_text(encoding="utf-8")
    pattern = re.search(r"var SEPARATORS = /(.*)/;", worker).group(1)
    splitter = re.compile(pattern.replace("\\u3000", "\u3000"))
    every = "".join(sorted(QUERY_SEPARATORS))
    assert all(splitter.fullmatch(char) for char in every)
    assert not [char for char in "abc六个百分百2.5+-*" if splitter.fullmatch(char)]


@given(st.lists(st.tuples(st.integers(1, 5000), st.integers(1, 400)), max_size=60))
def test_posting_lists_decode_to_what_was_encoded(pairs):
    ids = sorted({i for i, _ in pairs})
    counts = [dict(pairs)[i] for i in ids]
    expected = [n for i, c in zip(ids, counts) for n in (i, min(c, 50))]
    assert decode_postings(encode_postings(ids, counts), counted=True) == expected
    assert decode_postings(encode_postings(ids)) == ids


def test_a_single_character_finds_its_sections(answers):
    assert _locations(answers["百"]) >= {"concepts/a.html", "reports/r.html#s1", "reports/q.html"}


def test_many_matching_pages_read_only_the_best_candidates(browser, tmp_path):
    """150 pages hold the term: the worker answers with the SHOWN that hold it most, having read only
    the text files of its best candidates, and never a gram file the query does not need."""
    docs = [{"location": f"reports/p{i:03d}.html", "title": f"第{i}份报告",
             "text": "前言。" + "推进营商环境改善。" * (1 + i % 9) + "其他工作。" * 30} for i in range(150)]
    manifest = _many_pages_site(tmp_path, docs)
    shards = manifest["config"]["shards"]
    (result,), fetched = _ask(browser, tmp_path, manifest, ["营商环境"])
    address = fetched[0].rsplit("/", 1)[0]
    groups = result["items"]
    assert len(groups) == SHOWN == 20 and result["total"] == 150
    best = [int(_pages([group])[0][9:12]) for group in groups]
    assert {i % 9 for i in best[:10]} == {8}  # the pages saying it nine times come first
    texts = [url for url in fetched if "/search/c/" in url]
    grams = {url for url in fetched if "/search/g/" in url}
    assert len(grams) <= 2 and grams <= {f"{address}/search/g/{n}.js" for n in range(shards["grams"])}
    assert len(texts) < shards["textFiles"] / 2, (len(texts), shards["textFiles"])


def _many_pages_site(root: Path, docs: list[dict]) -> dict:
    (root / "assets").mkdir()
    shutil.copy(ASSETS / "search-worker.js", root / "assets")
    (root / "search").mkdir()
    index = root / "search" / "search_index.json"
    index.write_text(json.dumps({"config": {}, "docs": docs}, ensure_ascii=False), encoding="utf-8")
    files = write_search_files(index, text_file_chars=200, gram_file_bytes=300)
    (root / "index.html").write_text('<!DOCTYPE html><meta charset="utf-8">', encoding="utf-8")
    return files.manifest


def _ask(browser, root: Path, manifest: dict, queries: list[str]) -> tuple[list[dict], list[str]]:
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.url.split("?")[0]))
    with serve(root) as address:
        page.goto(address + "/index.html")
        ready, *results = page.evaluate(RUN, [manifest, queries])
    context.close()
    return [result["data"] for result in results], fetched


def test_a_common_excluded_word_is_ruled_out_by_its_gram_list(browser, tmp_path):
    """300 pages hold 营商环境 and 250 of them 科技 too: `营商环境 -科技` answers with the others (50),
    reading no text of a page the short excluded word's gram list already rules out."""
    docs = [{"location": f"reports/p{i:03d}.html", "title": f"第{i}份报告",
             "text": "推进营商环境改善。" + ("依靠科技创新。" if i % 6 else "依靠改革开放。") + "其他工作。" * 30}
            for i in range(300)]
    manifest = _many_pages_site(tmp_path, docs)
    text_files = manifest["config"]["shards"]["textFiles"]
    (answer,), fetched = _ask(browser, tmp_path, manifest, ["营商环境 -科技"])
    pages = sorted(int(_pages([group])[0][9:12]) for group in answer["items"])
    assert pages == list(range(0, 300, 6))[:SHOWN]
    assert answer["total"] == 50  # the pages the gram lists leave: the text of most was not read
    texts = {url for url in fetched if "/search/c/" in url}
    assert len(texts) <= SHOWN + 5 and text_files == 150, (len(texts), text_files)  # one file per page shown
    # Without the exclusion, 300 pages match: the count says so, not the SHOWN shown.
    (common,), _ = _ask(browser, tmp_path, manifest, ["营商环境"])
    assert len(common["items"]) == SHOWN and common["total"] == 300


def test_the_page_count_is_exact_when_the_gram_lists_decide(browser, tmp_path):
    """Terms of one or two characters are decided by their gram lists: every candidate page counts,
    whether or not its text was read; a longer term's unread pages are an upper bound."""
    docs = [{"location": f"reports/p{i:03d}.html", "title": f"第{i}份报告",
             "text": ("营商" if i % 2 else "环境") + "工作。" * 20} for i in range(120)]
    docs += [{"location": "reports/apart.html", "title": "分开", "text": "营商在前，环境在后。"}]
    manifest = _many_pages_site(tmp_path, docs)
    (short, apart), _ = _ask(browser, tmp_path, manifest, ["营商", "营商环境"])
    assert (len(short["items"]), short["total"], short["exact"]) == (SHOWN, 61, True)
    assert apart["items"] == [] and apart["total"] == 0


@pytest.mark.parametrize("where", ["http", "file"])
def test_materials_counter_says_how_many_pages_match(browser, built_site, served_site, where):
    """发展 is on more pages than the worker shows: the counter gives the worker's count of
    pages (exact: a two-character word is decided by its gram list), over http and from disk."""
    from generator.site.search import gram_shard, read_data_file

    manifest = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["shards"]
    starts = decode_postings(read_data_file(built_site / "search" / "pages.js"))
    postings = read_data_file(built_site / "search" / "g" / f"{gram_shard('发展', manifest['grams'])}.js")["发展"]
    ids = set(decode_postings(postings[0], counted=True)[::2]) | set(decode_postings(postings[1]))
    pages = {max(start for start in starts if start <= section) for section in ids}
    assert len(pages) > 50
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto((served_site if where == "http" else built_site.as_uri()) + "/reports/shiguai-2024-work-report.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("发展")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("n => document.querySelector('.md-search-result__meta').textContent.startsWith(String(n))",
                           arg=len(pages), timeout=5000)
    assert meta.inner_text() == f"{len(pages)} 个符合条件的结果"
    assert page.locator(".md-search-result__item").count() <= SHOWN
    context.close()


def test_an_edited_concept_page_recounts_only_the_ranges_from_it_on(tmp_path, monkeypatch):
    """The gram lists of each range of sections are cached by the range's text and ids; concept pages
    come last, so editing one leaves every range of reports to the cache, and the files are the same
    as a build without it."""
    from generator.cache import ContentCache
    from generator.site import search

    monkeypatch.setattr(search, "SMALL_INDEX_CHARS", 1000)
    monkeypatch.setattr(search, "PART_CHARS", 3000)
    monkeypatch.setenv("REPORTS_WORKERS", "1")
    docs = [{"location": f"reports/r{i:02d}.html#s", "title": f"第{i}节", "text": f"第{i}份报告。" + "推进营商环境改善。" * 110}
            for i in range(40)]
    docs += [{"location": f"concepts/c{i}.html", "title": f"名词{i}", "text": f"名词{i}的解释。" * 40, "boost": 5}
             for i in range(6)]
    cache = ContentCache(tmp_path, "search-parts")

    def counted(entries: list[dict]) -> tuple[dict, int]:
        before = len(list(cache.folder.glob("*.pickle"))) if cache.folder.exists() else 0
        files = build_search_files(entries, {}, cache=cache).files
        return files, len(list(cache.folder.glob("*.pickle"))) - before

    files, parts = counted(docs)
    assert parts >= 12
    assert files == build_search_files(docs, {}).files
    edited = [dict(doc) for doc in docs]
    edited[-2]["text"] *= 3  # a longer explanation: every range after it starts elsewhere
    files, recounted = counted(edited)
    assert 1 <= recounted <= 3
    assert files == build_search_files(edited, {}).files
    _, none = counted(edited)
    assert none == 0


def test_an_upper_bound_is_shown_with_yue_and_stays_put(browser, tmp_path):
    """search-count.js on its own, with a stand-in worker: Material writes "50 个…", the worker said 300
    pages at most; the counter shows 约300 once, and writing it does not make it change again."""
    shutil.copy(ASSETS / "search-count.js", tmp_path)
    (tmp_path / "index.html").write_text("""<!DOCTYPE html><meta charset="utf-8">
<script>
window.Worker = function () { this.listeners = []; };
Worker.prototype.addEventListener = function (type, listener) { this.listeners.push(listener); };
Worker.prototype.answer = function (data) { this.listeners.forEach(function (l) { l({ data: data }); }); };
</script>
<script src="search-count.js"></script>
<div class="md-search-result__meta">键入以开始搜索</div>""", encoding="utf-8")
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(tmp_path.as_uri() + "/index.html")
    page.evaluate("""() => {
        const worker = new Worker("w.js");
        worker.answer({ type: 3, data: { items: new Array(50).fill([]), total: 300, exact: false } });
        document.querySelector(".md-search-result__meta").textContent = "50 个符合条件的结果";
    }""")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.startsWith('约')")
    page.wait_for_timeout(300)
    assert meta.inner_text() == "约300 个符合条件的结果"
    page.evaluate("""() => {
        const worker = new Worker("w.js");
        worker.answer({ type: 3, data: { items: [[]], total: 1, exact: true } });
        document.querySelector(".md-search-result__meta").textContent = "找到 1 个符合条件的结果";
    }""")
    page.wait_for_timeout(300)
    assert meta.inner_text() == "找到 1 个符合条件的结果"  # one page: Material's own words stand
    context.close()
