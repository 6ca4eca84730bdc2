"""Argument types shared by the subcommands."""
from __future__ import annotations

import argparse


def jobs(text: str) -> int:
    """``-j N``: a positive number of worker processes."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def unwritable(path: str, directory: bool = False) -> str | None:
    """Why ``path`` (a file to write, or with ``directory`` a folder to create or fill) cannot
    be written, or None.  Mode bits are read directly, as root ignores them (see
    :func:`unscope.migrate.files.read_only_reason`)."""
    import os
    import stat

    if os.path.exists(path):
        if directory and not os.path.isdir(path):
            return f"{path}: exists and is not a directory"
        if not directory and os.path.isdir(path):
            return f"{path}: is a directory"
        target = path if directory else os.path.dirname(os.path.abspath(path))
        if not directory and not _mode_writable(path):
            return f"{path}: not writable (mode {stat.S_IMODE(os.stat(path).st_mode):04o})"
    else:
        target = os.path.dirname(os.path.abspath(path))
        while not os.path.exists(target):
            target = os.path.dirname(target)
        if not os.path.isdir(target):
            return f"{path}: cannot be created, {target} is not a directory"
    if not _mode_writable(target):
        return f"{path}: cannot write in {target} (mode {stat.S_IMODE(os.stat(target).st_mode):04o})"
    return None


def _mode_writable(path: str) -> bool:
    import os
    import stat

    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def inside(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or lies under it (symbolic links resolved)."""
    import os

    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
