"""``FILE.py:ATTR`` -> a built ``tf.Module`` (what ``unscope convert --model`` takes).

ATTR names, in ``FILE.py`` (dots reach nested attributes):

- a function: wrapped with ``unscope.track`` (its variables appear on the first call);
- a ``tf.Module`` subclass: constructed with the keyword arguments of ``init``;
- a ``tf.Module`` instance: used as it is.

``example`` (an ``.npz`` path or a dict of arrays) is passed once as keyword arguments, so
lazily created variables exist before conversion.

The file is loaded as `unscope.verify.modelfile` loads NEW's side of a verification: a
training loop under ``if __name__ == "__main__":`` does not run, a file that runs a program
at top level is loaded definitions only, and ``disable_v2_behavior()`` is neutralised (the
model is built eagerly); what was left out is in ``notes``.

Errors: a malformed spec, a missing file, an attribute that does not exist or is not a model
are `ModelSpecError` (usage, exit 2); a file that does not import or a model that does not
build is `ModelBuildError` (exit 123).
"""
from __future__ import annotations

import os

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


def load_model(spec: str, init: dict | None = None, example=None, *, notes: list | None = None,
               allow_empty: bool = False):
    """Import ``FILE.py``, make the module ATTR describes, call it once on ``example``.

    `notes` (a list) receives one line per thing loading the file left out. `allow_empty`:
    return a model without variables instead of raising (a dry run reports what is missing).

    >>> model = load_model("examples/gpt2.py:model", example="examples/tokens.npz")
    """
    import tensorflow as tf

    path, attr = split_spec(spec)
    loaded = _import_file(path)
    if notes is not None:
        notes.extend(loaded.notes)
    try:
        obj = loaded.resolve(attr)
    except ValueError as exc:
        raise ModelSpecError(f"--model: {exc}") from None
    if isinstance(obj, tf.Module):
        if init is not None:
            raise ModelSpecError(f"--init: {attr} is a tf.Module instance, not a class; it takes no arguments")
        model = obj
    elif isinstance(obj, type) and issubclass(obj, tf.Module):
        model = _build(lambda: obj(**(init or {})), f"{path}:{attr}: cannot construct {attr}(**init)",
                       loaded)
    elif callable(obj) and not isinstance(obj, type):
        if init is not None:
            raise ModelSpecError(f"--init: {attr} is a function; --init is for tf.Module classes")
        import unscope

        model = _build(lambda: unscope.track(obj, name=attr.rsplit(".", 1)[-1]),
                       f"{path}:{attr}: cannot wrap with unscope.track", loaded)
    else:
        raise ModelSpecError(f"--model: {path}:{attr}: is a {type(obj).__name__}; expected a "
                             "function, a tf.Module subclass or a tf.Module")
    if example is not None:
        inputs = _load_example(example)
        _build(lambda: model(**inputs), f"{path}:{attr}: calling the model on the example inputs "
               f"({', '.join(sorted(inputs))}) failed", loaded)
    if not model.variables and not allow_empty:
        hint = "" if example is not None else "; pass example inputs (--example INPUTS.npz) to create them"
        raise ModelBuildError(f"{path}:{attr}: the model has no variables{hint}")
    return model


def _import_file(path: str):
    import tensorflow as tf

    from unscope.verify.inputs import UsageError
    from unscope.verify.modelfile import load_file

    if not os.path.isfile(path):
        raise ModelSpecError(f"--model: {path}: no such file")
    path = os.path.abspath(path)
    try:
        loaded = _build(lambda: load_file(path, "model", eager=True), f"{path}: cannot import")
    except UsageError as exc:
        raise ModelSpecError(f"--model: {exc}") from None
    if not tf.executing_eagerly():
        raise ModelBuildError(f"{path}: importing it turned eager execution off (graph mode); "
                              "the model must build eagerly - move that call under "
                              "`if __name__ == \"__main__\":`")
    return loaded


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


def _build(make, what: str, loaded=None):
    from unscope.verify.inputs import UsageError

    try:
        return make()
    except (KeyboardInterrupt, ModelSpecError, UsageError):
        raise
    except BaseException as exc:  # SystemExit from a script-style model file too
        why = ""
        if loaded is not None and isinstance(exc, NameError) and getattr(exc, "name", None):
            why = loaded.explain(exc.name)
        raise ModelBuildError(f"{what}: {type(exc).__name__}: {_one_line(exc)}"
                              + (f" ({why})" if why else "")) from exc


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""
