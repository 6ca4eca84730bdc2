"""A second TF1 training script: restores the checkpoint train_tf1.py wrote (weights, Adam's
slots, the global step) and fine-tunes the classifier with dropout off, printing every loss."""
import sys

import numpy as np
import tensorflow as tf

from model import CLASSES, VOCAB, classifier


def main(restore_from, checkpoint_prefix, steps=10):
    rng = np.random.RandomState(1)
    tokens = tf.placeholder(tf.int32, [None, 12], name="tokens")
    labels = tf.placeholder(tf.int32, [None], name="labels")
    logits = classifier(tokens, training=False)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    loss += tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(1e-2).minimize(loss, global_step=global_step)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.restore(sess, restore_from)
        for _ in range(steps):
            x = rng.randint(0, VOCAB, size=(8, 12))
            y = x[:, 0] % CLASSES
            _, value = sess.run([train_op, loss], {tokens: x, labels: y})
            print("loss %.7f" % value)
        print("step %d" % sess.run(global_step))
        saver.save(sess, checkpoint_prefix)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
