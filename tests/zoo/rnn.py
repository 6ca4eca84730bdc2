"""An RNN unrolled over time steps, reusing one cell's variables (TF1)."""
import numpy as np
import tensorflow.compat.v1 as tf

STEPS, UNITS = 4, 5
INPUTS = {"xs": np.sin(np.arange(2 * STEPS * 3, dtype=np.float32)).reshape(2, STEPS, 3)}


def cell(x, h):
    w = tf.get_variable("w", [x.shape[-1] + UNITS, UNITS])
    b = tf.get_variable("b", [UNITS], initializer=tf.zeros_initializer())
    return tf.tanh(tf.matmul(tf.concat([x, h], 1), w) + b)


def build(xs):
    h = tf.zeros([tf.shape(xs)[0], UNITS])
    outputs = []
    with tf.variable_scope("rnn") as scope:
        for t in range(STEPS):
            if t > 0:
                scope.reuse_variables()
            h = cell(xs[:, t, :], h)
            outputs.append(h)
    with tf.variable_scope("readout"):
        v = tf.get_variable("v", [UNITS, 1])
    return tf.matmul(h, v), tf.stack(outputs, 1)
