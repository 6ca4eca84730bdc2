"""`FILE.py:ATTR` targets: parse them, find them for a live object, load them from disk."""
from __future__ import annotations

import inspect
import os
import re
from dataclasses import dataclass

from unscope.verify.inputs import UsageError

_ATTR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


@dataclass(frozen=True)
class Target:
    """A module-level attribute of a Python file: ``Target("/m/old.py", "model")``."""

    path: str
    attr: str

    def __str__(self) -> str:
        return f"{self.path}:{self.attr}"

    def short(self) -> str:
        return f"{os.path.basename(self.path)}:{self.attr}"


def parse_target(text: str) -> Target:
    """``"models/old.py:build"`` -> Target; the file must exist."""
    path, sep, attr = str(text).rpartition(":")
    if not sep or not path or not _ATTR.match(attr):
        raise UsageError(f"{text!r}: expected FILE.py:NAME, e.g. model_tf1.py:build_model")
    if not os.path.isfile(path):
        raise UsageError(f"{path}: no such file")
    return Target(os.path.abspath(path), attr)


def target_of(obj) -> Target:
    """Where a module-level function or class is defined, so another process can import it."""
    qualname = getattr(obj, "__qualname__", None)
    try:
        path = inspect.getsourcefile(obj)
    except TypeError:
        path = None
    if not path or not qualname or "<locals>" in qualname:
        raise UsageError(
            f"{getattr(obj, '__name__', obj)!r} must be a module-level function in a .py file: "
            "the TF1 side is re-imported in a separate process")
    return Target(os.path.abspath(path), qualname)


def load_module(path: str, side: str, *, eager: bool = False):
    """Import a file (definitions only if it runs a program at top level); see `modelfile`."""
    from unscope.verify.modelfile import load_file

    return load_file(path, side, eager=eager).module


def resolve(module, attr: str, path: str):
    obj = module
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise UsageError(f"{path}: has no attribute {attr!r}") from None
    return obj
