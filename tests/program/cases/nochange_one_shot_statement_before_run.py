# finding: the end of the data is caught as OutOfRangeError
import numpy as np
import tensorflow as tf


def _net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).batch(4)
batch = dataset.make_one_shot_iterator().get_next()
loss = tf.reduce_mean(tf.square(_net(batch)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    step = 0
    while True:
        try:
            step += 1
            sess.run(train_op)
        except tf.errors.OutOfRangeError:
            break
    print(step)
