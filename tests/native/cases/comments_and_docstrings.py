"""Module docstring stays."""
import tensorflow.compat.v1 as tf  # the TF1 spelling


# Helper: one projection.
def proj(x, units=4):
    """Project ``x`` to ``units`` features."""
    # the scope names the checkpoint entries
    with tf.variable_scope("proj"):  # keep this comment
        # the kernel
        w = tf.get_variable("w", [x.shape[-1], units])  # lazily: needs x
        return tf.matmul(x, w)  # done


def unrelated(a, b):
    # not touched
    return a + b
# output
"""Module docstring stays."""
import tensorflow.compat.v1 as tf  # the TF1 spelling
from unscope import nn


# Helper: one projection.
class Proj(nn.Module):
    """Project ``x`` to ``units`` features."""

    def __init__(self, units=4, name="proj"):
        super().__init__(name=name)
        self.units = units
        self.w = None

    def __call__(self, x):
        # the scope names the checkpoint entries
        # keep this comment
        # the kernel
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units])
        w = self.w  # lazily: needs x
        return tf.matmul(x, w)  # done


# proj: public, kept as TF1 code for callers elsewhere; Proj above is its native form
def proj(x, units=4):
    """Project ``x`` to ``units`` features."""
    # the scope names the checkpoint entries
    with tf.variable_scope("proj"):  # keep this comment
        # the kernel
        w = tf.get_variable("w", [x.shape[-1], units])  # lazily: needs x
        return tf.matmul(x, w)  # done


def unrelated(a, b):
    # not touched
    return a + b
