# warns: 6:17 tf.variable_scope: compat: TF1 variable scope 'embedding/table' is reached from two places (embed and logits) that native mode would give separate modules; TF1 shares it by name; embed stays in TF1 form, a compat island inside Build
# warns: 12:17 tf.variable_scope: compat: TF1 variable scope 'embedding/table' is reached from two places (embed and logits) that native mode would give separate modules; TF1 shares it by name; logits stays in TF1 form, a compat island inside Build
import tensorflow.compat.v1 as tf


def embed(ids):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [10, 4])
        return tf.gather(table, ids)


def logits(h):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [10, 4])
        return tf.matmul(h, table, transpose_b=True)


def build(ids):
    return logits(embed(ids))
# output
import tensorflow.compat.v1 as tf
import unscope
from unscope import nn


def embed(ids):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [10, 4])
        return tf.gather(table, ids)


def logits(h):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [10, 4])
        return tf.matmul(h, table, transpose_b=True)


class Build(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = unscope.track(embed, scope="")
        self.embedding_2 = unscope.track(logits, scope="", share=self.embedding)

    def __call__(self, ids):
        return self.embedding_2(self.embedding(ids))


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(ids):
    return logits(embed(ids))
