"""Callable helper objects a model class builds in ``__init__`` (DCGAN's ``batch_norm``).

    class batch_norm(object):                        class BatchNorm(nn.Module):
        def __init__(self, epsilon=1e-5,                 def __init__(self, epsilon=1e-05, name="batch_norm"):
                     name="batch_norm"):                     ...   # gamma, beta under f"{name}/..."
            self.epsilon = epsilon
            self.name = name                         class Discriminator(nn.Module):
                                                         def __init__(self, name="discriminator"):
        def __call__(self, x):                   ->          self.d_bn1 = BatchNorm(name=f"{name}/d_bn1")
            with tf.variable_scope(self.name):           ...
                ...get_variable("gamma", ...)
                                                     class DCGAN(nn.Module):
    class DCGAN(object):                                 def __init__(self):
        def __init__(self):                                  super().__init__()
            self.d_bn1 = batch_norm(name="d_bn1")
                                                         def discriminator(self, image, reuse=False):
        def discriminator(self, image, reuse=False):         ...   # builds Discriminator once
            with tf.variable_scope("discriminator"):
                h1 = self.d_bn1(h0)

TF1 named such an object's variables at its *call*, under the caller's open scopes
(``discriminator/d_bn1/gamma``): the object is a function with its arguments bound. So its
``__call__`` is lifted to a function taking ``__init__``'s parameters too, each
``self.d_bn1(h)`` in a lifted method becomes a call of it with the constructor's arguments
(``batch_norm_(h, name="d_bn1")``), and the function engine makes the module the calling
method's module holds. The helper class stays, as TF1 code, for callers elsewhere.

Only what can be proven: the helper's ``__init__`` only stores its parameters (``self.a = b``,
possibly under a ``variable_scope`` that makes nothing), it has no other method, ``__call__``
reads only those attributes; the owner builds it at ``__init__``'s top level from constants,
and only its variable-making methods call it.
"""
from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass

from unscope.native.paths import class_name

__all__ = ["Helper", "HelperUse", "ForeignHelper", "helpers", "foreign_helpers", "helper_uses", "helper_function",
           "import_map"]


@dataclass
class Helper:
    node: ast.ClassDef
    call: ast.FunctionDef      # its __call__
    params: list               # __init__'s parameters (without self), in order
    defaults: dict             # parameter -> its default (node)
    attrs: dict                # self attribute -> the __init__ parameter it holds
    function: str              # the module-level function __call__ becomes
    lines: list | None = None  # a class of another file of the run: its text (see ForeignHelper)


@dataclass(frozen=True)
class ForeignHelper:
    """A helper class of another file of the run (``from ops import *`` brings DCGAN's
    ``batch_norm`` to model.py), as plain data: its TF1 text and the imports of its file.
    TF1 named its variables where it was called, so a native caller carries its ``__call__``
    over as its own module (the class stays in its file, as TF1 code for other callers); only
    where every name the class reads means the same here (``tf``)."""

    owner: str
    name: str
    source: str
    imports: tuple             # ((local name, dotted module), ...) of the owner's top level


@dataclass
class HelperUse:
    attr: str                  # self.d_bn1
    helper: Helper
    keywords: str              # 'name="d_bn1"': the constructor's arguments, as keywords
    line: int                  # the owner's lines building it
    end: int


def helpers(tree: ast.Module, creates, taken) -> dict:
    """``{class name: Helper}`` for every class shaped like a callable helper."""
    out = {}
    # a class that module-level code uses stays where it is (its TF1 text moves below its module)
    used = {n.id for s in tree.body if type(s) not in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
            for n in ast.walk(s) if type(n) is ast.Name}
    for cls in (s for s in tree.body if type(s) is ast.ClassDef and s.name not in used):
        found = _helper(cls, creates, taken)
        if found is not None:
            out[cls.name] = found
            taken.add(found.function)
    return out


