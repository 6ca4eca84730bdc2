# warns: 5:10 tf.get_variable: manual: a comment or line continuation inside `tf. # odd but legal get_variable`; file left unchanged
import tensorflow.compat.v1 as tf


def f(x):
    w = (tf.  # odd but legal
         get_variable("w", []))
    return w * x
