import mylib as tf
from store import get_variable


def f(x):
    return tf.get_variable("w", [2]) + get_variable("v")
