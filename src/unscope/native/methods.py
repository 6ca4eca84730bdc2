"""Model classes whose methods make variables (2018 style) become classes that own modules.

    class GAN(object):                               class Discriminator(nn.Module):
        def __init__(self, df_dim=4):                    def __init__(self, df_dim, name="discriminator"):
            self.df_dim = df_dim                             ...
                                                 ->  class GAN(nn.Module):
        def discriminator(self, image, reuse=False):     _discriminator = None
            with tf.variable_scope("discriminator")...
                                                         def __init__(self, df_dim=4):
                                                             super().__init__()
                                                             self.df_dim = df_dim

                                                         def discriminator(self, image, reuse=False):
                                                             if self._discriminator is None:
                                                                 self._discriminator = Discriminator(df_dim=self.df_dim)
                                                             return self._discriminator(image)

How: each such method is *lifted* to a module-level function (``self.df_dim`` becomes a
parameter ``df_dim=None``) that the function engine turns into a class like any other (the
owner always passes ``df_dim``, so the class requires it); the
method then builds that module on its first call (reading ``self`` then, as TF1 read it on the
call that made the variables) and calls it, so ``reuse=True`` calls are the same instance. The
class becomes an ``nn.Module`` that holds them, so ``tf.trainable_variables()`` and
``tf.get_collection(..., scope=)`` in its other methods become ``nn.variables_under(self, ...)``.

Three shapes of real code have their own module: an ``__init__`` that builds the towers (RL
policies: :mod:`unscope.native.classes_init`), callable helper objects ``__init__`` builds and
the methods call (DCGAN's ``batch_norm``: :mod:`unscope.native.classes_helpers`), and a plain
project base class storing ``self.name`` (DDPG's ``Model``: :mod:`unscope.native.classes_bases`;
a class storing its own ``self.name = name`` is named the same way).

Only what can be proven: a class (no base but ``object`` or such a plain base, no decorators)
whose variable-making methods read ``self`` only as plain attributes (and call its helpers),
whose other methods open no scopes and read only variable lists, and that no other class
extends and no code outside reads TF1 collections about. Anything else: :func:`lift` returns
nothing for the class and the engine keeps it in TF1 form with its finding.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from unscope.migrate.parses import parents as parents_of, walk
from unscope.analyze.constructs import classify
from unscope.analyze.imports import ImportTable, canonical_api
from unscope.native import apis
from unscope.native.classes_bases import Base, calls_base_init, plain_base, rewrite_base, variable_list_read
from unscope.native.classes_helpers import foreign_helpers, helper_function, helper_uses, helpers
from unscope.native.classes_family import configuring, family as below, in_file_base
from unscope.native.classes_prefix import own_names, prefix_clash, scope_attributes, scope_names
from unscope.native.classes_shared import Sharing, share, sharings, synthetic_spots
from unscope.native.classes_init import (InitLift, analyse_init, family_twins, forwards, owner_init, reuse_edits,
                                         snake)
from unscope.native.paths import _RESERVED

__all__ = ["Lifting", "NotLiftable", "lift", "place", "reasons"]

MARKER = "# unscope: methods lifted for native mode"
_CREATING = frozenset({"get_variable", "make_template", "variable", "rnn_cell", "variable_scope"})


@dataclass
class Lifted:
    method: ast.FunctionDef
    function: str            # the module-level function it became
    params: list             # the method's parameters, without self
    attrs: list              # the self attributes it reads
    slot: str                # the attribute holding the module
    init: InitLift | None = None   # a lifted __init__ (see unscope.native.classes_init)
    helper_calls: list = field(default_factory=list)   # (call, HelperUse): self.d_bn1(h)
    scope_default: str | None = None   # reads self.name (a plain base's scope): the function's default
    stored: list = field(default_factory=list)   # self attributes it stores (DCGAN's self.h0_w): owner.h0_w
    scope_attrs: dict = field(default_factory=dict)   # self.scope (stored from scope="adversary"): its default
    shares: Sharing | None = None   # it reuses another method's variables (DCGAN's sampler)


@dataclass
class LiftedClass:
    node: ast.ClassDef
    methods: list
    selections: list = field(default_factory=list)   # (call node, scope node or None, trainable)
    helpers: dict = field(default_factory=dict)      # attr -> HelperUse (unscope.native.classes_helpers)
    base: Base | None = None                         # a plain project base (unscope.native.classes_bases)
    own_name: ast.Assign | None = None               # its __init__'s self.name = name (the scope)

    @property
    def named(self) -> bool:
        """``self.name`` is the TF1 scope (nn.Module's ``scope_name``)."""
        return self.base is not None or self.own_name is not None


@dataclass
class Lifting:
    source: str               # the file with lifted methods as module-level functions
    classes: list
    names: frozenset          # the lifted functions' names
    helpers: list = field(default_factory=list)   # the Helper classes whose __call__ was lifted
    bases: list = field(default_factory=list)     # the plain Base classes under lifted classes


class NotLiftable(Exception):
    """Why a class keeps its TF1 methods (the engine's finding for them says it)."""


def reasons(source: str, tree: ast.Module) -> dict[str, str]:
    """``{"Class": why its methods stay TF1}`` for classes with variable-making methods."""
    out: dict[str, str] = {}
    lift(source, tree, out)
    return out


def lift(source: str, tree: ast.Module, why: dict | None = None, foreign=None) -> Lifting | None:
    """The file with every liftable class's variable-making methods as functions, or None.
    ``why`` collects, per class left alone, the reason; ``foreign``: helper classes of other
    files of the run this file may build (local name -> ``ForeignHelper``)."""
    why = {} if why is None else why
    table = ImportTable.from_tree(tree)

    def api(node):
        qual = table.resolve(node.func) if type(node) is ast.Call else None
        return canonical_api(qual) if qual else None

    def creates(node) -> bool:
        for n in walk(node):
            a = api(n)
            kind = classify(a) if a else None
            if kind in _CREATING or (kind == "layer" and (apis.LAYERS.get(a) is None or apis.LAYERS[a].variables)):
                return True
        return False

    globals_ = {n for s in tree.body for n in _bound(s)}
    outside_reads = False
    classes = [s for s in tree.body if type(s) is ast.ClassDef]
    for stmt in tree.body:
        if type(stmt) is not ast.ClassDef and any(
                (classify(api(n)) if api(n) else None) == "collection" for n in walk(stmt)):
            outside_reads = True
    extended = {b.id for c in walk(tree) if type(c) is ast.ClassDef for b in c.bases if type(b) is ast.Name}
    lifted, taken = [], set(globals_)
    callable_helpers = helpers(tree, creates, taken)
    for name, helper in foreign_helpers(foreign or {}, tree, creates, taken).items():
        callable_helpers.setdefault(name, helper)
    bases = _bases(classes, tree, api, creates)
    by_name = {c.name: c for c in classes}
    for cls in classes:
        if cls.name in callable_helpers or isinstance(bases.get(cls.name), Base):
            continue
        if _configures(cls, by_name, bases, api, creates) is None:
            continue   # it keeps its text: its model class's native methods are inherited
        try:
            if outside_reads:
                raise NotLiftable("code outside the class reads TF1 variable collections")
            if cls.name in extended:
                for sub in below(cls, classes):
                    why_not = _configures(sub, by_name, bases, api, creates, cls)
                    if why_not is not None:
                        raise NotLiftable(f"another class extends {cls.name}: {sub.name} {why_not}")
            found = _liftable(cls, api, creates, taken, tree, callable_helpers, source, bases)
            init_lift = next((m.init for m in found.methods if m.init is not None), None) if found else None
            if init_lift is not None and cls.name in extended:   # its subclasses' constructions share too
                for sub in below(cls, classes):
                    why_not = forwards(sub, in_file_base(sub, by_name).name)
                    if why_not is not None:
                        raise NotLiftable(f"another class extends {cls.name}, whose __init__ makes the "
                                          f"variables: {sub.name} {why_not}")
                    init_lift.twins += family_twins(sub, cls, tree, init_lift, _refuse)
        except NotLiftable as exc:
            why[cls.name] = str(exc)
            continue
        if found is not None:
            lifted.append(found)
            taken |= {m.function for m in found.methods}
    lifted = _prefix_safe(lifted, tree, why)
    lifted = _whole_families(lifted, bases, why)
    for cls in list(lifted):   # a class TF1 code of the file builds keeps that code's scopes: TF1 too
        builders = [u for u in _users(tree, cls.node.name) if u in why]
        if builders:
            why[cls.node.name] = (f"{cls.node.name} is built by {', '.join(builders)}, which stays TF1 "
                                  f"(its variables take the scopes open where it is called)")
            lifted.remove(cls)
    used = {u.helper.node.name for c in lifted for u in c.helpers.values()}
    alone = []   # helpers whose native form is only their function's class (see _scoped_init)
    for name, helper in callable_helpers.items():   # a helper no lifted class builds: an owner like any
        if name in used or helper.lines is not None:   # (another file's: that file's own)
            continue
        try:
            above = source.split("\n")[helper.node.lineno - 2] if helper.node.lineno > 1 else ""
            native = above.rpartition("; ")[2].partition(" above is its native form")[0]
            if above.startswith(f"# {name}: ") and native in globals_:
                raise NotLiftable(f"{name} is kept as TF1 code for callers elsewhere and its class "
                                  f"{native} is already here")
            builders = _users(tree, name)
            if builders:   # TF1 code calls it under its own scopes, which name its variables
                raise NotLiftable(f"{name} is built by {', '.join(builders)}, which stays TF1 "
                                  f"(its variables take the scopes open where it is called)")
            if outside_reads:
                raise NotLiftable("code outside the class reads TF1 variable collections")
            if _scoped_init(helper):
                alone.append(name)
                continue
            found = _liftable(helper.node, api, creates, taken, tree, {}, source)
        except NotLiftable as exc:
            why[name] = str(exc)
            continue
        if found is not None:
            lifted.append(found)
            taken |= {m.function for m in found.methods}
    if not lifted and not alone:
        return None
    kept = [h for name, h in callable_helpers.items() if name in used or name in alone]
    names = frozenset(m.function for c in lifted for m in c.methods) | {h.function for h in kept}
    family = [b for b in bases.values() if isinstance(b, Base) and b.subclasses]
    return Lifting(_synthetic(source, lifted, kept), lifted, names, kept, family)


def _configures(cls, by_name, bases, api, creates, root=None) -> str | None:
    """None when ``cls`` only configures an in-file model class ``root`` (by default its
    nearest ancestor that makes variables; see :mod:`unscope.native.classes_family`), else why not."""
    base = in_file_base(cls, by_name)
    if base is None or isinstance(bases.get(base.name), Base):
        return "extends no model class of the file"
    if root is None:
        root, seen = base, {cls.name}
        while not creates(root) and in_file_base(root, by_name) is not None and root.name not in seen:
            seen.add(root.name)
            root = in_file_base(root, by_name)
        if not creates(root):
            return f"extends {base.name}, which makes no variables"
    return configuring(cls, base, root, api, creates)


def _users(tree, name) -> list:
    """The top-level classes and functions, other than ``name`` itself, that mention ``name``."""
    return [s.name for s in tree.body if type(s) in (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
            and s.name != name and any(type(n) is ast.Name and n.id == name for n in walk(s))]


def _bases(classes, tree, api, creates) -> dict:
    """``{name: Base or the reason it is none}`` for the classes others in the file extend."""
    by_name = {c.name: c for c in classes}
    out = {}
    for cls in classes:
        for b in cls.bases:
            if type(b) is ast.Name and b.id in by_name and b.id not in out:
                try:
                    out[b.id] = plain_base(by_name[b.id], tree, api, creates, _refuse)
                except NotLiftable as exc:
                    out[b.id] = str(exc)
                    continue
                out[b.id].extended = [c for c in classes if any(type(x) is ast.Name and x.id == b.id
                                                                 for x in c.bases)]
    return out


def _prefix_safe(lifted, tree, why) -> list:
    """Classes whose variable lists TF1 would fill from other objects too stay TF1
    (see :mod:`unscope.native.classes_prefix`)."""
    names = None
    out = []
    for cls in lifted:
        scopes = [scope for _, scope, _ in cls.selections + (cls.base.selections if cls.base else [])
                  if scope is not None]
        if not scopes:
            out.append(cls)
            continue
        names = scope_names(tree) if names is None else names
        selected = {s.value for s in scopes if type(s) is ast.Constant}
        params = {a: p for a, (p, _) in scope_attributes(cls.node).items()}
        for s in scopes:
            if type(s) is ast.Attribute:
                selected |= own_names(tree, {cls.node.name}, params.get(s.attr, "name"))
        clash = prefix_clash(selected, names)
        if clash is None:
            out.append(cls)
        else:
            why[cls.node.name] = clash
    return out


def _whole_families(lifted, bases, why) -> list:
    """A plain base becomes an ``nn.Module`` only when every class extending it is lifted."""
    for name, base in bases.items():
        if not isinstance(base, Base):
            continue
        subs = [c for c in lifted if c.base is base]
        tf1 = [c.name for c in base.extended if c not in [s.node for s in subs]]
        if tf1:
            for c in subs:
                why[c.node.name] = f"its base {name} is also the base of {', '.join(tf1)}, which stays TF1"
            lifted = [c for c in lifted if c.base is not base]
        else:
            base.subclasses = [c.node for c in subs]
    return lifted



def _liftable(cls: ast.ClassDef, api, creates, taken, tree, callable_helpers, source,
              bases=None) -> LiftedClass | None:
    bases = bases or {}
    base = None
    if len(cls.bases) == 1 and type(cls.bases[0]) is ast.Name and cls.bases[0].id in bases \
            and not cls.decorator_list and not cls.keywords:
        base = bases[cls.bases[0].id]
        if not isinstance(base, Base):
            raise NotLiftable(base)
    elif cls.decorator_list or cls.keywords or not all(type(b) is ast.Name and b.id == "object" for b in cls.bases):
        raise NotLiftable("the class has a base class or decorators")
    methods = {m.name: m for m in cls.body if type(m) is ast.FunctionDef}
    if len(methods) != sum(type(s) is not ast.Expr for s in cls.body):   # only methods (and a docstring)
        raise NotLiftable("the class body holds more than methods")
    stores = {n.attr for m in methods.values() for n in walk(m)
              if type(n) is ast.Attribute and type(n.value) is ast.Name and n.value.id == "self"}
    reserved = (stores | set(methods)) & _RESERVED
    init = methods.get("__init__")
    own_name = _own_name(init, cls) if base is None else None
    name_stores = [n for n in walk(cls) if type(n) is ast.Attribute and n.attr == "name"
                   and type(n.value) is ast.Name and n.value.id == "self" and type(n.ctx) is not ast.Load]
    if base is not None and base.stores_name and not name_stores or own_name is not None:
        reserved -= {"name"}   # the scope, read only: nn.Module's scope_name
    if reserved:
        raise NotLiftable(f"it uses {', '.join(sorted(reserved))}, which tf.Module reserves")
    if base is not None and init is not None and not calls_base_init(init, cls, base.node.name):
        raise NotLiftable(f"__init__ does not start by calling {base.node.name}.__init__ (or calls super() again)")
    if base is None and init is not None and any(type(n) is ast.Call and type(n.func) is ast.Name
                                                 and n.func.id == "super" for n in walk(init)):
        raise NotLiftable("__init__ calls super()")
    out = LiftedClass(cls, [], base=base, own_name=own_name)
    out.helpers = helper_uses(cls, callable_helpers, _refuse, source,
                              {c.name for c in tree.body if type(c) is ast.ClassDef and creates(c)})
    if init is not None and creates(init):
        if out.helpers or out.named:
            raise NotLiftable("__init__ makes variables and builds callable helpers or has a base class")
        out.methods.append(_init(cls, init, tree, api, taken))
        taken.add(out.methods[-1].function)
    calls_helper = {m.name for m in methods.values() for n in walk(m)
                    if type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr in out.helpers
                    and type(n.func.value) is ast.Name and n.func.value.id == "self"}
    for name, m in methods.items():
        if name == "__init__":
            continue
        if not creates(m) and name not in calls_helper:
            if any(type(n) is ast.Attribute and n.attr in out.helpers for n in walk(m)):
                raise NotLiftable(f"{name} uses a callable helper other than by calling it")
            if not _other_method(m, api, out):
                raise NotLiftable(f"{name} uses TF1 variable machinery other than variable lists")
            continue
        one = _method(m, set(methods), api, taken, out.helpers, cls, out.named)
        if one.slot in stores:
            raise NotLiftable(f"the class already has an attribute {one.slot}")
        taken.add(one.function)
        out.methods.append(one)
    for found in sharings(out.methods, api):   # sampler reuses generator's scope: it holds its modules
        next(one for one in out.methods if one.function == found.function).shares = found
    for one in out.methods:   # a module reads its attributes once, when built: not what a method stores
        for other in out.methods:
            clash = sorted(set(one.stored) & set(other.attrs))
            if clash:
                raise NotLiftable(f"{other.method.name} reads self.{clash[0]}, which {one.method.name} stores "
                                  f"on every call")
    return out if out.methods else None


def _refuse(message):
    raise NotLiftable(message)


def _init(cls: ast.ClassDef, init: ast.FunctionDef, tree, api, taken) -> Lifted:
    """``__init__`` builds the towers: lifted whole (see :mod:`unscope.native.classes_init`)."""
    def refuse(message):
        raise NotLiftable(message)

    lift_ = analyse_init(cls, init, tree, refuse, api)
    others = [c for c in walk(tree) if type(c) is ast.ClassDef and c is not cls]
    for call, _ in lift_.twins:
        if any(c.lineno <= call.lineno <= c.end_lineno for c in others):
            refuse(f"{cls.name}(..., reuse=True) at line {call.lineno} is made inside another class")
    function = f"{snake(cls.name)}_{lift_.slot}"
    if function in taken:
        refuse(f"__init__ makes variables and the module already has a name {function}")
    return Lifted(init, function, [p.arg for p in init.args.args[1:]], [], lift_.slot, lift_)


def _method(m: ast.FunctionDef, method_names, api, taken, uses=None, cls=None, named=False) -> Lifted:
    a = m.args
    if m.decorator_list or a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or not a.args \
            or a.args[0].arg != "self":
        raise NotLiftable(f"{m.name} is decorated or takes other than plain parameters after self")
    parents = parents_of(m)
    attrs, helper_calls = [], []
    uses = uses or {}
    stored = _stored_attrs(m, parents, method_names, uses)
    for n in walk(m):
        if type(n) is ast.Name and n.id == "self" and n is not a.args[0]:
            parent = parents.get(n)
            if type(parent) is ast.Attribute and parent.attr in uses:
                call = parents.get(parent)
                if type(call) is not ast.Call or call.func is not parent or any(k.arg is None for k in call.keywords):
                    raise NotLiftable(f"{m.name} uses self.{parent.attr} other than by calling it "
                                      f"(line {n.lineno})")
                helper_calls.append((call, uses[parent.attr]))
                continue
            if type(parent) is ast.Attribute and parent.attr in stored and parent.lineno == parent.end_lineno:
                continue   # owner.h0 = ...: the module stores it on the object that called it, as TF1 did
            if type(parent) is not ast.Attribute or type(parent.ctx) is not ast.Load \
                    or parent.attr in method_names or parent.lineno != parent.end_lineno:
                raise NotLiftable(f"{m.name} uses self other than by reading plain attributes "
                                  f"(line {n.lineno})")
            if parent.attr not in attrs:
                attrs.append(parent.attr)
        elif type(n) in (ast.FunctionDef, ast.Lambda, ast.ClassDef) and n is not m:
            raise NotLiftable(f"{m.name} defines a nested function or class")
    params = [p.arg for p in a.args[1:]]
    names = {n.id for n in walk(m) if type(n) is ast.Name} | set(params)
    if set(attrs) & names:
        raise NotLiftable(f"{m.name} has a local named like an attribute it reads")
    if stored and OWNER in names | set(attrs):
        raise NotLiftable(f"{m.name} stores on self and has a local or attribute named {OWNER}")
    if {u.helper.function for _, u in helper_calls} & names:
        raise NotLiftable(f"{m.name} has a local named like a callable helper's function")
    function, slot = m.name, f"_{m.name}"
    if m.name == "__call__":   # the class is called: its module is the class's net
        function, slot = f"{snake(cls.name)}_net", "_net"
    if function in taken:
        raise NotLiftable(f"the module already has a name {function}")
    scope_default = None
    if named and "name" in attrs:
        init = next((s for s in cls.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)
        scope_default = _name_default(init) or snake(cls.name)
    scopes = {n.args[0].attr for n in walk(m) if type(n) is ast.Call and n.args
              and (getattr(n.func, "attr", None) or getattr(n.func, "id", None)) == "variable_scope"
              and type(n.args[0]) is ast.Attribute and type(n.args[0].value) is ast.Name
              and n.args[0].value.id == "self"}
    scope_attrs = {a: d for a, (_, d) in scope_attributes(cls).items() if a in attrs and a in scopes} if cls else {}
    return Lifted(m, function, params, attrs, slot, helper_calls=helper_calls, scope_default=scope_default,
                  stored=stored, scope_attrs=scope_attrs)


OWNER = "owner"   # the lifted function's parameter standing for the object whose method it was


def _stored_attrs(m: ast.FunctionDef, parents, method_names, uses) -> list:
    """The attributes ``m`` stores on ``self`` by plain assignment (``self.h0 = ...``,
    ``self.z_, self.h0_w, self.h0_b = linear(...)``), each also read there as ``owner.h0``."""
    out = []
    for n in walk(m):
        if type(n) is ast.Attribute and type(n.ctx) is ast.Store and type(n.value) is ast.Name \
                and n.value.id == "self":
            up = parents.get(n)
            if type(up) is ast.Tuple:
                up = parents.get(up)
            if type(up) is not ast.Assign or n.attr in method_names or n.attr in uses or n.attr in _RESERVED:
                continue   # refused below as any other use of self
            if n.attr not in out:
                out.append(n.attr)
    return out


def _scoped_init(helper) -> bool:
    """A helper whose ``__init__`` stores its parameters inside a ``variable_scope`` that makes
    nothing (DCGAN's ``batch_norm``: ``with tf.variable_scope(name): self.name = name``), built
    by no class of its file. TF1 names its variables where it is *called*, under the caller's
    scopes (``discriminator/d_bn1/gamma``), so no class named ``name`` from the top level is its
    twin: its native form is the class of its ``__call__`` as a function (the path is the
    caller's), which a native caller builds, and the class stays, as TF1 code, for callers
    elsewhere - TF1 code there keeps TF1's names."""
    init = next((s for s in helper.node.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)
    return init is not None and any(type(s) is ast.With for s in init.body)


def _own_name(init, cls):
    """``self.name = name`` in ``__init__``'s body, ``name`` a parameter nothing reassigns, and
    no other store of ``self.name`` in the class: the class names its scope ``name``."""
    if init is None or "name" not in [a.arg for a in init.args.args[1:]]:
        return None
    found = [s for s in init.body if type(s) is ast.Assign and len(s.targets) == 1
             and type(s.targets[0]) is ast.Attribute and s.targets[0].attr == "name"
             and type(s.targets[0].value) is ast.Name and s.targets[0].value.id == "self"
             and type(s.value) is ast.Name and s.value.id == "name"]
    stores = [n for n in walk(cls) if type(n) is ast.Attribute and n.attr == "name" and type(n.ctx) is not ast.Load
              and type(n.value) is ast.Name and n.value.id == "self"]
    rebound = [n for n in walk(init) if type(n) is ast.Name and n.id == "name" and type(n.ctx) is not ast.Load]
    if len(found) != 1 or len(stores) != 1 or rebound or found[0].lineno != found[0].end_lineno:
        return None
    return found[0]


def _name_default(init):
    """The literal default of ``__init__``'s ``name`` parameter, or None."""
    if init is None:
        return None
    args = init.args.args
    for a, d in zip(args[len(args) - len(init.args.defaults):], init.args.defaults):
        if a.arg == "name" and type(d) is ast.Constant and isinstance(d.value, str):
            return d.value
    return None


def _other_method(m: ast.FunctionDef, api, out: LiftedClass) -> bool:
    """A method that makes no variables: it may read variable lists, nothing else of TF1's."""
    for n in walk(m):
        a = api(n)
        kind = classify(a) if a else None
        if kind is None or kind == "layer":
            continue
        if kind != "collection":
            return False
        found = variable_list_read(n, a)
        if found is None:
            return False
        scope, odd, trainable = found
        self_name = type(scope) is ast.Attribute and type(scope.value) is ast.Name and scope.value.id == "self" \
            and (scope.attr == "name" and out.named or scope.attr in scope_attributes(out.node))
        if odd or scope is not None and not (type(scope) is ast.Constant and isinstance(scope.value, str)) \
                and not self_name:
            return False
        out.selections.append((n, scope, trainable))
    return True


def _synthetic(source: str, lifted: list, kept_helpers=()) -> str:
    """Lifted methods become blank lines in their class (a ``pass`` method keeps its name) and
    module-level functions after :data:`MARKER`; every other line keeps its number."""
    lines = source.split("\n")
    tail = ["", "", MARKER]
    for cls in lifted:
        for one in cls.methods:
            m = one.method
            indent = m.col_offset
            first, last = m.lineno - 1, m.end_lineno
            text = [line[indent:] if line[:indent].strip() == "" else line for line in lines[first:last]]
            # self.attr -> attr, self.d_bn1(h) -> batch_norm_(h, name="d_bn1"); right to left
            helper_funcs = {id(call.func) for call, _ in one.helper_calls}
            spots = [(n.lineno - 1 - first, n.col_offset - indent, n.end_col_offset - indent,
                      f"{OWNER}.{n.attr}" if n.attr in one.stored else n.attr)
                     for n in walk(m) if type(n) is ast.Attribute and type(n.value) is ast.Name
                     and n.value.id == "self" and id(n) not in helper_funcs]
            for call, use in one.helper_calls:
                spots.append((call.func.lineno - 1 - first, call.func.col_offset - indent,
                              call.func.end_col_offset - indent, use.helper.function))
                at = call.end_col_offset - 1 - indent
                spots.append((call.end_lineno - 1 - first, at, at,
                              (", " if call.args or call.keywords else "") + use.keywords))
            if one.shares is not None:
                spots += synthetic_spots(one.shares, first, indent, text)
            for row, lo, hi, attr in sorted(spots, reverse=True):
                text[row] = text[row][:lo] + attr + text[row][hi:]
            head_rows = m.body[0].lineno - m.lineno
            params = ast.unparse(ast.arguments(posonlyargs=[], args=m.args.args[1:], vararg=None, kwonlyargs=[],
                                               kw_defaults=[], kwarg=None, defaults=m.args.defaults))
            # a base's scope (self.name) gets a literal default: the engine needs one for a scope
            order = sorted(one.attrs, key=lambda a: a == "name" and one.scope_default is not None
                           or a in one.scope_attrs)
            extra = ", ".join(f'{attr}="{one.scope_default}"' if attr == "name" and one.scope_default
                              else f"{attr}={one.scope_attrs[attr]!r}" if attr in one.scope_attrs
                              else f"{attr}=None" for attr in order)
            header = f"def {one.function}({', '.join(p for p in (OWNER if one.stored else '', params, extra) if p)}):"
            if one.init is not None:   # the attributes __init__ stored are what the function returns
                for line in one.init.plain:
                    text[line - 1 - first] = ""
                text.append(" " * (m.body[0].col_offset - indent) + "return " + ", ".join(one.init.stores))
            tail.extend([header] + [""] * (head_rows - 1) + text[head_rows:] + ["", ""])
            lines[first] = " " * indent + f"def {m.name}(self): pass"
            for i in range(first + 1, last):
                lines[i] = ""
    helper_text = [line for helper in kept_helpers for line in helper_function(helper, helper.lines or lines)]
    tail[3:3] = helper_text   # before the methods: their modules hold the helpers' modules
    for helper in (h for h in kept_helpers if h.lines is None):   # place() puts the class back whole, as TF1 code
        for m in (s for s in helper.node.body if type(s) is ast.FunctionDef):
            lines[m.lineno - 1] = " " * m.col_offset + f"def {m.name}(self): pass"
            for i in range(m.lineno, m.end_lineno):
                lines[i] = ""
    reuse_edits(lines, [one.init for cls in lifted for one in cls.methods if one.init is not None])
    return "\n".join(lines).rstrip("\n") + "\n" + "\n".join(tail).rstrip("\n") + "\n"


def place(code: str, original: str, lifting: Lifting, classes: list, why: dict | None = None) -> str | None:
    """Move the lifted classes above their owner and rewrite the owner; None when a lifted
    method's module needs structure its call cannot give (then the class stays TF1; ``why``
    gets the class's reason where one is known)."""
    at = code.find("\n" + MARKER + "\n")
    if at < 0:
        return None
    head, tail = code[:at].rstrip("\n") + "\n", code[at + len(MARKER) + 2:].strip("\n") + "\n"
    made = {c["function"]: c for c in classes}
    tail = _required_attrs(tail, lifting, made)
    # a lifted __init__'s ``self.n = n`` lines stay in the owner; their blank rows must not open a body
    tail = re.sub(r"(\n *def __call__\(.*\):\n)(?: *\n)+", r"\1", tail)
    nn = re.search(r"class \w+\((\w+)\.Module\)", tail)
    if nn is None:
        return None
    nn = nn.group(1)
    for cls, one in ((cls, one) for cls in lifting.classes for one in cls.methods if one.shares is not None):
        note = []
        tail = share(tail, one.shares, made, nn, note)   # made's entry: the constructor taking the sharee's module
        if tail is None:
            if note and why is not None:
                why[cls.node.name] = note[0].replace(one.function, one.method.name).replace(
                    one.shares.sharee, next((m.method.name for m in cls.methods if m.function == one.shares.sharee),
                                            one.shares.sharee))
            return None
    src_lines = original.split("\n")
    tree = ast.parse(head)
    owners = {s.name: s for s in tree.body if type(s) is ast.ClassDef}
    out_lines = head.split("\n")
    kept = []   # the helper classes, as TF1 code for callers elsewhere: below their native forms
    for cls in sorted(lifting.classes + lifting.helpers + lifting.bases, key=lambda c: -c.node.lineno):
        if cls in lifting.bases:
            slots = [one.slot for c in lifting.classes if c.base is cls for one in c.methods]
            text = rewrite_base(cls, src_lines, nn, slots)
            if text is None:
                return None
        elif cls in lifting.helpers:
            entry = made.get(cls.function)
            if entry is None:
                return None
            if cls.lines is not None:   # another file's: its TF1 class stays there
                continue
            kept[:0] = [f"# {cls.node.name}: public, kept as TF1 code for callers elsewhere; {entry['class']} "
                        f"above is its native form"] + src_lines[cls.node.lineno - 1:cls.node.end_lineno] + ["", ""]
            text = None
        else:
            text = _rewrite(cls, src_lines, made, nn)
            if text is None:
                return None
        owner = owners[cls.node.name]
        end = owner.end_lineno   # a lifted last method left blank lines: keep two at most
        while end < len(out_lines) and out_lines[end].strip() == "":
            end += 1
        if end == len(out_lines):   # the file ends with the class: its newline stays
            end = owner.end_lineno
        gap = [""] * min(end - owner.end_lineno, 2)
        out_lines[owner.lineno - 1:end] = text.split("\n") + gap if text is not None else []
    head = "\n".join(out_lines)
    tree = ast.parse(head)
    lines = head.split("\n")
    if lifting.classes:
        owner = next(s for s in tree.body if type(s) is ast.ClassDef and s.name in {c.node.name for c in lifting.classes})
        start = owner.lineno - 1
    else:   # helpers alone: their native forms and TF1 classes stand where the first one stood
        start = min(owners[h.node.name].lineno for h in lifting.helpers) - 1
    return "\n".join(lines[:start] + tail.rstrip("\n").split("\n") + ["", ""] + kept + lines[start:])


def _required_attrs(tail: str, lifting: Lifting, made: dict) -> str:
    """``def __init__(self, df_dim=None, ...)`` -> ``(self, df_dim, ...)``: the owner always
    passes the attributes; the ``None`` only made the function engine see them as structure."""
    lines = tail.split("\n")
    for cls in lifting.classes:
        for one in cls.methods:
            entry = made.get(one.function)
            if entry is None:
                continue
            start = next((i for i, line in enumerate(lines) if line.startswith(f"class {entry['class']}(")), None)
            if start is None or start + 1 >= len(lines) or "def __init__(self" not in lines[start + 1] \
                    or not lines[start + 1].rstrip().endswith(":"):
                continue
            line = lines[start + 1]
            for attr in one.attrs:
                line = re.sub(rf"\b{re.escape(attr)}=None\b", attr, line)
            try:   # a required one after a parameter with a default (reuse=False) keeps its None
                ast.parse(line.strip() + " pass")
            except SyntaxError:
                continue
            lines[start + 1] = line
    return "\n".join(lines)


def scope_of(said: str) -> str:
    return "self.scope_name" if said == "self.name" else said


def _rewrite(cls: LiftedClass, lines: list, made: dict, nn: str) -> str | None:
    node = cls.node
    text = lines[node.lineno - 1:node.end_lineno]
    base = node.lineno
    edits = []   # (row, col_lo, col_hi, new) within text; whole-row replacements use col None

    def row(n):
        return n - base

    header = text[0]
    m = re.match(r"(\s*class\s+\w+)\s*(\(\s*(object)?\s*\))?\s*:", header)
    if cls.base is None:
        if m is None:
            return None
        edits.append((0, 0, m.end(), f"{m.group(1)}({nn}.Module):"))
    scope = {"name": "self.scope_name"} if cls.named else {}   # what self.a reads: self.name is the scope
    if cls.named:
        spans = [(one.method.lineno, one.method.end_lineno) for one in cls.methods]
        within = {id(x) for c, _, _ in cls.selections for x in walk(c)}   # those calls are rewritten whole
        for n in walk(node):
            if type(n) is ast.Attribute and n.attr == "name" and type(n.value) is ast.Name and n.value.id == "self" \
                    and not any(lo <= n.lineno <= hi for lo, hi in spans) and id(n) not in within:
                edits.append((row(n.lineno), n.col_offset, n.end_col_offset, "self.scope_name"))
    inner = " " * node.body[0].col_offset
    first_stmt = node.body[0]
    is_doc = type(first_stmt) is ast.Expr and type(first_stmt.value) is ast.Constant
    after = row(first_stmt.end_lineno) + 1 if is_doc else 1
    slots = [f"{inner}{one.slot} = None  # {made[one.function]['class']}, made on the first call"
             for one in cls.methods if one.init is None and one.function in made]
    gap = [""] if after >= len(text) or text[after].strip() else []   # a blank line follows already
    inserts = {after: slots + gap} if slots else {}
    init = next((s for s in node.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)
    replaced = {}
    lifted_init = next((one for one in cls.methods if one.init is not None), None)
    if lifted_init is not None:
        entry = made.get(lifted_init.function)
        new = owner_init(init, lifted_init.init, entry, " " * init.col_offset, nn) if entry else None
        if new is None:
            return None
        replaced[row(init.lineno)] = (row(init.end_lineno), new)
    elif init is not None and cls.base is None:   # a base's __init__, called first, makes the module
        body0 = init.body[0]
        doc = type(body0) is ast.Expr and type(body0.value) is ast.Constant and isinstance(body0.value.value, str)
        at = row(body0.end_lineno) + 1 if doc else row(body0.lineno)
        own = "name=name" if cls.own_name is not None else ""   # self.name = name: the module's scope
        inserts.setdefault(at, []).append(" " * body0.col_offset + f"super().__init__({own})")
        if cls.own_name is not None:
            replaced[row(cls.own_name.lineno)] = (row(cls.own_name.lineno), [])
    for use in cls.helpers.values():   # self.d_bn1 = batch_norm(...): the method's module holds it now
        replaced[row(use.line)] = (row(use.end), [])
    for one in cls.methods:
        if one.init is not None:
            continue
        entry = made.get(one.function)
        if entry is None:
            return None
        # sampler reusing generator's variables: built from generator's module (classes_shared)
        sharee = next((o for o in cls.methods if one.shares and o.function == one.shares.sharee), None)
        holder = entry["init_args"][0] if sharee is not None else None
        init_args = [a for a in entry["init_args"] if (a != "name" or "name" in scope and "name" in one.attrs)
                     and a not in _unread_defaults(one.method) and a != holder]
        if any(a not in one.attrs and not (one.stored and a == OWNER) for a in init_args):
            return None
        call = entry["call_args"]
        if any(a not in one.params and a not in one.attrs and not (one.stored and a == OWNER) for a in call) \
                or one.stored and (OWNER in call and call[0] != OWNER
                                   or OWNER not in call and OWNER not in entry["init_args"]):
            return None
        mm = one.method
        body0 = mm.body[0]
        doc = type(body0) is ast.Expr and type(body0.value) is ast.Constant and isinstance(body0.value.value, str)
        start = row(body0.end_lineno) + 1 if doc else row(body0.lineno)
        ind = " " * body0.col_offset
        build = ", ".join(([f"self.{sharee.slot}"] if sharee is not None else []) + [
            f"{a}={'self' if one.stored and a == OWNER else scope.get(a, 'self.' + a)}" for a in init_args])
        args = (["self"] if one.stored and OWNER in call else []) + [p for p in one.params if p in call] \
            + [f"{a}={scope.get(a, 'self.' + a)}" for a in one.attrs if a in call]
        first_call = [f"{ind}    if self.{sharee.slot} is None:   # TF1: its variables did not exist yet",
                      f"{ind}        raise ValueError(\"{one.method.name} reuses the variables of "
                      f"{sharee.method.name}: call {sharee.method.name} first\")"] if sharee is not None else []
        replaced[start] = (row(mm.end_lineno), [f"{ind}if self.{one.slot} is None:"] + first_call + [
            f"{ind}    self.{one.slot} = {entry['class']}({build})",
            f"{ind}return self.{one.slot}({', '.join(args)})"])
    for call, scope, trainable in cls.selections:
        said = (ast.get_source_segment("\n".join(lines), scope) or repr(scope.value)) if scope else None
        parts = ["self"] + ([scope_of(said)] if scope else [])
        parts += [] if trainable else ["trainable=False"]
        if call.lineno != call.end_lineno:
            return None
        edits.append((row(call.lineno), call.col_offset, call.end_col_offset, f"{nn}.variables_under({', '.join(parts)})"))
    for r, lo, hi, new in sorted(edits, key=lambda e: (e[0], -e[1])):
        text[r] = text[r][:lo] + new + text[r][hi:]
    out = []
    i = 0
    while i < len(text):
        if i in inserts:
            out.extend(inserts[i])
        if i in replaced:
            end, new = replaced[i]
            out.extend(new)
            i = end + 1
            continue
        out.append(text[i])
        i += 1
    return "\n".join(out)


def _unread_defaults(m: ast.FunctionDef) -> set:
    """Parameters with a default that the method's body never reads (``reuse`` beside a scope
    under ``AUTO_REUSE``): its module is built without them, their default stands."""
    args = m.args.args
    defaulted = {a.arg for a in args[len(args) - len(m.args.defaults):]}
    read = {n.id for n in walk(m) if type(n) is ast.Name and type(n.ctx) is ast.Load}
    return defaulted - read


def _bound(stmt) -> list:
    if type(stmt) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return [stmt.name]
    if type(stmt) in (ast.Import, ast.ImportFrom):
        return [(a.asname or a.name).partition(".")[0] for a in stmt.names]
    return [n.id for n in walk(stmt) if type(n) is ast.Name and type(n.ctx) is ast.Store]
