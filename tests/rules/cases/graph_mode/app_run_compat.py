# warns: 8:9 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1 (disable_v2_behavior() added as the first statement under `if __name__ == "__main__":`, the program's entry point, as TF1 ran graphs); to run eagerly, drop the Session and call the model through unscope.track
import tensorflow.compat.v1 as tf

FLAGS = tf.app.flags.FLAGS
tf.app.flags.DEFINE_integer("steps", 2, "training steps")


def main(_):
    x = tf.placeholder(tf.float32, [None])
    with tf.Session() as sess:
        print(sess.run(x * FLAGS.steps, {x: [1.0, 2.0]}))


if __name__ == "__main__":
    tf.app.run()
# output
import tensorflow.compat.v1 as tf

FLAGS = tf.app.flags.FLAGS
tf.app.flags.DEFINE_integer("steps", 2, "training steps")


def main(_):
    x = tf.placeholder(tf.float32, [None])
    with tf.Session() as sess:
        print(sess.run(x * FLAGS.steps, {x: [1.0, 2.0]}))


if __name__ == "__main__":
    tf.disable_v2_behavior()
    tf.app.run()
