# warns: 6:40 tf.variable_scope: compat: the scope object vs is read at run time (line 6); kept in TF1 form; build stays in TF1 form
import tensorflow.compat.v1 as tf


def build(x):
    with tf.variable_scope("out") as vs:
        tf.logging.info("building %s", vs.name)
        return tf.layers.dense(x, 2)
