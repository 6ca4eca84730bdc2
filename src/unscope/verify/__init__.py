"""`unscope verify`: prove that migrated code computes what the TF1 code computed.

OLD (TF1 code) runs in its own process in TF1 graph mode; NEW (migrated code) runs here, in
TF2, with OLD's weights loaded by TF1 name. Outputs, the regularization loss, gradients and,
in training mode, the variables after the step are compared::

    from unscope.verify import verify

    report = verify("model_tf1.py:build", "model_tf2.py:Model", "x:float32[2,4]")
    assert report.ok, str(report)

To compare several NEW versions against one OLD run, run OLD once::

    old = run_old("model_tf1.py:build", "x:float32[2,4]")
    verify(old, Model())       # no second TF1 process
"""
from __future__ import annotations

from unscope.verify.compare import ATOL, GRAD_RTOL, RTOL, compare, compare_arrays
from unscope.verify.inputs import (DEFAULT_DRAWS, UsageError, make_draws, make_inputs, normalize,
                                   normalize_draws, parse_spec)
from unscope.verify.names import pair_variables, tf1_name
from unscope.verify.new import build_new, run_new
from unscope.verify.old import (BuildError, Draw, OldResult, OldRun, VariableInfo,
                                layers_source)
from unscope.verify.render import render_plain, render_rich
from unscope.verify.report import Comparison, Mismatch, Report
from unscope.verify.targets import Target, parse_target, target_of

__all__ = [
    "ATOL", "DEFAULT_DRAWS", "GRAD_RTOL", "RTOL", "BuildError", "Comparison", "Draw", "Mismatch", "OldResult",
    "OldRun", "Report", "Target", "UsageError", "VariableInfo", "build_new", "compare",
    "compare_arrays", "layers_source", "make_draws", "make_inputs", "normalize_draws",
    "parse_spec", "parse_target", "pair_variables",
    "render_plain", "render_rich", "run_new", "run_old", "tf1_name", "verify",
]


def _old_target(old) -> Target:
    if isinstance(old, Target):
        return old
    if isinstance(old, str):
        return parse_target(old)
    if callable(old):
        return target_of(old)
    raise UsageError(f"old must be 'FILE.py:FUNC' or a module-level function, not {old!r}")


def run_old(old, inputs, *, checkpoint=None, training=False, grads=True, seed=0,
            old_layers="auto", same_random=False, timeout=600.0, draws=None) -> OldResult:
    """Run OLD (``"FILE.py:FUNC"`` or a module-level function) in a TF1 worker process.

    `inputs`: a dict of arrays, an ``.npz`` path, a list of dicts (the draws), or a SPEC such
    as ``"x:float32[2,4]"`` (`draws` draws filled from `seed`, default 4). `old_layers`:
    ``"auto"`` (tf_keras when installed), ``"tf_keras"`` or ``"unscope"``. Raises
    `BuildError` when OLD cannot be built or run.
    """
    return OldRun(_old_target(old), normalize_draws(inputs, seed, draws), checkpoint=checkpoint,
                  training=training, grads=grads, seed=seed, layers=old_layers,
                  same_random=same_random, timeout=timeout).result()


def verify(old, new, inputs=None, *, init=None, checkpoint=None, grads=True, training=False,
           rtol=RTOL, atol=ATOL, grad_rtol=GRAD_RTOL, seed=0, old_layers="auto",
           same_random=False, timeout=600.0, draws=None, allow_self_reference=False,
           function="auto", progress=None) -> Report:
    """Compare OLD (TF1) and NEW (TF2) with identical weights; returns a `Report`.

    `old`: ``"FILE.py:FUNC"``, a module-level function, or an `OldResult` from `run_old`
    (then `inputs`, `checkpoint`, `training`, `grads` and `seed` are OLD's).
    `new`: ``"FILE.py:ATTR"``, a function (wrapped with ``unscope.track``), a ``tf.Module``
    class (constructed with `init`) or instance. Raises `BuildError` when a side cannot be
    built and `UsageError` for a bad request; differences are in the report, not raised.

    A SPEC gives `draws` input draws (default 4; see `make_draws`), each compared from the
    same weights. Gradients may also differ by `grad_rtol` times their tensor's largest
    ``|OLD|`` element (float32 rounding of deep gradients). `function`: ``"auto"`` runs NEW
    eagerly and, when it fails on a graph-only construct (``tensor.name``, ``.op``, ...),
    again under ``tf.function`` with a note; ``True`` always under ``tf.function``; ``False``
    eagerly only. When OLD's ``tf.layers`` ran on unscope.layers (tf_keras not installed),
    the report is not ok unless `allow_self_reference`. `progress`, if given, is called with
    a short text at each phase (the CLI shows it on a terminal).
    """
    say = progress or (lambda text: None)
    settings = {"seed": seed, "grads": grads, "training": training, "same_random": same_random,
                "checkpoint": None if checkpoint is None else str(checkpoint),
                "allow_self_reference": bool(allow_self_reference)}
    if isinstance(old, OldResult):
        fixed = [name for name, value, default in (
            ("inputs", inputs, None), ("checkpoint", checkpoint, None), ("grads", grads, True),
            ("training", training, False), ("seed", seed, 0), ("old_layers", old_layers, "auto"),
            ("same_random", same_random, False), ("draws", draws, None)) if value != default]
        if fixed:
            raise UsageError(f"{', '.join(fixed)}: already fixed by the OldResult's run_old call")
        settings["training"] = training = old.training
        settings.update(seed=old.seed, same_random=old.same_random, grads=old.grads,
                        checkpoint=old.checkpoint)
        say("building NEW")
        model = build_new(new, old.inputs, init=init, training=training, function=function)
        old_result = old
    else:
        if inputs is None:
            raise UsageError("inputs are required: a dict of arrays, an .npz path or a SPEC")
        all_draws = normalize_draws(inputs, seed, draws)
        arrays = all_draws[0]
        run = OldRun(_old_target(old), all_draws, checkpoint=checkpoint, training=training,
                     grads=grads, seed=seed, layers=old_layers, same_random=same_random,
                     timeout=timeout)
        try:  # NEW is built while the TF1 worker starts
            say("building NEW while OLD starts in a TF1 worker")
            model = build_new(new, arrays, init=init, training=training, function=function)
        except BaseException:
            run.cancel()
            raise
        say("running OLD in TF1 graph mode")
        old_result = run.result()
    n = len(old_result.draws())
    say(f"running NEW on {n} input draw{'s' * (n != 1)}")
    new_result = run_new(model, old_result)
    settings["function"] = model.function
    report = compare(old_result, new_result, rtol=rtol, atol=atol, grad_rtol=grad_rtol,
                     settings=settings,
                     new_description=model.description, new_mode=model.mode)
    report.notes.extend(model.notes)
    return report
