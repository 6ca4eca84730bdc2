# warns: 10:21 layer: compat: layer is used as a value in build (line 10); native mode rewrites only direct calls; layer stays in TF1 form
import tensorflow.compat.v1 as tf


def layer(x):
    with tf.variable_scope("layer", reuse=tf.AUTO_REUSE):
        return tf.layers.dense(x, 4)


def build(xs):
    return list(map(layer, xs))
