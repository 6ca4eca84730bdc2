# warns: 4:10 tf.variable_scope: native: re-entered scope: native mode calls the same module
# warns: 5:16 tf.get_variable: native: AUTO_REUSE variable: created on the first call, shared after; native mode keeps one tf.Variable [w, reuse: auto]
import tensorflow as tf

def tower_loss(x):
    with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
        return tf.get_variable("w", [3])
