"""Speed of the migrated train step against the TF1 Session step it came from.

The TF1 side is benchmarks/train_step_tf1.py's program: benchmarks/gpt2_tf1.py's GPT-2-style
model (4 layers x 256, batch 8 x 128 tokens), softmax cross-entropy, `AdamOptimizer.minimize`,
one `sess.run([train_op, loss], feed_dict)` per step, in a tf.compat.v1 graph.  The migrated
side is what `unscope migrate --mode native` makes of that script (checked at start-up: the
program pass's output must contain the train step written here): the natively migrated model,
`unscope.nn.Adam`, one `tf.function` with `input_signature`, a `tf.GradientTape`.  Both start
from the same weights (the TF1 session's initial values copied by TF1 name) and get the same
batches; the first loss of each is printed.  Variants run alternately step by step, and each
ratio is the median of per-step ratios.

    .venv/bin/python benchmarks/train_step_speed.py [--steps 30] [--json out.json] [--analysis]

`--analysis` adds where the time goes: op counts of both graphs before and after grappler,
variable reads, optimizer kernels, and the variants (XLA, `reduce_retracing`, Keras 3's Adam).
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import gpt2_models  # noqa: E402
import gpt2_tf1  # noqa: E402
import unscope  # noqa: E402
from unscope import nn  # noqa: E402

BATCH, CTX, VOCAB = 8, gpt2_tf1.CTX, gpt2_tf1.VOCAB
RATE = 1e-4
_rng = np.random.RandomState(0)
BATCHES = [_rng.randint(0, VOCAB, size=(BATCH, CTX + 1)).astype(np.int32) for _ in range(4)]

# The train step as the program pass emits it for train_step_tf1.py (checked by migrated_program()).
EMITTED = '''
    @tf.function(input_signature=[
        tf.TensorSpec([8, 128], tf.int32),
        tf.TensorSpec([8, 128], tf.int32),
    ])
    def train_step(ids, labels):
        with tf.GradientTape() as tape:
            logits = model(ids)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=tf.reshape(labels, [-1]), logits=logits))
        variables = model.trainable_variables
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(grads, variables), global_step=step)
        return loss
'''


def migrated_program() -> tuple[type, str]:
    """Migrate gpt2_tf1.py and train_step_tf1.py natively; (the model class, the program text)."""
    out = Path(tempfile.mkdtemp())
    model_source = (HERE / "gpt2_tf1.py").read_text()
    model_result = unscope.migrate_source(model_source, mode="native", path=str(HERE / "gpt2_tf1.py"))
    program = unscope.migrate_source((HERE / "train_step_tf1.py").read_text(), mode="native",
                                     path=str(HERE / "train_step_tf1.py"))
    if model_result.error or program.error or EMITTED not in program.code:
        raise SystemExit("the program pass no longer emits the train step timed here:\n" + program.code)
    (out / "gpt2_native.py").write_text(model_result.code)
    spec = importlib.util.spec_from_file_location("gpt2_native", out / "gpt2_native.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cls = {c["function"]: c["class"] for c in model_result.classes}["model"]
    return getattr(module, cls), program.code


def tf1_session():
    """The TF1 program's graph and Session: (run one step -> loss, {name: initial value}, graph, fetches)."""
    v1 = tf.compat.v1
    graph = tf.Graph()
    with graph.as_default():
        ids = v1.placeholder(tf.int32, [BATCH, CTX])
        labels = v1.placeholder(tf.int32, [BATCH, CTX])
        # gpt2_models.tf1_model is gpt2_tf1.model op for op (same TF1 names), runnable under
        # tf.compat.v1 (gpt2_tf1.py spells gelu as TF2's tf.nn.gelu, which compat.v1 lacks)
        logits = gpt2_models.tf1_model(v1, ids)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.reshape(labels, [-1]), logits=logits))
        step = v1.train.get_or_create_global_step()
        train_op = v1.train.AdamOptimizer(RATE).minimize(loss, global_step=step)
        grads = tf.gradients(loss, v1.trainable_variables())  # forward + backward only
        sess = v1.Session(graph=graph)
        sess.run(v1.global_variables_initializer())
        values = {v.op.name: sess.run(v) for v in v1.trainable_variables()}

    def run(batch):
        return sess.run([train_op, loss], {ids: batch[:, :-1], labels: batch[:, 1:]})[1]

    def run_grads(batch):
        return sess.run([loss, grads], {ids: batch[:, :-1], labels: batch[:, 1:]})[0]
    return run, run_grads, values, graph, [train_op, loss]


