# warns: 11:12 tf.InteractiveSession: manual: graph-mode code (placeholders / Session) in functions other modules call, kept on tf.compat.v1: it runs when the calling program is in graph mode (tf.compat.v1.disable_v2_behavior() at its entry point); importing this module does not switch modes - to run eagerly, drop the Session and call the model through unscope.track
import tensorflow.compat.v1 as tf


def model(x):
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [3, 1])
    return tf.matmul(x, w)


def evaluate(values):
    sess = tf.InteractiveSession()
    x = tf.placeholder(tf.float32, [None, 3])
    y = model(x)
    sess.run(tf.global_variables_initializer())
    return sess.run(y, {x: values})
# output
import tensorflow.compat.v1 as tf
import unscope


def model(x):
    with unscope.variable_scope("model", reuse=unscope.AUTO_REUSE):
        w = unscope.get_variable("w", [3, 1])
    return tf.matmul(x, w)


def evaluate(values):
    sess = tf.InteractiveSession()
    x = tf.placeholder(tf.float32, [None, 3])
    y = model(x)
    sess.run(tf.global_variables_initializer())
    return sess.run(y, {x: values})
