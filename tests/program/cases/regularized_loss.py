import numpy as np
import tensorflow as tf


def net(x):
    with tf.variable_scope("net", regularizer=tf.contrib.layers.l2_regularizer(1e-3)):
        return tf.layers.dense(x, 2, name="out")


tf.set_random_seed(1)
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 2])
loss = tf.reduce_mean(tf.square(net(x) - y))
loss += tf.add_n(tf.losses.get_regularization_losses())
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        _, value = sess.run([train_op, loss], {x: np.ones([4, 3]), y: np.zeros([4, 2])})
        print(value)
# output
import numpy as np
import tensorflow as tf
from unscope import nn


class Net(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self.out = nn.Dense(2, kernel_regularizer=nn.l2_regularizer(1e-3),
                            bias_regularizer=nn.l2_regularizer(1e-3),
                            name=f"{name}/out")

    def __call__(self, x):
        return self.out(x)


tf.random.set_seed(1)
net = Net()
net(tf.zeros([1, 3], tf.float32))  # makes the variables now, as TF1's graph did
optimizer = nn.GradientDescent(0.1)
optimizer.build(net.trainable_variables)  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    tf.TensorSpec([None, 3], tf.float32),
    tf.TensorSpec([None, 2], tf.float32),
])
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(net(x) - y))
        loss += tf.add_n(net.regularization_losses)
    variables = net.trainable_variables
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))
    return loss


for _ in range(3):
    value = train_step(np.ones([4, 3]), np.zeros([4, 2])).numpy()
    print(value)
