# warns: 4:1 def conv: compat: *args/**kwargs: the structural arguments cannot be told from the tensors; conv stays in TF1 form
# warns: 5:12 tf.layers.conv2d: compat: arguments passed with * or ** (or unknown keywords); conv stays in TF1 form
# warns: 10:13 conv: compat: call of conv with * or ** or unknown arguments; net stays in TF1 form
# warns: 11:16 conv: compat: call of conv with * or ** or unknown arguments; net stays in TF1 form
import tensorflow.compat.v1 as tf


def conv(x, filters, kernel_size=3, name=None, **kwargs):
    return tf.layers.conv2d(x, filters, kernel_size, name=name, **kwargs)


def net(x):
    with tf.variable_scope("net"):
        h = conv(x, 8, name="c1", padding="same", activation=tf.nn.relu)
        return conv(h, 4, 1, name="c2", use_bias=False)
