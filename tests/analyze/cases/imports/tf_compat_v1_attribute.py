# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [layer, reuse: create]
# warns: 5:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [layer/w, reuse: create]
import tensorflow as tf

def f(x):
    with tf.compat.v1.variable_scope("layer"):
        return tf.compat.v1.get_variable("w", [3])
