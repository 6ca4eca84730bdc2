# warns: 5:13 tf.layers.conv2d: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names [conv2d{_n}, reuse: create]
import tensorflow as tf

def stack(x, n):
    for _ in range(n):
        x = tf.layers.conv2d(x, 8, 3)
    return x
