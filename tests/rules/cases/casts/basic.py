import tensorflow as tf


def f(x, mask):
    y = tf.to_float(x) * tf.to_float(mask, name="m")
    return tf.to_int32(y), tf.to_int64(x=y), tf.to_double(y)
# output
import tensorflow as tf


def f(x, mask):
    y = tf.cast(x, tf.float32) * tf.cast(mask, tf.float32, name="m")
    return tf.cast(y, tf.int32), tf.cast(x=y, dtype=tf.int64), tf.cast(y, tf.float64)
