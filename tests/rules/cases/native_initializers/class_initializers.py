# flags: --mode native
import tensorflow as tf


def tower(x):
    with tf.variable_scope("tower"):
        w = tf.get_variable("w", [4, 8], initializer=tf.truncated_normal_initializer(stddev=0.02))
        k = tf.get_variable("k", [3, 3, 4, 8], initializer=tf.variance_scaling_initializer(2.0, "fan_avg"))
        o = tf.get_variable("o", [8, 8], initializer=tf.orthogonal_initializer(gain=1.5))
        g = tf.get_variable("g", [8], initializer=tf.initializers.glorot_normal(seed=3))
        h = tf.layers.dense(x, 8, kernel_initializer=tf.random_normal_initializer(stddev=0.1))
        return tf.matmul(h, o) + tf.reduce_sum(k) + tf.matmul(x, w) + g
# output
import tensorflow as tf
from unscope import nn
import unscope


class Tower(nn.Module):
    def __init__(self, name="tower"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 8],
                             initializer=nn.initializers.truncated_normal(stddev=0.02))
        self.k = nn.variable(f"{name}/k", [3, 3, 4, 8],
                             initializer=nn.initializers.variance_scaling(2.0, "fan_avg"))
        self.o = nn.variable(f"{name}/o", [8, 8], initializer=nn.initializers.orthogonal(gain=1.5))
        self.g = nn.variable(f"{name}/g", [8], initializer=nn.initializers.glorot_normal(seed=3))
        self.dense = nn.Dense(8, kernel_initializer=nn.initializers.random_normal(stddev=0.1),
                              name=f"{name}/dense")

    def __call__(self, x):
        w = self.w
        k = self.k
        o = self.o
        g = self.g
        h = self.dense(x)
        return tf.matmul(h, o) + tf.reduce_sum(k) + tf.matmul(x, w) + g


# tower: public, kept as TF1 code for callers elsewhere; Tower above is its native form
def tower(x):
    with unscope.variable_scope("tower"):
        w = unscope.get_variable("w", [4, 8], initializer=nn.initializers.truncated_normal(stddev=0.02))
        k = unscope.get_variable("k", [3, 3, 4, 8], initializer=nn.initializers.variance_scaling(2.0, "fan_avg"))
        o = unscope.get_variable("o", [8, 8], initializer=nn.initializers.orthogonal(gain=1.5))
        g = unscope.get_variable("g", [8], initializer=nn.initializers.glorot_normal(seed=3))
        h = unscope.layers.dense(x, 8, kernel_initializer=nn.initializers.random_normal(stddev=0.1))
        return tf.matmul(h, o) + tf.reduce_sum(k) + tf.matmul(x, w) + g
