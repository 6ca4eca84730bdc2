# warns: 5:12 tf.layers.no_such_layer: manual: unscope.layers has no `no_such_layer` and tf.layers needs Keras 2 (tf_keras); rewritten to unscope.layers.no_such_layer - replace it by hand
import tensorflow.compat.v1 as tf


def net(x):
    return tf.layers.no_such_layer(x)
# output
import tensorflow as tf
import unscope


def net(x):
    return unscope.layers.no_such_layer(x)
