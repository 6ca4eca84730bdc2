"""Model classes whose ``__init__`` builds the towers (RL policies, BERT-style models).

    class ActorCritic(object):                       class ActorCriticNet(nn.Module):
        def __init__(self, obs, n_actions,               ...   # the towers; __call__ -> pi, vf
                     reuse=False):
            with tf.variable_scope("model",      ->  class ActorCritic(nn.Module):
                                   reuse=reuse):         def __init__(self, obs, n_actions, reuse=False, net=None):
                h = fc(obs, "fc1", 64)                       super().__init__()
                self.pi = fc(h, "pi", n_actions)             if net is None:
                self.vf = fc(h, "vf", 1)                         if reuse:
                                                                     raise ValueError(...)
    step = ActorCritic(obs, 4)                                   net = ActorCriticNet(n_actions)
    train = ActorCritic(obs2, 4, reuse=True)                 self.net = net
                                                             self.pi, self.vf = self.net(obs)

                                                     step = ActorCritic(obs, 4)
                                                     train = ActorCritic(obs2, 4, reuse=True, net=step.net)

How: ``__init__``'s body is lifted to a function ``actor_critic_net`` (``self.pi = ...``
becomes a local, the function returns every attribute ``__init__`` stored, in order), which
the function engine turns into a class like any other; the class then holds that module and
stores what it returns. TF1 shared the variables of ``reuse=True`` by name in the graph; here
the second instance holds the first one's module (``net=step.net``, written into each
construction of the same file whose first instance is plain to see), and a ``reuse=True``
construction given no module raises TF1's "does not exist" error, saying what to pass, and
one given a module without ``reuse=True`` raises TF1's "already exists" (TF1 never shared then).

Only what can be proven: ``__init__`` stores ``self.x = ...`` only at its top level or under
``with`` blocks, reads only attributes it stored before, returns nothing, and takes ``reuse``
(if at all) only as a ``variable_scope``'s ``reuse=``; every ``reuse=True`` construction in
the file names its twin (``x = Cls(...)`` earlier in the same body). Anything else raises
:class:`~unscope.native.methods.NotLiftable` with the reason.
"""
from __future__ import annotations

import ast
import re

__all__ = ["InitLift", "analyse_init", "family_twins", "forwards", "owner_init", "reuse_edits"]


class InitLift:
    """What lifting one ``__init__`` needs: the stored attributes, the ``reuse`` parameter,
    the slot (attribute and keyword) holding the module."""

    def __init__(self, stores, reuse, slot, twins, plain=()):
        self.stores = stores      # attributes __init__ stores, in order (the module returns them)
        self.plain = dict(plain)  # {line: attribute} of ``self.n = n`` (a parameter): kept in __init__
        self.reuse = reuse        # the reuse parameter's name, or None
        self.slot = slot          # "net": self.net, and the keyword net=
        self.twins = twins        # [(call node, name of the instance it shares)]


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def analyse_init(cls: ast.ClassDef, init: ast.FunctionDef, tree: ast.Module, refuse, api) -> InitLift:
    """``refuse(message)`` raises :class:`NotLiftable`."""
    a = init.args
    if init.decorator_list or a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or not a.args \
            or a.args[0].arg != "self":
        refuse("__init__ makes variables and takes other than plain parameters after self")
    params = [p.arg for p in a.args[1:]]
    parents = {c: p for p in ast.walk(init) for c in ast.iter_child_nodes(p)}
    stores: list = []
    for stmt in _statements(init.body, refuse):
        for n in ast.walk(stmt):
            if type(n) in (ast.Return, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal):
                refuse(f"__init__ makes variables and holds a {type(n).__name__.lower()} (line {n.lineno})")
            if type(n) in (ast.FunctionDef, ast.Lambda, ast.ClassDef):
                refuse(f"__init__ makes variables and defines a nested function or class (line {n.lineno})")
        targets = _stored(stmt)
        for n in ast.walk(stmt):
            if type(n) is not ast.Name or n.id != "self":
                continue
            parent = parents.get(n)
            if type(parent) is not ast.Attribute or parent.lineno != parent.end_lineno:
                refuse(f"__init__ makes variables and uses self other than by attributes (line {n.lineno})")
            if type(parent.ctx) is ast.Store:
                if parent not in targets:
                    refuse(f"__init__ makes variables and stores self.{parent.attr} other than by "
                           f"a plain assignment (line {n.lineno})")
            elif parent.attr not in stores:
                refuse(f"__init__ makes variables and reads self.{parent.attr} before storing it "
                       f"(line {n.lineno})")
        for t in targets:
            if t.attr not in stores:
                stores.append(t.attr)
    names = {n.id for n in ast.walk(init) if type(n) is ast.Name and n.id != "self"} | set(params)
    plain = _plain(init, params)
    stores = [s for s in stores if s not in plain.values()]
    names -= set(plain.values())
    if not stores:
        refuse("__init__ makes variables but stores nothing on self the variables give")
    if set(stores) & names:
        refuse(f"__init__ makes variables and has a local named like an attribute it stores "
               f"({', '.join(sorted(set(stores) & names))})")
    reuse = "reuse" if "reuse" in params else None
    if reuse is not None:
        for n in ast.walk(init):
            if type(n) is ast.Name and n.id == reuse and not _is_scope_reuse(n, parents, api):
                refuse(f"__init__ reads reuse other than as a variable_scope's reuse= (line {n.lineno})")
    slot = "net"
    attrs = {n.attr for n in ast.walk(cls) if type(n) is ast.Attribute}
    if slot in params or slot in attrs or slot in names:
        refuse(f"__init__ makes variables and the class already uses the name {slot}")
    twins = _twins(cls, tree, reuse, slot, refuse)
    return InitLift(stores, reuse, slot, twins, plain)