def _helper(cls, creates, taken):
    if cls.decorator_list or cls.keywords or not all(type(b) is ast.Name and b.id == "object" for b in cls.bases):
        return None
    body = [s for s in cls.body if not (type(s) is ast.Expr and type(s.value) is ast.Constant)]
    methods = {m.name: m for m in body if type(m) is ast.FunctionDef}
    if len(methods) != len(body) or set(methods) - {"__init__", "__call__"} or "__call__" not in methods:
        return None
    call, init = methods["__call__"], methods.get("__init__")
    if not creates(call) or not _plain_args(call) or call.decorator_list:
        return None
    params, defaults, attrs = [], {}, {}
    if init is not None:
        if not _plain_args(init) or init.decorator_list:
            return None
        args = init.args.args[1:]
        params = [a.arg for a in args]
        for a, d in zip(args[len(args) - len(init.args.defaults):], init.args.defaults):
            defaults[a.arg] = d
        for stmt in _flat(init.body, creates):
            if stmt is None:
                return None
            t = stmt.targets[0]
            attrs[t.attr] = stmt.value.id
    call_params = [a.arg for a in call.args.args[1:]]
    if set(call_params) & set(params) or (call.args.defaults and len(defaults) < len(params)):
        return None
    parents = {c: p for p in ast.walk(call) for c in ast.iter_child_nodes(p)}
    local = {n.id for n in ast.walk(call) if type(n) is ast.Name}
    for n in ast.walk(call):
        if type(n) is ast.Name and n.id == "self" and n is not call.args.args[0]:
            parent = parents.get(n)
            if type(parent) is not ast.Attribute or type(parent.ctx) is not ast.Load \
                    or parent.attr not in attrs or parent.lineno != parent.end_lineno:
                return None
        if type(n) in (ast.FunctionDef, ast.Lambda, ast.ClassDef) and n is not call:
            return None
    if set(params) & local:
        return None
    function = f"{_snake(cls.name)}_"
    if class_name(function) == cls.name or function in taken:
        function = f"{_snake(cls.name)}_module"
    if function in taken:
        return None
    return Helper(cls, call, params, defaults, attrs, function)


def foreign_helpers(found: dict, tree: ast.Module, creates, taken) -> dict:
    """``{local name: Helper}`` for the :class:`ForeignHelper` s in ``found`` (local name ->
    ForeignHelper) that this file does not bind itself and whose free names it imports the same."""
    here = dict(import_map(tree))
    bound = {n for s in tree.body for n in _bound(s)}
    out = {}
    for local, fh in found.items():
        if local in bound or local != fh.name:
            continue
        try:
            module = ast.parse(fh.source)
        except SyntaxError:
            continue
        cls = module.body[0] if len(module.body) == 1 and type(module.body[0]) is ast.ClassDef else None
        if cls is None:
            continue
        theirs = dict(fh.imports)
        stored = {n.id for n in ast.walk(cls) if type(n) is ast.Name and type(n.ctx) is not ast.Load}
        params = {a.arg for n in ast.walk(cls) if type(n) is ast.arguments for a in n.args}
        free = {n.id for n in ast.walk(cls) if type(n) is ast.Name and type(n.ctx) is ast.Load} - stored - params
        free -= set(dir(builtins))   # object, float, ...
        if any(name not in theirs or here.get(name) != theirs[name] for name in free):
            continue
        helper = _helper(cls, creates, taken)
        if helper is not None:
            helper.lines = fh.source.split("\n")
            out[local] = helper
            taken.add(helper.function)
    return out


def import_map(tree: ast.Module) -> tuple:
    """``((local, dotted), ...)`` for the top-level imports (``import tensorflow as tf``:
    ``("tf", "tensorflow")``; ``from a import b``: ``("b", "a.b")``)."""
    out = []
    for s in tree.body:
        if type(s) is ast.Import:
            out += [(a.asname or a.name.partition(".")[0], a.name if a.asname else a.name.partition(".")[0])
                    for a in s.names]
        elif type(s) is ast.ImportFrom and not s.level:
            out += [(a.asname or a.name, f"{s.module}.{a.name}") for a in s.names if a.name != "*"]
    return tuple(out)


def _bound(stmt) -> list:
    if type(stmt) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return [stmt.name]
    if type(stmt) in (ast.Import, ast.ImportFrom):
        return [(a.asname or a.name).partition(".")[0] for a in stmt.names if a.name != "*"]
    return [n.id for n in ast.walk(stmt) if type(n) is ast.Name and type(n.ctx) is ast.Store]


def _plain_args(m) -> bool:
    a = m.args
    return not (a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs) and a.args and a.args[0].arg == "self"


def _flat(body, creates):
    """``self.a = b`` statements of a helper's ``__init__`` (through ``with`` blocks that make
    nothing); None for anything else."""
    for stmt in body:
        if type(stmt) is ast.With:   # a scope opened around the stores makes nothing
            yield from _flat(stmt.body, creates)
        elif type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Attribute \
                and type(stmt.targets[0].value) is ast.Name and stmt.targets[0].value.id == "self" \
                and type(stmt.value) is ast.Name:
            yield stmt
        elif type(stmt) is ast.Expr and type(stmt.value) is ast.Constant:
            continue
        else:
            yield None


