"""A model-class method that reuses another method's variables (DCGAN's ``sampler``) holds that
method's modules.

    def generator(self, z):                          class Sampler(nn.Module):
        with tf.variable_scope("generator"):             def __init__(self, generator):
            h = linear(z, self.hidden, "g_h0")               super().__init__(name=generator.scope_name)
            return self.g_bn0(h)                             self.g_h0 = generator.g_h0
                                                 ->          self.batch_norm_ = generator.batch_norm_
    def sampler(self, z):
        with tf.variable_scope("generator") as scope:    def __call__(self, z):
            scope.reuse_variables()                          h = self.g_h0(z)
            h = linear(z, self.hidden, "g_h0")               return self.batch_norm_(h, train=False)
            return self.g_bn0(h, train=False)

TF1 shares by name: the sampler's ``generator/g_h0/w`` *is* the generator's. Natively the
sampler's module is built, on its first call, from the generator's module (``Sampler(
self._generator)``), holding the same objects: the same variables, and the sampler's own
arguments (``train=False``) where it passes other ones. TF1 raised when the sampler ran before
the generator had made the variables; so does the owner's method.

Only what can be proven: the method's whole body (after a docstring) is one ``with
tf.variable_scope("<literal>")`` that reuses unconditionally (``scope.reuse_variables()`` as
its first statement, or ``reuse=True``), another lifted method of the class opens the same
literal the same way without reusing, and every module the sharer's class builds is one the
other's builds with the same arguments (the same path, so the same variables), in its
constructor: a module built on a call (under a branch on a constructor value, DCGAN's ``if not
self.y_dim:``) would be a new module with new variables; it makes no variable of its own. The function engine plans the sharer under a scope of its own
(:func:`sentinel`, so its paths do not meet the other's), and :func:`share` rewrites its class.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from unscope.native.classes_init import snake

__all__ = ["Sharing", "sharings", "sentinel", "share"]


@dataclass
class Sharing:
    """``function`` reuses the variables ``sharee`` (another lifted method's function) makes."""

    function: str
    sharee: str
    literal: ast.Constant      # the scope's name in the sharer's ``variable_scope``
    reuse: ast.AST             # the ``scope.reuse_variables()`` statement or the ``reuse=True`` call


def sentinel(function: str) -> str:
    """The scope the sharer is planned under (the engine must not see two owners of a path)."""
    return f"unscope_shared_{function}"


def _scope(m: ast.FunctionDef, api):
    """``(with, literal, reuse)`` for a method whose body is one ``with variable_scope(lit)``;
    ``reuse`` is the unconditional reuse (statement or call) or None; None when not that shape."""
    body = m.body
    if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant:
        body = body[1:]
    if len(body) != 1 or type(body[0]) is not ast.With or len(body[0].items) != 1:
        return None
    stmt = body[0]
    call = stmt.items[0].context_expr
    if type(call) is not ast.Call or api(call) not in ("tf.variable_scope", "tf.compat.v1.variable_scope") \
            or len(call.args) != 1 or type(call.args[0]) is not ast.Constant \
            or not isinstance(call.args[0].value, str) or not call.args[0].value:
        return None
    if not call.keywords:
        first = stmt.body[0]
        target = stmt.items[0].optional_vars
        if type(target) is ast.Name and type(first) is ast.Expr and type(first.value) is ast.Call \
                and not first.value.args and not first.value.keywords \
                and type(first.value.func) is ast.Attribute and first.value.func.attr == "reuse_variables" \
                and type(first.value.func.value) is ast.Name and first.value.func.value.id == target.id \
                and len(stmt.body) > 1 and first.lineno == first.end_lineno:
            return stmt, call.args[0], first
        return stmt, call.args[0], None
    if len(call.keywords) == 1 and call.keywords[0].arg == "reuse" \
            and type(call.keywords[0].value) is ast.Constant and call.keywords[0].value.value is True \
            and call.lineno == call.end_lineno:
        return stmt, call.args[0], call
    return None


def sharings(methods: list, api) -> list:
    """The :class:`Sharing` s among a class's lifted methods (``Lifted``): a method whose scope
    reuses, and exactly one other that opens the same literal without reusing."""
    shapes = {one.function: _scope(one.method, api) for one in methods if one.init is None}
    out = []
    for one in methods:
        found = shapes.get(one.function)
        if found is None or found[2] is None:
            continue
        owners = [f for f, s in shapes.items() if f != one.function and s is not None and s[2] is None
                  and s[1].value == found[1].value]
        if len(owners) == 1:
            out.append(Sharing(one.function, owners[0], found[1], found[2]))
    return out


def synthetic_spots(sharing: Sharing, first: int, indent: int, text: list) -> list:
    """``(row, lo, hi, new)`` edits of the sharer's lifted text (rows from the method's first
    line, columns less ``indent``): its scope renamed to :func:`sentinel`, its reuse dropped."""
    lit = sharing.literal
    spots = [(lit.lineno - 1 - first, lit.col_offset - indent, lit.end_col_offset - indent,
              f'"{sentinel(sharing.function)}"')]
    reuse = sharing.reuse
    if type(reuse) is ast.Expr:
        row = reuse.lineno - 1 - first
        spots.append((row, 0, len(text[row]), ""))
    else:   # variable_scope("generator", reuse=True): the keyword and its comma go
        spots.append((reuse.lineno - 1 - first, lit.end_col_offset - indent, reuse.end_col_offset - 1 - indent, ""))
    return spots


def share(tail: str, sharing: Sharing, made: dict, nn: str, why: list | None = None) -> str | None:
    """The tail (the engine's classes) with the sharer's class built from the sharee's module;
    ``made[sharing.function]`` gets the new constructor's arguments. None when a module of the
    sharer's is not one of the sharee's, or it makes variables itself (``why`` gets the reason
    where one is known)."""
    mine, theirs = made.get(sharing.function), made.get(sharing.sharee)
    if mine is None or theirs is None:
        return None
    try:
        tree = ast.parse(tail)
    except SyntaxError:
        return None
    classes = {s.name: s for s in tree.body if type(s) is ast.ClassDef}
    cls, other = classes.get(mine["class"]), classes.get(theirs["class"])
    if cls is None or other is None:
        return None
    init, other_init = _init_of(cls), _init_of(other)
    if init is None or other_init is None:
        return None
    lines = tail.split("\n")
    if f"{nn}.variable(" in "\n".join(lines[cls.lineno - 1:cls.end_lineno]):
        return None   # a variable of its own: TF1 reused one by name that nothing here holds
    if any(_builds_lazily(m) for m in cls.body if type(m) is ast.FunctionDef and m is not init):
        if why is not None:   # a module built on a call (DCGAN's y_dim branches) would be a new one
            why.append(f"{sharing.function} reuses {sharing.sharee}'s variables, and modules it builds "
                       f"on a call (under a branch or a loop) would be new modules with new variables, "
                       f"not {sharing.sharee}'s")
        return None
    built = {}
    for s in other_init.body:
        if _builds(s):
            built.setdefault(ast.dump(s.value), s.targets[0].attr)
    holder = snake(theirs["class"])
    params = [a.arg for a in init.args.args[1:]]
    if holder in params or any(type(n) is ast.Name and n.id == holder for n in ast.walk(cls)):
        return None
    body = []
    ind = " " * init.body[0].col_offset
    for s in init.body:
        if _is_super(s):
            body.append(f"{ind}super().__init__(name={holder}.scope_name)")
        elif _builds(s):
            attr = built.get(ast.dump(s.value))
            if attr is None:
                return None   # the sharer builds a module the sharee does not: TF1 shared nothing of it
            body.append(f"{ind}self.{s.targets[0].attr} = {holder}.{attr}")
        else:
            body.extend(lines[s.lineno - 1:s.end_lineno])   # (the engine writes a statement on its own rows)
    read = {n.id for s in init.body if not _builds(s) and not _is_super(s)
            for n in ast.walk(s) if type(n) is ast.Name}
    args = init.args
    defaults = dict(zip([a.arg for a in args.args[len(args.args) - len(args.defaults):]], args.defaults))
    kept = [p for p in params if p in read]
    header = ", ".join(["self", holder] + [p + (f"={ast.unparse(defaults[p])}" if p in defaults else "")
                                           for p in kept])
    new = [" " * init.col_offset + f"def __init__({header}):"] + body
    lines[init.lineno - 1:init.end_lineno] = new
    made[sharing.function] = {**mine, "init_args": [holder] + kept}
    return "\n".join(lines)


def _init_of(cls: ast.ClassDef):
    return next((s for s in cls.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)


def _builds(s) -> bool:
    """``self.x = Something(...)``: a module the class builds."""
    return type(s) is ast.Assign and len(s.targets) == 1 and type(s.targets[0]) is ast.Attribute \
        and type(s.targets[0].value) is ast.Name and s.targets[0].value.id == "self" \
        and type(s.value) is ast.Call


def _builds_lazily(method) -> bool:
    """Does ``method`` build a module (``self.x = M(...)``, ``self.x.append(M(...))``)?"""
    for n in ast.walk(method):
        if type(n) is ast.Assign and _builds(n):
            return True
        if type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr == "append" \
                and type(n.func.value) is ast.Attribute and type(n.func.value.value) is ast.Name \
                and n.func.value.value.id == "self" and any(type(a) is ast.Call for a in n.args):
            return True
    return False


def _is_super(s) -> bool:
    return type(s) is ast.Expr and type(s.value) is ast.Call and type(s.value.func) is ast.Attribute \
        and s.value.func.attr == "__init__" and type(s.value.func.value) is ast.Call \
        and type(s.value.func.value.func) is ast.Name and s.value.func.value.func.id == "super"
