"""Shared fixtures: the seed reports converted once, and the site built once."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.convert import convert_seeds

from .browser import browser, served_site, served_zensical_site  # noqa: F401 (session fixtures, defined once for all modules)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The five original seed reports (Inner Mongolia; blank-line blocks from PDF dumps) ...
SLUGS = [
    "yuquan-2023-work-report",
    "yuquan-15th-five-year-plan",
    "hohhot-2022-work-report",
    "huimin-2022-work-report",
    "shiguai-2024-work-report",
]
# ... and the five provincial reports of 2026, as web scrapes (the development corpus).
DEV_SLUGS = [
    "beijing-2026-work-report",
    "guangdong-2026-work-report",
    "sichuan-2026-work-report",
    "shaanxi-2026-work-report",
    "qinghai-2026-work-report",
]
ALL_SLUGS = SLUGS + DEV_SLUGS


@pytest.fixture(scope="session")
def reports():
    """Every seed report converted (core only, no MkDocs), by slug."""
    return {report.meta.slug: report for report in convert_seeds(SEEDS)}


BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def project_copy(work: Path) -> Path:
    """The project's sources (not its generated files) copied into ``work``."""
    for name in ("mkdocs.yml", "seeds", "annotations", "docs", "overrides", "generator"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns(
                "reports", "regions", "concepts", "archive", "targets", "index.md", "glossary.json", "targets.md", "targets.json",
                "targets.csv", "__pycache__"))
        else:
            shutil.copy(source, work / name)
    return work


def mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, env=BUILD_ENV)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with `mkdocs build --strict` from a copy of the project."""
    work = project_copy(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(work)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The same site built by Zensical (`python -m generator zensical`) from a copy of the project."""
    work = project_copy(tmp_path_factory.mktemp("zensical-project"))
    result = subprocess.run([sys.executable, "-m", "generator", "zensical"], cwd=work, capture_output=True, text=True,
                            env={**BUILD_ENV, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "zensical-site"


ENGINES = ("mkdocs", "zensical")


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    """Each reading test runs against the MkDocs + Material build and the Zensical build."""
    return request.param


@pytest.fixture
def engine_build(engine, request) -> Path:
    return request.getfixturevalue("built_site" if engine == "mkdocs" else "zensical_site")


def article(site: Path, slug: str) -> BeautifulSoup:
    page = BeautifulSoup((site / "reports" / f"{slug}.html").read_text(encoding="utf-8"), "html.parser")
    found = page.select_one("article.md-content__inner")
    assert found is not None
    for link in found.select("a.headerlink"):
        link.decompose()
    return found


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
