# warns: 8:16 tf.layers.batch_normalization: compat: tf.layers.batch_normalization under a scope-level regularizer: TF1 regularizes its moving_mean too, which unscope.nn cannot; kept in TF1 form; build stays in TF1 form
import tensorflow.compat.v1 as tf

l2 = lambda w: 0.01 * tf.nn.l2_loss(w)  # noqa: E731


def build(x):
    with tf.variable_scope("bn", regularizer=l2):
        return tf.layers.batch_normalization(x, training=False)
