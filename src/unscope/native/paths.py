"""Scope paths as data: what a TF1 name expression becomes, and how it is written back.

A path is a tuple of *segments* joined by ``/``; a segment is a tuple of *pieces*: literal
text, a :class:`Ref` to a static expression (a structural argument, a loop variable), or a
:class:`Uniq` (a TF1-uniquified name: ``dense``, ``dense_1``, ... resolved by counting)::

    >>> import ast
    >>> pieces(ast.parse("'h%d' % layer", mode="eval").body)
    ('h', Ref(layer))
    >>> fstring([BASE, ("h", Ref(ast.Name("layer")))], lambda node: ast.unparse(node), "name")
    'f"{name}/h{layer}"'
"""
from __future__ import annotations

import ast
import keyword
import re
import string

from unscope.migrate.parses import walk

__all__ = ["Ref", "Uniq", "Slot", "BASE", "pieces", "segments", "key", "fstring", "attr_name",
           "class_name", "free_names", "is_literal"]


class Ref:
    """A static expression inside a name; ``spec`` is its conversion/format spec (``:02d``)."""

    __slots__ = ("node", "spec")

    def __init__(self, node: ast.expr, spec: str = "") -> None:
        self.node = node
        self.spec = spec

    def __repr__(self) -> str:
        return f"Ref({ast.unparse(self.node)}{self.spec})"


class Uniq:
    """A name TF1 uniquified, one per iteration of a static loop (``names``), or still
    unknown (``names`` is None) while the loop is being walked."""

    __slots__ = ("base", "names", "loop")

    def __init__(self, base: str, loop=None) -> None:
        self.base = base
        self.names: list[str] | None = None
        self.loop = loop

    def __repr__(self) -> str:
        return f"Uniq({self.base}, {self.names})"


class Slot:
    """A uniquified name in a function's entry scope: it depends on the caller, so it is
    resolved at each call site and must come out the same everywhere."""

    __slots__ = ("base", "name", "conflict")

    def __init__(self, base: str) -> None:
        self.base = base
        self.name: str | None = None
        self.conflict: str | None = None

    def assign(self, name: str) -> None:
        if self.name is None:
            self.name = name
        elif self.name != name and self.conflict is None:
            self.conflict = f"{self.name} and {name}"

    def __repr__(self) -> str:
        return f"Slot({self.base}={self.name})"


class _Base:
    """The module's own path (``name`` in ``__init__``, ``self.scope_name`` in ``__call__``)."""

    def __repr__(self) -> str:
        return "BASE"


BASE = (_Base(),)  # a segment holding only the base marker


def pieces(node: ast.expr) -> tuple | None:
    """Pieces of a string-valued name expression, or None when it is not understood."""
    t = type(node)
    if t is ast.Constant:
        return (node.value,) if isinstance(node.value, str) else None
    if t is ast.JoinedStr:
        out = []
        for value in node.values:
            if type(value) is ast.Constant:
                out.append(value.value)
                continue
            spec = ""
            if value.conversion not in (-1, None):
                spec += "!" + chr(value.conversion)
            if value.format_spec is not None:
                parts = value.format_spec.values
                if not all(type(p) is ast.Constant for p in parts):
                    return None
                spec += ":" + "".join(p.value for p in parts)
            out.append(Ref(value.value, spec))
        return tuple(out)
    if t is ast.BinOp and type(node.op) is ast.Mod and type(node.left) is ast.Constant \
            and isinstance(node.left.value, str):
        args = node.right.elts if type(node.right) is ast.Tuple else [node.right]
        return _percent(node.left.value, args)
    if t is ast.BinOp and type(node.op) is ast.Add:
        left, right = pieces(node.left), pieces(node.right)
        if left is None or right is None:
            return None
        return left + right
    if t is ast.Call and type(node.func) is ast.Name and node.func.id == "str" \
            and len(node.args) == 1 and not node.keywords:
        return (Ref(node.args[0]),)
    if t is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "format" \
            and type(node.func.value) is ast.Constant and isinstance(node.func.value.value, str):
        return _format(node.func.value.value, node)
    if t in (ast.Name, ast.Attribute, ast.Subscript):
        return (Ref(node),)
    return None


_PERCENT = re.compile(r"%(0?\d*)([sdir%])")


def _percent(fmt: str, args: list) -> tuple | None:
    out: list = []
    pos = 0
    i = 0
    for m in _PERCENT.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        width, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        if i >= len(args) or type(args[i]) is ast.Starred:
            return None
        spec = ""
        if conv == "r":
            spec = "!r"
        elif width:
            if conv == "s":
                return None
            spec = f":{width}d"
        out.append(Ref(args[i], spec))
        i += 1
    if i != len(args) or "%" in fmt[pos:]:
        return None
    out.append(fmt[pos:])
    return tuple(p for p in out if p != "")


