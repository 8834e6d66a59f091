"""The benchmark harness: distinct synthetic reports, and a table with every figure beside the baseline."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

from generator.convert import convert_seeds

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_synthetic_corpus_has_distinct_reports(tmp_path):
    raw = bench.make_corpus(12, tmp_path)
    files = sorted((tmp_path / "seeds").glob("*.txt"))
    assert len(files) == 12 and raw == sum(f.stat().st_size for f in files)
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len(set(texts)) == 12
    reports = convert_seeds(tmp_path / "seeds")
    assert len({r.meta.slug for r in reports}) == 12
    copies = [r for r in reports if "copy" in r.meta.slug]
    assert len({(r.meta.region, r.meta.date) for r in copies}) == len(copies)
    assert all(r.meta.region not in ("玉泉区", "回民区", "石拐区", "呼和浩特市") for r in copies)


def test_shuffling_moves_paragraphs_and_keeps_their_text():
    import random

    source = (ROOT / "seeds" / "shiguai-2024-work-report.txt").read_text(encoding="utf-8")
    shuffled = bench.synthetic_text(source, 3, random.Random(1))
    region = bench.region_for(source[:300], 3)
    names = "|".join(bench.SEED_REGIONS + [region])

    def han(text: str) -> list[str]:
        return sorted(re.findall(r"[\u4e00-\u9fff]", re.sub(names, "", text)))

    assert han(shuffled) == han(source)
    assert [c for c in shuffled.split("\n\n")] != [c for c in source.split("\n\n")]
    assert region.endswith(("区", "县", "旗", "市")) and region in shuffled and "石拐区" not in shuffled


def test_table_shows_every_figure_beside_the_baseline():
    figures = {"raw_text_bytes": 100, "build_seconds": 2.0, "peak_memory_kib": 2048, "site_bytes": 10**6,
               "search_index_bytes": 120, "largest_page_bytes": 5000, "pages": 3}
    ours = {**figures, "conversion_annotation_seconds": 0.1, "warm_rebuild_seconds": 0.5,
            "rebuild_after_annotation_edit_seconds": 0.6, "first_search_result_seconds": 0.4}
    text = bench.table({"date": "2026-11-22", "machine": "x86_64, 2 cores",
                        "runs": {"5": {"ours": ours, "baseline": figures}}})
    assert "2026-11-22" in text and "x86_64, 2 cores" in text
    assert "| 完整构建（秒） | 2.0 | 2.0 |" in text
    assert "| 搜索索引 / 报告原文 | 1.20 | 1.20 |" in text
    assert "| 离线搜索首个结果（秒） | 0.40 | — |" in text


def test_the_built_site_has_no_broken_link_or_anchor(built_site):
    assert bench.broken_links(built_site) == []


def test_broken_links_are_found(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html#nowhere">x</a> <a href="#here">y</a> '
                                     '<a href="c.html">z</a> <a href="https://example.org/">w</a></p>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<h1 id="top">b</h1><a href="a.html#here">back</a>', encoding="utf-8")
    assert sorted(bench.broken_links(tmp_path)) == ["a.html -> b.html#nowhere", "a.html -> c.html"]


def test_targets_are_judged_from_the_figures():
    run = {"raw_text_bytes": 1000, "build_seconds": 10.0, "search_index_bytes": 1100, "peak_memory_kib": 1,
           "site_bytes": 1, "largest_page_bytes": 1, "pages": 1}
    ours = {**run, "build_seconds": 6.0, "cached_build_seconds": 2.0, "conversion_annotation_seconds": 1.5,
            "first_search_result_seconds": 0.5, "broken_links": 0}
    results = {"date": "2026-11-23", "machine": "m", "runs": {
        "50": {"ours": {**ours, "rebuild_after_annotation_edit_seconds": 3.5}, "baseline": run},
        "200": {"ours": ours, "baseline": run}, "500": {"ours": ours, "baseline": run}}}
    judged = {name: (measured, met) for name, _, measured, met in bench.targets(results)}
    assert judged["N=200 完整构建，冷缓存"] == ("0.60 × 基准", True)
    assert judged["N=200 不改动时重新构建（缓存命中）"] == ("0.20 × 基准", True)
    assert judged["N=200 转换和注释占本站构建"] == ("25%", False)
    assert judged["N=200 搜索文本（读者按需加载）"] == ("1.10 × 报告原文", True)
    assert judged["N=50 修改一条注释后重新构建"] == ("3.5 秒", False)
    assert judged["N=500 构建无断链（--strict，并检查每个页内链接和锚点）"] == ("0 个", True)
    assert "| N=200 离线搜索首个结果 | ≤ 2 秒 | 0.50 秒 | 达到 |" in bench.table(results)


def test_hosted_targets_at_a_thousand_reports():
    run = {"raw_text_bytes": 1000, "build_seconds": 100.0, "search_index_bytes": 1100, "peak_memory_kib": 1000,
           "site_bytes": 400, "largest_page_bytes": 1, "pages": 1}
    hosted = {"open_report_bytes": 420_000, "heaviest_page_bytes": 1_200_000, "queries": {
        "六个百分百": {"bytes": 700_000, "first_result_seconds": 0.9},
        "营商环境": {"bytes": 1_600_000, "first_result_seconds": 1.2}}}
    ours = {**run, "build_seconds": 150.0, "first_search_result_seconds": 0.7, "hosted": hosted}
    base = {**run, "first_search_result_seconds": None, "hosted": {"open_report_bytes": 40_000_000, "queries": {
        "六个百分百": None, "营商环境": None}}}
    judged = {name: (limit, measured, met) for name, limit, measured, met
              in bench.targets({"runs": {"1000": {"ours": ours, "baseline": base}}})}
    assert judged["N=1000 打开一份报告（http，不加载搜索索引）"] == ("≤ 600.0 KB", "420.0 KB（基准 40,000.0 KB）", True)
    assert judged["N=1000 首次搜索另传输（六个百分百）"][2] is True
    assert judged["N=1000 首次搜索另传输（营商环境）"] == ("≤ 1,500.0 KB", "1,600.0 KB（基准未得出结果）", False)
    assert judged["N=1000 搜索首个结果（http）"][1:] == ("1.2 秒（基准未得出结果）", True)
    assert judged["N=1000 最重页面连同其加载"][2] is False
    assert judged["N=1000 完整构建时间"] == ("与基准对比", "1.50 × 基准", None)
    assert "N=1000 网站大小" in judged


def test_archive_targets_at_three_thousand_reports_and_figures_at_ten_thousand():
    queries = {query: {"bytes": 900_000, "first_result_seconds": 0.8} for query in bench.HOSTED_QUERIES.values()}
    queries["新质生产力 -科技"] = {"bytes": 1_600_000, "first_result_seconds": 1.1}
    ours = {"build_seconds": 180.0, "peak_memory_kib": 1.5 * 2**20, "site_bytes": 900e6, "site_files": 19_000,
            "term_edit_rebuild_seconds": 75.0, "report_added_rebuild_seconds": 50.0, "home_page_bytes": 20_000,
            "hosted": {"open_report_bytes": 450_000, "queries": queries}}
    base = {"build_seconds": 400.0}
    judged = {name: (limit, measured, met) for name, limit, measured, met
              in bench.targets({"runs": {"3000": {"ours": ours, "baseline": base},
                                         "10000": {"ours": {**ours, "peak_memory_kib": 3 * 2**20}, "baseline": {}}}})}
    assert judged["N=3,000 完整构建，冷缓存"] == ("≤ 0.5 × 基准", "0.45 × 基准（180 秒）", True)
    assert judged["N=3,000 内存峰值"] == ("≤ 2 GiB", "1.50 GiB", True)
    assert judged["N=3,000 改一个名词文件后重新构建"] == ("≤ 60 秒", "75 秒", False)
    assert judged["N=3,000 加一份报告后重新构建"][2] is True
    assert judged["N=3,000 网站文件"] == ("≤ 20,000 个", "19,000 个", True)
    assert judged["N=3,000 首次搜索（新质生产力 -科技）"] == ("≤ 1.5 MB，≤ 1.5 秒", "1.60 MB，1.10 秒", False)
    assert judged["N=3,000 首次搜索（县）"][2] is True
    # N=10,000 is reported, not judged.
    assert judged["N=10,000 内存峰值"] == ("报告", "3.00 GiB", None)
    assert judged["N=10,000 完整构建，冷缓存"] == ("报告", "180 秒", None)


def test_best_of_keeps_every_sample_and_counts_the_fastest(tmp_path):
    calls = []
    seconds, memory, samples = bench.best_of(3, [sys.executable, "-c", "pass"], tmp_path,
                                             before=lambda: calls.append(1))
    assert len(samples) == 3 and seconds == min(samples) and memory > 0 and calls == [1, 1, 1]
