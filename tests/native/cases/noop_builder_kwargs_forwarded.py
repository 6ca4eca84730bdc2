# warns: 4:1 def dense_builder: compat: *args/**kwargs: the structural arguments cannot be told from the tensors; dense_builder stays in TF1 form
# warns: 5:5 def network_fn: compat: a nested function or class makes variables; native mode only rewrites module-level functions; dense_builder stays in TF1 form
import tensorflow.compat.v1 as tf


def dense_builder(units=2, **dense_kwargs):
    def network_fn(x):
        return tf.layers.dense(x, units, name="out", **dense_kwargs)
    return network_fn
