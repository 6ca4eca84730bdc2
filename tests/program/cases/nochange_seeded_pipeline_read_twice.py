# finding: a pipeline made again at each initializer run is also read here
import numpy as np
import tensorflow as tf


def net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).shuffle(8, seed=2).batch(4)
test_batch = dataset.make_one_shot_iterator().get_next()
iterator = dataset.make_initializable_iterator()
batch = iterator.get_next()
loss = tf.reduce_mean(tf.square(net(batch)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(iterator.initializer)
    sess.run(train_op)
