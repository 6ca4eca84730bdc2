"""TF1 zoo: a tf.data pipeline (shuffled each epoch, a tf.py_func in its map) read by a one-shot
iterator, feeding an SGD regressor whose loss also goes through a tf.py_func.

    python data_sgd.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("regressor"):
        return tf.layers.dense(x, 1, name="out")


def main(argv):
    ckpt_dir, steps = argv[1], int(argv[2])
    rng = np.random.RandomState(4)
    features = rng.randn(40, 3).astype(np.float32)
    targets = features.sum(axis=1, keepdims=True) - 1.0
    dataset = tf.data.Dataset.from_tensor_slices((features, targets))
    dataset = dataset.map(lambda f, t: (tf.reshape(tf.py_func(np.tanh, [f], tf.float32), [3]), t))
    dataset = dataset.shuffle(40, seed=3).batch(8).repeat()
    x, y = dataset.make_one_shot_iterator().get_next()
    error = regressor(x) - y
    loss = tf.reduce_mean(tf.square(error)) + 0.0 * tf.reduce_sum(tf.py_func(np.abs, [error], tf.float32))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        for _ in range(steps):
            _, loss_value = sess.run([train_op, loss])
            print("loss", loss_value)
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
