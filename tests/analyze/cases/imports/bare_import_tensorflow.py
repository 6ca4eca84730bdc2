# warns: 4:12 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [w, reuse: create]
import tensorflow

def f(x):
    return tensorflow.compat.v1.get_variable("w", [3])
