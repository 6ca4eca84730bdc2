# warns: 4:9 tf.layers.dense: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names; reuse: calls the same layer object [a, reuse: reuse]
# warns: 5:12 tf.layers.dense: compat: reuse= decided at run time; the compat runtime applies it as TF1 did - pass reuse=True or tf.AUTO_REUSE, or share by calling the same module, to migrate natively [b, reuse: dynamic]
import tensorflow as tf

def head(x, reuse):
    a = tf.layers.dense(x, 4, name="a", reuse=True)
    return tf.layers.dense(a, 4, name="b", reuse=reuse)
