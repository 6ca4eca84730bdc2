"""The last check before writing: build the module tree on paper, from every top-level class
down, and make sure no TF1 variable name is owned twice.

In TF1 a name *is* a variable: two functions that reach ``shared/w`` (AUTO_REUSE, a
``reuse=True`` scope elsewhere) share it. Native modules share only by holding the same
object, so a name reached from two places that are not the same attribute would silently
become two variables; the functions involved stay in TF1 form instead.

A compat island (a TF1-form function a module holds, :mod:`unscope.native.islands`) is a
separate variable store: an island with a variable_scope of its own claims that scope's whole
subtree; one without claims the names its TF1 text visibly makes there (and the subtrees of
the scoped functions it calls). A name or claim inside another owner's claim is a conflict.

Names are evaluated with the constants they are built from (literal arguments, module
integer/string constants, loop indices of ``range(N)``); a name that cannot be evaluated is
not compared.
"""
from __future__ import annotations

import ast

from unscope.native.paths import Ref, Slot, Uniq

__all__ = ["conflicts"]

_LIMIT = 20000
_UNKNOWN = object()


def conflicts(program, plans) -> list:
    """(fn, node, message) for every TF1 name two different owners would make."""
    owners: dict[str, tuple] = {}
    out = []
    budget = [_LIMIT]
    module_env = dict(program.consts)
    module_env.update(getattr(program, "strings", {}))

    claims: list = []   # (subtree, owner, fn, node) of islands with a scope of their own
    island_owners: set = set()

    def clash(name, seen, owner, fn, node, who=None):
        if _share(plans, seen[0], owner, island_owners, fn, seen[1]):
            return
        first, second = seen[3] or seen[1].name, who or fn.name
        message = (f"TF1 variable scope {name!r} is reached from two places ({first} "
                   f"and {second}) that native mode would give separate modules; TF1 shares "
                   f"it by name")
        out.append((fn, node, message))
        out.append((seen[1], seen[2], message))  # both stay TF1, so a rerun decides the same

    def register(name, owner, fn, node, who=None):
        if name is None:
            return
        seen = owners.get(name)
        if seen is None:
            owners[name] = (owner, fn, node, who)
        elif seen[0] != owner:
            clash(name, seen, owner, fn, node, who)

    def claim(subtree, owner, fn, node, who):
        if subtree is not None:
            claims.append((subtree, owner, fn, node, who))

    def island(res, ev, full, loop_env, owner, fn):
        callee = ev.callee
        who = f"the compat island {callee.name} in {fn.name}"
        island_owners.add(owner)
        if callee.own is not None:
            claim(full, owner, fn, ev.node, who)
            return
        env = _bind(ev, loop_env, module_env, callee)
        for inner in callee.events:
            rel = _path(inner.path, env, module_env) if inner.kind in ("var", "layer", "call") else None
            name = None if rel is None or full is None else "/".join(p for p in (full, rel) if p)
            if inner.kind in ("var", "layer"):
                register(name, owner, fn, ev.node, who)
            elif inner.kind == "call" and inner.callee.own is not None:
                claim(name, owner, fn, ev.node, who)

    def visit(plan, base, env, instance):
        if budget[0] <= 0:
            return
        budget[0] -= 1
        fn = plan.fn
        for res in plan.resources:
            ev = res.first
            for loop_env in _iterations(res, env, module_env, program):
                rel = _path(res.path, loop_env, module_env)
                full = None if rel is None or base is None else "/".join(p for p in (base, rel) if p)
                owner = (instance, res.attr, _key(loop_env, res))
                if res.kind in ("var", "layer"):
                    register(full, owner, fn, ev.node)
                    continue
                if res.kind == "island":
                    island(res, ev, full, loop_env, owner, fn)
                    continue
                callee_plan = plans.get(ev.callee.name)
                if callee_plan is None:
                    continue
                callee_env = _bind(ev, loop_env, module_env, callee_plan.fn)
                visit(callee_plan, full, callee_env, owner)

    roots = [p for p in plans.values() if p.fn.root]
    for plan in roots:
        env = {p: _eval(d, {}, module_env) for p, d in plan.fn.defaults.items()}
        base = "" if plan.mode == "root" else plan.path_default
        visit(plan, base, env, (plan.fn.name,))
    for i, (subtree, owner, fn, node, who) in enumerate(claims):
        hit = next(((n, seen) for n, seen in owners.items() if seen[0] != owner and _within(n, subtree)),
                   None)
        if hit is not None:
            clash(hit[0], hit[1], owner, fn, node, who)
            continue
        for other, o_owner, o_fn, o_node, o_who in claims[i + 1:]:  # each pair of claims once
            if o_owner != owner and (_within(other, subtree) or _within(subtree, other)):
                clash(min(other, subtree, key=len), (owner, fn, node, who), o_owner, o_fn, o_node, o_who)
                break
    return out


