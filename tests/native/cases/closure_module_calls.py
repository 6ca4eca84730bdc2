import tensorflow.compat.v1 as tf


def lm(hparams, X, past=None, scope="lm", reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        wte = tf.get_variable("wte", [hparams.n_vocab, hparams.n_embd])
        h = tf.gather(wte, X)
        seen = h if past is None else tf.concat([past, h], axis=-2)
        return tf.einsum("bte,ve->btv", h + tf.reduce_mean(seen, axis=1, keepdims=True), wte), h


def sample(*, hparams, length, context):
    def step(hparams, tokens, past=None):
        return lm(hparams=hparams, X=tokens, past=past, reuse=tf.AUTO_REUSE)

    def body(past, prev, output):
        logits, present = step(hparams, prev, past=past)
        samples = tf.argmax(logits[:, -1], axis=-1, output_type=tf.int32)[:, None]
        past = present if past is None else tf.concat([past, present], axis=-2)
        return [past, samples, tf.concat([output, samples], axis=1)]

    past, prev, output = body(None, context, context)
    _, _, tokens = tf.while_loop(
        lambda *args: True, body, [past, prev, output], maximum_iterations=length - 1,
        shape_invariants=[tf.TensorShape([None, None, hparams.n_embd]),
                          tf.TensorShape([None, None]), tf.TensorShape([None, None])])
    return tokens
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Lm(nn.Module):
    def __init__(self, hparams, scope="lm"):
        super().__init__(name=scope)
        self.wte = nn.variable(f"{scope}/wte", [hparams.n_vocab, hparams.n_embd])

    def __call__(self, X, past=None):
        wte = self.wte
        h = tf.gather(wte, X)
        seen = h if past is None else tf.concat([past, h], axis=-2)
        return tf.einsum("bte,ve->btv", h + tf.reduce_mean(seen, axis=1, keepdims=True), wte), h


# lm: public, kept as TF1 code for callers elsewhere; Lm above is its native form
def lm(hparams, X, past=None, scope="lm", reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        wte = tf.get_variable("wte", [hparams.n_vocab, hparams.n_embd])
        h = tf.gather(wte, X)
        seen = h if past is None else tf.concat([past, h], axis=-2)
        return tf.einsum("bte,ve->btv", h + tf.reduce_mean(seen, axis=1, keepdims=True), wte), h


class Sample(nn.Module):
    def __init__(self, *, hparams):
        super().__init__()
        self.hparams = hparams
        self.lm = Lm(hparams=hparams)

    def __call__(self, *, length, context):
        def step(hparams, tokens, past=None):
            return self.lm(X=tokens, past=past)

        def body(past, prev, output):
            logits, present = step(self.hparams, prev, past=past)
            samples = tf.argmax(logits[:, -1], axis=-1, output_type=tf.int32)[:, None]
            past = present if past is None else tf.concat([past, present], axis=-2)
            return [past, samples, tf.concat([output, samples], axis=1)]

        past, prev, output = body(None, context, context)
        _, _, tokens = tf.while_loop(
            lambda *args: True, body, [past, prev, output], maximum_iterations=length - 1,
            shape_invariants=[tf.TensorShape([None, None, self.hparams.n_embd]),
                              tf.TensorShape([None, None]), tf.TensorShape([None, None])])
        return tokens


# sample: public, kept as TF1 code for callers elsewhere; Sample above is its native form
def sample(*, hparams, length, context):
    def step(hparams, tokens, past=None):
        return lm(hparams=hparams, X=tokens, past=past, reuse=tf.AUTO_REUSE)

    def body(past, prev, output):
        logits, present = step(hparams, prev, past=past)
        samples = tf.argmax(logits[:, -1], axis=-1, output_type=tf.int32)[:, None]
        past = present if past is None else tf.concat([past, present], axis=-2)
        return [past, samples, tf.concat([output, samples], axis=1)]

    past, prev, output = body(None, context, context)
    _, _, tokens = tf.while_loop(
        lambda *args: True, body, [past, prev, output], maximum_iterations=length - 1,
        shape_invariants=[tf.TensorShape([None, None, hparams.n_embd]),
                          tf.TensorShape([None, None]), tf.TensorShape([None, None])])
    return tokens
