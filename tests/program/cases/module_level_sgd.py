import numpy as np
import tensorflow as tf


def linear(x):
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [3, 1])
        b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    return tf.matmul(x, w) + b


x = tf.placeholder(tf.float32, [None, 3])
target = tf.placeholder(tf.float32, [None, 1])
prediction = linear(x)
loss = tf.reduce_mean(tf.square(prediction - target))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train_op, feed_dict={x: np.ones([2, 3]), target: np.zeros([2, 1])})
    print(sess.run(loss, {x: np.ones([2, 3]), target: np.zeros([2, 1])}))
# output
import numpy as np
import tensorflow as tf
from unscope import nn


class Linear(nn.Module):
    def __init__(self, name="linear"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [3, 1])
        self.b = nn.variable(f"{name}/b", [1], initializer=tf.zeros_initializer())

    def __call__(self, x):
        w = self.w
        b = self.b
        return tf.matmul(x, w) + b


linear = Linear()
linear(tf.zeros([1, 3], tf.float32))  # makes the variables now, as TF1's graph did
optimizer = nn.GradientDescent(0.1)
optimizer.build(linear.trainable_variables)  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    tf.TensorSpec([None, 3], tf.float32),
    tf.TensorSpec([None, 1], tf.float32),
])
def train_step(x, target):
    with tf.GradientTape() as tape:
        prediction = linear(x)
        loss = tf.reduce_mean(tf.square(prediction - target))
    variables = linear.trainable_variables
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))


@tf.function(input_signature=[
    tf.TensorSpec([None, 3], tf.float32),
    tf.TensorSpec([None, 1], tf.float32),
])
def compute_loss(x, target):
    prediction = linear(x)
    loss = tf.reduce_mean(tf.square(prediction - target))
    return loss


for _ in range(3):
    train_step(np.ones([2, 3]), np.zeros([2, 1]))
print(compute_loss(np.ones([2, 3]), np.zeros([2, 1])).numpy())
