# warns: 3:15 tf.layers.Layer: manual: subclasses of tf.layers.Layer need a person: Keras 3 layers cannot keep TF1 names
# warns: 8:13 tf.layers.Dense: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names [proj, reuse: create]
import tensorflow as tf

class MyLayer(tf.layers.Layer):
    def build(self, shape):
        self.w = self.add_weight("w", [3])

def f(x):
    layer = tf.layers.Dense(4, name="proj")
    return layer(x)
