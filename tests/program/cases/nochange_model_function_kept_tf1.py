# finding: `tagged` may make TF1 variables and is no model class the program builds once
import numpy as np
import tensorflow as tf


def encoder(x):
    with tf.variable_scope("encoder"):
        return tf.layers.dense(x, 4, activation=tf.nn.tanh, name="proj")


def tagged(h):
    out = tf.layers.dense(h, 1, name="tagged")
    tf.add_to_collection("outputs", out)
    return out


x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
h = encoder(x)
loss = tf.reduce_mean(tf.square(tagged(h) - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        _, value = sess.run([train_op, loss], {x: np.ones([4, 3]), y: np.zeros([4, 1])})
        print(value)
