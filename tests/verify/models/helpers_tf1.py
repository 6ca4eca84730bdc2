"""Imported by old_contrib.py; must see TF1 as well (tf.to_float exists only in TF1)."""
import tensorflow as tf
from tensorflow.python.ops import array_ops  # TF internals stay the real modules

assert array_ops.__name__ == "tensorflow.python.ops.array_ops"


def square(t):
    return tf.to_float(t) * t
