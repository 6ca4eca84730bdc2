"""Static values of scope and variable names: literal text with marked dynamic parts.

A name is a *segment*: a tuple of parts, each either literal text or a marked part

- ``("param", p)``   the function's parameter ``p`` (substituted per call site),
- ``("default", p, fallback)``  parameter ``p`` or, when it is None, the segment ``fallback``
  (``variable_scope(scope, default_name="block")``),
- ``("loop", text)`` an expression over loop variables / parameters only: static structure,
- ``("dyn", text)``  anything else: known only at run time.

``text`` is a name or, for an expression, its ``ast`` node, unparsed only when rendered.

    >>> import ast
    >>> env = NameEnv(params={"scope": None}, loop_vars={"layer"})
    >>> render_segment(segment_of(ast.parse("'h%d' % layer", mode="eval").body, env))
    'h{layer}'
"""
from __future__ import annotations

import ast
import re
import string

__all__ = ["NameEnv", "segment_of", "value_parts", "render_segment", "render_path",
           "substitute", "is_runtime", "literal"]

_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])")
_FORMATTER = string.Formatter()


class NameEnv:
    """What a function knows about names: parameters (with default nodes), loop variables and
    local variables last assigned a string expression."""

    __slots__ = ("params", "loop_vars", "strings")

    def __init__(self, params=None, loop_vars=None, strings=None):
        self.params: dict[str, ast.expr | None] = params if params is not None else {}
        self.loop_vars: set[str] = loop_vars if loop_vars is not None else set()
        self.strings: dict[str, tuple] = strings if strings is not None else {}


def literal(text: str) -> tuple:
    return (text,)


