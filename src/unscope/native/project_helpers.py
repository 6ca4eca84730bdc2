"""``plain_functions``: the functions of a file that make no TF1 variables, whatever calls them.

A module may call such a function of another file of the run (``modeling.get_shape_list``,
``from .utils import gelu``) as it calls one of its own file: the call stays as it is.  Proven
from the source alone, conservatively - a function is plain when every call in it is

- a TensorFlow op that makes no variable, scope, layer, template or graph-mode state
  (initializers and regularizers are plain too), or a call into a library outside the run
  (``np.zeros``, ``math.sqrt``), or a builtin;
- a method of a local value (``x.get_shape().as_list()``, ``parts.append(...)``);
- a call of another plain function of the same file.

A function a module-level ``if``/``else`` defines in both branches (DCGAN's ``if "concat_v2"
in dir(tf): def concat(...) else: def concat(...)``), bound nowhere else, is one function of
the file: plain when both definitions are (:func:`branch_functions`).

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

__all__ = ["plain_functions", "branch_functions", "module_functions"]

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
        for name in _module_bindings(stmt):
            counts[name] = counts.get(name, 0) + 1
    functions = {s.name: (s,) for s in tree.body if type(s) is ast.FunctionDef and counts.get(s.name) == 1}
    functions.update(branch_functions(tree))
    needs: dict[str, set] = {}
    for name, nodes in functions.items():
        deps = set()
        for node in nodes:   # every definition the name may be bound to
            found = _calls_ok(node, table, aliases, functions, run_modules)
            if found is None:
                break
            deps |= found
        else:
            needs[name] = deps
    changed = True
    while changed:
        changed = False
        for name in list(needs):
            if not needs[name] <= set(needs):
                del needs[name]
                changed = True
    return frozenset(needs)


def branch_functions(tree: ast.Module) -> dict:
    """``{name: (def, def)}`` for the functions a module-level ``if``/``else`` defines once in
    each branch, undecorated, and that nothing else at module level binds: whichever branch
    runs, the name is one of these two functions.

    >>> import ast
    >>> sorted(branch_functions(ast.parse('''
    ... if "concat_v2" in dir(tf):
    ...     def concat(t, axis): return tf.concat_v2(t, axis)
    ... else:
    ...     def concat(t, axis): return tf.concat(t, axis)
    ... if fast:
    ...     def act(x): return x
    ... ''')))
    ['concat']
    """
    counts: dict[str, int] = {}
    for stmt in tree.body:
        for name in _module_bindings(stmt):
            counts[name] = counts.get(name, 0) + 1
    out = {}
    for stmt in tree.body:
        if type(stmt) is not ast.If or not stmt.orelse:
            continue
        body, orelse = _branch_defs(stmt.body), _branch_defs(stmt.orelse)
        for name in sorted(body.keys() & orelse.keys()):
            if counts.get(name) == 2:
                out[name] = (body[name], orelse[name])
    return out


def module_functions(tree: ast.Module) -> dict:
    """``{name: (def, ...)}``: the module-level functions of ``tree``, each with the
    definitions its name may be bound to (one, or both of :func:`branch_functions`)."""
    out = {s.name: (s,) for s in tree.body if type(s) is ast.FunctionDef}
    out.update(branch_functions(tree))
    return out


def _branch_defs(stmts) -> dict:
    found: dict[str, list] = {}
    for s in stmts:
        if type(s) is ast.FunctionDef and not s.decorator_list:
            found.setdefault(s.name, []).append(s)
    return {name: defs[0] for name, defs in found.items() if len(defs) == 1}


def _module_bindings(stmt):
    """Every name a module-level statement binds, in any branch or loop of it, not looking
    into function or class bodies (a definition counts once, by its own name)."""
    todo = [stmt]
    while todo:
        node = todo.pop()
        t = type(node)
        if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            yield node.name
            todo.extend(node.decorator_list)
            continue
        if t is ast.Lambda:
            continue
        if t in (ast.Import, ast.ImportFrom):
            yield from ((a.asname or a.name).partition(".")[0] for a in node.names if a.name != "*")
        elif t is ast.Name and type(node.ctx) is ast.Store:
            yield node.id
        elif t in (ast.Global, ast.Nonlocal):
            yield from node.names
        todo.extend(ast.iter_child_nodes(node))


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
    defs = module_functions(tree)
    functions = set(defs)
    out = {}
    for name, nodes in defs.items():
        makes, same, other = False, set(), set()
        for node in (n for stmt in nodes for n in walk(stmt)):
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
        out[name] = (makes, frozenset(same), frozenset(other))
    return out


def _dotted(func) -> str | None:
    parts = []
    while type(func) is ast.Attribute:
        parts.append(func.attr)
        func = func.value
    return ".".join([func.id] + parts[::-1]) if type(func) is ast.Name else None
