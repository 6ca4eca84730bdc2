# warns: 2:1 tf.disable_v2_behavior: manual: moved under `if __name__ == "__main__":`: importing this module no longer switches the process to graph mode, running it as a program still does
# warns: 10:9 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1; to run eagerly, drop the Session and call the model through unscope.track
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()


def model(x):
    return tf.layers.dense(x, 2, name="out")


def main(_):
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(model(x), {x: [[1.0, 2.0, 3.0]]}))


if __name__ == "__main__":
    tf.app.run(main)
# output
import tensorflow.compat.v1 as tf
import unscope


def model(x):
    return unscope.layers.dense(x, 2, name="out")


def main(_):
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(model(x), {x: [[1.0, 2.0, 3.0]]}))


if __name__ == "__main__":
    tf.disable_v2_behavior()
    tf.app.run(main)
