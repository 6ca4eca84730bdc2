"""The block called straight through its module in the graph code (no model function here).

    python train_direct.py CKPT_DIR STEPS
"""
import sys

import numpy as np
import tensorflow as tf

import model


def main(argv):
    steps = int(argv[2])
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    pred = model.dense_block(x, 8, "head")
    loss = tf.reduce_mean(tf.square(pred - y))
    train_op = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    rng = np.random.RandomState(2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(steps):
            xb = rng.randn(8, 4).astype(np.float32)
            _, loss_value = sess.run([train_op, loss], feed_dict={x: xb, y: xb[:, :1]})
            print("loss", loss_value)


if __name__ == "__main__":
    main(sys.argv)
