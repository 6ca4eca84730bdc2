"""Two calls at one scope path in the two branches of an ``if`` on a constructor value.

    def generator(z, y=None, y_dim=None):             class Generator(nn.Module):
        with tf.variable_scope("generator"):              def __call__(self, z):
            if not y_dim:                                     if not self.y_dim:
                h = linear(z, 4, "g_h0_lin")      ->              if self.g_h0_lin is None:
            else:                                                     self.g_h0_lin = Linear(4, ...)
                h = linear(concat(z, y), 5, "g_h0_lin")          ...
                                                              else:
                                                                  if self.g_h0_lin is None:
                                                                      self.g_h0_lin = Linear(5, ...)

TF1 names both ``generator/g_h0_lin``; they never meet, because ``y_dim`` is fixed for the
module (a constructor value: another ``y_dim`` is another instance), so every call of one
instance takes the same branch and the module built is the one of the branch taken, on its
first call - as TF1 made its variables on the first call. Only a test that reads nothing but
constructor values and constants (no call, no attribute, no value the function rebinds) is
such a switch; anything else keeps the two calls one module, and different arguments there
keep the function in TF1 form.
"""
from __future__ import annotations

import ast

from unscope.migrate.parses import parents

__all__ = ["exclusive"]

_TEST_NODES = (ast.Name, ast.Constant, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.BinOp,
               ast.Load, ast.unaryop, ast.boolop, ast.cmpop, ast.operator)


def exclusive(fn, a, b, init_names) -> bool:
    """Do events ``a`` and ``b`` of ``fn`` lie in opposite branches of one ``if`` whose
    test reads only constructor values (``init_names``: the parameters the class takes at
    construction and does not rebind) and constants?"""
    up = parents(fn.node)
    sides_a, sides_b = _sides(a.node, up), _sides(b.node, up)
    return any(sides_b.get(s) not in (None, side) and _switch(s.test, init_names)
               for s, side in sides_a.items())


def _sides(node, up) -> dict:
    """``{if statement: "body" | "orelse"}`` for the ``if`` statements around ``node``."""
    out = {}
    child, parent = node, up.get(node)
    while parent is not None:
        if type(parent) is ast.If:
            if any(s is child for s in parent.body):
                out[parent] = "body"
            elif any(s is child for s in parent.orelse):
                out[parent] = "orelse"
        child, parent = parent, up.get(parent)
    return out


def _switch(test, init_names) -> bool:
    names = [n.id for n in ast.walk(test) if type(n) is ast.Name]
    return all(isinstance(n, _TEST_NODES) for n in ast.walk(test)) and bool(names) \
        and all(n in init_names for n in names)
