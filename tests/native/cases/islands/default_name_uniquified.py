# warns: 7:9 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime; block stays in TF1 form, a compat island inside Build
# verify
import tensorflow.compat.v1 as tf


def block(x, name=None):
    with tf.variable_scope(name, default_name="block"):
        u = tf.get_variable("u", [4, 4], initializer=tf.constant_initializer(0.3))
        tf.add_to_collection("blocks", u)
        return tf.matmul(x, u)


def build(x):
    x = block(x)
    x = block(x)
    with tf.variable_scope("stack", reuse=tf.AUTO_REUSE):
        for _ in range(2):
            x = block(x)
    return x
# output
import tensorflow.compat.v1 as tf
import unscope
from unscope import nn


def block(x, name=None):
    with tf.variable_scope(name, default_name="block"):
        u = tf.get_variable("u", [4, 4], initializer=tf.constant_initializer(0.3))
        tf.add_to_collection("blocks", u)
        return tf.matmul(x, u)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = unscope.track(block, scope="")
        self.block_1 = unscope.track(block, scope="")
        self.stack_block = [unscope.track(block, scope="stack") for _ in ("block", "block_1")]

    def __call__(self, x):
        x = self.block(x, name="block")
        x = self.block_1(x, name="block_1")
        for i in range(2):
            x = self.stack_block[i](x, name=("block", "block_1")[i])
        return x


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    x = block(x)
    x = block(x)
    with tf.variable_scope("stack", reuse=tf.AUTO_REUSE):
        for _ in range(2):
            x = block(x)
    return x
