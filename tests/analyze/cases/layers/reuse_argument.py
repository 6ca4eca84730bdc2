# warns: 4:9 tf.layers.dense: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names; reuse: calls the same layer object [a, reuse: reuse]
# warns: 5:12 tf.layers.dense: manual: reuse= is not a constant; left unchanged - pass reuse=True or tf.AUTO_REUSE, or share by calling the same function once more under reuse [b, reuse: dynamic]
import tensorflow as tf

def head(x, reuse):
    a = tf.layers.dense(x, 4, name="a", reuse=True)
    return tf.layers.dense(a, 4, name="b", reuse=reuse)
