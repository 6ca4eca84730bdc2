"""The OLD side of `unscope verify`, run as ``python -m unscope.verify.worker REQUEST.json``.

Runs OLD's function once in TF1 graph mode (``tensorflow`` resolved to ``tensorflow.compat.v1``
with v2 behaviour disabled) on placeholders shaped like the example inputs, initialises or
restores its variables, runs one step per input draw (each from the same weights) and writes ``result.json`` + ``result.npz`` into the
request's ``out_dir``: variables (TF1 name, shape, dtype, trainable, value), outputs, the
regularization losses, gradients of the sum of the floating outputs with respect to each
trainable variable and, in training mode, the variables after the step (UPDATE_OPS run
with the outputs, as a TF1 training step runs them). On failure it writes ``error.json``.
"""
from __future__ import annotations

import json
import os
import sys
import traceback

import numpy as np

# Stateful random ops: their values differ between processes and runs.
RANDOM_OP_TYPES = frozenset({
    "RandomUniform", "RandomUniformInt", "RandomStandardNormal", "TruncatedNormal",
    "ParameterizedTruncatedNormal", "RandomGamma", "RandomGammaGrad", "RandomPoisson",
    "RandomPoissonV2", "Multinomial", "RandomShuffle", "RandomCrop",
    "StatefulUniform", "StatefulUniformInt", "StatefulUniformFullInt",
    "StatefulStandardNormal", "StatefulStandardNormalV2", "StatefulTruncatedNormal",
    "StatefulRandomBinomial",
})
_VARIABLE_OP_TYPES = frozenset({"VariableV2", "Variable", "VarHandleOp", "Placeholder"})


class WorkerUsageError(Exception):
    """The request names something that does not exist (a function, a checkpoint)."""


def random_ops(fetches) -> list[str]:
    """Stateful random ops that `fetches` depend on, as ``"name (Type)"``."""
    seen, stack, found = set(), [f if hasattr(f, "inputs") else f.op for f in fetches], []
    while stack:
        op = stack.pop()
        if op is None or op.name in seen:
            continue
        seen.add(op.name)
        if op.type in RANDOM_OP_TYPES:
            found.append(f"{op.name} ({op.type})")
        if op.type in _VARIABLE_OP_TYPES:
            continue
        stack.extend(t.op for t in op.inputs)
        stack.extend(op.control_inputs)
    return sorted(found)


def _savable(array: np.ndarray) -> np.ndarray:
    array = np.asarray(array)
    if array.dtype.kind == "V" or array.dtype.name == "bfloat16":
        return array.astype(np.float32)
    return array


def check_checkpoint(tf, prefix: str, variables) -> None:
    """Every variable is in the checkpoint with its shape and dtype, or one line says which."""
    import difflib

    reader = tf.train.load_checkpoint(prefix)
    shapes = reader.get_variable_to_shape_map()
    dtypes = reader.get_variable_to_dtype_map()
    problems = []
    spare = [n for n in shapes if n not in {v.op.name for v in variables}]
    for v in variables:
        name, shape = v.op.name, [int(d) for d in v.shape]
        dtype = v.dtype.base_dtype.name
        if name not in shapes:
            close = difflib.get_close_matches(name, spare, n=2)
            hint = f"; closest: {', '.join(repr(c) for c in close)}" if close else ""
            problems.append(f"{name} {_shape(shape)} {dtype} is not in the checkpoint{hint}")
        elif list(shapes[name]) != shape or dtypes[name].base_dtype.name != dtype:
            problems.append(f"{name}: the model has {_shape(shape)} {dtype}, the checkpoint "
                            f"{_shape(shapes[name])} {dtypes[name].base_dtype.name}")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RuntimeError(f"restoring {prefix}: {problems[0]}{more}")


def _shape(shape) -> str:
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def _load_draws(paths) -> list[dict]:
    draws = []
    for path in paths:
        with np.load(path, allow_pickle=False) as data:
            draws.append({k: np.asarray(data[k]) for k in data.files})
    return draws


