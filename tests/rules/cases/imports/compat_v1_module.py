from tensorflow.compat import v1


def f(x):
    return v1.log(x) * v1.get_variable("w", [])
# output
import tensorflow as v1
import unscope


def f(x):
    return v1.math.log(x) * unscope.get_variable("w", [])
