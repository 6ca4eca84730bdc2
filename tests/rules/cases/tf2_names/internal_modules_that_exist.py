import tensorflow as tf
from tensorflow.python.ops import math_ops
from tensorflow.python.ops.rnn import _transpose_batch_time
from tensorflow.core.protobuf import config_pb2


def f(x):
    config = config_pb2.ConfigProto(allow_soft_placement=True)
    return _transpose_batch_time(math_ops.reduce_sum(x, axis=1)), config