def _share(plans, first, second, island_owners, fn, other_fn) -> bool:
    """Two islands of one module instance reaching one TF1 name: the later one runs on the
    earlier one's variable store (``unscope.track(..., share=...)``), as TF1 ran both in one
    graph. Recorded in ``plan.shares`` (attribute -> the attribute it shares with)."""
    if first not in island_owners or second not in island_owners or fn is not other_fn:
        return False
    (instance_a, attr_a, key_a), (instance_b, attr_b, key_b) = first, second
    if instance_a != instance_b or key_a is not None or key_b is not None or attr_a == attr_b:
        return False
    plan = plans[fn.name]
    order = [r.attr for r in plan.resources]
    root = lambda attr: root(plan.shares[attr]) if attr in plan.shares else attr  # noqa: E731
    a, b = sorted((root(attr_a), root(attr_b)), key=order.index)
    if a != b:
        plan.shares[b] = a
    return True


def _within(name: str, subtree: str) -> bool:
    return name == subtree or not subtree or name.startswith(subtree + "/")


def _key(env, res):
    if res.loop is None or res.loop.target is None:
        return None
    return env.get(res.loop.target, env.get("\0uniq"))


def _iterations(res, env, module_env, program):
    loop = res.loop
    if loop is None:
        return [env]
    if res.uniq is not None:
        return [{**env, "\0uniq": name} for name in res.uniq.names]
    values = _eval(loop.node.iter, env, module_env)
    if values is _UNKNOWN:
        return [{**env, loop.target: _UNKNOWN}]
    try:
        values = list(values)
    except TypeError:
        return [{**env, loop.target: _UNKNOWN}]
    return [{**env, loop.target: v} for v in values[:1000]]


def _bind(ev, env, module_env, fn) -> dict:
    out = {p: _eval(d, {}, module_env) for p, d in fn.defaults.items()}
    bound = ev.bound if ev.kind == "call" else ev.kwargs
    for p, arg in bound.items():
        out[p] = _eval(arg, env, module_env)
    return out


def _path(path, env, module_env) -> str | None:
    segs = []
    for seg in path:
        text = []
        for piece in seg:
            if isinstance(piece, str):
                text.append(piece)
            elif isinstance(piece, Slot):
                if piece.name is None:
                    return None
                text.append(piece.name)
            elif isinstance(piece, Uniq):
                name = env.get("\0uniq")
                if name is None:
                    return None
                text.append(name)
            elif isinstance(piece, Ref):
                value = _eval(piece.node, env, module_env)
                if value is _UNKNOWN:
                    return None
                try:
                    text.append(_format(value, piece.spec))
                except (ValueError, TypeError):
                    return None
            else:
                return None
        segs.append("".join(text))
    return "/".join(segs)


def _format(value, spec: str) -> str:
    conversion, _, fmt = spec.partition(":") if not spec.startswith(":") else ("", "", spec[1:])
    if conversion == "!r":
        value = repr(value)
    elif conversion == "!s":
        value = str(value)
    elif conversion == "!a":
        value = ascii(value)
    return format(value, fmt)


_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b}


def _eval(node, env, module_env):
    """A constant value of a small expression, or _UNKNOWN."""
    t = type(node)
    try:
        if t is ast.Constant:
            return node.value
        if t is ast.Name:
            if node.id in env:
                return env[node.id]
            if node.id in module_env:
                return module_env[node.id]
            return _UNKNOWN
        if t is ast.BinOp and type(node.op) in _OPS:
            a, b = _eval(node.left, env, module_env), _eval(node.right, env, module_env)
            if a is _UNKNOWN or b is _UNKNOWN:
                return _UNKNOWN
            return _OPS[type(node.op)](a, b)
        if t is ast.UnaryOp and type(node.op) is ast.USub:
            v = _eval(node.operand, env, module_env)
            return _UNKNOWN if v is _UNKNOWN else -v
        if t in (ast.Tuple, ast.List):
            values = [_eval(e, env, module_env) for e in node.elts]
            return _UNKNOWN if any(v is _UNKNOWN for v in values) else tuple(values)
        if t is ast.JoinedStr:
            out = []
            for value in node.values:
                if type(value) is ast.Constant:
                    out.append(value.value)
                    continue
                v = _eval(value.value, env, module_env)
                if v is _UNKNOWN:
                    return _UNKNOWN
                spec = ("!" + chr(value.conversion)) if value.conversion not in (-1, None) else ""
                if value.format_spec is not None:
                    spec += ":" + "".join(p.value for p in value.format_spec.values if type(p) is ast.Constant)
                out.append(_format(v, spec))
            return "".join(out)
        if t is ast.Call and type(node.func) is ast.Name and not node.keywords:
            args = [_eval(a, env, module_env) for a in node.args]
            if any(a is _UNKNOWN for a in args):
                return _UNKNOWN
            fn = {"range": range, "str": str, "int": int, "len": len}.get(node.func.id)
            if fn is None or node.func.id in env or node.func.id in module_env:
                return _UNKNOWN
            return fn(*args)
        if t is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "format" \
                and type(node.func.value) is ast.Constant and isinstance(node.func.value.value, str):
            args = [_eval(a, env, module_env) for a in node.args]
            kwargs = {k.arg: _eval(k.value, env, module_env) for k in node.keywords if k.arg}
            if any(a is _UNKNOWN for a in args + list(kwargs.values())):
                return _UNKNOWN
            return node.func.value.value.format(*args, **kwargs)
    except Exception:  # a user expression that fails here is simply not compared
        return _UNKNOWN
    return _UNKNOWN
