"""The on-disk cache: results keyed by content and code, found again only for the same inputs."""

from __future__ import annotations

import shutil

from generator.cache import ContentCache, code_version
from generator.convert import convert_seeds

from .conftest import SEEDS


def test_content_cache_round_trip(tmp_path):
    cache = ContentCache(tmp_path, "things")
    assert cache.get(b"key") is None
    cache.put(b"key", {"a": [1, 2]})
    assert cache.get(b"key") == {"a": [1, 2]} and cache.get(b"other") is None
    assert len(code_version()) == 16


def test_conversions_are_cached_by_content(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    first = {r.meta.slug: r for r in convert_seeds(seeds)}
    cached = sorted((tmp_path / ".cache" / "conversions").glob("*.pickle"))
    assert len(cached) == len(list(SEEDS.glob("*.txt"))) == 10
    again = {r.meta.slug: r for r in convert_seeds(seeds)}
    assert again["shiguai-2024-work-report"] == first["shiguai-2024-work-report"]
    assert sorted((tmp_path / ".cache" / "conversions").glob("*.pickle")) == cached
    # A changed source is converted again, under a new key.
    path = seeds / "shiguai-2024-work-report.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("石拐区", "石拐新区", 1), encoding="utf-8")
    changed = {r.meta.slug: r for r in convert_seeds(seeds)}
    assert len(list((tmp_path / ".cache" / "conversions").glob("*.pickle"))) == len(cached) + 1
    assert changed["shiguai-2024-work-report"] != first["shiguai-2024-work-report"]


def test_entries_unused_for_a_week_are_pruned(tmp_path):
    import os
    import time

    from generator.cache import prune

    cache = ContentCache(tmp_path, "pages")
    cache.put(b"old", 1)
    cache.put(b"recent", 2)
    week_ago = time.time() - 8 * 86400
    for path in (tmp_path / "pages").glob("*.pickle"):
        os.utime(path, (week_ago, week_ago))
    assert cache.get(b"recent") == 2  # using an entry keeps it
    assert prune(tmp_path) == 1
    assert cache.get(b"old") is None and cache.get(b"recent") == 2
