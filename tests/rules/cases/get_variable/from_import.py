from tensorflow.compat.v1 import get_variable


def f(x):
    return x * get_variable("w", [])
# output
from unscope import get_variable


def f(x):
    return x * get_variable("w", [])
