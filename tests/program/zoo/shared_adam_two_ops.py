"""Zoo: one Adam optimizer with two train ops - the whole model on the loss, then only the
head on it again - and the summaries grouped by family=.

    python shared_adam_two_ops.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("regressor"):
        hidden = tf.layers.dense(x, 6, activation=tf.nn.tanh, name="hidden")
        return tf.layers.dense(hidden, 1, name="head")


def main(argv):
    ckpt_dir, steps = argv[1], int(argv[2])
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    prediction = regressor(x)
    loss = tf.reduce_mean(tf.square(prediction - y))
    tf.summary.scalar("loss", loss, family="train")
    tf.summary.histogram("prediction", prediction, family="train")
    merged = tf.summary.merge_all()
    global_step = tf.train.get_or_create_global_step()
    optimizer = tf.train.AdamOptimizer(0.02)
    train_op = optimizer.minimize(loss, global_step=global_step)
    head_vars = tf.trainable_variables("regressor/head")
    finetune_op = optimizer.minimize(loss, var_list=head_vars)
    saver = tf.train.Saver()
    rng = np.random.RandomState(5)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        writer = tf.summary.FileWriter(os.path.join(ckpt_dir, "logs"))
        for step in range(steps):
            xb = rng.randn(8, 4).astype(np.float32)
            yb = np.sin(xb.sum(axis=1, keepdims=True))
            _, loss_value, summary = sess.run([train_op, loss, merged], {x: xb, y: yb})
            writer.add_summary(summary, step)
            print("loss", loss_value)
            _, loss_after = sess.run([finetune_op, loss], {x: xb, y: yb})
            print("loss_after", loss_after)
        writer.close()
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
