"""The offline bundle: the built site as one zip to unzip anywhere and open from disk.

Every path in the archive is ASCII (so it unzips the same on every system),
under one top folder; entries are sorted with fixed timestamps so the same
site always gives the same archive.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

BUNDLE_NAME = "annotated-reports"
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)


class BundleError(Exception):
    pass


def make_bundle(site: Path, dist: Path, name: str = BUNDLE_NAME) -> Path:
    if not (site / "index.html").is_file():
        raise BundleError(f"{site}/index.html not found: build the site first (make site)")
    files = sorted(path for path in site.rglob("*") if path.is_file())
    bad = [str(path.relative_to(site)) for path in files if not str(path.relative_to(site)).isascii()]
    if bad:
        raise BundleError(f"non-ASCII paths in the site: {', '.join(bad[:5])}")
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{name}-offline.zip"
    temporary = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(site).as_posix()}", date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    temporary.replace(target)
    return target
