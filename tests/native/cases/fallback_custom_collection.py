# warns: 6:5 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime; build stays in TF1 form
import tensorflow.compat.v1 as tf


def build(x):
    w = tf.get_variable("w", [4, 4])
    tf.add_to_collection("weights", w)
    return tf.matmul(x, w)
