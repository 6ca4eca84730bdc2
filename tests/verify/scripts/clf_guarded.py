"""A TF1 classifier and its Session training loop, the loop under the __main__ guard."""
import numpy as np
import tensorflow as tf

N_CLASSES = 3
RAN = []  # the loop appends here: importing must leave it empty


def classifier(x):
    with tf.variable_scope("clf"):
        h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="hidden")
        w = tf.get_variable("w_out", [8, N_CLASSES])
        return tf.matmul(h, w)


def train(steps=2):
    x = tf.placeholder(tf.float32, [None, 4])
    y = tf.placeholder(tf.int32, [None])
    loss = tf.losses.sparse_softmax_cross_entropy(y, classifier(x))
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
    rng = np.random.RandomState(0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(train_op, {x: rng.randn(8, 4), y: rng.randint(0, N_CLASSES, 8)})
            RAN.append(1)


if __name__ == "__main__":
    train()
