"""Migration rule `get_variable` (see the class docstring)."""
from unscope.rules import RenameRule


class GetVariable(RenameRule):
    """``tf.get_variable`` -> ``unscope.get_variable``: TF1 names and sharing, eagerly too.

    w = tf.get_variable("w", [784, 10], initializer=tf.zeros_initializer())      # before
    w = unscope.get_variable("w", [784, 10], initializer=tf.compat.v1.zeros_initializer())  # after
    """

    DESCRIPTION = "tf.get_variable, get_local_variable, no_regularizer -> unscope.*"
    ORDER = 20
    RENAMES = {
        "tf.get_variable": "get_variable",
        "tf.get_local_variable": "get_local_variable",
        "tf.no_regularizer": "no_regularizer",
    }
