# warns: 4:12 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [w, reuse: create]
from tensorflow.compat import v1

def f(x):
    return v1.get_variable("w", [3])
