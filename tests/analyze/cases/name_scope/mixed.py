# warns: 4:10 tf.name_scope: native: name_scope mixed with variable scopes: it prefixes tf.Variable and op names, not get_variable or layer variables; migration keeps TF1's names [tower_0]
# warns: 5:13 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [w, reuse: create]
import tensorflow as tf

def f(x):
    with tf.name_scope("tower_0"):
        w = tf.get_variable("w", [3])
    with tf.name_scope("summaries"):
        y = tf.reduce_mean(x)
    return w, y
