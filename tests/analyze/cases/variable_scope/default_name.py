# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [block, reuse: create]
# warns: 5:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [block/w, reuse: create]
# warns: 8:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [Linear, reuse: create]
# warns: 9:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [Linear/Matrix, reuse: create]
import tensorflow as tf

def block(x, scope=None):
    with tf.variable_scope(scope, default_name="block"):
        return tf.get_variable("w", [3])

def linear(x, scope=None):
    with tf.variable_scope(scope or "Linear"):
        return tf.get_variable("Matrix", [3])
