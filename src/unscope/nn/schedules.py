"""TF1's learning-rate decays on `global_step`, as TF1 returned them eagerly: callables.

    step = create_global_step()                       # int64 "global_step:0", starts at 0
    lr = exponential_decay(0.1, step, decay_steps=1000, decay_rate=0.96, staircase=True)
    opt = unscope.nn.Adam(lr)                         # lr() is read once per apply
    lr()                                              # the rate at the current step

Each function has the signature of its `tf.compat.v1.train` twin and computes the same
value with the same operations, in a graph as TF1 did (so the graph optimizer's rewrites
make the same last bits); the schedule reads `global_step` each time it is called (eagerly
and inside `tf.function`). Schedules are plain objects, not `tf.Module`s, so an
optimizer holding one does not save the step a second time in its checkpoint.

Needs only TensorFlow and the standard library (vendored with `unscope.nn`).
"""
from __future__ import annotations

import math

import tensorflow as tf

from .variables import variable

__all__ = ["Schedule", "cosine_decay", "create_global_step", "exponential_decay",
           "inverse_time_decay", "natural_exp_decay", "piecewise_constant", "polynomial_decay"]


def create_global_step(name="global_step"):
    """TF1's global step: a non-trainable int64 scalar variable named `global_step`, at 0."""
    return variable(name, [], tf.int64, initializer="zeros", trainable=False,
                    aggregation=tf.VariableAggregation.ONLY_FIRST_REPLICA)


class Schedule:
    """A learning rate that is a function of a step variable; call it for the current value."""

    def __init__(self, formula, global_step, name):
        if global_step is None:
            raise ValueError(f"global_step is required for {name}.")
        self._formula = formula
        self._graph_formula = tf.function(formula)
        self.global_step = global_step
        self.name = name

    def __call__(self):
        # Eagerly the formula still runs as a graph: TF1 computed it in one, and the graph
        # optimizer changes last bits (x / 7 becomes x * (1 / 7)), once even a step's
        # ceil() in polynomial_decay(cycle=True).  Inside a tf.function it is inlined.
        if tf.executing_eagerly():
            return self._graph_formula(self.global_step)
        return self._formula(self.global_step)

    def __repr__(self):
        return f"<unscope.nn.schedules.{self.name} of {getattr(self.global_step, 'name', 'step')}>"


def _progress(step, decay_steps, staircase, dtype):
    """`global_step / decay_steps`, floored when `staircase` (shared by the exponential decays)."""
    p = tf.cast(step, dtype) / tf.cast(decay_steps, dtype)
    return tf.floor(p) if staircase else p


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    """`learning_rate * decay_rate ** (global_step / decay_steps)` (floored when `staircase`)."""
    def formula(step):
        lr = tf.convert_to_tensor(learning_rate, name="initial_learning_rate")
        p = _progress(step, decay_steps, staircase, lr.dtype)
        return tf.multiply(lr, tf.pow(tf.cast(decay_rate, lr.dtype), p))
    return Schedule(formula, global_step, name or "ExponentialDecay")


def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    """`learning_rate * exp(-decay_rate * global_step / decay_steps)`, computed as TF1 did."""
    def formula(step):
        lr = tf.convert_to_tensor(learning_rate, name="initial_learning_rate")
        rate = tf.exp(tf.negative(decay_rate))
        p = _progress(step, decay_steps, staircase, lr.dtype)
        return tf.multiply(lr, tf.pow(tf.cast(rate, lr.dtype), p))
    return Schedule(formula, global_step, name or "NaturalExpDecay")


def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                       name=None):
    """`learning_rate / (1 + decay_rate * global_step / decay_steps)`."""
    def formula(step):
        lr = tf.convert_to_tensor(learning_rate, name="initial_learning_rate")
        p = _progress(step, decay_steps, staircase, lr.dtype)
        denom = tf.add(tf.cast(tf.constant(1), lr.dtype), tf.multiply(tf.cast(decay_rate, lr.dtype), p))
        return tf.divide(lr, denom)
    return Schedule(formula, global_step, name or "InverseTimeDecay")


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001,
                     power=1.0, cycle=False, name=None):
    """From `learning_rate` to `end_learning_rate` in `decay_steps` as `(1 - p) ** power`;
    with `cycle`, the decay restarts at each multiple of `decay_steps`."""
    def formula(step):
        lr = tf.convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype
        end, pw = tf.cast(end_learning_rate, dtype), tf.cast(power, dtype)
        step = tf.cast(step, dtype)
        steps = tf.cast(decay_steps, dtype)
        if cycle:
            multiplier = tf.where(tf.equal(step, 0), 1.0, tf.math.ceil(step / decay_steps))
            steps = tf.multiply(steps, multiplier)
        else:
            step = tf.minimum(step, steps)
        p = tf.divide(step, steps)
        return tf.add(tf.multiply(lr - end, tf.pow(1 - p, pw)), end)
    return Schedule(formula, global_step, name or "PolynomialDecay")


def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None):
    """`learning_rate * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)`."""
    def formula(step):
        lr = tf.convert_to_tensor(learning_rate, name="initial_learning_rate")
        steps = tf.cast(decay_steps, lr.dtype)
        fraction = tf.minimum(tf.cast(step, lr.dtype), steps) / steps
        cosine = 0.5 * (1.0 + tf.cos(tf.constant(math.pi) * fraction))
        return tf.multiply(lr, (1 - alpha) * cosine + alpha)
    return Schedule(formula, global_step, name or "CosineDecay")


def piecewise_constant(x, boundaries, values, name=None):
    """`values[0]` up to and including `boundaries[0]`, `values[1]` up to `boundaries[1]`, ...

    Boundaries are cast to the step's dtype, as TF1 did; `len(values) == len(boundaries) + 1`.
    """
    if len(values) != len(boundaries) + 1:
        raise ValueError("The length of boundaries should be 1 less than the length of values")

    def formula(step):
        step = tf.convert_to_tensor(step)
        bounds = [tf.cast(tf.convert_to_tensor(b), step.dtype) for b in boundaries]
        vals = [tf.convert_to_tensor(v) for v in values]
        value = vals[0]
        # the intervals are exclusive and exhaustive: pick the one the step is in
        for low, v in zip(bounds, vals[1:]):
            value = tf.where(step > low, v, value)
        return value
    return Schedule(formula, global_step=x, name=name or "PiecewiseConstant")
