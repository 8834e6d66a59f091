"""Command line: ``python -m generator <command>``.

* ``build``: convert every report in ``seeds/`` and write Markdown to ``docs/``;
* ``convert FILE``: print one report's Markdown (for inspection);
* ``outline FILE``: print one report's outline (heading levels and texts);
* ``lines FILE``: print a report's lines as read, numbered as errors and overrides name them
  (for a PDF, Word file or web page, the lines its reader made, with pages and roles);
* ``check``: validate seeds, overrides and annotations (non-zero exit on errors);
* ``suggest``: list unexplained jargon, the editors' to-do list;
* ``site``: build ``site/`` with MkDocs, swapping it in only when the build succeeds;
* ``zensical``: build the same site with Zensical into ``zensical-site/`` (the same way);
* ``bundle``: zip the built site into ``dist/annotated-reports-offline.zip``;
* ``import FILE``: write each row of a dataset (CSV, JSONL, Parquet) to ``seeds/`` with its manifest entry.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .site.bundle import BundleError, make_bundle
from .check import check_project
from .site.publish import build_site
from .review import ReviewError, review
from .convert import convert_file
from .sources.manifest import apply_manifest, discover
from .model import ReportMeta
from .sources.overrides import Overrides, load_overrides
from .sources.read import SourceError, format_lines, read_source
from .render.report import page_heading, render_report
from .site.pages import BuildError, generate, write_pages
from .glossary.suggest import coverage, format_candidates, format_coverage, suggest


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
    build.add_argument("--root", type=Path, default=Path("."), help="the project folder (with seeds/ and annotations/)")
    build.add_argument("--docs", type=Path, default=None, help="where to write (default: ROOT/docs)")
    build.add_argument("--quiet", action="store_true", help="do not list notices")
    convert = sub.add_parser("convert", help="print one report's Markdown")
    convert.add_argument("file", type=Path)
    outline = sub.add_parser("outline", help="print one report's outline")
    outline.add_argument("file", type=Path)
    lines = sub.add_parser("lines", help="print a report's lines as read (the line numbers errors name)")
    lines.add_argument("file", type=Path)
    site_cmd = sub.add_parser("site", help="build site/ with mkdocs, replacing it only if the build succeeds")
    site_cmd.add_argument("--root", type=Path, default=Path("."))
    zensical_cmd = sub.add_parser("zensical", help="build zensical-site/ with Zensical, replacing it only if the build succeeds")
    zensical_cmd.add_argument("--root", type=Path, default=Path("."))
    bundle = sub.add_parser("bundle", help="zip the built site into the offline bundle")
    bundle.add_argument("--site", type=Path, default=Path("site"))
    bundle.add_argument("--dist", type=Path, default=Path("dist"))
    check = sub.add_parser("check", help="validate seeds, overrides and annotations")
    check.add_argument("--root", type=Path, default=Path("."))
    check.add_argument("--diff", metavar="GIT_REF", help="also summarise what the change since GIT_REF does to the site")
    suggest_cmd = sub.add_parser("suggest", help="list candidate jargon not yet annotated")
    suggest_cmd.add_argument("--root", type=Path, default=Path("."))
    suggest_cmd.add_argument("--limit", type=int, default=60)
    suggest_cmd.add_argument("--stats", action="store_true",
                             help="print how many candidates are explained by terms or dismissed, and which are open")
    dataset = sub.add_parser("import", help="write each row of a CSV, JSONL or Parquet dataset to seeds/")
    dataset.add_argument("file", type=Path)
    dataset.add_argument("--root", type=Path, default=Path("."))
    for name in ("title", "region", "year", "text", "url"):
        dataset.add_argument(f"--{name}", metavar="COLUMN", help=f"the column with the {name} (default: found by name)")
    dataset.add_argument("--replace", action="store_true", help="overwrite a report in seeds/ whose text the row changes")
    args = parser.parse_args(argv)
    if args.command == "import":
        return _import(args)
    if args.command == "check":
        return _check(args.root, args.diff)
    if args.command == "site":
        return build_site(args.root)
    if args.command == "zensical":
        from .site.zensical import build_zensical

        return build_zensical(args.root)
    if args.command == "bundle":
        try:
            print(make_bundle(args.site, args.dist))
        except BundleError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        return 0
    if args.command == "suggest":
        return _suggest(args.root, args.limit, args.stats)
    try:
        if args.command == "build":
            generated = generate(args.root)
            docs = args.docs or args.root / "docs"
            written = write_pages(docs, generated.pages)
            if not args.quiet:
                for line in generated.summaries:
                    print(line)
                for notice in generated.notices:
                    print(f"notice: {notice}", file=sys.stderr)
            print(f"{len(generated.reports)} reports, {len(generated.glossary.terms)} terms, "
                  f"{len(written)} files written to {docs}")
        elif args.command == "convert":
            sys.stdout.write(render_report(_report(args.file)))
        elif args.command == "lines":
            sys.stdout.write(format_lines(read_source(args.file)))
        elif args.command == "outline":
            report = _report(args.file)
            print("#", page_heading(report))
            for heading in report.headings():
                print("#" * heading.level, heading.text)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _import(args: argparse.Namespace) -> int:
    from .sources.dataset import format_results, import_dataset

    named = {name: getattr(args, name) for name in ("title", "region", "year", "text", "url")}
    try:
        results = import_dataset(args.file, args.root / "seeds", named, args.replace)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(format_results(args.file, results))
    return 1 if any(result.status == "error" for result in results) else 0


def _check(root: Path, diff: str | None = None) -> int:
    result = check_project(root)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    terms = len(result.glossary.terms) if result.glossary else 0
    print(f"{len(result.errors)} errors, {len(result.warnings)} warnings "
          f"({len(result.reports)} reports, {terms} terms)")
    if diff and not result.errors:
        try:
            print(review(root, diff, result))
        except ReviewError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    return 1 if result.errors else 0


def _suggest(root: Path, limit: int, stats: bool = False) -> int:
    result = check_project(root)
    if result.glossary is None:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    dismissed = {entry.term for entry in result.dismissed}
    if stats:
        print(format_coverage(coverage(result.reports, result.glossary, dismissed)))
        return 0
    candidates = suggest(result.reports, result.glossary, limit, dismissed)
    print(format_candidates(candidates))
    return 0
