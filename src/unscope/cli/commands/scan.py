"""`unscope scan PATH...`: find every TF1 variable construct and say what migrate will do."""
from __future__ import annotations

import argparse
import os
import sys

from unscope.cli.options import jobs
from unscope.cli.progress import ProgressBar

NAME = "scan"
HELP = "find every TF1 variable construct and say what migrate will do with it"
EXIT_OK, EXIT_NO, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 123

EPILOG = """\
verdicts: native (migrate --mode native makes it plain TF2), compat (migrate keeps it running
on the unscope runtime), manual (a person must decide).
output: findings on stdout (text: path:line:col: api: verdict: message [scope]; json: see
docs/scan-json.md; sarif: SARIF 2.1.0 for GitHub code scanning); failures, progress and a
one-line summary on stderr (a progress bar too, on a terminal). Files ignored by .gitignore
are skipped.
exit codes: 0 done (findings or not), 1 --check: migrate would still change a file with
findings (code already migrated in compat mode passes), or --strict: findings need a person
(manual), 2 usage, 123 a file could not be read or parsed (the other files are still scanned)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to scan")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="output on stdout (default: text)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when `unscope migrate` would still change a file with findings")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when findings that need a person (manual) remain")
    parser.add_argument("-j", "--jobs", type=jobs, default=None, metavar="N",
                        help="worker processes (default: number of CPUs; 1: no pool)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip paths matching GLOB, relative to the PATH given (repeatable)")


def run(args) -> int:
    from unscope.analyze import report
    from unscope.analyze.runner import scan

    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        for path in missing:
            print(f"unscope scan: error: {path}: no such file or directory", file=sys.stderr)
        return EXIT_USAGE
    with ProgressBar.for_stream(sys.stderr, "scanning") or _NoBar() as progress:
        result = scan(args.paths, jobs=args.jobs, exclude=args.exclude, progress=progress)
    pending = None
    if args.check:
        from unscope.analyze.runner import still_to_migrate

        pending = still_to_migrate(result, jobs=args.jobs)
    render = {"text": report.to_text, "json": report.to_json, "sarif": report.to_sarif}[args.format]
    try:
        sys.stdout.write(render(result))
        sys.stdout.flush()
    except BrokenPipeError:  # `unscope scan . | head`: the reader left; still summarise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    for failure in result.failures:
        print(str(failure), file=sys.stderr)
    for path in pending or ():
        print(f"{path}: still to migrate - run unscope migrate on it", file=sys.stderr)
    print(report.summary_line(result.summary, None if pending is None else len(pending)), file=sys.stderr)
    if result.failures:
        return EXIT_FAILED
    if pending:
        return EXIT_NO
    if args.strict and result.summary.get("manual", 0):
        return EXIT_NO
    return EXIT_OK


class _NoBar:
    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        return None
