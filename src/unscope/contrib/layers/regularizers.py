"""Regularizers of ``tf.contrib.layers``: callables ``weights -> scalar loss``.

    reg = l2_regularizer(1e-4)            # 1e-4 * tf.nn.l2_loss(w) = 1e-4 * sum(w**2) / 2
    w = get_variable("w", [3, 4], regularizer=reg)   # loss lands in REGULARIZATION_LOSSES

A scale of 0.0 gives a regularizer that returns None (no loss is recorded); an
integer scale or a negative one raises ValueError, as in TF1.
"""
from __future__ import annotations

import logging
import numbers

import tensorflow as tf

from unscope import runtime as rt

__all__ = [
    "l1_regularizer",
    "l2_regularizer",
    "l1_l2_regularizer",
    "sum_regularizer",
    "apply_regularization",
]

_log = logging.getLogger(__name__)


def _check_scale(scale, what="scale", suffix=""):
    if isinstance(scale, numbers.Integral):
        raise ValueError("%s cannot be an integer: %s" % (what, scale))
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError("Setting a scale less than 0 on a regularizer: %g%s" % (scale, suffix))
        if scale == 0.0:
            _log.info("Scale of 0 disables regularizer.")
            return False
    return True


def l1_regularizer(scale, scope=None):
    """``scale * sum(|w|)``; the loss op is named ``l1_regularizer`` (or `scope`)."""
    if not _check_scale(scale):
        return lambda _: None

    @tf.autograph.experimental.do_not_convert
    def l1(weights, name=None):
        with tf.compat.v1.name_scope(scope, "l1_regularizer", [weights]) as name:
            my_scale = tf.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return tf.multiply(my_scale, tf.reduce_sum(tf.abs(weights)), name=name)

    return l1


def l2_regularizer(scale, scope=None):
    """``scale * tf.nn.l2_loss(w)`` (half the sum of squares); op named ``l2_regularizer``."""
    if not _check_scale(scale, suffix="."):
        return lambda _: None

    @tf.autograph.experimental.do_not_convert
    def l2(weights):
        with tf.compat.v1.name_scope(scope, "l2_regularizer", [weights]) as name:
            my_scale = tf.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return tf.multiply(my_scale, tf.nn.l2_loss(weights), name=name)

    return l2


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    """The sum of an L1 and an L2 regularizer (a zero scale drops that term)."""
    if isinstance(scale_l1, numbers.Integral):
        raise ValueError("scale_l1 cannot be an integer: %s" % (scale_l1,))
    if isinstance(scale_l2, numbers.Integral):
        raise ValueError("scale_l2 cannot be an integer: %s" % (scale_l2,))
    scope = scope or "l1_l2_regularizer"
    if isinstance(scale_l1, numbers.Real) and scale_l1 == 0.0:
        return l2_regularizer(scale_l2, scope)
    if isinstance(scale_l2, numbers.Real) and scale_l2 == 0.0:
        return l1_regularizer(scale_l1, scope)
    return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)], scope=scope)


def sum_regularizer(regularizer_list, scope=None):
    """A regularizer adding up the non-None losses of `regularizer_list` (None if it is empty)."""
    regularizer_list = [reg for reg in regularizer_list if reg is not None]
    if not regularizer_list:
        return None

    @tf.autograph.experimental.do_not_convert
    def sum_reg(weights):
        with tf.compat.v1.name_scope(scope, "sum_regularizer", [weights]) as name:
            tensors = [t for t in (reg(weights) for reg in regularizer_list) if t is not None]
            return tf.add_n(tensors, name=name) if tensors else None

    return sum_reg


def apply_regularization(regularizer, weights_list=None):
    """Sum `regularizer` over `weights_list` (default: the WEIGHTS collection) and record it.

    The sum is added to REGULARIZATION_LOSSES and returned.
    """
    if not weights_list:
        weights_list = rt.get_collection(tf.compat.v1.GraphKeys.WEIGHTS)
    if not weights_list:
        raise ValueError("No weights to regularize.")
    with tf.compat.v1.name_scope("get_regularization_penalty", values=weights_list) as scope:
        penalties = [regularizer(w) for w in weights_list]
        penalties = [p if p is not None else tf.constant(0.0) for p in penalties]
        for p in penalties:
            if p.shape.ndims != 0:
                raise ValueError("regularizer must return a scalar Tensor instead of a "
                                 "Tensor with rank %d." % p.shape.ndims)
        summed = tf.add_n(penalties, name=scope)
    rt.add_to_collection(tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES, summed)
    return summed
