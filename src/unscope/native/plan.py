"""What each module owns - variables, layers, sub-modules, each under one attribute - and
how: made in ``__init__`` when its arguments are known at construction, on the first call
when they need the input (the Sonnet 2 pattern), as a list over a loop whose iterations
name scopes. Also where each module lives: under a path argument, or at the top level.
"""
from __future__ import annotations

import ast

from unscope.migrate.parses import walk
from unscope.native import apis
from unscope.native.branches import exclusive
from unscope.native.islands import check_island
from unscope.native.paths import Ref, Slot, Uniq, free_names, key
from unscope.native.scope_defaults import Foreign, layer_defaults

__all__ = ["Unsupported", "Resource", "Plan", "decide_modes", "plan_function", "fresh", "names_in",
           "ctor_args", "first_on_line", "path_param"]


class Unsupported(Exception):
    """This function cannot be written as a module; the message says why."""

    def __init__(self, node, api, message):
        super().__init__(message)
        self.node, self.api, self.message = node, api, message


class Resource:
    def __init__(self, kind, ev):
        self.kind = kind              # var | layer | module | island
        self.path = ev.path
        self.events = [ev]
        self.first = ev
        self.attr = None
        self.loop = None              # the Loop this attribute is a list/dict over
        self.uniq = None              # the Uniq piece giving per-iteration names
        self.eager = True
        self.creating = []            # var events that may create (have shape/initializer)
        self.grow = False             # a list filled on the first call, one item per iteration


class Plan:
    def __init__(self, fn):
        self.fn = fn
        self.cls = None
        self.mode = None              # "root": paths are absolute; "param": under a path parameter
        self.path_param = None        # the __init__ parameter holding the module's path
        self.path_default = None
        self.fresh_path = False       # the path parameter is new (not one of the function's)
        self.resources: list[Resource] = []
        self.by_event: dict = {}
        self.stored: set[str] = set()
        self.prelude: set[str] = set()
        self.shares: dict[str, str] = {}  # island attribute -> the island whose variables it shares
        self.unit = "    "             # one indentation level of the function (emit sets it)
        self.shift: dict[int, int] = {}   # line -> columns it moves right in the class


def fresh(base: str, taken: set) -> str:
    name, i = base, 1
    while name in taken:
        i += 1
        name = f"{base}{i}" if not base.endswith("_") else f"{base}{i}"
    return name


def path_param(taken: set) -> str:
    """The new ``__init__`` parameter holding a module's path: ``name``, as in Sonnet and
    nn.Module; where the function already has a ``name`` (an op's or a layer's), ``scope``,
    TF1's own word for it, rather than ``name2``."""
    for base in ("name", "scope", "module_name"):
        if base not in taken:
            return base
    return fresh("name", taken)


def names_in(node) -> set[str]:
    out = set()
    for n in walk(node):
        if type(n) is ast.Name:
            out.add(n.id)
        elif type(n) is ast.arg:
            out.add(n.arg)
    return out


def decide_modes(program, plans: dict) -> None:
    """Top-down: whether each module lives at the top level or under a path parameter."""
    callers: dict[str, list] = {}
    for fn in program.creators.values():
        for ev in fn.events:
            if ev.kind == "call":
                callers.setdefault(ev.callee.name, []).append((fn, ev, False))
            elif ev.kind == "template":
                callers.setdefault(ev.callee.name, []).append((fn, ev, True))
    for fn in reversed(program.order):
        plan = plans.get(fn.name)
        if plan is None:
            continue
        taken = names_in(fn.node)
        if fn.own is not None:
            plan.mode = "param"
            if fn.own.param:
                plan.path_param = fn.own.param
                d = fn.defaults.get(fn.own.param)
                if d is not None:
                    plan.path_default = fn.own.literal
            else:
                plan.path_param = path_param(taken)
                plan.fresh_path = True
                plan.path_default = fn.own.literal
            continue
        sites = callers.get(fn.name, [])
        if fn.root:
            plan.mode = "root"
            continue
        top = [not template and ev.path == () and plans[caller.name].mode == "root"
               for caller, ev, template in sites if caller.name in plans]
        if top and all(top):
            plan.mode = "root"
        elif any(top):
            exc = Unsupported(fn.node, f"def {fn.name}", f"{fn.name} is called both at the top "
                              f"level and inside a variable scope; give it its own variable_scope")
            exc.fn = fn
            raise exc
        else:
            plan.mode = "param"
            plan.path_param = path_param(taken)
            plan.fresh_path = True


