# warns: 5:12 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [w, reuse: create]
import tensorflow as tf
tfv1 = tf.compat.v1

def f(x):
    return tfv1.get_variable("w", [3])
