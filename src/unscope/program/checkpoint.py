"""What migrated programs call for ``saver.restore(sess, path)``.

``path`` may be a TF1 checkpoint (``tf.train.Saver``: variables by TF1 name, Adam's slots,
``global_step``) or one the migrated program wrote itself (``tf.train.Checkpoint(model=...,
optimizer=..., global_step=...)``); either way every value must find its variable, as TF1's
``Saver.restore`` demanded.  The work is :func:`unscope.ckpt.restore.restore`'s; this adapter
only keeps the program's import path stable.
"""
from __future__ import annotations

__all__ = ["restore"]


def restore(path, model, optimizer=None, step=None):
    """Fill ``model``, ``optimizer`` and ``step`` from the checkpoint at ``path``.

    >>> restore("/tmp/run/model-6", model=model, optimizer=optimizer, step=global_step)
    """
    from unscope.ckpt.restore import restore as restore_objects

    return restore_objects(path, model, optimizer=optimizer, step=step)
