"""A TF1 model on tf.contrib.layers, imported with every common spelling of TensorFlow."""
import tensorflow as tf
import tensorflow.compat.v1 as tfv1
import tensorflow.contrib.layers as contrib_layers_alias
from tensorflow.contrib import layers as contrib_layers
from tensorflow.compat.v1 import get_variable_scope

from helpers_tf1 import square  # a sibling file: it gets the TF1 tensorflow too


def contrib_net(x):
    """fully_connected + layer_norm + an l2 regularizer, written as TF 1.x code."""
    assert tfv1 is tf and tf.compat.v1 is tf, "compat.v1 must be OLD's own tf"
    assert contrib_layers_alias.fully_connected is contrib_layers.fully_connected
    assert get_variable_scope().name == ""
    assert not tf.executing_eagerly(), "OLD runs in TF1 graph mode"
    h = contrib_layers.fully_connected(
        x, 6, weights_regularizer=tf.contrib.layers.l2_regularizer(0.05))
    h = contrib_layers.layer_norm(h)
    return {"out": contrib_layers.fully_connected(h, 2, activation_fn=None, scope="out"),
            "sq": square(h)}
