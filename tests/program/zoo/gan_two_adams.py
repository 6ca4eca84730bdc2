"""TF1 zoo: a tiny GAN - two model functions, the discriminator shared with reuse=True, var_lists
picked by scope two ways, two Adams (one TF1 checkpoint holds beta1_power and beta1_power_1).

    python gan_two_adams.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 8, activation=tf.nn.relu, name="h")
        return tf.layers.dense(h, 2, name="out")


def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="h")
        return tf.layers.dense(h, 1, name="out")


def main(argv):
    ckpt_dir, steps = argv[1], int(argv[2])
    z = tf.placeholder(tf.float32, [None, 4], name="z")
    real = tf.placeholder(tf.float32, [None, 2], name="real")
    fake = generator(z)
    d_real = discriminator(real)
    d_fake = discriminator(fake, reuse=True)
    d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.ones_like(d_real), logits=d_real)) + tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.zeros_like(d_fake), logits=d_fake))
    g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.ones_like(d_fake), logits=d_fake))
    t_vars = tf.trainable_variables()
    d_vars = [v for v in t_vars if v.name.startswith("discriminator")]
    g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
    global_step = tf.train.get_or_create_global_step()
    d_train = tf.train.AdamOptimizer(0.05, beta1=0.5).minimize(d_loss, var_list=d_vars)
    g_train = tf.train.AdamOptimizer(0.02, beta1=0.5).minimize(
        g_loss, var_list=g_vars, global_step=global_step)
    saver = tf.train.Saver()
    rng = np.random.RandomState(5)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        for _ in range(steps):
            zb = rng.randn(16, 4).astype(np.float32)
            rb = (rng.randn(16, 2) * 0.5 + 2.0).astype(np.float32)
            _, d_value = sess.run([d_train, d_loss], {z: zb, real: rb})
            _, g_value = sess.run([g_train, g_loss], {z: zb})
            print("d_loss", d_value)
            print("g_loss", g_value)
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