def _plain(init, params) -> dict:
    """``self.n = n`` at __init__'s top level, ``n`` a parameter that nothing reassigns and
    ``self.n`` stored only there: the owner keeps the line, reads of ``self.n`` read ``n``."""
    stored = {}
    for n in ast.walk(init):
        if type(n) is ast.Attribute and type(n.ctx) is ast.Store and type(n.value) is ast.Name \
                and n.value.id == "self":
            stored[n.attr] = stored.get(n.attr, 0) + 1
    rebound = {n.id for n in ast.walk(init) if type(n) is ast.Name and type(n.ctx) is not ast.Load}
    out = {}
    for stmt in init.body:
        t = stmt.targets[0] if type(stmt) is ast.Assign and len(stmt.targets) == 1 else None
        if type(t) is ast.Attribute and type(t.value) is ast.Name and t.value.id == "self" \
                and type(stmt.value) is ast.Name and stmt.value.id == t.attr and t.attr in params \
                and t.attr not in rebound and stored[t.attr] == 1 and stmt.lineno == stmt.end_lineno:
            out[stmt.lineno] = t.attr
    return out


def _statements(body, refuse):
    """The statements of ``body`` and of the ``with`` blocks in it (stores must be there)."""
    for stmt in body:
        if type(stmt) is ast.With:
            yield from _statements(stmt.body, refuse)
            continue
        if type(stmt) in (ast.If, ast.For, ast.While, ast.Try, ast.AsyncWith, ast.AsyncFor) and any(
                type(n) is ast.Attribute and type(n.ctx) is ast.Store and type(n.value) is ast.Name
                and n.value.id == "self" for n in ast.walk(stmt)):
            refuse(f"__init__ makes variables and stores on self inside a {type(stmt).__name__.lower()} "
                   f"block (line {stmt.lineno})")
        yield stmt


def _stored(stmt) -> list:
    """The ``self.x`` targets of a plain assignment (``self.a = ...``, ``self.a, self.b = ...``)."""
    if type(stmt) is not ast.Assign:
        return []
    out = []
    for t in stmt.targets:
        for e in (t.elts if type(t) is ast.Tuple else [t]):
            if type(e) is ast.Attribute and type(e.value) is ast.Name and e.value.id == "self":
                out.append(e)
    return out


def _is_scope_reuse(n, parents, api) -> bool:
    kw = parents.get(n)
    call = parents.get(kw)
    return type(kw) is ast.keyword and kw.arg == "reuse" and type(call) is ast.Call \
        and (api(call) or "").endswith("variable_scope")


