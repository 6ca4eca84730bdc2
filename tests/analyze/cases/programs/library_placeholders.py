# warns: 5:14 tf.placeholder: manual: outside a Session program the program pass converts (`with tf.Session() as sess:` at module level, in the __main__ guard or in the function it calls); kept on tf.compat.v1 - move the training loop into such a program or port it by hand
# warns: 6:14 tf.placeholder: manual: outside a Session program the program pass converts (`with tf.Session() as sess:` at module level, in the __main__ guard or in the function it calls); kept on tf.compat.v1 - move the training loop into such a program or port it by hand
import tensorflow as tf


def inputs(batch):
    images = tf.placeholder(tf.float32, [batch, 28, 28, 1], name="images")
    labels = tf.placeholder(tf.int64, [batch], name="labels")
    return images, labels


def evaluate(sess, accuracy):
    return sess.run(accuracy)
