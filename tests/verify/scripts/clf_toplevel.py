"""A TF1 classifier whose training script runs at module top level, 2018 style."""
import numpy as np
import tensorflow as tf

N_CLASSES = 3
HIDDEN = 8
flags = {"steps": 2}


def classifier(x):
    with tf.variable_scope("clf"):
        h = tf.layers.dense(x, HIDDEN, activation=tf.nn.relu, name="hidden")
        w = tf.get_variable("w_out", [HIDDEN, N_CLASSES])
        return tf.matmul(h, w) * SCALE


SCALE = 2.0
x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.int32, [None])
loss = tf.losses.sparse_softmax_cross_entropy(y, classifier(x))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
rng = np.random.RandomState(0)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(flags["steps"]):
    sess.run(train_op, {x: rng.randn(8, 4), y: rng.randint(0, N_CLASSES, 8)})
open(__file__ + ".trained", "w").close()  # proof that training ran
