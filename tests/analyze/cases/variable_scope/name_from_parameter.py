# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [{scope}, reuse: create]
# warns: 5:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [{scope}/kernel, reuse: create]
import tensorflow as tf

def dense(x, scope, n=4):
    with tf.variable_scope(scope):
        return tf.get_variable("kernel", [3, n])
