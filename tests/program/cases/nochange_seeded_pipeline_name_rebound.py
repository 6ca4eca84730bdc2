# finding: `size`, read by a pipeline made again at each initializer run, is bound again after it
import numpy as np
import tensorflow as tf


def net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


size = 4
dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).shuffle(8, seed=2).batch(size)
iterator = dataset.make_initializable_iterator()
batch = iterator.get_next()
loss = tf.reduce_mean(tf.square(net(batch)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for size in (2, 8):
        sess.run(iterator.initializer)
        sess.run(train_op)
