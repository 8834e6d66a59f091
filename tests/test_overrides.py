"""Editorial fixes without code: headings, joins, splits, errata, and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.inline import strip_markers
from generator.model import Paragraph
from generator.sources.overrides import load_overrides
from generator.sources.read import SourceError

from .helpers import convert, markdown

TEXT = (
    "各位代表：\n\n"
    "总体要求\n\n"
    "一年来，我们全力以赴抓项目\n\n"
    "地区生产总值实现 358 亿元。\n\n"
    "一年来，我们坚定不移促改革\n\n"
    "营商环境不断优化。主要表现在：一是经济总量偏小。二是招商引资质效偏低。\n\n"
    "一年来，我们攻坚克难塑形象\n\n"
    "城市品位不断提高。\n\n"
    "深入开展建筑垃圾治理、餐厨垃圾\n\n"
    "加快现代供应链体系建设。\n\n"
    "保护民营企业 and 企业家合法权益，实施“名师十”培养工程。"
)


def overrides(tmp_path: Path, text: str):
    path = tmp_path / "report.overrides.yml"
    path.write_text(text, encoding="utf-8")
    return load_overrides(path)


def test_force_and_refuse_headings(tmp_path):
    fixes = overrides(tmp_path, "headings:\n  force:\n    - match: 总体要求\n      level: 2\n  refuse:\n    - match: 一年来，我们坚定不移促改革\n")
    report = convert(TEXT, fixes)
    assert [(h.level, h.text) for h in report.headings()] == [
        (2, "总体要求"), (2, "一年来，我们全力以赴抓项目"), (2, "一年来，我们攻坚克难塑形象"),
    ]


def test_split_join_and_keep_apart(tmp_path):
    fixes = overrides(
        tmp_path,
        "split:\n  - match: 二是招商引资\njoin:\n  - match: 营商环境不断优化\nkeep_apart:\n  - match: 加快现代供应链体系建设\n",
    )
    paragraphs = [strip_markers(b.text) for b in convert(TEXT, fixes).blocks if isinstance(b, Paragraph)]
    assert "一年来，我们坚定不移促改革营商环境不断优化。主要表现在：一是经济总量偏小。" in paragraphs
    assert "二是招商引资质效偏低。" in paragraphs
    assert "深入开展建筑垃圾治理、餐厨垃圾" in paragraphs and "加快现代供应链体系建设。" in paragraphs


def test_errata_are_shown_not_applied_silently(tmp_path):
    fixes = overrides(
        tmp_path,
        'errata:\n  - text: " and "\n    correction: 和\n    context: 民营企业 and 企业家\n    note: 转换错误\n'
        "  - text: 十\n    correction: +\n    context: “名师十”\n",
    )
    page = markdown(TEXT, fixes)
    assert ('民营企业<span class="erratum" id="erratum-1" title="转换错误"><del class="erratum-original"> and </del>'
            '<ins class="erratum-correction">和</ins>') in page
    assert '“名师<span class="erratum" id="erratum-2" title="编者更正"><del class="erratum-original">十</del>' in page
    assert '!!! note "编者更正"' in page and "[第21行](#erratum-1)：原文“and”更正为“和”：转换错误" in page


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("headings:\n  force:\n    - match: 不存在的文字\n", 3, "'不存在的文字' not found in the report"),
        ("headings:\n  refuse:\n    - match: 一年来\n", 3, "'一年来' found in 3 blocks"),
        ("heading:\n  - match: x\n", 1, "unknown field 'heading'"),
        ("headings:\n  force:\n    - match: 总体要求\n      level: 7\n", 4, "'level' must be 2, 3 or 4"),
        ("join:\n  match: x\n", 1, "'join' must be a list"),
        ("errata:\n  - text: 十\n    correction: +\n", 2, "erratum context occurs 2 times"),
        ("errata:\n  - text: X\n    correction: Y\n", 2, "erratum context not found"),
        ("errata:\n  - text: and\n    correction: 和\n    context: 民营企业\n", 4, "'context' must contain 'text'"),
        ("errata:\n  - text: and\n", 2, "'correction' must be non-empty text"),
        ("split: [\n", 2, "YAML error"),
        ("errata: !!python/object/apply:os.system ['echo hacked']\n", 1, "YAML error"),
    ],
)
def test_errors_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "report.overrides.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        convert(TEXT.replace("“名师十”", "“名师十”“校长十”"), load_overrides(path))
    assert str(error.value).startswith(f"{path}:{line}: "), str(error.value)
    assert message in str(error.value)
