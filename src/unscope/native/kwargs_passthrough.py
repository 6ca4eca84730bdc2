"""``**kwargs`` passed straight through (``def conv(x, filters, name=None, **kwargs): return
tf.layers.conv2d(x, filters, 3, name=name, **kwargs)``): where every call of the function in
its file is a plain call passing the same extra keywords by literal name (``padding="same",
activation=tf.nn.relu``), those keywords are the function's real parameters.

Native mode then migrates the function as if it had been written with them: the signature
takes them as keyword-only parameters and each ``**kwargs`` passes them on by name (line for
line, so findings keep their lines); whether each is structure (``__init__``) or a tensor
(``__call__``) is decided as for any parameter.  The TF1 text kept beside the class is the
original function again.  What cannot be proven stays TF1 with the engine's finding: the
function named anywhere but in such calls, call sites with ``*``/``**`` or different extra
keywords, no call site in the file, ``kwargs`` read other than as ``**kwargs``.

    >>> src = '''def conv(x, name=None, **kwargs):
    ...     return layer(x, name=name, **kwargs)
    ... def net(x):
    ...     return conv(x, name="c", padding="same")
    ... '''
    >>> print(lift_passthrough(src).source, end="")
    def conv(x, name=None, *, padding):
        return layer(x, name=name, padding=padding)
    def net(x):
        return conv(x, name="c", padding="same")
"""
from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass

from unscope.migrate.parses import parse, walk
from unscope.native.decorators import first_line

__all__ = ["Passthrough", "PassthroughLift", "lift_passthrough", "migrate_passthrough"]


@dataclass(frozen=True)
class Passthrough:
    name: str
    keys: tuple            # the extra keywords every call site passes
    text: str              # the function's original text, decorators included


@dataclass(frozen=True)
class PassthroughLift:
    source: str
    functions: tuple


def migrate_passthrough(source: str, migrate):
    """``migrate(text)`` over ``source`` with its pass-through functions spelled out, and the
    result with their original TF1 text restored; None where none became a class."""
    skip: set = set()
    why: dict = {}
    while True:
        lifted = lift_passthrough(source, skip=skip)
        if lifted is None:
            if not why:
                return None
            result = migrate(source)
            break
        result = migrate(lifted.source)
        if not result.ok:
            return None
        made = {c["function"] for c in result.classes}
        failed = {f.name for f in lifted.functions if f.name not in made}
        if not failed:
            break
        for name in failed:   # the real reason, once its keywords are spelled out
            why[name] = [f for f in result.findings if f"{name} stays in TF1 form" in f.message]
        skip |= failed
    if lifted is not None:
        result.code = _restore(result.code, lifted)
    for name, findings in why.items():
        if findings:
            result.findings = [f for f in result.findings if not (
                f"{name} stays in TF1 form" in f.message and any(t in f.message for t in _STARS))]
            result.findings += findings
            result.findings = [f for f in result.findings   # its callers' lifted reasons are in
                               if f"call of {name} with * or ** or unknown arguments" not in f.message]
    return result


_STARS = ("*args/**kwargs", "arguments passed with * or **")


def lift_passthrough(source: str, skip=frozenset()) -> PassthroughLift | None:
    """The source with each provable pass-through function spelled out, or None.  Again over
    its own output until nothing changes: spelling out ``scaled`` turns its ``weight(...,
    **kwargs)`` into literal keywords, which may prove ``weight``."""
    found, text = [], source
    while True:
        one = _lift_once(text, set(skip) | {f.name for f in found})
        if one is None:
            break
        found += one.functions
        text = one.source
    return PassthroughLift(text, tuple(found)) if found else None


_SPREAD_PARAM = re.compile(r"\bdef \w+\([^)]*\*\*(\w+)\s*(?::[^)]*)?\)")


def _may_pass_through(source: str) -> bool:
    """A ``def f(..., **kw)`` whose ``**kw`` appears again: what a pass-through needs, by regex."""
    return any(len(re.findall(rf"\*\*{name}\b", source)) > 1 for name in set(_SPREAD_PARAM.findall(source)))


