"""`unscope migrate PATH...`: rewrite TF1 files so that they run on TensorFlow 2."""
from __future__ import annotations

import argparse
import json
import os
import sys

from unscope.cli.options import inside, jobs, unwritable
from unscope.cli.progress import ProgressBar

NAME = "migrate"
HELP = "rewrite TF1 model code so that it runs on TensorFlow 2 (in place, or --out DIR)"
EXIT_OK, EXIT_NO, EXIT_USAGE, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 123, 130

EPILOG = """\
modes: compat (default) keeps TF1 semantics on the unscope runtime (unscope.variable_scope,
unscope.get_variable, unscope.layers, ...) and gives every other TF1 name its TF2 spelling or
its tf.compat.v1 twin; native turns variable-creating functions into tf.Module classes that own
their variables (exact TF1 names; layers from unscope.nn, or a copy made by --vendor DIR) and
keeps on the compat runtime, with a finding, what it cannot prove safe.
Files are rewritten in place (atomically, permissions kept) unless --out DIR (outside the
source tree) mirrors the whole tree there, other files copied too; files with nothing to
migrate are not touched; a read-only file, or one saved by someone else while migrate ran, is
left as it is and reported failed. --check and --diff never write.
PATH '-' reads stdin and writes the result to stdout.
output: diffs on stdout; findings (path:line:col: api: verdict: message), failures, progress
(on a terminal) and a one-line summary on stderr; --report FILE writes the JSON report.
exit codes: 0 done (--diff too, and findings may remain), 1 --check: files would change, or
--strict: findings need a person, 2 usage, 123 a file could not be read, parsed or written
(listed; the other files are still migrated), 130 interrupted (Ctrl-C)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' for stdin)")
    parser.add_argument("--mode", choices=("compat", "native"), default="compat",
                        help="compat: the unscope runtime keeps TF1 semantics (default); native: tf.Module classes")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    what.add_argument("--diff", action="store_true", help="write nothing; print a unified diff on stdout")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when findings that need a person (manual) remain")
    parser.add_argument("--out", metavar="DIR", help="write the migrated tree under DIR instead of in place")
    parser.add_argument("-j", "--jobs", type=jobs, default=None, metavar="N",
                        help="worker processes (default: number of CPUs; 1: no pool)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip paths matching GLOB, relative to the PATH given (repeatable)")
    parser.add_argument("--vendor", metavar="DIR",
                        help="native mode: copy unscope.nn into DIR/unscope_nn and import it from there, "
                             "so that the output needs only TensorFlow (DIR must be importable)")
    parser.add_argument("--report", metavar="FILE.json", help="write the JSON report to FILE ('-': stdout)")
    parser.add_argument("--html", metavar="REPORT.html",
                        help="write the review page: one self-contained HTML file (docs/report.md)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")


def _usage(message: str) -> int:
    print(f"unscope migrate: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _refusal(args) -> str | None:
    """Why these arguments cannot run, checked before any file is touched; None when they can."""
    if args.vendor:
        if args.mode != "native":
            return "--vendor is for --mode native"
        if args.check or args.diff:
            return "--vendor writes files; it cannot be combined with --check or --diff"
    if "-" in args.paths:
        if len(args.paths) > 1:
            return "'-' (stdin) cannot be combined with other paths"
        if args.out:
            return "--out cannot be used with '-' (stdin)"
        if args.vendor:
            return "--vendor cannot be used with '-' (stdin)"
        if args.html:
            return "--html cannot be used with '-' (stdin); use --report and `unscope report`"
        return _destination(args.report, "--report")
    if args.out and (args.check or args.diff):
        return "--out writes files; it cannot be combined with --check or --diff"
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        return f"{missing[0]}: no such file or directory"
    if args.out:
        for given in args.paths:
            if os.path.isdir(given) and inside(args.out, given):
                return (f"--out {args.out} is inside the source tree {given}; choose a folder outside "
                        "it (the next run would migrate the output again)")
    for value, flag, folder in ((args.report, "--report", False), (args.html, "--html", False), (args.out, "--out", True),
                                (args.vendor, "--vendor", True)):
        problem = _destination(value, flag, folder)
        if problem:
            return problem
    if args.vendor:
        roots = [args.out] if args.out else [p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
                                             for p in args.paths]
        stray = [r for r in roots if os.path.realpath(r) != os.path.realpath(args.vendor)]
        if stray:
            return (f"--vendor {args.vendor}: unscope_nn there is not importable by the migrated files "
                    f"under {stray[0]}; pass the output root (--vendor {stray[0]})")
    return None


def _destination(value: str | None, flag: str, folder: bool = False) -> str | None:
    if not value or value == "-":
        return None
    problem = unwritable(value, directory=folder)
    return f"{flag} {problem}" if problem else None


def run(args) -> int:
    problem = _refusal(args)
    if problem:
        return _usage(problem)
    nn_import = None
    if args.vendor:
        from unscope.native import vendored_import

        nn_import = vendored_import()
    if "-" in args.paths:
        return _stdin(args, nn_import)
    from unscope.migrate.runner import MigrationInterrupted, migrate_paths

    action = "check" if args.check else "diff" if args.diff else "write"
    try:
        with ProgressBar.for_stream(sys.stderr, "migrating") or _NoBar() as progress:
            report = migrate_paths(args.paths, args.mode, action=action, out=args.out, jobs=args.jobs,
                                   exclude=args.exclude, verbose=getattr(args, "verbose", False),
                                   nn_import=nn_import, progress=progress,
                                   details=bool(args.report or args.html))
    except MigrationInterrupted as stop:
        written = stop.report.written
        print(f"unscope migrate: interrupted; {written} file{'s' if written != 1 else ''} already "
              "written (each completely), the others left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    if args.vendor:
        from unscope.native import vendor_nn

        vendor_nn(args.vendor)
    for outcome in report.files:
        if outcome.diff:
            sys.stdout.write(outcome.diff)
    if not args.quiet:
        for outcome in report.files:
            for finding in outcome.findings:
                print(str(finding), file=sys.stderr)
    for failure in report.failures:
        print(str(failure), file=sys.stderr)
    if args.report:
        _write_report(report.to_dict(), args.report)
    if args.html:
        from unscope.cli.commands.report import write_html
        from unscope.report import render_html

        write_html(args.html, render_html([report.to_dict()]))
    print(summary_line(report.summary, action, args.out), file=sys.stderr)
    return exit_code(report.summary, action, args.strict)


def exit_code(summary: dict, action: str, strict: bool = False) -> int:
    """The contract: 123 something failed; 1 --check would change files, or --strict and
    findings need a person; else 0 - a migration that did its job succeeds, findings or not."""
    if summary["failed"]:
        return EXIT_FAILED
    if action == "check" and summary["changed"]:
        return EXIT_NO
    if strict and summary.get("manual", 0):
        return EXIT_NO
    return EXIT_OK


class _NoBar:
    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        return None


def _write_report(data: dict, target: str) -> None:
    text = json.dumps(data, indent=2) + "\n"
    if target == "-":
        sys.stdout.write(text)
        return
    from unscope.migrate.files import write_atomic

    write_atomic(target, text.encode("utf-8"))


def summary_line(summary: dict, action: str, out: str | None = None) -> str:
    def files(n: int) -> str:
        return f"{n} file{'s' if n != 1 else ''}"

    skipped = summary.get("skipped", 0)
    if summary.get("files", 0) == 0 and skipped:
        return (f"no files to migrate: {files(skipped)} skipped (ignored by .gitignore or --exclude).")
    verb = "migrated" if action == "write" else "would be migrated"
    parts = [f"{files(summary['changed'])} {verb}", f"{summary['unchanged']} unchanged"]
    if summary["failed"]:
        parts.append(f"{summary['failed']} failed")
    if skipped:
        parts.append(f"{skipped} skipped")
    manual = summary.get("manual", 0)
    tail = f"{manual} finding{'s' if manual != 1 else ''} need{'s' if manual == 1 else ''} a person"
    where = ""
    if out and action == "write":
        copied = summary.get("copied", 0)
        where = f" (written under {out}" + (f", {files(copied)} copied as they are)" if copied else ")")
    return f"{', '.join(parts)}; {tail}.{where}"


def _stdin(args, nn_import=None) -> int:
    from unscope.migrate.engine import migrate_source
    from unscope.migrate.files import decode_bytes, encode, unified_diff
    from unscope.migrate.result import SCHEMA_VERSION

    data = sys.stdin.buffer.read()
    text, info = decode_bytes(data)
    if text is None:
        print("-: not UTF-8", file=sys.stderr)
        print(summary_line({"changed": 0, "unchanged": 0, "failed": 1}, "write"), file=sys.stderr)
        return EXIT_FAILED
    if text.lstrip().startswith("{") and '"cells"' in text:
        from unscope.migrate.notebook import migrate_notebook

        result = migrate_notebook(text, args.mode, "-", nn_import=nn_import)
    else:
        result = migrate_source(text, args.mode, path="-", nn_import=nn_import)
    if not args.quiet:
        for finding in result.findings:
            print(str(finding), file=sys.stderr)
    changed = result.changed
    summary = {"changed": int(changed), "unchanged": int(not changed and result.error is None),
               "failed": int(result.error is not None),
               "manual": sum(1 for f in result.findings if f.verdict == "manual")}
    if result.error is not None:
        where = f"-:{result.error_line}" if result.error_line else "-"
        print(f"{where}: {result.error}", file=sys.stderr)
    action = "check" if args.check else "diff" if args.diff else "write"
    if action == "diff":
        if changed:
            sys.stdout.write(unified_diff(text, result.code, "-"))
    elif action == "write":
        sys.stdout.buffer.write(encode(result.code, info))
        sys.stdout.flush()
    if args.report:
        report = {"schema_version": SCHEMA_VERSION, "kind": "migrate",
                  "files": [] if result.error else [{"path": "-", "changed": changed, "classes": result.classes,
                                                      "findings": [f.to_dict() for f in result.findings]}],
                  "failures": [{"path": "-", "message": result.error}] if result.error else [],
                  "summary": {"mode": args.mode, "files": 1, **summary}}
        _write_report(report, args.report)
    print(summary_line(summary, action), file=sys.stderr)
    return exit_code(summary, action, args.strict)
