"""`unscope scan PATH...`: find every TF1 variable construct and say what migrate will do."""
from __future__ import annotations

import argparse

from unscope.cli.options import jobs
import os
import sys
import time

NAME = "scan"
HELP = "find every TF1 variable construct and say what migrate will do with it"
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 123

EPILOG = """\
verdicts: native (migrate --mode native makes it plain TF2), compat (migrate keeps it running
on the unscope runtime), manual (a person must decide).
output: findings on stdout (text: path:line:col: api: verdict: message [scope]; json: see
docs/scan-json.md; sarif: SARIF 2.1.0 for GitHub code scanning); failures, progress and a
one-line summary on stderr. Files ignored by .gitignore are skipped.
exit codes: 0 done, 1 findings remain (with --check), 2 usage, 123 a file could not be read
or parsed (the other files are still scanned)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to scan")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="output on stdout (default: text)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when any finding remains")
    parser.add_argument("-j", "--jobs", type=jobs, default=None, metavar="N",
                        help="worker processes (default: number of CPUs; 1: no pool)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip paths matching GLOB, relative to the PATH given (repeatable)")


class _Progress:
    """A one-line bar on stderr, shown only on a terminal and only for runs longer than ~1 s."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < 1.0 or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        width = 30
        filled = width * done // max(total, 1)
        self.stream.write(f"\rscanning [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def run(args) -> int:
    from unscope.analyze import report
    from unscope.analyze.runner import scan

    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        for path in missing:
            print(f"unscope scan: error: {path}: no such file or directory", file=sys.stderr)
        return EXIT_USAGE
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = scan(args.paths, jobs=args.jobs, exclude=args.exclude, progress=progress)
    finally:
        if progress is not None:
            progress.clear()
    render = {"text": report.to_text, "json": report.to_json, "sarif": report.to_sarif}[args.format]
    try:
        sys.stdout.write(render(result))
        sys.stdout.flush()
    except BrokenPipeError:  # `unscope scan . | head`: the reader left; still summarise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    for failure in result.failures:
        print(str(failure), file=sys.stderr)
    print(report.summary_line(result.summary), file=sys.stderr)
    if result.failures:
        return EXIT_FAILED
    if args.check and result.findings:
        return EXIT_FINDINGS
    return EXIT_OK