def _lift_once(source: str, skip) -> PassthroughLift | None:
    if "**" not in source or not _may_pass_through(source):
        return None
    try:
        tree = parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = source.splitlines(keepends=True)
    found, edits = [], []
    for stmt in tree.body:
        if type(stmt) is ast.FunctionDef and stmt.args.kwarg is not None and stmt.name not in skip:
            one = _spell_out(stmt, tree, lines)
            if one is not None:
                found.append(one[0])
                edits.extend(one[1])
    if not found:
        return None
    for (line, lo, hi), text in sorted(edits, reverse=True):
        lines[line - 1] = lines[line - 1][:lo] + text + lines[line - 1][hi:]
    text = "".join(lines)
    try:
        ast.parse(text)
    except SyntaxError:
        return None
    return PassthroughLift(text, tuple(found))


def _spell_out(fn: ast.FunctionDef, tree: ast.Module, lines: list):
    kw = fn.args.kwarg.arg
    named = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
    if fn.args.vararg is not None:
        return None
    passes = []
    for node in walk(fn):
        if type(node) is ast.Name and node.id == kw:
            passes.append(node)
    spreads = [k for node in walk(fn) if type(node) is ast.Call for k in node.keywords
               if k.arg is None and type(k.value) is ast.Name and k.value.id == kw]
    if not spreads or len(spreads) != len(passes):
        return None            # kwargs read other than as **kwargs
    keys = _call_keys(fn, tree, named)
    if keys is None or keys & (named | _locals(fn)):
        return None
    keys = tuple(sorted(keys))
    signature = copy.deepcopy(fn.args)
    signature.kwarg = None
    signature.kwonlyargs += [ast.arg(k) for k in keys]
    signature.kw_defaults += [None] * len(keys)
    header = f"def {fn.name}({ast.unparse(signature)}):"
    colon = fn.body[0].lineno
    if _header_end(fn) is None:
        return None            # one-line def: the body shares the header's line
    edits = [((fn.lineno, 0, len(lines[fn.lineno - 1].rstrip("\r\n"))), header)]
    for line in range(fn.lineno + 1, colon):
        if lines[line - 1].strip() and not lines[line - 1].strip().startswith("#"):
            edits.append(((line, 0, len(lines[line - 1].rstrip("\r\n"))), ""))
    for k in spreads:
        if k.lineno != k.end_lineno:
            return None
        edits.append(((k.lineno, k.col_offset, k.end_col_offset), ", ".join(f"{n}={n}" for n in keys)))
    text = "".join(lines[first_line(fn) - 1:fn.end_lineno])
    return Passthrough(fn.name, keys, text), edits


def _header_end(fn):
    """The def's header ends on a line of its own (the body starts below it)."""
    end = fn.args.kwarg.end_lineno
    return end if end < fn.body[0].lineno else None


def _call_keys(fn: ast.FunctionDef, tree: ast.Module, named: set) -> set | None:
    """The extra keywords every call of ``fn`` in the file passes (the same at each), or None
    where ``fn`` is named other than as a plain call, or no call passes literal keywords only."""
    calls, names = [], 0
    for node in walk(tree):
        if type(node) is ast.Name and node.id == fn.name:
            names += 1
        elif type(node) is ast.Call and type(node.func) is ast.Name and node.func.id == fn.name:
            calls.append(node)
    if not calls or names != len(calls):
        return None
    positional = len(fn.args.posonlyargs + fn.args.args)
    found = None
    for call in calls:
        if any(type(a) is ast.Starred for a in call.args) or any(k.arg is None for k in call.keywords):
            return None
        if len(call.args) > positional:
            return None
        extra = {k.arg for k in call.keywords if k.arg not in named}
        if found is not None and extra != found:
            return None
        found = extra
    return found


def _locals(fn: ast.FunctionDef) -> set:
    return {n.id for n in walk(fn) if type(n) is ast.Name and type(n.ctx) is ast.Store}


def _restore(code: str, lift: PassthroughLift) -> str:
    tree = ast.parse(code)
    lines = code.splitlines(keepends=True)
    by_name = {f.name: f for f in lift.functions}
    for stmt in reversed(tree.body):
        if type(stmt) is ast.FunctionDef and stmt.name in by_name:
            lines[first_line(stmt) - 1:stmt.end_lineno] = [by_name[stmt.name].text]
    return "".join(lines)
