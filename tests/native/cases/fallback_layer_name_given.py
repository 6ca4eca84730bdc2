# warns: 5:12 tf.layers: compat: an unnamed layer whose TF1 name depends on the caller's scope; projection stays in TF1 form
# warns: 10:16 projection: compat: passes name='logits' to projection, whose layers TF1 names by their default names when name is None; native mode handles only None there; build stays in TF1 form
import tensorflow.compat.v1 as tf


def projection(x, units, name=None):
    return tf.layers.dense(x, units, name=name)


def build(x):
    with tf.variable_scope("model"):
        return projection(projection(x, 4), 2, name="logits")
