# warns: 5:9 tf.layers: compat: unnamed layers or default_name scopes here get different TF1 names at different calls of mlp (dense and dense_2); name them, or give mlp its own variable_scope; mlp stays in TF1 form
# warns: 9:1 def build: compat: kept in TF1 form with mlp, which it calls or is called by (a module cannot call TF1 scope code, nor TF1 code a module)
import tensorflow.compat.v1 as tf


def mlp(x):
    h = tf.layers.dense(x, 4)
    return tf.layers.dense(h, 4)


def build(x):
    return mlp(x) + mlp(x)
