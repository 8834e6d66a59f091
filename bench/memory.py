"""A memory profile of one build: how much memory each stage holds, the forked workers included.

``python bench/memory.py PROJECT [--out FILE]`` builds PROJECT's site (``mkdocs build``) in a child
process and samples it four times a second: the proportional set size (PSS: shared pages divided
among the processes sharing them, so forked workers are not counted twice) of the build and its
workers, and the resident size of the build process alone. (A sampling thread inside the build
would stop it from forking its workers.) The build writes the stage it is in to a file, and each
sample is labelled with it: our generation (stages 1 to 4 of generator/pipeline.py), the pages rendered in
forked workers, MkDocs reading and rendering every page, MkDocs writing every page, and the search
files. The table gives each stage's time and its highest figures; ``make bench`` keeps it beside
its results.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as stream:
                found += [int(child) for child in stream.read().split()]
    except OSError:
        pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as stream:
            return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


def tree_pss_kib(pid: int) -> int:
    pending, total, seen = [pid], 0, set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _pss_kib(current)
        pending += _children(current)
    return total


class Stages:
    """In the build: each wrapped function writes its stage's name to a file while it runs."""

    def __init__(self, path: Path):
        self.path = path
        self.stage = "start"
        self._write()

    def _write(self) -> None:
        self.path.write_text(self.stage, encoding="utf-8")

    def within(self, stage: str, function):
        def wrapped(*args, **kwargs):
            outer, self.stage = self.stage, stage
            self._write()
            try:
                return function(*args, **kwargs)
            finally:
                self.stage = outer
                self._write()
        return wrapped


def build_in_stages(project: Path, stage_file: Path) -> None:
    """The child: ``mkdocs build`` of PROJECT with its stages labelled."""
    os.chdir(project)
    sys.path.insert(0, str(project))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands import build
    from mkdocs.config import load_config

    import generator.pipeline as pipeline
    import generator.site.search as search

    stages = Stages(stage_file)
    pipeline.run = stages.within("generate (stages 1-4)", pipeline.run)
    build._populate_page = stages.within("MkDocs renders pages", build._populate_page)
    build._build_page = stages.within("MkDocs writes pages", build._build_page)
    search.write_search_files = stages.within("search files", search.write_search_files)
    config = load_config(str(project / "mkdocs.yml"))
    # The hook hands these to generator.site.mkdocs_render: its parallel renderer and search step are labelled there.
    from generator.site import mkdocs_render as render

    render.render_in_parallel = stages.within("pages rendered in workers", render.render_in_parallel)
    render.write_search_files = stages.within("search files", render.write_search_files)
    build.build(config)


def profile_build(project: Path) -> str:
    """Run the build in a child process and sample it; the profile as a table."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        stage_file = Path(folder) / "stage"
        child = subprocess.Popen([sys.executable, __file__, "--child", str(project), str(stage_file)])
        samples: list[tuple[float, str, int, int]] = []  # seconds, stage, tree PSS, build RSS (KiB)
        started = time.monotonic()
        while child.poll() is None:
            try:
                stage = stage_file.read_text(encoding="utf-8") or "start"
            except OSError:
                stage = "start"
            samples.append((time.monotonic() - started, stage, tree_pss_kib(child.pid), _rss_kib(child.pid)))
            time.sleep(0.25)
        if child.returncode:
            raise RuntimeError(f"the build failed ({child.returncode})")
    stages: dict[str, list[tuple[float, str, int, int]]] = {}
    for sample in samples:
        stages.setdefault(sample[1], []).append(sample)
    lines = [f"{'stage':<28}{'seconds':>8}  {'peak PSS, build and workers (MiB)':>34}  {'peak RSS, build process (MiB)':>30}"]
    for stage, found in stages.items():
        lines.append(f"{stage:<28}{len(found) * 0.25:>8.1f}  {max(s[2] for s in found) / 1024:>34.0f}  "
                     f"{max(s[3] for s in found) / 1024:>30.0f}")
    peak = max(samples, key=lambda sample: sample[2]) if samples else None
    if peak:
        lines.append(f"peak: {peak[2] / 1024:.0f} MiB at {peak[0]:.1f} s, during '{peak[1]}'")
    return "\n".join(lines)


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        build_in_stages(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    text = profile_build(args.project.resolve())
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
