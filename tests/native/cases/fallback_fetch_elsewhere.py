# warns: 6:15 tf.get_variable: compat: 'wte' is first used under reuse=True: its variables are made elsewhere (another function or file); kept in TF1 form; head stays in TF1 form
import tensorflow.compat.v1 as tf


def head(h):
    with tf.variable_scope("model", reuse=True):
        wte = tf.get_variable("wte")
    return tf.matmul(h, wte, transpose_b=True)
