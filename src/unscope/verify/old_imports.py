"""What ``import tensorflow`` means inside OLD's files, in the verify worker process.

OLD is TF1 code. In the worker, every ``import tensorflow [as tf]``,
``import tensorflow.compat.v1 as tf`` and ``from tensorflow.contrib import layers`` made
by a *user* file (one outside the standard library and site-packages) gets a `TF1Module`:
``tensorflow.compat.v1`` with three substitutions --

* ``tf.layers``: ``tf_keras``'s legacy layers when the worker runs with tf_keras
  (``TF_USE_LEGACY_KERAS=1``), otherwise ``unscope.layers``;
* ``tf.contrib.<x>``: ``unscope.contrib.<x>`` (``tf.contrib.slim``: ``unscope.slim``);
* ``tf.compat.v1`` is the module itself.

Library code (TensorFlow, tf_keras, unscope) keeps the real ``tensorflow``. A symbol
that cannot be served raises `UnservedSymbol` naming it (``tf.contrib.rnn.LSTMCell``).
Only the worker imports this module; it imports TensorFlow.
"""
from __future__ import annotations

import builtins
import importlib
import os
import sys
import sysconfig
import types

import tensorflow as _tf

from unscope.analyze.imports import CONTRIB_MODULES

# the source directories under tensorflow/contrib/<x>/python/
CONTRIB_SOURCE_DIRS = frozenset({"ops", "layers", "framework", "training", "kernels"})

_v1 = _tf.compat.v1


class UnservedSymbol(ImportError):
    """OLD asked for a TF1 symbol that this process cannot provide.

    An ImportError, not an AttributeError, so that ``from tensorflow.contrib import x``
    shows this message rather than Python's generic "cannot import name".
    """


class ServedModule(types.ModuleType):
    """A view of `target` under the TF1 path `tf_path`; submodules are wrapped the same way."""

    def __init__(self, tf_path: str, target, origin: str, on_use=None):
        super().__init__(tf_path)
        self.__dict__["_target"] = target
        self.__dict__["_origin"] = origin
        self.__dict__["_on_use"] = on_use

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        on_use = self.__dict__["_on_use"]
        if on_use is not None:
            on_use()
        if name == "python" and self.__name__.count(".") == 2 and self.__name__.startswith("tf.contrib."):
            return PrivatePath(self)
        target, origin = self.__dict__["_target"], self.__dict__["_origin"]
        try:
            value = getattr(target, name)
        except AttributeError:
            value = _submodule(target, name)
            if value is None:
                raise UnservedSymbol(
                    f"{self.__name__}.{name} cannot be served: {origin} has no {name!r}") from None
        if isinstance(value, types.ModuleType):
            value = ServedModule(f"{self.__name__}.{name}", value, f"{origin}.{name}", on_use)
        self.__dict__[name] = value
        return value

    def __dir__(self):
        return dir(self.__dict__["_target"])


class PrivatePath(types.ModuleType):
    """``tf.contrib.<x>.python.<dir>.<module>``: TF1's source paths of a public contrib package.

    PixelCNN++ writes ``from tensorflow.contrib.framework.python.ops import arg_scope``; the
    directories and modules along such a path stand for the public package, whose symbols
    (and submodules, ``initializers``) are served as ``tf.contrib.<x>.<symbol>``.
    """

    def __init__(self, public: "ServedModule"):
        super().__init__(public.__name__ + ".python")
        self.__dict__["_public"] = public

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        public = self.__dict__["_public"]
        try:
            return getattr(public, name)
        except UnservedSymbol:
            if name in CONTRIB_SOURCE_DIRS or name in CONTRIB_MODULES:
                return self
            raise


class MissingModule(types.ModuleType):
    """Stands for a TF1 module that has no provider here; any use names the symbol."""

    def __init__(self, tf_path: str, reason: str):
        super().__init__(tf_path)
        self.__dict__["_reason"] = reason

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise UnservedSymbol(f"{self.__name__}.{name} cannot be served: {self.__dict__['_reason']}")


