"""``restore``: a checkpoint into TF2 objects (model, optimizer, step), so training resumes.

A TF1 name-based checkpoint (``tf.compat.v1.train.Saver``) is mapped tensor by tensor by TF1
name: model variables, the optimizer's slots and state (``model/w/Adam``, ``beta1_power``),
``global_step``.  An object checkpoint written from the same objects
(``tf.train.Checkpoint(model=..., optimizer=..., global_step=...)``, or by
``convert_checkpoint(..., optimizer=...)``) is read by object.  Either way every value must
find its variable and every variable its value, or ``ConversionRefused`` lists the names (for
a TF1 checkpoint before anything is assigned).
"""
from __future__ import annotations

import tensorflow as tf

from unscope.ckpt.convert import _fill
from unscope.ckpt.errors import ConversionRefused, Problem
from unscope.ckpt.namemap import plan_to_tf2
from unscope.ckpt.report import ConversionReport
from unscope.ckpt.rules import load_rules
from unscope.ckpt.slots import build, optimizer_variables, own_variables, trainable, with_state_renames
from unscope.ckpt.source import Source, first_line
from unscope.ckpt.variables import model_variables

RESTORED = "(restored into the objects)"
_SAVE_COUNTER = "save_counter/.ATTRIBUTES/VARIABLE_VALUE"


def restore(path, model, optimizer=None, step=None, *, rules=None, allow_cast=False) -> ConversionReport:
    """Fill ``model`` (and ``optimizer``, ``step``) from the checkpoint at ``path``.

    >>> model, opt, step = Net(), unscope.nn.Adam(0.01), unscope.nn.create_global_step()
    >>> report = unscope.restore("tf1/model.ckpt-5", model=model, optimizer=opt, step=step)
    >>> # train on: the next step is TF1's step 6, to the last bit

    ``model`` may be a list of models (one program's), ``optimizer`` a list of optimizers in the
    order the TF1 program made them (each built for its own ``var_list`` first: a GAN's two
    Adams, the second's ``beta1_power`` saved as ``beta1_power_1``).
    ``optimizer``: an ``unscope.nn`` optimizer (or a ``tf.compat.v1.train.Optimizer``); its slots are made for the model's trainable
    variables first (TF1 made them for every trainable variable in ``minimize``).  Without it,
    optimizer state in a TF1 checkpoint is dropped (listed in the report).  ``step``: a
    variable that gets ``global_step``.  ``rules``: rename/drop rules as for
    ``convert_checkpoint`` (``beta1_power`` saved under a name scope, ``train/beta1_power``,
    is found without one).  ``path`` may be a prefix, a directory or one of its files.
    """
    source = Source(path)
    models = _Models(model) if isinstance(model, (list, tuple)) else model
    if isinstance(optimizer, (list, tuple)):
        optimizer = list(optimizer)  # each already built for its own var_list, in TF1's order
    elif optimizer is not None:
        build(optimizer, trainable(models))
    roots = {"model": model}
    if optimizer is not None:
        roots["optimizer"] = optimizer
    if step is not None:
        roots["global_step"] = step
    if source.object_graph:
        return _restore_objects(source, roots)
    variables, problems = model_variables(models)
    state = _optimizers_state(optimizer, problems)
    for name in sorted(set(state) & set(variables)):
        problems.append(Problem("duplicate", name, "a model variable and an optimizer variable have "
                                "this name; rename the model variable"))
    rules = with_state_renames(load_rules(rules), state, source.shapes)
    plan = plan_to_tf2(source.shapes, source.dtypes, {**variables, **state}, rules,
                       keep_global_step=step is not None, allow_cast=allow_cast,
                       optimizer_given=optimizer is not None)
    plan.problems[:0] = problems
    if step is not None and plan.global_step is None:
        plan.problems.append(Problem("unmatched", "global_step", "a step variable was given but the "
                                     "checkpoint has no global_step"))
    report = ConversionReport.from_plan(plan, source.prefix, RESTORED, "tf1->tf2")
    if plan.problems:
        raise ConversionRefused(plan.problems, report)
    _fill(source, plan.entries)
    if plan.global_step is not None:
        [value] = source.read([(plan.global_step, source.dtypes[plan.global_step], "")])
        step.assign(tf.cast(value, step.dtype))
    report.written = True
    return report


def _restore_objects(source: Source, roots: dict) -> ConversionReport:
    """An object checkpoint of the same objects: every value used, every variable filled."""
    checkpoint = tf.train.Checkpoint(**roots)
    if _SAVE_COUNTER in source.shapes:  # Checkpoint.save (a CheckpointManager) counts its saves
        checkpoint.save_counter  # noqa: B018 - made now, so the saved counter has its variable
    status = checkpoint.read(source.prefix)
    try:
        status.assert_consumed()
    except AssertionError as exc:
        raise ConversionRefused([Problem(
            "unmatched", source.prefix, f"the object checkpoint does not fit "
            f"{', '.join(sorted(roots))}: {first_line(exc)}")]) from exc
    report = ConversionReport(source.prefix, RESTORED, "tf2->tf2")
    report.written = True
    return report


class _Models(tf.Module):
    """Several models of one program (a GAN's generator and discriminator) as one root."""

    def __init__(self, models):
        super().__init__(name="models")
        self.models = list(models)


def _optimizers_state(optimizer, problems) -> dict:
    """TF1 name -> variable of the optimizers' slots and state.  Several optimizers: TF1's graph
    named the second Adam's ``beta1_power`` ``beta1_power_1`` (unique names, creation order)."""
    if optimizer is None:
        return {}
    if not isinstance(optimizer, list):
        return optimizer_variables(optimizer)
    state = {}
    for one in optimizer:
        own = {id(v) for v in own_variables(one)}
        for name, variable in optimizer_variables(one).items():
            if name in state and id(variable) in own:
                name = next(f"{name}_{i}" for i in range(1, len(state) + 2) if f"{name}_{i}" not in state)
            elif name in state:
                problems.append(Problem("duplicate", name, "two optimizers have a slot of this name"))
                continue
            state[name] = variable
    return state
