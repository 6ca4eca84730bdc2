# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [node, reuse: create]
# warns: 5:13 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [node/w, reuse: create]
import tensorflow as tf

def tree(x, depth):
    with tf.variable_scope("node"):
        w = tf.get_variable("w", [3])
        if depth:
            return tree(x, depth - 1)
        return w
