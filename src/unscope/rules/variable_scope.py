"""Migration rule `variable_scope` (see the class docstring)."""
from unscope.rules import RenameRule


class VariableScope(RenameRule):
    """``tf.variable_scope`` and friends -> the unscope runtime's twins (same signature, TF1 names).

        with tf.variable_scope("model", reuse=tf.AUTO_REUSE):     # before
        with unscope.variable_scope("model", reuse=unscope.AUTO_REUSE):   # after

    Works for every spelling: ``tf.compat.v1.variable_scope``,
    ``from tensorflow.compat.v1 import variable_scope as vs`` (the import is rebound), ...
    """

    DESCRIPTION = "tf.variable_scope, get_variable_scope, VariableScope, AUTO_REUSE -> unscope.*"
    ORDER = 20
    RENAMES = {
        "tf.variable_scope": "variable_scope",
        "tf.VariableScope": "VariableScope",
        "tf.get_variable_scope": "get_variable_scope",
        "tf.AUTO_REUSE": "AUTO_REUSE",
    }
