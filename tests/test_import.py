"""``python -m generator import FILE``: datasets of reports, one a row, into ``seeds/``.

A CSV, a JSONL and a Parquet file made here from the five provincial reports
give the pages their ``.txt`` files give; a re-import changes nothing; bad rows
get their errors, naming the file and the row, while the rest imports.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import convert_seed
from generator.render.report import render_report
from generator.sources.dataset import format_results, import_dataset, report_slug
from generator.sources.manifest import discover, load_manifest
from generator.sources.read import SourceError

from .conftest import DEV_SLUGS, SEEDS

COLUMNS = ["标题", "地区", "年份", "full_text", "url"]


def rows() -> list[dict[str, str]]:
    manifest = {entry.slug: entry.values for entry in load_manifest(SEEDS).values()}
    return [{"标题": manifest[slug]["title"], "地区": manifest[slug]["region"], "年份": manifest[slug]["date"][:4],
             "full_text": (SEEDS / f"{slug}.txt").read_text(encoding="utf-8"), "url": f"http://www.example.gov.cn/{slug}.html"}
            for slug in DEV_SLUGS]


def write_csv(path: Path, records: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(records)
    return path


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


def write_parquet(path: Path, records: list[dict[str, str]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as parquet

    parquet.write_table(pa.Table.from_pylist(records), str(path))
    return path


def pages(seeds: Path) -> dict[str, str]:
    """Each report's page, as the build writes it, but for where the text came from."""
    out = {}
    for seed in discover(seeds):
        report = convert_seed(seed)
        report.meta.original_file = report.meta.source_url = ""
        out[seed.slug] = render_report(report)
    return out


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    return {slug: page for slug, page in pages(SEEDS).items() if slug in DEV_SLUGS}


@pytest.mark.parametrize("writer", [write_csv, write_jsonl, write_parquet])
def test_a_dataset_gives_the_pages_the_text_files_give(tmp_path, writer, seed_pages):
    dataset = writer(tmp_path / f"provinces.{writer.__name__.removeprefix('write_')}", rows())
    seeds = tmp_path / "seeds"
    results = import_dataset(dataset, seeds)
    assert [(result.number, result.status, result.file) for result in results] == [
        (number, "new", f"{slug}.txt") for number, slug in zip(
            range(2, 7) if writer is write_csv else range(1, 6), DEV_SLUGS)]
    assert pages(seeds) == seed_pages
    entry = load_manifest(seeds)["beijing-2026-work-report.txt"]
    assert entry.values == {"slug": "beijing-2026-work-report", "source_file": "beijing-2026-work-report.txt",
                            "original_file": f"{dataset.name}, row {results[0].number}", "title": "北京市2026年政府工作报告",
                            "region": "北京市", "source_url": "http://www.example.gov.cn/beijing-2026-work-report.html",
                            "date": "2026"}
    report = convert_seed(discover(seeds)[0])
    assert (report.meta.date, report.meta.source_url) == ("2026-01-25", "http://www.example.gov.cn/beijing-2026-work-report.html")


def test_texts_run_together_or_escaped_twice_give_the_same_pages(tmp_path, seed_pages):
    """Datasets that lost their line ends: paragraphs run together after their indents, or line ends escaped
    twice (a JSON string written into a CSV)."""
    records = rows()
    for number, record in enumerate(records):
        paragraphs = [line.strip() for line in record["full_text"].split("\n") if line.strip()]
        record["full_text"] = ("　　".join(paragraphs) if number % 2 else "\\n".join(paragraphs))
    seeds = tmp_path / "seeds"
    results = import_dataset(write_csv(tmp_path / "provinces.csv", records), seeds)
    assert {result.status for result in results} == {"new"}
    assert (seeds / "beijing-2026-work-report.txt").read_text(encoding="utf-8").count("\n") > 100  # escaped: lines again
    assert (seeds / "guangdong-2026-work-report.txt").read_text(encoding="utf-8").count("\n") == 1  # as the dataset holds it
    assert pages(seeds) == seed_pages


def test_a_reimport_changes_nothing(tmp_path):
    dataset = write_csv(tmp_path / "provinces.csv", rows())
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "manifest.yml").write_text("# 编者的说明：保留。\nreports:\n", encoding="utf-8")
    import_dataset(dataset, seeds)
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in seeds.iterdir()}
    results = import_dataset(dataset, seeds)
    assert {result.status for result in results} == {"unchanged"}
    assert {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in seeds.iterdir()} == before
    assert before["manifest.yml"][0].decode("utf-8").startswith("# 编者的说明：保留。\nreports:\n\n  - slug: beijing-2026-work-report\n")


