# warns: 5:12 tf.layers.conv2d: compat: the layer's name name defaults to None, where TF1 names it 'conv2d' (uniquified); kept in TF1 form; conv stays in TF1 form
# warns: 10:16 conv: compat: conv stays in TF1 form and cannot be a compat island inside tower here: it has no variable_scope of its own and tf.layers.conv2d (line 5) takes its TF1 name from tower's counters; give conv its own variable_scope; tower stays in TF1 form
import tensorflow.compat.v1 as tf


def conv(x, filters, name=None, **kwargs):
    return tf.layers.conv2d(x, filters, 3, name=name, **kwargs)


def tower(images):
    with tf.variable_scope("tower"):
        return conv(images, 8, padding="same")
