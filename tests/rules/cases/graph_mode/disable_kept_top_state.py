# warns: 7:9 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1; to run eagerly, drop the Session and call the model through unscope.track
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
tf.set_random_seed(1)


def main():
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.Session() as sess:
        print(sess.run(tf.random_normal([2]) + tf.reduce_sum(x), {x: [[1.0, 2.0, 3.0]]}))


if __name__ == "__main__":
    main()
