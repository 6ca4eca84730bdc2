import tensorflow as tf


@tf.function
def step(x):
    return x + 1
