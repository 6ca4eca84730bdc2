"""A module-level TF1 program: a decaying learning rate, Momentum, a Saver.

    python regression_momentum.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("regressor"):
        h = tf.layers.dense(x, 8, activation=tf.nn.tanh, name="hidden")
        w = tf.get_variable("w_out", [8, 1])
    return tf.matmul(h, w)


ckpt_dir, steps = sys.argv[1], int(sys.argv[2])
x = tf.placeholder(tf.float32, [None, 3], name="x")
target = tf.placeholder(tf.float32, [None, 1], name="target")
prediction = regressor(x)
loss = tf.reduce_mean(tf.square(prediction - target))
global_step = tf.train.get_or_create_global_step()
learning_rate = tf.train.exponential_decay(0.1, global_step, 3, 0.5, staircase=True)
optimizer = tf.train.MomentumOptimizer(learning_rate, momentum=0.9)
train_op = optimizer.minimize(loss, global_step=global_step)
saver = tf.train.Saver()
rng = np.random.RandomState(3)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    if len(sys.argv) > 3:
        saver.restore(sess, sys.argv[3])
    for step in range(steps):
        xb = rng.randn(16, 3).astype(np.float32)
        yb = xb.sum(axis=1, keepdims=True)
        _, loss_value = sess.run([train_op, loss], feed_dict={x: xb, target: yb})
        print("loss", loss_value)
        print("lr", sess.run(learning_rate))
    print("step", sess.run(global_step))
    saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)
