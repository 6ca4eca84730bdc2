# warns: 3:12 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [w, reuse: create]
def f(x):
    import tensorflow.compat.v1 as tf1
    return tf1.get_variable("w", [3])
