import tensorflow as tf


def net(x):
    with tf.variable_scope("net"):
        hidden = tf.layers.dense(x, 4, name="hidden")
        return tf.layers.dense(hidden, 1, name="out")


x = tf.placeholder(tf.float32, [None, 2])
loss = tf.reduce_mean(tf.square(net(x)))
opt = tf.train.AdamOptimizer(0.01)
train_all = opt.minimize(loss)
out_vars = tf.trainable_variables("net/out")
train_out = opt.minimize(loss, var_list=out_vars)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        sess.run(train_all, {x: [[1.0, 2.0]]})
        sess.run(train_out, {x: [[1.0, 2.0]]})
# output
import tensorflow as tf
from unscope import nn


class Net(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self.hidden = nn.Dense(4, name=f"{name}/hidden")
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x):
        hidden = self.hidden(x)
        return self.out(hidden)


net = Net()
net(tf.zeros([1, 2], tf.float32))  # makes the variables now, as TF1's graph did
opt = nn.Adam(0.01)
opt.build(net.trainable_variables)  # slots now, as TF1's minimize() made them
out_vars = nn.variables_under(net, "net/out")
opt.build(out_vars)  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    tf.TensorSpec([None, 2], tf.float32),
])
def train_step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(net(x)))
    variables = net.trainable_variables
    grads = tape.gradient(loss, variables)
    opt.apply_gradients(zip(grads, variables))


@tf.function(input_signature=[
    tf.TensorSpec([None, 2], tf.float32),
])
def train_step_2(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(net(x)))
    variables = out_vars
    grads = tape.gradient(loss, variables)
    opt.apply_gradients(zip(grads, variables))


for step in range(3):
    train_step([[1.0, 2.0]])
    train_step_2([[1.0, 2.0]])
