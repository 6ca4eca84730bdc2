# warns: 4:10 tf.variable_scope: manual: reuse= is not a constant; left unchanged - pass reuse=True or tf.AUTO_REUSE, or share by calling the same function once more under reuse [disc, reuse: dynamic]
# warns: 5:16 tf.get_variable: compat: inside a scope kept on the compat runtime by line 4 [disc/w, reuse: dynamic]
import tensorflow as tf

def discriminator(x, reuse=False):
    with tf.variable_scope("disc", reuse=reuse):
        return tf.get_variable("w", [3])
