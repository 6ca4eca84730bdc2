"""`FILE.py:ATTR` targets: parse them, find them for a live object, load them from disk."""
from __future__ import annotations

import importlib.util
import inspect
import itertools
import os
import re
import sys
from dataclasses import dataclass

from unscope.verify.inputs import UsageError

_ATTR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_counter = itertools.count()


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


def load_module(path: str, side: str):
    """Import a file under a private, unique module name; its folder joins ``sys.path``."""
    folder = os.path.dirname(os.path.abspath(path))
    if folder not in sys.path:
        # left in place: the file's own imports may run lazily, at call time
        sys.path.insert(0, folder)
    stem = re.sub(r"\W", "_", os.path.splitext(os.path.basename(path))[0])
    name = f"_unscope_{side}_{stem}_{next(_counter)}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UsageError(f"{path}: not an importable Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def resolve(module, attr: str, path: str):
    obj = module
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise UsageError(f"{path}: has no attribute {attr!r}") from None
    return obj
