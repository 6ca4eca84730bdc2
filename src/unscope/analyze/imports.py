"""How TensorFlow and friends are spelled in one module: a per-file import alias table.

Resolving names with our own table instead of LibCST's ``QualifiedNameProvider`` keeps
``scan`` close to ``ast.parse`` speed; for TF code a table of import aliases is enough::

    >>> import ast
    >>> tree = ast.parse("import tensorflow.compat.v1 as tf\\nw = tf.get_variable('w', [3])")
    >>> table = ImportTable.from_tree(tree)
    >>> call = tree.body[1].value
    >>> table.resolve(call.func)
    'tensorflow.compat.v1.get_variable'
    >>> canonical_api(table.resolve(call.func))
    'tf.get_variable'

Limits (v1), chosen to be cheap and predictable:

- The table is per file. Imports inside functions are recorded too, but a function-level
  import never overrides a module-level binding of the same name (the conflict is recorded
  in ``shadowed``); otherwise a later import of a name replaces an earlier one.
- Shadowing by assignment (``tf = Fake()``) or by a parameter named ``tf`` is not tracked by
  :meth:`ImportTable.resolve`; assignments to an imported name are recorded in ``shadowed``
  and callers that walk functions may check parameters themselves.
- Simple aliasing assignments of a TensorFlow module *are* followed, in source order:
  ``tf = tf.compat.v1``, ``tfv1 = tf.compat.v1``, ``layers = tf.layers``.
- ``from tensorflow.compat.v1 import *`` is recorded in ``star_imports`` but bare names are
  not resolved through it.
- Relative imports are ignored.
"""
from __future__ import annotations

import ast

__all__ = ["ImportTable", "canonical_api", "is_tensorflow"]

# Top-level packages whose names canonical_api() understands.
_TF_ROOTS = frozenset({"tensorflow", "tf_slim"})

# TF1-era private modules that user code sometimes imports directly.
_INTERNAL = {
    "tensorflow.python.ops.variable_scope": "tf",
    "tensorflow.python.ops.template": "tf",
    "tensorflow.python.ops.variables": "tf",
    "tensorflow.python.ops.init_ops": "tf",
    "tensorflow.python.framework.ops": "tf",
    "tensorflow.python.layers.core": "tf.layers",
    "tensorflow.python.layers.convolutional": "tf.layers",
    "tensorflow.python.layers.normalization": "tf.layers",
    "tensorflow.python.layers.pooling": "tf.layers",
    "tensorflow.python.layers.layers": "tf.layers",
}

# Modules inside TF1's ``tensorflow/contrib/<X>/python/<dir>/``.  Each ``<dir>/__init__.py``
# star-imported its modules and ``tf.contrib.<X>`` star-imported ``<dir>``, so
# ``contrib.X.python.<dir>[.<module>].<symbol>`` is the public ``tf.contrib.X.<symbol>``.
# ``arg_scope`` is deliberately absent: ``from ...framework.python.ops import arg_scope`` is the
# function (the package's star import rebinds the name over the submodule).
CONTRIB_MODULES = frozenset({
    # contrib/layers/python/{layers,ops}
    "layers", "initializers", "regularizers", "optimizers", "summaries", "utils", "encoders",
    "normalization", "feature_column", "feature_column_ops", "embedding_ops", "target_column",
    "rev_block_lib", "bucketization_op", "sparse_feature_cross_op", "sparse_ops",
    # contrib/framework/python/{ops,framework}
    "variables", "ops", "checkpoint_ops", "critical_section_ops", "prettyprint_ops", "script_ops",
    "sort_ops", "audio_ops", "checkpoint_utils", "experimental", "graph_util", "tensor_util",
    # contrib/training/python/training
    "hparam", "training", "evaluation", "bucket_ops", "device_setter", "feeding_queue_runner",
    "sampling_ops", "sequence_queueing_state_saver", "resample", "tensor_queue_dataset",
})


