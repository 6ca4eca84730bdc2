import tensorflow as tf
import tensorflow.contrib.slim as slim


def vgg_block(images):
    with slim.arg_scope([slim.conv2d], padding="SAME",
                        weights_regularizer=slim.l2_regularizer(5e-4)):
        net = slim.repeat(images, 2, slim.conv2d, 64, [3, 3], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None, scope="fc")
# output
import tensorflow as tf
from unscope import slim


def vgg_block(images):
    with slim.arg_scope([slim.conv2d], padding="SAME",
                        weights_regularizer=slim.l2_regularizer(5e-4)):
        net = slim.repeat(images, 2, slim.conv2d, 64, [3, 3], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None, scope="fc")
