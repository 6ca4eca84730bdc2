"""One pass over a module's ``ast``: find TF1 variable constructs, track the scope frames of
every function, then resolve scope paths across the file's own call graph.

    >>> import ast
    >>> src = '''import tensorflow as tf
    ... def block(x, scope):
    ...     with tf.variable_scope(scope):
    ...         return tf.get_variable("w", [3])
    ... def model(x):
    ...     with tf.variable_scope("model"):
    ...         for i in range(2):
    ...             block(x, "h%d" % i)
    ... '''
    >>> sorted(f.scope for f in analyze_tree(ast.parse(src), "m.py"))
    ['model', 'model/h{i}', 'model/h{i}/w']
"""
from __future__ import annotations

import ast

from unscope.analyze import verdicts
from unscope.analyze.constructs import classify, default_layer_name, layer_name_keyword
from unscope.analyze.findings import Finding
from unscope.analyze.imports import ImportTable, canonical_api
from unscope.analyze.names import NameEnv, literal, segment_of
from unscope.analyze.callgraph import resolve_scopes
from unscope.analyze.scopes import Frame, combine_reuse

__all__ = ["analyze_tree"]

_Call, _Attribute, _Name, _Constant = ast.Call, ast.Attribute, ast.Name, ast.Constant
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)

# TF1 positional parameters, for binding arguments of the calls we inspect
_SCOPE_PARAMS = ("name_or_scope", "default_name", "values", "initializer", "regularizer",
                 "caching_device", "partitioner", "custom_getter", "reuse", "dtype", "use_resource",
                 "constraint", "auxiliary_name_scope")
_VARIABLE_PARAMS = ("name", "shape", "dtype", "initializer", "regularizer", "trainable",
                    "collections", "caching_device", "partitioner", "validate_shape",
                    "use_resource", "custom_getter", "constraint")
_TEMPLATE_PARAMS = ("name_", "func_", "create_scope_now_", "unique_name_", "custom_getter_")
_NAME_SCOPE_PARAMS = ("name", "default_name", "values")
_COLLECTION_PARAMS = {"tf.get_collection": ("key", "scope"), "tf.get_collection_ref": ("key",),
                      "tf.add_to_collection": ("name", "value"),
                      "tf.add_to_collections": ("names", "value")}
_SCOPED_COLLECTIONS = {"tf.trainable_variables", "tf.global_variables", "tf.local_variables",
                       "tf.model_variables", "tf.moving_average_variables",
                       "tf.losses.get_regularization_loss", "tf.losses.get_regularization_losses"}
# receivers whose `.name` is almost never a variable's
_NOT_VARIABLES = frozenset({"self", "args", "FLAGS", "flags", "opt", "opts", "options", "config",
                            "cfg", "hparams", "params", "hps", "os", "sys", "file", "f", "path"})
# `.name.split(":")` maps names rather than selects variables: not flagged
_NAME_METHODS = frozenset({"startswith", "endswith"})
_RE_FUNCS = frozenset({"re.match", "re.search", "re.fullmatch", "re.findall"})


# qualified name -> (canonical api, kind); shared by every file a process scans
_API_CACHE: dict[str, tuple] = {}


def _bind(call: ast.Call, params: tuple) -> tuple[dict, bool]:
    """Map TF1 parameter names to argument nodes; second value: * or ** was used."""
    bound = {}
    starred = False
    for i, arg in enumerate(call.args):
        if type(arg) is ast.Starred:
            starred = True
            break
        if i < len(params):
            bound[params[i]] = arg
    for kw in call.keywords:
        if kw.arg is None:
            starred = True
        else:
            bound[kw.arg] = kw.value
    return bound, starred


def _is_none(node) -> bool:
    return node is None or (type(node) is _Constant and node.value is None)


class _Pending:
    __slots__ = ("node", "api", "verdict", "message", "function", "rel_path", "reuse", "npath")

    def __init__(self, node, api, verdict, message, function, rel_path=None, reuse=False, npath=False):
        self.node = node
        self.api = api
        self.verdict = verdict
        self.message = message
        self.function = function
        self.rel_path = rel_path      # segments relative to the function entry, or None
        self.reuse = reuse            # relative reuse mode, or False when reuse does not apply
        self.npath = npath            # rel_path is a name-scope path (tf.Variable)


