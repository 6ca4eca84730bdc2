# warns: 5:14 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [h{i}, reuse: create]
# warns: 6:17 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [h{i}/w, reuse: create]
# warns: 8:14 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [block_{j}, reuse: create]
# warns: 9:17 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [block_{j}/v, reuse: create]
# warns: 11:14 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [cell{k + 1}, reuse: create]
# warns: 12:17 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [cell{k + 1}/u, reuse: create]
import tensorflow as tf

def f(x, n_layer):
    for i in range(n_layer):
        with tf.variable_scope("h%d" % i):
            x = tf.get_variable("w", [3])
    for j in range(2):
        with tf.variable_scope(f"block_{j}"):
            x = tf.get_variable("v", [3])
    for k in range(2):
        with tf.variable_scope("cell{}".format(k + 1)):
            x = tf.get_variable("u", [3])
    return x
