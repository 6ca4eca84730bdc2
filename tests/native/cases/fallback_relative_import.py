# warns: 8:16 conv_block: compat: calls a relative import (conv_block), which may make TF1 variables native mode cannot see; migrate that module first; encoder stays in TF1 form
import tensorflow.compat.v1 as tf

from .layers import conv_block


def encoder(x):
    with tf.variable_scope("encoder"):
        return conv_block(tf.layers.dense(x, 8), "block0")
