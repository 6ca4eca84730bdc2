"""Nested functions of a native function that call modules (GPT-2's ``sample_sequence``)::

    def sample(hparams, context, length):
        def step(hparams, tokens, past=None):
            return model(hparams=hparams, X=tokens, past=past, reuse=tf.AUTO_REUSE)
        def body(past, prev):
            return step(hparams, prev, past=past)
        past, prev = body(None, context)
        return tf.while_loop(cond, body, [past, prev])

The walk reads a closure's body where it is first called directly (there its module calls
run first, as in TF1), so its modules are the function's attributes (``self.model``), built
once and shared by every call, as TF1 shared them by name. A closure parameter stands for the
enclosing function's variable of the same name only where it is *pinned*: every reference to
the closure is a direct call passing that very name, which resolves, at each call site, to
the enclosing function's own variable (:meth:`Closures.pinned`). Any other parameter is a
local of the closure, never a construction value.
"""
from __future__ import annotations

import ast

from unscope.migrate.parses import parents, walk

__all__ = ["Closures", "params_of"]

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class Closures:
    """The closures of the function ``node`` that make variables through module calls."""

    def __init__(self, node) -> None:
        self.node = node
        self.defs: dict[str, ast.FunctionDef] = {}   # name -> def, registered by the walk
        self.walking: set[str] = set()
        self.done: set[str] = set()
        self.early: list = []     # Names reading a closure before its first direct call
        self.paths: dict = {}     # name -> the scope path it was first called under
        self._up = None
        self._pins: dict = {}
        self.passed: list = []    # the Name nodes given to pinned parameters (passed on whole)

    def __contains__(self, name) -> bool:
        return name in self.defs

    def bindings(self, name: str) -> int:
        """How many statements of the function bind ``name`` (a def, an assignment, ...)."""
        count = 0
        for n in walk(self.node):
            if type(n) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) and n.name == name:
                count += 1
            elif type(n) is ast.Name and n.id == name and type(n.ctx) is not ast.Load:
                count += 1
            elif type(n) is ast.arg and n.arg == name:
                count += 1
            elif type(n) is ast.alias and (n.asname or n.name).partition(".")[0] == name:
                count += 1
        return count

    # ------------------------------------------------------------------ pinning
    def pinned(self, name: str, param: str) -> bool:
        """Every reference to closure ``name`` is a direct call passing ``param`` the name
        ``param``, which means the enclosing function's ``param`` where it is passed."""
        key = (name, param)
        if key in self._pins:
            return bool(self._pins[key])
        self._pins[key] = False   # a closure reaching itself: not proven
        args = self._pinned(name, param)
        self._pins[key] = args
        if args:
            self.passed.extend(args)
        return bool(args)

    def _pinned(self, name, param) -> list:
        """The arguments given to ``param`` at every call, or [] where it is not pinned."""
        d = self.defs[name]
        a = d.args
        positional = [p.arg for p in a.posonlyargs + a.args]
        if d.decorator_list or param not in positional + [p.arg for p in a.kwonlyargs]:
            return []
        if param in _stores(d):
            return []
        up = self._parents()
        refs = [n for n in walk(self.node) if type(n) is ast.Name and n.id == name]
        if not refs:
            return []
        given_all = []
        for ref in refs:
            call = up.get(ref)
            if type(call) is not ast.Call or call.func is not ref:
                return []   # passed on (tf.while_loop's body): called with other values
            if any(type(x) is ast.Starred for x in call.args) or any(k.arg is None for k in call.keywords):
                return []
            given = [k.value for k in call.keywords if k.arg == param]
            if not given and param in positional and positional.index(param) < len(call.args):
                given = [call.args[positional.index(param)]]
            if len(given) != 1 or not (type(given[0]) is ast.Name and given[0].id == param):
                return []
            if not self._resolves(self._enclosing(call), param):
                return []
            given_all.append(given[0])
        return given_all

    def _resolves(self, d, param) -> bool:
        """``param`` read in ``d`` is the enclosing function's own ``param``."""
        if d is self.node:
            return True
        if type(d) is not ast.FunctionDef or self.defs.get(d.name) is not d:
            return False   # a lambda, a helper def that makes nothing: not followed
        if param in _stores(d):
            return False
        if param in params_of(d):
            return self.pinned(d.name, param)
        return self._resolves(self._enclosing(d), param)

    def _enclosing(self, node):
        up = self._parents()
        n = up.get(node)
        while n is not None and not isinstance(n, _DEFS):
            n = up.get(n)
        return n if n is not None else self.node

    def _parents(self):
        if self._up is None:
            self._up = parents(self.node)
        return self._up


def params_of(d) -> set[str]:
    """Every parameter name of the def ``d``."""
    a = d.args
    names = {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs}
    names.update(p.arg for p in (a.vararg, a.kwarg) if p is not None)
    return names


def _stores(d) -> set[str]:
    """Names ``d``'s body binds (nested defs and comprehensions included: conservative)."""
    out = set()
    for stmt in d.body:
        for n in walk(stmt):
            if type(n) is ast.Name and type(n.ctx) is not ast.Load:
                out.add(n.id)
            elif type(n) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                out.add(n.name)
            elif type(n) is ast.arg:
                out.add(n.arg)
            elif type(n) is ast.alias:
                out.add((n.asname or n.name).partition(".")[0])
    return out
