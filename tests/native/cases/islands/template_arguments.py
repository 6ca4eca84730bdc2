# warns: 6:5 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime; encoder stays in TF1 form, a compat island inside Build
# verify
import tensorflow.compat.v1 as tf


def encoder(x, width):
    w = tf.get_variable("w", [x.shape[-1], width])
    tf.add_to_collection("encoders", w)
    return tf.nn.sigmoid(tf.matmul(x, w))


def build(x):
    enc = tf.make_template("encoder", encoder, width=4)
    return enc(x) - enc(2.0 * x)
# output
import functools

import tensorflow.compat.v1 as tf
import unscope
from unscope import nn


def encoder(x, width):
    w = tf.get_variable("w", [x.shape[-1], width])
    tf.add_to_collection("encoders", w)
    return tf.nn.sigmoid(tf.matmul(x, w))


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = unscope.track(functools.partial(encoder, width=4), scope="encoder")

    def __call__(self, x):
        enc = self.encoder
        return enc(x) - enc(2.0 * x)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    enc = tf.make_template("encoder", encoder, width=4)
    return enc(x) - enc(2.0 * x)
