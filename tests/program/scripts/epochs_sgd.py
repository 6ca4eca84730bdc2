"""A TF1 program reading a tf.data pipeline through an initializable iterator,
re-initialized each epoch and read until OutOfRangeError.

    python epochs_sgd.py CKPT_DIR EPOCHS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("regressor"):
        return tf.layers.dense(x, 1, name="out")


def main(argv):
    ckpt_dir, epochs = argv[1], int(argv[2])
    rng = np.random.RandomState(6)
    features = rng.randn(20, 3).astype(np.float32)
    targets = features.sum(axis=1, keepdims=True) + 0.5
    dataset = tf.data.Dataset.from_tensor_slices((features, targets)).batch(5)
    iterator = dataset.make_initializable_iterator()
    x, y = iterator.get_next()
    loss = tf.reduce_mean(tf.square(regressor(x) - y))
    train_op = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        for epoch in range(epochs):
            sess.run(iterator.initializer)
            while True:
                try:
                    _, loss_value = sess.run([train_op, loss])
                    print("loss", loss_value)
                except tf.errors.OutOfRangeError:
                    break
        saver.save(sess, os.path.join(ckpt_dir, "model"))


if __name__ == "__main__":
    main(sys.argv)
