import tensorflow.compat.v1 as tf


def loss(logits, labels):
    p = tf.nn.softmax(logits, dim=-1)
    ce = -tf.reduce_sum(labels * tf.log(p), reduction_indices=[1], keep_dims=True)
    x = tf.random_normal([2, 3], stddev=0.1) + tf.rsqrt(tf.square(p) + 1e-6)
    best = tf.argmax(p, 1)
    return tf.reduce_mean(ce) + tf.reduce_sum(x), best, tf.expand_dims(best, dim=0)
# output
import tensorflow as tf


def loss(logits, labels):
    p = tf.nn.softmax(logits, axis=-1)
    ce = -tf.reduce_sum(labels * tf.math.log(p), axis=[1], keepdims=True)
    x = tf.random.normal([2, 3], stddev=0.1) + tf.math.rsqrt(tf.square(p) + 1e-6)
    best = tf.argmax(p, 1)
    return tf.reduce_mean(ce) + tf.reduce_sum(x), best, tf.expand_dims(best, axis=0)
