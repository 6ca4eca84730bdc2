"""The edits that turn a planned ``def`` into a ``class``: the class header with
``__init__``, the body moved under ``__call__`` (scopes unwrapped, re-indented, comments
kept), calls replaced by attributes, and first-call creation where a shape needs the input::

    if self.w is None:
        self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], 4])
    w = self.w
"""
from __future__ import annotations

import ast

from unscope.migrate.parses import walk
from unscope.native import apis
from unscope.native.islands import island_scope, scope_defaults
from unscope.native.paths import BASE, Uniq, attr_name, class_name, fstring, identifier
from unscope.native.plan import Plan, Unsupported, ctor_args, first_on_line, fresh, names_in
from unscope.native.scope_defaults import Foreign
from unscope.native.text import Editor, header_colon, string_lines

__all__ = ["Emitter", "MODULE_ATTRIBUTES"]

# what an nn.Module (a tf.Module) already answers to: no attribute of a class may take these
MODULE_ATTRIBUTES = frozenset({
    "name", "name_scope", "scope_name", "variables", "trainable_variables",
    "non_trainable_variables", "submodules", "regularization_losses", "with_name_scope",
})


class Emitter:
    """Adds the edits of every converted function to one :class:`Editor`."""

    def __init__(self, program, editor: Editor, plans: dict, nn: str, runtime: str = "unscope",
                 functools: str = "functools") -> None:
        self.program = program
        self.runtime = runtime        # the names ``unscope`` and ``functools`` are bound to
        self.functools = functools    # (compat islands; a template's arguments)
        self.src = program.source
        self.ed = editor
        self.plans = plans
        self.nn = nn
        self.strings = string_lines(self.src.text)
        self.used: dict[str, set] = {}

    # ------------------------------------------------------------------ names
    def name_classes(self) -> None:
        taken = set(self.program.globals)
        for plan in self.plans.values():
            taken.discard(plan.fn.name)
        for plan in self.plans.values():
            name = class_name(plan.fn.name)
            plan.cls = fresh(name, taken) if name in taken else name
            taken.add(plan.cls)

    def name_attributes(self, plan: Plan) -> None:
        fn = plan.fn
        init = [p for p in fn.all_params if fn.kinds.get(p) == "init"]
        taken = set(MODULE_ATTRIBUTES) | set(init)
        # a parameter tf.Module already has an attribute for (its read-only ``name``) is kept
        # under the PEP 8 spelling for a clash: ``self.name_ = name``
        plan.stored = {p: p for p in init}
        for p in init:
            if p in MODULE_ATTRIBUTES:
                plan.stored[p] = fresh(p + "_", taken)
                taken.add(plan.stored[p])
        for res in plan.resources:
            ev = res.first
            if res.kind in ("module", "island") and ev.kind == "call" and ev.callee.own is None:
                fallback = ev.callee.name
                base = identifier(fallback)
            elif res.kind in ("module", "island") and ev.kind == "call":
                base = attr_name(ev.path, ev.callee.name)
            elif res.kind == "layer":   # a layer named by an argument: after its TF1 default name
                base = attr_name(res.path, ev.spec.default_name)
            else:
                base = attr_name(res.path, {"var": "var"}.get(res.kind, "module"))
            name, i = base, 1
            while name in taken:
                i += 1
                name = f"{base}_{i}"
            res.attr = name
            taken.add(name)

    # ------------------------------------------------------------------ rendering helpers
    def base_expr(self, plan, context):
        if plan.mode == "root":
            return None
        return plan.path_param if context == "init" else "self.scope_name"

    def path_text(self, plan, path, context, expr, uniq_var=None):
        full = ((BASE[0],),) + tuple(path)
        text = fstring(full, expr, self.base_expr(plan, context), uniq_var)
        inner = text[3:-2] if text.startswith('f"{') and text.endswith('}"') else ""
        if inner.isidentifier() and "{" not in inner:
            return inner   # f"{name}": the name itself
        return text

    def plain(self, node) -> str:
        return self.src.segment(node)

    def final_indent(self, plan, lineno) -> int:
        return self.src.indent(lineno) + plan.shift.get(lineno, 0)

    # ------------------------------------------------------------------ one function
    def emit(self, plan: Plan) -> None:
        fn = plan.fn
        src, ed = self.src, self.ed
        node = fn.node
        colon = header_colon(src, node)
        colon_line = src.line_of(colon)
        if node.body[0].lineno == colon_line:
            raise Unsupported(node, f"def {fn.name}", "the function body is on the def line")
        if any("\t" in src.lines[i - 1][:src.indent(i)] for i in range(node.lineno, node.end_lineno + 1)):
            raise Unsupported(node, f"def {fn.name}", "tabs in indentation")
        self.used[fn.name] = set()
        # the class follows the file's indentation unit (BERT's 2 spaces, PEP 8's 4): the
        # body moves one level in, under ``def __call__``
        plan.unit = " " * max(1, node.body[0].col_offset - node.col_offset)
        plan.shift = {line: len(plan.unit) for line in range(colon_line + 1, node.end_lineno + 1)}
        for w in fn.unwraps:
            d = w.body[0].col_offset - w.col_offset
            w_colon = header_colon(src, w, after=w.items[-1].optional_vars or w.items[-1].context_expr)
            for line in range(src.line_of(w_colon) + 1, w.end_lineno + 1):
                plan.shift[line] -= d
        removed: list[tuple[int, int]] = []
        # docstring -> class docstring
        if fn.docstring is not None:
            self._delete_stmt(plan, fn.docstring, removed)
        for s in fn.deletes:
            self._delete_stmt(plan, s, removed)
        for w in fn.unwraps:
            self._unwrap(plan, w, removed)
        for loop in fn.loops:
            if loop.structural and loop.target == "_" and not any(
                    type(n) is ast.Name and n.id == "_" and type(n.ctx) is ast.Load for n in walk(node)):
                loop.index = fresh("i", names_in(node))
                ed.replace(loop.node.target, loop.index)
        self._substitutions(plan)
        for res in plan.resources:
            for ev in res.events:
                self._rewrite(plan, res, ev)
        for ev in fn.events:
            if ev.kind == "collection" and ev.prop in ("trainable_variables", "variables"):
                # TF1's list: filtered by scope, in creation order (a module's own list is
                # sorted by attribute name)
                args = ["self"] + ([src.segment(ev.scope)] if ev.scope is not None else [])
                args += [] if ev.prop == "trainable_variables" else ["trainable=False"]
                ed.replace(ev.node, f"{self.nn}.variables_under({', '.join(args)})")
            elif ev.kind == "collection":
                ed.replace(ev.node, f"self.{ev.prop}")
        # indentation
        node_spans = [src.span(ev.node) for ev in fn.events if ev.kind != "tcall"]
        for line in range(colon_line + 1, node.end_lineno + 1):
            if line in self.strings or not src.lines[line - 1].strip():
                continue
            start = src.line_start(line)
            if any(lo <= start < hi for lo, hi in removed) or any(lo < start < hi for lo, hi in node_spans):
                continue
            width = src.indent(line)
            ed.add(start, start + width, " " * max(0, width + plan.shift[line]))
        # prelude for parameters the body rebinds
        first_body = src.next_line_start(colon_line)
        ed.insert(first_body, lambda r: self._prelude(plan))
        def_start = src.offset(node.lineno, node.col_offset)
        ed.add(def_start, colon, lambda r: self._header(plan))

    def _delete_stmt(self, plan, stmt, removed) -> None:
        src = self.src
        if not first_on_line(src, stmt):
            raise Unsupported(stmt, "statement", "a statement to remove shares its line")
        rest = src.lines[stmt.end_lineno - 1][stmt.end_col_offset:].strip()
        if rest and not rest.startswith("#"):
            raise Unsupported(stmt, "statement", "a statement to remove shares its line")
        lo, hi = src.line_start(stmt.lineno), src.next_line_start(stmt.end_lineno)
        removed.append((lo, hi))
        self.ed.add(lo, hi, "")

    def _unwrap(self, plan, w, removed) -> None:
        src = self.src
        colon = header_colon(src, w, after=w.items[-1].optional_vars or w.items[-1].context_expr)
        colon_line = src.line_of(colon)
        lo, hi = src.line_start(w.lineno), src.next_line_start(colon_line)
        comment = src.text[colon:hi].strip()
        text = ""
        if comment.startswith("#"):
            text = " " * self.final_indent(plan, w.body[0].lineno) + comment + "\n"
        removed.append((lo, hi))
        self.ed.add(lo, hi, text)

    def _substitutions(self, plan) -> None:
        """Structural parameters read in ``__call__`` become ``self.<name>``."""
        fn = plan.fn
        init = {p for p, k in fn.kinds.items() if k == "init"}
        rebound = fn.locals & init
        used = self.used[fn.name]
        for name, node in _loads(fn.node):
            if name not in init:
                continue
            if name in rebound:
                plan.prelude.add(name)
                self.ed.replace(node, lambda r, n=name: (used.add(n), n)[1])
            else:
                self.ed.replace(node, lambda r, n=name: (used.add(n), f"self.{plan.stored[n]}")[1])

    def _index(self, res) -> str:
        return f"[{res.loop.index}]" if res.loop is not None else ""

    def _rewrite(self, plan, res, ev) -> None:
        ed = self.ed
        attr = f"self.{res.attr}{self._index(res)}"
        if ev.kind == "var":
            if not res.eager and ev in res.creating:
                self._guard(plan, res, ev, lambda r: self._variable(plan, ev, "call", r.node))
            ed.replace(ev.node, attr)
        elif ev.kind == "layer":
            if not res.eager:
                self._guard(plan, res, ev, lambda r: self._layer(plan, ev, "call", r.node))
            ed.replace(ev.node, lambda r: f"{attr}({self._layer_call_args(ev, r)})")
        elif res.kind == "island" and ev.kind == "template":
            ed.replace(ev.node, attr)  # the template's calls call the island
        elif res.kind == "island":
            if not res.eager:
                self._guard(plan, res, ev, lambda r: self.island(plan, ev, r.node, "call"))
            ed.replace(ev.node, lambda r: f"{attr}({self._island_call_args(plan, ev, r)})")
        elif ev.kind == "call":
            if not res.eager:
                self._guard(plan, res, ev, lambda r: self.instance(plan, ev, r.node, "call"))
            builds = getattr(getattr(ev.callee, "target", None), "builds", None)
            if builds is not None:   # another file's model class, built around the module held here
                ed.replace(ev.node, lambda r: _with_module(ev.node, r, f"{builds}={attr}"))
            else:
                ed.replace(ev.node, lambda r: f"{attr}({self._module_call_args(ev, r)})")
        elif ev.kind == "template":
            ed.replace(ev.node, attr)

    def _guard(self, plan, res, ev, make) -> None:
        src = self.src
        indent = " " * self.final_indent(plan, ev.stmt.lineno)
        offset = src.offset(ev.stmt.lineno, ev.stmt.col_offset)
        if res.grow:
            self.ed.insert(offset, lambda r: (f"if len(self.{res.attr}) <= {res.loop.index}:\n"
                                              f"{indent}{plan.unit}self.{res.attr}.append({make(r)})\n{indent}"))
            return
        self.ed.insert(offset, lambda r: (f"if self.{res.attr} is None:\n{indent}{plan.unit}"
                                          f"self.{res.attr} = {make(r)}\n{indent}"))

    # ------------------------------------------------------------------ expressions
    def _variable(self, plan, ev, context, expr, uniq_var=None) -> str:
        args = [self.path_text(plan, ev.path, context, expr, uniq_var)]
        nn_positional = apis.NN_VARIABLE_PARAMS
        # the scopes' defaults: this function's own, then those its callers' scopes give it
        scope = {**plan.fn.inherited, **ev.kwargs}
        for p in apis.GET_VARIABLE_PARAMS[1:]:
            if p not in ev.bound or p in ("validate_shape", "use_resource"):
                continue
            if p in scope and apis.is_none(ev.bound[p]):
                continue  # None: TF1 takes the scope's
            value = expr(ev.bound[p])
            i = apis.GET_VARIABLE_PARAMS.index(p)
            if p in ev.positional and i < 4 and nn_positional[i] == p:
                args.append(value)
            else:
                args.append(f"{p}={value}")
        for k in ("dtype", "initializer", "regularizer"):
            if k in scope and (k not in ev.bound or apis.is_none(ev.bound[k])):
                args.append(f"{k}={_render(scope[k], expr)}")
        return f"{self.nn}.variable({', '.join(args)})"

    def _layer(self, plan, ev, context, expr, uniq_var=None) -> str:
        spec = ev.spec
        ctor = ctor_args(ev)
        args = []
        tf1 = spec.tf1_params[1:]
        positional = [p for p in ev.positional if p in ctor]
        prefix = 0
        while prefix < len(positional) and prefix < len(spec.nn_params) \
                and positional[prefix] == tf1[prefix] == spec.nn_params[prefix] \
                and positional[prefix] not in ev.defaults:
            prefix += 1
        for p in spec.tf1_params:
            if p not in ctor or p in ev.defaults:
                continue
            value = expr(ctor[p])
            if p in positional[:prefix]:
                args.append(value)
            else:
                args.append(f"{p}={value}")
        for k, v in ev.defaults.items():  # what the variables take from the scopes around
            args.append(f"{k}={_render(v, expr)}")
        args.append(f"name={self.path_text(plan, ev.path, context, expr, uniq_var)}")
        return f"{self.nn}.{spec.nn_class}({', '.join(args)})"

    def _layer_call_args(self, ev, r) -> str:
        args = [r.node(ev.bound["inputs"])]
        for p in ev.spec.call:
            if p in ev.bound:
                args.append(f"{p}={r.node(ev.bound[p])}")
        return ", ".join(args)

    def _module_call_args(self, ev, r) -> str:
        callee = ev.callee
        args = []
        for p in ev.positional:
            if callee.kinds.get(p) == "call":
                args.append(r.node(ev.bound[p]))
        for p, value in ev.bound.items():
            if p not in ev.positional and callee.kinds.get(p) == "call":
                args.append(f"{p}={r.node(value)}")
        return ", ".join(args)

    def _island_call_args(self, plan, ev, r) -> str:
        """The TF1 call's own arguments, except reuse flags of ``plan``'s function, which
        native mode drops (sharing is calling the same island; its later calls map to the
        variables of the first, whatever reuse they pass)."""
        dropped = plan.fn.reuse_params
        reuse = ev.callee.reuse_params
        # a default_name scope TF1 uniquified here: the island is told the name TF1 chose
        named = getattr(ev, "island_name", None)
        scope_param = ev.callee.own.param if named is not None else None

        def flag(p, node) -> bool:
            names = {n.id for n in walk(node) if type(n) is ast.Name}
            return p in reuse and bool(names) and names <= dropped

        args = []
        if isinstance(named, Uniq):  # one name per iteration of a static loop
            names = ", ".join(_quote(n) for n in named.names) + ("," if len(named.names) == 1 else "")
            named = f"({names})[{ev.loop.index}]"
        elif named is not None:
            named = _quote(named)
        for p, node in zip(ev.positional, ev.node.args):
            if p == scope_param:
                args.append(named)
            else:
                args.append("False" if flag(p, node) else r.node(node))
        for kw in ev.node.keywords:
            if kw.arg == scope_param:
                continue
            if not flag(kw.arg, kw.value):
                args.append(f"{kw.arg}={r.node(kw.value)}")
        if scope_param is not None and scope_param not in ev.positional:
            args.append(f"{scope_param}={named}")
        return ", ".join(args)

    def island(self, plan, ev, expr, context="init", uniq_var=None) -> str:
        """``unscope.track(fn, scope=...)`` for a call of a TF1-form function."""
        scope = self.path_text(plan, island_scope(ev), context, expr, uniq_var)
        fn = ev.callee.name
        if ev.kind == "template" and ev.kwargs:
            bound = ", ".join(f"{k}={expr(v)}" for k, v in ev.kwargs.items())
            fn = f"{self.functools}.partial({fn}, {bound})"
        defaults = scope_defaults(plan.fn, ev)
        kwargs = "".join(f", {k}={_render(defaults[k], expr)}" for k in ("initializer", "regularizer", "dtype")
                         if k in defaults)
        return f"{self.runtime}.track({fn}, scope={scope}{kwargs})"

    def instance(self, plan, ev, expr, context="init", uniq_var=None) -> str:
        """``Cls(args)`` for a call or template event of ``plan``'s function."""
        callee = ev.callee
        cplan = self.plans[callee.name] if callee.name in self.plans else callee.foreign  # another file's
        path = self.path_text(plan, ev.path, context, expr, uniq_var)
        at_default = (cplan.path_default is not None and plan.mode == "root"
                      and len(ev.path) == 1 and ev.path[0] == (cplan.path_default,))
        args: list[str] = []
        kwargs: list[str] = []
        if cplan.mode == "param" and cplan.fresh_path and cplan.path_default is None:
            args.append(path)
        bound = ev.bound if ev.kind == "call" else ev.kwargs
        positional = ev.positional if ev.kind == "call" else []
        path_given = False
        for p in positional:
            kind = callee.kinds.get(p)
            if kind == "init":
                args.append(expr(bound[p]))
            elif kind == "path":
                args.append(path)
                path_given = True
        for p, value in bound.items():
            if p in positional:
                continue
            kind = callee.kinds.get(p)
            if kind == "init":
                kwargs.append(f"{p}={expr(value)}")
            elif kind == "path":
                kwargs.append(f"{p}={path}")
                path_given = True
        if cplan.mode == "param" and not path_given and not (cplan.fresh_path and cplan.path_default is None):
            if not at_default:
                kwargs.append(f"{cplan.path_param}={path}")
        return f"{cplan.cls}({', '.join(args + kwargs)})"

    # ------------------------------------------------------------------ class text
    def _prelude(self, plan) -> str:
        fn = plan.fn
        indent = " " * fn.node.col_offset + 2 * plan.unit
        names = [p for p in fn.all_params if p in plan.prelude and p in self.used[fn.name]]
        return "".join(f"{indent}{p} = self.{plan.stored[p]}\n" for p in names)

    def _header(self, plan) -> str:
        fn = plan.fn
        c = " " * fn.node.col_offset
        m, b = c + plan.unit, c + 2 * plan.unit
        lines = [f"class {plan.cls}({self.nn}.Module):"]
        if fn.docstring is not None:
            lines.append(m + self.plain(fn.docstring))
            lines.append("")
        lines.append(f"{m}def __init__(self{self._signature(plan, 'init')}):")
        own = fn.own
        if own is not None and own.or_default and plan.path_param == own.param:
            # TF1 opened `scope or "Linear"`: None and "" from any caller mean the literal
            lines.append(f"{b}{own.param} = {own.param} or {_quote(own.literal)}")
        if plan.mode == "root":
            # its variables are named from the top, as TF1 named them: the module's own name
            # is only tf.Module's (the class's), so none is passed
            lines.append(f"{b}super().__init__()")
        else:
            lines.append(f"{b}super().__init__(name={plan.path_param})")
        used = self.used.get(fn.name, set())
        for p in fn.all_params:
            if fn.kinds.get(p) == "init" and p in used:
                lines.append(f"{b}self.{plan.stored[p]} = {p}")
        for res in plan.resources:
            lines.append(f"{b}self.{res.attr} = {self._init_value(plan, res)}")
        lines.append("")
        lines.append(f"{m}def __call__(self{self._signature(plan, 'call')}):")
        return "\n".join(lines)

    def _init_value(self, plan, res) -> str:
        if res.grow:
            return "[]"
        if not res.eager:
            return "None"
        ev = res.first
        expr = self.plain
        uniq_var = None
        if res.uniq is not None:
            uniq_var = fresh("scope", names_in(ev.node) | {res.loop.target or "", plan.path_param or ""})
        if res.kind == "var":
            value = self._variable(plan, ev, "init", expr, uniq_var)
        elif res.kind == "layer":
            value = self._layer(plan, ev, "init", expr, uniq_var)
        elif res.kind == "island":
            value = self.island(plan, ev, expr, uniq_var=uniq_var)
            if res.attr in plan.shares:  # one TF1 name reached by two islands: one store
                value = value[:-1] + f", share=self.{plan.shares[res.attr]})"
        else:
            value = self.instance(plan, ev, expr, uniq_var=uniq_var)
        loop = res.loop
        if loop is None:
            return value
        if res.uniq is not None:
            names = ", ".join(f'"{n}"' for n in res.uniq.names) + ("," if len(res.uniq.names) == 1 else "")
            if res.kind == "island":  # the islands' TF1 text opens the per-iteration scopes
                uniq_var = "_"
            return f"[{value} for {uniq_var} in ({names})]"
        target, iterable = self.plain(loop.node.target), self.plain(loop.node.iter)
        if loop.counting:
            if target.isidentifier() and target not in _names(value):
                target = "_"   # one module per iteration, none of them reading the index
            return f"[{value} for {target} in {iterable}]"
        return f"{{{loop.target}: {value} for {target} in {iterable}}}"

    def _signature(self, plan, which) -> str:
        fn = plan.fn
        a = fn.node.args
        parts, kwonly = [], []
        if which == "init" and plan.mode == "param" and plan.fresh_path and plan.path_default is None:
            parts.append(plan.path_param)
        for arg in a.posonlyargs + a.args + a.kwonlyargs:
            kind = fn.kinds.get(arg.arg)
            want = kind == "call" if which == "call" else kind in ("init", "path")
            if not want:
                continue
            text = arg.arg
            if arg.annotation is not None:
                text += ": " + self.plain(arg.annotation)
            default = fn.defaults.get(arg.arg)
            if kind == "path":
                if plan.path_default is not None:
                    text += "=" + _quote(plan.path_default)
            elif default is not None:
                text += ("=" if arg.annotation is None else " = ") + self.plain(default)
            (kwonly if arg in a.kwonlyargs else parts).append(text)
        if which == "init" and plan.fresh_path and plan.path_default is not None:
            parts.append(f"{plan.path_param}={_quote(plan.path_default)}")
        if kwonly:
            parts.append("*")
            parts.extend(kwonly)
        return "".join(", " + p for p in parts)


