"""A module-level TF1 program with placeholder_with_default: a penalty factor and a
training flag fed during training, defaulted at evaluation.

    python defaults_sgd.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def regressor(x, is_training):
    with tf.variable_scope("regressor"):
        h = tf.layers.dense(x, 8, activation=tf.nn.tanh, name="hidden")
        h = tf.cond(is_training, lambda: h * 0.5, lambda: h)
        return tf.layers.dense(h, 1, name="out")


ckpt_dir, steps = sys.argv[1], int(sys.argv[2])
x = tf.placeholder(tf.float32, [None, 3], name="x")
target = tf.placeholder(tf.float32, [None, 1], name="target")
is_training = tf.placeholder_with_default(False, [], name="is_training")
decay = tf.placeholder_with_default(0.0, [])
prediction = regressor(x, is_training)
loss = tf.reduce_mean(tf.square(prediction - target)) + decay * tf.reduce_mean(tf.square(prediction))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
saver = tf.train.Saver()
rng = np.random.RandomState(5)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    if len(sys.argv) > 3:
        saver.restore(sess, sys.argv[3])
    for step in range(steps):
        xb = rng.randn(16, 3).astype(np.float32)
        yb = xb.sum(axis=1, keepdims=True)
        _, loss_value = sess.run([train_op, loss], feed_dict={x: xb, target: yb, is_training: True, decay: 0.01})
        print("loss", loss_value)
        print("eval", sess.run(loss, feed_dict={x: xb, target: yb}))
        print("fed", sess.run(loss, feed_dict={x: xb, target: yb, is_training: True, decay: 0.01}))
    saver.save(sess, os.path.join(ckpt_dir, "model"))
