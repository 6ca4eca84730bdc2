"""A plain project base class under model classes (DDPG's ``Model``) becomes an ``nn.Module`` base.

    class Model(object):                             class Model(nn.Module):
        def __init__(self, name):                        def __init__(self, name):
            self.name = name                     ->          super().__init__(name=name)

        @property                                        @property
        def trainable_vars(self):                        def trainable_vars(self):
            return tf.get_collection(                        return nn.variables_under(self, self.scope_name)
                tf.GraphKeys.TRAINABLE_VARIABLES,
                scope=self.name)                     class Actor(Model):
                                                         ...   # __call__ builds ActorNet(name=self.scope_name)
    class Actor(Model):
        def __call__(self, obs, reuse=False):
            with tf.variable_scope(self.name): ...

``tf.Module`` reserves ``name`` (an identifier, read-only): the TF1 scope path it stood for is
``nn.Module``'s ``scope_name``, so ``self.name = name`` becomes ``super().__init__(name=name)``
and every other ``self.name`` reads ``self.scope_name``; variable lists under ``self.name``
read this module's variables (``nn.variables_under``), as TF1's did under the scope.

Only what can be proven: the base has no base but ``object`` and no decorators; its
``__init__`` only stores parameters (``self.a = b``); its other methods (plain or
``@property``) make no variables, store nothing and read only variable lists, under no scope,
a literal one or ``self.name``; nothing in the file uses the base but its subclasses' headers
and ``super()``/``Base.__init__(self, ...)`` calls; and every subclass is a model class native
mode lifts (checked by :func:`unscope.native.methods.lift`).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from unscope.native import apis

__all__ = ["Base", "plain_base", "calls_base_init", "rewrite_base", "variable_list_read"]

_LISTS = {"tf.trainable_variables": True, "tf.global_variables": False}
_KEYS = {"TRAINABLE_VARIABLES": True, "GLOBAL_VARIABLES": False}


def variable_list_read(call, a):
    """``(scope, odd, trainable)`` of a TF1 read of a variable list (``tf.trainable_variables
    (scope=...)``, ``tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope)``): ``scope`` the
    node (None when not given or None), ``odd`` the arguments that bind to no parameter, and
    whether the list is the trainable one; None when ``call`` (its api ``a``) reads no variable
    list - another collection included."""
    if a in _LISTS:
        bound, _, odd = apis.bind(call, ("scope",))
        trainable = _LISTS[a]
    elif a == "tf.get_collection":
        bound, _, odd = apis.bind(call, ("key", "scope"))
        key = bound.get("key")
        key = key.attr if type(key) is ast.Attribute else None
        if key not in _KEYS:
            return None
        trainable = _KEYS[key]
    else:
        return None
    scope = bound.get("scope")
    if scope is not None and apis.is_none(scope):
        scope = None
    return scope, odd, trainable


@dataclass
class Base:
    node: ast.ClassDef
    stores_name: bool                     # its __init__ has self.name = name
    subclasses: list = field(default_factory=list)   # the lifted classes extending it
    extended: list = field(default_factory=list)     # every class of the file extending it
    selections: list = field(default_factory=list)   # (call, scope node or None, trainable)


def plain_base(cls: ast.ClassDef, tree: ast.Module, api, creates, refuse) -> Base:
    """``cls`` as a plain base for its subclasses, or ``refuse(why)``."""
    if cls.decorator_list or cls.keywords or not all(type(b) is ast.Name and b.id == "object" for b in cls.bases):
        refuse(f"its base {cls.name} has a base class or decorators")
    if creates(cls):
        refuse(f"its base {cls.name} makes variables")
    body = [s for s in cls.body if not (type(s) is ast.Expr and type(s.value) is ast.Constant)]
    if not all(type(s) is ast.FunctionDef for s in body):
        refuse(f"its base {cls.name} holds more than methods")
    from unscope.native.paths import _RESERVED

    taken = {m.name for m in body} & (_RESERVED - {"name"})
    if taken:
        refuse(f"its base {cls.name} defines {', '.join(sorted(taken))}, which tf.Module reserves")
    base = Base(cls, False)
    for m in body:
        a = m.args
        if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or not a.args or a.args[0].arg != "self":
            refuse(f"{cls.name}.{m.name} takes other than plain parameters")
        if m.name == "__init__":
            params = {p.arg for p in a.args[1:]}
            for stmt in m.body:
                if type(stmt) is ast.Expr and type(stmt.value) is ast.Constant:
                    continue
                t = stmt.targets[0] if type(stmt) is ast.Assign and len(stmt.targets) == 1 else None
                if type(t) is not ast.Attribute or type(t.value) is not ast.Name or t.value.id != "self" \
                        or type(stmt.value) is not ast.Name or stmt.value.id not in params or m.decorator_list:
                    refuse(f"{cls.name}.__init__ does more than store its parameters (line {stmt.lineno})")
                if t.attr == "name":
                    base.stores_name = stmt.value.id == "name"
                    if not base.stores_name:
                        refuse(f"{cls.name}.__init__ stores self.name from other than name")
            continue
        if any(not (type(d) is ast.Name and d.id == "property") for d in m.decorator_list):
            refuse(f"{cls.name}.{m.name} has a decorator other than @property")
        for n in ast.walk(m):
            if type(n) is ast.Attribute and type(n.ctx) is not ast.Load:
                refuse(f"{cls.name}.{m.name} stores attributes (line {n.lineno})")
            if type(n) is ast.Call:
                _selection(n, api, base, refuse, f"{cls.name}.{m.name}")
    for n in ast.walk(tree):
        if type(n) is ast.Name and n.id == cls.name and not _allowed(n, tree):
            refuse(f"{cls.name} is used other than as a base (line {n.lineno})")
    return base


def _selection(call, api, base, refuse, where):
    a = api(call)
    if a is None or not a.startswith("tf."):
        return
    found = variable_list_read(call, a)
    if found is None:
        if a == "tf.get_collection":
            refuse(f"{where} reads a collection other than the variable lists")
        from unscope.analyze.constructs import classify

        if classify(a) is not None:
            refuse(f"{where} uses {a}")
        return
    scope, odd, trainable = found
    plain = scope is None or type(scope) is ast.Constant and isinstance(scope.value, str) or _self_name(scope)
    if odd or not plain:
        refuse(f"{where} reads variable lists under a scope computed at run time")
    if call.lineno != call.end_lineno:
        refuse(f"{where} reads variable lists in a call over several lines (line {call.lineno})")
    base.selections.append((call, scope, trainable))


def _self_name(node) -> bool:
    return type(node) is ast.Attribute and node.attr == "name" and type(node.value) is ast.Name \
        and node.value.id == "self"


def _allowed(n, tree) -> bool:
    """A base's name may appear in a subclass header or as ``Base.__init__(self, ...)``."""
    for c in ast.walk(tree):
        if type(c) is ast.ClassDef and n in c.bases:
            return True
        if type(c) is ast.Attribute and c.value is n and c.attr == "__init__":
            return True
    return False


