"""`unscope verify OLD.py:FUNC NEW.py:ATTR`: run both with the same weights and compare."""
from __future__ import annotations

import argparse
import json
import os
import sys

NEEDS_TENSORFLOW = True
NAME = "verify"
HELP = "prove that migrated TF2 code computes what the TF1 code computed"
EXIT_OK, EXIT_DIFFERS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 123

EPILOG = """\
OLD runs in its own process in TF1 graph mode (tensorflow = tensorflow.compat.v1; tf.layers
from tf_keras when installed, else unscope.layers; tf.contrib from unscope.contrib). NEW is a
function (wrapped with unscope.track) or a tf.Module class (built with --init). OLD's weights
are loaded into NEW by TF1 name; outputs, the regularization loss, gradients of the sum of the
floating outputs and (--training) the variables after the step are compared.
With --inputs SPEC, several input draws are compared (--draws, default 4; odd draws mirror
the previous one's floats, so both signs are seen); --example is one draw.
exit codes: 0 agree; 1 differ, or not proven (random ops without --same-random; OLD's tf.layers
on unscope.layers because tf_keras is missing, unless --allow-self-reference); 2 usage (a bad
FILE.py:NAME, a missing file or attribute, bad inputs); 123 a side could not be built.
example: unscope verify model_tf1.py:build model_tf2.py:Model --inputs 'x:float32[2,4]'"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("old", metavar="OLD.py:FUNC", help="the TF1 model function")
    parser.add_argument("new", metavar="NEW.py:ATTR",
                        help="the migrated function or tf.Module class")
    parser.add_argument("--init", metavar="JSON",
                        help="keyword arguments for NEW's class, as JSON (or a .json file)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--example", metavar="INPUTS.npz",
                        help="example inputs; the keys are the keyword argument names")
    source.add_argument("--inputs", metavar="SPEC",
                        help="inputs filled from --seed, e.g. 'x:float32[2,4],ids:int32[2,6]<50'")
    parser.add_argument("--draws", type=int, default=None, metavar="N",
                        help="input draws compared with --inputs (4)")
    parser.add_argument("--allow-self-reference", action="store_true",
                        help="accept OLD's tf.layers running on unscope.layers (tf_keras not "
                        "installed) as proof")
    parser.add_argument("--checkpoint", metavar="TF1_PREFIX",
                        help="restore OLD's variables from this TF1 checkpoint")
    parser.add_argument("--grads", action=argparse.BooleanOptionalAction, default=True,
                        help="compare gradients (default: yes)")
    parser.add_argument("--training", action="store_true",
                        help="run both sides in training mode and compare variables after it")
    parser.add_argument("--same-random", action="store_true",
                        help="make both sides draw the same random numbers (dropout, ...)")
    parser.add_argument("--rtol", type=float, default=1e-6, help="relative tolerance (1e-6)")
    parser.add_argument("--atol", type=float, default=1e-5, help="absolute tolerance (1e-5)")
    parser.add_argument("--grad-rtol", type=float, default=1e-4,
                        help="gradients may also differ by this times their tensor's largest "
                        "|OLD| element (1e-4: float32 rounding of deep gradients)")
    parser.add_argument("--function", action=argparse.BooleanOptionalAction, default=None,
                        help="run NEW under tf.function (default: eagerly, and under "
                        "tf.function when it fails eagerly on tensor.name, .op, ...)")
    parser.add_argument("--seed", type=int, default=0, help="seed for --inputs and OLD's init")
    parser.add_argument("--old-layers", choices=("auto", "tf_keras", "unscope"), default="auto",
                        help="where OLD's tf.layers come from (auto: tf_keras when installed)")
    parser.add_argument("--timeout", type=float, default=600.0, metavar="S",
                        help="seconds to wait for the TF1 side (600)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _init_kwargs(text):
    if text is None:
        return None
    if os.path.isfile(text):
        with open(text) as f:
            text = f.read()
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"--init is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ValueError("--init must be a JSON object of keyword arguments")
    return value


def _error(message: str) -> None:
    print(f"unscope verify: {message}", file=sys.stderr)


def run(args) -> int:
    from unscope.verify import BuildError, UsageError, render_plain, verify

    verbose = getattr(args, "verbose", False)
    if args.example is None and args.inputs is None:
        _error("error: give the inputs: --example INPUTS.npz or --inputs SPEC")
        return EXIT_USAGE
    try:
        init = _init_kwargs(args.init)
    except (OSError, ValueError) as exc:
        _error(f"error: {exc}")
        return EXIT_USAGE
    from unscope.cli.phase_status import PhaseStatus

    progress = PhaseStatus("unscope verify")
    try:
        with progress.phase("starting") as shown:
            report = verify(
                args.old, args.new, args.example if args.example is not None else args.inputs,
                init=init, checkpoint=args.checkpoint, grads=args.grads, training=args.training,
                rtol=args.rtol, atol=args.atol, grad_rtol=args.grad_rtol,
                function="auto" if args.function is None else args.function,
                seed=args.seed, old_layers=args.old_layers,
                same_random=args.same_random, timeout=args.timeout, draws=args.draws,
                allow_self_reference=args.allow_self_reference, progress=shown.update)
    except UsageError as exc:
        _error(f"error: {exc}")
        return EXIT_USAGE
    except BuildError as exc:
        if verbose and exc.detail:
            print(exc.detail.rstrip(), file=sys.stderr)
        target = args.old if exc.side == "OLD" else args.new
        hint = "" if verbose else " (run with -v for the traceback)"
        _error(f"{target}: {exc}{hint}")
        return EXIT_FAILED
    if args.format == "json":
        print(report.to_json(indent=2))
    elif sys.stdout.isatty():
        from rich.console import Console

        from unscope.verify import render_rich

        Console().print(render_rich(report, summary=False))
    else:
        print(render_plain(report, summary=False))
    print(report.summary(), file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_DIFFERS
