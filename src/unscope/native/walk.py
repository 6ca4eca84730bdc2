"""One walk over one TF1 function: its scope frames, the variables, layers and calls it makes
(each at a path relative to the module the function becomes), and what keeps it in TF1 form.

TF1 semantics kept here:

- a ``variable_scope`` opened by name starts fresh counters for unnamed children
  (``dense``, ``dense_1``, ...; ``default_name`` scopes); counters of the function's entry
  scope belong to its caller, so names made there are :class:`Slot` s resolved per call site;
- a static ``for`` loop over ``range(N)`` repeats its counter requests N times (unrolled);
- ``reuse`` never changes *which* variable a name denotes, only whether TF1 raises: a working
  TF1 program shares by name, so native mode shares by path and drops every reuse flag.
"""
from __future__ import annotations

import ast

from unscope.analyze.constructs import classify
from unscope.analyze.imports import canonical_api
from unscope.migrate.parses import walk
from unscope.native import apis
from unscope.native.closures import Closures, params_of
from unscope.native.functions import Event, Fn, Frame, Loop, OwnScope
from unscope.native.counters import Counting, take
from unscope.native.paths import free_names, pieces, segments
from unscope.native.project import callee as foreign_callee

__all__ = ["Walker"]

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
# TF1 APIs that make variables of their own (optimizer slots, metrics, EMA shadows) or only
# make sense in a graph run by a Session
_GRAPH_PREFIXES = ("tf.train.", "tf.metrics.", "tf.estimator.", "tf.summary.merge",
                   "tf.saved_model.", "tf.tpu.")
