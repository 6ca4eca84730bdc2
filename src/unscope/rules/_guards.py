"""Old-TensorFlow fallbacks that need no finding: a TF name missing in TF 2 used where the code
already handles its absence::

    try:                                   # TF 0.12 names; TF 2 raises AttributeError here
        image_summary = tf.image_summary
    except AttributeError:                 # ... and takes this path
        image_summary = tf.summary.image

    try:
        y = tf.nn.conv2d_transpose(...)    # TF 2 runs this
    except AttributeError:                 # TF < 0.7 only: never reached on TF 2
        y = tf.nn.deconv2d(...)

    if "concat_v2" in dir(tf):             # also hasattr(tf, "concat_v2")
        ...tf.concat_v2(...)               # TF 2 takes the else branch

A handler that only raises again (``except AttributeError: raise ImportError(...)``) handles
nothing: such uses keep their finding.
"""
from __future__ import annotations

import ast

# `except Exception:` is left out: around model code it would hide a real missing name
_CATCHES_ATTRIBUTE_ERROR = frozenset({"AttributeError"})


def _catches_attribute_error(handler: ast.ExceptHandler) -> bool:
    """A handler of AttributeError (or bare) that does something else than raise again."""
    if all(isinstance(stmt, ast.Raise) for stmt in handler.body):
        return False
    kind = handler.type
    if kind is None:
        return True
    names = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    return any(isinstance(n, ast.Name) and n.id in _CATCHES_ATTRIBUTE_ERROR for n in names)


def _tests_for(test: ast.expr, names: set[str]) -> bool:
    """``"name" in dir(tf)`` or ``hasattr(tf, "name")`` for one of `names`."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In):
        left, right = test.left, test.comparators[0]
        return (isinstance(left, ast.Constant) and left.value in names
                and isinstance(right, ast.Call) and isinstance(right.func, ast.Name)
                and right.func.id == "dir")
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and \
            test.func.id == "hasattr" and len(test.args) == 2:
        arg = test.args[1]
        return isinstance(arg, ast.Constant) and arg.value in names
    return False


def handled_absence(ctx, node: ast.AST, names) -> bool:
    """True when `node` (a use of a TF name TF 2 lacks, ``names`` its components) sits where its
    absence is already handled: the body or an AttributeError handler of a ``try`` that catches
    AttributeError, or the body of an ``if`` that tests for the name."""
    parents = ctx.parents
    wanted = set(names)
    child = node
    while id(child) in parents:
        parent = parents[id(child)]
        if isinstance(parent, ast.Try):
            if child in parent.body and any(_catches_attribute_error(h) for h in parent.handlers):
                return True
            if isinstance(child, ast.ExceptHandler) and _catches_attribute_error(child):
                return True
        elif isinstance(parent, ast.If) and child in parent.body and _tests_for(parent.test, wanted):
            return True
        child = parent
    return False
