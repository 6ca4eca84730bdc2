"""Which world a call runs in: a real TF1 graph, or unscope's variable store."""
from __future__ import annotations

import tensorflow as tf


def is_tf1_graph() -> bool:
    """True inside a TF1 graph (``tf.compat.v1`` graph + Session), outside tf.function.

    There unscope's scope functions delegate to ``tf.compat.v1`` itself, so names,
    reuse and collections are TF1's by construction and unscope scopes nest with real
    ``tf.compat.v1.variable_scope``s in either order.  Everywhere else (eager,
    ``tf.function``) unscope's own variable store answers.
    """
    return not tf.executing_eagerly() and not tf.inside_function()
