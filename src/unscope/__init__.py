"""unscope: TF1 variable-scope model code on TensorFlow 2.

The runtime mirrors TF1's names, so compat migration is mostly renames::

    import unscope

    @unscope.track
    def model(x):
        with unscope.variable_scope("dense"):
            w = unscope.get_variable("w", [x.shape[-1], 4])
        return x @ w

    y = model(x)            # first call creates dense/w:0; later calls reuse it

Importing ``unscope`` does not import TensorFlow: names are resolved lazily, so
``unscope.scan`` and ``unscope.migrate_source`` stay fast.
"""
from __future__ import annotations

import importlib

from unscope._version import __version__

# public name -> module that defines it (resolved on first access)
_LAZY = {
    # runtime (TF1 mirror)
    "variable_scope": "unscope.runtime",
    "VariableScope": "unscope.runtime",
    "get_variable": "unscope.runtime",
    "get_local_variable": "unscope.runtime",
    "get_variable_scope": "unscope.runtime",
    "AUTO_REUSE": "unscope.runtime",
    "make_template": "unscope.runtime",
    "Template": "unscope.runtime",
    "get_collection": "unscope.runtime",
    "get_collection_ref": "unscope.runtime",
    "add_to_collection": "unscope.runtime",
    "add_to_collections": "unscope.runtime",
    "GraphKeys": "unscope.runtime",
    "trainable_variables": "unscope.runtime",
    "global_variables": "unscope.runtime",
    "local_variables": "unscope.runtime",
    "model_variables": "unscope.runtime",
    "track": "unscope.runtime",
    "Tracked": "unscope.runtime",
    "reset_default_store": "unscope.runtime",
    "PartitionedVariable": "unscope.runtime",
    "no_regularizer": "unscope.runtime",
    "conv1d_transpose": "unscope.runtime.shapes",
    "conv2d_transpose": "unscope.runtime.shapes",
    "atrous_conv2d_transpose": "unscope.runtime.shapes",
    "is_in": "unscope.runtime.equality",
    # tools
    "scan": "unscope.analyze",
    "ScanResult": "unscope.analyze",
    "Finding": "unscope.analyze",
    "migrate_source": "unscope.migrate",
    "MigrationResult": "unscope.migrate",
    "convert_checkpoint": "unscope.ckpt",
    "ConversionReport": "unscope.ckpt",
    "restore": "unscope.ckpt",
}
_SUBMODULES = {"layers", "contrib", "slim", "nn", "testing", "runtime", "analyze", "ckpt", "verify", "migrate", "rules", "cli"}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"unscope.{name}")
    raise AttributeError(f"module 'unscope' has no attribute {name!r}")


def __dir__():
    return __all__
