# warns: 4:10 tf.variable_scope: compat: reuse= decided at run time; the compat runtime applies it as TF1 did - pass reuse=True or tf.AUTO_REUSE, or share by calling the same module, to migrate natively [tower, reuse: dynamic]
# warns: 5:16 tf.get_variable: compat: inside a scope kept on the compat runtime by line 4 [tower/w, reuse: dynamic]
import tensorflow as tf

def tower(x, i):
    with tf.variable_scope("tower", reuse=i > 0):
        return tf.get_variable("w", [3])
