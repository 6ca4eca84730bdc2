"""Subclasses of a model class that only configure it (RL policy families) keep their text.

    class FeedForwardPolicy(object):                 class FeedForwardPolicy(nn.Module):
        def make_actor(self, obs, reuse=False):  ->      def make_actor(self, obs, reuse=False):
            with tf.variable_scope("pi", ...): ...           ...   # builds MakeActor on the first call

    class MlpPolicy(FeedForwardPolicy):              class MlpPolicy(FeedForwardPolicy):   # unchanged
        def __init__(self, *args, **kwargs):             def __init__(self, *args, **kwargs):
            super(MlpPolicy, self).__init__(                 super(MlpPolicy, self).__init__(
                *args, layers=[64, 64], **kwargs)                *args, layers=[64, 64], **kwargs)

A subclass that makes no variables, overrides none of the model class's methods and whose
``__init__`` starts by calling its base's inherits the native methods as it inherited the TF1
ones: they read ``self`` on their first call, after every ``__init__`` of the chain ran, as TF1
did. It may take ``*args``/``**kwargs`` (they go to its base, not to a module). Only what can be
proven: the subclass (and every class below it in the file) uses no TF1 variable machinery,
reads or stores no name ``tf.Module`` reserves (``name``, ``variables``, ...) or the modules'
slots, and has no decorators; anything else is the reason its base stays TF1.
"""
from __future__ import annotations

import ast

from unscope.analyze.constructs import classify
from unscope.native.classes_bases import calls_base_init
from unscope.native.paths import _RESERVED

__all__ = ["in_file_base", "family", "configuring"]


def in_file_base(cls: ast.ClassDef, by_name: dict) -> ast.ClassDef | None:
    """The class of the file ``cls`` extends (one base, spelled by name), or None."""
    if len(cls.bases) == 1 and type(cls.bases[0]) is ast.Name:
        return by_name.get(cls.bases[0].id)
    return None


def family(cls: ast.ClassDef, classes: list) -> list:
    """Every class of the file below ``cls`` (subclasses, their subclasses, ...), in file order."""
    below, names = [], {cls.name}
    grew = True
    while grew:
        grew = False
        for c in classes:
            if c not in below and c is not cls and any(type(b) is ast.Name and b.id in names for b in c.bases):
                below.append(c)
                names.add(c.name)
                grew = True
    return sorted(below, key=lambda c: c.lineno)


def configuring(sub: ast.ClassDef, base: ast.ClassDef, root: ast.ClassDef, api, creates) -> str | None:
    """Why ``sub`` (extending ``base``, whose chain starts at the model class ``root``) is more
    than a configuring subclass, or None when it is one."""
    if sub.decorator_list or sub.keywords or len(sub.bases) != 1:
        return "has decorators, keywords or several bases"
    body = [s for s in sub.body if not (type(s) is ast.Expr and type(s.value) is ast.Constant) and type(s) is not ast.Pass]
    if not all(type(s) is ast.FunctionDef for s in body):
        return "holds more than methods"
    if creates(sub):
        return "makes variables of its own"
    for n in ast.walk(sub):
        a = api(n)
        kind = classify(a) if a else None
        if kind not in (None, "layer"):
            return f"uses {a} (line {n.lineno})"
    root_methods = {m.name for m in root.body if type(m) is ast.FunctionDef} - {"__init__"}
    overridden = sorted({m.name for m in body} & root_methods)
    if overridden:
        return f"overrides {', '.join(overridden)}"
    attrs = {n.attr for n in ast.walk(sub) if type(n) is ast.Attribute and type(n.value) is ast.Name
             and n.value.id == "self"}
    slots = {f"_{m}" for m in root_methods} | {"_net", "net"}
    clash = sorted(attrs & (_RESERVED | slots))
    if clash:
        return f"uses self.{clash[0]}, which the native class holds or tf.Module reserves"
    init = next((m for m in body if m.name == "__init__"), None)
    if init is not None and not calls_base_init(init, sub, base.name):
        return f"__init__ does not start by calling {base.name}.__init__ (or calls super() again)"
    return None