def test_bad_rows_get_their_errors_and_the_rest_imports(tmp_path):
    records = rows()[:2]
    good = write_csv(tmp_path / "good.csv", records).read_bytes()
    # Row 4: no text; row 5: the same text as row 2; row 6: saved in GBK inside a UTF-8 file; row 7: no year.
    gbk = "“十四五”时期,2021,广东省,各位代表：现在，我代表省人民政府向大会报告工作。,\r\n".encode("gbk")
    data = (good + "空行,,,,\r\n".encode("utf-8") + good.split(b"\r\n", 2)[1] + b"\r\n" + gbk
            + "2022年保定市政府工作报告,保定市,二〇二二,各位代表：现在，我代表市人民政府向大会报告工作。,\r\n".encode("utf-8"))
    dataset = tmp_path / "mixed.csv"
    dataset.write_bytes(data)
    results = import_dataset(dataset, tmp_path / "seeds")
    assert format_results(dataset, results).split("\n") == [
        f"{dataset}: row 2: new: beijing-2026-work-report.txt (北京市2026年政府工作报告)",
        f"{dataset}: row 3: new: guangdong-2026-work-report.txt (广东省2026年政府工作报告)",
        f"{dataset}: row 4: error: the row has no text (fill its 'full_text' column, or delete the row)",
        f"{dataset}: row 5: error: duplicate of row 2: the same text (delete one of them)",
        f"{dataset}: row 6: error: its bytes are not in the file's encoding (UTF-8): this row was saved in another one "
        "(export the dataset again as UTF-8, or fix this row's text)",
        f"{dataset}: row 7: error: year '二〇二二' is no year (write the year as four digits, e.g. 2022)",
        "6 rows: 2 new, 0 unchanged, 0 kept, 4 error",
    ]
    assert sorted(path.name for path in (tmp_path / "seeds").iterdir()) == [
        "beijing-2026-work-report.txt", "guangdong-2026-work-report.txt", "manifest.yml"]


def test_bad_lines_of_a_jsonl_file(tmp_path):
    good = json.dumps(rows()[0], ensure_ascii=False).encode("utf-8")
    dataset = tmp_path / "rows.jsonl"
    dataset.write_bytes(good + b"\n" + '{"full_text": "各位代表：'.encode("utf-8") + b"\n[1, 2]\n"
                        + '{"full_text": "各位代表：现在，我代表省人民政府向大会报告工作。"}'.encode("gbk") + b"\n")
    messages = [(result.number, result.status, result.message) for result in import_dataset(dataset, tmp_path / "seeds")]
    assert messages == [
        (1, "new", "beijing-2026-work-report.txt (北京市2026年政府工作报告)"),
        (2, "error", "this line is not JSON (Unterminated string starting at, column 15) (write one JSON object per line)"),
        (3, "error", "this line is not a JSON object (write one object per line: {\"title\": …})"),
        (4, "error", "its bytes are not in the file's encoding (UTF-8): this row was saved in another one "
                     "(export the dataset again as UTF-8, or fix this row's text)"),
    ]


def test_a_text_file_an_editor_changed_is_kept(tmp_path):
    dataset = write_csv(tmp_path / "provinces.csv", rows()[:1])
    seeds = tmp_path / "seeds"
    import_dataset(dataset, seeds)
    edited = seeds / "beijing-2026-work-report.txt"
    edited.write_text("编者改过的文本\n", encoding="utf-8")
    assert [(r.status, r.message) for r in import_dataset(dataset, seeds)] == [
        ("kept", "beijing-2026-work-report.txt holds another text; left as it is (import with --replace to overwrite it)")]
    assert edited.read_text(encoding="utf-8") == "编者改过的文本\n"
    assert [r.status for r in import_dataset(dataset, seeds, replace=True)] == ["new"]
    assert edited.read_text(encoding="utf-8") == rows()[0]["full_text"].rstrip("\n") + "\n"


def test_columns_by_name_or_by_option(tmp_path):
    dataset = tmp_path / "other.csv"
    dataset.write_text("name_cn,province_name,yr,report\n政府工作报告,青海省,2026,各位代表：现在，我代表省人民政府向大会报告工作。\n",
                       encoding="utf-8")
    with pytest.raises(SourceError) as error:
        import_dataset(dataset, tmp_path / "seeds")
    assert str(error.value) == (f"{dataset}: found no column with the reports' text (name it with --text COLUMN; "
                                "the columns are: name_cn, province_name, yr, report)")
    results = import_dataset(dataset, tmp_path / "seeds", {"text": "report", "region": "province_name", "year": "yr"})
    assert [(r.status, r.file) for r in results] == [("new", "qinghai-2026-work-report.txt")]
    with pytest.raises(SourceError, match="there is no column 'titel' \\(for the title\\)"):
        import_dataset(dataset, tmp_path / "seeds", {"title": "titel"})


def test_slugs_say_what_the_row_states():
    assert report_slug("陕西省", "2026", "陕西省2026年政府工作报告", "") == "shaanxi-2026-work-report"
    assert report_slug("山西省", "2026", "", "各位代表：现在，我代表省人民政府，向大会报告工作") == "shanxi-2026-work-report"
    assert report_slug("玉泉区", "2026", "呼和浩特市玉泉区国民经济和社会发展第十五个五年规划纲要", "") == "yuquan-2026-five-year-plan"
    assert report_slug("", "", "", "各位代表：") == hashlib.sha1("各位代表：".encode()).hexdigest()[:8] + "-report"


def test_the_command(tmp_path, capsys):
    dataset = write_jsonl(tmp_path / "provinces.jsonl", rows()[:2] + [{"full_text": ""}])
    assert main(["import", str(dataset), "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out.split("\n")
    assert out[2] == f"{dataset}: row 3: error: the row has no text (fill its 'full_text' column, or delete the row)"
    assert out[3] == "3 rows: 2 new, 0 unchanged, 0 kept, 1 error"
    assert main(["import", str(tmp_path / "missing.xlsx")]) == 1
    assert "cannot import a '.xlsx' file (a dataset is a .csv, .tsv, .jsonl (.ndjson) or .parquet file)" in capsys.readouterr().err
