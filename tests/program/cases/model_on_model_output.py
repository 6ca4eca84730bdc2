import numpy as np
import tensorflow as tf


def encoder(x):
    with tf.variable_scope("encoder"):
        return tf.layers.dense(x, 4, activation=tf.nn.tanh, name="proj")


def head(h):
    with tf.variable_scope("head"):
        return tf.layers.dense(h, 1, name="out")


x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
pred = head(encoder(x))
loss = tf.reduce_mean(tf.square(pred - y))
mean_pred = tf.reduce_mean(pred)
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        print(sess.run([train_op, loss], {x: np.ones([4, 3]), y: np.zeros([4, 1])}))
    print(sess.run((loss, mean_pred), {x: np.ones([2, 3]), y: np.ones([2, 1])}))
# output
import numpy as np
import tensorflow as tf
from unscope import nn


class Encoder(nn.Module):
    def __init__(self, name="encoder"):
        super().__init__(name=name)
        self.proj = nn.Dense(4, activation=tf.nn.tanh, name=f"{name}/proj")

    def __call__(self, x):
        return self.proj(x)


class Head(nn.Module):
    def __init__(self, name="head"):
        super().__init__(name=name)
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, h):
        return self.out(h)


encoder = Encoder()
encoder(tf.zeros([1, 3], tf.float32))  # makes the variables now, as TF1's graph did
head = Head()
head(encoder(tf.zeros([1, 3], tf.float32)))  # makes the variables now, as TF1's graph did
optimizer = nn.GradientDescent(0.1)
optimizer.build([*encoder.trainable_variables, *head.trainable_variables])  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    tf.TensorSpec([None, 3], tf.float32),
    tf.TensorSpec([None, 1], tf.float32),
])
def train_step(x, y):
    with tf.GradientTape() as tape:
        pred = head(encoder(x))
        loss = tf.reduce_mean(tf.square(pred - y))
    variables = [*encoder.trainable_variables, *head.trainable_variables]
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))
    return loss


@tf.function(input_signature=[
    tf.TensorSpec([None, 3], tf.float32),
    tf.TensorSpec([None, 1], tf.float32),
])
def compute_loss_mean_pred(x, y):
    pred = head(encoder(x))
    loss = tf.reduce_mean(tf.square(pred - y))
    mean_pred = tf.reduce_mean(pred)
    return loss, mean_pred


for _ in range(3):
    print([None, train_step(np.ones([4, 3]), np.zeros([4, 1])).numpy()])
print(tuple([value.numpy() for value in compute_loss_mean_pred(np.ones([2, 3]), np.ones([2, 1]))]))
