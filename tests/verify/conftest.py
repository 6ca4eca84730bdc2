"""Shared OLD runs: each costs a TF1 worker process (~3 s), so tests share them."""
import os
import sys

import pytest

MODELS = os.path.join(os.path.dirname(__file__), "models")
if MODELS not in sys.path:
    sys.path.insert(0, MODELS)

MLP_INPUTS = "x:float32[2,4],ids:int32[2,3]<5"
BN_INPUTS = "x:float32[5,4]"


def model(path_attr: str) -> str:
    """``"old_zoo.py:mlp"`` -> an absolute FILE.py:NAME target in tests/verify/models."""
    return os.path.join(MODELS, path_attr)


@pytest.fixture(scope="session")
def mlp_old():
    from unscope.verify import run_old

    return run_old(model("old_zoo.py:mlp"), MLP_INPUTS)


@pytest.fixture(scope="session")
def bn_training_old():
    """tf.layers dense + batch norm in training mode (tf.layers from tf_keras when installed)."""
    from unscope.verify import run_old

    return run_old(model("old_layers.py:bn_net"), BN_INPUTS, training=True)


@pytest.fixture(scope="session")
def dropout_training_old():
    from unscope.verify import run_old

    return run_old(model("old_layers.py:dropout_net"), BN_INPUTS, training=True)
