"""Compat islands: a function native mode cannot prove safe stays in TF1 form *inside* its
native parent, instead of pulling the parent (and everything it calls) back to TF1 form::

    class Model(nn.Module):
        def __init__(self, name="model"):
            super().__init__(name=name)
            self.block = unscope.track(block, scope=f"{name}/h0")   # TF1 code, on the runtime

        def __call__(self, x):
            return self.block(x)

The island is an ``unscope.track``ed submodule: owned by the parent (in its ``variables``,
its checkpoint), its variables named under the scope TF1 opened around the call. TF1's
sharing is kept the way modules keep it: calls at one scope position are one island, calls
at two positions two. An island is placed only where its names are fixed at construction:

- its scope position is static (else the parent stays TF1, with a finding);
- it has a ``variable_scope`` of its own, not one TF1 uniquifies (``default_name``), or it
  makes no layers, ``default_name`` scopes, templates or calls of scope-less helpers:
  those take the *caller's* counters (``dense_2``), which a fresh runtime scope restarts;
- a scope-level initializer, regularizer or dtype in force around the call is known at
  construction: the island's runtime scope starts with it (``unscope.track(..., regularizer=)``).
"""
from __future__ import annotations

import ast

from unscope.analyze.constructs import classify
from unscope.analyze.imports import canonical_api
from unscope.migrate.parses import walk
from unscope.native import apis
from unscope.native.builders import returns_function
from unscope.native.paths import Slot, Uniq, key
from unscope.native.scope_defaults import Foreign

__all__ = ["ISLAND_PHRASE", "island_scope", "scope_defaults", "check_island", "hosts", "partials", "module_binding"]

# Findings on a function kept as an island say this (migrate/functions.py reads it).
ISLAND_PHRASE = "a compat island inside"

_COUNTING_KINDS = frozenset({"layer", "make_template"})


def island_scope(ev) -> tuple:
    """The scope path the island runs under: its caller's frame (the island's own
    ``variable_scope``, if any, is opened by its TF1 text), or a template's own scope."""
    return ev.base_path if ev.kind == "call" and ev.callee.own is not None else ev.path


def scope_defaults(fn, ev) -> dict:
    """The scope-level initializer / regularizer / dtype in force at the island's call: those
    of ``fn``'s own scopes there, over those its callers' scopes give it (Foreign)."""
    return {**fn.inherited, **ev.scope_kw}


def check_island(program, fn, ev):
    """None when the TF1 function ``ev.callee`` can be an island of ``fn`` at ``ev``; else
    ``(node, api, message)`` saying why ``fn`` stays in TF1 form."""
    callee = ev.callee
    where = key(island_scope(ev)) or "the top level"
    head = f"{callee.name} stays in TF1 form and cannot be a compat island inside {fn.name} here"
    node = getattr(callee, "node", None)
    if type(node) is ast.FunctionDef and returns_function(node):   # a network builder
        return (ev.node, callee.name, f"{head}: it returns a function that makes its variables "
                f"after the call, outside the island")
    for kind, value in scope_defaults(fn, ev).items():
        if not isinstance(value, Foreign) and not program.static(value, fn, ev):
            return (ev.node, callee.name, f"{head}: the scope-level {kind} in force around the "
                    f"call at {where!r} is computed at run time, and the island is made at "
                    f"construction; make it a module-level constant")
    if ev.kind == "template":
        # the template's scope is fresh: the function's unnamed things count from zero there,
        # as in the island's own runtime scope; its (static) arguments become a partial
        return None
    own = callee.own
    if own is not None:
        arg = ev.bound.get(own.param) if own.param else None
        if own.default_is_uniq and apis.is_none(arg):
            seg = ev.path[-1] if len(ev.path) > len(ev.base_path) else ()
            named = len(seg) == 1 and (isinstance(seg[0], str)
                                       or isinstance(seg[0], Uniq) and seg[0].names)
            if own.param and named:
                ev.island_name = seg[0]  # the name TF1 gave it here, passed to the TF1 text
                return None
            return (ev.node, callee.name, f"{head}: its variable_scope's name is uniquified by "
                    f"TF1 (default_name={own.literal!r}) from counters native mode cannot "
                    f"fix here; pass the scope name")
        return None
    if _first_names(callee):
        return None
    counted = _counted(program, callee)
    if counted is not None:
        return (ev.node, callee.name, f"{head}: it has no variable_scope of its own and "
                f"{counted} takes its TF1 name from {fn.name}'s counters; give {callee.name} "
                f"its own variable_scope")
    return None