def is_tensorflow(qualname: str | None) -> bool:
    """True for a qualified name inside ``tensorflow`` or ``tf_slim``."""
    if not qualname:
        return False
    return qualname.partition(".")[0] in _TF_ROOTS


def canonical_api(qualname: str) -> str | None:
    """Canonical TF1 API name used in findings, ``tf.`` meaning ``tensorflow.compat.v1``.

    >>> canonical_api("tensorflow.compat.v1.get_variable")
    'tf.get_variable'
    >>> canonical_api("tensorflow.contrib.slim.conv2d")
    'slim.conv2d'
    >>> canonical_api("numpy.zeros") is None
    True
    """
    if not qualname:
        return None
    parts = qualname.split(".")
    root = parts[0]
    if root == "tf_slim":
        rest = parts[1:]
        if len(rest) > 1 and rest[0] == "layers":  # tf_slim.layers.conv2d is slim.conv2d
            rest = rest[1:]
        return ".".join(["slim", *rest])
    if root != "tensorflow":
        return None
    rest = parts[1:]
    # tf.compat.v1 (possibly spelled twice: tf.compat.v1 imported as tf, then tf.compat.v1.x)
    while len(rest) >= 2 and rest[0] == "compat" and rest[1] == "v1":
        rest = rest[2:]
    if rest[:1] == ["contrib"] and "python" in rest[2:3]:
        return _contrib_public(rest[1], rest[3:])
    if rest[:2] == ["contrib", "slim"]:
        return ".".join(["slim", *rest[2:]])
    if rest and rest[0] in ("python", "contrib"):
        # longest private module prefix first
        for i in range(len(parts) - 1, 1, -1):
            public = _INTERNAL.get(".".join(parts[:i]))
            if public is not None:
                return ".".join([public, *parts[i:]])
    return ".".join(["tf", *rest])


def _contrib_public(package: str, inner: list[str]) -> str:
    """Public name of ``tensorflow.contrib.<package>.python.<inner...>``.

    >>> _contrib_public("framework", ["ops", "arg_scope"])
    'tf.contrib.framework.arg_scope'
    >>> _contrib_public("layers", ["layers", "initializers", "xavier_initializer"])
    'tf.contrib.layers.xavier_initializer'
    >>> _contrib_public("layers", ["layers", "layers"])
    'tf.contrib.layers'
    >>> _contrib_public("slim", ["slim", "learning", "train"])
    'slim.learning.train'
    """
    if package == "slim":  # contrib/slim/python/slim/<module>: slim's modules are public
        return ".".join(["slim", *inner[1:]])
    rest = inner[1:]  # below the source directory (ops, layers, framework, training, ...)
    if rest and (rest[0] in CONTRIB_MODULES or len(rest) > 1):
        rest = rest[1:]  # the module a symbol is defined in
    return ".".join(["tf", "contrib", package, *rest])


_BLOCKS = ("body", "orelse", "finalbody")


def _statements(body: list[ast.stmt], depth: int) -> list[tuple[ast.stmt, int]]:
    """Statements in source order, descending into compound statements.

    Returns ``(stmt, depth)`` pairs where depth 0 means module level (also inside module-level
    if/try/with blocks) and > 0 means inside a function or class.
    """
    out: list = []
    stack = [(body, depth, 0)]
    defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    while stack:
        block, d, i = stack.pop()
        if i >= len(block):
            continue
        stmt = block[i]
        out.append((stmt, d))
        stack.append((block, d, i + 1))
        if not hasattr(stmt, "body") and not hasattr(stmt, "cases"):
            continue
        inner = d + 1 if isinstance(stmt, defs) else d
        nested = []
        for field in _BLOCKS:
            sub = getattr(stmt, field, None)
            if sub:
                nested.append(sub)
        for handler in getattr(stmt, "handlers", None) or ():
            nested.append(handler.body)
        for case in getattr(stmt, "cases", None) or ():
            nested.append(case.body)
        for sub in reversed(nested):
            stack.append((sub, inner, 0))
    return out


