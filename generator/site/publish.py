"""Build ``site/`` so that a failed build never leaves a half-written site.

MkDocs empties its site directory before it writes; a build that then fails
(a strict-mode warning, a bad source) would leave readers nothing. So the
site is built into a fresh folder beside ``site/`` and swapped in only when
the build succeeded; the last good ``site/`` stays otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def build_site(root: Path, site: Path | None = None, strict: bool = True) -> int:
    site = site or root / "site"
    fresh = site.with_name(site.name + ".building")
    old = site.with_name(site.name + ".previous")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(fresh.resolve())]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0 or not (fresh / "index.html").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"build failed: {site} is unchanged", file=sys.stderr)
        return result.returncode or 1
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return 0
