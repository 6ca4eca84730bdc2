"""Match NEW's variables to OLD's TF1 names.

One small function decides a variable's TF1 name (`tf1_name`); swap it for the checkpoint
converter's name map when that is wanted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUFFIX = re.compile(r":\d+$")


def tf1_name(variable) -> str:
    """``dense/kernel:0`` -> ``dense/kernel`` (Keras 3 variables: their ``.path``)."""
    name = getattr(variable, "name", "") or ""
    path = getattr(variable, "path", None)
    if isinstance(path, str) and path and ":" not in name and "/" not in name:
        name = path
    return _SUFFIX.sub("", name)


def dtype_name(variable) -> str:
    """``float32`` for TF variables (``dtype.name``) and Keras 3 ones (a plain string)."""
    dtype = variable.dtype
    return getattr(dtype, "name", None) or str(dtype)


@dataclass
class Pairing:
    """OLD name -> NEW variable, and every way the two sets differ."""

    matched: dict = field(default_factory=dict)
    missing: list = field(default_factory=list)        # VariableInfo in OLD, not in NEW
    extra: list = field(default_factory=list)          # (name, variable) in NEW, not in OLD
    duplicated: dict = field(default_factory=dict)     # name -> how many NEW variables have it
    mismatched: list = field(default_factory=list)     # (name, what, old, new)


def pair_variables(old_variables, new_variables, name_of=tf1_name) -> Pairing:
    """Pair by TF1 name; report missing, extra, duplicated names and shape/dtype/trainability."""
    pairing = Pairing()
    by_name: dict[str, list] = {}
    for variable in new_variables:
        by_name.setdefault(name_of(variable), []).append(variable)
    for name, found in by_name.items():
        if len(found) > 1:
            pairing.duplicated[name] = len(found)
    old_names = set()
    for info in old_variables:
        old_names.add(info.name)
        found = by_name.get(info.name)
        if not found:
            pairing.missing.append(info)
            continue
        variable = found[0]
        pairing.matched[info.name] = variable
        shape = tuple(int(d) for d in variable.shape)
        dtype = dtype_name(variable)
        trainable = bool(getattr(variable, "trainable", True))
        if shape != tuple(info.shape):
            pairing.mismatched.append((info.name, "shape", list(info.shape), list(shape)))
        if dtype != info.dtype:
            pairing.mismatched.append((info.name, "dtype", info.dtype, dtype))
        if trainable != info.trainable:
            pairing.mismatched.append((info.name, "trainable", info.trainable, trainable))
    for name, found in by_name.items():
        if name not in old_names:
            pairing.extra.extend((name, v) for v in found)
    return pairing
