# warns: 10:14 tf.variable_scope: compat: TF1 variables made in Tower.apply: apply uses self other than by reading plain attributes (line 11); kept in TF1 form
import tensorflow.compat.v1 as tf


class Tower(object):
    def __init__(self, units):
        self.units = units
        self.calls = 0

    def apply(self, x):
        with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
            self.calls += 1
            return tf.layers.dense(x, self.units, name="fc")