def calls_base_init(init: ast.FunctionDef, cls: ast.ClassDef, base: str) -> bool:
    """Whether ``__init__``'s first statement is ``super(Cls, self).__init__(...)``,
    ``super().__init__(...)`` or ``Base.__init__(self, ...)`` (and nothing else calls super)."""
    body = [s for s in init.body if not (type(s) is ast.Expr and type(s.value) is ast.Constant)]
    if not body or type(body[0]) is not ast.Expr or type(body[0].value) is not ast.Call:
        return False
    call = body[0].value
    f = call.func
    if type(f) is not ast.Attribute or f.attr != "__init__":
        return False
    supers = [n for n in ast.walk(init) if type(n) is ast.Call and type(n.func) is ast.Name and n.func.id == "super"]
    if type(f.value) is ast.Call and type(f.value.func) is ast.Name and f.value.func.id == "super":
        args = f.value.args
        plain = not args or (len(args) == 2 and type(args[0]) is ast.Name and args[0].id == cls.name
                             and type(args[1]) is ast.Name and args[1].id == "self")
        return plain and len(supers) == 1
    return type(f.value) is ast.Name and f.value.id == base and not supers and call.args \
        and type(call.args[0]) is ast.Name and call.args[0].id == "self"


def rewrite_base(base: Base, lines: list, nn: str, slots=()) -> str | None:
    """The base's new text (``class Model(nn.Module)``, ``super().__init__(name=name)``,
    ``self.name`` -> ``self.scope_name``, variable lists -> ``nn.variables_under``). A base
    storing ``self.name`` also gets a ``name`` property whose setter renames the scope: TF1 code
    copies a model and renames the copy (``target = copy(actor); target.name = "target_actor"``),
    and the copy's modules (``slots``, the subclasses' module attributes) are made anew under the
    new name on its next call, as TF1 made new variables under it."""
    node = base.node
    first = node.lineno
    text = lines[first - 1:node.end_lineno]
    edits = []   # (row, lo, hi, new)
    header = text[0]
    lo = header.index("(", node.col_offset) if "(" in header else None
    hi = header.index(")", lo) + 1 if lo is not None else None
    if lo is None or hi is None:
        return None
    edits.append((0, lo, hi, f"({nn}.Module)"))
    init = next((s for s in node.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)
    for n in ast.walk(node):
        if _self_name(n) and not any(c.lineno == n.lineno and c.col_offset <= n.col_offset < c.end_col_offset
                                     for c, _, _ in base.selections):
            if type(n.ctx) is ast.Store:
                continue
            edits.append((n.lineno - first, n.col_offset, n.end_col_offset, "self.scope_name"))
    for call, scope, trainable in base.selections:
        if call.lineno != call.end_lineno:
            return None
        where = "self.scope_name" if scope is not None and _self_name(scope) else \
            (ast.get_source_segment("\n".join(lines), scope) if scope is not None else None)
        parts = ["self"] + ([where] if where else []) + ([] if trainable else ["trainable=False"])
        edits.append((call.lineno - first, call.col_offset, call.end_col_offset,
                      f"{nn}.variables_under({', '.join(parts)})"))
    inserts = {}
    if init is not None:
        named = [s for s in init.body if type(s) is ast.Assign and type(s.targets[0]) is ast.Attribute
                 and s.targets[0].attr == "name"]
        if named:
            s = named[0]
            edits.append((s.lineno - first, s.col_offset, s.end_col_offset, "super().__init__(name=name)"))
        else:
            body0 = init.body[0]
            doc = type(body0) is ast.Expr and type(body0.value) is ast.Constant
            at = body0.end_lineno + 1 - first if doc else body0.lineno - first
            inserts[at] = " " * body0.col_offset + "super().__init__()"
    else:
        inner = " " * node.body[0].col_offset
        inserts[1] = f"{inner}def __init__(self):\n{inner}    super().__init__()\n"
    for row, lo_, hi_, new in sorted(edits, key=lambda e: (e[0], -e[1])):
        text[row] = text[row][:lo_] + new + text[row][hi_:]
    out = []
    for i, line in enumerate(text):
        if i in inserts:
            out.extend(inserts[i].rstrip("\n").split("\n") + ([""] if inserts[i].endswith("\n") else []))
        out.append(line)
    methods = {m.name for m in node.body if type(m) is ast.FunctionDef}
    if base.stores_name and slots and "name" not in methods:
        out.extend(_renaming(" " * node.body[0].col_offset, sorted(set(slots)),
                             " " * max(1, node.body[0].col_offset - node.col_offset)))
    return "\n".join(out)


def _renaming(inner: str, slots: list, unit: str = "    ") -> list:
    """``name`` reads the TF1 scope; setting it (on a copy) renames the scope and drops the
    modules made under the old one (``unit``: the file's indentation unit)."""
    body = inner + unit
    return ["", f"{inner}@property", f"{inner}def name(self):", f"{body}return self.scope_name", "",
            f"{inner}@name.setter",
            f"{inner}def name(self, name):   # TF1: target = copy(actor); target.name = \"target_actor\"",
            f"{body}if name != self.scope_name:   # new variables under the new name, as TF1 made them",
            f"{body}{unit}self._scope_name = name"] + [f"{body}{unit}self.{slot} = None" for slot in slots]
