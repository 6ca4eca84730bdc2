"""Which ``tensorflow.python.*`` / ``tensorflow.core.*`` modules and names TF 2.x still ships.

Old code imports TensorFlow's private modules directly (``from tensorflow.python.ops import
math_ops``).  Most of them are still in the wheel; migration leaves those alone and reports the
ones that are gone.  The table (``data/tf_internal.json``) is generated from the installed wheel
by ``python -m unscope.migrate.build_tables``, reading its files with ``ast``::

    >>> internal = TFInternal.load()
    >>> internal.missing("tensorflow.python.ops.math_ops.reduce_sum") is None
    True
    >>> internal.missing("tensorflow.python.ops.no_such_ops.f")
    'tensorflow.python.ops.no_such_ops'
"""
from __future__ import annotations

import json
import os

__all__ = ["TFInternal", "INTERNAL_ROOTS"]

_DATA = os.path.join(os.path.dirname(__file__), "data", "tf_internal.json")
INTERNAL_ROOTS = ("python", "core")


class TFInternal:
    _loaded: "TFInternal | None" = None

    def __init__(self, raw: dict) -> None:
        self.version: str = raw["tensorflow"]
        # module -> its top-level names, or None when they cannot be listed (extension modules)
        self.modules: dict[str, frozenset[str] | None] = {
            m: (None if names is None else frozenset(names.split())) for m, names in raw["modules"].items()}

    @classmethod
    def load(cls) -> "TFInternal":
        if cls._loaded is None:
            with open(_DATA, encoding="utf-8") as fh:
                cls._loaded = cls(json.load(fh))
        return cls._loaded

    def missing(self, qualname: str) -> str | None:
        """The first part of ``qualname`` that TF does not have (``None``: it all exists).

        Checked down to the first name that is not a module; attributes of that name (a class's
        methods) are not checked.
        """
        parts = qualname.split(".")
        for n in range(2, len(parts) + 1):
            module = ".".join(parts[:n])
            if module in self.modules:
                continue
            parent = self.modules.get(".".join(parts[:n - 1]))
            if parent is None and n > 2 and ".".join(parts[:n - 1]) in self.modules:
                return None  # an extension module: its names are not listed
            if parent is not None and parts[n - 1] in parent:
                return None
            return module
        return None
