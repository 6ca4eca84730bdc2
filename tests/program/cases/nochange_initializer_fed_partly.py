# finding: the initializer's feed_dict does not feed exactly the pipeline's placeholders (`targets_ph`)
import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("regressor"):
        return tf.layers.dense(x, 1, name="out")


features_ph = tf.placeholder(tf.float32, [None, 3])
targets_ph = tf.placeholder(tf.float32, [None, 1])
dataset = tf.data.Dataset.from_tensor_slices((features_ph, targets_ph)).batch(4)
iterator = dataset.make_initializable_iterator()
x, y = iterator.get_next()
loss = tf.reduce_mean(tf.square(regressor(x) - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(iterator.initializer, feed_dict={features_ph: np.ones([8, 3])})
    sess.run(train_op)
