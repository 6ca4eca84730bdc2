"""Subprocess entry: run slim_oracle_cases under the real tf_slim (TF1 slim on tf_keras).

tf_slim 1.1.0 predates TF 2.16; three aliases let it import on TF 2.21 with legacy Keras
(TF_USE_LEGACY_KERAS=1 must be set by the caller before TensorFlow is imported).
"""
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(__file__))

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

import slim_oracle_cases  # noqa: E402

with open(sys.argv[1], "wb") as f:
    pickle.dump(slim_oracle_cases.run_all(tf_slim, tf, "graph"), f)
