# finding: `loss` is used in the Session block other than through sess.run
import tensorflow as tf


def model(x):
    with tf.variable_scope("model"):
        return tf.layers.dense(x, 1, name="out")


def main():
    x = tf.placeholder(tf.float32, [None, 2])
    loss = tf.reduce_mean(model(x))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(loss.name, sess.run(loss, feed_dict={x: [[1.0, 2.0]]}))


if __name__ == "__main__":
    main()
