"""Subprocess entry: a 2018-style program using tf_slim (TF1's contrib layers) in a TF1 graph.

    TF_USE_LEGACY_KERAS=1 python tests/native/slim_tf1.py PROGRAM.py OUT.pkl

The program defines ``build(x, training)``; it is built for training, then again under
``reuse=True`` for inference. With every variable set to ``start_value`` of its name the
run records: the inference output before training, one training step (output, gradients
of sum(out**2) with respect to x and each trainable variable, the UPDATE_OPS run with it
as the train op would), every variable after it, the inference output after it, and the
summed regularization losses. The aliases are those of tests/contrib/slim_oracle_runner.py:
tf_slim 1.1.0 predates TF 2.16; ``tf.contrib.layers`` / ``tf.contrib.slim`` are tf_slim.
"""
import pickle
import sys
import types
import zlib

import numpy as np

import tf_keras.src.legacy_tf_layers as _legacy  # noqa: E402
import tf_keras.src.legacy_tf_layers.normalization as _legacy_norm  # noqa: E402

sys.modules.setdefault("tf_keras.legacy_tf_layers", _legacy)
sys.modules.setdefault("tf_keras.legacy_tf_layers.normalization", _legacy_norm)

import tensorflow as tf  # noqa: E402
from tensorflow.python.framework import ops as _ops  # noqa: E402
from tensorflow.python.ops import control_flow_ops as _cfo  # noqa: E402

_ops.Tensor = getattr(_ops, "Tensor", tf.Tensor)
_cfo.cond = getattr(_cfo, "cond", tf.cond)

import tf_slim  # noqa: E402

# TF 2.21 has no tf.contrib: tf_slim is contrib's layers, moved out of TensorFlow
tf.compat.v1.contrib = types.SimpleNamespace(layers=tf_slim, slim=tf_slim)

X = np.linspace(-1.0, 1.5, 24, dtype=np.float32).reshape(4, 6)


def start_value(name: str, shape) -> np.ndarray:
    """Positive where a batch norm needs it (variance, scale), else around zero."""
    rng = np.random.RandomState(zlib.crc32(name.encode()))
    if "moving_variance" in name or "gamma" in name:
        return rng.uniform(0.5, 1.5, size=shape).astype(np.float32)
    return rng.uniform(-0.6, 0.6, size=shape).astype(np.float32)


def run(source: str) -> dict:
    v1 = tf.compat.v1
    namespace: dict = {}
    with tf.Graph().as_default():
        exec(compile(source, "<tf1>", "exec"), namespace)
        x = tf.constant(X)
        train = namespace["build"](x, True)
        with v1.variable_scope(v1.get_variable_scope(), reuse=True):
            infer = namespace["build"](x, False)
        variables = v1.global_variables()
        trainable = v1.trainable_variables()
        grads = tf.gradients(tf.reduce_sum(train * train), [x] + trainable)
        updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
        reg = v1.losses.get_regularization_losses()
        with v1.Session() as sess:
            for v in variables:
                v.load(start_value(v.name, v.shape.as_list()), sess)
            before = sess.run(infer)
            got_train, got_grads, _ = sess.run([train, grads, updates])
            after_vars = sess.run(variables)
            after = sess.run(infer)
            reg_sum = float(sess.run(tf.add_n(reg))) if reg else 0.0
    return {"shapes": {v.name: v.shape.as_list() for v in variables},
            "before": before, "train": got_train,
            "grads": dict(zip(["x"] + [v.name for v in trainable], got_grads)),
            "after_vars": dict(zip([v.name for v in variables], after_vars)),
            "after": after, "reg": reg_sum}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        program = fh.read()
    with open(sys.argv[2], "wb") as fh:
        pickle.dump(run(program), fh)
