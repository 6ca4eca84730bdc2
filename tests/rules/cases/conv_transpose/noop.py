import tensorflow as tf


def decoder(z, w):
    return tf.nn.conv3d_transpose(z, w, [2, 8, 8, 8, 3], [1, 2, 2, 2, 1])