_GRAPH_APIS = frozenset({
    "tf.Session", "tf.InteractiveSession", "tf.placeholder", "tf.placeholder_with_default",
    "tf.sparse_placeholder", "tf.global_variables_initializer", "tf.local_variables_initializer",
    "tf.variables_initializer", "tf.initialize_all_variables", "tf.get_default_graph",
    "tf.reset_default_graph", "tf.Graph",
})
_COMPS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class Walker(Counting):
    """Walks one function body. ``program`` answers what names mean in this file."""

    def __init__(self, fn: Fn, program) -> None:
        self.fn = fn
        self.program = program
        self.control: list = []     # ("dyn", node) | ("loop", Loop)
        self.frames: list[Frame] = []
        self.stmt = None
        self.hoist = True
        self.after_exit = False     # a return came earlier in the body
        self.scope_vars: dict = {}  # `as` name -> Frame
        self.scope_uses: list = []  # reads of those names native mode rewrites (re-entry)
        self.closures = Closures(fn.node)  # nested defs that call modules (walked where called)

    # ------------------------------------------------------------------ entry
    def run(self) -> None:
        fn = self.fn
        node = fn.node
        body = list(node.body)
        if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant \
                and isinstance(body[0].value.value, str):
            fn.docstring = body[0]
            body = body[1:]
        self.frames.append(Frame((), {} if fn.root else None, {}, 0))
        fn.own = self._own_scope(body)
        self.body(body)
        for node in self.closures.early:
            if node.id in self.closures.done:
                self.fail(node, node.id, f"the nested function {node.id} is passed on (line "
                          f"{node.lineno}) before a direct call makes its variables; a TF2 "
                          "tf.while_loop or tf.cond body cannot create them - call it once first")
        for name, d in self.closures.defs.items():
            if name not in self.closures.done:
                # never called here (returned, or passed on only): its variables are made later
                self.fail(d, f"def {name}", "a nested function or class makes variables; "
                          "native mode only rewrites module-level functions")
        self.fn.closure_args = {id(n) for n in self.closures.passed}
        self._check_scope_vars()
        self._check_none_names()

    def _check_scope_vars(self) -> None:
        """A captured scope object disappears with its `with`: it may only be re-entered or
        told to reuse."""
        if not self.scope_vars:
            return
        allowed = {id(n) for n in self.scope_uses}
        for stmt in self.fn.deletes:
            allowed.update(id(n) for n in walk(stmt))
        for node in walk(self.fn.node):
            if type(node) is ast.Name and node.id in self.scope_vars and type(node.ctx) is ast.Load \
                    and id(node) not in allowed:
                self.fail(node, "tf.variable_scope", f"the scope object {node.id} is read at run time "
                          f"(line {node.lineno}); kept in TF1 form")

    def _own_scope(self, body):
        """The module path comes from the function's one top-level variable_scope (the other
        top-level statements make no variables)."""
        withs = [s for s in body if type(s) is ast.With and len(s.items) == 1
                 and self.kind_of(s.items[0].context_expr) == "variable_scope"]
        if len(withs) != 1:
            return None
        stmt = withs[0]
        if any(self.has_events(s) for s in body if s is not stmt):
            return None
        call = stmt.items[0].context_expr
        bound, _, odd = apis.bind(call, apis.VARIABLE_SCOPE_PARAMS)
        if odd:
            return None
        name = bound.get("name_or_scope")
        default = bound.get("default_name")
        default_text = default.value if type(default) is ast.Constant and isinstance(default.value, str) else None
        if default is not None and default_text is None:
            return None
        if apis.is_none(name):
            return OwnScope(stmt, None, default_text, True) if default_text else None
        if type(name) is ast.Constant and isinstance(name.value, str) and "/" not in name.value:
            return OwnScope(stmt, None, name.value, False)
        or_default = _or_literal(name, self.fn)
        if or_default is not None and default is None:
            uses = [n for n in walk(self.fn.node) if type(n) is ast.Name and n.id == name.values[0].id]
            if len(uses) != 1:
                return None
            return OwnScope(stmt, name.values[0].id, or_default, False, or_default=True)
        if type(name) is ast.Name and name.id in self.fn.arg_nodes:
            uses = [n for n in walk(self.fn.node) if type(n) is ast.Name and n.id == name.id]
            if len(uses) != 1:
                return None  # the argument is used for something else too
            pdefault = self.fn.defaults.get(name.id)
            if pdefault is not None and not apis.is_none(pdefault):
                if not (type(pdefault) is ast.Constant and isinstance(pdefault.value, str)):
                    return None
                return OwnScope(stmt, name.id, pdefault.value, False)
            if pdefault is not None and default_text is None:
                return None  # None would fail in TF1 without a default_name
            return OwnScope(stmt, name.id, default_text, default_text is not None)
        return None

    # ------------------------------------------------------------------ helpers
    def kind_of(self, call) -> str | None:
        if type(call) is not ast.Call:
            return None
        qual = self.program.table.resolve(call.func)
        api = canonical_api(qual) if qual else None
        return classify(api) if api else None

    def api_of(self, node) -> str | None:
        qual = self.program.table.resolve(node)
        return canonical_api(qual) if qual else None

    def has_events(self, node) -> bool:
        """Does ``node`` make variables or call a function that does?"""
        for sub in walk(node):
            if type(sub) is ast.Call:
                kind = self.kind_of(sub)
                if kind in ("get_variable", "layer", "make_template", "variable_scope", "variable"):
                    return True
                if type(sub.func) is ast.Name and (sub.func.id in self.program.creators
                                                   or sub.func.id in self.closures):
                    return True
                if foreign_callee(self.program, sub.func, self.fn) is not None:
                    return True
        return False

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    def dynamic(self) -> bool:
        return self.after_exit or any(kind == "dyn" for kind, _ in self.control)

    def loops(self) -> tuple:
        return tuple(item for kind, item in self.control if kind == "loop")

    def fail(self, node, api, message):
        self.fn.fail(node, api, message)

    # ------------------------------------------------------------------ statements
    def body(self, stmts) -> None:
        for s in stmts:
            self.statement(s)

    def statement(self, s) -> None:
        t = type(s)
        self.stmt = s
        self.hoist = True
        if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            self.fn.locals.add(s.name)
            if self.has_events(s):
                self.nested(s)
            return
        if t is ast.With:
            self.with_(s)
            return
        if t is ast.For:
            self.for_(s)
            return
        if t in (ast.While, ast.AsyncFor):
            self.expr(s.test if t is ast.While else s.iter)
            self.control.append(("dyn", s))
            self.body(s.body)
            self.body(s.orelse)
            self.control.pop()
            return
        if t is ast.If:
            if self._reuse_if(s):
                return
            self.expr(s.test)
            self.control.append(("dyn", s))
            self.body(s.body)
            if s.orelse and type(s.orelse[0]) is ast.If and len(s.orelse) == 1 \
                    and self.has_events(s.orelse[0].test):
                self.fail(s.orelse[0], "elif", "a variable made in an elif test cannot be hoisted")
            self.body(s.orelse)
            self.control.pop()
            return
        if t in (ast.Try, getattr(ast, "TryStar", ast.Try)):
            self.control.append(("dyn", s))
            self.body(s.body)
            for handler in s.handlers:
                if handler.name:
                    self.fn.locals.add(handler.name)
                self.body(handler.body)
            self.body(s.orelse)
            self.body(s.finalbody)
            self.control.pop()
            return
        if t in (ast.Global, ast.Nonlocal):
            self.fail(s, "global", "global/nonlocal statements are kept in TF1 form")
            return
        if t is ast.Expr and self._reuse_call(s.value):
            self.fn.deletes.append(s)
            if not self.dynamic():
                self.frame.reuse = True
            return
        if t in (ast.Import, ast.ImportFrom):
            for alias in s.names:
                self.fn.locals.add((alias.asname or alias.name).partition(".")[0])
            return
        if t is ast.Match:
            self.fail(s, "match", "match statements are kept in TF1 form")
            return
        # simple statement
        if t in (ast.Assign, ast.AugAssign, ast.AnnAssign):
            targets = s.targets if t is ast.Assign else [s.target]
            for target in targets:
                for n in walk(target):
                    if type(n) is ast.Name:
                        self.fn.locals.add(n.id)
            if t is ast.Assign and len(s.targets) == 1 and type(s.targets[0]) is ast.Name \
                    and self.kind_of(s.value) == "make_template":
                self.template(s.value, s.targets[0].id)
                return
        for child in ast.iter_child_nodes(s):
            if isinstance(child, ast.expr):
                self.expr(child)
        if t is ast.Return:
            # what follows a conditional return may not run; after a raise it runs whenever
            # the call succeeds at all, so a guard (`if ...: raise ValueError`) changes nothing
            self.after_exit = True

    def nested(self, s) -> None:
        """A nested def that makes variables: a closure walked where it is first called, when
        it is a plain def bound once, outside loops and branches."""
        why = None
        if type(s) is not ast.FunctionDef:
            why = "a nested class or async function makes variables"
        elif s.decorator_list:
            why = "a decorated nested function makes variables"
        elif self.control or self.after_exit:
            why = "a nested function that makes variables is defined in a loop or branch"
        elif self.closures.bindings(s.name) != 1:
            why = f"the nested function {s.name} makes variables and its name is bound again"
        elif any(self.has_events(d) for d in s.args.defaults + s.args.kw_defaults if d is not None):
            why = "a nested function's defaults make variables"
        elif not self._module_calls_only(s):
            why = "a nested function or class makes variables"
        if why is not None:
            self.fail(s, f"def {s.name}", f"{why}; native mode only rewrites module-level functions")
            return
        self.closures.defs[s.name] = s

    def _module_calls_only(self, s) -> bool:
        """Does the nested def make its variables only by calling modules with a
        variable_scope of their own (or other such closures)? Nothing else is walked: its
        counters and layers would change what the walk tells callers about this function."""
        for sub in walk(s):
            if type(sub) is not ast.Call:
                continue
            if self.kind_of(sub) in ("get_variable", "layer", "make_template", "variable_scope",
                                     "variable", "collection", "get_variable_scope"):
                return False
            func = sub.func
            if type(func) is ast.Name and func.id in self.closures:
                continue
            callee = self.program.functions.get(func.id) if type(func) is ast.Name \
                and func.id in self.program.creators else foreign_callee(self.program, func, self.fn)
            if callee is not None and getattr(callee, "own", None) is None:
                return False
        return True

    def inline(self, node) -> None:
        """The first direct call of a closure: its body is walked here, where it runs first.
        What it makes must be module calls under fixed names (shared by every later call, as
        TF1's AUTO_REUSE / reuse shared them by name), made unconditionally."""
        name = node.func.id
        d = self.closures.defs[name]
        for arg in node.args:
            self.expr(arg)
        for kw in node.keywords:
            self.expr(kw.value)
        if name in self.closures.walking:
            self.fail(node, name, f"the nested function {name} calls itself; kept in TF1 form")
            return
        # a parameter is the enclosing function's value only where it is pinned (proven)
        for p in params_of(d):
            if not self.closures.pinned(name, p):
                self.fn.locals.add(p)
        saved = (self.stmt, self.hoist, self.after_exit)
        marks = (len(self.fn.events), len(self.fn.unwraps), len(self.fn.deletes))
        self.closures.walking.add(name)
        self.closures.paths[name] = self.frame.path
        body = d.body
        if type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant:
            body = body[1:]
        self.body(body)
        self.closures.walking.discard(name)
        self.closures.done.add(name)
        self.stmt, self.hoist, self.after_exit = saved
        if len(self.fn.unwraps) != marks[1] or len(self.fn.deletes) != marks[2]:
            self.fail(d, f"def {name}", f"the nested function {name} opens a variable_scope; "
                      "native mode only rewrites module-level functions")
        for ev in self.fn.events[marks[0]:]:
            ev.closure = name
            if ev.kind != "call" or ev.callee.own is None:
                self.fail(ev.node, f"def {name}", f"the nested function {name} makes variables "
                          "or layers itself (not only through a module call under its own scope); "
                          "native mode only rewrites module-level functions")
            elif ev.cond or not all(type(p) is str for seg in ev.path for p in seg):
                self.fail(ev.node, f"def {name}", f"the nested function {name} calls "
                          f"{ev.callee.name} under a condition or a counted name; kept in TF1 form")

    def closure_again(self, node) -> None:
        """A later call of a walked closure (or the closure passed on, as a while_loop body):
        TF1 names its variables by the scope around this call, so it must be the first's."""
        if node.id in self.closures.walking:
            return   # the closure's own body
        if self.closures.paths.get(node.id) != self.frame.path:
            self.fail(node, node.id, f"the nested function {node.id} is called under another "
                      f"variable_scope than its first call (line {node.lineno}): TF1 makes a "
                      "second set of variables there; kept in TF1 form")

    def _reuse_call(self, node) -> bool:
        """``scope.reuse_variables()`` / ``tf.get_variable_scope().reuse_variables()``."""
        if type(node) is not ast.Call or node.args or node.keywords:
            return False
        func = node.func
        if type(func) is not ast.Attribute or func.attr != "reuse_variables":
            return False
        recv = func.value
        if type(recv) is ast.Name and recv.id in self.scope_vars:
            return True
        return self.kind_of(recv) == "get_variable_scope"

    def _reuse_if(self, s) -> bool:
        """``if reuse: scope.reuse_variables()`` — sharing is by path, the flag goes away."""
        if s.orelse or not all(type(b) is ast.Expr and self._reuse_call(b.value) for b in s.body):
            return False
        if any(type(n) is ast.Call for n in walk(s.test)):
            return False
        for n in walk(s.test):
            if type(n) is ast.Name and n.id in self.fn.arg_nodes:
                self.fn.reuse_params.add(n.id)
        self.fn.deletes.append(s)
        return True

    # ------------------------------------------------------------------ with
    def with_(self, s) -> None:
        scoped = [item for item in s.items if self.kind_of(item.context_expr) == "variable_scope"]
        for item in s.items:
            if self.kind_of(item.context_expr) == "arg_scope":
                self.fail(item.context_expr, "arg_scope", "arg_scope defaults are applied at run "
                          "time; kept in TF1 form")
        if not scoped:
            for item in s.items:
                self.expr(item.context_expr)
                if item.optional_vars is not None:
                    for n in walk(item.optional_vars):
                        if type(n) is ast.Name:
                            self.fn.locals.add(n.id)
            self.body(s.body)
            return
        call = scoped[0].context_expr
        if len(s.items) != 1:
            self.fail(s, "tf.variable_scope", "a variable_scope combined with other context "
                      "managers in one with statement")
            return
        if s.body[0].lineno == s.lineno:
            self.fail(s, "tf.variable_scope", "the with body is on the header line")
            return
        item = s.items[0]
        bound, _, odd = apis.bind(call, apis.VARIABLE_SCOPE_PARAMS)
        if odd:
            self.fail(call, "tf.variable_scope", "arguments passed with * or ** (or unknown keywords)")
            return
        for key, why in apis.SCOPE_UNSUPPORTED.items():
            if key in bound and not (key == "auxiliary_name_scope" and _is_true(bound[key])):
                self.fail(call, "tf.variable_scope", why)
        reuse = bound.get("reuse")
        if reuse is not None:
            for n in walk(reuse):
                if type(n) is ast.Name and n.id in self.fn.arg_nodes:
                    self.fn.reuse_params.add(n.id)
        parent = self.frame
        kwargs = dict(parent.kwargs)
        for key in ("initializer", "regularizer", "dtype"):
            if key in bound and not apis.is_none(bound[key]):
                kwargs[key] = bound[key]
                self.expr(bound[key])
        own = self.fn.own is not None and self.fn.own.stmt is s
        name = bound.get("name_or_scope")
        default = bound.get("default_name")
        counts: dict | None = {}
        if own:
            path = ()
        elif type(name) is ast.Name and name.id in self.scope_vars:
            path = self.scope_vars[name.id].path  # re-entered scope object
            self.scope_uses.append(name)
        elif self.kind_of(name) == "get_variable_scope" and not name.args and not name.keywords:
            # the current scope again (usually to set reuse): TF1 keeps counting its children
            path = parent.path
            counts = dict(parent.counts) if parent.counts is not None else None
        elif apis.is_none(name):
            if not (type(default) is ast.Constant and isinstance(default.value, str)):
                self.fail(call, "tf.variable_scope", "default_name is not a string literal")
                return
            path = parent.path + ((self.request(default.value, call, "tf.variable_scope"),),)
        else:
            parts = pieces(name)
            if parts is None:
                self.fail(name, "tf.variable_scope", f"scope name computed at run time "
                          f"({ast.unparse(name)}); pass a literal or a function argument to "
                          f"migrate natively")
                return
            if type(name) is ast.Name and name.id in self.fn.defaults \
                    and apis.is_none(self.fn.defaults[name.id]):
                self.fail(name, "tf.variable_scope", f"scope argument {name.id} defaults to None")
                return
            self.note_struct(name, "tf.variable_scope")
            if len(parts) == 1 and isinstance(parts[0], str):
                for seg in parts[0].split("/")[:1]:
                    self.opened(seg)
            path = parent.path + segments(parts)
        frame = Frame(path, counts, kwargs, len(self.control), parent.reuse or _is_true(reuse))
        if item.optional_vars is not None:
            if type(item.optional_vars) is not ast.Name:
                self.fail(item.optional_vars, "tf.variable_scope", "unsupported `as` target")
                return
            self.scope_vars[item.optional_vars.id] = frame
            self.fn.locals.add(item.optional_vars.id)
        self.fn.unwraps.append(s)
        self.frames.append(frame)
        self.body(s.body)
        self.frames.pop()

    # ------------------------------------------------------------------ for
    def for_(self, s) -> None:
        self.expr(s.iter)
        for n in walk(s.target):
            if type(n) is ast.Name:
                self.fn.locals.add(n.id)
        target = s.target.id if type(s.target) is ast.Name else None
        it = s.iter
        range1 = (type(it) is ast.Call and type(it.func) is ast.Name and it.func.id == "range"
                  and len(it.args) == 1 and not it.keywords)
        enumerate1 = (type(it) is ast.Call and type(it.func) is ast.Name and it.func.id == "enumerate"
                      and len(it.args) == 1 and not it.keywords and type(s.target) is ast.Tuple
                      and len(s.target.elts) == 2 and type(s.target.elts[0]) is ast.Name)
        if enumerate1:
            target = s.target.elts[0].id
        counting = (range1 and target is not None) or enumerate1
        if counting and any(type(n) is ast.Name and n.id == target and type(n.ctx) is ast.Store
                            for b in s.body for n in walk(b)):
            counting = False  # the index is reassigned inside the loop
        count = None
        if type(it) is ast.Call and type(it.func) is ast.Name and it.func.id == "range" \
                and not it.keywords and 1 <= len(it.args) <= 3:
            values = [self.program.const_int(a) for a in it.args]
            if all(v is not None for v in values):
                count = len(range(*values))
        loop = Loop(s, target, count, range1, counting)
        self.fn.loops.append(loop)
        self.control.append(("loop", loop))
        self.body(s.body)
        self.control.pop()
        self._close_loop(loop)
        if s.orelse:
            self.control.append(("dyn", s))
            self.body(s.orelse)
            self.control.pop()

    # ------------------------------------------------------------------ expressions
    def expr(self, node) -> None:
        t = type(node)
        if t in _COMPS or t is ast.Lambda:
            if self.has_events(node):
                self.fail(node, "expression", "variables made inside a lambda or comprehension")
            return
        if t is ast.Call:
            if self.call(node):
                return
        if t is ast.IfExp:
            self.expr(node.test)
            saved = self.hoist
            self.hoist = False
            self.expr(node.body)
            self.expr(node.orelse)
            self.hoist = saved
            return
        if t is ast.BoolOp:
            self.expr(node.values[0])
            saved = self.hoist
            self.hoist = False
            for v in node.values[1:]:
                self.expr(v)
            self.hoist = saved
            return
        if t is ast.NamedExpr:
            self.fn.locals.add(node.target.id)
        if t is ast.Attribute and self.api_of(node) is not None:
            api = self.api_of(node)
            kind = classify(api)
            if api == "tf.AUTO_REUSE":
                self.fn.auto_reuse.append(node)  # fine where it is passed as a reuse flag
                return
            if kind == "graph_keys":
                self.fail(node, api, f"{api} used outside a construct native mode rewrites")
                return
        if t is ast.Name and node.id in self.closures and node.id not in self.closures.done:
            self.closures.early.append(node)   # judged at the end: called directly later?
            return
        if t is ast.Name and node.id in self.closures and type(node.ctx) is ast.Load:
            self.closure_again(node)
        if t is ast.Name and node.id in self.fn.template_locals and type(node.ctx) is ast.Load:
            self.fail(node, "tf.make_template", f"template {node.id} used other than by calling it")
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.expr(child)
            elif type(child) is ast.keyword:
                self.expr(child.value)

    def event(self, kind, node, path, **extra) -> Event:
        ev = Event(kind, node, self.stmt, path, self.loops(), self.dynamic(), self.hoist,
                   reuse=self.frame.reuse, scope_kw=dict(self.frame.kwargs), **extra)
        self.fn.events.append(ev)
        return ev

    def call(self, node) -> bool:
        """Handle a call that native mode rewrites; False for an ordinary call."""
        func = node.func
        if type(func) is ast.Name and func.id in self.closures and func.id not in self.closures.done:
            self.inline(node)
            return True
        if type(func) is ast.Name and func.id in self.program.creators \
                and func.id not in self.fn.locals and func.id not in self.fn.arg_nodes:
            self.module_call(node, self.program.functions[func.id])
            return True
        stand_in = foreign_callee(self.program, func, self.fn)
        if stand_in is not None:   # a class made in another file of the run
            self.module_call(node, stand_in)
            return True
        if type(func) is ast.Name and func.id in self.fn.template_locals:
            ev = self.fn.template_locals[func.id]
            call_ev = self.event("tcall", node, ev.path, template=ev)
            call_ev.bound, call_ev.positional = None, None
            for arg in node.args:
                self.expr(arg)
            for kw in node.keywords:
                self.expr(kw.value)
            return True
        qual = self.program.table.resolve(func)
        api = canonical_api(qual) if qual else None
        if api is None:
            local = None
            if not (type(func) is ast.Name and (func.id in self.fn.locals or func.id in self.fn.arg_nodes)):
                local = self.program.local_import(func)
            if local is not None:
                self.fail(node, ast.unparse(func), f"calls {local}, which may make TF1 variables "
                          f"native mode cannot see; migrate that module first")
            return False
        kind = classify(api)
        if api.startswith(_GRAPH_PREFIXES) or api in _GRAPH_APIS:
            self.fail(node, api, f"{api} is graph-mode TF1 (it may make variables of its own, "
                      f"or needs a Session); kept in TF1 form - keep training code outside the "
                      f"model function")
            return True
        if kind is None:
            if api.startswith("tf.keras"):
                self.fail(node, api, "Keras layers inside TF1 scope code keep their own names; "
                          "kept in TF1 form")
            return False
        if kind == "get_variable":
            if api != "tf.get_variable":
                self.fail(node, api, f"{api} is kept on the compat runtime")
                return True
            self.variable(node, api)
            return True
        if kind == "layer":
            self.layer(node, api)
            return True
        if kind == "collection":
            self.collection(node, api)
            return True
        if kind == "make_template":
            self.fail(node, api, "make_template must be assigned to a local name and called")
            return True
        if kind == "name_scope":
            return False
        if kind in ("variable_scope", "get_variable_scope"):
            self.fail(node, api, f"{api} used outside `with` (or its scope object read at run time)")
            return True
        if kind in ("initializer", "regularizer", "native_regularizer", "auto_reuse", "contrib_supported"):
            return False
        if kind == "variable":
            self.fail(node, api, "tf.Variable inside scope code is made on every call in TF2; "
                      "kept in TF1 form - use tf.get_variable, or own it in a tf.Module by hand")
            return True
        self.fail(node, api, f"{api} ({kind}) is kept in TF1 form")
        return True

    # ------------------------------------------------------------------ constructs
    def variable(self, node, api) -> None:
        bound, positional, odd = apis.bind(node, apis.GET_VARIABLE_PARAMS)
        if odd:
            self.fail(node, api, "arguments passed with * or ** (or unknown keywords)")
            return
        for key, why in apis.GET_VARIABLE_UNSUPPORTED.items():
            if key in bound and not apis.is_none(bound[key]):
                self.fail(node, api, why)
                return
        if "validate_shape" in bound and not _is_true(bound["validate_shape"]):
            self.fail(node, api, "validate_shape=False is kept on the compat runtime")
            return
        name = bound.get("name")
        parts = pieces(name) if name is not None else None
        if parts is None:
            self.fail(node, api, "variable name computed at run time; kept in TF1 form")
            return
        self.note_struct(name, api)
        for key, value in bound.items():
            if key != "name":
                self.expr(value)
        self.event("var", node, self.frame.path + segments(parts), bound=bound,
                   positional=positional, kwargs=dict(self.frame.kwargs))

    def layer(self, node, api) -> None:
        spec = apis.LAYERS.get(api)
        if spec is None:
            self.fail(node, api, f"{api} has no unscope.nn twin yet; kept in TF1 form")
            return
        bound, positional, odd = apis.bind(node, spec.tf1_params)
        if odd or "inputs" not in bound:
            self.fail(node, api, "arguments passed with * or ** (or unknown keywords)")
            return
        why = apis.screen(spec, bound, self.api_of)
        if why is not None:
            self.fail(node, api, why)
            return
        name = bound.get(spec.name_kw)
        reuse = bound.get("reuse")
        if apis.is_none(name) and not (apis.is_none(reuse) or _is_false(reuse)):
            # an unnamed layer asked to reuse takes its base name as is (TF1 Layer._set_scope)
            if not (_is_true(reuse) or self.api_of(reuse) == "tf.AUTO_REUSE"):
                self.fail(node, api, "an unnamed layer with a run-time reuse= value: its TF1 name "
                          "depends on it; name the layer")
                return
            self.opened(spec.default_name)
            path = self.frame.path + ((spec.default_name,),)
        elif apis.is_none(name):
            seg = (self.request(spec.default_name, node, api),)
            path = self.frame.path + (seg,)
        else:
            parts = pieces(name)
            if parts is None:
                self.fail(node, api, "layer name computed at run time; kept in TF1 form")
                return
            if self._none_default(name):
                # None at every call (module_call checks the callers): TF1 names the layer by
                # its default name, uniquified in the current scope, as if unnamed
                self.fn.none_names.setdefault(name.id, []).append(name)
                path = self.frame.path + ((self.request(spec.default_name, node, api),),)
            else:
                self.note_struct(name, api)
                if len(parts) == 1 and isinstance(parts[0], str):
                    self.opened(parts[0].split("/")[0])
                path = self.frame.path + segments(parts)
        for key, value in bound.items():
            if key != spec.name_kw and key not in spec.drop:
                self.expr(value)
        inputs = bound["inputs"]
        for n in walk(inputs):
            if type(n) is ast.Name and n.id in self.fn.arg_nodes:
                self.fn.tensor.setdefault(n.id, n)
        self.event("layer", node, path, bound=bound, positional=positional, spec=spec, api=api)

    def _none_default(self, node) -> bool:
        """``node`` reads a parameter of this function whose default is None."""
        return type(node) is ast.Name and node.id in self.fn.arg_nodes \
            and apis.is_none(self.fn.defaults.get(node.id, ast.Constant(0)))

    def _none_names_passed(self, bound, callee: Fn) -> str | None:
        """Why a call gives a name to a parameter of ``callee`` that only names layers by
        their default, or None (left None here, or passed on from such a parameter)."""
        for p in callee.none_names:
            arg = bound.get(p)
            if arg is None or apis.is_none(arg):
                continue
            if self._none_default(arg):
                self.fn.none_names.setdefault(arg.id, []).append(arg)
                continue
            return (f"passes {p}={ast.unparse(arg)} to {callee.name}, whose layers TF1 names by "
                    f"their default names when {p} is None; native mode handles only None there")
        return None

    def _check_none_names(self) -> None:
        """A parameter taken for a layer's default name must be read nowhere else."""
        fn = self.fn
        if not fn.none_names:
            return
        for node in walk(fn.node):
            if type(node) is ast.Name and node.id in fn.none_names \
                    and all(node is not n for n in fn.none_names[node.id]):
                self.fail(node, node.id, f"{node.id} (None by default) names a layer by its "
                          f"default name and is also read at line {node.lineno}; kept in TF1 form")
                fn.none_names.pop(node.id)

    def module_call(self, node, callee: Fn) -> None:
        params = callee.params
        bound, positional, odd = apis.bind(node, tuple(params) + tuple(callee.kwonly))
        # keyword-only parameters cannot be given positionally
        if odd or any(p in callee.kwonly for p in positional):
            self.fail(node, callee.name, f"call of {callee.name} with * or ** or unknown arguments")
            return
        why = self._none_names_passed(bound, callee)
        if why is not None:
            self.fail(node, callee.name, why)
            return
        for value in bound.values():
            self.expr(value)
        frame = self.frame
        path = frame.path
        own = callee.own
        if own is not None:
            seg = None
            arg = bound.get(own.param) if own.param else None
            if own.or_default and type(arg) is ast.Constant and arg.value == "":
                arg = None   # `scope or "Linear"`: TF1 took the literal for "" too
            if own.param and arg is not None and not apis.is_none(arg):
                parts = pieces(arg)
                if parts is None:
                    self.fail(arg, callee.name, f"scope name for {callee.name} computed at run time "
                              f"({ast.unparse(arg)})")
                    return
                self.note_struct(arg, callee.name)
                if len(parts) == 1 and isinstance(parts[0], str):
                    self.opened(parts[0].split("/")[0])
                seg = segments(parts)
            elif own.default_is_uniq:
                seg = ((self.request(own.literal, node, callee.name),),)
            elif own.literal is not None:
                self.opened(own.literal)
                seg = ((own.literal,),)
            else:
                self.fail(node, callee.name, f"no scope name for {callee.name}")
                return
            path = path + seg
        else:
            self.apply_footprint(callee.footprint, node, callee.name)
            if getattr(callee, "fixed_counts", False) and not self._counts_as_fixed(callee):
                self.fail(node, callee.name, f"{callee.name} (another file's class) names a layer "
                          f"by TF1's count in its caller's scope, and here TF1 counts otherwise")
                return
        self.event("call", node, path, bound=bound, positional=positional, callee=callee,
                   base_path=frame.path)

    def _counts_as_fixed(self, callee) -> bool:
        """The names a class of another file took from its callers' counters come out the
        same here: resolved now (not in a loop or the entry scope) and equal."""
        slots = [e[2] for e in callee.footprint if e[0] == "uniq"]
        in_frame = [kind for kind, _ in self.control[self.frame.ctl:]]
        return not slots or (self.frame.counts is not None and not in_frame
                             and all(s.conflict is None for s in slots))

    def template(self, node, target: str) -> None:
        api = "tf.make_template"
        bound, _, odd = apis.bind(node, apis.TEMPLATE_PARAMS)
        kwargs = {kw.arg: kw.value for kw in node.keywords if kw.arg and kw.arg not in apis.TEMPLATE_PARAMS}
        if any(kw.arg is None for kw in node.keywords) or len(node.args) > 2 or odd and not kwargs:
            self.fail(node, api, "make_template with * or ** arguments")
            return
        name, func = bound.get("name_"), bound.get("func_")
        for key in ("create_scope_now_", "unique_name_", "custom_getter_"):
            if key in bound and not apis.is_none(bound[key]) and not _is_false(bound[key]):
                self.fail(node, api, f"make_template {key}: kept in TF1 form")
                return
        if not (type(name) is ast.Constant and isinstance(name.value, str)):
            self.fail(node, api, "template name is not a string literal")
            return
        if not (type(func) is ast.Name and func.id in self.program.creators):
            self.fail(node, api, "the template function is not a module-level function of this file")
            return
        callee = self.program.functions[func.id]
        if self.dynamic() or self.loops():
            self.fail(node, api, "make_template inside a loop or branch")
            return
        for value in kwargs.values():
            self.expr(value)
        seg = self.request(name.value, node, api)
        path = self.frame.path + ((seg,),)
        # the template's scope is fresh: the callee's entry names count from zero there
        counts: dict = {}
        for entry in callee.footprint:
            if entry[0] == "open":
                counts[entry[1]] = counts.get(entry[1], 0) + 1
            else:
                entry[2].assign(take(counts, entry[1]))
        if callee.own is not None:
            self.fail(node, api, "a template of a function with its own variable_scope")
            return
        ev = self.event("template", node, path, callee=callee, kwargs=kwargs, target=target)
        self.fn.template_locals[target] = ev
        self.fn.locals.add(target)

    def collection(self, node, api) -> None:
        prop = apis.COLLECTIONS.get(api)
        scope = None
        if api == "tf.get_collection" or api == "tf.get_collection_ref":
            prop = None
            bound, _, odd = apis.bind(node, ("key", "scope"))
            if api == "tf.get_collection" and "key" in bound and not odd:
                key_api = self.api_of(bound["key"])
                if key_api and key_api.startswith("tf.GraphKeys."):
                    prop = apis.GRAPH_KEYS.get(key_api.rpartition(".")[2])
                scope = bound.get("scope")
            if prop is None:
                self.fail(node, api, "this collection is kept by the compat runtime")
                return
        elif api in ("tf.add_to_collection", "tf.add_to_collections"):
            self.fail(node, api, "user-managed collections are kept by the compat runtime")
            return
        elif prop is None:
            self.fail(node, api, f"{api} without a module twin; kept in TF1 form")
            return
        else:
            bound, _, odd = apis.bind(node, ("scope",))
            if odd:
                self.fail(node, api, f"{api} with arguments native mode cannot read; kept in TF1 form")
                return
            scope = bound.get("scope")
        if scope is not None and apis.is_none(scope):
            scope = None
        if scope is not None:
            # TF1 filtered the graph's list by name: nn.variables_under(self, scope) filters
            # the module's variables the same way (re.match), in creation order
            if prop not in ("trainable_variables", "variables"):
                self.fail(node, api, "a scope filter on this collection; kept in TF1 form")
                return
            if not (type(scope) is ast.Constant and isinstance(scope.value, str)):
                self.fail(node, api, "the scope filter is not a string literal; kept in TF1 form")
                return
        self.event("collection", node, (), prop=prop, scope=scope)

    # ------------------------------------------------------------------ evidence
    def note_struct(self, node, api) -> None:
        for name in free_names(node):
            if name in self.fn.arg_nodes:
                self.fn.struct.setdefault(name, node)


def _is_true(node) -> bool:
    return type(node) is ast.Constant and node.value is True


def _is_false(node) -> bool:
    return type(node) is ast.Constant and node.value is False


def _or_literal(name, fn) -> str | None:
    """``"Linear"`` for ``scope or "Linear"`` where ``scope`` is a parameter defaulting to
    None: TF1's effective default (None and ``""`` both give the literal)."""
    if not (type(name) is ast.BoolOp and type(name.op) is ast.Or and len(name.values) == 2):
        return None
    param, literal = name.values
    if not (type(param) is ast.Name and param.id in fn.arg_nodes and param.id in fn.defaults
            and apis.is_none(fn.defaults[param.id])):
        return None
    if type(literal) is ast.Constant and isinstance(literal.value, str) and literal.value \
            and "/" not in literal.value:
        return literal.value
    return None
