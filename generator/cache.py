"""A small on-disk cache keyed by content, for work that does not change between builds.

Converting a report and segmenting text for search depend only on their
inputs and on this code, so their results are stored under ``.cache/``
(never committed) with a key made of both. A change to any input or to any
module of the generator gives a new key; stale entries are simply not found.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ContentCache:
    def __init__(self, folder: Path, namespace: str):
        self.folder = folder / namespace

    def _path(self, key: bytes) -> Path:
        return self.folder / (hashlib.sha256(code_version().encode() + key).hexdigest() + ".pickle")

    def get(self, key: bytes) -> Any | None:
        try:
            with self._path(key).open("rb") as stream:
                return pickle.load(stream)  # noqa: S301 - our own files under .cache/
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

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