class _CallSite:
    __slots__ = ("caller", "name", "via_self", "vpath", "reuse", "call", "env", "template")

    def __init__(self, caller, name, via_self, vpath, reuse, call, env, template=False):
        self.caller = caller
        self.name = name
        self.via_self = via_self
        self.vpath = vpath
        self.reuse = reuse
        self.call = call
        self.env = env
        self.template = template


class _Function:
    __slots__ = ("name", "node", "parent", "cls", "env", "frames", "shadow", "scope_vars",
                 "children", "loop_depth", "is_module", "conds")

    def __init__(self, name, node, parent, cls, env, shadow, is_module=False):
        self.name = name
        self.node = node
        self.parent = parent
        self.cls = cls
        self.env = env
        self.frames = [Frame("root", (), (), None)]
        self.shadow = shadow
        self.scope_vars: dict = {}
        self.children: dict = {}     # nested defs by name
        self.loop_depth = 0
        self.is_module = is_module
        self.conds: list[int] = []   # frame-stack depth at each enclosing if / try / while


class _Visitor:
    def __init__(self, table: ImportTable, path: str, defined: set):
        self.table = table
        self.path = path
        self.tfnames = table.tensorflow_names()
        self.defined = defined            # names of every def in the file
        self.pending: list[_Pending] = []
        self.sites: list[_CallSite] = []
        self.functions: list[_Function] = []
        self.class_stack: list[str] = []
        self.class_methods: dict = {}     # class name -> {method -> _Function}
        self.fn = _Function("<module>", None, None, None, NameEnv(), set(), is_module=True)
        self.functions.append(self.fn)
        self.names = self.tfnames

    # ---- helpers -------------------------------------------------------------------------
    def _resolve(self, node) -> str | None:
        root = node
        while type(root) is _Attribute:
            root = root.value
        if type(root) is not _Name or root.id not in self.names:
            return None
        return self.table.resolve(node)

    def _api(self, node) -> tuple[str | None, str | None]:
        q = self._resolve(node)
        if q is None:
            return None, None
        found = _API_CACHE.get(q)
        if found is None:
            api = canonical_api(q)
            found = (api, classify(api) if api is not None else None)
            if len(_API_CACHE) < 100_000:
                _API_CACHE[q] = found
        return found

    def _reuse_of(self, node) -> str | None:
        """Relative reuse mode of a reuse= argument."""
        if _is_none(node):
            return None
        if type(node) is _Constant:
            if node.value is True:
                return "reuse"
            if node.value is False:
                return None
            return "dynamic"
        if type(node) in (_Name, _Attribute):
            api, _ = self._api(node)
            if api == "tf.AUTO_REUSE":
                return "auto"
        return "dynamic"

    def _add(self, node, api, verdict_message, rel_path=None, reuse=False, npath=False):
        verdict, message = verdict_message
        p = _Pending(node, api, verdict, message, self.fn, rel_path, reuse, npath)
        self.pending.append(p)
        return p

    def _inherit(self, verdict_message):
        """A native construct inside a block kept on the compat runtime is compat too."""
        if verdict_message[0] != "native":
            return verdict_message
        for frame in reversed(self.fn.frames):
            if frame.fallback is not None:
                verdict, message = verdicts.kind_verdict("inherited")
                return verdict, message.format(line=frame.fallback)
        return verdict_message

    def _mark_mixed(self):
        for frame in self.fn.frames:
            if frame.kind == "name_scope":
                frame.mixed = True

    @property
    def _frame(self) -> Frame:
        return self.fn.frames[-1]

    def _in_function(self) -> bool:
        return not self.fn.is_module

    # ---- statements ----------------------------------------------------------------------
    def body(self, stmts):
        for stmt in stmts:
            self.stmt(stmt)

    def stmt(self, s):
        kind = type(s)
        if kind is ast.Expr:
            self.expr(s.value)
        elif kind is ast.Assign:
            self.expr(s.value)
            self._assign(s.targets, s.value)
            for target in s.targets:
                if type(target) is not _Name:
                    self.expr(target)
        elif kind in _FUNCS:
            self._function(s)
        elif kind is ast.With or kind is ast.AsyncWith:
            self._with(s)
        elif kind is ast.For or kind is ast.AsyncFor:
            self.expr(s.iter)
            for sub in ast.walk(s.target):
                if type(sub) is _Name:
                    self.fn.env.loop_vars.add(sub.id)
            self.fn.loop_depth += 1
            self.body(s.body)
            self.fn.loop_depth -= 1
            self.body(s.orelse)
        elif kind is ast.While:
            self.expr(s.test)
            self.fn.loop_depth += 1
            self.fn.conds.append(len(self.fn.frames))
            self.body(s.body)
            self.fn.conds.pop()
            self.fn.loop_depth -= 1
            self.body(s.orelse)
        elif kind is ast.If:
            self.expr(s.test)
            self.fn.conds.append(len(self.fn.frames))
            self.body(s.body)
            self.body(s.orelse)
            self.fn.conds.pop()
        elif kind is ast.ClassDef:
            for node in s.decorator_list + s.bases:
                self.expr(node)
            for kw in s.keywords:
                self.expr(kw.value)
            self.class_stack.append(s.name)
            self.body(s.body)
            self.class_stack.pop()
        elif kind is ast.ImportFrom:
            if s.names[0].name == "*" and not s.level and s.module:
                api = canonical_api(s.module)
                if api in ("tf", "slim", "tf.layers") or (api or "").startswith(("tf.contrib", "slim.")):
                    self._add(s, api + ".*", ("manual", "star import: scan cannot resolve the names it "
                                              "brings in - import the module and use qualified names"))
        elif kind is ast.Import or kind is ast.Pass:
            return
        else:
            self._generic(s)

    def _generic(self, node):
        for field in node._fields:
            value = getattr(node, field)
            if type(value) is list:
                for item in value:
                    if isinstance(item, ast.stmt):
                        self.stmt(item)
                    elif isinstance(item, ast.expr):
                        self.expr(item)
                    elif isinstance(item, ast.AST):
                        self._generic(item)  # ExceptHandler, match_case, withitem...
            elif isinstance(value, ast.expr):
                self.expr(value)
            elif isinstance(value, ast.AST):
                self._generic(value)

    def _assign(self, targets, value):
        fn = self.fn
        for target in targets:
            if type(target) is not _Name:
                continue
            name = target.id
            if type(value) is _Call:
                api, kind = self._api(value.func)
                if kind == "get_variable_scope" and api == "tf.get_variable_scope":
                    fn.scope_vars[name] = (self._frame.vpath, self._frame.reuse)
                    continue
            seg = segment_of(value, fn.env, strict=True)
            if seg is not None:
                fn.env.strings[name] = seg
            else:
                fn.env.strings.pop(name, None)
            if name in self.names and not fn.is_module and self._resolve(value) is None:
                fn.shadow.add(name)  # `tf = Fake()` inside a function
                self.names = self.tfnames - fn.shadow

    def _function(self, s):
        for node in s.decorator_list:
            self.expr(node)
        args = s.args
        for node in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self.expr(node)
        params: dict = {}
        positional = args.posonlyargs + args.args
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        for arg, default in zip(positional, defaults):
            params[arg.arg] = default
        for arg, default in zip(args.kwonlyargs, args.kw_defaults):
            params[arg.arg] = default
        for arg in (args.vararg, args.kwarg):
            if arg is not None:
                params[arg.arg] = None
        outer = self.fn
        cls = self.class_stack[-1] if self.class_stack else None
        shadow = set(outer.shadow) | (set(params) & self.tfnames)
        fn = _Function(s.name, s, outer, cls, NameEnv(params=params), shadow)
        if cls is not None:
            self.class_methods.setdefault(cls, {})[s.name] = fn
        else:
            outer.children[s.name] = fn
        self.functions.append(fn)
        saved_classes, self.class_stack = self.class_stack, []
        self.fn = fn
        self.names = self.tfnames - fn.shadow
        self.body(s.body)
        self.fn = outer
        self.names = self.tfnames - outer.shadow
        self.class_stack = saved_classes

    def _with(self, s):
        pushed = 0
        for item in s.items:
            ce = item.context_expr
            frame = None
            if type(ce) is _Call:
                api, kind = self._api(ce.func)
                if kind == "variable_scope" and api == "tf.variable_scope":
                    frame = self._variable_scope(ce, api, item.optional_vars)
                elif kind == "name_scope":
                    frame = self._name_scope(ce, api)
                elif kind == "arg_scope" and api.endswith(".arg_scope"):
                    frame = self._arg_scope(ce, api)
            if frame is None:
                self.expr(ce)
                if item.optional_vars is not None:
                    self.expr(item.optional_vars)
            else:
                self.fn.frames.append(frame)
                pushed += 1
        self.body(s.body)
        for _ in range(pushed):
            frame = self.fn.frames.pop()
            if frame.kind == "name_scope" and frame.mixed and frame.pending is not None:
                self.pending.append(frame.pending)

    # ---- constructs ----------------------------------------------------------------------
    def _variable_scope(self, call, api, as_var=None, in_with=True) -> Frame:
        fn = self.fn
        bound, starred = _bind(call, _SCOPE_PARAMS)
        parent = self._frame
        name_node = bound.get("name_or_scope")
        reentered = False
        seg = None
        vpath = None
        parent_reuse = parent.reuse
        if name_node is not None and type(name_node) is _Name and name_node.id in fn.scope_vars:
            vpath, parent_reuse = fn.scope_vars[name_node.id]
            reentered = True
        elif type(name_node) is _Call and self._api(name_node.func)[0] == "tf.get_variable_scope":
            vpath = parent.vpath
            reentered = True
        else:
            default = bound.get("default_name")
            default_seg = segment_of(default, fn.env) if not _is_none(default) else None
            if _is_none(name_node):
                seg = default_seg if default_seg is not None else literal("?")
            elif type(name_node) is _Name and name_node.id in fn.env.params \
                    and _is_none(fn.env.params[name_node.id]) and default_seg is not None:
                seg = (("default", name_node.id, default_seg),)
            else:
                seg = segment_of(name_node, fn.env)
            vpath = parent.vpath + (seg,)
        reuse_mode = self._reuse_of(bound.get("reuse"))
        reuse = combine_reuse(parent_reuse, reuse_mode)
        keywords = {k for k, v in bound.items() if not _is_none(v)
                    and not (k == "auxiliary_name_scope" and type(v) is _Constant and v.value is True)}
        verdict = self._inherit(verdicts.scope_verdict(self._in_function(), seg, reuse_mode, keywords,
                                                       reentered=reentered, starred=starred))
        self._add(call, api, verdict, rel_path=vpath, reuse=reuse)
        self._mark_mixed()
        # visit the arguments for other constructs (initializers...), not the name, the reuse
        # mode or what the finding above already covers
        for key, node in bound.items():
            if key not in ("name_or_scope", "reuse", "default_name", "partitioner", "custom_getter"):
                self.expr(node)
        if starred:
            for arg in call.args:
                if type(arg) is ast.Starred:
                    self.expr(arg)
        if as_var is not None and type(as_var) is _Name:
            fn.scope_vars[as_var.id] = (vpath, reuse)
        npath = parent.npath + ((seg,) if seg is not None else vpath[-1:] if vpath else ())
        frame = Frame("variable_scope", vpath, npath, reuse)
        if verdict[0] != "native" and self._in_function():
            frame.fallback = call.lineno
        return frame

    def _name_scope(self, call, api) -> Frame:
        bound, starred = _bind(call, _NAME_SCOPE_PARAMS)
        parent = self._frame
        seg = segment_of(bound.get("name"), self.fn.env) if not _is_none(bound.get("name")) \
            else segment_of(bound.get("default_name"), self.fn.env)
        for key, node in bound.items():
            if key not in ("name", "default_name"):
                self.expr(node)
        npath = parent.npath + ((seg,) if seg is not None else ())
        pending = _Pending(call, api, *verdicts.kind_verdict("name_scope"), self.fn, npath, False, True)
        frame = Frame("name_scope", parent.vpath, npath, parent.reuse, pending)
        if any(f.kind == "variable_scope" for f in self.fn.frames):
            frame.mixed = True
        return frame

    def _arg_scope(self, call, api) -> Frame:
        self._add(call, api, verdicts.kind_verdict("arg_scope"))
        # the first argument lists layer functions: references, not uses
        for kw in call.keywords:
            self.expr(kw.value)
        for arg in call.args[1:]:
            self.expr(arg)
        parent = self._frame
        return Frame("arg_scope", parent.vpath, parent.npath, parent.reuse)

    def _get_variable(self, call, api):
        fn = self.fn
        bound, starred = _bind(call, _VARIABLE_PARAMS)
        name_node = bound.get("name")
        seg = segment_of(name_node, fn.env) if not _is_none(name_node) else None
        keywords = {k for k, v in bound.items() if not _is_none(v)}
        frame = self._frame
        verdict = self._inherit(verdicts.variable_verdict(api, self._in_function(), seg, keywords,
                                                          frame.reuse, starred=starred))
        rel = frame.vpath + (seg if seg is not None else literal("?"),)
        self._add(call, api, verdict, rel_path=rel, reuse=frame.reuse)
        self._mark_mixed()
        for key, node in bound.items():
            if key not in ("name", "collections", "partitioner", "custom_getter"):
                self.expr(node)

    def _layer(self, call, api):
        fn = self.fn
        keywords = {kw.arg: kw.value for kw in call.keywords if kw.arg}
        starred = any(kw.arg is None for kw in call.keywords) or any(type(a) is ast.Starred for a in call.args)
        name_node = keywords.get(layer_name_keyword(api))
        frame = self._frame
        if not _is_none(name_node):
            seg = segment_of(name_node, fn.env)
        else:
            base = default_layer_name(api) or api.rpartition(".")[2]
            if fn.loop_depth:
                seg = (base, ("loop", "_n"))
            else:
                n = frame.counts.get(base, 0)
                frame.counts[base] = n + 1
                seg = literal(base if n == 0 else f"{base}_{n}")
        reuse_mode = self._reuse_of(keywords.get("reuse"))
        reuse = combine_reuse(frame.reuse, reuse_mode)
        verdict = self._inherit(verdicts.layer_verdict(api, self._in_function(), seg, reuse_mode,
                                                       set(keywords), starred=starred))
        self._add(call, api, verdict, rel_path=frame.vpath + (seg,), reuse=reuse)
        self._mark_mixed()
        for arg in call.args:
            self.expr(arg)
        for kw in call.keywords:
            if kw.arg not in ("reuse", "name", "scope"):
                self.expr(kw.value)

    def _template(self, call, api):
        fn = self.fn
        bound, starred = _bind(call, _TEMPLATE_PARAMS)
        name_node = bound.get("name_")
        seg = segment_of(name_node, fn.env) if not _is_none(name_node) else literal("?")
        keywords = {k for k, v in bound.items() if not _is_none(v)}
        frame = self._frame
        rel = frame.vpath + (seg,)
        self._add(call, api, verdicts.template_verdict(self._in_function(), seg, keywords, starred),
                  rel_path=rel, reuse="auto")
        func = bound.get("func_")
        if type(func) is _Call and type(func.func) in (_Name, _Attribute) and func.args \
                and (self.table.resolve(func.func) == "functools.partial"):
            func = func.args[0]
        if type(func) is _Name and func.id in self.defined:
            self.sites.append(_CallSite(fn, func.id, False, rel, "auto", None, None, template=True))
        for key, node in bound.items():
            if key not in ("name_", "func_"):
                self.expr(node)
        for kw in call.keywords:
            if kw.arg not in _TEMPLATE_PARAMS and kw.arg is not None:
                self.expr(kw.value)

    def _collection(self, call, api):
        params = _COLLECTION_PARAMS.get(api, ("scope",))
        bound, _ = _bind(call, params)
        key = None
        key_node = bound.get("key")
        if key_node is not None:
            key = "custom"
            key_api, _ = self._api(key_node) if type(key_node) is _Attribute else (None, None)
            if key_api and key_api.startswith("tf.GraphKeys."):
                key = key_api.rpartition(".")[2]
        scoped = not _is_none(bound.get("scope")) and (api == "tf.get_collection" or api in _SCOPED_COLLECTIONS)
        self._add(call, api, verdicts.collection_verdict(api, key, scoped, self._in_function()))
        for name, node in bound.items():
            if name not in ("key", "name", "names"):
                self.expr(node)

    def _variable(self, call, api):
        frame = self._frame
        if not any(f.kind in ("variable_scope", "name_scope") for f in self.fn.frames):
            return  # plain TF2 tf.Variable: not TF1 scope machinery
        name_node = next((kw.value for kw in call.keywords if kw.arg == "name"), None)
        seg = segment_of(name_node, self.fn.env) if not _is_none(name_node) else literal("Variable")
        self._add(call, api, self._inherit(verdicts.kind_verdict("variable", self._in_function())),
                  rel_path=frame.npath + (seg,), npath=True)
        self._mark_mixed()

    def _reuse_variables(self, call, receiver):
        fn = self.fn
        frame = self._frame
        target = None
        if type(receiver) is _Call and self._api(receiver.func)[0] == "tf.get_variable_scope":
            target = frame
        elif type(receiver) is _Name and receiver.id in fn.scope_vars:
            vpath = fn.scope_vars[receiver.id][0]
            target = next((f for f in reversed(fn.frames) if f.vpath == vpath), None)
            if target is None:
                fn.scope_vars[receiver.id] = (vpath, "reuse")
                self._add(call, "VariableScope.reuse_variables",
                          ("native", "scope object marked for reuse: native mode shares through the same module"),
                          rel_path=vpath, reuse="reuse")
                return
        if target is None:
            self._add(call, "VariableScope.reuse_variables",
                      ("compat", "receiver is not a scope known statically; kept on the compat runtime"))
            self.expr(receiver)
            return
        # from here on the rest of the block reuses (inner frames are popped with their blocks)
        index = fn.frames.index(target)
        conditional = any(depth > index for depth in fn.conds)
        mode = "dynamic" if conditional else "reuse"
        for f in fn.frames[index:]:
            f.reuse = mode
        if conditional:
            target.fallback = call.lineno
        if conditional:
            verdict = ("compat", "reuse_variables() called conditionally: reuse is decided at run time; "
                                 "the compat runtime applies it as TF1 did - share by calling the same "
                                 "module to migrate natively")
        elif not self._in_function():
            verdict = ("compat", "at module level; native mode needs model code inside a function")
        else:
            verdict = ("native", "later variables in this scope are shared: native mode calls the same module")
        self._add(call, "VariableScope.reuse_variables", verdict, rel_path=target.vpath, reuse=mode)

    def _construct(self, call, api, kind):
        if kind == "variable_scope":
            if api == "tf.variable_scope":
                self._variable_scope(call, api, in_with=False)
            else:  # tf.VariableScope(...) built by hand
                self._add(call, api, ("compat", "VariableScope objects built directly stay on the compat runtime"))
                self._args(call)
        elif kind == "get_variable":
            self._get_variable(call, api)
        elif kind == "layer":
            self._layer(call, api)
        elif kind == "make_template":
            self._template(call, api)
        elif kind == "collection":
            self._collection(call, api)
        elif kind == "variable":
            self._variable(call, api)
            self._args(call)
        elif kind == "name_scope":
            self._add(call, api, verdicts.kind_verdict("name_scope"))
            self._args(call)
        elif kind == "arg_scope":
            self._add(call, api, verdicts.kind_verdict("arg_scope"))
            for kw in call.keywords:
                self.expr(kw.value)
        elif kind == "select_by_name":
            self._add(call, api, verdicts.kind_verdict("select_by_name"))
            self._args(call)
        else:
            self._add(call, api, verdicts.kind_verdict(kind, self._in_function()))
            self._args(call)

    def _args(self, call):
        for arg in call.args:
            self.expr(arg)
        for kw in call.keywords:
            self.expr(kw.value)

    def _select(self, node, how):
        self._add(node, "Variable.name", ("manual", verdicts.SELECT_BY_NAME.format(how=how)))

    @staticmethod
    def _is_name_attr(node) -> bool:
        if type(node) is not _Attribute or node.attr != "name":
            return False
        base = node.value
        return not (type(base) is _Name and base.id in _NOT_VARIABLES)

    def _compare(self, node):
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            op_kind = type(op)
            if op_kind in (ast.In, ast.NotIn):
                if type(left) is _Constant and isinstance(left.value, str) and self._is_name_attr(right):
                    self._select(node, f"{left.value!r} in .name")
                    return
            elif op_kind in (ast.Eq, ast.NotEq):
                for a, b in ((left, right), (right, left)):
                    if self._is_name_attr(a) and type(b) is _Constant and isinstance(b.value, str) \
                            and ("/" in b.value or ":" in b.value):
                        self._select(node, f".name == {b.value!r}")
                        return
            left = right

    # ---- expressions ---------------------------------------------------------------------
    def _call(self, call, stack):
        func = call.func
        ftype = type(func)
        if ftype is _Attribute or ftype is _Name:
            api, kind = self._api(func)
            if api is not None:
                if kind is not None:
                    self._construct(call, api, kind)
                else:
                    stack.extend(call.args)
                    stack.extend(kw.value for kw in call.keywords)
                return
        if ftype is _Attribute:
            attr = func.attr
            if attr == "reuse_variables" and self.tfnames and not call.args:
                self._reuse_variables(call, func.value)
                return
            if self.tfnames:
                if attr in _NAME_METHODS and self._is_name_attr(func.value):
                    self._select(call, f".name.{attr}()")
                elif attr in ("match", "search", "fullmatch", "findall") \
                        and any(self._is_name_attr(a) for a in call.args) \
                        and self.table.resolve(func) in _RE_FUNCS:
                    self._select(call, f"re.{attr} on .name")
            if type(func.value) is _Name and func.value.id == "self" and attr in self.defined:
                self.sites.append(_CallSite(self.fn, attr, True, self._frame.vpath, self._frame.reuse,
                                            call, self._snapshot()))
            stack.append(func.value)
        elif ftype is _Name:
            if func.id in self.defined:
                self.sites.append(_CallSite(self.fn, func.id, False, self._frame.vpath, self._frame.reuse,
                                            call, self._snapshot()))
        else:
            stack.append(func)
        stack.extend(call.args)
        stack.extend(kw.value for kw in call.keywords)

    def _snapshot(self) -> NameEnv:
        env = self.fn.env
        return NameEnv(env.params, set(env.loop_vars), dict(env.strings))

    def expr(self, node):
        stack = [node]
        names = self.names
        while stack:
            n = stack.pop()
            t = type(n)
            if t is _Call:
                self._call(n, stack)
                continue
            if t is _Name:
                if n.id in names:
                    self._reference(n)
                continue
            if t is _Attribute:
                root = n.value
                while type(root) is _Attribute:
                    root = root.value
                if type(root) is _Name:
                    if root.id in names:
                        self._reference(n)
                    continue
                stack.append(root)
                continue
            if t is _Constant:
                continue
            if t is ast.Compare and self.tfnames:
                self._compare(n)
            for field in n._fields:
                value = getattr(n, field)
                if type(value) is list:
                    for item in value:
                        if isinstance(item, ast.AST):
                            stack.append(item)
                elif isinstance(value, ast.AST):
                    stack.append(value)

    def _reference(self, node):
        """A TF name used without being called (passed as a value, a constant...)."""
        api, kind = self._api(node)
        if kind is None:
            return
        if kind in ("initializer", "regularizer", "native_regularizer", "partitioner", "rnn_cell", "contrib",
                    "contrib_supported", "layer_base", "auto_reuse", "graph_keys", "select_by_name"):
            self._add(node, api, verdicts.kind_verdict(kind, self._in_function()))
        elif kind == "arg_scope":
            self._add(node, api, verdicts.kind_verdict("arg_scope"))
        elif kind == "layer":
            # normalizer_fn=slim.batch_norm, slim.repeat(x, 2, slim.conv2d, ...), a class
            # subclassed: the call that uses it is the construct
            return
        elif kind in ("get_variable", "variable_scope", "make_template", "collection",
                      "get_variable_scope"):
            self._add(node, api, ("compat", "passed as a value, not called; kept on the compat runtime"))


def analyze_tree(tree: ast.Module, path: str = "<string>", table: ImportTable | None = None) -> list[Finding]:
    """Findings for one parsed module (unsorted, ``cell`` None)."""
    if table is None:
        table = ImportTable.from_tree(tree)
    if not table.tensorflow_names() and not any(canonical_api(m) for m in table.star_imports):
        return []
    visitor = _Visitor(table, path, table.functions)
    visitor.body(tree.body)
    return resolve_scopes(visitor.pending, visitor.sites, visitor.class_methods, visitor.path)
