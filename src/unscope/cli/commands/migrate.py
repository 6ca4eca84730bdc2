"""`unscope migrate PATH...`: rewrite TF1 files so that they run on TensorFlow 2."""
from __future__ import annotations

import argparse

from unscope.cli.options import jobs
import json
import os
import sys

NAME = "migrate"
HELP = "rewrite TF1 model code so that it runs on TensorFlow 2 (in place, or --out DIR)"
EXIT_OK, EXIT_WOULD_CHANGE, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 123

EPILOG = """\
modes: compat (default) keeps TF1 semantics on the unscope runtime (unscope.variable_scope,
unscope.get_variable, unscope.layers, ...) and gives every other TF1 name its TF2 spelling or
its tf.compat.v1 twin; native turns variable-creating functions into tf.Module classes that own
their variables (exact TF1 names; layers from unscope.nn, or a copy made by --vendor DIR) and
keeps on the compat runtime, with a finding, what it cannot prove safe.
Files are rewritten in place (atomically, permissions kept) unless --out DIR mirrors the tree
there; files with nothing to migrate are not touched. --check and --diff never write.
PATH '-' reads stdin and writes the result to stdout.
output: diffs on stdout; findings (path:line:col: api: verdict: message), failures and a
one-line summary on stderr; --report FILE writes the JSON report.
exit codes: 0 done (--diff too), 1 --check would change files, 2 usage, 123 a file could not
be read or parsed (listed; the other files are still migrated)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' for stdin)")
    parser.add_argument("--mode", choices=("compat", "native"), default="compat",
                        help="compat: the unscope runtime keeps TF1 semantics (default); native: tf.Module classes")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    what.add_argument("--diff", action="store_true", help="write nothing; print a unified diff on stdout")
    parser.add_argument("--out", metavar="DIR", help="write the migrated tree under DIR instead of in place")
    parser.add_argument("-j", "--jobs", type=jobs, default=None, metavar="N",
                        help="worker processes (default: number of CPUs; 1: no pool)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip paths matching GLOB, relative to the PATH given (repeatable)")
    parser.add_argument("--vendor", metavar="DIR",
                        help="native mode: copy unscope.nn into DIR/unscope_nn and import it from there, "
                             "so that the output needs only TensorFlow (DIR must be importable)")
    parser.add_argument("--report", metavar="FILE.json", help="write the JSON report to FILE ('-': stdout)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")


def _usage(message: str) -> int:
    print(f"unscope migrate: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args) -> int:
    nn_import = None
    if args.vendor:
        if args.mode != "native":
            return _usage("--vendor is for --mode native")
        if args.check or args.diff:
            return _usage("--vendor writes files; it cannot be combined with --check or --diff")
        from unscope.native import vendor_nn, vendored_import

        vendor_nn(args.vendor)
        nn_import = vendored_import()
    if "-" in args.paths:
        if len(args.paths) > 1:
            return _usage("'-' (stdin) cannot be combined with other paths")
        if args.out:
            return _usage("--out cannot be used with '-' (stdin)")
        return _stdin(args, nn_import)
    if args.out and (args.check or args.diff):
        return _usage("--out writes files; it cannot be combined with --check or --diff")
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        return _usage(f"{missing[0]}: no such file or directory")
    from unscope.migrate.runner import migrate_paths

    action = "check" if args.check else "diff" if args.diff else "write"
    report = migrate_paths(args.paths, args.mode, action=action, out=args.out, jobs=args.jobs,
                           exclude=args.exclude, verbose=getattr(args, "verbose", False),
                           nn_import=nn_import)
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
    print(summary_line(report.summary, action, args.out), file=sys.stderr)
    if report.failures:
        return EXIT_FAILED
    if action == "check" and report.summary["changed"]:
        return EXIT_WOULD_CHANGE
    return EXIT_OK


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

    verb = "migrated" if action == "write" else "would be migrated"
    parts = [f"{files(summary['changed'])} {verb}", f"{summary['unchanged']} unchanged"]
    if summary["failed"]:
        parts.append(f"{summary['failed']} failed")
    manual = summary.get("manual", 0)
    tail = f"{manual} finding{'s' if manual != 1 else ''} need{'s' if manual == 1 else ''} a person"
    where = f" (written under {out})" if out and action == "write" else ""
    return f"{', '.join(parts)}; {tail}.{where}"


def _stdin(args, nn_import=None) -> int:
    from unscope.migrate.engine import migrate_source
    from unscope.migrate.files import decode_bytes, encode, unified_diff

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
        report = {"files": [] if result.error else [{"path": "-", "changed": changed, "classes": result.classes,
                                                      "findings": [f.to_dict() for f in result.findings]}],
                  "failures": [{"path": "-", "message": result.error}] if result.error else [],
                  "summary": {"mode": args.mode, "files": 1, **summary}}
        _write_report(report, args.report)
    print(summary_line(summary, action), file=sys.stderr)
    if result.error is not None:
        return EXIT_FAILED
    if action == "check" and changed:
        return EXIT_WOULD_CHANGE
    return EXIT_OK
