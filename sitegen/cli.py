"""The command line: ``sitegen build | serve | clean | check | new | tag``.

A user's mistake is one clear message and a non-zero exit, never a traceback (``--debug`` shows
it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from sitegen import __version__
from sitegen.errors import Report, SitegenError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR, EXIT_USAGE = 0, 1, 2, 64
EXIT_INTERNAL = 70


def _site_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site", type=Path, default=Path("."), help="the site folder (default: current folder)"
    )
    parser.add_argument("--base-url", help="override base_url, e.g. https://user.github.io/repo/")
    parser.add_argument("--output", type=Path, help="override output_dir")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen", description="Build a static timeline website from news articles."
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = sub.add_parser("build", help="build the site into output/")
    _site_args(build)
    build.add_argument("--strict", action="store_true", help="fail on any problem or warning")
    build.add_argument(
        "--force",
        action="store_true",
        help="replace an output folder holding files sitegen did not make",
    )
    build.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore .sitegen-cache/: read and tag every article, write every file",
    )
    build.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes reading and tagging articles (default: all cores)",
    )

    serve = sub.add_parser("serve", help="build, serve and rebuild on every change (live reload)")
    _site_args(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="port (default: %(default)s; 0: any free)"
    )
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")

    clean = sub.add_parser("clean", help="delete output/ and the build cache .sitegen-cache/")
    _site_args(clean)
    clean.add_argument(
        "--force",
        action="store_true",
        help="delete output/ even if it holds files sitegen did not make",
    )

    check = sub.add_parser("check", help="verify every internal link, anchor and asset in output/")
    _site_args(check)

    new = sub.add_parser("new", help="create a new site with an example article and event")
    new.add_argument("directory", type=Path)

    tag = sub.add_parser("tag", help="print the time expressions in a text")
    tag.add_argument("file", help="a text file, or - for standard input")
    tag.add_argument("--dct", help="reference date YYYY-MM-DD (default: today)")
    tag.add_argument("--json", action="store_true", help="print a JSON list")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def _config(args: argparse.Namespace):  # -> Config
    from sitegen.config import load_config

    overrides = {"base_url": args.base_url, "output_dir": str(args.output) if args.output else None}
    return load_config(args.site, overrides)


def cmd_build(args: argparse.Namespace) -> int:
    from sitegen.build import build
    from sitegen.parallel import default_jobs
    from sitegen.progress import progress_for

    result = build(
        _config(args),
        strict=args.strict,
        force=args.force,
        cache=not args.no_cache,
        jobs=args.jobs or default_jobs(),
        progress=progress_for(sys.stderr, quiet=args.quiet),
    )
    print_problems(result.report)
    if not args.quiet:
        print(result.summary())
    if result.report.errors:
        skipped = len(result.report.errors)
        print(f"{skipped} files were skipped: fix them and build again.", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def print_problems(report: Report) -> None:
    for problem in report.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    for problem in report.errors:
        print(f"error: {problem}", file=sys.stderr)


def cmd_serve(args: argparse.Namespace) -> int:
    from sitegen.server import serve

    serve(args.site, lambda: _config(args), host=args.host, port=args.port, open_browser=args.open)
    return EXIT_OK


def cmd_clean(args: argparse.Namespace) -> int:
    from sitegen import cache
    from sitegen.writer import check_output_dir, recover

    config = _config(args)
    removed = []
    if cache.clear(config.root / cache.CACHE_DIR):
        removed.append(cache.CACHE_DIR)
    recover(config.output_dir)
    if config.output_dir.is_dir():
        check_output_dir(config.output_dir, force=args.force)
        shutil.rmtree(config.output_dir)
        removed.append(str(config.output_dir))
    print(f"removed {', '.join(removed)}" if removed else "nothing to remove")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from sitegen.check import check_site

    config = _config(args)
    if not config.output_dir.is_dir():
        raise SitegenError(
            "there is no built site to check",
            path=config.output_dir,
            hint="run 'sitegen build' first",
        )
    problems = check_site(config.output_dir, config.base_path)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} broken links", file=sys.stderr)
        return EXIT_PROBLEMS
    print("all internal links, anchors and assets resolve")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from sitegen.scaffold import create_site

    created = create_site(args.directory)
    print(f"created {args.directory} ({len(created)} files)")
    print(f"next: cd {args.directory} && sitegen build")
    return EXIT_OK


def cmd_tag(args: argparse.Namespace) -> int:
    from sitegen.temporal import tag

    if args.dct:
        try:
            dct = dt.date.fromisoformat(args.dct)
        except ValueError as exc:
            raise SitegenError(f"--dct {args.dct!r} is not a date", hint="use YYYY-MM-DD") from exc
    else:
        dct = dt.date.today()
    if args.file == "-":
        text = sys.stdin.read()
    else:
        from sitegen.fields import read_text

        try:
            text = read_text(Path(args.file))
        except OSError as exc:
            raise SitegenError(f"cannot be read: {exc.strerror}", path=args.file) from exc
    timexes = tag(text, dct)
    if args.json:
        print(json.dumps([t.to_dict() for t in timexes], ensure_ascii=False, indent=2))
    else:
        for t in timexes:
            mod = f" mod={t.mod}" if t.mod else ""
            print(f"{t.start}-{t.end}\t{t.type}\t{t.value}{mod}\t{t.text}")
    return EXIT_OK


COMMANDS = {
    "build": cmd_build,
    "serve": cmd_serve,
    "clean": cmd_clean,
    "check": cmd_check,
    "new": cmd_new,
    "tag": cmd_tag,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except SitegenError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of sitegen's, not the user's: still no traceback
        if args.debug:
            raise
        print(
            f"error: sitegen failed unexpectedly ({type(exc).__name__}: {exc})\n"
            "  hint: this is a bug in sitegen; run again with --debug and report the traceback."
            " The previous output/ is unchanged.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
