"""Decorators native mode can see through: registries of the same file that hand the
function back unchanged (``@register("mlp")`` storing it in a dict).

Such a decorator changes nothing a call of the function does, so the function can become a
class.  The registration must still happen to the same function: the decorator stays on the
TF1 text kept beside the class (``registry["mlp"]`` is that function, as before), and the
class is left undecorated (:func:`unscope.native.engine._keep_for_importers`).  Any other
decorator - one imported from elsewhere, one that wraps the function (``functools.wraps``
style wrappers, ``add_arg_scope``), one rebinding or returning something else - may change
what a call does: the function stays in TF1 form.

    >>> import ast
    >>> tree = ast.parse('''
    ... def register(name):
    ...     def add(fn):
    ...         REGISTRY[name] = fn
    ...         return fn
    ...     return add
    ... ''')
    >>> functions = {s.name: s for s in tree.body}
    >>> why_not_registry(ast.parse('@register("mlp")\\ndef f(): pass').body[0].decorator_list[0], functions)
    >>> why_not_registry(ast.parse('@wrap\\ndef f(): pass').body[0].decorator_list[0], functions)
    'decorator @wrap is no function of this file: it may wrap the function'
"""
from __future__ import annotations

import ast

from unscope.migrate.parses import walk

__all__ = ["why_not_registry", "decorator_reason", "first_line"]


def decorator_reason(fn_node: ast.FunctionDef, functions: dict, creators=()) -> str | None:
    """Why ``fn_node``'s decorators keep it TF1, or None when every one is a registry."""
    for dec in fn_node.decorator_list:
        why = why_not_registry(dec, functions, creators)
        if why is not None:
            return why
    return None


def first_line(node: ast.FunctionDef) -> int:
    """The line a function's text starts on: its first decorator's, else its ``def``'s."""
    return min([d.lineno for d in node.decorator_list] + [node.lineno])


def why_not_registry(dec, functions: dict, creators=()) -> str | None:
    """None when ``dec`` is ``@f`` or ``@f(<args>)`` for a module-level function ``f`` of this
    file that returns the decorated function unchanged; else the reason, for the finding."""
    call = type(dec) is ast.Call
    head = dec.func if call else dec
    label = ast.unparse(dec)
    if type(head) is not ast.Name or head.id not in functions:
        return f"decorator @{label} is no function of this file: it may wrap the function"
    if head.id in creators:
        return f"decorator @{label} makes variables"
    target = functions[head.id]
    if call:
        if any(type(a) is ast.Starred for a in dec.args) or any(k.arg is None for k in dec.keywords):
            return f"decorator @{label} is called with * or **"
        target = _returned_inner(target)
        if target is None:
            return f"decorator @{label} does not return a function defined in {head.id}"
    if not _returns_argument(target):
        return f"decorator @{label} may return something other than the function it is given"
    return None


def _body(node: ast.FunctionDef) -> list:
    body = node.body
    if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant \
            and type(body[0].value.value) is str:
        body = body[1:]
    return body


def _returned_inner(outer: ast.FunctionDef) -> ast.FunctionDef | None:
    """The nested function ``outer`` returns as its last statement, defined once in it."""
    body = _body(outer)
    if not body or type(body[-1]) is not ast.Return or type(body[-1].value) is not ast.Name:
        return None
    name = body[-1].value.id
    if _own_returns(outer) != 1 or _yields(outer):
        return None
    defs = [s for s in body if type(s) is ast.FunctionDef and s.name == name]
    stores = [n for n in walk(outer) if type(n) is ast.Name and n.id == name and type(n.ctx) is not ast.Load]
    if len(defs) != 1 or stores:
        return None
    return defs[0]


def _returns_argument(fn: ast.FunctionDef) -> bool:
    """``fn`` takes one positional argument and its one return, its last statement, is it."""
    a = fn.args
    if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or len(a.args) != 1 or a.defaults:
        return False
    if fn.decorator_list:
        return False
    p = a.args[0].arg
    body = _body(fn)
    if not body or type(body[-1]) is not ast.Return or type(body[-1].value) is not ast.Name \
            or body[-1].value.id != p:
        return False
    if _own_returns(fn) != 1 or _yields(fn):
        return False
    for node in walk(fn):
        if type(node) is ast.Name and node.id == p and type(node.ctx) is not ast.Load:
            return False          # rebound or deleted: the return may be another object
        if type(node) in (ast.Global, ast.Nonlocal) and p in node.names:
            return False
        if type(node) is ast.Attribute and type(node.ctx) is not ast.Load \
                and node.attr.startswith("__"):
            return False          # fn.__code__ = ...: the same object, another function
    return True


def _own_returns(fn: ast.FunctionDef) -> int:
    """Return statements of ``fn`` itself (not of functions or classes nested in it)."""
    count, todo = 0, list(fn.body)
    while todo:
        node = todo.pop()
        if type(node) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda):
            continue
        if type(node) is ast.Return:
            count += 1
        todo.extend(ast.iter_child_nodes(node))
    return count


def _yields(fn: ast.FunctionDef) -> bool:
    return any(type(n) in (ast.Yield, ast.YieldFrom, ast.Await) for n in walk(fn))
