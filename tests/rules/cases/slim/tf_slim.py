import tf_slim as slim


def f(x):
    return slim.conv2d(x, 8, [3, 3])
# output
from unscope import slim


def f(x):
    return slim.conv2d(x, 8, [3, 3])
