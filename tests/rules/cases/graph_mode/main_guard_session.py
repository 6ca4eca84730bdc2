# warns: 13:9 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1 (disable_v2_behavior() added as the first statement under `if __name__ == "__main__":`, the program's entry point, as TF1 ran graphs); to run eagerly, drop the Session and call the model through unscope.track
"""Train a tiny model (TF1 script with an entry point)."""
import numpy as np
import tensorflow as tf


def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [3, 1], initializer=tf.ones_initializer())
    return tf.matmul(x, w)


def main():
    x = tf.placeholder(tf.float32, [None, 3])
    y = build(x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(y, {x: np.ones([2, 3])}))


if __name__ == "__main__":
    main()
# output
"""Train a tiny model (TF1 script with an entry point)."""
import numpy as np
import tensorflow as tf
import unscope


def build(x):
    with unscope.variable_scope("model"):
        w = unscope.get_variable("w", [3, 1], initializer=tf.compat.v1.ones_initializer())
    return tf.matmul(x, w)


def main():
    x = tf.compat.v1.placeholder(tf.float32, [None, 3])
    y = build(x)
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        print(sess.run(y, {x: np.ones([2, 3])}))


if __name__ == "__main__":
    tf.compat.v1.disable_v2_behavior()
    main()
