"""Source text, ``ast`` positions as offsets, and nested edits rendered in one pass.

Native migration rewrites a function into a class by editing its text: everything an edit
does not cover stays byte for byte (comments included). Edits may nest: the replacement of
an outer call renders its arguments through the edits inside them::

    >>> src = Source("y = f(g(x))  # keep\\n")
    >>> call = ast.parse(src.text).body[0].value
    >>> ed = Editor(src)
    >>> ed.replace(call.args[0], "self.g(x)")
    >>> ed.replace(call, lambda r: "self.f(" + r.node(call.args[0]) + ")")
    >>> ed.render()
    'y = self.f(self.g(x))  # keep\\n'
"""
from __future__ import annotations

import ast
import bisect
import io
import tokenize

__all__ = ["Source", "Editor", "EditConflict", "string_lines", "header_colon"]


class EditConflict(Exception):
    """Two edits overlap without nesting: the file is left unchanged rather than guessed."""


class Source:
    """Text of one module with a line table (``ast`` columns are UTF-8 byte offsets)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        i = text.find("\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.lines = text.split("\n")
        self._ascii = text.isascii()

    def offset(self, lineno: int, col: int) -> int:
        start = self.starts[lineno - 1]
        if self._ascii or col == 0:
            return start + col
        line = self.lines[lineno - 1]
        return start + len(line.encode("utf-8")[:col].decode("utf-8", "replace"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (self.offset(node.lineno, node.col_offset),
                self.offset(node.end_lineno, node.end_col_offset))

    def segment(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def line_of(self, offset: int) -> int:
        """1-based line holding character ``offset`` (``text.count("\\n", 0, offset) + 1``)."""
        return bisect.bisect_right(self.starts, offset)

    def line_start(self, lineno: int) -> int:
        return self.starts[lineno - 1] if lineno - 1 < len(self.starts) else len(self.text)

    def next_line_start(self, lineno: int) -> int:
        """Offset of the line after ``lineno`` (end of text for the last line)."""
        return self.starts[lineno] if lineno < len(self.starts) else len(self.text)

    def indent(self, lineno: int) -> int:
        line = self.lines[lineno - 1]
        return len(line) - len(line.lstrip(" \t"))

    def column(self, node: ast.AST) -> int:
        """1-based character column, as compilers print it."""
        return self.offset(node.lineno, node.col_offset) - self.starts[node.lineno - 1] + 1


class _Edit:
    __slots__ = ("start", "end", "new", "order")

    def __init__(self, start, end, new, order):
        self.start, self.end, self.new, self.order = start, end, new, order


class Editor:
    """Edits on one :class:`Source`; ``new`` is a string or ``callable(renderer) -> str``.

    An edit strictly inside another is not applied on its own: the outer edit's callable
    sees it when it renders a sub-node with ``renderer.node(node)``.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self._edits: list[_Edit] = []
        self._sorted = None

    def add(self, start: int, end: int, new) -> None:
        self._edits.append(_Edit(start, end, new, len(self._edits)))
        self._sorted = None

    def replace(self, node: ast.AST, new) -> None:
        self.add(*self.source.span(node), new)

    def insert(self, offset: int, text: str) -> None:
        self.add(offset, offset, text)

    def _order(self):
        if self._sorted is None:
            self._sorted = sorted(self._edits, key=lambda e: (e.start, e.end, e.order))
            self._starts = [e.start for e in self._sorted]
        return self._sorted

    def node(self, node: ast.AST) -> str:
        """The text of ``node`` with the edits strictly inside it applied."""
        return self.span(*self.source.span(node))

    def render(self) -> str:
        return self.span(0, len(self.source.text))

    def span(self, lo: int, hi: int) -> str:
        edits = self._order()
        text = self.source.text
        i = bisect.bisect_left(self._starts, lo)
        out = []
        pos = lo
        while i < len(edits):
            e = edits[i]
            if e.start > hi or (e.start == hi and e.end > hi):
                break
            if e.end > hi:
                raise EditConflict(f"edit {e.start}-{e.end} crosses {lo}-{hi}")
            if e.start < pos:
                raise EditConflict(f"overlapping edits at {e.start}-{e.end}")
            out.append(text[pos:e.start])
            out.append(e.new(self) if callable(e.new) else e.new)
            pos = e.end
            i += 1
            if e.end > e.start:  # skip the edits nested inside this one
                while i < len(edits) and edits[i].start < e.end:
                    if edits[i].end > e.end:
                        raise EditConflict(f"overlapping edits at {edits[i].start}-{edits[i].end}")
                    i += 1
        out.append(text[pos:hi])
        return "".join(out)