def migrated_step(model_class, values, *, jit=None, relax=False, keras_adam=False, grads_only=False):
    """The migrated program's objects and train step (EMITTED), the model set to ``values``."""
    model = model_class()
    model(tf.zeros([8, 128], tf.int32))
    for variable in model.variables:
        variable.assign(values[variable.name[:-2]])
    step = nn.create_global_step()
    if keras_adam:
        import keras

        optimizer = keras.optimizers.Adam(RATE, epsilon=1e-8)  # Keras 3's update: separate ops
    else:
        optimizer = nn.Adam(RATE)
        optimizer.build(model.trainable_variables)
    options = {"input_signature": [tf.TensorSpec([8, 128], tf.int32)] * 2}
    if jit is not None:
        options["jit_compile"] = jit
    if relax:
        options["reduce_retracing"] = True  # experimental_relax_shapes' current name

    def train_step(ids, labels):
        with tf.GradientTape() as tape:
            logits = model(ids)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=tf.reshape(labels, [-1]), logits=logits))
        variables = model.trainable_variables
        grads = tape.gradient(loss, variables)
        if grads_only:
            return loss, grads
        if keras_adam:
            optimizer.apply_gradients(zip(grads, variables))
            step.assign_add(1)
        else:
            optimizer.apply_gradients(zip(grads, variables), global_step=step)
        return loss

    function = tf.function(train_step, **options)

    def run(batch):
        return [t.numpy() for t in tf.nest.flatten(function(batch[:, :-1], batch[:, 1:]))][0]
    return run, function


def measure(steps: int, analysis: bool) -> dict:
    model_class, _ = migrated_program()
    tf1_run, tf1_grads, values, graph, fetches = tf1_session()
    variants = {"tf1/grads_only": tf1_grads} if analysis else {}  # first: it leaves the weights as they are
    variants["tf1/session"] = tf1_run
    functions = {}
    # the same step twice: their ratio is this machine's noise floor
    specs = {"migrated/function": {}, "migrated/function_again": {}}
    if analysis:
        specs.update({"migrated/xla": {"jit": True}, "migrated/reduce_retracing": {"relax": True},
                      "keras_adam/function": {"keras_adam": True},
                      "migrated/grads_only": {"grads_only": True},
                      "migrated/grads_only_xla": {"grads_only": True, "jit": True}})
    first_call, first_loss = {}, {}
    for name, options in specs.items():
        run, function = migrated_step(model_class, values, **options)
        variants[name], functions[name] = run, function
    for name, run in variants.items():
        t0 = time.perf_counter()
        first_loss[name] = float(run(BATCHES[0]))
        first_call[name] = time.perf_counter() - t0
    names = list(variants)
    times = {n: [] for n in names}
    for i in range(steps):
        order = names[i % len(names):] + names[:i % len(names)]  # rotate who goes first
        batch = BATCHES[1 + i % (len(BATCHES) - 1)]
        for n in order:
            t0 = time.perf_counter()
            variants[n](batch)
            times[n].append(time.perf_counter() - t0)
    result = {"steps": steps, "first_loss": first_loss, "first_call_s": first_call,
              "traces": {n: f.experimental_get_tracing_count() for n, f in functions.items()},
              "noise_floor": statistics.median(a / b for a, b in zip(times["migrated/function_again"],
                                                                     times["migrated/function"])),
              "median_step_s": {n: statistics.median(t) for n, t in times.items()},
              "ratios_vs_tf1": {n: statistics.median(a / b for a, b in zip(times[n], times[_baseline(n)]))
                                for n in names if not n.startswith("tf1/")}}
    if analysis:
        result["graphs"] = {"tf1/session": graph_profile(graph.as_graph_def(), [f.op.name if hasattr(f, "op")
                                                                                  else f.name for f in fetches])}
        for name, function in functions.items():
            if name.endswith(("xla", "again")) or name == "migrated/grads_only":
                continue
            concrete = function.get_concrete_function()
            result["graphs"][name] = graph_profile(concrete.graph.as_graph_def(),
                                                   [t.op.name for t in concrete.outputs])
    return result


def _baseline(name: str) -> str:
    """Train steps are compared with TF1's train step, forward+backward with TF1's."""
    return "tf1/grads_only" if "grads_only" in name else "tf1/session"


_COUNTED = ("ReadVariableOp", "ResourceApplyAdam", "AssignVariableOp", "AssignAddVariableOp",
            "ResourceGather", "Identity", "MatMul", "BatchMatMulV3", "_FusedMatMul", "NoOp", "Const")


def graph_profile(graph_def, fetch_names) -> dict:
    """Op counts of a graph before and after grappler's default passes (as a Session runs them)."""
    from tensorflow.core.protobuf import config_pb2, meta_graph_pb2
    from tensorflow.python.grappler import tf_optimizer

    def counts(gd):
        ops = collections.Counter(node.op for node in gd.node)
        for function in gd.library.function:
            ops.update(node.op for node in function.node_def)
        return {"ops": sum(ops.values()), **{k: ops.get(k, 0) for k in _COUNTED}}

    meta = meta_graph_pb2.MetaGraphDef()
    meta.graph_def.CopyFrom(graph_def)
    fetch = meta.collection_def["train_op"]
    for name in fetch_names:
        fetch.node_list.value.append(name)
    config = config_pb2.ConfigProto()
    optimized = tf_optimizer.OptimizeGraph(config, meta)
    return {"before_grappler": counts(graph_def), "after_grappler": counts(optimized)}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--json")
    parser.add_argument("--analysis", action="store_true")
    args = parser.parse_args()
    result = measure(args.steps, args.analysis)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text)


if __name__ == "__main__":
    main()
