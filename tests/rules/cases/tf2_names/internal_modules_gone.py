# warns: 3:1 tensorflow.python.framework.no_such_module: manual: tensorflow.python.framework.no_such_module is not in TensorFlow 2.21.0; left unchanged - use its public TF 2 name (tf.*) or port it by hand
# warns: 4:1 tensorflow.python.util.no_such_package: manual: tensorflow.python.util.no_such_package is not in TensorFlow 2.21.0; left unchanged - use its public TF 2 name (tf.*) or port it by hand
# warns: 9:12 tensorflow.python.ops.math_ops.no_such_op: manual: tensorflow.python.ops.math_ops.no_such_op is not in TensorFlow 2.21.0; left unchanged - use its public TF 2 name (tf.*) or port it by hand
import tensorflow as tf
from tensorflow.python.ops import math_ops
from tensorflow.python.framework import no_such_module
from tensorflow.python.util.no_such_package import helper


def f(x):
    x = tf.log(x)
    return math_ops.no_such_op(x) + math_ops.reduce_sum(x) + no_such_module.g(helper(x))
# output
import tensorflow as tf
from tensorflow.python.ops import math_ops
from tensorflow.python.framework import no_such_module
from tensorflow.python.util.no_such_package import helper


def f(x):
    x = tf.math.log(x)
    return math_ops.no_such_op(x) + math_ops.reduce_sum(x) + no_such_module.g(helper(x))
