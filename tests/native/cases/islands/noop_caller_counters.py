# warns: 6:5 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime; mlp stays in TF1 form
# warns: 12:16 mlp: compat: mlp stays in TF1 form and cannot be a compat island inside build here: it has no variable_scope of its own and tf.layers.dense (line 5) takes its TF1 name from build's counters; give mlp its own variable_scope; build stays in TF1 form
import tensorflow.compat.v1 as tf


def mlp(x):
    h = tf.layers.dense(x, 4, activation=tf.nn.relu)
    tf.add_to_collection("hidden", h)
    return tf.layers.dense(h, 2)


def build(x):
    with tf.variable_scope("model"):
        return mlp(x) + mlp(2.0 * x)
