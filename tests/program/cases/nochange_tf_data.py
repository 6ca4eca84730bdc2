# finding: tf.data.Dataset.from_tensor_slices in the graph code outside a model function
import numpy as np
import tensorflow as tf


def _net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).batch(4).repeat()
x = dataset.make_one_shot_iterator().get_next()
loss = tf.reduce_mean(tf.py_func(np.square, [_net(x)], tf.float32))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(train_op)
