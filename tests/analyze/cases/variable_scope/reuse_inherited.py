# warns: 4:10 tf.variable_scope: native: reuse=True: native mode shares by calling the same module [outer, reuse: reuse]
# warns: 5:14 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [outer/inner, reuse: reuse]
# warns: 6:20 tf.get_variable: native: reused variable: native mode reads the one its module already owns [outer/inner/w, reuse: reuse]
import tensorflow as tf

def f(x):
    with tf.variable_scope("outer", reuse=True):
        with tf.variable_scope("inner", reuse=False):
            return tf.get_variable("w", [3])