def _submodule(package, name):
    pkg_name = getattr(package, "__name__", None)
    if not pkg_name or not hasattr(package, "__path__"):
        return None
    try:
        return importlib.import_module(f"{pkg_name}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{pkg_name}.{name}":
            return None
        raise


class ContribModule(types.ModuleType):
    """``tf.contrib``: each piece from ``unscope.contrib`` (``slim`` from ``unscope.slim``)."""

    def __init__(self, on_use=None):
        super().__init__("tf.contrib")
        self.__dict__["_on_use"] = on_use

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        if self.__dict__["_on_use"] is not None:
            self.__dict__["_on_use"]()
        if name == "slim":
            provider, module_name = "unscope.slim", "unscope.slim"
        else:
            provider, module_name = "unscope.contrib", f"unscope.contrib.{name}"
        try:
            value = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name not in (module_name, "unscope.contrib", "unscope.slim"):
                raise
            try:
                value = getattr(importlib.import_module(provider), name)
            except (ModuleNotFoundError, AttributeError):
                raise UnservedSymbol(
                    f"tf.contrib.{name} cannot be served: {provider} has no {name!r}") from None
        if isinstance(value, types.ModuleType):
            value = ServedModule(f"tf.contrib.{name}", value, module_name)
        self.__dict__[name] = value
        return value


class CompatModule(types.ModuleType):
    """``tf.compat`` as OLD sees it: ``v1`` is OLD's tf, the rest is the real ``tf.compat``."""

    def __init__(self, tf1):
        super().__init__("tf.compat")
        self.__dict__["v1"] = tf1
        self.__dict__["v2"] = _tf.compat.v2

    def __getattr__(self, name):
        return getattr(_tf.compat, name)


class TF1Module(types.ModuleType):
    """``tensorflow`` for OLD's files: ``tensorflow.compat.v1`` plus served layers/contrib."""

    def __init__(self, layers: types.ModuleType, on_contrib_use=None):
        super().__init__("tensorflow")  # a real name, so `import tensorflow.x as y` finds x
        self.__dict__["layers"] = layers
        self.__dict__["contrib"] = ContribModule(on_contrib_use)
        self.__dict__["compat"] = CompatModule(self)
        self.__dict__["__version__"] = _tf.__version__

    def __getattr__(self, name: str):
        try:
            return getattr(_v1, name)
        except AttributeError:
            pass
        module = sys.modules.get(f"tensorflow.{name}")  # `import tensorflow.python.x as y`
        if module is not None:
            return module
        if name.startswith("_"):
            raise AttributeError(name)
        raise UnservedSymbol(f"tf.{name} cannot be served: it is not in tensorflow.compat.v1 "
                             f"{_tf.__version__}")

    def __dir__(self):
        return sorted(set(dir(_v1)) | set(self.__dict__))


def layers_module(source: str, on_use=None) -> types.ModuleType:
    """``tf.layers`` from ``"tf_keras"`` (the real legacy layers) or ``"unscope"``."""
    if source == "tf_keras":
        return ServedModule("tf.layers", _v1.layers, "tf_keras legacy tf.layers", on_use)
    try:
        module = importlib.import_module("unscope.layers")
    except ImportError as exc:
        return MissingModule("tf.layers", f"tf_keras is not used and unscope.layers is not "
                                          f"importable ({type(exc).__name__}: {exc})")
    return ServedModule("tf.layers", module, "unscope.layers", on_use)


def _library_roots() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    roots = {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths}
    import unscope

    roots.add(os.path.dirname(unscope.__file__))
    return tuple(os.path.realpath(r) + os.sep for r in roots)


class ImportHook:
    """Replaces ``builtins.__import__`` so that user files get `TF1Module` for tensorflow."""

    def __init__(self, tf1: TF1Module):
        self.tf1 = tf1
        self.roots = _library_roots()
        self._real = builtins.__import__
        self._user_files: dict[str, bool] = {}

    def install(self) -> None:
        builtins.__import__ = self

    def uninstall(self) -> None:
        builtins.__import__ = self._real

    def _is_user(self, globals_) -> bool:
        if not globals_:
            return False
        name = globals_.get("__name__") or ""
        if name.split(".")[0] in ("unscope", "tensorflow", "tf_keras", "keras"):
            return False
        path = globals_.get("__file__")
        if not path:
            return name == "__main__"
        known = self._user_files.get(path)
        if known is None:
            known = not os.path.realpath(path).startswith(self.roots)
            self._user_files[path] = known
        return known

    def __call__(self, name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and (name == "tensorflow" or name.startswith("tensorflow.")) \
                and self._is_user(globals):
            return self.resolve(name, fromlist)
        return self._real(name, globals, locals, fromlist, level)

    def resolve(self, name: str, fromlist):
        parts = name.split(".")[1:]
        served = not parts or parts[0] in ("compat", "contrib", "layers")
        if parts and parts[0] == "python":  # TF internals: the real modules, as in TF1
            return self._real(name, None, None, fromlist, 0)
        if not fromlist:
            # `import tensorflow.x.y as z` binds z by walking attributes from the top module
            if not served:
                self._real(name, None, None, (), 0)
            return self.tf1
        obj = self.tf1
        for part in parts:
            try:
                obj = getattr(obj, part)
            except UnservedSymbol:
                raise
            except AttributeError:
                return self._real(name, None, None, fromlist, 0)
        return obj


def install(layers_source: str, on_layers_use=None, on_contrib_use=None) -> TF1Module:
    """Make user files' ``import tensorflow`` mean TF1 for the rest of this process.

    `on_layers_use` / `on_contrib_use` are called whenever OLD reads ``tf.layers.x`` /
    ``tf.contrib.x`` (verify reports which reference served them).
    """
    tf1 = TF1Module(layers_module(layers_source, on_layers_use), on_contrib_use)
    ImportHook(tf1).install()
    return tf1


__all__ = ["TF1Module", "UnservedSymbol", "install", "layers_module"]