def string_lines(text: str) -> set[int]:
    """1-based numbers of lines that begin inside a multi-line string token (their leading
    whitespace is string content, so re-indenting them would change the program).

    Only a string literal that spans lines can hold one, so only those are tokenized (the
    text of each, found by ``ast``), not the whole file; a text that does not parse, or a
    literal whose text does not tokenize alone, falls back to the whole file's tokens.
    """
    if '"""' not in text and "'''" not in text and "\\\n" not in text:
        return set()   # a string token spans lines only with triple quotes or a backslash-newline
    try:
        return _literal_lines(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError, tokenize.TokenError, _Fallback):
        return _token_lines(text)


class _Fallback(Exception):
    pass


def _literal_lines(text: str) -> set[int]:
    from unscope.migrate.parses import parse, walk

    source = None
    inside: set[int] = set()
    skip: set[int] = set()   # the parts of an f-string: tokenized with it
    for node in walk(parse(text)):
        kind = type(node)
        if kind is ast.JoinedStr:
            if id(node) in skip:
                continue
            skip.update(id(n) for n in walk(node))
        elif kind is not ast.Constant or type(node.value) not in (str, bytes) or id(node) in skip:
            continue
        if node.end_lineno == node.lineno:
            continue
        source = source or Source(text)
        # In brackets the literal tokenizes as it does in the file: no INDENT, no NEWLINE.
        found = _token_lines("(" + source.segment(node) + ")", strict=True)
        inside.update(line + node.lineno - 1 for line in found)
    return inside


def _token_lines(text: str, strict: bool = False) -> set[int]:
    inside: set[int] = set()
    fstring_start = getattr(tokenize, "FSTRING_START", None)  # Python >= 3.12
    fstring_end = getattr(tokenize, "FSTRING_END", None)
    opened: list[int] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
                inside.update(range(tok.start[0] + 1, tok.end[0] + 1))
            elif fstring_start is not None and tok.type == fstring_start:
                opened.append(tok.start[0])
            elif fstring_end is not None and tok.type == fstring_end and opened:
                first = opened.pop()
                inside.update(range(first + 1, tok.end[0] + 1))
            elif strict and tok.type == tokenize.ERRORTOKEN:
                raise _Fallback
    except (tokenize.TokenError, IndentationError, SyntaxError):
        if strict:
            raise _Fallback from None
    return inside


def header_colon(source: Source, node: ast.AST, after: ast.AST | None = None) -> int:
    """Offset just past the ``:`` that ends the header of compound statement ``node``.

    Scans tokens from the end of ``after`` (or the start of ``node``) for the first ``:`` at
    bracket depth 0.
    """
    if after is not None:
        start = source.offset(after.end_lineno, after.end_col_offset)
    else:
        start = source.offset(node.lineno, node.col_offset)
    body_start = source.offset(node.body[0].lineno, node.body[0].col_offset)
    chunk = source.text[start:body_start]
    depth = 0
    base_line = source.line_of(start) - 1
    try:
        for tok in tokenize.generate_tokens(io.StringIO(chunk).readline):
            if tok.type != tokenize.OP:
                continue
            if tok.string in "([{":
                depth += 1
            elif tok.string in ")]}":
                depth -= 1
            elif tok.string == ":" and depth == 0:
                row, col = tok.end
                if row == 1:
                    return start + col
                return source.starts[base_line + row - 1] + col
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    raise EditConflict("could not find the ':' ending a compound statement header")
