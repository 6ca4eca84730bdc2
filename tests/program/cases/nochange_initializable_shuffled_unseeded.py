# finding: a shuffled pipeline read by an initializable iterator with no literal seed=
import numpy as np
import tensorflow as tf


def net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).shuffle(8).batch(4)
iterator = tf.data.make_initializable_iterator(dataset)
batch = iterator.get_next()
loss = tf.reduce_mean(tf.square(net(batch)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(2):
        sess.run(iterator.initializer)
        while True:
            try:
                _, value = sess.run([train_op, loss])
            except tf.errors.OutOfRangeError:
                break
        print(epoch, value)
