"""`unscope convert`: argparse -> unscope.convert_checkpoint -> report -> exit code."""
from __future__ import annotations

import json
import os
import sys
import traceback

NEEDS_TENSORFLOW = True
NAME = "convert"
HELP = ("convert a TF1 name-based checkpoint into a TF2 object checkpoint of a model "
        "(or back, with --to-tf1)")
EXIT_OK, EXIT_NO, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 123
MAX_PROBLEM_LINES = 50


def add_arguments(parser) -> None:
    parser.add_argument("src", metavar="SRC", help="checkpoint prefix to read (or its directory)")
    parser.add_argument("dst", metavar="DST", help="checkpoint prefix to write")
    parser.add_argument("--model", metavar="FILE.py:ATTR", required=True,
                        help="a function (wrapped with unscope.track), a tf.Module class or instance")
    parser.add_argument("--init", metavar="JSON", help="keyword arguments for a tf.Module class, as a JSON object")
    parser.add_argument("--example", metavar="INPUTS.npz",
                        help="inputs (npz keys = call keyword arguments) to call the model once, "
                        "creating lazily built variables")
    parser.add_argument("--rules", metavar="RULES.toml", help="[[rename]] from/to regexes and drop = [regexes]")
    parser.add_argument("--keep-global-step", action="store_true",
                        help="keep global_step (as a root-level 'global_step' in the TF2 checkpoint)")
    parser.add_argument("--allow-cast", action="store_true", help="cast tensors whose dtype differs from the model's")
    parser.add_argument("--force", action="store_true", help="replace an existing checkpoint at DST")
    parser.add_argument("--dry-run", action="store_true", help="print the mapping; read no tensor, write nothing")
    parser.add_argument("--to-tf1", action="store_true",
                        help="the reverse: SRC is a TF2 object checkpoint of the model, DST a TF1 "
                        "name-based checkpoint for tf.compat.v1.train.Saver")
    parser.add_argument("--optimizer", choices=("auto", "adam", "momentum", "rmsprop", "adagrad", "sgd"),
                        help="keep the optimizer state: TF1 slots (model/w/Adam, beta1_power, ...) become "
                        "an unscope.nn optimizer's slots under 'optimizer', or with --to-tf1 the reverse, "
                        "global_step included ('auto': found from the slot names)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (mapping on stdout with --dry-run) or json (the full report on stdout)")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _usage(message: str) -> int:
    _say(f"unscope convert: error: {message}")
    return EXIT_USAGE


def run(args) -> int:
    verbose = getattr(args, "verbose", False)
    init = None
    if args.init is not None:
        try:
            init = json.loads(args.init)
        except json.JSONDecodeError as exc:
            return _usage(f"--init: not valid JSON: {exc}")
        if not isinstance(init, dict):
            return _usage("--init: expected a JSON object of keyword arguments, e.g. '{\"layers\": 2}'")
    for flag, path in (("--rules", args.rules), ("--example", args.example)):
        if path is not None and not os.path.isfile(path):
            return _usage(f"{flag}: {path}: no such file")
    if not (os.path.exists(args.src) or os.path.exists(f"{args.src}.index")):
        # as verify --checkpoint: a checkpoint that is not there is a mistake in the command
        return _usage(f"{args.src}: no such checkpoint (expected {args.src}.index, a checkpoint "
                      "file or a directory)")

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from unscope import ckpt  # imports TensorFlow

    _quiet_tensorflow()
    from unscope.cli.phase_status import PhaseStatus

    notes: list[str] = []
    model = None
    progress = PhaseStatus("unscope convert")
    try:
        ckpt.modelspec.split_spec(args.model)
        rules = ckpt.load_rules(args.rules) if args.rules else None
        with progress.phase(f"building {args.model}"):
            model = ckpt.load_model(args.model, init=init, example=args.example, notes=notes,
                                    allow_empty=args.dry_run and args.example is None)
        with progress.phase("planning" if args.dry_run else "converting"):
            report = ckpt.convert_checkpoint(
                args.src, args.dst, model, rules=rules, keep_global_step=args.keep_global_step,
                allow_cast=args.allow_cast, overwrite=args.force, to_tf1=args.to_tf1,
                dry_run=args.dry_run, optimizer=args.optimizer)
    except (ckpt.ModelSpecError, ckpt.RulesError) as exc:
        return _usage(str(exc))
    except ckpt.ConversionRefused as exc:
        _trace(verbose)
        hint = _example_hint(args, model, exc.problems)
        if exc.report is not None:
            exc.report.notes = notes + ([hint] if hint else [])
        if args.format == "json" and exc.report is not None:
            print(exc.report.to_json())
        for note in notes:
            _say(f"note: {note}")
        for problem in exc.problems[:MAX_PROBLEM_LINES]:
            # problems name a tensor or variable of SRC's conversion, or DST itself
            _say(problem.line() if problem.kind == "exists" else f"{args.src}: {problem.line()}")
        more = len(exc.problems) - MAX_PROBLEM_LINES
        if more > 0:
            _say(f"... and {more} more (--format json lists all)")
        if hint:
            _say(f"hint: {hint}")
        n = len(exc.problems)
        _say(f"convert refused: {n} problem{'s' * (n != 1)}; nothing written")
        return EXIT_NO
    except ckpt.ConversionError as exc:  # unreadable input, a model that does not build, a failed write
        _trace(verbose)
        # the model's own code failed: its traceback is worth asking for
        hint = " (run with -v for the traceback)" if exc.__cause__ is not None and isinstance(
            exc, ckpt.ModelBuildError) and not verbose else ""
        _say(f"unscope convert: error: {exc}{hint}")
        return EXIT_FAILED
    report.notes = list(notes)
    if args.format == "json":
        print(report.to_json())
    elif args.dry_run:
        for line in report.mapping_lines():
            print(line)
    for note in notes:
        _say(f"note: {note}")
    _say(report.summary())
    return EXIT_OK


def _example_hint(args, model, problems) -> str:
    """Lazily built variables are missing: the model made none, or fewer than SRC holds."""
    if args.example is not None or args.to_tf1 or model is None:
        return ""
    if not model.variables:
        made = "the model made no variables"
    elif any(p.kind == "unexplained" for p in problems):
        n = sum(p.kind == "unexplained" for p in problems)
        made = (f"the model made {len(model.variables)} variable"
                f"{'s' * (len(model.variables) != 1)}, fewer than the checkpoint holds "
                f"({n} tensor{'s' * (n != 1)} without one)")
    else:
        return ""
    return (f"{made}; if it creates variables on its first call, pass --example INPUTS.npz "
            "(an .npz of its keyword arguments) so they exist")


def _trace(verbose: bool) -> None:
    if verbose:
        traceback.print_exc()


def _quiet_tensorflow() -> None:
    import logging

    logging.getLogger("tensorflow").setLevel(logging.ERROR)
