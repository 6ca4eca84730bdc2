"""Tiny models for the checkpoint tests; also the ``--model FILE.py:ATTR`` file of the CLI tests.

``tiny`` is TF1-style code on the unscope runtime: in a TF1 graph it *is* tf.compat.v1 (that
is how the TF1 checkpoints are made), under ``unscope.track`` it owns TF2 variables.  ``Net``
is a hand-written native twin with the same TF1 names.
"""
from __future__ import annotations

import numpy as np
import tensorflow as tf

import unscope

EMB_PARTS = 3
SHAPES = {"model/dense/kernel": (4, 3), "model/dense/bias": (3,), "model/emb": (10, 3),
          "model/ln/gamma": (3,)}
IDS = np.array([1, 5, 9], dtype=np.int32)
X = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)


def tiny(ids, x, parts=EMB_PARTS):
    v1 = tf.compat.v1
    with unscope.variable_scope("model"):
        with unscope.variable_scope("dense"):
            kernel = unscope.get_variable("kernel", [4, 3])
            bias = unscope.get_variable("bias", [3], initializer=v1.random_normal_initializer())
        partitioner = v1.fixed_size_partitioner(parts) if parts else None
        emb = unscope.get_variable("emb", [10, 3], partitioner=partitioner)
        with unscope.variable_scope("ln"):
            gamma = unscope.get_variable("gamma", [3], initializer=v1.random_uniform_initializer(1, 2))
    h = tf.matmul(x, kernel) + bias
    return (h + tf.gather(tf.convert_to_tensor(emb), ids)) * gamma


def tiny_whole(ids, x):
    """``tiny`` without a partitioner: ``model/emb`` is one variable."""
    return tiny(ids, x, parts=None)


def part_shapes(full, parts):
    """TF1's fixed_size_partitioner split along axis 0: the first parts get the remainder."""
    base, extra = divmod(full[0], parts)
    return [(base + (i < extra),) + tuple(full[1:]) for i in range(parts)]


class Dense(tf.Module):
    def __init__(self, scope, n_in, n_out, dtype=tf.float32):
        super().__init__()
        self.kernel = tf.Variable(tf.zeros([n_in, n_out], dtype), name=f"{scope}/kernel")
        self.bias = tf.Variable(tf.zeros([n_out], dtype), name=f"{scope}/bias")

    def __call__(self, x):
        return tf.matmul(x, self.kernel) + self.bias


class Net(tf.Module):
    """Native twin of ``tiny``: variables made in ``__init__``, held in attributes, a list, a dict."""

    def __init__(self, emb_parts=EMB_PARTS, dtype="float32"):
        super().__init__()
        dtype = tf.as_dtype(dtype)
        self.dense = Dense("model/dense", 4, 3, dtype)
        if emb_parts:
            self.emb = [tf.Variable(tf.zeros(shape, dtype), name=f"model/emb/part_{i}")
                        for i, shape in enumerate(part_shapes((10, 3), emb_parts))]
        else:
            self.emb = [tf.Variable(tf.zeros([10, 3], dtype), name="model/emb")]
        self.ln = {"gamma": tf.Variable(tf.zeros([3], dtype), name="model/ln/gamma")}

    def __call__(self, ids, x):
        emb = tf.concat(self.emb, axis=0)
        return (self.dense(x) + tf.gather(emb, ids)) * self.ln["gamma"]


class LazyNet(tf.Module):
    """Creates its variables on the first call, from the input width (needs ``--example``)."""

    def __init__(self, width=3):
        super().__init__()
        self.width = width
        self.dense = None

    def __call__(self, ids, x):
        if self.dense is None:
            self.dense = Dense("model/dense", int(x.shape[-1]), self.width)
            self.emb = [tf.Variable(tf.zeros([10, self.width]), name="model/emb")]
            self.ln = {"gamma": tf.Variable(tf.zeros([self.width]), name="model/ln/gamma")}
        return (self.dense(x) + tf.gather(self.emb[0], ids)) * self.ln["gamma"]


class Broken(tf.Module):
    def __init__(self):
        super().__init__()
        raise RuntimeError("cannot build this one")


net = Net()
not_a_model = 42


def values_of(model) -> dict[str, np.ndarray]:
    """TF1 name -> value of a native ``Net`` or a track module, partitioned parts joined."""
    out, parts = {}, {}
    for v in model.variables:
        name = v.name[:-2]
        base, sep, index = name.rpartition("/part_")
        if sep:
            parts.setdefault(base, {})[int(index)] = v.numpy()
        else:
            out[name] = v.numpy()
    for base, by_index in parts.items():
        out[base] = np.concatenate([by_index[i] for i in sorted(by_index)], axis=0)
    return out


def make_tf1_checkpoint(prefix, *, parts=EMB_PARTS, optimizer="adam", seed=1, steps=1, dtype=tf.float32):
    """Train ``tiny`` for ``steps`` in a TF1 graph and save it with ``tf.compat.v1.train.Saver``.

    Returns ``(values, output)``: TF1 name -> value as the session saw it (partitioned variables
    joined), and the model's output on (IDS, X) after training.
    """
    v1 = tf.compat.v1
    dtype = tf.as_dtype(dtype)
    with tf.Graph().as_default():
        v1.set_random_seed(seed)
        with unscope.variable_scope("", dtype=dtype):
            y = tiny(tf.constant(IDS), tf.constant(X, dtype), parts=parts)
        loss = tf.reduce_sum(tf.square(y))
        step = v1.train.get_or_create_global_step()
        opt = {"adam": v1.train.AdamOptimizer(0.1), "momentum": v1.train.MomentumOptimizer(0.1, 0.9),
               "sgd": v1.train.GradientDescentOptimizer(0.1)}[optimizer]
        train = opt.minimize(loss, global_step=step)
        by_name = {v.op.name: v for v in v1.global_variables()}
        model_vars = {name: by_name[name].read_value() if name in by_name else
                      tf.concat([by_name[f"{name}/part_{i}"].read_value() for i in range(parts)], 0)
                      for name in SHAPES}
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for _ in range(steps):
                sess.run(train)
            values, output = sess.run([model_vars, y])
            v1.train.Saver().save(sess, str(prefix))
    return values, output
