# warns: 4:1 def dense: compat: *args/**kwargs: the structural arguments cannot be told from the tensors; dense stays in TF1 form
# warns: 6:28 tf.variable_scope: compat: scope name computed at run time (settings['kwargs'].get('name', 'dense')); pass a literal or a function argument to migrate natively; dense stays in TF1 form
import tensorflow.compat.v1 as tf


def dense(x, units, **kwargs):
    settings = locals()
    with tf.variable_scope(settings["kwargs"].get("name", "dense")):
        w = tf.get_variable("w", [x.shape[-1], units])
        return tf.matmul(x, w)