def _format(fmt: str, call: ast.Call) -> tuple | None:
    out: list = []
    auto = 0
    keywords = {kw.arg: kw.value for kw in call.keywords if kw.arg}
    if len(keywords) != len(call.keywords):
        return None
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return None
    for literal, field, spec, conversion in parsed:
        if literal:
            out.append(literal)
        if field is None:
            continue
        if field == "":
            if auto >= len(call.args):
                return None
            node = call.args[auto]
            auto += 1
        elif field.isdigit():
            if int(field) >= len(call.args):
                return None
            node = call.args[int(field)]
        elif field in keywords:
            node = keywords[field]
        else:
            return None
        if type(node) is ast.Starred or (spec and "{" in spec):
            return None
        out.append(Ref(node, (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")))
    return tuple(out)


def segments(parts: tuple) -> tuple:
    """Split pieces into ``/``-separated segments (literal text may contain slashes)."""
    segs: list[list] = [[]]
    for piece in parts:
        if isinstance(piece, str):
            chunks = piece.split("/")
            for j, chunk in enumerate(chunks):
                if j:
                    segs.append([])
                if chunk:
                    segs[-1].append(chunk)
        else:
            segs[-1].append(piece)
    return tuple(tuple(s) for s in segs if s)


def is_literal(path) -> bool:
    return all(_literal_piece(p) is not None for seg in path for p in seg)


def _literal_piece(piece):
    if isinstance(piece, str):
        return piece
    if isinstance(piece, Slot):
        return piece.name
    return None


def key(path) -> str:
    """A comparable text for a path; static expressions by their source, loop names marked."""
    out = []
    for seg in path:
        text = []
        for piece in seg:
            if isinstance(piece, str):
                text.append(piece)
            elif isinstance(piece, Ref):
                text.append("{" + ast.unparse(piece.node) + piece.spec + "}")
            elif isinstance(piece, Slot):
                text.append(piece.name if piece.name is not None else f"<{piece.base}@{id(piece)}>")
            elif isinstance(piece, Uniq):
                text.append("<" + ",".join(piece.names or [piece.base]) + ">")
            else:
                text.append("{BASE}")
        out.append("".join(text))
    return "/".join(out)


def free_names(node: ast.AST) -> set[str]:
    """Names an expression reads, without those bound inside it (lambda, comprehension)."""
    bound: set[str] = set()
    for sub in walk(node):
        if type(sub) is ast.Lambda:
            bound.update(a.arg for a in sub.args.args + sub.args.kwonlyargs + sub.args.posonlyargs)
        elif type(sub) is ast.comprehension:
            bound.update(n.id for n in walk(sub.target) if type(n) is ast.Name)
        elif type(sub) is ast.NamedExpr:
            bound.add(sub.target.id)
    return {n.id for n in walk(node) if type(n) is ast.Name and type(n.ctx) is ast.Load} - bound


def _escape(text: str, quote: str, braces: bool) -> str:
    text = text.replace("\\", "\\\\").replace(quote, "\\" + quote).replace("\n", "\\n")
    return text.replace("{", "{{").replace("}", "}}") if braces else text


def fstring(path, expr, base: str | None, uniq_var: str | None = None) -> str:
    """Source text of a string literal (or f-string) spelling ``path``.

    ``expr(node)`` gives the text of a static expression; ``base`` the expression of the
    module path for :data:`BASE`; ``uniq_var`` the comprehension variable iterating over a
    :class:`Uniq`'s names.
    """
    parts: list = []  # literal str, or ("expr", text)
    first = True
    for seg in path:
        if seg is BASE or (len(seg) == 1 and isinstance(seg[0], _Base)):
            if base is None:
                continue
            if not first:
                parts.append("/")
            parts.append(("expr", base))
            first = False
            continue
        if not first:
            parts.append("/")
        first = False
        for piece in seg:
            if isinstance(piece, str):
                parts.append(piece)
            elif isinstance(piece, Slot):
                parts.append(piece.name or piece.base)
            elif isinstance(piece, Uniq):
                parts.append(("expr", uniq_var or "name"))
            elif isinstance(piece, Ref):
                parts.append(("expr", expr(piece.node) + piece.spec))
    exprs = [p[1] for p in parts if isinstance(p, tuple)]
    if len(parts) == 1 and exprs and exprs[0] in (base, uniq_var):
        return exprs[0]  # already a string: the module path or a name from a tuple
    if not exprs:
        text = "".join(parts)
        quote = '"' if '"' not in text or "'" in text else "'"
        return quote + _escape(text, quote, False) + quote
    for quote in ('"', "'"):
        if all(quote not in e and "\\" not in e and "\n" not in e for e in exprs):
            body = "".join(_escape(p, quote, True) if isinstance(p, str) else "{" + p[1] + "}" for p in parts)
            return f"f{quote}{body}{quote}"
    # an expression that cannot sit inside an f-string: concatenate
    out = []
    for p in parts:
        out.append(repr(p) if isinstance(p, str) else f"str({p[1]})")
    return " + ".join(out)


_RESERVED = frozenset({
    "name", "name_scope", "variables", "trainable_variables", "non_trainable_variables",
    "submodules", "with_name_scope", "scope_name", "regularization_losses", "self",
})


def attr_name(path, fallback: str) -> str:
    """An attribute name from a path's literal text: ``h{i}`` -> ``h``, ``readout/v`` ->
    ``readout_v``."""
    words = []
    for seg in path:
        text = "".join(p if isinstance(p, str) else (p.name or p.base) if isinstance(p, Slot)
                       else p.base if isinstance(p, Uniq) else "" for p in seg)
        text = re.sub(r"\W+", "_", text).strip("_")
        if text:
            words.append(text)
    name = "_".join(words) or fallback
    return identifier(name)


def identifier(text: str) -> str:
    name = re.sub(r"\W+", "_", text)
    if not name or name[0].isdigit():
        name = "_" + name
    if keyword.iskeyword(name) or name in _RESERVED:
        name += "_"
    return name


def class_name(function: str) -> str:
    """``conv1d`` -> ``Conv1d``, ``shared_proj`` -> ``SharedProj``, ``_block`` -> ``_Block``."""
    lead = len(function) - len(function.lstrip("_"))
    words = [w for w in function[lead:].split("_") if w]
    name = "_" * lead + "".join(w[:1].upper() + w[1:] for w in words)
    return name or "Module"
