"""`tf` for running unmodified TF1 zoo source on the unscope runtime (tests only).

Variable machinery resolves to unscope, everything else to tf.compat.v1 — what
`unscope migrate --mode compat` produces, without the rewrite, so the runtime is
tested independently of the migrator.
"""
import types

import tensorflow as _tf

import unscope

_RUNTIME = {"variable_scope", "get_variable", "get_variable_scope", "AUTO_REUSE", "make_template",
            "get_collection", "add_to_collection", "GraphKeys", "trainable_variables",
            "global_variables", "get_local_variable", "layers", "contrib"}


class _TF1OnUnscope(types.ModuleType):
    def __getattr__(self, name):
        if name in _RUNTIME:
            return getattr(unscope, name)
        return getattr(_tf.compat.v1, name)


tf = _TF1OnUnscope("tf")
