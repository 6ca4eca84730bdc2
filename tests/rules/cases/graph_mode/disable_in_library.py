# warns: 2:1 tf.disable_v2_behavior: manual: switches every program that imports this module to graph mode; kept, as this module has no `if __name__ == "__main__":` entry point to move it to - move it to the program's entry point, or remove it to run the migrated code eagerly (through unscope.track)
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()


def model(x):
    with tf.variable_scope("m"):
        return x * tf.get_variable("w", [])
# output
import tensorflow as tf
import unscope
tf.compat.v1.disable_v2_behavior()


def model(x):
    with unscope.variable_scope("m"):
        return x * unscope.get_variable("w", [])
