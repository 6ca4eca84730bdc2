# warns: 6:13 tf.layers.dense: compat: an unnamed layer or default_name scope under an if/while/try: its TF1 name depends on run-time control flow; build stays in TF1 form
import tensorflow.compat.v1 as tf


def build(x, depth):
    while depth > 0:
        x = tf.layers.dense(x, 4)
        depth -= 1
    return x
