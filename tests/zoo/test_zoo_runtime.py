"""Every zoo model runs unmodified on the unscope runtime and equals TF1 itself."""
import json

import numpy as np
import pytest
import tensorflow as tf

import unscope
from tests.zoo import harness


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("zoo_oracle")
    harness.run_oracle(harness.ZOO, outdir)
    return outdir


def _expected(oracle, name):
    meta = json.loads((oracle / f"{name}.json").read_text())
    arrays = dict(np.load(oracle / f"{name}.npz"))
    return meta, arrays


def _build(name):
    module = harness.load_on_unscope(name)
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    model = unscope.track(module.build, name=name)
    model(**inputs)
    return model, inputs


@pytest.mark.slow
@pytest.mark.parametrize("name", harness.ZOO)
def test_zoo_model_equals_tf1(name, oracle):
    meta, expected = _expected(oracle, name)
    model, inputs = _build(name)
    assert [[v.name, v.shape.as_list(), v.dtype.base_dtype.name] for v in model.variables] == meta["variables"]
    assert [v.name for v in model.trainable_variables] == meta["trainable"]
    for v in model.variables:
        v.assign(expected[f"var:{v.name}"])
    with tf.GradientTape() as tape:
        outs = harness.flatten(model(**inputs))
        total = tf.add_n([tf.reduce_sum(o) for o in outs if o.dtype.is_floating])
    grads = tape.gradient(total, model.trainable_variables)
    for i, out in enumerate(outs):
        np.testing.assert_allclose(out.numpy(), expected[f"out:{i}"], rtol=1e-5, atol=1e-5, err_msg=f"output {i}")
    for v, g in zip(model.trainable_variables, grads):
        key = f"grad:{v.name}"
        if key in expected:
            np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), expected[key], rtol=1e-4, atol=1e-5, err_msg=key)
        else:
            assert g is None, key
    reg = model.regularization_losses
    np.testing.assert_allclose(float(tf.add_n(reg)) if reg else 0.0, expected["reg"], rtol=1e-5, atol=1e-7)
    assert len(reg) == meta["n_regs"]
    for fn in (tf.function(model), tf.function(model, jit_compile=True)):
        for i, out in enumerate(harness.flatten(fn(**inputs))):
            np.testing.assert_allclose(out.numpy(), expected[f"out:{i}"], rtol=1e-4, atol=1e-5)
    assert len(model.variables) == len(meta["variables"])  # tracing created nothing new
