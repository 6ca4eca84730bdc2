"""``FILE.py:ATTR`` -> a built ``tf.Module`` (what ``unscope convert --model`` takes).

ATTR names, in ``FILE.py`` (dots reach nested attributes):

- a function: wrapped with ``unscope.track`` (its variables appear on the first call);
- a ``tf.Module`` subclass: constructed with the keyword arguments of ``init``;
- a ``tf.Module`` instance: used as it is.

``example`` (an ``.npz`` path or a dict of arrays) is passed once as keyword arguments, so
lazily created variables exist before conversion.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys

from unscope.ckpt.errors import ConversionError


class ModelSpecError(ValueError):
    """``--model``/``--init``/``--example`` do not make sense together (a usage error)."""


class ModelBuildError(ConversionError):
    """The model file does not import, the module cannot be constructed, or the call fails."""


def split_spec(spec: str) -> tuple[str, str]:
    path, sep, attr = spec.rpartition(":")
    if not sep or not path or not attr or not attr.replace(".", "").replace("_", "").isalnum():
        raise ModelSpecError(f"--model {spec!r}: expected FILE.py:ATTR, e.g. model.py:gpt2")
    return path, attr


def load_model(spec: str, init: dict | None = None, example=None):
    """Import ``FILE.py``, make the module ATTR describes, call it once on ``example``.

    >>> model = load_model("examples/gpt2.py:model", example="examples/tokens.npz")
    """
    import tensorflow as tf

    path, attr = split_spec(spec)
    module = _import_file(path)
    obj = module
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise ModelBuildError(f"{path}: has no attribute {attr!r}")
        obj = getattr(obj, part)
    if isinstance(obj, tf.Module):
        if init is not None:
            raise ModelSpecError(f"--init: {attr} is a tf.Module instance, not a class; it takes no arguments")
        model = obj
    elif isinstance(obj, type) and issubclass(obj, tf.Module):
        model = _build(lambda: obj(**(init or {})), f"{path}:{attr}: cannot construct {attr}(**init)")
    elif callable(obj) and not isinstance(obj, type):
        if init is not None:
            raise ModelSpecError(f"--init: {attr} is a function; --init is for tf.Module classes")
        import unscope

        model = _build(lambda: unscope.track(obj, name=attr.rsplit(".", 1)[-1]),
                       f"{path}:{attr}: cannot wrap with unscope.track")
    else:
        raise ModelBuildError(f"{path}:{attr}: is a {type(obj).__name__}; expected a function, "
                              "a tf.Module subclass or a tf.Module")
    if example is not None:
        inputs = _load_example(example)
        _build(lambda: model(**inputs), f"{path}:{attr}: calling the model on the example inputs "
               f"({', '.join(sorted(inputs))}) failed")
    if not model.variables:
        hint = "" if example is not None else "; pass example inputs (--example INPUTS.npz) to create them"
        raise ModelBuildError(f"{path}:{attr}: the model has no variables{hint}")
    return model


def _import_file(path: str):
    if not os.path.isfile(path):
        raise ModelSpecError(f"--model: {path}: no such file")
    path = os.path.abspath(path)
    name = "_unscope_model_" + hashlib.sha1(path.encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ModelSpecError(f"--model: {path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, os.path.dirname(path))  # so the model file can import its neighbours
    try:
        _build(lambda: spec.loader.exec_module(module), f"{path}: cannot import")
    except ModelBuildError:
        sys.modules.pop(name, None)
        raise
    finally:
        sys.path.remove(os.path.dirname(path))
    return module


def _load_example(example) -> dict:
    if isinstance(example, dict):
        return dict(example)
    import numpy as np

    if not os.path.isfile(example):
        raise ModelSpecError(f"--example: {example}: no such file")
    try:
        data = np.load(example, allow_pickle=False)
        if not hasattr(data, "files"):
            raise ValueError("not an .npz archive")
        with data:
            return {key: data[key] for key in data.files}
    except Exception as exc:  # noqa: BLE001 - zipfile, pickle and format errors alike
        raise ModelBuildError(f"{example}: cannot read example inputs (an .npz of named arrays): "
                              f"{_one_line(exc)}") from exc


def _build(make, what: str):
    try:
        return make()
    except (KeyboardInterrupt, ModelSpecError):
        raise
    except BaseException as exc:  # SystemExit from a script-style model file too
        raise ModelBuildError(f"{what}: {type(exc).__name__}: {_one_line(exc)}") from exc


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""
