"""One tiny training program, run by TF1 (graph + Session) and by `unscope.nn` (eager, tf.function).

The model has a dense weight, a bias and an embedding read with `tf.gather` on ids with a
repeat, so every optimizer sees dense gradients and sparse ones with duplicate indices.
Learning rates come from the same table on both sides: `lib` is `tf.compat.v1.train` in TF1
and `unscope.nn.schedules` in TF2 (same function names and arguments).
"""
from __future__ import annotations

import numpy as np
import tensorflow as tf

from unscope import nn

_rng = np.random.RandomState(7)
INIT = {
    "model/dense/kernel": _rng.normal(size=(3, 2)).astype(np.float32),
    "model/dense/bias": _rng.normal(size=(2,)).astype(np.float32),
    "model/emb": _rng.normal(size=(6, 2)).astype(np.float32),
}
X = _rng.normal(size=(4, 3)).astype(np.float32)
IDS = np.array([0, 2, 2, 5], dtype=np.int32)
TARGET = _rng.normal(size=(4, 2)).astype(np.float32)
STEPS = 12

# learning rate kind -> (lib, global_step) -> learning rate
RATES = {
    "constant": lambda lib, step: 0.05,
    "exponential": lambda lib, step: lib.exponential_decay(0.1, step, 3, 0.5, staircase=True),
    "polynomial": lambda lib, step: lib.polynomial_decay(0.1, step, 5, 0.01, power=2.0, cycle=True),
}

# name -> (TF1 class in tf.compat.v1.train, unscope.nn class, keyword arguments for both)
OPTIMIZERS = {
    "sgd": ("GradientDescentOptimizer", "GradientDescent", {}),
    "momentum": ("MomentumOptimizer", "Momentum", {"momentum": 0.9}),
    "nesterov": ("MomentumOptimizer", "Momentum", {"momentum": 0.9, "use_nesterov": True}),
    "adam": ("AdamOptimizer", "Adam", {}),
    "adam_options": ("AdamOptimizer", "Adam", {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-3,
                                               "name": "MyAdam"}),
    "rmsprop": ("RMSPropOptimizer", "RMSProp", {}),
    "rmsprop_momentum": ("RMSPropOptimizer", "RMSProp", {"decay": 0.8, "momentum": 0.9}),
    "rmsprop_centered": ("RMSPropOptimizer", "RMSProp", {"centered": True, "epsilon": 1e-6}),
    "rmsprop_centered_momentum": ("RMSPropOptimizer", "RMSProp", {"centered": True, "momentum": 0.5}),
    "adagrad": ("AdagradOptimizer", "Adagrad", {}),
    "adagrad_options": ("AdagradOptimizer", "Adagrad", {"initial_accumulator_value": 0.5,
                                                       "name": "Ada"}),
}


def loss_of(kernel, bias, emb):
    y = tf.matmul(X, kernel) + bias + tf.gather(emb, IDS)
    return tf.reduce_mean(tf.square(y - TARGET))


def _args(lib, rate, step):
    return () if rate == "default" else (RATES[rate](lib, step),)


def run_tf1(optimizer, rate, steps=STEPS, init=None, state=None):
    """Losses per step and every global variable by TF1 name after ``steps`` steps.

    ``init``/``state``: start from these values (TF1 name -> array) instead of ``INIT``.
    """
    tf1_class, _, kwargs = OPTIMIZERS[optimizer]
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        params = {name: v1.get_variable(name, initializer=value)
                  for name, value in (init or INIT).items()}
        step = v1.train.get_or_create_global_step()
        opt = getattr(v1.train, tf1_class)(*_args(v1.train, rate, step), **kwargs)
        loss = loss_of(*params.values())
        train = opt.minimize(loss, global_step=step)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            if state:
                by_name = {v.op.name: v for v in v1.global_variables()}
                for name, value in state.items():
                    by_name[name].load(value, sess)
            losses = [sess.run([loss, train])[0] for _ in range(steps)]
            final = {v.op.name: sess.run(v) for v in v1.global_variables()}
    return np.array(losses), final


def make_tf2(optimizer, rate):
    """The same program on unscope.nn: ``(params, step, opt)``."""
    _, tf2_class, kwargs = OPTIMIZERS[optimizer]
    params = {name: tf.Variable(value, name=name) for name, value in INIT.items()}
    step = nn.create_global_step()
    opt = getattr(nn, tf2_class)(*_args(nn.schedules, rate, step), **kwargs)
    return params, step, opt


def train_tf2(params, step, opt, steps=STEPS, mode="eager"):
    """Losses per step; with ``mode="function"`` also the number of traces (else 0)."""
    traces = []
    var_list = list(params.values())

    def train():
        traces.append(1)
        return opt.minimize(lambda: loss_of(*var_list), var_list, global_step=step)

    fn = tf.function(train) if mode == "function" else train
    losses = [float(fn()) for _ in range(steps)]
    return np.array(losses), (len(traces) if mode == "function" else 0)


def state_tf2(params, step, opt):
    """Every variable by TF1 name: the model's, the step, the optimizer's."""
    variables = list(params.values()) + [step] + list(opt.variables)
    return {v.name[:-2]: v.numpy() for v in variables}
