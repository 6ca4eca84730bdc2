"""``convert_checkpoint``: TF1 name-based checkpoints to TF2 object checkpoints, and back."""
from __future__ import annotations

import os

import numpy as np
import tensorflow as tf

from unscope.ckpt import slots
from unscope.ckpt.check import variable_keys, verify
from unscope.ckpt.errors import (CheckpointReadError, CheckpointWriteError, ConversionRefused,
                                 Problem)
from unscope.ckpt.namemap import Entry, plan_to_tf1, plan_to_tf2
from unscope.ckpt.report import ConversionReport
from unscope.ckpt.rules import load_rules
from unscope.ckpt.source import Source, first_line, slice_spec
from unscope.ckpt.staging import check_destination, staged
from unscope.ckpt.variables import model_variables, tf1_name

# Small tensors are read together (one RestoreV2 per tensor re-opens the index each time), up to
# this many bytes; bigger ones alone.
_BATCH_BYTES = 4 << 20


def convert_checkpoint(src_prefix, dst_prefix, model, *, rules=None, keep_global_step=False,
                       allow_cast=False, overwrite=False, to_tf1=False, dry_run=False,
                       optimizer=None) -> ConversionReport:
    """Fill ``model`` from a TF1 checkpoint and write it as a TF2 object checkpoint.

    Every model variable is filled from the tensor of the same TF1 name (after ``rules``);
    optimizer slots, ``global_step`` and rule drops are dropped with a reason; anything else
    refuses the conversion (``ConversionRefused``, nothing written).  The result restores with
    ``tf.train.Checkpoint(model=<same structure>).restore(dst_prefix)``.

    >>> model = unscope.track(gpt2)          # build it once so its variables exist
    >>> _ = model(tokens)
    >>> report = unscope.convert_checkpoint("tf1/model.ckpt-1000", "tf2/gpt2", model)
    >>> print(report.summary())
    148 tensors -> 148 variables, 298 dropped (296 optimizer slot, 2 optimizer state); wrote tf2/gpt2

    ``rules``: rename/drop rules (a dict, a TOML path or ``Rules``; see ``unscope.ckpt.rules``).
    ``keep_global_step``: write the checkpoint's ``global_step`` as a root-level ``global_step``
    (restore with ``tf.train.Checkpoint(model=..., global_step=step)``).  ``allow_cast``: cast
    tensors whose dtype differs from the variable's.  ``overwrite``: replace a checkpoint at
    DST.  ``dry_run``: plan only (no tensor read, nothing written).  ``src_prefix`` may also be
    a directory (its latest checkpoint) or one of the checkpoint's files.

    Failures raise ``ConversionRefused`` (names do not line up; nothing read or written),
    ``CheckpointReadError`` or ``CheckpointWriteError``; DST is then as it was.  The model keeps
    whatever values were filled in before a failure.

    With ``to_tf1=True`` the direction is reversed: ``src_prefix`` is an object checkpoint of
    ``model``, read into it tensor by tensor, and written as a name-based checkpoint for
    ``tf.compat.v1.train.Saver`` (see ``write_tf1_checkpoint``).  With ``optimizer`` as well
    (an ``unscope.nn`` optimizer or a kind, ``"auto"`` found from the slot names) it reads
    ``tf.train.Checkpoint(model=..., optimizer=..., global_step=...)``, what a migrated program
    writes, and writes the slots and state under TF1's names (``model/w/Adam``, ``beta1_power``;
    rename rules apply to them too) and ``global_step`` if it is there, so the TF1 program's
    ``Saver`` restores its optimizer and training continues from the same step.
    """
    rules = load_rules(rules)
    if to_tf1:
        return _object_to_tf1(src_prefix, dst_prefix, model, rules, keep_global_step, overwrite, dry_run,
                              optimizer)
    variables, duplicates = model_variables(model)
    if not dry_run:
        check_destination(_local(dst_prefix), overwrite)
    source = Source(src_prefix)
    if source.object_graph:
        raise CheckpointReadError(f"{source.prefix}: a TF2 object-based checkpoint, not a TF1 name-based "
                                  "one (to go from it to TF1, use to_tf1=True / --to-tf1)")
    state = {}
    if optimizer is not None:
        if not slots.is_optimizer(optimizer):
            optimizer = slots.optimizer_for_checkpoint(optimizer, source.shapes, variables)
        slots.build(optimizer, slots.trainable(model))
        state = slots.optimizer_variables(optimizer)
        rules = slots.with_state_renames(rules, state, source.shapes)
        duplicates += [Problem("duplicate", n, "a model variable and an optimizer variable have this name")
                       for n in sorted(set(state) & set(variables))]
    plan = plan_to_tf2(source.shapes, source.dtypes, {**variables, **state}, rules,
                       keep_global_step=keep_global_step, allow_cast=allow_cast,
                       optimizer_given=optimizer is not None)
    plan.problems[:0] = duplicates
    report = ConversionReport.from_plan(plan, source.prefix, dst_prefix, "tf1->tf2", dry_run)
    if plan.problems:
        raise ConversionRefused(plan.problems, report)
    if dry_run:
        return report
    _fill(source, plan.entries)
    roots = {"model": model}
    if optimizer is not None:
        roots["optimizer"] = optimizer
    if plan.global_step:
        [step] = source.read([(plan.global_step, source.dtypes[plan.global_step], "")])
        roots["global_step"] = tf.Variable(step, name="global_step", trainable=False)
    with staged(dst_prefix, overwrite) as tmp:
        try:
            path = tf.train.Checkpoint(**roots).write(tmp)
        except (tf.errors.OpError, OSError) as exc:
            raise CheckpointWriteError(f"{dst_prefix}: cannot write: {first_line(exc)}") from exc
        keys = variable_keys(path, roots)
        expected = [(_key(keys, variable, dst_prefix), variable.dtype, "", variable)
                    for entry in plan.entries for variable in entry.target.variables]
        if "global_step" in roots:
            step = roots["global_step"]
            expected.append((_key(keys, step, dst_prefix), step.dtype, "", step))
        verify(path, expected, _batches, dst_prefix)
    report.written = True
    return report


