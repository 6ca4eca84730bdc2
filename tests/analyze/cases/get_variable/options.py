# warns: 4:9 tf.get_variable: compat: partitioner: partitioned variables stay on the compat runtime [a, reuse: create]
# warns: 5:9 tf.get_variable: compat: collections=: custom collections are kept by the compat runtime [b, reuse: create]
# warns: 6:9 tf.get_local_variable: compat: local variables stay on the compat runtime [c, reuse: create]
import tensorflow as tf

def f(x):
    a = tf.get_variable("a", [8], partitioner=tf.fixed_size_partitioner(2))
    b = tf.get_variable("b", [8], collections=[tf.GraphKeys.GLOBAL_VARIABLES, "mine"])
    c = tf.get_local_variable("c", [8])
    return a, b, c
