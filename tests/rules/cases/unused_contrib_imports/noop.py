import numpy as np
import tensorflow as tf


def act(x):
    return tf.nn.relu(x)