def _first_names(callee) -> bool:
    """Every name the scope-less ``callee`` takes from its callers' counters is the first of
    its kind there (``dense``, never ``dense_1``) at every call: TF1 re-opening a scope by name
    counts afresh, so the island's own scope at the caller's path gives the same names."""
    if getattr(callee, "uncounted", True) or getattr(callee, "node", None) is None:
        return False
    slots = [entry[2] for entry in callee.footprint if entry[0] == "uniq"]
    return bool(slots) and all(isinstance(s, Slot) and s.name == s.base and s.conflict is None
                               for s in slots)


def _entry_nodes(program, node):
    """The nodes of a function body that run in its entry scope: not inside a ``with`` of a
    named ``variable_scope`` (TF1 counts names afresh in a scope opened by name)."""
    for child in ast.iter_child_nodes(node):
        yield child
        if type(child) is ast.With and any(_named_scope(program, item.context_expr) for item in child.items):
            for item in child.items:
                yield from ast.walk(item.context_expr)
            continue
        yield from _entry_nodes(program, child)


def _named_scope(program, call) -> bool:
    if type(call) is not ast.Call:
        return False
    qual = program.table.resolve(call.func)
    if (classify(canonical_api(qual)) if qual else None) != "variable_scope":
        return False
    bound, _, odd = apis.bind(call, apis.VARIABLE_SCOPE_PARAMS)
    return not odd and not apis.is_none(bound.get("name_or_scope"))


def _counted(program, callee) -> str | None:
    """What in a scope-less function takes a TF1-uniquified name from its caller's scope."""
    for node in _entry_nodes(program, callee.node):
        if type(node) is not ast.Call:
            continue
        if type(node.func) is ast.Name and node.func.id in program.creators \
                and program.creators[node.func.id].own is None:
            return f"{node.func.id} (line {node.lineno}, no variable_scope of its own)"
        qual = program.table.resolve(node.func)
        api = canonical_api(qual) if qual else None
        kind = classify(api) if api else None
        if kind in _COUNTING_KINDS:
            return f"{api} (line {node.lineno})"
        if kind == "variable_scope":
            bound, _, _ = apis.bind(node, apis.VARIABLE_SCOPE_PARAMS)
            if apis.is_none(bound.get("name_or_scope")):
                return f"a default_name scope (line {node.lineno})"
    return None


def hosts(plans) -> dict[str, list[str]]:
    """TF1-form function -> the classes it is a compat island of, in file order."""
    out: dict[str, list[str]] = {}
    for plan in plans.values():
        for res in plan.resources:
            if res.kind == "island":
                names = out.setdefault(res.first.callee.name, [])
                if plan.cls not in names:
                    names.append(plan.cls)
    return out


def partials(plans) -> bool:
    """Whether some island is a template with arguments (``functools.partial``)."""
    return any(res.kind == "island" and res.first.kind == "template" and res.first.kwargs
               for plan in plans.values() for res in plan.resources)


def module_binding(program, module: str) -> tuple[str, str | None]:
    """The name ``module`` (``unscope``, ``functools``) is bound to in the output, and the
    import to add (or None)."""
    aliases = program.table.aliases()
    for bound, target in aliases.items():
        if target == module:
            return bound, None
    used = set(program.globals)
    for fn in program.creators.values():
        used |= {n.id for n in walk(fn.node) if type(n) is ast.Name} | set(fn.arg_nodes)
    if module not in used:
        return module, f"import {module}\n"
    name = f"{module}_"
    while name in used:
        name += "_"
    return name, f"import {module} as {name}\n"
