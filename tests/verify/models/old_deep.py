"""A deep TF1 tower (OLD side): gradients of its first layers sum over many float32 terms."""
import tensorflow as tf

DEPTH, WIDTH = 8, 48


def deep(x):
    h = x * 30.0
    with tf.variable_scope("deep"):
        for i in range(DEPTH):
            with tf.variable_scope("layer%d" % i):
                w = tf.get_variable("w", [h.shape[-1].value, WIDTH])
                b = tf.get_variable("b", [WIDTH], initializer=tf.zeros_initializer())
                h = tf.nn.relu(tf.matmul(h, w) + b)
    return h
