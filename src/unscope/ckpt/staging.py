"""Writing next to the destination and moving into place only when complete.

The checkpoint is written into a temporary directory beside DST (same file system, so the
final moves are renames), re-read there, and only then moved: data files first, the
``.index`` last (the index is what makes a prefix a checkpoint).  Any failure or interrupt
before that removes the temporary directory and leaves DST as it was.
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile

from unscope.ckpt.errors import CheckpointWriteError, ConversionRefused, Problem


def existing_files(dst: str) -> list[str]:
    """The files that make up a checkpoint at prefix ``dst`` (index and data shards)."""
    pattern = glob.escape(dst)
    found = glob.glob(pattern + ".index") + glob.glob(pattern + ".data-?????-of-?????")
    return sorted(found)


def check_destination(dst: str, overwrite: bool) -> None:
    """Refuse a DST that is a directory, or an existing checkpoint without ``overwrite``."""
    if "://" in dst:
        raise CheckpointWriteError(f"{dst}: the destination must be a local path (the checkpoint is "
                                   "moved into place with atomic renames); write locally, then copy")
    if os.path.isdir(dst) or dst.endswith(os.sep):
        raise ConversionRefused([Problem("exists", dst, "is a directory; give a checkpoint prefix "
                                         f"such as {os.path.join(dst, 'ckpt')}")])
    if not overwrite and existing_files(dst):
        raise ConversionRefused([Problem("exists", dst, "a checkpoint exists at this prefix; "
                                         "pass overwrite=True (--force) to replace it")])


@contextlib.contextmanager
def staged(dst: str, overwrite: bool):
    """Yield a temporary prefix; on a clean exit move its files to ``dst``.

    >>> with staged("out/model", overwrite=False) as tmp:
    ...     tf.train.Checkpoint(model=m).write(tmp)   # lands at out/model.* only if no error
    """
    check_destination(dst, overwrite)
    dst = os.path.abspath(dst)
    parent = os.path.dirname(dst)
    created = _make_parents(parent)
    try:
        tmp = tempfile.mkdtemp(prefix=".unscope-convert-", dir=parent)
    except OSError as exc:
        _remove_empty(created)
        raise CheckpointWriteError(f"{dst}: cannot create a temporary directory beside it: "
                                   f"{exc.strerror or exc}") from exc
    try:
        yield os.path.join(tmp, os.path.basename(dst))
        _commit(tmp, dst, overwrite)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        _remove_empty(created)
        raise
    shutil.rmtree(tmp, ignore_errors=True)


def _commit(tmp: str, dst: str, overwrite: bool) -> None:
    base = os.path.basename(dst)
    new = [f for f in os.listdir(tmp) if f.startswith(base + ".") and os.path.isfile(os.path.join(tmp, f))]
    if not any(f.endswith(".index") for f in new):
        raise CheckpointWriteError(f"{dst}: nothing was written (no .index in the temporary directory)")
    new.sort(key=lambda f: f.endswith(".index"))  # the index last
    check_destination(dst, overwrite)  # again: something may have appeared meanwhile
    parent = os.path.dirname(dst)
    backup = os.path.join(tmp, ".replaced")
    old = existing_files(dst) if overwrite else []
    os.mkdir(backup)
    saved, moved = [], []
    try:
        for path in sorted(old, key=lambda p: not p.endswith(".index")):  # hide the old index first
            os.replace(path, os.path.join(backup, os.path.basename(path)))
            saved.append(path)
        for f in new:
            os.replace(os.path.join(tmp, f), os.path.join(parent, f))
            moved.append(os.path.join(parent, f))
    except BaseException as exc:
        for path in moved:
            with contextlib.suppress(OSError):
                os.remove(path)
        for path in saved:
            with contextlib.suppress(OSError):
                os.replace(os.path.join(backup, os.path.basename(path)), path)
        if isinstance(exc, OSError):
            raise CheckpointWriteError(f"{dst}: cannot move the checkpoint into place: "
                                       f"{exc.strerror or exc}") from exc
        raise


def _make_parents(parent: str) -> list[str]:
    created = []
    path = parent
    while path and not os.path.exists(path):
        created.append(path)
        path = os.path.dirname(path)
    try:
        os.makedirs(parent, exist_ok=True)
    except OSError as exc:
        raise CheckpointWriteError(f"{parent}: cannot create directory: {exc.strerror or exc}") from exc
    return created


def _remove_empty(created: list[str]) -> None:
    for path in created:  # deepest first
        with contextlib.suppress(OSError):
            os.rmdir(path)
