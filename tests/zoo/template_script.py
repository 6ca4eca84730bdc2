"""A module-level make_template (TF1, 2018): one network object shared by the whole script."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"a": np.linspace(0, 1, 10, dtype=np.float32).reshape(2, 5),
          "b": np.linspace(1, -1, 10, dtype=np.float32).reshape(2, 5)}


def _encoder(x, units=3):
    h = tf.layers.dense(x, units, activation=tf.nn.relu, name="hidden")
    scale = tf.get_variable("scale", [units], initializer=tf.constant_initializer(0.5))
    return h * scale


encode = tf.make_template("encoder", _encoder, units=4)


def build(a, b):
    ea, eb = encode(a), encode(b)
    return tf.reduce_sum(ea * eb, axis=1), ea - eb
