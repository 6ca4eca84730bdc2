# finding: the optimizer class `PlainSGD` is kept as TF1 wrote it: _apply_dense calls apply_gradient_descent of TF1's training_ops
import numpy as np
import tensorflow as tf
from tensorflow.python.training import training_ops


class PlainSGD(tf.train.Optimizer):
    def __init__(self, learning_rate, use_locking=False, name="PlainSGD"):
        super(PlainSGD, self).__init__(use_locking, name)
        self._lr = learning_rate

    def _apply_dense(self, grad, var):
        return training_ops.apply_gradient_descent(var, self._lr, grad, use_locking=self._use_locking)


def linear(x):
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [3, 1])
    return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 3])
target = tf.placeholder(tf.float32, [None, 1])
loss = tf.reduce_mean(tf.square(linear(x) - target))
train_op = PlainSGD(0.01).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        _, loss_value = sess.run([train_op, loss], {x: np.ones([2, 3]), target: np.ones([2, 1])})
        print(loss_value)
