# flags: --mode native
import tensorflow as tf


def decoder(z, w):
    return tf.nn.conv2d_transpose(z, w, [4, 8, 8, 3], [1, 2, 2, 1], "SAME")
