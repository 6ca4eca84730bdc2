"""Migration rule `layers` (see the class docstring)."""
from unscope.rules import ModuleRule


class Layers(ModuleRule):
    """``tf.layers`` (Keras 2 only since TF 2.16) -> ``unscope.layers``: same functions, same names.

        h = tf.layers.dense(x, 64, activation=tf.nn.relu, name="fc1")        # before
        h = unscope.layers.dense(x, 64, activation=tf.nn.relu, name="fc1")   # after

    ``from tensorflow.compat.v1 import layers`` becomes ``from unscope import layers``.
    """

    DESCRIPTION = "tf.layers.* -> unscope.layers.* (TF1 variable names, no Keras)"
    ORDER = 30
    MODULES = {"tf.layers": "layers"}
    GONE = "needs Keras 2 (tf_keras)"
