"""Verdict rules: what migrate will do with one construct, and why.

``native``  migrate --mode native turns it into plain TF2 (tf.Module, owned tf.Variable),
``compat``  migrate keeps it running on the unscope runtime (same names, same sharing),
``manual``  a person must decide; migrate leaves the code as it is.

Each rule collects reasons; the worst verdict wins and its reasons become the message.
Rules are conservative: what cannot be proven static is at best ``compat``.

    >>> scope_verdict(in_function=True, name=("model",), reuse="dynamic", keywords=set())
    ('compat', 'reuse= decided at run time; the compat runtime applies it as TF1 did - pass reuse=True or tf.AUTO_REUSE, or share by calling the same module, to migrate natively')
"""
from __future__ import annotations

from unscope.analyze.names import is_runtime, render_segment

__all__ = ["Reasons", "scope_verdict", "variable_verdict", "layer_verdict", "template_verdict",
           "collection_verdict", "kind_verdict", "REUSE_NOT_CONSTANT"]

_RANK = {"native": 0, "compat": 1, "manual": 2}

REUSE_NOT_CONSTANT = ("reuse= decided at run time; the compat runtime applies it as TF1 did - "
                      "pass reuse=True or tf.AUTO_REUSE, or share by calling the same module, to migrate natively")
_MODULE_LEVEL = "at module level; native mode needs model code inside a function"
_RUNTIME_NAME = "{what} name computed at run time ({text}); kept on the compat runtime - " \
                "pass a literal or a function argument to migrate natively"
_STARRED = "arguments passed with * or **; kept on the compat runtime"


