import tensorflow as tf
from tensorflow import Tensor


def as_tensor(t, ts):
    if type(t) is tf.Tensor:
        return t
    flag = type(t) == tf.compat.v1.Tensor
    other = type(t) is not tf.Tensor
    mixed = [x for x in ts if type(x) != Tensor]
    bits = [type(t) != tf.Tensor, 1]
    return flag and other, mixed, bits
# output
import tensorflow as tf
from tensorflow import Tensor


def as_tensor(t, ts):
    if isinstance(t, tf.Tensor):
        return t
    flag = isinstance(t, tf.compat.v1.Tensor)
    other = not isinstance(t, tf.Tensor)
    mixed = [x for x in ts if not isinstance(x, Tensor)]
    bits = [(not isinstance(t, tf.Tensor)), 1]
    return flag and other, mixed, bits
