"""``plain_functions``: the functions of a file that make no TF1 variables, whatever calls them.

A module may call such a function of another file of the run (``modeling.get_shape_list``,
``from .utils import gelu``) as it calls one of its own file: the call stays as it is.  Proven
from the source alone, conservatively - a function is plain when every call in it is

- a TensorFlow op that makes no variable, scope, layer, template or graph-mode state
  (initializers and regularizers are plain too), or a call into a library outside the run
  (``np.zeros``, ``math.sqrt``), or a builtin;
- a method of a local value (``x.get_shape().as_list()``, ``parts.append(...)``);
- a call of another plain function of the same file.

Anything else - a call of a parameter or a module-level value, of another file of the run,
through ``import *`` - makes the function not plain.

    >>> import ast
    >>> sorted(plain_functions(ast.parse('''
    ... import tensorflow.compat.v1 as tf
    ... def gelu(x):
    ...     return 0.5 * x * (1.0 + tf.tanh(x))
    ... def act(x):
    ...     return gelu(x)
    ... def dense(x):
    ...     return tf.layers.dense(x, 4)
    ... ''')))
    ['act', 'gelu']
"""
from __future__ import annotations

import ast
import builtins

from unscope.analyze.constructs import classify
from unscope.analyze.imports import ImportTable, canonical_api
from unscope.migrate.parses import walk

__all__ = ["plain_functions"]

_BUILTINS = frozenset(dir(builtins))
_PLAIN_KINDS = frozenset({None, "initializer", "regularizer", "native_regularizer"})
_NOT_PLAIN_PREFIXES = ("tf.keras", "tf.train.", "tf.contrib.", "tf.metrics.", "tf.estimator.",
                       "tf.summary.", "tf.saved_model.", "tf.tpu.", "tf.layers.", "tf.get_",
                       "tf.add_to_collection", "tf.Session", "tf.placeholder", "tf.Variable",
                       "tf.Graph", "tf.reset_default_graph", "tf.global_variables",
                       "tf.trainable_variables", "tf.local_variables", "tf.variables_initializer",
                       "tf.initialize_", "tf.py_func", "tf.make_template")


def plain_functions(tree: ast.Module, run_modules=frozenset()) -> frozenset:
    """Names of the module-level functions of ``tree`` that make no TF1 variables;
    ``run_modules``: top-level module names of the run (calls into them are not plain)."""
    table = ImportTable.from_tree(tree)
    aliases = table.aliases()
    counts: dict[str, int] = {}
    for stmt in tree.body:
        for name in bound_names(stmt):
            counts[name] = counts.get(name, 0) + 1
    functions = {s.name: s for s in tree.body if type(s) is ast.FunctionDef and counts.get(s.name) == 1}
    needs: dict[str, set] = {}
    for name, node in functions.items():
        deps = _calls_ok(node, table, aliases, functions, run_modules)
        if deps is not None:
            needs[name] = deps
    changed = True
    while changed:
        changed = False
        for name in list(needs):
            if not needs[name] <= set(needs):
                del needs[name]
                changed = True
    return frozenset(needs)


def _calls_ok(fn: ast.FunctionDef, table, aliases, functions, run_modules):
    """The same-file functions ``fn`` calls, or None when some call is not plain."""
    local = _local_names(fn)
    nested = {n.name for n in walk(fn) if n is not fn and type(n) is ast.FunctionDef}
    deps = set()
    for node in walk(fn):
        if type(node) is not ast.Call:
            continue
        func = node.func
        root = func
        while type(root) is ast.Attribute:
            root = root.value
        if type(root) is not ast.Name:
            continue   # a method of a computed value: (x + y).numpy(), f(x)(y) - f is checked
        name = root.id
        if name in nested:
            continue   # its body is part of this walk
        if name in local:
            if type(func) is ast.Name:
                return None   # a callback: it may make variables
            continue
        qual = table.resolve(func) if name in aliases else None
        if qual is not None:
            if qual.partition(".")[0] in run_modules:
                return None
            api = canonical_api(qual)
            if api is not None and (classify(api) not in _PLAIN_KINDS or api.startswith(_NOT_PLAIN_PREFIXES)):
                return None
            continue
        if type(func) is ast.Name and name in functions:
            deps.add(name)
        elif type(func) is ast.Name and name in _BUILTINS:
            continue
        else:
            return None
    return deps


def _local_names(fn) -> set:
    names = {a.arg for a in walk(fn.args) if type(a) is ast.arg}
    for node in walk(fn):
        if type(node) is ast.Name and type(node.ctx) is ast.Store:
            names.add(node.id)
        elif node is not fn and type(node) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            names.add(node.name)
        elif type(node) in (ast.Lambda,):
            names.update(a.arg for a in walk(node.args) if type(a) is ast.arg)
    return names


def bound_names(stmt) -> list:
    """The names a module-level statement binds (its def/class name, import names, stores)."""
    if type(stmt) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return [stmt.name]
    if type(stmt) in (ast.Import, ast.ImportFrom):
        return [(a.asname or a.name).partition(".")[0] for a in stmt.names if a.name != "*"]
    return [n.id for n in walk(stmt) if type(n) is ast.Name and type(n.ctx) is ast.Store]


_MAKING_KINDS = frozenset({"get_variable", "variable_scope", "variable", "layer", "make_template", "rnn_cell"})


def maker_facts(tree: ast.Module) -> dict:
    """``{function: (makes, same_file_calls, other_calls)}`` for the module-level functions:
    whether a call in it makes TF1 variables itself (get_variable, a layer, a scope, ...), the
    functions of the file it calls, and the dotted names of the other calls (``layers.dense``)
    - what the project pass needs to tell which functions of the run may make variables."""
    table = ImportTable.from_tree(tree)
    functions = {s.name for s in tree.body if type(s) is ast.FunctionDef}
    out = {}
    for stmt in tree.body:
        if type(stmt) is not ast.FunctionDef:
            continue
        makes, same, other = False, set(), set()
        for node in walk(stmt):
            if type(node) is not ast.Call:
                continue
            qual = table.resolve(node.func)
            api = canonical_api(qual) if qual else None
            if api is not None:
                makes = makes or classify(api) in _MAKING_KINDS or api.startswith("tf.keras")
                continue
            text = _dotted(node.func)
            if text is None:
                continue
            if text in functions:
                same.add(text)
            else:
                other.add(text)
        out[stmt.name] = (makes, frozenset(same), frozenset(other))
    return out


def _dotted(func) -> str | None:
    parts = []
    while type(func) is ast.Attribute:
        parts.append(func.attr)
        func = func.value
    return ".".join([func.id] + parts[::-1]) if type(func) is ast.Name else None
