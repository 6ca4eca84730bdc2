# verify
import tensorflow.compat.v1 as tf

l2 = lambda w: 0.01 * tf.nn.l2_loss(w)  # noqa: E731


def build(x):
    with tf.variable_scope("mlp", initializer=tf.constant_initializer(0.3), regularizer=l2):
        # kernel_initializer defaults to None: the scope's; bias_initializer to zeros
        h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="fc1")
        h = tf.layers.dense(h, 4, bias_initializer=None, name="fc2")
        return tf.layers.dense(h, 2, kernel_initializer=tf.zeros_initializer(), use_bias=False)
# output
import tensorflow.compat.v1 as tf
from unscope import nn

l2 = lambda w: 0.01 * tf.nn.l2_loss(w)  # noqa: E731


class Build(nn.Module):
    def __init__(self, name="mlp"):
        super().__init__(name=name)
        self.fc1 = nn.Dense(8, activation=tf.nn.relu,
                            kernel_initializer=tf.constant_initializer(0.3), kernel_regularizer=l2,
                            bias_regularizer=l2, name=f"{name}/fc1")
        self.fc2 = nn.Dense(4, kernel_initializer=tf.constant_initializer(0.3),
                            kernel_regularizer=l2, bias_initializer=tf.constant_initializer(0.3),
                            bias_regularizer=l2, name=f"{name}/fc2")
        self.dense = nn.Dense(2, use_bias=False, kernel_initializer=tf.zeros_initializer(),
                              kernel_regularizer=l2, name=f"{name}/dense")

    def __call__(self, x):
        # kernel_initializer defaults to None: the scope's; bias_initializer to zeros
        h = self.fc1(x)
        h = self.fc2(h)
        return self.dense(h)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("mlp", initializer=tf.constant_initializer(0.3), regularizer=l2):
        # kernel_initializer defaults to None: the scope's; bias_initializer to zeros
        h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="fc1")
        h = tf.layers.dense(h, 4, bias_initializer=None, name="fc2")
        return tf.layers.dense(h, 2, kernel_initializer=tf.zeros_initializer(), use_bias=False)
