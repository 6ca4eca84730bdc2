"""Weight regularizers with TF1 contrib/slim semantics, for native-migrated code.

    reg = l2_regularizer(1e-4)     # w -> 1e-4 * tf.nn.l2_loss(w)  (half the sum of squares)
    layer = Dense(4, kernel_regularizer=reg, name="fc")

A scale of 0.0 gives a regularizer that returns None (no loss); an integer or negative
scale raises ValueError, as TF1's did.  Only TensorFlow is needed (vendorable).
"""
from __future__ import annotations

import numbers

import tensorflow as tf

__all__ = ["l1_regularizer", "l2_regularizer", "l1_l2_regularizer"]


def _enabled(scale, what="scale") -> bool:
    if isinstance(scale, numbers.Integral):
        raise ValueError(f"{what} cannot be an integer: {scale}")
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError(f"Setting a scale less than 0 on a regularizer: {scale:g}")
        return scale != 0.0
    return True


def l1_regularizer(scale):
    """``scale * sum(|w|)``."""
    if not _enabled(scale):
        return lambda _: None
    return lambda w: tf.cast(scale, w.dtype.base_dtype) * tf.reduce_sum(tf.abs(w))


def l2_regularizer(scale):
    """``scale * tf.nn.l2_loss(w)``."""
    if not _enabled(scale):
        return lambda _: None
    return lambda w: tf.cast(scale, w.dtype.base_dtype) * tf.nn.l2_loss(w)


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0):
    """The sum of an L1 and an L2 term (a zero scale drops that term)."""
    l1 = l1_regularizer(scale_l1) if _enabled(scale_l1, "scale_l1") else None
    l2 = l2_regularizer(scale_l2) if _enabled(scale_l2, "scale_l2") else None
    if l1 is None:
        return l2 or (lambda _: None)
    if l2 is None:
        return l1
    return lambda w: l1(w) + l2(w)
