import tensorflow.compat.v1 as tf


def scale(x):
    return x * tf.get_variable("s", [], initializer=tf.constant_initializer(2.0))


scale_tmpl = tf.make_template("scale", scale)
# output
import tensorflow as tf
import unscope


def scale(x):
    return x * unscope.get_variable("s", [], initializer=tf.compat.v1.constant_initializer(2.0))


scale_tmpl = unscope.make_template("scale", scale)
