# warns: 11:18 tf.Tensor.__hash__: manual: `set()` of TF variables / tensors: TF 2 makes them unhashable (elementwise ==); left unchanged - key by `v.ref()` (`{v.ref() for v in ...}`) or keep a list and test with unscope.is_in
import tensorflow as tf


def split(x):
    frozen = [v for v in tf.global_variables() if v not in tf.trainable_variables()]
    train = tf.trainable_variables()
    picked = [v for v in tf.global_variables() if v in train]
    updates = x in tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    flags = [x not in train, 0]
    if x not in train and x not in tf.trainable_variables("a"):
        unique = set(tf.trainable_variables())
    return frozen, picked, updates, flags
# output
import tensorflow as tf
import unscope


def split(x):
    frozen = [v for v in unscope.global_variables() if not unscope.is_in(v, unscope.trainable_variables())]
    train = unscope.trainable_variables()
    picked = [v for v in unscope.global_variables() if unscope.is_in(v, train)]
    updates = unscope.is_in(x, unscope.get_collection(unscope.GraphKeys.UPDATE_OPS))
    flags = [(not unscope.is_in(x, train)), 0]
    if not unscope.is_in(x, train) and not unscope.is_in(x, unscope.trainable_variables("a")):
        unique = set(unscope.trainable_variables())
    return frozen, picked, updates, flags
