"""TensorFlow's TF1 and TF2 names, from the table generated at build time (``data/renames.json``).

Paths are relative to the API root: ``"log"`` is ``tf.log`` (TF1, ``tensorflow.compat.v1``),
``"math.log"`` is ``tf.math.log`` (TF2).  A target starting with ``compat.v1.`` is the TF1 twin
that TF 2.x still ships::

    >>> names = TFNames.load()
    >>> names.target("log"), names.target("placeholder"), names.target("nn.relu")
    ('math.log', 'compat.v1.placeholder', 'nn.relu')
"""
from __future__ import annotations

import json
import os

__all__ = ["TFNames", "CallEntry"]

_DATA = os.path.join(os.path.dirname(__file__), "data", "renames.json")


class CallEntry:
    """A TF1 function whose TF2 function computes the same when the call is adapted."""

    __slots__ = ("target", "params", "keywords", "v2_params", "v2_names", "v2_varkw", "explicit")

    def __init__(self, raw: dict) -> None:
        self.target: str = raw["target"]
        self.params: list[str] = raw["params"]
        self.keywords: dict[str, str | None] = raw["keywords"]
        self.v2_params: list[str] = raw["v2_params"]
        self.v2_names = frozenset(raw["v2_params"]) | frozenset(raw["v2_keyword_only"])
        self.v2_varkw: bool = raw["v2_varkw"]
        self.explicit = frozenset(raw["explicit"])


class TFNames:
    _loaded: "TFNames | None" = None

    def __init__(self, raw: dict) -> None:
        self.version: str = raw["tensorflow"]
        self.v1_symbols = frozenset(raw["v1_symbols"])
        self.v1_modules = frozenset(raw["v1_modules"])
        self.v2_symbols = frozenset(raw["v2_symbols"])
        self.v2_modules = frozenset(raw["v2_modules"])
        self.same = frozenset(raw["same_in_v1_and_v2"])
        self.renames: dict[str, str] = raw["rename"]
        self._calls_raw: dict[str, dict] = raw["calls"]
        self._calls: dict[str, CallEntry] = {}
        self.keras2_only: dict[str, str] = raw["keras2_only"]
        self.contrib: dict[str, str] = raw.get("contrib", {})
        self.v2_base_classes = frozenset(raw.get("v2_base_classes", ()))

    @classmethod
    def load(cls) -> "TFNames":
        if cls._loaded is None:
            with open(_DATA, encoding="utf-8") as fh:
                cls._loaded = cls(json.load(fh))
        return cls._loaded

    # --- TF1 side -------------------------------------------------------------------------
    def in_v1(self, path: str) -> bool:
        return path in self.v1_symbols or path in self.v1_modules or path.startswith("raw_ops.")

    def in_v2(self, path: str) -> bool:
        return path in self.v2_symbols or path in self.v2_modules or path.startswith("raw_ops.")

    def longest_v1(self, parts: list[str]) -> int:
        """How many leading ``parts`` name a TF1 symbol or module (0 when none does)."""
        for n in range(len(parts), 0, -1):
            if self.in_v1(".".join(parts[:n])):
                return n
        return 0

    def is_module_v1(self, path: str) -> bool:
        return path in self.v1_modules

    def keras2_reason(self, path: str) -> str | None:
        """Why a TF1 path is unusable on TF 2.x with Keras 3, or None."""
        for module, reason in self.keras2_only.items():
            if path == module or path.startswith(module + "."):
                return reason
        return None

    # --- TF1 -> TF2 -----------------------------------------------------------------------
    def target(self, path: str) -> str:
        """TF2 spelling of a TF1 symbol or module that behaves identically."""
        return self.renames.get(path, path)

    def call(self, path: str) -> CallEntry | None:
        """The conditional TF2 call of a TF1 function (see ``build_tables``), or None."""
        entry = self._calls.get(path)
        if entry is None:
            raw = self._calls_raw.get(path)
            if raw is None:
                return None
            entry = self._calls[path] = CallEntry(raw)
        return entry

    def v1_spelling(self, v2_path: str) -> str:
        """How code whose ``tf`` is ``tensorflow.compat.v1`` spells a TF2 target."""
        if v2_path.startswith("compat.v1."):
            return v2_path[len("compat.v1."):]
        if v2_path in self.same or (v2_path in self.v1_modules and v2_path in self.v2_modules):
            return v2_path
        return "compat.v2." + v2_path
