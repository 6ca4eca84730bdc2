# warns: 8:16 tf.layers.dense: compat: kernel_regularizer= under a scope-level regularizer (TF1 adds both losses); kept in TF1 form; build stays in TF1 form
import tensorflow.compat.v1 as tf

l2 = lambda w: 0.01 * tf.nn.l2_loss(w)  # noqa: E731


def build(x):
    with tf.variable_scope("mlp", regularizer=l2):
        return tf.layers.dense(x, 4, kernel_regularizer=l2, name="fc")
