"""TF1 zoo: a batch-normalized regressor trained by SGD with the UPDATE_OPS dependency (the
moving statistics update once per step), evaluated with is_training fed False; a scalar and a
histogram summary merged and written by a FileWriter at every step.

    python batch_norm_sgd.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def regressor(x, is_training):
    with tf.variable_scope("regressor"):
        h = tf.layers.dense(x, 6, name="fc")
        h = tf.layers.batch_normalization(h, momentum=0.8, training=is_training, name="bn")
        return tf.layers.dense(tf.nn.relu(h), 1, name="out")


def main(argv):
    ckpt_dir, steps = argv[1], int(argv[2])
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    is_training = tf.placeholder(tf.bool, [], name="is_training")
    prediction = regressor(x, is_training)
    loss = tf.reduce_mean(tf.square(prediction - y))
    tf.summary.scalar("loss", loss)
    tf.summary.histogram("prediction", prediction)
    merged = tf.summary.merge_all()
    global_step = tf.train.get_or_create_global_step()
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.GradientDescentOptimizer(0.05).minimize(loss, global_step=global_step)
    saver = tf.train.Saver()
    rng = np.random.RandomState(2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        writer = tf.summary.FileWriter(os.path.join(ckpt_dir, "logs"), sess.graph)
        for step in range(steps):
            xb = rng.randn(16, 3).astype(np.float32) + 1.0
            yb = xb.sum(axis=1, keepdims=True)
            _, loss_value, summary = sess.run([train_op, loss, merged], {x: xb, y: yb, is_training: True})
            writer.add_summary(summary, step)
            print("loss", loss_value)
            print("eval", sess.run(loss, {x: xb, y: yb, is_training: False}))
        writer.close()
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
