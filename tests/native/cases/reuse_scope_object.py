# verify
import tensorflow.compat.v1 as tf


def build(x):
    with tf.variable_scope("enc") as enc_scope:
        w = tf.get_variable("w", [4, 4])
    with tf.variable_scope(enc_scope, reuse=True):
        w_again = tf.get_variable("w", [4, 4])
    return tf.matmul(tf.matmul(x, w), w_again)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc_w = nn.variable("enc/w", [4, 4])

    def __call__(self, x):
        w = self.enc_w
        w_again = self.enc_w
        return tf.matmul(tf.matmul(x, w), w_again)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("enc") as enc_scope:
        w = tf.get_variable("w", [4, 4])
    with tf.variable_scope(enc_scope, reuse=True):
        w_again = tf.get_variable("w", [4, 4])
    return tf.matmul(tf.matmul(x, w), w_again)
