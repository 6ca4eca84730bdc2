"""Classes made in other files of the run, as callees of this one.

A file B that calls ``layers.dense(x, 8, "fc1")`` (or ``dense(...)`` after ``from .layers
import dense``), where native mode made class ``Dense`` of file A's ``dense``, treats the call
like one of an in-file function: B's function becomes a class that builds ``layers.Dense(...)``
in ``__init__`` and calls it.  What B needs to know about A's function travels as plain data
(:class:`ForeignClass`: picklable, no syntax trees), made by :func:`describe` from A's source
and A's result once A is migrated (:mod:`unscope.native.project_graph` orders the files).

A function with its own ``variable_scope`` has a class that takes the full scope path as an
argument, so it names its variables exactly as TF1 did under any caller's scopes.  One without
is offered when it takes no name from its caller's counters (unnamed layers,
``default_name`` scopes): a class with a path argument, or one naming its variables from the
top level, which only a top-level caller outside any scope may build.  A class that bakes in
its callers' scope defaults, or whose arguments a caller here gives differently than the
class takes them, is not used: that caller stays in TF1 form, with a finding.

    >>> a = '''import tensorflow.compat.v1 as tf
    ... def fc(x, units, scope):
    ...     with tf.variable_scope(scope):
    ...         w = tf.get_variable("w", [x.get_shape()[-1], units])
    ...         return tf.matmul(x, w)
    ... '''
    >>> found = describe(a, "layers.py", [{"function": "fc", "class": "Fc",
    ...                                    "init_args": ["units", "scope"], "call_args": ["x"]}])
    >>> found["fc"].cls, found["fc"].own
    ('Fc', ('scope', None, False))
"""
from __future__ import annotations

import ast
import os
from dataclasses import dataclass

__all__ = ["ForeignClass", "Reference", "PLAIN", "describe", "attach", "callee", "is_plain", "settle",
           "import_classes"]

# The target of a reference to a function of another file that makes no TF1 variables
# (:mod:`unscope.native.project_helpers`): a module calls it as it is.
PLAIN = "plain"


@dataclass(frozen=True)
class ForeignClass:
    """What a caller in another file needs of one class native mode made: the function's
    signature (``header``), how each parameter is taken (``kinds``: init / path / call /
    reuse), its own scope ``(param, literal, default_is_uniq)``, the parameters that name
    scopes (``struct``) and the constructor's path parameter."""

    owner: str
    function: str
    cls: str
    header: str
    kinds: tuple
    own: tuple
    struct: tuple
    path_param: str | None
    path_default: str | None
    fresh_path: bool
    mode: str = "param"   # "root": the class names its variables from the top level
    opens: tuple = ()     # scopes a class without its own opens in its caller's scope, by name
    # names a class without its own scope takes from its caller's counters, ((base, name), ...):
    # as this file's callers resolved them (``dense``), which every other caller must match
    counted: tuple = ()
    # a model class whose ``__init__`` native mode lifted (BERT's BertModel): ``function`` is
    # the class, ``cls`` its module class (BertModelNet) and ``builds`` the keyword of the
    # owner's constructor that takes the module (``net``): a caller builds the module once and
    # the class around it at each call, ``modeling.BertModel(..., net=self.bert)``
    builds: str | None = None


@dataclass(frozen=True)
class Reference:
    """How a file names a function of another file of the run: ``text`` as written at the
    call (``fc``, ``layers.fc``, ``pkg.layers.fc``); ``module``, for a name bound by
    ``from <module> import <function>``, the module as written there (``.layers``), so the
    class can be imported the same way; None for an attribute chain."""

    text: str
    owner: str
    function: str
    module: str | None = None


def describe(source: str, path: str, classes, foreign=()) -> dict:
    """``{function: ForeignClass}`` for the classes of ``classes`` (a file's
    ``NativeResult.classes``) that callers in other files can build; ``foreign`` is what that
    file itself was given (its analysis must match the migration's).  Never raises: a file
    it cannot read offers no class (its callers stay TF1, as when each file runs alone)."""
    try:
        return _describe(source, path, classes, foreign)
    except Exception:   # an analysis bug must not stop the run
        return {}


