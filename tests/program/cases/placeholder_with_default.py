import numpy as np
import tensorflow as tf


def net(x, scale):
    with tf.variable_scope("net"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu, name="hidden")
        return tf.layers.dense(h * scale, 1, name="out")


x = tf.placeholder(tf.float32, [None, 2])
scale = tf.placeholder_with_default(1.0, [], name="scale")
loss = tf.reduce_mean(tf.square(net(x, scale)))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train_op, feed_dict={x: np.ones([8, 2]), scale: 0.5})
    print(sess.run(loss, feed_dict={x: np.ones([8, 2])}))
# output
import numpy as np
import tensorflow as tf
from unscope import nn


class Net(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self.hidden = nn.Dense(4, activation=tf.nn.relu, name=f"{name}/hidden")
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x, scale):
        h = self.hidden(x)
        return self.out(h * scale)


net = Net()
net(tf.zeros([1, 2], tf.float32), tf.zeros([], tf.float32))  # makes the variables now, as TF1's graph did
optimizer = nn.Adam(0.01)
optimizer.build(net.trainable_variables)  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    tf.TensorSpec([None, 2], tf.float32),
    tf.TensorSpec([], tf.float32, name="scale"),
])
def train_step(x, scale):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(net(x, scale)))
    variables = net.trainable_variables
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))


@tf.function(input_signature=[
    tf.TensorSpec([None, 2], tf.float32),
    tf.TensorSpec([], tf.float32, name="scale"),
])
def compute_loss(x, scale):
    loss = tf.reduce_mean(tf.square(net(x, scale)))
    return loss


for _ in range(3):
    train_step(np.ones([8, 2]), 0.5)
print(compute_loss(np.ones([8, 2]), 1.0).numpy())
