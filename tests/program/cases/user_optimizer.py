import numpy as np
import tensorflow as tf


class SignSGD(tf.train.Optimizer):
    def __init__(self, learning_rate, use_locking=False, name="SignSGD"):
        super(SignSGD, self).__init__(use_locking, name)
        self._lr = learning_rate

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "m", self._name)

    def _apply_dense(self, grad, var):
        m = self.get_slot(var, "m")
        m_t = tf.assign(m, 0.9 * m + grad)
        return tf.assign_sub(var, self._lr * tf.sign(m_t))


def linear(x):
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [3, 1])
    return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 3])
target = tf.placeholder(tf.float32, [None, 1])
loss = tf.reduce_mean(tf.square(linear(x) - target))
train_op = SignSGD(0.01).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        _, loss_value = sess.run([train_op, loss], {x: np.ones([2, 3]), target: np.ones([2, 1])})
        print(loss_value)
# output
import numpy as np
import tensorflow as tf
from unscope import nn


class SignSGD(tf.compat.v1.train.Optimizer):
    def __init__(self, learning_rate, use_locking=False, name="SignSGD"):
        super(SignSGD, self).__init__(use_locking, name)
        self._lr = learning_rate

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "m", self._name)

    def _apply_dense(self, grad, var):
        m = self.get_slot(var, "m")
        m_t = tf.compat.v1.assign(m, 0.9 * m + grad)
        return tf.compat.v1.assign_sub(var, self._lr * tf.sign(m_t))

    def _resource_apply_dense(self, grad, var):
        # TF2's variables are resource variables: the update TF1 made on ref variables
        return self._apply_dense(grad, var)


class Linear(nn.Module):
    def __init__(self, name="linear"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [3, 1])

    def __call__(self, x):
        w = self.w
        return tf.matmul(x, w)


linear = Linear()
linear(tf.zeros([1, 3], tf.float32))  # makes the variables now, as TF1's graph did
optimizer = SignSGD(0.01)
optimizer._create_slots(linear.trainable_variables)  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    tf.TensorSpec([None, 3], tf.float32),
    tf.TensorSpec([None, 1], tf.float32),
])
def train_step(x, target):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(linear(x) - target))
    variables = linear.trainable_variables
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))
    return loss


for _ in range(3):
    loss_value = train_step(np.ones([2, 3]), np.ones([2, 1])).numpy()
    print(loss_value)