def _describe(source: str, path: str, classes, foreign=()) -> dict:
    from unscope.native.program import Program
    from unscope.native.scope_defaults import inherit

    wanted = {c["function"]: c for c in classes if "." not in c["function"]}
    lifted = {c["function"]: c for c in classes if c["function"].endswith(".__init__")}
    if not wanted and not lifted:
        return {}
    try:
        program = Program(source, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    out = _lifted_classes(source, path, program.tree, lifted, foreign) if lifted else {}
    if not wanted:
        return out
    attach(program, foreign)
    program.analyse()
    program.classify()
    inherit(program)
    for name, entry in wanted.items():
        fn = program.creators.get(name)
        if fn is None or fn.inherited:
            continue
        if fn.own is None:
            found = _scopeless(program, fn, entry)
            if found is not None:
                kinds, path_param, opens, counted = found
                out[name] = ForeignClass(
                    owner=path, function=name, cls=entry["class"],
                    header=f"def {name}({ast.unparse(fn.node.args)}):\n    pass\n",
                    kinds=tuple(kinds.items()), own=None, struct=tuple(sorted(fn.struct)),
                    path_param=path_param, path_default=None, fresh_path=path_param is not None,
                    mode="root" if path_param is None else "param", opens=opens, counted=counted)
            continue
        found = None if fn.footprint else _entry_kinds(fn, entry)
        if found is not None:
            kinds, path_param = found
            default = fn.defaults.get(fn.own.param) if fn.own.param else None
            out[name] = ForeignClass(
                owner=path, function=name, cls=entry["class"],
                header=f"def {name}({ast.unparse(fn.node.args)}):\n    pass\n",
                kinds=tuple(kinds.items()),
                own=(fn.own.param, fn.own.literal, fn.own.default_is_uniq),
                struct=tuple(sorted(fn.struct)), path_param=path_param,
                path_default=fn.own.literal if fn.own.param is None or default is not None else None,
                fresh_path=fn.own.param is None)
    return out


def _lifted_classes(source, path, tree, entries, foreign) -> dict:
    """``{class: ForeignClass}`` for model classes whose ``__init__`` became a module class
    (``{"function": "BertModel.__init__", "class": "BertModelNet", ...}``): the lifted
    ``__init__`` (:mod:`unscope.native.methods`) is described as the function it became, under
    the class's name.  Offered only when ``__init__`` has its own scope, no ``reuse``
    parameter (a second construction then shares by ``reuse=True``, which a caller here
    cannot see), and the engine took every parameter as this analysis does."""
    from unscope.native.classes_helpers import ForeignHelper
    from unscope.native.methods import lift
    from unscope.native.program import Program
    from unscope.native.scope_defaults import inherit

    helpers = {ref.text: target for ref, target in foreign or () if isinstance(target, ForeignHelper)}
    lifting = lift(source, tree, foreign=helpers)
    if lifting is None:
        return {}
    inits = {f"{c.node.name}.{m.method.name}": m for c in lifting.classes for m in c.methods if m.init is not None}
    program = Program(lifting.source, "<lifted>")
    attach(program, foreign)
    program.analyse()
    program.classify()
    inherit(program)
    out = {}
    for name, entry in entries.items():
        one = inits.get(name)
        fn = program.creators.get(one.function) if one is not None else None
        if fn is None or fn.inherited or fn.own is None or fn.footprint or one.init.reuse is not None:
            continue
        found = _entry_kinds(fn, {**entry, "function": one.function})
        if found is None:
            continue
        kinds, path_param = found
        owner = name.partition(".")[0]
        default = fn.defaults.get(fn.own.param) if fn.own.param else None
        out[owner] = ForeignClass(
            owner=path, function=owner, cls=entry["class"],
            header=f"def {owner}({ast.unparse(fn.node.args)}):\n    pass\n",
            kinds=tuple(kinds.items()), own=(fn.own.param, fn.own.literal, fn.own.default_is_uniq),
            struct=tuple(sorted(fn.struct)), path_param=path_param,
            path_default=fn.own.literal if fn.own.param is None or default is not None else None,
            fresh_path=fn.own.param is None, builds=one.init.slot)
    return out


def _scopeless(program, fn, entry):
    """A class of a function without a ``variable_scope`` of its own: its parameters and its
    path parameter (None: the class names its variables from the top level), or None when
    it takes any name from its caller's counters (unnamed layers, ``default_name`` scopes)."""
    from unscope.native.functions import Fn
    from unscope.native.walk import Walker

    init, call = entry["init_args"], entry["call_args"]
    kinds = {}
    for p in fn.all_params:
        if p in call:
            kinds[p] = "call"
        elif p in init:
            kinds[p] = "init"
        elif p in fn.reuse_params:
            kinds[p] = "reuse"
        else:
            return None
    fresh = [p for p in init if p not in fn.all_params]
    if len(fresh) > 1:
        return None
    probe = Fn(fn.node)   # walked again as a callee: what it takes from the caller's scope
    probe.root = False
    Walker(probe, program).run()
    if probe.reasons or probe.uncounted or fn.uncounted:
        return None
    # the class's counted names are fixed as this file's callers resolved them
    slots = [entry[2] for entry in fn.footprint if entry[0] == "uniq"]
    if len(slots) != sum(entry[0] == "uniq" for entry in probe.footprint) \
            or any(s.name is None or s.conflict for s in slots):
        return None
    opens = tuple(entry[1] for entry in probe.footprint if entry[0] == "open")
    return kinds, (fresh[0] if fresh else None), opens, tuple((s.base, s.name) for s in slots)


def _entry_kinds(fn, entry):
    """The class's parameters as the migration took them, or None where the analysis here
    does not account for every one of them."""
    init, call = entry["init_args"], entry["call_args"]
    kinds = {}
    for p in fn.all_params:
        if p in call:
            kinds[p] = "call"
        elif p in init:
            kinds[p] = "path" if p == fn.own.param else "init"
        elif p in fn.reuse_params:
            kinds[p] = "reuse"
        else:
            return None
    fresh = [p for p in init if p not in fn.all_params]
    if fn.own.param is None:
        return (kinds, fresh[0]) if len(fresh) == 1 else None
    return (kinds, fn.own.param) if not fresh else None


def attach(program, foreign) -> None:
    """Give ``program`` the classes of other files its calls may build: ``foreign`` is
    ``[(Reference, ForeignClass), ...]``.  A reference whose function's name is also
    defined in this file, or names two different classes, is left out (TF1 form, as
    before)."""
    from unscope.native.classes_helpers import ForeignHelper
    from unscope.native.functions import Fn, OwnScope
    from unscope.native.paths import Slot, class_name
    from unscope.native.plan import Plan, fresh

    by_text, by_name, unresolved, plain = {}, {}, {}, set()
    taken = set(program.globals) | {class_name(n) for n in program.functions}
    # a helper class of another file: methods.lift carries it over; one whose constructor makes
    # TF1 variables (a model built at construction that is not offered) is no helper: its calls
    # keep their caller TF1 (settle), never a native caller silently without its variables
    unresolved.update({ref.text: ref for ref, target in foreign or ()
                       if isinstance(target, ForeignHelper) and _init_makes_variables(target)})
    foreign = [(ref, target) for ref, target in foreign or () if not isinstance(target, ForeignHelper)]
    for ref, target in foreign:   # (a helper class of another file: methods.lift carries it over)
        if target == PLAIN:
            plain.add(ref.text)
        elif target is not None:
            by_name.setdefault(target.function, set()).add((target.owner, ref.text))
    for ref, target in foreign:
        if target == PLAIN:
            continue
        if target is None or target.function in program.functions or len(by_name[target.function]) != 1:
            unresolved[ref.text] = ref
            continue
        fn = Fn(ast.parse(target.header).body[0])
        fn.own = OwnScope(None, *target.own) if target.own is not None else None
        fn.footprint = [("open", name) for name in target.opens]
        fn.fixed_counts = bool(target.counted)
        for base, name in target.counted:   # a caller here counting otherwise conflicts
            slot = Slot(base)
            slot.assign(name)
            fn.footprint.append(("uniq", base, slot))
        fn.kinds = dict(target.kinds)
        fn.reuse_params = {p for p, k in target.kinds if k == "reuse"}
        fn.struct = {p: fn.node for p in target.struct}
        plan = Plan(fn)
        plan.mode, plan.path_param = target.mode, target.path_param
        plan.path_default, plan.fresh_path = target.path_default, target.fresh_path
        if ref.module is None:
            plan.cls = ref.text.rpartition(".")[0] + "." + target.cls
        else:   # imported beside the function's import, under another name if this one is taken
            plan.cls = target.cls if target.cls not in taken else fresh(target.cls, taken)
            taken.add(plan.cls)
        fn.foreign = plan
        fn.reference = ref
        fn.target = target
        by_text[ref.text] = fn
    program.foreign = by_text
    program.foreign_unresolved = unresolved
    program.foreign_plain = plain
    program.foreign_shadow = {}


def _init_makes_variables(helper) -> bool:
    """Does the class's ``__init__`` call a TF1 API that makes variables or opens scopes?"""
    from unscope.analyze.constructs import classify
    from unscope.analyze.imports import canonical_api

    try:
        cls = ast.parse(helper.source).body[0]
    except SyntaxError:
        return True
    init = next((m for m in cls.body if type(m) is ast.FunctionDef and m.name == "__init__"), None)
    if init is None:
        return False
    imports = dict(helper.imports)
    for node in ast.walk(init):
        if type(node) is not ast.Call:
            continue
        text = _text(node.func)
        head, _, rest = (text or "").partition(".")
        if head in imports:
            api = canonical_api(imports[head] + ("." + rest if rest else ""))
            if api and classify(api) not in (None, "collection"):
                return True
    return False


def callee(program, func, fn):
    """The foreign class's stand-in :class:`Fn` that the call of ``func`` inside ``fn``
    builds, or None."""
    table = getattr(program, "foreign", None)
    if not table:
        return None
    found = table.get(_text(func))
    if found is None:
        return None
    return None if _root(func) in _shadow(program, fn) else found


def is_plain(program, func) -> bool:
    """Does ``func`` name a function of another file of the run that makes no variables -
    or one the project pass knows (:func:`settle` gives the reason a caller stays TF1)?"""
    text = _text(func)
    return text in getattr(program, "foreign_plain", ()) or text in getattr(program, "foreign_unresolved", ())


def _text(func) -> str | None:
    parts = []
    while type(func) is ast.Attribute:
        parts.append(func.attr)
        func = func.value
    return ".".join([func.id] + parts[::-1]) if type(func) is ast.Name else None


def _root(func) -> str:
    while type(func) is ast.Attribute:
        func = func.value
    return getattr(func, "id", "")


def _shadow(program, fn) -> set:
    shadow = program.foreign_shadow.get(fn.name)
    if shadow is None:
        from unscope.native.program import _local_names

        shadow = program.foreign_shadow[fn.name] = _local_names(fn.node)
    return shadow


def settle(program) -> None:
    """After classification: a caller whose call of a foreign class does not fit it (an
    argument the class takes at construction is a tensor here, or scope-level defaults would
    reach it) stays in TF1 form; the stand-ins get back the class's own parameter kinds."""
    table = getattr(program, "foreign", None)
    unresolved = getattr(program, "foreign_unresolved", None)
    if unresolved:
        for fn in program.creators.values():
            failed = {id(node) for node, _, _ in fn.reasons}
            for node in ast.walk(fn.node):
                if type(node) is not ast.Call or id(node) in failed:
                    continue
                ref = unresolved.get(_text(node.func))
                if ref is not None and _root(node.func) not in _shadow(program, fn):
                    fn.fail(node, ref.text, f"calls {ref.text} ({ref.function} of "
                            f"{os.path.basename(ref.owner)}, another file of this run), which is no "
                            f"module native mode made there and may make TF1 variables it cannot "
                            f"see; kept in TF1 form")
    if not table:
        return
    for fn in program.creators.values():
        for ev in fn.events:
            if ev.kind != "call" or not hasattr(ev.callee, "foreign"):
                continue
            target = ev.callee.target
            name = ev.callee.reference.text
            kinds = dict(target.kinds)
            changed = sorted(p for p in ev.bound if ev.callee.kinds.get(p) != kinds.get(p))
            if changed:
                fn.fail(ev.node, name, f"{name} becomes class {target.cls} of another file, "
                        f"which takes {', '.join(changed)} at construction, but here it is not "
                        f"static; kept in TF1 form")
            if target.mode == "root" and (fn.own is not None or not fn.root or ev.path or ev.loops):
                fn.fail(ev.node, name, f"{name} becomes class {target.cls} of another file, which "
                        f"names its variables from the top level (it has no variable_scope of "
                        f"its own), but here it is called inside a scope; kept in TF1 form")
            keys = sorted(set(ev.scope_kw) | set(fn.inherited))
            if keys:
                fn.fail(ev.node, name, f"{name} becomes class {target.cls} of another file, "
                        f"but the scope-level {'/'.join(keys)} here would reach its variables; "
                        f"kept in TF1 form")
    for stand_in in table.values():
        stand_in.kinds = dict(stand_in.target.kinds)


def import_classes(program, editor, plans) -> None:
    """``from .layers import Fc`` below ``from .layers import fc``, for every class built by a
    function that became a module here (attribute references need no import)."""
    used = {}
    for plan in plans.values():
        for ev in plan.fn.events:
            if ev.kind == "call" and hasattr(ev.callee, "foreign") and ev.callee.reference.module:
                used[ev.callee.reference.text] = ev.callee
    if not used:
        return
    for stmt in program.tree.body:
        if type(stmt) is not ast.ImportFrom:
            continue
        names = []
        module = "." * stmt.level + (stmt.module or "")
        aliases = list(stmt.names)
        if [a.name for a in aliases] == ["*"]:   # from ops import *: the classes by name, beside it
            aliases += [ast.alias(text) for text, s in used.items()
                        if s.reference.module == module and text == s.reference.function]
        for alias in aliases:
            stand_in = used.pop(alias.asname or alias.name, None)
            if stand_in is None:
                continue
            cls = stand_in.target.cls
            local = stand_in.foreign.cls
            names.append(cls if local == cls else f"{cls} as {local}")
        if names:
            indent = " " * stmt.col_offset
            editor.insert(program.source.next_line_start(stmt.end_lineno),
                          f"{indent}from {module} import {', '.join(names)}\n")

