"""The `unscope` command line: argparse subcommands -> library call -> render -> exit code.

Each subcommand lives in ``unscope/cli/commands/<name>.py`` and defines

    NAME = "scan"                    # the subcommand
    NEEDS_TENSORFLOW = False         # True: TensorFlow is imported (quietly) before run()
    HELP = "one line for --help"
    def add_arguments(parser): ...   # argparse arguments
    def run(args) -> int: ...        # exit code; data on stdout, diagnostics on stderr

Modules are discovered automatically, so adding a command never edits this file.
Exit codes (every subcommand): 0 done (findings are information), 1 the answer is "no" (--check
would change, --strict and findings remain, ...), 2 usage, 123 could not process, 130 Ctrl-C.
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import tempfile
import traceback

from unscope._version import __version__

EXIT_OK, EXIT_NO, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 123


def _commands():
    from unscope.cli import commands

    found = []
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"unscope.cli.commands.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found.append(module)
    return found


def import_tensorflow_quietly() -> None:
    """Import TensorFlow with its start-up log lines (absl, oneDNN) kept off stderr.

    TF 2.21 prints them from C++ during import whatever TF_CPP_MIN_LOG_LEVEL says; they
    would drown unscope's one-line diagnostics.  On a failed import they are replayed.
    """
    if "tensorflow" in sys.modules:
        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    sys.stderr.flush()
    with tempfile.TemporaryFile() as captured:
        saved = os.dup(2)
        os.dup2(captured.fileno(), 2)
        try:
            import tensorflow  # noqa: F401
        except BaseException:
            os.dup2(saved, 2)
            captured.seek(0)
            sys.stderr.write(captured.read().decode("utf-8", "replace"))
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def build_parser(config=None) -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="unscope",
        description="Move TF1 variable_scope/get_variable model code to TensorFlow 2: "
        "scan, migrate, convert checkpoints, verify.",
    )
    parser.add_argument("--version", action="version", version=f"unscope {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show tracebacks on internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    table = {}
    for module in _commands():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                       help="show tracebacks on internal errors")
        module.add_arguments(p)
        if config is not None:  # [tool.unscope] values become defaults; flags still win
            config.set_defaults(p)
        table[module.NAME] = module
    return parser, table


def main(argv: list[str] | None = None) -> int:
    from unscope.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as exc:
        print(f"unscope: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    parser, table = build_parser(config)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    config.finish(args)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if getattr(table[args.command], "NEEDS_TENSORFLOW", False):
            import_tensorflow_quietly()
        return int(table[args.command].run(args))
    except KeyboardInterrupt:
        print("unscope: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # internal error: one line, traceback only with -v
        if getattr(args, "verbose", False):
            traceback.print_exc()
        print(f"unscope {args.command}: internal error: {type(exc).__name__}: {exc}"
              " (run with -v for the traceback)", file=sys.stderr)
        return EXIT_FAILED


def entry() -> None:  # pragma: no cover - console script wrapper
    sys.exit(main())
