# finding: is called again without reuse=True (TF1 raises: Variable ... already exists)
import tensorflow as tf


def critic(x, reuse=False):
    with tf.variable_scope("critic", reuse=reuse):
        return tf.layers.dense(x, 1, name="out")


a = tf.placeholder(tf.float32, [None, 2])
b = tf.placeholder(tf.float32, [None, 2])
score_a = critic(a)
score_b = critic(b)
loss = tf.reduce_mean(score_a - score_b)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(loss, {a: [[1.0, 2.0]], b: [[0.0, 1.0]]}))
