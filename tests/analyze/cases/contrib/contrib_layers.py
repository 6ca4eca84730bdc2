# warns: 4:9 tf.contrib.layers.fully_connected: native: tf.contrib is gone in TF2; native mode uses an unscope.nn layer object keeping TF1 names [fc, reuse: create]
# warns: 5:9 tf.contrib.layers.layer_norm: native: tf.contrib is gone in TF2; native mode uses an unscope.nn layer object keeping TF1 names [LayerNorm, reuse: create]
# warns: 6:12 tf.contrib.layers.fully_connected: native: tf.contrib is gone in TF2; native mode uses an unscope.nn layer object keeping TF1 names [fully_connected, reuse: create]
# warns: 6:72 tf.contrib.layers.l2_regularizer: native: contrib/slim regularizer: native mode uses unscope.nn's (same TF1 formula), compat mode unscope.contrib's
import tensorflow as tf

def f(x):
    h = tf.contrib.layers.fully_connected(x, 8, scope="fc")
    h = tf.contrib.layers.layer_norm(h)
    return tf.contrib.layers.fully_connected(h, 8, weights_regularizer=tf.contrib.layers.l2_regularizer(1e-4))
