# warns: 4:10 tf.variable_scope: manual: reuse= is not a constant; left unchanged - pass reuse=True or tf.AUTO_REUSE, or share by calling the same function once more under reuse [tower, reuse: dynamic]
# warns: 5:16 tf.get_variable: compat: inside a scope kept on the compat runtime by line 4 [tower/w, reuse: dynamic]
import tensorflow as tf

def tower(x, i):
    with tf.variable_scope("tower", reuse=i > 0):
        return tf.get_variable("w", [3])
