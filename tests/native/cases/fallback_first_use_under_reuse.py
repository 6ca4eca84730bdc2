# warns: 6:15 tf.get_variable: compat: 'wte' is first used under reuse=True: its variables are made elsewhere (another function or file); kept in TF1 form; logits stays in TF1 form
# warns: 10:1 def tower: compat: kept in TF1 form with evaluate, which it calls or is called by (a module cannot call TF1 scope code, nor TF1 code a module)
# warns: 16:12 reuse: compat: 'tower' is first used under reuse=True: its variables are made elsewhere (another function or file); kept in TF1 form; evaluate stays in TF1 form
import tensorflow.compat.v1 as tf


def logits(h):
    with tf.variable_scope("model", reuse=True):
        wte = tf.get_variable("wte", [10, 4])
    return tf.matmul(h, wte, transpose_b=True)


def tower(x, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        return tf.layers.dense(x, 4)


def evaluate(x):
    return tower(x, reuse=True)
