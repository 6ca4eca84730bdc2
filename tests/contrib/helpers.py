"""Shared test helpers: TF1 graph runs, store-mode runs, deterministic weights."""
from __future__ import annotations

import zlib

import numpy as np
import tensorflow as tf

import unscope

v1 = tf.compat.v1
GK = v1.GraphKeys
TOL = dict(rtol=1e-5, atol=1e-5)


def value_for(name, shape):
    """Deterministic weights for a variable, keyed by its TF1 name (same in every mode)."""
    rng = np.random.RandomState(zlib.crc32(name.split(":")[0].encode()))
    return (np.asarray(rng.uniform(-1.0, 1.0, size=shape)) + 0.1).astype(np.float32)


def names(variables):
    return [v.name for v in variables]


def graph_run(build, feeds=(), runs=1, assign=True):
    """Build in a fresh TF1 graph; set every global variable to `value_for`; run the output.

    `build()` returns the tensor(s) to evaluate; UPDATE_OPS run with it.  Returns
    (outputs of the last run, {name: value after the runs}, graph facts).
    """
    with tf.Graph().as_default() as g:
        out = build()
        gv = v1.global_variables()
        facts = {
            "global": names(gv),
            "trainable": names(v1.trainable_variables()),
            "model": names(v1.model_variables()),
            "update_ops": list(v1.get_collection(GK.UPDATE_OPS)),
            "losses": list(v1.get_collection(GK.REGULARIZATION_LOSSES)),
            "graph": g,
        }
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            if assign:
                for v in gv:
                    v.load(value_for(v.name, v.shape.as_list()), sess)
            with tf.control_dependencies(facts["update_ops"]):
                fetch = tf.nest.map_structure(tf.identity, out)
            result = None
            for i in range(runs):
                feed = feeds[i] if isinstance(feeds, list) else dict(feeds)
                result = sess.run(fetch, feed)
            facts["loss_values"] = sess.run(facts["losses"])
            values = {v.name: sess.run(v) for v in gv}
    return result, values, facts


def tracked(fn, *args, function=False, **kwargs):
    """`unscope.track(fn)` called once to build, weights set to `value_for`; returns the module
    and a callable (eager, or a tf.function when `function`) to run it again."""
    module = unscope.track(fn)
    module(*args, **kwargs)
    for v in module.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    return module, (tf.function(module) if function else module)
