# finding: a random pipeline read by an initializable iterator
import numpy as np
import tensorflow as tf


def net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32))
dataset = dataset.map(lambda v: v + tf.random_normal([2], seed=1)).batch(4)
iterator = dataset.make_initializable_iterator()
batch = iterator.get_next()
loss = tf.reduce_mean(tf.square(net(batch)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(iterator.initializer)
    sess.run(train_op)
