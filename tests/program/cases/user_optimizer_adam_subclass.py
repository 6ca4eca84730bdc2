import numpy as np
import tensorflow as tf


class SlowAdam(tf.train.AdamOptimizer):
    """Adam with a smaller default rate: TF2 runs Adam's own update on resource variables."""

    def __init__(self, learning_rate=1e-4, name="SlowAdam"):
        super(SlowAdam, self).__init__(learning_rate, name=name)


def linear(x):
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [3, 1])
    return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 3])
target = tf.placeholder(tf.float32, [None, 1])
loss = tf.reduce_mean(tf.square(linear(x) - target))
global_step = tf.train.get_or_create_global_step()
train_op = SlowAdam().minimize(loss, global_step=global_step)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train_op, {x: np.ones([2, 3]), target: np.ones([2, 1])})
# output
import numpy as np
import tensorflow as tf
from unscope import nn


class SlowAdam(tf.compat.v1.train.AdamOptimizer):
    """Adam with a smaller default rate: TF2 runs Adam's own update on resource variables."""

    def __init__(self, learning_rate=1e-4, name="SlowAdam"):
        super(SlowAdam, self).__init__(learning_rate, name=name)


class Linear(nn.Module):
    def __init__(self, name="linear"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [3, 1])

    def __call__(self, x):
        w = self.w
        return tf.matmul(x, w)


linear = Linear()
linear(tf.zeros([1, 3], tf.float32))  # makes the variables now, as TF1's graph did
global_step = nn.create_global_step()
optimizer = SlowAdam()
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
    optimizer.apply_gradients(zip(grads, variables), global_step=global_step)


for _ in range(3):
    train_step(np.ones([2, 3]), np.ones([2, 1]))
