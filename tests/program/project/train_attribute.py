"""A regressor: an encoder, then a head built from model.py's block.

    python train_attribute.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf

import model


def encoder(x):
    with tf.variable_scope("encoder"):
        return tf.layers.dense(x, 6, activation=tf.nn.tanh, name="proj")


def head(h):
    with tf.variable_scope("head"):
        return model.dense_block(h, 8, "block")


def main(argv):
    ckpt_dir, steps = argv[1], int(argv[2])
    restore_from = argv[3] if len(argv) > 3 else None
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    h = encoder(x)
    pred = head(h)
    loss = tf.reduce_mean(tf.square(pred - y))
    mean_pred = tf.reduce_mean(pred)
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=global_step)
    saver = tf.train.Saver()
    rng = np.random.RandomState(0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if restore_from:
            saver.restore(sess, restore_from)
        for step in range(steps):
            xb = rng.randn(8, 4).astype(np.float32)
            yb = np.sin(xb.sum(axis=1, keepdims=True))
            _, loss_value = sess.run([train_op, loss], feed_dict={x: xb, y: yb})
            print("loss", loss_value)
        xt = rng.randn(16, 4).astype(np.float32)
        print(sess.run([loss, mean_pred], feed_dict={x: xt, y: np.sin(xt.sum(axis=1, keepdims=True))}))
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
