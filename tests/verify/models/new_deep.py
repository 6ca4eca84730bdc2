"""old_deep.deep on the unscope runtime, with matmul summed in another order (float32 noise
only), and with planted gradient-only bugs (outputs unchanged)."""
import tensorflow as tf

import unscope

DEPTH, WIDTH = 8, 48


def _matmul_reordered(h, w):
    # the same products, summed by reduce_sum instead of the matmul kernel
    return tf.reduce_sum(h[:, :, None] * w[None, :, :], axis=1)


def _scaled_gradient(scale):
    @tf.custom_gradient
    def identity(w):
        return tf.identity(w), lambda dy: dy * scale
    return identity


def _deep(x, matmul=tf.matmul, bug_layer=None, bug_scale=1.0):
    h = x * 30.0
    with unscope.variable_scope("deep"):
        for i in range(DEPTH):
            with unscope.variable_scope("layer%d" % i):
                w = unscope.get_variable("w", [h.shape[-1], WIDTH])
                b = unscope.get_variable("b", [WIDTH], initializer=tf.zeros_initializer())
                if i == bug_layer:
                    w = _scaled_gradient(bug_scale)(w)
                h = tf.nn.relu(matmul(h, w) + b)
    return h


def deep(x):
    return _deep(x, matmul=_matmul_reordered)


def deep_gradient_off_by_a_thousandth(x):
    return _deep(x, matmul=_matmul_reordered, bug_layer=0, bug_scale=1.001)


def deep_gradient_off_by_a_percent(x):
    return _deep(x, bug_layer=DEPTH - 1, bug_scale=1.01)