class Reasons:
    """Collects (verdict, reason) pairs; the worst verdict and its reasons win."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, verdict: str, reason: str) -> None:
        self.items.append((verdict, reason))

    def result(self, native_reason: str) -> tuple[str, str]:
        if not self.items:
            return "native", native_reason
        worst = max(self.items, key=lambda item: _RANK[item[0]])[0]
        return worst, "; ".join(reason for verdict, reason in self.items if verdict == worst)


def _dynamic_text(seg: tuple) -> str:
    return render_segment(seg)


def _common(reasons: Reasons, in_function: bool, name, what: str, starred: bool) -> None:
    if not in_function:
        reasons.add("compat", _MODULE_LEVEL)
    if name is not None and is_runtime(name):
        reasons.add("compat", _RUNTIME_NAME.format(what=what, text=_dynamic_text(name)))
    if starred:
        reasons.add("compat", _STARRED)


def scope_verdict(in_function: bool, name, reuse: str | None, keywords: set,
                  reentered: bool = False, starred: bool = False) -> tuple[str, str]:
    """tf.variable_scope. ``reuse``: None (inherit), 'reuse', 'auto' or 'dynamic'."""
    reasons = Reasons()
    _common(reasons, in_function, name, "scope", starred)
    if reuse == "dynamic":
        reasons.add("compat", REUSE_NOT_CONSTANT)
    if "custom_getter" in keywords:
        reasons.add("compat", "custom_getter: kept on the compat runtime, which applies it as TF1 did")
    if "partitioner" in keywords:
        reasons.add("compat", "partitioner: partitioned variables stay on the compat runtime")
    if "caching_device" in keywords:
        reasons.add("compat", "caching_device has no TF2 equivalent; kept on the compat runtime")
    if "auxiliary_name_scope" in keywords:
        reasons.add("compat", "auxiliary_name_scope: kept on the compat runtime")
    if reentered:
        native = "re-entered scope: native mode calls the same module"
    elif reuse == "reuse":
        native = "reuse=True: native mode shares by calling the same module"
    elif reuse == "auto":
        native = "AUTO_REUSE: native mode creates on the first call and shares after"
    else:
        native = "static scope: becomes a tf.Module in native mode"
    extra = [k for k in ("initializer", "regularizer", "dtype") if k in keywords]
    if extra:
        native += f"; scope {'/'.join(extra)} resolved per variable"
    return reasons.result(native)


def variable_verdict(api: str, in_function: bool, name, keywords: set, reuse: str | None,
                     starred: bool = False) -> tuple[str, str]:
    """tf.get_variable / tf.get_local_variable / slim.variable."""
    reasons = Reasons()
    _common(reasons, in_function, name, "variable", starred)
    if name is None and not starred:
        reasons.add("compat", "no variable name given statically; kept on the compat runtime")
    if api == "tf.get_local_variable":
        reasons.add("compat", "local variables stay on the compat runtime")
    for key, why in (("partitioner", "partitioner: partitioned variables stay on the compat runtime"),
                     ("custom_getter", "custom_getter: kept on the compat runtime"),
                     ("caching_device", "caching_device has no TF2 equivalent; kept on the compat runtime"),
                     ("collections", "collections=: custom collections are kept by the compat runtime")):
        if key in keywords:
            reasons.add("compat", why)
    if reuse == "reuse":
        native = "reused variable: native mode reads the one its module already owns"
    elif reuse == "auto":
        native = "AUTO_REUSE variable: created on the first call, shared after; native mode keeps one tf.Variable"
    else:
        native = "becomes a tf.Variable owned by its tf.Module, with its TF1 name"
    return reasons.result(native)


def layer_verdict(api: str, in_function: bool, name, reuse: str | None, keywords: set,
                  starred: bool = False) -> tuple[str, str]:
    """tf.layers.* / tf.contrib.layers.* / slim layers."""
    reasons = Reasons()
    _common(reasons, in_function, name, "layer", starred)
    if reuse == "dynamic":
        reasons.add("compat", REUSE_NOT_CONSTANT)
    if "custom_getter" in keywords:
        reasons.add("compat", "custom_getter: kept on the compat runtime")
    if api.startswith("tf.layers."):
        native = "tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names"
    elif api.startswith("slim."):
        native = "slim layers need TF1 variable scopes; native mode uses an unscope.nn layer object keeping TF1 names"
    else:
        native = "tf.contrib is gone in TF2; native mode uses an unscope.nn layer object keeping TF1 names"
    if reuse in ("reuse", "auto"):
        native += "; reuse: calls the same layer object"
    return reasons.result(native)


def template_verdict(in_function: bool, name, keywords: set, starred: bool = False) -> tuple[str, str]:
    """tf.make_template (usually at module level, which is fine)."""
    reasons = Reasons()
    _common(reasons, True, name, "template", starred)
    if "custom_getter_" in keywords:
        reasons.add("compat", "custom_getter_: kept on the compat runtime")
    return reasons.result("template: native mode makes it one module instance, shared by every call")


def collection_verdict(api: str, key: str | None, scoped: bool, in_function: bool) -> tuple[str, str]:
    """Collections. ``key``: a GraphKeys member name, 'custom', or None (no key argument)."""
    from unscope.analyze.constructs import STANDARD_KEYS

    if scoped:
        return "manual", SELECT_BY_NAME.format(how="scope= filter")
    if api in ("tf.add_to_collection", "tf.add_to_collections", "tf.get_collection_ref"):
        return "compat", "user-managed collections are kept by the compat runtime"
    if api in ("tf.get_collection",) and key not in STANDARD_KEYS:
        return "compat", "custom collection kept by the compat runtime"
    if api in ("tf.all_variables", "tf.moving_average_variables", "tf.local_variables"):
        return "compat", "kept by the compat runtime"
    what = key or api.rpartition(".")[2]
    return "native", f"{what}: native mode reads the owning module's variables / losses instead"


SELECT_BY_NAME = ("selects variables by name ({how}); migration keeps TF1 variable names, so it keeps "
                  "working - review it if you rename scopes")

_KIND = {
    "get_variable_scope": ("compat", "reads the current scope object at run time; kept on the compat runtime"),
    "auto_reuse": ("native", "reuse mode constant; native mode shares by calling the same module"),
    "arg_scope": ("compat", "arg_scope defaults are applied at run time by unscope.slim / unscope.contrib"),
    "graph_keys": ("compat", "collection key used directly; kept by the compat runtime"),
    "initializer": ("native", "TF1 initializer: migrate uses its TF2 name"),
    "regularizer": ("compat", "contrib/slim regularizer: provided by unscope.contrib"),
    "native_regularizer": ("native", "contrib/slim regularizer: native mode uses unscope.nn's "
                           "(same TF1 formula), compat mode unscope.contrib's"),
    "partitioner": ("compat", "partitioned variables stay on the compat runtime"),
    "rnn_cell": ("manual", "TF1 RNN cells create variables inside TensorFlow; port to tf.keras.layers "
                 "RNN cells by hand (checkpoint names change)"),
    "contrib_supported": ("compat", "provided by unscope.contrib"),
    "contrib": ("manual", "tf.contrib is gone in TF2 and unscope has no replacement for it; port it by hand"),
    "layer_base": ("manual", "subclasses of tf.layers.Layer need a person: Keras 3 layers cannot keep TF1 names"),
    "name_scope": ("native", "name_scope mixed with variable scopes: it prefixes tf.Variable and op names, "
                   "not get_variable or layer variables; migration keeps TF1's names"),
    "variable": ("native", "tf.Variable under a scope takes the scope prefix; migration keeps that name"),
    "inherited": ("compat", "inside a scope kept on the compat runtime by line {line}"),
    "select_by_name": ("manual", SELECT_BY_NAME.format(how="by scope or name")),
}


def kind_verdict(kind: str, in_function: bool = True) -> tuple[str, str]:
    """Verdict for kinds whose rule does not depend on arguments."""
    verdict, message = _KIND[kind]
    if kind == "variable" and not in_function:
        return "compat", _MODULE_LEVEL
    return verdict, message
