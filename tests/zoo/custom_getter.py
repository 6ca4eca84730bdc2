"""Weight transform through a custom getter (TF1, 2018): every weight is used l2-normalised
with a learned gain, as weight-normalisation code did."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.linspace(-2, 2, 12, dtype=np.float32).reshape(3, 4)}


def weight_norm_getter(getter, name, *args, **kwargs):
    var = getter(name, *args, **kwargs)
    if not name.endswith("kernel"):
        return var
    gain = getter(name + "_g", shape=[var.shape[-1]], initializer=tf.ones_initializer())
    return gain * tf.nn.l2_normalize(var, axis=0)


def build(x):
    with tf.variable_scope("wn_net", custom_getter=weight_norm_getter,
                           regularizer=lambda w: 0.01 * tf.nn.l2_loss(w)):
        h = tf.layers.dense(x, 6, activation=tf.nn.relu, name="fc1")
        return tf.layers.dense(h, 2, name="fc2")
