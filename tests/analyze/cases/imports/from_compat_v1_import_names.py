# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [layer, reuse: create]
# warns: 5:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [layer/w, reuse: create]
from tensorflow.compat.v1 import variable_scope as vs, get_variable

def f(x):
    with vs("layer"):
        return get_variable("w", [3])
