"""Command line: ``python -m generator <command>``.

* ``build``: convert every report in ``seeds/`` and write Markdown to ``docs/``;
* ``convert FILE``: print one report's Markdown (for inspection);
* ``outline FILE``: print one report's outline (heading levels and texts).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .convert import convert_file
from .manifest import apply_manifest, discover
from .model import ReportMeta
from .overrides import Overrides, load_overrides
from .read import SourceError
from .render import page_heading, render_report
from .site import generate, write_pages


def _report(path: Path):
    seeds = path.parent
    seed = next((s for s in discover(seeds) if s.path.resolve() == path.resolve()), None) if seeds.exists() else None
    if seed is None:
        return convert_file(path, ReportMeta(slug=path.stem, source_file=path.name))
    overrides = load_overrides(seed.overrides_path) if seed.overrides_path.exists() else Overrides()
    report = convert_file(seed.path, seed.meta(), overrides)
    apply_manifest(report.meta, seed.entry)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Annotated government reports.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="convert seeds/ into Markdown under docs/")
    build.add_argument("--seeds", type=Path, default=Path("seeds"))
    build.add_argument("--docs", type=Path, default=Path("docs"))
    build.add_argument("--quiet", action="store_true", help="do not list notices")
    convert = sub.add_parser("convert", help="print one report's Markdown")
    convert.add_argument("file", type=Path)
    outline = sub.add_parser("outline", help="print one report's outline")
    outline.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            generated = generate(args.seeds)
            written = write_pages(args.docs, generated.pages)
            if not args.quiet:
                for notice in generated.notices:
                    print(f"notice: {notice}", file=sys.stderr)
            print(f"{len(generated.reports)} reports, {len(written)} pages written to {args.docs}")
        elif args.command == "convert":
            sys.stdout.write(render_report(_report(args.file)))
        elif args.command == "outline":
            report = _report(args.file)
            print("#", page_heading(report))
            for heading in report.headings():
                print("#" * heading.level, heading.text)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
