"""Which files a scan reads: ``.py`` and ``.ipynb`` under the given paths.

- A file named on the command line is always read (whatever its suffix, like black).
- Under a directory: ``.py`` / ``.ipynb`` files; tool and environment folders (``.git``,
  ``.venv``, ``__pycache__``, ...) are skipped, as is whatever ``.gitignore`` ignores (see
  :mod:`unscope.analyze.gitignore`), and what an ``--exclude`` glob matches: a glob is matched
  against the path relative to the directory given (``tests/*``, ``*_pb2.py``) and against the
  entry's own name (``build``).
- ``discover(..., others=True)`` also lists every other file under a directory (data, configs,
  READMEs) in ``Discovery.others``, with the same folders, ignores and excludes left out: what
  ``migrate --out`` copies so that the mirrored tree runs.
- Symbolic links are followed; a directory or file already seen (same device and inode) is
  not entered again, so link loops end.

    >>> discover([]).files
    []
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field

from unscope.analyze.findings import Failure
from unscope.analyze.gitignore import IgnoreStack

__all__ = ["discover", "Discovery", "SKIPPED_DIRS"]

SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".tox", ".nox", ".venv", "venv", ".eggs", "node_modules", ".ipynb_checkpoints",
    "__pypackages__", "site-packages",
})
SUFFIXES = (".py", ".ipynb")


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0  # files left out by .gitignore or --exclude
    others: list[str] = field(default_factory=list)  # non-Python files, with others=True


def _excluded(rel: str, name: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def _identity(path: str):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def discover(paths, exclude=(), others: bool = False) -> Discovery:
    """Files to scan under ``paths`` (in a stable, sorted order), and paths that do not exist.
    ``others``: also list the other files under directories in ``Discovery.others``."""
    out = Discovery()
    seen_files: set = set()
    seen_dirs: set = set()
    patterns = [p.rstrip("/") for p in exclude if p]
    for given in paths:
        given = os.fspath(given)
        if os.path.isfile(given):
            ident = _identity(given)
            if ident not in seen_files:
                seen_files.add(ident)
                out.files.append(os.path.normpath(given))
            continue
        if not os.path.isdir(given):
            out.failures.append(Failure(given, "no such file or directory"))
            continue
        _walk(given, patterns, out, seen_files, seen_dirs, others)
    return out


def _walk(top: str, patterns, out: Discovery, seen_files: set, seen_dirs: set, others: bool = False) -> None:
    ident = _identity(top)
    if ident in seen_dirs:
        return
    seen_dirs.add(ident)
    stack = [(top, IgnoreStack.for_directory(top))]
    while stack:
        directory, ignores = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            out.failures.append(Failure(directory, f"cannot read: {exc.strerror or exc}"))
            continue
        subdirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # follows symlinks
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if not is_dir and not is_file:
                continue
            source = is_file and entry.name.endswith(SUFFIXES)
            if is_file and not source and not others:
                continue
            if is_dir and entry.name in SKIPPED_DIRS:
                continue
            rel = os.path.relpath(entry.path, top).replace(os.sep, "/")
            if patterns and _excluded(rel, entry.name, patterns):
                out.skipped += source
                continue
            if ignores.layers and ignores.ignored(entry.path, is_dir):
                out.skipped += source
                continue
            ident = _identity(entry.path)
            if ident is None:
                continue
            if is_dir:
                if ident not in seen_dirs:
                    seen_dirs.add(ident)
                    subdirs.append(entry.path)
            elif ident not in seen_files:
                seen_files.add(ident)
                found = out.files if source else out.others
                found.append(os.path.normpath(entry.path))  # "./a.py" -> "a.py"
        for sub in reversed(subdirs):
            stack.append((sub, ignores.enter(sub)))
