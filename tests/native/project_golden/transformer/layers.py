"""Building blocks of a small transformer (TF1, 2018 style)."""
import tensorflow as tf
from unscope import nn
import unscope


class Dense(nn.Module):
    def __init__(self, scope="dense"):
        super().__init__(name=scope)
        self.kernel = None
        self.bias = None

    def __call__(self, x, units):
        if self.kernel is None:
            self.kernel = nn.variable(f"{self.scope_name}/kernel", [x.get_shape()[-1], units],
                                      initializer=nn.initializers.truncated_normal(stddev=0.02))
        w = self.kernel
        if self.bias is None:
            self.bias = nn.variable(f"{self.scope_name}/bias", [units],
                                    initializer=tf.zeros_initializer())
        b = self.bias
        return tf.einsum("btd,du->btu", x, w) + b


# dense: imported by other files, kept as TF1 code for them (their scopes name its variables); Dense above is its native form
def dense(x, units, scope="dense"):
    with unscope.variable_scope(scope):
        w = unscope.get_variable("kernel", [x.get_shape()[-1], units],
                                 initializer=nn.initializers.truncated_normal(stddev=0.02))
        b = unscope.get_variable("bias", [units], initializer=tf.zeros_initializer())
        return tf.einsum("btd,du->btu", x, w) + b


class LayerNorm(nn.Module):
    def __init__(self, scope, epsilon=1e-5):
        super().__init__(name=scope)
        self.epsilon = epsilon
        self.g = None
        self.b = None

    def __call__(self, x):
        if self.g is None:
            self.g = nn.variable(f"{self.scope_name}/g", [x.get_shape()[-1]],
                                 initializer=tf.ones_initializer())
        g = self.g
        if self.b is None:
            self.b = nn.variable(f"{self.scope_name}/b", [x.get_shape()[-1]],
                                 initializer=tf.zeros_initializer())
        b = self.b
        mean, variance = tf.nn.moments(x, [-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(variance + self.epsilon) * g + b


# layer_norm: imported by other files, kept as TF1 code for them (their scopes name its variables); LayerNorm above is its native form
def layer_norm(x, scope, epsilon=1e-5):
    with unscope.variable_scope(scope):
        g = unscope.get_variable("g", [x.get_shape()[-1]], initializer=tf.ones_initializer())
        b = unscope.get_variable("b", [x.get_shape()[-1]], initializer=tf.zeros_initializer())
        mean, variance = tf.nn.moments(x, [-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(variance + epsilon) * g + b


class Attention(nn.Module):
    def __init__(self, scope="attn"):
        super().__init__(name=scope)
        self.q = Dense(f"{scope}/q")
        self.k = Dense(f"{scope}/k")
        self.v = Dense(f"{scope}/v")
        self.proj = Dense(f"{scope}/proj")

    def __call__(self, x, n_head):
        d = x.get_shape().as_list()[-1]
        q = self.q(x, d)
        k = self.k(x, d)
        v = self.v(x, d)

        def split(t):
            b, n = tf.shape(t)[0], tf.shape(t)[1]
            return tf.transpose(tf.reshape(t, [b, n, n_head, d // n_head]), [0, 2, 1, 3])

        w = tf.matmul(split(q), split(k), transpose_b=True) / (float(d // n_head) ** 0.5)
        a = tf.matmul(tf.nn.softmax(w), split(v))
        a = tf.reshape(tf.transpose(a, [0, 2, 1, 3]), tf.shape(x))
        return self.proj(a, d)


# attention: imported by other files, kept as TF1 code for them (their scopes name its variables); Attention above is its native form
def attention(x, n_head, scope="attn"):
    with unscope.variable_scope(scope):
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
