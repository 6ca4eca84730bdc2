"""A TF1 program feeding numpy arrays to a shuffled tf.data pipeline through placeholders: the
initializer is run with a feed_dict at each epoch and the epoch is read until OutOfRangeError.

    python fed_shuffled_sgd.py CKPT_DIR EPOCHS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("regressor"):
        hidden = tf.layers.dense(x, 8, activation=tf.nn.tanh, name="hidden")
        return tf.layers.dense(hidden, 1, name="out")


def main(argv):
    ckpt_dir, epochs = argv[1], int(argv[2])
    tf.set_random_seed(1234)
    rng = np.random.RandomState(3)
    features = rng.randn(16, 3)  # float64: feed_dict converts to the placeholder's float32
    targets = features.sum(axis=1, keepdims=True) * 0.5 - 0.25
    ids = np.arange(16)

    features_ph = tf.placeholder(tf.float32, [None, 3], name="features")
    targets_ph = tf.placeholder(tf.float32, [None, 1], name="targets")
    ids_ph = tf.placeholder(tf.int64, [None], name="ids")
    dataset = tf.data.Dataset.from_tensor_slices((features_ph, targets_ph, ids_ph))
    dataset = dataset.shuffle(16, seed=7).repeat(2).batch(6)
    iterator = dataset.make_initializable_iterator()
    x, y, batch_ids = iterator.get_next()
    order = tf.identity(batch_ids)
    loss = tf.reduce_mean(tf.square(regressor(x) - y))
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        for epoch in range(epochs):
            sess.run(iterator.initializer, feed_dict={features_ph: features, targets_ph: targets,
                                                      ids_ph: ids})
            while True:
                try:
                    _, loss_value, order_value = sess.run([train_op, loss, order])
                    print("loss", loss_value)
                    print("order", " ".join(str(i) for i in order_value))
                except tf.errors.OutOfRangeError:
                    break
        saver.save(sess, os.path.join(ckpt_dir, "model"))


if __name__ == "__main__":
    main(sys.argv)
