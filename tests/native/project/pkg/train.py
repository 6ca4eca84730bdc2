import tensorflow.compat.v1 as tf

import pkg.layers
from pkg import model as net
from pkg.model import siamese


def build_loss(a, b, labels):
    d = siamese(a, b)
    e = net.embed(a)
    head = pkg.layers.fc(e, 1, "head")
    margin = tf.maximum(0.0, 1.0 - d)
    return tf.reduce_mean(labels * d + (1.0 - labels) * margin) + tf.reduce_mean(head)