def _snake(name: str) -> str:
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def helper_uses(cls: ast.ClassDef, found: dict, refuse, source: str, creating=frozenset()) -> dict:
    """``{attr: HelperUse}``: the helpers ``cls.__init__`` builds (``self.d_bn1 = batch_norm(...)``).
    ``creating``: the file's classes that make variables; building one that is no helper refuses
    (its variables would be made outside the modules)."""
    init = next((s for s in cls.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)
    if init is None:
        return {}
    for n in ast.walk(init):
        if type(n) is ast.Call and type(n.func) is ast.Name and n.func.id in creating and n.func.id not in found:
            refuse(f"__init__ builds a {n.func.id}, which makes TF1 variables and is not a callable helper "
                   f"native mode can follow (line {n.lineno})")
    out = {}
    for stmt in init.body:
        if type(stmt) is not ast.Assign or type(stmt.value) is not ast.Call or not found \
                or type(stmt.value.func) is not ast.Name or stmt.value.func.id not in found:
            continue
        t = stmt.targets[0]
        if len(stmt.targets) != 1 or type(t) is not ast.Attribute or type(t.value) is not ast.Name \
                or t.value.id != "self":
            refuse(f"__init__ builds a {stmt.value.func.id} other than as self.x = ... (line {stmt.lineno})")
        helper = found[stmt.value.func.id]
        call = stmt.value
        if len(call.args) > len(helper.params) or any(k.arg is None for k in call.keywords):
            refuse(f"self.{t.attr} = {helper.node.name}(...) passes more than its parameters (line {stmt.lineno})")
        pairs = list(zip(helper.params, call.args)) + [(k.arg, k.value) for k in call.keywords]
        for _, value in pairs:
            if not _constant(value):
                refuse(f"self.{t.attr} = {helper.node.name}(...) passes other than constants (line {stmt.lineno})")
        if t.attr in out:
            refuse(f"__init__ builds self.{t.attr} twice")
        out[t.attr] = HelperUse(t.attr, helper, ", ".join(f"{k}={ast.get_source_segment(source, v)}" for k, v in pairs),
                                 stmt.lineno, stmt.end_lineno)
    for n in ast.walk(init):
        if type(n) is ast.Attribute and n.attr in out and type(n.value) is ast.Name and n.value.id == "self" \
                and n.lineno != out[n.attr].line:
            refuse(f"__init__ uses self.{n.attr} beyond building it (line {n.lineno})")
    return out


def _constant(node) -> bool:
    if type(node) is ast.Constant:
        return True
    if type(node) is ast.UnaryOp and type(node.operand) is ast.Constant:
        return True
    if type(node) in (ast.Tuple, ast.List):
        return all(_constant(e) for e in node.elts)
    return False


def helper_function(helper: Helper, lines: list) -> list:
    """The helper's ``__call__`` as a module-level function (lines): ``__init__``'s parameters
    follow ``__call__``'s, ``self.a`` reads the parameter ``a`` was stored from."""
    m = helper.call
    indent = m.col_offset
    first, last = m.lineno - 1, m.end_lineno
    text = [line[indent:] if line[:indent].strip() == "" else line for line in lines[first:last]]
    spots = sorted(((n.lineno - 1 - first, n.col_offset - indent, n.end_col_offset - indent, helper.attrs[n.attr])
                    for n in ast.walk(m) if type(n) is ast.Attribute and type(n.value) is ast.Name
                    and n.value.id == "self"), reverse=True)
    for row, lo, hi, name in spots:
        text[row] = text[row][:lo] + name + text[row][hi:]
    call = ast.unparse(ast.arguments(posonlyargs=[], args=m.args.args[1:], vararg=None, kwonlyargs=[],
                                     kw_defaults=[], kwarg=None, defaults=m.args.defaults))
    source = "\n".join(lines)
    own = ", ".join(f"{p}={ast.get_source_segment(source, helper.defaults[p])}" if p in helper.defaults else p
                    for p in helper.params)
    head_rows = m.body[0].lineno - m.lineno
    header = f"def {helper.function}({', '.join(p for p in (call, own) if p)}):"
    return [header] + [""] * (head_rows - 1) + text[head_rows:] + ["", ""]
