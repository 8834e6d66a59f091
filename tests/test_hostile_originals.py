"""Hostile originals: a file that inflates or nests without end stops its reader within bounded time and
memory, with an error naming the file and the limit it crossed (generator/sources/limits.py)."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from generator.sources import limits
from generator.sources.read import SourceError, read_source

from .conftest import BUILD_ENV, SEEDS, project_copy

MIB = 1024 * 1024
DOCX_HINT = "a Word file this large is no government report; if the file is genuine, save it again from Word or WPS"
HTML_HINT = "a web page this deep is no government report; save the report's text as .txt, or the page again from its site"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')


def _docx(path: Path, parts: dict[str, int]) -> Path:
    """A .docx-shaped zip whose named parts inflate to the given sizes (spaces compress a thousandfold)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, size in parts.items():
            with package.open(name, "w", force_zip64=True) as part:
                block = b" " * MIB
                for _ in range(size // MIB):
                    part.write(block)
    return path


def _nested_html(path: Path, depth: int) -> Path:
    path.write_text("<html><head><title>报告</title></head><body>" + "<div>" * depth + "<p>地区生产总值增长5%。</p>"
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    return path


def _wide_html(path: Path, count: int) -> Path:
    path.write_text("<html><body>" + "<span>字</span>" * count + "</body></html>", encoding="utf-8")
    return path


PDF_HINT = "a government report is never like this; if the file is genuine, print it to PDF again from its source"


def _pdf(path: Path, contents: list[bytes | tuple[bytes, int]]) -> Path:
    """A minimal PDF, a page per content: bytes as they are, or (a line of operators, times) inflated."""
    import zlib

    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in contents:
        if isinstance(content, tuple):
            line, times = content
            packer = zlib.compressobj(6)
            data = b"".join(packer.compress(line * 100_000) for _ in range(times // 100_000)) + packer.flush()
            stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        else:
            stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objects.append(stream)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


TEXT = b"BT /F1 12 Tf 72 720 Td (a) Tj ET\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {
        "bomb.docx": _docx(folder / "bomb.docx", {"word/document.xml": 80 * MIB}),
        "header-bomb.docx": _docx(folder / "header-bomb.docx", {"word/document.xml": MIB, "word/header1.xml": 80 * MIB}),
        "footnote-bombs.docx": _docx(folder / "footnote-bombs.docx",
                                     {f"word/footnotes{n}.xml": 60 * MIB for n in range(5)}),
        "nested.html": _nested_html(folder / "nested.html", 100_000),
        "wide.html": _wide_html(folder / "wide.html", 400_000),
        "content-bomb.pdf": _pdf(folder / "content-bomb.pdf", [(TEXT, 12_000_000)]),  # about 420 MB of text operators
        "late-bomb.pdf": _pdf(folder / "late-bomb.pdf", [TEXT * 20] * 5 + [(TEXT, 1_000_000)]),
        "empty-pages.pdf": _pdf(folder / "empty-pages.pdf", [b""] * 3_000),
    }


MESSAGES = {
    "bomb.docx": (f"its part word/document.xml inflates to 80 MiB, more than the {limits.PART_BYTES // MIB} MiB a "
                  "report's part may hold", DOCX_HINT),
    "header-bomb.docx": (f"its part word/header1.xml inflates to 80 MiB, more than the {limits.PART_BYTES // MIB} MiB a "
                         "report's part may hold", DOCX_HINT),
    "footnote-bombs.docx": (f"its parts inflate to 300 MiB together, more than the {limits.PACKAGE_BYTES // MIB} MiB a "
                            "report may hold", DOCX_HINT),
    "nested.html": (f"its elements nest more than {limits.HTML_DEPTH} deep (a portal page nests about 30 deep)", HTML_HINT),
    "wide.html": (f"the page holds more than {limits.HTML_ELEMENTS:,} elements (a portal page holds a few thousand)",
                  HTML_HINT),
    "content-bomb.pdf": (f"page 1 draws more than {limits.PAGE_CONTENT_BYTES // MIB} MiB of content (a report's page draws at "
                 "most a few hundred KB)", PDF_HINT),
    "late-bomb.pdf": (f"page 6 draws more than {limits.PAGE_CONTENT_BYTES // MIB} MiB of content (a report's page draws "
                      "at most a few hundred KB)", PDF_HINT),
    "empty-pages.pdf": (f"it has 3,000 pages, more than the {limits.PDF_PAGES:,} a report may have (the longest we know "
                        "has 103)", PDF_HINT),
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_each_hostile_original_gets_its_exact_message(hostile, name):
    start = time.monotonic()
    with pytest.raises(SourceError) as error:
        read_source(hostile[name])
    message, hint = MESSAGES[name]
    assert str(error.value) == f"{hostile[name]}: {message} ({hint})"
    assert time.monotonic() - start < 10


def test_a_reader_that_runs_too_long_or_too_large_is_stopped_naming_the_file(tmp_path):
    from generator.sources.guard import read_guarded

    path = tmp_path / "slow.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(SourceError) as error:
        read_guarded(path, lambda _: time.sleep(30), seconds=1)
    assert str(error.value).startswith(f"{path}: reading it took more than 1 s, the limit for a file of 0.0 MB")
    with pytest.raises(SourceError) as error:
        read_guarded(path, lambda _: bytearray(600 * MIB), memory=400 * MIB)
    assert str(error.value).startswith(f"{path}: reading it needed more than 400 MiB of memory")


def test_a_word_or_web_page_reader_that_runs_too_long_is_stopped_by_its_timer(tmp_path):
    from generator.sources.guard import read_timed

    path = tmp_path / "slow.html"
    path.write_text("<html></html>", encoding="utf-8")

    def endless(_):
        while True:
            pass

    start = time.monotonic()
    with pytest.raises(SourceError) as error:
        read_timed(path, endless, seconds=1)
    assert str(error.value).startswith(f"{path}: reading it took more than 1 s")
    assert time.monotonic() - start < 5


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024 * MIB, 1024 * MIB))


def test_the_build_stops_within_a_minute_and_a_gibibyte_and_keeps_the_previous_site(hostile, tmp_path):
    project = project_copy(tmp_path)
    for folder in ("terms", "notes"):  # they name the seed reports, which this project does not keep
        shutil.rmtree(project / "annotations" / folder, ignore_errors=True)
    (project / "annotations" / "dismissed.yml").unlink(missing_ok=True)
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    shutil.copy(SEEDS / "shiguai-2024-work-report.txt", project / "seeds")
    for name, path in hostile.items():
        shutil.copy(path, project / "seeds" / name)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    env = {**BUILD_ENV, "PYTHONPATH": str(project)}
    for command in ("check", "site"):
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "generator", command], cwd=project, capture_output=True, text=True,
                                env=env, preexec_fn=_limited, timeout=120)
        assert time.monotonic() - start < 60, command
        assert result.returncode != 0, result.stdout
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        for name, (message, _) in MESSAGES.items():  # every file at once
            assert f"seeds/{name}: error: {message}" in result.stderr, (command, result.stderr[-3000:])
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
