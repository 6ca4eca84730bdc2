"""TF1 zoo: one regressor, its encoder trained by a centered RMSProp with momentum, its head by
Adagrad on gradients clipped per value and scaled in a (g, v) comprehension.

    python rmsprop_adagrad.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("encoder"):
        h = tf.layers.dense(x, 6, activation=tf.nn.sigmoid, name="h")
    with tf.variable_scope("head"):
        return tf.layers.dense(h, 1, name="out")


def main(argv):
    ckpt_dir, steps = argv[1], int(argv[2])
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    loss = tf.reduce_mean(tf.square(regressor(x) - y))
    encoder_vars = tf.trainable_variables(scope="encoder")
    head_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="head")
    global_step = tf.train.get_or_create_global_step()
    rmsprop = tf.train.RMSPropOptimizer(0.01, decay=0.8, momentum=0.5, centered=True)
    encoder_train = rmsprop.minimize(loss, var_list=encoder_vars)
    adagrad = tf.train.AdagradOptimizer(0.3)
    pairs = adagrad.compute_gradients(loss, var_list=head_vars)
    capped = [(0.5 * tf.clip_by_value(g, -0.2, 0.2), v) for g, v in pairs]
    head_train = adagrad.apply_gradients(capped, global_step=global_step)
    saver = tf.train.Saver()
    rng = np.random.RandomState(11)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        for _ in range(steps):
            xb = rng.randn(8, 3).astype(np.float32)
            yb = 4.0 * xb[:, :1] - xb[:, 1:2]
            _, loss_value = sess.run([encoder_train, loss], {x: xb, y: yb})
            _, loss_after = sess.run([head_train, loss], {x: xb, y: yb})
            print("loss", loss_value)
            print("loss_after", loss_after)
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
