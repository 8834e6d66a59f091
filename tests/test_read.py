"""Reading: encodings, line endings, odd spaces, undecodable files."""

from __future__ import annotations

import codecs

import pytest

from generator.sources.read import SourceError, decode, normalise_lines, read_source

SAMPLE = "政府工作报告\r\n\r\n\u3000\u3000各位代表：\r\n地区生产总值实现 358 亿元。"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be", "gb18030", "gbk"],
)
def test_encodings_are_detected(data):
    assert decode(data) == SAMPLE


def test_lines_are_normalised():
    assert normalise_lines(SAMPLE) == ["政府工作报告", "", "各位代表：", "地区生产总值实现 358 亿元。"]
    # NBSP / EN SPACE only lines become blank; zero-width and private-use characters vanish.
    assert normalise_lines("\u00a0    \n\u2002\u2002\n两\u200b闲\ue000一空\rX") == ["", "", "两闲一空", "X"]


def test_undecodable_file_names_the_file(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x81\x30\xff\xfe\x00\x01binary\x00\x02\x03")
    with pytest.raises(SourceError) as error:
        read_source(bad)
    assert "broken.txt" in str(error.value)
    assert "UTF-8, UTF-16 or GB18030" in str(error.value)


def test_control_characters_are_refused_with_the_line(tmp_path):
    bad = tmp_path / "control.txt"
    bad.write_bytes("第一行\n第二行\x01\n".encode("utf-8"))
    with pytest.raises(SourceError) as error:
        read_source(bad)
    assert str(error.value).startswith(f"{bad}:2: ")


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="cannot read file"):
        read_source(tmp_path / "missing.txt")
