# warns: 8:16 linear: compat: calls linear (from `from ops import *`), which may make TF1 variables native mode cannot see; migrate that module first; generator stays in TF1 form
import tensorflow.compat.v1 as tf
from ops import *


def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 8)
        return linear(h, 4, "g_out")
