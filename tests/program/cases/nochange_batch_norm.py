# finding: batch normalization in a model the Session trains
import tensorflow as tf


def model(x, is_training):
    with tf.variable_scope("model"):
        h = tf.layers.dense(x, 4, name="fc")
        return tf.layers.batch_normalization(h, training=is_training, name="bn")


def main():
    x = tf.placeholder(tf.float32, [None, 2])
    training = tf.placeholder(tf.bool, [])
    loss = tf.reduce_mean(model(x, training))
    train_op = tf.train.AdamOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train_op, feed_dict={x: [[1.0, 2.0]], training: True})


if __name__ == "__main__":
    main()
