# finding: the optimizer class `ClippedSGD` is kept as TF1 wrote it: it overrides Optimizer.apply_gradients
import numpy as np
import tensorflow as tf


class ClippedSGD(tf.train.Optimizer):
    def __init__(self, learning_rate, use_locking=False, name="ClippedSGD"):
        super(ClippedSGD, self).__init__(use_locking, name)
        self._lr = learning_rate

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        clipped = [(tf.clip_by_value(g, -1.0, 1.0), v) for g, v in grads_and_vars]
        return super(ClippedSGD, self).apply_gradients(clipped, global_step, name)

    def _apply_dense(self, grad, var):
        return tf.assign_sub(var, self._lr * grad)


def linear(x):
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [3, 1])
    return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 3])
target = tf.placeholder(tf.float32, [None, 1])
loss = tf.reduce_mean(tf.square(linear(x) - target))
optimizer = ClippedSGD(0.01)
train_op = optimizer.minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        _, loss_value = sess.run([train_op, loss], {x: np.ones([2, 3]), target: np.ones([2, 1])})
        print(loss_value)