def forwards(sub: ast.ClassDef, base: str) -> str | None:
    """Why ``sub``'s construction does not reach its base's ``__init__`` argument for argument
    (``def __init__(self, *args, **kwargs): super().__init__(*args, layers=..., **kwargs)``,
    or no ``__init__`` at all), or None: then ``Sub(obs, 3, reuse=True, net=a.net)`` is the
    base's construction with ``layers=...`` added."""
    init = next((s for s in sub.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)
    if init is None:
        return None
    a = init.args
    if a.args[1:] or a.posonlyargs or a.kwonlyargs or a.vararg is None or a.kwarg is None:
        return "takes other than (self, *args, **kwargs) in __init__"
    body = [s for s in init.body if not (type(s) is ast.Expr and type(s.value) is ast.Constant)]
    call = body[0].value if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Call else None
    if call is None or len(call.args) != 1 or type(call.args[0]) is not ast.Starred \
            or type(call.args[0].value) is not ast.Name or call.args[0].value.id != a.vararg.arg:
        return f"does not pass *{a.vararg.arg} first to {base}.__init__"
    passed = [k for k in call.keywords if k.arg is None]
    if len(passed) != 1 or type(passed[0].value) is not ast.Name or passed[0].value.id != a.kwarg.arg \
            or any(k.arg in ("reuse", "net") for k in call.keywords):
        return f"does not pass **{a.kwarg.arg} (and no reuse= or net= of its own) to {base}.__init__"
    used = [n for n in ast.walk(init) if type(n) is ast.Name and n.id in (a.vararg.arg, a.kwarg.arg)]
    if len(used) != 2:
        return f"reads *{a.vararg.arg} or **{a.kwarg.arg} other than by passing them on"
    return None


def family_twins(sub, cls, tree, lift: InitLift, refuse) -> list:
    """The ``Sub(..., reuse=True)`` constructions of the file, as :func:`_twins` finds them
    for ``cls`` (positions are ``cls.__init__``'s: ``sub`` forwards them)."""
    return _twins(sub, tree, lift.reuse, lift.slot, refuse, cls_params(cls))


def _twins(cls, tree, reuse, slot, refuse, params=None) -> list:
    """Each ``Cls(..., reuse=True)`` of the file and the instance made before it in its body."""
    params = cls_params(cls) if params is None else params
    out = []
    inside = {id(n) for n in ast.walk(cls)}
    for body in _bodies(tree):
        made = None
        for stmt in body:
            nodes = list(_shallow(stmt))
            for n in nodes:
                if type(n) is ast.Name and n.id == cls.name and id(n) not in inside:
                    call = next((c for c in nodes if type(c) is ast.Call and c.func is n), None)
                    if call is None and reuse is not None:
                        refuse(f"{cls.name} is used other than by a call (line {n.lineno}): which "
                               f"instance a reuse=True construction shares cannot be followed")
            for call in [c for c in nodes if type(c) is ast.Call and type(c.func) is ast.Name
                         and c.func.id == cls.name and id(c) not in inside]:
                flag = next((k.value for k in call.keywords if k.arg == reuse), None) if reuse else None
                if any(k.arg == slot or k.arg is None for k in call.keywords):
                    refuse(f"{cls.name}(...) at line {call.lineno} passes {slot}= or **kwargs")
                if reuse is not None and len(call.args) > len(params) - 1:
                    refuse(f"{cls.name}(...) at line {call.lineno} passes reuse by position")
                if flag is None or type(flag) is ast.Constant and flag.value in (False, None):
                    made = _assigned_name(stmt, call) or made
                elif type(flag) is ast.Constant and flag.value is True:
                    if made is None:
                        refuse(f"{cls.name}(..., reuse=True) at line {call.lineno}: the instance whose "
                               f"variables it shares is not made before it in the same body")
                    out.append((call, made))
                else:
                    refuse(f"{cls.name}(..., reuse=...) at line {call.lineno}: reuse is not a constant")
    return out


def cls_params(cls) -> list:
    init = next(s for s in cls.body if type(s) is ast.FunctionDef and s.name == "__init__")
    names = [p.arg for p in init.args.args]
    return names[:names.index("reuse")] if "reuse" in names else names


def _bodies(tree):
    yield tree.body
    for n in ast.walk(tree):
        if type(n) in (ast.FunctionDef, ast.AsyncFunctionDef):
            yield n.body


def _shallow(stmt):
    """``ast.walk`` that does not enter nested functions and classes (their bodies are their own)."""
    todo = [stmt]
    while todo:
        n = todo.pop()
        yield n
        if type(n) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            continue
        todo.extend(ast.iter_child_nodes(n))


def _assigned_name(stmt, call):
    if type(stmt) is ast.Assign and stmt.value is call and len(stmt.targets) == 1:
        t = stmt.targets[0]
        if type(t) is ast.Name:
            return t.id
        if type(t) is ast.Attribute and type(t.value) is ast.Name:
            return f"{t.value.id}.{t.attr}"
    return None


def reuse_edits(lines: list, lifts) -> None:
    """``Cls(..., reuse=True)`` -> ``Cls(..., reuse=True, net=first.net)`` in ``lines`` (in place;
    right to left, so columns stay valid; every line keeps its number)."""
    spots = sorted(((call.end_lineno - 1, call.end_col_offset - 1, f", {lift.slot}={twin}.{lift.slot}")
                    for lift in lifts for call, twin in lift.twins), reverse=True)
    for row, col, text in spots:
        lines[row] = lines[row][:col] + text + lines[row][col:]


def _none_scope_defaults(init: ast.FunctionDef) -> dict:
    """``{param: default_name}`` for ``with tf.variable_scope(param, default_name="bert")`` in
    ``__init__`` where ``param`` defaults to None: TF1 takes the default name for None, and the
    module class has that name as its default, so None must not be passed on."""
    a = init.args
    nones = {p.arg for p, d in zip(a.args[len(a.args) - len(a.defaults):], a.defaults)
             if type(d) is ast.Constant and d.value is None}
    out = {}
    for node in ast.walk(init):
        if type(node) is ast.With:
            for item in node.items:
                call = item.context_expr
                if type(call) is ast.Call and call.args and type(call.args[0]) is ast.Name \
                        and call.args[0].id in nones:
                    for kw in call.keywords:
                        if kw.arg == "default_name" and type(kw.value) is ast.Constant \
                                and isinstance(kw.value.value, str):
                            out[call.args[0].id] = kw.value.value
    return out


def _net_arg(p: str, defaults: dict) -> str:
    if p in defaults:
        name = defaults[p]
        literal = f'"{name}"' if '"' not in name and "\\" not in name else repr(name)
        return f"{p}={literal} if {p} is None else {p}"
    return f"{p}={p}"


def owner_init(init: ast.FunctionDef, lift: InitLift, entry: dict, indent: str, nn: str | None = None) -> list | None:
    """The owner's new ``__init__`` (lines), or None when the module's constructor or call
    needs what ``__init__``'s parameters cannot give. With a ``reuse`` parameter, ``net=``
    without ``reuse=True`` raises TF1's "already exists" (``nn`` names unscope.nn there)."""
    params = [p.arg for p in init.args.args[1:]]
    init_args = [p for p in entry["init_args"] if p != "name"]
    if any(p not in params for p in init_args + entry["call_args"]):
        return None
    args = ast.unparse(ast.arguments(posonlyargs=[], args=init.args.args, vararg=None, kwonlyargs=[],
                                     kw_defaults=[], kwarg=None, defaults=init.args.defaults))
    unit = " " * max(1, init.body[0].col_offset - init.col_offset)   # the file's indent unit
    body = indent + unit
    defaults = _none_scope_defaults(init)
    build = f"{entry['class']}({', '.join(_net_arg(p, defaults) for p in init_args)})"
    slot = lift.slot
    out = [f"{indent}def __init__({args}, {slot}=None):", f"{body}super().__init__()"]
    out += [f"{body}self.{a} = {a}" for a in lift.plain.values()]
    if lift.reuse is not None:
        out += [f"{body}if {slot} is None:",
                f"{body}{unit}if {lift.reuse}:",
                f"{body}{unit}{unit}raise ValueError(\"Variables of {entry['class']} do not exist: reuse=True \"",
                f"{body}{unit}{unit}                 \"shares them; pass {slot}=<the instance that made them>.{slot}\")",
                f"{body}{unit}{slot} = {build}"]
        taken = "taken" if "taken" not in params else "taken_"
        if nn is not None and taken not in params:   # TF1: a second reuse=False construction finds the names taken
            out += [f"{body}elif not {lift.reuse}:",
                    f"{body}{unit}{taken} = {nn}.variables_under({slot}, trainable=False)[0].name.rpartition(\":\")[0]",
                    f"{body}{unit}raise ValueError(f\"Variable {{{taken}}} already exists, disallowed. Did you mean \"",
                    f"{body}{unit}                 \"to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?\")"]
    else:
        out += [f"{body}if {slot} is None:", f"{body}{unit}{slot} = {build}"]
    targets = ", ".join(f"self.{s}" for s in lift.stores)
    call = ", ".join(p for p in params if p in entry["call_args"])
    out += [f"{body}self.{slot} = {slot}", f"{body}{targets} = self.{slot}({call})"]
    return out
