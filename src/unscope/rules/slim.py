"""Migration rule `slim` (see the class docstring)."""
from unscope.rules import ModuleRule


class Slim(ModuleRule):
    """``tf.contrib.slim`` / ``tf_slim`` -> ``unscope.slim`` (tf_slim's names and variable names).

    import tensorflow.contrib.slim as slim      # before
    from unscope import slim                    # after
    net = slim.conv2d(images, 32, [3, 3], scope="conv1")   # unchanged
    """

    DESCRIPTION = "tf.contrib.slim / tf_slim -> unscope.slim"
    ORDER = 29
    MODULES = {"slim": "slim"}
    GONE = "is gone with tf.contrib"
