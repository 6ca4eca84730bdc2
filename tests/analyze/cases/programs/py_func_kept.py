# warns: 6:9 tf.placeholder: manual: part of the program kept in TF1 form (line 7: see that finding)
# warns: 7:5 tf.py_func: manual: the Session program is kept in TF1 form: tf.py_func in the graph code outside a model function - rewrite it by hand or keep it on tf.compat.v1
# warns: 8:10 tf.Session: manual: part of the program kept in TF1 form (line 7: see that finding)
# warns: 9:15 tf.Session.run: manual: part of the program kept in TF1 form (line 7: see that finding)
import numpy as np
import tensorflow as tf


def main():
    x = tf.placeholder(tf.float32, [None, 2])
    doubled = tf.py_func(lambda a: a * 2, [x], tf.float32)
    with tf.Session() as sess:
        print(sess.run(doubled, feed_dict={x: np.ones([1, 2])}))


if __name__ == "__main__":
    main()