def plan_function(program, fn, plan: Plan, native=None) -> None:
    """Resources of one function, their attributes, and eager/lazy creation.

    ``native``: the names of the functions becoming classes (None: all); a call of any
    other variable-making function is a compat island (:mod:`unscope.native.islands`)."""
    init_names = program.init_names(fn)
    ctor = {p for p in init_names if p in fn.all_params}   # constructor values (branches.py)
    by_key: dict[str, Resource] = {}
    for ev in fn.events:
        for seg in ev.path:
            for piece in seg:
                if isinstance(piece, Slot) and piece.conflict:
                    raise Unsupported(ev.node, "tf.layers", f"unnamed layers or default_name scopes "
                                      f"here get different TF1 names at different calls of "
                                      f"{fn.name} ({piece.conflict}); name them, or give "
                                      f"{fn.name} its own variable_scope")
                if isinstance(piece, Slot) and piece.name is None:
                    raise Unsupported(ev.node, "tf.layers", "an unnamed layer whose TF1 name "
                                      "depends on the caller's scope")

    def static(node, loop):
        if isinstance(node, Foreign):
            return True
        allowed = init_names | ({loop.target} if loop is not None else set())
        return free_names(node) <= allowed

    for ev in fn.events:
        if ev.kind == "layer":
            try:
                ev.defaults = layer_defaults(ev, fn.inherited)
            except ValueError as exc:
                raise Unsupported(ev.node, ev.api, str(exc)) from None

    for ev in fn.events:
        if ev.kind in ("collection", "tcall"):
            continue
        island = ev.kind in ("call", "template") and native is not None \
            and ev.callee.name not in native \
            and not hasattr(ev.callee, "foreign")   # a class another file made (native.project)
        loop_targets = {loop.target for loop in ev.loops if loop.target}
        for seg in ev.path:
            for piece in seg:
                if isinstance(piece, Ref) and not free_names(piece.node) <= init_names | loop_targets:
                    if island:
                        raise Unsupported(piece.node, ev.callee.name, f"{ev.callee.name} stays in "
                                          f"TF1 form and its scope here is computed at run time "
                                          f"({ast.unparse(piece.node)}), so it cannot be a compat "
                                          f"island inside {fn.name}; pass a literal or a "
                                          f"function argument")
                    raise Unsupported(piece.node, "tf.variable_scope", f"scope or variable name "
                                      f"computed at run time ({ast.unparse(piece.node)}); pass a "
                                      f"literal or a function argument to migrate natively")
        if island:
            why = check_island(program, fn, ev)
            if why is not None:
                raise Unsupported(*why)
        loop, uniq = _index_loop(ev, _struct_args(ev))
        if loop is not None:
            if uniq is not None and not (loop.range1 and uniq.names and len(uniq.names) == loop.count):
                raise Unsupported(ev.node, "for", "per-iteration names in a loop that is not "
                                  "`for i in range(N)` with a constant N")
            if uniq is None and not all(n in init_names for n in free_names(loop.node.iter)) \
                    and not loop.counting:
                raise Unsupported(loop.node.iter, "for", "a loop naming scopes must iterate over "
                                  "range(...) / enumerate(...), a constant or a structural argument")
        ev.loop = loop
        kind = {"var": "var", "layer": "layer", "call": "module", "template": "module"}[ev.kind]
        if island:
            kind = "island"
        k = {"module": "mod:", "island": "isl:"}.get(kind, "") + key(ev.path)
        if kind == "island":
            # one island per TF1 function and scope position: calls there share (TF1 reuse)
            k += "|" + ev.callee.name
        elif kind == "module":
            # instances differ when the names they make differ (path, naming arguments)
            k += "|" + _init_key(ev, _struct_args(ev))
        res = by_key.get(k)
        if res is None:
            res = Resource(kind, ev)
            res.loop, res.uniq = loop, uniq
            by_key[k] = res
            plan.resources.append(res)
        elif kind == "module" and any(_init_key(e, None) != _init_key(ev, None)
                                      and not exclusive(fn, e, ev, ctor) for e in res.events):
            raise Unsupported(ev.node, ev.callee.name, f"{ev.callee.name} is called twice at "
                              f"{key(ev.path) or 'the top level'!r} (sharing its variables) with "
                              f"different arguments")
        else:
            if res.kind != kind:
                raise Unsupported(ev.node, "scope", f"{key(ev.path)!r} is both a variable/layer and a module")
            if kind == "layer" and _ctor_dump(res.first) != _ctor_dump(ev):
                raise Unsupported(ev.node, ev.api, f"layer {key(ev.path)!r} is made twice with "
                                  f"different arguments")
            if res.loop is not loop:
                raise Unsupported(ev.node, "for", f"{key(ev.path)!r} is used inside and outside a loop")
            res.events.append(ev)
        plan.by_event[id(ev)] = res
    owned = {key(r.path) for r in plan.resources if r.kind in ("var", "layer")}
    for r in plan.resources:
        if r.kind == "module" and key(r.path) in owned:
            raise Unsupported(r.first.node, "scope", f"{key(r.path)!r} is both a variable/layer "
                              f"and a module")

    for res in plan.resources:
        ev = res.first
        layer_reuse = ev.kind == "layer" and _is_true(ev.bound.get("reuse"))
        call_reuse = ev.kind == "call" and any(
            _is_true(a) for p, a in ev.bound.items() if p in ev.callee.reuse_params)
        if ev.reuse or layer_reuse or call_reuse:
            raise Unsupported(ev.node, {"var": "tf.get_variable"}.get(res.kind, "reuse"),
                              f"{key(ev.path) or 'this scope'!r} is first used under reuse=True: "
                              f"its variables are made elsewhere (another function or file); "
                              f"kept in TF1 form")
        if res.kind == "var":
            res.creating = [e for e in res.events if _creates(e)]
            if not res.creating or res.creating[0] is not ev:
                raise Unsupported(ev.node, "tf.get_variable", f"variable {key(ev.path)!r} is read "
                                  f"before (or without) being made here - it belongs to another "
                                  f"function's scope; kept in TF1 form")
            args = [v for k, v in ev.bound.items() if k != "name"] + list(ev.kwargs.values())
            res.eager = not ev.cond and all(static(a, res.loop) for a in args)
        elif res.kind == "layer":
            res.eager = all(static(v, res.loop) for v in ctor_args(ev).values()) \
                and all(static(v, res.loop) for v in ev.defaults.values())
        elif res.kind == "island":
            res.eager = True  # an island makes its variables on its first call, as TF1 did
        elif res.kind == "module":
            # a module first called under an if/while is made on that call: its variables
            # then exist exactly when TF1 made them
            res.eager = ev.kind == "template" or (not ev.cond and all(
                static(a, res.loop) for p, a in ev.bound.items() if ev.callee.kinds.get(p) == "init"))
            for e in res.events:
                if e.kind == "call":
                    for p, arg in e.bound.items():
                        if e.callee.kinds.get(p) == "init" and not static(arg, res.loop):
                            raise Unsupported(arg, e.callee.name, f"argument {p} of {e.callee.name} "
                                              f"changes with the loop while its scope name does not")
        loop = res.loop
        if loop is not None and res.uniq is None and (
                not res.eager or not all(n in init_names for n in free_names(loop.node.iter))):
            if not loop.counting:
                raise Unsupported(ev.node, "for", "made per iteration of a loop over run-time "
                                  "values; loop over range(...) or enumerate(...)")
            res.grow, res.eager = True, False
        if not res.eager:
            if res.loop is not None and not res.grow:
                raise Unsupported(ev.node, "for", "a variable whose shape needs the input, named "
                                  "per loop iteration: give each iteration a module instead")
            for e in (res.creating if res.kind == "var" else res.events):
                if not e.hoist or not first_on_line(program.source, e.stmt):
                    raise Unsupported(e.node, "tf.get_variable", "a variable made inside a "
                                      "conditional expression or after `;` cannot be hoisted")
                if e.stmt in fn.unwraps or e.stmt in fn.deletes:
                    raise Unsupported(e.node, "tf.get_variable", "a variable made in a scope header")


