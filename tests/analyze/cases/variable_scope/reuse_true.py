# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [shared, reuse: create]
# warns: 5:13 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [shared/w, reuse: create]
# warns: 6:10 tf.variable_scope: native: reuse=True: native mode shares by calling the same module [shared, reuse: reuse]
# warns: 7:13 tf.get_variable: native: reused variable: native mode reads the one its module already owns [shared/w, reuse: reuse]
import tensorflow as tf

def f(x):
    with tf.variable_scope("shared"):
        a = tf.get_variable("w", [3])
    with tf.variable_scope("shared", reuse=True):
        b = tf.get_variable("w", [3])
    return a, b
