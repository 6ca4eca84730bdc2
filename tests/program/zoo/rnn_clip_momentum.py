"""TF1 zoo: a small unrolled RNN regressor trained with Momentum on a decayed rate, its
gradients clipped by global norm between compute_gradients and apply_gradients.

    python rnn_clip_momentum.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf

STEPS_IN_TIME = 4


def rnn(inputs):
    with tf.variable_scope("rnn"):
        w = tf.get_variable("w", [3, 6])
        u = tf.get_variable("u", [6, 6])
        b = tf.get_variable("b", [6], initializer=tf.zeros_initializer())
        h = tf.zeros([tf.shape(inputs)[0], 6])
        for t in range(STEPS_IN_TIME):
            h = tf.tanh(tf.matmul(inputs[:, t], w) + tf.matmul(h, u) + b)
        return tf.layers.dense(h, 1, name="out")


def main(argv):
    ckpt_dir, steps = argv[1], int(argv[2])
    x = tf.placeholder(tf.float32, [None, 4, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    prediction = rnn(x)
    loss = tf.reduce_mean(tf.square(prediction - y))
    global_step = tf.train.get_or_create_global_step()
    learning_rate = tf.train.exponential_decay(0.3, global_step, 5, 0.6, staircase=True)
    optimizer = tf.train.MomentumOptimizer(learning_rate, 0.9)
    grads_and_vars = optimizer.compute_gradients(loss)
    grads, variables = zip(*grads_and_vars)
    clipped, norm = tf.clip_by_global_norm(grads, 0.5)
    train_op = optimizer.apply_gradients(zip(clipped, variables), global_step=global_step)
    saver = tf.train.Saver()
    rng = np.random.RandomState(7)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        for _ in range(steps):
            xb = rng.randn(8, STEPS_IN_TIME, 3).astype(np.float32)
            yb = 3.0 * xb.sum(axis=(1, 2))[:, None]
            _, loss_value, norm_value = sess.run([train_op, loss, norm], {x: xb, y: yb})
            print("loss", loss_value)
            print("norm", norm_value)
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
