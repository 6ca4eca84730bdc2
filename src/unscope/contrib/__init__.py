"""`unscope.contrib`: the most used ``tf.contrib`` pieces, on the unscope runtime.

    from unscope.contrib import layers, framework, training
    # tf.contrib.layers.fully_connected  ->  unscope.contrib.layers.fully_connected
    # tf.contrib.framework.arg_scope     ->  unscope.contrib.framework.arg_scope
    # tf.contrib.training.HParams        ->  unscope.contrib.training.HParams

Variable names are TF1's (``fully_connected/weights``, ``LayerNorm/beta``,
``BatchNorm/moving_mean``, ...).  Submodules load on first use, so
``unscope.contrib.training`` does not import TensorFlow.
"""
from __future__ import annotations

import importlib

_SUBMODULES = ("layers", "framework", "training")

__all__ = list(_SUBMODULES)


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"unscope.contrib.{name}")
    raise AttributeError(f"module 'unscope.contrib' has no attribute {name!r}")