def _with_module(call, r, keyword: str) -> str:
    """``modeling.BertModel(config=c, ...)`` as written, with ``net=self.bert`` added: the
    class computes with the module it is given, its arguments are the TF1 call's own."""
    args = [r.node(a) for a in call.args]
    args += [f"{k.arg}={r.node(k.value)}" if k.arg else f"**{r.node(k.value)}" for k in call.keywords]
    return f"{ast.unparse(call.func)}({', '.join(args + [keyword])})"   # a dotted name, as written


def _names(text: str) -> set[str]:
    try:
        return {n.id for n in ast.walk(ast.parse(text, mode="eval")) if type(n) is ast.Name}
    except SyntaxError:
        return set()


def _render(value, expr) -> str:
    return value.text if isinstance(value, Foreign) else expr(value)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _loads(fn_node):
    """(name, Name node) for every read not bound by a nested lambda/def/comprehension."""
    out = []

    def visit(node, shadow):
        t = type(node)
        if t is ast.Name:
            if type(node.ctx) is ast.Load and node.id not in shadow:
                out.append((node.id, node))
            return
        if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda) and node is not fn_node:
            args = node.args
            inner = shadow | {x.arg for x in args.posonlyargs + args.args + args.kwonlyargs}
            if args.vararg:
                inner.add(args.vararg.arg)
            if args.kwarg:
                inner.add(args.kwarg.arg)
            for d in args.defaults + [d for d in args.kw_defaults if d is not None]:
                visit(d, shadow)
            if t is not ast.Lambda:
                inner |= {n.id for n in walk(node) if type(n) is ast.Name and type(n.ctx) is ast.Store}
                for s in node.body:
                    visit(s, inner)
            else:
                visit(node.body, inner)
            return
        if t in (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp):
            inner = set(shadow)
            for gen in node.generators:
                visit(gen.iter, inner)
                inner |= {n.id for n in walk(gen.target) if type(n) is ast.Name}
                for cond in gen.ifs:
                    visit(cond, inner)
            for part in ([node.key, node.value] if t is ast.DictComp else [node.elt]):
                visit(part, inner)
            return
        if node is fn_node:
            for s in node.body:
                visit(s, shadow)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, shadow)

    visit(fn_node, set())
    return out
