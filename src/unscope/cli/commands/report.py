"""`unscope report RUN.json... -o REPORT.html`: one self-contained HTML page from the JSON
reports of migrate (--report), convert and verify (--format json)."""
from __future__ import annotations

import argparse
import sys

NAME = "report"
HELP = "make one self-contained HTML page from the JSON reports of migrate, convert and verify"
EXIT_OK, EXIT_USAGE, EXIT_FAILED = 0, 2, 123

EPILOG = """\
RUN.json: what `unscope migrate --report`, `unscope convert --format json` and `unscope verify
--format json` wrote (any number, in any order). The page needs no network: CSS, JS and the
charts are inline. `unscope migrate ... --html REPORT.html` writes the same page directly.
exit codes: 0 written, 2 usage (a file that is not such a report), 123 the page could not be written."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("runs", nargs="+", metavar="RUN.json", help="JSON reports of migrate, convert, verify")
    parser.add_argument("-o", "--output", required=True, metavar="REPORT.html",
                        help="the page to write ('-': stdout)")
    parser.add_argument("--title", default="unscope migration report", help="the page's title")


def run(args) -> int:
    from unscope.report import ReportError, read_report, render_html

    try:
        runs = [read_report(path) for path in args.runs]
    except ReportError as exc:
        print(f"unscope report: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    html = render_html(runs, title=args.title)
    if args.output == "-":
        sys.stdout.write(html)
        return EXIT_OK
    try:
        write_html(args.output, html)
    except OSError as exc:
        print(f"unscope report: error: {args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    kinds = ", ".join(r["kind"] for r in runs)
    print(f"wrote {args.output} ({kinds}).", file=sys.stderr)
    return EXIT_OK


def write_html(path: str, html: str) -> None:
    """Atomic write (temp file + rename), as every unscope write."""
    from unscope.migrate.files import write_atomic

    write_atomic(path, html.encode("utf-8"))
