"""nn.variable(): exact TF1 names everywhere, TF1's default initializers, every initializer kind."""
import math

import numpy as np
import pytest
import tensorflow as tf

from unscope import nn
from unscope.nn.variables import regularizer_of


def _in_eager(make):
    return make()


def _in_name_scope(make):
    with tf.name_scope("outer"), tf.name_scope("inner"):
        return make()


def _in_function(make):
    made = []

    @tf.function(autograph=False)
    def fn():
        with tf.name_scope("traced"):
            if not made:
                made.append(make())
        return tf.constant(0)

    fn()
    return made[0]


def _in_tf1_graph(make):
    with tf.Graph().as_default():
        with tf.compat.v1.variable_scope("vs"), tf.name_scope("ns"):
            return make()


MODES = [_in_eager, _in_name_scope, _in_function, _in_tf1_graph]


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.__name__)
def test_variable_name_is_exact_in_every_mode(mode):
    var = mode(lambda: nn.variable("model/h0/attn/c_attn/w", [2, 3]))
    assert var.name == "model/h0/attn/c_attn/w:0"


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.__name__)
def test_layer_variable_names_are_exact_in_every_mode(mode):
    def make():
        dense = nn.Dense(4, name="model/h0/mlp/dense")
        dense(tf.ones([2, 3]))
        return dense
    dense = mode(make)
    assert sorted(v.name for v in dense.variables) == [
        "model/h0/mlp/dense/bias:0", "model/h0/mlp/dense/kernel:0"]
    assert dense.name == "dense" and dense.scope_name == "model/h0/mlp/dense"


def test_name_with_output_suffix_is_accepted():
    assert nn.variable("a/b:0", [1]).name == "a/b:0"


@pytest.mark.parametrize("bad", ["", "/a", "a/"])
def test_bad_names_are_rejected(bad):
    with pytest.raises(ValueError, match="TF1 path"):
        nn.variable(bad, [1])


@pytest.mark.parametrize("shape", [[300, 200], [3, 3, 16, 32], [500]])
def test_default_float_initializer_is_glorot_uniform(shape):
    values = nn.variable("g", shape).numpy().ravel()
    if len(shape) == 1:
        fan_in = fan_out = shape[0]
    else:
        receptive = math.prod(shape[:-2])
        fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    assert np.abs(values).max() <= limit
    assert np.abs(values).max() > 0.95 * limit
    assert abs(values.std() - limit / math.sqrt(3)) < 0.1 * limit
    assert abs(values.mean()) < 0.1 * limit


@pytest.mark.parametrize("dtype", [tf.int32, tf.int64, tf.bool, tf.uint8])
def test_default_initializer_for_ints_and_bools_is_zeros(dtype):
    var = nn.variable("step", [3], dtype)
    assert var.dtype == dtype
    assert not np.any(var.numpy())


def test_default_initializer_for_other_dtypes_is_required():
    with pytest.raises(ValueError, match="An initializer for variable s of string is required"):
        nn.variable("s", [2], tf.string)


@pytest.mark.parametrize("initializer, expected", [
    (tf.compat.v1.constant_initializer(3.0), 3.0),                 # TF1 object
    (tf.compat.v1.ones_initializer, 1.0),                          # TF1 class: instantiated
    (tf.constant_initializer(2.0), 2.0),                           # TF2 object
    (tf.zeros_initializer(), 0.0),
    (tf.initializers.Constant(5.0), 5.0),                          # tf.initializers.* (Keras)
    ("ones", 1.0),
    (lambda shape, dtype=None: tf.fill(shape, tf.constant(7.0, dtype)), 7.0),
])
def test_initializer_kinds(initializer, expected):
    var = nn.variable("v", [2, 3], tf.float32, initializer)
    np.testing.assert_array_equal(var.numpy(), np.full([2, 3], expected, np.float32))


def test_random_initializer_objects_are_used():
    var = nn.variable("w", [400], initializer=tf.random_normal_initializer(stddev=0.02))
    assert 0.015 < var.numpy().std() < 0.025
    truncated = tf.compat.v1.truncated_normal_initializer(stddev=3.0)
    var = nn.variable("w1", [400], initializer=truncated)
    assert np.abs(var.numpy()).max() <= 6.0 and var.numpy().std() > 1.5


def test_initializer_honours_dtype():
    var = nn.variable("d", [2], tf.float64, tf.compat.v1.random_uniform_initializer())
    assert var.dtype == tf.float64


def test_constant_initializer_gives_shape_and_dtype():
    var = nn.variable("c", initializer=np.arange(6, dtype=np.int64).reshape(2, 3))
    assert var.shape == (2, 3) and var.dtype == tf.int64
    var = nn.variable("t", initializer=tf.constant([1.5, 2.5]))
    assert var.dtype == tf.float32 and var.numpy().tolist() == [1.5, 2.5]


def test_constant_initializer_with_shape_is_an_error_as_in_tf1():
    with pytest.raises(ValueError, match="do not specify shape"):
        nn.variable("c", [2], initializer=tf.constant([1.0, 2.0]))


def test_constant_initializer_dtype_mismatch_is_an_error_as_in_tf1():
    with pytest.raises(ValueError, match="don't match"):
        nn.variable("c", dtype=tf.int32, initializer=tf.constant([1.0]))


def test_shape_is_required_for_callable_initializers():
    with pytest.raises(ValueError, match="shape"):
        nn.variable("x", None)
    with pytest.raises(ValueError, match="fully defined"):
        nn.variable("x", [None, 3])


def test_unknown_initializer_name():
    with pytest.raises(ValueError, match="unknown initializer name"):
        nn.variable("x", [2], initializer="he_maybe")


def test_trainable_constraint_and_regularizer_are_kept():
    def reg(w):
        return tf.reduce_sum(w)

    def clip(w):
        return tf.clip_by_value(w, 0.0, 1.0)

    var = nn.variable("x", [2], trainable=False, constraint=clip, regularizer=reg)
    assert not var.trainable
    assert var.constraint is clip
    assert regularizer_of(var) is reg
    assert regularizer_of(nn.variable("y", [2])) is None


def test_variable_made_in_tape_is_not_watched_and_is_lifted_from_function():
    with tf.GradientTape() as tape:
        var = nn.variable("v", [2], initializer="ones")
    assert tape.watched_variables() == ()
    assert var.numpy().tolist() == [1.0, 1.0]
