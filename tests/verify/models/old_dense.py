"""OLD for the input-draw tests: one dense layer, no activation (TF1)."""
import tensorflow as tf


def dense(x):
    return tf.layers.dense(x, 1, name="dense")
