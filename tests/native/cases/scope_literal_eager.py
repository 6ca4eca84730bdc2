# verify
import tensorflow.compat.v1 as tf

WIDTH = 4


def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [WIDTH, WIDTH], initializer=tf.random_normal_initializer(stddev=0.02))
        b = tf.get_variable("b", [WIDTH], initializer=tf.zeros_initializer())
        return tf.nn.relu(tf.matmul(x, w) + b)
# output
import tensorflow.compat.v1 as tf
from unscope import nn

WIDTH = 4


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [WIDTH, WIDTH],
                             initializer=tf.random_normal_initializer(stddev=0.02))
        self.b = nn.variable(f"{name}/b", [WIDTH], initializer=tf.zeros_initializer())

    def __call__(self, x):
        w = self.w
        b = self.b
        return tf.nn.relu(tf.matmul(x, w) + b)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [WIDTH, WIDTH], initializer=tf.random_normal_initializer(stddev=0.02))
        b = tf.get_variable("b", [WIDTH], initializer=tf.zeros_initializer())
        return tf.nn.relu(tf.matmul(x, w) + b)
