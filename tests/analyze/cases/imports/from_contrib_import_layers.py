# warns: 4:12 tf.contrib.layers.layer_norm: native: tf.contrib is gone in TF2; native mode uses an unscope.nn layer object keeping TF1 names [LayerNorm, reuse: create]
from tensorflow.contrib import layers

def f(x):
    return layers.layer_norm(x)