def _is_true(node) -> bool:
    return type(node) is ast.Constant and node.value is True


def _creates(ev) -> bool:
    shape = ev.bound.get("shape")
    init = ev.bound.get("initializer")
    return not apis.is_none(shape) or not apis.is_none(init)


def _struct_args(ev) -> list:
    """Arguments of a module call that name its scopes or variables."""
    if ev.kind == "call":
        callee = ev.callee
        return [a for p, a in ev.bound.items() if callee.kinds.get(p) == "init" and p in callee.struct]
    if ev.kind == "template":
        return [a for p, a in ev.kwargs.items() if p in ev.callee.struct]
    return []


def _index_loop(ev, extra=()):
    targets = {loop.target: loop for loop in ev.loops if loop.target}
    used, uniq = set(), None
    for node in extra:
        for n in free_names(node):
            if n in targets:
                used.add(targets[n])
    for seg in ev.path:
        for piece in seg:
            if isinstance(piece, Ref):
                for n in free_names(piece.node):
                    if n in targets:
                        used.add(targets[n])
            elif isinstance(piece, Uniq) and piece.loop is not None:
                used.add(piece.loop)
                if uniq is not None:
                    raise Unsupported(ev.node, "scope", "two per-iteration names in one path")
                uniq = piece
    if len(used) > 1 or (uniq is not None and any(isinstance(p, Ref) and free_names(p.node) & set(targets)
                                                  for s in ev.path for p in s)):
        raise Unsupported(ev.node, "for", "a scope path that depends on two loops")
    if not used:
        return None, None
    loop = used.pop()
    loop.structural = True
    return loop, uniq


def _init_key(ev, only) -> str:
    """The callee and its construction arguments (only those in ``only`` when given)."""
    keep = (lambda a: any(a is o for o in only)) if only is not None else (lambda a: True)
    if ev.kind == "template":
        items = sorted((k, ast.dump(v)) for k, v in ev.kwargs.items() if keep(v))
    else:
        items = sorted((p, ast.dump(a)) for p, a in ev.bound.items()
                       if ev.callee.kinds.get(p) == "init" and keep(a))
    return ev.callee.name + repr(items)


def ctor_args(ev) -> dict:
    spec = ev.spec
    return {k: v for k, v in ev.bound.items()
            if k not in ("inputs", spec.name_kw) and k not in spec.call and k not in spec.drop}


def _ctor_dump(ev) -> str:
    given = sorted((k, ast.dump(v)) for k, v in ctor_args(ev).items())
    scope = sorted((k, v.text if isinstance(v, Foreign) else ast.dump(v)) for k, v in ev.defaults.items())
    return repr((given, scope))


def first_on_line(source, stmt) -> bool:
    return stmt.col_offset == source.indent(stmt.lineno)


# ---------------------------------------------------------------------------------- emission
