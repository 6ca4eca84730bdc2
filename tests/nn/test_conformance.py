"""Shared conformance for every unscope.nn layer, driven by one table (the Sonnet 2 pattern).

For each entry: eager, `tf.function` and `jit_compile=True` give the same outputs, gradients
and variable updates; a `tf.train.Checkpoint` round-trip restores into an unbuilt twin
(restore-on-create); `tf.saved_model.save`/`load` keeps outputs and TF1 variable names.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pytest
import tensorflow as tf

from unscope import nn

TOL = dict(rtol=1e-5, atol=1e-5)


class Embedding(nn.Module):
    """A hand-written native module, as migration emits for get_variable code."""

    def __init__(self, vocab=10, width=4, name="model"):
        super().__init__(name=name)
        self.wte = nn.variable(f"{name}/wte", [vocab, width],
                               initializer=tf.random_normal_initializer(stddev=0.02),
                               regularizer=lambda w: 1e-3 * tf.reduce_sum(tf.abs(w)))
        self.proj = nn.Dense(3, name=f"{name}/proj")

    def __call__(self, ids):
        return self.proj(tf.gather(self.wte, ids))


@dataclass
class Entry:
    id: str
    make: Callable
    shape: tuple
    call: Callable = lambda m, x: m(x)
    dtype: tf.DType = tf.float32
    infer: Callable = None  # a call without side effects; defaults to `call`


TABLE = [
    Entry("dense", lambda: nn.Dense(4, activation=tf.nn.relu, name="t/dense"), (3, 5)),
    Entry("dense_rank3", lambda: nn.Dense(3, name="t/d3"), (2, 3, 5)),
    Entry("conv1d_causal", lambda: nn.Conv1D(4, 3, padding="causal", name="t/c1"), (2, 8, 3)),
    Entry("conv2d", lambda: nn.Conv2D(4, 3, strides=2, padding="same", name="t/c2"), (2, 6, 6, 3)),
    Entry("conv3d", lambda: nn.Conv3D(2, 2, name="t/c3"), (2, 3, 3, 3, 2)),
    Entry("conv2d_transpose", lambda: nn.Conv2DTranspose(3, 3, strides=2, padding="same",
                                                         name="t/ct"), (2, 4, 4, 3)),
    Entry("separable_conv2d", lambda: nn.SeparableConv2D(4, 3, depth_multiplier=2,
                                                         name="t/sep"), (2, 5, 5, 3)),
    Entry("bn_fused_train", lambda: nn.BatchNormalization(name="t/bn"), (4, 3, 3, 2),
          call=lambda m, x: m(x, training=True), infer=lambda m, x: m(x)),
    Entry("bn_unfused_train", lambda: nn.BatchNormalization(name="t/bnu"), (6, 3),
          call=lambda m, x: m(x, training=True), infer=lambda m, x: m(x)),
    # A tensor flag: static in eager, a tf.cond inside tf.function.
    Entry("bn_training_tensor", lambda: nn.BatchNormalization(name="t/bnt"), (4, 3, 3, 2),
          call=lambda m, x: m(x, training=tf.reduce_sum(x) > -1e9), infer=lambda m, x: m(x)),
    Entry("bn_infer", lambda: nn.BatchNormalization(name="t/bni"), (4, 3, 3, 2)),
    Entry("contrib_batch_norm_rank2", lambda: nn.ContribBatchNorm(scale=True, name="t/BatchNorm"),
          (6, 3), infer=lambda m, x: m(x, is_training=False)),
    Entry("layer_norm", lambda: nn.LayerNorm(name="t/LayerNorm"), (2, 3, 4)),
    Entry("fully_connected", lambda: nn.FullyConnected(4, name="t/fully_connected"), (3, 5)),
    Entry("contrib_conv2d_bn", lambda: nn.ContribConv2D(
        3, 3, normalizer_fn=nn.ContribBatchNorm(name="t/Conv/BatchNorm"), name="t/Conv"),
        (2, 4, 4, 2), infer=lambda m, x: m(x, is_training=False)),
    Entry("max_pooling2d", lambda: nn.MaxPooling2D(2, 2), (2, 4, 4, 3)),
    Entry("average_pooling1d", lambda: nn.AveragePooling1D(2, 1, padding="same"), (2, 5, 3)),
    Entry("max_pooling3d", lambda: nn.MaxPooling3D(2, 1), (2, 3, 3, 3, 2)),
    Entry("flatten", lambda: nn.Flatten(), (2, 3, 4)),
    Entry("dropout_eval", lambda: nn.Dropout(0.3), (3, 4)),
    Entry("variable_module", lambda: Embedding(), (2, 5), dtype=tf.int32),
]
IDS = [e.id for e in TABLE]


def _input(entry):
    rng = np.random.RandomState(zlib.crc32(entry.id.encode()))
    if entry.dtype.is_integer:
        return tf.constant(rng.randint(0, 10, entry.shape), entry.dtype)
    return tf.constant(rng.standard_normal(entry.shape), entry.dtype)


def _built(entry):
    """A built module with random (not initial) weights, and its input."""
    module, x = entry.make(), _input(entry)
    entry.call(module, x)
    rng = np.random.RandomState(1)
    for var in module.variables:
        low = 0.5 if var.name.endswith(("gamma:0", "moving_variance:0")) else -0.5
        var.assign(rng.uniform(low, low + 1.0, var.shape).astype(var.dtype.as_numpy_dtype))
    return module, x


def _step(entry, module):
    def step(x):
        with tf.GradientTape() as tape:
            y = entry.call(module, x)
            loss = tf.reduce_sum(tf.cast(y, tf.float32) * tf.cos(tf.cast(y, tf.float32)))
        return y, tape.gradient(loss, module.trainable_variables)
    return step


@pytest.mark.parametrize("entry", TABLE, ids=IDS)
def test_eager_function_and_xla_agree(entry):
    module, x = _built(entry)
    start = [v.numpy() for v in module.variables]
    results = []
    for mode in ("eager", "function", "xla"):
        for var, value in zip(module.variables, start):
            var.assign(value)
        step = _step(entry, module)
        if mode != "eager":
            step = tf.function(step, jit_compile=mode == "xla", autograph=False)
        y, grads = step(x)
        grads = [tf.convert_to_tensor(g).numpy() for g in grads]  # IndexedSlices from gather
        results.append((y.numpy(), grads, [v.numpy() for v in module.variables]))
    (y0, g0, s0) = results[0]
    for y, grads, state in results[1:]:
        np.testing.assert_allclose(y, y0, **TOL)
        for a, b in zip(grads, g0):
            np.testing.assert_allclose(a, b, **TOL)
        for a, b in zip(state, s0):
            np.testing.assert_allclose(a, b, **TOL)


@pytest.mark.parametrize("entry", TABLE, ids=IDS)
def test_checkpoint_round_trip_restores_on_create(entry, tmp_path):
    module, x = _built(entry)
    path = tf.train.Checkpoint(model=module).write(str(tmp_path / "ckpt"))
    twin = entry.make()  # not built yet: its variables are restored as they are created
    status = tf.train.Checkpoint(model=twin).read(path)
    probe = entry.infer or entry.call
    np.testing.assert_allclose(probe(twin, x).numpy(), probe(module, x).numpy(), **TOL)
    status.assert_consumed()
    assert sorted(v.name for v in twin.variables) == sorted(v.name for v in module.variables)
    for a, b in zip(twin.variables, module.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


@pytest.mark.parametrize("entry", TABLE, ids=IDS)
def test_saved_model_round_trip(entry, tmp_path):
    module, x = _built(entry)
    holder = tf.Module()
    holder.model = module
    holder.serve = tf.function(lambda v: entry.call(module, v), autograph=False,
                               input_signature=[tf.TensorSpec(x.shape, x.dtype)])
    tf.saved_model.save(holder, str(tmp_path / "sm"))
    loaded = tf.saved_model.load(str(tmp_path / "sm"))
    saved = loaded.serve.concrete_functions[0].variables
    assert sorted(v.name for v in saved) == sorted(v.name for v in module.variables)
    # Both start from the same state; stateful entries (batch-norm training) move it alike.
    np.testing.assert_allclose(loaded.serve(x).numpy(), holder.serve(x).numpy(), **TOL)
    after = {v.name: v.numpy() for v in module.variables}
    for var in saved:
        np.testing.assert_allclose(var.numpy(), after[var.name], **TOL)
