# verify
import tensorflow.compat.v1 as tf

l2 = lambda w: 0.01 * tf.nn.l2_loss(w)  # noqa: E731


def build(x):
    with tf.variable_scope("reg", initializer=tf.constant_initializer(0.5), regularizer=l2):
        w = tf.get_variable("w", [4, 4])
        b = tf.get_variable("b", [4], initializer=tf.zeros_initializer())
    return tf.matmul(x, w) + b
# output
import tensorflow.compat.v1 as tf
from unscope import nn

l2 = lambda w: 0.01 * tf.nn.l2_loss(w)  # noqa: E731


class Build(nn.Module):
    def __init__(self, name="reg"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 4], initializer=tf.constant_initializer(0.5),
                             regularizer=l2)
        self.b = nn.variable(f"{name}/b", [4], initializer=tf.zeros_initializer(), regularizer=l2)

    def __call__(self, x):
        w = self.w
        b = self.b
        return tf.matmul(x, w) + b


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("reg", initializer=tf.constant_initializer(0.5), regularizer=l2):
        w = tf.get_variable("w", [4, 4])
        b = tf.get_variable("b", [4], initializer=tf.zeros_initializer())
    return tf.matmul(x, w) + b
