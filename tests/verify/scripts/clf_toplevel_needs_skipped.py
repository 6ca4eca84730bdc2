"""A top-level TF1 script whose model reads a name set by a program statement."""
import tensorflow as tf

init = tf.truncated_normal_initializer(stddev=0.02)


def classifier(x):
    with tf.variable_scope("clf"):
        w = tf.get_variable("w", [4, 3], initializer=init)
        return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 4])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
