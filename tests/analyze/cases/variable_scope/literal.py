# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [encoder, reuse: create]
# warns: 5:14 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [encoder/layer_0, reuse: create]
# warns: 6:20 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [encoder/layer_0/w, reuse: create]
import tensorflow as tf

def f(x):
    with tf.variable_scope("encoder"):
        with tf.variable_scope("layer_0"):
            return tf.get_variable("w", [3])
