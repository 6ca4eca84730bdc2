"""Building blocks of a small transformer (TF1, 2018 style)."""
import tensorflow.compat.v1 as tf


def dense(x, units, scope="dense"):
    with tf.variable_scope(scope):
        w = tf.get_variable("kernel", [x.get_shape()[-1], units],
                            initializer=tf.truncated_normal_initializer(stddev=0.02))
        b = tf.get_variable("bias", [units], initializer=tf.zeros_initializer())
        return tf.einsum("btd,du->btu", x, w) + b


def layer_norm(x, scope, epsilon=1e-5):
    with tf.variable_scope(scope):
        g = tf.get_variable("g", [x.get_shape()[-1]], initializer=tf.ones_initializer())
        b = tf.get_variable("b", [x.get_shape()[-1]], initializer=tf.zeros_initializer())
        mean, variance = tf.nn.moments(x, [-1], keep_dims=True)
        return (x - mean) * tf.rsqrt(variance + epsilon) * g + b


def attention(x, n_head, scope="attn"):
    with tf.variable_scope(scope):
        d = x.get_shape().as_list()[-1]
        q = dense(x, d, "q")
        k = dense(x, d, "k")
        v = dense(x, d, "v")

        def split(t):
            b, n = tf.shape(t)[0], tf.shape(t)[1]
            return tf.transpose(tf.reshape(t, [b, n, n_head, d // n_head]), [0, 2, 1, 3])

        w = tf.matmul(split(q), split(k), transpose_b=True) / (float(d // n_head) ** 0.5)
        a = tf.matmul(tf.nn.softmax(w), split(v))
        a = tf.reshape(tf.transpose(a, [0, 2, 1, 3]), tf.shape(x))
        return dense(a, d, "proj")
