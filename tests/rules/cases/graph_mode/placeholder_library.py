# warns: 5:12 tf.placeholder: manual: graph-mode code (placeholders / Session) in functions other modules call, kept on tf.compat.v1: it runs when the calling program is in graph mode (tf.compat.v1.disable_v2_behavior() at its entry point); importing this module does not switch modes - to run eagerly, drop the Session and call the model through unscope.track
import tensorflow as tf


def inputs():
    return tf.placeholder(tf.float32, [None, 3], name="x")
# output
import tensorflow as tf


def inputs():
    return tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
