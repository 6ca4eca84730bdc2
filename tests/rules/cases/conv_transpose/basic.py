import tensorflow.compat.v1 as tf


def decoder(z, w, batch):
    y = tf.nn.conv2d_transpose(z, w, [batch, 8, 8, 3], [1, 2, 2, 1], "SAME")
    return tf.reshape(y, y.get_shape())
# output
import tensorflow as tf
import unscope


def decoder(z, w, batch):
    y = unscope.conv2d_transpose(z, w, [batch, 8, 8, 3], [1, 2, 2, 1], "SAME")
    return tf.reshape(y, y.get_shape())
