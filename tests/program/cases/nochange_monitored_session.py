# finding: it runs MonitoredTrainingSession
import tensorflow as tf


def main():
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.get_variable("w", [2, 1])
    loss = tf.reduce_mean(tf.matmul(x, w))
    with tf.train.MonitoredTrainingSession() as sess:
        print(sess.run(loss, feed_dict={x: [[1.0, 2.0]]}))


if __name__ == "__main__":
    main()
