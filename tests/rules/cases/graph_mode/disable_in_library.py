# warns: 2:1 tf.disable_v2_behavior: manual: turns TF2 behaviour off for the whole process; kept - remove it to run the migrated code eagerly (through unscope.track)
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()


def model(x):
    with tf.variable_scope("m"):
        return x * tf.get_variable("w", [])
# output
import tensorflow as tf
import unscope
tf.compat.v1.disable_v2_behavior()


def model(x):
    with unscope.variable_scope("m"):
        return x * unscope.get_variable("w", [])
