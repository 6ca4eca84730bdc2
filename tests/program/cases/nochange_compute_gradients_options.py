# finding: compute_gradients() with arguments other than the loss
import tensorflow as tf


def _net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


x = tf.placeholder(tf.float32, [None, 2])
loss = tf.reduce_mean(tf.square(_net(x)))
optimizer = tf.train.GradientDescentOptimizer(0.5)
pairs = optimizer.compute_gradients(loss, gate_gradients=tf.train.Optimizer.GATE_NONE)
train_op = optimizer.apply_gradients(pairs)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(train_op, {x: [[1.0, 2.0]]})
