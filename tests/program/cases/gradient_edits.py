import numpy as np
import tensorflow as tf


def _net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


x = tf.placeholder(tf.float32, [None, 2])
loss = tf.reduce_mean(tf.square(_net(x)))
optimizer = tf.train.AdagradOptimizer(0.5)
tvars = tf.trainable_variables()
grads = tf.gradients(loss, tvars)
capped = [(tf.clip_by_value(0.5 * g, -0.1, 0.1), v) for g, v in zip(grads, tvars)]
train_op = optimizer.apply_gradients(capped)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(2):
        _, value = sess.run([train_op, loss], {x: np.ones([3, 2])})
# output
import numpy as np
import tensorflow as tf
from unscope import nn


class _Net(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x):
        return self.out(x)


_net = _Net()
_net(tf.zeros([1, 2], tf.float32))  # makes the variables now, as TF1's graph did
optimizer = nn.Adagrad(0.5)
tvars = nn.variables_under(_net)
optimizer.build(tvars)  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    tf.TensorSpec([None, 2], tf.float32),
])
def train_step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(_net(x)))
    grads = tape.gradient(loss, tvars)
    capped = [(tf.clip_by_value(0.5 * g, -0.1, 0.1), v) for g, v in zip(grads, tvars)]
    optimizer.apply_gradients(capped)
    return loss


for _ in range(2):
    value = train_step(np.ones([3, 2])).numpy()