def write_tf1_checkpoint(dst_prefix, model, *, rules=None, overwrite=False, dry_run=False,
                         global_step=None) -> ConversionReport:
    """Write ``model``'s variables as a TF1 name-based checkpoint (what ``Saver`` restores).

    Partitioned variables (``name/part_N``) are written as TF1's Saver writes them: one tensor
    ``name`` with slice information, which restores into a partitioned or a whole variable.

    >>> unscope.ckpt.write_tf1_checkpoint("tf1/model.ckpt", model)
    >>> # TF1: tf.compat.v1.train.Saver().restore(sess, "tf1/model.ckpt")
    """
    rules = load_rules(rules)
    variables, duplicates = model_variables(model)
    if not dry_run:
        check_destination(_local(dst_prefix), overwrite)
    plan = plan_to_tf1(variables, rules)
    plan.problems[:0] = duplicates
    if global_step is not None:
        plan.global_step = "global_step"
    return _write_tf1(plan, "<model>", dst_prefix, overwrite, dry_run, global_step)


def _object_to_tf1(src_prefix, dst_prefix, model, rules, keep_global_step, overwrite, dry_run,
                   optimizer=None):
    variables, duplicates = model_variables(model)
    if not dry_run:
        check_destination(_local(dst_prefix), overwrite)
    source = Source(src_prefix)
    if not source.object_graph:
        raise CheckpointReadError(f"{source.prefix}: a TF1 name-based checkpoint already; --to-tf1 "
                                  "reads a TF2 object checkpoint of the model")
    roots, state = {"model": model}, {}
    step_key = "global_step/.ATTRIBUTES/VARIABLE_VALUE"
    if optimizer is not None:
        if not slots.is_optimizer(optimizer):
            optimizer = slots.optimizer_for_checkpoint(optimizer, slots.object_state_shapes(source.shapes),
                                                       variables)
        slots.build(optimizer, slots.trainable(model))
        roots["optimizer"] = optimizer
        state = slots.optimizer_variables(optimizer)
        duplicates += [Problem("duplicate", n, "a model variable and an optimizer variable have this name")
                       for n in sorted(set(state) & set(variables))]
        # training continues from the saved step, as the optimizer state does
        keep_global_step = keep_global_step or step_key in source.shapes
    plan = plan_to_tf1({**variables, **state}, rules)
    plan.problems[:0] = duplicates
    if step_key in source.shapes:
        if keep_global_step:
            plan.global_step = "global_step"
        else:
            plan.dropped["global_step"] = ("global_step: not a model variable (keep it with "
                                           "keep_global_step=True, --keep-global-step)")
    elif keep_global_step:
        plan.problems.append(Problem("unmatched", "global_step", "keep_global_step was asked for but "
                                     f"{source.prefix} has no root-level global_step"))
    requests = _object_requests(source, roots, variables, plan.problems)
    requests += _object_requests(source, roots, state, plan.problems, what="optimizer")
    if not plan.problems and not dry_run:
        _load(source, requests)
    step = None
    if plan.global_step and not plan.problems and not dry_run:
        [step] = source.read([(step_key, source.dtypes[step_key], "")])
    return _write_tf1(plan, source.prefix, dst_prefix, overwrite, dry_run, step)


