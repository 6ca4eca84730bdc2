# warns: 5:9 tf.layers: compat: unnamed layers or default_name scopes here get different TF1 names at different calls of mlp (dense and dense_2); name them, or give mlp its own variable_scope; mlp stays in TF1 form
# warns: 10:12 mlp: compat: mlp stays in TF1 form and cannot be a compat island inside build here: it has no variable_scope of its own and tf.layers.dense (line 5) takes its TF1 name from build's counters; give mlp its own variable_scope; build stays in TF1 form
import tensorflow.compat.v1 as tf


def mlp(x):
    h = tf.layers.dense(x, 4)
    return tf.layers.dense(h, 4)


def build(x):
    return mlp(x) + mlp(x)