def _unparse(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # pragma: no cover - unparse handles every parsed node
        return "?"
    return text if len(text) <= 40 else text[:37] + "..."


def _structural(node: ast.AST, env: NameEnv) -> bool:
    """True when an expression only combines loop variables, parameters and constants."""
    for sub in ast.walk(node):
        kind = type(sub)
        if kind is ast.Name:
            if sub.id not in env.loop_vars and sub.id not in env.params:
                return False
        elif kind not in (ast.BinOp, ast.UnaryOp, ast.Constant, ast.Load, ast.Add, ast.Sub,
                          ast.Mult, ast.FloorDiv, ast.Mod, ast.USub):
            return False
    return True


def value_parts(node: ast.AST, env: NameEnv) -> tuple:
    """Parts for a value formatted into a name (``i`` in ``'h%d' % i``)."""
    kind = type(node)
    if kind is ast.Constant:
        return (str(node.value),) if node.value is not None else (("dyn", "None"),)
    if kind is ast.Name:
        name = node.id
        if name in env.strings:
            return env.strings[name]
        if name in env.loop_vars:
            return (("loop", name),)
        if name in env.params:
            return (("param", name),)
        return (("dyn", name),)
    if kind is ast.Call and type(node.func) is ast.Name and node.func.id == "str" \
            and len(node.args) == 1 and not node.keywords:
        return value_parts(node.args[0], env)
    seg = segment_of(node, env, strict=True)
    if seg is not None:
        return seg
    if _structural(node, env):
        return (("loop", node),)
    return (("dyn", node),)


def _percent(fmt: str, args: ast.AST, env: NameEnv) -> tuple | None:
    values = list(args.elts) if type(args) is ast.Tuple else [args]
    out: list = []
    pos = 0
    for m in _PERCENT.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        if m.group("conv") == "%":
            out.append("%")
            continue
        if m.group("key") is not None or not values:
            return None  # %(name)s with a dict, or too few values: give up
        out.extend(value_parts(values.pop(0), env))
    if values:
        return None
    out.append(fmt[pos:])
    return tuple(out)


def _format(fmt: str, call: ast.Call, env: NameEnv) -> tuple | None:
    try:
        pieces = list(_FORMATTER.parse(fmt))
    except ValueError:
        return None
    kwargs = {k.arg: k.value for k in call.keywords if k.arg}
    out: list = []
    auto = 0
    for text, field, _spec, _conv in pieces:
        out.append(text)
        if field is None:
            continue
        if field == "":
            index, auto = auto, auto + 1
            if index >= len(call.args):
                return None
            out.extend(value_parts(call.args[index], env))
        elif field.isdigit():
            if int(field) >= len(call.args):
                return None
            out.extend(value_parts(call.args[int(field)], env))
        elif field in kwargs:
            out.extend(value_parts(kwargs[field], env))
        else:
            return None  # {0.attr}, {a[1]}, missing keyword
    return tuple(out)


def segment_of(node: ast.AST | None, env: NameEnv, strict: bool = False) -> tuple | None:
    """Segment for a name expression; None for a missing name or the constant None.

    With ``strict`` only string-building expressions are understood (None otherwise).
    """
    if node is None:
        return None
    kind = type(node)
    if kind is ast.Constant:
        if isinstance(node.value, str):
            return (node.value,)
        return None if strict or node.value is None else (str(node.value),)
    if kind is ast.JoinedStr:
        out: list = []
        for value in node.values:
            if type(value) is ast.Constant:
                out.append(str(value.value))
            else:  # FormattedValue
                out.extend(value_parts(value.value, env))
        return tuple(out)
    if kind is ast.BinOp:
        if type(node.op) is ast.Mod and type(node.left) is ast.Constant and isinstance(node.left.value, str):
            seg = _percent(node.left.value, node.right, env)
            if seg is not None:
                return seg
        elif type(node.op) is ast.Add:
            # string concatenation when at least one side is known to be a string
            left = segment_of(node.left, env, strict=True)
            right = segment_of(node.right, env, strict=True)
            if left is not None or right is not None:
                if left is None:
                    left = value_parts(node.left, env)
                if right is None:
                    right = value_parts(node.right, env)
                return left + right
    elif kind is ast.Call:
        func = node.func
        if type(func) is ast.Attribute and func.attr == "format" and type(func.value) is ast.Constant \
                and isinstance(func.value.value, str):
            seg = _format(func.value.value, node, env)
            if seg is not None:
                return seg
    elif kind is ast.BoolOp and type(node.op) is ast.Or and len(node.values) == 2:
        # `scope or "Linear"`: the parameter, or the literal when it is None / empty
        first, second = node.values
        fallback = segment_of(second, env, strict=True)
        if type(first) is ast.Name and first.id in env.params and fallback is not None \
                and not is_runtime(fallback):
            return (("default", first.id, fallback),)
    elif kind is ast.Name and not strict:
        return value_parts(node, env)
    if strict:
        return None
    return (("dyn", node),)


def substitute(seg: tuple, bindings: dict) -> tuple:
    """Replace parameter parts by the caller's value (a segment, or None for ``None``)."""
    out: list = []
    for part in seg:
        if type(part) is str:
            out.append(part)
        elif part[0] == "param":
            if part[1] in bindings and bindings[part[1]] is not None:
                out.extend(bindings[part[1]])
            else:
                out.append(part)
        elif part[0] == "default":
            value = bindings.get(part[1], False)
            if value is None:
                out.extend(substitute(part[2], bindings))
            elif value is False:  # not bound here: keep for an outer caller
                out.append(part)
            else:
                out.extend(value)
        else:
            out.append(part)
    return tuple(out)


def is_runtime(seg: tuple | None) -> bool:
    """True when a segment has a part known only at run time."""
    if not seg:
        return False
    for part in seg:
        if type(part) is not str and part[0] == "dyn":
            return True
    return False


def render_segment(seg: tuple) -> str:
    out = []
    for part in seg:
        if type(part) is str:
            out.append(part)
        elif part[0] == "default":
            out.append(render_segment(part[2]))
        else:
            text = part[1]
            out.append("{" + (text if type(text) is str else _unparse(text)) + "}")
    return "".join(out)


def render_path(path) -> str:
    return "/".join(render_segment(seg) for seg in path)
