"""Helpers that make no variables (TF1, 2018 style)."""
import math

import tensorflow as tf


def gelu(x):
    return 0.5 * x * (1.0 + tf.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * tf.pow(x, 3))))


def width(x):
    return x.get_shape().as_list()[-1]