class ImportTable:
    """Per-file table of how TensorFlow & friends are spelled in one module.

    >>> import ast
    >>> t = ImportTable.from_tree(ast.parse("from tensorflow.compat.v1 import variable_scope as vs"))
    >>> t.aliases()
    {'vs': 'tensorflow.compat.v1.variable_scope'}
    """

    __slots__ = ("_aliases", "_module_level", "star_imports", "shadowed", "functions")

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self._aliases: dict[str, str] = dict(aliases or {})
        self._module_level: set[str] = set(self._aliases)
        self.star_imports: list[str] = []
        self.shadowed: set[str] = set()
        self.functions: set[str] = set()  # names of every def in the file, any depth

    @classmethod
    def from_tree(cls, tree: ast.Module) -> "ImportTable":
        """Build the table from every import in ``tree`` (module level and in functions)."""
        table = cls()
        for stmt, depth in _statements(tree.body, 0):
            kind = type(stmt)
            if kind is ast.Import:
                for alias in stmt.names:
                    if alias.asname:
                        table._bind(alias.asname, alias.name, depth)
                    else:  # `import a.b.c` binds `a`
                        root = alias.name.partition(".")[0]
                        table._bind(root, root, depth)
            elif kind is ast.ImportFrom:
                if stmt.level or not stmt.module:
                    continue  # relative import: never TensorFlow
                for alias in stmt.names:
                    if alias.name == "*":
                        table.star_imports.append(stmt.module)
                    else:
                        table._bind(alias.asname or alias.name, f"{stmt.module}.{alias.name}", depth)
            elif kind is ast.Assign or kind is ast.AnnAssign:
                table._assign(stmt, depth)
            elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
                table.functions.add(stmt.name)
        return table

    def _bind(self, name: str, qualname: str, depth: int) -> None:
        if depth and name in self._module_level and self._aliases.get(name) != qualname:
            self.shadowed.add(name)
            return
        self._aliases[name] = qualname
        if not depth:
            self._module_level.add(name)

    def _assign(self, stmt: ast.Assign | ast.AnnAssign, depth: int) -> None:
        targets = stmt.targets if type(stmt) is ast.Assign else [stmt.target]
        value = stmt.value
        qualname = None
        if value is not None and type(value) in (ast.Name, ast.Attribute):
            qualname = self.resolve(value)
            if not is_tensorflow(qualname):
                qualname = None
        for target in targets:
            if type(target) is not ast.Name:
                continue
            if qualname is not None:
                self._bind(target.id, qualname, depth)
            elif target.id in self._aliases:
                # `tf = Something()`: ignored in v1 (the import keeps winning), but noted
                self.shadowed.add(target.id)

    def resolve(self, node: ast.expr) -> str | None:
        """Fully qualified dotted name of a Name/Attribute chain rooted in an imported
        module or symbol, e.g. for `tf.compat.v1.get_variable` with `import tensorflow as tf`
        -> 'tensorflow.compat.v1.get_variable'; `vs` after
        `from tensorflow.compat.v1 import variable_scope as vs` -> 'tensorflow.compat.v1.variable_scope';
        None when the root is not an import (local variable, parameter...)."""
        attrs = []
        while type(node) is ast.Attribute:
            attrs.append(node.attr)
            node = node.value
        if type(node) is not ast.Name:
            return None
        base = self._aliases.get(node.id)
        if base is None:
            return None
        if not attrs:
            return base
        attrs.append(base)
        attrs.reverse()
        return ".".join(attrs)

    def aliases(self) -> dict[str, str]:
        """Local name -> qualified module/symbol, for every import in the file."""
        return dict(self._aliases)

    def tensorflow_names(self) -> frozenset[str]:
        """Local names bound to something inside tensorflow / tf_slim."""
        return frozenset(n for n, q in self._aliases.items() if is_tensorflow(q))

    def __contains__(self, name: str) -> bool:
        return name in self._aliases

    def __repr__(self) -> str:
        return f"ImportTable({self._aliases!r})"