def run(request: dict) -> tuple[dict, dict]:
    import tensorflow as tf

    from unscope.verify import old_imports
    from unscope.verify.calls import flatten, mode_kwargs
    from unscope.verify.modelfile import load_file

    v1 = tf.compat.v1
    v1.disable_v2_behavior()
    v1.logging.set_verbosity(v1.logging.ERROR)

    layers_source = request["layers"]
    if layers_source == "tf_keras":
        import tf_keras

        layers_desc = f"tf_keras {tf_keras.__version__}"
    else:
        layers_desc = "unscope.layers"
    layers_used, contrib_used = [], []
    old_imports.install(layers_source,
                        on_layers_use=lambda: layers_used or layers_used.append(1),
                        on_contrib_use=lambda: contrib_used or contrib_used.append(1))

    draws = _load_draws(request["draws"])
    inputs = draws[0]
    training = bool(request["training"])

    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(int(request["seed"]))
        if request.get("same_random"):
            from unscope.verify import same_random

            same_random.install(int(request["seed"]))
        loaded = load_file(request["path"], "old")
        try:
            fn = loaded.resolve(request["attr"])
        except ValueError as exc:
            raise WorkerUsageError(str(exc)) from None
        if not callable(fn):
            raise WorkerUsageError(f"{os.path.basename(request['path'])}:{request['attr']} is a "
                                   f"{type(fn).__name__}, not a function")
        placeholders = {name: v1.placeholder(tf.as_dtype(a.dtype), a.shape, name=name)
                        for name, a in inputs.items()}
        mode = mode_kwargs(fn, training, inputs)
        try:
            structure = fn(**placeholders, **mode)
        except NameError as exc:
            why = loaded.explain(getattr(exc, "name", None) or "")
            if why:
                raise NameError(f"{exc} ({why})") from None
            raise

        leaves = flatten(structure)
        # a returned train_op / update op has no value to compare
        skipped = [key for key, value in leaves if isinstance(value, tf.Operation)]
        outputs = [(key, tf.convert_to_tensor(value)) for key, value in leaves
                   if key not in skipped]
        variables = list(v1.global_variables())
        trainable_ids = {id(v) for v in v1.trainable_variables()}
        trainables = [v for v in variables if id(v) in trainable_ids]
        reg_losses = list(v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES))
        floats = [t for _, t in outputs if t.dtype.is_floating]
        gradients = []
        if request["grads"] and floats and trainables:
            wide = any(t.dtype == tf.float64 for t in floats)
            dtype = tf.float64 if wide else tf.float32
            target = tf.add_n([tf.cast(tf.reduce_sum(t), dtype) for t in floats])
            gradients = [None if g is None else tf.convert_to_tensor(g)
                         for g in v1.gradients(target, trainables)]
        update_ops = list(v1.get_collection(v1.GraphKeys.UPDATE_OPS)) if training else []
        fetched_graph = [t for _, t in outputs] + [g for g in gradients if g is not None]
        randoms = random_ops(fetched_graph + update_ops)

        init = [v1.global_variables_initializer(), v1.local_variables_initializer(),
                v1.tables_initializer()]
        saver = v1.train.Saver(var_list=variables) if request.get("checkpoint") and variables \
            else None

    with v1.Session(graph=graph) as sess:
        sess.run(init)
        if saver is not None:
            check_checkpoint(tf, request["checkpoint"], variables)
            try:
                saver.restore(sess, request["checkpoint"])
            except (ValueError, tf.errors.NotFoundError, tf.errors.InvalidArgumentError,
                    tf.errors.DataLossError) as exc:
                message = str(exc).strip().splitlines()[0]
                raise RuntimeError(f"restoring {request['checkpoint']}: {message}") from None
        before = sess.run(variables)
        fetches = {
            "outputs": [t for _, t in outputs],
            "gradients": [g for g in gradients if g is not None],
            "reg": reg_losses,
            "updates": update_ops,
        }
        runs = []
        for k, draw in enumerate(draws):
            if k and training:  # every draw starts from the same weights
                for v, value in zip(variables, before):
                    v.load(value, sess)
            feed = {placeholders[name]: value for name, value in draw.items()}
            values = sess.run(fetches, feed_dict=feed)
            after = sess.run(variables) if training else None
            runs.append((values, after))

    arrays = {}
    meta = {
        "tf_version": tf.__version__,
        "layers": layers_desc,
        "layers_used": bool(layers_used),
        "contrib_used": bool(contrib_used),
        "notes": loaded.notes,
        "mode_arg": next(iter(mode), None),
        "training": training,
        "random_ops": randoms,
        "skipped_outputs": skipped,
        "seed": int(request["seed"]),
        "grads": bool(request["grads"]),
        "checkpoint": request.get("checkpoint"),
        "same_random": bool(request.get("same_random")),
        "update_ops": len(update_ops),
        "draws": len(draws),
        "variables": [],
        "outputs": [],
        "gradients": [],
        "regularization": len(reg_losses),
    }
    for i, (v, value) in enumerate(zip(variables, before)):
        meta["variables"].append({
            "name": v.op.name, "shape": [int(d) for d in np.shape(value)],
            "dtype": v.dtype.base_dtype.name, "trainable": id(v) in trainable_ids,
        })
        arrays[f"v{i}"] = _savable(value)
    for key, tensor in outputs:
        meta["outputs"].append({"key": key, "dtype": tensor.dtype.name})
    for v, g in zip(trainables, gradients):
        meta["gradients"].append({"name": v.op.name, "present": g is not None})
    for k, (values, after) in enumerate(runs):
        for i, value in enumerate(values["outputs"]):
            arrays[f"d{k}_o{i}"] = _savable(value)
        computed = iter(values["gradients"])
        for i, g in enumerate(gradients):
            if g is not None:
                arrays[f"d{k}_g{i}"] = _savable(next(computed))
        for i, value in enumerate(after or ()):
            arrays[f"d{k}_a{i}"] = _savable(value)
    for i, value in enumerate(runs[0][0]["reg"]):
        arrays[f"r{i}"] = _savable(value)
    return meta, arrays


def main(argv: list[str]) -> int:
    with open(argv[1]) as f:
        request = json.load(f)
    out_dir = request["out_dir"]
    try:
        meta, arrays = run(request)
    except BaseException as exc:  # everything goes back to the parent as one record
        from unscope.verify.inputs import UsageError

        kind = "usage" if isinstance(exc, (WorkerUsageError, UsageError)) else "build"
        record = {
            "kind": kind,
            "type": type(exc).__name__,
            "message": str(exc).strip().splitlines()[0] if str(exc).strip() else "",
            "traceback": traceback.format_exc(),
        }
        with open(os.path.join(out_dir, "error.json"), "w") as f:
            json.dump(record, f)
        return 3
    np.savez(os.path.join(out_dir, "result.npz"), **arrays)
    with open(os.path.join(out_dir, "result.json"), "w") as f:
        json.dump(meta, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
