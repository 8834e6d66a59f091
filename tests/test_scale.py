"""What changes with the archive's size: the sidebar and the related-reports panel stay bounded."""

from __future__ import annotations

from types import SimpleNamespace

from generator.render.report import RELATED_SHOWN, _concept_panel
from generator.site.pages import NAV_FLAT_LIMIT, report_nav


def _report(slug: str, date: str = "", year: int | None = None):
    return SimpleNamespace(meta=SimpleNamespace(slug=slug, title=f"{slug}报告", date=date, year=year))


def test_a_small_archive_lists_every_report():
    reports = [_report(f"r{n}", "2024-01-0" + str(n % 9 + 1)) for n in range(NAV_FLAT_LIMIT)]
    assert report_nav(reports) == [{f"r{n}报告": f"reports/r{n}.md"} for n in range(NAV_FLAT_LIMIT)]


def test_a_large_archive_lists_reports_by_year_newest_first():
    reports = ([_report(f"a{n}", "2024-02-01") for n in range(10)] + [_report(f"b{n}", "2023") for n in range(10)]
               + [_report("c", year=2022), _report("d")])
    nav = report_nav(reports)
    assert [next(iter(group)) for group in nav] == ["2024年", "2023年", "2022年", "年份不详"]
    assert nav[0]["2024年"][0] == {"a0报告": "reports/a0.md"} and len(nav[1]["2023年"]) == 10
    assert nav[2] == {"2022年": [{"c报告": "reports/c.md"}]}


def test_the_related_reports_panel_shows_the_closest_ten():
    term = SimpleNamespace(slug="t", term="六个百分百", occurrences={f"r{n}": 1 for n in range(30)})
    glossary = SimpleNamespace(terms=[term])
    related = [(_report(f"r{n}"), [term]) for n in range(1, 30)]
    panel = "\n".join(_concept_panel(_report("r0"), glossary, related))
    assert panel.count("<li>") == RELATED_SHOWN == 10
    assert f"相关报告（前{RELATED_SHOWN}份，共29份）" in panel
    few = "\n".join(_concept_panel(_report("r0"), glossary, related[:3]))
    assert few.count("<li>") == 3 and "相关报告（3）" in few
