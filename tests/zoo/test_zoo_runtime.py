"""Every zoo model runs unmodified on the unscope runtime and equals TF1 itself."""
import numpy as np
import pytest
import tensorflow as tf

import unscope
from tests.zoo import harness


@pytest.mark.slow
@pytest.mark.parametrize("name", harness.ZOO)
def test_zoo_model_equals_tf1(name, zoo_oracle):
    module = harness.load_on_unscope(name)
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    model = unscope.track(module.build, name=name)
    model(**inputs)
    meta, arrays = harness.assert_matches_tf1(model, inputs, zoo_oracle, name)
    for fn in (tf.function(model), tf.function(model, jit_compile=True)):
        for i, out in enumerate(harness.flatten(fn(**inputs))):
            np.testing.assert_allclose(out.numpy(), arrays[f"out:{i}"], rtol=1e-4, atol=1e-5)
    assert len(model.variables) == len(meta["variables"])  # tracing created nothing new
