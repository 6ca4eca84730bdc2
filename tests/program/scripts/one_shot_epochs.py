"""A TF1 program reading a repeated, shuffled tf.data pipeline through a one-shot iterator until
OutOfRangeError ends the data (EPOCHS 0: no data, the initial weights are saved).

    python one_shot_epochs.py CKPT_DIR EPOCHS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


def classifier(x):
    with tf.variable_scope("classifier"):
        return tf.layers.dense(x, 3, name="logits")


def main(argv):
    ckpt_dir, epochs = argv[1], int(argv[2])
    rng = np.random.RandomState(11)
    features = rng.randn(21, 4).astype(np.float32)
    labels = rng.randint(0, 3, size=21).astype(np.int64)
    dataset = tf.data.Dataset.from_tensor_slices((features, labels))
    dataset = dataset.repeat(epochs).shuffle(21, seed=4).batch(6)
    x, y = dataset.make_one_shot_iterator().get_next()
    logits = classifier(x)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    train_op = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        while True:
            try:
                _, loss_value = sess.run([train_op, loss])
                print("loss", loss_value)
            except tf.errors.OutOfRangeError:
                break
        saver.save(sess, os.path.join(ckpt_dir, "model"))


if __name__ == "__main__":
    main(sys.argv)
