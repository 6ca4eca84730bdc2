"""Network builders: a function whose whole body defines a network function and returns it
(``def mlp(num_layers=2): def network_fn(X): ...; return network_fn``) becomes a class whose
instance is the network: ``network_fn = Mlp(num_layers=2)``, ``network_fn(X)``.

The builder's parameters are the class's ``__init__`` arguments, the network function's its
``__call__`` arguments.  Native mode does it by lifting: the network function's body, under a
function named like the builder taking ``(X, <builder parameters>)``, is migrated with the
file (line for line, so findings keep their lines), and the TF1 copy kept beside the class is
the original builder again (:func:`restore`).

What is not proven stays as it was (the builder in TF1 form, the engine's finding): a builder
with more than the definition and the return, parameters without defaults (they could be
tensors), a network function with defaults, ``*args``, decorators, ``nonlocal`` or parameters
it rebinds, a builder named anywhere else in the file (its callers would read the lifted
signature), multi-line strings inside the network function (dedenting would change them), and
a class whose ``__call__`` would take more than the network function's arguments.

    >>> src = '''def mlp(units=4):
    ...     def network_fn(x):
    ...         return dense(x, units)
    ...     return network_fn
    ... '''
    >>> print(lift_builders(src).source, end="")
    def mlp(x, units=4):
    <BLANKLINE>
        return dense(x, units)
    <BLANKLINE>
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace

from unscope.migrate.parses import parse, walk
from unscope.native.decorators import first_line
from unscope.native.star_params import read_star_params

__all__ = ["Builder", "BuilderLift", "lift_builders", "migrate_builders", "restore", "returns_function"]

_NESTED_DEF = re.compile(r"\n[ \t]+def (\w+)\(")


def _may_hold_builder(source: str) -> bool:
    """A nested ``def f(`` and a line ``return f``: the text a builder needs, found by regex."""
    return any(re.search(rf"\n[ \t]+return {name}[ \t]*(#[^\n]*)?(\n|$)", source)
               for name in set(_NESTED_DEF.findall(source)))


@dataclass(frozen=True)
class Builder:
    name: str
    inner: str
    call_args: tuple       # the network function's parameters
    text: str              # the builder's original text, decorators included
    body: tuple            # (first, last) line of the network function's body
    shift: int             # columns its body moved left


@dataclass(frozen=True)
class BuilderLift:
    source: str
    builders: tuple
    blank_end: bool        # the original ends with a blank line


def migrate_builders(source: str, migrate):
    """``migrate(text)`` (native mode's file pass) over ``source`` with its builders lifted,
    and the result with the original builders restored; None where no builder became a class.

    A builder whose lifted function does not become the network is put back and the rest tried
    again; its finding from the lifted run (the real reason, at the original line) replaces the
    engine's "a nested function makes variables" for it."""
    skip: set = set()
    why: dict = {}
    while True:
        lifted = lift_builders(source, skip=skip)
        if lifted is None:
            if not why:
                return None
            result = migrate(source)          # no builder became a class: the file as it is
            break
        result = migrate(lifted.source)
        if not result.ok:
            return None
        made = {c["function"]: c for c in result.classes}
        failed = {b.name for b in lifted.builders
                  if b.name not in made or tuple(made[b.name]["call_args"]) != b.call_args}
        if not failed:
            break
        for name in failed:
            why[name] = [_unshifted(f, lifted.builders) for f in result.findings
                         if f"{name} stays in TF1 form" in f.message]
        skip |= failed
    if lifted is not None:
        result.code = restore(result.code, lifted, result.classes)
        result.findings = [_unshifted(f, lifted.builders) for f in result.findings]
    for name, findings in why.items():
        if findings:
            result.findings = [f for f in result.findings if not (
                f"{name} stays in TF1 form" in f.message and "a nested function" in f.message)] + findings
    return result


def _unshifted(finding, builders):
    """A finding inside a lifted network function, at its column in the original."""
    for b in builders:
        if b.body[0] <= finding.line <= b.body[1] and finding.col:
            return replace(finding, col=finding.col + b.shift)
    return finding


def lift_builders(source: str, tree: ast.Module | None = None, skip=frozenset()) -> BuilderLift | None:
    """The source with every provable builder's network function lifted (those named in
    ``skip`` left as they are), or None."""
    if not _may_hold_builder(source):   # the common file: no parse
        return None
    if tree is None:
        try:
            tree = parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    lines = source.splitlines(keepends=True)
    referenced = _references(tree)
    found, edits = [], []
    for stmt in tree.body:
        if type(stmt) is not ast.FunctionDef or stmt.name in skip:
            continue
        lifted = _lift(stmt, lines, referenced)
        if lifted is not None:
            builder, new_lines = lifted
            found.append(builder)
            edits.append((first_line(stmt), stmt.end_lineno, new_lines))
    if not found:
        return None
    for lo, hi, new_lines in reversed(edits):
        lines[lo - 1:hi] = new_lines
    text = "".join(lines)
    try:
        ast.parse(text)
    except SyntaxError:
        return None
    return BuilderLift(text, tuple(found), source.endswith("\n\n"))


def restore(code: str, lift: BuilderLift, classes: list) -> str:
    """``code`` (the lifted source migrated, every builder a class whose ``__call__`` takes the
    network function's arguments) with each kept TF1 copy of a builder put back to the original
    builder, and the class's ``__call__`` without the blank line the lift left."""
    made = {c["function"]: c for c in classes}
    tree = ast.parse(code)
    lines = code.splitlines(keepends=True)
    by_name = {b.name: b for b in lift.builders}
    networks = {made[b.name]["class"] for b in lift.builders}
    for stmt in reversed(tree.body):
        if type(stmt) is ast.FunctionDef and stmt.name in by_name:
            lines[first_line(stmt) - 1:stmt.end_lineno] = [by_name[stmt.name].text]
        elif type(stmt) is ast.ClassDef and stmt.name in networks:
            for method in stmt.body:   # the network function's header was a blank line
                if type(method) is ast.FunctionDef and method.name == "__call__" \
                        and method.body[0].lineno > method.lineno + 1 \
                        and not lines[method.lineno].strip():
                    del lines[method.lineno]
    code = "".join(lines)
    if not lift.blank_end:   # the builder's return line, when it ended the file
        code = code.rstrip("\n") + "\n"
    return code


def _lift(fn: ast.FunctionDef, lines: list, referenced: dict):
    body = fn.body
    doc = body[0] if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant \
        and type(body[0].value.value) is str else None
    rest = body[1:] if doc is not None else body
    if len(rest) != 2 or type(rest[0]) is not ast.FunctionDef or type(rest[1]) is not ast.Return:
        return None
    inner, ret = rest
    if type(ret.value) is not ast.Name or ret.value.id != inner.name:
        return None
    a, ia = fn.args, inner.args
    outer_params = [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs]
    if len(a.defaults) != len(a.posonlyargs + a.args) or None in a.kw_defaults:
        return None            # a parameter without a default could be a tensor
    if read_star_params(fn):
        return None
    if inner.decorator_list or ia.vararg or ia.kwarg or ia.kwonlyargs or ia.posonlyargs \
            or ia.defaults or not ia.args:
        return None
    call_args = tuple(p.arg for p in ia.args)
    if set(call_args) & set(outer_params) or referenced.get(fn.name, 0) or fn.name in call_args:
        return None
    for node in walk(inner):
        t = type(node)
        if t in (ast.Nonlocal, ast.Global):
            return None
        if t is ast.Name and type(node.ctx) is not ast.Load and node.id in outer_params:
            return None
        if t is ast.Name and node.id in (inner.name, fn.name):
            return None        # recursion, or the network function handed on
        if t is ast.Constant and type(node.value) in (str, bytes) and node.lineno != node.end_lineno:
            return None
        if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda) and node is not inner:
            return None
    if "\t" in "".join(lines[fn.lineno - 1:fn.end_lineno]):
        return None
    indent = len(lines[rest[0].lineno - 1]) - len(lines[rest[0].lineno - 1].lstrip())
    inner_indent = len(lines[inner.body[0].lineno - 1]) - len(lines[inner.body[0].lineno - 1].lstrip())
    shift = inner_indent - indent
    if shift <= 0 or fn.col_offset != 0:
        return None
    signature = ast.unparse(a)
    params = ", ".join(call_args) + (", " + signature if signature else "")
    start = first_line(fn)
    header_end = (doc or inner).lineno - 1          # lines of the def (and its decorators)
    new = [f"def {fn.name}({params}):\n"] + ["\n"] * (header_end - fn.lineno)
    if doc is not None:
        new += lines[doc.lineno - 1:inner.lineno - 1]
    new += ["\n"] * (inner.body[0].lineno - inner.lineno)
    for line in lines[inner.body[0].lineno - 1:inner.end_lineno]:
        if line.strip() and not line.startswith(" " * shift):
            return None
        new.append(line[shift:] if line.strip() else line)
    new += ["\n"] * (fn.end_lineno - inner.end_lineno)
    decorators = lines[start - 1:fn.lineno - 1]
    text = "".join(lines[start - 1:fn.end_lineno])
    body = (inner.body[0].lineno, inner.end_lineno)
    return Builder(fn.name, inner.name, call_args, text, body, shift), decorators + new


def _references(tree: ast.Module) -> dict:
    """How often each name is read anywhere in the module (definitions are no reads)."""
    counts: dict = {}
    for node in walk(tree):
        if type(node) is ast.Name and type(node.ctx) is ast.Load:
            counts[node.id] = counts.get(node.id, 0) + 1
        elif type(node) is ast.Attribute:
            counts[node.attr] = counts.get(node.attr, 0) + 1
    return counts


def returns_function(fn: ast.FunctionDef) -> bool:
    """Does ``fn`` hand back a function of its own (a nested ``def`` by name, or a lambda)?
    What that function makes, it makes after ``fn`` returned (a compat island around the call
    of ``fn`` would track none of it)."""
    nested = {n.name for n in walk(fn) if n is not fn and type(n) in (ast.FunctionDef, ast.AsyncFunctionDef)}
    todo = list(fn.body)
    while todo:
        node = todo.pop()
        if type(node) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda):
            continue
        if type(node) is ast.Return and node.value is not None:
            for sub in walk(node.value):
                if type(sub) is ast.Lambda or (type(sub) is ast.Name and sub.id in nested):
                    return True
        todo.extend(ast.iter_child_nodes(node))
    return False
