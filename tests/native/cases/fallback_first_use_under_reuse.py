# warns: 6:15 tf.get_variable: compat: 'wte' is first used under reuse=True: its variables are made elsewhere (another function or file); kept in TF1 form; logits stays in TF1 form
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
# output
import tensorflow.compat.v1 as tf
from unscope import nn


def logits(h):
    with tf.variable_scope("model", reuse=True):
        wte = tf.get_variable("wte", [10, 4])
    return tf.matmul(h, wte, transpose_b=True)


class Tower(nn.Module):
    def __init__(self, name="tower"):
        super().__init__(name=name)
        self.dense = nn.Dense(4, name=f"{name}/dense")

    def __call__(self, x):
        return self.dense(x)


# tower: public, kept as TF1 code for callers elsewhere; Tower above is its native form
def tower(x, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        return tf.layers.dense(x, 4)


def evaluate(x):
    return tower(x, reuse=True)
