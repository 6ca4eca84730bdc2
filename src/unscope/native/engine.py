"""``migrate_native``: analyse, decide what stays TF1, plan the classes, edit, check.

Never raises on user code and never prints: a source it cannot handle comes back unchanged,
with findings (or ``error``) saying why.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from unscope.analyze.findings import Finding
from unscope.migrate.parses import parse, walk
from unscope.native.builders import migrate_builders
from unscope.native.check import conflicts
from unscope.native.decorators import first_line
from unscope.native.emit import Emitter
from unscope.native.islands import ISLAND_PHRASE, hosts as island_hosts, module_binding, partials
from unscope.native.kwargs_passthrough import migrate_passthrough
from unscope.native.layout import layout
from unscope.native.classes_helpers import ForeignHelper
from unscope.native.methods import lift, place, reasons
from unscope.native.plan import Plan, Unsupported, decide_modes, plan_function
from unscope.native.program import Program
from unscope.native.project import attach, import_classes, settle
from unscope.native.scope_defaults import inherit
from unscope.native.text import EditConflict, Editor

__all__ = ["NativeResult", "migrate_native", "DEFAULT_NN_IMPORT"]

DEFAULT_NN_IMPORT = "from unscope import nn"


@dataclass
class NativeResult:
    """Result of :func:`migrate_native`.

    ``code`` the migrated source (the input itself when nothing changed), ``findings`` what
    stayed in TF1 form and why (verdict ``compat``), ``classes`` one entry per class made:
    ``{"function", "class", "init_args", "call_args"}``; ``functions`` / ``native`` count the
    variable-making functions and those turned into classes; ``error`` why the whole source
    was left unchanged, or None.
    """

    code: str
    findings: list = field(default_factory=list)
    classes: list = field(default_factory=list)
    changed: bool = False
    functions: int = 0
    native: int = 0
    error: str | None = None
    error_line: int | None = None
    error_col: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def coverage(self) -> float:
        """Share of variable-making functions turned into classes (1.0 when there are none)."""
        return self.native / self.functions if self.functions else 1.0


def migrate_native(source: str, path: str = "<string>", nn_import: str = DEFAULT_NN_IMPORT,
                   imported=frozenset(), foreign=()) -> NativeResult:
    """Turn TF1 variable-scope functions of one module into ``tf.Module`` classes.

        >>> src = '''import tensorflow.compat.v1 as tf
        ... def model(x):
        ...     with tf.variable_scope("model"):
        ...         w = tf.get_variable("w", [4, 2])
        ...         return tf.matmul(x, w)
        ... '''
        >>> print(migrate_native(src).code)
        import tensorflow.compat.v1 as tf
        from unscope import nn
        <BLANKLINE>
        <BLANKLINE>
        class Model(nn.Module):
            def __init__(self, name="model"):
                super().__init__(name=name)
                self.w = nn.variable(f"{name}/w", [4, 2])
        <BLANKLINE>
            def __call__(self, x):
                w = self.w
                return tf.matmul(x, w)
        <BLANKLINE>
        <BLANKLINE>
        # model: public, kept as TF1 code for callers elsewhere; Model above is its native form
        def model(x):
            with tf.variable_scope("model"):
                w = tf.get_variable("w", [4, 2])
                return tf.matmul(x, w)
        <BLANKLINE>

    ``nn_import`` is the statement that binds ``nn`` in the output (a vendored copy:
    ``"import unscope_nn as nn"``, see :func:`vendor_nn`).  ``imported``: the names other
    files of the run import from this one (see :func:`unscope.native.exports.imported_names`).
    Every public function (no leading ``_``) and every one ``imported`` names gets its class
    and also stays, as TF1 code, under its own name (see :func:`_keep_for_importers`): callers
    outside the run are never broken.  ``foreign``: classes other files of the run made that
    this file's functions may build, ``[(Reference, ForeignClass), ...]`` (see
    :mod:`unscope.native.project`).
    """
    try:
        def plain(text):
            return _migrate(text, path, nn_import, frozenset(imported), tuple(foreign or ()))

        def run(text):   # **kwargs every call site fills with the same literal keywords
            return migrate_passthrough(text, plain) or plain(text)
        # network builders (def mlp(...): def network_fn(X): ...): the network is the class
        return migrate_builders(source, run) or run(source)
    except Exception as exc:  # an engine bug must not lose the user's file
        message = f"internal error in native migration ({type(exc).__name__}: {exc}); file left unchanged"
        return NativeResult(source, [Finding(path, 1, 1, None, "unscope", None, "manual", message)],
                            error=message)


def _migrate(source: str, path: str, nn_import: str, imported: frozenset = frozenset(),
             foreign: tuple = ()) -> NativeResult:
    """Model classes first (:mod:`unscope.native.methods`): their variable-making methods are
    lifted to functions and migrated with the file; if any of them cannot become a module,
    or the class cannot be rewritten around them, the file is migrated without lifting."""
    tree = None
    if "class " in source:   # the common file has no class: no second parse
        try:
            tree = parse(source, filename=path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
    helpers = {ref.text: target for ref, target in foreign if isinstance(target, ForeignHelper)}
    lifting = lift(source, tree, foreign=helpers) if tree is not None else None
    why = {}
    if lifting is not None:
        result = _migrate_file(lifting.source, path, nn_import, imported, lifting.names, foreign=foreign)
        made = {c["function"] for c in result.classes}
        for cls in lifting.classes:
            for one in cls.methods:
                if one.function not in made:
                    found = [f.message for f in result.findings
                             if f"{one.function} stays in TF1 form" in f.message]
                    why.setdefault(cls.node.name, f"{one.method.name} could not become a module"
                                   + (f" ({found[0].split('; ')[0]})" if found else ""))
        if result.ok and lifting.names <= made:
            code = place(result.code, source, lifting, result.classes, why)
            if code is not None:
                try:
                    ast.parse(code)
                except SyntaxError:
                    code = None
            if code is not None:
                owners = {m.function: f"{c.node.name}.{m.method.name}" for c in lifting.classes for m in c.methods}
                for entry in result.classes:
                    entry["function"] = owners.get(entry["function"], entry["function"])
                result.code, result.changed = code, True
                return result
            why = {c.node.name: why.get(c.node.name, "the class could not be rewritten around its "
                                        "methods' modules") for c in lifting.classes}
    return _migrate_file(source, path, nn_import, imported, class_reasons=why, foreign=foreign)


def _migrate_file(source: str, path: str, nn_import: str, imported: frozenset = frozenset(),
                  lifted: frozenset = frozenset(), class_reasons=None, foreign: tuple = ()) -> NativeResult:
    try:
        program = Program(source, path)
        attach(program, foreign)
        program.method_reasons = {**reasons(source, program.tree), **(class_reasons or {})}
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "offset", None)
        return NativeResult(source, error=f"cannot parse: {getattr(exc, 'msg', exc)}",
                            error_line=line, error_col=col)
    program.analyse()
    program.classify()
    inherit(program)
    settle(program)
    kept = (imported | _public(program, source, nn_import)) - lifted
    _already_kept(program, kept, imported)
    if not program.creators:
        return NativeResult(source, _findings(program, {}), functions=len(program.others))
    nn_name, import_text = _nn_binding(program, nn_import)
    runtime, runtime_import = module_binding(program, "unscope")
    functools, functools_import = module_binding(program, "functools")
    for _ in range(len(program.creators) + 2):
        plans, emitter, editor = _attempt(program, nn_name, (runtime, functools))
        if plans is not None:
            break
    else:  # pragma: no cover - every retry marks one more function
        plans, emitter, editor = {}, None, None
    findings = _findings(program, plans)
    functions = len(program.creators) + len(program.others)
    result = NativeResult(source, findings, functions=functions, native=len(plans))
    if not plans:
        return result
    _module_calls(program, editor, emitter, plans)
    _keep_for_importers(program, editor, plans, kept, imported)
    import_classes(program, editor, plans)
    if runtime_import is not None and island_hosts(plans):
        import_text = runtime_import + (import_text or "")
    if functools_import is not None and partials(plans):
        import_text = functools_import + (import_text or "")
    if import_text is not None:
        editor.insert(_import_offset(program, plans), import_text)
    try:
        editor.render()          # first pass: learn which parameters __call__ reads
        code = layout(editor.render(), source)
    except (EditConflict, Unsupported) as exc:
        return NativeResult(source, findings + [Finding(path, 1, 1, None, "unscope", None, "compat",
                                                        f"native rewrite conflict ({exc}); file left unchanged")],
                            functions=functions, error=str(exc))
    try:
        parse(code)   # the compat pass that follows reads this tree (shared_parses)
    except SyntaxError as exc:
        message = f"native rewrite produced invalid code (line {exc.lineno}: {exc.msg}); file left unchanged"
        return NativeResult(source, findings + [Finding(path, 1, 1, None, "unscope", None, "compat", message)],
                            functions=functions, error=message)
    result.code = code
    result.changed = code != source
    result.classes = [_class_entry(plans[fn.name]) for fn in program.creators.values() if fn.name in plans]
    return result


def _attempt(program: Program, nn_name: str, names=("unscope", "functools")):
    """Plan and emit every function not kept in TF1 form; on the first function that turns
    out unsupported, record why and return None (the caller retries without it).

    A function kept in TF1 form pulls nothing back with it: a native caller holds it as a
    compat island (:mod:`unscope.native.islands`), and a native-able callee keeps its TF1
    text for it (:func:`_keep_for_importers`)."""
    plans: dict[str, Plan] = {fn.name: Plan(fn) for fn in program.creators.values() if not fn.reasons}
    try:
        decide_modes(program, plans)
    except Unsupported as exc:
        exc.fn.fail(exc.node, exc.api, exc.message)
        return None, None, None
    editor = Editor(program.source)
    emitter = Emitter(program, editor, plans, nn_name, *names)
    emitter.name_classes()
    for name, plan in plans.items():
        fn = plan.fn
        try:
            plan_function(program, fn, plan, native=plans.keys())
            emitter.name_attributes(plan)
        except Unsupported as exc:
            fn.fail(exc.node, exc.api, exc.message)
            return None, None, None
    found = conflicts(program, plans)
    if found:
        for fn, node, message in found:
            fn.fail(node, "tf.variable_scope", message)
        return None, None, None
    for name, plan in plans.items():
        try:
            emitter.emit(plan)
        except (Unsupported, EditConflict) as exc:
            node = getattr(exc, "node", plan.fn.node)
            plan.fn.fail(node, getattr(exc, "api", f"def {name}"), getattr(exc, "message", str(exc)))
            return None, None, None
    return plans, emitter, editor


def _module_calls(program, editor, emitter, plans) -> None:
    """``y = build(x)`` at module level becomes ``y = Build()(x)``."""
    for name, calls in program.module_calls.items():
        if name not in plans:
            continue
        plan = plans[name]
        fn = plan.fn
        for call in calls:
            from unscope.native.apis import bind
            bound, positional, _ = bind(call, tuple(fn.params) + tuple(fn.kwonly))
            init, args = [], []
            for p in positional:
                (init if fn.kinds.get(p) in ("init", "path") else args).append(emitter.plain(bound[p]))
            for p, value in bound.items():
                if p not in positional:
                    (init if fn.kinds.get(p) in ("init", "path") else args).append(f"{p}={emitter.plain(value)}")
            editor.replace(call, f"{plan.cls}({', '.join(init)})({', '.join(args)})")


# The program pass (unscope.program) hands native mode its file with the Session program
# replaced by this call; such a file is a script whose program the pass rewrites to call the
# classes (it may bind their instances to the functions' names), so only names other files of
# the run import are kept there.
PROGRAM_MARKER = "__unscope_program__()"


def _public(program: Program, source: str, nn_import: str = DEFAULT_NN_IMPORT) -> frozenset:
    """Public variable-making functions: callers outside the run may use them by name.

    None in a program file (see PROGRAM_MARKER), and none with a vendored ``nn``: that output
    must need only TensorFlow, and kept TF1 text runs on the unscope runtime (names other files
    of the run import are kept even then)."""
    if PROGRAM_MARKER in source or nn_import != DEFAULT_NN_IMPORT:
        return frozenset()
    return frozenset(name for name in program.creators if not name.startswith("_"))


def _already_kept(program: Program, kept: frozenset, imported: frozenset) -> None:
    """A second run over our own output: a function whose class already sits in the file
    under the comment :func:`_keep_for_importers` wrote is that TF1 copy; it stays.

    Public and imported functions, and those kept for the TF1 code that calls them (a
    compat island, say), whose comment says so."""
    classes = {s.name for s in program.tree.body if type(s) is ast.ClassDef}
    lines = program.source.lines
    for name in program.creators:
        fn = program.creators[name]
        top = first_line(fn.node)   # the comment sits above a kept registry's decorator
        above = lines[top - 2].strip() if top > 1 else ""
        cls = above.rpartition("; ")[2].partition(" above is its native form")[0]
        if above.startswith(f"# {name}: ") and cls in classes:
            if name in imported:
                why = f"{name} is imported by other files of this run and its class {cls} is " \
                      f"already here: kept as TF1 code for them"
            elif name not in kept:
                why = f"{name} is called by TF1 code and its class {cls} is already here: kept " \
                      f"as TF1 code for it"
            else:
                why = f"{name} is public and its class {cls} is already here: kept as TF1 code " \
                      f"for its callers"
            fn.fail(fn.node, f"def {name}", why)


def _keep_for_importers(program: Program, editor: Editor, plans, kept: frozenset,
                        imported: frozenset = frozenset()) -> None:
    """A public function (or one other files import) keeps its name: its TF1 text stays below
    its new class, so code outside the run that calls it never breaks.

    Why not a delegate to one shared instance: the importing files stay TF1 code (native mode
    cannot see their scopes), and TF1 named a callee's variables after the *caller's* open
    scopes and shared them only under ``reuse`` — one module-level instance would give one set
    of absolute names to every caller, and sharing where TF1 raised.  The TF1 text, run by the
    compat runtime (the compat pass follows), keeps names, reuse and sharing exactly; the class
    beside it is the native form for new callers.  Every function a kept one calls is kept too
    (the TF1 text calls them by name).
    """
    keep = [name for name in program.creators if name in kept and name in plans]
    # a function kept in TF1 form (a compat island, or TF1 code native mode cannot place)
    # calls its native-able callees by name: their TF1 text stays for it
    tf1_callers = {}
    for name, fn in program.creators.items():
        if name not in plans:
            for c in fn.callees:
                if c in plans:
                    tf1_callers.setdefault(c, name)
    keep += [name for name in program.creators if name in tf1_callers and name not in keep]
    # a registry decorator (unscope.native.decorators) registers the TF1 function, as before
    registered = [n for n in program.creators if n in plans and plans[n].fn.node.decorator_list]
    keep += [name for name in registered if name not in keep]
    todo, seen = list(keep), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(c for c in program.creators[name].callees if c in plans)
    src = program.source
    callers = {}   # the first kept caller in file order (deterministic: not set order)
    for n in [n for n in program.creators if n in seen or n not in plans]:
        for c in program.creators[n].callees:
            callers.setdefault(c, n)
    for name in [n for n in program.creators if n in seen]:
        node = plans[name].fn.node
        start = src.offset(first_line(node), 0)
        if node.decorator_list:   # the decorator moves to the TF1 copy; the class has none
            editor.add(start, src.offset(node.lineno, 0), "")
        end = src.next_line_start(node.end_lineno)
        text = src.text[start:end]
        lead = "" if src.text[:end].endswith("\n") else "\n"
        if name in imported:
            why = f"# {name}: imported by other files, kept as TF1 code for them (their scopes name its variables)"
        elif name in kept:
            why = f"# {name}: public, kept as TF1 code for callers elsewhere"
        elif name in registered and name not in callers:
            why = f"# {name}: registered by its decorator, kept as TF1 code for the registry"
        else:
            why = f"# {name}: called by the TF1 code of {callers[name]}, kept with it"
        why += f"; {plans[name].cls} above is its native form\n"
        editor.insert(end, f"{lead}\n\n{why}{text}" + ("" if text.endswith("\n") else "\n"))


def _nn_binding(program: Program, nn_import: str) -> tuple[str, str | None]:
    """The name ``nn`` is bound to in the output, and the import statement to add (or None)."""
    stmt = ast.parse(nn_import).body[0]
    alias = stmt.names[0]
    bound = alias.asname or alias.name.partition(".")[0]
    target = f"{stmt.module}.{alias.name}" if type(stmt) is ast.ImportFrom else alias.name
    existing = program.table.aliases().get(bound)
    if existing == target:
        return bound, None
    used = set(program.globals)
    for fn in program.creators.values():
        used |= {n.id for n in walk(fn.node) if type(n) is ast.Name} | set(fn.arg_nodes)
    if bound in used:
        bound = "unscope_nn"
        while bound in used:
            bound += "_"
        if type(stmt) is ast.ImportFrom:
            nn_import = f"from {stmt.module} import {alias.name} as {bound}"
        else:
            nn_import = f"import {alias.name} as {bound}"
    return bound, nn_import + "\n"


def _import_offset(program: Program, plans) -> int:
    src = program.source
    first_def = min(plan.fn.node.lineno for plan in plans.values())
    last = None
    for stmt in program.tree.body:
        if stmt.lineno >= first_def:
            break
        if type(stmt) in (ast.Import, ast.ImportFrom):
            last = stmt
    if last is None:
        for stmt in program.tree.body:
            is_doc = type(stmt) is ast.Expr and type(stmt.value) is ast.Constant and isinstance(stmt.value.value, str)
            is_future = type(stmt) is ast.ImportFrom and stmt.module == "__future__"
            if stmt is program.tree.body[0] and is_doc or is_future:
                last = stmt
            else:
                break
    if last is None:
        return 0
    return src.next_line_start(last.end_lineno)


def _findings(program: Program, plans) -> list:
    """Why each function kept in TF1 form is kept, and where it lives on: a compat island
    inside the native classes that call it (``ISLAND_PHRASE``), or TF1 code of its own."""
    src = program.source
    out = [Finding(program.path, node.lineno, src.column(node), None, api, None, "compat", message)
           for node, api, message in program.reasons]
    islands = island_hosts(plans)
    for fn in program.creators.values():
        if not fn.reasons:
            continue
        where_kept = f", {ISLAND_PHRASE} {', '.join(islands[fn.name])}" if fn.name in islands else ""
        seen = set()
        for node, api, message in fn.reasons:
            where = (getattr(node, "lineno", fn.node.lineno), src.column(node) if hasattr(node, "col_offset") else 1)
            if (where, message) in seen:
                continue
            seen.add((where, message))
            out.append(Finding(program.path, where[0], where[1], None, api, None, "compat",
                               f"{message}; {fn.name} stays in TF1 form{where_kept}"))
    return sorted(out, key=Finding.sort_key)


def _class_entry(plan: Plan) -> dict:
    fn = plan.fn
    init = [p for p in fn.all_params if fn.kinds.get(p) in ("init", "path")]
    if plan.fresh_path:
        if plan.path_default is None:
            init.insert(0, plan.path_param)
        else:
            init.append(plan.path_param)
    return {"function": fn.name, "class": plan.cls, "init_args": init,
            "call_args": [p for p in fn.all_params if fn.kinds.get(p) == "call"]}
