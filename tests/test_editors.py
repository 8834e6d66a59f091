"""Editors' workflow: passage notes, edit links, review summary, safe output, nothing lost on failure."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.check import check_project
from generator.site.publish import build_site
from generator.render.safe import safe_markdown, safe_url

from .conftest import BUILD_ENV, ROOT, article, project_copy


# ------------------------------------------------------------------ passage notes


def test_a_note_on_a_quote_renders_and_links(built_site):
    page = article(built_site, "yuquan-15th-five-year-plan")
    refs = page.select("sup.note-ref a")
    assert [a.get_text() for a in refs] == ["注1", "注2", "注3"]
    first = refs[0]
    assert first["href"] == "#note-1" and first.find_parent("sup")["id"] == "note-ref-1"
    paragraph = first.find_parent("p").get_text()
    assert "做好励立体育文化产业园注1、玉骏坊运营" in paragraph  # right after the quoted passage
    note = page.find(id="note-1").find_parent("li")
    assert note.get_text().startswith("同一园区在本纲要中有三种写法")
    assert note.find("a", href="#note-ref-1")


@pytest.fixture
def notes_project(tmp_path, monkeypatch):
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)
    return project


def _problems(project: Path, text: str) -> list[str]:
    (project / "annotations/notes/yuquan-2023-work-report.yml").write_text(text, encoding="utf-8")
    return [str(p) for p in check_project(Path(".")).problems]


def test_an_unfound_quote_is_an_error_showing_the_closest_passages(notes_project):
    problems = _problems(notes_project, "# notes\n- quote: 全面推行一网通报\n  note: 测试。\n")
    assert problems == [
        "annotations/notes/yuquan-2023-work-report.yml:2: error: quote not found in yuquan-2023-work-report: "
        "“全面推行一网通报” (closest passages: “营商环境不断优化。”；“加快智慧玉泉指挥中心与市级指挥中心的互联互通，提升城市治理现代化、智能…”；"
        "“全面推行“一网通办”，309项事项实现全程网办，承诺时限办结率达到100%。”)"
    ] or (len(problems) == 1 and problems[0].startswith(
        "annotations/notes/yuquan-2023-work-report.yml:2: error: quote not found in yuquan-2023-work-report: “全面推行一网通报” (closest passages: "
    ) and "全面推行“一网通办”" in problems[0])


def test_an_ambiguous_quote_is_an_error_and_occurrence_resolves_it(notes_project):
    problems = _problems(notes_project, "- quote: 六个百分百\n  note: 测试。\n")
    assert problems == [
        "annotations/notes/yuquan-2023-work-report.yml:1: error: quote occurs 2 times in yuquan-2023-work-report: "
        "“六个百分百” (add 'occurrence: N' (1 to 2) or quote more of the passage)"
    ]
    assert _problems(notes_project, "- quote: 六个百分百\n  note: 测试。\n  occurrence: 2\n") == []
    assert _problems(notes_project, "- quote: 六个百分百\n  note: 测试。\n  occurrence: 3\n") == [
        "annotations/notes/yuquan-2023-work-report.yml:1: error: occurrence 3, but the quote occurs 2 times "
        "(use a number from 1 to 2)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- quote: 两违\n  nota: x\n", "annotations/notes/yuquan-2023-work-report.yml:2: error: unknown field 'nota' (allowed: note, occurrence, quote)"),
        ("- note: x\n", "annotations/notes/yuquan-2023-work-report.yml:1: error: missing 'quote' (copy the exact passage from the report)"),
        ("- quote: 两违\n  note: <script>alert(1)</script>\n", "annotations/notes/yuquan-2023-work-report.yml:2: error: raw HTML or script in the note (use Markdown, not HTML; links must be http(s))"),
        ("- quote: 两违\n  note: '[x](javascript:alert(1))'\n", "annotations/notes/yuquan-2023-work-report.yml:2: error: raw HTML or script in the note (use Markdown, not HTML; links must be http(s))"),
        ("quote: 两违\n", "annotations/notes/yuquan-2023-work-report.yml:1: error: a notes file is a list of notes (start each note with '- quote: …')"),
    ],
)
def test_note_file_errors(notes_project, text, expected):
    assert _problems(notes_project, text) == [expected]


def test_a_notes_file_for_an_unknown_report(notes_project):
    (notes_project / "annotations/notes/no-such-report.yml").write_text("- quote: x\n  note: y\n", encoding="utf-8")
    problems = [str(p) for p in check_project(Path(".")).problems]
    assert problems[0].startswith("annotations/notes/no-such-report.yml:1: error: no report with the slug 'no-such-report'")


# ------------------------------------------------------------------ edit links


def test_edit_links_point_at_source_files(tmp_path):
    project = project_copy(tmp_path)
    # A term only its report explains has no file yet: its page offers to create one.
    (project / "annotations" / "terms" / "ge-shi-bai-qian.md").unlink()
    env = {**BUILD_ENV, "EDIT_BASE": "https://github.com/example/annotated-reports"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    base = "https://github.com/example/annotated-reports"

    def links(path: str) -> list[str]:
        page = BeautifulSoup((project / "site" / path).read_text(encoding="utf-8"), "html.parser")
        return [a["href"] for a in page.select("p.edit-links a")]

    assert links("reports/yuquan-15th-five-year-plan.html")[:2] == [
        f"{base}/edit/main/annotations/notes/yuquan-15th-five-year-plan.yml",
        f"{base}/edit/main/seeds/yuquan-15th-five-year-plan.overrides.yml",
    ]
    assert links("reports/huimin-2022-work-report.html")[0] == f"{base}/new/main/annotations/notes?filename=huimin-2022-work-report.yml"
    assert links("concepts/fang-guan-fu.html")[0] == f"{base}/edit/main/annotations/terms/fang-guan-fu.md"
    assert links("concepts/liang-wei.html")[0] == f"{base}/edit/main/annotations/terms/liang-wei.md"
    assert links("concepts/ge-shi-bai-qian.html")[0] == f"{base}/new/main/annotations/terms?filename=ge-shi-bai-qian.md"
    for path in ("reports/yuquan-15th-five-year-plan.html", "concepts/fang-guan-fu.html"):
        assert not any("docs/" in href or href.endswith(".html") and base in href for href in links(path))


def test_without_a_repository_the_pages_name_the_files(built_site):
    page = BeautifulSoup((built_site / "concepts/ge-shi-bai-qian.html").read_text(encoding="utf-8"), "html.parser")
    text = page.select_one("p.edit-links").get_text()
    assert "annotations/terms/ge-shi-bai-qian.md" in text and "编辑指南" in text


def test_editing_guide_and_contributing():
    guide = (ROOT / "docs/editing.md").read_text(encoding="utf-8")
    for topic in ("添加或修改名词", "添加报告", "给段落加编者注", "修正标题、分段或转换错误", "make check", "拉取请求"):
        assert topic in guide
    assert "docs/editing.md" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ review aid


def test_check_diff_summarises_a_change(tmp_path):
    project = project_copy(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(project)]
    subprocess.run(git[:5] + ["init", "-q", str(project)], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "base"], check=True)
    term = project / "annotations/terms/fang-guan-fu.md"
    term.write_text(term.read_text(encoding="utf-8").replace("简政放权、放管结合、优化服务改革的简称。", "简政放权、放管结合、优化服务三项改革的简称。"),
                    encoding="utf-8")
    (project / "annotations/terms/chuang-cheng.md").write_text(
        "---\nterm: 创城\nsummary: 创建全国文明城市的简称。\ncategory: 城乡建设与管理\n---\n", encoding="utf-8")
    (project / "annotations/notes/hohhot-2022-work-report.yml").write_text("- quote: 全力推进创城\n  note: 测试。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--diff", "HEAD"], cwd=project,
                            capture_output=True, text=True, env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "与 HEAD 相比：",
        "名词：新增 1，删除 0，修改 1",
        "  新增：创城",
        "  修改：放管服（释义）",
        "标注（各报告中名词出现处的增减）：",
        "  hohhot-2022-work-report：+2（创城 +2）",
        "  sichuan-2026-work-report：+2（创城 +2）",  # 科创城: the summary shows such look-alikes to a reviewer
        "编者注：新增 1，删除 0",
        "  新增 hohhot-2022-work-report：“全力推进创城”",
    ]


# ------------------------------------------------------------------ safe by construction

PAYLOADS = [
    "<script>alert('seed')</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(2)><script>alert(3)</script></svg>",
    '<a href="javascript:alert(4)">点我</a>',
    "<iframe src=\"data:text/html,<script>alert(5)</script>\"></iframe>",
    "<b onmouseover=alert(6)>坏</b",
    "[链接](javascript:alert(7)) ![图](https://evil.example/x.png) [数据](data:text/html,x)",
    "&lt;script&gt;alert(8)&lt;/script&gt;",
]


def assert_inert(html: str) -> None:
    """No script, no active element, no event handler, no dangerous or external URL in the markup."""
    tree = BeautifulSoup(html, "html.parser")
    assert not tree.find(["script", "img", "svg", "iframe", "object", "embed"])
    for element in tree.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), (element.name, name)
            if name in ("href", "src"):
                assert safe_url(value) and "evil.example" not in value, value


def test_safe_markdown_neutralises_editor_payloads():
    for payload in PAYLOADS:
        assert_inert(markdown.markdown(safe_markdown(payload), extensions=["attr_list", "md_in_html"]))
    assert safe_url("https://example.org/a") and safe_url("../reports/x.html") and safe_url("#note-1")
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:x", "&#106;avascript:x", "data:text/html,x",
                "vbscript:x", "//evil.example/x"):
        assert not safe_url(bad), bad


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The site built with injection payloads in a seed report (and a concept page rendered
    from a hostile term file, bypassing check, to show the renderer is safe on its own)."""
    project = project_copy(tmp_path_factory.mktemp("hostile"))
    lines = ["政府工作报告", "", "各位代表：", ""] + [f"第{i}段：{p}推进两闲一空工作。" for i, p in enumerate(PAYLOADS, 1)]
    (project / "seeds" / "hostile.txt").write_text("\n\n".join(lines), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_hostile_term_and_note_files_stop_the_build(tmp_path):
    project = project_copy(tmp_path)
    (project / "annotations/terms/e-yi.md").write_text(
        "---\nterm: 恶意\nsummary: <img src=x onerror=alert(1)>\ncategory: 城乡建设与管理\n---\n", encoding="utf-8")
    (project / "annotations/notes/hohhot-2022-work-report.yml").write_text(
        "- quote: 全力推进创城\n  note: '<script>alert(1)</script>'\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env=BUILD_ENV)
    assert result.returncode != 0
    assert "annotations/terms/e-yi.md:3: error: raw HTML or script in 'summary'" in result.stdout + result.stderr
    assert "annotations/notes/hohhot-2022-work-report.yml:2: error: raw HTML or script in the note" in result.stdout + result.stderr


def test_no_payload_appears_unescaped(hostile_site):
    html = (hostile_site / "reports" / "hostile.html").read_text(encoding="utf-8")
    body = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert "alert(" in body  # the report's text is there, as text
    assert_inert('<article class="' + body)


def test_the_hostile_pages_are_inert_in_chromium(browser, hostile_site):
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    report = hostile_site / "reports" / "hostile.html"
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    for element in page.locator("article a, article b, article p").all()[:60]:
        element.hover(timeout=2000, trial=False) if element.is_visible() else None
    page.mouse.move(200, 200)
    page.wait_for_timeout(500)
    concept = _hostile_concept_page(hostile_site)
    page.goto(concept.as_uri())
    page.wait_for_timeout(500)
    context.close()
    assert dialogs == [] and errors == []


def _hostile_concept_page(site: Path) -> Path:
    """A concept page rendered from a hostile term file, as if check had been skipped."""
    from generator.render.concepts import render_concept_page
    from generator.glossary.terms import Glossary, Term

    term = Term(slug="e-yi", term="恶意", summary='"><script>alert(9)</script>', explanation="\n".join(PAYLOADS),
                definitions=[], editor_written=True)
    source = render_concept_page(term, Glossary([term]), {}, {})
    body = markdown.markdown(source.split("---\n", 2)[2], extensions=["attr_list", "md_in_html", "def_list", "tables"])
    assert_inert(body)
    target = site / "concepts" / "hostile-render.html"
    target.write_text(f"<!doctype html><meta charset=utf-8><body>{body}</body>", encoding="utf-8")
    return target


# ------------------------------------------------------------------ nothing lost on failure


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_a_failed_build_keeps_the_last_good_site(tmp_path):
    project = project_copy(tmp_path)
    assert build_site(project) == 0
    good = _digest(project / "site")
    # A failure late in the build (a strict-mode warning while writing pages) ...
    (project / "docs" / "broken.md").write_text("# 坏链接\n\n[不存在](no-such-page.md)\n", encoding="utf-8")
    assert build_site(project) != 0
    assert _digest(project / "site") == good
    # ... and a failure early (an invalid term file).
    (project / "docs" / "broken.md").unlink()
    (project / "annotations/terms/bad.md").write_text("no front matter", encoding="utf-8")
    assert build_site(project) != 0
    assert _digest(project / "site") == good
    assert not (project / "site.building").exists()


def test_the_generator_never_writes_into_seeds_or_annotations(tmp_path):
    project = project_copy(tmp_path)
    before = (_digest(project / "seeds"), _digest(project / "annotations"))
    assert build_site(project) == 0
    subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True,
                   env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})
    assert (_digest(project / "seeds"), _digest(project / "annotations")) == before
