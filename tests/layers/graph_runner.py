"""Run a small layers program in a fresh TF1 graph and record what TF1 tests look at.

Used twice: as a script in a subprocess with ``TF_USE_LEGACY_KERAS=1`` and
``L = tf.compat.v1.layers`` (the oracle), and imported in the test process with
``L = unscope.layers``.  It imports neither tf_keras nor unscope itself.

A program is a dict:
  body    Python statements using ``L`` (the layers module), ``V`` (``tf.compat.v1`` or
          ``unscope``: variable_scope, get_collection, GraphKeys), ``tf``, ``np``, the
          inputs by name; results go to the dict ``out``.
  inputs  name -> {"shape": [...], "dtype": "float32", "batch_none": bool} (random normal),
          or {"bool": True} (a bool placeholder / tensor fed with that value).
  steps   optional: that many training steps from the initial weights (outputs fetched
          with UPDATE_OPS each step): ``step_outputs`` and ``after_steps``.
"""
from __future__ import annotations

import os
import pickle
import sys

import numpy as np


def make_arrays(program):
    """The program's input values (same in every process: one seeded generator)."""
    rng = np.random.RandomState(0)
    arrays = {}
    for name in sorted(program.get("inputs", {})):
        spec = program["inputs"][name]
        if "bool" in spec:
            arrays[name] = np.array(spec["bool"])
        else:
            arrays[name] = rng.normal(size=spec["shape"]).astype(spec.get("dtype", "float32"))
    return arrays


def _placeholder(tf, name, spec, value):
    shape = list(value.shape)
    if spec.get("batch_none"):
        shape[0] = None
    return tf.compat.v1.placeholder(value.dtype, shape, name=name)


def run_graph(program, L, V, weights=None, seed=1):
    """Build, initialise (optionally load ``weights`` by name), evaluate; a dict of results."""
    import tensorflow as tf

    v1 = tf.compat.v1
    arrays = make_arrays(program)
    graph = tf.Graph()
    result = {}
    with graph.as_default():
        v1.set_random_seed(seed)
        tensors = {n: _placeholder(tf, n, program["inputs"][n], a) for n, a in arrays.items()}
        out = {}
        namespace = dict(tf=tf, np=np, L=L, V=V, out=out, **tensors)
        try:
            exec(program["body"], namespace)
        except Exception as error:  # noqa: BLE001 - the error is the result
            return {"error": (type(error).__name__, str(error))}
        variables = v1.global_variables()
        trainable = {id(v) for v in v1.trainable_variables()}
        result["variables"] = [(v.name, tuple(v.shape.as_list()), v.dtype.base_dtype.name,
                                id(v) in trainable) for v in variables]
        losses = v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES)
        updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
        result["regularization_losses"] = [t.name for t in losses]
        result["update_ops"] = [op.name for op in updates]
        result["output_names"] = {k: t.name for k, t in out.items() if hasattr(t, "name")}
        feeds = {tensors[n]: a for n, a in arrays.items()}
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            if weights is not None:
                for v in variables:
                    v.load(weights[v.name], sess)
            result["weights"] = {v.name: sess.run(v) for v in variables}
            result["outputs"] = sess.run(out, feeds)
            result["reg_values"] = sess.run(losses, feeds)
            if updates:
                sess.run(updates, feeds)
                result["after_update"] = {v.name: sess.run(v) for v in variables}
            if program.get("steps"):
                # Training steps from the initial weights: each fetches the outputs and runs
                # UPDATE_OPS, as a train op under control_dependencies(UPDATE_OPS) would.
                for v in variables:
                    v.load(result["weights"][v.name], sess)
                result["step_outputs"] = [sess.run([out, updates], feeds)[0]
                                          for _ in range(program["steps"])]
                result["after_steps"] = {v.name: sess.run(v) for v in variables}
    return result


def main(argv):
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import warnings

    warnings.simplefilter("ignore")
    import tensorflow as tf

    with open(argv[1], "rb") as f:
        programs = pickle.load(f)
    results = {name: run_graph(p, tf.compat.v1.layers, tf.compat.v1) for name, p in programs.items()}
    with open(argv[2], "wb") as f:
        pickle.dump(results, f)


if __name__ == "__main__":
    main(sys.argv)
