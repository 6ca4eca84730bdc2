"""``unscope migrate``: rewrite TF1 model code so that it runs on TensorFlow 2.

    >>> import unscope
    >>> result = unscope.migrate_source("import tensorflow as tf\\nx = tf.log(y)\\n")
    >>> print(result.code, end="")
    import tensorflow as tf
    x = tf.math.log(y)

``migrate_source`` works on one text; :func:`migrate_paths` on files and directories (what
the CLI runs), returning a :class:`Report`.  Neither imports TensorFlow, prints or exits.
"""
from __future__ import annotations

from unscope.migrate.engine import MODES, migrate_source
from unscope.migrate.result import FileOutcome, MigrationResult, Report

__all__ = ["migrate_source", "migrate_paths", "MigrationResult", "Report", "FileOutcome", "MODES"]


def __getattr__(name: str):
    if name == "migrate_paths":
        from unscope.migrate.runner import migrate_paths

        return migrate_paths
    raise AttributeError(f"module 'unscope.migrate' has no attribute {name!r}")
