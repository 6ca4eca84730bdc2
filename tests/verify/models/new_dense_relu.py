"""A planted bug: NEW adds a relu that OLD does not have. Hidden when every output is >= 0."""
import tensorflow as tf

import unscope


def dense(x):
    return tf.nn.relu(unscope.layers.dense(x, 1, name="dense"))
