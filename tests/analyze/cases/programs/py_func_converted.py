# warns: 6:9 tf.placeholder: native: an argument of the tf.function that runs it (input_signature from its dtype and shape), or of the function that makes the pipeline it feeds at each initializer run
# warns: 7:15 tf.py_func: native: tf.numpy_function
# warns: 8:10 tf.Session: native: the program runs eagerly: the model built once, each distinct sess.run a tf.function
# warns: 9:15 tf.Session.run: native: a call of a tf.function whose arguments are the placeholders it feeds
import numpy as np
import tensorflow as tf


def main():
    x = tf.placeholder(tf.float32, [None, 2])
    doubled = tf.py_func(lambda a: a * 2, [x], tf.float32)
    with tf.Session() as sess:
        print(sess.run(doubled, feed_dict={x: np.ones([1, 2])}))


if __name__ == "__main__":
    main()
