"""TF1's identity membership for tensors and variables.

TF 1.15 compared graph tensors and variables by identity (``t1 == t2`` was ``t1 is t2``), so
``v not in tf.trainable_variables()`` asked "is this the same object".  TF 2 compares them
elementwise: the same expression raises (a tensor used as a Python bool) or answers per
element.  ``is_in`` keeps TF1's meaning without touching TensorFlow's process-wide switch::

    frozen = [v for v in unscope.global_variables()
              if not unscope.is_in(v, unscope.trainable_variables())]
"""
from __future__ import annotations

__all__ = ["is_in"]


def is_in(item, items) -> bool:
    """``item in items`` as TF 1.15 answered it for tensors and variables: by identity."""
    return any(item is x for x in items)
