# finding: placeholder `features_ph` is read by the pipeline other than as a from_tensor_slices argument of known shape after its first dimension
import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("regressor"):
        return tf.layers.dense(x, 1, name="out")


features_ph = tf.placeholder(tf.float32, [None, None])
dataset = tf.data.Dataset.from_tensor_slices(features_ph).batch(4)
iterator = dataset.make_initializable_iterator()
x = iterator.get_next()
loss = tf.reduce_mean(tf.square(regressor(x)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(iterator.initializer, feed_dict={features_ph: np.ones([8, 3])})
    sess.run(train_op)
