# warns: 4:12 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [w, reuse: create]
import tensorflow.compat.v1 as tf

def f(x):
    return tf.get_variable("w", [3])
