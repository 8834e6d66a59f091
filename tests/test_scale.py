"""What changes with the archive's size: the sidebar and the related-reports panel stay bounded."""

from __future__ import annotations

from types import SimpleNamespace

from generator.render.report import RELATED_SHOWN, _concept_panel
from generator.site.pages import Generated, site_nav


def _report(slug: str, date: str = "", year: int | None = None):
    return SimpleNamespace(meta=SimpleNamespace(slug=slug, title=f"{slug}报告", date=date, year=year))


def test_the_sidebar_lists_entry_points_never_the_archive():
    extra = [{"编辑指南": "editing.md"}]
    assert site_nav(extra) == [{"首页": "index.md"}, {"地区": "regions/index.md"}, {"名词索引": "concepts/index.md"},
                               {"主要指标": "targets.md"}, {"编辑指南": "editing.md"}]
    few = Generated(reports=[_report("a")], glossary=None, pages={}, extra_nav=extra)
    many = Generated(reports=[_report(f"r{n}") for n in range(3000)], glossary=None, pages={}, extra_nav=extra)
    assert few.nav() == many.nav() == site_nav(extra)


def test_the_related_reports_panel_shows_the_closest_ten():
    term = SimpleNamespace(slug="t", term="六个百分百", occurrences={f"r{n}": 1 for n in range(30)})
    glossary = SimpleNamespace(terms=[term])
    related = [(_report(f"r{n}"), [term]) for n in range(1, 30)]
    panel = "\n".join(_concept_panel(_report("r0"), glossary, related))
    assert panel.count("<li>") == RELATED_SHOWN == 10
    assert f"相关报告（前{RELATED_SHOWN}份，共29份）" in panel
    few = "\n".join(_concept_panel(_report("r0"), glossary, related[:3]))
    assert few.count("<li>") == 3 and "相关报告（3）" in few
