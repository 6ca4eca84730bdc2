# warns: 7:9 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime; gated stays in TF1 form
# warns: 13:21 gated: compat: gated stays in TF1 form and its scope here is computed at run time (name), so it cannot be a compat island inside build; pass a literal or a function argument; build stays in TF1 form
import tensorflow.compat.v1 as tf


def gated(x, scope):
    with tf.variable_scope(scope):
        g = tf.get_variable("g", [4])
        tf.add_to_collection("gates", g)
        return x * g


def build(x):
    name = "g" + str(x.shape[-1])
    return gated(x, name)
