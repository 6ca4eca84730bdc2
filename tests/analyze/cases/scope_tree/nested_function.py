# warns: 5:14 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [model/{first|second}, reuse: create]
# warns: 6:20 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [model/{first|second}/w, reuse: create]
# warns: 7:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [model, reuse: create]
import tensorflow as tf

def model(x):
    def layer(h, name):
        with tf.variable_scope(name):
            return tf.get_variable("w", [3])
    with tf.variable_scope("model"):
        a = layer(x, "first")
        return layer(a, "second")
