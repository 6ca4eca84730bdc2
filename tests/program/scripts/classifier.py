"""A 2018-style TF1 training script: placeholders, a model function, Adam, a Saver.

    python classifier.py CKPT_DIR STEPS SEED [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def model(x, is_training):
    with tf.variable_scope("classifier"):
        h = tf.layers.dense(x, 16, activation=tf.nn.relu, name="hidden")
        h = tf.layers.dropout(h, rate=0.5, training=is_training)
        logits = tf.layers.dense(h, 3, name="logits")
    return logits


def main(argv):
    ckpt_dir, steps, seed = argv[1], int(argv[2]), int(argv[3])
    restore_from = argv[4] if len(argv) > 4 else None
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.int64, [None], name="y")
    is_training = tf.placeholder(tf.bool, [], name="is_training")
    logits = model(x, is_training)
    loss = tf.reduce_mean(
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=global_step)
    saver = tf.train.Saver(max_to_keep=3)
    rng = np.random.RandomState(seed)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if restore_from:
            saver.restore(sess, restore_from)
        for step in range(steps):
            xb = rng.randn(8, 4).astype(np.float32)
            yb = rng.randint(0, 3, size=8)
            _, loss_value = sess.run([train_op, loss],
                                     feed_dict={x: xb, y: yb, is_training: False})
            print("loss", loss_value)
        xt = rng.randn(16, 4).astype(np.float32)
        yt = rng.randint(0, 3, size=16)
        print("accuracy", sess.run(accuracy, feed_dict={x: xt, y: yt, is_training: False}))
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
