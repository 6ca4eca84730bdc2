# finding: is run outside a train op with a training flag not False
import tensorflow as tf


def _model(x, is_training):
    with tf.variable_scope("model"):
        h = tf.layers.dense(x, 4, name="fc")
        return tf.layers.batch_normalization(h, training=is_training, name="bn")


def main():
    x = tf.placeholder(tf.float32, [None, 2])
    training = tf.placeholder(tf.bool, [])
    loss = tf.reduce_mean(_model(x, training))
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train_op, feed_dict={x: [[1.0, 2.0]], training: True})
        print(sess.run(loss, feed_dict={x: [[1.0, 2.0]], training: True}))


if __name__ == "__main__":
    main()
