"""The whole file: which functions make variables, how they call one another, which of their
parameters are structure (``__init__``) and which are tensors (``__call__``), and which
functions must stay in TF1 form.

A function that stays in TF1 form takes no other function with it: a native caller holds it
as a compat island, and the native-able functions it calls keep their TF1 text for it
(:mod:`unscope.native.islands`, :func:`unscope.native.engine._keep_for_importers`).
"""
from __future__ import annotations

import ast
import builtins
from pathlib import Path

from unscope.analyze.constructs import classify
from unscope.analyze.imports import ImportTable, canonical_api, is_tensorflow
from unscope.native import apis
from unscope.native.paths import free_names
from unscope.migrate.parses import parents, parse, walk
from unscope.native.text import Source
from unscope.native.evidence import tensor_evidence
from unscope.native.functions import Fn
from unscope.native.walk import Walker
from unscope.native.project import callee as foreign_callee, is_plain

__all__ = ["Program"]

_BUILTINS = frozenset(dir(builtins))
_CREATING_KINDS = frozenset({"get_variable", "make_template", "variable", "rnn_cell"})


MODE_FLAGS = frozenset({"training", "is_training", "train", "mode", "deterministic"})


class Program:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.source = Source(text)
        self.tree = parse(text, filename=path)
        self.table = ImportTable.from_tree(self.tree)
        self.functions: dict[str, Fn] = {}
        self.creators: dict[str, Fn] = {}
        self.module_calls: dict[str, list] = {}   # creator -> module-level call nodes
        self.reasons: list = []                   # (node, api, message) outside functions
        self.others: list[str] = []               # methods etc. that make variables
        self.globals: set[str] = set()
        self.consts: dict[str, int] = {}
        self.strings: dict[str, str] = {}
        self.relative: set[str] = set()
        self.method_reasons: dict[str, str] = {}  # class -> why its methods stay TF1 (methods.py)
        self._sibling_cache: set[str] | None = None
        self._collect()

    # ------------------------------------------------------------------ module level
    def _collect(self) -> None:
        seen: dict[str, int] = {}
        for stmt in self.tree.body:
            for name in _bound_names(stmt):
                self.globals.add(name)
                seen[name] = seen.get(name, 0) + 1
            if type(stmt) is ast.Assign:
                self._const(stmt)
            if type(stmt) is ast.ImportFrom and stmt.level:
                self.relative.update(a.asname or a.name for a in stmt.names)
        for stmt in self.tree.body:
            if type(stmt) is ast.FunctionDef and seen.get(stmt.name) == 1:
                self.functions[stmt.name] = Fn(stmt)
        for table in (self.consts, self.strings):
            for name in list(table):
                if seen.get(name, 0) != 1:
                    del table[name]

    def _const(self, stmt: ast.Assign) -> None:
        if len(stmt.targets) != 1:
            return
        target, value = stmt.targets[0], stmt.value
        pairs = []
        if type(target) is ast.Name:
            pairs = [(target, value)]
        elif type(target) is ast.Tuple and type(value) is ast.Tuple and len(target.elts) == len(value.elts):
            pairs = list(zip(target.elts, value.elts))
        for t, v in pairs:
            if type(t) is ast.Name and type(v) is ast.Constant and type(v.value) is int:
                self.consts[t.id] = v.value
            elif type(t) is ast.Name and type(v) is ast.Constant and type(v.value) is str:
                self.strings[t.id] = v.value

    def const_int(self, node) -> int | None:
        if type(node) is ast.Constant and type(node.value) is int:
            return node.value
        if type(node) is ast.Name:
            return self.consts.get(node.id)
        if type(node) is ast.UnaryOp and type(node.op) is ast.USub:
            v = self.const_int(node.operand)
            return -v if v is not None else None
        if type(node) is ast.BinOp and type(node.op) in (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv):
            a, b = self.const_int(node.left), self.const_int(node.right)
            if a is None or b is None:
                return None
            op = type(node.op)
            if op is ast.Add:
                return a + b
            if op is ast.Sub:
                return a - b
            if op is ast.Mult:
                return a * b
            return a // b if b else None
        return None

    def local_import(self, node) -> str | None:
        """The import behind a call into this project's other modules (which may make TF1
        variables native mode cannot see), or None."""
        if is_plain(self, node):   # the project pass knows: it makes none, or says why (settle)
            return None
        root = node
        while type(root) is ast.Attribute:
            root = root.value
        if type(root) is not ast.Name:
            return None
        name = root.id
        if name in self.relative:
            return f"a relative import ({name})"
        qual = self.table.aliases().get(name)
        if qual is not None:
            top = qual.partition(".")[0]
            if top in self._siblings:
                return f"{qual} (module {top} of this project)"
            return None
        if self._stars and type(node) is ast.Name and name not in self.globals \
                and name not in _BUILTINS:
            return f"{name} (from `from {self._stars[0]} import *`)"
        return None

    @property
    def _siblings(self) -> set[str]:
        """Top-level modules that live next to this file (project code, not libraries)."""
        if self._sibling_cache is None:
            found = set()
            try:
                folder = Path(self.path).resolve().parent if self.path and not self.path.startswith("<") else None
                if folder is not None and folder.is_dir():
                    for qual in self.table.aliases().values():
                        top = qual.partition(".")[0]
                        if (folder / f"{top}.py").is_file() or (folder / top / "__init__.py").is_file():
                            found.add(top)
            except OSError:
                pass
            self._sibling_cache = found
        return self._sibling_cache

    @property
    def _stars(self) -> list[str]:
        return [m for m in self.table.star_imports if not is_tensorflow(m)]

    def _api(self, node) -> str | None:
        qual = self.table.resolve(node)
        return canonical_api(qual) if qual else None

    # ------------------------------------------------------------------ call graph
    def analyse(self) -> None:
        direct = {}
        calls: dict[str, set] = {}
        for name, fn in self.functions.items():
            shadow = _local_names(fn.node)
            calls[name] = set()
            for node in walk(fn.node):
                if type(node) is not ast.Call:
                    continue
                api = self._api(node.func)
                kind = classify(api) if api else None
                if kind in _CREATING_KINDS or (kind == "layer" and _layer_creates(api)):
                    direct[name] = True
                elif kind is None and foreign_callee(self, node.func, fn) is not None:
                    direct[name] = True   # builds a class another file of the run made
                if type(node.func) is ast.Name and node.func.id in self.functions \
                        and node.func.id not in shadow:
                    calls[name].add(node.func.id)
                if kind == "make_template":
                    for arg in list(node.args[1:2]) + [k.value for k in node.keywords if k.arg == "func_"]:
                        if type(arg) is ast.Name and arg.id in self.functions:
                            calls[name].add(arg.id)
        creators = set(direct)
        changed = True
        while changed:
            changed = False
            for name, callees in calls.items():
                if name not in creators and callees & creators:
                    creators.add(name)
                    changed = True
        self.creators = {n: self.functions[n] for n in self.functions if n in creators}
        for name, fn in self.creators.items():
            fn.direct = name in direct
            fn.callees = sorted(calls[name] & creators)
        called = {c for n in self.creators for c in self.creators[n].callees}
        self._module_references()
        self._outside()
        for name, fn in self.creators.items():
            fn.root = name not in called
        for name in self.module_calls:
            fn = self.creators[name]
            if not fn.root or len(self.module_calls[name]) > 1:
                fn.fail(self.module_calls[name][0], name, f"{name} is called at module level "
                        f"{'more than once' if fn.root else 'and by other functions'}; native mode "
                        f"builds a module once per call site it can rewrite")
        self.order = self._order()
        for fn in self.order:
            Walker(fn, self).run()
            tensor_evidence(fn, self.table)

    def _module_references(self) -> None:
        """References to variable-making functions outside the functions being rewritten."""
        for stmt in self.tree.body:
            if type(stmt) is ast.FunctionDef and stmt.name in self.functions:
                shadow = _local_names(stmt)
                rewritable = set()
                if stmt.name in self.creators:  # direct calls and make_template(name, fn)
                    for node in walk(stmt):
                        if type(node) is ast.Call:
                            rewritable.add(id(node.func))
                            api = self._api(node.func)
                            if api == "tf.make_template":
                                rewritable.update(id(a) for a in node.args[1:2])
                                rewritable.update(id(k.value) for k in node.keywords if k.arg == "func_")
                for node in walk(stmt):
                    if type(node) is ast.Name and node.id in self.creators and node.id not in shadow \
                            and type(node.ctx) is ast.Load and id(node) not in rewritable:
                        self.creators[node.id].fail(node, node.id, f"{node.id} is used as a value in "
                                                    f"{stmt.name} (line {node.lineno}); native mode "
                                                    f"rewrites only direct calls")
                        if stmt.name in self.creators and stmt.name != node.id:
                            self.creators[stmt.name].callees.append(node.id)
                continue
            calls_ok = type(stmt) in (ast.Assign, ast.Expr, ast.AnnAssign, ast.AugAssign, ast.If)
            up = parents(stmt)
            for node in walk(stmt):
                if type(node) is not ast.Name or node.id not in self.creators \
                        or type(node.ctx) is not ast.Load:
                    continue
                parent = up.get(node)
                nested = any(type(p) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                         ast.Lambda, ast.For, ast.While, ast.With)
                             for p in _ancestors(node, up))
                if calls_ok and not nested and type(parent) is ast.Call and parent.func is node:
                    self.module_calls.setdefault(node.id, []).append(parent)
                else:
                    self.creators[node.id].fail(node, node.id, f"{node.id} is referenced outside the "
                                                f"functions native mode rewrites (line {node.lineno})")

    def _outside(self) -> None:
        """TF1 variables made outside module-level functions: at module level, in methods."""
        def first_construct(nodes):
            for top in nodes:
                for node in walk(top):
                    if type(node) is ast.Call:
                        api = self._api(node.func)
                        kind = classify(api) if api else None
                        if kind in _CREATING_KINDS or kind == "variable_scope" \
                                or (kind == "layer" and _layer_creates(api)):
                            return node, api
            return None

        loose = [s for s in self.tree.body
                 if type(s) not in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)]
        found = first_construct(loose)
        if found:
            self.reasons.append((found[0], found[1], "TF1 variables made at module level stay in TF1 "
                                 "form; native mode rewrites functions (move this code into one)"))
        for stmt in self.tree.body:
            targets = []
            if type(stmt) is ast.ClassDef:
                targets = [(f"{stmt.name}.{m.name}", m) for m in stmt.body
                           if type(m) in (ast.FunctionDef, ast.AsyncFunctionDef)]
            elif type(stmt) is ast.AsyncFunctionDef or (type(stmt) is ast.FunctionDef
                                                      and stmt.name not in self.functions):
                targets = [(stmt.name, stmt)]
            for name, node in targets:
                found = first_construct([node])
                if found:
                    self.others.append(name)
                    why = self.method_reasons.get(stmt.name) if type(stmt) is ast.ClassDef else None
                    why = why or "native mode rewrites module-level functions and model-class methods only"
                    self.reasons.append((found[0], found[1], f"TF1 variables made in {name}: {why}; "
                                         f"kept in TF1 form"))

    def _order(self) -> list[Fn]:
        """Callees before callers; functions in a cycle fail."""
        order, state = [], {}

        def visit(name, stack):
            if state.get(name) == 2:
                return
            if state.get(name) == 1:
                for n in stack[stack.index(name):]:
                    self.creators[n].fail(self.creators[n].node, n, "recursive calls between "
                                          "variable-making functions")
                return
            state[name] = 1
            for callee in self.creators[name].callees:
                visit(callee, stack + [callee])
            state[name] = 2
            order.append(self.creators[name])

        for name in self.creators:
            visit(name, [name])
        return order

    # ------------------------------------------------------------------ parameters
    def classify(self) -> None:
        from unscope.native.decorators import decorator_reason
        from unscope.native.star_params import read_star_params

        for fn in self.order:
            self._reuse_params(fn)
            # a name left None everywhere (the layer takes its default name) is dropped like
            # a reuse flag: the class names the layer itself
            fn.reuse_params |= set(fn.none_names)
            flags = [self.source.span(arg) for ev in fn.events if ev.kind == "call"
                     for q, arg in ev.bound.items() if q in ev.callee.reuse_params]
            for node in fn.auto_reuse:
                a, b = self.source.span(node)
                if not any(lo <= a and b <= hi for lo, hi in flags):
                    fn.fail(node, "tf.AUTO_REUSE", "tf.AUTO_REUSE used outside a reuse= argument")
            node = fn.node
            if read_star_params(node):   # only swallowed (never read): nothing to tell apart
                fn.fail(node, f"def {fn.name}", "*args/**kwargs: the structural arguments cannot "
                        "be told from the tensors")
            why = decorator_reason(node, {n: f.node for n, f in self.functions.items()}, self.creators) \
                if node.decorator_list else None
            if why is not None:   # a registry of this file handing the function back is no reason
                fn.fail(node, f"def {fn.name}", f"{why}; decorated functions are kept in TF1 form")
            if any(type(n) in (ast.Yield, ast.YieldFrom, ast.Await) for n in walk(node)):
                fn.fail(node, f"def {fn.name}", "generators are kept in TF1 form")
            if "self" in fn.arg_nodes:
                fn.fail(node, f"def {fn.name}", "a parameter named self")
            for p in fn.all_params:
                if fn.own is not None and fn.own.param == p:
                    kind = "path"
                elif p in fn.reuse_params:
                    kind = "reuse"
                elif p in fn.tensor:
                    kind = "call"
                elif p in MODE_FLAGS and p not in fn.struct:
                    # TF1 called one model with training=True and again with False under
                    # reuse; as a constructor argument each setting would be a separate
                    # instance with its own variables.  A call argument keeps them shared.
                    kind = "call"
                elif fn.root and p not in fn.defaults:
                    kind = "init" if self._config_like(fn, p) else "call"
                else:
                    kind = "init"
                fn.kinds[p] = kind
        changed = True
        while changed:
            changed = False
            for caller in self.creators.values():
                for ev in caller.events:
                    if ev.kind == "call":
                        for p, arg in ev.bound.items():
                            if ev.callee.kinds.get(p) == "init" and not self.static(arg, caller, ev):
                                ev.callee.kinds[p] = "call"
                                changed = True
                            elif p in ev.callee.tensor and type(arg) is ast.Name \
                                    and caller.kinds.get(arg.id) == "init" and arg.id not in caller.struct:
                                # passed on as a tensor the callee computes with (BERT's
                                # input_mask): a call argument here too, never a stored value
                                caller.kinds[arg.id] = "call"
                                caller.tensor.setdefault(arg.id, arg)
                                changed = True
                    elif ev.kind == "tcall":
                        callee = ev.template.callee
                        params = callee.params
                        for i, arg in enumerate(ev.node.args):
                            if type(arg) is ast.Starred or i >= len(params):
                                break
                            if callee.kinds.get(params[i]) != "call":
                                callee.kinds[params[i]] = "call"
                                changed = True
                        for kw in ev.node.keywords:
                            if kw.arg in callee.kinds and callee.kinds[kw.arg] != "call":
                                callee.kinds[kw.arg] = "call"
                                changed = True
        for fn in self.creators.values():
            for p, kind in fn.kinds.items():
                if kind == "call" and p in fn.struct:
                    why = "is a tensor" if p in fn.tensor else "is not static at every call site"
                    fn.fail(fn.struct[p], f"def {fn.name}", f"argument {p} names scopes or variables "
                            f"but {why}; native mode needs scope names fixed at construction")
            for ev in fn.events:
                if ev.kind == "template":
                    callee = ev.callee
                    for p, arg in ev.kwargs.items():
                        if callee.kinds.get(p) == "call":
                            fn.fail(arg, "tf.make_template", f"{p} is given to the template and "
                                    f"also used as a tensor")
                        elif not self.static(arg, fn, ev):
                            fn.fail(arg, "tf.make_template", f"template argument {p} is not static")

    def _config_like(self, fn: Fn, p: str) -> bool:
        """``hparams``-style: only its attributes are read, or it is passed on whole."""
        passed = {id(a) for ev in fn.events if ev.kind == "call" for a in ev.bound.values()}
        # another file's class that takes it at construction (BERT's BertModel(config=...)):
        # that class's parameter kinds are fixed, so passing it on whole is reading it as config
        built = {id(a) for ev in fn.events if ev.kind == "call" and hasattr(ev.callee, "foreign")
                 for q, a in ev.bound.items() if ev.callee.kinds.get(q) == "init"}
        up = parents(fn.node)
        # passed whole to a nested function's pinned parameter (read there like here), or to
        # a plain function of another file (GPT-2's model.past_shape(hparams=hparams))
        passed |= fn.closure_args
        for node in walk(fn.node):
            if type(node) is ast.Call and is_plain(self, node.func):
                passed.update(id(a) for a in node.args)
                passed.update(id(k.value) for k in node.keywords)
        attrs = 0
        for node in walk(fn.node):
            if type(node) is not ast.Name or node.id != p or type(node.ctx) is not ast.Load:
                continue
            parent = up.get(node)
            if type(parent) is ast.Attribute and parent.attr not in ("shape", "get_shape", "dtype"):
                attrs += 1
            elif id(node) in built:
                attrs += 1
            elif id(node) not in passed:
                return False
        return attrs > 0

    def static(self, node, fn: Fn, ev=None) -> bool:
        """Can ``node`` be evaluated in ``__init__`` of ``fn``'s class (no tensors, no locals)?"""
        allowed = self.init_names(fn)
        loops = {loop.target for loop in (ev.loops if ev is not None else ()) if loop.target}
        for name in free_names(node):
            if name in allowed:
                continue
            if name in loops and self.static_loop(fn, name, ev):
                continue
            return False
        return True

    def static_loop(self, fn, target, ev) -> bool:
        for loop in ev.loops:
            if loop.target == target:
                return all(n in self.init_names(fn) for n in free_names(loop.node.iter))
        return False

    def init_names(self, fn: Fn) -> set[str]:
        params = set(fn.all_params)
        init = {p for p in params if fn.kinds.get(p) == "init" and p not in fn.locals}
        module = (self.globals | _BUILTINS) - fn.locals - params - set(self.creators)
        return init | module

    def _reuse_params(self, fn: Fn) -> None:
        """Parameters used only to switch reuse on: dropped (sharing is by holding the module).

        Allowed uses: ``reuse=p`` of a scope or layer, the test of ``if p:
        scope.reuse_variables()``, and passing ``p`` on as a callee's reuse parameter.
        """
        src = self.source
        spans = [src.span(s) for s in fn.deletes]
        for s in fn.unwraps:
            spans.extend(src.span(kw.value) for kw in s.items[0].context_expr.keywords
                         if kw.arg == "reuse")
        candidates = set(fn.reuse_params)
        for ev in fn.events:
            if ev.kind == "layer":
                spans.extend(src.span(kw.value) for kw in ev.node.keywords if kw.arg == "reuse")
            elif ev.kind == "call":
                for q, arg in ev.bound.items():
                    if q in ev.callee.reuse_params:
                        spans.append(src.span(arg))
                        if type(arg) is ast.Name and arg.id in fn.arg_nodes:
                            candidates.add(arg.id)
        result = set()
        for p in candidates:
            uses = [src.span(n) for n in walk(fn.node) if type(n) is ast.Name and n.id == p]
            if all(any(lo <= a and b <= hi for lo, hi in spans) for a, b in uses):
                result.add(p)
        fn.reuse_params = result


def _layer_creates(api: str) -> bool:
    spec = apis.LAYERS.get(api)
    return spec is None or spec.variables


def _bound_names(stmt) -> list[str]:
    t = type(stmt)
    if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return [stmt.name]
    if t in (ast.Import, ast.ImportFrom):
        return [(a.asname or a.name).partition(".")[0] for a in stmt.names if a.name != "*"]
    names = []
    if t in (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With, ast.If, ast.Try, ast.While):
        for node in walk(stmt):
            if type(node) is ast.Name and type(node.ctx) is ast.Store:
                names.append(node.id)
            elif type(node) in (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef):
                names.append(node.name)
            elif type(node) in (ast.Import, ast.ImportFrom):
                names.extend((a.asname or a.name).partition(".")[0] for a in node.names)
    return names


def _local_names(fn: ast.FunctionDef) -> set[str]:
    names = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
    for node in walk(fn):
        if type(node) is ast.Name and type(node.ctx) is ast.Store:
            names.add(node.id)
        elif node is not fn and type(node) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            names.add(node.name)
    return names


def _ancestors(node, parents):
    while node in parents:
        node = parents[node]
        yield node
