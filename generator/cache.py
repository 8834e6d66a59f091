"""A small on-disk cache keyed by content, for work that does not change between builds.

Converting a report and segmenting text for search depend only on their
inputs and on this code, so their results are stored under ``.cache/``
(never committed) with a key made of both. A change to any input or to any
module of the generator gives a new key; stale entries are simply not found,
and ``prune`` removes those no build has used for a while (an editor's
``mkdocs serve`` session writes new entries with every save).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def digest(*parts: str | bytes) -> str:
    """One key for several parts, each length-prefixed (so ("ab", "c") and ("a", "bc") differ)."""
    found = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        found.update(len(data).to_bytes(8, "little") + data)
    return found.hexdigest()


class ContentCache:
    def __init__(self, folder: Path, namespace: str):
        self.folder = folder / namespace

    def _path(self, key: bytes) -> Path:
        return self.folder / (hashlib.sha256(code_version().encode() + key).hexdigest() + ".pickle")

    def get(self, key: bytes) -> Any | None:
        path = self._path(key)
        try:
            with path.open("rb") as stream:
                value = pickle.load(stream)  # noqa: S301 - our own files under .cache/
            os.utime(path)  # last used now: see prune
            return value
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def has(self, key: bytes) -> bool:
        return self._path(key).exists()

    def put(self, key: bytes, value: Any) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self._path(key)
            temporary = target.with_suffix(".tmp")
            with temporary.open("wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(target)
        except OSError:
            pass  # a cache that cannot be written only costs time


def prune(folder: Path, days: float = 7) -> int:
    """Remove cache entries under ``folder`` that no build has used for ``days``; return how many."""
    limit = time.time() - days * 86400
    removed = 0
    for path in folder.glob("*/*.pickle") if folder.is_dir() else []:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:
            pass  # another build removed or replaced it
    return removed
