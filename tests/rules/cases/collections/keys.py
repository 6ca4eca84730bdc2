import tensorflow.compat.v1 as tf


def losses(x):
    tf.add_to_collection("activations", x)
    reg = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES, scope="model")
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    params = tf.trainable_variables("model") + tf.global_variables()
    tf.add_to_collections(["a", "b"], x)
    return tf.add_n(reg), update_ops, params, tf.local_variables(), tf.model_variables()
# output
import tensorflow as tf
import unscope


def losses(x):
    unscope.add_to_collection("activations", x)
    reg = unscope.get_collection(unscope.GraphKeys.REGULARIZATION_LOSSES, scope="model")
    update_ops = unscope.get_collection(unscope.GraphKeys.UPDATE_OPS)
    params = unscope.trainable_variables("model") + unscope.global_variables()
    unscope.add_to_collections(["a", "b"], x)
    return tf.add_n(reg), update_ops, params, unscope.local_variables(), unscope.model_variables()
