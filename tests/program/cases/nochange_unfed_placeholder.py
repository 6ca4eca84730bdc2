# finding: placeholder `y` is needed but not fed
import tensorflow as tf


def model(x):
    with tf.variable_scope("model"):
        return tf.layers.dense(x, 1, name="out")


def main():
    x = tf.placeholder(tf.float32, [None, 2])
    y = tf.placeholder(tf.float32, [None, 1])
    loss = tf.reduce_mean(tf.square(model(x) - y))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(loss, feed_dict={x: [[1.0, 2.0]]}))


if __name__ == "__main__":
    main()
