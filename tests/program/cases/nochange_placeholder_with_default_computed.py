# finding: a default that is not a bool, int or float literal
import numpy as np
import tensorflow as tf


def net(x, scale):
    with tf.variable_scope("net"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu, name="hidden")
        return tf.layers.dense(h * scale, 1, name="out")


x = tf.placeholder(tf.float32, [None, 2])
scale = tf.placeholder_with_default(np.float32(1.0), [], name="scale")
loss = tf.reduce_mean(tf.square(net(x, scale)))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train_op, feed_dict={x: np.ones([8, 2]), scale: 0.5})
    print(sess.run(loss, feed_dict={x: np.ones([8, 2])}))