def _object_requests(source: Source, roots: dict, variables: dict, problems: list,
                     what: str = "model") -> list[tuple]:
    """Where each variable is in an object checkpoint of ``roots``, as read requests; misfits as
    problems."""
    try:
        keys = variable_keys(source.prefix, roots)
    except (tf.errors.OpError, ValueError) as exc:
        raise CheckpointReadError(f"{source.prefix}: cannot read the object graph: {first_line(exc)}") from exc
    requests = []
    for name, variable in variables.items():
        key = keys.get(id(variable))
        if key is None or key not in source.shapes:
            problems.append(Problem("unmatched", name, f"{what} variable has no value in the object "
                                    f"checkpoint (was it written as tf.train.Checkpoint({what}=...) of "
                                    f"{'a module' if what == 'model' else 'an optimizer'} with this "
                                    "structure?)"))
            continue
        shape, dtype = source.shapes[key], source.dtypes[key]
        if tuple(shape) != tuple(variable.shape.as_list()):
            problems.append(Problem("shape", name, f"shape {list(shape)} in the checkpoint ({key}), "
                                    f"{variable.shape.as_list()} in the {what}"))
        elif dtype != variable.dtype:
            problems.append(Problem("dtype", name, f"dtype {dtype.name} in the checkpoint ({key}), "
                                    f"{variable.dtype.name} in the {what}"))
        else:
            requests.append((key, dtype, "", variable))
    return requests


def _write_tf1(plan, src, dst_prefix, overwrite, dry_run, global_step) -> ConversionReport:
    report = ConversionReport.from_plan(plan, src, dst_prefix, "tf2->tf1", dry_run)
    if plan.problems:
        raise ConversionRefused(plan.problems, report)
    if dry_run:
        return report
    names, specs, tensors = [], [], []
    for entry in plan.entries:
        for spec, variable in _pieces(entry):
            names.append(entry.dest)
            specs.append(spec)
            with tf.device("/cpu:0"):
                tensors.append(tf.identity(variable.read_value()))
    step_var = None
    if global_step is not None:
        step_var = tf.Variable(global_step, trainable=False)
        names.append("global_step")
        specs.append("")
        tensors.append(tf.identity(step_var.read_value()))
    with staged(dst_prefix, overwrite) as tmp:
        try:
            with tf.device("/cpu:0"):
                tf.raw_ops.SaveV2(prefix=tmp, tensor_names=names, shape_and_slices=specs, tensors=tensors)
        except (tf.errors.OpError, OSError) as exc:
            raise CheckpointWriteError(f"{dst_prefix}: cannot write: {first_line(exc)}") from exc
        del tensors
        expected = [(entry.dest, variable.dtype, spec, variable)
                    for entry in plan.entries for spec, variable in _pieces(entry)]
        if step_var is not None:
            expected.append(("global_step", step_var.dtype, "", step_var))
        verify(tmp, expected, _batches, dst_prefix)
    report.written = True
    return report


def _local(path) -> str:
    path = os.fspath(path)
    return path if "://" in path else os.path.abspath(path)


def _pieces(entry: Entry):
    """``(slice_spec, variable)`` for each variable an entry covers."""
    target = entry.target
    if not target.partitioned:
        return [("", target.variables[0])]
    return [(slice_spec(target.shape, offset, shape), variable)
            for variable, (offset, shape) in zip(target.variables, target.part_slices())]


def _key(keys: dict, variable, dst) -> str:
    if id(variable) not in keys:
        raise CheckpointWriteError(f"{dst}: model variable {tf1_name(variable)!r} was not saved by "
                                   "tf.train.Checkpoint(model=model): the module does not track it "
                                   "(keep variables in attributes, lists or dicts of the module)")
    return keys[id(variable)]


def _fill(source: Source, entries: list[Entry]) -> None:
    """Read each entry's tensor (or slices, for parts) and assign it to its variable(s)."""
    _load(source, [(entry.source, entry.dtype, spec, variable)
                   for entry in entries for spec, variable in _pieces(entry)])


def _load(source: Source, requests: list[tuple]) -> None:
    """Read ``(name, dtype, slice_spec, variable)`` requests in batches; assign (casting) each."""
    for batch in _batches(requests):
        tensors = source.read([(name, dtype, spec) for name, dtype, spec, _ in batch])
        for i, (_, _, _, variable) in enumerate(batch):
            value = tensors[i]
            tensors[i] = None  # let the buffer go as soon as it is assigned
            if value.dtype != variable.dtype:
                value = tf.cast(value, variable.dtype)
            variable.assign(value)
            del value


def _nbytes(variable, dtype) -> int:
    shape = variable.shape.as_list()
    size = dtype.size if dtype != tf.string else 64
    return int(np.prod([d or 1 for d in shape], dtype=np.int64)) * size


def _batches(requests: list[tuple]):
    """Group ``(name, dtype, spec, variable)`` requests into reads of at most ``_BATCH_BYTES``.

    Largest first: assigning a read tensor to a variable adopts its buffer and frees the old
    one, which TensorFlow's CPU allocator keeps and reuses; freeing the biggest buffer first
    leaves room for every later read, so the whole pass needs about one largest tensor on top
    of the model (measured 1.02x of it on 1 GB; in name order 1.4x).  A tensor over the budget
    is read alone.
    """
    sized = sorted(((_nbytes(r[3], tf.as_dtype(r[1])), i) for i, r in enumerate(requests)), reverse=True)
    batch, total = [], 0
    for size, i in sized:
        request = requests[i]
        if batch and total + size > _BATCH_BYTES:
            yield batch
            batch, total = [], 0
        batch.append(request)
        total += size
    if batch:
        yield batch
