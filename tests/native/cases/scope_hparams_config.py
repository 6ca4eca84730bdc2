import tensorflow.compat.v1 as tf


def model(hparams, tokens, scope="model"):
    with tf.variable_scope(scope):
        wte = tf.get_variable("wte", [hparams.n_vocab, hparams.n_embd])
        h = tf.gather(wte, tokens)
        for layer in range(hparams.n_layer):
            h = tf.layers.dense(h, hparams.n_embd, name="h%d" % layer)
        return tf.matmul(h, wte, transpose_b=True)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Model(nn.Module):
    def __init__(self, hparams, scope="model"):
        super().__init__(name=scope)
        self.hparams = hparams
        self.wte = nn.variable(f"{scope}/wte", [hparams.n_vocab, hparams.n_embd])
        self.h = [nn.Dense(hparams.n_embd, name=f"{scope}/h{layer}")
                  for layer in range(hparams.n_layer)]

    def __call__(self, tokens):
        wte = self.wte
        h = tf.gather(wte, tokens)
        for layer in range(self.hparams.n_layer):
            h = self.h[layer](h)
        return tf.matmul(h, wte, transpose_b=True)


# model: public, kept as TF1 code for callers elsewhere; Model above is its native form
def model(hparams, tokens, scope="model"):
    with tf.variable_scope(scope):
        wte = tf.get_variable("wte", [hparams.n_vocab, hparams.n_embd])
        h = tf.gather(wte, tokens)
        for layer in range(hparams.n_layer):
            h = tf.layers.dense(h, hparams.n_embd, name="h%d" % layer)
        return tf.matmul(h, wte, transpose_b=True)
