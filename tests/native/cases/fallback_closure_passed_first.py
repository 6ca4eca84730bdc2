# warns: 12:5 def body: compat: a nested function or class makes variables; native mode only rewrites module-level functions; sample stays in TF1 form
import tensorflow.compat.v1 as tf


def lm(X, past, scope="lm", reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        wte = tf.get_variable("wte", [11, 4])
        h = tf.gather(wte, X)
        return tf.concat([past, h], axis=-2)


def sample(context, past, length):
    def body(past, prev):
        return [lm(prev, past, reuse=tf.AUTO_REUSE), prev]

    past, _ = tf.while_loop(lambda *args: True, body, [past, context], maximum_iterations=length,
                            shape_invariants=[tf.TensorShape([None, None, 4]), context.shape])
    return past
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Lm(nn.Module):
    def __init__(self, X, past, scope="lm"):
        super().__init__(name=scope)
        self.X = X
        self.past = past
        self.wte = nn.variable(f"{scope}/wte", [11, 4])

    def __call__(self):
        wte = self.wte
        h = tf.gather(wte, self.X)
        return tf.concat([self.past, h], axis=-2)


# lm: public, kept as TF1 code for callers elsewhere; Lm above is its native form
def lm(X, past, scope="lm", reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        wte = tf.get_variable("wte", [11, 4])
        h = tf.gather(wte, X)
        return tf.concat([past, h], axis=-2)


def sample(context, past, length):
    def body(past, prev):
        return [lm(prev, past, reuse=tf.AUTO_REUSE), prev]

    past, _ = tf.while_loop(lambda *args: True, body, [past, context], maximum_iterations=length,
                            shape_invariants=[tf.TensorShape([None, None, 4]), context.shape])
    return past
